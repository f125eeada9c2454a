//! Date values: `2017`, `2017-12`, `2017-12-21`, ranges `FROM..TO` and `FROM/TO`, open ends.

use jiff::civil::Date;

use super::DateRange;
use crate::error::QueryError;

/// ASCII digits for Arabic-Indic and Persian ones.
fn ascii_digits(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{0660}'..='\u{0669}' => char::from_digit(u32::from(c) - 0x0660, 10).unwrap_or(c),
            '\u{06F0}'..='\u{06F9}' => char::from_digit(u32::from(c) - 0x06F0, 10).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// The days a `YYYY`, `YYYY-MM` or `YYYY-MM-DD` covers: `[first, next)`.
fn period(text: &str) -> Option<(Date, Date)> {
    let parts: Vec<&str> = text.split(['-', '/']).collect();
    let number = |s: &str, digits: std::ops::RangeInclusive<usize>| -> Option<i16> {
        if digits.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()) {
            s.parse().ok()
        } else {
            None
        }
    };
    match parts.as_slice() {
        [y] => {
            let year = number(y, 4..=4)?;
            let first = Date::new(year, 1, 1).ok()?;
            Some((first, first.checked_add(jiff::Span::new().years(1)).ok()?))
        }
        [y, m] => {
            let first = Date::new(number(y, 4..=4)?, i8::try_from(number(m, 1..=2)?).ok()?, 1).ok()?;
            Some((first, first.checked_add(jiff::Span::new().months(1)).ok()?))
        }
        [y, m, d] => {
            let day = Date::new(
                number(y, 4..=4)?,
                i8::try_from(number(m, 1..=2)?).ok()?,
                i8::try_from(number(d, 1..=2)?).ok()?,
            )
            .ok()?;
            Some((day, day.tomorrow().ok()?))
        }
        _ => None,
    }
}

/// Splits `FROM..TO`, or `FROM/TO` when both sides are periods (`2017/05` is
/// May 2017, `2017-05/2017-07` three months).
fn split_range(text: &str) -> Option<(&str, &str)> {
    text.split_once("..").or_else(|| {
        text.split_once('/')
            .filter(|(a, b)| period(a).is_some() && period(b).is_some() && !b.contains('/'))
    })
}

/// Parses `2017`, `2017-12`, `2017-12-21`, `FROM..TO`, `FROM..`, `..TO`, `FROM/TO` (both
/// ends inclusive, each end a whole period). `at` is where the text starts, for errors.
///
/// ```
/// use rasid_search::query::parse_date_range;
/// let may_to_july = parse_date_range("2017-05/2017-07", 0).unwrap();
/// assert_eq!(may_to_july.from.unwrap().to_string(), "2017-05-01");
/// assert_eq!(may_to_july.until.unwrap().to_string(), "2017-08-01");
/// assert_eq!(parse_date_range("2017/05", 0).unwrap().until.unwrap().to_string(), "2017-06-01");
/// assert!(parse_date_range("2017-13", 0).is_err());
/// ```
///
/// # Errors
/// [`QueryError::BadDate`] and [`QueryError::EmptyRange`].
pub fn parse_date_range(text: &str, at: usize) -> Result<DateRange, QueryError> {
    let text = ascii_digits(text.trim());
    let bad = || QueryError::BadDate { text: text.clone(), at };
    let range = match split_range(&text) {
        None => {
            let (from, until) = period(&text).ok_or_else(bad)?;
            DateRange {
                from: Some(from),
                until: Some(until),
            }
        }
        Some((a, b)) => {
            let from = if a.is_empty() {
                None
            } else {
                Some(period(a).ok_or_else(bad)?.0)
            };
            let until = if b.is_empty() {
                None
            } else {
                Some(period(b).ok_or_else(bad)?.1)
            };
            if from.is_none() && until.is_none() {
                return Err(bad());
            }
            DateRange { from, until }
        }
    };
    if let (Some(from), Some(until)) = (range.from, range.until) {
        if from >= until {
            return Err(QueryError::EmptyRange { text, at });
        }
    }
    Ok(range)
}
