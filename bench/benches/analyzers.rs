//! Criterion: analyzer throughput (bytes/s, one thread) of rasid's two modes,
//! tantivy's default analyzer, tantivy + Snowball Arabic and charabia, on the
//! sample of `rasid_bench::corpus` (the corpus when `RASID_BENCH_CORPUS` or
//! `../shared` has it, the shipped example repeated otherwise).
//!
//! ```text
//! cargo bench -p rasid-bench --bench analyzers
//! RASID_BENCH_ARTICLES=2000 cargo bench -p rasid-bench --bench analyzers   # quicker
//! ```
//!
//! One iteration is one pass over the whole sample; each text's token count
//! and term bytes are checked inside the loop against an untimed first pass.

use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use rasid_bench::corpus::{article_count, total_bytes, Sample};
use rasid_bench::tools::{check_plausible, word_count, Count, Tool, Tools};

fn analyzers(c: &mut Criterion) {
    let sample = match article_count().and_then(Sample::load) {
        Ok(sample) => sample,
        Err(err) => {
            eprintln!("rasid-bench: no sample: {err:#}");
            return;
        }
    };
    let texts = sample.texts();
    let words: usize = texts.iter().map(|t| word_count(t)).sum();
    eprintln!(
        "rasid-bench: {}: {} texts, {} bytes",
        sample.description,
        texts.len(),
        total_bytes(&texts)
    );
    let mut tools = Tools::new();
    let mut group = c.benchmark_group("analyzers");
    group
        .throughput(Throughput::Bytes(total_bytes(&texts) as u64))
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5));
    for tool in Tool::ALL {
        let expected: Vec<Count> = texts.iter().map(|t| tools.run(tool, t)).collect();
        let tokens = expected.iter().map(|c| c.tokens).sum();
        let plausible = check_plausible(tool, tokens, words);
        assert!(plausible.is_ok(), "rasid-bench: {plausible:?}");
        group.bench_function(tool.id(), |b| {
            b.iter(|| {
                let mut total = Count::default();
                for (text, want) in texts.iter().zip(&expected) {
                    let got = tools.run(tool, text);
                    assert_eq!(got, *want, "{tool} gave a different count than in its first run");
                    total += got;
                }
                total
            })
        });
    }
    group.finish();
}

criterion_group!(benches, analyzers);
criterion_main!(benches);
