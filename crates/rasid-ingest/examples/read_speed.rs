//! Reads files and reports how fast: `cargo run --release -p rasid-ingest --example read_speed -- FILE...`
//!
//! Prints articles, errors, warnings, bytes of title and body, and articles per second.
#![allow(clippy::print_stdout)] // a command-line example

use std::path::PathBuf;
use std::time::Instant;

use rasid_ingest::{expand, read_path, ReadOptions};

fn main() {
    let paths: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    let options = ReadOptions::default();
    let start = Instant::now();
    let (mut articles, mut errors, mut warned, mut text_bytes) = (0u64, 0u64, 0u64, 0usize);
    for path in expand(&paths) {
        let Ok(path) = path else {
            errors += 1;
            continue;
        };
        for record in read_path(&path, &options) {
            match record {
                Ok(article) => {
                    articles += 1;
                    warned += u64::from(!article.warnings.is_empty());
                    text_bytes += article.title.len() + article.body.len();
                }
                Err(err) => {
                    errors += 1;
                    if errors <= 10 {
                        eprintln!("{err}");
                    }
                }
            }
        }
    }
    let seconds = start.elapsed().as_secs_f64();
    println!(
        "{articles} articles, {errors} errors, {warned} with warnings, {:.1} MB of text in {seconds:.2} s: {:.0} articles/s, {:.1} MB/s",
        text_bytes as f64 / 1e6,
        articles as f64 / seconds,
        text_bytes as f64 / 1e6 / seconds,
    );
}
