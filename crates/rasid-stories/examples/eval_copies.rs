//! Scores the copy detector on the hand-judged gold, every split:
//! `cargo run -p rasid-stories --example eval_copies [GOLD.tsv]`
//! (`rasid eval copies` is the same scorer behind the CLI).

use std::path::PathBuf;

use rasid_stories::eval::copies;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let gold_path = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("eval/copies/gold.tsv"));
    let gold = copies::read_gold(&gold_path)?;
    let mut articles = Vec::new();
    let options = rasid_ingest::ReadOptions::default();
    for record in rasid_ingest::read_path(&gold_path.with_file_name("articles.jsonl.gz"), &options) {
        articles.push(record?);
    }
    let predicted = copies::predict(&articles, &gold);
    let linked = copies::predict_links(&articles, &gold)?;
    if std::env::var_os("RASID_DUMP_DEV").is_some() {
        // The estimated containments of every dev pair, for choosing thresholds on dev only.
        let analyzer = rasid_text::Analyzer::default();
        let by_id: std::collections::HashMap<&str, &rasid_core::Article> = articles
            .iter()
            .filter_map(|a| a.external_id.as_deref().map(|i| (i, a)))
            .collect();
        for p in gold.iter().filter(|p| p.split == "dev") {
            if let (Some(a), Some(b)) = (by_id.get(p.a.as_str()), by_id.get(p.b.as_str())) {
                let fa = rasid_stories::dedup::fingerprint(&analyzer.analyze(a));
                let fb = rasid_stories::dedup::fingerprint(&analyzer.analyze(b));
                let (ab, ba) = rasid_stories::dedup::containment(&fa, &fb);
                eprintln!("{}\t{}\t{ab:.3}\t{ba:.3}", p.n, p.relation.name());
            }
        }
    }
    for split in ["dev", "heldout", "all"] {
        if split != "dev" && std::env::var_os("RASID_SCORE_HELDOUT").is_none() {
            continue;
        }
        let mut report = copies::score(&gold, &predicted, split);
        report.links = Some(Box::new(copies::score(&gold, &linked, split)));
        println!("{report}\n");
    }
    Ok(())
}
