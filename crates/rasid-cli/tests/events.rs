//! End-to-end tests of the events surface of the CLI: `rasid search --event
//! --actor --target` and its facets, `rasid events` (text, `--json`, GDELT-style
//! `--tsv`) and the event tables of `rasid export`.
//!
//! The index holds the canonical article (`rasid index`: whatever events the
//! pipeline's coder finds in it) and two syndicated copies of a report with
//! hand-made events (tests/common). The assertions on the copies hold with or
//! without a coder; the ones over every event (ids, counts, filters) check what
//! the coder adds too.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)] // test code

mod common;
mod support;

use std::collections::BTreeSet;
use std::path::Path;
use support::{json, ok, rasid};

use serde_json::Value;

fn index() -> (tempfile::TempDir, Vec<String>) {
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("index");
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/astana-2017-12-21.txt");
    ok(&[
        "index",
        example.to_str().unwrap(),
        "--index",
        index.to_str().unwrap(),
        "--quiet",
    ]);
    let ids = common::add_event_articles(&index);
    (dir, ids)
}

fn ids_of(results: &Value) -> BTreeSet<String> {
    results["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["id"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn search_filters_and_facets_by_events() {
    let (dir, ids) = index();
    let index = dir.path().join("index");
    let index = index.to_str().unwrap();
    let copies: BTreeSet<String> = ids.into_iter().collect();
    let search = |extra: &[&str]| {
        let mut args = vec!["search", "--index", index, "--json", "--all-copies"];
        args.extend_from_slice(extra);
        json(&args)
    };
    // The example, with this report's codes: code, source, target.
    let found = search(&["--event", "195", "--actor", "SYRMIL", "--target", "SYRREB"]);
    assert_eq!(ids_of(&found), copies);
    // A root finds its codes; a country finds its actors.
    assert_eq!(ids_of(&search(&["--event", "19"])), copies);
    // (with the root: other articles of the index have Syrian actors too)
    assert_eq!(
        ids_of(&search(&["--event", "19", "--actor", "syr", "--target", "SYR"])),
        copies
    );
    // The query language says the same.
    assert_eq!(ids_of(&search(&["event:195 AND dyad:SYRMIL>SYRREB"])), copies);
    assert_eq!(
        ids_of(&search(&["event:195 AND actor:SYRMIL AND target:SYRREB"])),
        copies
    );
    // Roles are not swapped, and other codes do not match.
    assert_eq!(search(&["--event", "195", "--actor", "SYRREB"])["total"], 0);
    assert_eq!(search(&["--event", "1951"])["total"], 0);
    assert_eq!(search(&["--event", "195", "--target", "USA"])["total"], 0);
    // Facets by event root and by actor, over every match.
    let facets = &search(&["ادلب"])["facets"];
    let has = |key: &str, value: &str| {
        facets[key]
            .as_array()
            .unwrap()
            .iter()
            .any(|v| v[0] == value && v[1].as_u64().unwrap() >= 2)
    };
    assert!(has("event_roots", "19"), "{facets}");
    assert!(has("event_roots", "01"), "{facets}");
    assert!(has("actors", "SYRMIL"), "{facets}");
    assert!(has("targets", "SYRREB"), "{facets}");
    // The text output lists them too.
    let text = ok(&["search", "ادلب", "--index", index]);
    assert!(text.contains("event roots: "), "{text}");
}

#[test]
fn events_are_deduplicated_across_copies() {
    let (dir, ids) = index();
    let index = dir.path().join("index");
    let index = index.to_str().unwrap();
    let all = json(&["events", "--index", index, "--json"]);
    let events = all["events"].as_array().unwrap();
    assert_eq!(all["total"].as_u64().unwrap() as usize, events.len());
    // Every event's counts add up, ids are distinct, mentions are in order.
    let mut seen = BTreeSet::new();
    let mut mentions = 0;
    for e in events {
        assert!(seen.insert(e["id"].as_u64().unwrap()), "ids are distinct: {e}");
        let list = e["mentions"].as_array().unwrap();
        assert_eq!(e["num_mentions"].as_u64().unwrap() as usize, list.len());
        let articles: BTreeSet<&str> = list.iter().map(|m| m["article"].as_str().unwrap()).collect();
        assert_eq!(e["num_articles"].as_u64().unwrap() as usize, articles.len());
        assert!(e["code"]
            .as_str()
            .unwrap()
            .starts_with(e["root_code"].as_str().unwrap()));
        mentions += list.len();
    }
    assert_eq!(all["mentions"].as_u64().unwrap() as usize, mentions);

    // The shelling told by both copies is one event with two mentions.
    let shelling = json(&[
        "events", "--index", index, "--json", "--event", "19", "--actor", "SYRMIL",
    ]);
    assert_eq!(shelling["total"], 1, "{shelling}");
    let e = &shelling["events"][0];
    assert_eq!(e["day"], "2017-12-20", "the text's date, not the dateline");
    assert_eq!(
        (e["num_mentions"].as_u64(), e["num_sources"].as_u64()),
        (Some(2), Some(2))
    );
    assert_eq!(e["source"]["code"], "SYRMIL");
    assert_eq!(e["target"]["code"], "SYRREB");
    assert_eq!(e["place"]["geonames_id"], 169_389);
    let articles: BTreeSet<String> = e["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["article"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(articles, ids.iter().cloned().collect());
    // Its id is the same however the events are selected.
    assert!(events.iter().any(|x| x["id"] == e["id"]));
    let by_query = json(&["events", "ادلب", "--index", index, "--json", "--target", "SYRREB"]);
    assert!(by_query["events"]
        .as_array()
        .unwrap()
        .iter()
        .any(|x| x["id"] == e["id"]));
    // A filter keeps only the events that pass it.
    let consult = json(&["events", "--index", index, "--json", "--event", "04"]);
    for x in consult["events"].as_array().unwrap() {
        assert!(x["code"].as_str().unwrap().starts_with("04"), "{x}");
    }
    // Sources filter the articles.
    let one = json(&[
        "events", "--index", index, "--json", "--source", "youm7", "--event", "195",
    ]);
    assert_eq!(one["events"][0]["num_mentions"], 1);

    // Text output.
    let text = ok(&["events", "--index", index, "--event", "195"]);
    assert!(
        text.contains("195 SYRMIL (الجيش السوري) → SYRREB (الفصائل المعارضة)"),
        "{text}"
    );
    assert!(text.contains("2 mentions · 2 articles · 2 sources"), "{text}");
}

#[test]
fn tsv_rows_are_gdelt_style_and_deterministic() {
    let (dir, _) = index();
    let index = dir.path().join("index");
    let index = index.to_str().unwrap();
    let tsv = ok(&["events", "--index", index, "--tsv"]);
    assert_eq!(
        tsv,
        ok(&["events", "--index", index, "--tsv"]),
        "the same rows each time"
    );
    let mut lines = tsv.lines();
    let header: Vec<&str> = lines.next().unwrap().split('\t').collect();
    for column in [
        "GlobalEventID",
        "Day",
        "Actor1Code",
        "Actor1Name",
        "Actor1CountryCode",
        "Actor2Code",
        "IsRootEvent",
        "EventCode",
        "EventBaseCode",
        "EventRootCode",
        "QuadClass",
        "GoldsteinScale",
        "NumMentions",
        "NumSources",
        "NumArticles",
        "ActionGeo_FeatureID",
        "SOURCEURL",
    ] {
        assert!(header.contains(&column), "{column} in {header:?}");
    }
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split('\t').collect()).collect();
    let total = json(&["events", "--index", index, "--json"])["total"].as_u64().unwrap() as usize;
    assert_eq!(rows.len(), total);
    let col = |name: &str| header.iter().position(|h| *h == name).unwrap();
    for row in &rows {
        assert_eq!(row.len(), header.len());
    }
    let shelling = rows.iter().find(|r| r[col("EventCode")] == "195").unwrap();
    assert_eq!(shelling[col("Day")], "20171220");
    assert_eq!(shelling[col("Actor1Code")], "SYRMIL");
    assert_eq!(shelling[col("Actor1CountryCode")], "SYR");
    assert_eq!(shelling[col("Actor2Code")], "SYRREB");
    assert_eq!(shelling[col("EventRootCode")], "19");
    assert_eq!(shelling[col("QuadClass")], "4");
    assert_eq!(shelling[col("IsRootEvent")], "1");
    assert_eq!(
        (
            shelling[col("NumMentions")],
            shelling[col("NumSources")],
            shelling[col("NumArticles")]
        ),
        ("2", "2", "2")
    );
    assert_eq!(shelling[col("ActionGeo_FeatureID")], "169389");
    assert_eq!(
        shelling[col("SOURCEURL")],
        "https://youm7.example/idlib",
        "the first to publish"
    );
    // A query is read leniently (an unclosed quote is text); bad filters are usage errors.
    assert_eq!(rasid(&["events", "\"open", "--index", index]).status.code(), Some(0));
    let bad = rasid(&["events", "--index", index, "--from", "yesterday"]);
    assert_eq!(bad.status.code(), Some(2), "{}", String::from_utf8_lossy(&bad.stderr));
}

#[test]
fn export_writes_events_mentions_and_quotes() {
    let (dir, ids) = index();
    let index = dir.path().join("index");
    let out = dir.path().join("export");
    ok(&[
        "export",
        "--index",
        index.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--format",
        "jsonl",
        "-q",
    ]);
    let rows = |table: &str| -> Vec<Value> {
        let mut rows = Vec::new();
        for entry in walk(&out.join(table)) {
            let text = std::fs::read_to_string(entry).unwrap();
            rows.extend(text.lines().map(|l| serde_json::from_str::<Value>(l).unwrap()));
        }
        rows
    };
    let mentions = rows("event_mentions");
    let events = rows("events");
    let quotes = rows("quotes");
    // Each copy: two events and one quote.
    for id in &ids {
        assert_eq!(mentions.iter().filter(|m| m["article_id"] == id.as_str()).count(), 2);
        assert_eq!(quotes.iter().filter(|q| q["article_id"] == id.as_str()).count(), 1);
    }
    // Every mention joins one event; the events' counts add up.
    let event_ids: BTreeSet<u64> = events.iter().map(|e| e["event_id"].as_u64().unwrap()).collect();
    assert_eq!(event_ids.len(), events.len());
    for m in &mentions {
        assert!(event_ids.contains(&m["event_id"].as_u64().unwrap()), "{m}");
    }
    let sum: u64 = events.iter().map(|e| e["num_mentions"].as_u64().unwrap()).sum();
    assert_eq!(sum as usize, mentions.len());
    let shelling = events.iter().find(|e| e["event_code"] == "195").unwrap();
    assert_eq!(shelling["num_articles"], 2);
    assert!(
        out.join("events/month=2017-12").is_dir(),
        "partitioned by the event's month"
    );
    let quote = quotes.iter().find(|q| q["article_id"] == ids[0].as_str()).unwrap();
    assert_eq!(quote["kind"], "direct");
    assert_eq!(quote["speaker_code"], "SYRMIL");
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                out.extend(walk(&path));
            } else {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}
