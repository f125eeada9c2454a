//! `rasid analyze`: articles in, one JSON object per article out.

use std::io::{BufWriter, Write};
use std::path::PathBuf;

use rasid::core::Article;
use rasid::pipeline::{Pipeline, DEFAULT_SUMMARY_SENTENCES};
use std::path::Path;

use super::input::InputArgs;
use crate::report::{self, Outcome, Tally};

/// Articles analysed together, in parallel, before their output is written in order.
const BATCH: usize = 256;

/// Arguments of `rasid analyze`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files or directories to read (`-` for standard input). Directories are read
    /// recursively; `.gz` and `.zst` files are decompressed.
    #[arg(required = true, value_name = "FILE")]
    inputs: Vec<PathBuf>,

    #[command(flatten)]
    input: InputArgs,

    /// Include every token (surface, offsets, norm, key, clitics, stem).
    #[arg(long)]
    tokens: bool,

    /// The entity tagger: `fast` (the two-pass perceptron) or `accurate` (an
    /// ensemble of three: higher recall, about a third of the speed).
    #[arg(long, value_name = "MODE", default_value_t = rasid::pipeline::NerMode::default())]
    ner: rasid::pipeline::NerMode,

    /// Sentences in each article's extractive summary (in their original
    /// order); 0 leaves the summary out.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_SUMMARY_SENTENCES)]
    summary: usize,

    /// Write JSON Lines (the default; kept for scripts that say so).
    #[arg(long, conflicts_with = "pretty")]
    json: bool,

    /// Pretty-print each article's JSON over several lines.
    #[arg(long)]
    pretty: bool,

    /// Stop at the first input that cannot be read.
    #[arg(long)]
    strict: bool,

    /// Do not print the summary line at the end.
    #[arg(long, short)]
    quiet: bool,
}

/// Reads every input, analyses each article and prints it.
pub fn run(args: Args, resources: Option<&Path>) -> anyhow::Result<Outcome> {
    let options = args.input.read_options()?;
    let pipeline = super::pipeline(resources)?
        .ner_mode(args.ner)
        .summary_sentences(args.summary)
        .tokens(args.tokens)
        .build();
    let mut tally = Tally::default();
    let mut out = BufWriter::new(std::io::stdout().lock());

    let paths = rasid::ingest::expand(&args.inputs);
    let progress = report::progress(paths.len() as u64);
    let mut batch: Vec<Article> = Vec::with_capacity(BATCH);

    for path in paths {
        let path = match path {
            Ok(path) => path,
            Err(err) => {
                tally.error(&progress, &err);
                if args.strict {
                    break;
                }
                continue;
            }
        };
        tally.files += 1;
        progress.set_message(path.display().to_string());
        for record in rasid::ingest::read_path(&path, &options) {
            match record {
                Ok(article) => {
                    batch.push(article);
                    if batch.len() == BATCH {
                        write_batch(&pipeline, &mut batch, &args, &mut tally, &progress, &mut out)?;
                    }
                }
                Err(err) => {
                    tally.error(&progress, &err);
                    if args.strict {
                        break;
                    }
                }
            }
        }
        progress.inc(1);
        if args.strict && (tally.outcome() != Outcome::Ok || tally.skipped > 0) {
            break;
        }
    }
    write_batch(&pipeline, &mut batch, &args, &mut tally, &progress, &mut out)?;
    out.flush()?;
    progress.finish_and_clear();
    if !args.quiet {
        eprintln!("{}", tally.summary());
    }
    if args.strict && tally.skipped > 0 {
        // --strict stops at any input not read, and says so in the exit status.
        eprintln!("rasid: error: stopped at the first input not read (--strict)");
        return Ok(Outcome::SomeFailed);
    }
    Ok(tally.outcome())
}

/// Analyses a batch in parallel and writes it in input order.
fn write_batch(
    pipeline: &Pipeline,
    batch: &mut Vec<Article>,
    args: &Args,
    tally: &mut Tally,
    progress: &indicatif::ProgressBar,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let analysed = pipeline.analyze_batch_owned(std::mem::take(batch));
    for record in &analysed {
        tally.warnings(
            progress,
            &crate::report::origin_label(&record.article),
            &record.article.warnings,
        );
        if args.pretty {
            serde_json::to_writer_pretty(&mut *out, record)?;
        } else {
            serde_json::to_writer(&mut *out, record)?;
        }
        out.write_all(b"\n")?;
        tally.ok += 1;
    }
    Ok(())
}
