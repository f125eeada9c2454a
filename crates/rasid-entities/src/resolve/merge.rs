//! Merging mentions into entities.
//!
//! Mentions are taken longest first, so that short forms merge into full
//! names. A mention joins the earliest entity of its kind that has the same
//! name (compared by spelling skeleton, `resolve::identity`), that is linked
//! to the same place, or (persons) that has a longer name ending in this one
//! (`لافروف` joins `سيرغى لافروف`), compared with the long vowels dropped:
//! the longer name is the context that makes `بوتن` a spelling of the
//! `بوتين` of `فلاديمير بوتين`. The candidates
//! are found through three indexes keyed by name, place and name suffix, so
//! each mention costs a few hash lookups whatever the number of entities.

use std::collections::HashMap;

use rasid_core::EntityKind;

use super::identity::{skeleton, skeleton_with};
use super::linking::{link, CountryEvidence};
use super::{Part, Raw};
use crate::gazetteer::Gazetteer;

/// An entity being built.
pub(super) struct Draft {
    pub kind: EntityKind,
    /// The linked place (index into the gazetteer's places).
    pub place: Option<u32>,
    /// Its mentions (indexes into the raw mentions), in text order once merged.
    pub raws: Vec<usize>,
}

/// The earliest draft for each merge key.
#[derive(Default)]
struct Candidates {
    /// Drafts by kind and linked place.
    by_place: HashMap<(EntityKind, u32), usize>,
    /// Drafts by kind and one of their names (words joined by one space).
    by_name: HashMap<(EntityKind, String), usize>,
    /// Person drafts by every proper word suffix of their names.
    by_suffix: HashMap<String, usize>,
}

/// Keeps the smaller draft index under `key`.
fn keep_first<K: std::hash::Hash + Eq>(map: &mut HashMap<K, usize>, key: K, draft: usize) {
    map.entry(key).and_modify(|d| *d = (*d).min(draft)).or_insert(draft);
}

impl Candidates {
    /// The earliest draft a mention of `kind` named `name` (`loose`: its
    /// skeleton with the long vowels dropped), linked to `place`, merges into.
    fn find(&self, kind: EntityKind, name: &str, loose: &str, place: Option<u32>) -> Option<usize> {
        let by_place = place.and_then(|p| self.by_place.get(&(kind, p)));
        let by_name = self.by_name.get(&(kind, name.to_string()));
        let by_suffix = (kind == EntityKind::Per).then(|| self.by_suffix.get(loose)).flatten();
        [by_place, by_name, by_suffix].into_iter().flatten().min().copied()
    }

    /// Records that draft `d` has this name (and place); `loose` as in [`Candidates::find`].
    fn add(&mut self, d: usize, kind: EntityKind, name: &str, loose: &str, place: Option<u32>) {
        if let Some(p) = place {
            keep_first(&mut self.by_place, (kind, p), d);
        }
        keep_first(&mut self.by_name, (kind, name.to_string()), d);
        if kind == EntityKind::Per {
            for (at, _) in loose.match_indices(' ') {
                if let Some(suffix) = loose.get(at + 1..) {
                    keep_first(&mut self.by_suffix, suffix.to_string(), d);
                }
            }
        }
    }
}

/// Links place mentions and merges the mentions into drafts, in text order
/// (of their mentions, and of drafts by first mention).
pub(super) fn merge(gaz: &Gazetteer, parts: &[Part], raws: &[Raw], evidence: &CountryEvidence) -> Vec<Draft> {
    let mut drafts: Vec<Draft> = Vec::new();
    let mut candidates = Candidates::default();
    // Longest mentions first, so that short forms merge into full names.
    let mut order: Vec<usize> = (0..raws.len()).collect();
    order.sort_by_key(|&i| {
        raws.get(i)
            .map_or((0, 0, 0), |r| (usize::MAX - (r.end - r.start), r.p, r.start))
    });
    for i in order {
        let Some(r) = raws.get(i) else { continue };
        let Some(part) = parts.get(r.p) else { continue };
        let full = part.name(r.start, r.end);
        let place = if r.kind == EntityKind::Loc {
            link(gaz, part, r, &full, evidence)
        } else {
            None
        };
        // Spelling variants merge (`بوتن`, `بوتين`) when the context agrees:
        // names compare by skeleton, and a short form with the end of a longer name.
        let name = skeleton(&full, gaz);
        let loose = if r.kind == EntityKind::Per {
            skeleton_with(&full, gaz, true)
        } else {
            String::new()
        };
        let d = match candidates.find(r.kind, &name, &loose, place) {
            Some(d) => d,
            None => {
                drafts.push(Draft {
                    kind: r.kind,
                    place,
                    raws: Vec::new(),
                });
                drafts.len() - 1
            }
        };
        let Some(draft) = drafts.get_mut(d) else { continue };
        draft.raws.push(i);
        candidates.add(d, r.kind, &name, &loose, draft.place);
    }
    // Text order: of mentions, and of entities by first mention.
    for d in &mut drafts {
        d.raws.sort_by_key(|&i| raws.get(i).map_or((0, 0), |r| (r.p, r.start)));
    }
    drafts.sort_by_key(|d| {
        d.raws
            .first()
            .and_then(|&i| raws.get(i))
            .map_or((0, 0), |r| (r.p, r.start))
    });
    drafts
}
