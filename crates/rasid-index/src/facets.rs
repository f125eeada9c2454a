//! Facet counts over the articles a query matches: sources, categories, months,
//! and the people, organisations and places extraction found.
//!
//! Every document carries facet paths in one facet field: `/source/<outlet>`,
//! `/category/<section>`, `/month/<YYYY-MM>`, and from extraction
//! `/person/<name>`, `/org/<name>`, `/place/<name>`, each name a
//! [`crate::extraction::facet_label`] of the entity's canonical form.

use serde::Serialize;
use tantivy::collector::FacetCollector;
use tantivy::schema::Facet;

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

/// A collector of the facet counts, on the schema's facet field.
pub fn collector(field_name: &str) -> FacetCollector {
    let mut collector = FacetCollector::for_field(field_name);
    for root in ROOTS {
        collector.add_facet(root);
    }
    collector
}

/// The counts a [`collector`] gathered.
pub fn counts(found: &tantivy::collector::FacetCounts) -> FacetCounts {
    let values =
        |root: &str| -> Vec<(String, u64)> { found.get(root).map(|(facet, n)| (last_segment(facet), n)).collect() };
    let by_count = |mut v: Vec<(String, u64)>| {
        v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        v.truncate(TOP_VALUES);
        v
    };
    let mut months = values("/month");
    months.sort();
    FacetCounts {
        sources: by_count(values("/source")),
        categories: by_count(values("/category")),
        months,
        persons: by_count(values("/person")),
        orgs: by_count(values("/org")),
        places: by_count(values("/place")),
    }
}

fn last_segment(facet: &Facet) -> String {
    facet.to_path().last().map(|s| (*s).to_owned()).unwrap_or_default()
}
