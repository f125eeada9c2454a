//! Resources read from a directory: the shipped files give the shipped
//! extraction; other files change it; missing or malformed files are errors
//! that name the file.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)] // test code

use std::path::PathBuf;
use std::sync::Arc;

use rasid_entities::{
    Gazetteer, Ner, NerError, NerMode, NerResources, ACCURATE_MODEL_FILE, CLUSTERS_FILE, CLUSTERS_SGNS_FILE,
    GAZETTEER_FILE, MODEL_FILE,
};
use rasid_text::Analyzer;

const FILES: [&str; 4] = [MODEL_FILE, GAZETTEER_FILE, CLUSTERS_FILE, CLUSTERS_SGNS_FILE];

fn data() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data")
}

fn article() -> String {
    std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../rasid-text/tests/data/astana-2017-12-21.txt"),
    )
    .expect("the canonical article")
}

/// A copy of the shipped resources in a temporary directory.
fn copy_data() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    for f in FILES {
        std::fs::copy(data().join(f), dir.path().join(f)).expect("copy");
    }
    dir
}

#[test]
fn the_shipped_files_extract_like_the_embedded_resources() {
    let dir = copy_data();
    let resources = NerResources::from_dir(dir.path()).expect("loads");
    let embedded = NerResources::embedded();
    assert_eq!(*resources.model, *embedded.model);
    assert_eq!(resources.gazetteer.len(), embedded.gazetteer.len());
    assert_eq!(resources.clusters.len(), embedded.clusters.len());
    assert_eq!(resources.clusters_sgns.len(), embedded.clusters_sgns.len());
    let text = article();
    let from_disk = Ner::with_resources(resources, Analyzer::default()).extract_text(&text);
    let shipped = Ner::new().extract_text(&text);
    assert!(shipped.entities.len() > 10);
    assert_eq!(from_disk, shipped);
}

#[test]
fn another_gazetteer_changes_what_is_linked() {
    let text = article();
    let shipped = Ner::new().extract_text(&text);
    assert!(shipped.entities.iter().any(|e| e.place.is_some()));
    let resources = NerResources {
        gazetteer: Arc::new(Gazetteer::parse("")),
        ..NerResources::embedded()
    };
    assert!(resources.gazetteer.is_empty());
    let found = Ner::with_resources(resources, Analyzer::default()).extract_text(&text);
    assert!(
        found.entities.iter().all(|e| e.place.is_none()),
        "no gazetteer, no place links"
    );
    assert!(found.demonyms.is_empty(), "no gazetteer, no demonyms");
}

#[test]
fn a_missing_file_is_named() {
    for missing in FILES {
        let dir = copy_data();
        std::fs::remove_file(dir.path().join(missing)).expect("remove");
        let err = NerResources::from_dir(dir.path()).expect_err("a missing file is an error");
        assert!(matches!(err, NerError::Io { .. }), "{err:?}");
        let shown = err.to_string();
        assert!(
            shown.contains(&dir.path().join(missing).display().to_string()),
            "the error should name {missing}: {shown}"
        );
    }
}

#[test]
fn a_model_of_the_wrong_shape_is_an_error_naming_the_file() {
    let good = std::fs::read(data().join(MODEL_FILE)).expect("ner.bin");
    let mut other_version = good.clone();
    other_version[8] ^= 0x7f;
    let mut trailing = good.clone();
    trailing.extend_from_slice(b"more");
    for (what, bytes, says) in [
        (
            "not a model",
            b"PK\x03\x04 a zip file".to_vec(),
            "not a rasid-entities model",
        ),
        ("another version", other_version, "model format"),
        ("truncated", good[..good.len() / 2].to_vec(), "truncated"),
        ("trailing bytes", trailing, "bytes left"),
        ("empty", Vec::new(), "truncated"),
    ] {
        let dir = copy_data();
        std::fs::write(dir.path().join(MODEL_FILE), &bytes).expect("write");
        let err = NerResources::from_dir(dir.path()).expect_err(what);
        let shown = err.to_string();
        assert!(matches!(err, NerError::File { .. }), "{what}: {err:?}");
        assert!(
            shown.starts_with(&dir.path().join(MODEL_FILE).display().to_string()),
            "{what}: {shown}"
        );
        assert!(shown.contains(says), "{what}: {shown}");
    }
}

#[test]
fn the_accurate_model_is_read_when_present_and_its_shape_checked() {
    let text = article();
    // Present: read, and the accurate mode tags with it as with the embedded one.
    let dir = copy_data();
    std::fs::copy(data().join(ACCURATE_MODEL_FILE), dir.path().join(ACCURATE_MODEL_FILE)).expect("copy");
    let resources = NerResources::from_dir(dir.path()).expect("loads");
    assert!(resources.accurate.is_some());
    let from_disk = Ner::with_resources(resources, Analyzer::default()).with_mode(NerMode::Accurate);
    assert_eq!(from_disk.mode(), NerMode::Accurate);
    let shipped = Ner::new().with_mode(NerMode::Accurate);
    assert_eq!(from_disk.extract_text(&text), shipped.extract_text(&text));
    // Absent: not an error (the embedded one serves the accurate mode).
    let dir = copy_data();
    assert!(NerResources::from_dir(dir.path()).expect("loads").accurate.is_none());
    // The wrong shape: an error naming the file and the reason.
    let good = std::fs::read(data().join(ACCURATE_MODEL_FILE)).expect("ner-accurate.bin");
    let fast = std::fs::read(data().join(MODEL_FILE)).expect("ner.bin");
    let mut members = good.clone();
    members[12..16].copy_from_slice(&0u32.to_le_bytes());
    for (what, bytes, says) in [
        ("the fast model", fast, "fast tagger's model"),
        ("truncated", good[..good.len() / 3].to_vec(), "the file has"),
        ("no members", members, "members"),
        ("not a model", b"RASID".to_vec(), "truncated"),
    ] {
        let dir = copy_data();
        std::fs::write(dir.path().join(ACCURATE_MODEL_FILE), &bytes).expect("write");
        let err = NerResources::from_dir(dir.path()).expect_err(what);
        let shown = err.to_string();
        assert!(matches!(err, NerError::File { .. }), "{what}: {err:?}");
        assert!(
            shown.starts_with(&dir.path().join(ACCURATE_MODEL_FILE).display().to_string()),
            "{what}: {shown}"
        );
        assert!(shown.contains(says), "{what}: {shown}");
    }
}

#[test]
fn the_modes_parse_and_the_fast_one_is_the_default() {
    assert_eq!("fast".parse::<NerMode>(), Ok(NerMode::Fast));
    assert_eq!("accurate".parse::<NerMode>(), Ok(NerMode::Accurate));
    assert!("slow".parse::<NerMode>().unwrap_err().contains("fast or accurate"));
    assert_eq!(Ner::new().mode(), NerMode::Fast);
    assert_eq!(Ner::new().with_mode(NerMode::Fast).mode(), NerMode::Fast);
}

/// Issue 16: the shipped weights had drifted from their inputs (the gazetteer
/// changed after training, so `rasid train ner` no longer reproduced them).
/// Each weights file carries the fingerprint of the inputs it was trained
/// with; this fails when the gazetteer, the clusters, the analyzer or the
/// feature code change without a retraining.
#[test]
fn regression_shipped_weights_were_trained_on_the_shipped_inputs() {
    let now = rasid_entities::inputs_fingerprint();
    for file in [MODEL_FILE, ACCURATE_MODEL_FILE] {
        let path = rasid_entities::inputs_record(&data().join(file));
        let recorded = std::fs::read_to_string(&path).expect("the weights' inputs record");
        assert_eq!(
            recorded.trim(),
            now,
            "{file} was trained on other inputs than today's: retrain it with `rasid train ner \
             --anercorp DIR --out crates/rasid-entities/data/{file}` (add `--mode accurate` for \
             the ensemble), which rewrites {}",
            path.display()
        );
    }
}
