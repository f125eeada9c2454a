//! Arabic calendar knowledge and dateline parsing for rasid (stub: being written).
#![deny(missing_docs)]

use rasid_core::{Span, Timestamp};

/// A dateline parsed into a timestamp.
#[derive(Clone, Debug, PartialEq)]
pub struct Dateline {
    /// The publication time it states.
    pub timestamp: Timestamp,
    /// The part of the line that is the date (and time).
    pub span: Span,
    /// Problems such as a weekday that contradicts the date.
    pub warnings: Vec<String>,
}

/// Parses a dateline such as `الخميس، 21 ديسمبر 2017 10:57 ص`.
pub fn parse_dateline(_line: &str) -> Option<Dateline> {
    None
}
