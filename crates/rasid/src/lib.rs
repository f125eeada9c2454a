//! rasid (راصد), an Arabic news intelligence engine: the library users link.
//!
//! The crates below it each own one concern, in pipeline order:
//! [`core`] (the shared types), [`ingest`] (bytes in any encoding and form to
//! articles), [`text`] (the Arabic analyzer), [`calendar`] (datelines, month
//! names, Hijri dates), [`times`] (time expressions and numbers),
//! [`entities`] (people, places, organisations), [`events`] (CAMEO/PLOVER
//! events and quotes), [`pipeline`] (all of them
//! assembled once), [`search`] (the tantivy index and its SQLite catalogue)
//! [`stories`] (copies, stories, timelines, summaries) and [`export`]
//! (Parquet and JSON Lines tables). This crate
//! re-exports what users touch and adds an [`Engine`]: a pipeline, an index
//! and its stories store, opened together. The `rasid` command and the HTTP
//! server are built on it.
//!
//! ```
//! use rasid::{Article, Engine, SearchRequest};
//!
//! let dir = tempfile::tempdir().unwrap();
//! let engine = Engine::create_or_open(dir.path(), rasid::Pipeline::default()).unwrap();
//! let article = Article::builder(
//!     "بدء جولة محادثات سلام جديدة حول سوريا فى آستانا",
//!     "بدأت فى استانا الخميس جولة جديدة من محادثات السلام بمشاركة روسيا وتركيا وإيران.",
//! )
//! .source("youm7")
//! .build();
//! let counts = engine.add(vec![article.clone()], "doc test").unwrap();
//! assert_eq!(counts.indexed, 1);
//!
//! // Any spelling of the name finds it; the extraction came from the pipeline.
//! let results = engine.search(&SearchRequest::new("أستانا")).unwrap();
//! assert_eq!(results.hits[0].id, article.id.as_str());
//! let stored = engine.article(&article.id).unwrap().unwrap();
//! assert!(stored.extractions.entities.entities.iter().any(|e| e.canonical == "روسيا"));
//!
//! // Stories are built on what the index holds.
//! assert_eq!(engine.update_stories(&mut |_, _| {}).unwrap().added, 1);
//! ```
#![deny(missing_docs)]

use std::path::{Path, PathBuf};

pub use rasid_calendar as calendar;
pub use rasid_core as core;
pub use rasid_entities as entities;
pub use rasid_events as events;
pub use rasid_export as export;
pub use rasid_ingest as ingest;
pub use rasid_pipeline as pipeline;
pub use rasid_search as search;
pub use rasid_stories as stories;
pub use rasid_text as text;
pub use rasid_times as times;

pub use rasid_core::{
    Analysis, AnalyzedArticle, Article, ArticleBuilder, ArticleEntities, ArticleId, Entity, EntityKind, Extractions,
    InputFormat, Mention, NumberExpr, Span, SummarySentence, TextPart, TimeExpr, Timestamp,
};
pub use rasid_ingest::{IngestError, ReadOptions};
pub use rasid_pipeline::{Extractor, Pipeline, PipelineBuilder, PipelineError, Resources};
pub use rasid_search::{
    Filters, Hit, Index, IndexError, RunCounts, SearchRequest, SearchResults, Sort, StoredArticle, WriterOptions,
};
pub use rasid_stories::{
    ArticleRelations, BuildReport, Linked, ListQuery, Store, StoriesError, StoryDetail, StoryInfo,
};

/// What can go wrong in the [`Engine`].
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The index could not be opened, read or written.
    #[error(transparent)]
    Index(#[from] IndexError),
    /// The stories store could not be opened, read or written.
    #[error(transparent)]
    Stories(#[from] StoriesError),
}

/// A `Result` with this crate's [`Error`].
pub type Result<T> = std::result::Result<T, Error>;

/// A pipeline, a search index and its stories store, opened together: what
/// the `rasid` command and the server work with.
#[derive(Clone, Debug)]
pub struct Engine {
    index: Index,
}

impl Engine {
    /// Opens the index in `dir` (created when missing) with `pipeline`, which
    /// analyses queries and runs on every article added.
    ///
    /// # Errors
    /// [`Error::Index`] when `dir` holds something else, an index of another
    /// schema or built with other analyzer settings, or cannot be read.
    pub fn create_or_open(dir: &Path, pipeline: Pipeline) -> Result<Engine> {
        Ok(Engine {
            index: Index::create_or_open_with(dir, pipeline)?,
        })
    }

    /// Opens an existing index (see [`Engine::create_or_open`]).
    ///
    /// # Errors
    /// As [`Engine::create_or_open`], and when there is no index in `dir`.
    pub fn open(dir: &Path, pipeline: Pipeline) -> Result<Engine> {
        Ok(Engine {
            index: Index::open_with(dir, pipeline)?,
        })
    }

    /// Opens an existing index for reading only: nothing in `dir` is created,
    /// changed or locked, so an index on read-only storage can be searched
    /// (see [`Index::open_read_only_with`]).
    ///
    /// # Errors
    /// As [`Engine::open`].
    pub fn open_read_only(dir: &Path, pipeline: Pipeline) -> Result<Engine> {
        Ok(Engine {
            index: Index::open_read_only_with(dir, pipeline)?,
        })
    }

    /// The pipeline.
    pub fn pipeline(&self) -> &Pipeline {
        self.index.pipeline()
    }

    /// The search index.
    pub fn index(&self) -> &Index {
        &self.index
    }

    /// The index directory.
    pub fn path(&self) -> &Path {
        self.index.path()
    }

    /// Everything the pipeline finds in an article (nothing is stored).
    pub fn analyze(&self, article: &Article) -> AnalyzedArticle {
        self.pipeline().analyze(article)
    }

    /// Adds articles to the index in one writer run described by `run` (what
    /// the catalogue records, e.g. the command line) and commits them.
    ///
    /// # Errors
    /// [`Error::Index`] when the index is locked by another writer or cannot be written.
    pub fn add(&self, articles: Vec<Article>, run: &str) -> Result<RunCounts> {
        let mut writer = self.index.writer(WriterOptions::default(), run)?;
        writer.add_batch(articles)?;
        Ok(writer.finish()?)
    }

    /// Searches the index.
    ///
    /// # Errors
    /// [`Error::Index`] for a malformed query or an unreadable index.
    pub fn search(&self, request: &SearchRequest) -> Result<SearchResults> {
        Ok(self.index.search(request)?)
    }

    /// An article as the index holds it, with its stored extractions (found
    /// again by the pipeline when it was indexed without them).
    ///
    /// # Errors
    /// [`Error::Index`] when the index cannot be read.
    pub fn article(&self, id: &ArticleId) -> Result<Option<AnalyzedArticle>> {
        let Some(stored) = self.index.get(id)? else {
            return Ok(None);
        };
        let (article, found) = stored.into_parts();
        Ok(Some(match found {
            Some(found) => self.pipeline().with_extractions(article, found),
            None => self.pipeline().analyze_owned(article),
        }))
    }

    /// What an article is linked to: its story, its copies, and at most
    /// `most` rewrites and related articles. `None` when the stories have not
    /// been built, or were built before the article was indexed.
    ///
    /// # Errors
    /// [`Error::Stories`] when the store cannot be read.
    pub fn relations(&self, id: &ArticleId, most: usize) -> Result<Option<ArticleRelations>> {
        let Some(store) = Store::open_existing(self.index.path())? else {
            return Ok(None);
        };
        Ok(store.relations(id.as_str(), most)?)
    }

    /// The stories store's file beside the index.
    pub fn stories_path(&self) -> PathBuf {
        rasid_stories::store_path(self.index.path())
    }

    /// Opens the stories store (created when missing).
    ///
    /// # Errors
    /// [`Error::Stories`] when it cannot be opened.
    pub fn stories(&self) -> Result<Store> {
        Ok(Store::open(&self.stories_path())?)
    }

    /// Brings the stories up to date with the index; `progress(done, total)`
    /// is called after each batch.
    ///
    /// # Errors
    /// [`Error::Stories`] when the index or the store cannot be read or written.
    pub fn update_stories(&self, progress: &mut dyn FnMut(usize, usize)) -> Result<BuildReport> {
        let mut store = self.stories()?;
        Ok(rasid_stories::update(&self.index, &mut store, progress)?)
    }

    /// A story's timeline, summary (`sentences` long) and reports.
    ///
    /// # Errors
    /// [`Error::Stories`] for an unknown story or an unreadable store.
    pub fn story(&self, id: i64, sentences: usize) -> Result<StoryDetail> {
        let store = self.stories()?;
        Ok(rasid_stories::story_detail(&self.index, &store, id, sentences)?)
    }
}
