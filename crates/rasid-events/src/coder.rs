//! The event coder: triggers (verbs, nouns, light verb + noun), their actors
//! from word order, modality, place and date.

use std::borrow::Cow;

use rasid_core::{
    Actor, DateSource, Event, EventDate, EventPlace, Modality, QuadClass, Span, TextPart, TimeExpr, TimexType, Token,
    TokenKind, Trigger,
};

use crate::actors::{ArticleContext, Cand};
use crate::dict::{key_cow, Entries, Entry, FormId, Kind, Word, NO_FORM};

/// How far (in tokens) the coder looks for what a trigger needs.
const SOURCE_AFTER: usize = 6;
const TARGET_AFTER: usize = 10;
const BEFORE: usize = 6;
const PRONOUN_BACK: usize = 30;
const PLACE_WINDOW: usize = 30;
const MODALITY_BACK: usize = 8;
const LIGHT_NOUN: usize = 12;
const CURATED_PATTERN: usize = 20;
const DICT_PATTERN: usize = 4;

/// Prepositions and quantifiers: a word right after one is a noun (a verbal
/// noun), not a verb (`عبر رفضها`, `أى تقدم`, `بدون وقفها`).
const NOUN_BEFORE: [&str; 20] = [
    "في", "من", "الي", "علي", "عن", "عبر", "بعد", "قبل", "حول", "خلال", "مع", "ضد", "بين", "منذ", "لدي", "اي", "كل",
    "بعض", "بدون", "دون",
];

/// Demonstratives: an event noun after one refers back to an event already told.
const DEMONSTRATIVES: [&str; 6] = ["هذا", "هذه", "تلك", "ذلك", "هذين", "هاتين"];

/// Whether a token ends a clause for the searches that must stay inside one.
fn clause_break(t: &Token) -> bool {
    t.kind == TokenKind::Punct && matches!(t.text.as_str(), "،" | "," | "." | ";" | "؛" | ":" | "?" | "؟" | "!")
}

/// One text part with everything the coder reads, computed once.
pub(crate) struct Part<'a> {
    pub dict: &'a crate::Dictionaries,
    pub part: TextPart,
    pub text: &'a str,
    pub tokens: &'a [Token],
    pub sentences: &'a [Span],
    /// The key form of each token's base (the word without its clitics).
    pub base_keys: Vec<Cow<'a, str>>,
    pub cands: Vec<Cand>,
    /// For each token, the candidate it is in.
    pub cand_of: Vec<Option<usize>>,
    pub times: Vec<&'a TimeExpr>,
    /// For each token, the verb entries it may be an inflection of, and whether it is future (`سـ`).
    verb_of: Vec<Option<(&'a Entries, bool)>>,
    /// For each token, the ids of its key, stem and base key among the
    /// pattern words (what [`Part::matches`] compares).
    forms: Vec<[FormId; 3]>,
    /// For each token index, how many tokens before it have a form of a
    /// pattern word: a window without one matches no pattern.
    pattern_tokens: Vec<usize>,
}

impl<'a> Part<'a> {
    pub(crate) fn new(
        ctx: &ArticleContext<'a>,
        part: TextPart,
        text: &'a str,
        tokens: &'a [Token],
        sentences: &'a [Span],
        times: &'a [TimeExpr],
        mentions: Vec<Cand>,
    ) -> Part<'a> {
        let base_keys: Vec<Cow<'a, str>> = tokens.iter().map(|t| base_key(text, t)).collect();
        let forms: Vec<[FormId; 3]> = tokens
            .iter()
            .zip(&base_keys)
            .map(|(t, b)| ctx.dict.form_ids(&t.key, &t.stem, b))
            .collect();
        let mut pattern_tokens = Vec::with_capacity(forms.len() + 1);
        pattern_tokens.push(0);
        for f in &forms {
            let n = pattern_tokens.last().copied().unwrap_or(0);
            pattern_tokens.push(n + usize::from(f.iter().any(|&id| id != NO_FORM)));
        }
        let cands = ctx.candidates(part, text, tokens, mentions);
        let mut cand_of = vec![None; tokens.len()];
        for (c, cand) in cands.iter().enumerate() {
            for slot in cand_of.iter_mut().take(cand.last + 1).skip(cand.first) {
                *slot = Some(c);
            }
        }
        let mut p = Part {
            verb_of: Vec::new(),
            forms,
            pattern_tokens,
            dict: ctx.dict,
            part,
            text,
            tokens,
            sentences,
            base_keys,
            cands,
            cand_of,
            times: {
                let mut times: Vec<&TimeExpr> = times
                    .iter()
                    .filter(|t| t.part == part && matches!(t.kind, TimexType::Date | TimexType::Time))
                    .filter(|t| t.value.as_bytes().first().is_some_and(u8::is_ascii_digit))
                    .collect();
                times.sort_by_key(|t| t.span.start);
                times
            },
        };
        p.verb_of = (0..tokens.len()).map(|i| p.compute_verb(i)).collect();
        p
    }

    pub(crate) fn tok(&self, i: usize) -> Option<&Token> {
        self.tokens.get(i)
    }

    pub(crate) fn base(&self, i: usize) -> &str {
        self.base_keys.get(i).map(|k| k.as_ref()).unwrap_or_default()
    }

    pub(crate) fn cand(&self, c: usize) -> Option<&Cand> {
        self.cands.get(c)
    }

    pub(crate) fn cand_at(&self, i: usize) -> Option<usize> {
        self.cand_of.get(i).copied().flatten()
    }

    /// The token ranges of the sentences, `[start, end)`.
    pub(crate) fn sentence_ranges(&self) -> Vec<(Span, usize, usize)> {
        let mut out = Vec::with_capacity(self.sentences.len());
        for s in self.sentences {
            let a = self.tokens.partition_point(|t| t.span.start < s.start);
            let b = self.tokens.partition_point(|t| t.span.start < s.end);
            if a < b {
                out.push((*s, a, b));
            }
        }
        out
    }

    /// Whether token `i` matches a pattern word: its key or its base's key is
    /// the word's key form, or its stem the word's stem.
    fn matches(&self, i: usize, w: &Word) -> bool {
        self.forms
            .get(i)
            .is_some_and(|&[key, stem, base]| key == w.key || stem == w.stem || base == w.key)
    }

    /// Matches word groups in order after token `from`, within `window` tokens
    /// and before `end`; the index of the last token matched.
    pub(crate) fn follow(&self, from: usize, end: usize, window: usize, groups: &[Vec<Word>]) -> Option<usize> {
        let mut at = from;
        let limit = end.min(from + 1 + window);
        // No token of the window has a pattern word's form: nothing to match.
        let lo = self.pattern_tokens.get(from + 1).copied().unwrap_or(0);
        let hi = self.pattern_tokens.get(limit).copied().unwrap_or(lo);
        if hi <= lo && !groups.is_empty() {
            return None;
        }
        for g in groups {
            at = (at + 1..limit).find(|&j| g.iter().any(|w| self.matches(j, w)))?;
        }
        Some(at)
    }

    fn is_actor(&self, c: usize) -> bool {
        self.cand(c).is_some_and(|c| !c.code.is_empty())
    }

    /// A candidate named right after `في` is a place, not an actor.
    fn is_place(&self, c: usize) -> bool {
        let Some(cand) = self.cand(c) else { return false };
        let prev = cand
            .first
            .checked_sub(1)
            .and_then(|p| self.tok(p))
            .map(|t| t.key.as_str());
        let after_fi = matches!(prev, Some("في" | "فى"));
        // A city or capital after `الى` is where someone goes (`وصلوا الى استانا`).
        let after_to = matches!(prev, Some("الي")) && cand.code.len() != 3;
        let fi_clitic = self
            .tok(cand.first)
            .is_some_and(|t| t.proclitics.iter().any(|p| p == "ب"));
        cand.loc && (after_fi || after_to || fi_clitic)
    }

    /// Whether the token's form is a verb of the dictionaries.
    fn dict_has_verb(&self, i: usize) -> bool {
        self.verb_of.get(i).is_some_and(Option::is_some)
    }

    /// Verb lemmas a token may be an inflection of (`سيلتقى` → `التقي`).
    pub(crate) fn verb_entries(&self, i: usize) -> Option<(&'a Entries, bool)> {
        self.verb_of.get(i).copied().flatten()
    }

    fn compute_verb(&self, i: usize) -> Option<(&'a Entries, bool)> {
        let dict = self.dict;
        let t = self.tok(i)?;
        if t.kind != TokenKind::Arabic || t.stop {
            return None;
        }
        if t.proclitics
            .iter()
            .any(|p| matches!(p.as_str(), "ال" | "لل" | "ب" | "ك"))
        {
            return None;
        }
        if i > 0 && self.tok(i - 1).is_some_and(|p| NOUN_BEFORE.contains(&p.key.as_str())) {
            return None;
        }
        if dict.not_verbs.contains(self.base(i)) || dict.not_verbs.contains(t.key.as_str()) {
            return None;
        }
        let future = t.proclitics.iter().any(|p| p == "س");
        let mut tried = 0;
        let mut found = None;
        for_each_lemma(self.base(i), |lemma| {
            tried += 1;
            if found.is_none() {
                found = dict.verbs.get(lemma);
            }
        });
        if found.is_none() && !t.proclitics.is_empty() && !future {
            // The analyzer may have split a verb's first letter as a clitic (`وقع`).
            for_each_lemma(&t.key, |lemma| {
                if found.is_none() {
                    found = dict.verbs.get(lemma);
                }
            });
        }
        found.map(|f| (f, future))
    }
}

/// The key form of a token's base: its key without the clitics (which, in key
/// form, concatenate with the base to the key), else the base's text normalised.
fn base_key<'a>(text: &'a str, t: &'a Token) -> Cow<'a, str> {
    let mut k = t.key.as_str();
    for p in &t.proclitics {
        match k.strip_prefix(p.as_str()) {
            Some(rest) => k = rest,
            None => return key_cow(text.get(t.base.start..t.base.end).unwrap_or_default()),
        }
    }
    if let Some(e) = &t.enclitic {
        match k.strip_suffix(e.as_str()) {
            Some(rest) => k = rest,
            None => return key_cow(text.get(t.base.start..t.base.end).unwrap_or_default()),
        }
    }
    Cow::Borrowed(k)
}

/// Whether token `k` looks like a verb of the trigger table or the CAMEO
/// dictionary (for searches that stop at the next clause).
fn verb_like(part: &Part<'_>, k: usize) -> bool {
    let Some(t) = part.tok(k) else { return false };
    t.kind == TokenKind::Arabic
        && !t.stop
        && t.proclitics
            .iter()
            .all(|p| !matches!(p.as_str(), "ال" | "لل" | "ب" | "ك"))
        && part.dict_has_verb(k)
}

/// Calls `f` with each lemma (past tense, third person masculine) a verb form may
/// belong to: the form itself, without its person suffix, without its
/// present-tense prefix (with the alef of forms IV, VII, VIII, X restored).
pub(crate) fn for_each_lemma(form: &str, mut f: impl FnMut(&str)) {
    let n = form.chars().count();
    if n < 2 {
        return;
    }
    f(form);
    const SUFFIXES: [&str; 8] = ["وا", "ون", "ان", "تا", "ت", "ا", "ن", "ي"];
    // The form and its stems without a suffix (no allocation: this runs for every word).
    let mut stems: [&str; SUFFIXES.len() + 1] = [form; SUFFIXES.len() + 1];
    let mut n_stems = 1;
    let mut buf = String::new();
    for suffix in SUFFIXES {
        if let Some(s) = form.strip_suffix(suffix) {
            if s.chars().count() >= 3 {
                if let Some(slot) = stems.get_mut(n_stems) {
                    *slot = s;
                    n_stems += 1;
                }
                f(s);
            }
            // Verbs ending in a vowel lose it before a suffix: نفت → نفى, دعت → دعا, ادعت → ادعى.
            if matches!(suffix, "ت" | "تا" | "وا") && s.chars().count() >= 2 {
                for last in ['ي', 'ا'] {
                    buf.clear();
                    buf.push_str(s);
                    buf.push(last);
                    f(&buf);
                }
            }
        }
    }
    // يدعو → دعا
    if let Some(s) = form.strip_suffix('و').and_then(|s| s.strip_prefix(['ي', 'ت', 'ن'])) {
        if s.chars().count() >= 2 {
            buf.clear();
            buf.push_str(s);
            buf.push('ا');
            f(&buf);
        }
    }
    for &s in stems.iter().take(n_stems) {
        for prefix in ['ي', 'ت', 'ن'] {
            if let Some(rest) = s.strip_prefix(prefix) {
                if rest.chars().count() >= 2 {
                    f(rest);
                    buf.clear();
                    buf.push('ا');
                    buf.push_str(rest);
                    f(&buf);
                    // Defective verbs: يلتقي → التقي (key of التقى).
                }
            }
        }
    }
}

/// The code of the best entry: the most specific whose words follow the trigger.
fn best<'e>(
    part: &Part<'_>,
    entries: &'e Entries,
    kinds: &[Kind],
    at: usize,
    end: usize,
) -> Option<(&'e Entry, usize)> {
    best_of(part, entries, kinds, at, end, false)
}

/// Entries of a trigger tried one by one; more are looked up by the words after it.
const SCAN_ENTRIES: usize = 8;

/// [`best`], among rasid's own entries only when `curated_only`.
fn best_of<'e>(
    part: &Part<'_>,
    entries: &'e Entries,
    kinds: &[Kind],
    at: usize,
    end: usize,
    curated_only: bool,
) -> Option<(&'e Entry, usize)> {
    if entries.len() <= SCAN_ENTRIES {
        return best_among(part, entries.iter(), kinds, at, end, curated_only);
    }
    // Only entries whose first words stand in the window after the trigger
    // can match, tried in the order of the list as a scan would.
    let window = part
        .forms
        .get(at + 1..end.min(at + 1 + CURATED_PATTERN.max(DICT_PATTERN)))
        .unwrap_or_default();
    let mut candidates = Vec::new();
    entries.candidates(window, &mut candidates);
    candidates.sort_unstable();
    candidates.dedup();
    best_among(
        part,
        candidates.iter().filter_map(|&k| entries.get(k)),
        kinds,
        at,
        end,
        curated_only,
    )
}

/// The best of these entries, in order: a later entry wins only with more
/// words to follow, or as many and curated.
fn best_among<'e>(
    part: &Part<'_>,
    entries: impl Iterator<Item = &'e Entry>,
    kinds: &[Kind],
    at: usize,
    end: usize,
    curated_only: bool,
) -> Option<(&'e Entry, usize)> {
    let mut best: Option<(&Entry, usize)> = None;
    for e in entries.filter(|e| kinds.contains(&e.kind) && (e.curated || !curated_only)) {
        // Only an entry that would beat the best so far is worth matching.
        if best.is_some_and(|(b, _)| (e.after.len(), e.curated) <= (b.after.len(), b.curated)) {
            continue;
        }
        let window = if e.curated { CURATED_PATTERN } else { DICT_PATTERN };
        let last = if e.after.is_empty() {
            Some(at)
        } else {
            part.follow(at, end, window, &e.after)
        };
        if let Some(last) = last {
            best = Some((e, last));
        }
    }
    best
}

/// An event found in a sentence, before it is made an [`Event`].
pub(crate) struct Found {
    pub trigger: usize,
    pub code: String,
    pub sources: Vec<usize>,
    pub target: Option<usize>,
    pub modality: Modality,
    pub confidence: f32,
    pub sentence: Span,
}

/// Finds the events of one sentence (`[start, end)` in tokens).
pub(crate) fn sentence_events(
    dict: &crate::Dictionaries,
    part: &Part<'_>,
    sentence: Span,
    start: usize,
    end: usize,
    out: &mut Vec<Found>,
) {
    let mut consumed = vec![false; end - start];
    let free =
        |consumed: &Vec<bool>, j: usize| j >= start && j < end && !consumed.get(j - start).copied().unwrap_or(true);
    for i in start..end {
        if !free(&consumed, i) || part.cand_at(i).is_some() {
            continue;
        }
        let mut found: Option<(String, usize, f32, bool, bool)> = None; // code, last token, confidence, noun-like, genitive target
        let mut future = false;
        let mut light_noun = None;
        let mut pattern = false;
        if let Some((entries, fut)) = part.verb_entries(i) {
            future = fut;
            if entries.iter().any(|e| e.kind == Kind::Cue) {
                continue; // statements come from the quote finder
            }
            if let Some((e, last)) = best(part, entries, &[Kind::Verb], i, end).filter(|(e, _)| !e.after.is_empty()) {
                found = Some((e.code.clone(), last, if e.curated { 0.6 } else { 0.45 }, false, false));
                pattern = true;
            } else if entries.iter().any(|e| e.kind == Kind::Light) {
                // A light verb takes the code of the event noun after it.
                for j in i + 1..end.min(i + 1 + LIGHT_NOUN) {
                    let Some(t) = part.tok(j) else { break };
                    if clause_break(t)
                        || (j > i + 1 && part.verb_entries(j).is_some() && !dict.nouns.contains_key(t.stem.as_str()))
                    {
                        break;
                    }
                    if let Some(nouns) = dict.nouns.get(t.stem.as_str()) {
                        if let Some((e, last)) = best(part, nouns, &[Kind::Noun, Kind::Object], j, end) {
                            found = Some((e.code.clone(), last, 0.6, false, false));
                            light_noun = Some(j);
                            for slot in consumed.iter_mut().take(last + 1 - start).skip(j - start) {
                                *slot = true;
                            }
                            break;
                        }
                    }
                }
            }
            if found.is_none() {
                // The CAMEO dictionary's verbs code only with their patterns: alone they are too loose.
                if let Some((e, last)) = best_of(part, entries, &[Kind::Verb], i, end, true) {
                    found = Some((e.code.clone(), last, 0.6, false, false));
                }
            }
        }
        let after_demonstrative = i > start
            && part
                .tok(i - 1)
                .is_some_and(|p| DEMONSTRATIVES.contains(&p.key.as_str()));
        if found.is_none() && !after_demonstrative {
            if let Some(nouns) = part.tok(i).and_then(|t| dict.nouns.get(t.stem.as_str())) {
                if let Some((e, last)) = best(part, nouns, &[Kind::Noun], i, end) {
                    found = Some((e.code.clone(), last, 0.5, true, e.genitive_target));
                }
            }
        }
        let Some((code, last, confidence, noun, genitive_target)) = found else {
            continue;
        };
        for slot in consumed.iter_mut().take(last.min(end - 1) + 1 - start).skip(i - start) {
            *slot = true;
        }
        let (sources, target) = if noun {
            noun_actors(part, i, last, start, end, genitive_target)
        } else if let Some(between) = light_noun.and_then(|n| between(part, n, end)) {
            between
        } else {
            verb_actors(part, i, if pattern { i } else { last }, start, end)
        };
        // A noun names its event with an actor: the one who acts (talks, a
        // visit), or the one it befalls (a killing).
        let enough = if noun && genitive_target {
            target.is_some()
        } else if noun {
            !sources.is_empty()
        } else {
            !sources.is_empty() || target.is_some()
        };
        if !enough {
            continue;
        }
        let modality = modality(dict, part, i, start, future);
        let confidence =
            confidence + if sources.is_empty() { 0.0 } else { 0.2 } + if target.is_some() { 0.1 } else { 0.0 };
        let confidence = (confidence.min(0.95) * 100.0).round() / 100.0;
        out.push(Found {
            trigger: i,
            code,
            sources,
            target,
            modality,
            confidence,
            sentence,
        });
    }
}

/// The candidate conjoined to `c` by `و` right after it (`روسيا وايران`).
fn conjunct(part: &Part<'_>, c: usize) -> Option<usize> {
    let cand = part.cand(c)?;
    let mut j = cand.last + 1;
    if part
        .tok(j)
        .is_some_and(|t| t.kind == TokenKind::Punct && t.text == "،" || t.text == ",")
    {
        j += 1;
    }
    let next = part.cand_at(j)?;
    let first = part.cand(next)?.first;
    (next != c && first == j && part.tok(j)?.proclitics.first().is_some_and(|p| p == "و")).then_some(next)
}

fn with_conjuncts(part: &Part<'_>, c: usize) -> Vec<usize> {
    let mut out = vec![c];
    let mut at = c;
    while out.len() < 4 {
        match conjunct(part, at) {
            Some(n) if part.is_actor(n) => {
                out.push(n);
                at = n;
            }
            _ => break,
        }
    }
    out
}

/// The first actor starting in `(from, to)`, skipping places.
fn first_actor(part: &Part<'_>, from: usize, to: usize, allow_city: bool) -> Option<usize> {
    let mut j = from + 1;
    while j < to {
        if let Some(c) = part.cand_at(j) {
            let cand = part.cand(c)?;
            if part.is_actor(c) && !part.is_place(c) && (allow_city || !cand.city) {
                return Some(c);
            }
            j = cand.last + 1;
        } else {
            j += 1;
        }
    }
    None
}

/// A target after the sources: not one of them, not a source's own forces.
fn target_after(part: &Part<'_>, from: usize, end: usize, sources: &[usize]) -> Option<usize> {
    let mut at = from;
    loop {
        let c = first_actor(part, at, end.min(from + 1 + TARGET_AFTER), true)?;
        let cand = part.cand(c)?;
        // A city or capital further on names a place (`محادثات استانا`), not the target.
        let far_place = cand.loc && cand.code.len() != 3 && cand.first > from + 2;
        let own = far_place
            || sources.iter().filter_map(|&s| part.cand(s)).any(|s| {
                s.code == cand.code
                    || (s.code.get(..3) == cand.code.get(..3) && cand.code.ends_with("MIL") && !s.code.ends_with("MIL"))
            });
        if !own && !sources.contains(&c) {
            return Some(c);
        }
        at = cand.last;
    }
}

/// Subject and object of a verb from word order: SVO when an actor stands
/// right before the verb, else VSO.
fn verb_actors(part: &Part<'_>, i: usize, last: usize, start: usize, end: usize) -> (Vec<usize>, Option<usize>) {
    // SVO: an actor right before the verb (after `ان`, or as a topic).
    let mut j = i;
    while j > start {
        let Some(t) = part.tok(j - 1) else { break };
        if matches!(t.key.as_str(), "قد" | "لم" | "لن" | "لا" | "ما" | "وقد") {
            j -= 1;
            continue;
        }
        break;
    }
    let before = (j > start)
        .then(|| part.cand_at(j - 1))
        .flatten()
        .filter(|&c| part.is_actor(c) && !part.is_place(c));
    let (sources, after) = match before {
        Some(c) => (vec![c], last),
        None => match first_actor(part, last, end.min(last + 1 + SOURCE_AFTER), false) {
            Some(c) => {
                let s = with_conjuncts(part, c);
                let after = s.last().and_then(|&l| part.cand(l)).map_or(last, |c| c.last);
                (s, after)
            }
            None => (Vec::new(), last),
        },
    };
    let mut target = target_after(part, after, end, &sources);
    // An object pronoun on the verb refers back to an actor before it (`ما ترفضه انقرة`).
    let pronoun = part
        .tok(i)
        .and_then(|t| t.enclitic.as_deref())
        .is_some_and(|e| matches!(e, "ه" | "ها" | "هم" | "هما" | "هن"));
    if target.is_none() && pronoun {
        let mut k = i;
        while k > start.max(i.saturating_sub(PRONOUN_BACK)) {
            k -= 1;
            if let Some(c) = part.cand_at(k) {
                if part.is_actor(c) && !part.is_place(c) && !sources.contains(&c) {
                    target = Some(c);
                    break;
                }
            }
        }
    }
    (sources, target)
}

/// `بين X و Y` after an event noun: X and Y.
fn between(part: &Part<'_>, last: usize, end: usize) -> Option<(Vec<usize>, Option<usize>)> {
    for j in last + 1..end.min(last + 5) {
        if part.tok(j).is_some_and(|t| t.key == "بين") {
            if let Some(c) = part.cand_at(j + 1).filter(|&c| part.is_actor(c)) {
                return Some((vec![c], conjunct(part, c).filter(|&n| part.is_actor(n))));
            }
        }
    }
    None
}

/// Whether a candidate may act in a noun's event: not a place (a city or a
/// capital after a noun names where: `محادثات استانا`).
fn noun_actor(part: &Part<'_>, c: usize) -> bool {
    part.is_actor(c) && !part.is_place(c) && part.cand(c).is_some_and(|cand| !cand.loc || cand.code.len() == 3)
}

/// Actors of an event noun: `بين X و Y`, its genitive, or the nearest actor before it.
fn noun_actors(
    part: &Part<'_>,
    i: usize,
    last: usize,
    start: usize,
    end: usize,
    genitive_target: bool,
) -> (Vec<usize>, Option<usize>) {
    if let Some(found) = between(part, last, end) {
        return found;
    }
    // The genitive right after the noun (a number may stand between: مقتل 20 مدنيا).
    let mut g = last + 1;
    if part.tok(g).is_some_and(|t| t.kind == TokenKind::Number) {
        g += 1;
    }
    let genitive = part
        .cand_at(g)
        .filter(|&c| noun_actor(part, c) && part.cand(c).is_some_and(|cand| cand.first == g));
    let mut before = None;
    for k in (start..i).rev().take(BEFORE) {
        let Some(t) = part.tok(k) else { break };
        if clause_break(t) || t.key == "ان" || (part.cand_at(k).is_none() && verb_like(part, k)) {
            break;
        }
        if let Some(c) = part.cand_at(k).filter(|&c| noun_actor(part, c)) {
            before = Some(c);
            break;
        }
    }
    match (genitive, genitive_target) {
        (Some(c), true) => {
            let by = (last + 1..end.min(last + 1 + TARGET_AFTER)).find(|&j| {
                part.tok(j).is_some_and(|t| t.key == "يد" || t.key == "قبل")
                    && part.cand_at(j + 1).is_some_and(|c| part.is_actor(c))
            });
            let source = by.and_then(|j| part.cand_at(j + 1));
            (source.into_iter().collect(), Some(c))
        }
        (Some(c), false) => {
            let sources = with_conjuncts(part, c);
            let after = sources.last().and_then(|&l| part.cand(l)).map_or(last, |c| c.last);
            let target = target_after(part, after, end, &sources);
            (sources, target)
        }
        (None, _) => {
            let sources: Vec<usize> = before.into_iter().collect();
            let target = target_after(part, last, end, &sources);
            (sources, target)
        }
    }
}

/// Negated (`لم`, `لن`), intended (`سـ`, `سوف`, `يعتزم`) or threatened (`هدد بـ`).
fn modality(dict: &crate::Dictionaries, part: &Part<'_>, i: usize, start: usize, future: bool) -> Modality {
    // A threat or an intention governs what follows it in its clause (`هدد الرئيس … بقصف`).
    let lo = i.saturating_sub(MODALITY_BACK).max(start);
    for j in (lo..i).rev() {
        let Some(t) = part.tok(j) else { continue };
        if clause_break(t) {
            break;
        }
        if i - j <= 2 && (dict.negations.contains(t.key.as_str()) || dict.negations.contains(part.base(j))) {
            return Modality::Negated;
        }
        if t.key == "سوف" || part.base(j) == "سوف" {
            return Modality::Intended;
        }
        let mut intent = false;
        let mut threat = false;
        for_each_lemma(part.base(j), |l| {
            intent |= dict.intents.contains(l);
            threat |= dict.threats.contains(l);
        });
        if threat {
            return Modality::Threatened;
        }
        if intent {
            return Modality::Intended;
        }
    }
    if future {
        Modality::Intended
    } else {
        Modality::Asserted
    }
}

/// Makes an [`Actor`] of a candidate.
pub(crate) fn actor(part: &Part<'_>, c: usize) -> Option<Actor> {
    let cand = part.cand(c)?;
    Some(Actor {
        span: cand.span,
        text: part
            .text
            .get(cand.span.start..cand.span.end)
            .unwrap_or_default()
            .to_string(),
        code: cand.code.clone(),
        entity: cand.entity,
    })
}

/// The event's place: a location of the sentence named after `في`, the nearest to the trigger.
pub(crate) fn place(
    ctx: &ArticleContext<'_>,
    part: &Part<'_>,
    start: usize,
    end: usize,
    at: usize,
) -> Option<EventPlace> {
    let mut best: Option<(usize, usize)> = None;
    let mut j = start.max(at.saturating_sub(PLACE_WINDOW));
    let end = end.min(at + PLACE_WINDOW);
    while j < end {
        if let Some(c) = part.cand_at(j) {
            let cand = part.cand(c)?;
            if part.is_place(c) {
                let d = cand.first.abs_diff(at);
                if best.is_none_or(|(bd, _)| d < bd) {
                    best = Some((d, c));
                }
            }
            j = cand.last.max(j) + 1;
        } else {
            j += 1;
        }
    }
    let cand = part.cand(best?.1)?;
    let entity = cand.entity.and_then(|e| ctx.entities.entities.get(e));
    let link = entity.and_then(|e| e.place.as_ref());
    Some(EventPlace {
        span: cand.span,
        text: part
            .text
            .get(cand.span.start..cand.span.end)
            .unwrap_or_default()
            .to_string(),
        entity: cand.entity,
        geonames_id: link.map(|p| p.geonames_id),
        country: link.map(|p| p.country.clone()),
    })
}

/// The event's date: a time expression of the sentence nearest the trigger, else the dateline.
pub(crate) fn date(part: &Part<'_>, sentence: Span, at: usize, dateline: Option<&str>) -> Option<EventDate> {
    let pos = part.tok(at).map_or(sentence.start, |t| t.span.start);
    let k = part.times.partition_point(|t| t.span.start < pos);
    let near = [k.checked_sub(1), Some(k)]
        .into_iter()
        .flatten()
        .filter_map(|k| part.times.get(k))
        .filter(|t| t.span.start >= sentence.start && t.span.end <= sentence.end)
        .min_by_key(|t| t.span.start.abs_diff(pos));
    match near {
        Some(t) => Some(EventDate {
            value: t.value.clone(),
            source: DateSource::Text,
            span: Some(t.span),
        }),
        None => dateline.map(|d| EventDate {
            value: d.to_string(),
            source: DateSource::Dateline,
            span: None,
        }),
    }
}

/// Makes the [`Event`]s of what was found: one for each source (`روسيا وايران` → two).
pub(crate) fn events(
    ctx: &ArticleContext<'_>,
    part: &Part<'_>,
    found: &Found,
    start: usize,
    end: usize,
    dateline: Option<&str>,
) -> Vec<Event> {
    let Some(t) = part.tok(found.trigger) else {
        return Vec::new();
    };
    let Some(quad_class) = QuadClass::of_code(&found.code) else {
        return Vec::new();
    };
    let plover = ctx.dict.plover(&found.code);
    let base = Event {
        part: part.part,
        sentence: found.sentence,
        source: None,
        action: Trigger {
            span: t.span,
            text: t.text.to_string(),
        },
        target: found.target.and_then(|c| actor(part, c)),
        code: found.code.clone(),
        plover: plover.map(|(c, _)| c.to_string()),
        plover_mode: plover.and_then(|(_, m)| m).map(str::to_string),
        quad_class,
        goldstein: ctx.dict.goldstein(&found.code),
        place: place(ctx, part, start, end, found.trigger),
        date: date(part, found.sentence, found.trigger, dateline),
        modality: found.modality,
        reported: false,
        quote: None,
        confidence: found.confidence,
    };
    if found.sources.is_empty() {
        return vec![base];
    }
    found
        .sources
        .iter()
        .filter_map(|&s| actor(part, s))
        .map(|source| Event {
            source: Some(source),
            ..base.clone()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lemmas(form: &str) -> Vec<String> {
        let mut v = Vec::new();
        for_each_lemma(form, |l| v.push(l.to_string()));
        v
    }

    #[test]
    fn inflected_verbs_reach_their_lemma() {
        assert!(lemmas("يلتقي").contains(&"التقي".to_string()));
        assert!(lemmas("ترفض").contains(&"رفض".to_string()));
        assert!(lemmas("اتهمت").contains(&"اتهم".to_string()));
        assert!(lemmas("يعلن").contains(&"اعلن".to_string()));
        assert!(lemmas("توصلوا").contains(&"توصل".to_string()));
        assert!(lemmas("نفت").contains(&"نفي".to_string()));
        assert!(lemmas("دعت").contains(&"دعا".to_string()));
        assert!(lemmas("يدعو").contains(&"دعا".to_string()));
        assert!(lemmas("ا").is_empty());
    }
}
