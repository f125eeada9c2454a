//! The embedded word-form lexicon and the tables built from it once.
//!
//! `data/lexicon.tsv` holds the most frequent Arabic word forms (key form) of
//! the ANT corpus with their counts; `cargo run -p xtask -- build-lexicon`
//! rebuilds it (see `data/README.md`). It is embedded with `include_str!` and
//! parsed on first use into a hash map that borrows the embedded text. The
//! clitic decision ([`crate::clitic::decide`]) and the stem of a form are
//! computed the first time the form is met and kept in the entry (a
//! `OnceLock`), so that analysing a known word again costs one hash lookup,
//! while start-up only parses the file.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::{LazyLock, OnceLock};

use crate::clitic::{base_key, decide, Decision};
use crate::normalize::NormalizerConfig;
use crate::stem::stem_with;

/// The embedded frequency list: `form<TAB>count` lines, `#` comments.
static LEXICON_TSV: &str = include_str!("../data/lexicon.tsv");
/// Function words, one per line, any spelling (keyed when loaded).
static STOPWORDS_TXT: &str = include_str!("../data/stopwords.txt");
/// Words that look like clitic + word but are one word, in norm form.
static WHOLE_TXT: &str = include_str!("../data/whole.txt");

/// FxHash (as in rustc): a fast, non-cryptographic hash for short keys. The
/// keys are our own embedded data, so hash flooding is not a concern.
#[derive(Default, Clone, Copy)]
pub(crate) struct FxHasher {
    hash: u64,
}

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            for (dst, src) in word.iter_mut().zip(rest) {
                *dst = *src;
            }
            self.add(u64::from_le_bytes(word));
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.hash
    }
}

pub(crate) type FxBuild = BuildHasherDefault<FxHasher>;

/// Word-form counts: the evidence the clitic splitter weighs.
pub(crate) trait Counts {
    /// How often the key form `form` occurs in the corpus (0 when unknown).
    fn count(&self, form: &str) -> u32;
    /// True when `form` (key form) is a stopword.
    fn is_stopword(&self, form: &str) -> bool;
    /// True when `form` (key form) is the key of a protected whole word.
    fn is_protected(&self, form: &str) -> bool;
}

/// One frequent word form: its count, and its analysis once computed.
#[derive(Debug, Default)]
pub(crate) struct Entry {
    /// Its corpus count.
    count: u32,
    /// Its analysis, computed on first use.
    analysis: OnceLock<Analyzed>,
}

/// The analysis of a lexicon form, computed once per process.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Analyzed {
    /// How the form splits into clitics and a base.
    pub decision: Decision,
    /// True when a protected whole word has this key (check its norm form).
    pub may_be_whole: bool,
    /// Length in characters of the light stem of the base under `decision`.
    pub stem_chars: u8,
}

/// Everything derived from the embedded data, built once.
pub(crate) struct Resources {
    /// Counts and precomputed decisions by key form.
    entries: HashMap<&'static str, Entry, FxBuild>,
    /// Stopwords, key form.
    stopwords: HashSet<String, FxBuild>,
    /// Protected whole words, norm form.
    whole: HashSet<String, FxBuild>,
    /// Key forms of the protected words: only these need the norm check.
    whole_keys: HashSet<String, FxBuild>,
}

impl Counts for Resources {
    #[inline]
    fn count(&self, form: &str) -> u32 {
        self.entries.get(form).map_or(0, |e| e.count)
    }

    #[inline]
    fn is_stopword(&self, form: &str) -> bool {
        self.stopwords.contains(form)
    }

    #[inline]
    fn is_protected(&self, form: &str) -> bool {
        self.whole_keys.contains(form)
    }
}

impl Resources {
    /// The analysis of a key form that is in the lexicon, computed on first use.
    #[inline]
    pub(crate) fn known(&self, key: &str) -> Option<Analyzed> {
        let (&form, entry) = self.entries.get_key_value(key)?;
        Some(*entry.analysis.get_or_init(|| self.analyze(form)))
    }

    /// Decision and stem of a lexicon form.
    fn analyze(&self, form: &str) -> Analyzed {
        let mut scratch = String::new();
        let mut base = String::new();
        let decision = decide(form, self, &mut scratch);
        if !base_key(form, &decision, &mut base) {
            base.clear();
            base.push_str(form);
        }
        let stem = stem_with(&base, self, &mut scratch).chars().count();
        Analyzed {
            decision,
            may_be_whole: self.whole_keys.contains(form),
            stem_chars: u8::try_from(stem).unwrap_or(u8::MAX),
        }
    }

    /// True when some protected word has this key form.
    #[inline]
    pub(crate) fn may_be_whole(&self, key: &str) -> bool {
        self.whole_keys.contains(key)
    }

    /// True when this norm form is a protected whole word.
    pub(crate) fn is_whole(&self, norm: &str) -> bool {
        self.whole.contains(norm)
    }

    fn build() -> Self {
        let keyer = NormalizerConfig::default();
        let mut entries: HashMap<&'static str, Entry, FxBuild> = HashMap::default();
        for line in data_lines(LEXICON_TSV) {
            let mut fields = line.split('\t');
            let (Some(form), Some(count)) = (fields.next(), fields.next()) else {
                continue;
            };
            let Ok(count) = count.trim().parse::<u32>() else {
                continue;
            };
            entries.insert(
                form,
                Entry {
                    count,
                    ..Entry::default()
                },
            );
        }
        let stopwords: HashSet<String, FxBuild> =
            data_lines(STOPWORDS_TXT).map(|w| keyer.key(w).into_owned()).collect();
        let whole: HashSet<String, FxBuild> = data_lines(WHOLE_TXT).map(|w| keyer.norm(w).into_owned()).collect();
        let whole_keys: HashSet<String, FxBuild> = whole.iter().map(|w| keyer.key(w).into_owned()).collect();
        Resources {
            entries,
            stopwords,
            whole,
            whole_keys,
        }
    }
}

/// Non-empty, non-comment lines of an embedded data file.
fn data_lines(text: &'static str) -> impl Iterator<Item = &'static str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// The resources, built on first use.
pub(crate) static RESOURCES: LazyLock<Resources> = LazyLock::new(Resources::build);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexicon_loads() {
        let r = &*RESOURCES;
        assert!(
            r.entries.len() > 10_000,
            "help: data/lexicon.tsv is missing or empty; run `cargo run -p xtask -- build-lexicon`"
        );
        assert!(r.count("في") > r.count("وزاره"), "help: counts are parsed wrongly");
        assert!(
            r.is_stopword("في") && r.is_stopword("التي"),
            "help: data/stopwords.txt is not keyed"
        );
    }

    #[test]
    fn fx_hasher_spreads() {
        let mut a = FxHasher::default();
        a.write(b"abcdefghi");
        let mut b = FxHasher::default();
        b.write(b"abcdefghj");
        assert_ne!(a.finish(), b.finish());
    }
}
