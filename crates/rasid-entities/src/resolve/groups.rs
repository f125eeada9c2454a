//! Groups: a head noun with a demonym (`النظام السورى`, the government of
//! Syria), or a listed phrase (`الفصائل المعارضة`, `الأكراد`).

use std::collections::BTreeMap;

use rasid_core::{Group, GroupKind};

use super::linking::demonym_of;
use super::Part;
use crate::gazetteer::Gazetteer;

/// Groups named by a head noun and, usually, a demonym.
pub(super) const GROUP_HEADS: &[(&str, GroupKind, &str)] = &[
    ("النظام", GroupKind::Government, "government"),
    ("الحكومه", GroupKind::Government, "government"),
    ("السلطات", GroupKind::Government, "government"),
    ("القوات", GroupKind::Forces, "forces"),
    ("الجيش", GroupKind::Forces, "army"),
    ("المعارضه", GroupKind::Opposition, "opposition"),
];

/// Groups named by a word or two on their own.
pub(super) const GROUP_WORDS: &[(&str, GroupKind, &str, &str)] = &[
    ("الفصايل المعارضه", GroupKind::Opposition, "opposition", ""),
    ("فصايل المعارضه", GroupKind::Opposition, "opposition", ""),
    ("المعارضه", GroupKind::Opposition, "opposition", ""),
    ("المعارضه المسلحه", GroupKind::Opposition, "armed opposition", ""),
    ("المتمردين", GroupKind::Opposition, "rebels", ""),
    ("المتمردون", GroupKind::Opposition, "rebels", ""),
    ("الاكراد", GroupKind::People, "Kurds", ""),
    ("الكرد", GroupKind::People, "Kurds", ""),
    ("الروس", GroupKind::People, "Russians", "RU"),
    ("الاتراك", GroupKind::People, "Turks", "TR"),
    ("الايرانيين", GroupKind::People, "Iranians", "IR"),
    ("السوريين", GroupKind::People, "Syrians", "SY"),
    ("الفلسطينيين", GroupKind::People, "Palestinians", "PS"),
    ("الفلسطينيون", GroupKind::People, "Palestinians", "PS"),
    ("الاسراييليين", GroupKind::People, "Israelis", "IL"),
    ("العراقيين", GroupKind::People, "Iraqis", "IQ"),
    ("الامريكيين", GroupKind::People, "Americans", "US"),
    ("الاميركيين", GroupKind::People, "Americans", "US"),
];

/// Groups: a head noun with a demonym (`النظام السورى`), or a listed phrase.
pub(super) fn groups(gaz: &Gazetteer, parts: &[Part], countries: &BTreeMap<String, usize>) -> Vec<Group> {
    let mut out = Vec::new();
    // The article's main country, for groups that do not name theirs.
    let mut gov: BTreeMap<String, usize> = BTreeMap::new();
    for part in parts {
        let mut i = 0;
        while i < part.words.len() {
            let found = headed_group(gaz, part, i).or_else(|| listed_group(part, i));
            let Some((group, n)) = found else {
                i += 1;
                continue;
            };
            if group.kind == GroupKind::Government {
                if let Some(cc) = &group.country {
                    *gov.entry(cc.clone()).or_default() += 1;
                }
            }
            out.push(group);
            i += n;
        }
    }
    // Opposition without a country: the country whose government the article names most.
    let main = gov
        .iter()
        .max_by_key(|(cc, n)| (**n, countries.get(*cc).copied().unwrap_or(0)))
        .map(|(cc, _)| cc.clone());
    for g in &mut out {
        if g.country.is_none() && g.kind == GroupKind::Opposition {
            g.country.clone_from(&main);
        }
    }
    out
}

/// A head noun at word `i` followed by a demonym (`النظام السورى`): the
/// group and the number of words it takes.
fn headed_group(gaz: &Gazetteer, part: &Part, i: usize) -> Option<(Group, usize)> {
    let lk = part.lookup(i);
    let &(_, kind, label) = GROUP_HEADS.iter().find(|(h, _, _)| *h == lk)?;
    let cc = part.words.get(i + 1).and_then(|w| demonym_of(gaz, w))?;
    let span = part.span(i, i + 2);
    let name = gaz.country(&cc).map_or(cc.clone(), |p| p.name_en.clone());
    let group = Group {
        part: part.part,
        span,
        text: part.slice(span),
        kind,
        label: format!("{label} of {name}"),
        country: Some(cc),
    };
    Some((group, 2))
}

/// A listed phrase of one or two words at word `i` (the longest): the group
/// and the number of words it takes.
fn listed_group(part: &Part, i: usize) -> Option<(Group, usize)> {
    let lk = part.lookup(i);
    let next = part.words.get(i + 1);
    let two = format!("{lk} {}", next.map_or("", |w| w.key.as_str()));
    let &(p, kind, label, cc) = GROUP_WORDS
        .iter()
        .filter(|(p, ..)| *p == two || *p == lk)
        .max_by_key(|(p, ..)| p.len())?;
    let n = if p.contains(' ') { 2 } else { 1 };
    let span = part.span(i, i + n);
    let group = Group {
        part: part.part,
        span,
        text: part.slice(span),
        kind,
        label: label.to_string(),
        country: (!cc.is_empty()).then(|| cc.to_string()),
    };
    Some((group, n))
}
