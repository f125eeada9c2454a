//! Export a rasid index as tables for data science: articles, entity
//! mentions, entities (with canonical ids, roles and GeoNames links), places,
//! times, numbers, summary sentences, duplicate groups, stories and story
//! membership, as Apache
//! Parquet (zstd, dictionary-encoded labels, nested span structs) or JSON
//! Lines, partitioned by the month articles were published
//! (`OUT/articles/month=2017-12/part-0.parquet`).
//!
//! The tables are described in `docs/EXPORT.md`, generated from the
//! definitions in [`tables`]. The same index gives the same files, byte for
//! byte: rows are sorted and the files hold no timestamps of the export.
//!
//! Exports into one directory are recorded in `OUT/_rasid_export.json`; an
//! export with [`Options::since`] writes only what changed since the last one
//! (new and replaced articles, deletions, touched stories) into new
//! `part-RUN` files.
//!
//! ```
//! use rasid_core::Article;
//! use rasid_export::{plan, Format, Options};
//! use rasid_search::{Index, WriterOptions};
//!
//! let dir = tempfile::tempdir().unwrap();
//! let index = Index::create_or_open(&dir.path().join("index")).unwrap();
//! let mut writer = index.writer(WriterOptions::small(), "doc test").unwrap();
//! writer.add_batch(vec![Article::builder("عنوان", "نص المقال").build()]).unwrap();
//! writer.finish().unwrap();
//!
//! let out = dir.path().join("export");
//! let options = Options { format: Format::Jsonl, since: false };
//! let report = plan(&dir.path().join("index"), rasid_search::Pipeline::default(), &out, options).unwrap().execute(&|_| {}).unwrap();
//! assert_eq!(report.rows["articles"], 1);
//! assert_eq!(report.files[0], "articles/month=undated/part-0.jsonl");
//! ```
#![deny(missing_docs)]

mod analyzed;
mod error;
mod export;
pub mod table;
pub mod tables;

pub use analyzed::analyzed_rows;
pub use error::{ExportError, Result};
pub use export::{
    article_rows, month_of, plan, write_parquet, Format, Manifest, Mode, Options, Plan, Report, RunRecord,
    EXPORT_VERSION, MANIFEST_FILE, UNDATED,
};

/// The markdown tables of the schema document (`docs/EXPORT.md` holds them
/// between its `<!-- tables -->` markers).
pub fn schema_markdown() -> String {
    table::schema_markdown(&tables::all_tables())
}
