//! Readers for rasid: bytes in any encoding and form become [`rasid_core::Article`]s.
//!
//! ```
//! use rasid_ingest::{read_bytes, ReadOptions};
//!
//! let page = "بدء جولة محادثات سلام جديدة حول سوريا فى استانا\n\
//!             بدأت جولة محادثات سلام جديدة.\n\
//!             وقال متحدث باسم وزارة الخارجية.\n";
//! let windows_1256 = encoding_rs::WINDOWS_1256.encode(page).0;
//! let articles: Vec<_> = read_bytes("astana.txt", &windows_1256, &ReadOptions::default())
//!     .collect::<Result<_, _>>()
//!     .unwrap();
//! let article = &articles[0];
//! assert_eq!(article.title, "بدء جولة محادثات سلام جديدة حول سوريا فى استانا");
//! assert_eq!(article.body.lines().count(), 2);
//! assert_eq!(article.origin.encoding.as_deref(), Some("windows-1256"));
//! ```
//!
//! # Forms
//! - **text** ([`InputFormat::Text`]): headline line, an optional dateline line
//!   read by [`rasid_calendar::parse_dateline`], then the body. Line endings are
//!   normalised to `\n` (CRLF and lone CR), and the body is the rest of the text
//!   exactly, trimmed at both ends. A file of a single line is read as a body with
//!   no title, with a warning.
//! - **jsonl**: one object per line, fields named by [`FieldNames`], streamed.
//!   With the default names, a record without `body` may give its text as `text`
//!   or `content`. A file whose first character is `[` is read whole as a JSON
//!   array of such objects.
//! - **html**: one article page; title, date, source, URL and author from the
//!   markup, the main text with navigation, sharing, related-article and comment
//!   blocks left out.
//! - **rss**: RSS 0.9x/1.0/2.0, Atom and JSON Feed, one article per item.
//! - **trec**: `<DOC>` records (DOCNO, URL, SRC, CAT, TITLE, TIME, AUTHOR, TEXT).
//!
//! `auto` picks the form from the extension (after `.gz`/`.zst`), and from the
//! content when the extension says nothing; content that starts with `<DOC>` is
//! TREC whatever the extension. Compression is recognised by its magic number.
//!
//! # Encodings
//! UTF-8 with or without BOM, UTF-16LE/BE (with a BOM, or recognised without),
//! Windows-1256 and ISO-8859-6, and whatever else chardetng recognises. See the
//! detection order in [`ReadOptions::encoding`]. Invalid byte sequences become
//! U+FFFD and add one warning to the article naming the first one's byte offset
//! and the count.
//!
//! # Errors
//! Every error names the input and, where it applies, the line, byte offset or
//! record, and the reason ([`IngestError`]). Nothing in this crate panics on any
//! input; [`read_bytes`] is fuzzed.
#![deny(missing_docs)]

mod date;
mod decode;
mod error;
mod feed;
mod format;
mod html;
mod jsonl;
mod lines;
mod markup;
mod records;
mod source;
mod text;
mod trec;

use std::path::Path;

pub use decode::{encoding_by_name, COMMON_ENCODINGS};
pub use error::{Compression, ErrorKind, IngestError, Location};
pub use rasid_core::InputFormat;
pub use records::Records;
pub use source::expand;

/// The most characters of an article body that are kept: analysis takes a
/// few hundred bytes of memory per word, so a record at the 64 MiB input limit
/// could need tens of GB; a longer body is cut (at a white space near the
/// limit) with a warning. About 200 pages of text: no news article comes near.
pub const MAX_BODY_CHARS: usize = 500_000;

/// The most characters of a title that are kept (longer ones are cut with a warning).
pub const MAX_TITLE_CHARS: usize = 4_000;

/// How to read inputs. `Default` detects everything.
///
/// ```
/// use rasid_ingest::{InputFormat, ReadOptions};
///
/// let options = ReadOptions {
///     format: Some(InputFormat::Jsonl),
///     encoding: Some(encoding_rs::WINDOWS_1256),
///     ..ReadOptions::default()
/// };
/// assert_eq!(options.max_record_bytes, 64 * 1024 * 1024);
/// ```
#[derive(Clone, Debug)]
pub struct ReadOptions {
    /// The input form; `None` picks it by extension, then by content.
    pub format: Option<InputFormat>,
    /// The character encoding; `None` detects it: byte-order mark, then UTF-16
    /// without one, then UTF-8 when the bytes are valid UTF-8, then the charset
    /// the markup declares (HTML, XML), then Windows-1256 or ISO-8859-6 when
    /// either reads as Arabic, then chardetng. When given, it is used as is (a
    /// byte-order mark of that same encoding is skipped).
    pub encoding: Option<&'static encoding_rs::Encoding>,
    /// JSONL field names.
    pub fields: FieldNames,
    /// The most bytes one record may take: a whole file for text, HTML, feeds and
    /// TREC (after decompression), one line for JSONL. Larger inputs fail with
    /// [`ErrorKind::TooLarge`] without being read into memory.
    pub max_record_bytes: usize,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            format: None,
            encoding: None,
            fields: FieldNames::default(),
            max_record_bytes: 64 * 1024 * 1024,
        }
    }
}

/// The names of the JSONL (and JSON array) fields each article field is read from.
///
/// ```
/// use rasid_ingest::FieldNames;
///
/// let names = FieldNames { body: "content".into(), title: "headline".into(), ..FieldNames::default() };
/// assert_eq!(names.published, "published");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldNames {
    /// The input's own record id (kept as `external_id`). Default `id`.
    pub id: String,
    /// The headline. Default `title`.
    pub title: String,
    /// The publication time: ISO 8601, RFC 2822, an Arabic dateline, or Unix seconds. Default `published`.
    pub published: String,
    /// The article text (required). Default `body`.
    pub body: String,
    /// The outlet. Default `source`.
    pub source: String,
    /// The URL. Default `url`.
    pub url: String,
    /// The section. Default `category`.
    pub category: String,
    /// The byline. Default `author`.
    pub author: String,
}

impl Default for FieldNames {
    fn default() -> Self {
        FieldNames {
            id: "id".into(),
            title: "title".into(),
            published: "published".into(),
            body: "body".into(),
            source: "source".into(),
            url: "url".into(),
            category: "category".into(),
            author: "author".into(),
        }
    }
}

/// Reads one file (`-` for standard input). Nothing is opened until the
/// returned iterator is first advanced.
///
/// ```no_run
/// use rasid_ingest::{read_path, ReadOptions};
///
/// for record in read_path("news.jsonl.gz".as_ref(), &ReadOptions::default()) {
///     match record {
///         Ok(article) => println!("{}", article.title),
///         Err(err) if err.is_skip() => eprintln!("skipped: {err}"),
///         Err(err) => eprintln!("error: {err}"),
///     }
/// }
/// ```
pub fn read_path(path: &Path, options: &ReadOptions) -> Records {
    let name = path.display().to_string();
    let input = if path.as_os_str() == "-" {
        source::Input::Stdin
    } else {
        source::Input::Path(path.to_path_buf())
    };
    Records::new(input, name, options)
}

/// Reads an input held in memory (an HTTP upload, a fuzzing case); `name` is
/// used in errors and, with `format: None`, for its extension.
///
/// ```
/// use rasid_ingest::{read_bytes, ErrorKind, ReadOptions};
///
/// let mut records = read_bytes("upload.txt", b"", &ReadOptions::default());
/// let err = records.next().unwrap().unwrap_err();
/// assert!(matches!(err.kind, ErrorKind::Empty));
/// assert!(err.is_skip());
/// ```
pub fn read_bytes(name: &str, bytes: &[u8], options: &ReadOptions) -> Records {
    Records::new(source::Input::Bytes(bytes.to_vec()), name.to_owned(), options)
}
