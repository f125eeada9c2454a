//! A lexicon loaded from a directory: same data, same analysis and
//! fingerprint as the embedded one; other data, another analysis; missing
//! files and malformed lines are errors that name the file.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)] // test code
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rasid_text::{Analyzer, AnalyzerConfig, Lexicon, TextError, LEXICON_FILE, STOPWORDS_FILE, WHOLE_FILE};

fn data() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data")
}

fn article() -> String {
    std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/astana-2017-12-21.txt"))
        .expect("tests/data/astana-2017-12-21.txt")
}

/// A copy of the shipped data in a temporary directory.
fn copy_data() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    for f in [LEXICON_FILE, STOPWORDS_FILE, WHOLE_FILE] {
        std::fs::copy(data().join(f), dir.path().join(f)).expect("copy");
    }
    dir
}

fn load(dir: &Path) -> Result<Lexicon, TextError> {
    Lexicon::from_dir(dir)
}

#[test]
fn the_shipped_files_load_like_the_embedded_lexicon() {
    let dir = copy_data();
    let lexicon = Arc::new(load(dir.path()).expect("loads"));
    let embedded = Lexicon::embedded();
    assert_eq!(lexicon.len(), embedded.len());
    assert_eq!(lexicon.fingerprint(), embedded.fingerprint());
    let text = article();
    let from_disk = Analyzer::with_lexicon(AnalyzerConfig::default(), lexicon);
    assert_eq!(from_disk.analyze_text(&text), Analyzer::default().analyze_text(&text));
    assert_eq!(from_disk, Analyzer::default());
    assert!(from_disk
        .settings()
        .differences(&Analyzer::default().settings())
        .is_empty());
}

#[test]
fn other_data_changes_the_analysis_and_the_fingerprint() {
    let dir = copy_data();
    // Drop every stopword: فى is no longer one.
    std::fs::write(dir.path().join(STOPWORDS_FILE), "# none\n").expect("write");
    let other = Analyzer::with_lexicon(AnalyzerConfig::default(), Arc::new(load(dir.path()).expect("loads")));
    assert!(Analyzer::default().analyze_text("فى").tokens[0].stop);
    assert!(!other.analyze_text("فى").tokens[0].stop);
    assert_ne!(other, Analyzer::default());
    let d = Analyzer::default().settings().differences(&other.settings());
    assert_eq!(d.len(), 1, "{d:?}");
    assert!(d[0].starts_with("lexicon: index "), "{d:?}");
}

#[test]
fn a_missing_file_is_named() {
    for missing in [LEXICON_FILE, STOPWORDS_FILE, WHOLE_FILE] {
        let dir = copy_data();
        std::fs::remove_file(dir.path().join(missing)).expect("remove");
        let err = load(dir.path()).map(|_| ()).expect_err("a missing file is an error");
        assert!(matches!(err, TextError::Read { .. }), "{err:?}");
        let shown = err.to_string();
        assert!(
            shown.contains(&dir.path().join(missing).display().to_string()),
            "the error should name {missing}: {shown}"
        );
    }
}

#[test]
fn a_malformed_line_is_named_with_its_number() {
    let dir = copy_data();
    std::fs::write(dir.path().join(LEXICON_FILE), "# forms\nفي\t120\nوزاره\tمئة\n").expect("write");
    let err = load(dir.path()).map(|_| ()).expect_err("a bad count is an error");
    let shown = err.to_string();
    let want = format!("{}:3: ", dir.path().join(LEXICON_FILE).display());
    assert!(shown.starts_with(&want), "{shown}");
    assert!(matches!(err, TextError::Malformed { line: 3, .. }), "{err:?}");
}

#[test]
fn a_file_that_is_not_utf8_is_named() {
    let dir = copy_data();
    std::fs::write(dir.path().join(WHOLE_FILE), [0xff, 0xfe, 0x00]).expect("write");
    let shown = load(dir.path()).map(|_| ()).expect_err("not UTF-8").to_string();
    assert!(shown.contains(WHOLE_FILE), "{shown}");
}
