//! `throughput`: MB/s of the analyzer on SaudiNewsNet bodies, one thread.

use std::time::Instant;

use anyhow::Result;
use rasid_text::Analyzer;

use crate::{for_each_article, news_file};

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
    analyzer.warm_up();
    let mb_f = bytes as f64 / 1e6;
    for round in 0..3 {
        let t = Instant::now();
        let mut terms = 0usize;
        for text in &texts {
            analyzer.for_each_term(text, |_, _, _| terms += 1);
        }
        let s = t.elapsed().as_secs_f64();
        println!(
            "round {round}: for_each_term  {:.1} MB in {:.2}s = {:.1} MB/s ({terms} terms)",
            mb_f,
            s,
            mb_f / s
        );
    }
    without_clitics(&texts, mb_f);
    let t = Instant::now();
    let mut tokens = 0usize;
    for text in &texts {
        tokens += analyzer.analyze_text(text).token_count;
    }
    let s = t.elapsed().as_secs_f64();
    println!(
        "analyze_text   {:.1} MB in {:.2}s = {:.1} MB/s ({tokens} tokens)",
        mb_f,
        s,
        mb_f / s
    );
    Ok(())
}

/// Times `for_each_term` with clitic splitting switched off, to see its cost.
pub fn without_clitics(texts: &[String], mb_f: f64) {
    let analyzer = Analyzer::new(rasid_text::AnalyzerConfig {
        clitics: false,
        ..Default::default()
    });
    let t = Instant::now();
    let mut terms = 0usize;
    for text in texts {
        analyzer.for_each_term(text, |_, _, _| terms += 1);
    }
    let s = t.elapsed().as_secs_f64();
    println!(
        "no clitics     {:.1} MB in {:.2}s = {:.1} MB/s ({terms} terms)",
        mb_f,
        s,
        mb_f / s
    );
    let t = Instant::now();
    let mut n = 0usize;
    for text in texts {
        n += rasid_text::Segmenter::new(text).count();
    }
    let s = t.elapsed().as_secs_f64();
    println!(
        "segment only   {:.1} MB in {:.2}s = {:.1} MB/s ({n} segments)",
        mb_f,
        s,
        mb_f / s
    );
}
