//! `rasid index`: read articles in any supported form and add them to a search index.
//!
//! Reading runs on its own thread; analysis and extraction (people, places,
//! organisations, dates, numbers; skipped with `--no-extract`) run in parallel
//! on every core; the index commits every `--commit-every` articles, so a killed
//! run keeps every committed batch and running the same command again completes it.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rasid::core::{Article, ArticleId};
use rasid::ingest::{IngestError, Location, ReadOptions};
use rasid::search::{Outcome, RunCounts, WriterOptions};
use rasid::Engine;

use super::input::InputArgs;
use crate::report::Outcome as Exit;

/// Articles read before they are handed to the writer together.
const BATCH: usize = 512;

/// Arguments of `rasid index`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files or directories to read (`-` for standard input). Directories are read
    /// recursively; `.gz` and `.zst` files are decompressed.
    #[arg(value_name = "FILE", required_unless_present = "delete")]
    inputs: Vec<PathBuf>,

    /// The index directory (created when missing).
    #[arg(long, value_name = "DIR")]
    index: PathBuf,

    /// Delete the article with this id (repeatable).
    #[arg(long, value_name = "ID")]
    delete: Vec<String>,

    /// Replace articles whose id is already in the index instead of counting them
    /// as duplicates.
    #[arg(long)]
    replace: bool,

    /// Replace the article with this id by the one article read from FILE; the
    /// article keeps the id.
    #[arg(long, value_name = "ID", conflicts_with_all = ["delete", "replace"])]
    update: Option<String>,

    #[command(flatten)]
    input: InputArgs,

    /// Commit after this many articles.
    #[arg(long, value_name = "N", default_value_t = 10_000)]
    commit_every: usize,

    /// Indexing threads (default: one per core, at most 4).
    #[arg(long, value_name = "N")]
    threads: Option<usize>,

    /// Memory for indexing buffers, in MB, all threads together (at least 15 per thread).
    #[arg(long, value_name = "MB")]
    memory_mb: Option<usize>,

    /// Skip extraction (entities, places, mentioned dates): about ten times
    /// faster, but the entity, place and --mentions filters find nothing in
    /// what is indexed this way.
    #[arg(long)]
    no_extract: bool,

    /// The entity tagger: `fast` (the two-pass perceptron) or `accurate` (an
    /// ensemble of three: higher recall, about a third of the speed).
    #[arg(long, value_name = "MODE", default_value_t = rasid::pipeline::NerMode::default())]
    ner: rasid::pipeline::NerMode,

    /// Stop at the first input that is not read (failed or skipped) and exit 1.
    #[arg(long)]
    strict: bool,

    /// Print the summary as JSON on standard output.
    #[arg(long)]
    json: bool,

    /// Do not print the summary line at the end.
    #[arg(long, short)]
    quiet: bool,
}

/// What the reading thread sends.
enum Message {
    /// A file is being opened.
    File(String),
    /// Articles read.
    Articles(Vec<Article>),
    /// An input or record that gave no article.
    Error(IngestError),
}

/// Reads every input on a thread of its own, in batches.
fn spawn_reader(inputs: Vec<PathBuf>, options: ReadOptions, strict: bool) -> mpsc::Receiver<Message> {
    let (tx, rx) = mpsc::sync_channel::<Message>(4);
    std::thread::spawn(move || {
        let mut batch = Vec::with_capacity(BATCH);
        for path in rasid::ingest::expand(&inputs) {
            let path = match path {
                Ok(path) => path,
                Err(err) => {
                    // --strict stops at any input not read, skipped ones included.
                    if tx.send(Message::Error(err)).is_err() || strict {
                        return;
                    }
                    continue;
                }
            };
            if tx.send(Message::File(path.display().to_string())).is_err() {
                return;
            }
            for record in rasid::ingest::read_path(&path, &options) {
                match record {
                    Ok(article) => {
                        batch.push(article);
                        if batch.len() == BATCH {
                            let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH));
                            if tx.send(Message::Articles(full)).is_err() {
                                return;
                            }
                        }
                    }
                    Err(err) => {
                        if tx.send(Message::Error(err)).is_err() || strict {
                            let _ = tx.send(Message::Articles(std::mem::take(&mut batch)));
                            return;
                        }
                    }
                }
            }
        }
        let _ = tx.send(Message::Articles(batch));
    });
    rx
}

fn progress() -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    let style =
        ProgressStyle::with_template("{spinner} [{elapsed_precise}] {human_pos} articles ({per_sec}) {wide_msg}")
            .unwrap_or_else(|_| ProgressStyle::default_spinner());
    bar.set_style(style);
    bar.enable_steady_tick(Duration::from_millis(200));
    bar
}

/// Runs `rasid index`.
pub fn run(args: Args, resources: Option<&Path>) -> anyhow::Result<Exit> {
    let command_line = std::env::args().collect::<Vec<_>>().join(" ");
    // Everything `rasid analyze` finds is stored, unless --no-extract.
    let builder = super::pipeline(resources)?.ner_mode(args.ner);
    let pipeline = if args.no_extract {
        builder.extractors([]).build()
    } else {
        builder.build()
    };
    pipeline.warm_up();
    let engine = if args.inputs.is_empty() {
        Engine::open(&args.index, pipeline)?
    } else {
        Engine::create_or_open(&args.index, pipeline)?
    };
    let index = engine.index();
    let mut options = WriterOptions {
        replace: args.replace,
        commit_every: args.commit_every.max(1),
        ..WriterOptions::default()
    };
    if let Some(threads) = args.threads {
        options.threads = threads.max(1);
        options.memory_bytes = options.threads * 40_000_000;
    }
    if let Some(mb) = args.memory_mb {
        options.memory_bytes = mb.saturating_mul(1_000_000);
    }
    let mut writer = index.writer(options, &command_line)?;

    let mut exit = Exit::Ok;
    for id in &args.delete {
        if !writer.delete(&ArticleId::from_raw(id.trim()))? {
            eprintln!("rasid: error: no article with id {id} in the index");
            exit = Exit::SomeFailed;
        }
    }

    if let Some(id) = &args.update {
        let read = args.input.read_options()?;
        let mut articles = Vec::new();
        for path in rasid::ingest::expand(&args.inputs) {
            for record in rasid::ingest::read_path(&path?, &read) {
                articles.push(record?);
            }
        }
        let [article] = <[Article; 1]>::try_from(articles)
            .map_err(|a| anyhow::anyhow!("--update needs exactly one article in the input, found {}", a.len()))?;
        writer.update(&ArticleId::from_raw(id.trim()), article)?;
    } else if !args.inputs.is_empty() {
        let read = args.input.read_options()?;
        let bar = progress();
        let mut files = 0u64;
        for message in spawn_reader(args.inputs.clone(), read, args.strict) {
            match message {
                Message::File(name) => {
                    files += 1;
                    bar.set_message(name);
                }
                Message::Articles(articles) => {
                    let n = articles.len() as u64;
                    // The same warnings `rasid analyze` prints; the catalogue records them too.
                    for article in articles.iter().filter(|a| !a.warnings.is_empty()) {
                        let origin = crate::report::origin_label(article);
                        bar.suspend(|| {
                            for warning in &article.warnings {
                                eprintln!("rasid: warning: {origin}: {warning}");
                            }
                        });
                    }
                    if let Err(err) = writer.add_batch(articles) {
                        bar.finish_and_clear();
                        eprintln!("{} (stopped)", summary(writer.counts()));
                        return Err(err.into());
                    }
                    bar.inc(n);
                }
                Message::Error(err) => {
                    let outcome = if err.is_skip() {
                        Outcome::Skipped
                    } else {
                        Outcome::Failed
                    };
                    let (line, record) = match err.location {
                        Some(Location::Line(n)) => (Some(n), None),
                        Some(Location::Record(n)) => (None, Some(n)),
                        _ => (None, None),
                    };
                    let level = if outcome == Outcome::Skipped {
                        "skipped"
                    } else {
                        "error"
                    };
                    bar.suspend(|| eprintln!("rasid: {level}: {err}"));
                    writer.record_input(outcome, Some(&err.path), line, record, &err.to_string());
                }
            }
        }
        bar.finish_and_clear();
        if !args.quiet && !args.json {
            eprintln!("rasid: {files} file{} read", if files == 1 { "" } else { "s" });
        }
    }

    let so_far = *writer.counts();
    let counts = match writer.finish() {
        Ok(counts) => counts,
        Err(err) => {
            eprintln!("{} (stopped)", summary(&so_far));
            return Err(err.into());
        }
    };
    if counts.failed > 0 {
        exit = Exit::SomeFailed;
    }
    if args.strict && (counts.skipped > 0 || counts.failed > 0) {
        eprintln!("rasid: error: stopped at the first input not read (--strict)");
        exit = Exit::SomeFailed;
    }
    if args.json {
        println!("{}", serde_json::to_string(&counts)?);
    } else if !args.quiet {
        eprintln!("{}", summary(&counts));
    }
    Ok(exit)
}

/// `rasid: 12 read: 10 indexed, 1 duplicate, 0 skipped, 1 failed`.
pub fn summary(c: &RunCounts) -> String {
    let mut line = format!(
        "rasid: {} read: {} indexed, {} duplicate, {} skipped, {} failed",
        c.read, c.indexed, c.duplicate, c.skipped, c.failed
    );
    if c.replaced > 0 {
        line.push_str(&format!(", {} replaced", c.replaced));
    }
    if c.deleted > 0 {
        line.push_str(&format!(", {} deleted", c.deleted));
    }
    line
}
