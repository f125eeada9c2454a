//! What extraction found in an article, and the index terms made from it.
//!
//! The [`crate::Writer`] runs the index's [`rasid_pipeline::Pipeline`] on each
//! article (or takes [`rasid_core::Extractions`] made elsewhere, with
//! [`crate::Writer::add_extracted`]); from the extractions a document gains:
//!
//! | what | field | from |
//! |---|---|---|
//! | every entity name (canonical, surface forms, English name), analysed | `entities` | all kinds |
//! | the names of people, organisations and places, analysed | `persons`, `orgs`, `locations` | PER, ORG, LOC |
//! | GeoNames ids | `places` | linked places |
//! | identity keys ([`entity_key`]: `geonames:ID`, `PER:skeleton`), one per entity | `person_facet`, `org_facet`, `place_facet` (counted), `entity_keys` (filters) | PER, ORG, LOC |
//! | `KEY␟LABEL`: each key with the [`facet_label`] of its canonical name | `entity_names` | the name a facet shows (see [`crate::facets`]) |
//! | `LABEL␟KEY`: every name of an entity (canonical, mentions, English) with its key | `entity_labels` | autocomplete by any spelling |
//! | the days, months and years the article mentions | `times`, `times_month`, `times_year` | DATE and TIME values (see [`mentioned`]) |
//! | the whole extraction as JSON | `extraction` (stored) | read back by [`crate::StoredArticle`] |
//!
//! ```
//! use rasid_core::{Span, TextPart, TimeExpr, TimexType};
//! use rasid_search::extraction::{mentioned, Mentioned};
//!
//! let t = |value: &str| TimeExpr {
//!     part: TextPart::Body, span: Span::new(0, 1), text: "x".into(),
//!     kind: TimexType::Date, value: value.into(), modifier: None, anchored: false,
//! };
//! let found = mentioned(&[t("2017-12-21"), t("2017-05"), t("P2D"), t("XXXX-12-21")]);
//! assert_eq!(found.len(), 2);
//! assert!(matches!(found[0], Mentioned::Day(d) if d.to_string() == "2017-12-21"));
//! assert!(matches!(found[1], Mentioned::Month(d) if d.to_string() == "2017-05-01"));
//! ```

use std::collections::BTreeSet;

use jiff::civil::Date;
use rasid_core::{ArticleEntities, EntityKind, TimeExpr, TimexType};
use rasid_text::NormalizerConfig;

/// Longest name or facet label indexed, in bytes (longer ones are tagger noise).
const MAX_NAME_BYTES: usize = 200;

/// The normalisation of facet labels: the search key's folding (hamza forms of
/// alef, final ى, hamza carriers, diacritics, tatweel) without `ة → ه`, so
/// `إدلب` and `ادلب` count as one place and the label still reads as written.
const LABEL: NormalizerConfig = NormalizerConfig {
    diacritics: true,
    tatweel: true,
    controls: true,
    presentation_forms: true,
    digits: true,
    punctuation: true,
    persian_letters: true,
    alef: true,
    alef_maqsura: true,
    ta_marbuta: false,
    hamza_carriers: true,
    lowercase: true,
};

/// The facet label of a name: folded as [`LABEL`] says, white space collapsed,
/// control characters dropped; `None` when nothing is left or it is too long.
///
/// ```
/// use rasid_search::extraction::facet_label;
/// assert_eq!(facet_label("إدلب").as_deref(), Some("ادلب"));
/// assert_eq!(facet_label("سيرغى  لافروف").as_deref(), Some("سيرغي لافروف"));
/// assert_eq!(facet_label("الامم المتحدة").as_deref(), Some("الامم المتحدة"));
/// ```
pub fn facet_label(name: &str) -> Option<String> {
    let folded = LABEL.key(name);
    let label = folded
        .split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    (!label.is_empty() && label.len() <= MAX_NAME_BYTES).then_some(label)
}

/// The index terms of an extraction's entities.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EntityTerms {
    /// Every name of every entity (for `entities`).
    pub all: Vec<String>,
    /// Names of people (for `persons`).
    pub persons: Vec<String>,
    /// Names of organisations (for `orgs`).
    pub orgs: Vec<String>,
    /// Names of places (for `locations`).
    pub locations: Vec<String>,
    /// GeoNames ids of linked places (for `places`).
    pub place_ids: Vec<String>,
    /// Identity keys as (kind, key): `("person", "PER:سرجي لفرف")`; kinds
    /// `person`, `org`, `place`.
    pub facets: Vec<(&'static str, String)>,
    /// `KEY␟LABEL` of each entity: its key and the facet label of its canonical name.
    pub names: Vec<String>,
    /// `LABEL␟KEY` of every name of each entity, for autocomplete.
    pub labels: Vec<String>,
}

/// What joins a key and a label in one term of `entity_names` and
/// `entity_labels` (the unit separator: neither keys nor labels hold controls).
pub const KEY_LABEL_SEP: char = '\u{1f}';

/// The identity key of an entity: the extractor's
/// [`key`](rasid_core::Entity::key) (`geonames:ID` for a linked place,
/// `place:NAME` for a hand-added one, the kind and a spelling skeleton that
/// merges variants otherwise); for extractions stored before keys existed,
/// `geonames:ID` or the kind and the facet label (`PER:سيرغي لافروف`).
///
/// ```
/// use rasid_core::{Entity, EntityKind};
/// use rasid_search::extraction::entity_key;
/// let mut e = Entity { id: 0, kind: EntityKind::Per, canonical: "سيرغى لافروف".into(), key: String::new(),
///     name_en: None, mentions: vec![], role: None, place: None, cameo: None };
/// assert_eq!(entity_key(&e), "PER:سيرغي لافروف");
/// e.key = "PER:سرجي لفرف".into();
/// assert_eq!(entity_key(&e), "PER:سرجي لفرف");
/// ```
pub fn entity_key(entity: &rasid_core::Entity) -> String {
    if !entity.key.is_empty() {
        return entity.key.clone();
    }
    if let Some(place) = entity.place.as_ref().filter(|p| p.geonames_id != 0) {
        return format!("geonames:{}", place.geonames_id);
    }
    let label = facet_label(&entity.canonical).unwrap_or_else(|| entity.canonical.clone());
    format!("{}:{label}", entity.kind.as_str())
}

/// Whether a filter value is an identity key ([`entity_key`]'s forms) rather
/// than a name: `geonames:`, `place:`, `PER:`, `ORG:`, `LOC:` or `MISC:` and
/// something after it.
pub fn is_entity_key(value: &str) -> bool {
    ["geonames:", "place:", "PER:", "ORG:", "LOC:", "MISC:"]
        .iter()
        .any(|p| value.len() > p.len() && value.starts_with(p))
}

/// The terms of the entities: for each, its canonical name, its mentions as
/// written (without proclitics) and its English name, each once.
///
/// ```
/// use rasid_core::{ArticleEntities, Entity, EntityKind};
/// use rasid_search::extraction::entity_terms;
///
/// let entities = ArticleEntities {
///     entities: vec![Entity {
///         id: 0, kind: EntityKind::Per, canonical: "سيرغى لافروف".into(), key: String::new(), name_en: None,
///         mentions: vec![], role: None, place: None, cameo: None,
///     }],
///     ..ArticleEntities::default()
/// };
/// let terms = entity_terms(&entities);
/// assert_eq!(terms.persons, ["سيرغى لافروف"]);
/// assert_eq!(terms.facets, [("person", "PER:سيرغي لافروف".to_owned())]);
/// assert_eq!(terms.names, ["PER:سيرغي لافروف\u{1f}سيرغي لافروف"]);
/// ```
pub fn entity_terms(found: &ArticleEntities) -> EntityTerms {
    let mut terms = EntityTerms::default();
    let mut facets = BTreeSet::new();
    let mut keyed_names = BTreeSet::new();
    let mut labels = BTreeSet::new();
    let mut ids = BTreeSet::new();
    for entity in &found.entities {
        let mut names: Vec<&str> = Vec::with_capacity(entity.mentions.len() + 2);
        let mut seen = BTreeSet::new();
        let mentions = entity
            .mentions
            .iter()
            .filter_map(|&i| found.mentions.get(i))
            .map(|m| m.text.as_str());
        for name in std::iter::once(entity.canonical.as_str())
            .chain(mentions)
            .chain(entity.name_en.as_deref())
        {
            let name = name.trim();
            if !name.is_empty() && name.len() <= MAX_NAME_BYTES && seen.insert(LABEL.key(name)) {
                names.push(name);
            }
        }
        let (list, root) = match entity.kind {
            EntityKind::Per => (Some(&mut terms.persons), Some("person")),
            EntityKind::Org => (Some(&mut terms.orgs), Some("org")),
            EntityKind::Loc => (Some(&mut terms.locations), Some("place")),
            EntityKind::Misc => (None, None),
        };
        if let Some(list) = list {
            list.extend(names.iter().map(|n| (*n).to_owned()));
        }
        terms.all.extend(names.iter().map(|n| (*n).to_owned()));
        if let (Some(root), Some(label)) = (root, facet_label(&entity.canonical)) {
            let key = entity_key(entity);
            // A key is a kind and a folded name, or a place id: no longer than a label and its kind.
            if key.len() <= MAX_NAME_BYTES + 8 {
                keyed_names.insert(format!("{key}{KEY_LABEL_SEP}{label}"));
                // Each word of each name starts a term, so that a prefix finds a
                // name by any of its words (`لاف` finds `سيرغى لافروف`).
                for name in &names {
                    if let Some(label) = facet_label(name) {
                        for at in std::iter::once(0).chain(label.match_indices(' ').map(|(i, _)| i + 1)) {
                            if let Some(rest) = label.get(at..).filter(|r| !r.is_empty()) {
                                labels.insert(format!("{rest}{KEY_LABEL_SEP}{key}"));
                            }
                        }
                    }
                }
                facets.insert((root, key));
            }
        }
        // Id 0 marks a place GeoNames has no feature for (set by hand in rasid-entities's
        // corrections): it has a name and a point but no id to filter by.
        if let Some(place) = entity.place.as_ref().filter(|p| p.geonames_id != 0) {
            ids.insert(place.geonames_id);
        }
    }
    terms.facets = facets.into_iter().collect();
    terms.names = keyed_names.into_iter().collect();
    terms.labels = labels.into_iter().collect();
    terms.place_ids = ids.into_iter().map(|id| id.to_string()).collect();
    terms
}

/// A period an article mentions, at the precision it was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Mentioned {
    /// A day (`21 ديسمبر 2017`, `الخميس`, `10:57 ص` of a dated day).
    Day(Date),
    /// A month, given by its first day (`أيار/مايو 2017`).
    Month(Date),
    /// A year, given by its 1 January (`عام 2017`).
    Year(Date),
}

/// The most months a mentioned interval (a Hijri month, say) is indexed as.
const MAX_INTERVAL_MONTHS: i32 = 24;

/// The periods the DATE and TIME expressions mention, each once, in order:
/// values `YYYY`, `YYYY-MM`, `YYYY-MM-DD` (with or without a time of day)
/// give a year, a month or a day; an interval `A/B` (a Hijri month) gives the
/// months it overlaps, up to two years' worth. Anything else (durations,
/// weeks, decades, values with unresolved `X` parts, impossible dates) gives
/// nothing.
pub fn mentioned(times: &[TimeExpr]) -> Vec<Mentioned> {
    let mut out = BTreeSet::new();
    for time in times {
        if !matches!(time.kind, TimexType::Date | TimexType::Time) {
            continue;
        }
        match time.value.split_once('/') {
            None => out.extend(point(&time.value)),
            Some((a, b)) => {
                let (Some(a), Some(b)) = (point(a), point(b)) else {
                    continue;
                };
                let (start, end) = (first_day(a).first_of_month(), first_day(b).first_of_month());
                let months = i32::from(end.year() - start.year()) * 12 + i32::from(end.month() - start.month());
                if !(0..MAX_INTERVAL_MONTHS).contains(&months) {
                    continue;
                }
                let mut month = start;
                for _ in 0..=months {
                    out.insert(Mentioned::Month(month));
                    match month.checked_add(jiff::Span::new().months(1)) {
                        Ok(next) => month = next,
                        Err(_) => break,
                    }
                }
            }
        }
    }
    out.into_iter().collect()
}

/// The first day of a mentioned period.
fn first_day(m: Mentioned) -> Date {
    match m {
        Mentioned::Day(d) | Mentioned::Month(d) | Mentioned::Year(d) => d,
    }
}

/// `YYYY`, `YYYY-MM`, `YYYY-MM-DD` or `YYYY-MM-DDT…`.
fn point(value: &str) -> Option<Mentioned> {
    let date = value.split_once('T').map_or(value, |(d, _)| d);
    let number = |s: &str, len: usize| -> Option<i16> {
        (s.len() == len && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    let two = |s: &str| number(s, 2).and_then(|n| i8::try_from(n).ok());
    let parts: Vec<&str> = date.split('-').collect();
    match parts.as_slice() {
        [y] if !value.contains('T') => Date::new(number(y, 4)?, 1, 1).ok().map(Mentioned::Year),
        [y, m] if !value.contains('T') => Date::new(number(y, 4)?, two(m)?, 1).ok().map(Mentioned::Month),
        [y, m, d] => Date::new(number(y, 4)?, two(m)?, two(d)?).ok().map(Mentioned::Day),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use rasid_core::{Entity, Mention, PlaceLink, Span, TextPart};

    use super::*;

    fn time(kind: TimexType, value: &str) -> TimeExpr {
        TimeExpr {
            part: TextPart::Body,
            span: Span::new(0, 1),
            text: "x".into(),
            kind,
            value: value.into(),
            modifier: None,
            anchored: false,
        }
    }

    fn day(y: i16, m: i8, d: i8) -> Date {
        Date::new(y, m, d).unwrap()
    }

    #[test]
    fn mentioned_periods_by_precision() {
        let times = [
            time(TimexType::Date, "2017-12-21"),
            time(TimexType::Time, "2017-12-21T10:57"),
            time(TimexType::Time, "2017-12-22TEV"),
            time(TimexType::Date, "2017-05"),
            time(TimexType::Date, "2016"),
            time(TimexType::Date, "2018-05-17/2018-06-14"),
        ];
        assert_eq!(
            mentioned(&times),
            vec![
                Mentioned::Day(day(2017, 12, 21)),
                Mentioned::Day(day(2017, 12, 22)),
                Mentioned::Month(day(2017, 5, 1)),
                Mentioned::Month(day(2018, 5, 1)),
                Mentioned::Month(day(2018, 6, 1)),
                Mentioned::Year(day(2016, 1, 1)),
            ],
            "help: each day once, the Hijri interval as its two months"
        );
    }

    #[test]
    fn unresolved_or_odd_values_give_nothing() {
        let odd = [
            (TimexType::Duration, "2017"),
            (TimexType::Set, "2017-12"),
            (TimexType::Date, "XXXX-12-21"),
            (TimexType::Date, "XXXX-WXX-4"),
            (TimexType::Date, "2018-W21"),
            (TimexType::Date, "201"),
            (TimexType::Date, "20"),
            (TimexType::Date, "2017-02-31"),
            (TimexType::Date, "2017-13"),
            (TimexType::Date, "2017-Q1"),
            (TimexType::Date, "2017T10"),
            (TimexType::Date, "99999999999999999999-01-01"),
            (TimexType::Date, "PAST_REF"),
            (TimexType::Date, ""),
            (TimexType::Date, "2017-01/1990-01"),
            (TimexType::Date, "2000-01/2017-01"),
            (TimexType::Date, "٢٠١٧"),
        ];
        for (kind, value) in odd {
            assert_eq!(mentioned(&[time(kind, value)]), vec![], "{kind:?} {value:?}");
        }
    }

    fn entity(id: usize, kind: EntityKind, canonical: &str, mentions: Vec<usize>) -> Entity {
        Entity {
            id,
            kind,
            canonical: canonical.into(),
            key: String::new(),
            name_en: None,
            mentions,
            role: None,
            place: None,
            cameo: None,
        }
    }

    fn mention(text: &str, entity: usize, kind: EntityKind) -> Mention {
        Mention {
            part: TextPart::Body,
            span: Span::new(0, text.len()),
            text: text.into(),
            kind,
            entity,
        }
    }

    #[test]
    fn entity_terms_by_kind() {
        let mut idlib = entity(2, EntityKind::Loc, "إدلب", vec![2, 3]);
        idlib.name_en = Some("Idlib".into());
        idlib.place = Some(PlaceLink {
            geonames_id: 169389,
            name_en: "Idlib".into(),
            country: "SY".into(),
            lat: Some(35.93),
            lon: Some(36.63),
            feature: "PPLA".into(),
            population: Some(128_840),
        });
        // A place linked by hand, without a GeoNames id: a name, no id term.
        let mut ghouta = entity(5, EntityKind::Loc, "الغوطة الشرقية", vec![]);
        ghouta.place = idlib.place.clone().map(|p| PlaceLink { geonames_id: 0, ..p });
        let found = ArticleEntities {
            mentions: vec![
                mention("ستافان دى ميستورا", 0, EntityKind::Per),
                mention("دى ميستورا", 0, EntityKind::Per),
                mention("إدلب", 2, EntityKind::Loc),
                mention("ادلب", 2, EntityKind::Loc),
                mention("الامم المتحدة", 1, EntityKind::Org),
            ],
            entities: vec![
                entity(0, EntityKind::Per, "ستافان دى ميستورا", vec![0, 1]),
                entity(1, EntityKind::Org, "الامم المتحدة", vec![4]),
                idlib,
                entity(3, EntityKind::Misc, "كأس العالم", vec![]),
                ghouta,
                entity(4, EntityKind::Per, "", vec![]),
            ],
            ..ArticleEntities::default()
        };
        let terms = entity_terms(&found);
        assert_eq!(terms.persons, ["ستافان دى ميستورا", "دى ميستورا"]);
        assert_eq!(terms.orgs, ["الامم المتحدة"]);
        assert_eq!(
            terms.locations,
            ["إدلب", "Idlib", "الغوطة الشرقية"],
            "help: ادلب is إدلب after folding, so it is left out"
        );
        assert_eq!(terms.place_ids, ["169389"]);
        assert!(terms.all.contains(&"كأس العالم".to_owned()));
        assert_eq!(terms.all.len(), 7);
        assert_eq!(
            terms.facets,
            [
                ("org", "ORG:الامم المتحدة".to_owned()),
                ("person", "PER:ستافان دي ميستورا".to_owned()),
                ("place", "LOC:الغوطة الشرقية".to_owned()),
                ("place", "geonames:169389".to_owned()),
            ],
            "help: without the extractor's keys, a linked place is keyed by its id, never geonames:0"
        );
        let sep = KEY_LABEL_SEP;
        assert!(
            terms.names.contains(&format!("geonames:169389{sep}ادلب")),
            "{:?}",
            terms.names
        );
        assert!(
            terms.labels.contains(&format!("idlib{sep}geonames:169389")),
            "{:?}",
            terms.labels
        );
        assert!(terms.labels.contains(&format!("دي ميستورا{sep}PER:ستافان دي ميستورا")));
        // Every word of a name starts a label term: a prefix finds it by any word.
        assert!(terms.labels.contains(&format!("ميستورا{sep}PER:ستافان دي ميستورا")));
    }

    #[test]
    fn keys_come_from_the_extractor() {
        let mut e = entity(0, EntityKind::Per, "بوتن", vec![]);
        e.key = "PER:بتن".into();
        let found = ArticleEntities {
            entities: vec![e],
            ..ArticleEntities::default()
        };
        let terms = entity_terms(&found);
        assert_eq!(terms.facets, [("person", "PER:بتن".to_owned())]);
        assert_eq!(terms.names, [format!("PER:بتن{KEY_LABEL_SEP}بوتن")]);
        assert!(is_entity_key("PER:بتن") && is_entity_key("geonames:1"));
        assert!(!is_entity_key("بوتين") && !is_entity_key("PER:") && !is_entity_key("per:x"));
    }

    #[test]
    fn labels_drop_controls_and_overlong_names() {
        assert_eq!(facet_label("  \u{0}\n "), None);
        assert_eq!(facet_label(&"ب".repeat(150)), None);
        assert_eq!(facet_label("Kofi\n\u{0}ANNAN").as_deref(), Some("kofi annan"));
    }
}
