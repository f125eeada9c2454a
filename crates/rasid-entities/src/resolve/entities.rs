//! The output: entities and their mentions in text order, canonical names,
//! place links and roles.

use rasid_core::{ArticleEntities, Entity, EntityKind, Mention, Span, TextPart};

use super::identity;
use super::merge::Draft;
use super::roles::{role_before, Persons};
use super::{Part, Raw};
use crate::gazetteer::{Gazetteer, Place};

/// Writes the drafts (in text order) as entities and mentions into `out`.
pub(super) fn write(gaz: &Gazetteer, parts: &[Part], raws: &[Raw], drafts: Vec<Draft>, out: &mut ArticleEntities) {
    let mention_of_raw = number_mentions(raws, &drafts);
    out.mentions = vec![
        Mention {
            part: TextPart::Body,
            span: Span::default(),
            text: String::new(),
            kind: EntityKind::Misc,
            entity: 0,
        };
        drafts.iter().map(|d| d.raws.len()).sum()
    ];
    let persons = Persons::new(parts, raws);
    for (id, d) in drafts.iter().enumerate() {
        let mut mentions = Vec::new();
        let mut canonical = (0usize, String::new());
        let mut name = String::new();
        for &i in &d.raws {
            let (Some(r), Some(&m)) = (raws.get(i), mention_of_raw.get(i)) else {
                continue;
            };
            let Some(part) = parts.get(r.p) else { continue };
            let span = part.span(r.start, r.end);
            let text = part.slice(span);
            if r.end - r.start > canonical.0 {
                canonical = (r.end - r.start, text.clone());
                name = part.name(r.start, r.end);
            }
            if let Some(slot) = out.mentions.get_mut(m) {
                *slot = Mention {
                    part: part.part,
                    span,
                    text,
                    kind: d.kind,
                    entity: id,
                };
            }
            mentions.push(m);
        }
        let place = d.place.and_then(|i| gaz.places.get(i as usize)).map(Place::link);
        let role = if d.kind == EntityKind::Per {
            d.raws
                .iter()
                .filter_map(|&i| raws.get(i))
                .find_map(|r| role_before(gaz, parts, &persons, r))
        } else {
            None
        };
        let governs = place.as_ref().is_some_and(|p| p.feature == "PPLC")
            && d.raws
                .iter()
                .filter_map(|&i| raws.get(i))
                .any(|r| stands_for_government(parts, r));
        let key = match governs
            .then(|| place.as_ref().and_then(|p| gaz.country(&p.country)))
            .flatten()
        {
            // `قالت واشنطن`: the capital stands for the state, one id with `الولايات المتحدة`.
            Some(country) => format!("geonames:{}", country.id),
            None => identity::key(d.kind, &name, place.as_ref(), gaz),
        };
        out.entities.push(Entity {
            id,
            kind: d.kind,
            canonical: canonical.1,
            key,
            name_en: place.as_ref().map(|p| p.name_en.clone()),
            mentions,
            role,
            place,
            // The pipeline adds the CAMEO actor code (the event coder's dictionaries).
            cameo: None,
        });
    }
}

/// Verbs (lookup form) that, right before a capital, make it the subject of
/// an act of state (`قالت واشنطن`, `اتهمت موسكو`): the capital stands for its
/// government.
const STATE_VERBS_BEFORE: &[&str] = &[
    "قالت",
    "اعلنت",
    "اكدت",
    "نفت",
    "اتهمت",
    "رفضت",
    "طالبت",
    "دعت",
    "حذرت",
    "هددت",
    "ردت",
    "ادانت",
    "رحبت",
    "اعتبرت",
    "وصفت",
    "اعربت",
    "فرضت",
    "ابلغت",
    "عرضت",
    "وافقت",
    "قررت",
    "سحبت",
    "استدعت",
    "طردت",
    "علقت",
];

/// Verbs (lookup form) that, right after a capital, do the same (`واشنطن تتهم`).
const STATE_VERBS_AFTER: &[&str] = &[
    "تقول",
    "تتهم",
    "ترفض",
    "تطالب",
    "تدعو",
    "تحذر",
    "تهدد",
    "ترد",
    "تدين",
    "ترحب",
    "تعتبر",
    "تعلن",
    "تنفي",
    "تفرض",
    "توافق",
    "تقرر",
    "تسحب",
    "تستدعي",
    "تطرد",
    "تعلق",
];

/// Whether a place mention is the subject of an act of state (see
/// [`STATE_VERBS_BEFORE`], [`STATE_VERBS_AFTER`]), within its sentence.
fn stands_for_government(parts: &[Part], r: &Raw) -> bool {
    let Some(part) = parts.get(r.p) else { return false };
    let same_sentence = |i: usize| part.sentence.get(i) == part.sentence.get(r.start);
    let before = r
        .start
        .checked_sub(1)
        .filter(|&b| same_sentence(b))
        .is_some_and(|b| STATE_VERBS_BEFORE.contains(&part.lookup(b)));
    let after = (r.end < part.words.len() && same_sentence(r.end)) && STATE_VERBS_AFTER.contains(&part.lookup(r.end));
    before || after
}

/// The index of every raw mention's output mention: all mentions of all
/// drafts, in text order.
fn number_mentions(raws: &[Raw], drafts: &[Draft]) -> Vec<usize> {
    let mut mention_of_raw = vec![usize::MAX; raws.len()];
    let mut all: Vec<(usize, usize, usize)> = Vec::new(); // (p, start, raw)
    for d in drafts {
        for &i in &d.raws {
            if let Some(r) = raws.get(i) {
                all.push((r.p, r.start, i));
            }
        }
    }
    all.sort_unstable();
    for (n, &(_, _, i)) in all.iter().enumerate() {
        if let Some(m) = mention_of_raw.get_mut(i) {
            *m = n;
        }
    }
    mention_of_raw
}
