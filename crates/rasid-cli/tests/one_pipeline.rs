//! One pipeline for every door: the same article gives the same extractions
//! through `rasid analyze`, `rasid index` (what the index stores, read back by
//! the library), `rasid serve` (`GET /api/articles/{id}`), and the stories
//! build (a story built from stored extractions equals one built from an
//! index without them, where the stories build runs the pipeline itself).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)] // test code

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;
use support::{request, root, serve, Server, RASID};

use serde_json::Value;

/// The canonical article and the server's fixtures: ten articles in three forms.
fn inputs() -> Vec<PathBuf> {
    vec![
        root().join("examples/astana-2017-12-21.txt"),
        root().join("crates/rasid-server/tests/fixtures/articles.jsonl"),
    ]
}

fn run(args: &[&str], inputs: &[PathBuf]) -> String {
    let out = Command::new(RASID).args(args).args(inputs).output().unwrap();
    assert!(
        out.status.success(),
        "rasid {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn index(dir: &Path, extra: &[&str]) {
    let mut args = vec!["index", "--quiet", "--index", dir.to_str().unwrap()];
    args.extend_from_slice(extra);
    run(&args, &inputs());
    run(&["stories", "build", "--quiet", "--index", dir.to_str().unwrap()], &[]);
}

/// `rasid analyze`'s extractions of every input article, by article id.
fn analyzed() -> Vec<(String, Value)> {
    run(&["analyze", "--quiet"], &inputs())
        .lines()
        .map(|line| {
            let record: Value = serde_json::from_str(line).unwrap();
            assert_eq!(record["version"], 3, "the JSON contract's version");
            (
                record["article"]["id"].as_str().unwrap().to_owned(),
                record["extractions"].clone(),
            )
        })
        .collect()
}

/// A GET on the loopback server: the body of a 200 answer as JSON.
fn get(server: &Server, path: &str) -> Value {
    let (head, body) = request(&server.1, "GET", path, "").unwrap();
    assert!(head.starts_with("HTTP/1.1 200"), "{head}");
    assert!(!head.to_ascii_lowercase().contains("chunked"), "{head}");
    serde_json::from_str(&body).unwrap()
}

#[test]
fn every_door_gives_the_same_extractions() {
    let expected = analyzed();
    assert_eq!(expected.len(), 8);
    assert!(expected
        .iter()
        .any(|(_, e)| !e["entities"]["entities"].as_array().unwrap().is_empty()));

    let dir = tempfile::tempdir().unwrap();
    index(dir.path(), &[]);

    // What the index stores, read back through the library.
    let engine = rasid::Engine::open(dir.path(), rasid::Pipeline::default()).unwrap();
    for (id, extractions) in &expected {
        let stored = engine
            .article(&rasid::ArticleId::from_raw(id.as_str()))
            .unwrap()
            .unwrap();
        // Through JSON text, as every door gives it (`to_value` would widen f32 scores to f64).
        let stored: serde_json::Value =
            serde_json::from_str(&serde_json::to_string(&stored.extractions).unwrap()).unwrap();
        for (key, value) in extractions.as_object().unwrap() {
            assert_eq!(&stored[key], value, "{id}: {key}");
        }
        assert_eq!(&stored, extractions, "{id}");
    }
    drop(engine);

    // What the server returns.
    let server = serve(dir.path(), &["--read-only"]);
    for (id, extractions) in &expected {
        let article = get(&server, &format!("/api/articles/{id}"));
        assert_eq!(&article["extractions"], extractions, "{id}");
    }
    drop(server);

    // Stories built from the stored extractions equal stories built on an index
    // without them (the stories build then runs the pipeline itself).
    let bare = tempfile::tempdir().unwrap();
    index(bare.path(), &["--no-extract"]);
    let stories = |dir: &Path| {
        let list: Value =
            serde_json::from_str(&run(&["stories", "--json", "--index", dir.to_str().unwrap()], &[])).unwrap();
        let ids: Vec<String> = list.as_array().unwrap().iter().map(|s| s["id"].to_string()).collect();
        assert!(!ids.is_empty());
        ids.iter()
            .map(|id| {
                run(
                    &["stories", "show", id, "--json", "--index", dir.to_str().unwrap()],
                    &[],
                )
            })
            .collect::<Vec<String>>()
    };
    assert_eq!(stories(dir.path()), stories(bare.path()));
}
