//! Criterion: what events and quotes add to the extraction's CPU time (the
//! bound of issue 14: at most 20 %), one thread, on the canonical article and
//! on a news sample: the 27 news articles of the time tagger's dev gold
//! (`crates/rasid-times/tests/data/time-gold.dev.jsonl`), or, when
//! `RASID_EVENTS_BENCH_JSONL` names a JSONL file of articles (`title`, `body`,
//! optional `published`), those.
//!
//! ```text
//! cargo bench -p rasid-pipeline --bench events
//! RASID_EVENTS_BENCH_JSONL=/tmp/sample.jsonl cargo bench -p rasid-pipeline --bench events
//! ```
//!
//! `extract/*/without` runs entities, times and numbers; `with` adds events and
//! quotes; `coder` is the event coder alone on the same analyses and entities.
//! The analyses are made before timing, as `rasid analyze` makes them once.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)] // bench code

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use rasid_core::{Analysis, Article, Extractions, Timestamp};
use rasid_pipeline::{Extractor, Pipeline};

const ASTANA: &str = include_str!("../../../examples/astana-2017-12-21.txt");
const NEWS: &str = include_str!("../../rasid-times/tests/data/time-gold.dev.jsonl");

fn news() -> Vec<Article> {
    let custom = std::env::var("RASID_EVENTS_BENCH_JSONL")
        .ok()
        .map(|p| std::fs::read_to_string(p).expect("read the sample"));
    let text = custom.as_deref().unwrap_or(NEWS);
    text.lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .map(|v| {
            let s = |k: &str| v[k].as_str().unwrap_or_default().to_string();
            let body = if v["body"].is_string() { s("body") } else { s("text") };
            let mut b = Article::builder(s("title"), body);
            let when = v["published"]
                .as_str()
                .or(v["anchor"].as_str())
                .and_then(|t| t.get(..16)?.parse::<Timestamp>().ok());
            if let Some(t) = when {
                b = b.published(t);
            }
            b.build()
        })
        .collect()
}

fn astana() -> Vec<Article> {
    rasid_ingest::read_bytes(
        "astana-2017-12-21.txt",
        ASTANA.as_bytes(),
        &rasid_ingest::ReadOptions::default(),
    )
    .collect::<Result<_, _>>()
    .unwrap()
}

fn extract(c: &mut Criterion) {
    let with = Pipeline::builder().without(Extractor::Summary).build();
    let without = Pipeline::builder()
        .without(Extractor::Summary)
        .without(Extractor::Events)
        .without(Extractor::Quotes)
        .build();
    with.warm_up();
    without.warm_up();
    let coder = rasid_events::Coder::embedded();
    for (name, articles) in [("astana", astana()), ("news", news())] {
        let analyses: Vec<Analysis> = articles.iter().map(|a| with.analyzer().analyze(a)).collect();
        let found: Vec<Extractions> = articles
            .iter()
            .zip(&analyses)
            .map(|(a, an)| without.extract(a, an))
            .collect();
        let mut group = c.benchmark_group(format!("extract/{name}"));
        group
            .throughput(Throughput::Elements(articles.len() as u64))
            .sample_size(20)
            .warm_up_time(Duration::from_secs(1))
            .measurement_time(Duration::from_secs(5));
        for (label, pipeline) in [("without", &without), ("with", &with)] {
            group.bench_function(label, |b| {
                b.iter(|| {
                    articles
                        .iter()
                        .zip(&analyses)
                        .map(|(a, an)| pipeline.extract(black_box(a), an).events.len())
                        .sum::<usize>()
                })
            });
        }
        group.bench_function("coder", |b| {
            b.iter(|| {
                articles
                    .iter()
                    .zip(&analyses)
                    .zip(&found)
                    .map(|((a, an), f)| coder.code(black_box(a), an, &f.entities, &f.times).0.len())
                    .sum::<usize>()
            })
        });
        group.finish();
    }
}

criterion_group!(benches, extract);
criterion_main!(benches);
