//! Dates: numeric (`21/12/2017`) and textual (`21 ديسمبر 2017`, `3 ربيع الآخر 1439 هـ`).

use super::items::{DateItem, Parser};
use super::words::calendar_marker;
use crate::months::{month_by_normalized, Calendar, MonthName};

impl Parser<'_> {
    /// `21/12/2017`, `21-12-2017`, `21.12.2017`, `2017/12/21`, `2017-12-21`,
    /// optionally followed by a calendar marker (`1439/04/03 هـ`).
    pub(super) fn numeric_date(&self, i: usize) -> Option<(DateItem, usize)> {
        let (a, a_digits) = self.num(i)?;
        let sep = self.punct(i + 1)?;
        if !matches!(sep, '/' | '-' | '.') || self.punct(i + 3) != Some(sep) {
            return None;
        }
        let (b, b_digits) = self.num(i + 2)?;
        let (c, c_digits) = self.num(i + 4)?;
        let tight = (i..i + 4).all(|j| self.touches_next(j));
        if !tight && sep != '/' {
            return None;
        }
        // Not part of a longer run (a phone number, a version, a time).
        if self.touches_next(i + 4)
            && matches!(self.punct(i + 5), Some(p) if p == sep || p == ':')
            && self.touches_next(i + 5)
            && self.num(i + 6).is_some()
        {
            return None;
        }
        let mut notes = Vec::new();
        let (year, month, day) = match (a_digits, b_digits, c_digits) {
            (4, 1..=2, 1..=2) => (a, b, c),
            (1..=2, 1..=2, 4) if b > 12 && (1..=12).contains(&a) => {
                notes.push(format!("numeric date {} read as month/day/year", self.text(i, i + 5)));
                (c, a, b)
            }
            (1..=2, 1..=2, 4) => (c, b, a),
            _ => return None,
        };
        let mut next = i + 5;
        let marker = self.word(next).and_then(calendar_marker);
        if marker.is_some() {
            next += 1;
        }
        let calendar = marker.unwrap_or_else(|| {
            if (1300..=1500).contains(&year) {
                notes.push(format!(
                    "numeric date {} has year {year}: read as Hijri",
                    self.text(i, i + 5)
                ));
                Calendar::Hijri
            } else {
                Calendar::Gregorian
            }
        });
        let month = u8::try_from(month).unwrap_or(u8::MAX);
        Some((
            DateItem {
                calendar,
                ymd: Some((year, month, day)),
                problem: None,
                notes,
            },
            next,
        ))
    }

    /// A month name (or several agreeing names: `تشرين الأول/أكتوبر`) at token `j`.
    pub(super) fn month_at(&self, j: usize) -> Option<(MonthName, usize)> {
        let first = self.word(j)?;
        if let Some(second) = self.word(j + 1) {
            if let Some(m) = month_by_normalized(&format!("{first} {second}")) {
                return Some((m, j + 2));
            }
        }
        month_by_normalized(first).map(|m| (m, j + 1))
    }

    /// `كانون الأول/ديسمبر`, `ديسمبر (كانون الأول)`, `أيار / مايو`: returns the first
    /// month, whether all names agree, and the next token.
    pub(super) fn month_group(&self, j: usize) -> Option<(MonthName, bool, usize)> {
        let (first, mut k) = self.month_at(j)?;
        let mut agree = true;
        loop {
            let (open, m) = match self.punct(k) {
                Some('/' | '\\' | '-' | '–' | '—' | '|' | '،' | ',') => (None, k + 1),
                Some('(') => (Some(')'), k + 1),
                Some('[') => (Some(']'), k + 1),
                _ => (None, k),
            };
            let Some((other, after)) = self.month_at(m) else { break };
            if other.calendar != first.calendar {
                break;
            }
            agree &= other.number == first.number;
            k = after;
            if let Some(close) = open {
                if self.punct(k) == Some(close) {
                    k += 1;
                }
            }
        }
        Some((first, agree, k))
    }

    /// A four-digit year at token `j` that is not the hour of a time.
    pub(super) fn year_at(&self, j: usize) -> Option<u32> {
        let (v, digits) = self.num(j)?;
        let glued = self.touches_next(j)
            && matches!(self.punct(j + 1), Some(':' | '/' | '.' | '-'))
            && self.touches_next(j + 1)
            && self.num(j + 2).is_some();
        (digits == 4 && !glued).then_some(v)
    }

    /// `21 ديسمبر 2017 م`, `3 من ربيع الآخر 1439 هـ`, `December 21, 2017`, and the
    /// incomplete `21 ديسمبر` / `ديسمبر 2017` (kept as date words).
    pub(super) fn textual_date(&self, i: usize) -> Option<(DateItem, usize)> {
        let mut j = i;
        let mut day = None;
        if let Some((d, digits)) = self.num(j) {
            if digits > 2 || self.touches_next(j) && self.punct(j + 1) == Some(':') {
                return None;
            }
            day = Some(d);
            j += 1;
            if self.word(j) == Some("من") && self.month_at(j + 1).is_some() {
                j += 1;
            }
        }
        let (month, agree, mut k) = self.month_group(j)?;
        let comma = |at: usize| usize::from(matches!(self.punct(at), Some(',' | '،')));
        if day.is_none() {
            // Month first: `December 21, 2017`, `ديسمبر 21، 2017`.
            if let Some((d, 1..=2)) = self.num(k) {
                let y = k + 1 + comma(k + 1);
                if self.year_at(y).is_some() {
                    day = Some(d);
                    k += 1;
                }
            }
        }
        let mut year = None;
        let y = k + comma(k);
        if let Some(v) = self.year_at(y) {
            year = Some(v);
            k = y + 1;
            // The month name decides the calendar; a marker for the other one
            // (`ديسمبر 2017 هـ`) is a typo, not a conversion.
            if self.word(k).and_then(calendar_marker).is_some() {
                k += 1;
            }
        }
        let (ymd, problem) = match (day, year) {
            (Some(d), Some(y)) if agree => (Some((y, month.number, d)), None),
            (Some(_), Some(_)) => (None, Some(format!("month names in {} disagree", self.text(i, k)))),
            _ => (None, None),
        };
        Some((
            DateItem {
                calendar: month.calendar,
                ymd,
                problem,
                notes: Vec::new(),
            },
            k,
        ))
    }
}
