//! The [`Records`] iterator: opens an input when first asked, picks the encoding
//! and the reader, and hands out articles and errors in input order.

use std::io::Read;
use std::vec;

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE};
use rasid_core::{Article, ArticleBuilder, InputFormat, Origin};

use crate::decode::{self, Detected};
use crate::error::{ErrorKind, IngestError, Location};
use crate::format::{self, ByName};
use crate::jsonl::JsonlStream;
use crate::source::{self, Input, Whole};
use crate::{feed, html, jsonl, text, trec, FieldNames, ReadOptions};

/// How much of an input is read before choosing its encoding and format.
const PREFIX_BYTES: usize = 64 * 1024;

/// The articles of one input, in order, with an error in place of each record
/// that could not be read.
///
/// Nothing is read until the first call to `next`. A bad record never ends the
/// stream; an error that makes the rest of the input unreadable (a truncated
/// gzip stream, an I/O error) is the last item. JSON Lines are streamed one line
/// at a time; the other formats read the whole input (up to
/// [`ReadOptions::max_record_bytes`]) first.
///
/// ```
/// use rasid_ingest::{read_bytes, ReadOptions};
///
/// let jsonl = "{\"title\": \"عنوان\", \"body\": \"نص\"}\nnot json\n";
/// let results: Vec<_> = read_bytes("a.jsonl", jsonl.as_bytes(), &ReadOptions::default()).collect();
/// assert_eq!(results.len(), 2);
/// assert!(results[0].is_ok());
/// assert_eq!(results[1].as_ref().unwrap_err().to_string().split(':').nth(1), Some("line 2"));
/// ```
pub struct Records {
    state: State,
}

enum State {
    Pending(Box<Pending>),
    Batch(vec::IntoIter<Result<Article, IngestError>>),
    Stream(Box<JsonlStream>),
    Done,
}

struct Pending {
    input: Input,
    name: String,
    options: ReadOptions,
}

impl Records {
    pub(crate) fn new(input: Input, name: String, options: &ReadOptions) -> Self {
        Records {
            state: State::Pending(Box::new(Pending {
                input,
                name,
                options: options.clone(),
            })),
        }
    }
}

impl std::fmt::Debug for Records {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let state = match &self.state {
            State::Pending(p) => format!("pending {:?}", p.name),
            State::Batch(rest) => format!("{} left", rest.len()),
            State::Stream(_) => "streaming".to_owned(),
            State::Done => "done".to_owned(),
        };
        f.debug_struct("Records").field("state", &state).finish()
    }
}

impl std::iter::FusedIterator for Records {}

impl Iterator for Records {
    type Item = Result<Article, IngestError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            match &mut self.state {
                State::Pending(_) => {
                    if let State::Pending(pending) = std::mem::replace(&mut self.state, State::Done) {
                        self.state = start(*pending);
                    }
                }
                State::Batch(items) => return items.next(),
                State::Stream(stream) => {
                    let item = stream.next();
                    if item.is_none() {
                        self.state = State::Done;
                    }
                    return item;
                }
                State::Done => return None,
            }
        }
    }
}

/// What every reader needs to know about its input.
#[derive(Clone, Debug)]
pub(crate) struct Ctx {
    /// The input as given.
    pub path: String,
    /// The reader in use.
    pub format: InputFormat,
    /// The encoding the text was decoded from.
    pub encoding: &'static Encoding,
    /// The warning about replaced invalid bytes in the whole input, if any.
    pub decode_warning: Option<String>,
    /// JSONL field names.
    pub fields: FieldNames,
}

impl Ctx {
    /// An error at `location` in this input.
    pub fn error(&self, location: Option<Location>, kind: ErrorKind) -> IngestError {
        IngestError::new(self.path.clone(), location, kind)
    }

    /// Finishes an article: origin, the input's decoding warning, then the reader's warnings.
    pub fn finish(&self, builder: ArticleBuilder, line: Option<u64>, record: Option<u64>) -> Article {
        let origin = Origin {
            path: self.path.clone(),
            line,
            record,
            format: Some(self.format),
            encoding: Some(self.encoding.name().to_owned()),
        };
        let mut article = builder.origin(origin).build();
        if let Some(warning) = &self.decode_warning {
            article.warnings.insert(0, warning.clone());
        }
        // The id stays the one of the whole text: the same input, read again, is the same article.
        if let Some(warning) = cap(&mut article.title, crate::MAX_TITLE_CHARS, "title") {
            article.warnings.push(warning);
        }
        if let Some(warning) = cap(&mut article.body, crate::MAX_BODY_CHARS, "body") {
            article.warnings.push(warning);
        }
        article
    }
}

/// Cuts `text` to at most `max` characters, at the last white space before
/// the limit when there is one near it; returns the warning that says so.
pub(crate) fn cap(text: &mut String, max: usize, what: &str) -> Option<String> {
    if text.len() <= max {
        return None;
    }
    let (limit, _) = text.char_indices().nth(max)?;
    let total = text.chars().count();
    let head = text.get(..limit).unwrap_or_default();
    let window = head.len().saturating_sub(4 * 1024);
    let cut = head
        .rfind(char::is_whitespace)
        .filter(|&at| at >= window && at > 0)
        .unwrap_or(limit);
    text.truncate(cut);
    let kept = text.chars().count();
    Some(format!(
        "{what} cut to its first {kept} of {total} characters (at most {max} are analysed, which bounds the memory one article takes)"
    ))
}

fn start(pending: Pending) -> State {
    let path = pending.name.clone();
    match prepare(pending) {
        Ok(state) => state,
        Err(kind) => State::Batch(vec![Err(IngestError::new(path, None, kind))].into_iter()),
    }
}

/// Opens the input, reads its first bytes, and decides encoding and format.
fn prepare(pending: Pending) -> Result<State, ErrorKind> {
    let Pending { input, name, options } = pending;
    if options.format.is_none() {
        if let ByName::Unsupported(what) = format::by_name(&name) {
            return Err(ErrorKind::Unsupported(what.to_owned()));
        }
    }
    let mut opened = source::open(input).map_err(ErrorKind::Io)?;
    let (prefix, failed) = source::read_prefix_partial(&mut opened.reader, PREFIX_BYTES);
    let failed_early = failed.is_some();
    if let Some(err) = failed {
        if prefix.is_empty() {
            return Ok(State::Batch(vec![Err(source::read_error(&name, 0, err))].into_iter()));
        }
        // Read what came before the failure; the error follows it, at its offset.
        opened.reader = Box::new(source::Failing(Some(err)));
    } else if prefix.is_empty() {
        return Err(ErrorKind::Empty);
    }
    if let Some(what) = format::unsupported_magic(&prefix) {
        return Err(ErrorKind::Unsupported(what.to_owned()));
    }
    let complete = prefix.len() < PREFIX_BYTES && !failed_early;
    // The markup's declared charset is weighed once the format is known (whole-file readers).
    let detected = decode::detect(&prefix, complete, options.encoding, None);
    let utf16 = detected.encoding == UTF_16LE || detected.encoding == UTF_16BE;
    if let Some(offset) = decode::binary_offset(&prefix).filter(|_| !utf16) {
        return Err(ErrorKind::Binary { offset: offset as u64 });
    }
    let head = decode::decode(prefix.get(..4096.min(prefix.len())).unwrap_or_default(), detected).text;
    let format = options.format.unwrap_or_else(|| format::choose(&name, &head));
    let one_document = format == InputFormat::Jsonl
        && (head.trim_start().starts_with('[')
            || complete && jsonl::is_one_document(&decode::decode(&prefix, detected).text));
    if format == InputFormat::Jsonl && !one_document {
        let reader: Box<dyn Read + Send> = Box::new(std::io::Cursor::new(prefix).chain(opened.reader));
        let stream = JsonlStream::new(reader, name, detected, options.fields, options.max_record_bytes);
        return Ok(State::Stream(Box::new(stream)));
    }
    let limit = options.max_record_bytes;
    if let Some(size) = opened.plain_size.filter(|&size| size > limit as u64) {
        return Err(ErrorKind::TooLarge {
            size: Some(size),
            limit: limit as u64,
        });
    }
    let (bytes, failure) = match source::read_whole(prefix, &mut opened.reader, limit) {
        Whole::Complete(bytes) => (bytes, None),
        Whole::TooLarge => {
            return Err(ErrorKind::TooLarge {
                size: None,
                limit: limit as u64,
            })
        }
        Whole::Failed(bytes, err) => {
            let offset = bytes.len() as u64;
            (bytes, Some(source::read_error(&name, offset, err)))
        }
    };
    let mut items = match failure {
        // A cut-off page or feed is not worth guessing at; TREC keeps its whole documents.
        Some(_) if format != InputFormat::Trec => Vec::new(),
        _ => read_whole_input(&bytes, name, format, &options, failure.is_some())?,
    };
    items.extend(failure.map(Err));
    Ok(State::Batch(items.into_iter()))
}

/// Decodes a whole input and hands it to its reader.
fn read_whole_input(
    bytes: &[u8],
    path: String,
    format: InputFormat,
    options: &ReadOptions,
    cut_short: bool,
) -> Result<Vec<Result<Article, IngestError>>, ErrorKind> {
    let declared = match format {
        InputFormat::Html | InputFormat::Rss => decode::declared_charset(bytes),
        _ => None,
    };
    let detected: Detected = decode::detect(bytes, !cut_short, options.encoding, declared);
    let decoded = decode::decode(bytes, detected);
    if decoded.text.trim().is_empty() {
        return Err(ErrorKind::Empty);
    }
    let ctx = Ctx {
        path,
        format,
        encoding: decoded.encoding,
        decode_warning: decoded.warning,
        fields: options.fields.clone(),
    };
    let text = decoded.text;
    Ok(match format {
        InputFormat::Text => vec![text::read(&ctx, &text)],
        InputFormat::Jsonl => jsonl::read_document(&ctx, &text),
        InputFormat::Html => vec![html::read(&ctx, &text)],
        InputFormat::Rss => feed::read(&ctx, &text),
        InputFormat::Trec => trec::read(&ctx, &text, cut_short),
    })
}
