//! Issue 19, item 2: readers never take the writer's lock or write anything,
//! so an index on read-only storage (or another user's) can be searched.
//!
//! Tests here run as root, where `chmod a-w` does not stop a write; so the
//! test makes the files read-only and also checks that reading leaves every
//! file and directory as it was (names, sizes, modification times): a reader
//! that created a lock file, a SQLite `-wal`/`-shm` file or changed the
//! catalogue would show.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)] // test code

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use rasid_search::{Index, IndexError, Pipeline, SearchRequest, WriterOptions, TANTIVY_DIR};

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

fn set_read_only(dir: &Path, read_only: bool) {
    for path in snapshot(dir).keys() {
        let mut perms = std::fs::metadata(path).unwrap().permissions();
        perms.set_readonly(read_only);
        std::fs::set_permissions(path, perms).unwrap();
    }
}

fn pipeline() -> Pipeline {
    Pipeline::builder().extractors([]).build()
}

#[test]
fn regression_read_only_index_cannot_be_read() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = common::synthetic(30);
    {
        let index = Index::create_or_open_with(dir.path(), pipeline()).unwrap();
        let mut writer = index.writer(WriterOptions::small(), "read-only test").unwrap();
        writer.add_batch(corpus.clone()).unwrap();
        writer.finish().unwrap();
    }
    // Lock files are not index data: a copy of an index may lack them, and a
    // reader must not need to create them.
    for lock in [".tantivy-writer.lock", ".tantivy-meta.lock"] {
        let _ = std::fs::remove_file(dir.path().join(TANTIVY_DIR).join(lock));
    }
    set_read_only(dir.path(), true);
    let before = snapshot(dir.path());

    let index = Index::open_read_only_with(dir.path(), pipeline()).unwrap();
    assert!(index.is_read_only());
    let stats = index.stats().unwrap();
    assert_eq!(stats.documents, 30);
    assert!(
        stats.catalogue.outcomes.contains(&("indexed".to_owned(), 30)),
        "{stats:?}"
    );
    assert_eq!(stats.catalogue.runs.len(), 1);
    let mut request = SearchRequest::new("محادثات");
    request.limit = 5;
    assert!(index.search(&request).unwrap().total > 0);
    assert!(index.get(&corpus[3].id).unwrap().is_some());
    assert_eq!(index.live_articles().unwrap().len(), 30);
    let catalogue = index.catalogue().unwrap();
    assert_eq!(catalogue.history(corpus[0].id.as_str()).unwrap().len(), 1);
    assert!(catalogue.last_item().unwrap() >= 30);
    let err = index.writer(WriterOptions::small(), "no").unwrap_err();
    assert!(matches!(err, IndexError::ReadOnly { .. }), "{err}");
    drop(catalogue);
    drop(index);

    assert_eq!(snapshot(dir.path()), before, "reading changed the index directory");
    set_read_only(dir.path(), false);
}

/// A reader opens, and sees the last commit, while a writer holds the index.
#[test]
fn reader_beside_a_running_writer() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = common::synthetic(20);
    let index = Index::create_or_open_with(dir.path(), pipeline()).unwrap();
    let mut writer = index.writer(WriterOptions::small(), "first").unwrap();
    writer.add_batch(corpus[..10].to_vec()).unwrap();
    writer.commit().unwrap();
    writer.add_batch(corpus[10..].to_vec()).unwrap();
    let reader = Index::open_read_only_with(dir.path(), pipeline()).unwrap();
    let stats = reader.stats().unwrap();
    assert_eq!(stats.documents, 10);
    assert!(
        stats.catalogue.outcomes.contains(&("indexed".to_owned(), 10)),
        "{stats:?}"
    );
    writer.finish().unwrap();
    let stats = reader.stats().unwrap();
    assert_eq!(stats.documents, 20);
    assert!(
        stats.catalogue.outcomes.contains(&("indexed".to_owned(), 20)),
        "{stats:?}"
    );
}
