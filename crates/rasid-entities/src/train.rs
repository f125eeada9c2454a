//! Training: an averaged structured perceptron over hashed features, with
//! first-order label transitions and Viterbi under the BIO constraint.
//!
//! Deterministic: the sentence order of every epoch comes from a fixed-seed
//! generator, and nothing depends on hash-map iteration order.

use std::path::Path;

use rasid_text::Analyzer;

use std::sync::Arc;

use crate::clusters::Clusters;
use crate::conll::{read, repair, Sentence};
use crate::features::{gazetteer_tags, Context, DocCounts};
use crate::model::{viterbi, Model, LABELS};
use crate::word::Word;
#[cfg(test)]
use crate::Tag;
use crate::{NerError, NerResources};

/// Training settings.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TrainOptions {
    /// Passes over the data.
    pub epochs: usize,
    /// log2 of the number of hash buckets.
    pub log2_buckets: u8,
    /// Seed of the sentence shuffling.
    pub seed: u64,
    /// Penalty on `O` applied to the finished model (see [`Model::penalise_outside`]).
    pub outside_penalty: f32,
    /// Two passes: a second model over document features (how a first model
    /// labelled the other occurrences of each word within this many sentences
    /// on either side). 0: one pass.
    pub doc_window: usize,
    /// Optional feature templates (bits of [`extra`](crate::extra); 0 for the fast tagger).
    pub features: u8,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            epochs: 20,
            log2_buckets: 20,
            seed: 0x0052_4153_4944,
            outside_penalty: 0.0,
            doc_window: 10,
            features: 0,
        }
    }
}

/// Folds of the cross-validated first pass that gives the second pass its
/// training labels (as a first model would label unseen text).
const FOLDS: usize = 5;

/// A sentence turned into feature buckets.
pub(crate) struct Prepared {
    /// Per token, the offsets of its features in `features`.
    bounds: Vec<(u32, u32)>,
    features: Vec<u32>,
    gold: Vec<usize>,
}

/// Feature buckets for every token of a sentence.
fn prepare(res: &NerResources, words: &[Word], gold: &[usize], doc: &[DocCounts], mask: u32, extra: u8) -> Prepared {
    let gaz = gazetteer_tags(&res.gazetteer, words);
    let ctx = Context::new(words, &gaz, &res.clusters, &res.clusters_sgns, doc, extra);
    let mut features = Vec::new();
    let mut bounds = Vec::with_capacity(words.len());
    for i in 0..words.len() {
        let start = features.len() as u32;
        ctx.features(i, mask, &mut features);
        bounds.push((start, features.len() as u32));
    }
    Prepared {
        bounds,
        features,
        gold: gold.to_vec(),
    }
}

/// xorshift64*: a small deterministic generator for the shuffles.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
}

/// Averaged-perceptron state.
struct Trainer {
    w: Vec<f32>,
    /// Sum of `step × update`, for averaging.
    u: Vec<f32>,
    tw: Vec<f32>,
    tu: Vec<f32>,
    step: f32,
}

impl Trainer {
    fn emissions(&self, p: &Prepared) -> Vec<[f32; LABELS]> {
        p.bounds
            .iter()
            .map(|&(a, b)| {
                let mut s = [0f32; LABELS];
                for &f in p.features.get(a as usize..b as usize).unwrap_or(&[]) {
                    let at = f as usize * LABELS;
                    if let Some(row) = self.w.get(at..at + LABELS) {
                        for (x, &w) in s.iter_mut().zip(row) {
                            *x += w;
                        }
                    }
                }
                s
            })
            .collect()
    }

    fn decode(&self, p: &Prepared) -> Vec<usize> {
        let em = self.emissions(p);
        // Scores to fixed point so the shared integer Viterbi can be used.
        let trans = |prev: Option<usize>, c: usize| {
            let row = prev.unwrap_or(LABELS);
            (self.tw.get(row * LABELS + c).copied().unwrap_or(0.0) * 1024.0) as i64
        };
        viterbi(&em, trans, |e| e.map(|x| (x * 1024.0) as i64))
    }

    fn update(&mut self, p: &Prepared, pred: &[usize]) {
        let step = self.step;
        let mut prev_g = LABELS;
        let mut prev_p = LABELS;
        for (i, (&g, &y)) in p.gold.iter().zip(pred).enumerate() {
            if g != y {
                let (a, b) = p.bounds.get(i).copied().unwrap_or((0, 0));
                for &f in p.features.get(a as usize..b as usize).unwrap_or(&[]) {
                    let base = f as usize * LABELS;
                    for (label, delta) in [(g, 1f32), (y, -1f32)] {
                        if let (Some(w), Some(u)) = (self.w.get_mut(base + label), self.u.get_mut(base + label)) {
                            *w += delta;
                            *u += step * delta;
                        }
                    }
                }
            }
            if g != y || prev_g != prev_p {
                for (at, delta) in [(prev_g * LABELS + g, 1f32), (prev_p * LABELS + y, -1f32)] {
                    if let (Some(w), Some(u)) = (self.tw.get_mut(at), self.tu.get_mut(at)) {
                        *w += delta;
                        *u += step * delta;
                    }
                }
            }
            prev_g = g;
            prev_p = y;
        }
    }

    fn averaged(&self, log2_buckets: u8) -> Model {
        let avg = |w: &[f32], u: &[f32]| -> Vec<f32> { w.iter().zip(u).map(|(w, u)| w - u / self.step).collect() };
        Model::from_floats(log2_buckets, &avg(&self.w, &self.u), &avg(&self.tw, &self.tu))
    }
}

/// Trains on `sentences`. After every epoch `on_epoch(epoch, &model)` is
/// called with the averaged model so far (to watch a dev score).
pub fn train_with(sentences: &[Sentence], opts: &TrainOptions, mut on_epoch: impl FnMut(usize, &Model)) -> Model {
    let res = NerResources::embedded();
    train_with_resources(sentences, opts, &res, &Analyzer::default(), &mut on_epoch)
}

/// [`train_with`] with other word clusters than the embedded ones.
pub fn train_with_clusters(
    sentences: &[Sentence],
    opts: &TrainOptions,
    clusters: &Clusters,
    on_epoch: &mut dyn FnMut(usize, &Model),
) -> Model {
    let res = NerResources {
        clusters: Arc::new(clusters.clone()),
        ..NerResources::embedded()
    };
    train_with_resources(sentences, opts, &res, &Analyzer::default(), on_epoch)
}

/// [`train_with`] with the gazetteer and clusters of `resources` (its model
/// is not used) and words analysed by `analyzer`: tag with the same
/// resources and analyzer ([`Ner::with_resources`](crate::Ner::with_resources)).
pub fn train_with_resources(
    sentences: &[Sentence],
    opts: &TrainOptions,
    resources: &NerResources,
    analyzer: &Analyzer,
    on_epoch: &mut dyn FnMut(usize, &Model),
) -> Model {
    let res = resources;
    let log2 = opts.log2_buckets.clamp(4, 24);
    let mask = ((1u64 << log2) - 1) as u32;
    let words: Vec<Vec<Word>> = sentences
        .iter()
        .map(|s| s.tokens.iter().map(|t| Word::from_str(analyzer, t)).collect())
        .collect();
    let gold: Vec<Vec<usize>> = sentences
        .iter()
        .map(|s| repair(&s.tags).iter().map(|t| t.index()).collect())
        .collect();
    let first: Vec<Prepared> = words
        .iter()
        .zip(&gold)
        .map(|(w, g)| prepare(res, w, g, &[], mask, opts.features))
        .collect();
    if opts.doc_window == 0 {
        let mut m = perceptron(&first, opts, log2, &mut |e, m| on_epoch(e, m));
        m.penalise_outside(opts.outside_penalty);
        return m;
    }
    // First-pass labels of every training sentence from a model that did not
    // see it (contiguous folds), so the second pass learns how far to trust
    // them on new text.
    let n = first.len();
    let mut firsts: Vec<Vec<usize>> = vec![Vec::new(); n];
    for f in 0..FOLDS {
        let (a, b) = (n * f / FOLDS, n * (f + 1) / FOLDS);
        let rest: Vec<&Prepared> = first
            .get(..a)
            .unwrap_or(&[])
            .iter()
            .chain(first.get(b..).unwrap_or(&[]))
            .collect();
        let m = perceptron_refs(&rest, opts, log2, &mut |_, _| {});
        for (slot, w) in firsts.iter_mut().zip(&words).take(b).skip(a) {
            *slot = crate::tag_with(res, &m, opts.features, w, &[]);
        }
    }
    let first_model = perceptron(&first, opts, log2, &mut |_, _| {});
    drop(first);
    let docs = crate::doc_counts(&words, &firsts, opts.doc_window);
    let second: Vec<Prepared> = words
        .iter()
        .zip(&gold)
        .zip(&docs)
        .map(|((w, g), d)| prepare(res, w, g, d, mask, opts.features))
        .collect();
    let mut m = perceptron(&second, opts, log2, &mut |e, m| {
        let mut m = m.clone();
        m.set_first_pass(first_model.clone());
        on_epoch(e, &m)
    });
    m.set_first_pass(first_model);
    m.penalise_outside(opts.outside_penalty);
    m
}

fn perceptron(data: &[Prepared], opts: &TrainOptions, log2: u8, on_epoch: &mut dyn FnMut(usize, &Model)) -> Model {
    let refs: Vec<&Prepared> = data.iter().collect();
    perceptron_refs(&refs, opts, log2, on_epoch)
}

/// The averaged structured perceptron over prepared sentences.
fn perceptron_refs(
    data: &[&Prepared],
    opts: &TrainOptions,
    log2: u8,
    on_epoch: &mut dyn FnMut(usize, &Model),
) -> Model {
    let n = 1usize << log2;
    let mut t = Trainer {
        w: vec![0.0; n * LABELS],
        u: vec![0.0; n * LABELS],
        tw: vec![0.0; (LABELS + 1) * LABELS],
        tu: vec![0.0; (LABELS + 1) * LABELS],
        step: 1.0,
    };
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut rng = Rng(opts.seed | 1);
    for epoch in 0..opts.epochs {
        for i in (1..order.len()).rev() {
            let j = (rng.next() % (i as u64 + 1)) as usize;
            order.swap(i, j);
        }
        for &k in &order {
            if let Some(p) = data.get(k) {
                let pred = t.decode(p);
                if pred != p.gold {
                    t.update(p, &pred);
                }
            }
            t.step += 1.0;
        }
        on_epoch(epoch + 1, &t.averaged(log2));
    }
    t.averaged(log2)
}

/// The accurate tagger's members: each a feature set (bits of
/// [`extra`](crate::extra)) and a seed; the other settings are
/// [`TrainOptions::default`]'s. The first is the fast tagger's model; the
/// others add the wide window, alone and with character trigrams. Chosen on
/// dev among five members and their combinations (`EVALUATION.md`); the
/// seeds are the ones those runs used.
pub const ACCURATE_MEMBERS: [(u8, u64); 3] = [
    (0, 0x0052_4153_4944),
    (crate::extra::WIDE, 0x0057_4944_4531),
    (crate::extra::WIDE | crate::extra::TRIGRAMS, 0x0053_9bf5_246f),
];

/// The training settings of each of the accurate tagger's members.
pub fn accurate_options(base: &TrainOptions) -> Vec<TrainOptions> {
    ACCURATE_MEMBERS
        .iter()
        .map(|&(features, seed)| TrainOptions {
            features,
            seed: base.seed ^ seed ^ TrainOptions::default().seed,
            ..*base
        })
        .collect()
}

/// Trains the accurate tagger: one two-pass model per member setting, on
/// `threads` threads (members are independent; the result does not depend
/// on the thread count). `on_member(k, &member)` is called as each member
/// is finished, in no fixed order.
pub fn train_accurate(
    sentences: &[Sentence],
    members: &[TrainOptions],
    threads: usize,
    on_member: &(dyn Fn(usize, &crate::Member) + Sync),
) -> Result<crate::Ensemble, NerError> {
    let res = NerResources::embedded();
    let analyzer = Analyzer::default();
    let next = std::sync::atomic::AtomicUsize::new(0);
    let done: std::sync::Mutex<Vec<Option<crate::Member>>> = std::sync::Mutex::new(vec![None; members.len()]);
    std::thread::scope(|scope| {
        for _ in 0..threads.clamp(1, members.len().max(1)) {
            scope.spawn(|| loop {
                let k = next.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                let Some(opts) = members.get(k) else { break };
                let model = train_with_resources(sentences, opts, &res, &analyzer, &mut |_, _| {});
                let member = crate::Member {
                    features: opts.features,
                    model,
                };
                on_member(k, &member);
                if let Ok(mut d) = done.lock() {
                    if let Some(slot) = d.get_mut(k) {
                        *slot = Some(member);
                    }
                }
            });
        }
    });
    let done = done
        .into_inner()
        .map_err(|_| NerError::Model("a member's training thread failed".into()))?;
    crate::Ensemble::new(done.into_iter().flatten().collect())
}

/// Trains on every sentence of a CoNLL file.
///
/// # Errors
/// When the file cannot be read or is not CoNLL.
pub fn train(conll: &Path, opts: &TrainOptions) -> Result<Model, NerError> {
    let sentences = read(conll)?;
    Ok(train_with(&sentences, opts, |_, _| {}))
}

/// The fixed dev rule: sentences are split in three contiguous blocks, so no
/// article straddles two. Returns (train, dev, held-out): the first 80 %, the
/// next 12 %, the last 8 %.
pub fn split(sentences: &[Sentence]) -> (&[Sentence], &[Sentence], &[Sentence]) {
    let n = sentences.len();
    let a = n * 80 / 100;
    let b = n * 92 / 100;
    let (train, rest) = sentences.split_at(a.min(n));
    let (dev, held) = rest.split_at((b - a).min(rest.len()));
    (train, dev, held)
}

/// Tags of a sentence, for tests of the training loop.
#[cfg(test)]
fn tags(model: &Model, s: &Sentence) -> Vec<Tag> {
    let ner = crate::Ner::with_model(std::sync::Arc::new(model.clone()));
    let tokens: Vec<&str> = s.tokens.iter().map(String::as_str).collect();
    ner.tag(&tokens)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::conll::parse;

    #[test]
    fn learns_a_toy_corpus_deterministically() {
        let text = "زار\tO\nبوتين\tB-PERS\nموسكو\tB-LOC\n\nقال\tO\nبوتين\tB-PERS\nفي\tO\nدمشق\tB-LOC\n\n";
        let s = parse(text).unwrap();
        let opts = TrainOptions {
            epochs: 5,
            log2_buckets: 12,
            seed: 1,
            outside_penalty: 0.0,
            doc_window: 2,
            features: 0,
        };
        let a = train_with(&s, &opts, |_, _| {});
        let b = train_with(&s, &opts, |_, _| {});
        assert_eq!(a.to_bytes(), b.to_bytes());
        assert_eq!(tags(&a, &s[1]), s[1].tags);
    }
}
