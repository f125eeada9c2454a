//! Facet counts over the articles a query matches: sources, categories, months,
//! the people, organisations and places extraction found, and the event roots
//! and actor codes of the events.
//!
//! Sources, categories, months, event roots and actors are facet paths in one
//! facet field (`/source/<outlet>`, `/category/<section>`, `/month/<YYYY-MM>`,
//! `/event/<root>`, `/actor/<code>`, `/target/<code>`), counted exactly by
//! [`PathCounts`]: per term ordinal of the field's column, then every ordinal
//! counted read back in one pass over the column's dictionary. tantivy's own
//! `FacetCollector` reads each counted ordinal on its own, decompressing a
//! dictionary block (and making a new zstd context) for each: half the CPU of a
//! search on the 41k-article corpus (issue 19). People, organisations and places have
//! tens of thousands of distinct values, which that collector resolves one by one
//! (about a second for 8,000 matches of 20,000 articles); they are instead
//! raw-term fields that are both indexed and fast columns (`person_facet`,
//! `org_facet`, `place_facet`, each value an identity key,
//! [`crate::extraction::entity_key`]: `geonames:6252001` for `الولايات المتحدة`
//! and `أمريكا` alike, `PER:بتن` for `بوتين` and `بوتن`), counted by [`NameCounts`]: counts by term ordinal of the column in each
//! segment, then the most frequent of each segment resolved to names and summed.
//! The column's own dictionary finds a name only by decoding it from the start
//! of a large block (40 µs a name, a whole dictionary pass a query); the
//! inverted index's term dictionary (an FST) holds the same terms in the same
//! order and finds one in a few µs, so names are read from it when the two
//! agree on the number of terms, and from the column otherwise. As with a
//! search engine's terms aggregation, a value outside a segment's top
//! [`SEGMENT_TOP`] is not counted in that segment, so the counts of rare values
//! can be low on an index with many segments; the order of the frequent ones holds.
//!
//! A key is shown with a name: the folded canonical name most of the
//! documents with that key give it, read from the `entity_names` field, whose
//! terms are `KEY␟LABEL` ([`names_of`]: one range of the term dictionary per
//! key and segment, summing document frequencies, so the alias table is the
//! index itself and stays right through commits, deletes and merges). The
//! autocomplete finds keys by any of their names through `entity_labels`
//! (`LABEL␟KEY`, [`keys_with_prefix`]).
//!
//! The names read are kept between searches, as the same people and places
//! head the facets of most searches (reading them was a fifth of a search's
//! CPU): an ordinal's name by segment, which never changes it, and the name
//! a key is shown with for one set of segments and deletes, so that a commit,
//! a merge or a delete is seen at once. Each cache holds at most
//! [`MAX_CACHED_NAMES`] names.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::{Arc, LazyLock, Mutex, RwLock};

use serde::Serialize;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::StrColumn;
use tantivy::index::SegmentId;
use tantivy::schema::Field;
use tantivy::termdict::TermDictionary;
use tantivy::{DocId, Opstamp, Score, SegmentOrdinal, SegmentReader};

use crate::extraction::KEY_LABEL_SEP;

/// The roots counted in the facet field.
pub const ROOTS: [&str; 6] = ["/source", "/category", "/month", "/event", "/actor", "/target"];

/// The fast columns of entity names, in the order of [`FacetCounts::persons`],
/// [`FacetCounts::orgs`], [`FacetCounts::places`].
pub const NAME_FIELDS: [&str; 3] = ["person_facet", "org_facet", "place_facet"];

/// How many values of a facet are kept (most frequent first); months are all kept.
pub const TOP_VALUES: usize = 20;

/// How many names of each segment are resolved and summed: Elasticsearch's
/// default `shard_size` for a terms aggregation of [`TOP_VALUES`].
pub const SEGMENT_TOP: usize = TOP_VALUES * 3 / 2 + 10;

/// Counts per value, for each facet.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct FacetCounts {
    /// Matching articles per source, most first.
    pub sources: Vec<(String, u64)>,
    /// Matching articles per category, most first.
    pub categories: Vec<(String, u64)>,
    /// Matching articles per month (`YYYY-MM`), in date order.
    pub months: Vec<(String, u64)>,
    /// Matching articles per person named in them (by identity), most first.
    pub persons: Vec<EntityValue>,
    /// Matching articles per organisation named in them (by identity), most first.
    pub orgs: Vec<EntityValue>,
    /// Matching articles per place named in them (by identity), most first.
    pub places: Vec<EntityValue>,
    /// Matching articles per CAMEO root (`04`) of the events they report, most first.
    pub event_roots: Vec<(String, u64)>,
    /// Matching articles per source actor code (who acts) of their events, most first.
    pub actors: Vec<(String, u64)>,
    /// Matching articles per target actor code of their events, most first.
    pub targets: Vec<(String, u64)>,
}

/// One entity of a facet: its identity key, the name it is shown with, and
/// how many matching articles name it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct EntityValue {
    /// The identity key (`geonames:6252001`, `PER:سرجي لفرف`): what a filter takes.
    pub key: String,
    /// The folded canonical name most articles give it (`سيرغي لافروف`).
    pub name: String,
    /// Matching articles naming it.
    pub count: u64,
}

/// The collector of all facet counts: the facet field's paths and the names.
pub type FacetsCollector = (PathCounts, NameCounts);

/// What a [`FacetsCollector`] gathers.
pub type Gathered = (HashMap<String, u64>, [Vec<(String, u64)>; 3]);

/// A collector of the facet counts, on the schema's facet field and name columns.
pub fn collector(field_name: &str) -> FacetsCollector {
    (
        PathCounts {
            field: field_name.to_owned(),
        },
        NameCounts::default(),
    )
}

/// The counts a [`collector`] gathered, the keys named from `searcher`'s
/// `entity_names`.
///
/// # Errors
/// Reading the term dictionaries.
pub fn counts(searcher: &tantivy::Searcher, found: &Gathered) -> tantivy::Result<FacetCounts> {
    let (paths, [persons, orgs, places]) = found;
    // One pass over the paths, each to its root's list. A facet column's term
    // is the path's parts joined by NUL: `source\0aljazeera`.
    let mut values: [Vec<(String, u64)>; ROOTS.len()] = Default::default();
    for (path, n) in paths {
        let Some((root, value)) = path.split_once('\0') else {
            continue;
        };
        if value.contains('\0') {
            continue;
        }
        if let Some(list) = ROOTS
            .iter()
            .position(|r| r.strip_prefix('/') == Some(root))
            .and_then(|k| values.get_mut(k))
        {
            list.push((value.to_owned(), *n));
        }
    }
    let [sources, categories, mut months, event_roots, actors, targets] = values;
    months.sort();
    Ok(FacetCounts {
        sources: by_count(sources),
        categories: by_count(categories),
        months,
        persons: named(searcher, persons)?,
        orgs: named(searcher, orgs)?,
        places: named(searcher, places)?,
        event_roots: by_count(event_roots),
        actors: by_count(actors),
        targets: by_count(targets),
    })
}

/// Keys with their counts, named by [`names_of`].
///
/// # Errors
/// Reading the term dictionaries.
pub fn named(searcher: &tantivy::Searcher, keys: &[(String, u64)]) -> tantivy::Result<Vec<EntityValue>> {
    let names = names_of(searcher, keys.iter().map(|(k, _)| k.as_str()))?;
    Ok(keys
        .iter()
        .map(|(key, count)| EntityValue {
            name: names.get(key).cloned().unwrap_or_else(|| shown_key(key)),
            key: key.clone(),
            count: *count,
        })
        .collect())
}

/// What a key with no name in the index is shown as: the name part of a
/// `KIND:name` key, or the key itself.
fn shown_key(key: &str) -> String {
    match key.split_once(':') {
        Some((kind, name)) if ["PER", "ORG", "LOC", "MISC"].contains(&kind) => name.to_owned(),
        _ => key.to_owned(),
    }
}

/// The bounds of the terms of `field` that start with `prefix`.
fn prefix_range<'a>(
    reader: &'a tantivy::InvertedIndexReader,
    prefix: &[u8],
) -> std::io::Result<tantivy::termdict::TermStreamer<'a>> {
    let mut builder = reader.terms().range().ge(prefix);
    // The smallest byte string above every string starting with `prefix`.
    let mut end = prefix.to_vec();
    while let Some(last) = end.pop() {
        if last < u8::MAX {
            end.push(last + 1);
            builder = builder.lt(end);
            break;
        }
    }
    builder.into_stream()
}

/// The name each key is shown with: of the `KEY␟LABEL` terms of
/// `entity_names`, the label with the most documents (all segments summed;
/// ties: the longer, then the first in order).
///
/// # Errors
/// Reading the term dictionaries.
pub fn names_of<'k>(
    searcher: &tantivy::Searcher,
    keys: impl IntoIterator<Item = &'k str>,
) -> tantivy::Result<HashMap<String, String>> {
    let keys: Vec<&str> = keys.into_iter().collect();
    let mut out = HashMap::with_capacity(keys.len());
    if keys.is_empty() {
        return Ok(out);
    }
    let Ok(field) = searcher.schema().get_field("entity_names") else {
        return Ok(out);
    };
    let generation = searcher.generation().segments();
    let missing: Vec<&str> = {
        let mut cache = SHOWN_NAMES.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if &cache.0 != generation {
            *cache = (generation.clone(), HashMap::new());
        }
        keys.into_iter()
            .filter(|key| match cache.1.get(*key) {
                Some(name) => {
                    out.extend(name.clone().map(|name| ((*key).to_owned(), name)));
                    false
                }
                None => true,
            })
            .collect()
    };
    if missing.is_empty() {
        return Ok(out);
    }
    let readers = searcher
        .segment_readers()
        .iter()
        .map(|r| r.inverted_index(field))
        .collect::<tantivy::Result<Vec<_>>>()?;
    let mut read = Vec::with_capacity(missing.len());
    let mut counts: HashMap<String, u64> = HashMap::new();
    for key in missing {
        counts.clear();
        let prefix = format!("{key}{KEY_LABEL_SEP}");
        for reader in &readers {
            let mut stream = prefix_range(reader, prefix.as_bytes())?;
            while stream.advance() {
                let label = String::from_utf8_lossy(stream.key().get(prefix.len()..).unwrap_or_default()).into_owned();
                *counts.entry(label).or_default() += u64::from(stream.value().doc_freq);
            }
        }
        let best = counts
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then(a.0.len().cmp(&b.0.len())).then(b.0.cmp(a.0)))
            .map(|(label, _)| label.clone());
        if let Some(label) = &best {
            out.insert(key.to_owned(), label.clone());
        }
        read.push((key.to_owned(), best));
    }
    let mut cache = SHOWN_NAMES.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    if &cache.0 == generation {
        if cache.1.len() + read.len() > MAX_CACHED_NAMES {
            cache.1.clear();
        }
        cache.1.extend(read);
    }
    Ok(out)
}

/// The names keys were shown with ([`names_of`]), for the one set of
/// segments (and their deletes) they were read from: a commit, a merge or a
/// delete changes the counts of names, and empties the cache.
#[allow(clippy::type_complexity)]
static SHOWN_NAMES: LazyLock<Mutex<(BTreeMap<SegmentId, Option<Opstamp>>, HashMap<String, Option<String>>)>> =
    LazyLock::new(Mutex::default);

/// Most keys an autocomplete prefix selects.
const MAX_PREFIX_KEYS: usize = 10_000;

/// The keys of the entities one of whose names (folded: [`crate::extraction::facet_label`])
/// starts with `prefix`, from the `LABEL␟KEY` terms of `entity_labels` (at most
/// [`MAX_PREFIX_KEYS`]).
///
/// # Errors
/// Reading the term dictionaries.
pub fn keys_with_prefix(searcher: &tantivy::Searcher, prefix: &str) -> tantivy::Result<HashSet<String>> {
    let mut out = HashSet::new();
    let Ok(field) = searcher.schema().get_field("entity_labels") else {
        return Ok(out);
    };
    for segment in searcher.segment_readers() {
        let reader = segment.inverted_index(field)?;
        let mut stream = prefix_range(&reader, prefix.as_bytes())?;
        while stream.advance() && out.len() < MAX_PREFIX_KEYS {
            let term = String::from_utf8_lossy(stream.key());
            if let Some((_, key)) = term.split_once(KEY_LABEL_SEP) {
                out.insert(key.to_owned());
            }
        }
    }
    Ok(out)
}

/// Most frequent first, ties by value; the first [`TOP_VALUES`].
fn by_count(mut values: Vec<(String, u64)>) -> Vec<(String, u64)> {
    values.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    values.truncate(TOP_VALUES);
    values
}

/// Counts the keys of the [`NAME_FIELDS`] columns over the matching documents:
/// the most frequent of each, or with [`NameCounts::all`] every key, or with
/// [`NameCounts::only`] every key of a set.
#[derive(Clone, Debug, Default)]
pub struct NameCounts {
    /// Count every key (`Some`), those of the set only when it holds one.
    every: Option<Option<Arc<HashSet<String>>>>,
}

impl NameCounts {
    /// Counts every key, not only the most frequent; most frequent first.
    pub fn all() -> Self {
        NameCounts { every: Some(None) }
    }

    /// Counts every key of `keys` (from [`keys_with_prefix`]); most frequent first.
    pub fn only(keys: HashSet<String>) -> Self {
        NameCounts {
            every: Some(Some(Arc::new(keys))),
        }
    }
}

/// One name column of a segment.
struct NameColumn {
    /// Its segment and field: where its names are cached.
    segment: SegmentId,
    field: Field,
    column: StrColumn,
    /// The inverted index of the same field, when its term ordinals are the column's.
    terms: Option<std::sync::Arc<tantivy::InvertedIndexReader>>,
    /// Matching documents per term ordinal.
    counts: Vec<u32>,
    /// The ordinals counted, in the order first counted.
    counted: Vec<u32>,
}

/// [`NameCounts`] in one segment: per column, a count per term ordinal.
pub struct NameSegment {
    every: Option<Option<Arc<HashSet<String>>>>,
    columns: Vec<Option<NameColumn>>,
    /// Matching documents not counted yet: the columns are read a block at a time.
    docs: Vec<DocId>,
    /// Scratch space for reading a block.
    scratch: Block,
}

/// Documents read together.
const BLOCK: usize = 64;

/// Reused buffers for reading a block of documents' values.
#[derive(Default)]
struct Block {
    doc_ids: Vec<DocId>,
    row_ids: Vec<u32>,
    values: Vec<u64>,
}

impl NameColumn {
    /// The column `name` of a segment, if it has one; its names are read from
    /// the field's inverted index when `from_terms` and the two dictionaries
    /// have the same number of terms.
    fn of(reader: &SegmentReader, name: &str, from_terms: bool) -> tantivy::Result<Option<NameColumn>> {
        let (Some(column), Ok(field)) = (reader.fast_fields().str(name)?, reader.schema().get_field(name)) else {
            return Ok(None);
        };
        let num_terms = column.dictionary().num_terms();
        let terms = if from_terms {
            Some(reader.inverted_index(field)?).filter(|i| i.terms().num_terms() == num_terms)
        } else {
            None
        };
        Ok(Some(NameColumn {
            segment: reader.segment_id(),
            field,
            column,
            terms,
            counts: vec![0u32; num_terms],
            counted: Vec::new(),
        }))
    }

    /// Counts the values of `docs`.
    fn count(&mut self, docs: &[DocId], b: &mut Block) {
        let ords = self.column.ords();
        b.doc_ids.clear();
        b.row_ids.clear();
        ords.row_ids_for_docs(docs, &mut b.doc_ids, &mut b.row_ids);
        b.values.clear();
        b.values.resize(b.row_ids.len(), 0);
        ords.values.get_vals(&b.row_ids, &mut b.values);
        for ord in &b.values {
            if let Some(count) = usize::try_from(*ord).ok().and_then(|i| self.counts.get_mut(i)) {
                if *count == 0 {
                    self.counted.push(*ord as u32);
                }
                *count += 1;
            }
        }
    }

    /// The `limit` most counted values, with their counts, in ordinal order.
    fn names(&self, limit: usize) -> Vec<(String, u64)> {
        let top = top_ords(&self.counts, &self.counted, limit);
        let key = |ord: u32| (self.segment, self.field, ord);
        // Most names were read by an earlier search: look them up under the
        // shared lock, and take the exclusive one only to add those that were not.
        let mut out = Vec::with_capacity(top.len());
        let mut missing = Vec::new();
        {
            let cache = ORD_NAMES.read().unwrap_or_else(std::sync::PoisonError::into_inner);
            for &(ord, n) in &top {
                match cache.get(&key(ord)) {
                    Some(name) => out.push((ord, name.to_string(), n)),
                    None => missing.push((ord, n)),
                }
            }
        }
        if !missing.is_empty() {
            let ords: Vec<u32> = missing.iter().map(|(ord, _)| *ord).collect();
            let read = match &self.terms {
                Some(index) => names_from_terms(index.terms(), &ords),
                None => names_from_column(&self.column, &ords),
            };
            if read.len() != ords.len() {
                // An unreadable dictionary counts nothing rather than miscounting.
                return Vec::new();
            }
            let mut cache = ORD_NAMES.write().unwrap_or_else(std::sync::PoisonError::into_inner);
            if cache.len() + read.len() > MAX_CACHED_NAMES {
                cache.clear();
            }
            for ((ord, n), name) in missing.into_iter().zip(read) {
                cache.insert(key(ord), Arc::from(name.as_str()));
                out.push((ord, name, n));
            }
            out.sort_unstable_by_key(|(ord, _, _)| *ord);
        }
        out.into_iter().map(|(_, name, n)| (name, n)).collect()
    }
}

impl NameSegment {
    /// Counts the values of the buffered documents.
    fn flush(&mut self) {
        for c in self.columns.iter_mut().flatten() {
            c.count(&self.docs, &mut self.scratch);
        }
        self.docs.clear();
    }
}

impl Collector for NameCounts {
    type Fruit = [Vec<(String, u64)>; 3];
    type Child = NameSegment;

    fn for_segment(&self, _: SegmentOrdinal, reader: &SegmentReader) -> tantivy::Result<NameSegment> {
        let columns = NAME_FIELDS
            .iter()
            .map(|name| NameColumn::of(reader, name, true))
            .collect::<tantivy::Result<Vec<_>>>()?;
        Ok(NameSegment {
            every: self.every.clone(),
            columns,
            docs: Vec::with_capacity(BLOCK),
            scratch: Block::default(),
        })
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
        Ok(sums.map(|sum| {
            let mut values: Vec<(String, u64)> = sum.into_iter().collect();
            values.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            if self.every.is_none() {
                values.truncate(TOP_VALUES);
            }
            values
        }))
    }
}

impl SegmentCollector for NameSegment {
    type Fruit = [Vec<(String, u64)>; 3];

    fn collect(&mut self, doc: DocId, _: Score) {
        self.docs.push(doc);
        if self.docs.len() == BLOCK {
            self.flush();
        }
    }

    fn harvest(mut self) -> Self::Fruit {
        self.flush();
        let mut out: Self::Fruit = Default::default();
        for (slot, column) in out.iter_mut().zip(self.columns) {
            if let Some(c) = column {
                let limit = if self.every.is_some() { usize::MAX } else { SEGMENT_TOP };
                let names = c.names(limit);
                *slot = match &self.every {
                    Some(Some(keys)) => names.into_iter().filter(|(key, _)| keys.contains(key)).collect(),
                    _ => names,
                };
            }
        }
        out
    }
}

/// Counts the paths of a facet field over the matching documents, every
/// path exactly: the terms of the field's column (a path's parts joined by
/// NUL) with their documents.
#[derive(Clone, Debug)]
pub struct PathCounts {
    /// The facet field.
    pub field: String,
}

/// [`PathCounts`] in one segment.
pub struct PathSegment {
    column: Option<NameColumn>,
    docs: Vec<DocId>,
    scratch: Block,
}

impl Collector for PathCounts {
    type Fruit = HashMap<String, u64>;
    type Child = PathSegment;

    fn for_segment(&self, _: SegmentOrdinal, reader: &SegmentReader) -> tantivy::Result<PathSegment> {
        Ok(PathSegment {
            // The inverted index of a facet field also holds every path's
            // ancestors, so its ordinals are not the column's.
            column: NameColumn::of(reader, &self.field, false)?,
            docs: Vec::with_capacity(BLOCK),
            scratch: Block::default(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, segments: Vec<Self::Fruit>) -> tantivy::Result<Self::Fruit> {
        let mut sum = HashMap::new();
        for (path, n) in segments.into_iter().flatten() {
            *sum.entry(path).or_default() += n;
        }
        Ok(sum)
    }
}

impl SegmentCollector for PathSegment {
    type Fruit = HashMap<String, u64>;

    fn collect(&mut self, doc: DocId, _: Score) {
        self.docs.push(doc);
        if self.docs.len() == BLOCK {
            if let Some(c) = &mut self.column {
                c.count(&self.docs, &mut self.scratch);
            }
            self.docs.clear();
        }
    }

    fn harvest(mut self) -> Self::Fruit {
        let Some(c) = &mut self.column else {
            return HashMap::new();
        };
        c.count(&self.docs, &mut self.scratch);
        c.names(usize::MAX).into_iter().collect()
    }
}

/// The names of term ordinals read before, by segment and field: the same
/// people and places head the facets of most searches, and a segment's
/// ordinals never change. Emptied when it holds [`MAX_CACHED_NAMES`].
#[allow(clippy::type_complexity)]
static ORD_NAMES: LazyLock<RwLock<OrdNames>> = LazyLock::new(RwLock::default);

/// [`ORD_NAMES`]' map: looked up for every value a search counts, so hashed
/// with foldhash rather than SipHash (the keys are the index's own).
type OrdNames = HashMap<(SegmentId, Field, u32), Arc<str>, foldhash::fast::RandomState>;

/// The most names [`ORD_NAMES`] and [`SHOWN_NAMES`] each hold.
pub const MAX_CACHED_NAMES: usize = 100_000;

/// The `limit` most frequent of the `counted` term ordinals, with their
/// counts (ordinal, count), in ordinal order.
fn top_ords(counts: &[u32], counted: &[u32], limit: usize) -> Vec<(u32, u64)> {
    let mut top: Vec<(u64, u32)> = counted
        .iter()
        .filter_map(|&ord| Some((u64::from(*counts.get(ord as usize)?), ord)))
        .collect();
    if top.len() > limit && limit > 0 {
        top.select_nth_unstable_by(limit - 1, |a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        top.truncate(limit);
    }
    top.sort_by_key(|(_, ord)| *ord);
    top.into_iter().map(|(n, ord)| (ord, n)).collect()
}

/// The names of these ordinals, from the inverted index's term dictionary
/// (none when one cannot be read).
fn names_from_terms(terms: &TermDictionary, ords: &[u32]) -> Vec<String> {
    let mut bytes = Vec::new();
    let mut out = Vec::with_capacity(ords.len());
    for ord in ords {
        bytes.clear();
        if !matches!(terms.ord_to_term(u64::from(*ord), &mut bytes), Ok(true)) {
            return Vec::new();
        }
        out.push(String::from_utf8_lossy(&bytes).into_owned());
    }
    out
}

/// The names of these ordinals (in ordinal order), from the column's
/// dictionary, read in one pass (none when it cannot be read).
fn names_from_column(column: &StrColumn, ords: &[u32]) -> Vec<String> {
    let ords: Vec<u64> = ords.iter().map(|ord| u64::from(*ord)).collect();
    let mut names = Vec::with_capacity(ords.len());
    let read = column
        .dictionary()
        .sorted_ords_to_term_cb(&ords, |bytes| names.push(String::from_utf8_lossy(bytes).into_owned()));
    if !matches!(read, Ok(true)) || names.len() != ords.len() {
        return Vec::new();
    }
    names
}

#[cfg(test)]
mod tests {
    use rasid_core::{Article, ArticleEntities, Entity, EntityKind};

    use super::*;
    use crate::{Index, WriterOptions};
    use rasid_core::Extractions;

    fn person(name: &str) -> Entity {
        Entity {
            id: 0,
            kind: EntityKind::Per,
            canonical: name.into(),
            key: String::new(),
            name_en: None,
            mentions: vec![],
            role: None,
            place: None,
            cameo: None,
        }
    }

    /// The paths are counted as tantivy's `FacetCollector` counts them, over
    /// several segments, deletes and a merge, without resolving each ordinal on
    /// its own.
    #[test]
    fn path_counts_equal_tantivys_facet_collector() {
        let dir = tempfile::tempdir().unwrap();
        let index = Index::create_or_open(dir.path()).unwrap();
        let mut writer = index.writer(WriterOptions::small(), "test").unwrap();
        let articles: Vec<Article> = (0..30)
            .map(|i| {
                Article::builder(format!("عنوان {i}"), format!("نص الخبر رقم {i} عن الاقتصاد"))
                    .source(["spa", "okaz", "alriyadh"][i % 3])
                    .category(["محليات", "اقتصاد"][i % 2])
                    .published(
                        format!("2024-0{}-15T10:00", 1 + i % 5)
                            .parse::<rasid_core::Timestamp>()
                            .unwrap(),
                    )
                    .build()
            })
            .collect();
        for batch in articles.chunks(7) {
            writer.add_batch(batch.to_vec()).unwrap();
            writer.commit().unwrap();
        }
        writer.delete(&articles[4].id).unwrap();
        writer.finish().unwrap();

        let check = || {
            let searcher = index.tantivy_searcher().unwrap();
            let query = tantivy::query::AllQuery;
            let ours = counts(&searcher, &searcher.search(&query, &collector("facets")).unwrap()).unwrap();
            let mut theirs = tantivy::collector::FacetCollector::for_field("facets");
            for root in ROOTS {
                theirs.add_facet(root);
            }
            let theirs = searcher.search(&query, &theirs).unwrap();
            let of = |root: &str| -> Vec<(String, u64)> {
                let mut values: Vec<(String, u64)> = theirs
                    .get(root)
                    .map(|(facet, n)| (facet.to_path().last().unwrap().to_string(), n))
                    .collect();
                values.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
                values
            };
            assert_eq!(ours.sources, of("/source"));
            assert_eq!(ours.categories, of("/category"));
            let mut months = of("/month");
            months.sort();
            assert_eq!(ours.months, months);
            assert_eq!(ours.sources.iter().map(|(_, n)| n).sum::<u64>(), 29);
            assert_eq!(ours.months.len(), 5);
        };
        check();
        let mut merger: tantivy::IndexWriter<crate::schema::IndexDoc> = index.tantivy().writer(15_000_000).unwrap();
        let ids = index.tantivy().searchable_segment_ids().unwrap();
        merger.merge(&ids).wait().unwrap();
        merger.wait_merging_threads().unwrap();
        check();
    }

    /// The counts read names from the inverted index by the column's ordinals:
    /// both dictionaries must hold the same terms in the same order, also after
    /// deletes and a merge.
    #[test]
    fn column_and_term_dictionary_ordinals_agree() {
        let dir = tempfile::tempdir().unwrap();
        let index = Index::create_or_open(dir.path()).unwrap();
        let mut writer = index.writer(WriterOptions::small(), "test").unwrap();
        let extract = |article: &Article| Extractions {
            entities: ArticleEntities {
                entities: article.body.split(' ').map(person).collect(),
                ..ArticleEntities::default()
            },
            ..Extractions::default()
        };
        let bodies = ["زيد عمرو", "عمرو بكر", "خالد", "بكر سعد"];
        let articles: Vec<Article> = bodies.iter().map(|b| Article::builder(*b, *b).build()).collect();
        // Three segments, the second with a document deleted below.
        for batch in [&articles[..1], &articles[1..3], &articles[3..]] {
            writer
                .add_extracted(batch.iter().map(|a| (a.clone(), extract(a))).collect())
                .unwrap();
            writer.commit().unwrap();
        }
        writer.delete(&articles[2].id).unwrap();
        writer.finish().unwrap();

        let check = |expect_segments: usize| {
            let searcher = index.tantivy_searcher().unwrap();
            assert_eq!(searcher.segment_readers().len(), expect_segments);
            for reader in searcher.segment_readers() {
                let field = reader.schema().get_field(NAME_FIELDS[0]).unwrap();
                let column = reader.fast_fields().str(NAME_FIELDS[0]).unwrap().unwrap();
                let inverted = reader.inverted_index(field).unwrap();
                assert_eq!(inverted.terms().num_terms(), column.dictionary().num_terms());
                for ord in 0..column.dictionary().num_terms() as u64 {
                    let (mut a, mut b) = (Vec::new(), String::new());
                    inverted.terms().ord_to_term(ord, &mut a).unwrap();
                    column.ord_to_str(ord, &mut b).unwrap();
                    assert_eq!(String::from_utf8(a).unwrap(), b, "ordinal {ord}");
                }
            }
            let persons: Vec<(String, u64)> = index
                .stats()
                .unwrap()
                .facets
                .persons
                .into_iter()
                .map(|v| (v.name, v.count))
                .collect();
            assert_eq!(
                persons,
                vec![
                    ("بكر".to_owned(), 2),
                    ("عمرو".to_owned(), 2),
                    ("زيد".to_owned(), 1),
                    ("سعد".to_owned(), 1)
                ]
            );
        };
        check(3);
        let mut merger: tantivy::IndexWriter<crate::schema::IndexDoc> = index.tantivy().writer(15_000_000).unwrap();
        let ids = index.tantivy().searchable_segment_ids().unwrap();
        merger.merge(&ids).wait().unwrap();
        merger.wait_merging_threads().unwrap();
        check(1);
    }
}
