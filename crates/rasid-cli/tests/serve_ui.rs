//! `rasid serve` in a browser: builds an index with `rasid index` and its stories
//! with `rasid stories`, starts `rasid
//! serve` on a free loopback port, and runs the Playwright tests of
//! crates/rasid-server/e2e in headless Chromium against it.
//!
//! Skipped (with a message saying what is missing) when Chromium, Node.js or the
//! e2e folder's node_modules are not installed; `.ci/run` installs them
//! (`apt-get install chromium chromium-driver`, `npm ci`). Screenshots and the
//! time to first result land in `target/tmp/e2e-artifacts`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod common;
mod support;

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use support::{root, RASID};

/// The whole browser run must finish within this.
const LIMIT: Duration = Duration::from_secs(300);

/// What is missing to run the browser tests, if anything.
fn missing(e2e: &Path, chromium: &Path) -> Option<String> {
    if !chromium.exists() {
        return Some(format!(
            "{} not found (apt-get install chromium chromium-driver, or set CHROMIUM)",
            chromium.display()
        ));
    }
    if Command::new("node").arg("--version").output().is_err() {
        return Some("node not found".into());
    }
    if !e2e.join("node_modules/playwright-core").exists() {
        return Some(format!(
            "playwright-core not installed (run `npm ci` in {})",
            e2e.display()
        ));
    }
    None
}

/// Kills the server when the test ends, however it ends.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn the_interface_works_in_a_browser() {
    let root = root();
    let e2e = root.join("crates/rasid-server/e2e");
    let chromium = PathBuf::from(std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into()));
    if let Some(why) = missing(&e2e, &chromium) {
        eprintln!("SKIPPED the browser tests of rasid serve: {why}");
        return;
    }
    let index = tempfile::tempdir().unwrap();
    let status = Command::new(RASID)
        .arg("index")
        .arg(root.join("examples/astana-2017-12-21.txt"))
        .arg(root.join("crates/rasid-server/tests/fixtures/articles.jsonl"))
        .arg(root.join("crates/rasid-server/tests/fixtures/relations.jsonl"))
        .arg("--index")
        .arg(index.path())
        .arg("--quiet")
        .status()
        .unwrap();
    assert!(status.success());
    // Two copies of a report with events and a quote, whatever the coder finds.
    common::add_event_articles(index.path());
    let stories = Command::new(RASID)
        .args(["stories", "--index"])
        .arg(index.path())
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(stories.success());

    let mut child = Command::new(RASID)
        .args(["serve", "--port", "0", "--index"])
        .arg(index.path())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let server = Server(child);
    // "rasid: serving DIR (7 articles) on http://127.0.0.1:PORT/ (Ctrl-C stops)"
    let mut first = String::new();
    BufReader::new(stderr).read_line(&mut first).unwrap();
    let url = first
        .split_whitespace()
        .find(|w| w.starts_with("http://"))
        .unwrap_or_else(|| panic!("no address in {first:?}"))
        .trim_end_matches('/')
        .to_owned();
    assert!(first.contains("(14 articles)"), "{first}");

    let artifacts = Path::new(env!("CARGO_TARGET_TMPDIR")).join("e2e-artifacts");
    let mut node = Command::new("node")
        .args(["--test", "ui.test.mjs"])
        .current_dir(&e2e)
        .env("RASID_URL", &url)
        .env("RASID_ARTIFACTS", &artifacts)
        .env("CHROMIUM", &chromium)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    let status = loop {
        if let Some(status) = node.try_wait().unwrap() {
            break Some(status);
        }
        if started.elapsed() > LIMIT {
            let _ = node.kill();
            let _ = node.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    let mut output = String::new();
    node.stdout.take().unwrap().read_to_string(&mut output).unwrap();
    node.stderr.take().unwrap().read_to_string(&mut output).unwrap();
    drop(server);
    eprintln!("{output}");
    eprintln!("screenshots and timings: {}", artifacts.display());
    let status = status.unwrap_or_else(|| panic!("the browser tests ran past {LIMIT:?}"));
    assert!(status.success(), "the browser tests failed (output above)");
}
