//! What a query parses to: clauses, how each counts, date ranges.

use jiff::civil::Date;

use super::FieldRef;

/// How a clause counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Occur {
    /// Required.
    Must,
    /// Optional; adds to the score.
    Should,
    /// Excluded.
    MustNot,
}

/// A half-open day range `[from, until)`; `None` is unbounded.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct DateRange {
    /// First day included.
    pub from: Option<Date>,
    /// First day no longer included.
    pub until: Option<Date>,
}

/// A parsed query.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Node {
    /// A word or a phrase in a field.
    Text {
        /// Where to look.
        field: FieldRef,
        /// The text as typed (without quotes).
        text: String,
        /// True when it was quoted.
        phrase: bool,
    },
    /// A publication date range.
    Published(DateRange),
    /// Articles that mention a period within the range (see [`crate::extraction::mentioned`]).
    Mentions(DateRange),
    /// Clauses with how each counts.
    Bool(Vec<(Occur, Node)>),
}

/// Parser settings.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ParseOptions {
    /// Words next to each other are all required (AND) instead of alternatives (OR).
    pub default_and: bool,
    /// Refuse malformed queries with a [`crate::QueryError`] (an unclosed quote, a
    /// lone `-`, an operator without operand, an unknown field, a bad date)
    /// instead of reading what does not parse as text (the default).
    pub strict: bool,
}
