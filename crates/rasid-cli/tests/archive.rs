//! Issue 19 (rasid at archive scale), end to end through the `rasid` binary:
//! readers that write nothing, warnings and `--strict` in `rasid index`,
//! runtime errors printed once with an exit code of their own.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)] // test code

mod support;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::SystemTime;
use support::{arg, rasid, stderr};

const BODY: &str = "انطلقت فى استانا جولة جديدة من المحادثات بمشاركة تركيا وروسيا وإيران لبحث وقف إطلاق النار.";

/// A text article; `damaged` puts an invalid UTF-8 byte in its body.
fn article(dir: &Path, name: &str, title: &str, damaged: bool) -> PathBuf {
    let mut bytes = format!("{title}\n\n{BODY}\n").into_bytes();
    if damaged {
        bytes.extend_from_slice(b"\xFF \xD8\xA8\n");
    }
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// Every file and directory under `dir` with its size and modification time.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, (u64, SystemTime)> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(path) = stack.pop() {
        let meta = std::fs::metadata(&path).unwrap();
        out.insert(
            path.clone(),
            (if meta.is_dir() { 0 } else { meta.len() }, meta.modified().unwrap()),
        );
        if meta.is_dir() {
            for entry in std::fs::read_dir(&path).unwrap() {
                stack.push(entry.unwrap().path());
            }
        }
    }
    out
}

/// Issue 19, item 4: `rasid index` dropped the invalid-UTF-8 warning that
/// `rasid analyze` prints, and recorded nothing of it in the catalogue.
#[test]
fn regression_index_drops_reading_warnings() {
    let dir = tempfile::tempdir().unwrap();
    let file = article(dir.path(), "damaged.txt", "محادثات استانا", true);
    let index = dir.path().join("index");
    let out = rasid(&["index", arg(&file), "--index", arg(&index), "--no-extract"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let err = stderr(&out);
    let warning = format!(
        "rasid: warning: {}: 1 invalid UTF-8 byte sequence replaced",
        file.display()
    );
    assert!(err.contains(&warning), "{err}");
    let analyze = rasid(&["analyze", arg(&file)]);
    assert!(stderr(&analyze).contains(&warning), "{}", stderr(&analyze));

    let read: Vec<_> = rasid::ingest::read_path(&file, &rasid::ReadOptions::default()).collect();
    let id = read[0].as_ref().unwrap().id.clone();
    let engine = rasid::Engine::open_read_only(&index, rasid::Pipeline::builder().extractors([]).build()).unwrap();
    let history = engine.index().catalogue().unwrap().history(id.as_str()).unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].outcome, "indexed");
    let recorded = history[0].error.as_deref().unwrap_or_default();
    assert!(recorded.contains("invalid UTF-8 byte sequence"), "{history:?}");
}

/// Issue 19, item 4: `--strict` went on past skipped inputs and exited 0.
#[test]
fn regression_strict_goes_on_past_skipped_inputs() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("in");
    std::fs::create_dir(&inputs).unwrap();
    article(&inputs, "a.txt", "خبر أول", false);
    std::fs::write(inputs.join("b.txt"), [7u8, 0, 1, 2, 0, 3, 4, 0, 5, 6, 0, 1].repeat(50)).unwrap();
    let index = dir.path().join("index");
    let out = rasid(&[
        "index",
        arg(&inputs),
        "--index",
        arg(&index),
        "--no-extract",
        "--strict",
    ]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("rasid: skipped: ") && err.contains("b.txt"), "{err}");
    assert!(err.contains("--strict"), "{err}");
    let out = rasid(&["analyze", arg(&inputs), "--strict", "-q"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    // Without --strict a skipped input is no failure.
    let out = rasid(&["index", arg(&inputs), "--index", arg(&index), "--no-extract"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

/// Issue 19, item 2: `stats`, `search` and `export` took the writer's lock
/// (and SQLite's `-wal`/`-shm` files), so an index on read-only storage could
/// not be read. Tests run as root, where chmod stops no write: the check is
/// that reading leaves every file and directory of the index as it was.
#[test]
fn regression_readers_write_to_the_index() {
    let dir = tempfile::tempdir().unwrap();
    let file = article(dir.path(), "a.txt", "محادثات استانا", false);
    let index = dir.path().join("index");
    let out = rasid(&["index", arg(&file), "--index", arg(&index), "--no-extract"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    for lock in [".tantivy-writer.lock", ".tantivy-meta.lock"] {
        let _ = std::fs::remove_file(index.join("tantivy").join(lock));
    }
    let before = snapshot(&index);
    let out = rasid(&["stats", "--index", arg(&index)]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = rasid(&["search", "استانا", "--index", arg(&index), "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("استانا"));
    let export = dir.path().join("export");
    let out = rasid(&[
        "export",
        "--index",
        arg(&index),
        "--out",
        arg(&export),
        "--format",
        "jsonl",
        "-q",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(snapshot(&index), before, "a reader changed the index directory");
}

/// Issue 19, item 4: a runtime failure printed its cause twice (`{err:#}`)
/// and exited 2, the code of a usage error.
#[test]
fn regression_storage_errors_exit_2_and_repeat_the_cause() {
    let dir = tempfile::tempdir().unwrap();
    let file = article(dir.path(), "a.txt", "محادثات استانا", false);
    let index = dir.path().join("index");
    let out = rasid(&["index", arg(&file), "--index", arg(&index), "--no-extract"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // The engine's own metadata, damaged: a storage failure, not a usage error.
    std::fs::write(index.join("tantivy").join("meta.json"), "{ damaged").unwrap();
    let out = rasid(&["stats", "--index", arg(&index)]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(3), "{err}");
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 1, "{err}");
    assert!(lines[0].starts_with("rasid: error: "), "{err}");
    // No part of the message is said twice.
    let parts: Vec<&str> = lines[0].split(": ").filter(|p| p.len() > 12).collect();
    for (i, part) in parts.iter().enumerate() {
        assert!(
            !parts[i + 1..].iter().any(|p| p.contains(part)),
            "repeated {part:?} in {err}"
        );
    }
    // A usage error keeps exit code 2.
    let out = rasid(&["search", "x", "--index", arg(&dir.path().join("missing"))]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
}
