//! End-to-end tests of `rasid export`: a small corpus made from the Astana
//! example (copies, another month, an undated article) is indexed, its
//! stories built and exported; the Parquet files are read back with the
//! parquet crate and their row counts checked against `rasid analyze`,
//! `rasid stats` and `rasid stories`; two exports are byte-identical; JSON
//! Lines carry the same rows; `--since` adds only what changed.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)] // test code

mod support;

use std::collections::BTreeMap;
use std::fs::File;
use std::path::{Path, PathBuf};
use support::{arg, json, ok, rasid, stderr};

use arrow_array::RecordBatch;
use arrow_schema::DataType;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use parquet::basic::Compression;
use parquet::file::reader::FileReader;
use parquet::file::serialized_reader::SerializedFileReader;
use serde_json::{json, Value};

const EXAMPLE: &str = include_str!("../../../examples/astana-2017-12-21.txt");

/// The example split into its headline and paragraphs (the dateline dropped).
fn example() -> (String, Vec<String>) {
    let mut lines = EXAMPLE.lines().filter(|l| !l.trim().is_empty());
    let title = lines.next().unwrap().to_owned();
    let _dateline = lines.next();
    (title, lines.map(str::to_owned).collect())
}

/// The first corpus: the article, an exact copy from another outlet, its
/// first half a month later, its second half undated.
fn corpus_1() -> Vec<Value> {
    let (title, paragraphs) = example();
    let body = paragraphs.join("\n");
    let half = paragraphs.len() / 2;
    vec![
        json!({"id": "a", "title": title, "body": body, "source": "youm7", "published": "2017-12-21T10:57:00"}),
        json!({"id": "a-copy", "title": "محادثات استانا", "body": body, "source": "ahram", "published": "2017-12-21T13:00:00"}),
        json!({"id": "b", "title": "استانا بعد شهر", "body": paragraphs[..half].join("\n"), "source": "youm7", "published": "2018-01-03T09:00:00"}),
        json!({"id": "c", "title": "خلفية المحادثات", "body": paragraphs[half..].join("\n"), "source": "masrawy"}),
    ]
}

/// What comes later: one new article.
fn corpus_2() -> Vec<Value> {
    let (_, paragraphs) = example();
    vec![
        json!({"id": "d", "title": "جولة جديدة فى استانا", "body": paragraphs[1..].join("\n"), "source": "cnn", "published": "2018-01-10T08:00:00"}),
    ]
}

fn write_jsonl(path: &Path, lines: &[Value]) {
    let text: String = lines.iter().map(|l| format!("{l}\n")).collect();
    std::fs::write(path, text).unwrap();
}

/// Rows by table from `rasid analyze` of a corpus: what the index must hold.
fn expected_rows(corpus: &Path) -> (BTreeMap<&'static str, u64>, BTreeMap<String, String>) {
    let out = ok(&["analyze", arg(corpus), "-q"]);
    let mut rows = BTreeMap::new();
    let mut ids = BTreeMap::new();
    for line in out.lines() {
        let v: Value = serde_json::from_str(line).unwrap();
        ids.insert(
            v["article"]["external_id"].as_str().unwrap().to_owned(),
            v["article"]["id"].as_str().unwrap().to_owned(),
        );
        let x = &v["extractions"];
        let entities = &x["entities"];
        let len = |v: &Value| v.as_array().map_or(0, |a| a.len() as u64);
        *rows.entry("articles").or_default() += 1;
        *rows.entry("mentions").or_default() += len(&entities["mentions"]);
        *rows.entry("entities").or_default() += len(&entities["entities"]);
        *rows.entry("places").or_default() += entities["entities"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e.get("place").is_some())
            .count() as u64;
        *rows.entry("times").or_default() += len(&x["times"]);
        *rows.entry("numbers").or_default() += len(&x["numbers"]);
        *rows.entry("summaries").or_default() += len(&x["summary"]);
        *rows.entry("event_mentions").or_default() += len(&x["events"]);
        *rows.entry("quotes").or_default() += len(&x["quotes"]);
    }
    (rows, ids)
}

/// Every file under `dir`, relative, with its bytes.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let rel = path.strip_prefix(root).unwrap().to_str().unwrap().to_owned();
                out.insert(rel, std::fs::read(&path).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// Row counts by table of the Parquet files (of one run, or all) under `out`.
fn parquet_rows(out: &Path, run: Option<u32>) -> BTreeMap<String, u64> {
    let mut rows = BTreeMap::new();
    for (rel, _) in tree(out) {
        if !rel.ends_with(".parquet") || run.is_some_and(|r| !rel.ends_with(&format!("/part-{r}.parquet"))) {
            continue;
        }
        let table = rel.split('/').next().unwrap().to_owned();
        let reader = SerializedFileReader::new(File::open(out.join(&rel)).unwrap()).unwrap();
        let meta = reader.metadata();
        for rg in meta.row_groups() {
            for c in rg.columns() {
                assert!(
                    matches!(c.compression(), Compression::ZSTD(_)),
                    "{rel}: {:?}",
                    c.compression()
                );
            }
        }
        *rows.entry(table).or_default() += u64::try_from(meta.file_metadata().num_rows()).unwrap();
    }
    rows
}

fn read_batches(path: &Path) -> Vec<RecordBatch> {
    let builder = ParquetRecordBatchReaderBuilder::try_new(File::open(path).unwrap()).unwrap();
    builder.build().unwrap().map(Result::unwrap).collect()
}

fn jsonl_rows(out: &Path) -> BTreeMap<String, u64> {
    let mut rows = BTreeMap::new();
    for (rel, bytes) in tree(out) {
        if rel.ends_with(".jsonl") {
            let table = rel.split('/').next().unwrap().to_owned();
            let text = String::from_utf8(bytes).unwrap();
            for line in text.lines() {
                let _: serde_json::Map<String, Value> = serde_json::from_str(line).unwrap();
            }
            *rows.entry(table).or_default() += text.lines().count() as u64;
        }
    }
    rows
}

fn nonzero(rows: &BTreeMap<&'static str, u64>) -> BTreeMap<String, u64> {
    rows.iter()
        .filter(|(_, n)| **n > 0)
        .map(|(k, n)| ((*k).to_owned(), *n))
        .collect()
}

struct Setup {
    _dir: tempfile::TempDir,
    root: PathBuf,
    index: PathBuf,
    ids: BTreeMap<String, String>,
    expected: BTreeMap<&'static str, u64>,
}

fn setup() -> Setup {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().to_owned();
    let corpus = root.join("news-1.jsonl");
    write_jsonl(&corpus, &corpus_1());
    let index = root.join("index");
    ok(&["index", arg(&corpus), "--index", arg(&index), "-q"]);
    let (mut expected, ids) = expected_rows(&corpus);
    let built = json(&["stories", "build", "--index", arg(&index), "--json"]);
    let store = &built["store"];
    // a and a-copy are one group; every article is in a story.
    assert_eq!(store["duplicate_groups"], 1, "{built}");
    expected.insert("story_members", store["articles"].as_u64().unwrap());
    expected.insert(
        "duplicate_groups",
        store["duplicate_groups"].as_u64().unwrap() + store["copies"].as_u64().unwrap(),
    );
    expected.insert("stories", store["stories"].as_u64().unwrap());
    // One row per event however many articles tell it: as `rasid events` counts them.
    let events = json(&["events", "--index", arg(&index), "--json"]);
    expected.insert("events", events["total"].as_u64().unwrap());
    let stats = json(&["stats", "--index", arg(&index), "--json"]);
    assert_eq!(stats["documents"], expected["articles"], "{stats}");
    Setup {
        _dir: dir,
        root,
        index,
        ids,
        expected,
    }
}

#[test]
fn export_reads_back_with_the_index_counts_and_is_reproducible() {
    let s = setup();
    assert!(
        s.expected["mentions"] > 10 && s.expected["times"] > 0,
        "{:?}",
        s.expected
    );
    let out_1 = s.root.join("export-1");
    let report = json(&["export", "--index", arg(&s.index), "--out", arg(&out_1), "--json", "-q"]);
    assert_eq!(report["run"], 0);
    let rows = parquet_rows(&out_1, None);
    assert_eq!(rows, nonzero(&s.expected), "parquet rows against the index");
    for (table, n) in &rows {
        assert_eq!(report["rows"][table], *n, "{report}");
    }

    // Partitions by month, the undated article apart.
    let files = tree(&out_1);
    for f in [
        "articles/month=2017-12/part-0.parquet",
        "articles/month=2018-01/part-0.parquet",
        "articles/month=undated/part-0.parquet",
        "mentions/month=2017-12/part-0.parquet",
        "stories/month=2017-12/part-0.parquet",
        "_rasid_export.json",
    ] {
        assert!(files.contains_key(f), "{f} missing from {:?}", files.keys());
    }
    let articles = read_batches(&out_1.join("articles/month=2017-12/part-0.parquet"));
    assert_eq!(articles.iter().map(RecordBatch::num_rows).sum::<usize>(), 2);

    // Nested spans and dictionary-encoded labels.
    let mentions = read_batches(&out_1.join("mentions/month=2017-12/part-0.parquet"));
    let schema = mentions[0].schema();
    assert_eq!(
        schema.field_with_name("span").unwrap().data_type().to_string(),
        r#"Struct("start": non-null UInt32, "end": non-null UInt32)"#
    );
    assert!(matches!(
        schema.field_with_name("kind").unwrap().data_type(),
        DataType::Dictionary(..)
    ));

    // The same index gives the same bytes.
    let out_2 = s.root.join("export-2");
    ok(&["export", "--index", arg(&s.index), "--out", arg(&out_2), "-q"]);
    assert!(tree(&out_1) == tree(&out_2), "two exports of one index differ");

    // JSON Lines: the same rows.
    let out_3 = s.root.join("export-jsonl");
    ok(&[
        "export",
        "--index",
        arg(&s.index),
        "--out",
        arg(&out_3),
        "--format",
        "jsonl",
        "-q",
    ]);
    assert_eq!(jsonl_rows(&out_3), rows);
    let first = std::fs::read_to_string(out_3.join("mentions/month=2017-12/part-0.jsonl")).unwrap();
    let first: Value = serde_json::from_str(first.lines().next().unwrap()).unwrap();
    assert!(first["span"]["end"].as_u64().unwrap() > first["span"]["start"].as_u64().unwrap());
    assert_eq!(first["article_id"].as_str().unwrap().len(), 16);

    // A full export into a directory that holds one is refused.
    let again = rasid(&["export", "--index", arg(&s.index), "--out", arg(&out_1)]);
    assert_eq!(again.status.code(), Some(2));
    assert!(stderr(&again).contains("--since"));
}

#[test]
fn since_adds_only_what_changed_in_new_files() {
    let s = setup();
    // --since into a new directory: everything, and it says so.
    let out = s.root.join("export");
    let first = rasid(&["export", "--index", arg(&s.index), "--out", arg(&out), "--since"]);
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    assert!(stderr(&first).contains("no previous export"), "{}", stderr(&first));
    assert_eq!(parquet_rows(&out, Some(0)), nonzero(&s.expected));
    let before = tree(&out);

    // Nothing changed: a run with no rows, the first files untouched.
    let report = json(&[
        "export",
        "--index",
        arg(&s.index),
        "--out",
        arg(&out),
        "--since",
        "--json",
        "-q",
    ]);
    assert_eq!(report["run"], 1);
    assert_eq!(report["articles"], 0, "{report}");
    assert!(report["files"].as_array().unwrap().is_empty(), "{report}");

    // One article added, one deleted, stories brought up to date.
    let corpus = s.root.join("news-2.jsonl");
    write_jsonl(&corpus, &corpus_2());
    ok(&["index", arg(&corpus), "--index", arg(&s.index), "-q"]);
    let deleted = s.ids["c"].clone();
    ok(&["index", "--index", arg(&s.index), "--delete", &deleted, "-q"]);
    ok(&["stories", "build", "--index", arg(&s.index), "-q"]);
    let (new_rows, new_ids) = expected_rows(&corpus);

    let report = json(&[
        "export",
        "--index",
        arg(&s.index),
        "--out",
        arg(&out),
        "--since",
        "--json",
        "-q",
    ]);
    assert_eq!(report["run"], 2);
    assert_eq!(report["articles"], 1, "{report}");
    let rows = parquet_rows(&out, Some(2));
    for table in [
        "articles",
        "mentions",
        "entities",
        "places",
        "times",
        "numbers",
        "summaries",
        "event_mentions",
        "quotes",
    ] {
        assert_eq!(
            rows.get(table).copied().unwrap_or(0),
            new_rows[table],
            "{table}: {rows:?}"
        );
    }
    assert_eq!(rows["deleted"], 1, "{rows:?}");
    // The new article's membership, and the story it joined, are written again.
    assert!(
        rows.get("story_members").is_some_and(|n| *n >= 1) && rows.get("stories").is_some_and(|n| *n >= 1),
        "{rows:?}"
    );
    let files: Vec<&str> = report["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f.as_str().unwrap())
        .collect();
    assert!(files.contains(&"articles/month=2018-01/part-2.parquet"), "{files:?}");
    assert!(files.contains(&"deleted/part-2.parquet"), "{files:?}");
    assert!(files.iter().all(|f| f.ends_with("part-2.parquet")), "{files:?}");
    // The earlier files are as they were.
    let after = tree(&out);
    for (path, bytes) in &before {
        if path != "_rasid_export.json" {
            assert!(after.get(path) == Some(bytes), "{path} changed");
        }
    }
    let deleted_rows = read_batches(&out.join("deleted/part-2.parquet"));
    let ids = deleted_rows[0].column_by_name("article_id").unwrap();
    let ids = ids.as_any().downcast_ref::<arrow_array::StringArray>().unwrap();
    assert_eq!(ids.value(0), deleted);
    let added = read_batches(&out.join("articles/month=2018-01/part-2.parquet"));
    let ids = added[0].column_by_name("article_id").unwrap();
    let ids = ids.as_any().downcast_ref::<arrow_array::StringArray>().unwrap();
    assert_eq!(ids.value(0), new_ids["d"]);

    // The watermark records every run.
    let manifest: Value = serde_json::from_slice(&after["_rasid_export.json"]).unwrap();
    assert_eq!(manifest["runs"].as_array().unwrap().len(), 3);
    assert_eq!(manifest["format"], "parquet");

    // Another format into the same directory is refused.
    let jsonl = rasid(&[
        "export",
        "--index",
        arg(&s.index),
        "--out",
        arg(&out),
        "--since",
        "--format",
        "jsonl",
    ]);
    assert_eq!(jsonl.status.code(), Some(2));
}
