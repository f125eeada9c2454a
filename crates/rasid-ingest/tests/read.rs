//! End-to-end: every form and encoding, from files on disk (built in a temporary
//! directory from the committed canonical article) through `expand` and `read_path`.
//!
//! Tests whose names start with `dateline_` rely on `rasid_calendar::parse_dateline`
//! accepting the canonical dateline `الخميس، 21 ديسمبر 2017 10:57 ص`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)] // test code

use std::io::Write;
use std::path::{Path, PathBuf};

use encoding_rs::{Encoding, ISO_8859_6, UTF_16BE, UTF_16LE, WINDOWS_1256};
use rasid_core::{Article, InputFormat};
use rasid_ingest::{
    expand, read_bytes, read_path, Compression, ErrorKind, FieldNames, IngestError, Location, ReadOptions,
};

const ASTANA: &str = include_str!("data/astana-2017-12-21.txt");
const TITLE: &str = "بدء جولة محادثات سلام جديدة حول سوريا فى استانا";
const DATELINE: &str = "الخميس، 21 ديسمبر 2017 10:57 ص";

/// The canonical body: everything after the dateline line.
fn astana_body() -> String {
    ASTANA.splitn(3, '\n').nth(2).unwrap().trim().to_owned()
}

fn read_all(path: &Path) -> Vec<Result<Article, IngestError>> {
    read_path(path, &ReadOptions::default()).collect()
}

fn read_ok(path: &Path) -> Vec<Article> {
    read_all(path)
        .into_iter()
        .map(|r| r.unwrap_or_else(|e| panic!("{e}")))
        .collect()
}

fn only(path: &Path) -> Article {
    let mut articles = read_ok(path);
    assert_eq!(articles.len(), 1, "{path:?}");
    articles.remove(0)
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, bytes).unwrap();
    path
}

fn encode(text: &str, encoding: &'static Encoding) -> Vec<u8> {
    if encoding == UTF_16LE {
        return text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    }
    if encoding == UTF_16BE {
        return text.encode_utf16().flat_map(u16::to_be_bytes).collect();
    }
    let (bytes, _, unmappable) = encoding.encode(text);
    assert!(!unmappable, "{} cannot hold the text", encoding.name());
    bytes.into_owned()
}

fn with_bom(bom: &[u8], bytes: Vec<u8>) -> Vec<u8> {
    [bom.to_vec(), bytes].concat()
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(bytes).unwrap();
    enc.finish().unwrap()
}

fn zstd(bytes: &[u8]) -> Vec<u8> {
    zstd::stream::encode_all(bytes, 3).unwrap()
}

#[test]
fn dateline_canonical_text_article() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "astana-2017-12-21.txt", ASTANA.as_bytes());
    let a = only(&path);
    assert_eq!(a.title, TITLE);
    assert_eq!(a.dateline.as_deref(), Some(DATELINE));
    assert_eq!(
        a.published.map(|t| t.to_string()).as_deref(),
        Some("2017-12-21T10:57:00")
    );
    assert_eq!(a.body, astana_body());
    assert_eq!(a.body.split('\n').count(), 12);
    assert!(a.body.starts_with("بدأت جولة محادثات سلام جديدة"));
    assert!(a.body.ends_with("لكن بدون وقفها بالكامل."));
    assert_eq!(a.origin.format, Some(InputFormat::Text));
    assert_eq!(a.origin.encoding.as_deref(), Some("UTF-8"));
    assert_eq!(a.origin.path, path.display().to_string());
    assert!(a.warnings.is_empty(), "{:?}", a.warnings);
}

#[test]
fn dateline_every_encoding_gives_the_same_article() {
    let dir = tempfile::tempdir().unwrap();
    let reference = only(&write(dir.path(), "utf8.txt", ASTANA.as_bytes()));
    let cases: [(&str, Vec<u8>, &str); 6] = [
        (
            "bom.txt",
            with_bom(b"\xEF\xBB\xBF", ASTANA.as_bytes().to_vec()),
            "UTF-8",
        ),
        ("cp1256.txt", encode(ASTANA, WINDOWS_1256), "windows-1256"),
        ("iso.txt", encode(ASTANA, ISO_8859_6), "ISO-8859-6"),
        ("le.txt", with_bom(b"\xFF\xFE", encode(ASTANA, UTF_16LE)), "UTF-16LE"),
        ("be.txt", with_bom(b"\xFE\xFF", encode(ASTANA, UTF_16BE)), "UTF-16BE"),
        ("crlf.txt", ASTANA.replace('\n', "\r\n").into_bytes(), "UTF-8"),
    ];
    for (name, bytes, encoding) in cases {
        let a = only(&write(dir.path(), name, &bytes));
        assert_eq!(a.origin.encoding.as_deref(), Some(encoding), "{name}");
        assert_eq!(a.title, reference.title, "{name}");
        assert_eq!(a.body, reference.body, "{name}");
        assert_eq!(a.published, reference.published, "{name}");
        assert_eq!(a.id, reference.id, "{name}");
        assert!(a.warnings.is_empty(), "{name}: {:?}", a.warnings);
    }
}

/// Issue 19, item 3: analysis holds a few hundred bytes per token, so a record
/// at the 64 MiB input limit could need tens of GB. A body longer than
/// `MAX_BODY_CHARS` is cut, at a space, with a warning; the id stays the
/// whole text's.
#[test]
fn regression_huge_article_is_analysed_whole() {
    let dir = tempfile::tempdir().unwrap();
    let word = "كلمة ";
    let words = rasid_ingest::MAX_BODY_CHARS / word.chars().count() * 2;
    let body = word.repeat(words);
    let path = write(dir.path(), "huge.txt", format!("عنوان\n\n{body}").as_bytes());
    let a = only(&path);
    let kept = a.body.chars().count();
    assert!(kept <= rasid_ingest::MAX_BODY_CHARS, "{kept}");
    assert!(kept > rasid_ingest::MAX_BODY_CHARS - 10, "{kept}");
    assert!(a.body.ends_with("كلمة"), "cut at a space");
    assert!(
        a.warnings.iter().any(|w| w.starts_with("body cut to its first ")),
        "{:?}",
        a.warnings
    );
    let whole = rasid_core::ArticleId::from_content(None, None, "عنوان", body.trim());
    assert_eq!(a.id, whole);
    // A long JSONL title is cut too.
    let line = format!("{{\"title\": \"{}\", \"body\": \"نص\"}}\n", "ع".repeat(10_000));
    let a = only(&write(dir.path(), "t.jsonl", line.as_bytes()));
    assert_eq!(a.title.chars().count(), rasid_ingest::MAX_TITLE_CHARS);
    assert!(
        a.warnings.iter().any(|w| w.starts_with("title cut")),
        "{:?}",
        a.warnings
    );
}

/// Issue 19, item 5: old archive files end with a NUL byte of padding (or
/// hold a stray one); they are text, read with a warning, not skipped as binary.
#[test]
fn regression_nul_padding_is_not_binary() {
    let dir = tempfile::tempdir().unwrap();
    let reference = only(&write(dir.path(), "utf8.txt", ASTANA.as_bytes()));
    // A NUL in the middle of the body, between two words.
    let cut = ASTANA.rfind(" ").unwrap();
    let scattered = format!("{}\0{}", &ASTANA[..cut], &ASTANA[cut..]);
    let cases: Vec<(&str, Vec<u8>, &str, usize)> = vec![
        (
            "cp1256-trailing.txt",
            [encode(ASTANA, WINDOWS_1256), vec![0]].concat(),
            "windows-1256",
            1,
        ),
        (
            "cp1256-padded.txt",
            [encode(ASTANA, WINDOWS_1256), vec![0; 300]].concat(),
            "windows-1256",
            300,
        ),
        (
            "cp1256-scattered.txt",
            [encode(&scattered, WINDOWS_1256), vec![0]].concat(),
            "windows-1256",
            2,
        ),
        ("utf8-trailing.txt", [ASTANA.as_bytes(), &[0, 0]].concat(), "UTF-8", 2),
        ("utf8-scattered.txt", scattered.clone().into_bytes(), "UTF-8", 1),
        (
            "le-trailing.txt",
            [with_bom(b"\xFF\xFE", encode(ASTANA, UTF_16LE)), vec![0]].concat(),
            "UTF-16LE",
            1,
        ),
        (
            "le-scattered.txt",
            [encode(&scattered, UTF_16LE), vec![0, 0]].concat(),
            "UTF-16LE",
            2,
        ),
        (
            "be-scattered.txt",
            with_bom(b"\xFE\xFF", encode(&format!("{scattered}\0"), UTF_16BE)),
            "UTF-16BE",
            2,
        ),
    ];
    for (name, bytes, encoding, nuls) in cases {
        let a = only(&write(dir.path(), name, &bytes));
        assert_eq!(a.origin.encoding.as_deref(), Some(encoding), "{name}");
        assert_eq!(a.title, reference.title, "{name}");
        assert_eq!(a.body, reference.body, "{name}");
        assert_eq!(a.published, reference.published, "{name}");
        assert!(!a.body.contains('\0') && !a.title.contains('\0'), "{name}");
        let expected = format!("{nuls} NUL byte{} dropped", if nuls == 1 { "" } else { "s" });
        assert!(
            a.warnings.iter().any(|w| w.contains(&expected)),
            "{name}: {:?}",
            a.warnings
        );
    }
    // JSON Lines padded with NULs.
    let jsonl = "{\"title\": \"عنوان\", \"body\": \"نص الخبر\"}\n\0\0\0";
    let articles = read_ok(&write(dir.path(), "padded.jsonl", jsonl.as_bytes()));
    assert_eq!(articles.len(), 1);
    // What is mostly not text stays binary, padded or not.
    let mostly_binary: Vec<u8> = (0..4000u32)
        .map(|i| if i % 3 == 0 { 0 } else { (i % 251) as u8 })
        .collect();
    for (name, bytes) in [
        ("blob.txt", mostly_binary.clone()),
        ("padded-blob.txt", [mostly_binary, vec![0; 100]].concat()),
        ("zeros.txt", vec![0; 512]),
    ] {
        let results = read_all(&write(dir.path(), name, &bytes));
        let err = results[0].as_ref().unwrap_err();
        assert!(matches!(err.kind, ErrorKind::Binary { .. }), "{name}: {err}");
    }
}

#[test]
fn dateline_compressed_files_are_read_transparently() {
    let dir = tempfile::tempdir().unwrap();
    let reference = only(&write(dir.path(), "a.txt", ASTANA.as_bytes()));
    for (name, bytes) in [
        ("a.txt.gz", gzip(ASTANA.as_bytes())),
        ("a.txt.zst", zstd(ASTANA.as_bytes())),
        ("cp1256.txt.gz", gzip(&encode(ASTANA, WINDOWS_1256))),
        // No extension: compression and format both found from the content.
        ("noext", zstd(ASTANA.as_bytes())),
    ] {
        let a = only(&write(dir.path(), name, &bytes));
        assert_eq!(a.id, reference.id, "{name}");
        assert_eq!(a.published, reference.published, "{name}");
    }
}

#[test]
fn explicit_encoding_wins() {
    let dir = tempfile::tempdir().unwrap();
    // ISO-8859-6 bytes read as Windows-1256 on purpose: decoded differently, and said so.
    let path = write(dir.path(), "a.txt", &encode(ASTANA, ISO_8859_6));
    let options = ReadOptions {
        encoding: Some(WINDOWS_1256),
        ..ReadOptions::default()
    };
    let a: Vec<_> = read_path(&path, &options).collect::<Result<_, _>>().unwrap();
    assert_eq!(a[0].origin.encoding.as_deref(), Some("windows-1256"));
    assert_ne!(a[0].title, TITLE);
}

#[test]
fn invalid_bytes_give_one_warning() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = ASTANA.as_bytes().to_vec();
    // Two stray bytes in the body, on UTF-8 input.
    let at = ASTANA.rfind('.').unwrap();
    bytes.splice(at..at, [0xFF, 0xFE]);
    let a = only(&write(dir.path(), "bad.txt", &bytes));
    assert_eq!(a.warnings.len(), 1, "{:?}", a.warnings);
    let warning = &a.warnings[0];
    assert!(warning.contains("2 invalid UTF-8 byte sequences"), "{warning}");
    assert!(warning.ends_with(&format!("at byte {at}")), "{warning}");
    assert_eq!(a.body.matches('\u{FFFD}').count(), 2);
}

#[test]
fn jsonl_good_bad_and_bodyless_lines() {
    let dir = tempfile::tempdir().unwrap();
    let good = serde_json::json!({
        "id": "antms:SK-middleEast-1-20180223", "source": "skynews-arabia", "url": "https://x/1",
        "title": TITLE, "published": "Fri, 23 Feb 2018 10:37:34 GMT", "category": "middleEast",
        "body": astana_body(), "author": "أبوظبي - سكاي نيوز عربية", "abstract": "ملخص"
    });
    let second = serde_json::json!({"title": "ثان", "body": "نص ثان", "published": "2018-02-23T10:37:34+04:00"});
    let text = format!(
        "{good}\n\n{{\"title\": \"bad\", \"body\": }}\n{{\"title\": \"بلا نص\"}}\n{second}\r\n",
        good = good,
        second = second
    );
    let path = write(dir.path(), "news.jsonl", text.as_bytes());
    let results = read_all(&path);
    assert_eq!(results.len(), 4);
    let a = results[0].as_ref().unwrap();
    assert_eq!(a.title, TITLE);
    assert_eq!(a.body, astana_body());
    assert_eq!(a.external_id.as_deref(), Some("antms:SK-middleEast-1-20180223"));
    assert_eq!(
        a.published.map(|t| t.to_string()).as_deref(),
        Some("2018-02-23T10:37:34+00:00")
    );
    assert_eq!(a.origin.line, Some(1));
    assert_eq!(a.origin.format, Some(InputFormat::Jsonl));

    let bad = results[1].as_ref().unwrap_err();
    assert_eq!(bad.location, Some(Location::Line(3)));
    assert!(matches!(bad.kind, ErrorKind::BadJson { column: 26, .. }), "{bad}");
    assert_eq!(
        bad.to_string(),
        format!("{}:line 3: not valid JSON (column 26): expected value", path.display())
    );
    assert!(!bad.is_skip());

    let bodyless = results[2].as_ref().unwrap_err();
    assert_eq!(bodyless.location, Some(Location::Line(4)));
    assert!(matches!(&bodyless.kind, ErrorKind::MissingField(f) if f == "body"));

    let b = results[3].as_ref().unwrap();
    assert_eq!((b.title.as_str(), b.origin.line), ("ثان", Some(5)));
    assert_eq!(
        b.published.map(|t| t.to_string()).as_deref(),
        Some("2018-02-23T10:37:34+04:00")
    );
}

#[test]
fn jsonl_custom_field_names() {
    let line = r#"{"headline": "عنوان", "content": "نص", "date": "2017-12-21T10:57", "outlet": "youm7"}"#;
    let fields = FieldNames {
        title: "headline".into(),
        body: "content".into(),
        published: "date".into(),
        source: "outlet".into(),
        ..FieldNames::default()
    };
    let options = ReadOptions {
        fields,
        ..ReadOptions::default()
    };
    let a: Vec<Article> = read_bytes("x.ndjson", line.as_bytes(), &options)
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(a[0].title, "عنوان");
    assert_eq!(a[0].body, "نص");
    assert_eq!(a[0].source.as_deref(), Some("youm7"));
    assert_eq!(
        a[0].published.map(|t| t.to_string()).as_deref(),
        Some("2017-12-21T10:57:00")
    );
}

#[test]
fn jsonl_in_legacy_and_utf16_encodings_and_compressed() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!(
        "{}\n{}\n",
        serde_json::json!({"title": TITLE, "body": astana_body()}),
        serde_json::json!({"title": "ثان", "body": "نص ثان"})
    );
    let reference = read_ok(&write(dir.path(), "utf8.jsonl", text.as_bytes()));
    for (name, bytes, encoding) in [
        ("cp1256.jsonl", encode(&text, WINDOWS_1256), "windows-1256"),
        ("iso.jsonl", encode(&text, ISO_8859_6), "ISO-8859-6"),
        ("le.jsonl", with_bom(b"\xFF\xFE", encode(&text, UTF_16LE)), "UTF-16LE"),
        (
            "be.jsonl.gz",
            gzip(&with_bom(b"\xFE\xFF", encode(&text, UTF_16BE))),
            "UTF-16BE",
        ),
        (
            "bom.jsonl.zst",
            zstd(&with_bom(b"\xEF\xBB\xBF", text.clone().into_bytes())),
            "UTF-8",
        ),
    ] {
        let articles = read_ok(&write(dir.path(), name, &bytes));
        assert_eq!(articles.len(), 2, "{name}");
        for (a, r) in articles.iter().zip(&reference) {
            assert_eq!(a.origin.encoding.as_deref(), Some(encoding), "{name}");
            assert_eq!(a.id, r.id, "{name}");
            assert_eq!(a.body, r.body, "{name}");
            assert_eq!(a.origin.line, r.origin.line, "{name}");
        }
    }
}

#[test]
fn dateline_same_content_same_id_across_forms() {
    let dir = tempfile::tempdir().unwrap();
    let text = only(&write(dir.path(), "a.txt", ASTANA.as_bytes()));
    let line = serde_json::json!({"title": TITLE, "body": astana_body(), "published": DATELINE});
    let json = only(&write(dir.path(), "a.jsonl", format!("{line}\n").as_bytes()));
    assert_eq!(json.id, text.id);
    assert_eq!(json.published, text.published);
    // Re-reading gives the same ids.
    assert_eq!(only(&dir.path().join("a.txt")).id, text.id);
}

#[test]
fn truncated_gzip_keeps_what_came_before() {
    let dir = tempfile::tempdir().unwrap();
    let text: String = (0..2000)
        .map(|i| {
            format!(
                "{}\n",
                serde_json::json!({"id": i, "title": format!("خبر {i}"), "body": astana_body()})
            )
        })
        .collect();
    let gz = gzip(text.as_bytes());
    let cut = &gz[..gz.len() / 2];
    let path = write(dir.path(), "cut.jsonl.gz", cut);
    let results = read_all(&path);
    let (last, before) = results.split_last().unwrap();
    assert!(before.len() > 100, "{}", before.len());
    assert!(before.iter().all(Result::is_ok));
    let err = last.as_ref().unwrap_err();
    assert!(
        matches!(err.kind, ErrorKind::Truncated { compression: Compression::Gzip, compressed_bytes } if compressed_bytes == cut.len() as u64),
        "{err}"
    );
    let Some(Location::Byte(offset)) = err.location else {
        panic!("{err:?}")
    };
    assert!(offset as usize >= before.len() * astana_body().len(), "{offset}");
    let message = err.to_string();
    assert!(
        message.starts_with(&format!("{}:byte {offset}: truncated gzip stream", path.display())),
        "{message}"
    );
    assert!(!err.is_skip());
}

#[test]
fn small_truncated_gzip_keeps_what_came_before() {
    let text: String = (0..20)
        .map(|i| format!("{}\n", serde_json::json!({"id": i, "body": "نص"})))
        .collect();
    let gz = gzip(text.as_bytes());
    let results: Vec<_> = read_bytes("small.jsonl.gz", &gz[..gz.len() - 12], &ReadOptions::default()).collect();
    let (last, before) = results.split_last().unwrap();
    assert!(!before.is_empty() && before.iter().all(Result::is_ok), "{results:?}");
    assert!(
        matches!(last.as_ref().unwrap_err().kind, ErrorKind::Truncated { .. }),
        "{last:?}"
    );
    // Cut inside the header: nothing to keep, one error.
    let results: Vec<_> = read_bytes("tiny.jsonl.gz", &gz[..6], &ReadOptions::default()).collect();
    assert_eq!(results.len(), 1);
    assert!(
        matches!(results[0].as_ref().unwrap_err().kind, ErrorKind::Truncated { .. }),
        "{results:?}"
    );
}

#[test]
fn truncated_zstd_text_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let long = ASTANA.repeat(50);
    let z = zstd(long.as_bytes());
    let path = write(dir.path(), "a.txt.zst", &z[..z.len() - 20]);
    let results = read_all(&path);
    assert_eq!(results.len(), 1);
    let err = results[0].as_ref().unwrap_err();
    assert!(
        matches!(
            err.kind,
            ErrorKind::Truncated {
                compression: Compression::Zstd,
                ..
            }
        ),
        "{err}"
    );
}

#[test]
fn html_page_with_boilerplate_in_windows_1256() {
    let dir = tempfile::tempdir().unwrap();
    let page = r#"<!DOCTYPE html><html lang="ar" dir="rtl"><head>
<meta http-equiv="Content-Type" content="text/html; charset=windows-1256">
<title>بدء جولة محادثات سلام جديدة حول سوريا فى استانا - اليوم السابع</title>
<meta property="og:site_name" content="اليوم السابع">
<meta property="article:published_time" content="2017-12-21T10:57:00+02:00">
<link rel="canonical" href="https://www.youm7.com/story/2017/12/21/3563563">
</head><body>
<header class="site-header"><nav><ul><li><a href="/">الرئيسية</a></li><li><a href="/arab">عربى</a></li></ul></nav></header>
<main><article>
<h1>بدء جولة محادثات سلام جديدة حول سوريا فى استانا</h1>
<div class="social-share"><a href="/s">مشاركة</a></div>
<div class="post-date">الخميس، 21 ديسمبر 2017 10:57 ص</div>
<div itemprop="articleBody">
<p>بدأت جولة محادثات سلام جديدة بين النظام السورى والفصائل المعارضة الخميس فى استانا.</p>
<p>وهذه المحادثات التى تتولى رعايتها روسيا وايران، ستجرى فى جلسة مغلقة.</p>
</div>
<div class="related-news"><h3>اقرأ أيضا</h3><p>خبر متعلق لا ينتمى إلى نص المقال على الإطلاق</p></div>
</article></main>
<aside><p>الأكثر قراءة اليوم فى الموقع كله</p></aside>
<footer><p>جميع الحقوق محفوظة</p></footer>
</body></html>"#;
    let a = only(&write(dir.path(), "page.html", &encode(page, WINDOWS_1256)));
    assert_eq!(a.origin.encoding.as_deref(), Some("windows-1256"));
    assert_eq!(a.origin.format, Some(InputFormat::Html));
    assert_eq!(a.title, TITLE);
    assert_eq!(
        a.body,
        "بدأت جولة محادثات سلام جديدة بين النظام السورى والفصائل المعارضة الخميس فى استانا.\n\
         وهذه المحادثات التى تتولى رعايتها روسيا وايران، ستجرى فى جلسة مغلقة."
    );
    assert_eq!(
        a.published.map(|t| t.to_string()).as_deref(),
        Some("2017-12-21T10:57:00+02:00")
    );
    assert_eq!(a.source.as_deref(), Some("اليوم السابع"));
    assert_eq!(a.url.as_deref(), Some("https://www.youm7.com/story/2017/12/21/3563563"));
}

#[test]
fn rss_and_atom_feeds() {
    let dir = tempfile::tempdir().unwrap();
    let rss = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>بي بي سي عربي</title><link>https://www.bbc.com/arabic</link>
<item><title>الخبر الأول</title><link>https://www.bbc.com/arabic/1</link><guid>bbc-1</guid>
<pubDate>Fri, 23 Feb 2018 10:37:34 GMT</pubDate><description>&lt;p&gt;فقرة أولى.&lt;/p&gt;&lt;p&gt;فقرة ثانية.&lt;/p&gt;</description></item>
<item><title>الخبر الثاني</title><link>https://www.bbc.com/arabic/2</link>
<pubDate>Sat, 24 Feb 2018 08:00:00 +0300</pubDate><description>نص الخبر الثاني</description></item>
</channel></rss>"#;
    let items = read_ok(&write(dir.path(), "bbc.rss", rss.as_bytes()));
    assert_eq!(items.len(), 2);
    assert_eq!(items[0].title, "الخبر الأول");
    assert_eq!(items[0].body, "فقرة أولى.\nفقرة ثانية.");
    assert_eq!(items[0].source.as_deref(), Some("بي بي سي عربي"));
    assert_eq!(items[0].external_id.as_deref(), Some("bbc-1"));
    assert_eq!(items[0].origin.record, Some(1));
    assert_eq!(
        items[1].published.map(|t| t.to_string()).as_deref(),
        Some("2018-02-24T08:00:00+03:00")
    );
    assert_eq!(items[1].origin.record, Some(2));
    assert_eq!(items[1].external_id, None);

    let atom = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>فرانس 24</title><id>urn:f24</id><updated>2018-02-23T10:37:34Z</updated>
<link href="https://www.france24.com/ar/"/>
<entry><title>مدخل أول</title><id>urn:f24:1</id><link rel="alternate" href="https://www.france24.com/ar/1"/>
<published>2018-02-23T10:37:34+01:00</published><updated>2018-02-23T11:00:00Z</updated>
<author><name>مراسل</name></author><category term="middleEast"/>
<content type="html">&lt;p&gt;نص المدخل الأول.&lt;/p&gt;</content></entry>
<entry><title>مدخل ثان</title><id>urn:f24:2</id><updated>2018-02-24T09:00:00Z</updated>
<summary>ملخص المدخل الثاني</summary></entry>
</feed>"#;
    let entries = read_ok(&write(dir.path(), "f24.atom", atom.as_bytes()));
    assert_eq!(entries.len(), 2);
    let first = &entries[0];
    assert_eq!(first.title, "مدخل أول");
    assert_eq!(first.body, "نص المدخل الأول.");
    assert_eq!(first.url.as_deref(), Some("https://www.france24.com/ar/1"));
    assert_eq!(first.author.as_deref(), Some("مراسل"));
    assert_eq!(first.category.as_deref(), Some("middleEast"));
    assert_eq!(
        first.published.map(|t| t.to_string()).as_deref(),
        Some("2018-02-23T10:37:34+01:00")
    );
    assert_eq!(first.origin.format, Some(InputFormat::Rss));
    assert_eq!(entries[1].body, "ملخص المدخل الثاني");
    assert_eq!(
        entries[1].published.map(|t| t.to_string()).as_deref(),
        Some("2018-02-24T09:00:00+00:00")
    );
}

#[test]
fn rss_in_windows_1256_with_its_declaration() {
    let rss = r#"<?xml version="1.0" encoding="windows-1256"?><rss version="2.0"><channel><title>موقع</title>
<item><title>عنوان</title><description>نص عربي</description></item></channel></rss>"#;
    let items: Vec<Article> = read_bytes("feed.xml", &encode(rss, WINDOWS_1256), &ReadOptions::default())
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(items[0].origin.encoding.as_deref(), Some("windows-1256"));
    assert_eq!((items[0].title.as_str(), items[0].body.as_str()), ("عنوان", "نص عربي"));
}

#[test]
fn trec_file_with_two_docs() {
    let trec =
        "<DOC>\n<DOCNO>SK-middleEast-1-20180223</DOCNO>\n<URL>https://www.skynewsarabia.com/middle-east/1</URL>\n\
<SRC>Sky News Arabia</SRC>\n<CAT>middleEast</CAT>\n<TITLE>الغوطة & الهدنة</TITLE>\n\
<TIME>Fri, 23 Feb 2018 10:37:34 GMT</TIME>\n<AUTHOR>أبوظبي - سكاي نيوز عربية</AUTHOR>\n<ABSTRACT>ملخص</ABSTRACT>\n\
<TEXT>\nالفقرة الأولى.\nالفقرة الثانية.\n</TEXT>\n</DOC>\n\
<DOC>\n<DOCNO>AA-sport-2-20180224</DOCNO>\n<TITLE>رياضة</TITLE>\n<TIME>Sat, 24 Feb 2018 10:00:00 +0400</TIME>\n\
<TEXT>\nنص رياضي.\n</TEXT>\n</DOC>\n";
    let dir = tempfile::tempdir().unwrap();
    // ANT's files are .txt: the content says TREC.
    let docs = read_ok(&write(dir.path(), "SK-middleEast-1-20180223.txt", trec.as_bytes()));
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[0].external_id.as_deref(), Some("SK-middleEast-1-20180223"));
    assert_eq!(docs[0].title, "الغوطة & الهدنة");
    assert_eq!(docs[0].body, "الفقرة الأولى.\nالفقرة الثانية.");
    assert_eq!(docs[0].source.as_deref(), Some("Sky News Arabia"));
    assert_eq!(docs[0].origin.format, Some(InputFormat::Trec));
    assert_eq!((docs[1].origin.record, docs[1].origin.line), (Some(2), Some(15)));
    assert_eq!(
        docs[1].published.map(|t| t.to_string()).as_deref(),
        Some("2018-02-24T10:00:00+04:00")
    );
    // Also under its own extension, and forced.
    assert_eq!(read_ok(&write(dir.path(), "x.trec", trec.as_bytes())).len(), 2);
    let forced = ReadOptions {
        format: Some(InputFormat::Trec),
        ..ReadOptions::default()
    };
    assert_eq!(read_bytes("x.dat", trec.as_bytes(), &forced).count(), 2);
}

#[test]
fn empty_binary_and_unsupported_files_are_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&str, Vec<u8>); 5] = [
        ("empty.txt", Vec::new()),
        ("blank.txt", b" \n\r\n\t".to_vec()),
        ("bom-only.txt", b"\xEF\xBB\xBF".to_vec()),
        ("blob.bin", [b"abc".as_slice(), &[0u8, 1, 2, 3, 0, 0, 7]].concat()),
        ("doc.pdf", b"%PDF-1.4 ...".to_vec()),
    ];
    for (name, bytes) in cases {
        let path = write(dir.path(), name, &bytes);
        let results = read_all(&path);
        assert_eq!(results.len(), 1, "{name}");
        let err = results[0].as_ref().unwrap_err();
        assert!(err.is_skip(), "{name}: {err}");
        assert_eq!(err.path, path.display().to_string());
    }
    let err = read_bytes("blob", &[b'a', b'b', 0, 1, 0, 2, 0, 3], &ReadOptions::default())
        .next()
        .unwrap()
        .unwrap_err();
    assert!(matches!(err.kind, ErrorKind::Binary { offset: 2 }), "{err}");
    assert_eq!(
        err.to_string(),
        "blob: binary data (mostly NUL and control bytes, the first NUL at offset 2), not text"
    );
    let err = read_bytes("e.jsonl", b"\n\n", &ReadOptions::default())
        .next()
        .unwrap()
        .unwrap_err();
    assert!(matches!(err.kind, ErrorKind::Empty), "{err}");
}

#[test]
fn too_large_inputs_fail_without_being_read() {
    let dir = tempfile::tempdir().unwrap();
    let options = ReadOptions {
        max_record_bytes: 1000,
        ..ReadOptions::default()
    };
    let path = write(dir.path(), "a.txt", ASTANA.as_bytes());
    let results: Vec<_> = read_path(&path, &options).collect();
    let err = results[0].as_ref().unwrap_err();
    assert!(
        matches!(
            err.kind,
            ErrorKind::TooLarge {
                size: Some(_),
                limit: 1000
            }
        ),
        "{err}"
    );
    assert!(!err.is_skip());
    // Compressed: the size is only known by reading, and reading stops at the limit.
    let path = write(dir.path(), "a.txt.gz", &gzip(ASTANA.repeat(1000).as_bytes()));
    let err = read_path(&path, &options).next().unwrap().unwrap_err();
    assert!(
        matches!(
            err.kind,
            ErrorKind::TooLarge {
                size: None,
                limit: 1000
            }
        ),
        "{err}"
    );
    // JSONL: per line.
    let text = format!(
        "{}\n{}\n",
        serde_json::json!({"body": "x".repeat(2000)}),
        serde_json::json!({"body": "y"})
    );
    let results: Vec<_> = read_bytes("a.jsonl", text.as_bytes(), &options).collect();
    assert!(matches!(
        results[0].as_ref().unwrap_err().kind,
        ErrorKind::TooLarge { .. }
    ));
    assert_eq!(results[1].as_ref().unwrap().body, "y");
}

#[test]
fn directory_trees() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "b/2.txt", "عنوان\nنص".as_bytes());
    write(root, "a/1.jsonl", b"{\"body\": \"x\"}\n{\"body\": \"y\"}\n");
    write(root, "a/deeper/3.txt.gz", &gzip("عنوان\nنص آخر".as_bytes()));
    write(root, ".hidden/4.txt", b"skip me");
    write(root, "a/.5.txt", b"skip me too");
    write(root, "c/empty.txt", b"");
    let found = expand(&[root.to_path_buf()]);
    let names: Vec<String> = found
        .iter()
        .map(|p| p.as_ref().unwrap().strip_prefix(root).unwrap().display().to_string())
        .collect();
    assert_eq!(names, ["a/1.jsonl", "a/deeper/3.txt.gz", "b/2.txt", "c/empty.txt"]);
    let (mut ok, mut skipped) = (0, 0);
    for path in found {
        for record in read_path(&path.unwrap(), &ReadOptions::default()) {
            match record {
                Ok(_) => ok += 1,
                Err(e) if e.is_skip() => skipped += 1,
                Err(e) => panic!("{e}"),
            }
        }
    }
    assert_eq!((ok, skipped), (4, 1));
    let missing = expand(&[root.join("nope")]);
    assert!(matches!(&missing[0], Err(e) if matches!(e.kind, ErrorKind::Io(_))));
}

#[test]
fn reading_a_directory_path_is_an_error_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let results = read_all(dir.path());
    assert_eq!(results.len(), 1);
    assert!(results[0].is_err());
}

#[test]
fn records_can_cross_threads() {
    fn is_send<T: Send>(_: &T) {}
    is_send(&read_bytes("a.jsonl", b"{}", &ReadOptions::default()));
}

#[test]
fn pretty_printed_json_and_json_arrays() {
    let pretty = "{\n  \"title\": \"عنوان\",\n  \"body\": \"نص\"\n}\n";
    let a: Vec<Article> = read_bytes("one.json", pretty.as_bytes(), &ReadOptions::default())
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!((a.len(), a[0].body.as_str(), a[0].origin.record), (1, "نص", Some(1)));
    let array = r#"[{"title": "a", "body": "b"}, {"title": "c", "content": "d"}]"#;
    let a: Vec<Article> = read_bytes("many.json", array.as_bytes(), &ReadOptions::default())
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(a.iter().map(|a| a.body.as_str()).collect::<Vec<_>>(), ["b", "d"]);
}

#[test]
fn committed_fixture_is_the_canonical_article() {
    // The fixture must stay byte-identical to examples/astana-2017-12-21.txt.
    assert!(ASTANA.starts_with(TITLE));
    assert_eq!(ASTANA.lines().nth(1), Some(DATELINE));
    assert_eq!(ASTANA.lines().count(), 14);
    let reread = only(&PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/astana-2017-12-21.txt"));
    assert_eq!(reread.title, TITLE);
}
