//! The copy detector on the dev split of the hand-judged copies gold
//! (`eval/copies/`, in the repository): copies must stay copies and
//! rewrites, follow-ups and templated texts must not fold.

use std::path::PathBuf;

use rasid_stories::dedup::Relation;
use rasid_stories::eval::copies;

#[test]
fn dev_copies_hold_precision_and_recall() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("eval/copies");
    let gold = copies::read_gold(&dir.join("gold.tsv")).unwrap_or_else(|e| panic!("{e}"));
    assert!(gold.len() >= 500, "{} pairs", gold.len());
    let articles: Vec<_> = rasid_ingest::read_path(&dir.join("articles.jsonl.gz"), &Default::default())
        .collect::<Result<_, _>>()
        .unwrap_or_else(|e| panic!("{e}"));
    let predicted = copies::predict(&articles, &gold);
    let report = copies::score(&gold, &predicted, "dev");
    assert_eq!(report.missing, 0, "{report}");
    let copy = report.of(Relation::Copy).cloned().unwrap_or_default();
    assert!(copy.precision >= 0.95 && copy.recall >= 0.95, "{report}");
    // Nothing judged related or unrelated is folded as a copy.
    assert_eq!(report.confusion[2][0] + report.confusion[3][0], 0, "{report}");
}
