//! End-to-end tests of `rasid eval events`: both gold forms (PETRARCH XML and
//! JSONL), the text and `--json` reports, the literal baseline, bad gold.

// Helpers outside #[test] functions may fail loudly too: this is test code.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod support;

use std::process::Output;
use support::{rasid, stdout, write};

use serde_json::Value;

const JSONL: &str = concat!(
    r#"{"id":"a","date":"2017-12-21","outlet":"example","text":"ورفض الوزير المقترح الذي قدمته الحكومة","#,
    r#""events":[{"source":"---GOV","target":"---GOV","code":"120","plover":"REJECT"}],"quotes":[]}"#,
    "\n",
    r#"{"id":"b","date":"2017-12-21T10:57","text":"وقال متحدث باسم وزارة خارجية كازاخستان ان الوفود وصلت الى استانا","#,
    r#""events":[{"source":"KAZGOV","target":null,"code":"010"}],"#,
    r#""quotes":[{"speaker":"متحدث باسم وزارة خارجية كازاخستان","cue":"وقال","content":"الوفود وصلت الى استانا","kind":"indirect"}]}"#,
    "\n",
    r#"{"id":"c","date":"2018-03-17","text":"فاز الفريق بثلاثة اهداف","events":[],"quotes":[]}"#,
    "\n"
);

const XML: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<Sentences>
  <Sentence id="a" date="20171221">
    <Text>ورفض الوزير المقترح الذي قدمته الحكومة</Text>
    <EventCoding sourcecode="None GOV" targetcode="None GOV" eventcode="120" plover="REJECT"/>
  </Sentence>
  <Sentence id="c" date="20180317">
    <Text>فاز الفريق بثلاثة اهداف</Text>
  </Sentence>
</Sentences>
"#;

/// The value of the report's last line, `F1 <value>`.
fn last_f1(output: &Output) -> f64 {
    let out = stdout(output);
    let last = out.lines().last().unwrap_or_default();
    let value = last.strip_prefix("F1 ").unwrap_or_else(|| panic!("last line {last:?}"));
    value.parse().unwrap()
}

#[test]
fn eval_events_runs_the_pipeline_on_both_gold_forms() {
    let dir = tempfile::tempdir().unwrap();
    for (name, text, sentences) in [("gold.jsonl", JSONL, 3), ("gold.xml", XML, 2)] {
        let gold = write(dir.path(), name, text);
        let out = rasid(&["eval", "events", "--gold", gold.to_str().unwrap()]);
        assert!(out.status.success(), "{name}: {}", String::from_utf8_lossy(&out.stderr));
        let report = stdout(&out);
        assert!(
            report.starts_with(&format!("sentences {sentences} (")),
            "{name}: {report}"
        );
        assert!(
            report.contains("by CAMEO root") && report.contains("by PLOVER category"),
            "{report}"
        );
        let f1 = last_f1(&out);
        assert!((0.0..=1.0).contains(&f1), "{name}: {f1}");
    }
}

#[test]
fn eval_events_json_report_agrees_with_the_last_line() {
    let dir = tempfile::tempdir().unwrap();
    let gold = write(dir.path(), "gold.jsonl", JSONL);
    let out = rasid(&["eval", "events", "--gold", gold.to_str().unwrap(), "--json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "{text}");
    let report: Value = serde_json::from_str(lines[0]).unwrap();
    assert_eq!(report["sentences"], 3);
    assert_eq!(report["sentences_without_events"], 1);
    assert_eq!(report["events"]["detection"]["gold"], 2);
    assert_eq!(report["quotes"]["detection"]["gold"], 1);
    let (tp, predicted, gold_n) = (
        report["events"]["detection"]["tp"].as_f64().unwrap(),
        report["events"]["detection"]["predicted"].as_f64().unwrap(),
        report["events"]["detection"]["gold"].as_f64().unwrap(),
    );
    let f1 = if tp == 0.0 {
        0.0
    } else {
        2.0 * tp / (predicted + gold_n)
    };
    assert!((last_f1(&out) - f1).abs() < 1e-4, "{text}");
}

#[test]
fn eval_events_literal_baseline_finds_the_literal_verb() {
    let dir = tempfile::tempdir().unwrap();
    let gold = write(dir.path(), "gold.xml", XML);
    let out = rasid(&[
        "eval",
        "events",
        "--gold",
        gold.to_str().unwrap(),
        "--baseline",
        "literal",
        "--json",
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let report: Value = serde_json::from_str(stdout(&out).lines().next().unwrap()).unwrap();
    // `رفض` is a literal verb of CAMEO.ar.0.5 with code 120; the baseline codes no actors.
    assert_eq!(report["events"]["by_root"]["12"]["tp"], 1, "{report}");
    assert_eq!(report["events"]["source_exact"]["correct"], 0);
    assert!(last_f1(&out) > 0.0);
}

#[test]
fn eval_events_bad_gold_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let bad = write(
        dir.path(),
        "bad.jsonl",
        "{\"id\":\"a\",\"text\":\"x\",\"events\":[{\"code\":\"abc\"}]}\n",
    );
    let out = rasid(&["eval", "events", "--gold", bad.to_str().unwrap()]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("bad.jsonl:1:") && err.contains("not a CAMEO code"),
        "{err}"
    );
    let missing = dir.path().join("missing.xml");
    let out = rasid(&["eval", "events", "--gold", missing.to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("missing.xml"));
    let bad_date = write(
        dir.path(),
        "date.jsonl",
        "{\"id\":\"d\",\"date\":\"21/12/2017\",\"text\":\"x\"}\n",
    );
    let out = rasid(&["eval", "events", "--gold", bad_date.to_str().unwrap()]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("date.jsonl") && err.contains("sentence d"), "{err}");
}
