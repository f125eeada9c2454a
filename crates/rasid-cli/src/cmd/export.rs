//! `rasid export`: the tables of an index (articles, entities, places, times,
//! numbers, duplicate groups, stories) as Parquet or JSON Lines files,
//! partitioned by month; `--since` adds only what changed since the last
//! export into the same directory. The tables are described in docs/EXPORT.md.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rasid::export::{Format, Mode, Options};

use crate::report::Outcome as Exit;

/// Arguments of `rasid export`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The index directory (its stories, when `rasid stories build` has run, are exported too).
    #[arg(long, value_name = "DIR")]
    index: PathBuf,

    /// The output directory: new or empty, or, with `--since`, one a previous export wrote.
    #[arg(long, value_name = "DIR")]
    out: PathBuf,

    /// File format: parquet or jsonl.
    #[arg(long, value_name = "FORMAT", default_value = "parquet")]
    format: Format,

    /// Export only what changed since the last export into OUT (everything when there was none).
    #[arg(long)]
    since: bool,

    /// Print what was written as one JSON object on standard output.
    #[arg(long)]
    json: bool,

    /// No progress bar or summary on standard error.
    #[arg(long, short = 'q')]
    quiet: bool,
}

/// Runs `rasid export`.
pub fn run(args: Args, resources: Option<&Path>) -> anyhow::Result<Exit> {
    let options = Options {
        format: args.format,
        since: args.since,
    };
    let plan = rasid::export::plan(&args.index, super::pipeline(resources)?.build(), &args.out, options)?;
    if plan.mode() == Mode::FullNoPrevious {
        // Said even with --quiet: the user asked for less than they get.
        eprintln!(
            "rasid: export: no previous export in {}: exporting everything",
            args.out.display()
        );
    }
    let bar = if !args.quiet && std::io::stderr().is_terminal() {
        let bar = ProgressBar::with_draw_target(Some(plan.articles()), ProgressDrawTarget::stderr());
        let style = ProgressStyle::with_template(
            "{spinner} [{elapsed_precise}] {bar:30} {human_pos}/{human_len} articles ({per_sec}, {eta} left) {msg}",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar());
        bar.set_style(style);
        bar.set_message(format!("export #{}", plan.run()));
        bar.enable_steady_tick(Duration::from_millis(200));
        bar
    } else {
        ProgressBar::hidden()
    };
    let started = std::time::Instant::now();
    let report = plan.execute(&|n| bar.inc(n))?;
    bar.finish_and_clear();
    if args.json {
        let mut out = std::io::stdout().lock();
        serde_json::to_writer(&mut out, &report)?;
        writeln!(out)?;
    }
    if !args.quiet {
        let rows = report
            .rows
            .iter()
            .filter(|(_, n)| **n > 0)
            .map(|(t, n)| format!("{t} {n}"))
            .collect::<Vec<_>>()
            .join(", ");
        eprintln!(
            "rasid: export #{} ({}) of {} article{} to {} in {:.1} s: {} files, {:.1} MB; rows: {}",
            report.run,
            report.mode,
            report.articles,
            if report.articles == 1 { "" } else { "s" },
            args.out.display(),
            started.elapsed().as_secs_f64(),
            report.files.len(),
            report.bytes as f64 / 1e6,
            if rows.is_empty() { "none".to_owned() } else { rows }
        );
    }
    Ok(Exit::Ok)
}
