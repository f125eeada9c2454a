//! Any bytes, under any file name and forced format, read without a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rasid_core::InputFormat;
use rasid_ingest::ReadOptions;

const NAMES: [&str; 8] = ["a.txt", "a.jsonl", "a.html", "a.rss", "a.trec", "a.txt.gz", "a.jsonl.zst", "noext"];
const FORMATS: [Option<InputFormat>; 6] = [
    None,
    Some(InputFormat::Text),
    Some(InputFormat::Jsonl),
    Some(InputFormat::Html),
    Some(InputFormat::Rss),
    Some(InputFormat::Trec),
];

fuzz_target!(|data: &[u8]| {
    let Some((&selector, bytes)) = data.split_first() else { return };
    let name = NAMES[usize::from(selector) % NAMES.len()];
    let format = FORMATS[usize::from(selector >> 3) % FORMATS.len()];
    let options = ReadOptions { format, ..ReadOptions::default() };
    for record in rasid_ingest::read_bytes(name, bytes, &options) {
        if let Ok(article) = record {
            // Every field of an accepted article is valid text by construction; touch it.
            assert!(article.title.len() + article.body.len() <= bytes.len() * 3 + 64);
        }
    }
});
