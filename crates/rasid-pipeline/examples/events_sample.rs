//! Prints the events and quotes rasid finds in a sample of articles, and the
//! CPU cost (this thread's, one thread) of the event coder next to the rest of the extraction:
//!
//! ```sh
//! zcat news.jsonl.gz | head -200 > /tmp/sample.jsonl
//! cargo run --release -p rasid-pipeline --example events_sample -- /tmp/sample.jsonl [N shown] [OUT.jsonl]
//! ```
//!
//! With `OUT.jsonl`, it also writes the events and quotes of every article,
//! one JSON line each (`{"events":[…],"quotes":[…]}`), so that a change to the
//! coder can be checked to leave them byte-identical
//! (`crates/rasid-events/check-same.sh`).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)] // a developer's tool

/// CPU time of this thread in seconds, from the nanoseconds of
/// `/proc/thread-self/schedstat`, so that other work on the machine does not count.
fn cpu() -> f64 {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").unwrap_or_default();
    let ns: u64 = stat.split_whitespace().next().and_then(|f| f.parse().ok()).unwrap_or(0);
    ns as f64 / 1e9
}

use rasid_core::Article;
use rasid_pipeline::{Extractor, Pipeline};

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("usage: events_sample FILE.jsonl [N]");
    let shown: usize = args.next().map_or(5, |n| n.parse().expect("N"));
    let dump = args.next();
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
    // Blocks of articles, each extracted without and then with events and
    // quotes, in alternating order: what else runs on the machine (a busy
    // sibling hyperthread slows this one) falls on both sides alike.
    let (mut base, mut full) = (0.0, 0.0);
    let mut found = Vec::with_capacity(articles.len());
    for (block, chunk) in articles.chunks(20).zip(analyses.chunks(20)).enumerate() {
        let time_without = || {
            let t = cpu();
            for (a, an) in chunk.0.iter().zip(chunk.1) {
                std::hint::black_box(without.extract(a, an));
            }
            cpu() - t
        };
        let time_with = |found: &mut Vec<_>| {
            let t = cpu();
            for (a, an) in chunk.0.iter().zip(chunk.1) {
                found.push(with.extract(a, an));
            }
            cpu() - t
        };
        if block % 2 == 0 {
            base += time_without();
            full += time_with(&mut found);
        } else {
            full += time_with(&mut found);
            base += time_without();
        }
    }
    // The coder alone on the same entities and times, `RASID_CODER_ONLY` times
    // over the sample (for a profiler: `perf record` sees little else).
    let rounds: usize = std::env::var("RASID_CODER_ONLY")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    if rounds > 0 {
        let inputs: Vec<_> = articles
            .iter()
            .zip(&analyses)
            .map(|(a, an)| without.extract(a, an))
            .collect();
        let coder = rasid_events::Coder::embedded();
        let t = cpu();
        for _ in 0..rounds {
            for ((a, an), x) in articles.iter().zip(&analyses).zip(&inputs) {
                std::hint::black_box(coder.code(a, an, &x.entities, &x.times));
            }
        }
        println!(
            "coder alone: {:.2} CPU-s per round of {rounds}",
            (cpu() - t) / rounds as f64
        );
    }
    let (events, quotes): (usize, usize) = found
        .iter()
        .fold((0, 0), |(e, q), f| (e + f.events.len(), q + f.quotes.len()));
    println!(
        "{} articles: extraction without events {base:.2} CPU-s, with {full:.2} CPU-s (+{:.1}%); {events} events, {quotes} quotes",
        articles.len(),
        100.0 * (full / base - 1.0)
    );
    if let Some(dump) = dump {
        let mut out = String::new();
        for f in &found {
            out.push_str(&serde_json::json!({"events": f.events, "quotes": f.quotes}).to_string());
            out.push('\n');
        }
        std::fs::write(&dump, out).expect("write the dump");
    }
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
