//! `rasid`: Arabic news intelligence from the terminal.
//!
//! Exit codes: 0 when every input was read, 1 when some inputs failed (or,
//! with `--strict`, were skipped), 2 for usage errors (bad flags, unreadable
//! arguments, a missing index, a malformed query), 3 when storage failed (an
//! I/O error, a full disk, read-only storage, an index locked by another writer).

use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod cmd;
mod report;

/// rasid (راصد): an Arabic news intelligence engine.
#[derive(Debug, Parser)]
#[command(name = "rasid", version, about, max_term_width = 100)]
struct Cli {
    /// Load the lexicon, entity model, gazetteer and clusters from this
    /// directory instead of the embedded ones (the files are listed in the
    /// README); an index must be opened with the resources it was built with.
    #[arg(long, global = true, value_name = "DIR", env = "RASID_RESOURCES")]
    resources: Option<std::path::PathBuf>,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Read articles in any supported form and print their analysis as JSON Lines.
    Analyze(cmd::analyze::Args),
    /// Read articles and add them to a search index (or delete, update them).
    Index(cmd::index::Args),
    /// Search an index.
    Search(cmd::search::Args),
    /// The events of an index's articles, one per event however many articles tell it,
    /// with mention counts (text, --json, or GDELT-style --tsv).
    Events(cmd::events::Args),
    /// What an index holds and what was ingested into it.
    Stats(cmd::stats::Args),
    /// Duplicate groups and stories of an index: build, list, show.
    Stories(cmd::stories::Args),
    /// Write an index's tables (articles, entities, places, times, numbers, stories) as Parquet or JSON Lines.
    Export(cmd::export::Args),
    /// Serve the web interface and the JSON API over an index.
    Serve(cmd::serve::Args),
    /// Measure rasid on a corpus (known-item retrieval).
    Eval(cmd::eval::Args),
    /// Train a model from gold data (the named-entity tagger on ANERcorp).
    Train(cmd::train::Args),
    /// Print the JSON Schema of a command's output.
    Schema(cmd::schema::Args),
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            // clap prints help/version to stdout (exit 0) and usage errors to stderr (exit 2).
            let _ = err.print();
            return ExitCode::from(if err.use_stderr() { 2 } else { 0 });
        }
    };
    let resources = cli.resources.as_deref();
    let outcome = match cli.command {
        Command::Analyze(args) => cmd::analyze::run(args, resources),
        Command::Index(args) => cmd::index::run(args, resources),
        Command::Search(args) => cmd::search::run(args, resources),
        Command::Events(args) => cmd::events::run(args, resources),
        Command::Stats(args) => cmd::stats::run(args, resources),
        Command::Stories(args) => cmd::stories::run(args, resources),
        Command::Export(args) => cmd::export::run(args, resources),
        Command::Serve(args) => cmd::serve::run(args, resources),
        Command::Eval(args) => cmd::eval::run(args, resources),
        Command::Train(args) => cmd::train::run(args),
        Command::Schema(args) => cmd::schema::run(args),
    };
    match outcome {
        Ok(code) => code.into(),
        Err(err) => {
            if report::is_broken_pipe(&err) {
                // `rasid analyze big.jsonl | head` is normal use, not a failure.
                return ExitCode::SUCCESS;
            }
            eprintln!("rasid: error: {}", report::error_line(&err));
            report::exit_for(&err).into()
        }
    }
}
