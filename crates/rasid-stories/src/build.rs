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
//!
//! **The window.** A build holds in memory only what the articles it adds
//! can still need, so that its memory is a function of the articles per
//! window, not of the archive (issue 19):
//! - copies, rewrites and related articles of an article are looked for among
//!   the articles published within [`COPY_WINDOW_SECONDS`] of it (before or
//!   after: an article added late is compared with those of its own days),
//!   and every undated one; an undated article, among the undated ones and
//!   those within [`COPY_WINDOW_SECONDS`] of the newest article. Only those
//!   are held (their fingerprints read back from the store as the window
//!   moves), and what is too common ([`crate::relate::COMMON`]) or which
//!   articles a full LSH bucket keeps is counted among them;
//! - the stories held are those in reach of the newest articles (see
//!   [`Clusterer`]), those an article added late reaches and the story of an
//!   old article's copy, read back from the store when needed;
//! - the ids already stored are looked up in the store, batch by batch;
//! - so are the outlets' paragraph counts ([`crate::boilerplate`]): those of
//!   the articles the update learns before storing them are counted in a
//!   temporary table of the store's connection, not in memory;
//! - the vocabulary ([`TermTable`]) holds the terms of the batches and
//!   labels at hand, at most [`MAX_TERMS_HELD`] between batches, and reads
//!   the others back from the store.
//!
//! So a copy published more than [`COPY_WINDOW_SECONDS`] after its original
//! starts a group of its own. Within the window, the result is the one of
//! holding everything, and it does not depend on where a build was
//! interrupted and resumed.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::time::Instant;

use rasid_core::{Article, Extractions};
use rasid_pipeline::Pipeline;
use rasid_search::{Index, LiveArticle, StoredArticle};
use rayon::prelude::*;
use serde::Serialize;

use crate::boilerplate;
use crate::cluster::{features, Clusterer, TermTable, MAX_SPAN_SECONDS, WINDOW_SECONDS};
use crate::dedup::{classify, fingerprint, Deduper, Fingerprint, Relation};
use crate::error::Result;
use crate::minhash::Signature;
use crate::relate::SlotIndex;
use crate::store::{Batch, Label, NewLink, NewRow, Store, StoredRow};

/// Articles processed together: the unit of a build's progress.
pub const BATCH: usize = 1_000;

/// Batches [`update`] writes in one transaction.
pub const BATCHES_PER_COMMIT: usize = 10;

/// Most links (rewrites and related articles) kept per article: those
/// sharing the most text.
pub const LINKS_PER_ARTICLE: usize = 12;

/// The latest articles of its story that a new article is compared with to
/// find its rewrites and related articles (besides its LSH candidates).
pub const STORY_CANDIDATES: usize = 200;

/// How far apart (seconds) two articles may be published and still be found
/// to be copies, rewrites or related: fourteen days, the longest a story
/// spans ([`MAX_SPAN_SECONDS`]).
pub const COPY_WINDOW_SECONDS: i64 = MAX_SPAN_SECONDS;

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
    /// The most articles held in memory at once (those within the window).
    pub peak_articles_held: usize,
    /// The most stories held in memory at once (those in reach).
    pub peak_stories_held: usize,
}

/// Compares the index with the store: both lists of ids are walked in id
/// order, with no set of either held (the store's is read as a stream).
///
/// # Errors
/// When either cannot be read.
pub fn pending(index: &Index, store: &Store) -> Result<Pending> {
    let mut live = index.live_articles()?;
    live.sort_unstable_by(|a, b| a.id.cmp(&b.id));
    let mut stored = vec![false; live.len()];
    let mut removed: Vec<String> = Vec::new();
    let mut at = 0;
    store.each_id(&mut |id| {
        while live.get(at).is_some_and(|a| a.id.as_str() < id) {
            at += 1;
        }
        let mut found = false;
        while live.get(at).is_some_and(|a| a.id == id) {
            found = true;
            if let Some(slot) = stored.get_mut(at) {
                *slot = true;
            }
            at += 1;
        }
        if !found {
            removed.push(id.to_owned());
        }
    })?;
    let mut new: Vec<LiveArticle> = live
        .into_iter()
        .zip(stored)
        .filter_map(|(a, stored)| (!stored).then_some(a))
        .collect();
    new.sort_by(|a, b| (a.published.is_none(), a.published, &a.id).cmp(&(b.published.is_none(), b.published, &b.id)));
    Ok(Pending { new, removed })
}

/// Brings the store up to date with the index, in batches of [`BATCH`],
/// [`BATCHES_PER_COMMIT`] of them a transaction, calling `progress(done,
/// total)` after each batch.
///
/// # Errors
/// When the index or the store cannot be read or written; the transactions
/// committed before stay (a build stopped in the middle of one resumes from
/// the last).
pub fn update(index: &Index, store: &mut Store, progress: &mut dyn FnMut(usize, usize)) -> Result<BuildReport> {
    update_with(index, store, BATCH, BATCHES_PER_COMMIT, progress)
}

/// [`update`] with another batch size (at least 1), each batch its own
/// transaction.
///
/// # Errors
/// As [`update`].
pub fn update_in_batches(
    index: &Index,
    store: &mut Store,
    batch: usize,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<BuildReport> {
    update_with(index, store, batch, 1, progress)
}

/// [`update`] in batches of `batch` articles, `per_commit` batches a
/// transaction (each at least 1).
///
/// # Errors
/// As [`update`].
pub fn update_with(
    index: &Index,
    store: &mut Store,
    batch: usize,
    per_commit: usize,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<BuildReport> {
    let batch = batch.max(1);
    let started = Instant::now();
    let pending = pending(index, store)?;
    let removed = if pending.removed.is_empty() {
        0
    } else {
        store.remove(&pending.removed)?
    };
    let total = pending.new.len();
    let backfill = store.links_pending()?;
    let mut peaks = (0, 0);
    if total > 0 || backfill {
        let mut engine = StoryBuilder::load(store, index.pipeline().clone())?;
        if backfill {
            engine.backfill_links(store)?;
        }
        // Boilerplate is learnt from every article of the update before any
        // is clustered, so that the first batch knows the outlets' repeated
        // lines as well as the last (and an interrupted build, which counts
        // its stored articles from the store, learns the same). The articles
        // pending are new and distinct: no id needs remembering.
        for chunk in pending.new.chunks(batch) {
            let ids: Vec<String> = chunk.iter().map(|a| a.id.clone()).collect();
            for article in index.get_many_texts(&ids)? {
                engine.count_lines(article.source.as_deref(), &article.body);
            }
            engine.store_learnt(store)?;
        }
        let mut done = 0;
        for commit in pending.new.chunks(batch.saturating_mul(per_commit.max(1))) {
            store.begin_commit()?;
            let batches = commit.len().div_ceil(batch);
            for (n, chunk) in commit.chunks(batch).enumerate() {
                let ids: Vec<String> = chunk.iter().map(|a| a.id.clone()).collect();
                let added = index.get_many(&ids).map_err(Into::into).and_then(|articles| {
                    let articles = articles.into_iter().map(StoredArticle::into_parts).collect();
                    engine.add_articles(store, articles, true)
                });
                if let Err(err) = added {
                    store.end_commit(false)?;
                    return Err(err);
                }
                if n + 1 == batches {
                    store.end_commit(true)?;
                }
                done += chunk.len();
                progress(done, total);
            }
        }
        peaks = engine.peaks;
    }
    Ok(BuildReport {
        added: total,
        removed,
        seconds: started.elapsed().as_secs_f64(),
        peak_articles_held: peaks.0,
        peak_stories_held: peaks.1,
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

/// An article held: within the window.
#[derive(Clone, Copy, Debug)]
struct Held {
    published: Option<i64>,
    story: i64,
    /// In the slot index: the first member of its group, with a signature.
    slotted: bool,
}

/// The in-memory state of a build: the articles and stories within the
/// window (see the module's documentation), the vocabulary.
pub struct StoryBuilder {
    pipeline: Pipeline,
    /// The articles held, by seq (as `u32`).
    dedup: Deduper,
    terms: TermTable,
    clusters: Clusterer,
    /// `(outlet, paragraph key)` of the articles learnt since the last batch,
    /// to be counted in the store (which holds the counts, stored and learnt).
    to_learn: Vec<(String, u64)>,
    /// Articles learnt but not stored yet.
    learnt: HashSet<String>,
    /// The articles held, by seq.
    held: HashMap<i64, Held>,
    /// The dated articles held, by publication time.
    by_time: BTreeSet<(i64, i64)>,
    /// The stored dated articles published in `(after, until]` have been
    /// read (and those of them out of the window let go again).
    loaded: Option<(i64, i64)>,
    /// Per story: its articles held, by seq.
    story_members: HashMap<i64, Vec<i64>>,
    /// The first members of duplicate groups held, by single MinHash values.
    slots: SlotIndex,
    /// The newest publication time stored or added.
    horizon: Option<i64>,
    next_seq: i64,
    timings: Timings,
    /// The most articles and stories held at once.
    peaks: (usize, usize),
    /// Terms of the vocabulary held at most between batches.
    max_terms_held: usize,
}

impl std::fmt::Debug for StoryBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StoryBuilder")
            .field("articles_held", &self.held.len())
            .field("stories_held", &self.clusters.len())
            .finish_non_exhaustive()
    }
}

/// The rows of the batch being added, by seq: what is known of an article
/// let go before its batch is written.
fn in_batch(rows: &[NewRow], seq: i64) -> Option<&NewRow> {
    let at = rows.binary_search_by_key(&seq, |r| r.seq).ok()?;
    rows.get(at)
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
        let (horizon, last_story, next_seq) = store.extent()?;
        // The stories in reach of the newest articles (see Clusterer::active).
        let from = horizon.map_or(i64::MIN, |h| h.saturating_sub(2 * WINDOW_SECONDS));
        let mut clusters = settings.restore_into(store.stories_within(from, i64::MAX)?);
        clusters.reserve_ids(last_story + 1);
        let (next_term, docs) = store.term_extent()?;
        let mut engine = StoryBuilder {
            pipeline,
            dedup: Deduper::default(),
            terms: TermTable::resume(next_term, docs),
            clusters,
            to_learn: Vec::new(),
            learnt: HashSet::new(),
            held: HashMap::new(),
            by_time: BTreeSet::new(),
            loaded: None,
            story_members: HashMap::new(),
            slots: SlotIndex::default(),
            horizon,
            next_seq,
            timings: Timings::default(),
            peaks: (0, 0),
            max_terms_held: MAX_TERMS_HELD,
        };
        store.forget_pending_lines()?;
        for row in store.rows(None, None, true)? {
            engine.hold_stored(row);
        }
        Ok(engine)
    }

    /// Holds at most `terms` terms of the vocabulary between batches (the
    /// default is [`MAX_TERMS_HELD`]); the others are read back from the
    /// store as batches need them. The stories are the same whatever it is.
    pub fn hold_terms_at_most(&mut self, terms: usize) {
        self.max_terms_held = terms;
    }

    /// Holds an article read back from the store (nothing when held).
    fn hold_stored(&mut self, row: StoredRow) {
        if self.held.contains_key(&row.seq) {
            return;
        }
        let fp = Fingerprint {
            exact: row.exact,
            signature: row.signature.as_deref().and_then(Signature::from_bytes),
        };
        self.dedup.restore(row.seq as u32, &fp, row.grp as u32);
        let root = fp.signature.as_ref().filter(|_| row.grp == row.seq);
        if let Some(signature) = root {
            self.slots.add(row.seq as u32, signature);
        }
        self.hold(row.seq, row.published, row.story, root.is_some());
    }

    fn hold(&mut self, seq: i64, published: Option<i64>, story: i64, slotted: bool) {
        self.held.insert(
            seq,
            Held {
                published,
                story,
                slotted,
            },
        );
        if let Some(t) = published {
            self.by_time.insert((t, seq));
        }
        let members = self.story_members.entry(story).or_default();
        let at = members.partition_point(|&m| m < seq);
        members.insert(at, seq);
        self.peaks.0 = self.peaks.0.max(self.held.len());
    }

    /// Lets go the article `seq`.
    fn let_go(&mut self, seq: i64) {
        let Some(gone) = self.held.remove(&seq) else {
            return;
        };
        if let Some(t) = gone.published {
            self.by_time.remove(&(t, seq));
        }
        let signature = self.dedup.evict(seq as u32);
        if let Some(signature) = signature.filter(|_| gone.slotted) {
            self.slots.remove(seq as u32, &signature);
        }
        if let Some(members) = self.story_members.get_mut(&gone.story) {
            members.retain(|&m| m != seq);
            if members.is_empty() {
                self.story_members.remove(&gone.story);
            }
        }
    }

    /// Moves the window to an article published at `time`: the articles
    /// published within [`COPY_WINDOW_SECONDS`] of it are held (for an
    /// undated article: those within it of the newest), the others let go.
    fn move_window(&mut self, store: &Store, time: Option<i64>) -> Result<()> {
        let (from, until) = match (time, self.horizon) {
            (Some(t), _) => (
                t.saturating_sub(COPY_WINDOW_SECONDS),
                t.saturating_add(COPY_WINDOW_SECONDS),
            ),
            (None, Some(h)) => (h.saturating_sub(COPY_WINDOW_SECONDS), i64::MAX),
            (None, None) => return Ok(()),
        };
        let old: Vec<i64> = self.by_time.range(..(from, i64::MIN)).map(|&(_, seq)| seq).collect();
        for seq in old {
            self.let_go(seq);
        }
        let newer: Vec<i64> = self.by_time.range((until, i64::MAX)..).map(|&(_, seq)| seq).collect();
        for seq in newer.into_iter().filter(|_| until < i64::MAX) {
            self.let_go(seq);
        }
        let after = from.saturating_sub(1);
        let mut read = Vec::new();
        match self.loaded {
            None => read.push((after, until)),
            Some((a, b)) => {
                if after < a {
                    read.push((after, a.min(until)));
                }
                if until > b {
                    read.push((b.max(after), until));
                }
            }
        }
        for (a, b) in read {
            for row in store.rows(Some(a), Some(b), false)? {
                self.hold_stored(row);
            }
        }
        self.loaded = Some((after, until));
        Ok(())
    }

    /// Finds the links of every article already stored (a store made before
    /// links were kept) and writes them, marking them found.
    ///
    /// # Errors
    /// When the store cannot be read or written.
    pub fn backfill_links(&mut self, store: &mut Store) -> Result<usize> {
        let started = Instant::now();
        let mut links = Vec::new();
        // The stored articles in time order, a window's worth at a time.
        let mut after = i64::MIN;
        while let Some(first) = store.next_published(after)? {
            let until = first.saturating_add(COPY_WINDOW_SECONDS);
            let mut order: Vec<(i64, i64)> = store
                .rows(Some(after), Some(until), false)?
                .iter()
                .filter_map(|r| Some((r.published?, r.seq)))
                .collect();
            order.sort_unstable();
            for (t, seq) in order {
                self.move_window(store, Some(t))?;
                links.extend(self.links_for(seq));
            }
            after = until;
        }
        self.move_window(store, None)?;
        let undated: Vec<i64> = store.rows(None, None, true)?.iter().map(|r| r.seq).collect();
        for seq in undated {
            links.extend(self.links_for(seq));
        }
        self.timings.links += started.elapsed().as_secs_f64();
        store.save_backfill(&links)?;
        Ok(links.len())
    }

    /// The rewrites of and articles related to article `seq` among those held
    /// before it, at most [`LINKS_PER_ARTICLE`], most text shared first. Only
    /// the first member of a duplicate group has links (its copies share them).
    fn links_for(&self, seq: i64) -> Vec<NewLink> {
        let i = seq as u32;
        let own = self.dedup.group(i);
        if own != i {
            return Vec::new();
        }
        let Some(signature) = self.dedup.signature(i) else {
            return Vec::new();
        };
        let story = self.held.get(&seq).map(|h| h.story);
        let mut candidates = self.dedup.candidates(signature);
        candidates.extend(self.slots.candidates(signature));
        if let Some(members) = story.and_then(|s| self.story_members.get(&s)) {
            let before = members.partition_point(|&m| m < seq);
            let from = before.saturating_sub(STORY_CANDIDATES);
            candidates.extend(members.get(from..before).unwrap_or_default().iter().map(|&m| m as u32));
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
        found
            .into_iter()
            .map(|(shared, c, relation)| NewLink {
                seq,
                other: i64::from(c),
                relation,
                shared: shared as f32,
            })
            .collect()
    }

    /// Counts the paragraphs of an article to come (once per id), so that the
    /// boilerplate its outlet repeats is known before the article, or any
    /// other, is clustered. Articles given to [`StoryBuilder::add_batch`]
    /// without being learnt first are counted then, batch by batch.
    /// The articles learnt are to be new: [`update`] learns those the store
    /// does not hold.
    pub fn learn(&mut self, id: &str, source: Option<&str>, body: &str) {
        if self.learnt.insert(id.to_owned()) {
            self.count_lines(source, body);
        }
    }

    fn count_lines(&mut self, source: Option<&str>, body: &str) {
        let source = source.unwrap_or_default();
        self.to_learn
            .extend(boilerplate::keys(body).into_iter().map(|key| (source.to_owned(), key)));
    }

    /// Counts the paragraphs learnt since the last call in the store.
    fn store_learnt(&mut self, store: &Store) -> Result<()> {
        store.learn_lines(&self.to_learn)?;
        self.to_learn.clear();
        Ok(())
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
        self.add_articles(store, articles, false)
    }

    /// [`StoryBuilder::add_extracted`]; `counted`: their paragraphs are counted already.
    fn add_articles(
        &mut self,
        store: &mut Store,
        articles: Vec<(Article, Option<Extractions>)>,
        counted: bool,
    ) -> Result<()> {
        let ids: Vec<&str> = articles.iter().map(|(a, _)| a.id.as_str()).collect();
        let mut known = store.known(&ids)?;
        let articles: Vec<(Article, Option<Extractions>)> = articles
            .into_iter()
            .filter(|(a, _)| !known.contains(a.id.as_str()))
            .collect();
        for (article, _) in articles.iter().filter(|_| !counted) {
            self.learn(article.id.as_str(), article.source.as_deref(), &article.body);
        }
        self.store_learnt(store)?;
        let articles: Vec<(Article, Option<Extractions>)> = articles
            .into_iter()
            .filter(|(a, _)| {
                self.learnt.remove(a.id.as_str());
                known.insert(a.id.to_string())
            })
            .collect();
        let mut clock = Instant::now();
        let mut lap = || {
            let seconds = clock.elapsed().as_secs_f64();
            clock = Instant::now();
            seconds
        };
        let pipeline = &self.pipeline;
        let paragraphs: Vec<Vec<boilerplate::Paragraph>> = articles
            .par_iter()
            .map(|(article, _)| boilerplate::paragraphs(&article.body))
            .collect();
        let lines = line_counts(store, &articles, &paragraphs)?;
        let mut prepared: Vec<Prepared> = articles
            .into_par_iter()
            .zip(paragraphs)
            .map(|((article, stored), paragraphs)| {
                let counts = lines.get(source_of(&article).unwrap_or_default());
                let mask = boilerplate::mask_with(&paragraphs, |key| {
                    counts.and_then(|c| c.get(&key)).copied().unwrap_or(0)
                });
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
        // The vocabulary held is what the store has of this batch's features.
        let keys: BTreeSet<&str> = prepared
            .iter()
            .flat_map(|p| p.features.iter().map(|(key, _, _)| key.as_str()))
            .filter(|key| !self.terms.holds(key))
            .collect();
        for (id, term) in store.terms_by_key(keys)? {
            self.terms.hold(id, term);
        }
        for p in &prepared {
            self.terms.count(&p.features);
        }
        let mut rows: Vec<NewRow> = Vec::with_capacity(prepared.len());
        let mut links = Vec::new();
        let (mut dedup_seconds, mut links_seconds) = (0.0, 0.0);
        let mut line_rows = Vec::new();
        for p in prepared {
            let started = Instant::now();
            self.move_window(store, p.published)?;
            if p.published.is_some() && self.clusters.is_backfill(p.published) {
                // Added late: every story it reaches is held.
                let t = p.published.unwrap_or_default();
                for story in store.stories_within(t - WINDOW_SECONDS, t + WINDOW_SECONDS)? {
                    self.clusters.insert(story);
                }
            }
            let seq = self.next_seq;
            self.next_seq += 1;
            // The first member of a group no longer held is read back from
            // the batch or the store.
            let mut failed = None;
            let (root, _) = self.dedup.add_as(seq as u32, &p.fingerprint, &mut |root| {
                let bytes = match in_batch(&rows, i64::from(root)) {
                    Some(row) => row.signature.clone(),
                    None => match store.story_and_signature(i64::from(root)) {
                        Ok(found) => found.and_then(|(_, bytes)| bytes),
                        Err(e) => {
                            failed = Some(e);
                            None
                        }
                    },
                };
                bytes.as_deref().and_then(Signature::from_bytes)
            });
            if let Some(e) = failed {
                return Err(e);
            }
            let root = i64::from(root);
            let into = if root == seq {
                None
            } else {
                match self.held.get(&root) {
                    Some(h) => Some(h.story),
                    None => match in_batch(&rows, root) {
                        Some(row) => Some(row.story),
                        None => store.story_and_signature(root)?.map(|(story, _)| story),
                    },
                }
            };
            if let Some(story) = into.filter(|&s| !self.clusters.holds(s)) {
                if let Some(state) = store.story_state(story)? {
                    self.clusters.insert(state);
                }
            }
            dedup_seconds += started.elapsed().as_secs_f64();
            let vector = self.terms.vector(&p.features);
            let s = self.clusters.assign(&vector, p.published, into);
            let source = source_of(&p.article).unwrap_or_default();
            line_rows.extend(p.keys.iter().map(|&key| (source.to_owned(), key)));
            if let Some(t) = p.published {
                self.horizon = Some(self.horizon.map_or(t, |h| h.max(t)));
            }
            let slotted = root == seq && p.fingerprint.signature.is_some();
            self.hold(seq, p.published, s, slotted);
            let started = Instant::now();
            links.extend(self.links_for(seq));
            if let Some(signature) = p.fingerprint.signature.as_ref().filter(|_| slotted) {
                self.slots.add(seq as u32, signature);
            }
            links_seconds += started.elapsed().as_secs_f64();
            self.peaks.1 = self.peaks.1.max(self.clusters.len());
            rows.push(NewRow {
                seq,
                id: p.article.id.to_string(),
                published: p.published,
                title: p.article.title,
                source: p.article.source,
                exact: p.fingerprint.exact,
                signature: p.fingerprint.signature.as_ref().map(Signature::to_bytes),
                grp: root,
                story: s,
            });
        }
        self.timings.dedup += dedup_seconds;
        let dirty = self.clusters.take_dirty();
        // The terms of the labels, read back where they are not held.
        let wanted: BTreeSet<u32> = dirty
            .iter()
            .filter_map(|&s| self.clusters.get(s))
            .flat_map(|story| story.top_terms(LABEL_TERMS))
            .map(|(id, _)| id)
            .filter(|&id| !self.terms.holds_id(id))
            .collect();
        for (id, term) in store.terms_by_id(wanted)? {
            self.terms.hold(id, term);
        }
        let stories: Vec<_> = dirty
            .iter()
            .filter_map(|&s| self.clusters.get(s))
            .map(|story| (story, label(story, &self.terms), story.follows))
            .collect();
        let docs = self.terms.docs();
        let terms = self.terms.take_dirty();
        self.timings.cluster += lap() - links_seconds - dedup_seconds;
        self.timings.links += links_seconds;
        store.save(&Batch {
            rows,
            stories,
            terms,
            docs,
            links,
            lines: line_rows,
        })?;
        self.timings.write += lap();
        // Saved: the stories out of reach are let go, and the vocabulary
        // when too much of it is held (the store has it).
        self.clusters.evict();
        if self.terms.len() > self.max_terms_held {
            self.terms.forget();
        }
        Ok(())
    }

    /// Where this engine's time went so far.
    pub fn timings(&self) -> Timings {
        self.timings
    }
}

/// For each outlet of `articles` (`''` for none), the counts of their
/// paragraphs' keys (`paragraphs[i]` are those of `articles[i]`), stored and learnt.
fn line_counts(
    store: &Store,
    articles: &[(Article, Option<Extractions>)],
    paragraphs: &[Vec<boilerplate::Paragraph>],
) -> Result<HashMap<String, HashMap<u64, u32>>> {
    let mut wanted: BTreeMap<&str, BTreeSet<u64>> = BTreeMap::new();
    for ((article, _), paragraphs) in articles.iter().zip(paragraphs) {
        let keys = wanted.entry(source_of(article).unwrap_or_default()).or_default();
        keys.extend(paragraphs.iter().map(|p| p.key));
    }
    wanted
        .into_iter()
        .map(|(source, keys)| Ok((source.to_owned(), store.learnt_line_counts(source, keys)?)))
        .collect()
}

/// The outlet an article's boilerplate is learnt for (`None` for none).
fn source_of(article: &Article) -> Option<&str> {
    article.source.as_deref().filter(|s| !s.is_empty())
}

/// The strongest terms of a story its label is chosen from.
const LABEL_TERMS: usize = 20;

/// Terms of the vocabulary a build holds at most between batches (about 200
/// bytes each); beyond, it lets them go and reads back those it needs.
pub const MAX_TERMS_HELD: usize = 200_000;

/// A story's label: its strongest words and names.
fn label(story: &crate::cluster::Story, terms: &TermTable) -> Label {
    let mut label = Label::default();
    for (id, _) in story.top_terms(LABEL_TERMS) {
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
