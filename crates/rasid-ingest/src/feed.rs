//! RSS 0.9x/1.0 (RDF)/2.0, Atom and JSON Feed through feed-rs: one article per item.
//!
//! The text handed to feed-rs is already decoded, so its XML declaration is
//! dropped (feed-rs would otherwise decode a second time by the declared
//! encoding). Times go through rasid's own parser, which keeps the source's UTC
//! offset (feed-rs itself converts to UTC) and reads Arabic datelines too.
//! Item content (or else its summary) is HTML made into paragraphs of text.

use std::collections::HashMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::{Arc, Mutex};

use feed_rs::model::{Entry, Feed};
use rasid_core::{Article, Timestamp};

use crate::date::{self, Published};
use crate::error::{ErrorKind, IngestError, Location};
use crate::html::host;
use crate::markup::fragment_text;
use crate::records::Ctx;
use crate::text::add_warnings;

/// Feeds nested deeper than this are refused rather than risk the parser's stack.
const MAX_DEPTH: usize = 256;

/// Reads every item of a feed.
pub(crate) fn read(ctx: &Ctx, text: &str) -> Vec<Result<Article, IngestError>> {
    let text = drop_xml_declaration(text);
    if let Some(depth) = nesting_depth(text).filter(|d| *d > MAX_DEPTH) {
        let reason = format!("elements nested {depth} deep (more than {MAX_DEPTH})");
        return vec![Err(ctx.error(None, ErrorKind::Malformed(reason)))];
    }
    match parse(text) {
        Ok((feed, times)) => {
            let source = feed_source(&feed);
            feed.entries
                .into_iter()
                .zip(1u64..)
                .map(|(entry, index)| read_entry(ctx, entry, index, source.as_deref(), &times))
                .collect()
        }
        Err(reason) => match read_items_one_by_one(ctx, text) {
            Some(items) => items,
            None => vec![Err(ctx.error(None, ErrorKind::Malformed(reason)))],
        },
    }
}

/// Timestamps as the feed wrote them, by Unix second.
type Times = HashMap<i64, Published>;

/// Parses a whole feed; the error is one line.
fn parse(text: &str) -> Result<(Feed, Times), String> {
    let times: Arc<Mutex<Times>> = Arc::default();
    let seen = Arc::clone(&times);
    let parser = feed_rs::parser::Builder::new()
        // Leave missing ids empty rather than invent them: external_id is the feed's own.
        .id_generator(|_, _, _| String::new())
        .timestamp_parser(move |raw| {
            let published = date::parse_published(raw)?;
            let seconds = published.timestamp.unix_seconds();
            if let Ok(mut seen) = seen.lock() {
                seen.insert(seconds, published);
            }
            chrono::DateTime::from_timestamp(seconds, 0)
        })
        .build();
    // feed-rs is a third-party parser of untrusted input: a panic in it must not take the run down.
    let parsed = catch_unwind(AssertUnwindSafe(|| parser.parse(text.as_bytes())));
    let feed = match parsed {
        Ok(Ok(feed)) => feed,
        Ok(Err(err)) => return Err(format!("not a feed: {}", one_line(&err.to_string()))),
        Err(_) => return Err("the feed parser failed".into()),
    };
    let times = times.lock().map(|t| t.clone()).unwrap_or_default();
    Ok((feed, times))
}

/// Error text from a parser as one line of at most [`MAX_REASON_CHARS`]
/// characters: parsers quote the input they choke on, which may be kilobytes
/// over many lines.
pub(crate) fn one_line(text: &str) -> String {
    let flat: String = text
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .filter(|c| !c.is_control())
        .collect();
    match flat.char_indices().nth(MAX_REASON_CHARS) {
        Some((cut, _)) => format!("{}…", flat.get(..cut).unwrap_or_default()),
        None => flat,
    }
}

/// The longest reason quoted from a parser.
const MAX_REASON_CHARS: usize = 160;

/// When the feed as a whole is not well-formed: each item (`<item>` or
/// `<entry>`) parsed on its own, inside the feed's head and tail, so that one
/// bad item costs that item alone. An item whose only fault is a bare `&` is
/// read with the `&` taken as `&amp;`, with a warning naming its line and
/// column; another bad item is an error naming its line and column. `None`
/// when the feed has no items to read this way.
fn read_items_one_by_one(ctx: &Ctx, text: &str) -> Option<Vec<Result<Article, IngestError>>> {
    let spans = item_spans(text);
    let (first, last) = (spans.first()?.0, spans.last()?.1);
    // A bare `&` outside the items (in the channel's title) would fail them all.
    let head = escape_bare_ampersands(text.get(..first)?);
    let tail = escape_bare_ampersands(text.get(last..)?);
    let mut out = Vec::with_capacity(spans.len());
    for ((start, end), index) in spans.into_iter().zip(1u64..) {
        let item = text.get(start..end).unwrap_or_default();
        let (line, column) = line_column(text, start);
        let parsed = match parse(&format!("{head}{item}{tail}")) {
            Ok(parsed) => Ok((parsed, None)),
            Err(reason) => match bare_ampersands(item) {
                Some(at) => {
                    let (line, column) = line_column(text, start + at);
                    parse(&format!("{head}{}{tail}", escape_bare_ampersands(item)))
                        .map(|parsed| {
                            let note = format!("line {line}, column {column}: a bare `&` read as `&amp;`");
                            (parsed, Some(note))
                        })
                        .map_err(|_| format!("line {line}, column {column}: a bare `&`, and {reason}"))
                }
                None => Err(format!("line {line}, column {column}: {reason}")),
            },
        };
        match parsed {
            Ok(((feed, times), note)) => {
                let source = feed_source(&feed);
                for entry in feed.entries {
                    let article = read_entry(ctx, entry, index, source.as_deref(), &times);
                    out.push(article.map(|mut a| {
                        a.warnings.extend(note.clone());
                        a
                    }));
                }
            }
            Err(reason) => out.push(Err(ctx.error(
                Some(Location::Record(index)),
                ErrorKind::Malformed(format!("item not well-formed at {reason}")),
            ))),
        }
    }
    Some(out)
}

/// Byte spans of the `<item>…</item>` and `<entry>…</entry>` elements.
fn item_spans(text: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut from = 0;
    while let Some((start, name)) = next_item_start(text, from) {
        let close = format!("</{name}>");
        let Some(end) = text.get(start..).and_then(|rest| rest.find(&close)) else {
            break;
        };
        let end = start + end + close.len();
        spans.push((start, end));
        from = end;
    }
    spans
}

fn next_item_start(text: &str, from: usize) -> Option<(usize, &'static str)> {
    let rest = text.get(from..)?;
    ["item", "entry"]
        .into_iter()
        .filter_map(|name| {
            let mut at = 0;
            while let Some(found) = rest.get(at..)?.find(&format!("<{name}")) {
                let start = at + found;
                let after = rest.as_bytes().get(start + 1 + name.len()).copied();
                if matches!(after, Some(b'>' | b' ' | b'\t' | b'\n' | b'\r')) {
                    return Some((from + start, name));
                }
                at = start + 1;
            }
            None
        })
        .min_by_key(|(start, _)| *start)
}

/// 1-based line and column (in characters) of a byte offset.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// Offset of the first `&` that starts no character or entity reference.
fn bare_ampersands(text: &str) -> Option<usize> {
    text.match_indices('&')
        .map(|(at, _)| at)
        .find(|&at| !is_reference(text.get(at..).unwrap_or_default()))
}

/// True when `text` (starting at `&`) starts with `&name;`, `&#123;` or `&#x1F;`.
fn is_reference(text: &str) -> bool {
    let body = text.get(1..).unwrap_or_default();
    let Some(end) = body.find(';').filter(|&end| end > 0 && end <= 32) else {
        return false;
    };
    let name = body.get(..end).unwrap_or_default();
    match name.strip_prefix('#') {
        Some(n) => match n.strip_prefix(['x', 'X']) {
            Some(hex) => !hex.is_empty() && hex.chars().all(|c| c.is_ascii_hexdigit()),
            None => !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()),
        },
        None => name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | ':')),
    }
}

fn escape_bare_ampersands(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut last = 0;
    for (at, _) in text.match_indices('&') {
        out.push_str(text.get(last..at).unwrap_or_default());
        out.push_str(if is_reference(text.get(at..).unwrap_or_default()) {
            "&"
        } else {
            "&amp;"
        });
        last = at + 1;
    }
    out.push_str(text.get(last..).unwrap_or_default());
    out
}

/// The feed's title, else the host of its link.
fn feed_source(feed: &Feed) -> Option<String> {
    let title = feed
        .title
        .as_ref()
        .map(|t| fragment_text(&t.content).replace('\n', " "));
    title
        .filter(|t| !t.is_empty())
        .or_else(|| feed.links.iter().find_map(|l| host(&l.href)))
}

fn read_entry(
    ctx: &Ctx,
    entry: Entry,
    index: u64,
    source: Option<&str>,
    times: &HashMap<i64, Published>,
) -> Result<Article, IngestError> {
    let content = entry
        .content
        .and_then(|c| c.body)
        .map(|b| fragment_text(&b))
        .filter(|b| !b.is_empty());
    let body = content.or_else(|| {
        entry
            .summary
            .map(|s| fragment_text(&s.content))
            .filter(|b| !b.is_empty())
    });
    let Some(body) = body else {
        return Err(ctx.error(Some(Location::Record(index)), ErrorKind::MissingField("content".into())));
    };
    let title = entry
        .title
        .map(|t| fragment_text(&t.content).replace('\n', " "))
        .unwrap_or_default();
    let mut builder = Article::builder(title, body);
    let mut warnings = Vec::new();
    if let Some(instant) = entry.published.or(entry.updated) {
        let seconds = instant.timestamp();
        let published = times.get(&seconds).cloned().or_else(|| {
            let utc = jiff::Timestamp::from_second(seconds).ok()?;
            Some(Published {
                timestamp: Timestamp::with_offset(jiff::tz::Offset::UTC.to_datetime(utc), 0),
                warnings: Vec::new(),
            })
        });
        if let Some(published) = published {
            builder = builder.published(published.timestamp);
            warnings.extend(published.warnings);
        }
    }
    if let Some(source) = source {
        builder = builder.source(source);
    }
    let link = entry
        .links
        .iter()
        .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
        .or(entry.links.first());
    if let Some(link) = link.filter(|l| !l.href.trim().is_empty()) {
        builder = builder.url(link.href.trim());
    }
    let authors: Vec<&str> = entry
        .authors
        .iter()
        .filter_map(|p| p.name.as_deref())
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .collect();
    if !authors.is_empty() {
        builder = builder.author(authors.join(", "));
    }
    let categories: Vec<&str> = entry
        .categories
        .iter()
        .map(|c| c.label.as_deref().unwrap_or(&c.term).trim())
        .filter(|c| !c.is_empty())
        .collect();
    if !categories.is_empty() {
        builder = builder.category(categories.join(", "));
    }
    if !entry.id.trim().is_empty() {
        builder = builder.external_id(entry.id.trim());
    }
    Ok(ctx.finish(add_warnings(builder, warnings), None, Some(index)))
}

/// The text without a leading `<?xml …?>` declaration.
fn drop_xml_declaration(text: &str) -> &str {
    let start = text.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}');
    if start.starts_with("<?xml") {
        if let Some(end) = start.find("?>") {
            return start.get(end + 2..).unwrap_or_default();
        }
    }
    text
}

/// The deepest element nesting in an XML text (comments, CDATA and declarations skipped).
fn nesting_depth(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let (mut depth, mut max, mut i) = (0usize, 0usize, 0usize);
    while let Some(offset) = bytes.get(i..).and_then(|rest| rest.iter().position(|&b| b == b'<')) {
        i += offset;
        let rest = bytes.get(i..).unwrap_or_default();
        let skip_to = |end: &[u8]| crate::decode::find(rest, end).map(|e| i + e + end.len());
        let next = if rest.starts_with(b"<!--") {
            skip_to(b"-->")
        } else if rest.starts_with(b"<![CDATA[") {
            skip_to(b"]]>")
        } else if rest.starts_with(b"<?") || rest.starts_with(b"<!") {
            skip_to(b">")
        } else {
            let end = skip_to(b">");
            if rest.starts_with(b"</") {
                depth = depth.saturating_sub(1);
            } else if end.is_some_and(|e| bytes.get(e.saturating_sub(2)) == Some(&b'/')) {
                // <empty/>
            } else {
                depth += 1;
                max = max.max(depth);
            }
            end
        };
        match next {
            Some(next) => i = next,
            None => break,
        }
    }
    Some(max)
}

#[cfg(test)]
mod tests {
    use encoding_rs::UTF_8;
    use rasid_core::InputFormat;

    use super::*;

    fn ctx() -> Ctx {
        Ctx {
            path: "feed.xml".into(),
            format: InputFormat::Rss,
            encoding: UTF_8,
            decode_warning: None,
            fields: Default::default(),
        }
    }

    const RSS: &str = r#"<?xml version="1.0" encoding="windows-1256"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>
<title>اليوم السابع</title><link>https://www.youm7.com/</link>
<item><title>بدء جولة محادثات</title><link>https://www.youm7.com/1</link><guid>y7-1</guid>
<pubDate>Thu, 21 Dec 2017 10:57:00 +0200</pubDate><category>عربى</category><dc:creator>أ ف ب</dc:creator>
<description><![CDATA[<p>بدأت جولة محادثات.</p><p>وقال متحدث.</p>]]></description></item>
<item><title>خبر بلا نص</title><link>https://www.youm7.com/2</link></item>
</channel></rss>"#;

    #[test]
    fn rss_items() {
        let items = read(&ctx(), RSS);
        assert_eq!(items.len(), 2);
        let a = items[0].as_ref().unwrap();
        assert_eq!(a.title, "بدء جولة محادثات");
        assert_eq!(a.body, "بدأت جولة محادثات.\nوقال متحدث.");
        assert_eq!(
            a.published.map(|t| t.to_string()).as_deref(),
            Some("2017-12-21T10:57:00+02:00")
        );
        assert_eq!(a.source.as_deref(), Some("اليوم السابع"));
        assert_eq!(a.url.as_deref(), Some("https://www.youm7.com/1"));
        assert_eq!(a.external_id.as_deref(), Some("y7-1"));
        assert_eq!(a.category.as_deref(), Some("عربى"));
        assert_eq!(a.author.as_deref(), Some("أ ف ب"));
        assert_eq!(a.origin.record, Some(1));
        let err = items[1].as_ref().unwrap_err();
        assert_eq!(err.to_string(), r#"feed.xml:record 2: no "content" field"#);
    }

    #[test]
    fn not_a_feed() {
        let items = read(&ctx(), "<html><body>x</body></html>");
        assert!(
            matches!(items.as_slice(), [Err(e)] if matches!(e.kind, ErrorKind::Malformed(_))),
            "{items:?}"
        );
    }

    /// Issue 19, item 4: one bare `&` in one item failed the whole feed with
    /// no position; mismatched tags pasted the input over several lines.
    #[test]
    fn regression_one_bad_item_fails_the_whole_feed() {
        let mut feed = String::from("<rss version=\"2.0\"><channel><title>وكالة</title>\n");
        for i in 1..=50 {
            let title = if i == 37 {
                "الاقتصاد & السياسة".to_owned()
            } else {
                format!("خبر {i}")
            };
            feed.push_str(&format!(
                "<item><title>{title}</title>\n<description>نص الخبر رقم {i} &amp; تفاصيله</description></item>\n"
            ));
        }
        feed.push_str("<item><title>مكسور</title><description>نص <b>غير مغلق</description></item>\n");
        feed.push_str("</channel></rss>");
        let items = read(&ctx(), &feed);
        assert_eq!(items.len(), 51);
        let ok: Vec<&Article> = items.iter().filter_map(|r| r.as_ref().ok()).collect();
        assert_eq!(ok.len(), 50, "{items:?}");
        let fixed = ok.iter().find(|a| a.title.contains("الاقتصاد")).unwrap();
        assert_eq!(fixed.title, "الاقتصاد & السياسة");
        assert_eq!(fixed.origin.record, Some(37));
        assert!(
            fixed
                .warnings
                .iter()
                .any(|w| w == "line 74, column 23: a bare `&` read as `&amp;`"),
            "{:?}",
            fixed.warnings
        );
        assert!(ok.iter().all(|a| a.title == fixed.title || a.warnings.is_empty()));
        let err = items[50].as_ref().unwrap_err();
        let message = err.to_string();
        assert!(message.starts_with("feed.xml:record 51: "), "{message}");
        assert!(message.contains("line 102, column 1"), "{message}");
        assert!(!message.contains('\n') && message.chars().count() < 300, "{message}");
    }

    #[test]
    fn one_line_reasons() {
        let long = format!("mismatched tag\n{}\n", "<p>نص طويل</p>\n".repeat(500));
        let line = one_line(&long);
        assert!(!line.contains('\n'));
        assert!(line.chars().count() <= MAX_REASON_CHARS + 1);
        assert!(line.starts_with("mismatched tag <p>"));
        assert!(line.ends_with('…'));
    }

    #[test]
    fn depth() {
        assert_eq!(
            nesting_depth("<a><b/><c><![CDATA[<br><br>]]><!-- <x> --></c></a>"),
            Some(2)
        );
        let deep = "<rss>".repeat(10_000);
        assert!(matches!(read(&ctx(), &deep).as_slice(), [Err(_)]));
    }
}
