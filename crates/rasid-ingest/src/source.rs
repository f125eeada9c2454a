//! Where bytes come from: paths, directories, standard input, memory; gzip and
//! zstd decompression; size limits.

use std::fmt;
use std::fs::File;
use std::io::{self, Cursor, Read};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use crate::error::{Compression, ErrorKind, IngestError, Location};

/// Lists the files to read: files as given, directories walked recursively in
/// name order (hidden entries, whose names start with `.`, are skipped), `-` as
/// standard input.
pub fn expand(paths: &[PathBuf]) -> Vec<Result<PathBuf, IngestError>> {
    let mut out = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            out.push(Ok(path.clone()));
            continue;
        }
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => walk(path, &mut out),
            Ok(_) => out.push(Ok(path.clone())),
            Err(err) => out.push(Err(IngestError::new(
                path.display().to_string(),
                None,
                ErrorKind::Io(err),
            ))),
        }
    }
    out
}

fn walk(root: &Path, out: &mut Vec<Result<PathBuf, IngestError>>) {
    let walker = walkdir::WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| entry.depth() == 0 || !entry.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        match entry {
            Ok(entry) if entry.file_type().is_file() => out.push(Ok(entry.into_path())),
            Ok(_) => {}
            Err(err) => {
                let path = err.path().unwrap_or(root).display().to_string();
                let io = err
                    .into_io_error()
                    .unwrap_or_else(|| io::Error::other("file system loop"));
                out.push(Err(IngestError::new(path, None, ErrorKind::Io(io))));
            }
        }
    }
}

/// The bytes of one input, before decompression.
#[derive(Debug)]
pub(crate) enum Input {
    /// A file on disk.
    Path(PathBuf),
    /// Standard input (`-`).
    Stdin,
    /// Bytes in memory.
    Bytes(Vec<u8>),
}

/// A byte stream ready to read: decompressed when it was compressed.
pub(crate) struct Opened {
    /// The (decompressed) bytes.
    pub reader: Box<dyn Read + Send>,
    /// The size on disk or in memory, when the input is not compressed and that is known.
    pub plain_size: Option<u64>,
}

/// Opens an input and puts a decompressor in front of it when its first bytes
/// are a gzip or zstd magic number (the extension is not needed).
pub(crate) fn open(input: Input) -> io::Result<Opened> {
    let (raw, size): (Box<dyn Read + Send>, Option<u64>) = match input {
        Input::Path(path) => {
            let file = File::open(&path)?;
            let meta = file.metadata()?;
            if meta.is_dir() {
                return Err(io::Error::other("is a directory"));
            }
            (Box::new(file), Some(meta.len()))
        }
        Input::Stdin => (Box::new(io::stdin()), None),
        Input::Bytes(bytes) => {
            let len = bytes.len() as u64;
            (Box::new(Cursor::new(bytes)), Some(len))
        }
    };
    let counter = Arc::new(AtomicU64::new(0));
    let mut counted = Counting {
        inner: raw,
        count: Arc::clone(&counter),
    };
    let magic = read_prefix(&mut counted, 4)?;
    let compression = if magic.starts_with(&[0x1F, 0x8B]) {
        Some(Compression::Gzip)
    } else if magic.starts_with(&[0x28, 0xB5, 0x2F, 0xFD]) {
        Some(Compression::Zstd)
    } else {
        None
    };
    let rejoined = Cursor::new(magic).chain(counted);
    let reader: Box<dyn Read + Send> = match compression {
        None => {
            return Ok(Opened {
                reader: Box::new(rejoined),
                plain_size: size,
            })
        }
        Some(Compression::Gzip) => Box::new(flate2::read::MultiGzDecoder::new(rejoined)),
        Some(Compression::Zstd) => Box::new(zstd::stream::read::Decoder::new(rejoined)?),
    };
    let reader = Decompressed {
        inner: reader,
        compression: compression.unwrap_or(Compression::Gzip),
        counter,
    };
    Ok(Opened {
        reader: Box::new(reader),
        plain_size: None,
    })
}

/// Reads up to `n` bytes (fewer only at the end of the stream).
pub(crate) fn read_prefix(reader: &mut impl Read, n: usize) -> io::Result<Vec<u8>> {
    let mut buf = Vec::with_capacity(n.min(1 << 20));
    reader.by_ref().take(n as u64).read_to_end(&mut buf)?;
    Ok(buf)
}

/// Reads up to `n` bytes, keeping what came before a read error along with the error.
pub(crate) fn read_prefix_partial(reader: &mut impl Read, n: usize) -> (Vec<u8>, Option<io::Error>) {
    let mut buf = Vec::with_capacity(n.min(1 << 20));
    let result = reader.by_ref().take(n as u64).read_to_end(&mut buf);
    (buf, result.err())
}

/// A reader that fails once with a stored error, then reads as empty: stands in
/// for a stream whose failure was met early, so that it is reported in order.
pub(crate) struct Failing(pub Option<io::Error>);

impl Read for Failing {
    fn read(&mut self, _: &mut [u8]) -> io::Result<usize> {
        match self.0.take() {
            Some(err) => Err(err),
            None => Ok(0),
        }
    }
}

/// What reading a whole input under a size limit gave.
pub(crate) enum Whole {
    /// All of it.
    Complete(Vec<u8>),
    /// More than the limit; nothing kept.
    TooLarge,
    /// What came before a read error, and the error.
    Failed(Vec<u8>, io::Error),
}

/// Reads the rest of `reader` after `prefix`, keeping at most `limit` bytes in all.
pub(crate) fn read_whole(mut prefix: Vec<u8>, reader: &mut impl Read, limit: usize) -> Whole {
    let room = (limit as u64).saturating_sub(prefix.len() as u64).saturating_add(1);
    match reader.by_ref().take(room).read_to_end(&mut prefix) {
        Ok(_) if prefix.len() > limit => Whole::TooLarge,
        Ok(_) => Whole::Complete(prefix),
        Err(err) => Whole::Failed(prefix, err),
    }
}

/// Counts the bytes read through it, into a counter shared with the decompressor wrapper.
struct Counting<R> {
    inner: R,
    count: Arc<AtomicU64>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// Turns a decompressor's errors into [`StreamError`]s that say how far it got.
struct Decompressed {
    inner: Box<dyn Read + Send>,
    compression: Compression,
    counter: Arc<AtomicU64>,
}

impl Read for Decompressed {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.inner.read(buf).map_err(|err| {
            let compressed_bytes = self.counter.load(Ordering::Relaxed);
            let stream = match err.kind() {
                io::ErrorKind::UnexpectedEof => StreamError::Truncated {
                    compression: self.compression,
                    compressed_bytes,
                },
                io::ErrorKind::InvalidData | io::ErrorKind::InvalidInput | io::ErrorKind::Other => {
                    StreamError::Corrupt {
                        compression: self.compression,
                        compressed_bytes,
                        message: err.to_string(),
                    }
                }
                _ => return err,
            };
            io::Error::new(err.kind(), stream)
        })
    }
}

/// A decompression failure, carried inside an `io::Error` up to the reader that
/// knows the file name and offset.
#[derive(Debug)]
enum StreamError {
    Truncated {
        compression: Compression,
        compressed_bytes: u64,
    },
    Corrupt {
        compression: Compression,
        compressed_bytes: u64,
        message: String,
    },
}

impl fmt::Display for StreamError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StreamError::Truncated { compression, .. } => write!(f, "truncated {compression} stream"),
            StreamError::Corrupt { message, .. } => f.write_str(message),
        }
    }
}

impl std::error::Error for StreamError {}

/// The error for a read that failed at decompressed offset `offset`.
pub(crate) fn read_error(path: &str, offset: u64, err: io::Error) -> IngestError {
    let kind = match err.get_ref().and_then(|inner| inner.downcast_ref::<StreamError>()) {
        Some(StreamError::Truncated {
            compression,
            compressed_bytes,
        }) => ErrorKind::Truncated {
            compression: *compression,
            compressed_bytes: *compressed_bytes,
        },
        Some(StreamError::Corrupt {
            compression,
            compressed_bytes,
            message,
        }) => ErrorKind::Corrupt {
            compression: *compression,
            compressed_bytes: *compressed_bytes,
            message: message.clone(),
        },
        None => ErrorKind::Io(err),
    };
    IngestError::new(path, Some(Location::Byte(offset)), kind)
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    fn gzip(bytes: &[u8]) -> Vec<u8> {
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        enc.write_all(bytes).unwrap_or_default();
        enc.finish().unwrap_or_default()
    }

    fn read_all(input: Input) -> (Vec<u8>, Option<IngestError>) {
        let mut opened = match open(input) {
            Ok(opened) => opened,
            Err(err) => return (Vec::new(), Some(read_error("x", 0, err))),
        };
        match read_whole(Vec::new(), &mut opened.reader, 1 << 20) {
            Whole::Complete(bytes) => (bytes, None),
            Whole::TooLarge => (Vec::new(), None),
            Whole::Failed(bytes, err) => {
                let at = bytes.len() as u64;
                (bytes, Some(read_error("x", at, err)))
            }
        }
    }

    #[test]
    fn gzip_and_zstd_by_magic() {
        let text = "سلام عليكم\n".repeat(100);
        let (bytes, err) = read_all(Input::Bytes(gzip(text.as_bytes())));
        assert!(err.is_none());
        assert_eq!(bytes, text.as_bytes());
        let zst = zstd::stream::encode_all(text.as_bytes(), 3).unwrap_or_default();
        let (bytes, err) = read_all(Input::Bytes(zst));
        assert!(err.is_none());
        assert_eq!(bytes, text.as_bytes());
    }

    #[test]
    fn concatenated_gzip_members_are_one_stream() {
        let mut both = gzip(b"one\n");
        both.extend(gzip(b"two\n"));
        assert_eq!(read_all(Input::Bytes(both)).0, b"one\ntwo\n");
    }

    #[test]
    fn truncated_streams_say_so() {
        let text: String = (0..5000).map(|i| format!("{i} سطر\n")).collect();
        let gz = gzip(text.as_bytes());
        let cut = gz.get(..gz.len() / 2).unwrap_or_default().to_vec();
        let (bytes, err) = read_all(Input::Bytes(cut));
        let err = err.map(|e| e.kind);
        assert!(
            matches!(
                err,
                Some(ErrorKind::Truncated {
                    compression: Compression::Gzip,
                    ..
                })
            ),
            "{err:?}"
        );
        assert!(text.as_bytes().starts_with(&bytes));

        let zst = zstd::stream::encode_all(text.as_bytes(), 3).unwrap_or_default();
        let cut = zst.get(..zst.len() / 2).unwrap_or_default().to_vec();
        let (bytes, err) = read_all(Input::Bytes(cut));
        let err = err.map(|e| e.kind);
        assert!(
            matches!(
                err,
                Some(ErrorKind::Truncated {
                    compression: Compression::Zstd,
                    ..
                })
            ),
            "{err:?}"
        );
        assert!(text.as_bytes().starts_with(&bytes));
    }

    #[test]
    fn limits_are_kept() {
        let mut reader = Cursor::new(vec![b'a'; 100]);
        assert!(matches!(read_whole(Vec::new(), &mut reader, 99), Whole::TooLarge));
        let mut reader = Cursor::new(vec![b'a'; 100]);
        assert!(matches!(read_whole(Vec::new(), &mut reader, 100), Whole::Complete(b) if b.len() == 100));
    }

    #[test]
    fn expand_walks_sorted_and_skips_hidden() {
        let Ok(dir) = tempfile::tempdir() else { return };
        let root = dir.path();
        for (name, body) in [
            ("b.txt", "b"),
            ("a.txt", "a"),
            (".hidden.txt", "h"),
            ("sub/c.txt", "c"),
            (".git/x", "x"),
        ] {
            let path = root.join(name);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).unwrap_or_default();
            }
            std::fs::write(path, body).unwrap_or_default();
        }
        let found: Vec<String> = expand(&[root.to_path_buf(), PathBuf::from("-"), root.join("missing")])
            .into_iter()
            .map(|r| match r {
                Ok(p) => p
                    .strip_prefix(root)
                    .map(|p| p.display().to_string())
                    .unwrap_or_else(|_| p.display().to_string()),
                Err(e) => format!("error {}", e.path.rsplit('/').next().unwrap_or_default()),
            })
            .collect();
        assert_eq!(found, ["a.txt", "b.txt", "sub/c.txt", "-", "error missing"]);
    }
}
