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
        let key = identity::key(d.kind, &name, place.as_ref());
        out.entities.push(Entity {
            id,
            kind: d.kind,
            canonical: canonical.1,
            key,
            name_en: place.as_ref().map(|p| p.name_en.clone()),
            mentions,
            role,
            place,
        });
    }
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
