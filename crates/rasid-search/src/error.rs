//! The errors of the index: opening, writing, searching, and parsing queries.

use std::path::PathBuf;

/// What can go wrong with an index directory, a write or a search.
///
/// Query syntax problems are a [`QueryError`], wrapped in [`IndexError::Query`]
/// when they come out of a search; the CLI maps them to exit code 2.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum IndexError {
    /// The index directory does not exist.
    #[error("no index at {path}: the directory does not exist (create one with `rasid index FILE... --index DIR`)")]
    Missing {
        /// The directory asked for.
        path: PathBuf,
    },
    /// The directory exists but holds no rasid index.
    #[error("{path} is not a rasid index (no {marker} in it)")]
    NotAnIndex {
        /// The directory asked for.
        path: PathBuf,
        /// The marker file that is missing.
        marker: &'static str,
    },
    /// The index was written by a newer rasid.
    #[error(
        "the index at {path} has schema version {found}, newer than this rasid supports ({supported}); \
         upgrade rasid or re-index into a new directory"
    )]
    FutureVersion {
        /// The directory.
        path: PathBuf,
        /// The version found on disk.
        found: u32,
        /// The newest version this build reads.
        supported: u32,
    },
    /// The index was written by an older rasid whose schema this one cannot read.
    #[error(
        "the index at {path} has schema version {found}, which this rasid no longer reads ({supported}); re-index it: `rasid index SOURCES... --index NEW_DIR`"
    )]
    OldVersion {
        /// The directory.
        path: PathBuf,
        /// The version found on disk.
        found: u32,
        /// The version this build writes.
        supported: u32,
    },
    /// The index was built with other analyzer settings (configuration or
    /// lexicon) than the pipeline it is opened with: its terms would not match
    /// the queries'.
    #[error(
        "the index at {path} was built with other analyzer settings ({}); open it with the resources it was built with, or re-index: `rasid index SOURCES... --index NEW_DIR`",
        differences.join("; ")
    )]
    AnalyzerMismatch {
        /// The directory.
        path: PathBuf,
        /// What differs, in words (`stemming: index true, now false`).
        differences: Vec<String>,
    },
    /// Another process holds the index's writer lock.
    #[error(
        "the index at {path} is locked by another writer ({}); wait for it to finish, or search it meanwhile",
        holder.as_deref().unwrap_or("a process that did not say which command it runs")
    )]
    Locked {
        /// The directory.
        path: PathBuf,
        /// Who holds it, as its holder recorded (`` `rasid serve …`, process 812, since … ``).
        holder: Option<String>,
    },
    /// Writing the index or its catalogue failed: a full disk, an I/O error,
    /// storage that became read-only.
    #[error("writing the index at {path} failed: {reason}")]
    WriteFailed {
        /// The file or directory being written.
        path: PathBuf,
        /// What happened, in words, with the free space left when it may matter.
        reason: String,
    },
    /// The index was opened for reading only (`rasid stats`, `search`,
    /// `export`, `serve --read-only`) and something tried to write to it.
    #[error("the index at {path} is open for reading only")]
    ReadOnly {
        /// The directory.
        path: PathBuf,
    },
    /// A file in the index directory could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// The operating system's reason.
        #[source]
        source: std::io::Error,
    },
    /// The index metadata file is not what rasid writes.
    #[error("{path}: unreadable index metadata: {reason}")]
    BadMeta {
        /// The metadata file.
        path: PathBuf,
        /// What is wrong with it.
        reason: String,
    },
    /// The search engine failed.
    #[error("search engine: {0}")]
    Engine(#[from] tantivy::TantivyError),
    /// The SQLite catalogue failed.
    #[error("catalogue: {0}")]
    Catalogue(#[from] rusqlite::Error),
    /// The query is malformed.
    #[error(transparent)]
    Query(#[from] QueryError),
    /// No article has this id.
    #[error("no article with id {0} in the index")]
    UnknownId(String),
}

impl IndexError {
    /// True when the error is the user's to fix in what they typed (a malformed
    /// query, an unknown id), as opposed to a problem with the index or the disk.
    pub fn is_usage(&self) -> bool {
        matches!(self, IndexError::Query(_) | IndexError::UnknownId(_))
    }

    /// True when reading or writing storage failed (I/O, a full disk, the
    /// engine's or the catalogue's files, a lock held by another writer), as
    /// opposed to a request that cannot be met as asked.
    pub fn is_storage(&self) -> bool {
        matches!(
            self,
            IndexError::Io { .. }
                | IndexError::WriteFailed { .. }
                | IndexError::Engine(_)
                | IndexError::Catalogue(_)
                | IndexError::Locked { .. }
                | IndexError::ReadOnly { .. }
                | IndexError::BadMeta { .. }
        )
    }

    /// A failed write to `path` (the tantivy folder, the catalogue), told in
    /// words: a full disk says so, with the space left; an indexing thread
    /// that stopped (tantivy's `An index writer was killed`) says what usually
    /// stops one.
    pub(crate) fn write_failed(path: &std::path::Path, cause: &dyn std::fmt::Display, full: bool) -> IndexError {
        let free = fs4::available_space(path.parent().unwrap_or(path)).ok();
        let free_text = free.map(|bytes| format!("{:.1} MB free on its disk", bytes as f64 / 1e6));
        let cause = one_line(&cause.to_string());
        let reason = if full || free.is_some_and(|bytes| bytes < LOW_SPACE_BYTES) {
            format!(
                "no space left on the device ({}): {cause}",
                free_text.unwrap_or_else(|| "free space unknown".into())
            )
        } else {
            match free_text {
                Some(free) => format!("{cause} ({free})"),
                None => cause,
            }
        };
        IndexError::WriteFailed {
            path: path.to_owned(),
            reason,
        }
    }

    /// [`IndexError::write_failed`] for an engine error.
    pub(crate) fn engine_write(path: &std::path::Path, err: tantivy::TantivyError) -> IndexError {
        let full = match &err {
            tantivy::TantivyError::IoError(io) => is_disk_full(io),
            _ => false,
        };
        match err {
            tantivy::TantivyError::ErrorInThread(_) => IndexError::write_failed(
                path,
                &"an indexing thread stopped, as one does when the disk is full or a write fails",
                false,
            ),
            tantivy::TantivyError::IoError(io) => IndexError::write_failed(path, &io, full),
            other => IndexError::write_failed(path, &other, full),
        }
    }

    /// [`IndexError::write_failed`] for a catalogue error.
    pub(crate) fn catalogue_write(path: &std::path::Path, err: IndexError) -> IndexError {
        match err {
            IndexError::Catalogue(sqlite) => {
                let full = sqlite.sqlite_error_code() == Some(rusqlite::ErrorCode::DiskFull);
                IndexError::write_failed(path, &sqlite, full)
            }
            other => other,
        }
    }
}

/// Below this much free space, a failed write is put down to a full disk.
const LOW_SPACE_BYTES: u64 = 16 * 1024 * 1024;

/// True for "no space left on device" (ENOSPC) and "quota exceeded".
fn is_disk_full(err: &std::io::Error) -> bool {
    err.kind() == std::io::ErrorKind::StorageFull
        || err.kind() == std::io::ErrorKind::QuotaExceeded
        || err.raw_os_error() == Some(28)
}

/// A message as one line of at most 200 characters.
fn one_line(text: &str) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match flat.char_indices().nth(200) {
        Some((cut, _)) => format!("{}…", flat.get(..cut).unwrap_or_default()),
        None => flat,
    }
}

/// The index's result type.
pub type Result<T, E = IndexError> = std::result::Result<T, E>;

/// Why a query string cannot be searched.
///
/// Positions are 0-based character offsets into the query as typed.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum QueryError {
    /// Nothing to search for: the query is empty, or only stopwords and punctuation.
    #[error("the query has nothing to search for (it is empty, or only stopwords and punctuation)")]
    Empty,
    /// The query is longer than the limit.
    #[error("the query is {length} characters long; the limit is {max}")]
    TooLong {
        /// Its length in characters.
        length: usize,
        /// The limit.
        max: usize,
    },
    /// The query has more clauses than the limit.
    #[error("the query has more than {max} terms")]
    TooManyClauses {
        /// The limit.
        max: usize,
    },
    /// Brackets are nested deeper than the limit.
    #[error("brackets nested more than {max} deep")]
    TooDeep {
        /// The limit.
        max: usize,
    },
    /// A `"` is never closed.
    #[error("unclosed quote at character {at}: add the closing \"")]
    UnclosedQuote {
        /// Where the quote opens.
        at: usize,
    },
    /// A `(` is never closed.
    #[error("unclosed bracket at character {at}: add the closing )")]
    UnclosedParen {
        /// Where the bracket opens.
        at: usize,
    },
    /// A `)` closes nothing.
    #[error("unexpected ) at character {at}: nothing to close")]
    UnexpectedParen {
        /// Where it is.
        at: usize,
    },
    /// An operator lacks something to apply to (`AND` at the end, `-` alone).
    #[error("{operator} at character {at} needs something to search for after it")]
    MissingOperand {
        /// The operator.
        operator: String,
        /// Where it is.
        at: usize,
    },
    /// `field:` names a field the index does not have.
    #[error("unknown field {field:?} at character {at} (known: {known})")]
    UnknownField {
        /// The name typed.
        field: String,
        /// Where it is.
        at: usize,
        /// The fields that can be searched, comma-separated.
        known: String,
    },
    /// `field:` with nothing after it.
    #[error("{field}: at character {at} has no value")]
    MissingValue {
        /// The field.
        field: String,
        /// Where it is.
        at: usize,
    },
    /// A date that cannot be read.
    #[error("bad date {text:?} at character {at}: use YYYY, YYYY-MM or YYYY-MM-DD, ranges as FROM..TO")]
    BadDate {
        /// The text typed.
        text: String,
        /// Where it is.
        at: usize,
    },
    /// A range whose start is after its end.
    #[error("empty date range {text:?} at character {at}: the start is after the end")]
    EmptyRange {
        /// The text typed.
        text: String,
        /// Where it is.
        at: usize,
    },
    /// A search filter (an entity, a place, a mentioned period) that cannot be used.
    #[error("{filter} filter {value:?}: {reason}")]
    BadFilter {
        /// The filter: `source`, `category`, `entity`, `person`, `org`, `place` or `mentions`.
        filter: String,
        /// The value given.
        value: String,
        /// What is wrong with it.
        reason: String,
    },
    /// A range (`..`) on a field that has no order.
    #[error("field {field} at character {at} does not take a range")]
    RangeNotSupported {
        /// The field.
        field: String,
        /// Where it is.
        at: usize,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 19, item 4: a full disk gave tantivy's "An index writer was
    /// killed" with no path and no word of disk space.
    #[test]
    fn regression_disk_full_names_no_path() {
        let dir = tempfile::tempdir().unwrap();
        let tantivy_dir = dir.path().join("tantivy");
        let killed = tantivy::TantivyError::ErrorInThread("An index writer was killed.".into());
        let message = IndexError::engine_write(&tantivy_dir, killed).to_string();
        assert!(message.starts_with(&format!("writing the index at {} failed: ", tantivy_dir.display())));
        assert!(message.contains("indexing thread stopped"), "{message}");
        assert!(message.contains("MB free on its disk"), "{message}");
        let full = std::io::Error::from_raw_os_error(28);
        let err = IndexError::engine_write(&tantivy_dir, tantivy::TantivyError::from(full));
        let message = err.to_string();
        assert!(message.contains("no space left on the device ("), "{message}");
        assert!(err.is_storage() && !err.is_usage());
        assert!(!message.contains('\n'));
    }
}
