//! `build-lexicon`: key-form word counts of the ANT corpus.

use std::collections::HashMap;
use std::fmt::Write as _;

use anyhow::{Context, Result};
use rasid_core::TokenKind;
use rasid_text::{NormalizerConfig, Segmenter};

use crate::{for_each_article, news_file, root};

const SOURCE: &str = "ant_multisource_v2.1.dev.jsonl.gz";

pub fn run(max: usize, min_count: u64) -> Result<()> {
    let path = news_file(SOURCE);
    let normalizer = NormalizerConfig::default();
    let mut counts: HashMap<String, u64> = HashMap::new();
    let mut key = String::new();
    let mut tokens = 0u64;
    let mut articles = 0u64;
    for_each_article(&path, |title, body| {
        articles += 1;
        for text in [title, body] {
            for seg in Segmenter::new(text) {
                if seg.kind != TokenKind::Arabic {
                    continue;
                }
                let Some(surface) = seg.span.slice(text) else { continue };
                key.clear();
                normalizer.key_into(surface, &mut key);
                tokens += 1;
                match counts.get_mut(key.as_str()) {
                    Some(n) => *n += 1,
                    None => {
                        counts.insert(key.clone(), 1);
                    }
                }
            }
        }
    })?;
    let types = counts.len();
    let mut forms: Vec<(String, u64)> = counts.into_iter().filter(|(_, n)| *n >= min_count).collect();
    forms.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    forms.truncate(max);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# rasid-text lexicon: Arabic word forms (key form) with their counts, most frequent first."
    );
    let _ = writeln!(
        out,
        "# Source: ANT corpus v2.1 multi-source, {SOURCE} ({articles} articles, titles and bodies),"
    );
    let _ = writeln!(
        out,
        "# {tokens} Arabic tokens, {types} distinct forms; kept: the top {} with count >= {min_count}.",
        forms.len()
    );
    let _ = writeln!(
        out,
        "# Cite: Chouigui, Ben Khiroun, Elayeb, Arabian Journal for Science and Engineering 46(8), 2021."
    );
    let _ = writeln!(
        out,
        "# Regenerate: cargo run --release -p xtask -- build-lexicon --max {max} --min-count {min_count}"
    );
    for (form, n) in &forms {
        let _ = writeln!(out, "{form}\t{n}");
    }
    let target = root().join("crates/rasid-text/data/lexicon.tsv");
    std::fs::write(&target, out).with_context(|| format!("writing {}", target.display()))?;
    println!(
        "{}: {} forms ({} tokens, {} types)",
        target.display(),
        forms.len(),
        tokens,
        types
    );
    Ok(())
}
