//! The coder's dictionaries: trigger words, CAMEO verbs and patterns, actors,
//! agents, countries, PLOVER categories and Goldstein scores. Every Arabic key
//! is normalised with rasid-text's key form when it is loaded, so `الروسى`
//! and `الروسي` find the same entry.

use std::path::Path;
use std::sync::{Arc, LazyLock};

use rasid_text::{light_stem, NormalizerConfig};

use crate::EventsError;

/// The maps of the dictionaries: looked up for every token, so with a fast
/// hash (the keys are the dictionaries' own words, not an attacker's).
pub(crate) type HashMap<K, V> = foldhash::HashMap<K, V>;
/// The sets of the dictionaries.
pub(crate) type HashSet<K> = foldhash::HashSet<K>;

/// An interned pattern word form: an index into [`Dictionaries::pattern_keys`]
/// or [`Dictionaries::pattern_stems`]; [`NO_FORM`] for a token form no pattern has.
pub(crate) type FormId = usize;
/// The id of a form no pattern word has.
pub(crate) const NO_FORM: FormId = FormId::MAX;

/// The files of a resources directory, by name, and their embedded contents.
pub const FILES: [(&str, &str); 8] = [
    (TRIGGERS_FILE, include_str!("../data/triggers.tsv")),
    (VERBS_FILE, include_str!("../data/verbs.tsv")),
    (ACTORS_FILE, include_str!("../data/actors.tsv")),
    (AGENTS_FILE, include_str!("../data/agents.tsv")),
    (COUNTRIES_FILE, include_str!("../data/countries.tsv")),
    (PLOVER_FILE, include_str!("../data/plover.tsv")),
    (GOLDSTEIN_FILE, include_str!("../data/goldstein.tsv")),
    (CODES_FILE, include_str!("../data/codes.tsv")),
];

/// rasid's own trigger table (speech verbs, light verbs, event nouns, modality words).
pub const TRIGGERS_FILE: &str = "event-triggers.tsv";
/// CAMEO verbs and patterns, from `CAMEO.ar.0.5.txt`.
pub const VERBS_FILE: &str = "event-verbs.tsv";
/// CAMEO actors, some limited to dates, from `actor_dict_ar_v4.txt`.
pub const ACTORS_FILE: &str = "event-actors.tsv";
/// CAMEO agents (`جيش` → `MIL`), from `agents.all.ar_v3.txt`.
pub const AGENTS_FILE: &str = "event-agents.tsv";
/// ISO 3166-1 alpha-2 → CAMEO country code.
pub const COUNTRIES_FILE: &str = "event-countries.tsv";
/// CAMEO → PLOVER category and mode.
pub const PLOVER_FILE: &str = "event-plover.tsv";
/// CAMEO → Goldstein score.
pub const GOLDSTEIN_FILE: &str = "event-goldstein.tsv";
/// The CAMEO codes and their names.
pub const CODES_FILE: &str = "event-codes.tsv";

/// What a trigger word does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A verb that reports an event.
    Verb,
    /// A noun that reports an event on its own.
    Noun,
    /// A noun that codes only after a light verb.
    Object,
    /// A light verb: takes the code of the noun after it.
    Light,
    /// A speech verb that opens a quote.
    Cue,
    /// A speech participle (`مشيرا`).
    Participle,
}

/// One trigger entry.
#[derive(Clone, Debug)]
pub(crate) struct Entry {
    pub kind: Kind,
    pub code: String,
    /// Word groups that must follow, in order; each group a set of alternatives.
    pub after: Vec<Vec<Word>>,
    /// For nouns: the actor right after the noun is its target (`مقتل X`).
    pub genitive_target: bool,
    /// From rasid's own table (not the CAMEO dictionary).
    pub curated: bool,
}

/// The entries of one trigger form, in the order read, indexed by the forms
/// of the first words of their patterns: a trigger with hundreds of patterns
/// (`وضع`, `قدم` in the CAMEO dictionary) is matched against the few whose
/// first word stands in the text after it.
#[derive(Clone, Debug, Default)]
pub(crate) struct Entries {
    list: Vec<Entry>,
    /// Entries by the key id of a word of their first group.
    by_key: HashMap<FormId, Vec<usize>>,
    /// Entries by the stem id of a word of their first group.
    by_stem: HashMap<FormId, Vec<usize>>,
    /// Entries with no words to follow.
    bare: Vec<usize>,
}

impl Entries {
    pub(crate) fn push(&mut self, entry: Entry) {
        let at = self.list.len();
        match entry.after.first() {
            None => self.bare.push(at),
            Some(group) => {
                for w in group {
                    let by_key = self.by_key.entry(w.key).or_default();
                    if by_key.last() != Some(&at) {
                        by_key.push(at);
                    }
                    let by_stem = self.by_stem.entry(w.stem).or_default();
                    if by_stem.last() != Some(&at) {
                        by_stem.push(at);
                    }
                }
            }
        }
        self.list.push(entry);
    }

    /// Adds to `out` the index of every entry that may match after tokens of
    /// these forms (see [`Dictionaries::form_ids`]): those with no words to
    /// follow, and those whose first words one of the tokens has; unordered,
    /// possibly repeated.
    pub(crate) fn candidates(&self, forms: &[[FormId; 3]], out: &mut Vec<usize>) {
        out.extend_from_slice(&self.bare);
        for &[key, stem, base] in forms {
            for (map, id) in [(&self.by_key, key), (&self.by_stem, stem), (&self.by_key, base)] {
                if id != NO_FORM {
                    if let Some(found) = map.get(&id) {
                        out.extend_from_slice(found);
                    }
                }
            }
        }
    }
}

impl std::ops::Deref for Entries {
    type Target = [Entry];

    fn deref(&self) -> &[Entry] {
        &self.list
    }
}

/// A word of a pattern, in the forms a token is compared in: its key form
/// and light stem, interned (a token matches when its key or its base's key
/// has the id `key`, or its stem the id `stem`).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Word {
    pub key: FormId,
    pub stem: FormId,
}

/// A CAMEO actor code, possibly limited to dates (YYYYMMDD, inclusive).
#[derive(Clone, Debug)]
pub(crate) struct DatedCode {
    pub code: String,
    pub from: Option<u32>,
    pub to: Option<u32>,
}

/// The coder's dictionaries, parsed once and shared.
#[derive(Debug, Default)]
pub struct Dictionaries {
    pub(crate) verbs: HashMap<String, Entries>,
    pub(crate) nouns: HashMap<String, Entries>,
    pub(crate) participles: HashMap<String, Entry>,
    pub(crate) negations: HashSet<String>,
    /// Words that look like verbs of the dictionary but are not (`وفقا`, `فجر`).
    pub(crate) not_verbs: HashSet<String>,
    pub(crate) intents: HashSet<String>,
    pub(crate) threats: HashSet<String>,
    pub(crate) actors: HashMap<String, Vec<DatedCode>>,
    /// One-word actors by the key form of the word (not its stem: stems of names collide).
    pub(crate) actor_words: HashMap<String, String>,
    pub(crate) agents: HashMap<String, (String, bool)>,
    pub(crate) agent_words: usize,
    pub(crate) agent_first: HashSet<String>,
    pub(crate) countries: HashMap<String, String>,
    pub(crate) country_codes: HashSet<String>,
    pub(crate) plover: HashMap<String, (String, Option<String>)>,
    pub(crate) goldstein: HashMap<String, f32>,
    pub(crate) codes: HashMap<String, String>,
    /// The key forms of the pattern words, each with its id.
    pub(crate) pattern_keys: HashMap<String, FormId>,
    /// The light stems of the pattern words, each with its id.
    pub(crate) pattern_stems: HashMap<String, FormId>,
}

static EMBEDDED: LazyLock<Arc<Dictionaries>> = LazyLock::new(|| {
    let mut d = Dictionaries::default();
    for (name, text) in FILES {
        // The embedded files are checked by a test; a malformed line is skipped, never a panic.
        let _ = d.read(name, text, true);
    }
    Arc::new(d)
});

/// The key form rasid-text gives `text`.
pub(crate) fn key(text: &str) -> String {
    key_cow(text).into_owned()
}

/// [`key`], borrowing `text` when it is its own key form (most words).
pub(crate) fn key_cow(text: &str) -> std::borrow::Cow<'_, str> {
    NormalizerConfig::default().key(text)
}

/// The words of a phrase as the actor and agent tables key them: key form,
/// light stem, one-letter clitic words (`ل`, `ب`) left out.
pub(crate) fn phrase_key<'a>(words: impl IntoIterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for w in words {
        let k = key_cow(w);
        if k.chars().count() < 2 {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(light_stem(&k));
    }
    out
}

impl Dictionaries {
    /// The dictionaries compiled into rasid.
    pub fn embedded() -> Arc<Dictionaries> {
        Arc::clone(&EMBEDDED)
    }

    /// The dictionaries of `dir`: each file of [`FILES`] present there replaces
    /// the embedded one; the others stay embedded.
    ///
    /// # Errors
    /// [`EventsError::Read`] for a file that cannot be read,
    /// [`EventsError::Malformed`] naming the file and line of a bad row.
    pub fn from_dir(dir: &Path) -> Result<Dictionaries, EventsError> {
        let mut d = Dictionaries::default();
        for (name, embedded) in FILES {
            let path = dir.join(name);
            if path.exists() {
                let text = std::fs::read_to_string(&path).map_err(|source| EventsError::Read {
                    path: path.display().to_string(),
                    source,
                })?;
                d.read(&path.display().to_string(), &text, false)?;
            } else {
                let _ = d.read(name, embedded, true);
            }
        }
        Ok(d)
    }

    /// Whether `dir` holds any of the event dictionaries.
    pub fn present_in(dir: &Path) -> bool {
        FILES.iter().any(|(name, _)| dir.join(name).exists())
    }

    fn read(&mut self, name: &str, text: &str, lenient: bool) -> Result<(), EventsError> {
        let file = FILES
            .iter()
            .find(|(n, _)| name.ends_with(n))
            .map(|(n, _)| *n)
            .unwrap_or(name);
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            let ok = match file {
                TRIGGERS_FILE => self.trigger(&cols),
                VERBS_FILE => self.verb(&cols),
                ACTORS_FILE => self.actor(&cols),
                AGENTS_FILE => self.agent(&cols),
                COUNTRIES_FILE => self.country(&cols),
                PLOVER_FILE => self.plover_row(&cols),
                GOLDSTEIN_FILE => self.goldstein_row(&cols),
                _ => self.code_row(&cols),
            };
            if let Err(reason) = ok {
                if !lenient {
                    return Err(EventsError::Malformed {
                        path: name.to_string(),
                        line: i + 1,
                        reason,
                    });
                }
            }
        }
        Ok(())
    }

    fn trigger(&mut self, cols: &[&str]) -> Result<(), String> {
        let kind = match cols.first().copied() {
            Some("V") => Kind::Verb,
            Some("N") => Kind::Noun,
            Some("O") => Kind::Object,
            Some("L") => Kind::Light,
            Some("C") => Kind::Cue,
            Some("H") => Kind::Participle,
            Some("AGENT") => {
                // rasid's own agent codes for common role nouns: read first, they win.
                let (Some(phrase), Some(code)) = (cols.get(1), cols.get(2)) else {
                    return Err("expected AGENT<TAB>phrase<TAB>code".into());
                };
                return self.agent(&[phrase, code, "suffix"]);
            }
            Some("NOTVERB") => {
                let forms = cols.get(1).ok_or("no forms")?;
                self.not_verbs.extend(forms.split('|').map(key));
                return Ok(());
            }
            Some(set @ ("NEG" | "INTENT" | "THREAT")) => {
                let forms = cols.get(1).ok_or("no forms")?;
                let target = match set {
                    "NEG" => &mut self.negations,
                    "INTENT" => &mut self.intents,
                    _ => &mut self.threats,
                };
                target.extend(forms.split('|').map(key));
                return Ok(());
            }
            other => return Err(format!("unknown kind {other:?}")),
        };
        let forms = cols.get(1).filter(|f| !f.is_empty()).ok_or("no forms")?;
        let code = cols.get(2).copied().unwrap_or_default().to_string();
        if kind != Kind::Light && !valid_code(&code) {
            return Err(format!("{code:?} is not a CAMEO code"));
        }
        let entry = Entry {
            kind,
            code,
            after: self.after_words(cols.get(3).copied().unwrap_or_default()),
            genitive_target: cols.get(4).is_some_and(|c| c.trim() == "tgt"),
            curated: true,
        };
        for form in forms.split('|') {
            let k = key(form);
            match kind {
                Kind::Noun | Kind::Object => self
                    .nouns
                    .entry(light_stem(&k).to_string())
                    .or_default()
                    .push(entry.clone()),
                Kind::Participle => {
                    self.participles.insert(k, entry.clone());
                }
                _ => self.verbs.entry(k).or_default().push(entry.clone()),
            }
        }
        Ok(())
    }

    fn verb(&mut self, cols: &[&str]) -> Result<(), String> {
        let [lemma, code, rest @ ..] = cols else {
            return Err("expected lemma<TAB>code<TAB>words".into());
        };
        if !valid_code(code) {
            return Err(format!("{code:?} is not a CAMEO code"));
        }
        let words = rest.first().copied().unwrap_or_default();
        // A pattern of function words only (`* (الى)`) says nothing about the event.
        if words.split_whitespace().any(|g| g.split('|').any(|w| !w.is_empty()))
            && words
                .split_whitespace()
                .flat_map(|g| g.split('|'))
                .filter(|w| !w.is_empty())
                .all(|w| FUNCTION_WORDS.contains(&key(w).as_str()))
        {
            return Ok(());
        }
        let after = self.after_words(words);
        let entries = self.verbs.entry(key(lemma)).or_default();
        // rasid's own rows for a verb replace the dictionary's.
        if entries.iter().any(|e| e.curated) {
            return Ok(());
        }
        entries.push(Entry {
            kind: Kind::Verb,
            code: (*code).to_string(),
            after,
            genitive_target: false,
            curated: false,
        });
        Ok(())
    }

    fn actor(&mut self, cols: &[&str]) -> Result<(), String> {
        let [phrase, code, rest @ ..] = cols else {
            return Err("expected phrase<TAB>code<TAB>from<TAB>to".into());
        };
        let date = |i: usize| -> Result<Option<u32>, String> {
            match rest.get(i).map(|s| s.trim()).filter(|s| !s.is_empty()) {
                None => Ok(None),
                Some(s) => s.parse().map(Some).map_err(|_| format!("{s:?} is not a YYYYMMDD date")),
            }
        };
        if code.is_empty() || code.len() % 3 != 0 || !code.bytes().all(|b| b.is_ascii_uppercase()) {
            return Err(format!("{code:?} is not a CAMEO actor code"));
        }
        let k = phrase_key(phrase.split_whitespace());
        if k.is_empty() {
            return Err("empty phrase".into());
        }
        let mut words = phrase.split_whitespace();
        if let (Some(word), None) = (words.next(), words.next()) {
            self.actor_words.entry(key(word)).or_insert_with(|| (*code).to_string());
        }
        self.actors.entry(k).or_default().push(DatedCode {
            code: (*code).to_string(),
            from: date(0)?,
            to: date(1)?,
        });
        Ok(())
    }

    fn agent(&mut self, cols: &[&str]) -> Result<(), String> {
        let [phrase, code, rest @ ..] = cols else {
            return Err("expected phrase<TAB>code<TAB>suffix|prefix".into());
        };
        if code.is_empty() || code.len() % 3 != 0 || !code.bytes().all(|b| b.is_ascii_uppercase()) {
            return Err(format!("{code:?} is not an agent code"));
        }
        let k = phrase_key(phrase.split_whitespace());
        if k.is_empty() {
            return Err("empty phrase".into());
        }
        self.agent_words = self.agent_words.max(k.split(' ').count());
        self.agent_first
            .insert(k.split(' ').next().unwrap_or_default().to_string());
        let prefix = rest.first().is_some_and(|p| p.trim() == "prefix");
        self.agents.entry(k).or_insert(((*code).to_string(), prefix));
        Ok(())
    }

    fn country(&mut self, cols: &[&str]) -> Result<(), String> {
        let [iso2, code, ..] = cols else {
            return Err("expected alpha-2<TAB>code".into());
        };
        self.countries.insert((*iso2).to_string(), (*code).to_string());
        self.country_codes.insert((*code).to_string());
        Ok(())
    }

    fn plover_row(&mut self, cols: &[&str]) -> Result<(), String> {
        let [code, category, rest @ ..] = cols else {
            return Err("expected code<TAB>category".into());
        };
        let mode = rest
            .first()
            .map(|m| m.trim())
            .filter(|m| !m.is_empty())
            .map(str::to_string);
        self.plover.insert((*code).to_string(), ((*category).to_string(), mode));
        Ok(())
    }

    fn goldstein_row(&mut self, cols: &[&str]) -> Result<(), String> {
        let [code, score, ..] = cols else {
            return Err("expected code<TAB>score".into());
        };
        let score: f32 = score.trim().parse().map_err(|_| format!("{score:?} is not a number"))?;
        if !(-10.0..=10.0).contains(&score) {
            return Err(format!("{score} is outside -10..10"));
        }
        self.goldstein.insert((*code).to_string(), score);
        Ok(())
    }

    fn code_row(&mut self, cols: &[&str]) -> Result<(), String> {
        let [code, name, ..] = cols else {
            return Err("expected code<TAB>name".into());
        };
        self.codes.insert((*code).to_string(), (*name).to_string());
        Ok(())
    }

    /// The CAMEO country code of an ISO 3166-1 alpha-2 code (`SY` → `SYR`).
    ///
    /// ```
    /// let d = rasid_events::Dictionaries::embedded();
    /// assert_eq!(d.country_code("SY"), Some("SYR"));
    /// assert_eq!(d.country_code("XK"), Some("KSV"));
    /// assert_eq!(d.plover("0874"), Some(("RETREAT", Some("disarm"))));
    /// assert_eq!(d.goldstein("190"), -10.0);
    /// assert_eq!(d.code_name("046"), Some("Engage in negotiation"));
    /// ```
    pub fn country_code(&self, iso2: &str) -> Option<&str> {
        self.countries.get(iso2).map(String::as_str)
    }

    /// Whether `code` is a CAMEO country code.
    pub(crate) fn is_country(&self, code: &str) -> bool {
        self.country_codes.contains(code)
    }

    /// The actor code of a phrase on a date (YYYYMMDD, when known): an entry
    /// limited to dates that hold the date wins over an undated one.
    pub(crate) fn actor_code(&self, phrase_key: &str, date: Option<u32>) -> Option<&str> {
        let codes = self.actors.get(phrase_key)?;
        if let Some(d) = date {
            if let Some(c) = codes.iter().find(|c| {
                (c.from.is_some() || c.to.is_some()) && c.from.is_none_or(|f| f <= d) && c.to.is_none_or(|t| d <= t)
            }) {
                return Some(&c.code);
            }
        }
        codes
            .iter()
            .find(|c| c.from.is_none() && c.to.is_none())
            .or_else(|| codes.last())
            .map(|c| c.code.as_str())
    }

    /// The PLOVER category and mode of a CAMEO code (its parent's when it has none).
    pub fn plover(&self, code: &str) -> Option<(&str, Option<&str>)> {
        let mut c = code;
        loop {
            if let Some((cat, mode)) = self.plover.get(c) {
                return Some((cat, mode.as_deref()));
            }
            if c.len() <= 2 {
                return None;
            }
            c = &c[..c.len() - 1];
        }
    }

    /// The Goldstein score of a CAMEO code (its parent's when it has none).
    pub fn goldstein(&self, code: &str) -> f32 {
        let mut c = code;
        loop {
            if let Some(g) = self.goldstein.get(c) {
                return *g;
            }
            if c.len() <= 2 {
                return 0.0;
            }
            c = &c[..c.len() - 1];
        }
    }

    /// The name of a CAMEO code (`046` → `Engage in negotiation`).
    pub fn code_name(&self, code: &str) -> Option<&str> {
        self.codes.get(code).map(String::as_str)
    }
}

/// Prepositions and particles, in key form.
const FUNCTION_WORDS: [&str; 14] = [
    "الي", "في", "فى", "علي", "من", "عن", "مع", "ضد", "بين", "حول", "عبر", "ان", "الا", "لا",
];

fn valid_code(code: &str) -> bool {
    (2..=4).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_digit())
}

impl Dictionaries {
    /// The word groups of a pattern (`يد|ايدي قبل`), their forms interned.
    fn after_words(&mut self, text: &str) -> Vec<Vec<Word>> {
        text.split_whitespace()
            .map(|group| {
                group
                    .split('|')
                    .filter(|w| !w.is_empty())
                    .map(|w| self.pattern_word(w))
                    .collect()
            })
            .filter(|g: &Vec<Word>| !g.is_empty())
            .collect()
    }

    fn pattern_word(&mut self, word: &str) -> Word {
        fn intern(map: &mut HashMap<String, FormId>, form: &str) -> FormId {
            if let Some(&id) = map.get(form) {
                return id;
            }
            let id = map.len();
            map.insert(form.to_string(), id);
            id
        }
        let k = key(word);
        let stem = intern(&mut self.pattern_stems, light_stem(&k));
        Word {
            key: intern(&mut self.pattern_keys, &k),
            stem,
        }
    }

    /// The ids of a token's forms among the pattern words: its key, its
    /// stem and its base's key ([`NO_FORM`] where no pattern has the form).
    pub(crate) fn form_ids(&self, key: &str, stem: &str, base: &str) -> [FormId; 3] {
        let id = |map: &HashMap<String, FormId>, f: &str| map.get(f).copied().unwrap_or(NO_FORM);
        [
            id(&self.pattern_keys, key),
            id(&self.pattern_stems, stem),
            id(&self.pattern_keys, base),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_embedded_file_parses_strictly() {
        let mut d = Dictionaries::default();
        for (name, text) in FILES {
            d.read(name, text, false).unwrap_or_else(|e| panic!("{e}"));
        }
        assert!(
            d.verbs.len() > 500 && d.actors.len() > 3000 && d.agents.len() > 1000,
            "{} {} {}",
            d.verbs.len(),
            d.actors.len(),
            d.agents.len()
        );
        assert_eq!(d.country_code("SY"), Some("SYR"));
        assert_eq!(d.plover("046"), Some(("CONSULT", None)));
        assert_eq!(d.goldstein("046"), 7.0);
        assert_eq!(d.goldstein("0874"), 9.0);
    }

    #[test]
    fn entries_are_found_by_the_first_words_of_their_patterns() {
        let mut d = Dictionaries::default();
        d.read(
            VERBS_FILE,
            "وضع\t051\tحدا\nوضع\t0233\tخطة|برنامج تنفيذ\nوضع\t042\nوضع\t111\tحجر اساس\n",
            false,
        )
        .unwrap();
        let entries = d.verbs.get(&key("وضع")).unwrap();
        assert_eq!(entries.len(), 4);
        let forms = |word: &str| {
            let k = key(word);
            d.form_ids(&k, light_stem(&k), &k)
        };
        let found = |words: &[&str]| {
            let mut out = Vec::new();
            entries.candidates(&words.iter().map(|w| forms(w)).collect::<Vec<_>>(), &mut out);
            out.sort_unstable();
            out.dedup();
            out
        };
        // A word of no pattern: only the entry with nothing to follow.
        assert_eq!(forms("الطاولة"), [NO_FORM; 3]);
        assert_eq!(found(&["الطاولة"]), vec![2]);
        // A first word (either alternative), in its own form or another of the same key.
        assert_eq!(found(&["خطة"]), vec![1, 2]);
        assert_eq!(found(&["برنامج", "حجر"]), vec![1, 2, 3]);
        // A word that only follows another is no way in (`تنفيذ`, `اساس`).
        assert_eq!(found(&["تنفيذ", "أساس"]), vec![2]);
    }

    #[test]
    fn keys_are_normalised() {
        let d = Dictionaries::embedded();
        assert!(d.verbs.contains_key(&key("أكد")));
        assert_eq!(phrase_key(["الروسى"]), phrase_key(["الروسي"]));
    }

    #[test]
    fn dated_actor_codes_resolve_against_the_date() {
        let mut d = Dictionaries::default();
        d.read(
            ACTORS_FILE,
            "نوري المالكي\tIRQGOV\t20060520\t20140908\nنوري المالكي\tIRQELI\t20140908\t\n",
            false,
        )
        .unwrap();
        let k = phrase_key(["نوري", "المالكي"]);
        assert_eq!(d.actor_code(&k, Some(20100101)), Some("IRQGOV"));
        assert_eq!(d.actor_code(&k, Some(20160101)), Some("IRQELI"));
    }

    #[test]
    fn malformed_rows_name_file_and_line() {
        let dir = std::env::temp_dir().join(format!("rasid-events-dict-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(GOLDSTEIN_FILE), "# c\n046\tseven\n").unwrap();
        let err = Dictionaries::from_dir(&dir).unwrap_err().to_string();
        assert!(err.contains(GOLDSTEIN_FILE) && err.contains("line 2"), "{err}");
        std::fs::remove_dir_all(&dir).ok();
    }
}
