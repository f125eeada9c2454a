//! Building and updating the stories of an index: every article the store
//! has not seen is analysed, fingerprinted, grouped with its copies, put
//! into a story and linked to the earlier articles it is a rewrite of or
//! related to; articles gone from the index are forgotten.
//!
//! Links are looked for among an article's LSH candidates (articles sharing
//! much of its text), the articles sharing single MinHash values with it
//! ([`crate::relate::SlotIndex`]: some of its text) and the latest
//! [`STORY_CANDIDATES`] articles of its story, and
//! told apart by [`crate::dedup::classify`]; the [`LINKS_PER_ARTICLE`] that
//! share the most text are kept.

use std::collections::{HashMap, HashSet};
use std::time::Instant;

use rasid_core::{Article, Extractions};
use rasid_pipeline::Pipeline;
use rasid_search::{Index, LiveArticle, StoredArticle};
use rayon::prelude::*;
use serde::Serialize;

use crate::boilerplate::{self, Lines};
use crate::cluster::{features, Clusterer, TermTable};
use crate::dedup::{classify, fingerprint, Deduper, Fingerprint, Relation};
use crate::error::Result;
use crate::minhash::Signature;
use crate::relate::SlotIndex;
use crate::store::{Batch, Label, NewLink, NewRow, Store};

/// Articles processed and written together: one transaction each.
pub const BATCH: usize = 1_000;

/// Most links (rewrites and related articles) kept per article: those
/// sharing the most text.
pub const LINKS_PER_ARTICLE: usize = 12;

/// The latest articles of its story that a new article is compared with to
/// find its rewrites and related articles (besides its LSH candidates).
pub const STORY_CANDIDATES: usize = 200;

/// What the index holds that the store does not, and the reverse.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Pending {
    /// Articles to add, earliest first (undated last).
    pub new: Vec<LiveArticle>,
    /// Ids the store has that the index no longer holds.
    pub removed: Vec<String>,
}

impl Pending {
    /// True when the store is up to date with the index.
    pub fn is_empty(&self) -> bool {
        self.new.is_empty() && self.removed.is_empty()
    }
}

/// What an update did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct BuildReport {
    /// Articles added.
    pub added: usize,
    /// Articles forgotten.
    pub removed: usize,
    /// Wall-clock seconds.
    pub seconds: f64,
}

/// Compares the index with the store.
///
/// # Errors
/// When either cannot be read.
pub fn pending(index: &Index, store: &Store) -> Result<Pending> {
    let known = store.ids()?;
    let live = index.live_articles()?;
    let live_ids: std::collections::HashSet<&str> = live.iter().map(|a| a.id.as_str()).collect();
    let mut removed: Vec<String> = known
        .iter()
        .filter(|id| !live_ids.contains(id.as_str()))
        .cloned()
        .collect();
    removed.sort();
    let mut new: Vec<LiveArticle> = live.into_iter().filter(|a| !known.contains(&a.id)).collect();
    new.sort_by(|a, b| (a.published.is_none(), a.published, &a.id).cmp(&(b.published.is_none(), b.published, &b.id)));
    Ok(Pending { new, removed })
}

/// Brings the store up to date with the index, in batches of [`BATCH`]
/// (each one transaction), calling `progress(done, total)` after each.
///
/// # Errors
/// When the index or the store cannot be read or written; the batches
/// written before stay.
pub fn update(index: &Index, store: &mut Store, progress: &mut dyn FnMut(usize, usize)) -> Result<BuildReport> {
    update_in_batches(index, store, BATCH, progress)
}

/// [`update`] with another batch size (at least 1).
///
/// # Errors
/// As [`update`].
pub fn update_in_batches(
    index: &Index,
    store: &mut Store,
    batch: usize,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<BuildReport> {
    let started = Instant::now();
    let pending = pending(index, store)?;
    let removed = if pending.removed.is_empty() {
        0
    } else {
        store.remove(&pending.removed)?
    };
    let total = pending.new.len();
    let backfill = store.links_pending()?;
    if total > 0 || backfill {
        let mut engine = StoryBuilder::load(store, index.pipeline().clone())?;
        if backfill {
            engine.backfill_links(store)?;
        }
        // Boilerplate is learnt from every article of the update before any
        // is clustered, so that the first batch knows the outlets' repeated
        // lines as well as the last (and an interrupted build, which counts
        // its stored articles from the store, learns the same).
        for chunk in pending.new.chunks(batch.max(1)) {
            let ids: Vec<String> = chunk.iter().map(|a| a.id.clone()).collect();
            for article in index.get_many_texts(&ids)? {
                engine.learn(&article.id, article.source.as_deref(), &article.body);
            }
        }
        let mut done = 0;
        for chunk in pending.new.chunks(batch.max(1)) {
            let ids: Vec<String> = chunk.iter().map(|a| a.id.clone()).collect();
            let articles = index
                .get_many(&ids)?
                .into_iter()
                .map(StoredArticle::into_parts)
                .collect();
            engine.add_extracted(store, articles)?;
            done += chunk.len();
            progress(done, total);
        }
    }
    Ok(BuildReport {
        added: total,
        removed,
        seconds: started.elapsed().as_secs_f64(),
    })
}

/// Where a build's time went, in seconds, summed over batches.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Timings {
    /// Analysis, entity and time extraction, fingerprints and features (in parallel).
    pub prepare: f64,
    /// Duplicate grouping (one thread).
    pub dedup: f64,
    /// Story clustering, with the vocabulary update (one thread).
    pub cluster: f64,
    /// Finding rewrites and related articles (one thread).
    pub links: f64,
    /// Writing to the store.
    pub write: f64,
}

/// One article made ready: everything the sequential part needs.
struct Prepared {
    article: Article,
    published: Option<i64>,
    fingerprint: Fingerprint,
    features: Vec<(String, String, f32)>,
    /// Its distinct paragraph keys, for the outlet's line counts.
    keys: Vec<u64>,
}

/// The in-memory state of a build: duplicate groups, vocabulary, stories.
pub struct StoryBuilder {
    pipeline: Pipeline,
    dedup: Deduper,
    terms: TermTable,
    clusters: Clusterer,
    /// Paragraph counts per outlet, of the stored articles and those learnt.
    lines: Lines,
    /// Articles counted in `lines` but not stored yet.
    learnt: HashSet<String>,
    /// Per dedup index: the store's seq, the group label last saved, the story index.
    seqs: Vec<i64>,
    saved_group: Vec<i64>,
    story_of: Vec<u32>,
    /// Per story index: its articles' dedup indices, in order.
    story_members: HashMap<u32, Vec<u32>>,
    /// The first members of duplicate groups, by single MinHash values.
    slots: SlotIndex,
    next_seq: i64,
    next_story: i64,
    timings: Timings,
    /// Ids of every article in the store, so one is never added twice.
    known: HashSet<String>,
}

impl std::fmt::Debug for StoryBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StoryBuilder")
            .field("articles", &self.seqs.len())
            .field("stories", &self.clusters.len())
            .finish_non_exhaustive()
    }
}

impl StoryBuilder {
    /// Loads the state a store holds; `pipeline` (the index's) analyses the
    /// articles added and extracts what the index did not store.
    ///
    /// # Errors
    /// When the store cannot be read.
    pub fn load(store: &Store, pipeline: Pipeline) -> Result<StoryBuilder> {
        StoryBuilder::load_with(store, pipeline, Clusterer::default())
    }

    /// [`StoryBuilder::load`] with another clusterer's settings (see
    /// [`Clusterer::with_max_span`]), for measuring them.
    ///
    /// # Errors
    /// When the store cannot be read.
    pub fn load_with(store: &Store, pipeline: Pipeline, settings: Clusterer) -> Result<StoryBuilder> {
        let stories = store.all_stories()?;
        let story_index: HashMap<i64, u32> = stories.iter().enumerate().map(|(i, s)| (s.id, i as u32)).collect();
        let next_story = stories.iter().map(|s| s.id).max().unwrap_or(0) + 1;
        let (terms, docs) = store.terms()?;
        let mut engine = StoryBuilder {
            pipeline,
            dedup: Deduper::default(),
            terms: TermTable::restore(terms, docs),
            clusters: settings.restore_into(stories),
            lines: Lines::default(),
            learnt: HashSet::new(),
            seqs: Vec::new(),
            saved_group: Vec::new(),
            story_of: Vec::new(),
            story_members: HashMap::new(),
            slots: SlotIndex::default(),
            next_seq: 1,
            next_story,
            timings: Timings::default(),
            known: HashSet::new(),
        };
        for (source, key, articles) in store.lines()? {
            engine.lines.add(Some(source.as_str()), key, articles);
        }
        let mut first_of_group: HashMap<i64, u32> = HashMap::new();
        for row in store.rows()? {
            let fp = Fingerprint {
                exact: row.exact,
                signature: row.signature.as_deref().and_then(Signature::from_bytes),
            };
            let same = first_of_group.get(&row.grp).copied();
            let i = engine.dedup.restore(&fp, same);
            if same.is_none() {
                if let Some(signature) = &fp.signature {
                    engine.slots.add(i, signature);
                }
            }
            first_of_group.entry(row.grp).or_insert(i);
            engine.seqs.push(row.seq);
            engine.saved_group.push(row.grp);
            let story = story_index.get(&row.story).copied().unwrap_or(u32::MAX);
            engine.story_of.push(story);
            engine.story_members.entry(story).or_default().push(i);
            engine.next_seq = engine.next_seq.max(row.seq + 1);
            engine.known.insert(row.id);
        }
        Ok(engine)
    }

    /// Finds the links of every article already stored (a store made before
    /// links were kept) and writes them, marking them found.
    ///
    /// # Errors
    /// When the store cannot be written.
    pub fn backfill_links(&mut self, store: &mut Store) -> Result<usize> {
        let started = Instant::now();
        let mut links = Vec::new();
        for i in 0..self.seqs.len() as u32 {
            let story = self.story_of.get(i as usize).copied().unwrap_or(u32::MAX);
            links.extend(self.links_for(i, story));
        }
        self.timings.links += started.elapsed().as_secs_f64();
        store.save_backfill(&links)?;
        Ok(links.len())
    }

    /// The rewrites of and articles related to article `i` among those added
    /// before it, at most [`LINKS_PER_ARTICLE`], most text shared first. Only
    /// the first member of a duplicate group has links (its copies share them).
    fn links_for(&mut self, i: u32, story: u32) -> Vec<NewLink> {
        let own = self.dedup.group(i);
        if own != i {
            return Vec::new();
        }
        let Some(signature) = self.dedup.signature(i).cloned() else {
            return Vec::new();
        };
        let mut candidates = self.dedup.candidates(&signature);
        candidates.extend(self.slots.candidates(&signature));
        if let Some(members) = self.story_members.get(&story) {
            let before = members.partition_point(|&m| m < i);
            let from = before.saturating_sub(STORY_CANDIDATES);
            candidates.extend(members.get(from..before).unwrap_or_default());
        }
        candidates.retain(|&c| c < i);
        candidates.sort_unstable();
        candidates.dedup();
        let mut found: Vec<(f64, u32, Relation)> = Vec::new();
        for c in candidates {
            if self.dedup.group(c) == own {
                continue;
            }
            let Some(theirs) = self.dedup.signature(c) else {
                continue;
            };
            let (x, y) = signature.containment(theirs);
            let relation = match classify(x, y) {
                // A copy of an article of another group (it joined the group
                // it copies best): shown as a rewrite, not folded.
                Relation::Copy | Relation::Rewrite => Relation::Rewrite,
                Relation::Related => Relation::Related,
                Relation::Unrelated => continue,
            };
            found.push((x.max(y), c, relation));
        }
        found.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        found.truncate(LINKS_PER_ARTICLE);
        let seq = |k: u32| self.seqs.get(k as usize).copied().unwrap_or_default();
        found
            .into_iter()
            .map(|(shared, c, relation)| NewLink {
                seq: seq(i),
                other: seq(c),
                relation,
                shared: shared as f32,
            })
            .collect()
    }

    /// Counts the paragraphs of an article to come (once per id), so that the
    /// boilerplate its outlet repeats is known before the article, or any
    /// other, is clustered. Articles given to [`StoryBuilder::add_batch`]
    /// without being learnt first are counted then, batch by batch.
    pub fn learn(&mut self, id: &str, source: Option<&str>, body: &str) {
        if self.known.contains(id) || !self.learnt.insert(id.to_owned()) {
            return;
        }
        self.lines.count(source.filter(|s| !s.is_empty()), body);
    }

    /// Groups and clusters a batch of new articles and writes it to the
    /// store in one transaction. Articles whose id the store already holds
    /// (or that come twice) are left out.
    ///
    /// # Errors
    /// When the store cannot be written (nothing of the batch is then kept).
    pub fn add_batch(&mut self, store: &mut Store, articles: Vec<Article>) -> Result<()> {
        self.add_extracted(store, articles.into_iter().map(|a| (a, None)).collect())
    }

    /// [`StoryBuilder::add_batch`] for articles whose extraction may be known
    /// already (stored in the index); the others are extracted here.
    ///
    /// # Errors
    /// When the store cannot be written (nothing of the batch is then kept).
    pub fn add_extracted(&mut self, store: &mut Store, articles: Vec<(Article, Option<Extractions>)>) -> Result<()> {
        let articles: Vec<(Article, Option<Extractions>)> = articles
            .into_iter()
            .filter(|(a, _)| !self.known.contains(a.id.as_str()))
            .collect();
        for (article, _) in &articles {
            self.learn(article.id.as_str(), article.source.as_deref(), &article.body);
        }
        let articles: Vec<(Article, Option<Extractions>)> = articles
            .into_iter()
            .filter(|(a, _)| {
                self.learnt.remove(a.id.as_str());
                self.known.insert(a.id.to_string())
            })
            .collect();
        let mut clock = Instant::now();
        let mut lap = || {
            let seconds = clock.elapsed().as_secs_f64();
            clock = Instant::now();
            seconds
        };
        let pipeline = &self.pipeline;
        let lines = &self.lines;
        let mut prepared: Vec<Prepared> = articles
            .into_par_iter()
            .map(|(article, stored)| {
                let source = source_of(&article);
                let paragraphs = boilerplate::paragraphs(&article.body);
                let mask = boilerplate::mask_with(&paragraphs, |key| lines.articles(source, key));
                let mut keys: Vec<u64> = paragraphs.iter().map(|p| p.key).collect();
                keys.sort_unstable();
                keys.dedup();
                // Analysed (and extracted, when the index has no extraction)
                // without its boilerplate, blanked so that offsets hold.
                let clean = if mask.is_empty() {
                    None
                } else {
                    let mut clean = article.clone();
                    clean.body = boilerplate::blank(&article.body, &mask);
                    Some(clean)
                };
                let text = clean.as_ref().unwrap_or(&article);
                let analysis = pipeline.analyzer().analyze(text);
                let found = stored.unwrap_or_else(|| pipeline.extract(text, &analysis));
                Prepared {
                    published: article.published.map(|p| p.unix_seconds()),
                    fingerprint: fingerprint(&analysis),
                    features: features(&article, &analysis, &found, pipeline.analyzer(), &mask),
                    keys,
                    article,
                }
            })
            .collect();
        prepared.sort_by(|a, b| {
            (a.published.is_none(), a.published, &a.article.id).cmp(&(
                b.published.is_none(),
                b.published,
                &b.article.id,
            ))
        });
        self.timings.prepare += lap();
        for p in &prepared {
            self.terms.count(&p.features);
        }
        let first_new = self.seqs.len();
        let mut rows = Vec::with_capacity(prepared.len());
        let mut links = Vec::new();
        let mut links_seconds = 0.0;
        let mut line_rows = Vec::new();
        let groups: Vec<u32> = prepared
            .iter()
            .map(|p| {
                let i = self.dedup.add(&p.fingerprint);
                self.dedup.group(i)
            })
            .collect();
        self.timings.dedup += lap();
        for (k, (p, root)) in prepared.into_iter().zip(groups).enumerate() {
            let i = (first_new + k) as u32;
            let into = (root != i).then(|| self.story_of.get(root as usize).copied()).flatten();
            let vector = self.terms.vector(&p.features);
            let s = self
                .clusters
                .assign(&vector, p.published, into.filter(|&s| s != u32::MAX));
            if self.clusters.get(s).is_some_and(|story| story.id == 0) {
                self.clusters.set_id(s, self.next_story);
                self.next_story += 1;
            }
            let seq = self.next_seq;
            self.next_seq += 1;
            let source = source_of(&p.article).unwrap_or_default();
            line_rows.extend(p.keys.iter().map(|&key| (source.to_owned(), key)));
            self.seqs.push(seq);
            self.saved_group.push(seq);
            self.story_of.push(s);
            self.story_members.entry(s).or_default().push(i);
            let started = Instant::now();
            links.extend(self.links_for(i, s));
            if root == i {
                if let Some(signature) = &p.fingerprint.signature {
                    self.slots.add(i, signature);
                }
            }
            links_seconds += started.elapsed().as_secs_f64();
            rows.push(NewRow {
                seq,
                id: p.article.id.to_string(),
                published: p.published,
                title: p.article.title,
                source: p.article.source,
                exact: p.fingerprint.exact,
                signature: p.fingerprint.signature.as_ref().map(Signature::to_bytes),
                grp: seq,
                story: self.clusters.get(s).map_or(0, |story| story.id),
            });
        }
        // Groups may have merged: relabel every article whose group changed.
        let mut regroup = Vec::new();
        for i in 0..self.seqs.len() {
            let root = self.dedup.group(i as u32);
            let label = self.seqs.get(root as usize).copied().unwrap_or_default();
            let Some(saved) = self.saved_group.get_mut(i) else {
                continue;
            };
            if *saved != label || i >= first_new {
                *saved = label;
                match i.checked_sub(first_new).and_then(|j| rows.get_mut(j)) {
                    Some(row) => row.grp = label,
                    None => regroup.push((self.seqs.get(i).copied().unwrap_or_default(), label)),
                }
            }
        }
        let dirty = self.clusters.take_dirty();
        let stories: Vec<_> = dirty
            .iter()
            .filter_map(|&s| self.clusters.get(s))
            .map(|story| {
                let follows = story.follows.and_then(|f| self.clusters.get(f)).map(|f| f.id);
                (story, label(story, &self.terms), follows)
            })
            .collect();
        let docs = self.terms.docs();
        let terms = self.terms.take_dirty();
        self.timings.cluster += lap() - links_seconds;
        self.timings.links += links_seconds;
        store.save(&Batch {
            rows,
            regroup,
            stories,
            terms,
            docs,
            links,
            lines: line_rows,
        })?;
        self.timings.write += lap();
        Ok(())
    }

    /// Where this engine's time went so far.
    pub fn timings(&self) -> Timings {
        self.timings
    }
}

/// The outlet an article's boilerplate is learnt for (`None` for none).
fn source_of(article: &Article) -> Option<&str> {
    article.source.as_deref().filter(|s| !s.is_empty())
}

/// A story's label: its strongest words and names.
fn label(story: &crate::cluster::Story, terms: &TermTable) -> Label {
    let mut label = Label::default();
    for (id, _) in story.top_terms(20) {
        let Some(term) = terms.get(id) else { continue };
        let (list, most) = match term.key.chars().next() {
            Some('^') => continue,
            Some('@' | '#') => (&mut label.entities, 4),
            _ => (&mut label.terms, 5),
        };
        // A place is both a linked place and a name: show it once.
        if list.len() < most && !list.contains(&term.display) {
            list.push(term.display.clone());
        }
    }
    label
}
