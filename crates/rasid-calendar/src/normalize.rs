//! A small, lossy normaliser for matching calendar words.
//!
//! It is deliberately local to this crate (the analyzer in rasid-text is a
//! separate, richer component): calendar lookups only need the folds that news
//! spelling actually varies on.

use crate::digits::digit_value;

/// Normalises a word (or a few words) for calendar lookups.
///
/// - drops diacritics (harakat, tanween, shadda, sukun, superscript alef, Quranic
///   marks), tatweel, and invisible controls (ZWJ/ZWNJ, bidi marks);
/// - folds `أ إ آ ٱ` to `ا`, `ى` and Persian `ی` to `ي`, `ة` to `ه`, Persian `ک` to `ك`;
/// - folds Arabic-Indic and Persian digits to ASCII and lowercases Latin letters;
/// - collapses runs of whitespace to one space and trims the ends.
///
/// ```
/// use rasid_calendar::normalize_word;
/// assert_eq!(normalize_word("أيّار"), "ايار");
/// assert_eq!(normalize_word("جُمادى  الأولى"), "جمادي الاولي");
/// assert_eq!(normalize_word("هـ"), "ه");
/// assert_eq!(normalize_word("مساءً"), "مساء");
/// assert_eq!(normalize_word("يونية"), "يونيه");
/// assert_eq!(normalize_word("December"), "december");
/// ```
pub fn normalize_word(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if is_ignorable(c) || c == TATWEEL || is_arabic_mark(c) {
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        match fold_char(c) {
            Some(f) => out.push(f),
            None => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// Tatweel (kashida), U+0640: stretches a word, carries no meaning.
pub(crate) const TATWEEL: char = '\u{0640}';

/// Arabic combining marks: harakat, tanween, shadda, sukun, superscript alef,
/// Quranic annotation signs.
pub(crate) fn is_arabic_mark(c: char) -> bool {
    matches!(c,
        '\u{0610}'..='\u{061A}'
        | '\u{064B}'..='\u{065F}'
        | '\u{0670}'
        | '\u{06D6}'..='\u{06DC}'
        | '\u{06DF}'..='\u{06E4}'
        | '\u{06E7}'..='\u{06E8}'
        | '\u{06EA}'..='\u{06ED}'
        | '\u{08D3}'..='\u{08FF}')
}

/// Invisible characters that carry no letters: zero-width (non-)joiners and
/// spaces, bidi marks, embeddings and isolates, the byte order mark.
pub(crate) fn is_ignorable(c: char) -> bool {
    matches!(c,
        '\u{200B}'..='\u{200F}'
        | '\u{061C}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}'
        | '\u{FEFF}'
        | '\u{00AD}')
}

/// A character that belongs inside a word token (letters and the marks that
/// decorate them; not digits).
pub(crate) fn is_word_char(c: char) -> bool {
    (c.is_alphabetic() && digit_value(c).is_none()) || is_arabic_mark(c) || c == '\u{200C}' || c == '\u{200D}'
}

fn fold_char(c: char) -> Option<char> {
    Some(match c {
        'أ' | 'إ' | 'آ' | 'ٱ' | '\u{0672}' | '\u{0673}' => 'ا',
        'ى' | 'ی' | 'ې' => 'ي',
        'ة' => 'ه',
        'ک' => 'ك',
        'ە' | 'ہ' | 'ۃ' => 'ه',
        _ => char::from(b'0' + digit_value(c)?),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_what_news_spelling_varies_on() {
        assert_eq!(normalize_word("إبريل"), "ابريل");
        assert_eq!(normalize_word("آذار"), "اذار");
        assert_eq!(normalize_word("ذو القِعْدَة"), "ذو القعده");
        assert_eq!(normalize_word("الخميـــس"), "الخميس");
        assert_eq!(normalize_word("\u{200F}الجمعة\u{200E}"), "الجمعه");
        assert_eq!(normalize_word("  تشرين \t الأول "), "تشرين الاول");
        assert_eq!(normalize_word("٢١"), "21");
        assert_eq!(normalize_word(""), "");
    }
}
