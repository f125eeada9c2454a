use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A byte range `[start, end)` into an original, unmodified text.
///
/// Spans always point into the text as the user sees it (the article's title or
/// body as read), never into a normalised copy, so anything found can be
/// highlighted exactly.
///
/// ```
/// use rasid_core::Span;
/// let text = "في استانا";
/// let span = Span::new(5, 17);
/// assert_eq!(span.slice(text), Some("استانا"));
/// assert_eq!(span.len(), 12);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
pub struct Span {
    /// First byte of the range.
    pub start: usize,
    /// One past the last byte of the range.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end` (bytes).
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    /// Length in bytes.
    pub const fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    /// True when the span covers no byte.
    pub const fn is_empty(&self) -> bool {
        self.end <= self.start
    }

    /// The text the span covers, or `None` when it is out of bounds or does not
    /// fall on character boundaries.
    pub fn slice<'a>(&self, text: &'a str) -> Option<&'a str> {
        text.get(self.start..self.end)
    }
}
