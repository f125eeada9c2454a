//! Golden snapshot of the whole pipeline on the canonical article
//! (`examples/astana-2017-12-21.txt`, read as `rasid analyze` reads it): every
//! change to what rasid finds in it shows as a diff of the committed files
//! under `tests/golden/`, to be reviewed like code.
//!
//! After an intended change, write the new snapshot and review its diff:
//!
//! ```sh
//! UPDATE_GOLDEN=1 cargo test -p rasid-pipeline --test golden
//! git diff crates/rasid-pipeline/tests/golden/
//! ```
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)] // test code

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use rasid_core::{AnalyzedArticle, Article};
use rasid_pipeline::Pipeline;

const ASTANA: &str = include_str!("../../../examples/astana-2017-12-21.txt");

fn canonical() -> Article {
    let options = rasid_ingest::ReadOptions::default();
    let mut articles: Vec<Article> = rasid_ingest::read_bytes("astana-2017-12-21.txt", ASTANA.as_bytes(), &options)
        .collect::<Result<_, _>>()
        .expect("the canonical article reads");
    assert_eq!(articles.len(), 1);
    articles.remove(0)
}

/// One line per token: where it is, and everything the analyzer derived.
fn token_lines(analysed: &AnalyzedArticle) -> String {
    let mut out = String::from("# part\tstart..end\ttext\tnorm\tkey\tproclitics\tenclitic\tbase\tstem\tkind\tstop\n");
    for (part, text, analysis) in [
        ("title", &analysed.article.title, &analysed.analysis.title),
        ("body", &analysed.article.body, &analysed.analysis.body),
    ] {
        for t in &analysis.tokens {
            let proclitics: Vec<&str> = t.proclitics.iter().map(|p| p.as_str()).collect();
            writeln!(
                out,
                "{part}\t{}..{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{:?}\t{}",
                t.span.start,
                t.span.end,
                t.text,
                t.norm,
                t.key,
                proclitics.join("+"),
                t.enclitic.as_deref().unwrap_or(""),
                t.base.slice(text).unwrap_or("?"),
                t.stem,
                t.kind,
                if t.stop { "stop" } else { "" },
            )
            .unwrap();
        }
    }
    out
}

fn check(path: &Path, actual: &str) {
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("{}: {e}; run UPDATE_GOLDEN=1 cargo test -p rasid-pipeline --test golden", path.display()));
    if expected != actual {
        let first = expected
            .lines()
            .zip(actual.lines())
            .enumerate()
            .find(|(_, (e, a))| e != a)
            .map(|(i, (e, a))| format!("line {}:\n  expected: {e}\n  actual:   {a}", i + 1))
            .unwrap_or_else(|| "the files differ in length".into());
        panic!(
            "what the pipeline finds in the canonical article changed ({}).\nFirst difference at {first}\n\
             If the change is intended: UPDATE_GOLDEN=1 cargo test -p rasid-pipeline --test golden, then review `git diff`.",
            path.display()
        );
    }
}

fn golden(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden").join(name)
}

#[test]
fn canonical_article_extractions_and_analysis() {
    let analysed = Pipeline::default().analyze(&canonical());
    let json = serde_json::to_string_pretty(&analysed).unwrap() + "\n";
    check(&golden("astana.analyzed.json"), &json);
}

#[test]
fn canonical_article_tokens() {
    let analysed = Pipeline::builder().tokens(true).build().analyze(&canonical());
    check(&golden("astana.tokens.tsv"), &token_lines(&analysed));
}
