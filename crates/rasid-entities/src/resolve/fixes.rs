//! Rules after tagging that fix classes of the tagger's errors (issue 16):
//!
//! * whole-word names: a known name is not split into a clitic and a name
//!   (`كرشيد`, not `ك` + `رشيد`);
//! * a country or capital at the start of a person's mention is a place
//!   (`واتهمت واشنطن خالد شيخ محمد`);
//! * titles are not part of a name, and a listed name right after a title is
//!   a person (`الرئيس لحود` → `لحود`; the role is found by [`super::roles`]);
//! * a verbal noun before a name is not part of it (`هروب بن لادن` → `بن لادن`);
//! * names cut short are completed with listed given names and nisba surnames
//!   (`عبد الفتاح السيسي`, `خالد شيخ محمد`);
//! * wires, channels and armed groups are organisations (`فرانس برس`, `داعش`);
//! * a head noun makes the names after it an organisation (`وكالة تونس
//!   افريقيا للأنباء`, `مطار شارل دي غول`, `ريال سوسييداد`);
//! * the name right after a player's or a coach's word is the club
//!   (`لاعب برشلونة`), countries excepted (the national team);
//! * a nisba adjective after an organisation belongs to it (`وزارة الداخلية
//!   السعودية`), and a nisba adjective after a definite noun is not a place
//!   (`المصالح الديوانية`).
//!
//! The short lists (heads, wires) are in `data/org-names.tsv`. Every rule is
//! linear in the words and mentions of a part.

use std::collections::HashSet;
use std::sync::LazyLock;

use rasid_core::{EntityKind, TokenKind};

use super::roles::{ROLES, ROLE_HEADS};
use super::{key_set, Part, Raw};
use crate::gazetteer::{flag, Gazetteer};
use crate::word::Word;

/// The lists of `data/org-names.tsv`, in key form.
struct OrgLists {
    heads: HashSet<String>,
    tails: HashSet<String>,
    names: HashSet<String>,
    ends: HashSet<String>,
    /// Longest name, in words.
    longest: usize,
}

static LISTS: LazyLock<OrgLists> = LazyLock::new(|| OrgLists::parse(include_str!("../../data/org-names.tsv")));

impl OrgLists {
    fn parse(src: &str) -> OrgLists {
        let n = rasid_text::NormalizerConfig::default();
        let mut lists = OrgLists {
            heads: HashSet::new(),
            tails: HashSet::new(),
            names: HashSet::new(),
            ends: HashSet::new(),
            longest: 1,
        };
        for line in src.lines().filter(|l| !l.starts_with('#')) {
            let Some((kind, name)) = line.split_once('\t') else {
                continue;
            };
            let words: Vec<String> = name.split_whitespace().map(|w| n.key(w).into_owned()).collect();
            let key = words.join(" ");
            match kind {
                "H" => lists.heads.insert(key),
                "T" => lists.tails.insert(key),
                "E" => lists.ends.insert(key),
                "N" => {
                    lists.longest = lists.longest.max(words.len());
                    lists.names.insert(key)
                }
                _ => false,
            };
        }
        lists
    }
}

/// Honorifics and ranks (`data/titles.tsv`), in key form.
static HONORIFICS: LazyLock<HashSet<String>> = LazyLock::new(|| {
    key_set(
        include_str!("../../data/titles.tsv")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#')),
    )
});

/// Words that join the parts of a person's name (`خالد شيخ محمد`, `اسامه بن لادن`).
const NAME_LINKS: &[&str] = &["شيخ", "بن", "ابن", "بنت", "ابو", "ولد"];

/// Keeps a clitic inside a name when the whole word is the name: a known
/// name (`باريانة` when the gazetteer lists it whole), or a person's name
/// written with `ك` (a simile before a person's name is rare; `كرشيد` is a
/// surname).
pub(super) fn whole_word_names(gaz: &Gazetteer, part: &mut Part, p: usize, raws: &[Raw]) {
    for r in raws.iter().filter(|r| r.p == p) {
        let Some(w) = part.words.get_mut(r.start) else { continue };
        if w.pre.is_empty() || w.definite || w.lookup == w.key {
            continue;
        }
        // No Arabic word starts with a seated hamza: `فؤاد` is a name, not `ف` + `ؤاد`.
        let orphan = part
            .text
            .get(w.name_span.start..w.name_span.end)
            .is_some_and(|t| t.starts_with(['ؤ', 'ئ']));
        // Otherwise a conjunction is too common to be part of a name (`وجدة`
        // after `الرياض` is `و` + Jeddah, not Oujda).
        if w.pre.starts_with(['و', 'ف']) && !orphan {
            continue;
        }
        let known = gaz
            .get(&w.key)
            .is_some_and(|i| i.flags & flag::COMMON == 0 && i.flags & !flag::DEMONYM != 0);
        // Only a one-word name, written solid (`كـسعود الفيصل` is a simile).
        let solid = part
            .text
            .get(w.span.start..w.span.end)
            .is_some_and(|t| !t.contains('ـ'));
        let simile = r.kind == EntityKind::Per && w.pre == "ك" && r.end - r.start == 1 && solid;
        if known || simile || orphan {
            w.lookup = w.key.clone();
            w.name_span = w.span;
            w.pre.clear();
        }
    }
}

/// Applies the rules to the mentions of part `p`.
pub(super) fn fix_part(gaz: &Gazetteer, part: &Part, p: usize, raws: &mut Vec<Raw>) {
    let (mut mine, rest): (Vec<Raw>, Vec<Raw>) = std::mem::take(raws).into_iter().partition(|r| r.p == p);
    mine.sort_by_key(|r| r.start);
    leading_places(gaz, part, &mut mine);
    trim_titles(part, &mut mine);
    trim_verbal_nouns(gaz, part, &mut mine);
    titled_names(gaz, part, p, &mut mine);
    complete_names(gaz, part, &mut mine);
    known_organizations(part, p, &mut mine);
    headed_organizations(part, p, &mut mine);
    clubs_of_players(gaz, part, &mut mine);
    organization_adjectives(gaz, part, &mut mine);
    adjective_places(gaz, part, &mut mine);
    mine.retain(|r| r.end > r.start);
    mine.sort_by_key(|r| r.start);
    *raws = rest;
    raws.extend(mine);
}

fn same_sentence(part: &Part, a: usize, b: usize) -> bool {
    part.sentence.get(a).is_some() && part.sentence.get(a) == part.sentence.get(b)
}

/// Per word: the index (into `mine`) of the mention that covers it.
fn owners(part: &Part, mine: &[Raw]) -> Vec<Option<usize>> {
    let mut owner = vec![None; part.words.len()];
    for (k, r) in mine.iter().enumerate() {
        owner.iter_mut().take(r.end).skip(r.start).for_each(|o| *o = Some(k));
    }
    owner
}

/// Replaces the mentions that overlap the new ones (non-overlapping) by them.
fn replace(part: &Part, mine: &mut Vec<Raw>, new: Vec<Raw>) {
    if new.is_empty() {
        return;
    }
    let mut covered = vec![false; part.words.len()];
    for r in &new {
        covered.iter_mut().take(r.end).skip(r.start).for_each(|c| *c = true);
    }
    mine.retain(|r| !covered.iter().take(r.end).skip(r.start).any(|&c| c));
    mine.extend(new);
    mine.sort_by_key(|r| r.start);
}

fn is_title(part: &Part, i: usize) -> usize {
    let lk = part.lookup(i);
    let next = part.words.get(i + 1).map_or("", |w| w.key.as_str());
    if ROLES.iter().any(|(h, n, _)| *h == lk && *n == next) {
        2
    } else if ROLE_HEADS.iter().any(|(h, _)| *h == lk) {
        1
    } else if HONORIFICS.contains(lk) {
        // `الرقيب أول`: the rank's degree goes with it.
        if next == "اول" {
            2
        } else {
            1
        }
    } else {
        0
    }
}

/// The Arab League's members (ISO codes): their capitals' names are also
/// Arabic given names (`رياض`), foreign ones are not (`واشنطن`).
const ARAB_COUNTRIES: &[&str] = &[
    "DZ", "BH", "KM", "DJ", "EG", "IQ", "JO", "KW", "LB", "LY", "MR", "MA", "OM", "PS", "QA", "SA", "SO", "SD", "SY",
    "TN", "AE", "YE",
];

/// `واتهمت [واشنطن] [خالد شيخ محمد]`: a country's or a capital's name that
/// begins a person's mention is a place before the name, unless it is a
/// common word or may be a given name: listed as a person's name and not a
/// foreign country or capital (`رياض المرابط` stays; `جورج واشنطن` ends
/// with the place's name, and stays).
fn leading_places(gaz: &Gazetteer, part: &Part, mine: &mut Vec<Raw>) {
    let foreign = |info: &crate::gazetteer::NameInfo| {
        info.places
            .iter()
            .filter_map(|&i| gaz.places.get(i as usize))
            .any(|p| matches!(p.feature.as_str(), "PCLI" | "PPLC") && !ARAB_COUNTRIES.contains(&p.country.as_str()))
    };
    let mut places = Vec::new();
    for r in mine
        .iter_mut()
        .filter(|r| r.kind == EntityKind::Per && r.end - r.start >= 2)
    {
        let place = part.words.get(r.start).is_some_and(|w| {
            w.kind == TokenKind::Arabic
                && w.enc.is_empty()
                && gaz.get(&w.lookup).is_some_and(|x| {
                    x.flags & (flag::COUNTRY | flag::MAJOR) != 0
                        && x.flags & (flag::COMMON | flag::DEMONYM) == 0
                        && (x.flags & flag::PER == 0 || foreign(x))
                })
        });
        if place {
            places.push(Raw {
                p: r.p,
                start: r.start,
                end: r.start + 1,
                kind: EntityKind::Loc,
            });
            r.start += 1;
        }
    }
    if !places.is_empty() {
        mine.extend(places);
        mine.sort_by_key(|r| r.start);
    }
}

/// `الرئيس لحود` → `لحود`: a title is not part of a person's name.
fn trim_titles(part: &Part, mine: &mut [Raw]) {
    for r in mine.iter_mut().filter(|r| r.kind == EntityKind::Per) {
        loop {
            let t = is_title(part, r.start);
            if t == 0 || r.end - r.start <= t {
                break;
            }
            r.start += t;
        }
    }
}

/// `الرئيس لحود`: a listed given name or surname the tagger missed right
/// after a title is a person's name.
fn titled_names(gaz: &Gazetteer, part: &Part, p: usize, mine: &mut Vec<Raw>) {
    let owner = owners(part, mine);
    let mut new = Vec::new();
    for i in 0..part.words.len() {
        let t = is_title(part, i);
        let j = i + t;
        if t > 0 && owner.get(j).is_some_and(|o| o.is_none()) && same_sentence(part, i, j) && person_word(gaz, part, j)
        {
            new.push(Raw {
                p,
                start: j,
                end: j + 1,
                kind: EntityKind::Per,
            });
        }
    }
    if !new.is_empty() {
        mine.extend(new);
        mine.sort_by_key(|r| r.start);
    }
}

/// True when a word has the shape of a verbal noun of the patterns news put
/// before names (`هروب`, `اغتيال`, `استقالة`, `انسحاب`, `تسليم`, `تبادل`):
/// فعول, افتعال, استفعال, انفعال, تفعيل, تفاعل.
fn verbal_noun_shape(w: &str) -> bool {
    let c: Vec<char> = w.chars().collect();
    let at = |i: usize| c.get(i).copied().unwrap_or(' ');
    match c.len() {
        4 => at(2) == 'و' && at(0) != 'ا',
        5 => at(0) == 'ت' && (at(3) == 'ي' || at(2) == 'ا'),
        6 => at(0) == 'ا' && at(4) == 'ا' && (at(2) == 'ت' || at(1) == 'ن'),
        7 | 8 => w.starts_with("است") && (at(4) == 'ا' || at(5) == 'ا'),
        _ => false,
    }
}

/// `هروب بن لادن` → `بن لادن`: a verbal noun before a name is not part of it,
/// unless the gazetteer lists the word as a name.
fn trim_verbal_nouns(gaz: &Gazetteer, part: &Part, mine: &mut [Raw]) {
    for r in mine.iter_mut() {
        if r.end - r.start < 2 {
            continue;
        }
        let Some(w) = part.words.get(r.start) else { continue };
        let listed = gaz
            .get(&w.lookup)
            .is_some_and(|i| i.flags & (flag::PER | flag::ORG | flag::LOC | flag::PLACE) != 0);
        if !w.definite && w.enc.is_empty() && !listed && verbal_noun_shape(&w.lookup) {
            r.start += 1;
        }
    }
}

/// A word that may be part of a person's name next to one: a listed given
/// name that is no place and no common word.
fn person_word(gaz: &Gazetteer, part: &Part, i: usize) -> bool {
    let Some(w) = part.words.get(i) else { return false };
    w.kind == TokenKind::Arabic
        && !w.stop
        && w.pre.is_empty()
        && w.enc.is_empty()
        && is_title(part, i) == 0
        && gaz
            .get(&w.lookup)
            .is_some_and(|x| x.flags & flag::PER != 0 && x.flags & (flag::COMMON | flag::PLACE | flag::DEMONYM) == 0)
}

/// A definite nisba surname (`السيسي`): definite, ending in `ي`, no demonym
/// and nothing else the gazetteer knows.
fn nisba_surname(gaz: &Gazetteer, part: &Part, i: usize) -> bool {
    let Some(w) = part.words.get(i) else { return false };
    w.kind == TokenKind::Arabic
        && !w.stop
        && w.definite
        && w.pre == "ال"
        && w.enc.is_empty()
        && w.lookup.ends_with('ي')
        && w.lookup.chars().count() >= 5
        && gaz.get(&w.lookup).is_none_or(|x| x.flags & !flag::PER == 0)
}

/// Completes names cut short: listed given names before (`خالد شيخ محمد`),
/// listed names and nisba surnames after (`عبد الفتاح السيسي`).
fn complete_names(gaz: &Gazetteer, part: &Part, mine: &mut Vec<Raw>) {
    let mut taken = vec![false; part.words.len()];
    for r in mine.iter() {
        taken.iter_mut().take(r.end).skip(r.start).for_each(|t| *t = true);
    }
    let given = |i: usize| {
        person_word(gaz, part, i)
            && !NAME_LINKS.contains(&part.lookup(i))
            && part.words.get(i).is_some_and(|w| !w.definite)
    };
    for r in mine.iter_mut().filter(|r| r.kind == EntityKind::Per) {
        for _ in 0..3 {
            let free = |i: usize| taken.get(i).is_some_and(|t| !t);
            let Some(b) = r.start.checked_sub(1) else { break };
            if !free(b) || !same_sentence(part, b, r.start) {
                break;
            }
            if given(b) {
                r.start = b;
            } else {
                let link = NAME_LINKS.contains(&part.lookup(b)) && part.words.get(b).is_some_and(|w| w.pre.is_empty());
                match b.checked_sub(1) {
                    Some(a) if link && free(a) && same_sentence(part, a, b) && given(a) => r.start = a,
                    _ => break,
                }
            }
            taken.iter_mut().take(r.end).skip(r.start).for_each(|t| *t = true);
        }
        for _ in 0..2 {
            let e = r.end;
            if taken.get(e).is_none_or(|&t| t) || !same_sentence(part, r.start, e) {
                break;
            }
            if person_word(gaz, part, e) || nisba_surname(gaz, part, e) {
                r.end = e + 1;
                if let Some(t) = taken.get_mut(e) {
                    *t = true;
                }
            } else {
                break;
            }
        }
    }
    // `[فهد سريحان العلي] [الزهراني]`: a definite surname touching a name is
    // part of it (two full names side by side stay apart).
    let mut merged: Vec<Raw> = Vec::with_capacity(mine.len());
    for r in mine.drain(..) {
        match merged.last_mut() {
            Some(last)
                if last.kind == EntityKind::Per
                    && r.kind == EntityKind::Per
                    && last.end == r.start
                    && same_sentence(part, last.start, r.start)
                    && r.end - r.start == 1
                    && part.words.get(r.start).is_some_and(|w| w.pre == "ال") =>
            {
                last.end = r.end;
            }
            _ => merged.push(r),
        }
    }
    *mine = merged;
}

/// Wires, channels and armed groups the lists name, and names ending in a
/// wire's last word (`... برس`), are organisations.
fn known_organizations(part: &Part, p: usize, mine: &mut Vec<Raw>) {
    let lists = &*LISTS;
    let owner = owners(part, mine);
    // Word `i` is in an organisation mention that reaches out of `a..b`.
    let in_org = |i: usize, a: usize, b: usize| {
        owner
            .get(i)
            .copied()
            .flatten()
            .and_then(|k| mine.get(k))
            .is_some_and(|r| r.kind == EntityKind::Org && (r.start < a || r.end > b))
    };
    let mut new = Vec::new();
    let n = part.words.len();
    let mut i = 0;
    while i < n {
        let hit = (1..=lists.longest).rev().find(|&len| {
            i + len <= n
                && same_sentence(part, i, i + len - 1)
                && !(i..i + len).any(|w| in_org(w, i, i + len))
                && lists.names.contains(&part.name(i, i + len))
        });
        match hit {
            Some(len) => {
                new.push(Raw {
                    p,
                    start: i,
                    end: i + len,
                    kind: EntityKind::Org,
                });
                i += len;
            }
            None => i += 1,
        }
    }
    replace(part, mine, new);
    // `فرانس [برس]`: a name whose last word ends a wire's name.
    let starts: HashSet<usize> = mine.iter().map(|r| r.start).collect();
    for r in mine.iter_mut() {
        let next = part.words.get(r.end).map(|w| w.key.as_str());
        if next.is_some_and(|k| lists.ends.contains(k))
            && !starts.contains(&r.end)
            && same_sentence(part, r.start, r.end)
        {
            r.end += 1;
        }
        let last = r.end.checked_sub(1).and_then(|l| part.words.get(l));
        if r.end - r.start >= 2 && last.is_some_and(|w| lists.ends.contains(w.key.as_str())) {
            r.kind = EntityKind::Org;
        }
    }
}

/// A word with no proclitic but the article.
fn bare(w: &crate::word::Word) -> bool {
    w.pre.is_empty() || w.pre == "ال"
}

/// Words for a member of a team that name the team right after them, in
/// the construct state (`لاعب برشلونة`, "Barcelona's player"), in key form.
static PLAYER_ROLES: LazyLock<HashSet<String>> = LazyLock::new(|| {
    key_set([
        "لاعب",
        "لاعبا",
        "لاعبي",
        "لاعبو",
        "مهاجم",
        "مهاجمي",
        "مدافع",
        "مدافعي",
        "هداف",
        "مدرب",
        "مدربي",
    ])
});

/// The home nations, national teams that GeoNames does not list as countries, in key form.
static HOME_NATIONS: LazyLock<HashSet<String>> =
    LazyLock::new(|| key_set(["إنجلترا", "إنكلترا", "انكلترا", "اسكتلندا", "اسكوتلندا", "ويلز"]));

/// `لاعب [برشلونة]`, `مهاجم [فوجيا]`: the name right after an indefinite
/// word for a player or a coach, in its construct state, is the club (an
/// organisation, as CoNLL tags clubs named after their city), unless it is
/// a country or a home nation (the national team, a place as in CoNLL).
/// After the definite word the name is the player's own (`اللاعب محمد
/// صلاح`), and stays.
fn clubs_of_players(gaz: &Gazetteer, part: &Part, mine: &mut [Raw]) {
    for r in mine
        .iter_mut()
        .filter(|r| matches!(r.kind, EntityKind::Loc | EntityKind::Per))
    {
        let role = part
            .before(r.start)
            .and_then(|b| part.words.get(b))
            .is_some_and(|w| !w.definite && w.enc.is_empty() && PLAYER_ROLES.contains(w.lookup.as_str()));
        let name = part.words.get(r.start).is_some_and(bare);
        let country = (r.start..r.end).any(|i| {
            part.words.get(i).is_some_and(|w| {
                HOME_NATIONS.contains(w.lookup.as_str())
                    || gaz.get(&w.lookup).is_some_and(|x| x.flags & flag::COUNTRY != 0)
            })
        });
        if role && name && !country {
            r.kind = EntityKind::Org;
        }
    }
}

/// A head noun and the names right after it are one organisation:
/// `وكالة [تونس] [افريقيا] للأنباء`, `مطار [شارل دي غول]`, `ريال [سوسييداد]`.
fn headed_organizations(part: &Part, p: usize, mine: &mut Vec<Raw>) {
    let lists = &*LISTS;
    let owner = owners(part, mine);
    let is_head = |i: usize| {
        part.words
            .get(i)
            .is_some_and(|w| lists.heads.contains(w.lookup.as_str()))
    };
    let mut new: Vec<Raw> = Vec::new();
    let mut k = 0;
    while k < mine.len() {
        let Some(r) = mine.get(k) else { break };
        let start = if r.kind == EntityKind::Org && is_head(r.start) {
            Some(r.start)
        } else {
            let solid = part.words.get(r.start).is_some_and(bare);
            r.start.checked_sub(1).filter(|&h| {
                solid && is_head(h) && owner.get(h).is_some_and(|o| o.is_none()) && same_sentence(part, h, r.start)
            })
        };
        let Some(start) = start else {
            k += 1;
            continue;
        };
        let mut end = r.end;
        k += 1;
        // Further names join only when they are places or organisations
        // written without a conjunction (`وكالة تونس افريقيا`, not `ريال مدريد
        // ورومان أبراموفيتش`, not `نادي ريال مدريد فلورنتينو بيريز`).
        while let Some(next) = mine.get(k).filter(|n| {
            n.start == end
                && matches!(n.kind, EntityKind::Loc | EntityKind::Org)
                && part.words.get(n.start).is_some_and(bare)
                && same_sentence(part, start, n.start)
        }) {
            end = next.end;
            k += 1;
        }
        let tail = part
            .words
            .get(end)
            .is_some_and(|w| lists.tails.contains(w.key.as_str()));
        if tail && same_sentence(part, start, end) {
            end += 1;
        }
        new.push(Raw {
            p,
            start,
            end,
            kind: EntityKind::Org,
        });
    }
    replace(part, mine, new);
}

/// A definite adjective of the nisba form, or a demonym.
fn nisba_adjective(gaz: &Gazetteer, part: &Part, i: usize) -> bool {
    part.words.get(i).is_some_and(|w| {
        w.definite
            && w.enc.is_empty()
            && (w.lookup.ends_with("يه") || gaz.get(&w.lookup).is_some_and(|x| x.flags & flag::DEMONYM != 0))
    })
}

/// `وزارة الداخلية [السعودية]`: a one-word place mention of the nisba form
/// right after an organisation, or after a head noun and its definite
/// complement, is the organisation's adjective.
fn organization_adjectives(gaz: &Gazetteer, part: &Part, mine: &mut Vec<Raw>) {
    let lists = &*LISTS;
    let owner = owners(part, mine);
    let mut gone = vec![false; mine.len()];
    let mut grow: Vec<(usize, usize)> = Vec::new(); // (org mention, new start)
    let mut add: Vec<Raw> = Vec::new();
    for (k, r) in mine.iter().enumerate() {
        if r.kind != EntityKind::Loc || r.end - r.start != 1 || !nisba_adjective(gaz, part, r.start) {
            continue;
        }
        let Some(b) = r.start.checked_sub(1) else { continue };
        if !same_sentence(part, b, r.start) {
            continue;
        }
        match owner.get(b).copied().flatten() {
            Some(o)
                if mine
                    .get(o)
                    .is_some_and(|x| x.kind == EntityKind::Org && x.end == r.start) =>
            {
                grow.push((o, r.end));
                if let Some(g) = gone.get_mut(k) {
                    *g = true;
                }
            }
            None => {
                let complement = part.words.get(b).is_some_and(|w| w.pre == "ال" && !w.stop);
                let head = b.checked_sub(1).filter(|&h| {
                    owner.get(h).is_some_and(|o| o.is_none())
                        && same_sentence(part, h, b)
                        && part
                            .words
                            .get(h)
                            .is_some_and(|w| lists.heads.contains(w.lookup.as_str()))
                });
                if let (true, Some(h)) = (complement, head) {
                    add.push(Raw {
                        p: r.p,
                        start: h,
                        end: r.end,
                        kind: EntityKind::Org,
                    });
                    if let Some(g) = gone.get_mut(k) {
                        *g = true;
                    }
                }
            }
            _ => {}
        }
    }
    for (o, end) in grow {
        if let Some(r) = mine.get_mut(o) {
            r.end = r.end.max(end);
        }
    }
    let mut k = 0;
    mine.retain(|_| {
        k += 1;
        !gone.get(k - 1).copied().unwrap_or(false)
    });
    mine.extend(add);
    mine.sort_by_key(|r| r.start);
}

/// `المصالح [الديوانية]`: a one-word place mention of the nisba form right
/// after a definite noun outside any mention is an adjective, not a place
/// (countries excepted: `زار الرئيس السعودية`).
fn adjective_places(gaz: &Gazetteer, part: &Part, mine: &mut Vec<Raw>) {
    let owner = owners(part, mine);
    mine.retain(|r| {
        if r.kind != EntityKind::Loc || r.end - r.start != 1 {
            return true;
        }
        let Some(w) = part.words.get(r.start) else { return true };
        let country = gaz.get(&w.lookup).is_some_and(|x| x.flags & flag::COUNTRY != 0);
        // The Arabic content word before it, in its sentence and outside any mention.
        let before = part
            .before(r.start)
            .filter(|&b| owner.get(b).is_some_and(|o| o.is_none()))
            .and_then(|b| part.words.get(b))
            .filter(|x| !x.stop && x.kind == TokenKind::Arabic);
        let nisba = w.lookup.ends_with("يه");
        if w.definite && nisba && !country && before.is_some_and(|x| x.definite) {
            return false;
        }
        // `قوة سياسية [سورية]`: the indefinite nisba form right after an
        // indefinite noun agrees with it as its adjective, countries too
        // (`سورية` is also Syria: `إلى سورية`, `زار الرئيس سورية` stay places).
        let indefinite = |x: &Word| !x.definite && x.pre.is_empty() && x.enc.is_empty();
        !(nisba && indefinite(w) && before.is_some_and(indefinite))
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verbal_noun_shapes() {
        for w in [
            "هروب",
            "خروج",
            "اغتيال",
            "اعتقال",
            "انسحاب",
            "استقاله",
            "تسليم",
            "تبادل",
        ] {
            assert!(verbal_noun_shape(w), "{w}");
        }
        for w in ["محمد", "لادن", "بوتين", "لافروف", "اسامه"] {
            assert!(!verbal_noun_shape(w), "{w}");
        }
    }

    #[test]
    fn honorifics_parse_in_key_form() {
        assert!(HONORIFICS.contains("الدكتور"));
        assert!(HONORIFICS.contains("الاستاذ"));
        assert!(!HONORIFICS.iter().any(|h| h.starts_with('#')));
    }

    #[test]
    fn lists_parse_in_key_form() {
        assert!(LISTS.heads.contains("وكاله"));
        assert!(LISTS.names.contains("فرانس برس"));
        assert!(LISTS.tails.contains("للانباء"));
        assert!(LISTS.longest >= 3);
    }
}
