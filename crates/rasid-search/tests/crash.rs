//! Crash safety: a writer killed with SIGKILL in the middle of a run leaves an
//! index that opens and holds every committed batch, and running the same input
//! again completes it with no duplicates.
//!
//! The test runs this test binary again as a child process (the ignored test
//! `crash_child`), waits until it has committed a few batches, kills it with
//! SIGKILL, and checks the index.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)] // test code

mod common;

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use rasid_core::ArticleId;
use rasid_search::{Index, SearchRequest, WriterOptions};

const CHILD_ENV: &str = "RASID_INDEX_CRASH_CHILD";
const TOTAL: usize = 400;
const COMMIT_EVERY: usize = 20;
const CHUNK: usize = 10;

/// Indexes the synthetic corpus in chunks, printing a line after each commit.
fn index_all(dir: &Path, pause: Duration) -> rasid_search::RunCounts {
    let index = Index::create_or_open(dir).unwrap();
    let mut options = WriterOptions::small();
    options.commit_every = COMMIT_EVERY;
    let mut writer = index.writer(options, "crash test").unwrap();
    let mut commits = 0;
    let mut out = std::io::stdout();
    for chunk in common::synthetic(TOTAL).chunks(CHUNK) {
        writer.add_batch(chunk.to_vec()).unwrap();
        if writer.commits() != commits {
            commits = writer.commits();
            writeln!(out, "committed {commits}").unwrap();
            out.flush().unwrap();
        }
        std::thread::sleep(pause);
    }
    writer.finish().unwrap()
}

#[test]
#[ignore = "the child process of kill_nine_mid_run_then_resume"]
fn crash_child() {
    if let Ok(dir) = std::env::var(CHILD_ENV) {
        index_all(Path::new(&dir), Duration::from_millis(25));
    }
}

#[test]
fn kill_nine_mid_run_then_resume() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args(["crash_child", "--exact", "--ignored", "--nocapture", "--test-threads=1"])
        .env(CHILD_ENV, dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let mut seen = 0;
    for line in BufReader::new(stdout).lines() {
        let line = line.unwrap();
        if let Some(n) = line.strip_prefix("committed ") {
            seen = n.trim().parse().unwrap();
            if seen >= 3 {
                break;
            }
        }
    }
    assert!(seen >= 3, "the child never committed three batches");
    child.kill().unwrap(); // SIGKILL on Unix
    let status = child.wait().unwrap();
    assert!(!status.success(), "the child ran to the end before it was killed");

    // The index opens and holds whole committed batches: the first n articles.
    let index = Index::open(dir.path()).unwrap();
    let n = index.num_docs().unwrap() as usize;
    assert!((3 * COMMIT_EVERY..TOTAL).contains(&n), "{n} articles after the kill");
    assert_eq!(n % COMMIT_EVERY, 0, "a partial batch is visible: {n} articles");
    let corpus = common::synthetic(TOTAL);
    for (i, article) in corpus.iter().enumerate() {
        assert_eq!(index.contains(&article.id).unwrap(), i < n, "article {i} (n = {n})");
    }
    // The catalogue never claims more than the index holds; at most the batch
    // being recorded when the kill came is missing from it.
    let stats = index.stats().unwrap();
    let recorded = stats
        .catalogue
        .outcomes
        .iter()
        .find(|(o, _)| o == "indexed")
        .map_or(0, |(_, c)| *c) as usize;
    assert!(
        recorded == n || recorded + COMMIT_EVERY == n,
        "catalogue has {recorded}, index {n}"
    );
    assert_eq!(stats.catalogue.runs.len(), 1);
    assert!(
        stats.catalogue.runs[0].finished.is_none(),
        "the killed run is not marked finished"
    );
    drop(index);

    // The same run again completes the index, without duplicates.
    let counts = index_all(dir.path(), Duration::ZERO);
    assert_eq!(counts.duplicate as usize, n);
    assert_eq!(counts.indexed as usize, TOTAL - n);
    let index = Index::open(dir.path()).unwrap();
    assert_eq!(index.num_docs().unwrap() as usize, TOTAL);
    for article in &corpus {
        assert_eq!(copies(&index, &article.id), 1, "{}", article.id);
    }
}

fn copies(index: &Index, id: &ArticleId) -> usize {
    let mut request = SearchRequest::new(format!("id:{id}"));
    request.snippets = false;
    request.facets = false;
    index.search(&request).unwrap().total
}
