//! A view of the analyzer's tokens made for pattern matching: key forms with
//! the clitics tried off one by one, numbers parsed, sentence numbers.
//!
//! The analyzer's clitic splitting is conservative and lexicon-guided, so a
//! number word such as `ألفا` may come back as `ال` + `فا`, and `وعشرين` whole.
//! Lookups here therefore try the whole key first, then the key with `و`/`ف`,
//! then `ب`/`ل`/`ك`, then `ال` taken off, and report which came off.

use std::cell::OnceCell;

use rasid_core::{Span, TextAnalysis, Token, TokenKind};

use crate::trigger;

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
    fn bits(self) -> u8 {
        u8::from(self.conj) | u8::from(self.prep) << 1 | u8::from(self.def) << 2 | u8::from(self.ll) << 3
    }

    fn from_bits(b: u8) -> Clitics {
        Clitics {
            conj: b & 1 != 0,
            prep: b & 2 != 0,
            def: b & 4 != 0,
            ll: b & 8 != 0,
        }
    }
}

/// One token, ready for matching. Small (most tokens are only looked at by
/// the pre-check): what is not needed everywhere is read off the token, or
/// made the first time it is asked for.
#[derive(Clone, Debug)]
pub(crate) struct W<'a> {
    token: &'a Token,
    pub key: &'a str,
    /// Made the first time they are needed: most tokens are never looked at.
    forms: OnceCell<Forms>,
    pub kind: TokenKind,
    /// Index of the sentence the token is in.
    pub sent: usize,
    /// No white space between this token and the previous one.
    pub glued: bool,
    /// What the token can start, or be the core of ([`crate::trigger`] flags).
    pub flags: u32,
}

impl<'a> W<'a> {
    /// Where the token is in the text.
    pub fn span(&self) -> Span {
        self.token.span
    }

    /// The token is a stop word.
    pub fn stop(&self) -> bool {
        self.token.stop
    }

    /// The analyzer split off the future `س`.
    pub fn future(&self) -> bool {
        self.token.proclitics.iter().any(|p| p == "س")
    }

    /// The value of a token made of digits (with `,`/`.` separators).
    pub fn num(&self) -> Option<f64> {
        (self.kind == TokenKind::Number)
            .then(|| parse_digits(&self.token.norm))
            .flatten()
    }

    /// The value of a token of plain digits, no separator (a year or day candidate).
    pub fn plain_int(&self) -> Option<u64> {
        let n = &self.token.norm;
        (self.kind == TokenKind::Number && n.len() <= 12 && n.bytes().all(|b| b.is_ascii_digit()))
            .then(|| n.parse().ok())
            .flatten()
    }

    /// The key, then the key without some proclitics, with what came off.
    pub fn forms(&self) -> impl Iterator<Item = (&'a str, Clitics)> + '_ {
        let key = self.key;
        self.forms.get_or_init(|| Forms::new(key)).iter(key)
    }

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
        for (form, clitics) in self.forms() {
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
        self.forms().any(|(_, c)| c.def)
    }
}

/// Most forms a key has (whole, without `و`, without a preposition, without `ال` …).
const MAX_FORMS: usize = 8;

/// The forms of a key with proclitics removed, whole key first. Each is kept
/// as the byte offset where it starts in the key (a few bytes a token, where
/// the analyzer's tokens are many).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Forms {
    items: [(u8, u8); MAX_FORMS],
    len: u8,
}

impl Forms {
    pub fn new(key: &str) -> Self {
        let mut f = Forms {
            items: [(0, 0); MAX_FORMS],
            len: 1,
        };
        let ok = |s: &str| s.chars().nth(1).is_some();
        let mut stage1 = 1;
        if let Some(rest) = key.strip_prefix('و').or_else(|| key.strip_prefix('ف')) {
            if ok(rest) {
                f.push(
                    key,
                    rest,
                    Clitics {
                        conj: true,
                        ..Clitics::default()
                    },
                );
                stage1 = 2;
            }
        }
        let stage2_start = usize::from(f.len);
        for i in 0..stage1 {
            let Some((s, c)) = f.get(key, i) else { break };
            if let Some(rest) = s.strip_prefix("لل") {
                // ل + the article, whose alef is not written.
                if ok(rest) {
                    f.push(
                        key,
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
                    f.push(key, rest, Clitics { prep: true, ..c });
                }
            }
        }
        let stage2_end = usize::from(f.len);
        for i in (0..stage1).chain(stage2_start..stage2_end) {
            let Some((s, c)) = f.get(key, i) else { break };
            if c.def {
                continue;
            }
            if let Some(rest) = s.strip_prefix("ال") {
                if ok(rest) {
                    f.push(key, rest, Clitics { def: true, ..c });
                }
            }
        }
        f
    }

    /// `s` is a suffix of `key`.
    fn push(&mut self, key: &str, s: &str, c: Clitics) {
        let Ok(offset) = u8::try_from(key.len() - s.len()) else {
            return;
        };
        if let Some(slot) = self.items.get_mut(usize::from(self.len)) {
            *slot = (offset, c.bits());
            self.len += 1;
        }
    }

    fn get<'k>(&self, key: &'k str, i: usize) -> Option<(&'k str, Clitics)> {
        let &(offset, c) = self.items.get(i)?;
        Some((key.get(usize::from(offset)..)?, Clitics::from_bits(c)))
    }

    /// The forms of `key` (the key they were made from).
    pub fn iter<'k>(&self, key: &'k str) -> impl Iterator<Item = (&'k str, Clitics)> + use<'k, '_> {
        (0..usize::from(self.len)).filter_map(move |i| self.get(key, i))
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
    if commas == 0 && dots <= 1 {
        return norm.parse::<f64>().ok().filter(|v| v.is_finite());
    }
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
    } else {
        // Several dots: thousands separators.
        let groups: Vec<&str> = norm.split('.').collect();
        if groups.iter().skip(1).all(|g| g.len() == 3) {
            norm.chars().filter(|&c| c != '.').collect()
        } else {
            return None;
        }
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
        let flags = trigger::flags(t.kind, &t.key);
        out.push(W {
            token: t,
            key: t.key.as_str(),
            forms: OnceCell::new(),
            kind: t.kind,
            sent: sentence,
            glued: prev_end == Some(t.span.start),
            flags,
        });
        prev_end = Some(t.span.end);
    }
    out
}
