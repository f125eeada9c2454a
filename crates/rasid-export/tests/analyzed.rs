//! `analyzed_rows` (the tables of articles analysed outside an index, as the
//! Python package writes them) against `rasid export` of an index of the same
//! articles: the same rows, byte for byte, in every partition.

#![allow(clippy::unwrap_used)] // helpers of the tests

use rasid_core::{Article, Timestamp};
use rasid_export::{analyzed_rows, plan, Format, Options};
use rasid_search::{Index, Pipeline, WriterOptions};

const BODY: &str = "وقال وزير الخارجية الروسى سيرغى لافروف فى موسكو الخميس إن المحادثات مع الأمم المتحدة \
                    تستمر يومين فى استانا بمشاركة 20 وفدا. وأضاف أن الحكومة السورية سترسل وفدها الأسبوع المقبل.";

fn article(title: &str, published: Option<&str>, source: Option<&str>, category: Option<&str>) -> Article {
    let mut builder = Article::builder(title, format!("{title}. {BODY}"));
    if let Some(p) = published {
        builder = builder.published(p.parse::<Timestamp>().unwrap());
    }
    if let Some(s) = source {
        builder = builder.source(s);
    }
    if let Some(c) = category {
        builder = builder.category(c);
    }
    builder.build()
}

#[test]
fn analyzed_rows_equal_the_export_of_an_index_of_the_same_articles() {
    let articles = vec![
        article("محادثات استانا", Some("2017-12-21T10:57"), Some(" youm7 "), Some("")),
        article("لافروف فى موسكو", Some("2017-12-31T23:30:00-02:00"), Some("ahram"), None),
        article("وفد الحكومة", Some("2018-01-03"), None, Some("سياسة")),
        article("بلا تاريخ", None, Some("masrawy"), None),
    ];
    let dir = tempfile::tempdir().unwrap();
    let index_dir = dir.path().join("index");
    let index = Index::create_or_open(&index_dir).unwrap();
    let mut writer = index.writer(WriterOptions::small(), "test").unwrap();
    writer.add_batch(articles.clone()).unwrap();
    writer.finish().unwrap();
    drop(index);
    let out = dir.path().join("export");
    let options = Options {
        format: Format::Jsonl,
        since: false,
    };
    let report = plan(&index_dir, Pipeline::default(), &out, options)
        .unwrap()
        .execute(&|_| {})
        .unwrap();

    // The export orders a partition by publication time, then id.
    let pipeline = Pipeline::default();
    let mut analysed: Vec<_> = articles.iter().map(|a| pipeline.analyze(a)).collect();
    analysed.sort_by_key(|a| {
        (
            a.article.published.map(|p| p.unix_seconds()),
            a.article.id.as_str().to_owned(),
        )
    });
    let months = analyzed_rows(&analysed, pipeline.extracts()).unwrap();
    assert_eq!(
        months.keys().map(String::as_str).collect::<Vec<_>>(),
        ["2017-12", "2018-01", "undated"],
        "the -02:00 article is in January UTC"
    );
    let mut files = Vec::new();
    for (month, tables) in &months {
        for rows in tables.iter().filter(|r| !r.is_empty()) {
            let rel = format!("{}/month={month}/part-0.jsonl", rows.def.name);
            let written = std::fs::read(out.join(&rel)).unwrap();
            assert_eq!(
                String::from_utf8(rows.to_jsonl().unwrap()).unwrap(),
                String::from_utf8(written).unwrap(),
                "{rel}"
            );
            files.push(rel);
        }
    }
    files.sort();
    // Stories and events (one row per event across the index) are the index's, not an article's.
    let article_files: Vec<&String> = report
        .files
        .iter()
        .filter(|f| !f.starts_with("stories/") && !f.starts_with("events/"))
        .collect();
    assert_eq!(article_files, files.iter().collect::<Vec<_>>());
    assert!(files.iter().any(|f| f.starts_with("entities/")), "{files:?}");
}

#[test]
fn text_only_pipelines_give_articles_without_extractions() {
    let pipeline = Pipeline::builder().extractors(vec![]).build();
    let analysed = pipeline.analyze(&article("عنوان", None, None, None));
    let months = analyzed_rows(&[analysed], pipeline.extracts()).unwrap();
    let tables = &months["undated"];
    let counts: Vec<usize> = tables.iter().map(|t| t.len()).collect();
    assert_eq!(counts.first(), Some(&1));
    assert!(counts.iter().skip(1).all(|n| *n == 0), "{counts:?}");
    let line = String::from_utf8(tables[0].to_jsonl().unwrap()).unwrap();
    assert!(line.contains(r#""extracted":false"#), "{line}");
}
