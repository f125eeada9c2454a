//! A view of the analyzer's tokens made for pattern matching: key forms with
//! the clitics tried off one by one, numbers parsed, sentence numbers.
//!
//! The analyzer's clitic splitting is conservative and lexicon-guided, so a
//! number word such as `ألفا` may come back as `ال` + `فا`, and `وعشرين` whole.
//! Lookups here therefore try the whole key first, then the key with `و`/`ف`,
//! then `ب`/`ل`/`ك`, then `ال` taken off, and report which came off.

use rasid_core::{Span, TextAnalysis, TokenKind};

/// Which proclitics a lookup took off a word.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Clitics {
    /// `و` or `ف`.
    pub conj: bool,
    /// `ب`, `ل` or `ك`.
    pub prep: bool,
    /// The article `ال` (or the `ل` of `لل`).
    pub def: bool,
    /// The clitic was `لل` (ل + the article with its alef unwritten).
    pub ll: bool,
}

impl Clitics {
    /// How many letters at the start of the word are a conjunction or a
    /// preposition, and so stay out of a time expression's span. `لل` stays in:
    /// cutting it would leave half an article.
    pub fn lead_letters(self) -> usize {
        usize::from(self.conj) + usize::from(self.prep && !self.ll)
    }
}

/// One token, ready for matching.
#[derive(Clone, Debug)]
pub(crate) struct W<'a> {
    pub span: Span,
    pub key: &'a str,
    pub forms: Forms<'a>,
    pub kind: TokenKind,
    pub stop: bool,
    /// The analyzer split off the future `س`.
    pub future: bool,
    /// The value of a token made of digits (with `,`/`.` separators).
    pub num: Option<f64>,
    /// The number was written as plain digits, no separator (a year or day candidate).
    pub plain_int: Option<u64>,
    /// Index of the sentence the token is in.
    pub sent: usize,
    /// No white space between this token and the previous one.
    pub glued: bool,
}

impl W<'_> {
    /// The key is one of these.
    pub fn is(&self, keys: &[&str]) -> bool {
        keys.contains(&self.key)
    }

    /// Looks the word up with its proclitics taken off one by one, the longest
    /// form first.
    pub fn lookup<T>(&self, mut table: impl FnMut(&str) -> Option<T>) -> Option<(T, Clitics)> {
        if self.kind != TokenKind::Arabic && self.kind != TokenKind::Latin {
            return None;
        }
        for (form, clitics) in self.forms.iter() {
            if let Some(t) = table(form) {
                return Some((t, clitics));
            }
        }
        None
    }

    /// One of the word's forms (whole, or without some proclitics) is one of
    /// these: `والماضي` matches `الماضي` and `ماضي`.
    pub fn lex_is(&self, keys: &[&str]) -> bool {
        self.lookup(|f| keys.contains(&f).then_some(())).is_some()
    }

    /// The word can be read with the article (`الوطني`, `والعشرين`).
    pub fn has_article(&self) -> bool {
        self.forms.iter().any(|(_, c)| c.def)
    }
}

/// Most forms a key has (whole, without `و`, without a preposition, without `ال` …).
const MAX_FORMS: usize = 8;

/// The forms of a key with proclitics removed, whole key first.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Forms<'a> {
    items: [(&'a str, Clitics); MAX_FORMS],
    len: usize,
}

impl<'a> Forms<'a> {
    pub fn new(key: &'a str) -> Self {
        let mut f = Forms {
            items: [(key, Clitics::default()); MAX_FORMS],
            len: 1,
        };
        let ok = |s: &str| s.chars().nth(1).is_some();
        let mut stage1 = 1;
        if let Some(rest) = key.strip_prefix('و').or_else(|| key.strip_prefix('ف')) {
            if ok(rest) {
                f.push(
                    rest,
                    Clitics {
                        conj: true,
                        ..Clitics::default()
                    },
                );
                stage1 = 2;
            }
        }
        let stage2_start = f.len;
        for i in 0..stage1 {
            let Some(&(s, c)) = f.items.get(i) else { break };
            if let Some(rest) = s.strip_prefix("لل") {
                // ل + the article, whose alef is not written.
                if ok(rest) {
                    f.push(
                        rest,
                        Clitics {
                            prep: true,
                            def: true,
                            ll: true,
                            ..c
                        },
                    );
                }
                continue;
            }
            if let Some(rest) = s
                .strip_prefix('ب')
                .or_else(|| s.strip_prefix('ل'))
                .or_else(|| s.strip_prefix('ك'))
            {
                if ok(rest) {
                    f.push(rest, Clitics { prep: true, ..c });
                }
            }
        }
        let stage2_end = f.len;
        for i in (0..stage1).chain(stage2_start..stage2_end) {
            let Some(&(s, c)) = f.items.get(i) else { break };
            if c.def {
                continue;
            }
            if let Some(rest) = s.strip_prefix("ال") {
                if ok(rest) {
                    f.push(rest, Clitics { def: true, ..c });
                }
            }
        }
        f
    }

    fn push(&mut self, s: &'a str, c: Clitics) {
        if let Some(slot) = self.items.get_mut(self.len) {
            *slot = (s, c);
            self.len += 1;
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = (&'a str, Clitics)> + '_ {
        self.items.iter().take(self.len).copied()
    }
}

/// Parses a token of digits as the analyzer's `norm` gives it (ASCII digits,
/// `,` and `.`): `1,000` → 1000, `3.5` → 3.5, `11,30` → 11.3. `None` for
/// anything else.
pub(crate) fn parse_digits(norm: &str) -> Option<f64> {
    if norm.is_empty() || !norm.bytes().all(|b| b.is_ascii_digit() || b == b',' || b == b'.') {
        return None;
    }
    if !norm.bytes().next().is_some_and(|b| b.is_ascii_digit())
        || !norm.bytes().last().is_some_and(|b| b.is_ascii_digit())
    {
        return None;
    }
    let commas = norm.bytes().filter(|&b| b == b',').count();
    let dots = norm.bytes().filter(|&b| b == b'.').count();
    let cleaned: String = if commas > 0 && dots > 0 {
        norm.chars().filter(|&c| c != ',').collect()
    } else if commas > 0 {
        let groups: Vec<&str> = norm.split(',').collect();
        let thousands = groups.iter().skip(1).all(|g| g.len() == 3);
        if thousands {
            norm.chars().filter(|&c| c != ',').collect()
        } else if commas == 1 {
            norm.replace(',', ".")
        } else {
            return None;
        }
    } else if dots > 1 {
        let groups: Vec<&str> = norm.split('.').collect();
        if groups.iter().skip(1).all(|g| g.len() == 3) {
            norm.chars().filter(|&c| c != '.').collect()
        } else {
            return None;
        }
    } else {
        norm.to_string()
    };
    cleaned.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// The tokens of a text as [`W`]s.
pub(crate) fn words<'a>(analysis: &'a TextAnalysis) -> Vec<W<'a>> {
    let mut out = Vec::with_capacity(analysis.tokens.len());
    let mut sentence = 0usize;
    let mut prev_end: Option<usize> = None;
    for t in &analysis.tokens {
        while analysis.sentences.get(sentence).is_some_and(|s| s.end <= t.span.start) {
            sentence += 1;
        }
        let (num, plain_int) = if t.kind == TokenKind::Number {
            let plain = (t.norm.len() <= 12 && t.norm.bytes().all(|b| b.is_ascii_digit()))
                .then(|| t.norm.parse::<u64>().ok())
                .flatten();
            (parse_digits(&t.norm), plain)
        } else {
            (None, None)
        };
        out.push(W {
            span: t.span,
            key: t.key.as_str(),
            forms: Forms::new(t.key.as_str()),
            kind: t.kind,
            stop: t.stop,
            future: t.proclitics.iter().any(|p| p == "س"),
            num,
            plain_int,
            sent: sentence,
            glued: prev_end == Some(t.span.start),
        });
        prev_end = Some(t.span.end);
    }
    out
}
