//! What extraction gives stories: entities, places and reported times.

use rasid_core::{Analysis, Article};
use rasid_entities::Ner;
pub use rasid_search::Extraction;

/// The extraction of an analysed article: the one stored with it in the
/// index when there is one (`rasid index` stores it by default), else the
/// entity and time taggers run here.
pub fn extraction(stored: Option<Extraction>, ner: &Ner, article: &Article, analysis: &Analysis) -> Extraction {
    stored.unwrap_or_else(|| {
        let found = rasid_times::extract_article(article, analysis);
        Extraction {
            entities: ner.extract(article, analysis),
            times: found.times,
            numbers: found.numbers,
        }
    })
}
