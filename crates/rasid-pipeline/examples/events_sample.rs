//! Prints the events and quotes rasid finds in a sample of articles, and the
//! CPU cost (this thread's, one thread) of the event coder next to the rest of the extraction:
//!
//! ```sh
//! zcat news.jsonl.gz | head -200 > /tmp/sample.jsonl
//! cargo run --release -p rasid-pipeline --example events_sample -- /tmp/sample.jsonl [N shown]
//! ```
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)] // a developer's tool

/// CPU time of this thread in seconds (clock ticks of 10 ms) from
/// `/proc/thread-self/stat`, so that other work on the machine does not count.
fn cpu() -> f64 {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").unwrap_or_default();
    let fields: Vec<u64> = stat
        .rsplit_once(')')
        .map(|(_, rest)| {
            rest.split_whitespace()
                .skip(11)
                .take(2)
                .filter_map(|f| f.parse().ok())
                .collect()
        })
        .unwrap_or_default();
    fields.iter().sum::<u64>() as f64 / 100.0
}

use rasid_core::Article;
use rasid_pipeline::{Extractor, Pipeline};

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("usage: events_sample FILE.jsonl [N]");
    let shown: usize = args.next().map_or(5, |n| n.parse().expect("N"));
    let bytes = std::fs::read(&path).expect("read");
    let articles: Vec<Article> = rasid_ingest::read_bytes(&path, &bytes, &rasid_ingest::ReadOptions::default())
        .filter_map(Result::ok)
        .collect();
    let with = Pipeline::builder().without(Extractor::Summary).build();
    let without = Pipeline::builder()
        .without(Extractor::Summary)
        .without(Extractor::Events)
        .without(Extractor::Quotes)
        .build();
    with.warm_up();
    without.warm_up();
    let analyses: Vec<_> = articles.iter().map(|a| with.analyzer().analyze(a)).collect();
    let t = cpu();
    for (a, an) in articles.iter().zip(&analyses) {
        std::hint::black_box(without.extract(a, an));
    }
    let base = cpu() - t;
    let t = cpu();
    let mut found = Vec::new();
    for (a, an) in articles.iter().zip(&analyses) {
        found.push(with.extract(a, an));
    }
    let full = cpu() - t;
    let (events, quotes): (usize, usize) = found
        .iter()
        .fold((0, 0), |(e, q), f| (e + f.events.len(), q + f.quotes.len()));
    println!(
        "{} articles: extraction without events {base:.2} CPU-s, with {full:.2} CPU-s (+{:.1}%); {events} events, {quotes} quotes",
        articles.len(),
        100.0 * (full / base - 1.0)
    );
    for (a, f) in articles.iter().zip(&found).take(shown) {
        println!("\n== {}", a.title);
        for e in &f.events {
            let text = if e.part == rasid_core::TextPart::Title {
                &a.title
            } else {
                &a.body
            };
            println!(
                "  {} {} [{}] {:?} -> {:?} {:?}{} | {}",
                e.code,
                e.action.text,
                e.confidence,
                e.source.as_ref().map(|s| format!("{} {}", s.code, s.text)),
                e.target.as_ref().map(|s| format!("{} {}", s.code, s.text)),
                e.modality,
                if e.reported { " reported" } else { "" },
                e.sentence
                    .slice(text)
                    .unwrap_or("")
                    .chars()
                    .take(140)
                    .collect::<String>()
            );
        }
        for q in &f.quotes {
            println!(
                "  QUOTE {:?} {} by {:?}: {}",
                q.kind,
                q.cue.text,
                q.speaker.as_ref().map(|s| format!("{} {:?}", s.text, s.code)),
                q.text.chars().take(100).collect::<String>()
            );
        }
    }
}
