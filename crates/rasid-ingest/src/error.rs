//! What can go wrong while reading, and where.

use std::fmt;
use std::io;

/// An input (file, line, record) that could not be read, or was left out on purpose.
///
/// It always names the input, says where in it the problem is when that is known,
/// and why. [`IngestError::is_skip`] tells inputs left out on purpose (empty,
/// binary, not a text format) from inputs that failed.
///
/// ```
/// use rasid_ingest::{ErrorKind, IngestError, Location};
///
/// let err = IngestError::new("news.jsonl", Some(Location::Line(12)), ErrorKind::MissingField("body".into()));
/// assert_eq!(err.to_string(), r#"news.jsonl:line 12: no "body" field"#);
/// assert!(!err.is_skip());
/// assert!(IngestError::new("x.bin", None, ErrorKind::Binary { offset: 3 }).is_skip());
/// ```
#[derive(Debug, thiserror::Error)]
#[error("{path}{}: {kind}", LocationSuffix(.location))]
pub struct IngestError {
    /// The input as given (`-` for standard input).
    pub path: String,
    /// Where in the input, when known.
    pub location: Option<Location>,
    /// What went wrong.
    pub kind: ErrorKind,
}

impl IngestError {
    /// An error about `path`.
    pub fn new(path: impl Into<String>, location: Option<Location>, kind: ErrorKind) -> Self {
        IngestError {
            path: path.into(),
            location,
            kind,
        }
    }

    /// True when the input was left out on purpose (an empty file, a binary file,
    /// a file that is not in a text format rasid reads) rather than failing.
    ///
    /// A command that walks a directory counts these as skipped, not failed.
    pub fn is_skip(&self) -> bool {
        matches!(
            self.kind,
            ErrorKind::Empty | ErrorKind::Binary { .. } | ErrorKind::Unsupported(_)
        )
    }
}

/// Where in an input a problem is.
///
/// ```
/// use rasid_ingest::Location;
/// assert_eq!(Location::Line(3).to_string(), "line 3");
/// assert_eq!(Location::Byte(4096).to_string(), "byte 4096");
/// assert_eq!(Location::Record(2).to_string(), "record 2");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Location {
    /// 1-based line (JSONL).
    Line(u64),
    /// 0-based byte offset into the (decompressed) input.
    Byte(u64),
    /// 1-based record in a multi-record input (feed items, TREC documents, JSON array elements).
    Record(u64),
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::Line(n) => write!(f, "line {n}"),
            Location::Byte(n) => write!(f, "byte {n}"),
            Location::Record(n) => write!(f, "record {n}"),
        }
    }
}

/// Formats `:line 12` after the path, or nothing.
struct LocationSuffix<'a>(&'a Option<Location>);

impl fmt::Display for LocationSuffix<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(location) => write!(f, ":{location}"),
            None => Ok(()),
        }
    }
}

/// A compression format read transparently.
///
/// ```
/// use rasid_ingest::Compression;
/// assert_eq!(Compression::Gzip.to_string(), "gzip");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Compression {
    /// gzip (`.gz`), including several members one after another.
    Gzip,
    /// Zstandard (`.zst`).
    Zstd,
}

impl fmt::Display for Compression {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Compression::Gzip => "gzip",
            Compression::Zstd => "zstd",
        })
    }
}

/// Why an input could not be read.
///
/// ```
/// use rasid_ingest::ErrorKind;
/// let kind = ErrorKind::BadJson { column: 7, message: "expected value".into() };
/// assert_eq!(kind.to_string(), "not valid JSON (column 7): expected value");
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The file could not be opened or read.
    #[error("{0}")]
    Io(io::Error),
    /// The input has no content (or only white space). Skipped.
    #[error("empty input")]
    Empty,
    /// The input is mostly not text (NUL and other control bytes, beyond a
    /// few stray NULs) and is not UTF-16. Skipped.
    #[error("binary data (mostly NUL and control bytes, the first NUL at offset {offset}), not text")]
    Binary {
        /// Offset of the first NUL byte.
        offset: u64,
    },
    /// A kind of file rasid does not read (a PDF, an image, an archive), by name or content. Skipped.
    #[error("not a text format rasid reads: {0}")]
    Unsupported(String),
    /// The input (whole-file formats) or one record (JSONL lines) is larger than
    /// [`ReadOptions::max_record_bytes`](crate::ReadOptions::max_record_bytes).
    #[error("too large: {}more than the limit of {limit} bytes", .size.map(|s| format!("{s} bytes, ")).unwrap_or_default())]
    TooLarge {
        /// The size, when known before reading.
        size: Option<u64>,
        /// The limit in force.
        limit: u64,
    },
    /// A compressed stream ends early. What was read before the end has been kept.
    #[error("truncated {compression} stream: it ends after {compressed_bytes} compressed bytes; records before this point were read")]
    Truncated {
        /// The compression format.
        compression: Compression,
        /// How many compressed bytes were read before the end.
        compressed_bytes: u64,
    },
    /// A compressed stream is corrupt (not merely cut short).
    #[error("corrupt {compression} stream after {compressed_bytes} compressed bytes: {message}")]
    Corrupt {
        /// The compression format.
        compression: Compression,
        /// How many compressed bytes were read before the error.
        compressed_bytes: u64,
        /// The decompressor's message.
        message: String,
    },
    /// A JSON line (or JSON document) that does not parse.
    #[error("not valid JSON (column {column}): {message}")]
    BadJson {
        /// 1-based column where the parser stopped.
        column: u64,
        /// The parser's message.
        message: String,
    },
    /// A record lacks a field it needs (JSONL `body`, TREC `TEXT`, a feed item's content).
    #[error("no {0:?} field")]
    MissingField(String),
    /// A text or HTML article in which no body text was found.
    #[error("no article text found")]
    NoText,
    /// The input is not in the form its format requires.
    #[error("malformed: {0}")]
    Malformed(String),
    /// An encoding label no encoding has (see [`crate::encoding_by_name`]).
    #[error("unknown encoding {0:?} (expected a WHATWG label such as {common})", common = crate::decode::COMMON_ENCODINGS.join(", "))]
    UnknownEncoding(String),
}
