//! Who appears with whom: the pairs of names (people, organisations, places)
//! that the same articles of a query name, with how many articles name both.
//!
//! Two passes over the matching articles, both on the name columns of
//! [`crate::facets::NAME_FIELDS`]: the first finds the most frequent names of
//! each kind (as the facets do), the second counts, for every article, the
//! pairs among those names that it holds. The work is bounded by the number of
//! names considered (at most [`MAX_NAMES`] of each kind, so at most a few
//! thousand pairs), whatever the number of matches.
//!
//! ```
//! use rasid_core::{Article, ArticleEntities, Entity, EntityKind};
//! use rasid_search::{Extractions, Index, SearchRequest, WriterOptions};
//!
//! let dir = tempfile::tempdir().unwrap();
//! let index = Index::create_or_open(dir.path()).unwrap();
//! let mut writer = index.writer(WriterOptions::small(), "doc test").unwrap();
//! let entity = |kind, name: &str| Entity { id: 0, kind, canonical: name.into(), key: String::new(),
//!     name_en: None, mentions: vec![], role: None, place: None, cameo: None };
//! let found = Extractions { entities: ArticleEntities { entities: vec![
//!     entity(EntityKind::Per, "لافروف"), entity(EntityKind::Loc, "موسكو")], ..Default::default() }, ..Default::default() };
//! writer.add_extracted(vec![(Article::builder("لافروف فى موسكو", "قال لافروف").build(), found)]).unwrap();
//! writer.finish().unwrap();
//!
//! let found = index.cooccurrence(&SearchRequest::new(""), 10, 10).unwrap();
//! assert_eq!(found.pairs.len(), 1);
//! assert_eq!(found.pairs[0].articles, 1);
//! ```

use std::collections::HashMap;

use serde::Serialize;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::StrColumn;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

use crate::error::Result;
use crate::facets::{named, NameCounts, NAME_FIELDS};
use crate::index::Index;
use crate::search::SearchRequest;

/// Most names of each kind considered.
pub const MAX_NAMES: usize = crate::facets::TOP_VALUES;

/// The kind of a name, as the facets and filters call it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum NameKind {
    /// A person (the `person` filter).
    Person,
    /// An organisation (the `org` filter).
    Org,
    /// A place (the `place` filter).
    Place,
}

impl NameKind {
    /// The kinds in the order of [`NAME_FIELDS`].
    pub const ALL: [NameKind; 3] = [NameKind::Person, NameKind::Org, NameKind::Place];
}

/// A name and the matching articles that name it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Name {
    /// The entity's identity key (a facet value: pass it back as the filter of its kind).
    pub key: String,
    /// The name it is shown with (the one most articles give it).
    pub name: String,
    /// Its kind.
    pub kind: NameKind,
    /// Matching articles naming it.
    pub articles: u64,
}

/// Two names and the matching articles that name both.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Pair {
    /// The more frequent of the two (index into [`CoOccurrence::names`]).
    pub a: usize,
    /// The other.
    pub b: usize,
    /// Matching articles naming both.
    pub articles: u64,
}

/// The names of a query's articles and the pairs they form.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct CoOccurrence {
    /// The names considered, most frequent first.
    pub names: Vec<Name>,
    /// The pairs, the most articles first (then by the names' order).
    pub pairs: Vec<Pair>,
}

impl Index {
    /// The pairs of names that the articles a search request selects name
    /// together: the `per_kind` most frequent names of each kind (at most
    /// [`MAX_NAMES`]) are considered, and the `top` pairs with the most
    /// articles returned. Paging, order, facets and snippets of the request
    /// are ignored.
    ///
    /// # Errors
    /// [`crate::IndexError::Query`] for a malformed query, filter or date,
    /// [`crate::IndexError::UnknownId`] for a `like` id not in the index, engine errors.
    pub fn cooccurrence(&self, request: &SearchRequest, per_kind: usize, top: usize) -> Result<CoOccurrence> {
        let query = self.selection_query(request, true)?;
        let searcher = self.tantivy_searcher()?;
        let counts = searcher.search(&query, &NameCounts::default())?;
        let per_kind = per_kind.min(MAX_NAMES);
        let mut names: Vec<Name> = Vec::new();
        for (kind, values) in NameKind::ALL.iter().zip(counts) {
            let values: Vec<(String, u64)> = values.into_iter().take(per_kind).collect();
            names.extend(named(&searcher, &values)?.into_iter().map(|v| Name {
                key: v.key,
                name: v.name,
                kind: *kind,
                articles: v.count,
            }));
        }
        names.sort_by(|x, y| {
            y.articles
                .cmp(&x.articles)
                .then_with(|| (x.kind, &x.key).cmp(&(y.kind, &y.key)))
        });
        if names.len() < 2 || top == 0 {
            return Ok(CoOccurrence {
                names,
                pairs: Vec::new(),
            });
        }
        let mut wanted: [Vec<(String, usize)>; 3] = Default::default();
        for (i, n) in names.iter().enumerate() {
            if let Some(slot) = NameKind::ALL
                .iter()
                .position(|k| *k == n.kind)
                .and_then(|k| wanted.get_mut(k))
            {
                slot.push((n.key.clone(), i));
            }
        }
        let counted = searcher.search(&query, &PairCounts { wanted })?;
        let mut pairs: Vec<Pair> = counted
            .into_iter()
            .map(|((a, b), n)| Pair {
                a: a.min(b),
                b: a.max(b),
                articles: n,
            })
            .collect();
        pairs.sort_by(|x, y| y.articles.cmp(&x.articles).then_with(|| (x.a, x.b).cmp(&(y.a, y.b))));
        pairs.truncate(top);
        Ok(CoOccurrence { names, pairs })
    }
}

/// Counts the pairs of the wanted names (per column: name and its index in
/// the answer) that each matching document holds.
struct PairCounts {
    wanted: [Vec<(String, usize)>; 3],
}

/// Pairs of name indexes and their counts.
type Pairs = HashMap<(usize, usize), u64>;

/// [`PairCounts`] in one segment.
struct PairSegment {
    /// Per column, the wanted names' term ordinals in it and their indexes.
    columns: Vec<(StrColumn, HashMap<u64, usize>)>,
    pairs: Pairs,
    /// Scratch: the wanted names of the current document.
    held: Vec<usize>,
}

impl Collector for PairCounts {
    type Fruit = Pairs;
    type Child = PairSegment;

    fn for_segment(&self, _: SegmentOrdinal, reader: &SegmentReader) -> tantivy::Result<PairSegment> {
        let mut columns = Vec::new();
        for (field, wanted) in NAME_FIELDS.iter().zip(&self.wanted) {
            if wanted.is_empty() {
                continue;
            }
            let Some(column) = reader.fast_fields().str(field)? else {
                continue;
            };
            let mut ords = HashMap::with_capacity(wanted.len());
            for (name, i) in wanted {
                if let Some(ord) = column.dictionary().term_ord(name.as_bytes())? {
                    ords.insert(ord, *i);
                }
            }
            if !ords.is_empty() {
                columns.push((column, ords));
            }
        }
        Ok(PairSegment {
            columns,
            pairs: HashMap::new(),
            held: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, segments: Vec<Pairs>) -> tantivy::Result<Pairs> {
        let mut sum = Pairs::new();
        for segment in segments {
            for (pair, n) in segment {
                *sum.entry(pair).or_default() += n;
            }
        }
        Ok(sum)
    }
}

impl SegmentCollector for PairSegment {
    type Fruit = Pairs;

    fn collect(&mut self, doc: DocId, _: Score) {
        self.held.clear();
        for (column, ords) in &self.columns {
            for ord in column.term_ords(doc) {
                if let Some(i) = ords.get(&ord) {
                    self.held.push(*i);
                }
            }
        }
        self.held.sort_unstable();
        self.held.dedup();
        for (k, a) in self.held.iter().enumerate() {
            for b in self.held.iter().skip(k + 1) {
                *self.pairs.entry((*a, *b)).or_default() += 1;
            }
        }
    }

    fn harvest(self) -> Pairs {
        self.pairs
    }
}

#[cfg(test)]
mod tests {
    use rasid_core::{Article, ArticleEntities, Entity, EntityKind};

    use super::*;
    use crate::{Extractions, WriterOptions};

    fn entity(kind: EntityKind, name: &str) -> Entity {
        Entity {
            id: 0,
            kind,
            canonical: name.into(),
            key: String::new(),
            name_en: None,
            mentions: vec![],
            role: None,
            place: None,
            cameo: None,
        }
    }

    fn names(found: &CoOccurrence, pair: &Pair) -> (String, String) {
        (found.names[pair.a].name.clone(), found.names[pair.b].name.clone())
    }

    #[test]
    fn counts_pairs_of_the_same_articles_only() {
        let dir = tempfile::tempdir().unwrap();
        let index = Index::create_or_open(dir.path()).unwrap();
        let mut writer = index.writer(WriterOptions::small(), "test").unwrap();
        let with = |title: &str, body: &str, people: &[&str], places: &[&str]| {
            let entities = people
                .iter()
                .map(|p| entity(EntityKind::Per, p))
                .chain(places.iter().map(|p| entity(EntityKind::Loc, p)))
                .collect();
            let found = Extractions {
                entities: ArticleEntities {
                    entities,
                    ..Default::default()
                },
                ..Default::default()
            };
            (Article::builder(title, body).build(), found)
        };
        writer
            .add_extracted(vec![
                with("محادثات ١", "محادثات فى استانا", &["لافروف", "ظريف"], &["استانا"]),
                with("محادثات ٢", "محادثات فى استانا", &["لافروف", "ظريف"], &["استانا"]),
                with("محادثات ٣", "محادثات فى جنيف", &["لافروف"], &["جنيف"]),
                with("مباراة", "مباراة الاهلى", &["صلاح", "ظريف"], &["القاهرة"]),
            ])
            .unwrap();
        writer.finish().unwrap();

        let found = index.cooccurrence(&SearchRequest::new("محادثات"), 10, 10).unwrap();
        assert_eq!(found.names[0].name, "لافروف");
        assert_eq!(found.names[0].articles, 3);
        let counted: Vec<((String, String), u64)> =
            found.pairs.iter().map(|p| (names(&found, p), p.articles)).collect();
        // Two articles name Lavrov, Zarif and Astana together; one Lavrov and Geneva.
        assert_eq!(counted.len(), 4, "{counted:?}");
        assert_eq!(counted[0].1, 2);
        assert!(counted.contains(&(("لافروف".into(), "ظريف".into()), 2)), "{counted:?}");
        assert!(counted.contains(&(("لافروف".into(), "جنيف".into()), 1)), "{counted:?}");
        // The match article only: Salah and Cairo are not in these results.
        assert!(!found.names.iter().any(|n| n.name == "صلاح"));

        // Every article: Zarif now also meets Salah.
        let all = index.cooccurrence(&SearchRequest::new(""), 10, 100).unwrap();
        assert!(all.pairs.iter().any(|p| {
            matches!(names(&all, p), (a, b) if (a == "ظريف" && b == "صلاح") || (a == "صلاح" && b == "ظريف"))
        }));
        // The top is bounded.
        let one = index.cooccurrence(&SearchRequest::new(""), 10, 1).unwrap();
        assert_eq!(one.pairs.len(), 1);
    }
}
