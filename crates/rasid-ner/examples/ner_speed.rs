//! Times extraction (analysis + tagging + resolution) on one thread over a
//! text file, one article per line, and on a 1 MB paragraph without punctuation:
//! `cargo run --release -p rasid-ner --example ner_speed -- FILE`.

use std::time::Instant;

fn main() -> std::io::Result<()> {
    let t = Instant::now();
    let ner = rasid_ner::Ner::new();
    ner.warm_up();
    println!(
        "load (model, gazetteer, clusters, lexicon): {:.0} ms",
        t.elapsed().as_secs_f64() * 1e3
    );
    let analyzer = rasid_text::Analyzer::default();
    let text = std::fs::read_to_string(std::env::args().nth(1).unwrap_or_default())?;
    let (mut tokens, mut entities) = (0usize, 0usize);
    let t = Instant::now();
    for line in text.lines() {
        let a = analyzer.analyze_text(line);
        tokens += a.token_count;
        entities += ner.extract_analyzed(line, &a).entities.len();
    }
    let s = t.elapsed().as_secs_f64();
    println!(
        "{} bytes, {tokens} tokens, {entities} entities in {s:.2} s: {:.0} tokens/s, {:.1} MB/s (incl. analysis)",
        text.len(),
        tokens as f64 / s,
        text.len() as f64 / s / 1e6
    );
    let long = "كلمة روسيا وفد ".repeat(1_000_000 / 26);
    let t = Instant::now();
    let found = ner.extract_text(&long);
    println!(
        "1 MB paragraph without punctuation: {} mentions in {:.2} s",
        found.mentions.len(),
        t.elapsed().as_secs_f64()
    );
    Ok(())
}
