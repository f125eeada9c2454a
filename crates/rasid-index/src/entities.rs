//! The people, organisations and places named in the articles a query matches,
//! with how many articles name each: "who is in this story", and the names to
//! offer while someone types one.
//!
//! The counts come from the name columns extraction gives each document
//! (`person_facet`, `org_facet`, `place_facet`; see [`crate::facets`]): each
//! matching document's names are counted by term ordinal in each segment;
//! names are then read from the field's term dictionary only for the ordinals
//! in the prefix's range (names sort by ordinal), or, without a prefix, for the
//! most counted of each segment (as [`crate::facets`] does).
//!
//! ```
//! use rasid_core::{Article, ArticleEntities, Entity, EntityKind};
//! use rasid_index::{EntityFacet, Extraction, Index, WriterOptions};
//!
//! let dir = tempfile::tempdir().unwrap();
//! let index = Index::create_or_open(dir.path()).unwrap();
//! let mut writer = index.writer(WriterOptions::small(), "doc test").unwrap();
//! writer.set_extractor(std::sync::Arc::new(|_: &Article, _: &rasid_core::Analysis| {
//!     let lavrov = Entity { id: 0, kind: EntityKind::Per, canonical: "سيرغى لافروف".into(), name_en: None,
//!         mentions: vec![], role: None, place: None };
//!     Extraction { entities: ArticleEntities { entities: vec![lavrov], ..Default::default() }, ..Default::default() }
//! }));
//! writer.add_batch(vec![Article::builder("لافروف فى موسكو", "قال لافروف").build()]).unwrap();
//! writer.finish().unwrap();
//!
//! let people = index.entity_counts(EntityFacet::Person, "", "سيرغ", 10).unwrap();
//! assert_eq!(people, vec![("سيرغي لافروف".to_owned(), 1)]);
//! ```

use std::collections::HashMap;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::StrColumn;
use tantivy::query::{AllQuery, Query};
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

use crate::error::Result;
use crate::extraction::facet_label;
use crate::index::Index;
use crate::query::ParseOptions;

/// The kinds of names counted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EntityFacet {
    /// People.
    Person,
    /// Organisations.
    Org,
    /// Places.
    Place,
}

impl EntityFacet {
    /// All kinds.
    pub const ALL: [EntityFacet; 3] = [EntityFacet::Person, EntityFacet::Org, EntityFacet::Place];

    fn field(self) -> &'static str {
        match self {
            EntityFacet::Person => "person_facet",
            EntityFacet::Org => "org_facet",
            EntityFacet::Place => "place_facet",
        }
    }
}

impl Index {
    /// The names of this kind in the articles matching `query` (every article
    /// when it is blank) that start with `prefix` (folded as facet labels are:
    /// `إدلب` and `ادلب` alike), with the number of articles naming each, most
    /// first, at most `limit`. With a prefix the counts are exact; without one,
    /// the names outside a segment's most counted are not counted in it.
    ///
    /// # Errors
    /// [`crate::IndexError::Query`] for a malformed query, engine errors.
    pub fn entity_counts(
        &self,
        kind: EntityFacet,
        query: &str,
        prefix: &str,
        limit: usize,
    ) -> Result<Vec<(String, u64)>> {
        let compiled: Box<dyn Query> = if query.trim().is_empty() {
            Box::new(AllQuery)
        } else {
            self.compile(query, &ParseOptions::default(), 1.0)?.query
        };
        let collector = NameCounter {
            field: kind.field(),
            prefix: facet_label(prefix).unwrap_or_default(),
            per_segment: limit.saturating_mul(3) / 2 + 10,
        };
        let mut names: Vec<(String, u64)> = self
            .tantivy_searcher()?
            .search(&compiled, &collector)?
            .into_iter()
            .collect();
        names.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        names.truncate(limit);
        Ok(names)
    }
}

/// Counts the names of one column over the matching documents.
struct NameCounter {
    field: &'static str,
    prefix: String,
    per_segment: usize,
}

struct SegmentNames {
    column: Option<StrColumn>,
    terms: Option<std::sync::Arc<tantivy::InvertedIndexReader>>,
    counts: Vec<u32>,
    prefix: String,
    per_segment: usize,
}

impl Collector for NameCounter {
    type Fruit = HashMap<String, u64>;
    type Child = SegmentNames;

    fn for_segment(&self, _: SegmentOrdinal, reader: &SegmentReader) -> tantivy::Result<SegmentNames> {
        let column = reader.fast_fields().str(self.field)?;
        let num_terms = column.as_ref().map_or(0, |c| c.dictionary().num_terms());
        // The inverted index holds the same terms in the same order when the
        // counts agree, and finds one by ordinal much faster.
        let terms = match reader.schema().get_field(self.field) {
            Ok(field) => Some(reader.inverted_index(field)?).filter(|i| i.terms().num_terms() == num_terms),
            Err(_) => None,
        };
        Ok(SegmentNames {
            column,
            terms,
            counts: vec![0; num_terms],
            prefix: self.prefix.clone(),
            per_segment: self.per_segment,
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<HashMap<String, u64>>) -> tantivy::Result<HashMap<String, u64>> {
        let mut all = HashMap::new();
        for fruit in fruits {
            for (name, n) in fruit {
                *all.entry(name).or_default() += n;
            }
        }
        Ok(all)
    }
}

impl SegmentNames {
    fn name(&self, ord: u64) -> Option<String> {
        let mut bytes = Vec::new();
        let found = match (&self.terms, &self.column) {
            (Some(terms), _) => terms.terms().ord_to_term(ord, &mut bytes).ok()?,
            (None, Some(column)) => column.dictionary().ord_to_term(ord, &mut bytes).ok()?,
            (None, None) => false,
        };
        found.then(|| String::from_utf8_lossy(&bytes).into_owned())
    }
}

impl SegmentCollector for SegmentNames {
    type Fruit = HashMap<String, u64>;

    fn collect(&mut self, doc: DocId, _: Score) {
        let Some(column) = &self.column else { return };
        let mut previous = u64::MAX;
        for ord in column.ords().values_for_doc(doc) {
            if ord != previous {
                if let Some(count) = usize::try_from(ord).ok().and_then(|o| self.counts.get_mut(o)) {
                    *count += 1;
                }
            }
            previous = ord;
        }
    }

    fn harvest(self) -> HashMap<String, u64> {
        let mut counted: Vec<(u64, u32)> = self
            .counts
            .iter()
            .enumerate()
            .filter(|(_, n)| **n > 0)
            .map(|(ord, n)| (ord as u64, *n))
            .collect();
        let mut found = HashMap::new();
        if self.prefix.is_empty() {
            counted.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            counted.truncate(self.per_segment);
            for (ord, n) in counted {
                if let Some(name) = self.name(ord) {
                    found.insert(name, u64::from(n));
                }
            }
        } else {
            // Names sort by ordinal: those with the prefix are one run of them.
            let first = counted.partition_point(|(ord, _)| self.name(*ord).is_some_and(|name| name < self.prefix));
            for (ord, n) in counted.iter().skip(first) {
                match self.name(*ord) {
                    Some(name) if name.starts_with(&self.prefix) => {
                        found.insert(name, u64::from(*n));
                    }
                    _ => break,
                }
            }
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use rasid_core::{Analysis, Article, ArticleEntities, Entity, EntityKind};

    use super::*;
    use crate::{Extraction, WriterOptions};

    fn entity(kind: EntityKind, name: &str) -> Entity {
        Entity {
            id: 0,
            kind,
            canonical: name.into(),
            name_en: None,
            mentions: vec![],
            role: None,
            place: None,
        }
    }

    #[test]
    fn counts_by_kind_query_and_prefix() {
        let dir = tempfile::tempdir().unwrap();
        let index = Index::create_or_open(dir.path()).unwrap();
        let mut writer = index.writer(WriterOptions::small(), "test").unwrap();
        // Each article names the places written in its title.
        writer.set_extractor(Arc::new(|article: &Article, _: &Analysis| {
            let entities = article
                .title
                .split(' ')
                .map(|w| entity(EntityKind::Loc, w))
                .chain([entity(EntityKind::Per, "لافروف")])
                .collect();
            Extraction {
                entities: ArticleEntities {
                    entities,
                    ..Default::default()
                },
                ..Default::default()
            }
        }));
        writer
            .add_batch(vec![
                Article::builder("دمشق إدلب", "محادثات").build(),
                Article::builder("دمشق حمص", "مباراة").build(),
                Article::builder("ادلب دمشق", "محادثات جديدة").build(),
            ])
            .unwrap();
        writer.finish().unwrap();
        let places = index.entity_counts(EntityFacet::Place, "", "", 10).unwrap();
        assert_eq!(places[0], ("دمشق".to_owned(), 3));
        assert_eq!(places[1], ("ادلب".to_owned(), 2), "spellings are one place: {places:?}");
        let with_d = index.entity_counts(EntityFacet::Place, "", "د", 10).unwrap();
        assert_eq!(with_d, vec![("دمشق".to_owned(), 3)]);
        let in_talks = index.entity_counts(EntityFacet::Place, "محادثات", "", 10).unwrap();
        assert_eq!(
            in_talks,
            vec![("ادلب".to_owned(), 2), ("دمشق".to_owned(), 2)],
            "حمص is not in a talks article"
        );
        let people = index.entity_counts(EntityFacet::Person, "", "", 10).unwrap();
        assert_eq!(people, vec![("لافروف".to_owned(), 3)]);
        assert!(index.entity_counts(EntityFacet::Org, "\"", "", 10).is_err());
    }
}
