//! End-to-end tests of `rasid index`, `rasid search`, `rasid stats`,
//! `rasid eval retrieval` and `rasid train ner`: summaries, idempotent
//! re-indexing, delete, JSON output with snippet offsets, entity, place and
//! mentioned-date filters and facets from extraction, exit codes for bad
//! queries and bad index directories.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)] // test code

mod support;

use std::path::{Path, PathBuf};
use support::{arg, rasid, stderr, stdout};

use serde_json::{json, Value};

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

    // Into a pipe, the text is plain; on a terminal (or when asked) matches are in colour.
    let out = rasid(&["search", "روسيا", "--index", arg(&index)]);
    assert!(stdout(&out).contains("وروسيا"), "{}", stdout(&out));
    assert!(stdout(&out).contains("1 result"), "{}", stdout(&out));
}

#[test]
fn regression_search_prints_no_html_and_colours_as_asked() {
    let dir = tempfile::tempdir().unwrap();
    let index = indexed(dir.path());
    for plain in [
        rasid(&["search", "روسيا", "--index", arg(&index)]),
        rasid(&["search", "روسيا", "--index", arg(&index), "--color", "never"]),
    ] {
        let text = stdout(&plain);
        assert!(text.contains(" من المحادثات بمشاركة تركيا وروسيا"), "{text}");
        assert!(!text.contains("<b>") && !text.contains('\x1b'), "{text:?}");
        assert!(!text.contains('\u{2068}'), "no isolates in plain text: {text:?}");
    }
    let colour = stdout(&rasid(&[
        "search",
        "روسيا",
        "--index",
        arg(&index),
        "--color",
        "always",
    ]));
    assert!(colour.contains("\x1b[1;33mوروسيا\x1b[0m"), "{colour:?}");
    assert!(!colour.contains("<b>"), "{colour:?}");
    let bad = rasid(&["search", "روسيا", "--index", arg(&index), "--color", "sometimes"]);
    assert_eq!(bad.status.code(), Some(2), "{}", stderr(&bad));
}

#[test]
fn regression_search_output_neutralises_bidi_controls() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bidi.jsonl");
    let line = json!({"title": "مرفق \u{202E}gnp.exe\u{202C} للتحميل", "body": "نص عن المرفق \u{2067}مقلوب\u{2069} \u{1b}[31mأحمر",
                      "source": "\u{202E}evil", "published": "2018-03-01T10:00:00"});
    std::fs::write(&file, format!("{line}\n")).unwrap();
    let index = dir.path().join("index");
    let out = rasid(&["index", arg(&file), "--index", arg(&index), "--quiet"]);
    assert!(out.status.success(), "{}", stderr(&out));
    for colour in ["never", "always"] {
        let text = stdout(&rasid(&["search", "المرفق", "--index", arg(&index), "--color", colour]));
        assert!(text.contains("gnp.exe"), "{text}");
        for c in text.chars() {
            assert!(
                !matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}' | '\u{2067}'),
                "{c:?} printed in {text:?}"
            );
        }
        // The only escape sequences are rasid's own colours.
        assert!(!text.contains("\x1b[31m"), "{text:?}");
    }
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
    // a4 has no date: --undated finds it alone, and with a date range nothing.
    let undated = search_json(&index, "", &["--undated"]);
    assert_eq!(undated["total"], 1);
    assert_eq!(undated["hits"][0]["title"], "مباراة الأهلى والزمالك");
    assert_eq!(search_json(&index, "", &["--undated", "--from", "2017"])["total"], 0);
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
        let out = rasid(&["search", query, "--strict-query", "--index", arg(&index)]);
        assert_eq!(out.status.code(), Some(2), "{says}: {}", stderr(&out));
        assert!(stderr(&out).contains(says), "{says}: {}", stderr(&out));
        assert!(!stderr(&out).contains("panicked"));
        // Without --strict-query what does not parse is read as text (the long
        // one is cut to one over-long word: nothing to search for).
        let out = rasid(&["search", query, "--index", arg(&index)]);
        if query == long {
            assert!(stderr(&out).contains("nothing to search for"), "{}", stderr(&out));
        } else {
            assert_eq!(out.status.code(), Some(0), "{says}: {}", stderr(&out));
        }
    }
}

#[test]
fn regression_pasted_headline_with_dash_is_searched() {
    let dir = tempfile::tempdir().unwrap();
    let index = indexed(dir.path());
    let out = rasid(&["search", "محادثات - استانا", "--index", arg(&index)]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = rasid(&["search", "-", "--index", arg(&index)]);
    assert_eq!(out.status.code(), Some(2), "nothing to search for: {}", stderr(&out));
    assert!(stderr(&out).contains("nothing to search for"), "{}", stderr(&out));
}

#[test]
fn bad_index_directories_get_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing");
    let out = rasid(&["search", "x", "--index", arg(&missing)]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("does not exist"), "{}", stderr(&out));

    let index = indexed(dir.path());
    for (version, says) in [(99, "newer than this rasid supports"), (1, "re-index it")] {
        set_schema_version(&index, version);
        let out = rasid(&["search", "x", "--index", arg(&index)]);
        assert_eq!(out.status.code(), Some(2));
        let err = stderr(&out);
        assert!(err.contains(&format!("schema version {version}")), "{err}");
        assert!(err.contains(says), "{err}");
    }

    let out = rasid(&["search", "x", "--index", arg(dir.path())]);
    assert!(stderr(&out).contains("not a rasid index"), "{}", stderr(&out));
}

fn set_schema_version(index: &Path, version: u32) {
    let meta = index.join("rasid-index.json");
    let mut value: Value = serde_json::from_str(&std::fs::read_to_string(&meta).unwrap()).unwrap();
    value["schema_version"] = version.into();
    std::fs::write(&meta, value.to_string()).unwrap();
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

    // The shipped search first; several rankings on one index.
    let out = rasid(&[
        "eval",
        "retrieval",
        "--corpus",
        arg(&input),
        "--no-extract",
        "--ranking",
        "proximity=0",
        "--ranking",
        "proximity=1,slop=2",
    ]);
    let text = stdout(&out);
    assert!(
        text.contains("rasid search title=2,body=1,lead=1,entities=0,all=1,proximity=0,slop=0,k1=1.2,b=0.75,loose=1"),
        "{text}"
    );
    assert!(text.contains("proximity=1,slop=2"), "{text}");
    assert!(text.contains("rasid analyzer, bag of words"), "{text}");
    let out = rasid(&["eval", "retrieval", "--corpus", arg(&input), "--ranking", "title=x"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let out = rasid(&["eval", "retrieval", "--corpus", arg(&input), "--sources", "nowhere"]);
    assert!(stderr(&out).contains("no articles"), "{}", stderr(&out));
}

/// The canonical article, with two small articles beside it that share none
/// of its people, places or dates.
fn extraction_corpus(dir: &Path) -> (PathBuf, PathBuf) {
    let astana = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/astana-2017-12-21.txt");
    let lines = [
        json!({"id": "cairo", "title": "السيسى يفتتح مؤتمرا للاستثمار فى القاهرة",
               "body": "افتتح الرئيس المصرى عبد الفتاح السيسى فى القاهرة يوم 5 مارس 2016 مؤتمرا للاستثمار بمشاركة وفود من عشرين دولة.",
               "source": "ahram", "published": "2016-03-05T09:00:00"}),
        json!({"id": "match", "title": "الأهلى يفوز على الزمالك",
               "body": "فاز النادى الأهلى على الزمالك بهدفين فى مباراة القمة مساء الجمعة.",
               "source": "ahram", "published": "2018-01-12T22:00:00"}),
    ];
    let jsonl = dir.join("more.jsonl");
    std::fs::write(&jsonl, lines.iter().map(|l| format!("{l}\n")).collect::<String>()).unwrap();
    (astana, jsonl)
}

fn titles(results: &Value) -> Vec<String> {
    let mut found: Vec<String> = results["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["title"].as_str().unwrap().to_owned())
        .collect();
    found.sort();
    found
}

const ASTANA_TITLE: &str = "بدء جولة محادثات سلام جديدة حول سوريا فى استانا";
const CAIRO_TITLE: &str = "السيسى يفتتح مؤتمرا للاستثمار فى القاهرة";

#[test]
fn extraction_filters_find_the_canonical_article() {
    let dir = tempfile::tempdir().unwrap();
    let (astana, jsonl) = extraction_corpus(dir.path());
    let index = dir.path().join("index");
    let out = rasid(&["index", arg(&astana), arg(&jsonl), "--index", arg(&index)]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("3 indexed"), "{}", stderr(&out));

    let astana_only = [ASTANA_TITLE.to_owned()];
    for filter in [
        ["--entity", "لافروف"],
        ["--person", "لافروف"],
        ["--person", "دى ميستورا"],
        ["--org", "الأمم المتحدة"],
        ["--place", "ادلب"],
        ["--place", "إدلب"],
        ["--place", "169389"],
        ["--mentions", "2017-05"],
        ["--mentions", "2017-12-21"],
        ["--mentions", "2017-10/2017-12"],
    ] {
        let results = search_json(&index, "", &filter);
        assert_eq!(titles(&results), astana_only, "help: {filter:?}");
    }
    // Filters that exclude it: another person, a place it does not name, a
    // period it does not mention, an organisation named as a person.
    for filter in [
        &["--person", "السيسى"][..],
        &["--place", "القاهرة"],
        &["--place", "360630"],
        &["--mentions", "2017-06"],
        &["--mentions", "2017-12-23"],
        &["--person", "الأمم المتحدة"],
        &["--entity", "لافروف", "--mentions", "2016"],
    ] {
        let results = search_json(&index, "", filter);
        assert!(
            !titles(&results).contains(&ASTANA_TITLE.to_owned()),
            "help: {filter:?} should exclude the Astana article"
        );
    }
    // A date only the Cairo article mentions, combined with a query and a
    // publication range.
    let results = search_json(&index, "", &["--mentions", "2016-03-05"]);
    assert_eq!(titles(&results), [CAIRO_TITLE.to_owned()]);
    let results = search_json(
        &index,
        "الاستثمار",
        &["--mentions", "2016", "--from", "2016-01", "--to", "2016-12"],
    );
    assert_eq!(titles(&results), [CAIRO_TITLE.to_owned()]);
    let results = search_json(&index, "محادثات", &["--place", "ادلب", "--from", "2018"]);
    assert_eq!(results["total"], 0);

    // The query language reaches the same fields.
    assert_eq!(titles(&search_json(&index, "person:لافروف", &[])), astana_only);
    assert_eq!(titles(&search_json(&index, "mentions:2017-05", &[])), astana_only);

    // Facets in JSON, and with --facets in plain output; top entities in stats.
    // People, organisations and places count by identity key, shown by name.
    let results = search_json(&index, "", &["--mentions", "2017"]);
    let named = |values: &Value| -> Vec<(String, u64)> {
        values
            .as_array()
            .unwrap()
            .iter()
            .map(|v| (v["name"].as_str().unwrap().to_owned(), v["count"].as_u64().unwrap()))
            .collect()
    };
    let persons = &results["facets"]["persons"];
    assert!(named(persons).contains(&("سيرغي لافروف".to_owned(), 1)), "{persons}");
    assert!(named(&results["facets"]["places"]).contains(&("ادلب".to_owned(), 1)));
    let lavrov = persons
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["name"] == "سيرغي لافروف")
        .unwrap();
    let key = lavrov["key"].as_str().unwrap();
    assert!(key.starts_with("PER:"), "{lavrov}");
    // The key is a filter: every spelling of the person.
    assert_eq!(titles(&search_json(&index, "", &["--person", key])), astana_only);
    let out = rasid(&["search", "محادثات", "--index", arg(&index), "--facets"]);
    let text = stdout(&out);
    assert!(text.contains("persons: ") && text.contains("سيرغي لافروف (1)"), "{text}");
    assert!(text.contains("places: "), "{text}");
    let out = rasid(&["search", "محادثات", "--index", arg(&index)]);
    assert!(!stdout(&out).contains("persons: "), "{}", stdout(&out));
    let out = rasid(&["stats", "--index", arg(&index)]);
    assert!(stdout(&out).contains("سيرغي لافروف (1)"), "{}", stdout(&out));
}

#[test]
fn bad_filters_exit_2_naming_the_filter() {
    let dir = tempfile::tempdir().unwrap();
    let index = indexed(dir.path());
    for (filter, says) in [
        (["--mentions", "2017-13"], "mentions filter \"2017-13\""),
        (["--mentions", "2017-07/2017-05"], "start is after the end"),
        (["--entity", "فى"], "entity filter"),
    ] {
        let out = rasid(&["search", "--index", arg(&index), filter[0], filter[1]]);
        assert_eq!(out.status.code(), Some(2), "{filter:?}: {}", stderr(&out));
        assert!(stderr(&out).contains(says), "{filter:?}: {}", stderr(&out));
    }
}

#[test]
fn no_extract_indexes_text_only() {
    let dir = tempfile::tempdir().unwrap();
    let (astana, _) = extraction_corpus(dir.path());
    let index = dir.path().join("index");
    let out = rasid(&["index", arg(&astana), "--index", arg(&index), "--no-extract"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(search_json(&index, "لافروف", &[])["total"], 1);
    assert_eq!(search_json(&index, "", &["--entity", "لافروف"])["total"], 0);
    assert_eq!(search_json(&index, "", &["--mentions", "2017-05"])["total"], 0);
}

/// A small CoNLL file: a few sentences with people, places and organisations.
fn tiny_conll(dir: &Path) -> PathBuf {
    let sentences = [
        "قال\tO\nوزير\tO\nالخارجية\tO\nسيرغى\tB-PERS\nلافروف\tI-PERS\nفى\tO\nموسكو\tB-LOC\n.\tO\n",
        "وصل\tO\nدى\tB-PERS\nميستورا\tI-PERS\nالى\tO\nجنيف\tB-LOC\n.\tO\n",
        "اعلنت\tO\nالامم\tB-ORG\nالمتحدة\tI-ORG\nعن\tO\nجولة\tO\nجديدة\tO\n.\tO\n",
        "زار\tO\nبوتين\tB-PERS\nدمشق\tB-LOC\nامس\tO\n.\tO\n",
        "تستضيف\tO\nاستانا\tB-LOC\nالمحادثات\tO\n.\tO\n",
    ];
    let text: String = sentences.iter().cycle().take(20).map(|s| format!("{s}\n")).collect();
    let path = dir.join("anercorp_camel_train.conll");
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn train_ner_writes_a_model_and_scores_a_split() {
    let dir = tempfile::tempdir().unwrap();
    tiny_conll(dir.path());
    let model = dir.path().join("tiny.bin");
    let small = ["--epochs", "2", "--log2-buckets", "10", "--doc-window", "2", "--quiet"];
    let mut args = vec!["train", "ner", "--anercorp", arg(dir.path()), "--out", arg(&model)];
    args.extend_from_slice(&small);
    let out = rasid(&args);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("differs from the shipped model"),
        "{}",
        stdout(&out)
    );
    let bytes = std::fs::read(&model).unwrap();
    assert!(bytes.len() > 8, "a model was written");

    // Deterministic: the same command writes the same bytes.
    let out = rasid(&args);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(std::fs::read(&model).unwrap(), bytes);

    let mut args = vec!["train", "ner", "--anercorp", arg(dir.path()), "--dev"];
    args.extend_from_slice(&small);
    let out = rasid(&args);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.starts_with("dev: "), "{text}");
    assert!(text.trim_end().lines().last().unwrap().starts_with("F1 "), "{text}");

    let out = rasid(&["train", "ner", "--anercorp", arg(&dir.path().join("nope"))]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("nope"), "{}", stderr(&out));
}
