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

use rasid_core::{Article, ArticleId};
use rasid_search::{Index, Pipeline, SearchRequest, WriterOptions};

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
    // Issue 19, item 1: the catalogue and the index are one commit: it
    // records exactly the articles the index holds.
    assert_eq!(recorded, n, "catalogue has {recorded}, index {n}");
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

const FAILPOINT_CHILD_ENV: &str = "RASID_INDEX_FAILPOINT_CHILD";
/// The failpoint test's corpus: small, so that a dozen children run quickly.
const FP_TOTAL: usize = 60;
const FP_COMMIT_EVERY: usize = 10;

/// Indexes the failpoint test's corpus with the pipeline that does not extract.
fn index_small(dir: &Path) -> rasid_search::RunCounts {
    let index = Index::create_or_open_with(dir, Pipeline::builder().extractors([]).build()).unwrap();
    let mut options = WriterOptions::small();
    options.commit_every = FP_COMMIT_EVERY;
    let mut writer = index.writer(options, "failpoint test").unwrap();
    let corpus = common::synthetic(FP_TOTAL);
    for chunk in corpus.chunks(7) {
        writer.add_batch(chunk.to_vec()).unwrap();
        // Inputs that gave no article are recorded too, once.
        writer.record_input(
            rasid_search::Outcome::Skipped,
            Some("empty.txt"),
            None,
            None,
            "empty file",
        );
    }
    writer.finish().unwrap()
}

#[test]
#[ignore = "the child process of regression_catalogue_behind_index_after_kill"]
fn failpoint_child() {
    if let Ok(dir) = std::env::var(FAILPOINT_CHILD_ENV) {
        index_small(Path::new(&dir));
    }
}

/// Every article the index holds is recorded exactly once as indexed, with
/// its origin, and the catalogue records nothing the index lacks.
fn assert_recorded_once(index: &Index, corpus: &[Article], what: &str) {
    let catalogue = index.catalogue().unwrap();
    let mut indexed = 0;
    for article in corpus {
        let rows: Vec<_> = catalogue
            .history(article.id.as_str())
            .unwrap()
            .into_iter()
            .filter(|item| item.outcome == "indexed")
            .collect();
        if index.contains(&article.id).unwrap() {
            indexed += 1;
            assert_eq!(rows.len(), 1, "{what}: {} recorded {} times", article.id, rows.len());
            assert_eq!(rows[0].path.as_deref(), Some("synthetic.jsonl"), "{what}");
            assert_eq!(rows[0].line, article.origin.line, "{what}");
        } else {
            assert!(rows.is_empty(), "{what}: {} recorded but not in the index", article.id);
        }
    }
    let stats = index.stats().unwrap();
    let recorded = stats
        .catalogue
        .outcomes
        .iter()
        .find(|(o, _)| o == "indexed")
        .map_or(0, |(_, c)| *c);
    assert_eq!(recorded, indexed, "{what}");
    assert_eq!(stats.documents, indexed, "{what}");
}

/// Issue 19, item 1: a writer killed between committing the index and writing
/// the catalogue left articles indexed but not recorded, and the re-run
/// recorded them as duplicates, their origin lost. The child is killed at
/// every failpoint of a commit (before, between and after the two writes) at
/// several commits; after each kill the catalogue matches the index, for a
/// reader and for the next writer, and the re-run records every article once.
#[test]
fn regression_catalogue_behind_index_after_kill() {
    let corpus = common::synthetic(FP_TOTAL);
    for point in rasid_search::failpoint::FAILPOINTS {
        // Five commits: after 14, 28, 42 and 56 articles, and the last at finish.
        for pass in [2, 5] {
            let dir = tempfile::tempdir().unwrap();
            let status = Command::new(std::env::current_exe().unwrap())
                .args([
                    "failpoint_child",
                    "--exact",
                    "--ignored",
                    "--nocapture",
                    "--test-threads=1",
                ])
                .env(FAILPOINT_CHILD_ENV, dir.path())
                .env("RASID_FAILPOINT", format!("{point}:{pass}"))
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .unwrap();
            assert!(!status.success(), "{point}:{pass}: the child was not killed");
            let what = format!("killed at {point}, pass {pass}");
            let pipeline = || Pipeline::builder().extractors([]).build();
            // A reader sees the catalogue and the index agree.
            let reader = Index::open_read_only_with(dir.path(), pipeline()).unwrap();
            assert_recorded_once(&reader, &corpus, &what);
            let n = reader.num_docs().unwrap() as usize;
            drop(reader);
            // The re-run completes the index and records each article once.
            let counts = index_small(dir.path());
            assert_eq!(counts.indexed as usize, FP_TOTAL - n, "{what}");
            let index = Index::open_with(dir.path(), pipeline()).unwrap();
            assert_eq!(index.num_docs().unwrap() as usize, FP_TOTAL, "{what}");
            assert_recorded_once(&index, &corpus, &format!("{what}, then re-run"));
        }
    }
}
