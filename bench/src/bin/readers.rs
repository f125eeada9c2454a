//! Reader throughput, one thread: `rasid_ingest::read_path` over the sample
//! written in each input form, and over the whole `.gz` corpus files. Prints
//! the Markdown table of BENCHMARKS.md.
//!
//! ```text
//! cargo run --release -p rasid-bench --bin readers -- [--rounds 5] [--keep DIR]
//! ```
//!
//! The files are written to a temporary folder (or `--keep DIR`) and read
//! once untimed, which warms the page cache and records each set's article
//! count; every timed run must read the same count. The times therefore cover
//! opening, decompressing, detecting the encoding and form, decoding and
//! parsing, not the disk.

use std::path::PathBuf;

use anyhow::{bail, Context, Result};
use rasid_bench::corpus::{article_count, news_dir, Sample};
use rasid_bench::forms::{self, Form};
use rasid_bench::timing::{self, load_average, machine, median, range, today};
use rasid_ingest::{read_path, ReadOptions};

struct Args {
    rounds: usize,
    keep: Option<PathBuf>,
}

fn args() -> Result<Args> {
    let mut args = Args { rounds: 5, keep: None };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--rounds" => {
                let v = it.next().context("--rounds needs a number")?;
                args.rounds = v.parse().with_context(|| format!("--rounds {v}"))?;
            }
            "--keep" => args.keep = Some(it.next().context("--keep needs a folder")?.into()),
            "--bench" => {}
            other => bail!("unknown argument {other:?} (--rounds N, --keep DIR)"),
        }
    }
    if args.rounds == 0 {
        bail!("--rounds must be at least 1");
    }
    Ok(args)
}

/// What reading a set of files gave.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Tally {
    articles: usize,
    errors: usize,
    /// Title and body bytes of the articles read.
    text_bytes: usize,
}

fn read_all(files: &[PathBuf]) -> Tally {
    let options = ReadOptions::default();
    let mut tally = Tally::default();
    for file in files {
        for record in read_path(file, &options) {
            match record {
                Ok(a) => {
                    tally.articles += 1;
                    tally.text_bytes += a.title.len() + a.body.len();
                }
                Err(_) => tally.errors += 1,
            }
        }
    }
    tally
}

/// One set of input files.
struct Set {
    name: String,
    layout: String,
    files: Vec<PathBuf>,
    bytes: u64,
    expected: Tally,
    times: Vec<timing::Sample>,
}

fn main() -> Result<()> {
    let args = args()?;
    let n = article_count()?;
    let load_start = load_average();
    eprintln!("loading the sample ({n} articles)…");
    let sample = Sample::load(n)?;
    let temp = tempfile::tempdir()?;
    let dir = args.keep.clone().unwrap_or_else(|| temp.path().to_path_buf());

    let mut sets = Vec::new();
    for form in Form::ALL {
        let written = forms::write(form, &sample.articles, &dir.join(form.name()))
            .with_context(|| format!("writing the {} files", form.name()))?;
        sets.push(Set {
            name: form.name().into(),
            layout: form.layout(),
            files: written.files,
            bytes: written.bytes,
            expected: Tally::default(),
            times: Vec::new(),
        });
    }
    for name in ["ant_multisource_v2.1.dev.jsonl.gz", "saudinewsnet.dev.jsonl.gz"] {
        let path = news_dir().join(name);
        if let Ok(meta) = std::fs::metadata(&path) {
            sets.push(Set {
                name: format!("jsonl.gz: `{name}`"),
                layout: "the whole corpus file, gzip".into(),
                files: vec![path],
                bytes: meta.len(),
                expected: Tally::default(),
                times: Vec::new(),
            });
        } else {
            eprintln!("rasid-bench: {} not found; its row is left out", path.display());
        }
    }

    for set in &mut sets {
        eprintln!("warm-up: {}", set.name);
        set.expected = read_all(&set.files);
        if set.expected.articles == 0 {
            bail!("{}: no article read back", set.name);
        }
    }
    for round in 0..args.rounds {
        let len = sets.len();
        for k in 0..len {
            let Some(set) = sets.get_mut((round + k) % len) else {
                continue;
            };
            let (got, t) = timing::time(|| read_all(&set.files));
            assert_eq!(
                got, set.expected,
                "{}: a different result than in the warm-up run",
                set.name
            );
            eprintln!(
                "round {}: {:<45} {:8.0} articles/s",
                round + 1,
                set.name,
                got.articles as f64 / t.wall
            );
            set.times.push(t);
        }
    }
    let load_end = load_average();

    println!("Reader throughput, one thread, {}.", today());
    println!();
    println!("- machine: {}", machine());
    println!("- load average (1, 5, 15 min): {load_start} before, {load_end} after");
    println!(
        "- sample: {}, written in each form; files in the page cache (read once untimed)",
        sample.description
    );
    println!(
        "- {} timed rounds, sets take turns in rotating order; median shown",
        args.rounds
    );
    println!();
    println!("| input | layout | files | MB on disk | articles read | errors | articles/s | min–max | MB/s (on disk) | articles/s (thread CPU) |");
    println!("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    for set in &sets {
        let articles = set.expected.articles as f64;
        let per_s: Vec<f64> = set.times.iter().map(|t| articles / t.wall).collect();
        let cpu: Vec<f64> = set.times.iter().map(|t| articles / t.cpu).collect();
        let (lo, hi) = range(&per_s);
        let med = median(&per_s);
        let mb = set.bytes as f64 / 1e6;
        println!(
            "| {} | {} | {} | {mb:.1} | {} | {} | **{med:.0}** | {lo:.0}–{hi:.0} | {:.1} | {:.0} |",
            set.name,
            set.layout,
            set.files.len(),
            set.expected.articles,
            set.expected.errors,
            mb * med / articles,
            median(&cpu),
        );
    }
    if !sample.from_corpus {
        println!();
        println!("FALLBACK SAMPLE: not the corpus; do not compare these numbers.");
    }
    Ok(())
}
