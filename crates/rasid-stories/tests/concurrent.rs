//! Regression for the CI failure of stop 21 (`stories build: database is
//! locked`): a stories build, the first one included, runs while readers (the
//! server's searches) open the store again and again. No reader and no
//! build may fail on a lock.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)] // test code

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use rasid_core::Article;
use rasid_search::{Index, WriterOptions};
use rasid_stories::{store_path, update, Store};

fn articles(n: usize) -> Vec<Article> {
    (0..n)
        .map(|i| {
            Article::builder(
                format!("خبر رقم {i}"),
                format!("قال المتحدث باسم الوزارة إن الاجتماع رقم {i} عقد اليوم في العاصمة وناقش ملفات عدة."),
            )
            .source(if i % 2 == 0 { "a" } else { "b" })
            .build()
        })
        .collect()
}

#[test]
fn regression_stories_build_while_readers_open_the_store_meets_no_lock() {
    let dir = tempfile::tempdir().unwrap();
    let index = Index::create_or_open(dir.path()).unwrap();
    let mut writer = index.writer(WriterOptions::small(), "test").unwrap();
    writer.add_batch(articles(40)).unwrap();
    writer.finish().unwrap();
    let path = store_path(dir.path());
    let errors: Arc<Mutex<Vec<String>>> = Arc::default();
    for round in 0..40 {
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
        }
        let done = Arc::new(AtomicBool::new(false));
        let readers: Vec<_> = (0..3)
            .map(|_| {
                let (dir, done, errors) = (dir.path().to_owned(), done.clone(), errors.clone());
                std::thread::spawn(move || {
                    while !done.load(Ordering::SeqCst) {
                        match Store::open_existing(&dir).and_then(|s| s.map(|s| s.ids()).transpose()) {
                            Ok(_) => {}
                            Err(e) => errors.lock().unwrap().push(format!("round {round}: reader: {e}")),
                        }
                    }
                })
            })
            .collect();
        let built = Store::open(&path).and_then(|mut store| update(&index, &mut store, &mut |_, _| {}));
        if let Err(e) = built {
            errors.lock().unwrap().push(format!("round {round}: build: {e}"));
        }
        done.store(true, Ordering::SeqCst);
        for r in readers {
            r.join().unwrap();
        }
    }
    let errors = errors.lock().unwrap();
    assert!(
        errors.is_empty(),
        "{} failures, the first: {:?}",
        errors.len(),
        errors.first()
    );
}
