//! Tagger throughput against the analyzer's, one thread, best of `--rounds` runs:
//! `gzip -dc news.jsonl.gz | head -n 3000 | cargo run --release -p rasid-times --example extract_throughput -- --rounds 5`.
//!
//! The analyzer, the time tagger alone and the time + number tagger are each
//! timed over all the articles' bodies (the analyses are made once, before the
//! taggers are timed), in the CPU time of the thread, so that other processes
//! on the machine do not count; articles/s are per CPU-second.
use std::io::BufRead;
use std::time::{Duration, Instant};

/// Time this thread has spent on a CPU, from /proc/thread-self/schedstat (in
/// nanoseconds, so a run that shares the machine is still timed fairly); the
/// wall clock where that file is missing.
fn cpu_now(start: Instant) -> Duration {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse().ok())
        .map_or_else(|| start.elapsed(), Duration::from_nanos)
}

/// The best (shortest) of `rounds` runs of `f`, in CPU time of this thread.
fn best<T>(rounds: usize, mut f: impl FnMut() -> T) -> (Duration, T) {
    let origin = Instant::now();
    let mut best: Option<(Duration, T)> = None;
    for _ in 0..rounds.max(1) {
        let t = cpu_now(origin);
        let out = f();
        let took = cpu_now(origin).saturating_sub(t);
        if best.as_ref().is_none_or(|(b, _)| took < *b) {
            best = Some((took, out));
        }
    }
    best.unwrap_or_else(|| unreachable!("at least one round"))
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let rounds = args
        .iter()
        .position(|a| a == "--rounds")
        .and_then(|i| args.get(i + 1)?.parse().ok())
        .unwrap_or(3);
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
    // Build the lexicons (analyzer and taggers) before anything is timed.
    let warm = "وصل يوم الخميس 21 ديسمبر 2017 نحو 20 شخصا";
    rasid_times::extract(warm, &analyzer.analyze_text(warm), None);
    let n = docs.len() as f64;
    let t0 = Instant::now();
    let (analyze, analyses) = best(rounds, || {
        docs.iter().map(|(b, _)| analyzer.analyze_text(b)).collect::<Vec<_>>()
    });
    let (times_only, times) = best(rounds, || {
        docs.iter()
            .zip(&analyses)
            .map(|((b, a), an)| rasid_times::times(b, an, a.as_ref()).len())
            .sum::<usize>()
    });
    let (extract, numbers) = best(rounds, || {
        docs.iter()
            .zip(&analyses)
            .map(|((b, a), an)| rasid_times::extract(b, an, a.as_ref()).numbers.len())
            .sum::<usize>()
    });
    let wall = t0.elapsed();
    let pct = |d: Duration| 100.0 * d.as_secs_f64() / analyze.as_secs_f64();
    println!(
        "{} articles, best of {rounds} rounds, thread CPU time ({:.1} s wall in all):",
        docs.len(),
        wall.as_secs_f64()
    );
    println!("  analyzer               {:>8.0} articles/s", n / analyze.as_secs_f64());
    println!(
        "  times                  {:>8.0} articles/s = {:>5.1} % of the analyzer's time; {times} times",
        n / times_only.as_secs_f64(),
        pct(times_only)
    );
    println!(
        "  times + numbers        {:>8.0} articles/s = {:>5.1} % of the analyzer's time; {numbers} numbers",
        n / extract.as_secs_f64(),
        pct(extract)
    );
}
