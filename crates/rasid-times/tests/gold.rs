//! The hand-annotated development gold (tests/data/time-gold.dev.jsonl): the
//! scorer runs on it and the tagger stays above a floor (issue 4). The held-out
//! part is scored in the same way but only reported, never tuned on.
#![allow(clippy::unwrap_used)]

#[test]
fn dev_gold_scores_stay_up() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/time-gold.dev.jsonl");
    let report = rasid_times::eval::run(std::path::Path::new(path)).unwrap();
    assert!(report.overall.strict.gold >= 160);
    assert!(report.overall.relaxed.f1() > 0.95, "{report}");
    assert!(report.overall.value.f1() > 0.90, "{report}");
    assert!(report.to_string().lines().last().unwrap().starts_with("value-F1 "));
}
