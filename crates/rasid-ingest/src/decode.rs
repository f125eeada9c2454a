//! Bytes to text: byte-order marks, encoding detection, decoding with replacement.
//!
//! Detection order, for input with no encoding given:
//! 1. a byte-order mark (UTF-8, UTF-16LE, UTF-16BE);
//! 2. UTF-16 without a mark, when NUL bytes sit on one side of the 16-bit units only;
//! 3. UTF-8, when the bytes are valid UTF-8 (a valid UTF-8 Arabic text is never
//!    anything else in practice, whatever a page declares);
//! 4. the charset the markup declares (`<meta charset>`, `<?xml encoding?>`);
//! 5. between Windows-1256 and ISO-8859-6, the one under which the text reads as
//!    Arabic with the fewest unmapped bytes and stray Latin letters, when either does;
//! 6. otherwise chardetng's guess.
//!
//! Invalid byte sequences become U+FFFD. The caller gets one warning per text
//! naming the offset of the first one and how many were replaced.

use std::collections::VecDeque;
use std::io::{self, Read};

use encoding_rs::{Decoder, DecoderResult, Encoding, ISO_8859_6, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1256};

/// The encodings named in messages about an unknown label: the ones Arabic news comes in.
pub const COMMON_ENCODINGS: [&str; 6] = [
    "utf-8",
    "windows-1256",
    "iso-8859-6",
    "utf-16le",
    "utf-16be",
    "x-mac-arabic",
];

/// The encoding for a WHATWG label (`utf-8`, `windows-1256`, `cp1256`, `iso-8859-6`,
/// `arabic`, `utf-16le`…; case and surrounding white space ignored): what
/// `--encoding` and the server's `?encoding=` take.
///
/// ```
/// use rasid_ingest::{encoding_by_name, ErrorKind};
/// assert_eq!(encoding_by_name(" CP1256 ").unwrap(), encoding_rs::WINDOWS_1256);
/// let error = encoding_by_name("klingon").unwrap_err();
/// assert!(matches!(error, ErrorKind::UnknownEncoding(_)));
/// assert!(error.to_string().contains("windows-1256"), "{error}");
/// ```
///
/// # Errors
/// [`ErrorKind::UnknownEncoding`], naming the common encodings, for a label no
/// encoding has (and for `replacement`, which decodes nothing).
pub fn encoding_by_name(label: &str) -> Result<&'static Encoding, crate::ErrorKind> {
    Encoding::for_label(label.trim().as_bytes())
        .filter(|e| *e != encoding_rs::REPLACEMENT)
        .ok_or_else(|| crate::ErrorKind::UnknownEncoding(label.trim().to_owned()))
}

/// How much of an input is looked at for NUL bytes.
pub(crate) const BINARY_SNIFF_BYTES: usize = 8 * 1024;

/// An encoding decision: which encoding, and how many bytes of byte-order mark to skip.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Detected {
    /// The encoding.
    pub encoding: &'static Encoding,
    /// Length of the byte-order mark at the start of the input (0 when none).
    pub bom_len: usize,
}

/// Chooses the encoding of an input from its first bytes.
///
/// `complete` says whether `prefix` is the whole input (a UTF-8 sequence cut at
/// the end of a partial prefix is not held against UTF-8). `forced` is the
/// caller's choice, which wins (its own byte-order mark is still skipped).
/// `declared` is what the markup says.
pub(crate) fn detect(
    prefix: &[u8],
    complete: bool,
    forced: Option<&'static Encoding>,
    declared: Option<&'static Encoding>,
) -> Detected {
    let bom = Encoding::for_bom(prefix);
    if let Some(encoding) = forced {
        let bom_len = match bom {
            Some((bom_encoding, len)) if bom_encoding == encoding => len,
            _ => 0,
        };
        return Detected { encoding, bom_len };
    }
    if let Some((encoding, bom_len)) = bom {
        return Detected { encoding, bom_len };
    }
    if let Some(encoding) = utf16_without_bom(prefix) {
        return Detected { encoding, bom_len: 0 };
    }
    if is_utf8(prefix, complete) {
        return Detected {
            encoding: UTF_8,
            bom_len: 0,
        };
    }
    // A page that declares UTF-8 but is not valid UTF-8 is more likely mislabelled
    // legacy Arabic than UTF-8 with damage; a declared legacy charset is trusted.
    if let Some(encoding) = declared.filter(|e| *e != UTF_8 && *e != UTF_16LE && *e != UTF_16BE) {
        return Detected { encoding, bom_len: 0 };
    }
    Detected {
        encoding: guess_legacy(prefix, complete),
        bom_len: 0,
    }
}

/// True when `bytes` are UTF-8, allowing a sequence cut off at the end of a
/// partial prefix, and allowing a few invalid sequences among many valid
/// non-ASCII characters (damaged UTF-8 rather than a legacy code page, where
/// valid multi-byte sequences only happen by accident).
fn is_utf8(bytes: &[u8], complete: bool) -> bool {
    let err = match std::str::from_utf8(bytes) {
        Ok(_) => return true,
        Err(err) => err,
    };
    if !complete && err.error_len().is_none() {
        return true;
    }
    let (mut non_ascii, mut invalid) = (0usize, 0usize);
    let mut chunks = bytes.utf8_chunks().peekable();
    while let Some(chunk) = chunks.next() {
        non_ascii += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        // A sequence cut off at the end of a partial prefix is not an error.
        let cut_at_end = !complete && chunks.peek().is_none();
        if !chunk.invalid().is_empty() && !cut_at_end {
            invalid += 1;
        }
    }
    non_ascii >= invalid.saturating_mul(UTF8_VALID_PER_INVALID)
}

/// How many valid non-ASCII characters each invalid sequence needs for input
/// to be taken as damaged UTF-8.
const UTF8_VALID_PER_INVALID: usize = 8;

/// Recognises UTF-16 without a byte-order mark from where its NUL bytes fall.
///
/// ASCII in UTF-16 has a NUL high byte and Arabic a 0x06 one, so almost every
/// unit of Arabic or Latin text has one of those two on its high side.
fn utf16_without_bom(prefix: &[u8]) -> Option<&'static Encoding> {
    let sample = prefix.get(..BINARY_SNIFF_BYTES).unwrap_or(prefix);
    if !sample.contains(&0) || sample.len() < 4 {
        return None;
    }
    let units = sample.len() / 2;
    let (mut low_high, mut high_high, mut low_nul, mut high_nul) = (0usize, 0usize, 0usize, 0usize);
    for pair in sample.chunks_exact(2) {
        if let [a, b] = pair {
            low_high += usize::from(*b == 0 || *b == 0x06);
            high_high += usize::from(*a == 0 || *a == 0x06);
            low_nul += usize::from(*a == 0);
            high_nul += usize::from(*b == 0);
        }
    }
    // Nine units in ten must fit, and NULs must not appear on the other side
    // but in a few stray U+0000 units (padding, damage).
    let stray = |nuls: usize| nuls * 100 <= units;
    if low_high * 10 >= units * 9 && stray(low_nul) {
        Some(UTF_16LE)
    } else if high_high * 10 >= units * 9 && stray(high_nul) {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// Where binary data starts (its first NUL byte), when the first 8 KiB are
/// mostly not text: more than one byte in [`BINARY_CONTROL_SHARE`] a NUL or
/// another control character, once trailing NUL padding is set aside. A few
/// stray NULs (a padding byte at the end of an old archive file, one NUL in a
/// long text) are not binary data: [`decode`] drops them with a warning.
/// Not used for UTF-16, where half the bytes of Latin text are NULs.
pub(crate) fn binary_offset(prefix: &[u8]) -> Option<usize> {
    let sample = prefix.get(..BINARY_SNIFF_BYTES).unwrap_or(prefix);
    let first = sample.iter().position(|&b| b == 0)?;
    let end = sample.iter().rposition(|&b| b != 0).map_or(0, |last| last + 1);
    let body = sample.get(..end).unwrap_or_default();
    let control = body
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0b | 0x0c | 0x1b))
        .count();
    (body.is_empty() || control * BINARY_CONTROL_SHARE > body.len()).then_some(first)
}

/// Input with more than one control byte in this many is binary data.
pub(crate) const BINARY_CONTROL_SHARE: usize = 20;

/// Drops the NUL characters of a decoded text; returns how many there were.
pub(crate) fn drop_nuls(text: &mut String) -> usize {
    let before = text.len();
    if text.contains('\0') {
        text.retain(|c| c != '\0');
    }
    before - text.len()
}

/// The warning about NUL bytes dropped from a text.
pub(crate) fn nul_warning(count: usize, first: Option<u64>) -> String {
    let first = first.map(|at| format!(" (the first at byte {at})")).unwrap_or_default();
    format!(
        "{count} NUL byte{} dropped{first}: padding or damage, not text",
        if count == 1 { "" } else { "s" }
    )
}

/// Picks a legacy (single-byte or CJK) encoding for bytes that are not UTF-8.
fn guess_legacy(prefix: &[u8], complete: bool) -> &'static Encoding {
    let arabic_1256 = arabic_score(prefix, WINDOWS_1256);
    let arabic_8859 = arabic_score(prefix, ISO_8859_6);
    let best = if arabic_8859.score() > arabic_1256.score() {
        (ISO_8859_6, arabic_8859)
    } else {
        (WINDOWS_1256, arabic_1256)
    };
    if best.1.looks_arabic() {
        return best.0;
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(prefix, complete);
    detector.guess(None, chardetng::Utf8Detection::Deny)
}

/// How Arabic a text looks when decoded with one encoding.
#[derive(Clone, Copy, Debug, Default)]
struct ArabicScore {
    /// Non-ASCII characters decoded.
    non_ascii: usize,
    /// Arabic letters (U+0621–U+064A).
    letters: usize,
    /// Unmapped bytes and Latin-1 letters: the signs of the wrong code page.
    bad: usize,
}

impl ArabicScore {
    fn score(&self) -> i64 {
        let letters = i64::try_from(self.letters).unwrap_or(i64::MAX);
        let bad = i64::try_from(self.bad).unwrap_or(i64::MAX);
        letters.saturating_sub(bad.saturating_mul(4))
    }

    fn looks_arabic(&self) -> bool {
        self.non_ascii > 0 && self.letters * 10 >= self.non_ascii * 6
    }
}

fn arabic_score(bytes: &[u8], encoding: &'static Encoding) -> ArabicScore {
    let sample = bytes.get(..64 * 1024).unwrap_or(bytes);
    let (text, _) = encoding.decode_without_bom_handling(sample);
    let mut score = ArabicScore::default();
    for c in text.chars().filter(|c| !c.is_ascii()) {
        score.non_ascii += 1;
        match c {
            '\u{0621}'..='\u{064A}' => score.letters += 1,
            '\u{FFFD}' | '\u{00C0}'..='\u{00FF}' => score.bad += 1,
            _ => {}
        }
    }
    score
}

/// Reads the charset an HTML page or XML document declares in its first bytes:
/// `<meta charset="…">`, `<meta http-equiv content="…; charset=…">` or
/// `<?xml … encoding="…"?>`.
pub(crate) fn declared_charset(prefix: &[u8]) -> Option<&'static Encoding> {
    let head = prefix.get(..4096).unwrap_or(prefix);
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    for key in [&b"charset"[..], &b"encoding"[..]] {
        let mut from = 0;
        while let Some(found) = find(lower.get(from..)?, key) {
            let after = from + found + key.len();
            from = after;
            let rest = lower.get(after..)?;
            let rest = skip_spaces(rest);
            let Some((b'=', rest)) = rest.split_first() else {
                continue;
            };
            let rest = skip_spaces(rest);
            let rest = rest
                .strip_prefix(b"\"")
                .or_else(|| rest.strip_prefix(b"'"))
                .unwrap_or(rest);
            let end = rest
                .iter()
                .position(|b| matches!(b, b'"' | b'\'' | b';' | b'>' | b'/' | b'?') || b.is_ascii_whitespace())
                .unwrap_or(rest.len());
            if let Some(encoding) = rest.get(..end).and_then(Encoding::for_label) {
                return Some(encoding);
            }
        }
    }
    None
}

fn skip_spaces(bytes: &[u8]) -> &[u8] {
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    bytes.get(start..).unwrap_or_default()
}

/// Position of `needle` in `haystack`.
pub(crate) fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() {
        return Some(0);
    }
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Text decoded from bytes, with what it took.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Decoded {
    /// The text.
    pub text: String,
    /// The encoding it was decoded from.
    pub encoding: &'static Encoding,
    /// The warning about replaced invalid sequences, if there were any.
    pub warning: Option<String>,
}

/// Invalid byte sequences met while decoding.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Replacements {
    /// Offset of the first invalid sequence in the input.
    pub first_offset: Option<u64>,
    /// How many sequences were replaced with U+FFFD.
    pub count: u64,
}

impl Replacements {
    fn note(&mut self, offset: u64) {
        self.first_offset.get_or_insert(offset);
        self.count += 1;
    }

    /// The one warning that reports them, if there were any.
    pub fn warning(&self, encoding: &'static Encoding) -> Option<String> {
        let first = self.first_offset?;
        Some(format!(
            "{} invalid {} byte sequence{} replaced with U+FFFD; the first at byte {first}",
            self.count,
            encoding.name(),
            if self.count == 1 { "" } else { "s" },
        ))
    }
}

/// Decodes a whole input. Offsets in the warning count from the start of `bytes`
/// (so they include the byte-order mark).
///
/// NUL characters are dropped, with a warning that counts them and names the
/// first one's offset; so is a lone NUL byte of padding after the last whole
/// unit of UTF-16.
pub(crate) fn decode(bytes: &[u8], detected: Detected) -> Decoded {
    let mut body = bytes.get(detected.bom_len..).unwrap_or_default();
    let base = detected.bom_len as u64;
    let utf16 = detected.encoding == UTF_16LE || detected.encoding == UTF_16BE;
    let mut odd_nul = false;
    if utf16 && body.len() % 2 == 1 && body.last() == Some(&0) {
        body = body.get(..body.len() - 1).unwrap_or_default();
        odd_nul = true;
    }
    let (mut text, replacements) = if detected.encoding == UTF_8 {
        decode_utf8(body, base)
    } else {
        decode_other(body, detected.encoding, base)
    };
    let mut warnings: Vec<String> = replacements.warning(detected.encoding).into_iter().collect();
    let dropped = drop_nuls(&mut text);
    if dropped > 0 || odd_nul {
        let first = if utf16 {
            body.chunks_exact(2)
                .position(|unit| unit == [0, 0])
                .map(|unit| unit * 2)
                .or(odd_nul.then_some(body.len()))
        } else {
            body.iter().position(|&b| b == 0)
        };
        warnings.push(nul_warning(
            dropped + usize::from(odd_nul),
            first.map(|at| base + at as u64),
        ));
    }
    Decoded {
        text,
        encoding: detected.encoding,
        warning: (!warnings.is_empty()).then(|| warnings.join("; ")),
    }
}

/// UTF-8 with replacement, counting the maximal invalid subparts as the
/// Encoding Standard (and `String::from_utf8_lossy`) do.
pub(crate) fn decode_utf8(bytes: &[u8], base: u64) -> (String, Replacements) {
    if let Ok(text) = std::str::from_utf8(bytes) {
        return (text.to_owned(), Replacements::default());
    }
    let mut text = String::with_capacity(bytes.len() + 16);
    let mut replacements = Replacements::default();
    let mut offset = base;
    for chunk in bytes.utf8_chunks() {
        text.push_str(chunk.valid());
        offset += chunk.valid().len() as u64;
        if !chunk.invalid().is_empty() {
            replacements.note(offset);
            text.push('\u{FFFD}');
            offset += chunk.invalid().len() as u64;
        }
    }
    (text, replacements)
}

/// Any other encoding, through encoding_rs, noting where sequences were malformed.
fn decode_other(bytes: &[u8], encoding: &'static Encoding, base: u64) -> (String, Replacements) {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let mut text = String::new();
    let mut replacements = Replacements::default();
    let mut read_total = 0usize;
    loop {
        let rest = bytes.get(read_total..).unwrap_or_default();
        let needed = decoder
            .max_utf8_buffer_length_without_replacement(rest.len())
            .unwrap_or(rest.len());
        text.reserve(needed.max(4));
        let (result, read) = decoder.decode_to_string_without_replacement(rest, &mut text, true);
        read_total += read;
        match result {
            DecoderResult::InputEmpty => break,
            DecoderResult::OutputFull => {}
            DecoderResult::Malformed(bad, after) => {
                let start = read_total.saturating_sub(usize::from(bad) + usize::from(after));
                replacements.note(base + start as u64);
                text.push('\u{FFFD}');
            }
        }
    }
    (text, replacements)
}

/// A malformed sequence met by a [`DecodingReader`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Malformed {
    /// Offset of the U+FFFD written for it in the UTF-8 output.
    pub out_offset: u64,
    /// Offset of the sequence in the raw input.
    pub raw_offset: u64,
}

/// Streams any encoding as UTF-8, remembering where it replaced malformed input
/// so that line-based readers can warn about the right line.
pub(crate) struct DecodingReader<R> {
    inner: R,
    decoder: Decoder,
    input: Vec<u8>,
    in_start: usize,
    in_end: usize,
    eof: bool,
    finished: bool,
    output: String,
    out_start: usize,
    /// UTF-8 bytes produced before the ones now in `output`.
    produced: u64,
    /// Raw bytes consumed so far, counted from the start of the input.
    raw_pos: u64,
    /// Malformed sequences not yet claimed by the reader above.
    pub malformed: VecDeque<Malformed>,
}

impl<R: Read> DecodingReader<R> {
    /// Decodes `inner` (positioned after any byte-order mark of `raw_start` bytes) as `encoding`.
    pub fn new(inner: R, encoding: &'static Encoding, raw_start: u64) -> Self {
        DecodingReader {
            inner,
            decoder: encoding.new_decoder_without_bom_handling(),
            input: vec![0; 32 * 1024],
            in_start: 0,
            in_end: 0,
            eof: false,
            finished: false,
            output: String::new(),
            out_start: 0,
            produced: 0,
            raw_pos: raw_start,
            malformed: VecDeque::new(),
        }
    }

    /// Raw bytes consumed so far, counted from the start of the input.
    pub fn raw_pos(&self) -> u64 {
        self.raw_pos
    }
}

impl<R: Read> Read for DecodingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        loop {
            let pending = self.output.as_bytes().get(self.out_start..).unwrap_or_default();
            if !pending.is_empty() {
                let n = pending.len().min(buf.len());
                if let (Some(dst), Some(src)) = (buf.get_mut(..n), pending.get(..n)) {
                    dst.copy_from_slice(src);
                }
                self.out_start += n;
                return Ok(n);
            }
            if self.finished || buf.is_empty() {
                return Ok(0);
            }
            self.produced += self.output.len() as u64;
            self.output.clear();
            self.out_start = 0;
            if self.in_start >= self.in_end && !self.eof {
                let n = loop {
                    match self.inner.read(&mut self.input) {
                        Ok(n) => break n,
                        Err(err) if err.kind() == io::ErrorKind::Interrupted => continue,
                        Err(err) => return Err(err),
                    }
                };
                self.in_start = 0;
                self.in_end = n;
                self.eof = n == 0;
            }
            let src = self.input.get(self.in_start..self.in_end).unwrap_or_default();
            let needed = self
                .decoder
                .max_utf8_buffer_length_without_replacement(src.len())
                .unwrap_or(src.len());
            self.output.reserve(needed.max(8));
            let (result, read) = self
                .decoder
                .decode_to_string_without_replacement(src, &mut self.output, self.eof);
            self.in_start += read;
            self.raw_pos += read as u64;
            match result {
                DecoderResult::InputEmpty => self.finished = self.eof,
                DecoderResult::OutputFull => {}
                DecoderResult::Malformed(bad, after) => {
                    let raw_offset = self.raw_pos.saturating_sub(u64::from(bad) + u64::from(after));
                    let out_offset = self.produced + self.output.len() as u64;
                    self.malformed.push_back(Malformed { out_offset, raw_offset });
                    self.output.push('\u{FFFD}');
                }
            }
        }
    }
}

/// Encodes `text` for tests and tools; unmappable characters become numeric
/// character references, as encoding_rs does.
#[cfg(test)]
pub(crate) fn encode(text: &str, encoding: &'static Encoding) -> Vec<u8> {
    if encoding == UTF_16LE || encoding == UTF_16BE {
        let little = encoding == UTF_16LE;
        return text
            .encode_utf16()
            .flat_map(|u| if little { u.to_le_bytes() } else { u.to_be_bytes() })
            .collect();
    }
    encoding.encode(text).0.into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    const ARABIC: &str = "بدء جولة محادثات سلام جديدة حول سوريا فى استانا";

    fn detect_all(bytes: &[u8]) -> &'static Encoding {
        detect(bytes, true, None, None).encoding
    }

    #[test]
    fn boms_win() {
        assert_eq!(
            detect(b"\xEF\xBB\xBFabc", true, None, None),
            Detected {
                encoding: UTF_8,
                bom_len: 3
            }
        );
        assert_eq!(
            detect(b"\xFF\xFEa\0", true, None, None),
            Detected {
                encoding: UTF_16LE,
                bom_len: 2
            }
        );
        assert_eq!(
            detect(b"\xFE\xFF\0a", true, None, None),
            Detected {
                encoding: UTF_16BE,
                bom_len: 2
            }
        );
    }

    #[test]
    fn forced_encoding_wins_but_skips_its_own_bom() {
        let d = detect(b"\xEF\xBB\xBFabc", true, Some(UTF_8), None);
        assert_eq!(d.bom_len, 3);
        let d = detect(b"\xEF\xBB\xBFabc", true, Some(WINDOWS_1256), None);
        assert_eq!(
            d,
            Detected {
                encoding: WINDOWS_1256,
                bom_len: 0
            }
        );
    }

    #[test]
    fn arabic_code_pages_are_told_apart() {
        assert_eq!(detect_all(&encode(ARABIC, WINDOWS_1256)), WINDOWS_1256);
        assert_eq!(detect_all(&encode(ARABIC, ISO_8859_6)), ISO_8859_6);
        assert_eq!(detect_all(ARABIC.as_bytes()), UTF_8);
    }

    #[test]
    fn utf16_without_bom_is_recognised() {
        let text = format!("{ARABIC} 2017 abc");
        assert_eq!(detect_all(&encode(&text, UTF_16LE)), UTF_16LE);
        assert_eq!(detect_all(&encode(&text, UTF_16BE)), UTF_16BE);
        assert_eq!(utf16_without_bom(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), None);
    }

    #[test]
    fn partial_prefix_may_cut_a_utf8_sequence() {
        let bytes = ARABIC.as_bytes();
        let cut = bytes.get(..3).unwrap_or_default();
        assert!(is_utf8(cut, false));
        assert!(!is_utf8(cut, true));
    }

    #[test]
    fn damaged_utf8_is_still_utf8() {
        let mut bytes = ARABIC.as_bytes().to_vec();
        bytes.insert(10, 0xFF);
        assert_eq!(detect_all(&bytes), UTF_8);
        let mut legacy = encode(ARABIC, WINDOWS_1256);
        legacy.extend_from_slice("ك،".as_bytes()); // one valid UTF-8 sequence by accident
        assert_eq!(detect_all(&legacy), WINDOWS_1256);
    }

    #[test]
    fn declared_charsets_are_read() {
        assert_eq!(
            declared_charset(br#"<html><head><meta charset="windows-1256">"#),
            Some(WINDOWS_1256)
        );
        assert_eq!(
            declared_charset(br#"<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-6">"#),
            Some(ISO_8859_6)
        );
        assert_eq!(
            declared_charset(br#"<?xml version="1.0" encoding='cp1256'?><rss>"#),
            Some(WINDOWS_1256)
        );
        assert_eq!(declared_charset(b"<p>charset is a word</p>"), None);
    }

    #[test]
    fn one_warning_names_the_first_invalid_byte_and_the_count() {
        let decoded = decode(
            b"ab\xFFcd\xFE\xFE",
            Detected {
                encoding: UTF_8,
                bom_len: 0,
            },
        );
        assert_eq!(decoded.text, "ab\u{FFFD}cd\u{FFFD}\u{FFFD}");
        let warning = decoded.warning.unwrap_or_default();
        assert!(warning.starts_with("3 invalid UTF-8 byte sequences"), "{warning}");
        assert!(warning.ends_with("at byte 2"), "{warning}");
        // ISO-8859-6 leaves 0xA1 unmapped; the BOM-less offset counts from the start.
        let decoded = decode(
            b"ab\xA1",
            Detected {
                encoding: ISO_8859_6,
                bom_len: 0,
            },
        );
        assert_eq!(decoded.text, "ab\u{FFFD}");
        assert!(decoded.warning.unwrap_or_default().ends_with("at byte 2"));
    }

    #[test]
    fn decoding_reader_streams_and_remembers_malformed_offsets() {
        let mut bytes = encode("سلام\nabc", UTF_16LE);
        bytes.extend_from_slice(&[0x00, 0xD8]); // a lone high surrogate
        bytes.extend_from_slice(&encode("z\n", UTF_16LE));
        let mut reader = DecodingReader::new(&bytes[..], UTF_16LE, 2);
        let mut out = String::new();
        reader.read_to_string(&mut out).unwrap_or_default();
        assert_eq!(out, "سلام\nabc\u{FFFD}z\n");
        let m = reader.malformed.front().copied();
        assert_eq!(m.map(|m| m.out_offset), Some("سلام\nabc".len() as u64));
        assert_eq!(m.map(|m| m.raw_offset), Some(2 + 16));
    }
}
