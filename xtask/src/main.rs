//! Developer tasks: `cargo run -p xtask -- <task>`. Not part of the shipped binary.
//!
//! * `build-lexicon [--max N] [--min-count N]`: rebuilds
//!   `crates/rasid-text/data/lexicon.tsv` from the ANT corpus in `../shared`.
//! * `clitic-sample [--seed S] [--n N] [--no-article] [--judged FILE]`: draws the clitic-splitting
//!   evaluation sample from SaudiNewsNet (tab-separated), or scores a judged copy of it.
//! * `throughput [--mb N]`: times the analyzer on news text (use `--release`).
//! * `build-gazetteer`: rebuilds `crates/rasid-entities/data/gazetteer.tsv` from `../shared/data`.
//! * `ner-clusters [--vocab N] [--contexts N]`: learns the NER word clusters from the news corpus.
//! * `train-ner [--epochs N] [--log2-buckets B] [--seed S] [--dev] [--held-out]`: trains the NER tagger on
//!   ANERcorp and writes `crates/rasid-entities/data/ner.bin`, or scores the dev/held-out split.
//!   `--accurate [--threads N] [--members 0,3,4]` does the same for the accurate tagger's ensemble
//!   (`ner-accurate.bin`).
//! * `gen-archive --articles N --seed S --out DIR [--per-day N] [--start YYYY-MM-DD]
//!   [--shard-size N] [--queries N] [--from FILE,FILE]`: a seeded synthetic archive of N articles
//!   made from the news corpus (JSON Lines shards and a query set; see `archive.rs`). Use `--release`.
//! * `ner-link-sample [--seed S] [--n N] [--every K] [--judged FILE]`: draws place mentions from
//!   the news corpus for judging their GeoNames links by hand, or tallies a judged table.

mod archive;
mod cameo;
mod gazetteer;
mod lexicon;
mod ner;
mod ner_clusters;
mod ner_link_sample;
mod sample;
mod throughput;

use std::path::PathBuf;

use anyhow::{bail, Context, Result};

/// The workspace root (this crate's parent folder).
fn root() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    dir.parent().map(PathBuf::from).unwrap_or(dir)
}

/// `../shared/data/news/<file>` next to the workspace.
fn news_file(name: &str) -> PathBuf {
    root().join("..").join("shared").join("data").join("news").join(name)
}

/// Reads `--name value` options.
struct Args {
    rest: Vec<String>,
}

impl Args {
    fn get<T: std::str::FromStr>(&self, name: &str, default: T) -> Result<T>
    where
        T::Err: std::fmt::Display,
    {
        let flag = format!("--{name}");
        match self.rest.iter().position(|a| *a == flag) {
            None => Ok(default),
            Some(i) => {
                let v = self.rest.get(i + 1).with_context(|| format!("{flag} needs a value"))?;
                v.parse().map_err(|e| anyhow::anyhow!("{flag} {v}: {e}"))
            }
        }
    }
}

fn main() -> Result<()> {
    let mut argv = std::env::args().skip(1);
    let Some(task) = argv.next() else {
        bail!("no task given: build-lexicon | clitic-sample | throughput | gen-archive | build-gazetteer | ner-clusters | train-ner | ner-link-sample")
    };
    let args = Args { rest: argv.collect() };
    match task.as_str() {
        "build-lexicon" => lexicon::run(args.get("max", 80_000usize)?, args.get("min-count", 3u64)?),
        "clitic-sample" => {
            let judged: String = args.get("judged", String::new())?;
            let no_article = args.rest.iter().any(|a| a == "--no-article");
            sample::run(
                args.get("seed", 7u64)?,
                args.get("n", 300usize)?,
                no_article,
                (!judged.is_empty()).then_some(judged),
            )
        }
        "gen-archive" => {
            let from: String = args.get("from", String::new())?;
            let from: Vec<PathBuf> = match from.as_str() {
                "" => vec![
                    news_file("ant_multisource_v2.1.dev.jsonl.gz"),
                    news_file("saudinewsnet.dev.jsonl.gz"),
                ],
                list => list.split(',').map(PathBuf::from).collect(),
            };
            let out: String = args.get("out", String::new())?;
            if out.is_empty() {
                bail!("gen-archive needs --out DIR");
            }
            let plan = archive::Plan {
                articles: args.get("articles", 100_000u64)?,
                seed: args.get("seed", 19u64)?,
                per_day: args.get("per-day", 250u64)?,
                start: args.get("start", jiff::civil::date(2010, 1, 1))?,
            };
            archive::run(
                &plan,
                &from,
                std::path::Path::new(&out),
                args.get("shard-size", 100_000u64)?,
                args.get("queries", 200usize)?,
            )
        }
        "throughput" => throughput::run(args.get("mb", 20usize)?),
        "build-gazetteer" => gazetteer::run(),
        "ner-clusters" => ner_clusters::run(
            args.get("vocab", 60_000usize)?,
            args.get("contexts", 800usize)?,
            args.get("max-articles", usize::MAX)?,
            &args.get("method", String::from("ppmi"))?,
            args.get("epochs", 2usize)?,
            &args.get("out", String::new())?,
        ),
        "train-ner" if args.rest.iter().any(|a| a == "--accurate") => ner::run_accurate(
            rasid_entities::TrainOptions {
                epochs: args.get("epochs", 20usize)?,
                log2_buckets: args.get("log2-buckets", 20u8)?,
                outside_penalty: args.get("outside-penalty", 0f32)?,
                doc_window: args.get("doc-window", 10usize)?,
                seed: args.get("seed", rasid_entities::TrainOptions::default().seed)?,
                features: 0,
            },
            &args.get("members", String::new())?,
            args.get("threads", 1usize)?,
            args.rest.iter().any(|a| a == "--dev"),
            args.rest.iter().any(|a| a == "--held-out"),
        ),
        "train-ner" => ner::run(
            args.get("epochs", 20usize)?,
            args.get("log2-buckets", 20u8)?,
            args.get("outside-penalty", 0f32)?,
            args.get("doc-window", 10usize)?,
            args.get("seed", rasid_entities::TrainOptions::default().seed)?,
            args.rest.iter().any(|a| a == "--dev"),
            args.rest.iter().any(|a| a == "--held-out"),
        ),
        "ner-link-sample" => ner_link_sample::run(
            args.get("seed", 1u64)?,
            args.get("n", 200usize)?,
            args.get("every", 20u64)?,
            &args.get("judged", String::new())?,
        ),
        other => {
            bail!("unknown task {other:?}: build-lexicon | clitic-sample | throughput | gen-archive | build-gazetteer | ner-clusters | train-ner | ner-link-sample")
        }
    }
}

/// Calls `f(title, body)` for every record of a gzipped JSONL news file.
fn for_each_article(path: &std::path::Path, mut f: impl FnMut(&str, &str)) -> Result<()> {
    for_each_record(path, |v| {
        let field = |k: &str| v.get(k).and_then(|t| t.as_str()).unwrap_or("");
        f(field("title"), field("body"));
    })
}

/// Calls `f(record)` for every record of a gzipped JSONL news file.
fn for_each_record(path: &std::path::Path, mut f: impl FnMut(&serde_json::Value)) -> Result<()> {
    use std::io::BufRead;
    let file = std::fs::File::open(path).with_context(|| format!("opening {}", path.display()))?;
    let reader = std::io::BufReader::new(flate2::read::GzDecoder::new(file));
    for (n, line) in reader.lines().enumerate() {
        let line = line.with_context(|| format!("{}: line {}", path.display(), n + 1))?;
        let v: serde_json::Value =
            serde_json::from_str(&line).with_context(|| format!("{}: line {}", path.display(), n + 1))?;
        f(&v);
    }
    Ok(())
}
