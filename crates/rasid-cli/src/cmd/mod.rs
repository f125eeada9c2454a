//! One module per subcommand.
pub mod analyze;
pub mod eval;
pub mod events;
pub mod export;
pub mod index;
pub mod input;
pub mod schema;
pub mod search;
pub mod serve;
pub mod stats;
pub mod stories;
pub mod train;

use std::path::Path;

use anyhow::Context as _;
use rasid::pipeline::{Pipeline, PipelineBuilder, Resources};

/// A pipeline builder with the resources of `--resources DIR`, or the embedded ones.
pub fn pipeline(resources: Option<&Path>) -> anyhow::Result<PipelineBuilder> {
    let builder = Pipeline::builder();
    Ok(match resources {
        Some(dir) => {
            builder.resources(Resources::from_dir(dir).with_context(|| format!("--resources {}", dir.display()))?)
        }
        None => builder,
    })
}
