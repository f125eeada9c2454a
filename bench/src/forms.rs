//! Writes articles in each input form rasid reads, for the reader benchmarks.
//!
//! The layouts follow what the readers are built for (see `rasid-ingest`):
//!
//! | form | files | layout |
//! |---|---|---|
//! | text | one `.txt` per article | headline line, Egyptian dateline (`الجمعة، 23 فبراير 2018 10:37 ص`), body |
//! | jsonl | one `.jsonl` | `id title published body source url category author`, one object a line |
//! | html | one `.html` page per article | meta tags, navigation, `<h1>`, body paragraphs in `itemprop="articleBody"`, related links, footer |
//! | rss | one RSS 2.0 feed per [`RSS_ITEMS`] articles | `<item>` with title, link, guid, pubDate, category, HTML description |
//! | trec | one `.trec` per article (as the ANT corpus ships) | `<DOC>` with DOCNO, URL, SRC, CAT, TITLE, TIME, AUTHOR, TEXT |

use std::fmt::Write as _;
use std::fs;
use std::io::{self, BufWriter, Write as _};
use std::path::{Path, PathBuf};

use rasid_core::{Article, Timestamp};

/// Items per RSS feed.
pub const RSS_ITEMS: usize = 50;

/// The input forms.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Form {
    /// Plain text with a headline and an Egyptian dateline.
    Text,
    /// JSON Lines.
    Jsonl,
    /// HTML article pages.
    Html,
    /// RSS 2.0 feeds.
    Rss,
    /// TREC `<DOC>` files.
    Trec,
}

impl Form {
    /// Every form, in table order.
    pub const ALL: [Form; 5] = [Form::Text, Form::Jsonl, Form::Html, Form::Rss, Form::Trec];

    /// The form's name (as `rasid analyze --format` spells it).
    pub fn name(self) -> &'static str {
        match self {
            Form::Text => "text",
            Form::Jsonl => "jsonl",
            Form::Html => "html",
            Form::Rss => "rss",
            Form::Trec => "trec",
        }
    }

    /// How the articles are laid out in files, for the tables.
    pub fn layout(self) -> String {
        match self {
            Form::Text => "one .txt per article: headline, Egyptian dateline, body".into(),
            Form::Jsonl => "one .jsonl, one article a line".into(),
            Form::Html => "one .html page per article, with navigation and boilerplate".into(),
            Form::Rss => format!("RSS 2.0 feeds of {RSS_ITEMS} items, HTML descriptions"),
            Form::Trec => "one .trec `<DOC>` per article".into(),
        }
    }
}

/// The files written for one form.
#[derive(Clone, Debug, Default)]
pub struct Written {
    /// The files, in reading order.
    pub files: Vec<PathBuf>,
    /// Their total size in bytes.
    pub bytes: u64,
}

/// Writes `articles` in `form` into `dir` (created if needed).
///
/// # Errors
/// Any I/O error.
pub fn write(form: Form, articles: &[Article], dir: &Path) -> io::Result<Written> {
    fs::create_dir_all(dir)?;
    let mut written = Written::default();
    let mut put = |name: String, content: &str| -> io::Result<()> {
        let path = dir.join(name);
        fs::write(&path, content)?;
        written.bytes += content.len() as u64;
        written.files.push(path);
        Ok(())
    };
    match form {
        Form::Text => {
            for (i, a) in articles.iter().enumerate() {
                put(format!("{i:05}.txt"), &text(a))?;
            }
        }
        Form::Html => {
            for (i, a) in articles.iter().enumerate() {
                put(format!("{i:05}.html"), &html(a))?;
            }
        }
        Form::Trec => {
            for (i, a) in articles.iter().enumerate() {
                put(format!("{i:05}.trec"), &trec(a))?;
            }
        }
        Form::Rss => {
            for (i, chunk) in articles.chunks(RSS_ITEMS).enumerate() {
                put(format!("feed-{i:03}.rss"), &rss(chunk))?;
            }
        }
        Form::Jsonl => {
            let path = dir.join("sample.jsonl");
            let mut out = BufWriter::new(fs::File::create(&path)?);
            for a in articles {
                let line = jsonl(a);
                out.write_all(line.as_bytes())?;
                out.write_all(b"\n")?;
                written.bytes += line.len() as u64 + 1;
            }
            out.flush()?;
            written.files.push(path);
        }
    }
    Ok(written)
}

const MONTHS: [&str; 12] = [
    "يناير",
    "فبراير",
    "مارس",
    "أبريل",
    "مايو",
    "يونيو",
    "يوليو",
    "أغسطس",
    "سبتمبر",
    "أكتوبر",
    "نوفمبر",
    "ديسمبر",
];

const WEEKDAYS: [&str; 7] = ["الأحد", "الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت"];

/// An Egyptian-style dateline: `الخميس، 21 ديسمبر 2017 10:57 ص`.
pub fn egyptian_dateline(ts: &Timestamp) -> String {
    let dt = ts.datetime();
    let weekday = WEEKDAYS
        .get(usize::from(dt.weekday().to_sunday_zero_offset().unsigned_abs()))
        .copied()
        .unwrap_or_default();
    let month = usize::try_from(dt.month() - 1)
        .ok()
        .and_then(|m| MONTHS.get(m))
        .copied()
        .unwrap_or_default();
    let hour = dt.hour();
    let h12 = match hour % 12 {
        0 => 12,
        h => h,
    };
    let half = if hour < 12 { "ص" } else { "م" };
    format!(
        "{weekday}، {} {month} {} {h12}:{:02} {half}",
        dt.day(),
        dt.year(),
        dt.minute()
    )
}

/// An RFC 2822 date as feeds and TREC files write it: `Fri, 23 Feb 2018 10:37:34 +0400`.
pub fn rfc2822(ts: &Timestamp) -> String {
    let mut s = ts.datetime().strftime("%a, %d %b %Y %H:%M:%S").to_string();
    match ts.offset_seconds() {
        Some(secs) => {
            let sign = if secs < 0 { '-' } else { '+' };
            let abs = secs.unsigned_abs();
            let _ = write!(s, " {sign}{:02}{:02}", abs / 3600, (abs % 3600) / 60);
        }
        None => s.push_str(" GMT"),
    }
    s
}

/// Escapes text for XML and HTML content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 16);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn paragraphs(body: &str) -> impl Iterator<Item = &str> {
    body.lines().map(str::trim).filter(|p| !p.is_empty())
}

fn text(a: &Article) -> String {
    let mut s = one_line(&a.title);
    s.push('\n');
    if let Some(ts) = &a.published {
        s.push_str(&egyptian_dateline(ts));
        s.push('\n');
    }
    s.push_str(&a.body);
    s.push('\n');
    s
}

fn jsonl(a: &Article) -> String {
    serde_json::json!({
        "id": a.external_id,
        "title": a.title,
        "published": a.published.map(|t| t.to_string()),
        "body": a.body,
        "source": a.source,
        "url": a.url,
        "category": a.category,
        "author": a.author,
    })
    .to_string()
}

fn html(a: &Article) -> String {
    let title = escape(&one_line(&a.title));
    let source = escape(a.source.as_deref().unwrap_or("موقع إخباري"));
    let mut s = String::with_capacity(a.body.len() * 11 / 10 + 2048);
    s.push_str("<!DOCTYPE html><html lang=\"ar\" dir=\"rtl\"><head>\n<meta charset=\"utf-8\">\n");
    let _ = writeln!(s, "<title>{title} - {source}</title>");
    let _ = writeln!(s, "<meta property=\"og:site_name\" content=\"{source}\">");
    if let Some(ts) = &a.published {
        let _ = writeln!(s, "<meta property=\"article:published_time\" content=\"{ts}\">");
    }
    if let Some(url) = &a.url {
        let _ = writeln!(s, "<link rel=\"canonical\" href=\"{}\">", escape(url));
    }
    s.push_str(
        "<script>window.dataLayer = window.dataLayer || [];</script>\n</head><body>\n\
         <header class=\"site-header\"><nav><ul><li><a href=\"/\">الرئيسية</a></li><li><a href=\"/world\">العالم</a></li>\
         <li><a href=\"/economy\">اقتصاد</a></li><li><a href=\"/sport\">رياضة</a></li></ul></nav></header>\n<main><article>\n",
    );
    let _ = writeln!(s, "<h1>{title}</h1>");
    s.push_str("<div class=\"social-share\"><a href=\"/share/fb\">فيسبوك</a> <a href=\"/share/tw\">تويتر</a></div>\n");
    s.push_str("<div itemprop=\"articleBody\">\n");
    for p in paragraphs(&a.body) {
        let _ = writeln!(s, "<p>{}</p>", escape(p));
    }
    s.push_str(
        "</div>\n<div class=\"related-news\"><h3>اقرأ أيضا</h3><ul><li><a href=\"/1\">خبر متعلق أول</a></li>\
         <li><a href=\"/2\">خبر متعلق ثان</a></li></ul></div>\n</article></main>\n\
         <aside><h3>الأكثر قراءة</h3><p>عناوين الأكثر قراءة اليوم</p></aside>\n\
         <footer><p>جميع الحقوق محفوظة</p></footer>\n</body></html>\n",
    );
    s
}

fn rss(items: &[Article]) -> String {
    let channel = escape(items.first().and_then(|a| a.source.as_deref()).unwrap_or("موقع إخباري"));
    let mut s = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel>\n");
    let _ = writeln!(
        s,
        "<title>{channel}</title><link>https://example.invalid/</link><description>آخر الأخبار</description>"
    );
    for a in items {
        s.push_str("<item>");
        let _ = write!(s, "<title>{}</title>", escape(&one_line(&a.title)));
        if let Some(url) = &a.url {
            let _ = write!(s, "<link>{}</link>", escape(url));
        }
        if let Some(id) = &a.external_id {
            let _ = write!(s, "<guid isPermaLink=\"false\">{}</guid>", escape(id));
        }
        if let Some(ts) = &a.published {
            let _ = write!(s, "<pubDate>{}</pubDate>", rfc2822(ts));
        }
        if let Some(cat) = &a.category {
            let _ = write!(s, "<category>{}</category>", escape(cat));
        }
        let mut description = String::with_capacity(a.body.len() + 64);
        for p in paragraphs(&a.body) {
            let _ = write!(description, "<p>{}</p>", escape(p));
        }
        let _ = writeln!(s, "<description>{}</description></item>", escape(&description));
    }
    s.push_str("</channel></rss>\n");
    s
}

fn trec(a: &Article) -> String {
    let mut s = String::with_capacity(a.body.len() + 512);
    s.push_str("<DOC>\n");
    let field = |s: &mut String, tag: &str, value: Option<&str>| {
        if let Some(v) = value {
            let _ = writeln!(s, "<{tag}>{}</{tag}>", one_line(v));
        }
    };
    field(&mut s, "DOCNO", a.external_id.as_deref());
    field(&mut s, "URL", a.url.as_deref());
    field(&mut s, "SRC", a.source.as_deref());
    field(&mut s, "CAT", a.category.as_deref());
    field(&mut s, "TITLE", Some(&a.title));
    field(&mut s, "TIME", a.published.as_ref().map(rfc2822).as_deref());
    field(&mut s, "AUTHOR", a.author.as_deref());
    let _ = write!(s, "<TEXT>\n{}\n</TEXT>\n</DOC>\n", a.body);
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use rasid_ingest::{read_path, ReadOptions};

    fn example() -> Article {
        read_path(&crate::corpus::example_path(), &ReadOptions::default())
            .next()
            .unwrap()
            .unwrap()
    }

    #[test]
    fn datelines() {
        let ts: Timestamp = "2017-12-21T10:57:00+02:00".parse().unwrap();
        assert_eq!(egyptian_dateline(&ts), "الخميس، 21 ديسمبر 2017 10:57 ص");
        assert_eq!(rfc2822(&ts), "Thu, 21 Dec 2017 10:57:00 +0200");
        let pm: Timestamp = "2018-02-23T12:05:00".parse().unwrap();
        assert_eq!(egyptian_dateline(&pm), "الجمعة، 23 فبراير 2018 12:05 م");
    }

    #[test]
    fn every_form_reads_back() {
        let mut a = example();
        a.external_id = Some("AS-middleEast-1-20171221".into());
        a.source = Some("اليوم السابع".into());
        a.url = Some("https://www.youm7.com/story/2017/12/21/3563563".into());
        a.category = Some("middleEast".into());
        let mut b = a.clone();
        b.title = "عنوان ثان & <آخر>".into();
        b.body = "فقرة \"أولى\".\n\nفقرة ثانية.".into();
        let articles = vec![a, b];
        let dir = tempfile::tempdir().unwrap();
        for form in Form::ALL {
            let written = write(form, &articles, &dir.path().join(form.name())).unwrap();
            assert!(written.bytes > 0);
            let read: Vec<Article> = written
                .files
                .iter()
                .flat_map(|f| read_path(f, &ReadOptions::default()))
                .collect::<Result<_, _>>()
                .unwrap_or_else(|e| panic!("help: {form:?} files do not read back: {e}"));
            assert_eq!(read.len(), 2, "help: {form:?}");
            for (got, want) in read.iter().zip(&articles) {
                assert_eq!(got.title, want.title, "help: {form:?} title");
                let paras = |s: &str| paragraphs(s).map(str::to_owned).collect::<Vec<_>>();
                assert_eq!(paras(&got.body), paras(&want.body), "help: {form:?} body");
                assert_eq!(
                    got.published.map(|t| t.datetime()),
                    want.published.map(|t| t.datetime()),
                    "help: {form:?} date"
                );
            }
        }
    }
}
