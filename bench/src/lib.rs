//! Benchmarks for rasid, kept out of the shipped crates.
//!
//! * [`corpus`]: the article sample every measurement uses: the first
//!   [`corpus::DEFAULT_ARTICLES`] articles of the corpus named by
//!   `RASID_BENCH_CORPUS`, or the shipped example article repeated when the
//!   corpus is absent (CI).
//! * [`tools`]: rasid's analyzer in its two modes next to tantivy's default
//!   analyzer, tantivy + Snowball Arabic and charabia, each reduced to "count
//!   the tokens and their bytes" so that every token is consumed.
//! * [`forms`]: writes the sample as plain-text articles with an Egyptian
//!   dateline, JSON Lines, HTML pages, RSS feeds and TREC files, for the
//!   reader benchmarks.
//! * [`timing`]: wall-clock and thread CPU time, medians, machine load.
//!
//! The binaries `throughput` (analyzers) and `readers` print the Markdown
//! tables of `BENCHMARKS.md`; `benches/analyzers.rs` is the criterion version
//! of the analyzer comparison.
#![deny(missing_docs)]

pub mod corpus;
pub mod forms;
pub mod timing;
pub mod tools;
