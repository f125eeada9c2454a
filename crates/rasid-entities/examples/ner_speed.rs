//! Times extraction (analysis + tagging + resolution) on one thread over a
//! text file, one article per line, and on a 1 MB paragraph without punctuation:
//! `cargo run --release -p rasid-entities --example ner_speed -- FILE [fast|accurate]`
//! (the tagger mode; fast by default).

use std::time::Instant;

/// Resident memory of this process in MB (Linux; 0 elsewhere).
fn rss_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}

/// CPU seconds this process has used (Linux, user + system; 0 elsewhere):
/// the speed figure that a busy machine disturbs least.
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the command name (which may contain spaces) in parentheses.
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let f: Vec<f64> = rest.split_whitespace().filter_map(|x| x.parse().ok()).collect();
    // utime and stime are fields 14 and 15 of the line, 11 and 12 after the name; 100 ticks/s.
    (f.get(10).copied().unwrap_or(0.0) + f.get(11).copied().unwrap_or(0.0)) / 100.0
}

fn main() -> std::io::Result<()> {
    let before = rss_mb();
    let t = Instant::now();
    let mode: rasid_entities::NerMode = std::env::args()
        .nth(2)
        .unwrap_or_else(|| "fast".into())
        .parse()
        .map_err(std::io::Error::other)?;
    let ner = rasid_entities::Ner::new().with_mode(mode);
    ner.warm_up();
    println!(
        "mode {mode}: load (model, gazetteer, clusters, lexicon): {:.0} ms; resident memory {:.1} MB after load ({:.1} MB before)",
        t.elapsed().as_secs_f64() * 1e3,
        rss_mb(),
        before
    );
    let analyzer = rasid_text::Analyzer::default();
    let text = std::fs::read_to_string(std::env::args().nth(1).unwrap_or_default())?;
    let (mut tokens, mut entities) = (0usize, 0usize);
    let t = Instant::now();
    let cpu = cpu_seconds();
    for line in text.lines() {
        let a = analyzer.analyze_text(line);
        tokens += a.token_count;
        entities += ner.extract_analyzed(line, &a).entities.len();
    }
    let s = t.elapsed().as_secs_f64();
    let c = cpu_seconds() - cpu;
    println!(
        "{} bytes, {tokens} tokens, {entities} entities in {s:.2} s: {:.0} tokens/s, {:.1} MB/s (incl. analysis); \
         {c:.2} CPU s: {:.0} tokens per CPU second",
        text.len(),
        tokens as f64 / s,
        text.len() as f64 / s / 1e6,
        tokens as f64 / c.max(0.01)
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
