//! `ner-link-sample`: draws place mentions from the news corpus for judging
//! their GeoNames links by hand, and tallies a judged table.
//!
//! Articles of `../shared/data/news/` (ANT, then SaudiNewsNet, in file order)
//! are drawn with probability `1/--every` by a SplitMix64 generator seeded by
//! `--seed`; rasid's extraction runs on each drawn article (title and body, as
//! `rasid analyze` does), and `--n` of the LOC mentions it outputs are drawn by
//! reservoir sampling (each mention equally likely). The table is printed
//! tab-separated: number, article id, part, mention, context (the mention in
//! `[[ ]]`), then the link (GeoNames id, English name, feature, country,
//! lat, lon; empty when unlinked), and two empty columns for the verdict and
//! a note.
//!
//! Verdicts: `right` (linked to the place meant), `wrong` (linked to another
//! place), `should-not-be-linked` (linked, but not a place), `missed-link` (not
//! linked, but a place), `unlinked-ok` (not linked, and not a place).
//!
//! With `--judged FILE` it reads a judged copy of the table and prints the
//! counts and accuracies (the links in the file are the ones judged, so the
//! figures describe the code that drew the file).

use std::collections::BTreeMap;

use anyhow::{bail, Context, Result};
use rasid_core::{Article, EntityKind, TextPart};
use rasid_entities::Ner;
use rasid_text::Analyzer;

use crate::sample::{Reservoir, SplitMix64};
use crate::{for_each_record, news_file};

/// The verdicts a judged row may carry.
const VERDICTS: [&str; 5] = ["right", "wrong", "should-not-be-linked", "missed-link", "unlinked-ok"];

/// Characters of context on either side of a mention.
const CONTEXT: usize = 60;

pub fn run(seed: u64, n: usize, every: u64, judged: &str) -> Result<()> {
    if !judged.is_empty() {
        return tally(judged);
    }
    let analyzer = Analyzer::default();
    let ner = Ner::new();
    let mut pick = SplitMix64(seed ^ 0x5eed_a27c_1e5a_3b1e);
    let mut sample = Reservoir::new(seed, n);
    let mut articles = 0usize;
    for file in ["ant_multisource_v2.1.dev.jsonl.gz", "saudinewsnet.dev.jsonl.gz"] {
        for_each_record(&news_file(file), |v| {
            if pick.below(every.max(1)) != 0 {
                return;
            }
            articles += 1;
            let field = |k: &str| v.get(k).and_then(|t| t.as_str()).unwrap_or("");
            let id = field("id").to_string();
            let article = Article::builder(field("title"), field("body")).build();
            let found = ner.extract(&article, &analyzer.analyze(&article));
            for m in found.mentions.iter().filter(|m| m.kind == EntityKind::Loc) {
                sample.offer(|| {
                    let text = match m.part {
                        TextPart::Title => article.title.as_str(),
                        _ => article.body.as_str(),
                    };
                    let link = found.entities.get(m.entity).and_then(|e| e.place.as_ref());
                    let link = link.map_or_else(
                        || "\t\t\t\t\t".to_string(),
                        |p| {
                            let coord = |x: Option<f64>| x.map_or(String::new(), |x| format!("{x:.4}"));
                            format!(
                                "{}\t{}\t{}\t{}\t{}\t{}",
                                p.geonames_id,
                                p.name_en,
                                p.feature,
                                p.country,
                                coord(p.lat),
                                coord(p.lon)
                            )
                        },
                    );
                    let part = if m.part == TextPart::Title { "title" } else { "body" };
                    format!(
                        "{id}\t{part}\t{}\t{}\t{link}",
                        m.text,
                        context(text, m.span.start, m.span.end)
                    )
                });
            }
        })?;
    }
    println!(
        "# ner-link-sample --seed {seed} --n {n} --every {every}: {articles} articles drawn, {} LOC mentions",
        sample.seen()
    );
    println!("# n\tarticle\tpart\tmention\tcontext\tgeonames_id\tname_en\tfeature\tcountry\tlat\tlon\tverdict\tnote");
    for (i, row) in sample.into_sorted().iter().enumerate() {
        println!("{}\t{row}\t\t", i + 1);
    }
    Ok(())
}

/// `CONTEXT` characters either side of `start..end`, the mention in `[[ ]]`,
/// on one line.
fn context(text: &str, start: usize, end: usize) -> String {
    let before: String = {
        let head = text.get(..start).unwrap_or("");
        let mut c: Vec<char> = head.chars().rev().take(CONTEXT).collect();
        c.reverse();
        c.into_iter().collect()
    };
    let after: String = text.get(end..).unwrap_or("").chars().take(CONTEXT).collect();
    let mention = text.get(start..end).unwrap_or("");
    format!("{before}[[{mention}]]{after}").replace(['\n', '\t', '\r'], " ")
}

/// Counts the verdicts of a judged table and prints the accuracies.
fn tally(path: &str) -> Result<()> {
    let text = std::fs::read_to_string(path).with_context(|| format!("reading {path}"))?;
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    // Per feature code of the link: (linked, right).
    let mut by_feature: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut rows = 0usize;
    for (n, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let verdict = cols.get(11).map_or("", |v| v.trim());
        let Some(&v) = VERDICTS.iter().find(|&&x| x == verdict) else {
            bail!("{path}:{}: verdict {verdict:?} is not one of {VERDICTS:?}", n + 1);
        };
        rows += 1;
        *counts.entry(v).or_default() += 1;
        let feature = cols.get(7).map_or("", |f| f.trim());
        if !feature.is_empty() {
            let e = by_feature.entry(feature.to_string()).or_default();
            e.0 += 1;
            e.1 += usize::from(v == "right");
        }
    }
    let c = |k: &str| counts.get(k).copied().unwrap_or(0);
    let pct = |a: usize, b: usize| if b == 0 { 0.0 } else { 100.0 * a as f64 / b as f64 };
    println!("{rows} mentions judged");
    for v in VERDICTS {
        println!("{v:>22}: {:4} ({:.1} %)", c(v), pct(c(v), rows));
    }
    let linked = c("right") + c("wrong") + c("should-not-be-linked");
    let places = c("right") + c("wrong") + c("missed-link");
    println!(
        "links right / links made: {} / {linked} = {:.1} %",
        c("right"),
        pct(c("right"), linked)
    );
    println!(
        "places linked right / place mentions: {} / {places} = {:.1} %",
        c("right"),
        pct(c("right"), places)
    );
    println!(
        "mentions handled right (right + unlinked-ok) / all: {} / {rows} = {:.1} %",
        c("right") + c("unlinked-ok"),
        pct(c("right") + c("unlinked-ok"), rows)
    );
    println!("by feature of the link: right / linked");
    for (f, (l, r)) in &by_feature {
        println!("{f:>8}: {r} / {l}");
    }
    Ok(())
}
