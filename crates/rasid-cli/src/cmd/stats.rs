//! `rasid stats`: what an index holds and what its catalogue logged.

use rasid::Engine;
use std::io::Write;
use std::path::Path;
use std::path::PathBuf;

use crate::report::Outcome as Exit;

/// Arguments of `rasid stats`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The index directory.
    #[arg(long, value_name = "DIR")]
    index: PathBuf,

    /// Print the statistics as one JSON object.
    #[arg(long)]
    json: bool,
}

/// Runs `rasid stats`.
pub fn run(args: Args, resources: Option<&Path>) -> anyhow::Result<Exit> {
    let engine = Engine::open_read_only(&args.index, super::pipeline(resources)?.build())?;
    let index = engine.index();
    let stats = index.stats()?;
    let mut out = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer(&mut out, &stats)?;
        writeln!(out)?;
        return Ok(Exit::Ok);
    }
    writeln!(
        out,
        "index: {} (schema version {})",
        stats.path.display(),
        stats.schema_version
    )?;
    writeln!(
        out,
        "articles: {} in {} segment{}, {:.1} MB on disk",
        stats.documents,
        stats.segments,
        if stats.segments == 1 { "" } else { "s" },
        stats.index_bytes as f64 / 1e6
    )?;
    let facets = &stats.facets;
    let line = |values: &[(String, u64)]| crate::report::facet_line(values, usize::MAX);
    if !facets.sources.is_empty() {
        writeln!(out, "sources: {}", line(&facets.sources))?;
    }
    if !facets.categories.is_empty() {
        writeln!(out, "categories: {}", line(&facets.categories))?;
    }
    if let (Some(first), Some(last)) = (facets.months.first(), facets.months.last()) {
        writeln!(
            out,
            "months: {} to {} ({} months)",
            first.0,
            last.0,
            facets.months.len()
        )?;
    }
    super::search::print_entity_facets(&mut out, facets, 10)?;
    let catalogue = &stats.catalogue;
    writeln!(
        out,
        "catalogue: {} files, {} distinct article ids seen",
        catalogue.files, catalogue.articles
    )?;
    if !catalogue.outcomes.is_empty() {
        writeln!(out, "outcomes: {}", line(&catalogue.outcomes))?;
    }
    writeln!(out, "runs:")?;
    for run in &catalogue.runs {
        let c = &run.counts;
        let status = match &run.finished {
            Some(finished) => format!("finished {finished}"),
            None => "did not finish".to_owned(),
        };
        writeln!(out, "  #{} started {}, {status}: {}", run.run, run.started, run.args)?;
        if run.finished.is_some() {
            writeln!(
                out,
                "     {} read, {} indexed, {} duplicate, {} replaced, {} deleted, {} skipped, {} failed",
                c.read, c.indexed, c.duplicate, c.replaced, c.deleted, c.skipped, c.failed
            )?;
        }
    }
    if !catalogue.recent_errors.is_empty() {
        writeln!(out, "recent errors:")?;
        for item in &catalogue.recent_errors {
            writeln!(
                out,
                "  {}: {}",
                item.outcome,
                item.error.as_deref().unwrap_or("(no reason recorded)")
            )?;
        }
    }
    Ok(Exit::Ok)
}
