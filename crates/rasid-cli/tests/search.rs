//! End-to-end tests of `rasid index`, `rasid search`, `rasid stats` and
//! `rasid eval retrieval`: summaries, idempotent re-indexing, delete, JSON
//! output with snippet offsets, exit codes for bad queries and bad index
//! directories.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)] // test code

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::{json, Value};

fn rasid(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rasid"))
        .args(args)
        .output()
        .expect("rasid runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn arg(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// A JSONL file of four articles, one of them twice, and one bad line.
fn corpus(dir: &Path) -> PathBuf {
    let lines = [
        json!({"id": "a1", "title": "بدء جولة محادثات سلام جديدة حول سوريا فى استانا",
               "body": "انطلقت فى استانا جولة جديدة من المحادثات بمشاركة تركيا وروسيا وإيران.",
               "source": "youm7", "category": "عربي ودولي", "published": "2017-12-21T10:57:00"}),
        json!({"id": "a2", "title": "وزير الخارجية الروسى يصل القاهرة",
               "body": "وصل وزير الخارجية الروسى إلى القاهرة لبحث نتائج محادثات استانا.",
               "source": "youm7", "published": "2017-12-05T09:00:00"}),
        json!({"id": "a3", "title": "الحكومة تعلن خطة لدعم الاستثمار",
               "body": "أعلنت الحكومة خطة جديدة لدعم الاستثمار الأجنبى.",
               "source": "ahram", "published": "2018-01-10T12:00:00"}),
        json!({"id": "a4", "title": "مباراة الأهلى والزمالك", "body": "فاز الأهلى على الزمالك فى مباراة القمة.",
               "source": "ahram"}),
    ];
    let mut text: String = lines.iter().map(|l| format!("{l}\n")).collect();
    text.push_str(&format!("{}\n", lines[0]));
    text.push_str("{not json\n");
    let path = dir.join("news.jsonl");
    std::fs::write(&path, text).unwrap();
    path
}

fn indexed(dir: &Path) -> PathBuf {
    let index = dir.join("index");
    let out = rasid(&["index", arg(&corpus(dir)), "--index", arg(&index)]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "a bad line makes the exit code 1: {}",
        stderr(&out)
    );
    index
}

fn search_json(index: &Path, query: &str, extra: &[&str]) -> Value {
    let mut args = vec!["search", query, "--index", arg(index), "--json"];
    args.extend_from_slice(extra);
    let out = rasid(&args);
    assert!(out.status.success(), "{query:?}: {}", stderr(&out));
    serde_json::from_str(stdout(&out).trim()).unwrap()
}

#[test]
fn index_reports_and_reindexing_adds_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let input = corpus(dir.path());
    let index = dir.path().join("index");
    let out = rasid(&["index", arg(&input), "--index", arg(&index)]);
    let err = stderr(&out);
    assert!(err.contains("news.jsonl:line 6"), "the bad line is named: {err}");
    assert!(
        err.contains("6 read: 4 indexed, 1 duplicate, 0 skipped, 1 failed"),
        "{err}"
    );

    let out = rasid(&["index", arg(&input), "--index", arg(&index), "--json"]);
    let counts: Value = serde_json::from_str(stdout(&out).trim()).unwrap();
    assert_eq!(counts["indexed"], 0);
    assert_eq!(counts["duplicate"], 5);

    let out = rasid(&["stats", "--index", arg(&index), "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let stats: Value = serde_json::from_str(stdout(&out).trim()).unwrap();
    assert_eq!(stats["documents"], 4);
    assert_eq!(stats["catalogue"]["runs"].as_array().unwrap().len(), 2);
    let out = rasid(&["stats", "--index", arg(&index)]);
    assert!(stdout(&out).contains("articles: 4"), "{}", stdout(&out));
}

#[test]
fn search_finds_any_spelling_and_marks_the_original() {
    let dir = tempfile::tempdir().unwrap();
    let index = indexed(dir.path());
    for query in ["أستانا", "استانا", "آستانا"] {
        let results = search_json(&index, query, &[]);
        assert_eq!(results["total"], 2, "{query}");
    }
    let results = search_json(&index, "روسيا", &[]);
    let hit = &results["hits"][0];
    let snippet = &hit["snippet"];
    let text = snippet["text"].as_str().unwrap();
    let span = &snippet["highlights"][0];
    let (start, end) = (
        span["start"].as_u64().unwrap() as usize,
        span["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&text[start..end], "وروسيا");

    // Plain output marks matches.
    let out = rasid(&["search", "روسيا", "--index", arg(&index)]);
    assert!(stdout(&out).contains("<b>وروسيا</b>"), "{}", stdout(&out));
    assert!(stdout(&out).contains("1 result"), "{}", stdout(&out));
}

#[test]
fn query_features_through_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let index = indexed(dir.path());
    assert_eq!(search_json(&index, "source:ahram", &[])["total"], 2);
    assert_eq!(search_json(&index, "محادثات -القاهرة", &[])["total"], 1);
    assert_eq!(search_json(&index, "\"وزير الخارجية\"", &[])["total"], 1);
    assert_eq!(search_json(&index, "published:2017-12-01..2017-12-31", &[])["total"], 2);
    assert_eq!(search_json(&index, "", &["--from", "2018"])["total"], 1);
    let newest = search_json(&index, "محادثات OR الاستثمار", &["--sort", "newest"]);
    assert_eq!(newest["hits"][0]["source"], "ahram");
    let facets = &search_json(&index, "محادثات", &[])["facets"];
    assert_eq!(facets["sources"], json!([["youm7", 2]]));
    assert_eq!(facets["months"], json!([["2017-12", 2]]));
}

#[test]
fn delete_by_id() {
    let dir = tempfile::tempdir().unwrap();
    let index = indexed(dir.path());
    let id = search_json(&index, "الزمالك", &[])["hits"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let out = rasid(&["index", "--index", arg(&index), "--delete", &id]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("1 deleted"), "{}", stderr(&out));
    assert_eq!(search_json(&index, "الزمالك", &[])["total"], 0);
    let out = rasid(&["index", "--index", arg(&index), "--delete", &id]);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn bad_queries_exit_2_with_a_message() {
    let dir = tempfile::tempdir().unwrap();
    let index = indexed(dir.path());
    let long = "ا".repeat(10_000);
    for (query, says) in [
        ("\"محادثات", "unclosed quote"),
        ("(محادثات", "unclosed bracket"),
        ("nope:x", "unknown field"),
        ("published:2017-13", "bad date"),
        ("محادثات AND", "needs something"),
        (long.as_str(), "limit is"),
    ] {
        let out = rasid(&["search", query, "--index", arg(&index)]);
        assert_eq!(out.status.code(), Some(2), "{says}: {}", stderr(&out));
        assert!(stderr(&out).contains(says), "{says}: {}", stderr(&out));
        assert!(!stderr(&out).contains("panicked"));
    }
}

#[test]
fn bad_index_directories_get_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing");
    let out = rasid(&["search", "x", "--index", arg(&missing)]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("does not exist"), "{}", stderr(&out));

    let index = indexed(dir.path());
    let meta = index.join("rasid-index.json");
    let text = std::fs::read_to_string(&meta)
        .unwrap()
        .replace("\"schema_version\": 1", "\"schema_version\": 99");
    std::fs::write(&meta, text).unwrap();
    let out = rasid(&["search", "x", "--index", arg(&index)]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("schema version 99"), "{}", stderr(&out));

    let out = rasid(&["search", "x", "--index", arg(dir.path())]);
    assert!(stderr(&out).contains("not a rasid index"), "{}", stderr(&out));
}

#[test]
fn eval_retrieval_ends_with_mrr() {
    let dir = tempfile::tempdir().unwrap();
    let input = corpus(dir.path());
    for extra in [&[][..], &["--noisy", "7"][..]] {
        let mut args = vec!["eval", "retrieval", "--corpus", arg(&input)];
        args.extend_from_slice(extra);
        let out = rasid(&args);
        let text = stdout(&out);
        let last = text.lines().last().unwrap_or("");
        assert!(last.starts_with("MRR@10 "), "{text}");
        assert!(text.contains("tantivy + snowball ar"), "{text}");
    }
    let tsv = dir.path().join("queries.tsv");
    std::fs::write(&tsv, "a3\tخطة الاستثمار\n").unwrap();
    let out = rasid(&["eval", "retrieval", "--corpus", arg(&input), "--queries", arg(&tsv)]);
    assert!(stdout(&out).trim_end().ends_with("MRR@10 1.0000"), "{}", stdout(&out));
}
