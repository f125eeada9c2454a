//! Roles: the title written right before a person's name (`وزير الخارجية
//! الروسى سيرغى لافروف`), with the country and organisation it names.

use std::collections::HashMap;

use rasid_core::{EntityKind, Role, TokenKind};

use super::linking::{country_of, demonym_of};
use super::{Part, Raw};
use crate::gazetteer::Gazetteer;

/// A role head word, with its English title and how many following words it
/// takes when they match.
pub(super) const ROLES: &[(&str, &str, &str)] = &[
    ("وزير", "الخارجيه", "foreign minister"),
    ("وزير", "خارجيه", "foreign minister"),
    ("وزير", "الدفاع", "defence minister"),
    ("وزير", "دفاع", "defence minister"),
    ("وزير", "الداخليه", "interior minister"),
    ("وزير", "الماليه", "finance minister"),
    ("وزير", "الاقتصاد", "economy minister"),
    ("وزير", "الخزانه", "treasury secretary"),
    ("رييس", "الوزراء", "prime minister"),
    ("رييس", "الحكومه", "prime minister"),
    ("ولي", "العهد", "crown prince"),
    ("الامين", "العام", "secretary-general"),
    ("المتحدث", "باسم", "spokesperson"),
    ("متحدث", "باسم", "spokesperson"),
    ("الناطق", "باسم", "spokesperson"),
];

pub(super) const ROLE_HEADS: &[(&str, &str)] = &[
    ("الرييس", "president"),
    ("رييس", "president"),
    ("وزير", "minister"),
    ("الوزير", "minister"),
    ("الملك", "king"),
    ("العاهل", "king"),
    ("الامير", "prince"),
    ("الشيخ", "sheikh"),
    ("موفد", "envoy"),
    ("الموفد", "envoy"),
    ("مبعوث", "envoy"),
    ("المبعوث", "envoy"),
    ("السفير", "ambassador"),
    ("سفير", "ambassador"),
    ("المتحدث", "spokesperson"),
    ("الناطق", "spokesperson"),
    ("زعيم", "leader"),
    ("الزعيم", "leader"),
    ("قايد", "commander"),
    ("القايد", "commander"),
    ("الجنرال", "general"),
    ("اللواء", "general"),
    ("المستشاره", "chancellor"),
    ("المستشار", "adviser"),
    ("النايب", "deputy"),
    ("نايب", "deputy"),
];

/// Where the person and organisation mentions are, per part, so that a
/// role is found in time bounded by its window, not by the article.
pub(super) struct Persons {
    /// Per part, per word: inside a person's mention.
    person: Vec<Vec<bool>>,
    /// Per part: the ends of the organisation mentions starting at a word,
    /// in mention order.
    organizations: Vec<HashMap<usize, Vec<usize>>>,
    /// Per part: where the person mention ending before a word starts.
    person_ending: Vec<HashMap<usize, usize>>,
}

impl Persons {
    pub(super) fn new(parts: &[Part], raws: &[Raw]) -> Persons {
        let mut person: Vec<Vec<bool>> = parts.iter().map(|p| vec![false; p.words.len()]).collect();
        let mut organizations: Vec<HashMap<usize, Vec<usize>>> = vec![HashMap::new(); parts.len()];
        let mut person_ending: Vec<HashMap<usize, usize>> = vec![HashMap::new(); parts.len()];
        for r in raws {
            match r.kind {
                EntityKind::Per => {
                    if let Some(words) = person.get_mut(r.p) {
                        words.iter_mut().take(r.end).skip(r.start).for_each(|w| *w = true);
                    }
                    if let Some(ends) = person_ending.get_mut(r.p) {
                        ends.entry(r.end).or_insert(r.start);
                    }
                }
                EntityKind::Org => {
                    if let Some(orgs) = organizations.get_mut(r.p) {
                        orgs.entry(r.start).or_default().push(r.end);
                    }
                }
                _ => {}
            }
        }
        Persons {
            person,
            organizations,
            person_ending,
        }
    }

    /// Where the person mention of part `p` that ends right before word `i` starts.
    fn person_ending_at(&self, p: usize, i: usize) -> Option<usize> {
        self.person_ending.get(p)?.get(&i).copied()
    }

    /// True when word `i` of part `p` is inside a person's mention.
    fn is_person(&self, p: usize, i: usize) -> bool {
        self.person.get(p).and_then(|w| w.get(i)).copied().unwrap_or(false)
    }

    /// The first organisation mention of part `p` that starts at word `i`
    /// and ends by `by`: its end.
    fn organization_at(&self, p: usize, i: usize, by: usize) -> Option<usize> {
        self.organizations.get(p)?.get(&i)?.iter().copied().find(|&e| e <= by)
    }
}

/// The role written right before a person's mention, within its sentence.
///
/// A role that names no country and is joined by `و` to the role of the
/// person named just before takes that role's country: in `وزير الخارجية
/// الروسى سيرغى لافروف ووزير الدفاع سيرغى شويغو` both are Russian ministers.
pub(super) fn role_before(gaz: &Gazetteer, parts: &[Part], persons: &Persons, r: &Raw) -> Option<Role> {
    let (head, mut role) = role_at(gaz, parts, persons, r.p, r.start)?;
    let joined = parts
        .get(r.p)
        .and_then(|part| part.words.get(head))
        .is_some_and(|w| w.pre.starts_with('و'));
    if role.country.is_none() && joined {
        if let Some(previous) = persons.person_ending_at(r.p, head) {
            role.country = role_at(gaz, parts, persons, r.p, previous).and_then(|(_, earlier)| earlier.country);
        }
    }
    Some(role)
}

/// The role written right before the person mention starting at word
/// `start` of part `p`, as it reads there, with the word its head is.
fn role_at(gaz: &Gazetteer, parts: &[Part], persons: &Persons, p: usize, start: usize) -> Option<(usize, Role)> {
    const WINDOW: usize = 6;
    let part = parts.get(p)?;
    let sentence = part.sentence.get(start).copied();
    let lo = start.saturating_sub(WINDOW);
    // The nearest head going left; nothing but words in between.
    let mut head = None;
    for i in (lo..start).rev() {
        let w = part.words.get(i)?;
        if part.sentence.get(i).copied() != sentence || !matches!(w.kind, TokenKind::Arabic) {
            break;
        }
        // Another person's name in between: the role is theirs.
        if persons.is_person(p, i) {
            break;
        }
        let lk = part.lookup(i);
        let next = part.words.get(i + 1).map_or("", |w| w.key.as_str());
        if let Some(&(_, _, title)) = ROLES.iter().find(|(h, n, _)| *h == lk && *n == next) {
            head = Some((i, title));
            break;
        }
        if let Some(&(_, title)) = ROLE_HEADS.iter().find(|(h, _)| *h == lk) {
            head = Some((i, title));
            break;
        }
    }
    let (h, title) = head?;
    let span = part.span(h, start);
    // The country: a demonym or a country name between the head and the name.
    let mut country = None;
    let mut organization = None;
    for i in h + 1..start {
        let Some(w) = part.words.get(i) else { continue };
        if country.is_none() {
            country = demonym_of(gaz, w).or_else(|| country_of(gaz, w));
        }
        if organization.is_none() {
            if let Some(end) = persons.organization_at(p, i, start) {
                organization = Some(part.slice(part.span(i, end)));
            }
        }
    }
    Some((
        h,
        Role {
            title: title.to_string(),
            text: part.slice(span),
            part: part.part,
            span,
            country,
            organization,
        },
    ))
}
