//! TREC-style `<DOC>` files, as the ANT corpus writes them:
//!
//! ```text
//! <DOC>
//! <DOCNO>SK-middleEast-1-20180223</DOCNO>
//! <URL>https://…</URL> <SRC>…</SRC> <CAT>middleEast</CAT>
//! <TITLE>…</TITLE> <TIME>Fri, 23 Feb 2018 10:37:34 GMT</TIME> <AUTHOR>…</AUTHOR>
//! <TEXT>
//! …
//! </TEXT>
//! </DOC>
//! ```
//!
//! Parsed by hand, not as XML, because such files are not XML: `&` goes
//! unescaped, closing tags go missing, text sits between tags. A field without
//! its closing tag runs to the next field's opening tag. Tag names are matched
//! without regard to case; `HEADLINE` and `DATE` are read where `TITLE` and
//! `TIME` are missing (classic TREC). Well-formed character references
//! (`&amp;`, `&#1576;`) are decoded, a bare `&` is kept. The TEXT field keeps its
//! lines as written (trimmed at both ends) unless it holds `<P>` markup, whose
//! paragraphs then become lines.

use rasid_core::Article;

use crate::date;
use crate::error::{ErrorKind, IngestError, Location};
use crate::records::Ctx;
use crate::text::{add_warnings, normalize_newlines};

/// Field tags, lower-cased.
const FIELDS: [&str; 12] = [
    "docno", "url", "src", "cat", "title", "headline", "time", "date", "author", "abstract", "text", "doc",
];

/// Reads every `<DOC>` of a file. When the input was `cut_short`, a last
/// document without its `</DOC>` is dropped (the truncation error follows).
pub(crate) fn read(ctx: &Ctx, text: &str, cut_short: bool) -> Vec<Result<Article, IngestError>> {
    let text = normalize_newlines(text);
    let text = text.as_ref();
    let lower = text.to_ascii_lowercase();
    let mut out = Vec::new();
    let mut from = 0;
    let mut line = 1u64;
    let mut line_counted_to = 0;
    let mut index = 0u64;
    // The next `</doc>` at or after the search point, found once (not once per document).
    let mut close: Option<usize> = find_ci(&lower, "</doc>", 0);
    while let Some((tag_start, content_start)) = find_open(&lower, "doc", from) {
        index += 1;
        line += count_newlines(text, line_counted_to, tag_start);
        line_counted_to = tag_start;
        if close.is_some_and(|c| c < content_start) {
            close = find_ci(&lower, "</doc>", content_start);
        }
        let next_open = find_open(&lower, "doc", content_start).map(|(start, _)| start);
        let (end, resume, closed) = match (close, next_open) {
            (Some(close), Some(next)) if next < close => (next, next, false),
            (Some(close), _) => (close, close + "</doc>".len(), true),
            (None, Some(next)) => (next, next, false),
            (None, None) => (text.len(), text.len(), false),
        };
        from = resume;
        if cut_short && !closed && next_open.is_none() {
            break;
        }
        let doc = text.get(content_start..end).unwrap_or_default();
        let doc_lower = lower.get(content_start..end).unwrap_or_default();
        out.push(read_doc(ctx, doc, doc_lower, index, line));
    }
    if index == 0 {
        out.push(Err(ctx.error(None, ErrorKind::Malformed("no <DOC> records".into()))));
    }
    out
}

fn count_newlines(text: &str, from: usize, to: usize) -> u64 {
    text.as_bytes()
        .get(from..to)
        .map_or(0, |b| b.iter().filter(|&&c| c == b'\n').count() as u64)
}

/// Case-insensitive search in an already lower-cased text.
fn find_ci(lower: &str, needle: &str, from: usize) -> Option<usize> {
    lower.get(from..)?.find(needle).map(|i| from + i)
}

/// Finds the opening tag `<name>` (or `<name attr…>`) at or after `from`:
/// where the tag starts and where its content starts.
fn find_open(lower: &str, name: &str, from: usize) -> Option<(usize, usize)> {
    let pattern = format!("<{name}");
    let mut at = from;
    loop {
        let start = find_ci(lower, &pattern, at)?;
        let after = start + pattern.len();
        let rest = lower.get(after..)?;
        match rest.chars().next() {
            Some('>') => return Some((start, after + 1)),
            Some(c) if c.is_whitespace() => {
                let close = rest.find('>')?;
                return Some((start, after + close + 1));
            }
            _ => at = after,
        }
    }
}

/// The raw content of field `name` in a document, if the tag is there.
fn field<'a>(doc: &'a str, lower: &str, name: &str) -> Option<&'a str> {
    let (_, start) = find_open(lower, name, 0)?;
    let end = find_ci(lower, &format!("</{name}>"), start).unwrap_or_else(|| {
        FIELDS
            .iter()
            .filter(|other| **other != name)
            .filter_map(|other| find_open(lower, other, start).map(|(s, _)| s))
            .chain(find_ci(lower, "</doc>", start))
            .min()
            .unwrap_or(lower.len())
    });
    doc.get(start..end)
}

fn read_doc(ctx: &Ctx, doc: &str, lower: &str, index: u64, line: u64) -> Result<Article, IngestError> {
    let get = |name: &str| field(doc, lower, name).map(clean_inline).filter(|v| !v.is_empty());
    let body = field(doc, lower, "text").map(clean_text).filter(|b| !b.is_empty());
    let Some(body) = body else {
        return Err(ctx.error(Some(Location::Record(index)), ErrorKind::MissingField("TEXT".into())));
    };
    let title = get("title").or_else(|| get("headline")).unwrap_or_default();
    let mut builder = Article::builder(title, body);
    let mut warnings = Vec::new();
    if let Some(time) = get("time").or_else(|| get("date")) {
        match date::parse_published(&time) {
            Some(published) => {
                builder = builder.published(published.timestamp);
                warnings.extend(published.warnings);
            }
            None => warnings.push(format!("TIME: cannot read {time:?} as a date; left out")),
        }
    }
    if let Some(v) = get("docno") {
        builder = builder.external_id(v);
    }
    if let Some(v) = get("url") {
        builder = builder.url(v);
    }
    if let Some(v) = get("src") {
        builder = builder.source(v);
    }
    if let Some(v) = get("cat") {
        builder = builder.category(v);
    }
    if let Some(v) = get("author") {
        builder = builder.author(v);
    }
    Ok(ctx.finish(add_warnings(builder, warnings), Some(line), Some(index)))
}

/// A one-line field: references decoded, tags dropped, white space collapsed.
fn clean_inline(value: &str) -> String {
    let (text, _) = strip_tags(&decode_references(value));
    crate::markup::collapse(&text)
}

/// The TEXT field: references decoded; `<P>` markup (if any) made into lines.
fn clean_text(value: &str) -> String {
    let (text, had_tags) = strip_tags(&decode_references(value));
    if had_tags {
        let lines: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
        lines.join("\n")
    } else {
        text.trim().to_owned()
    }
}

/// Removes tags that look like markup (`<P>`, `</p>`, `<br/>`), putting a line
/// break in their place; other `<` characters are text. Says whether it removed any.
fn strip_tags(text: &str) -> (String, bool) {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let mut removed = false;
    while let Some(lt) = rest.find('<') {
        out.push_str(rest.get(..lt).unwrap_or_default());
        let after = rest.get(lt + 1..).unwrap_or_default();
        let name_part = after.strip_prefix('/').unwrap_or(after);
        let is_tag = name_part.starts_with(|c: char| c.is_ascii_alphabetic())
            && after
                .find('>')
                .is_some_and(|gt| gt <= 100 && !after.get(..gt).unwrap_or_default().contains('<'));
        match after.find('>').filter(|_| is_tag) {
            Some(gt) => {
                out.push('\n');
                removed = true;
                rest = after.get(gt + 1..).unwrap_or_default();
            }
            None => {
                out.push('<');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    (out, removed)
}

/// Decodes well-formed XML character references; anything else stays as written.
fn decode_references(text: &str) -> String {
    if !text.contains('&') {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(rest.get(..amp).unwrap_or_default());
        let after = rest.get(amp + 1..).unwrap_or_default();
        let decoded = after.find(';').filter(|semi| *semi <= 10).and_then(|semi| {
            let name = after.get(..semi)?;
            let c = match name {
                "amp" => '&',
                "lt" => '<',
                "gt" => '>',
                "quot" => '"',
                "apos" => '\'',
                "nbsp" => '\u{A0}',
                _ => {
                    let number = name.strip_prefix('#')?;
                    let code = match number.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                        None => number.parse().ok()?,
                    };
                    char::from_u32(code).filter(|c| *c != '\0')?
                }
            };
            Some((c, semi))
        });
        match decoded {
            Some((c, semi)) => {
                out.push(c);
                rest = after.get(semi + 1..).unwrap_or_default();
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use encoding_rs::UTF_8;
    use rasid_core::InputFormat;

    use super::*;

    fn ctx() -> Ctx {
        Ctx {
            path: "ant.txt".into(),
            format: InputFormat::Trec,
            encoding: UTF_8,
            decode_warning: None,
            fields: Default::default(),
        }
    }

    const TWO: &str = "<DOC>\n<DOCNO>SK-middleEast-1-20180223</DOCNO>\n<URL>https://www.skynewsarabia.com/1</URL>\n\
<SRC>skynews</SRC>\n<CAT>middleEast</CAT>\n<TITLE>غوطة دمشق & الهدنة</TITLE>\n<TIME>Fri, 23 Feb 2018 10:37:34 GMT</TIME>\n\
<AUTHOR>أبوظبي - سكاي نيوز عربية</AUTHOR>\n<ABSTRACT>ملخص</ABSTRACT>\n<TEXT>\nالفقرة الأولى.\nالفقرة الثانية &amp; الأخيرة.\n</TEXT>\n</DOC>\n\
stray text\n<doc>\n<docno>X-2</docno>\n<title>بلا إغلاق\n<text>نص <P>فقرة</P> a < b\n</doc>\n";

    #[test]
    fn two_docs() {
        let docs = read(&ctx(), TWO, false);
        assert_eq!(docs.len(), 2);
        let a = docs[0].as_ref().unwrap();
        assert_eq!(a.external_id.as_deref(), Some("SK-middleEast-1-20180223"));
        assert_eq!(a.title, "غوطة دمشق & الهدنة");
        assert_eq!(a.body, "الفقرة الأولى.\nالفقرة الثانية & الأخيرة.");
        assert_eq!(
            a.published.map(|t| t.to_string()).as_deref(),
            Some("2018-02-23T10:37:34+00:00")
        );
        assert_eq!(a.source.as_deref(), Some("skynews"));
        assert_eq!(a.category.as_deref(), Some("middleEast"));
        assert_eq!(a.author.as_deref(), Some("أبوظبي - سكاي نيوز عربية"));
        assert_eq!((a.origin.line, a.origin.record), (Some(1), Some(1)));
        let b = docs[1].as_ref().unwrap();
        assert_eq!(b.title, "بلا إغلاق");
        assert_eq!(b.body, "نص\nفقرة\na < b");
        assert_eq!((b.origin.line, b.origin.record), (Some(16), Some(2)));
    }

    #[test]
    fn missing_text_and_truncation() {
        let docs = read(&ctx(), "<DOC><DOCNO>1</DOCNO></DOC><DOC><TEXT>partial", true);
        assert_eq!(docs.len(), 1);
        assert_eq!(
            docs[0].as_ref().unwrap_err().to_string(),
            r#"ant.txt:record 1: no "TEXT" field"#
        );
        let docs = read(&ctx(), "<DOC><TEXT>whole but unclosed", false);
        assert_eq!(docs[0].as_ref().unwrap().body, "whole but unclosed");
        assert!(read(&ctx(), "no docs here", false)[0].is_err());
    }

    #[test]
    fn references() {
        assert_eq!(
            decode_references("a &amp; b & c &#1576;&#x628; &bogus; &"),
            "a & b & c بب &bogus; &"
        );
    }
}
