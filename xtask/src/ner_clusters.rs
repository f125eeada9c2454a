//! `ner-clusters [--method ppmi|sgns]`: learns word clusters for the NER tagger from the unlabelled
//! news corpus in `../shared/data/news/` and writes
//! `crates/rasid-entities/data/clusters.tsv`.
//!
//! Every word (the key form of a token's base, clitics removed) is described by
//! the words next to it: positive PMI of its left and right neighbours among
//! the most frequent context words, square-rooted, projected to 128 dimensions
//! with a fixed random matrix and length-normalised. A three-level 16-way
//! k-means tree (k-means++ seeding from a fixed seed) gives each word a 12-bit
//! path. Single-threaded and deterministic.
//!
//! `--method sgns` replaces the PPMI vectors by skip-gram vectors with negative
//! sampling (word2vec, 128 dimensions, `--epochs` passes, 7–20 min for 2 on one
//! thread) and writes `clusters-sgns.tsv`. Alone they scored the same as PPMI
//! on the dev block (75.3 vs 75.4 F1); the tagger uses both sets, which gained
//! 1.4 points (see `crates/rasid-entities/EVALUATION.md`).
// Dense numeric arrays indexed by ids this module assigns itself; a panic here
// stops an offline developer task, never the product.
#![allow(clippy::indexing_slicing)]

use std::collections::HashMap;
use std::fmt::Write as _;

use anyhow::{Context, Result};
use rasid_core::TokenKind;
use rasid_text::Analyzer;

use crate::{for_each_article, news_file, root};

const DIM: usize = 128;
const BRANCH: usize = 16;

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn unit(&mut self) -> f32 {
        (self.next() >> 40) as f32 / (1u64 << 24) as f32
    }
    fn gauss(&mut self) -> f32 {
        // Sum of uniforms: close enough to a normal for a random projection.
        (0..4).map(|_| self.unit()).sum::<f32>() - 2.0
    }
}

fn word_of(t: &rasid_core::Token, text: &str) -> Option<String> {
    match t.kind {
        TokenKind::Arabic => {
            let b = t.base.slice(text)?;
            let _ = b;
            // Key form of the base: the key minus the clitics.
            let mut k = t.key.as_str();
            for p in &t.proclitics {
                k = k.strip_prefix(p.as_str()).unwrap_or(k);
            }
            if let Some(e) = &t.enclitic {
                k = k.strip_suffix(e.as_str()).unwrap_or(k);
            }
            Some(k.to_string())
        }
        TokenKind::Number => Some("<num>".into()),
        TokenKind::Latin => Some("<lat>".into()),
        TokenKind::Punct => Some(t.key.to_string()),
        TokenKind::Symbol => None,
    }
}

pub fn run(
    vocab: usize,
    contexts: usize,
    max_articles: usize,
    method: &str,
    epochs: usize,
    out_path: &str,
) -> Result<()> {
    let analyzer = Analyzer::default();
    let start = std::time::Instant::now();
    // Pass 1: the corpus as word ids.
    let mut ids: HashMap<String, u32> = HashMap::new();
    let mut names: Vec<String> = Vec::new();
    let mut counts: Vec<u64> = Vec::new();
    let mut seqs: Vec<Vec<u32>> = Vec::new();
    let mut n_articles = 0usize;
    for file in ["ant_multisource_v2.1.dev.jsonl.gz", "saudinewsnet.dev.jsonl.gz"] {
        for_each_article(&news_file(file), |title, body| {
            if n_articles >= max_articles {
                return;
            }
            n_articles += 1;
            for text in [title, body] {
                let a = analyzer.analyze_text(text);
                for s in &a.sentences {
                    let mut seq = Vec::new();
                    for t in a
                        .tokens
                        .iter()
                        .filter(|t| t.span.start >= s.start && t.span.end <= s.end)
                    {
                        let Some(w) = word_of(t, text) else { continue };
                        let id = *ids.entry(w.clone()).or_insert_with(|| {
                            names.push(w);
                            counts.push(0);
                            (names.len() - 1) as u32
                        });
                        if let Some(c) = counts.get_mut(id as usize) {
                            *c += 1;
                        }
                        seq.push(id);
                    }
                    if seq.len() > 1 {
                        seqs.push(seq);
                    }
                }
            }
        })?;
    }
    eprintln!(
        "{n_articles} articles, {} words, {} distinct ({:.1}s)",
        counts.iter().sum::<u64>(),
        names.len(),
        start.elapsed().as_secs_f64()
    );
    let (vocab_ids, emb, mut rng) = if method == "sgns" {
        let (v, e) = sgns(&names, &counts, &seqs, vocab, epochs);
        (v, e, Rng(0x9e37_79b9_7f4a_7c15))
    } else {
        ppmi(&names, &counts, &seqs, vocab, contexts)
    };
    drop(seqs);
    eprintln!(
        "embedded {} words ({:.1}s)",
        vocab_ids.len(),
        start.elapsed().as_secs_f64()
    );
    // Three-level k-means tree.
    let mut path = vec![0u32; vocab_ids.len()];
    let all: Vec<usize> = (0..vocab_ids.len()).collect();
    split(&emb, &all, 0, &mut path, &mut rng);
    let (command, source, file) = if method == "sgns" {
        (" --method sgns", "skip-gram vectors of", "clusters-sgns.tsv")
    } else {
        ("", "word co-occurrence in", "clusters.tsv")
    };
    let mut out = format!(
        "# rasid-entities word clusters; generated by `cargo run --release -p xtask -- ner-clusters{command}`; do not edit.\n\
         # Learned from {source} the ANT corpus v2.1 and SaudiNewsNet (see README.md);\n\
         # only word forms and cluster ids, no text. form<TAB>12-bit cluster path\n",
    );
    for (r, &w) in vocab_ids.iter().enumerate() {
        writeln!(out, "{}\t{}", names[w as usize], path[r])?;
    }
    let p = if out_path.is_empty() {
        root().join("crates").join("rasid-entities").join("data").join(file)
    } else {
        std::path::PathBuf::from(out_path)
    };
    std::fs::write(&p, out).with_context(|| format!("writing {}", p.display()))?;
    eprintln!("wrote {} ({:.1}s)", p.display(), start.elapsed().as_secs_f64());
    Ok(())
}

/// Splits `items` into `BRANCH` clusters and recurses to depth 3.
fn split(emb: &[f32], items: &[usize], depth: u32, path: &mut [u32], rng: &mut Rng) {
    if depth == 3 || items.len() < 2 {
        return;
    }
    let k = BRANCH.min(items.len());
    let row = |i: usize| &emb[i * DIM..(i + 1) * DIM];
    // k-means++ seeding.
    let mut centres: Vec<Vec<f32>> = Vec::with_capacity(k);
    centres.push(row(items[(rng.next() % items.len() as u64) as usize]).to_vec());
    let mut d2: Vec<f32> = items.iter().map(|&i| dist(row(i), &centres[0])).collect();
    while centres.len() < k {
        let sum: f32 = d2.iter().sum();
        let mut target = rng.unit() * sum;
        let mut pick = items.len() - 1;
        for (j, &d) in d2.iter().enumerate() {
            target -= d;
            if target <= 0.0 {
                pick = j;
                break;
            }
        }
        centres.push(row(items[pick]).to_vec());
        let c = centres.last().cloned().unwrap_or_default();
        for (j, &i) in items.iter().enumerate() {
            d2[j] = d2[j].min(dist(row(i), &c));
        }
    }
    let mut assign = vec![0usize; items.len()];
    for _ in 0..12 {
        for (j, &i) in items.iter().enumerate() {
            let r = row(i);
            assign[j] = (0..k)
                .min_by(|&a, &b| dist(r, &centres[a]).total_cmp(&dist(r, &centres[b])))
                .unwrap_or(0);
        }
        let mut sums = vec![vec![0f32; DIM]; k];
        let mut ns = vec![0usize; k];
        for (j, &i) in items.iter().enumerate() {
            ns[assign[j]] += 1;
            for (s, x) in sums[assign[j]].iter_mut().zip(row(i)) {
                *s += x;
            }
        }
        for c in 0..k {
            if ns[c] > 0 {
                centres[c] = sums[c].iter().map(|s| s / ns[c] as f32).collect();
            }
        }
    }
    for c in 0..k {
        let members: Vec<usize> = items
            .iter()
            .zip(&assign)
            .filter(|(_, &a)| a == c)
            .map(|(&i, _)| i)
            .collect();
        for &i in &members {
            path[i] |= (c as u32) << (4 * (2 - depth));
        }
        split(emb, &members, depth + 1, path, rng);
    }
}

fn dist(a: &[f32], b: &[f32]) -> f32 {
    a.iter().zip(b).map(|(x, y)| (x - y) * (x - y)).sum()
}

/// Words to cluster: the `vocab` most frequent forms seen at least 5 times
/// that have a letter, by frequency then form.
fn clustered(names: &[String], counts: &[u64], vocab: usize) -> Vec<u32> {
    let mut by_freq: Vec<u32> = (0..names.len() as u32).collect();
    by_freq.sort_by(|&a, &b| {
        let (ca, cb) = (counts[a as usize], counts[b as usize]);
        cb.cmp(&ca).then_with(|| names[a as usize].cmp(&names[b as usize]))
    });
    by_freq
        .into_iter()
        .filter(|&w| {
            let name = &names[w as usize];
            counts[w as usize] >= 5 && name.chars().any(|c| c.is_alphabetic()) && !name.starts_with('<')
        })
        .take(vocab)
        .collect()
}

/// PPMI of left and right neighbours, square-rooted, randomly projected.
fn ppmi(
    names: &[String],
    counts: &[u64],
    seqs: &[Vec<u32>],
    vocab: usize,
    contexts: usize,
) -> (Vec<u32>, Vec<f32>, Rng) {
    // Vocabulary (clustered words) and context words, by frequency then form.
    let mut by_freq: Vec<u32> = (0..names.len() as u32).collect();
    by_freq.sort_by(|&a, &b| {
        let (ca, cb) = (counts[a as usize], counts[b as usize]);
        cb.cmp(&ca).then_with(|| names[a as usize].cmp(&names[b as usize]))
    });
    let mut row_of = vec![u32::MAX; names.len()];
    let mut ctx_of = vec![u32::MAX; names.len()];
    let mut vocab_ids = Vec::new();
    for (rank, &w) in by_freq.iter().enumerate() {
        let name = &names[w as usize];
        if rank < contexts {
            ctx_of[w as usize] = rank as u32;
        }
        if vocab_ids.len() < vocab
            && counts[w as usize] >= 5
            && name.chars().any(|c| c.is_alphabetic())
            && !name.starts_with('<')
        {
            row_of[w as usize] = vocab_ids.len() as u32;
            vocab_ids.push(w);
        }
    }
    // Pass 2: neighbour counts (left and right).
    let width = 2 * contexts;
    let mut m = vec![0u32; vocab_ids.len() * width];
    for seq in seqs {
        for (i, &w) in seq.iter().enumerate() {
            let r = row_of[w as usize];
            if r == u32::MAX {
                continue;
            }
            let base = r as usize * width;
            if i > 0 {
                let c = ctx_of[seq[i - 1] as usize];
                if c != u32::MAX {
                    m[base + c as usize] += 1;
                }
            }
            if let Some(&n) = seq.get(i + 1) {
                let c = ctx_of[n as usize];
                if c != u32::MAX {
                    m[base + contexts + c as usize] += 1;
                }
            }
        }
    }
    // PPMI, sqrt, random projection, normalise.
    let total: f64 = m.iter().map(|&x| f64::from(x)).sum();
    let mut col = vec![0f64; width];
    for row in m.chunks_exact(width) {
        for (c, &x) in col.iter_mut().zip(row) {
            *c += f64::from(x);
        }
    }
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let proj: Vec<f32> = (0..width * DIM).map(|_| rng.gauss()).collect();
    let mut emb = vec![0f32; vocab_ids.len() * DIM];
    for (r, row) in m.chunks_exact(width).enumerate() {
        let rs: f64 = row.iter().map(|&x| f64::from(x)).sum();
        if rs == 0.0 {
            continue;
        }
        let e = &mut emb[r * DIM..(r + 1) * DIM];
        for (c, &x) in row.iter().enumerate() {
            if x == 0 {
                continue;
            }
            let pmi = (f64::from(x) * total / (rs * col[c].max(1.0))).ln();
            if pmi <= 0.0 {
                continue;
            }
            let v = pmi.sqrt() as f32;
            for (d, p) in e.iter_mut().zip(&proj[c * DIM..(c + 1) * DIM]) {
                *d += v * p;
            }
        }
        let norm = e.iter().map(|x| x * x).sum::<f32>().sqrt().max(1e-6);
        e.iter_mut().for_each(|x| *x /= norm);
    }
    (vocab_ids, emb, rng)
}

/// Skip-gram with negative sampling (word2vec), single-threaded and seeded:
/// window 5, 5 negatives, frequent-word subsampling 1e-4, linearly decaying
/// learning rate from 0.025. Returns the clustered words and their
/// length-normalised input vectors.
fn sgns(names: &[String], counts: &[u64], seqs: &[Vec<u32>], vocab: usize, epochs: usize) -> (Vec<u32>, Vec<f32>) {
    const WINDOW: u64 = 5;
    const NEG: usize = 5;
    // Trained vocabulary: every form seen at least 5 times.
    let mut row_of = vec![u32::MAX; names.len()];
    let mut trained: Vec<u32> = (0..names.len() as u32).filter(|&w| counts[w as usize] >= 5).collect();
    trained.sort_by(|&a, &b| {
        counts[b as usize]
            .cmp(&counts[a as usize])
            .then_with(|| names[a as usize].cmp(&names[b as usize]))
    });
    for (r, &w) in trained.iter().enumerate() {
        row_of[w as usize] = r as u32;
    }
    let v = trained.len();
    let total: f64 = trained.iter().map(|&w| counts[w as usize] as f64).sum();
    let keep: Vec<f32> = trained
        .iter()
        .map(|&w| {
            let f = counts[w as usize] as f64 / total;
            let t = 1e-4;
            (((f / t).sqrt() + 1.0) * t / f).min(1.0) as f32
        })
        .collect();
    // Unigram^0.75 table for negatives.
    let table_len = 1usize << 23;
    let mut table = Vec::with_capacity(table_len);
    let z: f64 = trained.iter().map(|&w| (counts[w as usize] as f64).powf(0.75)).sum();
    let mut acc = 0f64;
    for (r, &w) in trained.iter().enumerate() {
        acc += (counts[w as usize] as f64).powf(0.75) / z;
        while (table.len() as f64) < acc * table_len as f64 && table.len() < table_len {
            table.push(r as u32);
        }
    }
    while table.len() < table_len {
        table.push((v - 1) as u32);
    }
    let mut rng = Rng(0x5347_4e53_0000_0001);
    let mut win: Vec<f32> = (0..v * DIM).map(|_| (rng.unit() - 0.5) / DIM as f32).collect();
    let mut wout = vec![0f32; v * DIM];
    let words: u64 = seqs.iter().map(|s| s.len() as u64).sum::<u64>() * epochs as u64;
    let mut seen = 0u64;
    let mut grad = [0f32; DIM];
    let mut sent: Vec<usize> = Vec::new();
    for epoch in 0..epochs {
        for seq in seqs {
            seen += seq.len() as u64;
            let lr = (0.025 * (1.0 - seen as f64 / (words + 1) as f64)).max(0.0001) as f32;
            sent.clear();
            for &w in seq {
                let r = row_of[w as usize];
                if r != u32::MAX && rng.unit() < keep[r as usize] {
                    sent.push(r as usize);
                }
            }
            for (i, &c) in sent.iter().enumerate() {
                let b = (rng.next() % WINDOW) as usize;
                let lo = i.saturating_sub(WINDOW as usize - b);
                let hi = (i + WINDOW as usize - b + 1).min(sent.len());
                for (j, &ctx) in sent.iter().enumerate().take(hi).skip(lo) {
                    if j == i {
                        continue;
                    }
                    grad.iter_mut().for_each(|g| *g = 0.0);
                    let wi = ctx * DIM;
                    for k in 0..=NEG {
                        let (target, label) = if k == 0 {
                            (c, 1.0f32)
                        } else {
                            let t = table[(rng.next() >> 41) as usize % table_len] as usize;
                            if t == c {
                                continue;
                            }
                            (t, 0.0)
                        };
                        let to = target * DIM;
                        let (a, o) = (&win[wi..wi + DIM], &mut wout[to..to + DIM]);
                        let dot: f32 = a.iter().zip(o.iter()).map(|(x, y)| x * y).sum();
                        let sig = 1.0 / (1.0 + (-dot.clamp(-6.0, 6.0)).exp());
                        let g = (label - sig) * lr;
                        for ((gr, &x), y) in grad.iter_mut().zip(a).zip(o.iter_mut()) {
                            *gr += g * *y;
                            *y += g * x;
                        }
                    }
                    for (x, g) in win[wi..wi + DIM].iter_mut().zip(&grad) {
                        *x += g;
                    }
                }
            }
        }
        eprintln!("sgns epoch {} done", epoch + 1);
    }
    let vocab_ids = clustered(names, counts, vocab);
    let mut emb = vec![0f32; vocab_ids.len() * DIM];
    for (r, &w) in vocab_ids.iter().enumerate() {
        let t = row_of[w as usize] as usize;
        let e = &mut emb[r * DIM..(r + 1) * DIM];
        e.copy_from_slice(&win[t * DIM..(t + 1) * DIM]);
        let norm = e.iter().map(|x| x * x).sum::<f32>().sqrt().max(1e-6);
        e.iter_mut().for_each(|x| *x /= norm);
    }
    (vocab_ids, emb)
}
