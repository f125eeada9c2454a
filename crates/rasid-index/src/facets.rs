//! Facet counts over the articles a query matches: sources, categories, months,
//! and the people, organisations and places extraction found.
//!
//! Every document carries facet paths in one facet field: `/source/<outlet>`,
//! `/category/<section>`, `/month/<YYYY-MM>`, and from extraction
//! `/person/<name>`, `/org/<name>`, `/place/<name>`, each name a
//! [`crate::extraction::facet_label`] of the entity's canonical form.

use std::collections::HashMap;
use std::sync::Arc;

use serde::Serialize;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::index::SegmentId;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

/// The roots counted.
pub const ROOTS: [&str; 6] = ["/source", "/category", "/month", "/person", "/org", "/place"];

/// How many values of a facet are kept (most frequent first); months are all kept.
pub const TOP_VALUES: usize = 20;

/// Counts per value, for each facet.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct FacetCounts {
    /// Matching articles per source, most first.
    pub sources: Vec<(String, u64)>,
    /// Matching articles per category, most first.
    pub categories: Vec<(String, u64)>,
    /// Matching articles per month (`YYYY-MM`), in date order.
    pub months: Vec<(String, u64)>,
    /// Matching articles per person named in them, most first.
    pub persons: Vec<(String, u64)>,
    /// Matching articles per organisation named in them, most first.
    pub orgs: Vec<(String, u64)>,
    /// Matching articles per place named in them, most first.
    pub places: Vec<(String, u64)>,
}

/// The facet values of one segment, by ordinal: which root each is under
/// ([`ROOTS`] index, or `u8::MAX` for none) and its last segment. Segments
/// never change, so this is read from the segment's facet dictionary once and
/// kept: counting then only adds up ordinals, and only the values counted are
/// looked at, whatever the number of distinct names in the index.
#[derive(Debug)]
struct SegmentFacets {
    roots: Vec<u8>,
    labels: Vec<Box<str>>,
}

/// The decoded facet dictionaries of the segments searched lately.
#[derive(Debug, Default)]
pub struct FacetCache {
    segments: std::sync::Mutex<HashMap<SegmentId, Arc<SegmentFacets>>>,
}

impl FacetCache {
    fn segment(&self, reader: &SegmentReader, field: &str) -> tantivy::Result<Arc<SegmentFacets>> {
        let id = reader.segment_id();
        if let Some(found) = self.segments.lock().ok().and_then(|s| s.get(&id).cloned()) {
            return Ok(found);
        }
        let facet_reader = reader.facet_reader(field)?;
        let dictionary = facet_reader.facet_dict();
        let mut roots = Vec::with_capacity(dictionary.num_terms());
        let mut labels = Vec::with_capacity(dictionary.num_terms());
        let mut terms = dictionary.stream()?;
        while terms.advance() {
            // An encoded facet: its path segments separated by NUL bytes.
            let key = terms.key();
            let mut parts = key.split(|b| *b == 0);
            let root = parts.next().unwrap_or_default();
            let label = parts.next_back().unwrap_or_default();
            let root = ROOTS
                .iter()
                .position(|r| r.as_bytes().get(1..) == Some(root))
                .and_then(|i| u8::try_from(i).ok())
                .unwrap_or(u8::MAX);
            roots.push(root);
            labels.push(String::from_utf8_lossy(label).into());
        }
        let facets = Arc::new(SegmentFacets { roots, labels });
        if let Ok(mut segments) = self.segments.lock() {
            segments.insert(id, facets.clone());
        }
        Ok(facets)
    }

    /// Forgets the segments that are no longer in the index (merged away).
    pub fn retain(&self, live: &[SegmentId]) {
        if let Ok(mut segments) = self.segments.lock() {
            segments.retain(|id, _| live.contains(id));
        }
    }
}

/// A collector of the counts of every facet value under [`ROOTS`], by root.
pub struct Counter {
    cache: Arc<FacetCache>,
    field: &'static str,
}

impl Counter {
    /// Counts on the facet field `field`, with the decoded dictionaries in `cache`.
    pub fn new(cache: Arc<FacetCache>, field: &'static str) -> Counter {
        Counter { cache, field }
    }
}

/// Every value counted, per root ([`ROOTS`] order).
#[derive(Debug, Default)]
pub struct AllCounts {
    roots: Vec<HashMap<Box<str>, u64>>,
}

impl AllCounts {
    /// The values under `root` (e.g. `/person`) with their counts, in no order.
    pub fn values(&self, root: &str) -> impl Iterator<Item = (&str, u64)> {
        ROOTS
            .iter()
            .position(|r| *r == root)
            .and_then(|i| self.roots.get(i))
            .into_iter()
            .flat_map(|m| m.iter().map(|(label, n)| (&**label, *n)))
    }

    /// The counts as a search reports them: most first, the top few of each
    /// facet, all months in date order.
    pub fn top(&self) -> FacetCounts {
        let collect =
            |root: &str| -> Vec<(String, u64)> { self.values(root).map(|(l, n)| (l.to_owned(), n)).collect() };
        let by_count = |mut v: Vec<(String, u64)>| {
            v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            v.truncate(TOP_VALUES);
            v
        };
        let mut months = collect("/month");
        months.sort();
        FacetCounts {
            sources: by_count(collect("/source")),
            categories: by_count(collect("/category")),
            months,
            persons: by_count(collect("/person")),
            orgs: by_count(collect("/org")),
            places: by_count(collect("/place")),
        }
    }
}

/// [`Counter`] on one segment.
pub struct SegmentCounter {
    reader: tantivy::fastfield::FacetReader,
    facets: Arc<SegmentFacets>,
    counts: Vec<u32>,
}

impl Collector for Counter {
    type Fruit = AllCounts;
    type Child = SegmentCounter;

    fn for_segment(&self, _: SegmentOrdinal, segment: &SegmentReader) -> tantivy::Result<SegmentCounter> {
        let facets = self.cache.segment(segment, self.field)?;
        Ok(SegmentCounter {
            reader: segment.facet_reader(self.field)?,
            counts: vec![0; facets.labels.len()],
            facets,
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<AllCounts>) -> tantivy::Result<AllCounts> {
        let mut all = AllCounts {
            roots: vec![HashMap::new(); ROOTS.len()],
        };
        for fruit in fruits {
            for (into, from) in all.roots.iter_mut().zip(fruit.roots) {
                for (label, n) in from {
                    *into.entry(label).or_default() += n;
                }
            }
        }
        Ok(all)
    }
}

impl SegmentCollector for SegmentCounter {
    type Fruit = AllCounts;

    fn collect(&mut self, doc: DocId, _: Score) {
        let mut previous = u64::MAX;
        for ord in self.reader.facet_ords(doc) {
            // A value given twice to one document counts once.
            if ord != previous {
                if let Some(count) = usize::try_from(ord).ok().and_then(|o| self.counts.get_mut(o)) {
                    *count += 1;
                }
            }
            previous = ord;
        }
    }

    fn harvest(self) -> AllCounts {
        let mut roots = vec![HashMap::new(); ROOTS.len()];
        for (ord, count) in self.counts.iter().enumerate() {
            if *count == 0 {
                continue;
            }
            let root = self.facets.roots.get(ord).copied().unwrap_or(u8::MAX);
            if let (Some(into), Some(label)) = (roots.get_mut(usize::from(root)), self.facets.labels.get(ord)) {
                into.insert(label.clone(), u64::from(*count));
            }
        }
        AllCounts { roots }
    }
}

#[cfg(test)]
mod tests {
    use rasid_core::Article;
    use tantivy::collector::FacetCollector;
    use tantivy::query::AllQuery;

    use crate::{Index, WriterOptions};

    /// The cached counter counts what tantivy's own facet collector counts,
    /// across segments, and again after more are added.
    #[test]
    fn counts_like_the_facet_collector() {
        let dir = tempfile::tempdir().unwrap();
        let index = Index::create_or_open(dir.path()).unwrap();
        let add = |articles: Vec<Article>| {
            let mut writer = index.writer(WriterOptions::small(), "test").unwrap();
            writer.add_batch(articles).unwrap();
            writer.finish().unwrap();
        };
        let article = |title: &str, source: &str, category: &str| {
            Article::builder(title, "نص").source(source).category(category).build()
        };
        add(vec![
            article("أ", "youm7", "politics"),
            article("ب", "alahram", "politics"),
        ]);
        add(vec![
            article("ج", "youm7", "sports"),
            article("د", "masrawy", "economy"),
        ]);
        for round in 0..2u64 {
            let searcher = index.tantivy_searcher().unwrap();
            assert!(searcher.segment_readers().len() >= 2);
            let ours = searcher
                .search(&AllQuery, &index.facet_counter(&searcher))
                .unwrap()
                .top();
            let mut theirs = FacetCollector::for_field("facets");
            theirs.add_facet("/source");
            theirs.add_facet("/category");
            let theirs = searcher.search(&AllQuery, &theirs).unwrap();
            let count = |root: &str| {
                let mut v: Vec<(String, u64)> = theirs
                    .get(root)
                    .map(|(f, n)| (f.to_path().last().unwrap().to_string(), n))
                    .collect();
                v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
                v
            };
            assert_eq!(ours.sources, count("/source"));
            assert_eq!(ours.categories, count("/category"));
            assert_eq!(ours.sources[0], ("youm7".to_owned(), 2 + round));
            add(vec![article("هـ", "youm7", "politics")]);
        }
    }
}
