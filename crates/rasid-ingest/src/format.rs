//! Which reader an input needs: by file name, then by content.

use std::path::Path;

use rasid_core::InputFormat;

/// What a file name says about its content.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ByName {
    /// One of rasid's formats.
    Format(InputFormat),
    /// A kind of file rasid does not read (what it is).
    Unsupported(&'static str),
    /// The name says nothing (no extension, or one not listed).
    Unknown,
}

/// The lower-cased file name with a `.gz`/`.zst` suffix removed.
fn base_name(name: &str) -> String {
    let file = Path::new(name).file_name().and_then(|f| f.to_str()).unwrap_or(name);
    let lower = file.to_ascii_lowercase();
    for suffix in [".gz", ".gzip", ".zst", ".zstd"] {
        if let Some(stripped) = lower.strip_suffix(suffix) {
            return stripped.to_owned();
        }
    }
    lower
}

/// The format a file name suggests: `.txt`, `.jsonl`/`.ndjson`/`.json`,
/// `.html`/`.htm`, `.rss`/`.atom`/`.xml`, `.trec`/`.sgml`, after stripping
/// `.gz`/`.zst`.
pub(crate) fn by_name(name: &str) -> ByName {
    let base = base_name(name);
    let Some((_, ext)) = base.rsplit_once('.') else {
        return ByName::Unknown;
    };
    match ext {
        "txt" | "text" => ByName::Format(InputFormat::Text),
        "jsonl" | "ndjson" | "json" => ByName::Format(InputFormat::Jsonl),
        "html" | "htm" | "xhtml" | "shtml" => ByName::Format(InputFormat::Html),
        "rss" | "atom" | "xml" | "rdf" => ByName::Format(InputFormat::Rss),
        "trec" | "sgml" | "sgm" => ByName::Format(InputFormat::Trec),
        "pdf" => ByName::Unsupported("PDF document"),
        "doc" | "docx" | "odt" | "rtf" => ByName::Unsupported("word-processor document"),
        "xls" | "xlsx" | "ods" | "csv" | "tsv" | "parquet" => ByName::Unsupported("spreadsheet or table"),
        "png" | "jpg" | "jpeg" | "gif" | "webp" | "bmp" | "svg" | "ico" | "tif" | "tiff" => {
            ByName::Unsupported("image")
        }
        "mp3" | "mp4" | "m4a" | "wav" | "ogg" | "webm" | "avi" | "mkv" | "mov" => ByName::Unsupported("audio or video"),
        "zip" | "tar" | "tgz" | "7z" | "rar" | "bz2" | "xz" | "lz4" => ByName::Unsupported("archive"),
        "exe" | "dll" | "so" | "dylib" | "o" | "a" | "class" | "jar" | "wasm" => ByName::Unsupported("program"),
        _ => ByName::Unknown,
    }
}

/// Recognises binary formats by their first bytes, whatever the name says.
pub(crate) fn unsupported_magic(bytes: &[u8]) -> Option<&'static str> {
    const MAGIC: [(&[u8], &str); 12] = [
        (b"%PDF-", "PDF document"),
        (b"PK\x03\x04", "zip archive (or an office document)"),
        (b"\x89PNG", "PNG image"),
        (b"GIF87a", "GIF image"),
        (b"GIF89a", "GIF image"),
        (b"\xFF\xD8\xFF", "JPEG image"),
        (b"\xD0\xCF\x11\xE0", "OLE document (old Office)"),
        (b"Rar!", "RAR archive"),
        (b"7z\xBC\xAF\x27\x1C", "7-Zip archive"),
        (b"BZh", "bzip2 stream (decompress it first)"),
        (b"\xFD7zXZ\x00", "xz stream (decompress it first)"),
        (b"\x7FELF", "executable"),
    ];
    MAGIC
        .iter()
        .find(|(magic, _)| bytes.starts_with(magic))
        .map(|(_, what)| *what)
}

/// True when the text starts like a TREC `<DOC>` file.
fn looks_trec(start: &str) -> bool {
    let head: String = start.chars().take(5).collect::<String>().to_ascii_uppercase();
    head == "<DOC>" || (head.starts_with("<DOC") && head.chars().nth(4).is_some_and(char::is_whitespace))
}

/// Guesses the format from the first characters of the decoded text.
pub(crate) fn sniff(prefix: &str) -> InputFormat {
    let start = prefix.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}');
    if start.starts_with('{') || start.starts_with('[') {
        return InputFormat::Jsonl;
    }
    if !start.starts_with('<') {
        return InputFormat::Text;
    }
    if looks_trec(start) {
        return InputFormat::Trec;
    }
    let head: String = start.chars().take(2048).collect::<String>().to_ascii_lowercase();
    let feed = ["<rss", "<feed", "<rdf:rdf"]
        .iter()
        .filter_map(|tag| head.find(tag))
        .min();
    let html = ["<html", "<!doctype html", "<head", "<body", "<article", "<p>", "<div"]
        .iter()
        .filter_map(|tag| head.find(tag))
        .min();
    match (feed, html) {
        (Some(f), Some(h)) if h < f => InputFormat::Html,
        (Some(_), _) => InputFormat::Rss,
        (None, Some(_)) => InputFormat::Html,
        (None, None) if head.starts_with("<?xml") => InputFormat::Rss,
        (None, None) => InputFormat::Html,
    }
}

/// Decides the reader for an input.
///
/// The extension decides, except that content starting with `<DOC>` is TREC
/// whatever the extension (ANT's files are `.txt`), and that a name that says
/// nothing leaves it to the content.
pub(crate) fn choose(name: &str, prefix: &str) -> InputFormat {
    match by_name(name) {
        ByName::Format(format @ (InputFormat::Text | InputFormat::Rss)) => {
            if sniff(prefix) == InputFormat::Trec {
                InputFormat::Trec
            } else {
                format
            }
        }
        ByName::Format(format) => format,
        ByName::Unsupported(_) | ByName::Unknown => sniff(prefix),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(by_name("a/b/news.JSONL.gz"), ByName::Format(InputFormat::Jsonl));
        assert_eq!(by_name("x.ndjson.zst"), ByName::Format(InputFormat::Jsonl));
        assert_eq!(by_name("feed.atom"), ByName::Format(InputFormat::Rss));
        assert_eq!(by_name("page.htm"), ByName::Format(InputFormat::Html));
        assert_eq!(by_name("docs.sgml"), ByName::Format(InputFormat::Trec));
        assert_eq!(by_name("README"), ByName::Unknown);
        assert_eq!(by_name("-"), ByName::Unknown);
        assert_eq!(by_name("x.gz"), ByName::Unknown);
        assert_eq!(by_name("scan.pdf"), ByName::Unsupported("PDF document"));
    }

    #[test]
    fn content() {
        assert_eq!(sniff("  {\"title\": 1}"), InputFormat::Jsonl);
        assert_eq!(sniff("<DOC>\n<DOCNO>1</DOCNO>"), InputFormat::Trec);
        assert_eq!(sniff("<?xml version=\"1.0\"?><rss version=\"2.0\">"), InputFormat::Rss);
        assert_eq!(
            sniff("<?xml version=\"1.0\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">"),
            InputFormat::Rss
        );
        assert_eq!(sniff("<!DOCTYPE html><html><body>"), InputFormat::Html);
        assert_eq!(sniff("<html><body><a href=feed.rss>"), InputFormat::Html);
        assert_eq!(sniff("بدء جولة"), InputFormat::Text);
        assert_eq!(sniff(""), InputFormat::Text);
    }

    #[test]
    fn ant_txt_files_are_trec() {
        assert_eq!(choose("SK-middleEast-1-20180223.txt", "<DOC>\n"), InputFormat::Trec);
        assert_eq!(choose("a.txt", "<p>hello</p>"), InputFormat::Text);
        assert_eq!(choose("a.json", "<DOC>"), InputFormat::Jsonl);
        assert_eq!(choose("-", "<DOC>"), InputFormat::Trec);
    }

    #[test]
    fn magic() {
        assert_eq!(unsupported_magic(b"%PDF-1.4"), Some("PDF document"));
        assert_eq!(unsupported_magic(b"hello"), None);
    }
}
