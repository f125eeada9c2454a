//! `rasid analyze`: articles in, one JSON object per article out.

use std::io::{BufWriter, Write};
use std::path::PathBuf;

use anyhow::{bail, Context};
use rasid_core::{AnalyzedArticle, Article, InputFormat};
use rasid_ingest::{FieldNames, ReadOptions};
use rasid_text::Analyzer;
use rayon::prelude::*;

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

    /// Input form; `auto` decides by extension, then by content.
    #[arg(long, value_enum, default_value_t = Format::Auto)]
    format: Format,

    /// Character encoding of the input (e.g. `windows-1256`, `iso-8859-6`,
    /// `utf-16le`); detected when not given.
    #[arg(long, value_name = "LABEL")]
    encoding: Option<String>,

    /// JSONL field names, as FIELD=NAME (fields: id, title, published, body,
    /// source, url, category, author), e.g. `--field body=content`.
    #[arg(long = "field", value_name = "FIELD=NAME")]
    fields: Vec<String>,

    /// Include every token (surface, offsets, norm, key, clitics, stem).
    #[arg(long)]
    tokens: bool,

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

/// Input forms on the command line.
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
enum Format {
    Auto,
    Text,
    Jsonl,
    Html,
    Rss,
    Trec,
}

impl Format {
    fn input_format(self) -> Option<InputFormat> {
        match self {
            Format::Auto => None,
            Format::Text => Some(InputFormat::Text),
            Format::Jsonl => Some(InputFormat::Jsonl),
            Format::Html => Some(InputFormat::Html),
            Format::Rss => Some(InputFormat::Rss),
            Format::Trec => Some(InputFormat::Trec),
        }
    }
}

/// Builds reader options from the flags; errors here are usage errors.
fn read_options(args: &Args) -> anyhow::Result<ReadOptions> {
    let mut options = ReadOptions {
        format: args.format.input_format(),
        ..ReadOptions::default()
    };
    if let Some(label) = &args.encoding {
        let encoding = encoding_rs::Encoding::for_label(label.trim().as_bytes())
            .with_context(|| format!("unknown encoding {label:?} (try utf-8, windows-1256, iso-8859-6, utf-16le)"))?;
        options.encoding = Some(encoding);
    }
    options.fields = field_names(&args.fields)?;
    Ok(options)
}

fn field_names(specs: &[String]) -> anyhow::Result<FieldNames> {
    let mut names = FieldNames::default();
    for spec in specs {
        let Some((field, name)) = spec.split_once('=') else {
            bail!("--field expects FIELD=NAME, got {spec:?}");
        };
        let slot = match field.trim() {
            "id" => &mut names.id,
            "title" => &mut names.title,
            "published" => &mut names.published,
            "body" => &mut names.body,
            "source" => &mut names.source,
            "url" => &mut names.url,
            "category" => &mut names.category,
            "author" => &mut names.author,
            other => {
                bail!("--field: unknown field {other:?} (id, title, published, body, source, url, category, author)")
            }
        };
        name.trim().clone_into(slot);
    }
    Ok(names)
}

/// Reads every input, analyses each article and prints it.
pub fn run(args: Args) -> anyhow::Result<Outcome> {
    let options = read_options(&args)?;
    let analyzer = Analyzer::default();
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
                        write_batch(&analyzer, &mut batch, &args, &mut tally, &progress, &mut out)?;
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
    write_batch(&analyzer, &mut batch, &args, &mut tally, &progress, &mut out)?;
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
            if !args.tokens {
                analysis.title.tokens.clear();
                analysis.body.tokens.clear();
            }
            AnalyzedArticle { article, analysis }
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
