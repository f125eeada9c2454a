//! Facet counts over the articles a query matches: sources, categories, months,
//! and the people, organisations and places extraction found.
//!
//! Sources, categories and months are facet paths in one facet field
//! (`/source/<outlet>`, `/category/<section>`, `/month/<YYYY-MM>`), counted
//! exactly by tantivy's [`FacetCollector`]. People, organisations and places have
//! tens of thousands of distinct values, which that collector resolves one by one
//! (about a second for 8,000 matches of 20,000 articles); they are instead
//! multi-valued fast text columns (`person_facet`, `org_facet`, `place_facet`,
//! each value a [`crate::extraction::facet_label`]) counted by [`NameCounts`]:
//! counts by term ordinal in each segment, the most frequent of each segment
//! resolved to names in one pass over the dictionary, then summed. As with a
//! search engine's terms aggregation, a value outside a segment's top
//! [`SEGMENT_TOP`] is not counted in that segment, so the counts of rare values
//! can be low on an index with many segments; the order of the frequent ones holds.

use std::collections::HashMap;

use serde::Serialize;
use tantivy::collector::{Collector, FacetCollector, SegmentCollector};
use tantivy::columnar::StrColumn;
use tantivy::schema::Facet;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

/// The roots counted in the facet field.
pub const ROOTS: [&str; 3] = ["/source", "/category", "/month"];

/// The fast columns of entity names, in the order of [`FacetCounts::persons`],
/// [`FacetCounts::orgs`], [`FacetCounts::places`].
pub const NAME_FIELDS: [&str; 3] = ["person_facet", "org_facet", "place_facet"];

/// How many values of a facet are kept (most frequent first); months are all kept.
pub const TOP_VALUES: usize = 20;

/// How many names of each segment are resolved and summed.
pub const SEGMENT_TOP: usize = 10 * TOP_VALUES;

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

/// The collector of all facet counts: the facet field's paths and the names.
pub type FacetsCollector = (FacetCollector, NameCounts);

/// A collector of the facet counts, on the schema's facet field and name columns.
pub fn collector(field_name: &str) -> FacetsCollector {
    let mut collector = FacetCollector::for_field(field_name);
    for root in ROOTS {
        collector.add_facet(root);
    }
    (collector, NameCounts)
}

/// The counts a [`collector`] gathered.
pub fn counts(found: &(tantivy::collector::FacetCounts, [Vec<(String, u64)>; 3])) -> FacetCounts {
    let (paths, [persons, orgs, places]) = found;
    let values =
        |root: &str| -> Vec<(String, u64)> { paths.get(root).map(|(facet, n)| (last_segment(facet), n)).collect() };
    let mut months = values("/month");
    months.sort();
    FacetCounts {
        sources: by_count(values("/source")),
        categories: by_count(values("/category")),
        months,
        persons: persons.clone(),
        orgs: orgs.clone(),
        places: places.clone(),
    }
}

/// Most frequent first, ties by value; the first [`TOP_VALUES`].
fn by_count(mut values: Vec<(String, u64)>) -> Vec<(String, u64)> {
    values.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    values.truncate(TOP_VALUES);
    values
}

fn last_segment(facet: &Facet) -> String {
    facet.to_path().last().map(|s| (*s).to_owned()).unwrap_or_default()
}

/// Counts the values of the [`NAME_FIELDS`] columns over the matching documents.
#[derive(Clone, Copy, Debug, Default)]
pub struct NameCounts;

/// [`NameCounts`] in one segment: per column, a count per term ordinal.
pub struct NameSegment {
    columns: Vec<Option<(StrColumn, Vec<u32>)>>,
}

impl Collector for NameCounts {
    type Fruit = [Vec<(String, u64)>; 3];
    type Child = NameSegment;

    fn for_segment(&self, _: SegmentOrdinal, reader: &SegmentReader) -> tantivy::Result<NameSegment> {
        let mut columns = Vec::with_capacity(NAME_FIELDS.len());
        for name in NAME_FIELDS {
            columns.push(reader.fast_fields().str(name)?.map(|column| {
                let terms = column.dictionary().num_terms();
                (column, vec![0u32; terms])
            }));
        }
        Ok(NameSegment { columns })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, segments: Vec<Self::Fruit>) -> tantivy::Result<Self::Fruit> {
        let mut sums: [HashMap<String, u64>; 3] = Default::default();
        for segment in segments {
            for (sum, values) in sums.iter_mut().zip(segment) {
                for (name, n) in values {
                    *sum.entry(name).or_default() += n;
                }
            }
        }
        Ok(sums.map(|sum| by_count(sum.into_iter().collect())))
    }
}

impl SegmentCollector for NameSegment {
    type Fruit = [Vec<(String, u64)>; 3];

    fn collect(&mut self, doc: DocId, _: Score) {
        for (column, counts) in self.columns.iter_mut().flatten() {
            for ord in column.term_ords(doc) {
                if let Some(count) = usize::try_from(ord).ok().and_then(|i| counts.get_mut(i)) {
                    *count += 1;
                }
            }
        }
    }

    fn harvest(self) -> Self::Fruit {
        let mut out: Self::Fruit = Default::default();
        for (slot, column) in out.iter_mut().zip(self.columns) {
            if let Some((column, counts)) = column {
                *slot = top_names(&column, &counts);
            }
        }
        out
    }
}

/// The [`SEGMENT_TOP`] most frequent names of a column, with their counts.
fn top_names(column: &StrColumn, counts: &[u32]) -> Vec<(String, u64)> {
    let mut top: Vec<(u32, u64)> = counts
        .iter()
        .zip(0u64..)
        .filter(|(n, _)| **n > 0)
        .map(|(n, ord)| (*n, ord))
        .collect();
    if top.len() > SEGMENT_TOP {
        top.select_nth_unstable_by(SEGMENT_TOP - 1, |a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        top.truncate(SEGMENT_TOP);
    }
    // The dictionary is read in one pass, in ordinal order.
    top.sort_by_key(|(_, ord)| *ord);
    let ords: Vec<u64> = top.iter().map(|(_, ord)| *ord).collect();
    let mut names = Vec::with_capacity(ords.len());
    let read = column
        .dictionary()
        .sorted_ords_to_term_cb(&ords, |bytes| names.push(String::from_utf8_lossy(bytes).into_owned()));
    if !matches!(read, Ok(true)) || names.len() != top.len() {
        // An unreadable dictionary counts nothing rather than miscounting.
        return Vec::new();
    }
    names
        .into_iter()
        .zip(top)
        .map(|(name, (n, _))| (name, u64::from(n)))
        .collect()
}
