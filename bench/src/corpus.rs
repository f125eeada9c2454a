//! The article sample the benchmarks run on.
//!
//! The rule is fixed so that every run and every tool sees the same text: the
//! first `RASID_BENCH_ARTICLES` (default 20,000) articles that read without
//! error, in file order, from the JSONL corpus at `RASID_BENCH_CORPUS`
//! (default `../shared/data/news/ant_multisource_v2.1.dev.jsonl.gz` next to the
//! workspace). The text analysed is `title + "\n" + body`.
//!
//! The corpus is not shipped. When it is absent the sample is the shipped
//! `examples/astana-2017-12-21.txt` repeated [`FALLBACK_COPIES`] times, and a
//! message says so: the programs still run (CI compiles and tests them), but
//! such numbers measure one article held in cache, not news text.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use rasid_core::Article;
use rasid_ingest::{read_path, ReadOptions};

/// How many articles the sample takes unless `RASID_BENCH_ARTICLES` says otherwise.
pub const DEFAULT_ARTICLES: usize = 20_000;

/// How many copies of the example article stand in for a missing corpus.
pub const FALLBACK_COPIES: usize = 1_000;

/// The workspace root (this crate's parent folder).
pub fn repo_root() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    dir.parent().map(Path::to_path_buf).unwrap_or(dir)
}

/// `../shared/data/news/` next to the workspace.
pub fn news_dir() -> PathBuf {
    repo_root().join("..").join("shared").join("data").join("news")
}

/// The corpus file: `RASID_BENCH_CORPUS`, or the ANT dev file next to the workspace.
pub fn corpus_path() -> PathBuf {
    match std::env::var_os("RASID_BENCH_CORPUS") {
        Some(path) if !path.is_empty() => PathBuf::from(path),
        _ => news_dir().join("ant_multisource_v2.1.dev.jsonl.gz"),
    }
}

/// The sample size: `RASID_BENCH_ARTICLES`, or [`DEFAULT_ARTICLES`].
pub fn article_count() -> Result<usize> {
    match std::env::var("RASID_BENCH_ARTICLES") {
        Ok(n) => n
            .trim()
            .parse()
            .with_context(|| format!("RASID_BENCH_ARTICLES={n:?} is not a number")),
        Err(_) => Ok(DEFAULT_ARTICLES),
    }
}

/// The shipped example article.
pub fn example_path() -> PathBuf {
    repo_root().join("examples").join("astana-2017-12-21.txt")
}

/// The articles measured, and where they came from.
#[derive(Debug)]
pub struct Sample {
    /// The articles, in file order.
    pub articles: Vec<Article>,
    /// A short description of the sample for the report.
    pub description: String,
    /// False when the example article stands in for the corpus.
    pub from_corpus: bool,
}

impl Sample {
    /// Loads the sample: `n` articles from [`corpus_path`], or the fallback.
    ///
    /// # Errors
    /// When the corpus exists but cannot be read, or has fewer than `n`
    /// readable articles; when neither corpus nor example can be read.
    pub fn load(n: usize) -> Result<Sample> {
        let path = corpus_path();
        if path.exists() {
            return Self::from_corpus(&path, n);
        }
        eprintln!(
            "rasid-bench: corpus {} not found (set RASID_BENCH_CORPUS); measuring the shipped example \
             article repeated {FALLBACK_COPIES} times instead. These numbers are not comparable with BENCHMARKS.md.",
            path.display()
        );
        Self::fallback()
    }

    fn from_corpus(path: &Path, n: usize) -> Result<Sample> {
        let mut articles = Vec::with_capacity(n);
        let mut failed = 0usize;
        for record in read_path(path, &ReadOptions::default()) {
            if articles.len() == n {
                break;
            }
            match record {
                Ok(article) => articles.push(article),
                Err(err) => {
                    failed += 1;
                    eprintln!("rasid-bench: skipping a record: {err}");
                }
            }
        }
        if articles.len() < n {
            bail!(
                "{} holds only {} readable articles, {n} wanted",
                path.display(),
                articles.len()
            );
        }
        let name = path
            .file_name()
            .map_or_else(|| path.display().to_string(), |f| f.to_string_lossy().into());
        let skipped = if failed > 0 {
            format!(", {failed} unreadable records skipped")
        } else {
            String::new()
        };
        Ok(Sample {
            description: format!("the first {n} articles of {name}{skipped}"),
            articles,
            from_corpus: true,
        })
    }

    fn fallback() -> Result<Sample> {
        let path = example_path();
        let article = read_path(&path, &ReadOptions::default())
            .next()
            .with_context(|| format!("{} holds no article", path.display()))?
            .with_context(|| format!("reading {}", path.display()))?;
        Ok(Sample {
            articles: vec![article; FALLBACK_COPIES],
            description: format!("FALLBACK: examples/astana-2017-12-21.txt repeated {FALLBACK_COPIES} times"),
            from_corpus: false,
        })
    }

    /// The texts analysed: `title + "\n" + body` per article.
    pub fn texts(&self) -> Vec<String> {
        self.articles.iter().map(analysed_text).collect()
    }
}

/// `title + "\n" + body`.
pub fn analysed_text(article: &Article) -> String {
    let mut text = String::with_capacity(article.title.len() + 1 + article.body.len());
    text.push_str(&article.title);
    text.push('\n');
    text.push_str(&article.body);
    text
}

/// Total bytes of `texts`.
pub fn total_bytes(texts: &[String]) -> usize {
    texts.iter().map(String::len).sum()
}
