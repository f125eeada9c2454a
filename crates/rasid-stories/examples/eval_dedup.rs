//! The perturbed-copies evaluation of `rasid eval dedup`, without the rest of
//! the `rasid` binary (quicker to build where only this is measured):
//!
//! ```sh
//! cargo run --release -p rasid-stories --example eval_dedup -- --seed 42 --share 0.2 \
//!     ../shared/data/news/ant_multisource_v2.1.dev.jsonl.gz ../shared/data/news/saudinewsnet.dev.jsonl.gz
//! ```
//!
//! Reads the files as `rasid eval dedup` does (default read options, articles
//! without a body left out) and prints the same report, then the recall per
//! perturbation and the report as JSON.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout, clippy::print_stderr)] // an example

use rasid_core::Article;
use rasid_stories::eval::{run, DedupEvalOptions};

fn main() {
    let mut options = DedupEvalOptions::default();
    let mut files = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--seed" => options.seed = args.next().and_then(|v| v.parse().ok()).expect("--seed N"),
            "--share" => options.share = args.next().and_then(|v| v.parse().ok()).expect("--share F"),
            _ => files.push(std::path::PathBuf::from(a)),
        }
    }
    let read = rasid_ingest::ReadOptions::default();
    let articles: Vec<Article> = files
        .iter()
        .flat_map(|path| rasid_ingest::read_path(path, &read))
        .filter_map(Result::ok)
        .filter(|a| !a.body.trim().is_empty())
        .collect();
    eprintln!("{} articles", articles.len());
    let report = run(articles, &options);
    println!("{report}");
    for p in &report.per_perturbation {
        println!(
            "  {}: {}/{} = {:.3}",
            p.perturbation,
            p.found,
            p.copies,
            p.found as f64 / p.copies.max(1) as f64
        );
    }
    println!("{}", serde_json::to_string(&report).unwrap());
}
