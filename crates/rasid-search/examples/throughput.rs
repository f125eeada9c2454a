//! Indexing throughput, stage by stage, on a plain JSONL file of articles
//! (`title`, `body`, `source`, `published` fields):
//!
//! ```sh
//! gzip -dc ../shared/data/news/ant_multisource_v2.1.dev.jsonl.gz > /tmp/ant.jsonl
//! cargo run --release -p rasid-search --example throughput -- /tmp/ant.jsonl [THREADS]
//! ```
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)] // example code

use std::time::Instant;

use rasid_core::Article;
use rasid_search::tokenizer::search_tokens;
use rasid_search::{Index, WriterOptions};

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("usage: throughput FILE.jsonl [THREADS]");
    let threads: usize = args.next().map_or(1, |t| t.parse().expect("THREADS is a number"));
    let text = std::fs::read_to_string(&path).unwrap();
    let started = Instant::now();
    let articles: Vec<Article> = text
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .map(|v| {
            let s = |k: &str| v.get(k).and_then(|x| x.as_str()).unwrap_or("").to_owned();
            let mut b = Article::builder(s("title"), s("body")).source(s("source"));
            if let Ok(t) = s("published").parse::<rasid_core::Timestamp>() {
                b = b.published(t);
            }
            b.build()
        })
        .collect();
    let n = articles.len() as f64;
    let bytes: usize = articles.iter().map(|a| a.body.len() + a.title.len()).sum();
    println!(
        "parse: {} articles, {:.1} MB, {:.2}s",
        n,
        bytes as f64 / 1e6,
        started.elapsed().as_secs_f64()
    );

    let analyzer = rasid_text::Analyzer::default();
    analyzer.warm_up();
    let started = Instant::now();
    let mut terms = 0usize;
    for a in &articles {
        terms += search_tokens(&analyzer, &a.title).len() + search_tokens(&analyzer, &a.body).len();
    }
    let s = started.elapsed().as_secs_f64();
    println!("analysis (one thread): {terms} terms, {s:.2}s, {:.0} articles/s", n / s);

    let dir = tempfile::tempdir().unwrap();
    let index = Index::create_or_open(dir.path()).unwrap();
    let options = WriterOptions {
        threads,
        memory_bytes: threads * 40_000_000,
        commit_every: 100_000,
        replace: false,
    };
    let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
    let started = Instant::now();
    pool.install(|| {
        let mut writer = index.writer(options, "throughput").unwrap();
        for chunk in articles.chunks(512) {
            writer.add_batch(chunk.to_vec()).unwrap();
        }
        writer.finish().unwrap();
    });
    let s = started.elapsed().as_secs_f64();
    println!(
        "index ({threads} thread(s)): {s:.2}s, {:.0} articles/s, {} docs",
        n / s,
        index.num_docs().unwrap()
    );
}
