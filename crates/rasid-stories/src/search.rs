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
    Store::with_reader(index.path(), |store| search_in(index, store, request, fold))
}

fn search_in(index: &Index, store: Option<&Store>, request: &SearchRequest, fold: &Fold) -> Result<FoldedResults> {
    let mut request = request.clone();
    if let Some(story) = fold.story {
        let store = store.ok_or_else(|| StoriesError::NoStore(index.path().to_owned()))?;
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
    // Fetch the ids of enough matches to fill the page after folding (copies
    // are rarely more than a few); only the page's articles are read.
    request.offset = 0;
    request.limit = (offset + limit).saturating_mul(3).saturating_add(10).min(MAX_LIMIT);
    request.ids_only = true;
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
    let folded_total = folded_total(results.total, ids.len(), ids.len() - kept.len());
    let mut page: Vec<_> = kept.into_iter().skip(offset).take(limit).collect();
    request.ids_only = false;
    index.fill(&mut page, &request, &results.terms)?;
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

/// The `total` matches with each group of copies counted once, from the
/// `read` best matches of which `copies` were copies of a better one: exact
/// when every match was read; beyond, the share of copies among those read is
/// taken as their share among all, rounded to a whole copy (what the pager
/// needs, not an audit). Reading more matches only for this count cost a
/// third of a search's CPU (issue 19): each match's id is a read of the
/// document store and a look-up in the stories store.
fn folded_total(total: usize, read: usize, copies: usize) -> usize {
    let copies = if read >= total || read == 0 {
        copies
    } else {
        (copies * total + read / 2) / read
    };
    total.saturating_sub(copies)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rasid_core::Article;
    use rasid_search::WriterOptions;

    #[test]
    fn folded_total_is_exact_when_every_match_was_read_and_scaled_beyond() {
        // Every match read: the copies counted are all the copies.
        assert_eq!(folded_total(4, 4, 3), 1);
        assert_eq!(folded_total(4, 10, 3), 1);
        // Two of four read, one of them a copy: half of the four are taken for copies.
        assert_eq!(folded_total(4, 2, 1), 2);
        assert_eq!(folded_total(1_000, 70, 7), 900);
        assert_eq!(folded_total(0, 0, 0), 0);
    }

    /// A folded search counts a group once, lists its copies under the hit
    /// shown, and fills that hit as an unfolded search would.
    #[test]
    fn folded_search_counts_a_group_once_and_fills_its_page() {
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
        let fold = Fold {
            collapse: true,
            story: None,
        };
        let folded = |limit| {
            let mut request = SearchRequest::new("مستشفى");
            request.limit = limit;
            search(&index, &request, &fold).unwrap_or_else(|e| panic!("{e}"))
        };
        // A page of 10 reads 40 matches: all four, one group.
        let all = folded(10);
        assert_eq!(
            (all.results.total, all.folded_total, all.results.hits.len()),
            (4, Some(1), 1)
        );
        assert!(all.results.hits[0].snippet.is_some());
        assert_eq!(all.copies.values().next().map(Vec::len), Some(3));
    }
}
