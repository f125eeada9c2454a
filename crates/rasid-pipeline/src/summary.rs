//! Extractive summaries: the sentences that say most of what an article (or
//! a story) is about, in their original order, without saying it twice.
//!
//! Sentences are chosen by maximal marginal relevance (MMR): at each step
//! the sentence with the best `λ·relevance − (1−λ)·similarity to those
//! already chosen`, with word-set Jaccard as the similarity, so a second
//! sentence that repeats the first (a syndicated copy's lead, say) loses to
//! one that adds something.
//!
//! ```
//! use rasid_core::Article;
//! use rasid_pipeline::summary::article_summary;
//!
//! let article = Article::builder(
//!     "بدء جولة محادثات سلام جديدة حول سوريا فى استانا",
//!     "بدأت فى استانا جولة جديدة من محادثات السلام حول سوريا بمشاركة روسيا وتركيا وإيران. \
//!      وكان الطقس باردا فى المدينة صباح اليوم والشوارع هادئة. \
//!      وقال المبعوث الدولى إن محادثات استانا ستبحث ملف المعتقلين فى سوريا.",
//! )
//! .build();
//! let analysis = rasid_text::Analyzer::default().analyze(&article);
//! let summary = article_summary(&article, &analysis, 2);
//! assert_eq!(summary.len(), 2);
//! assert!(summary[0].text.starts_with("بدأت"));
//! assert!(summary[1].text.starts_with("وقال"));
//! ```

use std::collections::HashMap;

use rasid_core::{Analysis, Article, Span, SummarySentence, TextAnalysis, TokenKind};

/// The weight of relevance against novelty in MMR.
pub const MMR_LAMBDA: f32 = 0.7;

/// Sentences with fewer words are not picked (bylines, captions, fragments)
/// unless nothing longer is there.
const MIN_WORDS: usize = 5;

/// One sentence of a text with its distinct search terms.
pub struct Sentence<'a> {
    /// Where it is, in bytes of the text.
    pub span: Span,
    /// Its distinct non-stopword stems, sorted.
    pub terms: Vec<&'a str>,
    /// How many words it has.
    pub words: usize,
}

/// The sentences of an analysed text, each with its distinct non-stopword stems.
pub fn sentences(analysis: &TextAnalysis) -> Vec<Sentence<'_>> {
    let mut out = Vec::with_capacity(analysis.sentences.len());
    let mut tokens = analysis.tokens.iter().peekable();
    for span in &analysis.sentences {
        let mut terms = Vec::new();
        let mut words = 0;
        while let Some(t) = tokens.next_if(|t| t.span.start < span.end) {
            if t.span.start < span.start || !matches!(t.kind, TokenKind::Arabic | TokenKind::Latin | TokenKind::Number)
            {
                continue;
            }
            words += 1;
            if !t.stop {
                terms.push(t.stem.as_str());
            }
        }
        terms.sort_unstable();
        terms.dedup();
        out.push(Sentence {
            span: *span,
            terms,
            words,
        });
    }
    out
}

fn jaccard(a: &[&str], b: &[&str]) -> f32 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let common = a.iter().filter(|t| b.binary_search(t).is_ok()).count();
    common as f32 / (a.len() + b.len() - common) as f32
}

/// Picks up to `n` of the candidates (relevance, sorted distinct terms) by
/// maximal marginal relevance; returns their indexes in the order picked.
pub fn mmr(candidates: &[(f32, Vec<&str>)], n: usize, lambda: f32) -> Vec<usize> {
    let mut picked: Vec<usize> = Vec::with_capacity(n);
    while picked.len() < n.min(candidates.len()) {
        let best = candidates
            .iter()
            .enumerate()
            .filter(|(i, _)| !picked.contains(i))
            .map(|(i, (relevance, terms))| {
                let redundancy = picked
                    .iter()
                    .filter_map(|&p| candidates.get(p))
                    .map(|(_, other)| jaccard(terms, other))
                    .fold(0.0f32, f32::max);
                (i, lambda * relevance - (1.0 - lambda) * redundancy)
            })
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)));
        match best {
            Some((i, _)) => picked.push(i),
            None => break,
        }
    }
    picked
}

/// Scales relevances so the best is 1.
pub fn normalise(scores: &mut [f32]) {
    let max = scores.iter().copied().fold(0.0f32, f32::max);
    if max > 0.0 {
        for s in scores {
            *s /= max;
        }
    }
}

/// Sentences with enough words, or all of them when none has.
pub fn eligible<'a>(sentences: Vec<Sentence<'a>>) -> Vec<Sentence<'a>> {
    if sentences.iter().any(|s| s.words >= MIN_WORDS) {
        sentences.into_iter().filter(|s| s.words >= MIN_WORDS).collect()
    } else {
        sentences
    }
}

/// An extractive summary of an article: up to `n` sentences of its body, in
/// their original order.
///
/// A sentence scores by how frequent its words are in the article (each
/// distinct word once, dampened by the sentence's length), by how much of
/// the headline it repeats, and a little by coming first.
pub fn article_summary(article: &Article, analysis: &Analysis, n: usize) -> Vec<SummarySentence> {
    let mut tf: HashMap<&str, f32> = HashMap::new();
    for s in sentences(&analysis.body) {
        for t in s.terms {
            *tf.entry(t).or_default() += 1.0;
        }
    }
    let title: Vec<&str> = sentences(&analysis.title).into_iter().flat_map(|s| s.terms).collect();
    let sentences = eligible(sentences(&analysis.body));
    let mut content: Vec<f32> = sentences
        .iter()
        .map(|s| {
            let sum: f32 = s
                .terms
                .iter()
                .map(|t| (1.0 + tf.get(t).copied().unwrap_or(0.0)).ln())
                .sum();
            sum / (1.0 + s.terms.len() as f32).sqrt()
        })
        .collect();
    normalise(&mut content);
    let candidates: Vec<(f32, Vec<&str>)> = sentences
        .iter()
        .zip(content)
        .enumerate()
        .map(|(i, (s, content))| {
            let headline = if title.is_empty() {
                0.0
            } else {
                s.terms.iter().filter(|t| title.contains(t)).count() as f32 / title.len() as f32
            };
            let lead = 0.2 / (1.0 + i as f32);
            (content + headline + lead, s.terms.clone())
        })
        .collect();
    let mut picked = mmr(&candidates, n, MMR_LAMBDA);
    picked.sort_unstable();
    picked
        .into_iter()
        .filter_map(|i| sentences.get(i))
        .filter_map(|s| {
            Some(SummarySentence {
                span: s.span,
                text: s.span.slice(&article.body)?.to_owned(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn analysed(title: &str, body: &str) -> (Article, Analysis) {
        let article = Article::builder(title, body).build();
        let analysis = rasid_text::Analyzer::default().analyze(&article);
        (article, analysis)
    }

    #[test]
    fn summary_keeps_original_order_and_length() {
        let body = "انخفضت أسعار النفط اليوم بنسبة كبيرة فى الأسواق العالمية. \
                    وقال محللون إن أسعار النفط تتأثر بزيادة المخزونات الأمريكية. \
                    وفى سياق آخر افتتح معرض للكتاب فى المدينة أمس. \
                    وتوقعت منظمة أوبك أن تستقر أسعار النفط العام المقبل.";
        let (a, x) = analysed("تراجع أسعار النفط", body);
        for n in 0..=5 {
            let s = article_summary(&a, &x, n);
            assert_eq!(s.len(), n.min(4));
            assert!(s.windows(2).all(|w| w[0].span.start < w[1].span.start), "order");
            for sentence in &s {
                assert_eq!(sentence.span.slice(&a.body), Some(sentence.text.as_str()));
            }
        }
        // The off-topic sentence is the one left out of three.
        let three = article_summary(&a, &x, 3);
        assert!(three.iter().all(|s| !s.text.contains("معرض")), "{three:?}");
    }

    #[test]
    fn mmr_skips_repeats() {
        let c = vec![
            (1.0, vec!["a", "b", "c"]),
            (0.99, vec!["a", "b", "c"]),
            (0.6, vec!["d", "e", "f"]),
        ];
        assert_eq!(mmr(&c, 2, MMR_LAMBDA), vec![0, 2]);
        assert_eq!(mmr(&c, 10, MMR_LAMBDA).len(), 3);
        assert!(mmr(&[], 3, MMR_LAMBDA).is_empty());
    }

    #[test]
    fn empty_and_one_word_articles() {
        let (a, x) = analysed("", "");
        assert!(article_summary(&a, &x, 3).is_empty());
        let (a, x) = analysed("عنوان", "فيديو");
        assert_eq!(article_summary(&a, &x, 3).len(), 1);
    }
}
