//! Mentions from the tagger's chunks, widened to listed place names, and
//! places the gazetteer is sure of that the tagger missed.

use std::collections::HashSet;
use std::sync::LazyLock;

use rasid_core::{EntityKind, TextAnalysis, TextPart, TokenKind};

use super::{key_set, Part, Raw};
use crate::gazetteer::{flag, Gazetteer, NameInfo};
use crate::model::{chunks, Tag};
use crate::word::Word;
use crate::Ner;

/// Splits an analysed text into sentences of words and tags them.
pub(super) fn tag_part<'a>(
    ner: &Ner,
    part: TextPart,
    text: &'a str,
    a: &TextAnalysis,
    raws: &mut Vec<Raw>,
    p: usize,
) -> Part<'a> {
    let words: Vec<Word> = a.tokens.iter().map(|t| Word::from_token(t, text)).collect();
    let mut sentence = vec![0usize; words.len()];
    let mut labels = vec![0usize; words.len()];
    let mut at = 0usize;
    let mut bounds = Vec::new();
    for (si, s) in a.sentences.iter().enumerate() {
        while at < words.len() && words.get(at).is_some_and(|w| w.span.start < s.start) {
            bounds.push((at, at + 1, usize::MAX));
            at += 1;
        }
        let start = at;
        while at < words.len() && words.get(at).is_some_and(|w| w.span.start < s.end) {
            at += 1;
        }
        if at > start {
            bounds.push((start, at, si));
        }
    }
    if at < words.len() {
        bounds.push((at, words.len(), usize::MAX));
    }
    let slices: Vec<&[Word]> = bounds.iter().map(|&(s, e, _)| words.get(s..e).unwrap_or(&[])).collect();
    // The whole part is one document for the second pass.
    let tagged = ner.tag_stream(&slices, usize::MAX);
    for (n, (&(s, _, _), tags)) in bounds.iter().zip(tagged).enumerate() {
        for (k, t) in tags.into_iter().enumerate() {
            if let Some(l) = labels.get_mut(s + k) {
                *l = t;
            }
            if let Some(x) = sentence.get_mut(s + k) {
                *x = n;
            }
        }
    }
    let tags: Vec<Tag> = labels.iter().map(|&l| Tag::from_index(l)).collect();
    for (start, end, kind) in chunks(&tags) {
        // A chunk never crosses a sentence boundary in the output.
        if sentence.get(start) == end.checked_sub(1).and_then(|e| sentence.get(e)) {
            raws.push(Raw { p, start, end, kind });
        }
    }
    Part {
        part,
        text,
        words,
        sentence,
    }
}

/// True when a listed name is certainly a place wherever it is written: a
/// country's or a capital's name, or a place name of two words or more, that
/// is neither a common word, a demonym nor a person's name.
fn sure_place(gaz: &Gazetteer, info: &NameInfo, words: usize) -> bool {
    if info.flags & (flag::COMMON | flag::DEMONYM | flag::PER) != 0 || info.flags & flag::PLACE == 0 {
        return false;
    }
    words > 1
        || info
            .places
            .iter()
            .filter_map(|&i| gaz.places.get(i as usize))
            .any(|p| matches!(p.feature.as_str(), "PCLI" | "PPLC"))
}

/// Prepositions, in key form: a word right after one is a noun.
static PREPOSITIONS: LazyLock<HashSet<String>> = LazyLock::new(|| {
    key_set([
        "في", "إلى", "من", "عن", "على", "مع", "نحو", "عبر", "ضد", "داخل", "خارج", "حول", "بين",
    ])
});

/// `زار الرئيس سورية`, `إلى سورية`: a country's name that is also an adjective
/// (`سورية`, "Syrian") is the country where it cannot be an adjective:
/// indefinite, and after a preposition (a clitic one too: `لسورية`) or a
/// definite noun, which an indefinite adjective cannot follow. After an
/// indefinite noun (`قوة سياسية سورية`) it stays an adjective.
fn country_as_noun(gaz: &Gazetteer, part: &Part, i: usize) -> bool {
    let Some(w) = part.words.get(i) else { return false };
    let country = gaz
        .get(&w.lookup)
        .is_some_and(|x| x.flags & flag::COUNTRY != 0 && x.flags & flag::PER == 0);
    if !country || w.definite || !w.enc.is_empty() || !w.lookup.ends_with("يه") {
        return false;
    }
    if w.pre.ends_with('ب') || w.pre.ends_with('ل') {
        return true;
    }
    let prev = part.before(i).and_then(|b| part.words.get(b));
    prev.is_some_and(|x| {
        x.kind == TokenKind::Arabic && (PREPOSITIONS.contains(&x.lookup) || (x.definite && !x.stop && x.enc.is_empty()))
    })
}

/// Places the tagger missed that the gazetteer is sure of (see
/// [`sure_place`], and [`country_as_noun`] for a country's name that is also
/// an adjective), outside any tagged mention and not right after a person's
/// name (`حسين الخليل` is a name, not Hebron).
pub(super) fn add_gazetteer_places(gaz: &Gazetteer, part: &Part, p: usize, raws: &mut Vec<Raw>) {
    let n = part.words.len();
    // Per word: inside a mention; a person's mention ends right before it.
    let mut taken = vec![false; n];
    let mut after = vec![false; n + 1];
    for r in raws.iter().filter(|r| r.p == p) {
        taken.iter_mut().take(r.end).skip(r.start).for_each(|t| *t = true);
        if r.kind == EntityKind::Per {
            if let Some(a) = after.get_mut(r.end) {
                *a = true;
            }
        }
    }
    let free = |a: usize, b: usize| !taken.iter().take(b).skip(a).any(|&t| t);
    let after_person = |a: usize| after.get(a).copied().unwrap_or(false);
    let mut i = 0;
    while i < part.words.len() {
        let mut best: Option<usize> = None;
        let first = part.words.get(i);
        let prev = i.checked_sub(1).and_then(|k| part.words.get(k));
        // `الغوطة الشرقية`: a definite adjective after a definite noun is not a place name.
        let adjective = first.is_some_and(|w| w.definite) && prev.is_some_and(|p| p.definite && !p.stop);
        if !adjective
            && !after_person(i)
            && first.is_some_and(|w| w.kind == TokenKind::Arabic && !w.stop && w.lookup.chars().count() >= 3)
        {
            gaz.matches_at(&part.words, i, &mut |m| {
                if gaz
                    .info(m.info)
                    .is_some_and(|info| sure_place(gaz, info, m.end - m.start))
                {
                    best = Some(m.end);
                }
            });
            if best.is_none() && country_as_noun(gaz, part, i) {
                best = Some(i + 1);
            }
        }
        match best {
            Some(end) if free(i, end) && part.sentence.get(i) == part.sentence.get(end - 1) => {
                raws.push(Raw {
                    p,
                    start: i,
                    end,
                    kind: EntityKind::Loc,
                });
                i = end;
            }
            _ => i += 1,
        }
    }
}

/// Widens the tagger's place mentions to the longest listed place name that
/// contains them within the sentence (`لجنوب [أفريقيا]` → `جنوب أفريقيا`,
/// `قطاع [غزة]` → `قطاع غزة`); place mentions the name swallows whole merge
/// into it (`[ريف] [دمشق]` → `ريف دمشق`), other mentions stop it.
pub(super) fn widen_places(gaz: &Gazetteer, part: &Part, p: usize, raws: &mut Vec<Raw>) {
    // Per word: the mention (index into `raws`) that covers it.
    let mut owner: Vec<Option<usize>> = vec![None; part.words.len()];
    for (k, r) in raws.iter().enumerate().filter(|(_, r)| r.p == p) {
        owner.iter_mut().take(r.end).skip(r.start).for_each(|o| *o = Some(k));
    }
    let widened = widenings(gaz, part, p, raws, &owner);
    if !widened.is_empty() {
        apply_widenings(raws, &owner, &widened);
    }
}

/// The place mentions of part `p` that a listed place name widens:
/// `(mention, (start, end))`, in mention order.
fn widenings(
    gaz: &Gazetteer,
    part: &Part,
    p: usize,
    raws: &[Raw],
    owner: &[Option<usize>],
) -> Vec<(usize, (usize, usize))> {
    // A listed name `a..b` may take the mention `me`'s place when every other
    // mention it touches is a place inside it.
    let clear = |me: usize, a: usize, b: usize| {
        owner.iter().take(b).skip(a).flatten().all(|&o| {
            o == me
                || raws
                    .get(o)
                    .is_some_and(|o| o.kind == EntityKind::Loc && a <= o.start && o.end <= b)
        })
    };
    let mut widened = Vec::new();
    for (k, r) in raws.iter().enumerate() {
        if r.p != p || r.kind != EntityKind::Loc {
            continue;
        }
        let (start, end) = (r.start, r.end);
        let sentence = part.sentence.get(start);
        let mut best = (start, end);
        for s in start.saturating_sub(2)..=start {
            if part.sentence.get(s) != sentence {
                continue;
            }
            gaz.matches_at(&part.words, s, &mut |m| {
                let place = gaz.info(m.info).is_some_and(|i| i.flags & flag::PLACE != 0);
                if place
                    && m.end >= end
                    && m.end - m.start > best.1 - best.0
                    && part.sentence.get(m.end - 1) == sentence
                    && clear(k, m.start, m.end)
                {
                    best = (m.start, m.end);
                }
            });
        }
        if best != (start, end) {
            widened.push((k, best));
        }
    }
    widened
}

/// Widens the mentions, then drops the place mentions a widened one now
/// covers (unless that one was widened itself before it).
fn apply_widenings(raws: &mut Vec<Raw>, owner: &[Option<usize>], widened: &[(usize, (usize, usize))]) {
    let mut is_widened = vec![false; raws.len()];
    for &(k, _) in widened {
        if let Some(w) = is_widened.get_mut(k) {
            *w = true;
        }
    }
    let mut gone = vec![false; raws.len()];
    for &(k, (a, b)) in widened {
        for &o in owner.iter().take(b).skip(a).flatten() {
            let widened_before = o < k && is_widened.get(o).copied().unwrap_or(false);
            if o != k && !widened_before {
                if let Some(g) = gone.get_mut(o) {
                    *g = true;
                }
            }
        }
    }
    for &(k, (a, b)) in widened {
        if let Some(r) = raws.get_mut(k) {
            (r.start, r.end) = (a, b);
        }
    }
    let mut k = 0;
    raws.retain(|_| {
        k += 1;
        !gone.get(k - 1).copied().unwrap_or(false)
    });
}
