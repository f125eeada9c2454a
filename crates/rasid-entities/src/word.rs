//! The tagger's view of one token: its key forms with and without clitics.

use rasid_core::{Span, Token, TokenKind};
use rasid_text::Analyzer;

/// One token as the tagger and the gazetteer see it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Word {
    /// Key form of the whole token.
    pub key: String,
    /// Key form without the proclitics other than the article (`وروسيا` →
    /// `روسيا`, `والغوطة` → `الغوطه`, `للامم` → `الامم`): the form names are
    /// listed under.
    pub lookup: String,
    /// Key form of the base, every clitic removed.
    pub base: String,
    /// Light stem.
    pub stem: String,
    /// Proclitics, joined with `+`.
    pub pre: String,
    /// The enclitic (pronoun suffix), empty when none.
    pub enc: String,
    /// True when the proclitics end in the article.
    pub definite: bool,
    /// Token kind.
    pub kind: TokenKind,
    /// A function word.
    pub stop: bool,
    /// The token in the original text (zero for tokens given without text).
    pub span: Span,
    /// The token without its proclitics, in the original text; for a name the
    /// article stays in (`والغوطة` → `الغوطة`).
    pub name_span: Span,
}

impl Word {
    /// From an analyzer token. `text` is the text the token's spans point into.
    pub fn from_token(t: &Token, text: &str) -> Word {
        let key = t.key.as_str();
        let mut rest = key;
        let mut lookup_prefix = "";
        let mut pre = String::new();
        let mut definite = false;
        let mut stripped_chars = 0usize;
        let mut keep_article = false;
        for p in &t.proclitics {
            if !pre.is_empty() {
                pre.push('+');
            }
            pre.push_str(p);
            let p = p.as_str();
            if p == "ال" || p == "لل" {
                definite = true;
                if p == "لل" {
                    lookup_prefix = "ال";
                    stripped_chars += 1;
                    rest = rest.strip_prefix(p).unwrap_or(rest);
                } else {
                    keep_article = true;
                }
                break;
            }
            stripped_chars += p.chars().count();
            rest = rest.strip_prefix(p).unwrap_or(rest);
        }
        let mut lookup = String::with_capacity(rest.len() + 4);
        lookup.push_str(lookup_prefix);
        lookup.push_str(rest);
        // The base: the key minus every proclitic and the enclitic.
        let mut base = key;
        for p in &t.proclitics {
            base = base.strip_prefix(p.as_str()).unwrap_or(base);
        }
        if let Some(e) = &t.enclitic {
            base = base.strip_suffix(e.as_str()).unwrap_or(base);
        }
        let name_span = if keep_article || lookup_prefix.is_empty() {
            skip_chars(text, t.span, stripped_chars)
        } else {
            // `لل`: the article's alef is not written, so the name starts at the base.
            Span::new(t.base.start, t.span.end)
        };
        Word {
            key: key.to_string(),
            lookup,
            base: base.to_string(),
            stem: t.stem.to_string(),
            pre,
            enc: t.enclitic.as_deref().unwrap_or("").to_string(),
            definite,
            kind: t.kind,
            stop: t.stop,
            span: t.span,
            name_span,
        }
    }

    /// From a token given as a string (a CoNLL line): the analyzer runs on it
    /// alone, and a token it splits further (`(د`) is taken as a whole.
    pub fn from_str(analyzer: &Analyzer, s: &str) -> Word {
        let a = analyzer.analyze_text(s);
        let mut tokens = a.tokens.iter();
        let Some(first) = tokens.next() else {
            return Word {
                key: s.to_string(),
                lookup: s.to_string(),
                base: s.to_string(),
                stem: s.to_string(),
                pre: String::new(),
                enc: String::new(),
                definite: false,
                kind: TokenKind::Symbol,
                stop: false,
                span: Span::default(),
                name_span: Span::default(),
            };
        };
        if a.tokens.len() == 1 {
            return Word::from_token(first, s);
        }
        let main = a
            .tokens
            .iter()
            .find(|t| matches!(t.kind, TokenKind::Arabic | TokenKind::Latin | TokenKind::Number))
            .unwrap_or(first);
        let mut w = Word::from_token(main, s);
        w.key = a.tokens.iter().map(|t| t.key.as_str()).collect();
        w
    }
}

impl Word {
    /// The word's lemma key: its base without a final `ه` (`ة` folded), so
    /// that `الفلسطينية` and the dictionary lemma `فلسطيني` meet. What the
    /// actor dictionaries are matched on.
    pub fn lemma(&self) -> &str {
        lemma_of(&self.base)
    }
}

/// The lemma key of a base key form (see [`Word::lemma`]).
pub(crate) fn lemma_of(base: &str) -> &str {
    match base.strip_suffix('ه') {
        Some(s) if s.chars().nth(1).is_some() => s,
        _ => base,
    }
}

/// The lemma keys of a phrase's words joined by one space, leaving out
/// clitic letters written apart (`و`, `ل`, `ب`, `ال`) and words without a letter;
/// `None` when nothing is left. How actor names are stored.
pub fn lemma_phrase(analyzer: &Analyzer, phrase: &str) -> Option<String> {
    let a = analyzer.analyze_text(phrase);
    let mut out = String::new();
    for t in a.tokens.iter().filter(|t| t.kind == TokenKind::Arabic) {
        let w = Word::from_token(t, phrase);
        let l = w.lemma();
        if l.is_empty() || matches!(l, "و" | "ل" | "ب" | "ال" | "ف" | "ك") {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(l);
    }
    (!out.is_empty()).then_some(out)
}

/// `span` without its first `n` characters (never past its end).
fn skip_chars(text: &str, span: Span, n: usize) -> Span {
    let Some(s) = span.slice(text) else { return span };
    let mut skipped = 0;
    let mut at = 0;
    for (i, c) in s.char_indices() {
        if skipped == n {
            at = i;
            break;
        }
        // Diacritics and tatweel are not in the key: they do not count.
        if !is_mark(c) {
            skipped += 1;
        }
        at = i + c.len_utf8();
    }
    // Marks right after the clitics belong to the clitic letter.
    let rest = s.get(at..).unwrap_or("");
    let extra: usize = rest.chars().take_while(|&c| is_mark(c)).map(char::len_utf8).sum();
    let start = (span.start + at + extra).min(span.end);
    Span::new(start, span.end)
}

fn is_mark(c: char) -> bool {
    matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}' | '\u{200B}'..='\u{200F}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(s: &str) -> Word {
        let a = Analyzer::default();
        let t = &a.analyze_text(s).tokens[0];
        Word::from_token(t, s)
    }

    #[test]
    fn clitics_leave_the_name() {
        let w = word("وروسيا");
        assert_eq!(w.lookup, "روسيا");
        assert_eq!(w.name_span.slice("وروسيا"), Some("روسيا"));
        let w = word("والغوطة");
        assert_eq!(w.lookup, "الغوطه");
        assert_eq!(w.base, "غوطه");
        assert_eq!(w.name_span.slice("والغوطة"), Some("الغوطة"));
        assert!(w.definite);
        let w = word("للامم");
        assert_eq!(w.lookup, "الامم");
    }
}
