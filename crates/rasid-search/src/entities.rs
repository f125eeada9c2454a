//! The people, organisations and places named in the articles a query matches,
//! with how many articles name each: "who is in this story", and the names to
//! offer while someone types one.
//!
//! The counts come from the name columns that extraction gives each document
//! ([`crate::facets::NameCounts`]); unlike the facets of a search, every name is
//! considered, so a prefix finds names outside the top few.
//!
//! ```
//! use rasid_core::{Article, ArticleEntities, Entity, EntityKind};
//! use rasid_search::{EntityFacet, Extractions, Index, WriterOptions};
//!
//! let dir = tempfile::tempdir().unwrap();
//! let index = Index::create_or_open(dir.path()).unwrap();
//! let mut writer = index.writer(WriterOptions::small(), "doc test").unwrap();
//! let lavrov = Entity { id: 0, kind: EntityKind::Per, canonical: "سيرغى لافروف".into(), key: String::new(), name_en: None,
//!     mentions: vec![], role: None, place: None, cameo: None };
//! let found = Extractions { entities: ArticleEntities { entities: vec![lavrov], ..Default::default() }, ..Default::default() };
//! writer.add_extracted(vec![(Article::builder("لافروف فى موسكو", "قال لافروف").build(), found)]).unwrap();
//! writer.finish().unwrap();
//!
//! let people = index.entity_counts(EntityFacet::Person, "", "سيرغ", 10).unwrap();
//! assert_eq!(people.len(), 1);
//! assert_eq!((people[0].name.as_str(), people[0].count), ("سيرغي لافروف", 1));
//! assert_eq!(people[0].key, "PER:سيرغي لافروف", "an extraction without keys is keyed by its name");
//! ```

use crate::error::Result;
use crate::extraction::facet_label;
use crate::facets::{keys_with_prefix, named, EntityValue, NameCounts};
use crate::index::Index;
use crate::search::SearchRequest;

/// The kinds of names counted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EntityFacet {
    /// People (`/person`).
    Person,
    /// Organisations (`/org`).
    Org,
    /// Places (`/place`).
    Place,
}

impl EntityFacet {
    /// All kinds.
    pub const ALL: [EntityFacet; 3] = [EntityFacet::Person, EntityFacet::Org, EntityFacet::Place];
}

impl Index {
    /// The entities of this kind in the articles matching `query` (every article
    /// when it is blank) one of whose names has a word that starts with `prefix` (folded as facet
    /// labels are: `إدلب` and `ادلب` alike), counted by identity key, each with
    /// the name it is shown with and the number of articles naming it, most
    /// first, at most `limit`. The same as [`Index::entity_counts_for`] with a
    /// request holding only the query.
    ///
    /// # Errors
    /// [`crate::IndexError::Query`] for a malformed query, engine errors.
    pub fn entity_counts(
        &self,
        kind: EntityFacet,
        query: &str,
        prefix: &str,
        limit: usize,
    ) -> Result<Vec<EntityValue>> {
        self.entity_counts_for(kind, &SearchRequest::new(query), prefix, limit)
    }

    /// The entities of this kind in the articles a search request selects (its
    /// query, filters, `like`, ids and publication range; every article when it
    /// sets none) one of whose names has a word that starts with `prefix`, counted by identity
    /// key, with the number of articles naming each, most first, at most `limit`. Paging, order, facets and snippets are
    /// ignored.
    ///
    /// # Errors
    /// [`crate::IndexError::Query`] for a malformed query, filter or date,
    /// [`crate::IndexError::UnknownId`] for a `like` id not in the index, engine errors.
    pub fn entity_counts_for(
        &self,
        kind: EntityFacet,
        request: &SearchRequest,
        prefix: &str,
        limit: usize,
    ) -> Result<Vec<EntityValue>> {
        let compiled = self.selection_query(request, true)?;
        let prefix = facet_label(prefix).unwrap_or_default();
        let searcher = self.tantivy_searcher()?;
        let collector = if prefix.is_empty() {
            NameCounts::all()
        } else {
            let keys = keys_with_prefix(&searcher, &prefix)?;
            if keys.is_empty() {
                return Ok(Vec::new());
            }
            NameCounts::only(keys)
        };
        let [persons, orgs, places] = searcher.search(&compiled, &collector)?;
        let mut keys = match kind {
            EntityFacet::Person => persons,
            EntityFacet::Org => orgs,
            EntityFacet::Place => places,
        };
        keys.truncate(limit);
        Ok(named(&searcher, &keys)?)
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

    #[test]
    fn counts_by_kind_query_and_prefix() {
        let dir = tempfile::tempdir().unwrap();
        let index = Index::create_or_open(dir.path()).unwrap();
        let mut writer = index.writer(WriterOptions::small(), "test").unwrap();
        // Each article names the places written in its title.
        let extract = |article: &Article| {
            let entities = article
                .title
                .split(' ')
                .map(|w| entity(EntityKind::Loc, w))
                .chain([entity(EntityKind::Per, "لافروف")])
                .collect();
            Extractions {
                entities: ArticleEntities {
                    entities,
                    ..Default::default()
                },
                ..Default::default()
            }
        };
        let articles = [
            Article::builder("دمشق إدلب", "محادثات").build(),
            Article::builder("دمشق حمص", "مباراة").build(),
            Article::builder("ادلب دمشق", "محادثات جديدة").build(),
        ];
        writer
            .add_extracted(articles.into_iter().map(|a| (a.clone(), extract(&a))).collect())
            .unwrap();
        writer.finish().unwrap();
        let counts = |kind, query, prefix| -> Vec<(String, u64)> {
            index
                .entity_counts(kind, query, prefix, 10)
                .unwrap()
                .into_iter()
                .map(|v| (v.name, v.count))
                .collect()
        };
        let places = counts(EntityFacet::Place, "", "");
        assert_eq!(places[0], ("دمشق".to_owned(), 3));
        assert_eq!(places[1], ("ادلب".to_owned(), 2), "spellings are one place: {places:?}");
        let with_d = counts(EntityFacet::Place, "", "د");
        assert_eq!(with_d, vec![("دمشق".to_owned(), 3)]);
        let in_talks = counts(EntityFacet::Place, "محادثات", "");
        assert_eq!(
            in_talks,
            vec![("ادلب".to_owned(), 2), ("دمشق".to_owned(), 2)],
            "حمص is not in a talks article"
        );
        let people = counts(EntityFacet::Person, "", "");
        assert_eq!(people, vec![("لافروف".to_owned(), 3)]);
        assert!(index.entity_counts(EntityFacet::Org, "\"", "", 10).is_err());
    }
}
