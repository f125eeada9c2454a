//! Failpoints: places in the writer where a test can make the process die, to
//! check that an index killed there reopens whole (as tantivy tests its own
//! commits). Compiled only with the `failpoints` feature; without it
//! [`hit`] is an empty inline function and costs nothing.
//!
//! A test sets `RASID_FAILPOINT=NAME` (abort at the first pass through
//! `NAME`) or `RASID_FAILPOINT=NAME:N` (at the N-th) in a child process; the
//! child then aborts there as if killed with SIGKILL: no destructor, no flush.

/// The failpoints, in the order a commit passes them.
pub const FAILPOINTS: &[&str] = &[
    // Before anything of the batch is written.
    "commit.start",
    // The index commit is prepared (its segments written), nothing recorded.
    "commit.prepared",
    // The catalogue rows are written, the index commit is not.
    "commit.catalogued",
    // Both are written.
    "commit.done",
];

/// Aborts the process when the test asked for it at this pass through `name`.
#[cfg(feature = "failpoints")]
pub(crate) fn hit(name: &str) {
    use std::collections::HashMap;
    use std::sync::Mutex;
    static PASSES: Mutex<Option<HashMap<String, u64>>> = Mutex::new(None);
    let Ok(wanted) = std::env::var("RASID_FAILPOINT") else {
        return;
    };
    let (point, nth) = match wanted.split_once(':') {
        Some((point, n)) => (point, n.parse::<u64>().unwrap_or(1)),
        None => (wanted.as_str(), 1),
    };
    if point != name {
        return;
    }
    let mut passes = PASSES.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let count = passes
        .get_or_insert_with(HashMap::new)
        .entry(name.to_owned())
        .or_insert(0);
    *count += 1;
    if *count == nth {
        eprintln!("rasid: failpoint {name} (pass {nth}): aborting");
        std::process::abort();
    }
}

/// Without the `failpoints` feature: nothing.
#[cfg(not(feature = "failpoints"))]
#[inline(always)]
pub(crate) fn hit(_name: &str) {}
