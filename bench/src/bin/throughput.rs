//! Analyzer throughput, one thread: rasid's analyzer (search path and full
//! analysis) against tantivy's default analyzer, tantivy + Snowball Arabic and
//! charabia, on the same sample in the same process. Prints the Markdown
//! table of BENCHMARKS.md.
//!
//! ```text
//! cargo run --release -p rasid-bench --bin throughput -- [--rounds 5] [--tools ID,ID] [--dump-sample FILE]
//! ```
//!
//! `--tools` limits the run to some tools (ids: `tantivy_default`,
//! `tantivy_snowball_ar`, `charabia_ar`, `rasid_for_each_term`,
//! `rasid_analyze_text`), e.g. under `perf record`.
//!
//! Every tool runs once untimed (warm-up; it records each text's token count
//! and term bytes), then `--rounds` times, the tools taking turns in a rotating
//! order. Every timed run checks each text's count against the warm-up's, so
//! a pipeline that breaks cannot report fast. The table gives the median.
//!
//! `--dump-sample FILE` writes the texts measured, one JSON string a line, so
//! that tools outside this process (CAMeL Tools) can be timed on exactly them.

use std::io::Write as _;
use std::path::PathBuf;

use anyhow::{bail, Context, Result};
use rasid_bench::corpus::{article_count, total_bytes, Sample};
use rasid_bench::timing::{self, load_average, machine, median, range, today};
use rasid_bench::tools::{check_plausible, word_count, Count, Tool, Tools};

struct Args {
    rounds: usize,
    tools: Vec<Tool>,
    dump: Option<PathBuf>,
}

fn args() -> Result<Args> {
    let mut args = Args {
        rounds: 5,
        tools: Tool::ALL.to_vec(),
        dump: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--rounds" => {
                let v = it.next().context("--rounds needs a number")?;
                args.rounds = v.parse().with_context(|| format!("--rounds {v}"))?;
            }
            "--tools" => {
                let v = it.next().context("--tools needs a list of tool ids")?;
                args.tools = v
                    .split(',')
                    .map(|id| {
                        Tool::ALL
                            .into_iter()
                            .find(|t| t.id() == id.trim())
                            .with_context(|| format!("unknown tool {id:?}"))
                    })
                    .collect::<Result<_>>()?;
            }
            "--dump-sample" => args.dump = Some(it.next().context("--dump-sample needs a file")?.into()),
            // `cargo bench` passes --bench to every target.
            "--bench" => {}
            other => bail!("unknown argument {other:?} (--rounds N, --tools ID,ID, --dump-sample FILE)"),
        }
    }
    if args.rounds == 0 {
        bail!("--rounds must be at least 1");
    }
    Ok(args)
}

/// One pass of `tool` over every text, each text's count checked against `expected`.
fn pass(tools: &mut Tools, tool: Tool, texts: &[String], expected: &[Count]) -> Count {
    assert_eq!(texts.len(), expected.len());
    let mut total = Count::default();
    for (text, want) in texts.iter().zip(expected) {
        let got = tools.run(tool, text);
        assert_eq!(got, *want, "{tool} gave a different count than in its warm-up run");
        total += got;
    }
    total
}

fn main() -> Result<()> {
    let args = args()?;
    let n = article_count()?;
    let load_start = load_average();
    eprintln!("loading the sample ({n} articles)…");
    let sample = Sample::load(n)?;
    let texts = sample.texts();
    if let Some(path) = &args.dump {
        let mut out = std::io::BufWriter::new(std::fs::File::create(path)?);
        for text in &texts {
            writeln!(out, "{}", serde_json::to_string(text)?)?;
        }
        out.flush()?;
        eprintln!("wrote the sample to {}", path.display());
    }
    let bytes = total_bytes(&texts);
    let mb = bytes as f64 / 1e6;
    let words: usize = texts.iter().map(|t| word_count(t)).sum();

    let mut tools = Tools::new();
    let mut expected: Vec<(Tool, Vec<Count>, Count)> = Vec::new();
    for &tool in &args.tools {
        eprintln!("warm-up: {tool}");
        let counts: Vec<Count> = texts.iter().map(|t| tools.run(tool, t)).collect();
        let mut total = Count::default();
        for c in &counts {
            total += *c;
        }
        if let Err(msg) = check_plausible(tool, total.tokens, words) {
            bail!(msg);
        }
        expected.push((tool, counts, total));
    }

    let mut runs: Vec<Vec<timing::Sample>> = vec![Vec::new(); expected.len()];
    for round in 0..args.rounds {
        for k in 0..expected.len() {
            let i = (round + k) % expected.len();
            let (Some((tool, counts, total)), Some(times)) = (expected.get(i), runs.get_mut(i)) else {
                continue;
            };
            let (got, t) = timing::time(|| pass(&mut tools, *tool, &texts, counts));
            assert_eq!(got, *total);
            eprintln!(
                "round {}: {tool:<42} {:6.1} MB/s (cpu {:6.1})",
                round + 1,
                mb / t.wall,
                mb / t.cpu
            );
            times.push(t);
        }
    }
    let load_end = load_average();

    let speed = |times: &[timing::Sample]| {
        let wall: Vec<f64> = times.iter().map(|t| mb / t.wall).collect();
        let cpu: Vec<f64> = times.iter().map(|t| mb / t.cpu).collect();
        (median(&wall), range(&wall), median(&cpu))
    };
    let speed_of = |tool: Tool| {
        expected
            .iter()
            .zip(&runs)
            .find(|((t, _, _), _)| *t == tool)
            .map_or(f64::NAN, |(_, times)| speed(times).0)
    };
    let rasid_terms = speed_of(Tool::RasidTerms);
    let rasid_full = speed_of(Tool::RasidFull);

    println!("Analyzer throughput, one thread, {}.", today());
    println!();
    println!("- machine: {}", machine());
    println!("- load average (1, 5, 15 min): {load_start} before, {load_end} after");
    println!(
        "- sample: {}; {} articles, {:.1} MB of UTF-8 (title + \"\\n\" + body), {words} words by rasid's segmenter",
        sample.description,
        texts.len(),
        mb
    );
    println!(
        "- {} timed rounds after one warm-up pass; tools take turns in rotating order; median shown",
        args.rounds
    );
    println!();
    println!("| tool | output | MB/s | min–max | MB/s (thread CPU) | tokens | tokens/s | × rasid `for_each_term` | × rasid `analyze_text` |");
    println!("|---|---|---:|---:|---:|---:|---:|---:|---:|");
    for ((tool, _, total), times) in expected.iter().zip(&runs) {
        let (wall, (lo, hi), cpu) = speed(times);
        let tokens_per_s = total.tokens as f64 * wall / mb;
        println!(
            "| {} | {} | **{wall:.1}** | {lo:.1}–{hi:.1} | {cpu:.1} | {} | {:.2} M | {:.2} | {:.2} |",
            tool.label(),
            tool.output(),
            total.tokens,
            tokens_per_s / 1e6,
            wall / rasid_terms,
            wall / rasid_full,
        );
    }
    if !sample.from_corpus {
        println!();
        println!("FALLBACK SAMPLE: not the corpus; do not compare these numbers.");
    }
    Ok(())
}
