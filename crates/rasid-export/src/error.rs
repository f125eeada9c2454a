//! The one error type of this crate.

use std::path::PathBuf;

/// What can go wrong while exporting.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ExportError {
    /// The index could not be read.
    #[error(transparent)]
    Index(#[from] rasid_search::IndexError),
    /// The stories store could not be read.
    #[error(transparent)]
    Stories(#[from] rasid_stories::StoriesError),
    /// A file or directory could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// A Parquet file could not be written.
    #[error("{path}: {source}")]
    Parquet {
        /// The file.
        path: PathBuf,
        /// What the Parquet writer said.
        source: parquet::errors::ParquetError,
    },
    /// Arrow refused a batch (a bug: the tables' columns and rows disagree).
    #[error("arrow: {0}")]
    Arrow(#[from] arrow_schema::ArrowError),
    /// A row does not fit its table (a bug in a row function).
    #[error("table {table}: {reason}")]
    Row {
        /// The table.
        table: &'static str,
        /// What is wrong.
        reason: String,
    },
    /// The export record in the output directory cannot be read.
    #[error("{path}: {reason}")]
    Manifest {
        /// The record file.
        path: PathBuf,
        /// What is wrong.
        reason: String,
    },
    /// A full export into a directory that already holds one.
    #[error("{0} already holds a rasid export: add what changed with `--since`, or export into a new directory")]
    AlreadyExported(PathBuf),
    /// An export into a directory that holds other files.
    #[error("{0} is not empty and holds no rasid export: export into a new or empty directory")]
    NotEmpty(PathBuf),
    /// `--since` with another format than the previous export's.
    #[error("{path} holds a {previous} export; add to it with `--format {previous}`, or export into a new directory")]
    FormatMismatch {
        /// The output directory.
        path: PathBuf,
        /// The previous export's format.
        previous: &'static str,
    },
    /// An unknown `--format`.
    #[error("unknown format {0:?}: parquet or jsonl")]
    UnknownFormat(String),
}

/// This crate's result type.
pub type Result<T, E = ExportError> = std::result::Result<T, E>;

/// Wraps I/O errors with a path.
pub(crate) trait IoContext<T> {
    /// Names the path in the error.
    fn at(self, path: &std::path::Path) -> Result<T>;
}

impl<T> IoContext<T> for std::io::Result<T> {
    fn at(self, path: &std::path::Path) -> Result<T> {
        self.map_err(|source| ExportError::Io {
            path: path.to_owned(),
            source,
        })
    }
}
