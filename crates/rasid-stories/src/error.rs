//! The one error type of this crate.

use std::path::PathBuf;

/// What can go wrong while building, reading or evaluating stories.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoriesError {
    /// The stories store could not be read or written.
    #[error("stories store {path}: {source}")]
    Store {
        /// The SQLite file.
        path: PathBuf,
        /// What SQLite said.
        source: rusqlite::Error,
    },
    /// The store holds something this build cannot read.
    #[error("stories store {path}: {reason}")]
    BadStore {
        /// The SQLite file.
        path: PathBuf,
        /// What is wrong.
        reason: String,
    },
    /// The search index could not be read.
    #[error(transparent)]
    Index(#[from] rasid_search::IndexError),
    /// No story has this id.
    #[error("no story with id {0}")]
    UnknownStory(i64),
    /// No stories have been built for this index yet.
    #[error("no stories for the index in {0}: run `rasid stories build --index {0}` first")]
    NoStore(PathBuf),
    /// A corpus given to an evaluation gave nothing to evaluate.
    #[error("{path}: {reason}")]
    Corpus {
        /// The corpus file.
        path: PathBuf,
        /// What is wrong.
        reason: String,
    },
}

/// This crate's result type.
pub type Result<T, E = StoriesError> = std::result::Result<T, E>;

/// Wraps SQLite errors with the store's path.
pub(crate) trait StoreContext<T> {
    /// Names the store in the error.
    fn at(self, path: &std::path::Path) -> Result<T>;
}

impl<T> StoreContext<T> for rusqlite::Result<T> {
    fn at(self, path: &std::path::Path) -> Result<T> {
        self.map_err(|source| StoriesError::Store {
            path: path.to_owned(),
            source,
        })
    }
}
