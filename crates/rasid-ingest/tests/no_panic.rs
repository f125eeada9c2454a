//! No input makes a reader panic: random bytes and damaged versions of valid
//! inputs, under every name and forced format (the same contract the
//! `read_bytes` fuzz target checks, run here on every `cargo test`).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)] // test code

use std::io::Write;

use proptest::prelude::*;
use rasid_core::InputFormat;
use rasid_ingest::{read_bytes, ReadOptions};

const NAMES: [&str; 8] = [
    "a.txt",
    "a.jsonl",
    "a.html",
    "a.rss",
    "a.trec",
    "a.txt.gz",
    "a.jsonl.zst",
    "noext",
];
const FORMATS: [Option<InputFormat>; 6] = [
    None,
    Some(InputFormat::Text),
    Some(InputFormat::Jsonl),
    Some(InputFormat::Html),
    Some(InputFormat::Rss),
    Some(InputFormat::Trec),
];

const SEEDS: [&str; 6] = [
    include_str!("data/astana-2017-12-21.txt"),
    "{\"id\":1,\"title\":\"عنوان\",\"published\":\"Fri, 23 Feb 2018 10:37:34 GMT\",\"body\":\"نص\\nثان\"}\n{\"body\":3}\n",
    "<html><head><meta charset=\"windows-1256\"><meta property=\"og:title\" content=\"t\"><title>a - b</title>\
     <script type=\"application/ld+json\">{\"datePublished\":\"2017-12-21\"}</script></head><body><nav>n</nav>\
     <article><h1>t</h1><p>نص طويل بما يكفي ليكون فقرة من فقرات المقال</p><div class=\"share\">s</div></article></body></html>",
    "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>f</title><item><title>i</title>\
     <pubDate>Fri, 23 Feb 2018 10:37:34 GMT</pubDate><description>&lt;p&gt;x&lt;/p&gt;</description></item></channel></rss>",
    "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>a</title><entry><title>e</title><content type=\"html\">&lt;b&gt;x</content></entry></feed>",
    "<DOC>\n<DOCNO>1</DOCNO>\n<TITLE>t &amp; u</TITLE>\n<TIME>Fri, 23 Feb 2018 10:37:34 GMT</TIME>\n<TEXT>\nنص\n</TEXT>\n</DOC>\n<DOC><TEXT>x",
];

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    enc.write_all(bytes).unwrap();
    enc.finish().unwrap()
}

/// Reads every record; the checks are that nothing panics and that the fuzz
/// target's size invariant holds.
fn read_everything(bytes: &[u8]) {
    for name in NAMES {
        for format in FORMATS {
            let options = ReadOptions {
                format,
                max_record_bytes: 1 << 20,
                ..ReadOptions::default()
            };
            for record in read_bytes(name, bytes, &options) {
                if let Ok(article) = record {
                    assert!(article.title.len() + article.body.len() <= bytes.len() * 3 + 64);
                    let _ = (article.id, article.origin, article.warnings);
                } else if let Err(err) = record {
                    assert!(!err.to_string().is_empty());
                }
            }
        }
    }
}

/// A damaged copy of a seed: some bytes replaced, maybe cut short, maybe re-encoded or compressed.
fn damaged() -> impl Strategy<Value = Vec<u8>> {
    (
        0..SEEDS.len(),
        prop::collection::vec((any::<usize>(), any::<u8>()), 0..8),
        any::<Option<usize>>(),
        0u8..4,
    )
        .prop_map(|(seed, edits, cut, wrap)| {
            let mut bytes = match wrap {
                1 => encoding_rs::WINDOWS_1256.encode(SEEDS[seed]).0.into_owned(),
                2 => [
                    b"\xFF\xFE".as_slice(),
                    &SEEDS[seed]
                        .encode_utf16()
                        .flat_map(u16::to_le_bytes)
                        .collect::<Vec<_>>(),
                ]
                .concat(),
                _ => SEEDS[seed].as_bytes().to_vec(),
            };
            if wrap == 3 {
                bytes = gzip(&bytes);
            }
            let len = bytes.len();
            for (at, value) in edits {
                bytes[at % len] = value;
            }
            if let Some(cut) = cut {
                bytes.truncate(cut % (len + 1));
            }
            bytes
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        read_everything(&bytes);
    }

    #[test]
    fn damaged_inputs(bytes in damaged()) {
        read_everything(&bytes);
    }
}

#[test]
fn nasty_shapes() {
    let cases: Vec<Vec<u8>> = vec![
        "<div>".repeat(20_000).into_bytes(),
        "<rss version=\"2.0\">".repeat(5_000).into_bytes(),
        "<DOC>".repeat(20_000).into_bytes(),
        "<DOC><TITLE".repeat(5_000).into_bytes(),
        "{".repeat(10_000).into_bytes(),
        "[".repeat(10_000).into_bytes(),
        "\n".repeat(10_000).into_bytes(),
        "&#".repeat(10_000).into_bytes(),
        "<b>".repeat(20_000).into_bytes(),
        gzip(&vec![b'a'; 4 << 20]),
        b"\x1f\x8b".to_vec(),
        b"\x28\xb5\x2f\xfd".to_vec(),
        b"\xFF\xFE".to_vec(),
        b"\xFE\xFF\x00".to_vec(),
    ];
    for bytes in cases {
        read_everything(&bytes);
    }
}
