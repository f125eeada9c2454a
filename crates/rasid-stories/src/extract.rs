//! What extraction gives stories: entities, places and reported times.

use rasid_core::{Analysis, Article, ArticleEntities, TimeExpr};
use rasid_ner::Ner;

/// An article's entities (with linked places) and time expressions.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Extraction {
    /// People, places, organisations.
    pub entities: ArticleEntities,
    /// Dates and times, resolved against the publication time.
    pub times: Vec<TimeExpr>,
}

/// The extraction of an analysed article.
///
/// The one place stories get extraction from: it runs the entity tagger and
/// the time tagger here. When the index stores each article's extraction,
/// this reads it instead.
pub fn extraction(ner: &Ner, article: &Article, analysis: &Analysis) -> Extraction {
    Extraction {
        entities: ner.extract(article, analysis),
        times: rasid_extract::extract_article(article, analysis).times,
    }
}
