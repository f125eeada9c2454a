//! The items a dateline is scanned into, and the token-level helpers of the scanner.

use jiff::civil::{Time, Weekday};

use super::words::{calendar_marker, is_utc_word, label_role, period, Role};
use crate::months::Calendar;
use crate::tokens::{Tok, Token};
use crate::weekdays::weekday_by_normalized;

/// A date as written; checked only when it is used.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct DateItem {
    pub(super) calendar: Calendar,
    /// (year, month, day) when all three were given and the month names agree.
    pub(super) ymd: Option<(u32, u8, u32)>,
    /// Something made the date unusable although it looked complete.
    pub(super) problem: Option<String>,
    /// Notes about how it was read (month/day order, Hijri guessed).
    pub(super) notes: Vec<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub(super) struct TimeItem {
    /// The time of day, or why it is not one.
    pub(super) time: Result<Time, String>,
    pub(super) offset_seconds: Option<i32>,
    pub(super) notes: Vec<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub(super) enum Kind {
    Date(DateItem),
    Time(TimeItem),
    Weekday(Weekday),
    Label(Role),
    /// A known date word standing alone (مساء، هـ، GMT).
    Marker,
    Punct,
    Unknown,
}

#[derive(Clone, Debug, PartialEq)]
pub(super) struct Item {
    pub(super) kind: Kind,
    pub(super) start: usize,
    pub(super) end: usize,
}

pub(super) struct Parser<'a> {
    pub(super) line: &'a str,
    pub(super) toks: Vec<Token>,
}

impl Parser<'_> {
    pub(super) fn num(&self, i: usize) -> Option<(u32, usize)> {
        match self.toks.get(i)?.tok {
            Tok::Num { value: Some(v), digits } => Some((v, digits)),
            _ => None,
        }
    }

    pub(super) fn word(&self, i: usize) -> Option<&str> {
        match &self.toks.get(i)?.tok {
            Tok::Word(w) => Some(w.as_str()),
            _ => None,
        }
    }

    pub(super) fn punct(&self, i: usize) -> Option<char> {
        match self.toks.get(i)?.tok {
            Tok::Punct(c) => Some(c),
            _ => None,
        }
    }

    /// Token `i` ends exactly where token `i + 1` starts.
    pub(super) fn touches_next(&self, i: usize) -> bool {
        match (self.toks.get(i), self.toks.get(i + 1)) {
            (Some(a), Some(b)) => a.end == b.start,
            _ => false,
        }
    }

    pub(super) fn start(&self, i: usize) -> usize {
        self.toks.get(i).map_or(self.line.len(), |t| t.start)
    }

    /// End of token `i - 1`, i.e. of the last token of a match ending before `i`.
    pub(super) fn end_before(&self, i: usize) -> usize {
        i.checked_sub(1).and_then(|j| self.toks.get(j)).map_or(0, |t| t.end)
    }

    pub(super) fn text(&self, from: usize, to: usize) -> &str {
        self.line.get(self.start(from)..self.end_before(to)).unwrap_or_default()
    }

    pub(super) fn items(&self) -> Vec<Item> {
        let mut items = Vec::new();
        let mut i = 0;
        while i < self.toks.len() {
            let found = self
                .time(i)
                .map(|(t, next)| (Kind::Time(t), next))
                .or_else(|| self.numeric_date(i).map(|(d, next)| (Kind::Date(d), next)))
                .or_else(|| self.textual_date(i).map(|(d, next)| (Kind::Date(d), next)));
            let (kind, next) = match found {
                Some(f) => f,
                None => (self.single(i), i + 1),
            };
            let next = next.max(i + 1);
            items.push(Item {
                kind,
                start: self.start(i),
                end: self.end_before(next),
            });
            i = next;
        }
        items
    }

    /// Classifies one token that starts no date or time.
    pub(super) fn single(&self, i: usize) -> Kind {
        match self.toks.get(i).map(|t| &t.tok) {
            Some(Tok::Word(w)) => {
                if let Some(day) = weekday_by_normalized(w) {
                    Kind::Weekday(day)
                } else if let Some(role) = label_role(w) {
                    Kind::Label(role)
                } else if period(w).is_some() || calendar_marker(w).is_some() || is_utc_word(w) {
                    Kind::Marker
                } else {
                    Kind::Unknown
                }
            }
            Some(Tok::Punct(_)) => Kind::Punct,
            _ => Kind::Unknown,
        }
    }
}
