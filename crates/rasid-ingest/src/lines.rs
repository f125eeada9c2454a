//! Lines of a stream in any encoding, one at a time, each under a size limit.
//!
//! UTF-8 input is split on raw `\n` bytes and each line validated on its own, so
//! an invalid byte costs a warning on its line only. Other encodings go through
//! a [`DecodingReader`] first; it remembers where it replaced malformed input,
//! and each line claims the replacements that fall inside it.

use std::io::{self, BufRead, BufReader, Read};

use encoding_rs::{Encoding, UTF_8};

use crate::decode::{self, DecodingReader, Replacements};

/// One line read.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Line {
    /// A line of text, without its line ending.
    Text {
        /// 1-based line number.
        number: u64,
        /// The text.
        text: String,
        /// The warning about invalid bytes replaced in it, if any.
        warning: Option<String>,
    },
    /// A line over the limit; its bytes were skipped, not kept.
    TooLong {
        /// 1-based line number.
        number: u64,
        /// Its length in bytes, line ending included.
        len: u64,
    },
}

/// A read error and the offset (into the decompressed input) it happened at.
pub(crate) type LineError = (u64, io::Error);

enum Stream {
    Utf8(BufReader<Box<dyn Read + Send>>),
    Decoded(BufReader<DecodingReader<Box<dyn Read + Send>>>),
}

/// Reads lines of text from a byte stream.
pub(crate) struct LineReader {
    stream: Stream,
    encoding: &'static Encoding,
    /// Offset of the next line in the stream the lines are cut from (raw bytes for
    /// UTF-8, decoded UTF-8 otherwise), counted from the start of the input.
    pos: u64,
    number: u64,
    limit: usize,
    buf: Vec<u8>,
    done: bool,
}

impl LineReader {
    /// Reads `reader`, which is positioned after a byte-order mark of `bom_len`
    /// bytes, as `encoding`; lines over `limit` bytes are skipped.
    pub fn new(reader: Box<dyn Read + Send>, encoding: &'static Encoding, bom_len: u64, limit: usize) -> Self {
        let stream = if encoding == UTF_8 {
            Stream::Utf8(BufReader::with_capacity(64 * 1024, reader))
        } else {
            Stream::Decoded(BufReader::with_capacity(
                64 * 1024,
                DecodingReader::new(reader, encoding, bom_len),
            ))
        };
        let pos = if encoding == UTF_8 { bom_len } else { 0 };
        LineReader {
            stream,
            encoding,
            pos,
            number: 0,
            limit,
            buf: Vec::new(),
            done: false,
        }
    }

    /// Offset reached in the decompressed input.
    fn raw_pos(&self, consumed: u64) -> u64 {
        match &self.stream {
            Stream::Utf8(_) => self.pos + consumed,
            Stream::Decoded(reader) => reader.get_ref().raw_pos(),
        }
    }

    /// The next line, or `None` at the end of the stream (and after an error).
    pub fn next_line(&mut self) -> Option<Result<Line, LineError>> {
        if self.done {
            return None;
        }
        let read = match &mut self.stream {
            Stream::Utf8(reader) => read_line(reader, &mut self.buf, self.limit),
            Stream::Decoded(reader) => read_line(reader, &mut self.buf, self.limit),
        };
        let (consumed, overflow) = match read {
            Ok(read) => read,
            Err((consumed, err)) => {
                self.done = true;
                return Some(Err((self.raw_pos(consumed), err)));
            }
        };
        if consumed == 0 {
            self.done = true;
            return None;
        }
        self.number += 1;
        let start = self.pos;
        self.pos += consumed;
        if overflow {
            self.claim_replacements(self.pos);
            return Some(Ok(Line::TooLong {
                number: self.number,
                len: consumed,
            }));
        }
        let content = trim_line_end(&self.buf).len();
        self.buf.truncate(content);
        // Valid lines hand their buffer over instead of being copied.
        let (text, replacements) = match String::from_utf8(std::mem::take(&mut self.buf)) {
            Ok(text) if matches!(self.stream, Stream::Utf8(_)) => (text, Replacements::default()),
            Ok(text) => (text, self.claim_replacements(self.pos)),
            Err(err) => match &self.stream {
                Stream::Utf8(_) => decode::decode_utf8(err.as_bytes(), start),
                Stream::Decoded(_) => {
                    let text = String::from_utf8_lossy(err.as_bytes()).into_owned();
                    (text, self.claim_replacements(self.pos))
                }
            },
        };
        let warning = replacements.warning(self.encoding);
        Some(Ok(Line::Text {
            number: self.number,
            text,
            warning,
        }))
    }

    /// Takes the decoder's replacements that fall before `end` (decoded offset).
    fn claim_replacements(&mut self, end: u64) -> Replacements {
        let mut replacements = Replacements::default();
        if let Stream::Decoded(reader) = &mut self.stream {
            let queue = &mut reader.get_mut().malformed;
            while let Some(m) = queue.front().copied().filter(|m| m.out_offset < end) {
                queue.pop_front();
                replacements.first_offset.get_or_insert(m.raw_offset);
                replacements.count += 1;
            }
        }
        replacements
    }
}

/// Removes a trailing `\n` or `\r\n`.
fn trim_line_end(line: &[u8]) -> &[u8] {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    line.strip_suffix(b"\r").unwrap_or(line)
}

/// Reads one line into `buf`, unless it is longer than `limit` (ending excluded),
/// in which case it is consumed but not kept. Returns the bytes consumed and
/// whether the line was too long; on error, the bytes consumed before it.
fn read_line<R: BufRead>(reader: &mut R, buf: &mut Vec<u8>, limit: usize) -> Result<(u64, bool), (u64, io::Error)> {
    buf.clear();
    let mut consumed = 0u64;
    let mut overflow = false;
    loop {
        let available = match reader.fill_buf() {
            Ok(available) => available,
            Err(err) if err.kind() == io::ErrorKind::Interrupted => continue,
            Err(err) => return Err((consumed, err)),
        };
        if available.is_empty() {
            break;
        }
        let (take, found) = match available.iter().position(|&b| b == b'\n') {
            Some(i) => (i + 1, true),
            None => (available.len(), false),
        };
        if !overflow {
            let chunk = available.get(..take).unwrap_or_default();
            let content = if found { take - 1 } else { take };
            if buf.len().saturating_add(content) > limit {
                overflow = true;
                buf.clear();
            } else {
                buf.extend_from_slice(chunk);
            }
        }
        reader.consume(take);
        consumed += take as u64;
        if found {
            break;
        }
    }
    Ok((consumed, overflow))
}

#[cfg(test)]
mod tests {
    use encoding_rs::{UTF_16LE, WINDOWS_1256};

    use super::*;
    use crate::decode::encode;

    fn lines(bytes: Vec<u8>, encoding: &'static Encoding, bom: u64, limit: usize) -> Vec<Line> {
        let mut reader = LineReader::new(Box::new(io::Cursor::new(bytes)), encoding, bom, limit);
        let mut out = Vec::new();
        while let Some(Ok(line)) = reader.next_line() {
            out.push(line);
        }
        out
    }

    fn text(number: u64, text: &str) -> Line {
        Line::Text {
            number,
            text: text.into(),
            warning: None,
        }
    }

    #[test]
    fn utf8_lines_with_crlf_and_no_final_newline() {
        let got = lines(b"a\r\nb\n\nc".to_vec(), UTF_8, 0, 100);
        assert_eq!(got, [text(1, "a"), text(2, "b"), text(3, ""), text(4, "c")]);
    }

    #[test]
    fn long_lines_are_skipped_not_kept() {
        let got = lines(b"short\nloooooong\nok\n".to_vec(), UTF_8, 0, 5);
        assert_eq!(
            got,
            [text(1, "short"), Line::TooLong { number: 2, len: 10 }, text(3, "ok")]
        );
    }

    #[test]
    fn invalid_utf8_warns_on_its_line_with_the_file_offset() {
        // The reader starts after the 3-byte BOM; offsets count it.
        let got = lines(b"ok\nb\xFFd\n".to_vec(), UTF_8, 3, 100);
        assert_eq!(got.first(), Some(&text(1, "ok")));
        let Some(Line::Text { text, warning, .. }) = got.get(1) else {
            panic!("{got:?}")
        };
        assert_eq!(text, "b\u{FFFD}d");
        assert!(
            warning.as_deref().unwrap_or_default().ends_with("at byte 7"),
            "{warning:?}"
        );
    }

    #[test]
    fn other_encodings_are_decoded_first() {
        let got = lines(encode("سلام\nعليكم\n", WINDOWS_1256), WINDOWS_1256, 0, 100);
        assert_eq!(got, [text(1, "سلام"), text(2, "عليكم")]);
        let mut bytes = encode("أ\n", UTF_16LE);
        bytes.extend([0x00, 0xDC]); // a lone low surrogate on line 2
        bytes.extend(encode("ب\n", UTF_16LE));
        let got = lines(bytes, UTF_16LE, 0, 100);
        assert_eq!(got.first(), Some(&text(1, "أ")));
        let Some(Line::Text { text, warning, .. }) = got.get(1) else {
            panic!("{got:?}")
        };
        assert_eq!(text, "\u{FFFD}ب");
        assert!(
            warning.as_deref().unwrap_or_default().ends_with("at byte 4"),
            "{warning:?}"
        );
    }
}
