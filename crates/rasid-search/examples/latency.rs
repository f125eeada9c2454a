//! Search latency on an existing index, each query run several times:
//!
//! ```sh
//! cargo run --release -p rasid-search --example latency -- INDEX_DIR "query one" "query two"
//! ```
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)] // example code

use std::time::Instant;

use rasid_search::{Index, SearchRequest};

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = args.next().expect("usage: latency INDEX_DIR QUERY...");
    let index = Index::open(dir.as_ref()).unwrap();
    for query in args {
        for (snippets, facets) in [(true, true), (false, true), (true, false), (false, false)] {
            let mut request = SearchRequest::new(query.clone());
            request.snippets = snippets;
            request.facets = facets;
            let mut times = Vec::new();
            let mut total = 0;
            for _ in 0..20 {
                let started = Instant::now();
                total = index.search(&request).unwrap().total;
                times.push(started.elapsed().as_secs_f64() * 1000.0);
            }
            let first = times[0];
            times.sort_by(f64::total_cmp);
            println!(
                "{query:?} snippets={snippets} facets={facets}: {total} hits, first {first:.2} ms, median {:.2} ms, max {:.2} ms",
                times[times.len() / 2],
                times[times.len() - 1]
            );
        }
    }
}
