//! `rasid eval retrieval` without the rest of the CLI, for tuning the ranking
//! on a dev split in a release build of this crate alone, on a plain JSONL file
//! (`title`, `body`, `source`, `published` fields):
//!
//! ```sh
//! gzip -dc ../shared/data/news/*.jsonl.gz > /tmp/news.jsonl
//! cargo run --release -p rasid-search --example retrieval -- /tmp/news.jsonl \
//!     --sources skynews-arabia,alriyadh --limit 5000 --noisy 42 \
//!     --ranking proximity=0 --ranking proximity=1,slop=2
//! ```
//!
//! Options: `--sources A,B`, `--exclude-sources A,B`, `--limit N`, `--noisy SEED`,
//! `--ranking SPEC` (repeatable), `--with-titles`, `--no-extract`, `--threads N`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)] // example code

use rasid_core::Article;
use rasid_search::eval::{self, EvalOptions};
use rasid_search::Pipeline;

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("usage: retrieval FILE.jsonl [OPTIONS]");
    let mut options = EvalOptions::default();
    let (mut sources, mut exclude, mut limit, mut extract) = (Vec::new(), Vec::new(), usize::MAX, true);
    let list = |v: String| v.split(',').map(str::to_owned).collect::<Vec<_>>();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--sources" => sources = list(args.next().unwrap()),
            "--exclude-sources" => exclude = list(args.next().unwrap()),
            "--limit" => limit = args.next().unwrap().parse().unwrap(),
            "--noisy" => options.noisy = Some(args.next().unwrap().parse().unwrap()),
            "--ranking" => options.rankings.push(args.next().unwrap().parse().unwrap()),
            "--threads" => options.threads = args.next().unwrap().parse().unwrap(),
            "--with-titles" => options.with_titles = true,
            "--no-extract" => extract = false,
            other => panic!("unknown option {other}"),
        }
    }
    let text = std::fs::read_to_string(&path).unwrap();
    let articles: Vec<Article> = text
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter_map(|v| {
            let s = |k: &str| v.get(k).and_then(|x| x.as_str()).unwrap_or("").to_owned();
            let source = s("source");
            if (!sources.is_empty() && !sources.contains(&source)) || exclude.contains(&source) {
                return None;
            }
            if s("body").trim().is_empty() {
                return None;
            }
            let mut b = Article::builder(s("title"), s("body")).source(source);
            if let Ok(t) = s("published").parse::<rasid_core::Timestamp>() {
                b = b.published(t);
            }
            Some(b.build())
        })
        .take(limit)
        .collect();
    let queries = eval::titles_as_queries(&articles);
    let pipeline = if extract {
        Pipeline::default()
    } else {
        Pipeline::builder().extractors([]).build()
    };
    pipeline.warm_up();
    eprintln!("{} articles, {} queries", articles.len(), queries.len());
    let report = eval::run(&articles, &queries, &options, &pipeline).unwrap();
    print!("{}", report.render());
}
