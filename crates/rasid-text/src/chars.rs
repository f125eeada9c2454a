//! Character classes shared by the segmenter and the normaliser.
//!
//! One `match` on ranges per character; the common case (an Arabic letter)
//! is tested first.

/// What a character is, for segmentation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Class {
    /// A letter of the Arabic script (including presentation forms).
    ArabicLetter,
    /// A letter of any other script.
    OtherLetter,
    /// A combining mark (Arabic diacritics, Quranic marks, Latin accents).
    Mark,
    /// U+0640 ARABIC TATWEEL.
    Tatweel,
    /// A decimal digit: ASCII, Arabic-Indic or Persian.
    Digit,
    /// White space (including NBSP and line breaks).
    Space,
    /// Zero-width and bidi controls: never part of a token's meaning.
    Control,
    /// Punctuation.
    Punct,
    /// Anything else that is visible.
    Symbol,
}

/// Classifies one character.
#[inline]
pub(crate) fn class(c: char) -> Class {
    match c {
        '\u{0621}'..='\u{063F}' | '\u{0641}'..='\u{064A}' => Class::ArabicLetter,
        ' ' | '\n' | '\t' | '\r' => Class::Space,
        'a'..='z' | 'A'..='Z' => Class::OtherLetter,
        '0'..='9' | '\u{0660}'..='\u{0669}' | '\u{06F0}'..='\u{06F9}' => Class::Digit,
        '\u{0640}' => Class::Tatweel,
        '\u{0610}'..='\u{061A}' | '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{06D6}'..='\u{06ED}' => Class::Mark,
        '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{2069}'
        | '\u{FEFF}'
        | '\u{061C}'
        | '\u{00AD}' => Class::Control,
        '\u{0620}'
        | '\u{066E}'..='\u{066F}'
        | '\u{0671}'..='\u{06D3}'
        | '\u{06D5}'
        | '\u{06EE}'..='\u{06EF}'
        | '\u{06FA}'..='\u{06FC}'
        | '\u{06FF}'
        | '\u{0750}'..='\u{077F}'
        | '\u{08A0}'..='\u{08C9}'
        | '\u{FB50}'..='\u{FD3D}'
        | '\u{FD50}'..='\u{FDFB}'
        | '\u{FE80}'..='\u{FEFC}' => Class::ArabicLetter,
        '\u{08CA}'..='\u{08E1}' | '\u{08E3}'..='\u{08FF}' | '\u{FE70}'..='\u{FE7F}' => Class::Mark,
        '\u{0300}'..='\u{036F}'
        | '\u{1AB0}'..='\u{1AFF}'
        | '\u{1DC0}'..='\u{1DFF}'
        | '\u{20D0}'..='\u{20FF}'
        | '\u{FE00}'..='\u{FE0F}'
        | '\u{FE20}'..='\u{FE2F}' => Class::Mark,
        '\u{060C}' | '\u{060D}' | '\u{061B}' | '\u{061D}'..='\u{061F}' | '\u{066A}'..='\u{066D}' | '\u{06D4}' => {
            if c == '\u{066A}' {
                Class::Symbol
            } else {
                Class::Punct
            }
        }
        _ => class_slow(c),
    }
}

#[cold]
fn class_slow(c: char) -> Class {
    if c.is_whitespace() {
        return Class::Space;
    }
    if c.is_ascii_punctuation() {
        return match c {
            '$' | '%' | '&' | '*' | '+' | '<' | '=' | '>' | '@' | '^' | '`' | '|' | '~' | '#' => Class::Symbol,
            _ => Class::Punct,
        };
    }
    if c.is_numeric() {
        return Class::Digit;
    }
    if c.is_alphabetic() {
        return Class::OtherLetter;
    }
    match c {
        '\u{00A1}' | '\u{00A7}' | '\u{00AB}' | '\u{00B6}' | '\u{00B7}' | '\u{00BB}' | '\u{00BF}' => Class::Punct,
        '\u{2010}'..='\u{2027}' | '\u{2030}'..='\u{205E}' => Class::Punct,
        '\u{2E00}'..='\u{2E4F}' | '\u{3001}'..='\u{3003}' | '\u{3008}'..='\u{3011}' => Class::Punct,
        '\u{FD3E}' | '\u{FD3F}' | '\u{FE10}'..='\u{FE19}' | '\u{FE30}'..='\u{FE52}' | '\u{FE54}'..='\u{FE61}' => {
            Class::Punct
        }
        '\u{FF01}'..='\u{FF03}' | '\u{FF05}'..='\u{FF0A}' | '\u{FF0C}'..='\u{FF0F}' | '\u{FF1A}' | '\u{FF1B}' => {
            Class::Punct
        }
        '\u{FF1F}' | '\u{FF20}' | '\u{FF3B}'..='\u{FF3D}' | '\u{FF3F}' | '\u{FF5B}' | '\u{FF5D}' => Class::Punct,
        _ if c.is_control() => Class::Control,
        _ => Class::Symbol,
    }
}

/// True for characters in the Arabic presentation-form blocks, which are
/// rewritten through NFKC.
#[inline]
pub(crate) fn is_presentation_form(c: char) -> bool {
    matches!(c, '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFC}')
}

/// The ASCII value of a decimal digit in any of the three digit sets.
#[inline]
pub(crate) fn ascii_digit(c: char) -> Option<char> {
    let v = match c {
        '0'..='9' => return Some(c),
        '\u{0660}'..='\u{0669}' => u32::from(c) - 0x0660,
        '\u{06F0}'..='\u{06F9}' => u32::from(c) - 0x06F0,
        _ => return None,
    };
    char::from_digit(v, 10)
}

/// Number separators that stay inside a number when a digit follows.
#[inline]
pub(crate) fn is_number_separator(c: char) -> bool {
    matches!(c, '.' | ',' | '\u{066B}' | '\u{066C}')
}
