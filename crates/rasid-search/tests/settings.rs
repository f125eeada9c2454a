//! An index records the analyzer settings it was built with; opening it with
//! others is an error naming what differs, not silent drift.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)] // test code

use rasid_core::Article;
use rasid_search::{Index, IndexError, Pipeline, WriterOptions};
use rasid_text::AnalyzerConfig;

#[test]
fn other_analyzer_settings_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    {
        let index = Index::create_or_open(dir.path()).unwrap();
        let mut writer = index.writer(WriterOptions::small(), "test").unwrap();
        writer
            .add_batch(vec![Article::builder("محادثات", "بدأت المحادثات").build()])
            .unwrap();
        writer.finish().unwrap();
    }
    let meta = std::fs::read_to_string(dir.path().join(rasid_search::META_FILE)).unwrap();
    assert!(meta.contains("analyzer_settings"), "{meta}");

    let unstemmed = Pipeline::builder()
        .analyzer(AnalyzerConfig {
            stemming: false,
            ..AnalyzerConfig::default()
        })
        .build();
    let err = Index::open_with(dir.path(), unstemmed).unwrap_err();
    assert!(matches!(err, IndexError::AnalyzerMismatch { .. }), "{err}");
    let message = err.to_string();
    assert!(
        message.contains("stemming") && message.contains("rasid index"),
        "{message}"
    );

    // The settings it was built with open it.
    assert_eq!(Index::open(dir.path()).unwrap().num_docs().unwrap(), 1);
}
