//! Criterion: the time tagger, the time + number tagger and the analyzer they
//! run on, one thread, in articles/s, over the texts of the dev gold (27 news
//! articles, `tests/data/time-gold.dev.jsonl`) resolved against their anchors.
//!
//! ```text
//! cargo bench -p rasid-times --bench tagger
//! ```
//!
//! The analyses are made before the taggers are timed, as `rasid analyze`
//! makes them once for every extractor.

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use rasid_core::Timestamp;

fn tagger(c: &mut Criterion) {
    let gold = rasid_times::eval::parse_gold(include_str!("../tests/data/time-gold.dev.jsonl")).unwrap_or_default();
    let docs: Vec<(String, Option<Timestamp>)> = gold
        .into_iter()
        .map(|d| (d.text, d.anchor.and_then(|a| a.parse().ok())))
        .collect();
    let analyzer = rasid_text::Analyzer::default();
    let analyses: Vec<_> = docs.iter().map(|(t, _)| analyzer.analyze_text(t)).collect();
    let mut group = c.benchmark_group("tagger");
    group
        .throughput(Throughput::Elements(docs.len() as u64))
        .sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4));
    group.bench_function("analyzer", |b| {
        b.iter(|| {
            docs.iter()
                .map(|(t, _)| analyzer.analyze_text(black_box(t)).tokens.len())
                .sum::<usize>()
        })
    });
    group.bench_function("times", |b| {
        b.iter(|| {
            docs.iter()
                .zip(&analyses)
                .map(|((t, a), an)| rasid_times::times(black_box(t), an, a.as_ref()).len())
                .sum::<usize>()
        })
    });
    group.bench_function("times+numbers", |b| {
        b.iter(|| {
            docs.iter()
                .zip(&analyses)
                .map(|((t, a), an)| rasid_times::extract(black_box(t), an, a.as_ref()).numbers.len())
                .sum::<usize>()
        })
    });
    group.finish();
}

criterion_group!(benches, tagger);
criterion_main!(benches);
