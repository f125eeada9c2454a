//! Dateline parsing: the one-line date (and time) under a headline, or a free-text
//! date field of an HTML page or feed.
//!
//! The line is tokenised ([`crate::tokens`]), then scanned left to right for
//! *items*: times, numeric dates, textual dates (day, month name or names,
//! year, calendar marker), weekdays, labels (`نشر في`, `آخر تحديث`, `الموافق`…),
//! punctuation and unknown words. A line is only a dateline when the unknown
//! words are few, short, and set off from the date (a leading place such as
//! `القاهرة - `, an agency in parentheses, a zone after `بتوقيت`). Labels split
//! the line into clauses (published / updated); the published clause wins.
//! Within a clause the Gregorian date wins over a Hijri one, which is kept as a
//! cross-check, and the first time and weekday are checked against the date.

mod date;
mod items;
mod resolve;
mod shape;
mod time;
mod words;

use rasid_core::{Span, Timestamp};

use crate::months::Calendar;
use crate::tokens::tokenize;

use items::Parser;
use resolve::{resolve, split_clauses};
use shape::looks_like_dateline;
use words::Role;

/// Longest line (in characters) still considered a dateline.
///
/// ```
/// use rasid_calendar::{parse_dateline, MAX_DATELINE_CHARS};
/// let long = format!("21/12/2017{}", " ".repeat(MAX_DATELINE_CHARS));
/// assert!(parse_dateline(&long).is_none());
/// ```
pub const MAX_DATELINE_CHARS: usize = 200;

/// A dateline parsed into a timestamp.
///
/// ```
/// use rasid_calendar::{parse_dateline, Calendar};
/// let line = "القاهرة - الخميس، 21 ديسمبر 2017 10:57 ص";
/// let d = parse_dateline(line).unwrap();
/// assert_eq!(d.timestamp.to_string(), "2017-12-21T10:57:00");
/// assert_eq!(d.span.slice(line), Some("الخميس، 21 ديسمبر 2017 10:57 ص"));
/// assert_eq!((d.calendar, d.has_time), (Calendar::Gregorian, true));
/// assert!(d.warnings.is_empty());
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Dateline {
    /// The publication time it states: local (offset-less) unless the line gives
    /// a zone (`+03:00`, `GMT+3`, `Z`). Midnight when no time is given.
    pub timestamp: Timestamp,
    /// The part of the line that is the date (and time), weekday included, in
    /// bytes; labels and a leading place are outside it.
    pub span: Span,
    /// Problems such as a weekday that contradicts the date.
    pub warnings: Vec<String>,
    /// The calendar of the date the timestamp was taken from (Gregorian when the
    /// line gives both).
    pub calendar: Calendar,
    /// Whether the line gave a (valid) time of day.
    pub has_time: bool,
}

/// Parses a dateline such as `الخميس، 21 ديسمبر 2017 10:57 ص`.
///
/// Returns `None` when the line is not mostly a date (a body paragraph, a
/// headline that mentions a date), when it has no complete date (day, month and
/// year), or when the date is impossible (`31 فبراير`, month 13, year 0). An
/// impossible time or a contradicting weekday keeps the date and adds a warning.
/// Never panics.
///
/// ```
/// use rasid_calendar::parse_dateline;
/// let iso = |s: &str| parse_dateline(s).map(|d| d.timestamp.to_string());
/// assert_eq!(iso("الخميس، 21 ديسمبر 2017 10:57 ص").as_deref(), Some("2017-12-21T10:57:00"));
/// assert_eq!(iso("٢١/١٢/٢٠١٧").as_deref(), Some("2017-12-21T00:00:00"));
/// assert_eq!(iso("الخميس 21 كانون الأول/ديسمبر 2017").as_deref(), Some("2017-12-21T00:00:00"));
/// assert_eq!(iso("3 ربيع الآخر 1439 هـ").as_deref(), Some("2017-12-21T00:00:00"));
/// assert_eq!(iso("2017-12-21T10:57:00+03:00").as_deref(), Some("2017-12-21T10:57:00+03:00"));
/// assert_eq!(iso("بدأت جولة محادثات سلام جديدة في 21 ديسمبر 2017 بين النظام والمعارضة"), None);
/// assert_eq!(iso("31 فبراير 2017"), None);
///
/// let d = parse_dateline("الجمعة 21 ديسمبر 2017").unwrap();
/// assert_eq!(d.warnings, ["dateline weekday الجمعة (Friday) contradicts 2017-12-21 (Thursday)"]);
/// ```
pub fn parse_dateline(line: &str) -> Option<Dateline> {
    if line.chars().nth(MAX_DATELINE_CHARS).is_some() {
        return None;
    }
    let parser = Parser {
        line,
        toks: tokenize(line),
    };
    let items = parser.items();
    if !looks_like_dateline(&items, line) {
        return None;
    }
    let clauses = split_clauses(&items);
    let pick = |role: Role| {
        clauses
            .iter()
            .filter(|c| c.role == role)
            .find_map(|c| resolve(line, c.items))
    };
    if let Some(found) = pick(Role::Published).or_else(|| pick(Role::Other)) {
        return Some(found);
    }
    let mut updated = pick(Role::Updated)?;
    updated
        .warnings
        .push("dateline gives only an update time; used it as the publication time".to_owned());
    Some(updated)
}

#[cfg(test)]
mod tests;
