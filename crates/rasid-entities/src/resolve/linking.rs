//! Place linking: demonyms, the countries an article names, and the choice
//! among the places a name may be.

use std::collections::BTreeMap;

use rasid_core::{Demonym, EntityKind, TokenKind};

use super::{Part, Raw};
use crate::gazetteer::Place;
use crate::gazetteer::{flag, Gazetteer};
use crate::word::Word;

/// Feature-type prior for linking.
fn feature_prior(p: &Place) -> f64 {
    match p.feature.as_str() {
        "PCLI" => 100.0,
        "PPLC" => 60.0,
        "PPLA" => 35.0,
        "ADM1" => 30.0,
        "PPLA2" => 20.0,
        _ => 10.0,
    }
}

/// What a word right before a place name says it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Cue {
    /// `مدينة`, `العاصمة`, `بلدة`: a town.
    Town,
    /// `محافظة`, `ولاية`, `منطقة`, `إقليم`: a region.
    Region,
}

/// Words (lookup form) that say what the place name after them is.
const CUES: &[(&str, Cue)] = &[
    ("مدينه", Cue::Town),
    ("مدينتي", Cue::Town),
    ("العاصمه", Cue::Town),
    ("عاصمه", Cue::Town),
    ("بلده", Cue::Town),
    ("محافظه", Cue::Region),
    ("محافظات", Cue::Region),
    ("محافظتي", Cue::Region),
    ("محافظتا", Cue::Region),
    ("ولايه", Cue::Region),
    ("منطقه", Cue::Region),
    ("اقليم", Cue::Region),
    ("مقاطعه", Cue::Region),
];

/// Countries the article names, counted per country and per (name or
/// demonym, country).
#[derive(Default)]
pub(super) struct CountryEvidence {
    by_country: BTreeMap<String, usize>,
    by_name: BTreeMap<(String, String), usize>,
}

impl CountryEvidence {
    fn add(&mut self, name: &str, cc: &str) {
        *self.by_country.entry(cc.to_string()).or_default() += 1;
        *self.by_name.entry((name.to_string(), cc.to_string())).or_default() += 1;
    }

    /// How often the article names country `cc` by another name than `name`.
    fn others(&self, cc: &str, name: &str) -> usize {
        let all = self.by_country.get(cc).copied().unwrap_or(0);
        let own = self
            .by_name
            .get(&(name.to_string(), cc.to_string()))
            .copied()
            .unwrap_or(0);
        all.saturating_sub(own)
    }

    /// Counts per country.
    pub(super) fn counts(&self) -> BTreeMap<String, usize> {
        self.by_country.clone()
    }
}

/// Chooses among the places a name may be: feature type, population, whether
/// the article names the candidate's country elsewhere (by another name or a
/// demonym), and what the word before the name says (`مدينة`, `محافظة`).
/// A country beats its own capital of the same name (`الكويت`, `الجزائر`)
/// unless a cue says town.
fn choose(
    gaz: &Gazetteer,
    name: &str,
    candidates: &[u32],
    evidence: &CountryEvidence,
    cue: Option<Cue>,
) -> Option<u32> {
    candidates
        .iter()
        .filter_map(|&i| gaz.places.get(i as usize).map(|p| (i, p)))
        .map(|(i, p)| {
            let pop = p.population.unwrap_or(0) as f64;
            let mut score = feature_prior(p) + 10.0 * (pop + 1.0).log10();
            if evidence.others(&p.country, name) > 0 {
                score += 60.0;
            }
            score += match (cue, p.feature.as_str()) {
                (Some(Cue::Town), f) if f.starts_with("PPL") => 200.0,
                (Some(Cue::Region), "ADM1") => 200.0,
                _ => 0.0,
            };
            (i, p.id, score)
        })
        .max_by(|a, b| a.2.total_cmp(&b.2).then(b.1.cmp(&a.1)))
        .map(|(i, _, _)| i)
}

/// Demonym forms that are mostly common words (`مالي` "financial").
fn demonym_trusted(form: &str, cc: &str) -> bool {
    !(cc == "ML" || form.ends_with("مالي") || form.ends_with("ماليه"))
}

/// The country of a demonym word, if it is one.
pub(super) fn demonym_of(gaz: &Gazetteer, w: &Word) -> Option<String> {
    let info = gaz.get(&w.lookup)?;
    let cc = info.demonym.as_deref()?;
    demonym_trusted(&w.lookup, cc).then(|| cc.to_string())
}

/// The country a single word names, if it is a country name.
pub(super) fn country_of(gaz: &Gazetteer, w: &Word) -> Option<String> {
    let info = gaz.get(&w.lookup)?;
    if info.flags & flag::COUNTRY == 0 {
        return None;
    }
    info.places
        .iter()
        .filter_map(|&i| gaz.places.get(i as usize))
        .find(|p| p.is_country())
        .map(|p| p.country.clone())
}

/// The demonyms of the article (written to `demonyms`) and the countries it
/// names, by demonym or by a place mention of a country.
pub(super) fn evidence(gaz: &Gazetteer, parts: &[Part], raws: &[Raw], demonyms: &mut Vec<Demonym>) -> CountryEvidence {
    let mut evidence = CountryEvidence::default();
    for part in parts {
        for w in &part.words {
            if w.kind != TokenKind::Arabic {
                continue;
            }
            if let Some(cc) = demonym_of(gaz, w) {
                evidence.add(&w.lookup, &cc);
                demonyms.push(Demonym {
                    part: part.part,
                    span: w.name_span,
                    text: part.slice(w.name_span),
                    country: cc,
                });
            }
        }
    }
    for r in raws {
        if r.kind != EntityKind::Loc {
            continue;
        }
        let Some(part) = parts.get(r.p) else { continue };
        let name = part.name(r.start, r.end);
        if let Some(info) = gaz.get(&name) {
            if let Some(p) = info
                .places
                .iter()
                .filter_map(|&i| gaz.places.get(i as usize))
                .find(|p| p.is_country())
            {
                evidence.add(&name, &p.country);
            }
        }
    }
    evidence
}

/// The place a place mention named `name` links to (an index into the
/// gazetteer's places), if the gazetteer lists the name.
pub(super) fn link(gaz: &Gazetteer, part: &Part, r: &Raw, name: &str, evidence: &CountryEvidence) -> Option<u32> {
    let cue = part
        .before(r.start)
        .and_then(|b| CUES.iter().find(|(w, _)| *w == part.lookup(b)))
        .map(|&(_, c)| c);
    gaz.get(name)
        .and_then(|info| choose(gaz, name, &info.places, evidence, cue))
}
