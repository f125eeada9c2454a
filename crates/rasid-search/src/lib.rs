//! Search for rasid: a tantivy index that uses the rasid Arabic analyzer, a
//! SQLite catalogue beside it, a query language, snippets in the original text,
//! facets, more-like-this, and a known-item retrieval evaluation.
//!
//! This is the only rasid crate that names tantivy.
//!
//! Users search Arabic news as it is really written: `أستانا`, `استانا` and
//! `آستانا` are one word, `المحادثات` finds `محادثات`, `وروسيا` finds `روسيا`,
//! because documents and queries go through the same analyzer
//! ([`tokenizer`]) and the index holds its light stems.
//!
//! ```
//! use rasid_core::Article;
//! use rasid_search::{Index, SearchRequest, WriterOptions};
//!
//! let dir = tempfile::tempdir().unwrap();
//! let index = Index::create_or_open(dir.path()).unwrap();
//! let mut writer = index.writer(WriterOptions::small(), "example").unwrap();
//! let article = Article::builder("Peace talks in Astana", "A new round of peace talks began.")
//!     .source("youm7")
//!     .published("2017-12-21T10:57".parse::<rasid_core::Timestamp>().unwrap())
//!     .build();
//! writer.add_batch(vec![article.clone()]).unwrap();
//! let counts = writer.finish().unwrap();
//! assert_eq!(counts.indexed, 1);
//!
//! let mut request = SearchRequest::new("source:youm7 published:2017-12");
//! request.limit = 5;
//! let results = index.search(&request).unwrap();
//! assert_eq!(results.hits[0].id, article.id.as_str());
//! ```
#![deny(missing_docs)]

mod bm25;
pub mod catalogue;
pub mod cooccurrence;
mod entities;
pub mod error;
#[cfg(feature = "eval")]
pub mod eval;
pub mod events;
pub mod extraction;
pub mod facets;
pub mod failpoint;
mod index;
pub mod query;
mod scan;
pub mod schema;
mod search;
pub mod snippet;
mod timeline;
pub mod tokenizer;
mod writer;

pub use catalogue::{Catalogue, CatalogueStats, Change, Outcome, RunCounts};
pub use cooccurrence::CoOccurrence;
pub use entities::EntityFacet;
pub use error::{IndexError, QueryError, Result};
pub use facets::EntityValue;
pub use index::{Index, IndexMeta, IndexStats, CATALOGUE_FILE, META_FILE, TANTIVY_DIR};
pub use rasid_core::Extractions;
pub use rasid_pipeline::Pipeline;
pub use scan::LiveArticle;
pub use schema::SCHEMA_VERSION;
pub use search::{Compiled, Filters, Hit, Ranking, SearchRequest, SearchResults, Sort, StoredArticle, MAX_LIMIT};
pub use timeline::{Interval, Timeline, TimelineBucket};
pub use writer::{Writer, WriterOptions};
