//! The word-form lexicon behind the analyzer, and the tables built from it.
//!
//! `data/lexicon.tsv` holds the most frequent Arabic word forms (key form) of
//! the ANT corpus with their counts; `cargo run -p xtask -- build-lexicon`
//! rebuilds it (see `data/README.md`). It is embedded with `include_str!` and
//! parsed on first use into a [`Forms`] table that borrows the embedded text
//! ([`Lexicon::embedded`]); [`Lexicon::from_dir`] reads another one, which
//! owns its strings. The clitic decision ([`crate::clitic::decide`]) and the
//! stem of a form are computed the first time the form is met and kept in the
//! entry (a `OnceLock`), so that analysing a known word again costs one hash
//! lookup, while start-up only parses the file.

use std::borrow::Cow;
use std::collections::HashSet;
use std::fmt;
use std::hash::{BuildHasherDefault, Hasher};
use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock, OnceLock};

use crate::clitic::{base_key, decide, Decision, Proclitic};
use crate::normalize::NormalizerConfig;
use crate::stem::stem_with;

/// File name of the frequency list, in the embedded data and in a lexicon directory.
pub const LEXICON_FILE: &str = "lexicon.tsv";
/// File name of the stopword list.
pub const STOPWORDS_FILE: &str = "stopwords.txt";
/// File name of the protected whole words.
pub const WHOLE_FILE: &str = "whole.txt";

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

/// Bytes of a key form kept inside its slot of [`Forms`]: every shipped
/// form (at most 15 Arabic letters); longer ones, from a lexicon read from
/// disk, are compared with the form itself.
const INLINE: usize = 30;

/// One slot of [`Forms`]: one cache line holding a form's hash, its length,
/// the form itself (up to [`INLINE`] bytes), its count and its analysis, so
/// that a lookup, hit or miss, reads one line (or a neighbour) and nothing
/// else.
#[repr(C, align(64))]
struct Slot {
    /// The form's bytes, zero-padded (when it fits).
    key: [u8; INLINE],
    /// Its length in bytes, at most 255.
    len: u8,
    _pad: u8,
    /// The low 32 bits of its hash.
    tag: u32,
    /// Index of the form in `Forms::forms`; `EMPTY` for a free slot.
    form: u32,
    /// Its count and analysis.
    entry: Entry,
}

/// A free slot.
const EMPTY: u32 = u32::MAX;

impl Slot {
    fn free() -> Slot {
        Slot {
            key: [0; INLINE],
            len: 0,
            _pad: 0,
            tag: 0,
            form: EMPTY,
            entry: Entry::default(),
        }
    }
}

/// A key form prepared for lookup: its hash and its bytes padded as a slot
/// holds them.
struct Probe<'a> {
    form: &'a str,
    hash: u64,
    len: u8,
    padded: [u8; INLINE],
}

impl<'a> Probe<'a> {
    #[inline]
    fn new(form: &'a str) -> Self {
        let bytes = form.as_bytes();
        let mut hasher = FxHasher::default();
        hasher.write(bytes);
        let mut padded = [0u8; INLINE];
        if let Some(dst) = padded.get_mut(..bytes.len()) {
            dst.copy_from_slice(bytes);
        }
        Probe {
            form,
            hash: hasher.finish(),
            len: u8::try_from(bytes.len()).unwrap_or(u8::MAX),
            padded,
        }
    }
}

/// The lexicon's forms: an open-addressing hash table (linear probing, at
/// most 3/4 full) whose slots hold the forms themselves with their counts
/// and analyses. Looking a token up reads one cache line: the map of `&str`
/// it replaces read the bucket, then the form in the embedded text and the
/// entry elsewhere in memory (the key comparison alone was a tenth of the
/// analyzer's time). The forms as strings sit in a vector beside it, read
/// only to analyse a form the first time and for forms too long to inline.
#[derive(Default)]
struct Forms {
    slots: Vec<Slot>,
    forms: Vec<Cow<'static, str>>,
}

impl Forms {
    /// Number of distinct forms.
    fn len(&self) -> usize {
        self.forms.len()
    }

    /// True when it holds no form.
    fn is_empty(&self) -> bool {
        self.forms.is_empty()
    }

    /// Slot index where `probe` is, or the free slot where it would go;
    /// `None` only when the table has no slots.
    #[inline]
    fn find(&self, probe: &Probe<'_>) -> Option<usize> {
        let mask = self.slots.len().checked_sub(1)?;
        // The high bits of an FxHash are the best mixed.
        let mut i = (probe.hash >> 32) as usize & mask;
        let tag = probe.hash as u32;
        loop {
            let slot = self.slots.get(i)?;
            if slot.form == EMPTY {
                return Some(i);
            }
            if slot.tag == tag && slot.len == probe.len {
                let same = if usize::from(probe.len) <= INLINE {
                    slot.key == probe.padded
                } else {
                    self.forms
                        .get(slot.form as usize)
                        .is_some_and(|f| f.as_bytes() == probe.form.as_bytes())
                };
                if same {
                    return Some(i);
                }
            }
            i = (i + 1) & mask;
        }
    }

    /// The slot of a form that is in the table.
    #[inline]
    fn get(&self, form: &str) -> Option<&Slot> {
        let slot = self.slots.get(self.find(&Probe::new(form))?)?;
        (slot.form != EMPTY).then_some(slot)
    }

    /// The form a slot holds.
    fn form(&self, slot: &Slot) -> &str {
        self.forms.get(slot.form as usize).map_or("", |f| f)
    }

    /// Adds a form with its count; a form already there takes the new count.
    fn insert(&mut self, form: Cow<'static, str>, count: u32) {
        if (self.forms.len() + 1) * 4 > self.slots.len() * 3 {
            self.grow();
        }
        let probe = Probe::new(&form);
        let Some(i) = self.find(&probe) else { return };
        let Ok(at) = u32::try_from(self.forms.len()) else {
            return;
        };
        let (key, len, tag) = (probe.padded, probe.len, probe.hash as u32);
        let Some(slot) = self.slots.get_mut(i) else { return };
        if slot.form != EMPTY {
            slot.entry.count = count;
            return;
        }
        *slot = Slot {
            key,
            len,
            _pad: 0,
            tag,
            form: at,
            entry: Entry {
                count,
                ..Entry::default()
            },
        };
        self.forms.push(form);
    }

    /// Doubles the slots (at least 1,024) and places every form again.
    fn grow(&mut self) {
        let size = (self.slots.len() * 2).max(1024);
        let mask = size - 1;
        let old = std::mem::replace(&mut self.slots, (0..size).map(|_| Slot::free()).collect());
        for slot in old.into_iter().filter(|s| s.form != EMPTY) {
            let hash = match self.forms.get(slot.form as usize) {
                Some(form) => Probe::new(form).hash,
                None => continue,
            };
            let mut i = (hash >> 32) as usize & mask;
            while self.slots.get(i).is_some_and(|s| s.form != EMPTY) {
                i = (i + 1) & mask;
            }
            if let Some(free) = self.slots.get_mut(i) {
                *free = slot;
            }
        }
    }
}

/// The data behind the analyzer: word-form counts (the evidence the clitic
/// splitter weighs), stopwords and protected whole words.
///
/// The shipped lexicon is embedded in the crate and built once per process
/// ([`Lexicon::embedded`]); [`Lexicon::from_dir`] loads another from the
/// three files `lexicon.tsv`, `stopwords.txt` and `whole.txt`. An
/// [`Analyzer`](crate::Analyzer) holds one behind an [`Arc`]; its
/// [`fingerprint`](Lexicon::fingerprint) is part of the analyzer's
/// [`settings`](crate::Analyzer::settings).
///
/// ```
/// use rasid_text::{Analyzer, AnalyzerConfig, Lexicon};
/// let lexicon = Lexicon::embedded();
/// assert!(lexicon.len() > 10_000);
/// let analyzer = Analyzer::with_lexicon(AnalyzerConfig::default(), lexicon);
/// assert_eq!(analyzer.analyze_text("والفصائل").tokens[0].proclitics, ["و", "ال"]);
/// ```
pub struct Lexicon {
    /// Counts and precomputed decisions by key form (borrowed from the
    /// embedded text, or owned when read from disk).
    entries: Forms,
    /// Stopwords, key form.
    stopwords: HashSet<String, FxBuild>,
    /// Protected whole words, norm form.
    whole: HashSet<String, FxBuild>,
    /// Key forms of the protected words: only these need the norm check.
    whole_keys: HashSet<String, FxBuild>,
    /// BLAKE3 of the three files' contents, hex.
    fingerprint: String,
}

impl fmt::Debug for Lexicon {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Lexicon")
            .field("forms", &self.entries.len())
            .field("stopwords", &self.stopwords.len())
            .field("whole", &self.whole.len())
            .field("fingerprint", &self.fingerprint)
            .finish()
    }
}

impl Counts for Lexicon {
    #[inline]
    fn count(&self, form: &str) -> u32 {
        self.entries.get(form).map_or(0, |slot| slot.entry.count)
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

/// The embedded lexicon, built on first use.
static EMBEDDED: LazyLock<Arc<Lexicon>> = LazyLock::new(|| {
    let sources = Sources {
        lexicon: Cow::Borrowed(LEXICON_TSV),
        stopwords: STOPWORDS_TXT,
        whole: WHOLE_TXT,
        dir: None,
    };
    // The embedded files are checked by a test; a bad line would be skipped.
    Arc::new(Lexicon::build(sources, false).unwrap_or_else(|_| Lexicon::empty()))
});

/// The texts of the three files, and where they were read from (`None`:
/// embedded).
struct Sources<'a> {
    lexicon: Cow<'static, str>,
    stopwords: &'a str,
    whole: &'a str,
    dir: Option<&'a Path>,
}

impl Sources<'_> {
    fn path(&self, file: &str) -> PathBuf {
        match self.dir {
            Some(dir) => dir.join(file),
            None => Path::new("<embedded>").join(file),
        }
    }
}

impl Lexicon {
    /// The shipped lexicon, parsed once per process (about 20 ms in a release
    /// build) and shared.
    pub fn embedded() -> Arc<Lexicon> {
        Arc::clone(&EMBEDDED)
    }

    /// The shipped lexicon, for the crate's own functions that have no analyzer.
    pub(crate) fn embedded_ref() -> &'static Lexicon {
        &EMBEDDED
    }

    /// Reads a lexicon from `dir/lexicon.tsv` (`form<TAB>count` lines, forms
    /// in key form), `dir/stopwords.txt` and `dir/whole.txt` (one word per
    /// line); in all three, blank lines and lines starting with `#` are
    /// skipped.
    ///
    /// # Errors
    /// [`TextError::Read`] naming the file that is missing or unreadable (or
    /// not UTF-8); [`TextError::Malformed`] naming the file and line of a
    /// `lexicon.tsv` line that is not `form<TAB>count`.
    pub fn from_dir(dir: &Path) -> Result<Lexicon, TextError> {
        let read = |file: &str| {
            let path = dir.join(file);
            std::fs::read_to_string(&path).map_err(|source| TextError::Read { path, source })
        };
        let lexicon = read(LEXICON_FILE)?;
        let stopwords = read(STOPWORDS_FILE)?;
        let whole = read(WHOLE_FILE)?;
        let sources = Sources {
            lexicon: Cow::Owned(lexicon),
            stopwords: &stopwords,
            whole: &whole,
            dir: Some(dir),
        };
        Lexicon::build(sources, true)
    }

    /// A hex digest (BLAKE3) of the three files' contents: two lexicons with
    /// the same fingerprint analyse alike.
    pub fn fingerprint(&self) -> &str {
        &self.fingerprint
    }

    /// Number of word forms with counts.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when it holds no word forms.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The corpus count of a key form (0 when unknown).
    #[inline]
    pub fn count(&self, key: &str) -> u32 {
        Counts::count(self, key)
    }

    /// True when the key form is a stopword.
    #[inline]
    pub fn is_stopword(&self, key: &str) -> bool {
        Counts::is_stopword(self, key)
    }

    /// True when the analyzer reads the key form `key` as the conjunction `و`
    /// or `ف` before a word (`وقال`, `فقد`, `وتم`), not as a word that begins
    /// with the letter (`وزاره`, `ودع`, `وفد`, `فرنسا`) or a function word
    /// (`في`, `فيما`): the clitic decision the analyzer's tokens get.
    ///
    /// ```
    /// let lexicon = rasid_text::Lexicon::embedded();
    /// assert!(lexicon.opens_with_conjunction("وقال"));
    /// assert!(!lexicon.opens_with_conjunction("وزاره"));
    /// assert!(!lexicon.opens_with_conjunction("في"));
    /// ```
    pub fn opens_with_conjunction(&self, key: &str) -> bool {
        if !key.starts_with(['و', 'ف']) {
            return false;
        }
        let decision = match self.known(key) {
            Some(known) => known.decision,
            None => decide(key, self, &mut String::new()),
        };
        let first = decision.proclitics().next();
        matches!(first, Some(Proclitic::Wa | Proclitic::Fa))
    }

    /// The analysis of a key form that is in the lexicon, computed on first use.
    #[inline]
    pub(crate) fn known(&self, key: &str) -> Option<Analyzed> {
        let slot = self.entries.get(key)?;
        Some(
            *slot
                .entry
                .analysis
                .get_or_init(|| self.analyze(self.entries.form(slot))),
        )
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

    /// A lexicon with nothing in it.
    fn empty() -> Lexicon {
        Lexicon {
            entries: Forms::default(),
            stopwords: HashSet::default(),
            whole: HashSet::default(),
            whole_keys: HashSet::default(),
            fingerprint: String::new(),
        }
    }

    /// Builds the tables. `strict`: a malformed `lexicon.tsv` line is an
    /// error (otherwise it is skipped, as for the embedded data).
    fn build(sources: Sources<'_>, strict: bool) -> Result<Lexicon, TextError> {
        let fingerprint = fingerprint(&sources);
        let keyer = NormalizerConfig::default();
        let mut entries = Forms::default();
        let mut add = |form: Cow<'static, str>, count: u32| entries.insert(form, count);
        match &sources.lexicon {
            Cow::Borrowed(text) => {
                for (line, text) in numbered_lines(text) {
                    match parse_count(text) {
                        Ok((form, count)) => add(Cow::Borrowed(form), count),
                        Err(reason) if strict => return Err(sources.malformed(line, reason)),
                        Err(_) => {}
                    }
                }
            }
            Cow::Owned(text) => {
                for (line, text) in numbered_lines(text) {
                    match parse_count(text) {
                        Ok((form, count)) => add(Cow::Owned(form.to_owned()), count),
                        Err(reason) if strict => return Err(sources.malformed(line, reason)),
                        Err(_) => {}
                    }
                }
            }
        }
        let stopwords: HashSet<String, FxBuild> = numbered_lines(sources.stopwords)
            .map(|(_, w)| keyer.key(w).into_owned())
            .collect();
        let whole: HashSet<String, FxBuild> = numbered_lines(sources.whole)
            .map(|(_, w)| keyer.norm(w).into_owned())
            .collect();
        let whole_keys: HashSet<String, FxBuild> = whole.iter().map(|w| keyer.key(w).into_owned()).collect();
        Ok(Lexicon {
            entries,
            stopwords,
            whole,
            whole_keys,
            fingerprint,
        })
    }
}

impl Sources<'_> {
    fn malformed(&self, line: usize, reason: String) -> TextError {
        TextError::Malformed {
            path: self.path(LEXICON_FILE),
            line,
            reason,
        }
    }
}

/// BLAKE3 over the three files, each preceded by its name and length, hex.
fn fingerprint(sources: &Sources<'_>) -> String {
    let mut h = blake3::Hasher::new();
    for (name, text) in [
        (LEXICON_FILE, &*sources.lexicon),
        (STOPWORDS_FILE, sources.stopwords),
        (WHOLE_FILE, sources.whole),
    ] {
        h.update(name.as_bytes());
        h.update(&(text.len() as u64).to_le_bytes());
        h.update(text.as_bytes());
    }
    h.finalize().to_hex().to_string()
}

/// One `form<TAB>count` line.
fn parse_count(line: &str) -> Result<(&str, u32), String> {
    let mut fields = line.split('\t');
    let (Some(form), Some(count)) = (fields.next(), fields.next()) else {
        return Err("expected `form<TAB>count`".to_string());
    };
    if form.is_empty() {
        return Err("empty form".to_string());
    }
    let count = count
        .trim()
        .parse::<u32>()
        .map_err(|_| format!("count `{count}` is not a whole number"))?;
    Ok((form, count))
}

/// Non-empty, non-comment lines of a data file, trimmed, with their 1-based numbers.
fn numbered_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim()))
        .filter(|(_, l)| !l.is_empty() && !l.starts_with('#'))
}

/// Why a lexicon could not be loaded.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum TextError {
    /// A file is missing, unreadable or not UTF-8.
    #[error("cannot read {}: {source}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A line of a data file is not what the format says.
    #[error("{}:{line}: {reason}", path.display())]
    Malformed {
        /// The file.
        path: PathBuf,
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        reason: String,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexicon_loads() {
        let r = Lexicon::embedded_ref();
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
    fn embedded_data_parses_strictly() {
        let sources = Sources {
            lexicon: Cow::Borrowed(LEXICON_TSV),
            stopwords: STOPWORDS_TXT,
            whole: WHOLE_TXT,
            dir: None,
        };
        let strict = Lexicon::build(sources, true);
        assert!(
            strict.is_ok(),
            "help: a line of the embedded data is malformed: {:?}",
            strict.err()
        );
        let strict = strict.unwrap_or_else(|_| Lexicon::empty());
        assert_eq!(strict.len(), Lexicon::embedded_ref().len());
        assert_eq!(strict.fingerprint(), Lexicon::embedded_ref().fingerprint());
        assert_eq!(Lexicon::embedded_ref().fingerprint().len(), 64);
    }

    #[test]
    fn malformed_lines_are_named() {
        for (text, reason) in [
            ("# c\nفي\t12\nوزاره\n", "expected"),
            ("في\tmany\n", "not a whole number"),
            ("في\t-1\n", "not a whole number"),
        ] {
            let sources = Sources {
                lexicon: Cow::Owned(text.to_string()),
                stopwords: "",
                whole: "",
                dir: Some(Path::new("/data/lex")),
            };
            let err = Lexicon::build(sources, true).map(|_| ()).unwrap_err().to_string();
            assert!(err.starts_with("/data/lex/lexicon.tsv:"), "{err}");
            assert!(err.contains(reason), "{err}");
        }
        let err = Lexicon::build(
            Sources {
                lexicon: Cow::Owned("# c\nفي\t12\nوزاره\n".to_string()),
                stopwords: "",
                whole: "",
                dir: Some(Path::new("/d")),
            },
            true,
        )
        .map(|_| ())
        .unwrap_err()
        .to_string();
        assert!(err.starts_with("/d/lexicon.tsv:3: "), "{err}");
    }

    #[test]
    fn forms_find_every_form_and_nothing_else() {
        assert_eq!(std::mem::size_of::<Slot>(), 64, "help: a slot should be one cache line");
        let mut forms = Forms::default();
        assert!(forms.get("في").is_none(), "an empty table finds nothing");
        // Short, exactly inline, long (compared out of line) and repeated forms.
        let long = "استراتيجياتهمالعسكرية";
        assert!(long.len() > INLINE);
        let inline = "ابcdefghijklmnopqrstuvwxyz12";
        assert_eq!(inline.len(), INLINE);
        let mut expected = Vec::new();
        for i in 0..5_000u32 {
            let form = format!("ك{i}");
            forms.insert(Cow::Owned(form.clone()), i);
            expected.push((form, i));
        }
        for (form, count) in [(long, 7), (inline, 8), ("في", 9), ("في", 10)] {
            forms.insert(Cow::Borrowed(form), count);
        }
        expected.extend([(long.to_string(), 7), (inline.to_string(), 8), ("في".to_string(), 10)]);
        assert_eq!(forms.len(), expected.len(), "a repeated form is one form");
        for (form, count) in &expected {
            let slot = forms.get(form).unwrap_or_else(|| panic!("{form} not found"));
            assert_eq!((forms.form(slot), slot.entry.count), (form.as_str(), *count));
        }
        for missing in [
            "ك5000",
            "ك",
            "",
            "استراتيجياتهمالعسكريه",
            "ابcdefghijklmnopqrstuvwxyz13",
            "فى",
        ] {
            assert!(forms.get(missing).is_none(), "{missing} found");
        }
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
