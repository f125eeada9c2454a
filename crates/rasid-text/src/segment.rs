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
    text: &'a str,
    /// Byte offset of the next character.
    pos: usize,
}

impl<'a> Segmenter<'a> {
    /// A segmenter over `text`.
    pub fn new(text: &'a str) -> Self {
        Segmenter { text, pos: 0 }
    }

    /// The character at byte `at` (a character boundary) and its offset.
    #[inline]
    fn char_at(&self, at: usize) -> Option<(usize, char)> {
        self.text.get(at..)?.chars().next().map(|c| (at, c))
    }

    /// The end of the run of plain Arabic letters (U+0621–U+063F,
    /// U+0641–U+064A: two UTF-8 bytes each) that starts at `at`; `at` when
    /// there is none. Words are mostly such runs, read here two bytes at a
    /// time instead of a character at a time.
    #[inline]
    fn plain_arabic_run(&self, at: usize) -> usize {
        let bytes = self.text.as_bytes();
        let mut i = at;
        while let (Some(&a), Some(&b)) = (bytes.get(i), bytes.get(i + 1)) {
            if (a == 0xD8 && (0xA1..=0xBF).contains(&b)) || (a == 0xD9 && (0x81..=0x8A).contains(&b)) {
                i += 2;
            } else {
                break;
            }
        }
        i
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
            let (i, c) = self.char_at(self.pos)?;
            self.pos = i + c.len_utf8();
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
        loop {
            if group == Group::Arabic {
                // Plain letters: what the general step below does for each.
                let run = self.plain_arabic_run(self.pos);
                if run > self.pos {
                    kind = TokenKind::Arabic;
                    controls_from = None;
                    end = run;
                    self.pos = run;
                }
            }
            let Some((i, c)) = self.char_at(self.pos) else { break };
            let cl = class(c);
            if cl == Class::Control {
                controls_from.get_or_insert(i);
                self.pos = i + c.len_utf8();
                continue;
            }
            let mut takes = group.continues(c, cl);
            if !takes && group == Group::Number && is_number_separator(c) && controls_from.is_none() {
                // Keep the separator only when a digit follows directly.
                takes = matches!(self.char_at(i + c.len_utf8()), Some((_, d)) if class(d) == Class::Digit);
            }
            if !takes {
                break;
            }
            if group == Group::Arabic && cl == Class::ArabicLetter {
                kind = TokenKind::Arabic;
            }
            controls_from = None;
            end = i + c.len_utf8();
            self.pos = end;
        }
        // Controls after the last character stay in the gap; `end` already
        // excludes them. The text length bounds the span in every case.
        let end = end.min(self.text.len());
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
