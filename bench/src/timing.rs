//! Clocks and conditions.
//!
//! Every run is timed twice: wall clock, and the CPU time of the measuring
//! thread (`/proc/thread-self/schedstat` on Linux), which stays meaningful
//! when other work shares the machine. The tables report medians over rounds
//! in which the tools take turns, so a burst of load hits them alike.

use std::time::Instant;

/// CPU time of the calling thread in seconds, when the OS tells it (Linux).
pub fn thread_cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = stat.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}

/// One timed run.
#[derive(Clone, Copy, Debug)]
pub struct Sample {
    /// Wall-clock seconds.
    pub wall: f64,
    /// Thread CPU seconds (`NaN` where not available).
    pub cpu: f64,
}

/// Runs `f`, timing it on both clocks.
pub fn time<T>(f: impl FnOnce() -> T) -> (T, Sample) {
    let cpu0 = thread_cpu_seconds();
    let start = Instant::now();
    let out = f();
    let wall = start.elapsed().as_secs_f64();
    let cpu = match (cpu0, thread_cpu_seconds()) {
        (Some(a), Some(b)) => b - a,
        _ => f64::NAN,
    };
    (out, Sample { wall, cpu })
}

/// The median of `values` (mean of the middle two for an even count); `NaN` when empty.
pub fn median(values: &[f64]) -> f64 {
    let mut v: Vec<f64> = values.iter().copied().filter(|x| !x.is_nan()).collect();
    v.sort_by(f64::total_cmp);
    let n = v.len();
    match (v.get(n / 2), n.checked_sub(1).and_then(|m| v.get(m / 2))) {
        (Some(&hi), Some(&lo)) if n.is_multiple_of(2) => (lo + hi) / 2.0,
        (Some(&mid), _) => mid,
        _ => f64::NAN,
    }
}

/// Smallest and largest of `values`.
pub fn range(values: &[f64]) -> (f64, f64) {
    values.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &x| {
        (lo.min(x), hi.max(x))
    })
}

/// The 1-, 5- and 15-minute load averages, as `/proc/loadavg` gives them.
pub fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|| "unknown".into())
}

/// The CPU model and the number of logical CPUs, from `/proc/cpuinfo`.
pub fn machine() -> String {
    let info = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = info
        .lines()
        .find_map(|l| {
            l.strip_prefix("model name")
                .and_then(|r| r.split_once(':'))
                .map(|(_, m)| m.trim())
        })
        .unwrap_or("unknown CPU");
    let cpus = std::thread::available_parallelism().map_or(0, |n| n.get());
    format!("{model}, {cpus} logical CPUs")
}

/// Today's date (UTC), for the report.
pub fn today() -> String {
    jiff::Timestamp::now().strftime("%Y-%m-%d").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn medians() {
        assert_eq!(median(&[3.0, 1.0, 2.0]), 2.0);
        assert_eq!(median(&[4.0, 1.0, 2.0, 3.0]), 2.5);
        assert!(median(&[]).is_nan());
        assert_eq!(median(&[f64::NAN, 5.0]), 5.0);
        assert_eq!(range(&[2.0, 1.0, 3.0]), (1.0, 3.0));
    }
}
