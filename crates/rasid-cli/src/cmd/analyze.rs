//! `rasid analyze`: articles in, one JSON object per article out.

use std::io::{BufWriter, Write};
use std::path::PathBuf;

use rasid_core::{AnalyzedArticle, Article};
use rasid_entities::Ner;
use rasid_text::Analyzer;
use rasid_times::Extractions;
use rayon::prelude::*;

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

    /// Add an extractive summary of N sentences (in their original order).
    #[arg(long, value_name = "N")]
    summary: Option<usize>,

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
pub fn run(args: Args) -> anyhow::Result<Outcome> {
    let options = args.input.read_options()?;
    let analyzer = Analyzer::default();
    let ner = Ner::new();
    let mut tally = Tally::default();
    let mut out = BufWriter::new(std::io::stdout().lock());

    let paths = rasid_ingest::expand(&args.inputs);
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
        for record in rasid_ingest::read_path(&path, &options) {
            match record {
                Ok(article) => {
                    batch.push(article);
                    if batch.len() == BATCH {
                        write_batch(&analyzer, &ner, &mut batch, &args, &mut tally, &progress, &mut out)?;
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
        if args.strict && tally.outcome() != Outcome::Ok {
            break;
        }
    }
    write_batch(&analyzer, &ner, &mut batch, &args, &mut tally, &progress, &mut out)?;
    out.flush()?;
    progress.finish_and_clear();
    if !args.quiet {
        eprintln!("{}", tally.summary());
    }
    Ok(tally.outcome())
}

/// Analyses a batch in parallel and writes it in input order.
fn write_batch(
    analyzer: &Analyzer,
    ner: &Ner,
    batch: &mut Vec<Article>,
    args: &Args,
    tally: &mut Tally,
    progress: &indicatif::ProgressBar,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let analysed: Vec<AnalyzedArticle> = batch
        .par_drain(..)
        .map(|article| {
            let mut analysis = analyzer.analyze(&article);
            let entities = ner.extract(&article, &analysis);
            let Extractions { times, numbers } = rasid_times::extract_article(&article, &analysis);
            let summary = args
                .summary
                .map(|n| rasid_stories::summary::article_summary(&article, &analysis, n));
            if !args.tokens {
                analysis.title.tokens.clear();
                analysis.body.tokens.clear();
            }
            AnalyzedArticle {
                article,
                analysis,
                entities,
                times,
                numbers,
                summary,
            }
        })
        .collect();
    for record in &analysed {
        tally.warnings(progress, &origin_label(&record.article), &record.article.warnings);
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

/// `path`, `path:line 3` or `path:record 2`, for warning lines.
fn origin_label(article: &Article) -> String {
    let origin = &article.origin;
    match (origin.line, origin.record) {
        (Some(line), _) => format!("{}:line {line}", origin.path),
        (None, Some(record)) => format!("{}:record {record}", origin.path),
        (None, None) => origin.path.clone(),
    }
}
