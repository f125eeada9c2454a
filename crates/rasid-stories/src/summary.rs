//! Story summaries: the sentences of a story's articles that say most of
//! what the story is about, chosen by maximal marginal relevance
//! ([`rasid_pipeline::summary::mmr`], as an article's summary is) against
//! the story's weighted terms.

use std::collections::HashMap;

use rasid_core::{Analysis, Article, Span};
use rasid_pipeline::summary::{eligible, mmr, normalise, sentences, Sentence, MMR_LAMBDA};
use serde::Serialize;

use crate::timeline::clip;

/// One sentence of a story summary.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct StorySentence {
    /// The article it is from.
    pub article: String,
    /// Where it is in that article's body.
    pub span: Span,
    /// The sentence.
    pub text: String,
}

/// A summary of a story: up to `n` sentences from its articles (give one
/// article per duplicate group, earliest first), relevant to the story's
/// weighted terms (`weights`: stem → weight), redundancy removed, in the
/// order of the articles and of the sentences within each.
pub fn story_summary(
    articles: &[(&Article, &Analysis)],
    weights: &HashMap<String, f32>,
    n: usize,
) -> Vec<StorySentence> {
    /// Sentences read from each article: leads carry most of a news story.
    const PER_ARTICLE: usize = 12;
    let mut pool: Vec<(usize, Sentence<'_>)> = Vec::new();
    for (a, (_, analysis)) in articles.iter().enumerate() {
        pool.extend(
            eligible(sentences(&analysis.body))
                .into_iter()
                .take(PER_ARTICLE)
                .map(|s| (a, s)),
        );
    }
    let mut relevance: Vec<f32> = pool
        .iter()
        .map(|(_, s)| {
            let sum: f32 = s.terms.iter().filter_map(|t| weights.get(*t)).sum();
            sum / (1.0 + s.terms.len() as f32).sqrt()
        })
        .collect();
    normalise(&mut relevance);
    let candidates: Vec<(f32, Vec<&str>)> = pool
        .iter()
        .zip(relevance)
        .map(|((_, s), r)| (r, s.terms.clone()))
        .collect();
    let mut picked = mmr(&candidates, n, MMR_LAMBDA);
    picked.sort_by_key(|&i| pool.get(i).map(|(a, s)| (*a, s.span.start)));
    picked
        .into_iter()
        .filter_map(|i| {
            let (a, s) = pool.get(i)?;
            let (article, _) = articles.get(*a)?;
            Some(StorySentence {
                article: article.id.to_string(),
                span: s.span,
                text: clip(s.span.slice(&article.body)?),
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
    fn story_summary_removes_syndicated_repeats() {
        let lead = "أعلنت وزارة الصحة افتتاح مستشفى جديد فى مدينة الرياض بسعة خمسمائة سرير.";
        let (a, xa) = analysed("مستشفى", &format!("{lead} وسيخدم المستشفى سكان الأحياء الشمالية."));
        let (b, xb) = analysed("مستشفى", &format!("{lead} وبلغت تكلفة المستشفى مليار ريال."));
        let weights: HashMap<String, f32> = [
            ("مستشفي", 3.0),
            ("صح", 1.0),
            ("رياض", 1.0),
            ("تكلف", 0.5),
            ("سكان", 0.5),
        ]
        .into_iter()
        .map(|(k, w)| (k.to_string(), w))
        .collect();
        let s = story_summary(&[(&a, &xa), (&b, &xb)], &weights, 3);
        let leads = s.iter().filter(|x| x.text.starts_with("أعلنت")).count();
        assert_eq!(leads, 1, "{s:?}");
        assert_eq!(s.len(), 3);
    }
}
