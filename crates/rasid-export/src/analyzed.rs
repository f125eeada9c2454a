//! The per-article tables of articles analysed outside an index: what the
//! Python package and its distributed recipes (Ray, Dask, Spark) write, with
//! the rows `rasid export` writes for the same articles indexed with the same
//! pipeline.

use std::collections::BTreeMap;

use rasid_core::AnalyzedArticle;
use rasid_search::StoredArticle;

use crate::error::Result;
use crate::export::month_of;
use crate::table::Rows;
use crate::tables::{ArticleCtx, ARTICLE_TABLES};

/// A text field as the index stores it: trimmed, absent when empty (as
/// `rasid_search::schema` writes the document).
fn stored_text(value: Option<&str>) -> Option<String> {
    value.map(str::trim).filter(|v| !v.is_empty()).map(str::to_owned)
}

/// The article as the index would store it: its extractions when the
/// pipeline extracts (`extracted`), none when it analyses text only.
fn stored(a: &AnalyzedArticle, extracted: bool) -> StoredArticle {
    let article = &a.article;
    StoredArticle {
        id: article.id.as_str().to_owned(),
        title: article.title.clone(),
        body: article.body.clone(),
        source: stored_text(article.source.as_deref()),
        category: stored_text(article.category.as_deref()),
        url: stored_text(article.url.as_deref()),
        published: article.published.map(|p| p.to_string()),
        extraction: extracted.then(|| a.extractions.clone()),
    }
}

/// The per-article tables ([`ARTICLE_TABLES`]: articles, mentions, entities,
/// places, times, numbers, summaries, ...) of analysed articles, by the
/// month partition `rasid export` puts them in (`2017-12`, [`crate::UNDATED`]).
///
/// The rows are those `rasid export` writes for an index of the same
/// articles built with the same pipeline (`extracted`: whether it runs any
/// extractor), in its first run (`export_run` 0), in the order given. The
/// membership tables (`duplicate_groups`, `story_members`) stay empty: stories
/// are built over a whole index. An article given twice (the same content id)
/// gives its rows twice, where the index keeps it once.
///
/// ```
/// use rasid_core::Article;
/// use rasid_export::analyzed_rows;
///
/// let pipeline = rasid_search::Pipeline::default();
/// let analysed = pipeline.analyze(&Article::builder("عنوان", "زار لافروف موسكو.").build());
/// let months = analyzed_rows(&[analysed], pipeline.extracts()).unwrap();
/// let tables = &months["undated"];
/// assert_eq!((tables[0].def.name, tables[0].len()), ("articles", 1));
/// let batch = tables[0].to_batch().unwrap();
/// assert_eq!(batch.schema(), rasid_export::tables::ARTICLES.schema());
/// ```
///
/// # Errors
/// [`crate::ExportError::Row`] when a value does not fit its column (a bug).
pub fn analyzed_rows(articles: &[AnalyzedArticle], extracted: bool) -> Result<BTreeMap<String, Vec<Rows>>> {
    let mut out: BTreeMap<String, Vec<Rows>> = BTreeMap::new();
    for a in articles {
        let stored = stored(a, extracted);
        let published = a
            .article
            .published
            .map(|p| rasid_search::schema::to_date(p).into_timestamp_secs());
        let tables = out
            .entry(month_of(published))
            .or_insert_with(|| ARTICLE_TABLES.iter().map(|(def, _)| Rows::new(def)).collect());
        let ctx = ArticleCtx {
            id: &stored.id,
            published,
            stored: Some(&stored),
            membership: None,
            run: 0,
        };
        for ((_, f), rows) in ARTICLE_TABLES.iter().zip(tables.iter_mut()) {
            f(&ctx, rows)?;
        }
    }
    Ok(out)
}
