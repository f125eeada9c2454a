//! One module per subcommand.
pub mod analyze;
pub mod eval;
pub mod export;
pub mod index;
pub mod input;
pub mod schema;
pub mod search;
pub mod serve;
pub mod stats;
pub mod stories;
pub mod train;
