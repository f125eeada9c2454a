//! Segmentation of the *original* text into tokens with byte offsets.
//!
//! Rules, in order of precedence:
//! * white space separates tokens and belongs to none;
//! * zero-width and bidi controls are transparent: inside a word they are part
//!   of it (`سو‌ريا` is one token), at a token's edge they are left in the gap;
//! * combining marks (tashkeel, Quranic marks, accents) and tatweel stay with
//!   the token they follow;
//! * a change of script (Arabic letters, other letters, digits) starts a new
//!   token; Latin words may contain ASCII digits (`G20`);
//! * a number is a run of digits in any of the three digit sets, with `. , ٫ ٬`
//!   kept inside when a digit follows (`3.5`, `1,000`, `٣٫٥`);
//! * every punctuation or symbol character is a token of its own.
//!
//! Invariant (property-tested): tokens are sorted, do not overlap, fall on
//! character boundaries, and every character outside all tokens is white space
//! or a control, so the text can be rebuilt from the tokens and the gaps.

use std::iter::Peekable;
use std::str::CharIndices;

use rasid_core::{Span, TokenKind};

use crate::chars::{class, is_number_separator, Class};

/// A token as the segmenter sees it: where it is and what it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Segment {
    /// Byte range in the original text.
    pub span: Span,
    /// What kind of token it is.
    pub kind: TokenKind,
}

/// Splits text into [`Segment`]s.
///
/// ```
/// use rasid_text::Segmenter;
/// let text = "قال 3.5 مليون.";
/// let words: Vec<&str> = Segmenter::new(text).map(|s| &text[s.span.start..s.span.end]).collect();
/// assert_eq!(words, ["قال", "3.5", "مليون", "."]);
/// ```
#[derive(Clone, Debug)]
pub struct Segmenter<'a> {
    chars: Peekable<CharIndices<'a>>,
    len: usize,
}

impl<'a> Segmenter<'a> {
    /// A segmenter over `text`.
    pub fn new(text: &'a str) -> Self {
        Segmenter {
            chars: text.char_indices().peekable(),
            len: text.len(),
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Group {
    Arabic,
    Other,
    Number,
    Single,
}

impl Group {
    #[inline]
    fn continues(self, c: char, cl: Class) -> bool {
        match (self, cl) {
            (_, Class::Mark) => true,
            (Group::Arabic, Class::ArabicLetter | Class::Tatweel) => true,
            (Group::Other, Class::OtherLetter) => true,
            (Group::Other, Class::Digit) => c.is_ascii_digit(),
            (Group::Number, Class::Digit) => true,
            _ => false,
        }
    }
}

impl Iterator for Segmenter<'_> {
    type Item = Segment;

    fn next(&mut self) -> Option<Segment> {
        // Skip the gap.
        let (start, first, first_class) = loop {
            let (i, c) = self.chars.next()?;
            let cl = class(c);
            if !matches!(cl, Class::Space | Class::Control) {
                break (i, c, cl);
            }
        };
        let (group, mut kind) = match first_class {
            Class::ArabicLetter => (Group::Arabic, TokenKind::Arabic),
            Class::Mark | Class::Tatweel => (Group::Arabic, TokenKind::Symbol),
            Class::OtherLetter => (Group::Other, TokenKind::Latin),
            Class::Digit => (Group::Number, TokenKind::Number),
            Class::Punct => (Group::Single, TokenKind::Punct),
            _ => (Group::Single, TokenKind::Symbol),
        };
        let mut end = start + first.len_utf8();
        // Start of a run of controls not yet known to be inside the token.
        let mut controls_from: Option<usize> = None;
        while let Some(&(i, c)) = self.chars.peek() {
            let cl = class(c);
            if cl == Class::Control {
                controls_from.get_or_insert(i);
                self.chars.next();
                continue;
            }
            let mut takes = group.continues(c, cl);
            if !takes && group == Group::Number && is_number_separator(c) && controls_from.is_none() {
                // Keep the separator only when a digit follows directly.
                let mut ahead = self.chars.clone();
                ahead.next();
                takes = matches!(ahead.peek(), Some(&(_, d)) if class(d) == Class::Digit);
            }
            if !takes {
                break;
            }
            if group == Group::Arabic && cl == Class::ArabicLetter {
                kind = TokenKind::Arabic;
            }
            controls_from = None;
            end = i + c.len_utf8();
            self.chars.next();
        }
        // Controls after the last character stay in the gap; `end` already
        // excludes them. The text length bounds the span in every case.
        let end = end.min(self.len);
        Some(Segment {
            span: Span::new(start, end),
            kind,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    macro_rules! test_segmenter {
        ($name:ident, $text:expr, [$($piece:expr),* $(,)?]) => {
            #[test]
            fn $name() {
                let text: &str = $text;
                let got: Vec<&str> = Segmenter::new(text).map(|s| &text[s.span.start..s.span.end]).collect();
                let expected: Vec<&str> = vec![$($piece),*];
                assert_eq!(
                    got, expected,
                    "\nsegmenting {:?}\nhelp: check the Group::continues rules and the number-separator look-ahead \
                     in segment.rs",
                    text
                );
            }
        };
    }

    test_segmenter!(arabic_words, "بدء جولة محادثات", ["بدء", "جولة", "محادثات"]);
    test_segmenter!(punctuation, "الخميس، 21 ديسمبر", ["الخميس", "،", "21", "ديسمبر"]);
    test_segmenter!(
        decimal,
        "3.5 و1,000 و٣٫٥ و٢٠١٧.",
        ["3.5", "و", "1,000", "و", "٣٫٥", "و", "٢٠١٧", "."]
    );
    test_segmenter!(time, "10:57 ص", ["10", ":", "57", "ص"]);
    test_segmenter!(diacritics_inside, "مُحَمَّدٌ وَ", ["مُحَمَّدٌ", "وَ"]);
    test_segmenter!(tatweel_inside, "سـلام ـــ", ["سـلام", "ـــ"]);
    test_segmenter!(zwnj_inside, "سو\u{200C}ريا", ["سو\u{200C}ريا"]);
    test_segmenter!(
        bidi_edges,
        "\u{200F}روسيا\u{200E} \u{202B}(ايران)\u{202C}",
        ["روسيا", "(", "ايران", ")"]
    );
    test_segmenter!(
        mixed_scripts,
        "iPhoneالجديد G20 F-16",
        ["iPhone", "الجديد", "G20", "F", "-", "16"]
    );
    test_segmenter!(quotes, "\"خفض التوتر\".", ["\"", "خفض", "التوتر", "\"", "."]);
    test_segmenter!(slash, "تشرين الأول/أكتوبر", ["تشرين", "الأول", "/", "أكتوبر"]);
    test_segmenter!(trailing_separator, "عام 2017، و", ["عام", "2017", "،", "و"]);
    test_segmenter!(leading_mark, "\u{064E}كتب", ["\u{064E}كتب"]);
    test_segmenter!(percent, "5% ٪", ["5", "%", "٪"]);

    #[test]
    fn kinds() {
        let text = "قال Reuters 20 % .";
        let kinds: Vec<TokenKind> = Segmenter::new(text).map(|s| s.kind).collect();
        assert_eq!(
            kinds,
            [
                TokenKind::Arabic,
                TokenKind::Latin,
                TokenKind::Number,
                TokenKind::Symbol,
                TokenKind::Punct
            ],
            "help: the kind comes from the first character's class in Segmenter::next"
        );
    }
}
