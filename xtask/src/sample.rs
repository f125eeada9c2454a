//! `clitic-sample`: draws the clitic-splitting evaluation sample.
//!
//! Every Arabic token of the SaudiNewsNet bodies (not the corpus the lexicon
//! was built from) where a split is *possible* is a candidate: its key starts
//! with `و ف ب ك ل س` or `ال` and has at least three letters, or it ends in a
//! pronoun suffix (`ه ها هم هما هن نا`, not `ة`) after at least three letters;
//! whole-form stopwords are left out. Candidacy does not depend on the
//! splitting rules, so the same seed draws the same tokens after a change. `--n` candidates are drawn by reservoir
//! sampling (token occurrences, so frequent words weigh as they do in running
//! text) with a SplitMix64 generator seeded by `--seed`, and printed as a
//! tab-separated table: number, token, context, the analyzer's split.
//!
//! With `--no-article`, forms that start with the article (`ال وال بال فال كال لل`),
//! the easy majority, are left out: a harder sample of the other clitics.
//!
//! With `--judged FILE` (the same table with a fifth column, the correct split
//! in the same notation, written by hand) it draws the same sample again and
//! prints the precision and recall of the clitics that the analyzer *as it is
//! now* splits off, per clitic, with the errors listed. Give the same
//! `--seed`, `--n` and `--no-article` as the file's header.

use std::collections::HashSet;

use anyhow::{bail, Context, Result};
use rasid_core::{Token, TokenKind};
use rasid_text::{Analyzer, AnalyzerConfig, NormalizerConfig};

use crate::{for_each_article, news_file};

/// SplitMix64 (Steele, Lea, Flood 2014): tiny, seedable, good enough here.
pub(crate) struct SplitMix64(pub u64);

impl SplitMix64 {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            0
        } else {
            self.next() % n
        }
    }
}

/// A uniform sample of `n` items from a stream (reservoir sampling, Vitter's
/// algorithm R), kept in stream order.
pub(crate) struct Reservoir<T> {
    rng: SplitMix64,
    n: usize,
    seen: u64,
    items: Vec<(u64, T)>,
}

impl<T> Reservoir<T> {
    pub fn new(seed: u64, n: usize) -> Self {
        Reservoir {
            rng: SplitMix64(seed),
            n,
            seen: 0,
            items: Vec::with_capacity(n),
        }
    }

    /// Offers the next item of the stream; `make` is called only when it is kept.
    pub fn offer(&mut self, make: impl FnOnce() -> T) {
        self.seen += 1;
        let slot = if self.items.len() < self.n {
            Some(self.items.len())
        } else {
            usize::try_from(self.rng.below(self.seen)).ok().filter(|&j| j < self.n)
        };
        let Some(slot) = slot else { return };
        let item = (self.seen, make());
        if slot == self.items.len() {
            self.items.push(item);
        } else if let Some(s) = self.items.get_mut(slot) {
            *s = item;
        }
    }

    /// Items offered so far.
    pub fn seen(&self) -> u64 {
        self.seen
    }

    /// The sample, in stream order.
    pub fn into_sorted(mut self) -> Vec<T> {
        self.items.sort_by_key(|(order, _)| *order);
        self.items.into_iter().map(|(_, t)| t).collect()
    }
}

/// `و+ال+[فصائل]+ها`: the notation of the sample table.
pub fn split_notation(text: &str, t: &Token) -> String {
    let mut s = String::new();
    for p in &t.proclitics {
        s.push_str(p);
        s.push('+');
    }
    s.push('[');
    s.push_str(t.base.slice(text).unwrap_or("?"));
    s.push(']');
    if let Some(e) = &t.enclitic {
        s.push('+');
        s.push_str(e);
    }
    s
}

/// `t` comes from an analyzer without clitic splitting, so that the sample
/// does not depend on the rules it evaluates: `stop` is the whole form's.
fn candidate(t: &Token, no_article: bool) -> bool {
    if t.kind != TokenKind::Arabic || t.stop {
        return false;
    }
    if no_article
        && ["ال", "وال", "فال", "بال", "كال", "لل"]
            .iter()
            .any(|a| t.key.starts_with(a))
    {
        return false;
    }
    let n = t.key.chars().count();
    let pro = ["و", "ف", "ب", "ك", "ل", "س"].iter().any(|p| t.key.starts_with(p)) || t.key.starts_with("ال");
    let enc = !t.norm.ends_with('ة') && ["ه", "ها", "هم", "هما", "هن", "نا"].iter().any(|e| t.key.ends_with(e));
    (pro && n >= 3) || (enc && n >= 4)
}

struct Drawn {
    token: String,
    context: String,
    split: String,
}

pub fn run(seed: u64, n: usize, no_article: bool, judged: Option<String>) -> Result<()> {
    let (seen, sample) = draw(seed, n, no_article)?;
    if let Some(path) = judged {
        return score(&path, &sample);
    }
    let flag = if no_article { " --no-article" } else { "" };
    println!("# clitic-sample --seed {seed} --n {n}{flag}: {seen} candidate tokens in saudinewsnet.dev.jsonl.gz");
    println!("# n\ttoken\tcontext\tanalyzer\tcorrect");
    for (i, d) in sample.iter().enumerate() {
        println!("{}\t{}\t{}\t{}\t", i + 1, d.token, d.context, d.split);
    }
    Ok(())
}

/// Draws the sample: (number of candidates, the drawn tokens in text order).
fn draw(seed: u64, n: usize, no_article: bool) -> Result<(u64, Vec<Drawn>)> {
    let analyzer = Analyzer::default();
    let plain = Analyzer::new(AnalyzerConfig {
        clitics: false,
        ..AnalyzerConfig::default()
    });
    let mut sample = Reservoir::new(seed, n);
    for_each_article(&news_file("saudinewsnet.dev.jsonl.gz"), |_, body| {
        let analysis = analyzer.analyze_text(body);
        let unsplit = plain.analyze_text(body);
        for (i, (t, u)) in analysis.tokens.iter().zip(&unsplit.tokens).enumerate() {
            if !candidate(u, no_article) {
                continue;
            }
            sample.offer(|| {
                let from = i.saturating_sub(4);
                let to = (i + 5).min(analysis.tokens.len());
                let context: Vec<&str> = analysis
                    .tokens
                    .get(from..to)
                    .unwrap_or_default()
                    .iter()
                    .map(|t| t.text.as_str())
                    .collect();
                Drawn {
                    token: t.text.to_string(),
                    context: context.join(" "),
                    split: split_notation(body, t),
                }
            });
        }
    })?;
    Ok((sample.seen(), sample.into_sorted()))
}

/// Clitics of a split in notation `و+ال+[base]+ها`: (proclitics, enclitic).
fn clitics(split: &str) -> Result<(Vec<String>, Option<String>)> {
    let open = split.find('[').with_context(|| format!("no [ in {split:?}"))?;
    let close = split.rfind(']').with_context(|| format!("no ] in {split:?}"))?;
    let keyer = NormalizerConfig::default();
    let pro = split
        .get(..open)
        .unwrap_or("")
        .split('+')
        .filter(|s| !s.is_empty())
        .map(|s| keyer.key(s).into_owned())
        .collect();
    let enc = split.get(close + 1..).unwrap_or("").trim_start_matches('+').trim();
    Ok((pro, (!enc.is_empty()).then(|| keyer.key(enc).into_owned())))
}

/// Scores the analyzer as it is now against the judgements in `path` (its
/// fifth column), on the same draw; the analyzer column of the file is only
/// a record of what it said when the file was judged.
fn score(path: &str, sample: &[Drawn]) -> Result<()> {
    let text = std::fs::read_to_string(path).with_context(|| format!("reading {path}"))?;
    let (mut proposed, mut correct, mut gold, mut exact, mut rows) = (0usize, 0usize, 0usize, 0usize, 0usize);
    let (mut split_tokens, mut split_right) = (0usize, 0usize);
    let mut by_clitic: std::collections::BTreeMap<String, (usize, usize, usize)> = Default::default();
    let mut wrong = Vec::new();
    let mut missed = Vec::new();
    for line in text.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
        let cols: Vec<&str> = line.split('\t').collect();
        let (Some(token), Some(ref_)) = (cols.get(1), cols.get(4)) else {
            bail!("row without a judgement: {line}")
        };
        if ref_.trim().is_empty() {
            bail!("row without a judgement: {line}");
        }
        let Some(drawn) = sample.get(rows) else {
            bail!("{path} has more rows than the draw")
        };
        if drawn.token != *token {
            bail!(
                "row {}: {path} has {token:?} where the draw has {:?}: give the file's --seed, --n and flags",
                rows + 1,
                drawn.token
            );
        }
        let sys = &drawn.split;
        rows += 1;
        let (sp, se) = clitics(sys)?;
        let (gp, ge) = clitics(ref_)?;
        let gset: HashSet<&String> = gp.iter().collect();
        let sset: HashSet<&String> = sp.iter().collect();
        let c = sp.iter().filter(|p| gset.contains(p)).count() + usize::from(se.is_some() && se == ge);
        let p = sp.len() + usize::from(se.is_some());
        let g = gp.len() + usize::from(ge.is_some());
        for x in sp.iter().chain(se.iter()) {
            let e = by_clitic.entry(x.clone()).or_default();
            e.0 += 1;
            if gp.contains(x) || ge.as_ref() == Some(x) {
                e.1 += 1;
            }
        }
        for x in gp.iter().chain(ge.iter()) {
            by_clitic.entry(x.clone()).or_default().2 += 1;
        }
        proposed += p;
        gold += g;
        correct += c;
        if sp == gp && se == ge {
            exact += 1;
        }
        if p > 0 {
            split_tokens += 1;
            if sp == gp && se == ge {
                split_right += 1;
            }
        }
        if c < p {
            wrong.push(format!(
                "{} {} → {} (correct {})",
                cols.first().unwrap_or(&""),
                cols.get(1).unwrap_or(&""),
                sys,
                ref_
            ));
        }
        if c < g && !(gp.iter().all(|x| sset.contains(x)) && (ge.is_none() || ge == se)) {
            missed.push(format!(
                "{} {} → {} (correct {})",
                cols.first().unwrap_or(&""),
                cols.get(1).unwrap_or(&""),
                sys,
                ref_
            ));
        }
    }
    let pct = |a: usize, b: usize| if b == 0 { 0.0 } else { 100.0 * a as f64 / b as f64 };
    println!(
        "tokens judged: {rows}; exact segmentation: {exact} ({:.1}%)",
        pct(exact, rows)
    );
    println!("clitics proposed: {proposed}, correct: {correct}, in the reference: {gold}");
    println!(
        "precision: {:.1}%  recall: {:.1}%",
        pct(correct, proposed),
        pct(correct, gold)
    );
    println!(
        "tokens split: {split_tokens}, split exactly right: {split_right} ({:.1}%)",
        pct(split_right, split_tokens)
    );
    println!("by clitic (proposed / correct / in the reference):");
    for (clitic, (p, c, g)) in &by_clitic {
        println!("  {clitic}\t{p}\t{c}\t{g}");
    }
    println!("wrong splits:");
    for w in &wrong {
        println!("  {w}");
    }
    println!("missed splits:");
    for m in &missed {
        println!("  {m}");
    }
    Ok(())
}
