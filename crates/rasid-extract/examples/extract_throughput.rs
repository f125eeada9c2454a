//! Tagger throughput against the analyzer's, one thread:
//! `gzip -dc news.jsonl.gz | head -n 3000 | cargo run --release -p rasid-extract --example extract_throughput`.
use std::io::BufRead;
use std::time::Instant;

fn main() {
    let docs: Vec<(String, Option<rasid_core::Timestamp>)> = std::io::stdin()
        .lock()
        .lines()
        .map_while(Result::ok)
        .filter_map(|l| {
            let v: serde_json::Value = serde_json::from_str(&l).ok()?;
            let body = v.get("body")?.as_str()?.to_string();
            let anchor = v.get("published").and_then(|p| p.as_str()).and_then(|p| p.parse().ok());
            Some((body, anchor))
        })
        .collect();
    let analyzer = rasid_text::Analyzer::default();
    analyzer.analyze_text("تهيئة");
    let t0 = Instant::now();
    let analyses: Vec<_> = docs.iter().map(|(b, _)| analyzer.analyze_text(b)).collect();
    let analyze = t0.elapsed();
    let t1 = Instant::now();
    let mut times = 0;
    let mut numbers = 0;
    for ((b, a), an) in docs.iter().zip(&analyses) {
        let x = rasid_extract::extract(b, an, a.as_ref());
        times += x.times.len();
        numbers += x.numbers.len();
    }
    let extract = t1.elapsed();
    let n = docs.len() as f64;
    println!(
        "{} articles: analyze {:.0} articles/s, extract (times+numbers) {:.0} articles/s = {:.1}% of the analyzer's time; {times} times, {numbers} numbers",
        docs.len(),
        n / analyze.as_secs_f64(),
        n / extract.as_secs_f64(),
        100.0 * extract.as_secs_f64() / analyze.as_secs_f64()
    );
}
