//! `rasid eval ner`: entity-level exact-match precision, recall and F1, per
//! type and micro-averaged, computed the way conlleval does.

use std::fmt;
use std::path::Path;

use rasid_core::EntityKind;
use serde::Serialize;

use crate::conll::{chunks, read, Sentence};
use crate::{Ner, NerError, Tag};

/// Counts and scores for one type, or for all (micro-averaged).
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Score {
    /// Gold entities.
    pub gold: usize,
    /// Predicted entities.
    pub predicted: usize,
    /// Predicted entities with exactly the gold span and type.
    pub correct: usize,
    /// `correct / predicted`, in percent.
    pub precision: f64,
    /// `correct / gold`, in percent.
    pub recall: f64,
    /// Harmonic mean of precision and recall, in percent.
    pub f1: f64,
}

impl Score {
    fn finish(mut self) -> Score {
        let pct = |a: usize, b: usize| if b == 0 { 0.0 } else { 100.0 * a as f64 / b as f64 };
        self.precision = pct(self.correct, self.predicted);
        self.recall = pct(self.correct, self.gold);
        self.f1 = if self.precision + self.recall > 0.0 {
            2.0 * self.precision * self.recall / (self.precision + self.recall)
        } else {
            0.0
        };
        self
    }
}

/// An evaluation report.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Report {
    /// Sentences scored.
    pub sentences: usize,
    /// Tokens scored.
    pub tokens: usize,
    /// Tokens whose predicted tag equals the gold tag, in percent.
    pub accuracy: f64,
    /// Scores per type, in the order PER, LOC, ORG, MISC (types absent from
    /// both gold and prediction left out).
    pub per_type: Vec<(EntityKind, Score)>,
    /// Micro-averaged over all types.
    pub micro: Score,
    /// Tagging speed in tokens per second (one thread, including analysis).
    pub tokens_per_second: f64,
}

/// Scores predicted against gold tags, sentence by sentence.
pub fn score(pairs: &[(Vec<Tag>, Vec<Tag>)]) -> Report {
    let mut per = [Score::default(); 4];
    let idx = |k: EntityKind| EntityKind::ALL.iter().position(|&x| x == k).unwrap_or(0);
    let (mut tokens, mut same) = (0usize, 0usize);
    for (gold, pred) in pairs {
        tokens += gold.len();
        same += gold.iter().zip(pred).filter(|(g, p)| g == p).count();
        let g = chunks(gold);
        let p = chunks(pred);
        for &(_, _, k) in &g {
            if let Some(s) = per.get_mut(idx(k)) {
                s.gold += 1;
            }
        }
        for c in &p {
            if let Some(s) = per.get_mut(idx(c.2)) {
                s.predicted += 1;
                if g.contains(c) {
                    s.correct += 1;
                }
            }
        }
    }
    let mut micro = Score::default();
    for s in &per {
        micro.gold += s.gold;
        micro.predicted += s.predicted;
        micro.correct += s.correct;
    }
    Report {
        sentences: pairs.len(),
        tokens,
        accuracy: if tokens == 0 {
            0.0
        } else {
            100.0 * same as f64 / tokens as f64
        },
        per_type: EntityKind::ALL
            .iter()
            .zip(per)
            .filter(|(_, s)| s.gold + s.predicted > 0)
            .map(|(&k, s)| (k, s.finish()))
            .collect(),
        micro: micro.finish(),
        tokens_per_second: 0.0,
    }
}

/// Tags the gold sentences' tokens with `ner` and scores the result.
pub fn evaluate(ner: &Ner, gold: &[Sentence]) -> Report {
    let start = std::time::Instant::now();
    let pairs: Vec<(Vec<Tag>, Vec<Tag>)> = gold
        .iter()
        .map(|s| {
            let tokens: Vec<&str> = s.tokens.iter().map(String::as_str).collect();
            (s.tags.clone(), ner.tag(&tokens))
        })
        .collect();
    let secs = start.elapsed().as_secs_f64();
    let mut r = score(&pairs);
    if secs > 0.0 {
        r.tokens_per_second = r.tokens as f64 / secs;
    }
    r
}

/// Like [`evaluate`], but the gold sentences are read as running text: each
/// sentence is tagged with the `window` sentences on either side as its
/// document (what a two-pass model's document features see).
pub fn evaluate_in_context(ner: &Ner, gold: &[Sentence], window: usize) -> Report {
    let start = std::time::Instant::now();
    let analyzer = ner.analyzer();
    let words: Vec<Vec<crate::word::Word>> = gold
        .iter()
        .map(|s| {
            s.tokens
                .iter()
                .map(|t| crate::word::Word::from_str(analyzer, t))
                .collect()
        })
        .collect();
    let tagged = ner.tag_stream(&words, window);
    let pairs: Vec<(Vec<Tag>, Vec<Tag>)> = gold
        .iter()
        .zip(tagged)
        .map(|(s, l)| (s.tags.clone(), l.into_iter().map(Tag::from_index).collect()))
        .collect();
    let secs = start.elapsed().as_secs_f64();
    let mut r = score(&pairs);
    if secs > 0.0 {
        r.tokens_per_second = r.tokens as f64 / secs;
    }
    r
}

/// Reads a CoNLL gold file and scores the shipped tagger on its tokens.
///
/// # Errors
/// When the file cannot be read or is not CoNLL.
pub fn run(path: &Path) -> Result<Report, NerError> {
    run_with(&Ner::new(), path)
}

/// Reads a CoNLL gold file and scores `ner` (in its mode) on its tokens.
///
/// # Errors
/// When the file cannot be read or is not CoNLL.
pub fn run_with(ner: &Ner, path: &Path) -> Result<Report, NerError> {
    let gold = read(path)?;
    Ok(evaluate(ner, &gold))
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let m = &self.micro;
        writeln!(
            f,
            "processed {} tokens with {} phrases; found: {} phrases; correct: {}.",
            self.tokens, m.gold, m.predicted, m.correct
        )?;
        writeln!(
            f,
            "accuracy: {:6.2}%; precision: {:6.2}%; recall: {:6.2}%; FB1: {:6.2}",
            self.accuracy, m.precision, m.recall, m.f1
        )?;
        for (k, s) in &self.per_type {
            writeln!(
                f,
                "{:>17}: precision: {:6.2}%; recall: {:6.2}%; FB1: {:6.2}  {}",
                k.as_str(),
                s.precision,
                s.recall,
                s.f1,
                s.predicted
            )?;
        }
        write!(f, "F1 {:.2}", m.f1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use EntityKind::*;

    #[test]
    fn conlleval_counts() {
        let gold = vec![Tag::B(Per), Tag::I(Per), Tag::O, Tag::B(Loc)];
        let pred = vec![Tag::B(Per), Tag::O, Tag::O, Tag::B(Loc)];
        let r = score(&[(gold, pred)]);
        assert_eq!((r.micro.gold, r.micro.predicted, r.micro.correct), (2, 2, 1));
        assert!((r.micro.f1 - 50.0).abs() < 1e-9);
        assert!(r.to_string().ends_with("F1 50.00"));
    }
}
