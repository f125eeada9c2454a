//! Adding, replacing and deleting articles, in batches, with crash-safe commits.
//!
//! Articles go through the index's [`rasid_pipeline::Pipeline`] in parallel
//! (rayon), each once, and are handed to tantivy as pre-tokenised text. When the
//! pipeline extracts (the default; `rasid index --no-extract` opens the index
//! with a pipeline that does not), the document gains the entity, place and
//! date fields and the stored [`Extractions`]. Every [`WriterOptions::commit_every`] articles the writer
//! commits, catalogue and index as one (see [`crate::catalogue`]): it prepares
//! tantivy's commit, writes the batch's catalogue rows tagged with that commit's
//! opstamp, then commits the index; rows of a commit that never happened are
//! ignored by readers and deleted by the next writer. A process killed mid-run
//! therefore leaves an index that opens and holds every committed batch, each
//! article recorded once with its origin; running the same input again skips
//! every id the index already holds (by its id term), so the re-run completes it
//! with no duplicates.

use std::collections::HashSet;

use rasid_core::{Article, ArticleId, Extractions};
use rayon::prelude::*;
use tantivy::{IndexWriter, Term};

use crate::catalogue::{Catalogue, Item, Outcome, RunCounts};
use crate::error::{IndexError, Result};
use crate::failpoint;
use crate::index::{count_id, Index};
use crate::schema::IndexDoc;

/// How a [`Writer`] works.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WriterOptions {
    /// Indexing threads inside tantivy (analysis uses the rayon pool).
    pub threads: usize,
    /// Memory for tantivy's indexing buffers, in bytes, for all threads together
    /// (at least 15 MB a thread).
    pub memory_bytes: usize,
    /// Commit after this many added articles.
    pub commit_every: usize,
    /// Replace articles whose id is already in the index instead of counting them
    /// as duplicates.
    pub replace: bool,
}

/// The smallest memory tantivy accepts for one indexing thread.
const MIN_THREAD_MEMORY: usize = 15_000_000;

impl Default for WriterOptions {
    /// One indexing thread per core (at most 4), 40 MB each, a commit every 10,000 articles.
    fn default() -> Self {
        let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
        let threads = cores.clamp(1, 4);
        WriterOptions {
            threads,
            memory_bytes: threads * 40_000_000,
            commit_every: 10_000,
            replace: false,
        }
    }
}

impl WriterOptions {
    /// One thread and the least memory: for tests and small inputs.
    pub fn small() -> Self {
        WriterOptions {
            threads: 1,
            memory_bytes: MIN_THREAD_MEMORY,
            commit_every: 10_000,
            replace: false,
        }
    }
}

/// Adds, replaces and deletes articles in an [`Index`]; one per index at a time.
///
/// Dropping a writer without [`Writer::commit`] or [`Writer::finish`] discards
/// what was added since the last commit.
pub struct Writer<'a> {
    index: &'a Index,
    writer: IndexWriter<IndexDoc>,
    catalogue: Catalogue,
    run: i64,
    options: WriterOptions,
    searcher: tantivy::Searcher,
    /// Ids added since the last commit.
    pending_ids: HashSet<String>,
    /// Ids deleted since the last commit.
    pending_deleted: HashSet<String>,
    /// Catalogue rows waiting for the next commit.
    pending_items: Vec<Item>,
    /// Operations since the last commit.
    uncommitted: usize,
    counts: RunCounts,
    commits: u64,
    /// Says who holds the lock, for as long as the writer lives.
    _holder: Holder,
}

/// The file beside the writer's lock that names its holder, so that a second
/// writer is told which command holds the index (`rasid serve`, `rasid index`).
const HOLDER_FILE: &str = "writer-holder.txt";

/// The holder file, removed when dropped.
#[derive(Debug)]
struct Holder(Option<std::path::PathBuf>);

impl Holder {
    /// Records `command` (the holder's command line or name) as the holder.
    fn write(dir: &std::path::Path, command: &str) -> Holder {
        let path = dir.join(HOLDER_FILE);
        let command: String = command.chars().filter(|c| !c.is_control()).take(200).collect();
        let text = format!(
            "`{command}`, process {}, since {}\n",
            std::process::id(),
            jiff::Timestamp::now()
                .round(jiff::Unit::Second)
                .unwrap_or_else(|_| jiff::Timestamp::now())
        );
        // Best effort: the name of the holder is a courtesy, not a lock.
        Holder(std::fs::write(&path, text).ok().map(|()| path))
    }

    /// Who holds the index in `dir`, as its holder recorded it.
    fn read(dir: &std::path::Path) -> Option<String> {
        let text = std::fs::read_to_string(dir.join(HOLDER_FILE)).ok()?;
        let line = text.lines().next()?.trim();
        (!line.is_empty()).then(|| line.chars().take(300).collect())
    }
}

impl Drop for Holder {
    fn drop(&mut self) {
        if let Some(path) = self.0.take() {
            let _ = std::fs::remove_file(path);
        }
    }
}

impl std::fmt::Debug for Writer<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Writer")
            .field("index", self.index)
            .field("run", &self.run)
            .field("extracts", &self.index.pipeline().extracts())
            .finish_non_exhaustive()
    }
}

impl Index {
    /// Opens the writer and starts a catalogue run described by `args`.
    ///
    /// # Errors
    /// [`IndexError::Locked`] when another writer holds the index.
    pub fn writer(&self, options: WriterOptions, args: &str) -> Result<Writer<'_>> {
        if self.is_read_only() {
            return Err(IndexError::ReadOnly {
                path: self.path().to_owned(),
            });
        }
        let threads = options.threads.max(1);
        let memory = options.memory_bytes.max(threads * MIN_THREAD_MEMORY);
        let writer = match self.tantivy().writer_with_num_threads(threads, memory) {
            Ok(writer) => writer,
            Err(tantivy::TantivyError::LockFailure(tantivy::directory::error::LockError::LockBusy, _)) => {
                return Err(IndexError::Locked {
                    path: self.path().to_owned(),
                    holder: Holder::read(self.path()),
                });
            }
            Err(e) => return Err(IndexError::engine_write(&self.path().join(crate::TANTIVY_DIR), e)),
        };
        let holder = Holder::write(self.path(), args);
        let catalogue = self.catalogue()?;
        // Rows of a commit a killed writer never made.
        catalogue.reconcile(self.tantivy().load_metas()?.opstamp)?;
        catalogue.set_meta("schema_version", &crate::SCHEMA_VERSION.to_string())?;
        let run = catalogue.start_run(args)?;
        let searcher = self.tantivy_searcher()?;
        Ok(Writer {
            index: self,
            writer,
            catalogue,
            run,
            options,
            searcher,
            pending_ids: HashSet::new(),
            pending_deleted: HashSet::new(),
            pending_items: Vec::new(),
            uncommitted: 0,
            counts: RunCounts::default(),
            commits: 0,
            _holder: holder,
        })
    }
}

impl Writer<'_> {
    /// Adds articles; an id already in the index (or added earlier in this run) is
    /// a duplicate, or replaced when [`WriterOptions::replace`] is set. Commits when
    /// enough articles have gathered. Returns each article's outcome, in order.
    ///
    /// # Errors
    /// Engine and catalogue errors; the articles of a failed batch are not counted.
    pub fn add_batch(&mut self, articles: Vec<Article>) -> Result<Vec<Outcome>> {
        self.add(articles.into_iter().map(|a| (a, None)).collect())
    }

    /// [`Writer::add_batch`] for articles whose extractions were made elsewhere
    /// (read back from an export, built by hand in a test): the pipeline only
    /// analyses their text, and the extractions are stored as given.
    ///
    /// ```
    /// use rasid_core::{Article, Extractions};
    /// use rasid_search::{Index, WriterOptions};
    ///
    /// let dir = tempfile::tempdir().unwrap();
    /// let index = Index::create_or_open(dir.path()).unwrap();
    /// let mut writer = index.writer(WriterOptions::small(), "doc test").unwrap();
    /// let article = Article::builder("عنوان", "نص").build();
    /// writer.add_extracted(vec![(article.clone(), Extractions::default())]).unwrap();
    /// writer.finish().unwrap();
    /// let stored = index.get(&article.id).unwrap().unwrap();
    /// assert_eq!(stored.extraction, Some(Extractions::default()));
    /// ```
    ///
    /// # Errors
    /// As [`Writer::add_batch`].
    pub fn add_extracted(&mut self, articles: Vec<(Article, Extractions)>) -> Result<Vec<Outcome>> {
        self.add(articles.into_iter().map(|(a, e)| (a, Some(e))).collect())
    }

    fn add(&mut self, articles: Vec<(Article, Option<Extractions>)>) -> Result<Vec<Outcome>> {
        let mut outcomes = Vec::with_capacity(articles.len());
        let mut to_add: Vec<(Article, Option<Extractions>, Outcome)> = Vec::with_capacity(articles.len());
        for (article, extractions) in articles {
            let id = article.id.as_str();
            let outcome = if self.pending_ids.contains(id) {
                Outcome::Duplicate
            } else if self.committed(id)? {
                if self.options.replace {
                    Outcome::Replaced
                } else {
                    Outcome::Duplicate
                }
            } else {
                Outcome::Indexed
            };
            self.pending_items
                .push(item_for(&article, article.id.as_str(), outcome));
            self.counts.count(outcome);
            outcomes.push(outcome);
            if outcome != Outcome::Duplicate {
                self.pending_ids.insert(id.to_owned());
                to_add.push((article, extractions, outcome));
            }
        }
        let (index, fields) = (self.index, self.index.fields());
        let docs: Vec<(ArticleId, Outcome, IndexDoc)> = to_add
            .into_par_iter()
            .map(|(article, extractions, outcome)| {
                (article.id.clone(), outcome, document(index, &article, extractions))
            })
            .collect();
        for (id, outcome, doc) in docs {
            if outcome == Outcome::Replaced {
                self.writer.delete_term(Term::from_field_text(fields.id, id.as_str()));
            }
            self.writer
                .add_document(doc)
                .map_err(|e| IndexError::engine_write(&self.index.path().join(crate::TANTIVY_DIR), e))?;
            self.uncommitted += 1;
        }
        if self.uncommitted >= self.options.commit_every.max(1) {
            self.commit()?;
        }
        Ok(outcomes)
    }

    /// True when the last commit holds `id` and this run has not deleted it since.
    fn committed(&self, id: &str) -> Result<bool> {
        Ok(!self.pending_deleted.contains(id) && count_id(&self.searcher, self.index.fields(), id)? > 0)
    }

    /// Replaces the article with id `id` by `article`, which keeps the id `id`, so
    /// links to it stay valid. Adds it when there was none.
    pub fn update(&mut self, id: &ArticleId, mut article: Article) -> Result<Outcome> {
        article.id = id.clone();
        let existed = self.pending_ids.contains(id.as_str()) || self.committed(id.as_str())?;
        let doc = document(self.index, &article, None);
        self.writer
            .delete_term(Term::from_field_text(self.index.fields().id, id.as_str()));
        self.writer
            .add_document(doc)
            .map_err(|e| IndexError::engine_write(&self.index.path().join(crate::TANTIVY_DIR), e))?;
        self.pending_ids.insert(id.as_str().to_owned());
        self.pending_deleted.remove(id.as_str());
        let outcome = if existed { Outcome::Replaced } else { Outcome::Indexed };
        self.pending_items.push(item_for(&article, id.as_str(), outcome));
        self.counts.count(outcome);
        self.uncommitted += 1;
        Ok(outcome)
    }

    /// Deletes the article with this id; false when there is none.
    pub fn delete(&mut self, id: &ArticleId) -> Result<bool> {
        let existed = self.pending_ids.remove(id.as_str()) || self.committed(id.as_str())?;
        if existed {
            self.pending_deleted.insert(id.as_str().to_owned());
            self.writer
                .delete_term(Term::from_field_text(self.index.fields().id, id.as_str()));
            self.pending_items.push(Item::article(id.as_str(), Outcome::Deleted));
            self.counts.count(Outcome::Deleted);
            self.uncommitted += 1;
        }
        Ok(existed)
    }

    /// Records an input that gave no article (skipped or failed), with where and why.
    pub fn record_input(
        &mut self,
        outcome: Outcome,
        path: Option<&str>,
        line: Option<u64>,
        record: Option<u64>,
        error: &str,
    ) {
        self.pending_items.push(Item {
            article_id: None,
            path: path.map(str::to_owned),
            line,
            record,
            outcome: outcome.as_str().to_owned(),
            error: Some(error.to_owned()),
        });
        self.counts.count(outcome);
    }

    /// Commits what was added and its catalogue rows, as one: the index commit
    /// is prepared, the rows written with its opstamp, then the commit made.
    ///
    /// # Errors
    /// Engine and catalogue errors. When either fails, nothing of the batch is
    /// recorded.
    pub fn commit(&mut self) -> Result<()> {
        failpoint::hit("commit.start");
        let items = std::mem::take(&mut self.pending_items);
        let tantivy_dir = self.index.path().join(crate::TANTIVY_DIR);
        let catalogue_path = self.catalogue.path().to_owned();
        if self.uncommitted > 0 {
            let prepared = self
                .writer
                .prepare_commit()
                .map_err(|e| IndexError::engine_write(&tantivy_dir, e))?;
            let opstamp = prepared.opstamp();
            failpoint::hit("commit.prepared");
            if let Err(err) = self.catalogue.record(self.run, &items, Some(opstamp)) {
                let _ = prepared.abort();
                return Err(IndexError::catalogue_write(&catalogue_path, err));
            }
            failpoint::hit("commit.catalogued");
            if let Err(err) = prepared.commit() {
                // Best effort: the next writer deletes these rows anyway.
                let committed = self.index.tantivy().load_metas().map(|m| m.opstamp);
                if let Ok(committed) = committed {
                    let _ = self.catalogue.reconcile(committed);
                }
                return Err(IndexError::engine_write(&tantivy_dir, err));
            }
            self.commits += 1;
            self.searcher = self.index.tantivy_searcher()?;
        } else {
            self.catalogue
                .record(self.run, &items, None)
                .map_err(|e| IndexError::catalogue_write(&catalogue_path, e))?;
        }
        failpoint::hit("commit.done");
        self.pending_ids.clear();
        self.pending_deleted.clear();
        self.uncommitted = 0;
        Ok(())
    }

    /// Commits, closes the run in the catalogue and waits for background merges.
    pub fn finish(mut self) -> Result<RunCounts> {
        self.commit()?;
        self.catalogue.finish_run(self.run, &self.counts)?;
        let counts = self.counts;
        let tantivy_dir = self.index.path().join(crate::TANTIVY_DIR);
        self.writer
            .wait_merging_threads()
            .map_err(|e| IndexError::engine_write(&tantivy_dir, e))?;
        Ok(counts)
    }

    /// What the run has done so far.
    pub fn counts(&self) -> &RunCounts {
        &self.counts
    }

    /// Commits made so far in this run.
    pub fn commits(&self) -> u64 {
        self.commits
    }

    /// The catalogue run number.
    pub fn run(&self) -> i64 {
        self.run
    }
}

/// The document of an article: its extractions as given, else as the index's
/// pipeline finds them, else (a pipeline with no extractor) its text alone.
fn document(index: &Index, article: &Article, extractions: Option<Extractions>) -> IndexDoc {
    let (fields, pipeline) = (index.fields(), index.pipeline());
    match extractions {
        Some(found) => fields.document_from_analysis(article, &pipeline.analyzer().analyze(article), Some(&found)),
        None if pipeline.extracts() => {
            let (analysis, found) = pipeline.run(article);
            fields.document_from_analysis(article, &analysis, Some(&found))
        }
        None => fields.document(article, pipeline.analyzer()),
    }
}

/// The catalogue row for an article.
///
/// The article's reading warnings (invalid bytes replaced, NULs dropped, a
/// date not understood) go in its `error` column.
fn item_for(article: &Article, id: &str, outcome: Outcome) -> Item {
    let mut item = Item::article(id, outcome);
    item.error = (!article.warnings.is_empty()).then(|| article.warnings.join("; "));
    item.path = Some(article.origin.path.clone()).filter(|p| !p.is_empty());
    item.line = article.origin.line;
    item.record = article.origin.record;
    item
}
