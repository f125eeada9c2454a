//! Incremental story clustering over a sliding time window.
//!
//! Each article becomes a TF-IDF vector of its words (the analyzer's light
//! stems, headline words counted twice), the entities it names, the places
//! they link to and the days it reports (see [`features`]). It joins the
//! most similar story (cosine against the story's centroid) whose
//! publication span reaches within [`WINDOW_SECONDS`] of the article, when
//! the similarity is at least [`JOIN_SIMILARITY`]; otherwise it starts a
//! story. A story takes articles for at most [`MAX_SPAN_SECONDS`] from its
//! first: a long affair goes on as a new story that [`Story::follows`] the
//! one it continues (an episode), so a story that runs for months cannot
//! swallow every episode near its subject. This is the single-pass clustering of topic detection and
//! tracking: each article is decided once, when it arrives, so adding
//! articles never re-processes the archive. Copies of an article (its
//! duplicate group) join the story of the group without a comparison.
//!
//! ```
//! use rasid_stories::cluster::{Clusterer, TermTable};
//!
//! let mut terms = TermTable::default();
//! let mut clusters = Clusterer::default();
//! let doc = |terms: &mut TermTable, words: &[&str]| {
//!     let raw: Vec<(String, String, f32)> = words.iter().map(|w| (w.to_string(), w.to_string(), 1.0)).collect();
//!     terms.count(&raw);
//!     raw
//! };
//! let a = doc(&mut terms, &["استانا", "محادث", "سوريا", "روسيا"]);
//! let b = doc(&mut terms, &["استانا", "محادث", "سوريا", "تركيا"]);
//! let c = doc(&mut terms, &["هلال", "نصر", "دوري", "هدف"]);
//! let day = Some(1_513_814_400);
//! let sa = clusters.assign(&terms.vector(&a), day, None);
//! let sb = clusters.assign(&terms.vector(&b), day, None);
//! let sc = clusters.assign(&terms.vector(&c), day, None);
//! assert_eq!(sa, sb);
//! assert_ne!(sa, sc);
//! ```

use std::collections::{HashMap, HashSet};

use rasid_core::{Analysis, Article, EntityKind, Extractions, Span, TextPart, TimexType, TokenKind};
use rasid_text::Analyzer;
use serde::{Deserialize, Serialize};

use crate::boilerplate::masked;
use crate::timeline::day_or_month;

/// How far (seconds) an article may be published from a story's span and
/// still join it: four days on either side. A story that keeps getting
/// articles keeps its window open.
pub const WINDOW_SECONDS: i64 = 4 * 86_400;

/// The longest a story may span (seconds): fourteen days. An article
/// further from the story's first (or last) one starts a new story that
/// follows it. Chosen on the development outlets (BENCHMARKS.md, "Story
/// quality").
pub const MAX_SPAN_SECONDS: i64 = 14 * 86_400;

/// The cosine similarity to a story's centroid at or above which an article
/// joins the story.
pub const JOIN_SIMILARITY: f32 = 0.3;

/// The highest-weighted features kept of an article's vector.
const ARTICLE_TERMS: usize = 40;

/// The highest-weighted features kept of a story's centroid.
const CENTROID_TERMS: usize = 150;

/// How much more an entity, place or reported day weighs than one word.
const ENTITY_WEIGHT: f32 = 1.5;

/// The features of an article, before IDF: `(key, display form, raw weight)`.
///
/// Keys: a word's light stem as is; `@` and the stems of an entity's
/// canonical name; `#` and the GeoNames id of a linked place; `^` and a day
/// or month the article reports (other than its own publication day).
///
/// `boilerplate` are spans of the body left out (see
/// [`crate::boilerplate`]): `analysis` is of the body with them blanked, and
/// the entities and dates extracted inside them are not counted.
pub fn features(
    article: &Article,
    analysis: &Analysis,
    extraction: &Extractions,
    analyzer: &Analyzer,
    boilerplate: &[Span],
) -> Vec<(String, String, f32)> {
    let kept = |part: TextPart, span: Span| part == TextPart::Title || !masked(span, boilerplate);
    let mut tf: HashMap<&str, (f32, &str)> = HashMap::new();
    for (text, part, weight) in [
        (&article.title, &analysis.title, 2.0f32),
        (&article.body, &analysis.body, 1.0),
    ] {
        for t in &part.tokens {
            if !matches!(t.kind, TokenKind::Arabic | TokenKind::Latin) || t.stop || t.stem.chars().count() < 2 {
                continue;
            }
            let display = t.base.slice(text).unwrap_or(t.stem.as_str());
            let slot = tf.entry(t.stem.as_str()).or_insert((0.0, display));
            slot.0 += weight;
        }
    }
    let mut out: Vec<(String, String, f32)> = tf
        .into_iter()
        .map(|(stem, (count, display))| (stem.to_owned(), display.to_owned(), 1.0 + count.ln()))
        .collect();
    let mut named: HashMap<String, (String, f32)> = HashMap::new();
    for entity in &extraction.entities.entities {
        let mentions = if boilerplate.is_empty() {
            entity.mentions.len()
        } else {
            entity
                .mentions
                .iter()
                .filter_map(|&m| extraction.entities.mentions.get(m))
                .filter(|m| kept(m.part, m.span))
                .count()
        };
        if mentions == 0 && !entity.mentions.is_empty() {
            continue;
        }
        let key = match (&entity.place, entity.kind) {
            (Some(place), EntityKind::Loc) => format!("#{}", place.geonames_id),
            _ => {
                let mut stems = Vec::new();
                analyzer.for_each_term(&entity.canonical, |_, _, stem| stems.push(stem.to_owned()));
                if stems.is_empty() {
                    continue;
                }
                format!("@{}", stems.join(" "))
            }
        };
        let mentions = mentions.max(1) as f32;
        let slot = named.entry(key).or_insert((entity.canonical.clone(), 0.0));
        slot.1 += mentions;
    }
    out.extend(
        named
            .into_iter()
            .map(|(key, (display, count))| (key, display, ENTITY_WEIGHT * (1.0 + count.ln()))),
    );
    let own_day = article.published.map(|p| p.datetime().date().to_string());
    let mut days = HashSet::new();
    for time in &extraction.times {
        if !matches!(time.kind, TimexType::Date | TimexType::Time) || !kept(time.part, time.span) {
            continue;
        }
        if let Some(day) = day_or_month(&time.value) {
            if Some(day) != own_day.as_deref() && days.insert(day.to_owned()) {
                out.push((format!("^{day}"), day.to_owned(), ENTITY_WEIGHT));
            }
        }
    }
    // In key order, not hash-map order: the vocabulary numbers terms in the
    // order they are first counted, and ties between equally strong terms
    // (story labels, vectors) are broken by that number.
    out.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(&b.1)).then(a.2.total_cmp(&b.2)));
    out
}

/// One term of the vocabulary.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Term {
    /// The feature key (see [`features`]).
    pub key: String,
    /// How to show it: the first form seen of a word, an entity's name.
    pub display: String,
    /// Articles that have it.
    pub df: u32,
}

/// The vocabulary with document frequencies, for IDF.
///
/// A table holds the terms in use, not necessarily all of them: a build over a
/// store ([`crate::build`]) starts empty at the store's next id, holds the
/// terms of each batch and of the stories it labels as it reads them back
/// ([`TermTable::hold`]), and [`TermTable::forget`]s them once saved when it
/// holds too many. The vocabulary of an archive grows with it (names,
/// numbers), so holding all of it would too.
#[derive(Clone, Debug, Default)]
pub struct TermTable {
    ids: HashMap<String, u32>,
    terms: HashMap<u32, Term>,
    /// The id the next new term gets.
    next: u32,
    docs: u64,
    dirty: HashSet<u32>,
}

impl TermTable {
    /// An empty table that goes on numbering at `next`, with this many articles counted.
    pub fn resume(next: u32, docs: u64) -> TermTable {
        TermTable {
            next,
            docs,
            ..TermTable::default()
        }
    }

    /// Holds a term read back (nothing when it is held).
    pub fn hold(&mut self, id: u32, term: Term) {
        if !self.terms.contains_key(&id) {
            self.ids.insert(term.key.clone(), id);
            self.terms.insert(id, term);
        }
    }

    /// True when the term `key` is held.
    pub fn holds(&self, key: &str) -> bool {
        self.ids.contains_key(key)
    }

    /// True when the term with this id is held.
    pub fn holds_id(&self, id: u32) -> bool {
        self.terms.contains_key(&id)
    }

    /// Terms held.
    pub fn len(&self) -> usize {
        self.terms.len()
    }

    /// True when no term is held.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// Lets go every term held but those changed and not taken yet
    /// ([`TermTable::take_dirty`]); the numbering and the count of articles go on.
    pub fn forget(&mut self) {
        let dirty = &self.dirty;
        self.terms.retain(|id, _| dirty.contains(id));
        self.ids.retain(|_, id| dirty.contains(id));
    }

    /// Counts one article's features; a feature not held is a new term (hold
    /// those a store has first).
    pub fn count(&mut self, features: &[(String, String, f32)]) {
        self.docs += 1;
        for (key, display, _) in features {
            let id = match self.ids.get(key) {
                Some(&id) => id,
                None => {
                    let id = self.next;
                    self.next += 1;
                    self.ids.insert(key.clone(), id);
                    self.terms.insert(
                        id,
                        Term {
                            key: key.clone(),
                            display: display.clone(),
                            df: 0,
                        },
                    );
                    id
                }
            };
            if let Some(term) = self.terms.get_mut(&id) {
                term.df += 1;
            }
            self.dirty.insert(id);
        }
    }

    /// The unit TF-IDF vector of counted features, its strongest terms only,
    /// sorted by term id.
    pub fn vector(&self, features: &[(String, String, f32)]) -> Vec<(u32, f32)> {
        let docs = self.docs.max(1) as f32;
        let mut v: Vec<(u32, f32)> = features
            .iter()
            .filter_map(|(key, _, weight)| {
                let id = *self.ids.get(key)?;
                let df = self.terms.get(&id)?.df.max(1) as f32;
                Some((id, weight * (1.0 + docs / df).ln()))
            })
            .collect();
        v.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        v.truncate(ARTICLE_TERMS);
        let norm = v.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
        if norm > 0.0 {
            for (_, w) in &mut v {
                *w /= norm;
            }
        }
        v.sort_by_key(|(id, _)| *id);
        v
    }

    /// The term with this id, when held.
    pub fn get(&self, id: u32) -> Option<&Term> {
        self.terms.get(&id)
    }

    /// Articles counted.
    pub fn docs(&self) -> u64 {
        self.docs
    }

    /// Ids of the terms changed since the last call, with the terms.
    pub fn take_dirty(&mut self) -> Vec<(u32, &Term)> {
        let mut ids: Vec<u32> = self.dirty.drain().collect();
        ids.sort_unstable();
        ids.into_iter()
            .filter_map(|id| Some((id, self.terms.get(&id)?)))
            .collect()
    }
}

/// The Euclidean norm of a centroid, summed in term order: a float sum in
/// hash-map order differs from one map to the next (each has its own hash
/// seed), and with it which story an article joins at the threshold.
fn norm(centroid: &HashMap<u32, f32>) -> f32 {
    let mut weights: Vec<(u32, f32)> = centroid.iter().map(|(k, w)| (*k, *w)).collect();
    weights.sort_unstable_by_key(|(k, _)| *k);
    weights.iter().map(|(_, w)| w * w).sum::<f32>().sqrt()
}

/// A story while clustering.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Story {
    /// Its id, in the store too.
    pub id: i64,
    /// Earliest publication time of its articles (Unix seconds).
    pub first: Option<i64>,
    /// Latest publication time of its articles.
    pub last: Option<i64>,
    /// Number of articles.
    pub size: u32,
    /// Sum of its articles' unit vectors, strongest terms only.
    pub centroid: HashMap<u32, f32>,
    /// The story this one continues: the most similar one when it was
    /// started, closed by [`MAX_SPAN_SECONDS`] (not kept in memory for
    /// stories read back from the store).
    pub follows: Option<i64>,
    norm: f32,
}

impl Story {
    /// A story as stored.
    pub fn restore(id: i64, first: Option<i64>, last: Option<i64>, size: u32, centroid: HashMap<u32, f32>) -> Story {
        let norm = norm(&centroid);
        Story {
            id,
            first,
            last,
            size,
            centroid,
            follows: None,
            norm,
        }
    }

    /// True when an article published at `time` is within the window of the story's span.
    fn reaches(&self, time: Option<i64>) -> bool {
        match (time, self.first, self.last) {
            (Some(t), Some(first), Some(last)) => t >= first - WINDOW_SECONDS && t <= last + WINDOW_SECONDS,
            _ => true,
        }
    }

    /// True when the story, taking an article published at `time`, would
    /// span no more than `max_span` seconds.
    fn fits(&self, time: Option<i64>, max_span: i64) -> bool {
        match (time, self.first, self.last) {
            (Some(t), Some(first), Some(last)) => t.max(last) - t.min(first) <= max_span,
            _ => true,
        }
    }

    /// The centroid's strongest terms, strongest first.
    pub fn top_terms(&self, n: usize) -> Vec<(u32, f32)> {
        let mut v: Vec<(u32, f32)> = self.centroid.iter().map(|(k, w)| (*k, *w)).collect();
        v.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        v.truncate(n);
        v
    }

    /// The centroid as bytes (little-endian id, weight pairs), for storage.
    pub fn centroid_bytes(&self) -> Vec<u8> {
        let mut v: Vec<(u32, f32)> = self.centroid.iter().map(|(k, w)| (*k, *w)).collect();
        v.sort_by_key(|(k, _)| *k);
        v.iter()
            .flat_map(|(k, w)| k.to_le_bytes().into_iter().chain(w.to_le_bytes()))
            .collect()
    }

    /// A centroid from [`Story::centroid_bytes`].
    pub fn centroid_from_bytes(bytes: &[u8]) -> HashMap<u32, f32> {
        bytes
            .chunks_exact(8)
            .filter_map(|c| {
                let id = u32::from_le_bytes(c.get(..4)?.try_into().ok()?);
                let w = f32::from_le_bytes(c.get(4..)?.try_into().ok()?);
                Some((id, w))
            })
            .collect()
    }
}

/// The stories, with an inverted index from centroid terms to the stories
/// still in reach of new articles.
///
/// Articles mostly arrive in time order, so a story whose last article is
/// more than two windows older than the newest article seen is taken out of
/// the inverted index: it stays a story, but only an article older than the
/// newest by more than a window (a back-filled one, compared with every
/// story held that reaches it) can still join it. This keeps the cost per
/// article independent of the size of the archive.
///
/// Stories are known by their id (given in the order they are started). A
/// clusterer need not hold every story: stories out of the inverted index
/// and saved can be let go ([`Clusterer::evict`]) and held again when needed
/// ([`Clusterer::insert`]: the story of an old article's copy, the stories a
/// back-filled article reaches), so that it holds the stories in reach, not
/// the archive's.
#[derive(Clone, Debug)]
pub struct Clusterer {
    /// The longest a story may span, seconds.
    max_span: i64,
    stories: HashMap<i64, Story>,
    postings: HashMap<u32, Vec<i64>>,
    /// Stories in the inverted index.
    indexed: HashSet<i64>,
    /// The newest publication time seen.
    horizon: Option<i64>,
    /// Articles assigned since the inverted index was last pruned.
    since_prune: usize,
    dirty: HashSet<i64>,
    /// The id the next story started gets.
    next_id: i64,
}

/// Articles between two prunings of the inverted index.
const PRUNE_EVERY: usize = 1_000;

impl Default for Clusterer {
    fn default() -> Clusterer {
        Clusterer {
            max_span: MAX_SPAN_SECONDS,
            stories: HashMap::new(),
            postings: HashMap::new(),
            indexed: HashSet::new(),
            horizon: None,
            since_prune: 0,
            dirty: HashSet::new(),
            next_id: 1,
        }
    }
}

impl Clusterer {
    /// The same clusterer with another longest story span (seconds; `i64::MAX`
    /// for none), for measuring the choice of [`MAX_SPAN_SECONDS`].
    pub fn with_max_span(mut self, seconds: i64) -> Clusterer {
        self.max_span = seconds.max(0);
        self
    }

    /// A clusterer holding these stories.
    pub fn restore(stories: Vec<Story>) -> Clusterer {
        Clusterer::default().restore_into(stories)
    }

    /// This clusterer's settings with these stories (those in reach at
    /// least: the one with the latest article among them): new stories get
    /// ids after theirs.
    pub fn restore_into(self, stories: Vec<Story>) -> Clusterer {
        let mut c = Clusterer {
            horizon: stories.iter().filter_map(|s| s.last).max(),
            next_id: stories.iter().map(|s| s.id).max().unwrap_or(0) + 1,
            max_span: self.max_span,
            ..Clusterer::default()
        };
        for story in stories {
            c.insert(story);
        }
        c
    }

    /// Makes the next story started get an id of at least `id`.
    pub fn reserve_ids(&mut self, id: i64) {
        self.next_id = self.next_id.max(id);
    }

    /// Holds a story read back from the store (nothing when one of its id is held).
    pub fn insert(&mut self, story: Story) {
        let id = story.id;
        if self.stories.contains_key(&id) {
            return;
        }
        self.next_id = self.next_id.max(id + 1);
        self.stories.insert(id, story);
        if self.active(id) {
            self.index(id);
        }
    }

    /// True when the story of this id is held.
    pub fn holds(&self, id: i64) -> bool {
        self.stories.contains_key(&id)
    }

    /// Lets go the stories out of the inverted index that have no change
    /// to save (dated ones: a story with no date is in reach of every
    /// article); returns how many.
    pub fn evict(&mut self) -> usize {
        self.since_prune = 0;
        self.prune();
        let before = self.stories.len();
        let (indexed, dirty) = (&self.indexed, &self.dirty);
        self.stories
            .retain(|id, story| indexed.contains(id) || dirty.contains(id) || story.last.is_none());
        before - self.stories.len()
    }

    /// True when an article at or after the horizon may still reach the story.
    fn active(&self, id: i64) -> bool {
        match (self.stories.get(&id).and_then(|s| s.last), self.horizon) {
            (Some(last), Some(h)) => last >= h - 2 * WINDOW_SECONDS,
            _ => true,
        }
    }

    /// Puts a story's centroid terms into the inverted index.
    fn index(&mut self, id: i64) {
        if !self.indexed.insert(id) {
            return;
        }
        if let Some(story) = self.stories.get(&id) {
            for term in story.centroid.keys() {
                self.postings.entry(*term).or_default().push(id);
            }
        }
    }

    /// Takes stories out of reach out of the inverted index.
    fn prune(&mut self) {
        let gone: HashSet<i64> = self.indexed.iter().copied().filter(|&i| !self.active(i)).collect();
        if gone.is_empty() {
            return;
        }
        for list in self.postings.values_mut() {
            list.retain(|s| !gone.contains(s));
        }
        self.postings.retain(|_, list| !list.is_empty());
        self.indexed.retain(|s| !gone.contains(s));
    }

    /// Puts an article (its unit vector, its publication time) into a story
    /// and returns the story's id: `into` when given and held (a copy
    /// follows its group), else the most similar story in reach, else a new
    /// one.
    pub fn assign(&mut self, vector: &[(u32, f32)], time: Option<i64>, into: Option<i64>) -> i64 {
        let into = into.filter(|s| self.stories.contains_key(s));
        let (target, follows) = match into {
            Some(s) => (Some(s), None),
            None => self.most_similar(vector, time),
        };
        let id = match target {
            Some(s) => s,
            None => {
                let id = self.next_id;
                self.next_id += 1;
                self.stories.insert(
                    id,
                    Story {
                        id,
                        follows,
                        ..Story::default()
                    },
                );
                id
            }
        };
        if let Some(t) = time {
            self.horizon = Some(self.horizon.map_or(t, |h| h.max(t)));
        }
        self.add_to(id, vector, time);
        if self.active(id) {
            self.index(id);
        }
        self.since_prune += 1;
        if self.since_prune >= PRUNE_EVERY {
            self.since_prune = 0;
            self.prune();
        }
        id
    }

    /// True when an article published at `time` is older than the inverted
    /// index reaches: it is compared with every story held that reaches it.
    pub fn is_backfill(&self, time: Option<i64>) -> bool {
        matches!((time, self.horizon), (Some(t), Some(h)) if t < h - WINDOW_SECONDS)
    }

    /// The most similar story in reach that the article may join, and when
    /// there is none, the most similar one it would have joined but for
    /// the story's span limit (the story a new one follows).
    fn most_similar(&self, vector: &[(u32, f32)], time: Option<i64>) -> (Option<i64>, Option<i64>) {
        let mut dots: HashMap<i64, f32> = HashMap::new();
        let backfill = self.is_backfill(time);
        if backfill {
            // Older than the inverted index reaches: scan every story held.
            for (&s, story) in &self.stories {
                if story.reaches(time) {
                    let dot: f32 = vector
                        .iter()
                        .filter_map(|(t, w)| Some(w * story.centroid.get(t)?))
                        .sum();
                    if dot > 0.0 {
                        dots.insert(s, dot);
                    }
                }
            }
        }
        for (term, weight) in vector.iter().filter(|_| !backfill) {
            for &s in self.postings.get(term).into_iter().flatten() {
                let Some(story) = self.stories.get(&s) else {
                    continue;
                };
                // An undated article reaches the stories in reach of the
                // newest articles (whether or not pruned yet) and undated ones.
                if !story.reaches(time) || (time.is_none() && !self.active(s)) {
                    continue;
                }
                if let Some(c) = story.centroid.get(term) {
                    *dots.entry(s).or_default() += weight * c;
                }
            }
        }
        let best = |open: bool| {
            dots.iter()
                .filter_map(|(&s, dot)| {
                    let story = self.stories.get(&s)?;
                    (story.norm > 0.0 && story.fits(time, self.max_span) == open).then_some((s, dot / story.norm))
                })
                .filter(|(_, sim)| *sim >= JOIN_SIMILARITY)
                .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
                .map(|(s, _)| s)
        };
        match best(true) {
            Some(s) => (Some(s), None),
            None => (None, best(false)),
        }
    }

    fn add_to(&mut self, id: i64, vector: &[(u32, f32)], time: Option<i64>) {
        let Some(story) = self.stories.get_mut(&id) else {
            return;
        };
        story.size += 1;
        if let Some(t) = time {
            story.first = Some(story.first.map_or(t, |f| f.min(t)));
            story.last = Some(story.last.map_or(t, |l| l.max(t)));
        }
        let mut added = Vec::new();
        for (term, weight) in vector {
            let slot = story.centroid.entry(*term).or_insert_with(|| {
                added.push(*term);
                0.0
            });
            *slot += weight;
        }
        let mut removed = Vec::new();
        if story.centroid.len() > 2 * CENTROID_TERMS {
            let keep: HashSet<u32> = story.top_terms(CENTROID_TERMS).into_iter().map(|(t, _)| t).collect();
            story.centroid.retain(|t, _| {
                let kept = keep.contains(t);
                if !kept {
                    removed.push(*t);
                }
                kept
            });
        }
        story.norm = norm(&story.centroid);
        if !self.indexed.contains(&id) {
            self.dirty.insert(id);
            return;
        }
        for term in added.iter().filter(|t| !removed.contains(t)) {
            self.postings.entry(*term).or_default().push(id);
        }
        for term in removed.iter().filter(|t| !added.contains(t)) {
            if let Some(list) = self.postings.get_mut(term) {
                list.retain(|&s| s != id);
            }
        }
        self.dirty.insert(id);
    }

    /// The story of this id, when held.
    pub fn get(&self, id: i64) -> Option<&Story> {
        self.stories.get(&id)
    }

    /// Number of stories held.
    pub fn len(&self) -> usize {
        self.stories.len()
    }

    /// True when none is held.
    pub fn is_empty(&self) -> bool {
        self.stories.is_empty()
    }

    /// Ids of the stories changed since the last call, ascending.
    pub fn take_dirty(&mut self) -> Vec<i64> {
        let mut v: Vec<i64> = self.dirty.drain().collect();
        v.sort_unstable();
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(terms: &[u32]) -> Vec<(u32, f32)> {
        let w = 1.0 / (terms.len() as f32).sqrt();
        terms.iter().map(|&t| (t, w)).collect()
    }

    #[test]
    fn window_keeps_far_apart_articles_apart() {
        let mut c = Clusterer::default();
        let day = 86_400;
        let a = c.assign(&unit(&[1, 2, 3, 4]), Some(0), None);
        let b = c.assign(&unit(&[1, 2, 3, 5]), Some(3 * day), None);
        assert_eq!(a, b);
        // The story now spans days 0–3, so day 6 is in reach and day 20 is not.
        assert_eq!(c.assign(&unit(&[1, 2, 3, 4]), Some(6 * day), None), a);
        // Undated articles reach the stories in reach of the newest article:
        // this one is closest to the first.
        assert_eq!(c.assign(&unit(&[1, 2, 3, 5]), None, None), a);
        let later = c.assign(&unit(&[1, 2, 3, 4]), Some(20 * day), None);
        assert_ne!(later, a);
        // Now the first is out of reach (its last article is more than two
        // windows older than the newest), pruned or not: the undated article
        // joins the later story.
        assert_eq!(c.assign(&unit(&[1, 2, 3, 5]), None, None), later);
    }

    #[test]
    fn long_affairs_split_into_stories_that_follow_each_other() {
        let mut c = Clusterer::default();
        let day = 86_400;
        // The same affair reported every two days for two months.
        let stories: Vec<i64> = (0..30)
            .map(|i| c.assign(&unit(&[1, 2, 3, 4]), Some(i * 2 * day), None))
            .collect();
        let mut distinct = stories.clone();
        distinct.dedup();
        assert!(distinct.len() >= 4, "{stories:?}");
        for (k, &s) in distinct.iter().enumerate() {
            let story = c.get(s).unwrap();
            assert!(story.last.unwrap() - story.first.unwrap() <= MAX_SPAN_SECONDS);
            // Each episode continues the one before it.
            assert_eq!(story.follows, k.checked_sub(1).map(|p| distinct[p]), "episode {k}");
        }
        // Without the limit it is one story.
        let mut one = Clusterer::default().with_max_span(i64::MAX);
        let s: HashSet<i64> = (0..30)
            .map(|i| one.assign(&unit(&[1, 2, 3, 4]), Some(i * 2 * day), None))
            .collect();
        assert_eq!(s.len(), 1);
        // An unrelated article in the middle of the affair starts its own story, following none.
        let other = c.assign(&unit(&[7, 8, 9]), Some(21 * day), None);
        assert!(!stories.contains(&other));
        assert_eq!(c.get(other).unwrap().follows, None);
    }

    #[test]
    fn copies_follow_their_group() {
        let mut c = Clusterer::default();
        let a = c.assign(&unit(&[1, 2]), None, None);
        let b = c.assign(&unit(&[7, 8]), None, None);
        assert_ne!(a, b);
        assert_eq!(c.assign(&unit(&[7, 8]), None, Some(a)), a);
        assert_eq!(c.get(a).unwrap().size, 2);
        assert_eq!(c.take_dirty(), vec![a, b]);
        assert!(c.take_dirty().is_empty());
    }

    #[test]
    fn centroids_stay_bounded_and_postings_consistent() {
        let mut c = Clusterer::default();
        for i in 0..200u32 {
            // Articles that share terms 0..10 and each bring 30 new ones.
            let mut terms: Vec<u32> = (0..10).collect();
            terms.extend(1000 + i * 30..1000 + i * 30 + 30);
            c.assign(&unit(&terms), Some(0), Some(1).filter(|_| i > 0));
        }
        let story = c.get(1).unwrap();
        assert!(story.centroid.len() <= 2 * CENTROID_TERMS);
        for (term, list) in &c.postings {
            let mut seen = list.clone();
            seen.sort_unstable();
            seen.dedup();
            assert_eq!(seen.len(), list.len(), "duplicate posting for {term}");
            assert!(list.iter().all(|&s| c.get(s).unwrap().centroid.contains_key(term)));
        }
        let bytes = story.centroid_bytes();
        assert_eq!(Story::centroid_from_bytes(&bytes), story.centroid);
    }

    #[test]
    fn idf_downweights_common_terms() {
        let mut t = TermTable::default();
        let f = |words: &[&str]| -> Vec<(String, String, f32)> {
            words.iter().map(|w| (w.to_string(), w.to_string(), 1.0)).collect()
        };
        for _ in 0..50 {
            t.count(&f(&["common"]));
        }
        let doc = f(&["common", "rare"]);
        t.count(&doc);
        let v = t.vector(&doc);
        let weight = |key: &str| v.iter().find(|(id, _)| t.get(*id).unwrap().key == key).unwrap().1;
        assert!(weight("rare") > 2.0 * weight("common"));
        let norm: f32 = v.iter().map(|(_, w)| w * w).sum();
        assert!((norm - 1.0).abs() < 1e-4);
    }

    /// Issue 19, defect 6: two stories builds of one index gave labels whose
    /// terms came in another order (features in hash-map order numbered the
    /// vocabulary differently on each run).
    #[test]
    fn regression_story_labels_change_order_between_builds() {
        let article = Article::builder(
            "استئناف مفاوضات جنيف",
            "دعا المبعوث الدولى الحكومة والمعارضة الى استئناف المفاوضات فى جنيف. \
             وقال إن المفاوضات فى جنيف ستبحث الدستور والانتخابات والمعتقلين.",
        )
        .build();
        let pipeline = rasid_pipeline::Pipeline::default();
        let (analysis, found) = pipeline.run(&article);
        let first = features(&article, &analysis, &found, pipeline.analyzer(), &[]);
        assert!(first.windows(2).all(|w| w[0].0 < w[1].0), "{first:?}");
        for _ in 0..20 {
            assert_eq!(features(&article, &analysis, &found, pipeline.analyzer(), &[]), first);
        }
    }

    /// Issue 19, defect 6: a story's norm was a float sum in hash-map order,
    /// which differs between two maps of the same centroid (each map has its
    /// own hash seed), so two builds could put an article at the similarity
    /// threshold into different stories.
    #[test]
    fn regression_story_norm_depends_on_hash_order() {
        let weights: Vec<(u32, f32)> = (0..300u32).map(|t| (t, 1.0 / (1.0 + t as f32 * 0.37))).collect();
        let first = Story::restore(1, None, None, 1, weights.iter().copied().collect());
        for round in 0..20 {
            // Another map (another hash seed), filled in another order.
            let mut centroid = HashMap::new();
            for &(t, w) in weights.iter().rev().skip(round).chain(weights.iter().rev().take(round)) {
                centroid.insert(t, w);
            }
            let again = Story::restore(1, None, None, 1, centroid);
            assert_eq!(again.norm.to_bits(), first.norm.to_bits(), "round {round}");
        }
    }
}
