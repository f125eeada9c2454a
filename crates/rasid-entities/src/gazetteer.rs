//! Gazetteers of places (GeoNames), demonyms and the ANERGazet lists, compiled
//! into one finite-state automaton over key forms.
//!
//! The shipped source is `data/gazetteer.tsv` (built by `cargo xtask
//! build-gazetteer` from `../shared/data`); it is embedded and compiled into an
//! [`fst::Map`] once per process. Names are stored as the key forms of their
//! words joined by one space, so a lookup walks the automaton token by token
//! and finds every name that starts at a token in one pass.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::sync::{Arc, LazyLock};

use fst::raw::{Fst, Output};
use rasid_core::PlaceLink;

use crate::word::Word;

/// The embedded gazetteer source.
pub(crate) const EMBEDDED: &str = include_str!("../data/gazetteer.tsv");

/// The gazetteer built from the embedded data, once per process.
pub(crate) static GAZETTEER: LazyLock<Arc<Gazetteer>> = LazyLock::new(|| Arc::new(Gazetteer::parse(EMBEDDED)));

/// Flags of a name: which lists it is in.
pub(crate) mod flag {
    /// ANERGazet location list.
    pub const LOC: u8 = 1;
    /// ANERGazet organisation list.
    pub const ORG: u8 = 2;
    /// ANERGazet person list.
    pub const PER: u8 = 4;
    /// A GeoNames place (any feature).
    pub const PLACE: u8 = 8;
    /// A demonym.
    pub const DEMONYM: u8 = 16;
    /// A country's name.
    pub const COUNTRY: u8 = 32;
    /// A capital's or first-level region's name.
    pub const MAJOR: u8 = 64;
    /// Also a common word or a given name: a place only when the tagger says so.
    pub const COMMON: u8 = 128;
}

/// One GeoNames place.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Place {
    pub id: u32,
    pub name_en: String,
    pub feature: String,
    pub country: String,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub population: Option<u64>,
    /// The first Arabic spelling, as stored (key form).
    pub name_ar: String,
}

impl Place {
    pub fn link(&self) -> PlaceLink {
        PlaceLink {
            geonames_id: self.id,
            name_en: self.name_en.clone(),
            country: self.country.clone(),
            lat: self.lat,
            lon: self.lon,
            feature: self.feature.clone(),
            population: self.population,
        }
    }

    pub fn is_country(&self) -> bool {
        self.feature == "PCLI"
    }
}

/// What the gazetteer knows about one name.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct NameInfo {
    pub flags: u8,
    /// Places with this name (indexes into `Gazetteer::places`).
    pub places: Vec<u32>,
    /// The country code, for a demonym.
    pub demonym: Option<String>,
}

/// Kinds of actor (from the CAMEO actor dictionary), as flags.
pub(crate) mod actor {
    /// A person.
    pub const PER: u8 = 1;
    /// An organisation.
    pub const ORG: u8 = 2;
}

/// A name found in a token sequence: tokens `start..end`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Match {
    pub start: usize,
    pub end: usize,
    pub info: usize,
}

/// The gazetteer: GeoNames places, demonyms, the ANERGazet lists, common
/// words and CAMEO actor names, compiled into finite-state automata over
/// analyzer key forms. The tagger uses it for features, and resolution for
/// place mentions, linking, demonyms and roles.
///
/// The shipped one is embedded (see [`NerResources::embedded`](crate::NerResources::embedded));
/// [`Gazetteer::parse`] compiles another from the `gazetteer.tsv` format
/// that `cargo xtask build-gazetteer` writes (`data/README.md`).
pub struct Gazetteer {
    pub(crate) places: Vec<Place>,
    infos: Vec<NameInfo>,
    names: Option<Fst<Vec<u8>>>,
    /// Actor names (lemma keys) → `actor` flags.
    actors: Option<Fst<Vec<u8>>>,
    /// The first words of the names and of the actor names: a walk of the
    /// automaton from a word not among them finds nothing, so it is not begun
    /// (most tokens start no name).
    name_starts: Starts,
    actor_starts: Starts,
    countries: HashMap<String, u32>,
    /// Vowelless skeletons shared by two listed person names that differ by
    /// a long vowel (`حسن`/`حسين`, `سلمان`/`سليمان`): for these the vowel
    /// tells two names apart, and identity keys keep it (see
    /// `resolve::identity`).
    pub(crate) vowel_names: HashSet<String>,
    /// Vowelless skeletons of the person names the gazetteer knows (every
    /// word of an ANERGazet person name, the last word of a CAMEO actor's):
    /// the evidence that lets a lone name drop its long vowels in identity
    /// keys (`بوتن`/`بوتين`; see `resolve::identity`).
    pub(crate) attested_names: HashSet<String>,
}

/// The first words of a set of names, as a bitmap of their hashes (about
/// a byte per name): a word not among them is never reported among them;
/// one in eight other words is, and the walk it then begins finds nothing.
struct Starts {
    bits: Vec<u64>,
    mask: u64,
}

impl Starts {
    fn new<'a>(names: impl Iterator<Item = &'a String> + Clone) -> Starts {
        let size = (names.clone().count() * 8).next_power_of_two().max(64);
        let mut s = Starts {
            bits: vec![0; size / 64],
            mask: size as u64 - 1,
        };
        for name in names {
            let b = name.as_bytes();
            let first = b
                .get(..b.iter().position(|&c| c == b' ').unwrap_or(b.len()))
                .unwrap_or(b);
            let h = s.slot(first);
            if let Some(w) = s.bits.get_mut((h >> 6) as usize) {
                *w |= 1 << (h & 63);
            }
        }
        s
    }

    fn slot(&self, word: &[u8]) -> u64 {
        use std::hash::BuildHasher;
        foldhash::fast::FixedState::with_seed(0x0072_6173_6964).hash_one(word) & self.mask
    }

    /// False when no name starts with this word.
    fn may_contain(&self, word: &str) -> bool {
        let h = self.slot(word.as_bytes());
        self.bits
            .get((h >> 6) as usize)
            .is_some_and(|w| w & (1 << (h & 63)) != 0)
    }
}

/// Longest name, in tokens.
const MAX_TOKENS: usize = 8;

impl fmt::Debug for Gazetteer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Gazetteer")
            .field("names", &self.infos.len())
            .field("places", &self.places.len())
            .field("countries", &self.countries.len())
            .finish_non_exhaustive()
    }
}

impl Gazetteer {
    /// Parses and compiles a gazetteer source (`gazetteer.tsv`: tab-separated
    /// `P` place, `D` demonym, `G` list name, `C` common word and `K` actor
    /// lines); lines it does not understand are skipped.
    pub fn parse(src: &str) -> Gazetteer {
        let mut places = Vec::new();
        let mut by_name: BTreeMap<String, NameInfo> = BTreeMap::new();
        let mut countries = HashMap::new();
        let mut actors: BTreeMap<String, u8> = BTreeMap::new();
        let mut person_words: HashMap<String, HashSet<String>> = HashMap::new();
        let mut attested_names: HashSet<String> = HashSet::new();
        for line in src.lines() {
            let mut f = line.split('\t');
            match f.next() {
                Some("P") => {
                    let cols: Vec<&str> = f.collect();
                    let [id, name_en, feature, cc, lat, lon, pop, names] = cols.as_slice() else {
                        continue;
                    };
                    let Ok(id) = id.parse::<u32>() else { continue };
                    let idx = places.len() as u32;
                    let mut name_ar = String::new();
                    let mut fl = flag::PLACE;
                    if *feature == "PCLI" {
                        fl |= flag::COUNTRY;
                        countries.entry(cc.to_string()).or_insert(idx);
                    } else if matches!(*feature, "PPLC" | "ADM1") {
                        fl |= flag::MAJOR;
                    }
                    for n in names.split('|').filter(|n| !n.is_empty()) {
                        if name_ar.is_empty() {
                            name_ar = n.to_string();
                        }
                        let info = by_name.entry(n.to_string()).or_default();
                        info.flags |= fl;
                        info.places.push(idx);
                    }
                    places.push(Place {
                        id,
                        name_en: name_en.to_string(),
                        feature: feature.to_string(),
                        country: cc.to_string(),
                        lat: lat.parse().ok(),
                        lon: lon.parse().ok(),
                        population: pop.parse().ok(),
                        name_ar,
                    });
                }
                Some("D") => {
                    let (Some(cc), Some(forms)) = (f.next(), f.next()) else {
                        continue;
                    };
                    for n in forms.split('|').filter(|n| !n.is_empty()) {
                        let info = by_name.entry(n.to_string()).or_default();
                        info.flags |= flag::DEMONYM;
                        info.demonym.get_or_insert_with(|| cc.to_string());
                    }
                }
                Some("K") => {
                    let (Some(kind), Some(name)) = (f.next(), f.next()) else {
                        continue;
                    };
                    let fl = match kind {
                        "PER" => actor::PER,
                        "ORG" => actor::ORG,
                        _ => continue,
                    };
                    if !name.is_empty() {
                        *actors.entry(name.to_string()).or_default() |= fl;
                    }
                    if fl == actor::PER {
                        if let Some(last) = name.rsplit(' ').next().filter(|w| w.chars().count() >= 3) {
                            attested_names.insert(crate::resolve::word_skeletons(last).0);
                        }
                    }
                }
                Some("C") => {
                    if let Some(name) = f.next().filter(|n| !n.is_empty()) {
                        by_name.entry(name.to_string()).or_default().flags |= flag::COMMON;
                    }
                }
                Some("G") => {
                    let (Some(kind), Some(name)) = (f.next(), f.next()) else {
                        continue;
                    };
                    let fl = match kind {
                        "LOC" => flag::LOC,
                        "ORG" => flag::ORG,
                        "PER" => flag::PER,
                        _ => continue,
                    };
                    if !name.is_empty() {
                        by_name.entry(name.to_string()).or_default().flags |= fl;
                    }
                    if fl == flag::PER {
                        for w in name.split(' ') {
                            let (loose, strict) = crate::resolve::word_skeletons(w);
                            attested_names.insert(loose.clone());
                            person_words.entry(loose).or_default().insert(strict);
                        }
                    }
                }
                _ => {}
            }
        }
        let name_starts = Starts::new(by_name.keys());
        let actor_starts = Starts::new(actors.keys());
        let mut infos = Vec::with_capacity(by_name.len());
        let mut builder = fst::MapBuilder::memory();
        for (name, info) in by_name {
            if builder.insert(name.as_bytes(), infos.len() as u64).is_ok() {
                infos.push(info);
            }
        }
        // Building from sorted, unique keys cannot fail; if it did, the
        // gazetteer is empty rather than the process aborted.
        let names = builder.into_inner().ok().and_then(|bytes| Fst::new(bytes).ok());
        let actors = fst::Map::from_iter(actors.into_iter().map(|(k, v)| (k, u64::from(v))))
            .ok()
            .map(fst::Map::into_fst);
        let vowel_names = person_words
            .into_iter()
            .filter(|(_, forms)| forms.len() > 1)
            .map(|(loose, _)| loose)
            .collect();
        Gazetteer {
            vowel_names,
            attested_names,
            places,
            infos,
            names,
            actors,
            name_starts,
            actor_starts,
            countries,
        }
    }

    /// The information for the name with this index.
    pub(crate) fn info(&self, i: usize) -> Option<&NameInfo> {
        self.infos.get(i)
    }

    /// The exact name (key forms joined by spaces), if listed.
    pub(crate) fn get(&self, name: &str) -> Option<&NameInfo> {
        self.names
            .as_ref()
            .and_then(|n| n.get(name))
            .and_then(|o| self.infos.get(o.value() as usize))
    }

    /// The country row for an ISO code.
    pub(crate) fn country(&self, cc: &str) -> Option<&Place> {
        self.countries.get(cc).and_then(|&i| self.places.get(i as usize))
    }

    /// Calls `f` for every listed name that starts at one of `words` (the first
    /// word in its `lookup` form, later ones in `key` form), shortest first.
    #[cfg(test)]
    pub(crate) fn matches(&self, words: &[Word], mut f: impl FnMut(Match)) {
        for start in 0..words.len() {
            self.matches_at(words, start, &mut f);
        }
    }

    /// Names starting at `start`, shortest first: the first word in its
    /// `lookup` form (clitics off), and, when it differs, as a whole (`كالي`
    /// is a name, not ك + `الي`).
    pub(crate) fn matches_at(&self, words: &[Word], start: usize, f: &mut impl FnMut(Match)) {
        let (Some(fst), Some(first)) = (&self.names, words.get(start)) else {
            return;
        };
        let mut emit = |end, info| f(Match { start, end, info });
        if self.name_starts.may_contain(&first.lookup) {
            walk(
                fst,
                words,
                start,
                |n, w| if n == start { &w.lookup } else { &w.key },
                &mut emit,
            );
        }
        if first.lookup != first.key && self.name_starts.may_contain(&first.key) {
            walk(fst, words, start, |_, w| &w.key, &mut emit);
        }
    }

    /// Actor names (matched on lemma keys) starting at `start`, shortest
    /// first: `f(end, actor flags)`.
    pub(crate) fn actors_at(&self, words: &[Word], start: usize, f: &mut impl FnMut(usize, u8)) {
        let (Some(fst), Some(first)) = (&self.actors, words.get(start)) else {
            return;
        };
        if !self.actor_starts.may_contain(first.lemma()) {
            return;
        }
        walk(fst, words, start, |_, w| w.lemma(), &mut |end, v| f(end, v as u8));
    }

    /// Number of distinct names (places, demonyms, list names, common words).
    pub fn len(&self) -> usize {
        self.infos.len()
    }

    /// True when it lists no names.
    pub fn is_empty(&self) -> bool {
        self.infos.is_empty()
    }

    /// Number of places.
    pub fn place_count(&self) -> usize {
        self.places.len()
    }
}

/// Walks `fst` over the words from `start`, each in the form `form(index,
/// word)`, one space between words; `f(end, value)` for every key reached.
fn walk<'w>(
    fst: &Fst<Vec<u8>>,
    words: &'w [Word],
    start: usize,
    form: impl Fn(usize, &'w Word) -> &'w str,
    f: &mut impl FnMut(usize, usize),
) {
    let mut node = fst.root();
    let mut out = Output::zero();
    for (n, w) in words.iter().enumerate().skip(start).take(MAX_TOKENS) {
        let part = form(n, w).as_bytes();
        if part.is_empty() {
            return;
        }
        if n > start {
            let Some(i) = node.find_input(b' ') else { return };
            let t = node.transition(i);
            out = out.cat(t.out);
            node = fst.node(t.addr);
        }
        for &b in part {
            let Some(i) = node.find_input(b) else { return };
            let t = node.transition(i);
            out = out.cat(t.out);
            node = fst.node(t.addr);
        }
        if node.is_final() {
            f(n + 1, out.cat(node.final_output()).value() as usize);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_parses() {
        let g = &*GAZETTEER;
        assert!(g.len() > 5000);
        let astana = g.get("استانا").expect("astana");
        let p = &g.places[astana.places[0] as usize];
        assert_eq!(p.id, 1526273);
        assert_eq!(g.get("الروسي").and_then(|i| i.demonym.as_deref()), Some("RU"));
        assert_eq!(g.country("SY").map(|p| p.id), Some(163843));
    }

    #[test]
    fn walks_multiword_names() {
        let g = &*GAZETTEER;
        let a = rasid_text::Analyzer::default();
        let text = "فى الغوطة الشرقية والامارات العربية المتحدة";
        let words: Vec<Word> = a
            .analyze_text(text)
            .tokens
            .iter()
            .map(|t| Word::from_token(t, text))
            .collect();
        let mut found = Vec::new();
        g.matches(&words, |m| found.push((m.start, m.end)));
        assert!(found.contains(&(3, 6)), "{found:?}");
    }
}
