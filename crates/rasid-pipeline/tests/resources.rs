//! Resources loaded from a directory: the same files as the embedded ones give
//! the same results; a missing file is an error that names it.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)] // test code

use std::path::{Path, PathBuf};

use rasid_core::Article;
use rasid_pipeline::{Pipeline, Resources};

const FILES: [(&str, &str); 7] = [
    ("rasid-text", "lexicon.tsv"),
    ("rasid-text", "stopwords.txt"),
    ("rasid-text", "whole.txt"),
    ("rasid-entities", "ner.bin"),
    ("rasid-entities", "gazetteer.tsv"),
    ("rasid-entities", "clusters.tsv"),
    ("rasid-entities", "clusters-sgns.tsv"),
];

/// A resources directory holding copies of the embedded files.
fn copy_of_embedded() -> tempfile::TempDir {
    let crates = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let dir = tempfile::tempdir().unwrap();
    for (krate, file) in FILES {
        let from: PathBuf = crates.join(krate).join("data").join(file);
        std::fs::copy(&from, dir.path().join(file)).unwrap_or_else(|e| panic!("{}: {e}", from.display()));
    }
    dir
}

fn article() -> Article {
    Article::builder(
        "لافروف فى موسكو",
        "وقال وزير الخارجية الروسى سيرغى لافروف فى موسكو الخميس إن المحادثات مع تركيا تستمر يومين.",
    )
    .published("2017-12-21T10:57".parse::<rasid_core::Timestamp>().unwrap())
    .build()
}

#[test]
fn a_directory_of_the_embedded_files_gives_the_same_results() {
    let dir = copy_of_embedded();
    let loaded = Pipeline::builder()
        .resources(Resources::from_dir(dir.path()).unwrap())
        .tokens(true)
        .build();
    let embedded = Pipeline::builder().tokens(true).build();
    let (a, b) = (loaded.analyze(&article()), embedded.analyze(&article()));
    assert!(!a.extractions.entities.entities.is_empty());
    assert_eq!(a, b);
    assert_eq!(loaded.analyzer().settings(), embedded.analyzer().settings());
}

#[test]
fn every_missing_file_is_named() {
    for (_, file) in FILES {
        let dir = copy_of_embedded();
        std::fs::remove_file(dir.path().join(file)).unwrap();
        let err = Resources::from_dir(dir.path()).unwrap_err().to_string();
        assert!(err.contains(file), "{file}: {err}");
    }
}

#[test]
fn a_model_of_the_wrong_shape_is_an_error() {
    let dir = copy_of_embedded();
    std::fs::write(dir.path().join("ner.bin"), b"not a model at all").unwrap();
    let err = Resources::from_dir(dir.path()).unwrap_err().to_string();
    assert!(err.contains("ner.bin"), "{err}");
}

#[test]
fn another_lexicon_changes_the_analyzer_settings() {
    let dir = copy_of_embedded();
    let stopwords = dir.path().join("stopwords.txt");
    let mut text = std::fs::read_to_string(&stopwords).unwrap();
    text.push_str("\nمحادثات\n");
    std::fs::write(&stopwords, text).unwrap();
    let loaded = Pipeline::builder()
        .resources(Resources::from_dir(dir.path()).unwrap())
        .build();
    let differences = Pipeline::default()
        .analyzer()
        .settings()
        .differences(&loaded.analyzer().settings());
    assert!(differences.iter().any(|d| d.contains("lexicon")), "{differences:?}");
}

#[test]
fn event_dictionaries_in_the_directory_replace_the_embedded_ones() {
    // The copies of the embedded files: the same events.
    let dir = copy_of_embedded();
    let events = Path::new(env!("CARGO_MANIFEST_DIR")).join("../rasid-events/data");
    for (name, _) in rasid_events::FILES {
        let from = events.join(name.trim_start_matches("event-"));
        std::fs::copy(&from, dir.path().join(name)).unwrap_or_else(|e| panic!("{}: {e}", from.display()));
    }
    let loaded = Pipeline::builder()
        .resources(Resources::from_dir(dir.path()).unwrap())
        .build();
    let a = loaded.analyze(&article()).extractions;
    assert!(!a.quotes.is_empty());
    assert_eq!(a, Pipeline::default().analyze(&article()).extractions);

    // A trigger table of its own: `قال` is no longer a speech cue.
    std::fs::write(dir.path().join("event-triggers.tsv"), "C\tاكد\t010\n").unwrap();
    let own = Pipeline::builder()
        .resources(Resources::from_dir(dir.path()).unwrap())
        .build();
    assert!(own.analyze(&article()).extractions.quotes.is_empty());

    // A malformed line is an error naming the file and the line.
    std::fs::write(dir.path().join("event-goldstein.tsv"), "046\t7.0\n046\tmany\n").unwrap();
    let err = Resources::from_dir(dir.path()).unwrap_err().to_string();
    assert!(err.contains("event-goldstein.tsv") && err.contains("line 2"), "{err}");
}

#[test]
fn the_builder_picks_the_tagger_mode() {
    use rasid_pipeline::NerMode;
    let fast = Pipeline::builder().build();
    assert_eq!(fast.ner_mode(), NerMode::Fast);
    let accurate = Pipeline::builder().ner_mode(NerMode::Accurate).build();
    assert_eq!(accurate.ner_mode(), NerMode::Accurate);
    let found = accurate.analyze(&article());
    assert!(
        found
            .extractions
            .entities
            .entities
            .iter()
            .any(|e| e.canonical == "موسكو"),
        "{:?}",
        found.extractions.entities.entities
    );
    // A resources directory with its own accurate model: read and used.
    let dir = copy_of_embedded();
    let crates = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    std::fs::copy(
        crates.join("rasid-entities").join("data").join("ner-accurate.bin"),
        dir.path().join("ner-accurate.bin"),
    )
    .unwrap();
    let loaded = Pipeline::builder()
        .resources(Resources::from_dir(dir.path()).unwrap())
        .ner_mode(NerMode::Accurate)
        .build();
    assert_eq!(loaded.analyze(&article()), found);
    // One of the wrong shape: the error names it.
    std::fs::write(dir.path().join("ner-accurate.bin"), b"RASIDNER not this").unwrap();
    let err = Resources::from_dir(dir.path()).unwrap_err().to_string();
    assert!(err.contains("ner-accurate.bin"), "{err}");
}
