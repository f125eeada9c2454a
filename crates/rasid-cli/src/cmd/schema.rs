//! `rasid schema`: the JSON Schema of what commands print, generated from the Rust types.

use std::io::Write;

use clap::ValueEnum;
use rasid::core::AnalyzedArticle;

use crate::report::Outcome;

/// Arguments of `rasid schema`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The command whose output to describe.
    #[arg(value_enum, default_value_t = Which::Analyze)]
    which: Which,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum Which {
    /// One line of `rasid analyze`.
    Analyze,
}

/// Prints the schema.
pub fn run(args: Args) -> anyhow::Result<Outcome> {
    let schema = match args.which {
        Which::Analyze => schemars::schema_for!(AnalyzedArticle),
    };
    let mut out = std::io::stdout().lock();
    serde_json::to_writer_pretty(&mut out, &schema)?;
    writeln!(out)?;
    Ok(Outcome::Ok)
}
