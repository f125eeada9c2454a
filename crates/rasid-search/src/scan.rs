//! Enumerating what the index holds, for consumers that keep their own state
//! beside it (the stories store): every live id with its publication time, and
//! stored articles read back in bulk.
//!
//! ```
//! use rasid_core::Article;
//! use rasid_search::{Index, WriterOptions};
//!
//! let dir = tempfile::tempdir().unwrap();
//! let index = Index::create_or_open(dir.path()).unwrap();
//! let mut writer = index.writer(WriterOptions::small(), "doc test").unwrap();
//! let article = Article::builder("عنوان", "نص المقال").build();
//! writer.add_batch(vec![article.clone()]).unwrap();
//! writer.finish().unwrap();
//! let live = index.live_articles().unwrap();
//! assert_eq!(live[0].id, article.id.as_str());
//! let stored = index.get_many(&[live[0].id.clone()]).unwrap();
//! assert_eq!(stored[0].body, "نص المقال");
//! ```

use tantivy::query::TermQuery;
use tantivy::schema::IndexRecordOption;
use tantivy::{DocSet, TantivyDocument, TantivyError, Term, TERMINATED};

use crate::error::Result;
use crate::index::Index;
use crate::search::StoredArticle;

/// An article in the latest commit: its id and publication time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LiveArticle {
    /// The article id.
    pub id: String,
    /// Publication time, seconds since the Unix epoch (UTC), when it has one.
    pub published: Option<i64>,
}

impl Index {
    /// Every article of the latest commit, read from the id terms and the date
    /// column (the stored texts are not touched), in no particular order.
    ///
    /// # Errors
    /// When the index files cannot be read.
    pub fn live_articles(&self) -> Result<Vec<LiveArticle>> {
        let searcher = self.tantivy_searcher()?;
        let mut out = Vec::with_capacity(usize::try_from(searcher.num_docs()).unwrap_or(0));
        for segment in searcher.segment_readers() {
            let inverted = segment.inverted_index(self.fields().id)?;
            let published = segment.fast_fields().date("published").ok();
            let mut terms = inverted.terms().stream().map_err(TantivyError::from)?;
            while terms.advance() {
                let Ok(id) = std::str::from_utf8(terms.key()) else {
                    continue;
                };
                let mut postings = inverted
                    .read_postings_from_terminfo(terms.value(), IndexRecordOption::Basic)
                    .map_err(TantivyError::from)?;
                let mut doc = postings.doc();
                while doc != TERMINATED {
                    if !segment.is_deleted(doc) {
                        let published = published.as_ref().and_then(|c| c.first(doc));
                        out.push(LiveArticle {
                            id: id.to_owned(),
                            published: published.map(|d| d.into_timestamp_secs()),
                        });
                    }
                    doc = postings.advance();
                }
            }
        }
        Ok(out)
    }

    /// The stored articles with these ids, in the order given; ids the index
    /// does not hold are left out.
    ///
    /// # Errors
    /// When the index files cannot be read.
    pub fn get_many(&self, ids: &[String]) -> Result<Vec<StoredArticle>> {
        self.fetch(ids, true)
    }

    /// [`Index::get_many`] without the stored extractions (not parsed): for
    /// a pass that reads only the texts.
    ///
    /// # Errors
    /// When the index files cannot be read.
    pub fn get_many_texts(&self, ids: &[String]) -> Result<Vec<StoredArticle>> {
        self.fetch(ids, false)
    }

    fn fetch(&self, ids: &[String], with_extraction: bool) -> Result<Vec<StoredArticle>> {
        let searcher = self.tantivy_searcher()?;
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            let query = TermQuery::new(Term::from_field_text(self.fields().id, id), IndexRecordOption::Basic);
            let top = searcher.search(&query, &tantivy::collector::TopDocs::with_limit(1).order_by_score())?;
            if let Some((_, address)) = top.first() {
                let doc: TantivyDocument = searcher.doc(*address)?;
                out.push(StoredArticle::from_doc(&doc, self.fields(), with_extraction));
            }
        }
        Ok(out)
    }
}
