//! Events in the index: the terms that find articles by their events, and the
//! events themselves deduplicated across articles with their mentions (GDELT's
//! events and mentions tables), and dyad counts (who acts on whom, how often).
//!
//! # One event, many mentions
//!
//! The same event told by syndicated copies and follow-ups is one event. Two
//! event mentions are the same event when they agree on its **key**:
//!
//! - the source actor code (empty when the source is absent or uncoded),
//! - the CAMEO event code,
//! - the target actor code (empty when absent or uncoded),
//! - the day: the event's own date when it is a whole day (`2017-12-21`),
//!   else the publication day of the article that reports it, else none,
//! - the place, where one is given (its GeoNames id, else its name as written),
//! - the modality: a denied or threatened attack is not the attack.
//!
//! A deduplicated event's id is a hash of its key (FNV-1a, 53 bits so that
//! JavaScript reads it exactly): the same event has the same id in every
//! listing, export and filter. Events are listed by day (undated last), then
//! by id.
//!
//! ```
//! use rasid_core::{Actor, Article, Event, Extractions, Modality, QuadClass, Span, TextPart, Trigger};
//! use rasid_search::events::{EventFilter, EventsRequest};
//! use rasid_search::{Index, SearchRequest, WriterOptions};
//!
//! let event = Event {
//!     part: TextPart::Body, sentence: Span::new(0, 10),
//!     source: Some(Actor::coded(Span::new(0, 4), "الجيش", "SYRMIL")),
//!     action: Trigger { span: Span::new(5, 9), text: "قصف".into() },
//!     target: Some(Actor::coded(Span::new(9, 10), "المعارضة", "SYRREB")),
//!     code: "195".into(), plover: Some("ASSAULT".into()), plover_mode: None,
//!     quad_class: QuadClass::MaterialConflict, goldstein: -10.0,
//!     place: None, date: None, modality: Modality::Asserted, reported: false, quote: None, confidence: 0.9,
//! };
//! let dir = tempfile::tempdir().unwrap();
//! let index = Index::create_or_open(dir.path()).unwrap();
//! let mut writer = index.writer(WriterOptions::small(), "doc test").unwrap();
//! let copies: Vec<_> = ["youm7", "ahram"].iter().map(|source| {
//!     let article = Article::builder("قصف", "قصف الجيش المعارضة").source(*source)
//!         .published("2017-12-21T10:00".parse::<rasid_core::Timestamp>().unwrap()).build();
//!     (article, Extractions { events: vec![event.clone()], ..Extractions::default() })
//! }).collect();
//! writer.add_extracted(copies).unwrap();
//! writer.finish().unwrap();
//!
//! let mut request = EventsRequest::new(SearchRequest::new(""));
//! request.filter = EventFilter { codes: vec!["19".into()], ..EventFilter::default() };
//! let list = index.events(&request).unwrap();
//! assert_eq!(list.total, 1);
//! assert_eq!((list.events[0].num_mentions, list.events[0].num_sources), (2, 2));
//! ```

use std::collections::{BTreeMap, BTreeSet, HashMap};

use rasid_core::{Event, Modality, Span, TextPart};
use serde::{Deserialize, Serialize};
use tantivy::collector::{Count, TopDocs};
use tantivy::schema::Value;
use tantivy::{DateTime, Order, TantivyDocument};

use crate::error::Result;
use crate::index::Index;
use crate::search::SearchRequest;

/// The search terms of a CAMEO code as typed: trimmed, any digits as ASCII.
pub fn code_term(text: &str) -> String {
    text.trim()
        .chars()
        .map(|c| match c {
            '\u{0660}'..='\u{0669}' => char::from_digit(u32::from(c) - 0x0660, 10).unwrap_or(c),
            '\u{06F0}'..='\u{06F9}' => char::from_digit(u32::from(c) - 0x06F0, 10).unwrap_or(c),
            c => c,
        })
        .collect()
}

/// An actor code as typed: trimmed, upper case (`syrgov` → `SYRGOV`).
pub fn actor_term(text: &str) -> String {
    text.trim().to_ascii_uppercase()
}

/// A dyad as typed: `syrgov > syrreb` → `SYRGOV>SYRREB`.
pub fn dyad_term(text: &str) -> String {
    match text.split_once('>') {
        Some((source, target)) => format!("{}>{}", actor_term(source), actor_term(target)),
        None => actor_term(text),
    }
}

/// The index terms of an article's events (each list sorted, without repeats).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EventTerms {
    /// Every code and its prefixes of two digits or more.
    pub codes: BTreeSet<String>,
    /// The CAMEO roots (two digits).
    pub roots: BTreeSet<String>,
    /// Source actor codes and their countries.
    pub actors: BTreeSet<String>,
    /// Target actor codes and their countries.
    pub targets: BTreeSet<String>,
    /// The source codes as coded (facet values).
    pub source_codes: BTreeSet<String>,
    /// The target codes as coded (facet values).
    pub target_codes: BTreeSet<String>,
    /// `SOURCE>TARGET` of events with both codes.
    pub dyads: BTreeSet<String>,
}

/// What the index holds of an article's events.
pub fn event_terms(events: &[Event]) -> EventTerms {
    let mut terms = EventTerms::default();
    for event in events {
        let code = code_term(&event.code);
        if code.is_empty() {
            continue;
        }
        for end in 2..=code.len() {
            if let Some(prefix) = code.get(..end) {
                terms.codes.insert(prefix.to_owned());
            }
        }
        terms.roots.insert(code.get(..2).unwrap_or(&code).to_owned());
        let source = actor_code(event.source.as_ref());
        let target = actor_code(event.target.as_ref());
        for (code, all, coded) in [
            (&source, &mut terms.actors, &mut terms.source_codes),
            (&target, &mut terms.targets, &mut terms.target_codes),
        ] {
            if code.is_empty() {
                continue;
            }
            all.insert(code.clone());
            coded.insert(code.clone());
            if let Some(country) = country_of(code) {
                all.insert(country.to_owned());
            }
        }
        if !source.is_empty() && !target.is_empty() {
            terms.dyads.insert(format!("{source}>{target}"));
        }
    }
    terms
}

/// An actor's code as the index holds it; empty when absent or uncoded.
fn actor_code(actor: Option<&rasid_core::Actor>) -> String {
    actor.map(|a| actor_term(&a.code)).unwrap_or_default()
}

/// The country of an actor code (`SYR` of `SYRGOV`), as [`rasid_core::Actor::country`] reads it.
fn country_of(code: &str) -> Option<&str> {
    let country = code.get(..3)?;
    (code.len() > 3
        && country.bytes().all(|b| b.is_ascii_uppercase())
        && !matches!(country, "IGO" | "NGO" | "UNO" | "IMG"))
    .then_some(country)
}

/// Which events of the selected articles to keep; every value given must hold.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventFilter {
    /// CAMEO codes: the event's code must start with each (`04` keeps `046`).
    #[serde(default)]
    pub codes: Vec<String>,
    /// Source actor codes (who acts): the code, or its country (`SYR`).
    #[serde(default)]
    pub actors: Vec<String>,
    /// Target actor codes: the code, or its country.
    #[serde(default)]
    pub targets: Vec<String>,
}

impl EventFilter {
    /// True when nothing is filtered.
    pub fn is_empty(&self) -> bool {
        self.codes.is_empty() && self.actors.is_empty() && self.targets.is_empty()
    }

    /// Whether the event passes.
    pub fn keeps(&self, event: &Event) -> bool {
        let code = code_term(&event.code);
        let actor_matches = |wanted: &str, actor: Option<&rasid_core::Actor>| {
            let have = actor_code(actor);
            let wanted = actor_term(wanted);
            !have.is_empty() && (have == wanted || country_of(&have) == Some(wanted.as_str()))
        };
        self.codes.iter().all(|c| code.starts_with(code_term(c).as_str()))
            && self.actors.iter().all(|a| actor_matches(a, event.source.as_ref()))
            && self.targets.iter().all(|t| actor_matches(t, event.target.as_ref()))
    }

    /// The same filter on articles, for the index to select them.
    pub fn apply_to(&self, filters: &mut crate::Filters) {
        filters.events.extend(self.codes.iter().cloned());
        filters.actors.extend(self.actors.iter().cloned());
        filters.targets.extend(self.targets.iter().cloned());
    }
}

/// A listing of events.
#[derive(Clone, Debug, PartialEq)]
pub struct EventsRequest {
    /// The articles: query, publication dates, filters, ids (its paging and
    /// facet settings are not used).
    pub search: SearchRequest,
    /// Which of their events.
    pub filter: EventFilter,
    /// Events to skip.
    pub offset: usize,
    /// Events to return; `None`: all.
    pub limit: Option<usize>,
    /// Read at most this many articles (the newest); `None`: all.
    pub max_articles: Option<usize>,
}

impl EventsRequest {
    /// Every event of the articles `search` selects.
    pub fn new(search: SearchRequest) -> Self {
        EventsRequest {
            search,
            filter: EventFilter::default(),
            offset: 0,
            limit: None,
            max_articles: None,
        }
    }
}

/// An actor of a deduplicated event.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct EventActor {
    /// The CAMEO actor code (empty when uncoded).
    pub code: String,
    /// The name as most mentions write it (ties: the first in text order).
    pub name: String,
    /// Its country code (`SYR`), when the code has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
}

/// Where a deduplicated event took place.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct EventPlaceRef {
    /// The name as written.
    pub name: String,
    /// Its GeoNames id, when linked.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub geonames_id: Option<u32>,
    /// ISO alpha-2 code of its country, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
}

/// One article's telling of an event (a row of GDELT's mentions table).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EventMention {
    /// The article.
    pub article: String,
    /// The index of the event among the article's events.
    pub index: usize,
    /// The article's outlet.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    /// The article's URL.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Its publication time as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    /// Title or body.
    pub part: TextPart,
    /// The sentence, in bytes of the part.
    pub sentence: Span,
    /// The action's words, in bytes of the part.
    pub action: Span,
    /// The action as written.
    pub action_text: String,
    /// Reported as someone else's claim.
    pub reported: bool,
    /// The coder's confidence.
    pub confidence: f32,
}

/// One event, however many articles tell it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EventRecord {
    /// A hash of the event's key: the same in every listing.
    pub id: u64,
    /// The day (`YYYY-MM-DD`), when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub day: Option<String>,
    /// Who acts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<EventActor>,
    /// On whom.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<EventActor>,
    /// The CAMEO code.
    pub code: String,
    /// Its first three digits.
    pub base_code: String,
    /// Its root, two digits.
    pub root_code: String,
    /// PLOVER category, when any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plover: Option<String>,
    /// GDELT's quad class, 1 to 4.
    pub quad_class: u8,
    /// Goldstein score of the code.
    pub goldstein: f32,
    /// Asserted, negated, threatened or intended.
    pub modality: Modality,
    /// Where, when given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub place: Option<EventPlaceRef>,
    /// True when a mention is in a headline or a body's first sentence
    /// (GDELT's IsRootEvent: told in the lead).
    pub root_event: bool,
    /// Mentions in all.
    pub num_mentions: usize,
    /// Distinct outlets that mention it.
    pub num_sources: usize,
    /// Distinct articles that mention it.
    pub num_articles: usize,
    /// The URL of the first article (by publication, then id) that tells it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_url: Option<String>,
    /// Every mention, by publication time then article id.
    pub mentions: Vec<EventMention>,
}

/// Events of a selection.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EventList {
    /// Distinct events that pass the filters.
    pub total: usize,
    /// Their mentions.
    pub mentions: usize,
    /// Articles that matched the query.
    pub articles_matched: usize,
    /// Articles read (fewer than matched when `max_articles` cut them).
    pub articles_read: usize,
    /// The requested page of events.
    pub events: Vec<EventRecord>,
}

/// Source → target counts, in all and by month.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Dyads {
    /// One cell per source, target and quad class: events, most first.
    pub cells: Vec<DyadCell>,
    /// The same by month (`YYYY-MM` of the event's day), for the cells kept, in date order.
    pub months: Vec<DyadMonth>,
    /// The sources of the cells kept, most events first.
    pub sources: Vec<String>,
    /// The targets of the cells kept, most events first.
    pub targets: Vec<String>,
    /// Events with both a source and a target code.
    pub events: usize,
}

/// Events from one source on one target, of one quad class.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DyadCell {
    /// Source actor code.
    pub source: String,
    /// Target actor code.
    pub target: String,
    /// Quad class, 1 to 4.
    pub quad_class: u8,
    /// Distinct events.
    pub count: usize,
    /// Their mentions.
    pub mentions: usize,
}

/// A [`DyadCell`] in one month.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DyadMonth {
    /// `YYYY-MM`.
    pub month: String,
    /// Source actor code.
    pub source: String,
    /// Target actor code.
    pub target: String,
    /// Quad class, 1 to 4.
    pub quad_class: u8,
    /// Distinct events.
    pub count: usize,
}

/// An article's events as stored, with what the listing needs of the article.
#[derive(Clone, Debug)]
pub struct ArticleEvents {
    /// Its id.
    pub id: String,
    /// Its outlet.
    pub outlet: Option<String>,
    /// Its URL.
    pub url: Option<String>,
    /// Its publication time as written.
    pub published: Option<String>,
    /// Its events.
    pub events: Vec<Event>,
}

/// Only the events of a stored extraction (the rest is skipped, not built).
#[derive(Deserialize)]
struct StoredEvents {
    #[serde(default)]
    events: Vec<Event>,
}

/// The key of an event (see the module documentation).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
struct Key {
    source: String,
    code: String,
    target: String,
    day: Option<String>,
    place: Option<String>,
    modality: &'static str,
}

impl Key {
    fn of(event: &Event, published: Option<&str>) -> Key {
        let day = event
            .date
            .as_ref()
            .map(|d| d.value.as_str())
            .filter(|v| is_day(v))
            .or_else(|| published.and_then(|p| p.get(..10)).filter(|v| is_day(v)))
            .map(str::to_owned);
        let place = event.place.as_ref().map(|p| match p.geonames_id {
            Some(id) => id.to_string(),
            None => p.text.trim().to_owned(),
        });
        Key {
            source: actor_code(event.source.as_ref()),
            code: code_term(&event.code),
            target: actor_code(event.target.as_ref()),
            day,
            place,
            modality: match event.modality {
                Modality::Asserted => "asserted",
                Modality::Negated => "negated",
                Modality::Threatened => "threatened",
                Modality::Intended => "intended",
            },
        }
    }

    /// FNV-1a of the key's fields, kept to 53 bits.
    fn id(&self) -> u64 {
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        let fields = [
            self.source.as_str(),
            self.code.as_str(),
            self.target.as_str(),
            self.day.as_deref().unwrap_or(""),
            self.place.as_deref().unwrap_or(""),
            self.modality,
        ];
        for field in fields {
            for byte in field.bytes().chain([0x1f]) {
                hash ^= u64::from(byte);
                hash = hash.wrapping_mul(0x0100_0000_01b3);
            }
        }
        hash & ((1 << 53) - 1)
    }
}

/// The id of the deduplicated event a mention belongs to (see the module
/// documentation), given the publication time of its article as written.
pub fn event_id(event: &Event, published: Option<&str>) -> u64 {
    Key::of(event, published).id()
}

/// The day of the deduplicated event a mention belongs to: its own date when a
/// whole day, else its article's publication day.
pub fn event_day(event: &Event, published: Option<&str>) -> Option<String> {
    Key::of(event, published).day
}

/// `YYYY-MM-DD`.
fn is_day(value: &str) -> bool {
    value.len() == 10
        && value.bytes().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                c == b'-'
            } else {
                c.is_ascii_digit()
            }
        })
}

/// Deduplicates the events of these articles that pass `filter`; events in
/// day order (undated last), then by id.
pub fn deduplicate(articles: &[ArticleEvents], filter: &EventFilter) -> Vec<EventRecord> {
    struct Group {
        key: Key,
        events: Vec<(usize, usize)>,
    }
    let mut groups: HashMap<Key, Group> = HashMap::new();
    for (a, article) in articles.iter().enumerate() {
        for (e, event) in article.events.iter().enumerate() {
            if !filter.keeps(event) {
                continue;
            }
            let key = Key::of(event, article.published.as_deref());
            groups
                .entry(key.clone())
                .or_insert_with(|| Group {
                    key,
                    events: Vec::new(),
                })
                .events
                .push((a, e));
        }
    }
    let mut out: Vec<EventRecord> = groups
        .into_values()
        .map(|group| {
            let mut mentions: Vec<(&ArticleEvents, usize, &Event)> = group
                .events
                .iter()
                .filter_map(|(a, e)| {
                    let article = articles.get(*a)?;
                    Some((article, *e, article.events.get(*e)?))
                })
                .collect();
            mentions.sort_by(|x, y| {
                x.0.published
                    .cmp(&y.0.published)
                    .then_with(|| x.0.id.cmp(&y.0.id))
                    .then(x.1.cmp(&y.1))
            });
            record(&group.key, &mentions)
        })
        .collect();
    out.sort_by(|a, b| (a.day.is_none(), &a.day, a.id).cmp(&(b.day.is_none(), &b.day, b.id)));
    out
}

/// The record of one group of mentions (sorted, at least one).
fn record(key: &Key, mentions: &[(&ArticleEvents, usize, &Event)]) -> EventRecord {
    let first = mentions.first().map(|m| m.2);
    let actor = |code: &str, pick: fn(&Event) -> Option<&rasid_core::Actor>| -> Option<EventActor> {
        let names: Vec<&str> = mentions
            .iter()
            .filter_map(|m| pick(m.2))
            .map(|a| a.text.as_str())
            .collect();
        if names.is_empty() {
            return None;
        }
        Some(EventActor {
            code: code.to_owned(),
            name: most_frequent(&names),
            country: country_of(code).map(str::to_owned),
        })
    };
    let place = mentions.iter().find_map(|m| m.2.place.as_ref()).map(|p| EventPlaceRef {
        name: p.text.clone(),
        geonames_id: p.geonames_id,
        country: p.country.clone(),
    });
    let articles: BTreeSet<&str> = mentions.iter().map(|m| m.0.id.as_str()).collect();
    let outlets: BTreeSet<&str> = mentions.iter().filter_map(|m| m.0.outlet.as_deref()).collect();
    let root_event = mentions
        .iter()
        .any(|m| m.2.part == TextPart::Title || m.2.sentence.start == 0);
    let code = key.code.clone();
    EventRecord {
        id: key.id(),
        day: key.day.clone(),
        source: actor(&key.source, |e| e.source.as_ref()),
        target: actor(&key.target, |e| e.target.as_ref()),
        base_code: code.get(..3).unwrap_or(&code).to_owned(),
        root_code: code.get(..2).unwrap_or(&code).to_owned(),
        code,
        plover: first.and_then(|e| e.plover.clone()),
        quad_class: first.map_or(0, |e| e.quad_class.number()),
        goldstein: first.map_or(0.0, |e| e.goldstein),
        modality: first.map(|e| e.modality).unwrap_or_default(),
        place,
        root_event,
        num_mentions: mentions.len(),
        num_sources: outlets.len(),
        num_articles: articles.len(),
        source_url: mentions.iter().find_map(|m| m.0.url.clone()),
        mentions: mentions
            .iter()
            .map(|(article, index, event)| EventMention {
                article: article.id.clone(),
                index: *index,
                outlet: article.outlet.clone(),
                url: article.url.clone(),
                published: article.published.clone(),
                part: event.part,
                sentence: event.sentence,
                action: event.action.span,
                action_text: event.action.text.clone(),
                reported: event.reported,
                confidence: event.confidence,
            })
            .collect(),
    }
}

/// The most frequent of some names; ties go to the first.
fn most_frequent(names: &[&str]) -> String {
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for name in names {
        match counts.iter_mut().find(|(n, _)| n == name) {
            Some((_, count)) => *count += 1,
            None => counts.push((name, 1)),
        }
    }
    let mut best: Option<(&str, usize)> = None;
    for (name, count) in counts {
        if best.is_none_or(|(_, b)| count > b) {
            best = Some((name, count));
        }
    }
    best.map(|(n, _)| n.to_owned()).unwrap_or_default()
}

/// How many dyad cells [`dyads`] keeps (the most events first).
pub const MAX_DYAD_CELLS: usize = 400;

/// Source → target counts of deduplicated events with both codes.
pub fn dyads(events: &[EventRecord]) -> Dyads {
    let mut cells: BTreeMap<(String, String, u8), (usize, usize)> = BTreeMap::new();
    let mut months: BTreeMap<(String, String, String, u8), usize> = BTreeMap::new();
    let mut total = 0;
    for event in events {
        let (Some(source), Some(target)) = (&event.source, &event.target) else {
            continue;
        };
        if source.code.is_empty() || target.code.is_empty() {
            continue;
        }
        total += 1;
        let cell = cells
            .entry((source.code.clone(), target.code.clone(), event.quad_class))
            .or_default();
        cell.0 += 1;
        cell.1 += event.num_mentions;
        if let Some(month) = event.day.as_deref().and_then(|d| d.get(..7)) {
            *months
                .entry((
                    month.to_owned(),
                    source.code.clone(),
                    target.code.clone(),
                    event.quad_class,
                ))
                .or_default() += 1;
        }
    }
    let mut cells: Vec<DyadCell> = cells
        .into_iter()
        .map(|((source, target, quad_class), (count, mentions))| DyadCell {
            source,
            target,
            quad_class,
            count,
            mentions,
        })
        .collect();
    // Stable: ties keep the (source, target, class) order.
    cells.sort_by_key(|c| std::cmp::Reverse(c.count));
    cells.truncate(MAX_DYAD_CELLS);
    let kept: BTreeSet<(&str, &str, u8)> = cells
        .iter()
        .map(|c| (c.source.as_str(), c.target.as_str(), c.quad_class))
        .collect();
    let months = months
        .into_iter()
        .filter(|((_, s, t, q), _)| kept.contains(&(s.as_str(), t.as_str(), *q)))
        .map(|((month, source, target, quad_class), count)| DyadMonth {
            month,
            source,
            target,
            quad_class,
            count,
        })
        .collect();
    let ranked = |pick: fn(&DyadCell) -> &str| -> Vec<String> {
        let mut totals: BTreeMap<&str, usize> = BTreeMap::new();
        for cell in &cells {
            *totals.entry(pick(cell)).or_default() += cell.count;
        }
        let mut order: Vec<(&str, usize)> = totals.into_iter().collect();
        order.sort_by_key(|o| std::cmp::Reverse(o.1));
        order.into_iter().map(|(code, _)| code.to_owned()).collect()
    };
    Dyads {
        sources: ranked(|c| c.source.as_str()),
        targets: ranked(|c| c.target.as_str()),
        cells,
        months,
        events: total,
    }
}

impl Index {
    /// The events of the articles a request selects, deduplicated (see the
    /// module documentation).
    ///
    /// # Errors
    /// A malformed query or filter ([`crate::IndexError::Query`]); engine errors.
    pub fn events(&self, request: &EventsRequest) -> Result<EventList> {
        let (articles, matched) = self.article_events(request)?;
        let events = deduplicate(&articles, &request.filter);
        let total = events.len();
        let mentions = events.iter().map(|e| e.num_mentions).sum();
        let page: Vec<EventRecord> = events
            .into_iter()
            .skip(request.offset)
            .take(request.limit.unwrap_or(usize::MAX))
            .collect();
        Ok(EventList {
            total,
            mentions,
            articles_matched: matched,
            articles_read: articles.len(),
            events: page,
        })
    }

    /// Dyad counts of the events of the articles a request selects (paging ignored).
    ///
    /// # Errors
    /// As [`Index::events`].
    pub fn dyads(&self, request: &EventsRequest) -> Result<(Dyads, usize, usize)> {
        let (articles, matched) = self.article_events(request)?;
        let events = deduplicate(&articles, &request.filter);
        Ok((dyads(&events), matched, articles.len()))
    }

    /// The stored events of the selected articles (the newest `max_articles`),
    /// with how many matched.
    ///
    /// # Errors
    /// As [`Index::events`].
    pub fn article_events(&self, request: &EventsRequest) -> Result<(Vec<ArticleEvents>, usize)> {
        let mut search = request.search.clone();
        request.filter.apply_to(&mut search.filters);
        let query = self.selection_query(&search, true)?;
        let searcher = self.tantivy_searcher()?;
        let limit = request
            .max_articles
            .unwrap_or(usize::MAX)
            .min(usize::try_from(searcher.num_docs()).unwrap_or(usize::MAX))
            .max(1);
        let top = TopDocs::with_limit(limit).order_by_fast_field::<DateTime>("published", Order::Desc);
        let (addresses, matched) = searcher.search(&query, &(top, Count))?;
        let fields = self.fields();
        let mut out = Vec::with_capacity(addresses.len());
        for (_, address) in addresses {
            let doc: TantivyDocument = searcher.doc(address)?;
            let text = |field| doc.get_first(field).and_then(|v| v.as_str()).map(str::to_owned);
            let events = text(fields.extraction)
                .and_then(|json| serde_json::from_str::<StoredEvents>(&json).ok())
                .map(|s| s.events)
                .unwrap_or_default();
            out.push(ArticleEvents {
                id: text(fields.id).unwrap_or_default(),
                outlet: text(fields.source),
                url: text(fields.url),
                published: text(fields.published_text),
                events,
            });
        }
        Ok((out, matched))
    }
}

#[cfg(test)]
mod tests {
    use rasid_core::{Actor, EventDate, EventPlace, QuadClass, Trigger};

    use super::*;

    pub(crate) fn event(source: &str, code: &str, target: &str) -> Event {
        Event {
            part: TextPart::Body,
            sentence: Span::new(0, 40),
            source: (!source.is_empty()).then(|| Actor::coded(Span::new(0, 5), format!("name {source}"), source)),
            action: Trigger {
                span: Span::new(6, 10),
                text: "قصف".into(),
            },
            target: (!target.is_empty()).then(|| Actor::coded(Span::new(11, 20), format!("name {target}"), target)),
            code: code.into(),
            plover: None,
            plover_mode: None,
            quad_class: QuadClass::of_code(code).unwrap_or(QuadClass::VerbalCooperation),
            goldstein: 1.0,
            place: None,
            date: None,
            modality: Modality::Asserted,
            reported: false,
            quote: None,
            confidence: 0.5,
        }
    }

    fn article(id: &str, outlet: &str, published: &str, events: Vec<Event>) -> ArticleEvents {
        ArticleEvents {
            id: id.into(),
            outlet: Some(outlet.into()),
            url: Some(format!("https://{outlet}/{id}")),
            published: (!published.is_empty()).then(|| published.to_owned()),
            events,
        }
    }

    #[test]
    fn terms_hold_prefixes_countries_and_dyads() {
        let terms = event_terms(&[event("SYRGOV", "0871", "SYRREB"), event("", "112", "UNO")]);
        let set = |v: &[&str]| v.iter().map(|s| (*s).to_owned()).collect::<BTreeSet<String>>();
        assert_eq!(terms.codes, set(&["08", "087", "0871", "11", "112"]));
        assert_eq!(terms.roots, set(&["08", "11"]));
        assert_eq!(terms.actors, set(&["SYR", "SYRGOV"]));
        assert_eq!(terms.targets, set(&["SYR", "SYRREB", "UNO"]));
        assert_eq!(terms.dyads, set(&["SYRGOV>SYRREB"]));
    }

    #[test]
    fn copies_and_follow_ups_are_one_event() {
        let attack = event("SYRMIL", "195", "SYRREB");
        let mut dated = attack.clone();
        dated.date = Some(EventDate {
            value: "2017-12-20".into(),
            source: rasid_core::DateSource::Text,
            span: None,
        });
        let articles = vec![
            article("a", "youm7", "2017-12-20T09:00", vec![attack.clone(), attack.clone()]),
            article("b", "ahram", "2017-12-20T11:00", vec![attack.clone()]),
            // A follow-up the next day dates the attack the day before: the same event.
            article("c", "bbc", "2017-12-21T08:00", vec![dated]),
            // A different day, a different event.
            article("d", "bbc", "2017-12-22T08:00", vec![attack.clone()]),
        ];
        let events = deduplicate(&articles, &EventFilter::default());
        assert_eq!(events.len(), 2, "{events:#?}");
        let first = &events[0];
        assert_eq!(first.day.as_deref(), Some("2017-12-20"));
        assert_eq!((first.num_mentions, first.num_articles, first.num_sources), (4, 3, 3));
        assert_eq!(first.mentions[0].article, "a");
        assert_eq!(first.source_url.as_deref(), Some("https://youm7/a"));
        assert_eq!((first.base_code.as_str(), first.root_code.as_str()), ("195", "19"));
        assert_eq!(events[1].day.as_deref(), Some("2017-12-22"));
        assert_ne!(events[0].id, events[1].id);
        // Ids do not depend on what else is listed.
        let alone = deduplicate(&articles[3..], &EventFilter::default());
        assert_eq!(alone[0].id, events[1].id);
    }

    #[test]
    fn place_and_modality_separate_events() {
        let attack = event("SYRMIL", "195", "SYRREB");
        let mut denied = attack.clone();
        denied.modality = Modality::Negated;
        let mut in_idlib = attack.clone();
        in_idlib.place = Some(EventPlace {
            span: Span::new(30, 35),
            text: "ادلب".into(),
            entity: None,
            geonames_id: Some(169389),
            country: Some("SY".into()),
        });
        let articles = vec![article("a", "youm7", "2017-12-20", vec![attack, denied, in_idlib])];
        let events = deduplicate(&articles, &EventFilter::default());
        assert_eq!(events.len(), 3);
        assert!(events
            .iter()
            .any(|e| e.place.as_ref().and_then(|p| p.geonames_id) == Some(169389)));
    }

    #[test]
    fn filters_match_codes_prefixes_and_countries() {
        let e = event("SYRGOV", "046", "SYRREB");
        let f = |codes: &[&str], actors: &[&str], targets: &[&str]| EventFilter {
            codes: codes.iter().map(|s| (*s).to_owned()).collect(),
            actors: actors.iter().map(|s| (*s).to_owned()).collect(),
            targets: targets.iter().map(|s| (*s).to_owned()).collect(),
        };
        assert!(f(&["046"], &["SYRGOV"], &["SYRREB"]).keeps(&e));
        assert!(f(&["04"], &["syr"], &[]).keeps(&e));
        assert!(f(&["٠٤٦"], &[], &[]).keeps(&e));
        assert!(!f(&["0461"], &[], &[]).keeps(&e));
        assert!(!f(&["05"], &[], &[]).keeps(&e));
        assert!(!f(&[], &["SYRREB"], &[]).keeps(&e), "actor is the source");
        assert!(!f(&[], &[], &["SYRGOV"]).keeps(&e));
    }

    #[test]
    fn dyads_count_events_by_class_and_month() {
        let articles = vec![
            article(
                "a",
                "youm7",
                "2017-12-20",
                vec![event("SYRGOV", "195", "SYRREB"), event("SYRGOV", "046", "SYRREB")],
            ),
            article("b", "ahram", "2017-12-20", vec![event("SYRGOV", "195", "SYRREB")]),
            article(
                "c",
                "ahram",
                "2018-01-02",
                vec![event("RUSGOV", "112", "USAGOV"), event("", "195", "SYRREB")],
            ),
        ];
        let d = dyads(&deduplicate(&articles, &EventFilter::default()));
        assert_eq!(d.events, 3);
        assert_eq!(d.cells.len(), 3);
        let conflict = d
            .cells
            .iter()
            .find(|c| c.source == "SYRGOV" && c.quad_class == 4)
            .unwrap();
        assert_eq!((conflict.count, conflict.mentions), (1, 2));
        assert_eq!(d.months.first().map(|m| m.month.as_str()), Some("2017-12"));
        assert_eq!(d.months.last().map(|m| m.month.as_str()), Some("2018-01"));
        assert_eq!(d.sources[0], "SYRGOV");
    }
}
