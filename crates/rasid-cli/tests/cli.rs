//! End-to-end tests of the `rasid` binary: every input form and encoding, exit
//! codes, error lines and the summary. Fixtures are made here from the canonical
//! article shipped in `examples/`.

// Helpers outside #[test] functions may fail loudly too: this is test code.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod support;

use std::io::Write;
use std::process::{Command, Output, Stdio};
use support::{arg, rasid, stderr, write};

use serde_json::Value;

const EXAMPLE: &str = include_str!("../../../examples/astana-2017-12-21.txt");
const TITLE: &str = "بدء جولة محادثات سلام جديدة حول سوريا فى استانا";

fn rasid_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_rasid"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("rasid starts");
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

fn records(output: &Output) -> Vec<Value> {
    String::from_utf8(output.stdout.clone())
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("bad JSON line {line:?}: {e}")))
        .collect()
}

/// The checks every reading of the canonical article must pass.
fn assert_canonical(record: &Value) {
    let article = &record["article"];
    assert_eq!(article["title"], TITLE);
    assert_eq!(article["published"], "2017-12-21T10:57:00");
    let body = article["body"].as_str().unwrap();
    assert!(
        body.starts_with("بدأت جولة محادثات سلام جديدة"),
        "body starts wrong: {body:.60}"
    );
    assert!(body.ends_with("لكن بدون وقفها بالكامل."), "body ends wrong");
    assert_eq!(record["analysis"]["body"]["paragraphs"].as_array().unwrap().len(), 12);
}

#[test]
fn canonical_article() {
    let out = rasid(&["analyze", "../../examples/astana-2017-12-21.txt", "--tokens"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let records = records(&out);
    assert_eq!(records.len(), 1);
    let record = &records[0];
    assert_canonical(record);
    assert_eq!(record["article"]["dateline"], "الخميس، 21 ديسمبر 2017 10:57 ص");
    assert_eq!(record["article"]["origin"]["format"], "text");

    // Every token's span slices the body to exactly its surface text.
    let body = record["article"]["body"].as_str().unwrap();
    let tokens = record["analysis"]["body"]["tokens"].as_array().unwrap();
    assert!(tokens.len() > 300, "only {} tokens", tokens.len());
    assert_eq!(record["analysis"]["body"]["token_count"], tokens.len());
    for token in tokens {
        let (start, end) = (
            token["span"]["start"].as_u64().unwrap(),
            token["span"]["end"].as_u64().unwrap(),
        );
        assert_eq!(&body[start as usize..end as usize], token["text"].as_str().unwrap());
    }
    // A clitic is split off and the base points at the name in the original text.
    let wa_turkey = tokens
        .iter()
        .find(|t| t["text"] == "وتركيا")
        .expect("وتركيا is a token");
    assert_eq!(wa_turkey["proclitics"], serde_json::json!(["و"]));
    let base = &wa_turkey["base"];
    assert_eq!(
        &body[base["start"].as_u64().unwrap() as usize..base["end"].as_u64().unwrap() as usize],
        "تركيا"
    );
    // ... and a word that only looks like it starts with one is left whole.
    let ministry = tokens.iter().find(|t| t["text"] == "وزارة").expect("وزارة is a token");
    assert!(
        ministry.get("proclitics").is_none(),
        "وزارة must not be split: {ministry}"
    );
}

#[test]
fn tokens_are_left_out_unless_asked_for() {
    let out = rasid(&["analyze", "../../examples/astana-2017-12-21.txt"]);
    assert!(out.status.success());
    let record = &records(&out)[0];
    assert!(record["analysis"]["body"].get("tokens").is_none());
    assert!(record["analysis"]["body"]["token_count"].as_u64().unwrap() > 300);
    assert!(
        stderr(&out).contains("1 article ok, 0 skipped, 0 failed"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn standard_input() {
    let out = rasid_stdin(&["analyze", "-", "--format", "text"], EXAMPLE.as_bytes());
    assert!(out.status.success(), "{}", stderr(&out));
    assert_canonical(&records(&out)[0]);
}

#[test]
fn every_encoding_round_trips_to_the_same_article() {
    let dir = tempfile::tempdir().unwrap();
    let mut ids = Vec::new();
    let mut bom_utf8 = b"\xEF\xBB\xBF".to_vec();
    bom_utf8.extend_from_slice(EXAMPLE.as_bytes());
    let mut utf16le = vec![0xFF, 0xFE];
    let mut utf16be = vec![0xFE, 0xFF];
    for unit in EXAMPLE.encode_utf16() {
        utf16le.extend_from_slice(&unit.to_le_bytes());
        utf16be.extend_from_slice(&unit.to_be_bytes());
    }
    let (cp1256, _, lossy) = encoding_rs::WINDOWS_1256.encode(EXAMPLE);
    assert!(!lossy, "the example fits Windows-1256");
    let cases: Vec<(&str, Vec<u8>, &[&str])> = vec![
        ("utf8.txt", EXAMPLE.as_bytes().to_vec(), &[]),
        ("bom.txt", bom_utf8, &[]),
        ("le.txt", utf16le, &[]),
        ("be.txt", utf16be, &[]),
        ("detected-1256.txt", cp1256.to_vec(), &[]),
        ("given-1256.txt", cp1256.to_vec(), &["--encoding", "windows-1256"]),
    ];
    for (name, bytes, extra) in cases {
        let path = write(dir.path(), name, &bytes);
        let mut args = vec!["analyze", arg(&path)];
        args.extend_from_slice(extra);
        let out = rasid(&args);
        assert!(out.status.success(), "{name}: {}", stderr(&out));
        let record = &records(&out)[0];
        assert_canonical(record);
        ids.push(record["article"]["id"].as_str().unwrap().to_owned());
    }
    ids.dedup();
    assert_eq!(ids.len(), 1, "one article, one id, whatever the encoding");
}

#[test]
fn iso_8859_6() {
    // ISO-8859-6 has no Arabic-Indic digits or alef maqsura-free gaps that matter here;
    // a short article of letters it can hold.
    let text = "عنوان الخبر\nوصل الوفد الى العاصمة، وبدأت المحادثات.\nوقال المتحدث ان الجولة ناجحة.\n";
    let (bytes, _, lossy) = encoding_rs::ISO_8859_6.encode(text);
    assert!(!lossy);
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "iso.txt", &bytes);
    let out = rasid(&["analyze", arg(&path), "--encoding", "iso-8859-6"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let record = &records(&out)[0];
    assert_eq!(record["article"]["title"], "عنوان الخبر");
    assert_eq!(record["article"]["published"], Value::Null);
    assert!(record["article"]["body"].as_str().unwrap().contains("وبدأت المحادثات"));
}

#[test]
fn compressed_files_and_directories() {
    let dir = tempfile::tempdir().unwrap();
    let nested = dir.path().join("a/b");
    std::fs::create_dir_all(&nested).unwrap();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(EXAMPLE.as_bytes()).unwrap();
    write(&nested, "one.txt.gz", gz.finish().unwrap());
    write(&nested, "two.txt.zst", zstd::encode_all(EXAMPLE.as_bytes(), 3).unwrap());
    write(dir.path(), "three.txt", EXAMPLE.as_bytes());
    let out = rasid(&["analyze", arg(dir.path())]);
    assert!(out.status.success(), "{}", stderr(&out));
    let records = records(&out);
    assert_eq!(records.len(), 3);
    records.iter().for_each(assert_canonical);
}

#[test]
fn jsonl_with_bad_lines_reports_them_and_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let lines = [
        r#"{"id": "a1", "title": "عنوان أول", "body": "نص الخبر الأول.", "published": "2018-02-23T10:37:34+00:00", "source": "bbc-arabic", "category": "middleEast"}"#,
        r#"{"title": "not closed"#,
        r#"{"title": "بلا نص"}"#,
        r#"{"id": "a4", "title": "عنوان رابع", "body": "نص الخبر الرابع.", "url": "https://example.com/4"}"#,
    ];
    let path = write(dir.path(), "news.jsonl", lines.join("\n").as_bytes());
    let out = rasid(&["analyze", arg(&path)]);
    assert_eq!(out.status.code(), Some(1), "some records failed");
    let records = records(&out);
    assert_eq!(records.len(), 2);
    assert_eq!(records[0]["article"]["external_id"], "a1");
    assert_eq!(records[0]["article"]["published"], "2018-02-23T10:37:34+00:00");
    assert_eq!(records[0]["article"]["category"], "middleEast");
    assert_eq!(records[0]["article"]["origin"]["line"], 1);
    assert_eq!(records[1]["article"]["url"], "https://example.com/4");
    let err = stderr(&out);
    assert!(err.contains("news.jsonl:line 2"), "names line 2: {err}");
    assert!(err.contains("news.jsonl:line 3"), "names line 3: {err}");
    assert!(err.contains("2 articles ok, 0 skipped, 2 failed"), "{err}");

    // --strict stops at the first failure.
    let out = rasid(&["analyze", arg(&path), "--strict"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(self::records(&out).len(), 1);
}

#[test]
fn jsonl_field_names_are_configurable() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "other.jsonl",
        r#"{"headline": "عنوان", "content": "النص هنا."}"#.as_bytes(),
    );
    let out = rasid(&[
        "analyze",
        arg(&path),
        "--field",
        "title=headline",
        "--field",
        "body=content",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let record = &records(&out)[0];
    assert_eq!(record["article"]["title"], "عنوان");
    assert_eq!(record["article"]["body"], "النص هنا.");
}

#[test]
fn html_page() {
    let html = r#"<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8">
<title>عنوان الصفحة - موقع الأخبار</title>
<meta property="og:title" content="بدء جولة محادثات سلام جديدة">
<meta property="article:published_time" content="2017-12-21T10:57:00+02:00">
<meta property="og:site_name" content="youm7"></head>
<body><nav><a href="/">الرئيسية</a> <a href="/world">عالمي</a></nav>
<article><h1>بدء جولة محادثات سلام جديدة</h1>
<p>بدأت جولة محادثات سلام جديدة بين النظام السورى والفصائل المعارضة الخميس فى استانا.</p>
<p>وقال متحدث باسم وزارة خارجية كازاخستان ان الوفود وصلت.</p></article>
<aside class="related"><p>اقرأ أيضا: أخبار أخرى لا علاقة لها</p></aside>
<footer>جميع الحقوق محفوظة</footer><script>alert(1)</script></body></html>"#;
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "page.html", html.as_bytes());
    let out = rasid(&["analyze", arg(&path)]);
    assert!(out.status.success(), "{}", stderr(&out));
    let article = &records(&out)[0]["article"];
    assert_eq!(article["title"], "بدء جولة محادثات سلام جديدة");
    assert_eq!(article["published"], "2017-12-21T10:57:00+02:00");
    let body = article["body"].as_str().unwrap();
    assert!(body.contains("وزارة خارجية كازاخستان"), "{body}");
    for boilerplate in ["الرئيسية", "اقرأ أيضا", "جميع الحقوق", "alert"] {
        assert!(!body.contains(boilerplate), "boilerplate {boilerplate:?} kept: {body}");
    }
}

#[test]
fn rss_and_atom_feeds() {
    let rss = r#"<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>أخبار</title>
<link>https://news.example/</link><description>d</description>
<item><title>الخبر الأول</title><link>https://news.example/1</link><pubDate>Thu, 21 Dec 2017 08:57:00 GMT</pubDate>
<description>&lt;p&gt;نص الخبر الأول.&lt;/p&gt;</description></item>
<item><title>الخبر الثاني</title><link>https://news.example/2</link><description>نص الخبر الثاني.</description></item>
</channel></rss>"#;
    let atom = r#"<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>موجز</title>
<id>urn:x</id><updated>2017-12-21T10:57:00Z</updated>
<entry><title>مدخل أول</title><id>urn:1</id><link href="https://atom.example/1"/><updated>2017-12-21T10:57:00Z</updated><content type="html">&lt;p&gt;نص أول.&lt;/p&gt;</content></entry>
<entry><title>مدخل ثان</title><id>urn:2</id><link href="https://atom.example/2"/><updated>2017-12-22T09:00:00Z</updated><summary>نص ثان.</summary></entry>
</feed>"#;
    let dir = tempfile::tempdir().unwrap();
    let rss_path = write(dir.path(), "feed.rss", rss.as_bytes());
    let atom_path = write(dir.path(), "feed.atom", atom.as_bytes());
    let out = rasid(&["analyze", arg(&rss_path), arg(&atom_path)]);
    assert!(out.status.success(), "{}", stderr(&out));
    let records = records(&out);
    assert_eq!(records.len(), 4);
    assert_eq!(records[0]["article"]["title"], "الخبر الأول");
    assert_eq!(records[0]["article"]["body"], "نص الخبر الأول.");
    assert_eq!(records[0]["article"]["url"], "https://news.example/1");
    assert_eq!(records[0]["article"]["published"], "2017-12-21T08:57:00+00:00");
    assert_eq!(records[1]["article"]["origin"]["record"], 2);
    assert_eq!(records[2]["article"]["title"], "مدخل أول");
    assert_eq!(records[3]["article"]["body"], "نص ثان.");
}

#[test]
fn trec_documents() {
    let trec = "<DOC>\n<DOCNO>SK-middleEast-1-20180223</DOCNO>\n<URL>https://sky.example/1</URL>\n<SRC>skynews-arabia</SRC>\n<CAT>middleEast</CAT>\n<TITLE>عنوان أول</TITLE>\n<TIME>Fri, 23 Feb 2018 10:37:34 GMT</TIME>\n<TEXT>\nالفقرة الأولى & ما بعدها.\nالفقرة الثانية.\n</TEXT>\n</DOC>\n<DOC>\n<DOCNO>SK-2</DOCNO>\n<TITLE>عنوان ثان</TITLE>\n<TEXT>نص ثان.</TEXT>\n</DOC>\n";
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "docs.trec", trec.as_bytes());
    let out = rasid(&["analyze", arg(&path)]);
    assert!(out.status.success(), "{}", stderr(&out));
    let records = records(&out);
    assert_eq!(records.len(), 2);
    let first = &records[0]["article"];
    assert_eq!(first["external_id"], "SK-middleEast-1-20180223");
    assert_eq!(first["published"], "2018-02-23T10:37:34+00:00");
    assert_eq!(first["body"], "الفقرة الأولى & ما بعدها.\nالفقرة الثانية.");
    assert_eq!(
        records[0]["analysis"]["body"]["paragraphs"].as_array().unwrap().len(),
        2
    );
}

#[test]
fn bad_files_get_one_clear_line_each_and_the_run_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a-empty.txt", b"");
    write(
        dir.path(),
        "b-binary.txt",
        b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x03\x00",
    );
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(EXAMPLE.repeat(20).as_bytes()).unwrap();
    let gz = gz.finish().unwrap();
    write(dir.path(), "c-truncated.jsonl.gz", &gz[..gz.len() / 2]);
    write(dir.path(), "d-good.txt", EXAMPLE.as_bytes());
    let out = rasid(&["analyze", arg(dir.path())]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert_eq!(records(&out).len(), 1, "the good file is still read");
    assert!(err.contains("a-empty.txt"), "{err}");
    assert!(err.contains("b-binary.txt"), "{err}");
    assert!(err.contains("c-truncated.jsonl.gz"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(rasid(&["analyze"]).status.code(), Some(2));
    let out = rasid(&["analyze", "--format", "pdf", "x"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("auto, text, jsonl, html, rss, trec"),
        "{}",
        stderr(&out)
    );
    let out = rasid(&[
        "analyze",
        "../../examples/astana-2017-12-21.txt",
        "--encoding",
        "klingon",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("klingon"));
    assert!(stderr(&out).contains("windows-1256"), "{}", stderr(&out));
    assert_eq!(rasid(&["no-such-command"]).status.code(), Some(2));
}

#[test]
fn missing_file_is_a_failure_not_a_crash() {
    let out = rasid(&["analyze", "/no/such/file.txt", "../../examples/astana-2017-12-21.txt"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(records(&out).len(), 1);
    assert!(stderr(&out).contains("/no/such/file.txt"));
}

#[test]
fn schema_describes_the_output() {
    let out = rasid(&["schema"]);
    assert!(out.status.success());
    let schema: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(schema["title"], "AnalyzedArticle");
    let defs = schema["$defs"].as_object().unwrap();
    for name in ["Article", "Analysis", "TextAnalysis", "Token", "Span", "Timestamp"] {
        assert!(defs.contains_key(name), "schema lacks {name}");
    }
}

#[test]
fn canonical_article_extractions() {
    let out = rasid(&["analyze", "../../examples/astana-2017-12-21.txt"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let record = &records(&out)[0];
    let times: Vec<(&str, &str)> = record["extractions"]["times"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| (t["text"].as_str().unwrap(), t["value"].as_str().unwrap()))
        .collect();
    // Every time expression of astana.expected.md: the dateline is the article's
    // `published`, the rest are in the body, in text order.
    assert!(record["article"]["published"]
        .as_str()
        .unwrap()
        .starts_with("2017-12-21T10:57"));
    let expected = [
        ("الخميس", "2017-12-21"),
        ("الخميس", "2017-12-21"),
        ("الجمعة", "2017-12-22"),
        ("يومين", "P2D"),
        ("اليوم الثانى من المحادثات الجمعة", "2017-12-22"),
        ("الخميس", "2017-12-21"),
        ("أواخر تشرين الأول/أكتوبر", "2017-10"),
        ("اكثر من اسبوع", "P1W"),
        ("اسبوع", "P1W"),
        ("أيار/مايو", "2017-05"),
    ];
    assert_eq!(times, expected);
    // And every number, with what it counts.
    let numbers: Vec<(&str, f64, Option<&str>)> = record["extractions"]["numbers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| {
            (
                n["text"].as_str().unwrap(),
                n["value"].as_f64().unwrap(),
                n["counts"].as_str(),
            )
        })
        .collect();
    for expected in [
        ("20", 20.0, Some("شخص")),
        ("الثامنة", 8.0, None),
        ("حوالى 30", 30.0, Some("قوة")),
        ("أربع", 4.0, Some("مناطق")),
    ] {
        assert!(
            numbers
                .iter()
                .any(|n| n.0 == expected.0 && n.1 == expected.1 && (expected.2.is_none() || n.2 == expected.2)),
            "{expected:?} not in {numbers:?}"
        );
    }
    let entities = record["extractions"]["entities"]["entities"].as_array().unwrap();
    let astana = entities
        .iter()
        .find(|e| e["canonical"] == "استانا")
        .expect("Astana found");
    assert_eq!(astana["kind"], "LOC");
    assert!(astana["place"]["geonames_id"].as_u64().is_some(), "{astana}");
}

#[test]
fn eval_time_and_ner_end_with_their_score() {
    let dir = tempfile::tempdir().unwrap();
    let gold = r#"{"id": "a", "anchor": "2017-12-21T10:57", "text": "وصل الوفد الخميس لمدة يومين", "timexes": [{"start": 10, "end": 16, "text": "الخميس", "type": "DATE", "value": "2017-12-21", "mod": null}, {"start": 21, "end": 26, "text": "يومين", "type": "DURATION", "value": "P2D", "mod": null}]}"#;
    let path = write(dir.path(), "time.jsonl", gold.as_bytes());
    let out = rasid(&["eval", "time", "--gold", arg(&path)]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.lines().last(), Some("value-F1 1.0000"), "{text}");

    // Another tool's predictions, scored by the same scorer: one value wrong.
    let predicted = gold.replace("2017-12-21", "2017-12-28");
    let pred = write(dir.path(), "pred.jsonl", predicted.as_bytes());
    let out = rasid(&["eval", "time", "--gold", arg(&path), "--predicted", arg(&pred)]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.lines().last(), Some("value-F1 0.5000"), "{text}");
    // A gold document without its prediction is an error that names it.
    let other = write(
        dir.path(),
        "other.jsonl",
        predicted.replace(r#""id": "a""#, r#""id": "b""#).as_bytes(),
    );
    let out = rasid(&["eval", "time", "--gold", arg(&path), "--predicted", arg(&other)]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains(r#"no prediction for document "a""#),
        "{}",
        stderr(&out)
    );

    let conll = "قال\tO\nسيرغي\tB-PERS\nلافروف\tI-PERS\nفي\tO\nموسكو\tB-LOC\n.\tO\n";
    let path = write(dir.path(), "ner.conll", conll.as_bytes());
    let out = rasid(&["eval", "ner", "--gold", arg(&path)]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.lines().last().unwrap().starts_with("F1 "), "{text}");
}
