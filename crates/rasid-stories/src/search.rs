//! What search needs from stories: duplicates folded under the best-ranked
//! copy, and results limited to one story.
//!
//! ```
//! use rasid_core::Article;
//! use rasid_search::{Index, SearchRequest, WriterOptions};
//! use rasid_stories::search::{search, Fold};
//!
//! let dir = tempfile::tempdir().unwrap();
//! let index = Index::create_or_open(dir.path()).unwrap();
//! let body = "أعلنت وزارة الصحة اليوم افتتاح مستشفى جديد فى مدينة الرياض بسعة خمسمائة سرير لخدمة السكان.";
//! let mut writer = index.writer(WriterOptions::small(), "doc test").unwrap();
//! writer.add_batch(vec![
//!     Article::builder("مستشفى جديد", body).source("alriyadh").build(),
//!     Article::builder("افتتاح مستشفى", body).source("okaz").build(),
//! ]).unwrap();
//! writer.finish().unwrap();
//! let mut store = rasid_stories::Store::open(&rasid_stories::store_path(dir.path())).unwrap();
//! rasid_stories::update(&index, &mut store, &mut |_, _| {}).unwrap();
//!
//! let folded = search(&index, &SearchRequest::new("مستشفى"), &Fold { collapse: true, story: None }).unwrap();
//! assert_eq!(folded.results.hits.len(), 1);
//! assert_eq!(folded.copies.values().next().unwrap().len(), 1);
//! assert_eq!((folded.results.total, folded.folded_total), (2, Some(1)));
//! let all = search(&index, &SearchRequest::new("مستشفى"), &Fold { collapse: false, story: None }).unwrap();
//! assert_eq!(all.results.hits.len(), 2);
//! ```

use std::collections::{BTreeMap, HashSet};

use rasid_search::{Index, SearchRequest, SearchResults, MAX_LIMIT};
use serde::Serialize;

use crate::error::{Result, StoriesError};
use crate::store::Store;

/// How to fold results.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Fold {
    /// Show one article per duplicate group.
    pub collapse: bool,
    /// Only articles of this story.
    pub story: Option<i64>,
}

/// Search results with duplicates folded.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FoldedResults {
    /// The results; `hits` holds one article per duplicate group when folded
    /// (`total` and the facets still count every copy).
    #[serde(flatten)]
    pub results: SearchResults,
    /// For each shown hit with copies among the matches: the copies' ids.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub copies: BTreeMap<String, Vec<String>>,
    /// When folded: the matches with each group of copies counted once, what
    /// the pages of results hold (`results.total` counts every copy).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub folded_total: Option<usize>,
    /// Why duplicates could not be folded, when they could not.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Runs a search, folding duplicates and filtering by story as asked.
///
/// Without a stories store duplicates are not folded (the result says so);
/// articles indexed after the last stories build are shown as they are.
///
/// # Errors
/// [`StoriesError::NoStore`] for a story filter without a store,
/// [`StoriesError::UnknownStory`], and search errors.
pub fn search(index: &Index, request: &SearchRequest, fold: &Fold) -> Result<FoldedResults> {
    let store = Store::open_existing(index.path())?;
    let mut request = request.clone();
    if let Some(story) = fold.story {
        let store = store
            .as_ref()
            .ok_or_else(|| StoriesError::NoStore(index.path().to_owned()))?;
        store.story(story)?;
        request.ids = Some(store.members(story)?.into_iter().map(|m| m.id).collect());
    }
    let (store, note) = match (fold.collapse, store) {
        (false, _) => (None, None),
        (true, Some(store)) => (Some(store), None),
        (true, None) => (
            None,
            Some(format!(
                "duplicates not folded: no stories yet (run `rasid stories build --index {}`)",
                index.path().display()
            )),
        ),
    };
    let Some(store) = store else {
        return Ok(FoldedResults {
            results: index.search(&request)?,
            copies: BTreeMap::new(),
            folded_total: None,
            note,
        });
    };
    let (offset, limit) = (request.offset, request.limit.clamp(1, MAX_LIMIT));
    // Fetch enough to fill the page after folding (copies are rarely more than a few).
    request.offset = 0;
    request.limit = (offset + limit).saturating_mul(3).saturating_add(10).min(MAX_LIMIT);
    let mut results = index.search(&request)?;
    let ids: Vec<String> = results.hits.iter().map(|h| h.id.clone()).collect();
    let groups = store.groups_of(&ids)?;
    let mut seen: HashSet<i64> = HashSet::new();
    let mut shown_for: BTreeMap<i64, String> = BTreeMap::new();
    let mut copies: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut kept = Vec::with_capacity(results.hits.len());
    for hit in std::mem::take(&mut results.hits) {
        match groups.get(&hit.id) {
            Some(&(group, _)) if !seen.insert(group) => {
                if let Some(shown) = shown_for.get(&group) {
                    copies.entry(shown.clone()).or_default().push(hit.id);
                }
            }
            Some(&(group, _)) => {
                shown_for.insert(group, hit.id.clone());
                kept.push(hit);
            }
            None => kept.push(hit),
        }
    }
    let folded_total = if results.total <= ids.len() {
        kept.len()
    } else {
        folded_count(index, &store, &request, results.total, EXACT_FOLDED_COUNT)?
    };
    let page: Vec<_> = kept.into_iter().skip(offset).take(limit).collect();
    let shown: HashSet<&str> = page.iter().map(|h| h.id.as_str()).collect();
    copies.retain(|id, _| shown.contains(id.as_str()));
    results.hits = page;
    Ok(FoldedResults {
        results,
        copies,
        folded_total: Some(folded_total),
        note: None,
    })
}

/// Matches whose copies are counted one by one for the folded total.
///
/// Counting them means loading each match's stored document: 10,000 cost
/// about 1.2 s on a 50,000-article archive (issue 19's scale run), 1,000
/// still 30–40 ms of a search on the 41k-article corpus.
const EXACT_FOLDED_COUNT: usize = 200;

/// The `total` matches of `request` with each group of copies counted once:
/// exact up to `exact` matches ([`EXACT_FOLDED_COUNT`]); beyond, the share of
/// copies among the first `exact` is taken as their share among all (what
/// the pager needs, not an audit).
fn folded_count(index: &Index, store: &Store, request: &SearchRequest, total: usize, exact: usize) -> Result<usize> {
    let mut all = request.clone();
    all.offset = 0;
    all.limit = total.min(exact);
    all.snippets = false;
    all.facets = false;
    let ids: Vec<String> = index.search(&all)?.hits.into_iter().map(|h| h.id).collect();
    let groups = store.groups_of(&ids)?;
    let mut seen: HashSet<i64> = HashSet::new();
    let copies = ids
        .iter()
        .filter(|id| groups.get(*id).is_some_and(|&(group, _)| !seen.insert(group)))
        .count();
    let copies = if ids.len() >= total || ids.is_empty() {
        copies
    } else {
        // Rounded to the nearest whole copy.
        (copies * total + ids.len() / 2) / ids.len()
    };
    Ok(total.saturating_sub(copies))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rasid_core::Article;
    use rasid_search::WriterOptions;

    #[test]
    fn folded_total_is_exact_within_the_count_and_scaled_beyond_it() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let index = Index::create_or_open(dir.path()).unwrap_or_else(|e| panic!("{e}"));
        let wire = "أعلنت وزارة الصحة اليوم عن افتتاح مستشفى جديد في مدينة الرياض بسعة خمسمائة سرير \
            وقال الوزير إن المستشفى سيخدم سكان المنطقة الشرقية والوسطى خلال العام المقبل";
        // Four copies of one wire story: one group.
        let articles: Vec<Article> = ["spa", "okaz", "alriyadh", "alyaum"]
            .iter()
            .map(|source| Article::builder("افتتاح مستشفى", wire).source(*source).build())
            .collect();
        let mut writer = index
            .writer(WriterOptions::small(), "test")
            .unwrap_or_else(|e| panic!("{e}"));
        writer.add_batch(articles).unwrap_or_else(|e| panic!("{e}"));
        writer.finish().unwrap_or_else(|e| panic!("{e}"));
        let mut store = Store::open(&crate::store_path(dir.path())).unwrap_or_else(|e| panic!("{e}"));
        crate::update(&index, &mut store, &mut |_, _| {}).unwrap_or_else(|e| panic!("{e}"));
        let request = SearchRequest::new("مستشفى");
        let count = |exact| folded_count(&index, &store, &request, 4, exact).unwrap_or_else(|e| panic!("{e}"));
        // Counted one by one: the group counts once.
        assert_eq!(count(4), 1);
        // Two counted, one of them a copy: half of the four are taken for copies.
        assert_eq!(count(2), 2);
    }
}
