//! `throughput`: MB/s of the analyzer on SaudiNewsNet bodies, one thread.
//!
//! Reports wall-clock and, on Linux, this thread's CPU time
//! (`/proc/thread-self/schedstat`), which stays meaningful on a busy machine.

use std::time::Instant;

use anyhow::Result;
use rasid_text::Analyzer;

use crate::{for_each_article, news_file};

/// CPU time of this thread in seconds, when the OS tells it.
fn cpu_s() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = stat.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}

/// Runs `f` and prints its speed over `mb` megabytes.
fn timed(label: &str, mb: f64, f: impl FnOnce() -> usize) {
    let (wall, cpu) = (Instant::now(), cpu_s());
    let count = f();
    let wall = wall.elapsed().as_secs_f64();
    let cpu = cpu.and_then(|c0| cpu_s().map(|c1| c1 - c0));
    let cpu = cpu.map_or(String::new(), |c| format!(", cpu {c:.2}s = {:.1} MB/s", mb / c));
    println!(
        "{label:<16} {mb:.1} MB: wall {wall:.2}s = {:.1} MB/s{cpu} ({count})",
        mb / wall
    );
}

pub fn run(mb: usize) -> Result<()> {
    let mut texts = Vec::new();
    let mut bytes = 0usize;
    for_each_article(&news_file("saudinewsnet.dev.jsonl.gz"), |_, body| {
        if bytes < mb << 20 {
            bytes += body.len();
            texts.push(body.to_owned());
        }
    })?;
    let analyzer = Analyzer::default();
    let t = Instant::now();
    analyzer.warm_up();
    println!("warm-up (lexicon tables): {:.0} ms", t.elapsed().as_secs_f64() * 1e3);
    let mb_f = bytes as f64 / 1e6;
    for _ in 0..3 {
        timed("for_each_term", mb_f, || {
            let mut terms = 0usize;
            for text in &texts {
                analyzer.for_each_term(text, |_, _, _| terms += 1);
            }
            terms
        });
    }
    let plain = Analyzer::new(rasid_text::AnalyzerConfig {
        clitics: false,
        ..Default::default()
    });
    timed("no clitics", mb_f, || {
        let mut terms = 0usize;
        for text in &texts {
            plain.for_each_term(text, |_, _, _| terms += 1);
        }
        terms
    });
    timed("segment only", mb_f, || {
        texts.iter().map(|t| rasid_text::Segmenter::new(t).count()).sum()
    });
    timed("analyze_text", mb_f, || {
        texts.iter().map(|t| analyzer.analyze_text(t).token_count).sum()
    });
    Ok(())
}
