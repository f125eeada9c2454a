//! From tags to an article's entities: mention spans without clitics, gazetteer
//! linking with disambiguation, merging of mentions, roles, demonyms, groups.

use std::collections::BTreeMap;

use rasid_core::{
    ArticleEntities, Demonym, Entity, EntityKind, Group, GroupKind, Mention, Role, Span, TextAnalysis, TextPart,
    TokenKind,
};

use crate::gazetteer::{flag, Gazetteer, NameInfo, Place};
use crate::model::chunks;
use crate::model::Tag;
use crate::word::Word;
use crate::Ner;

/// One analysed text of the article, with the tagger's labels.
struct Part<'a> {
    part: TextPart,
    text: &'a str,
    words: Vec<Word>,
    /// Sentence index of every word.
    sentence: Vec<usize>,
}

/// A mention before resolution: words `start..end` of part `p`.
#[derive(Clone, Debug)]
struct Raw {
    p: usize,
    start: usize,
    end: usize,
    kind: EntityKind,
}

impl Part<'_> {
    fn span(&self, start: usize, end: usize) -> Span {
        let s = self.words.get(start).map_or(0, |w| w.name_span.start);
        let e = end
            .checked_sub(1)
            .and_then(|i| self.words.get(i))
            .map_or(s, |w| w.span.end);
        Span::new(s, e.max(s))
    }

    fn slice(&self, span: Span) -> String {
        span.slice(self.text).unwrap_or("").to_string()
    }

    /// The lookup name of words `start..end`: the first word's lookup form, then keys.
    fn name(&self, start: usize, end: usize) -> String {
        let mut out = String::new();
        for (i, w) in self.words.iter().enumerate().take(end).skip(start) {
            if i > start {
                out.push(' ');
                out.push_str(&w.key);
            } else {
                out.push_str(&w.lookup);
            }
        }
        out
    }

    fn lookup(&self, i: usize) -> &str {
        self.words.get(i).map_or("", |w| w.lookup.as_str())
    }
}

/// Splits an analysed text into sentences of words and tags them.
fn tag_part<'a>(ner: &Ner, part: TextPart, text: &'a str, a: &TextAnalysis, raws: &mut Vec<Raw>, p: usize) -> Part<'a> {
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
struct CountryEvidence {
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
    fn counts(&self) -> BTreeMap<String, usize> {
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

/// A role head word, with its English title and how many following words it
/// takes when they match.
const ROLES: &[(&str, &str, &str)] = &[
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

const ROLE_HEADS: &[(&str, &str)] = &[
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

/// Groups named by a head noun and, usually, a demonym.
const GROUP_HEADS: &[(&str, GroupKind, &str)] = &[
    ("النظام", GroupKind::Government, "government"),
    ("الحكومه", GroupKind::Government, "government"),
    ("السلطات", GroupKind::Government, "government"),
    ("القوات", GroupKind::Forces, "forces"),
    ("الجيش", GroupKind::Forces, "army"),
    ("المعارضه", GroupKind::Opposition, "opposition"),
];

/// Groups named by a word or two on their own.
const GROUP_WORDS: &[(&str, GroupKind, &str, &str)] = &[
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

/// Demonym forms that are mostly common words (`مالي` "financial").
fn demonym_trusted(form: &str, cc: &str) -> bool {
    !(cc == "ML" || form.ends_with("مالي") || form.ends_with("ماليه"))
}

/// The country of a demonym word, if it is one.
fn demonym_of(gaz: &Gazetteer, w: &Word) -> Option<String> {
    let info = gaz.get(&w.lookup)?;
    let cc = info.demonym.as_deref()?;
    demonym_trusted(&w.lookup, cc).then(|| cc.to_string())
}

/// The country a single word names, if it is a country name.
fn country_of(gaz: &Gazetteer, w: &Word) -> Option<String> {
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

/// Resolves the mentions of an article's parts.
pub(crate) fn resolve(ner: &Ner, inputs: &[(TextPart, &str, &TextAnalysis)]) -> ArticleEntities {
    let gaz = &*ner.resources().gazetteer;
    let mut raws = Vec::new();
    let parts: Vec<Part> = inputs
        .iter()
        .enumerate()
        .map(|(p, (part, text, a))| tag_part(ner, *part, text, a, &mut raws, p))
        .collect();

    for (p, part) in parts.iter().enumerate() {
        widen_places(gaz, part, p, &mut raws);
        add_gazetteer_places(gaz, part, p, &mut raws);
    }
    raws.sort_by_key(|r| (r.p, r.start));

    // Demonyms, and the countries the article mentions (for linking).
    let mut out = ArticleEntities::default();
    let mut evidence = CountryEvidence::default();
    for part in &parts {
        for w in &part.words {
            if w.kind != TokenKind::Arabic {
                continue;
            }
            if let Some(cc) = demonym_of(gaz, w) {
                evidence.add(&w.lookup, &cc);
                out.demonyms.push(Demonym {
                    part: part.part,
                    span: w.name_span,
                    text: part.slice(w.name_span),
                    country: cc,
                });
            }
        }
    }
    for r in &raws {
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
    let countries = evidence.counts();

    // Entities: link places, then merge mentions.
    struct Draft {
        kind: EntityKind,
        /// Names (lookup form) of its mentions, as word lists.
        names: Vec<Vec<String>>,
        /// The linked place (index into the gazetteer's places).
        place: Option<u32>,
        raws: Vec<usize>,
    }
    let mut drafts: Vec<Draft> = Vec::new();
    // Longest mentions first, so that short forms merge into full names.
    let mut order: Vec<usize> = (0..raws.len()).collect();
    order.sort_by_key(|&i| {
        raws.get(i)
            .map_or((0, 0, 0), |r| (usize::MAX - (r.end - r.start), r.p, r.start))
    });
    for i in order {
        let Some(r) = raws.get(i) else { continue };
        let Some(part) = parts.get(r.p) else { continue };
        let name = part.name(r.start, r.end);
        let words: Vec<String> = name.split(' ').map(str::to_string).collect();
        let place = if r.kind == EntityKind::Loc {
            let cue = r
                .start
                .checked_sub(1)
                .filter(|&b| part.sentence.get(b) == part.sentence.get(r.start))
                .and_then(|b| CUES.iter().find(|(w, _)| *w == part.lookup(b)))
                .map(|&(_, c)| c);
            gaz.get(&name)
                .and_then(|info| choose(gaz, &name, &info.places, &evidence, cue))
        } else {
            None
        };
        let found = drafts.iter_mut().find(|d| {
            d.kind == r.kind
                && ((place.is_some() && d.place == place)
                    || d.names.iter().any(|n| {
                        *n == words
                            || (r.kind == EntityKind::Per
                                && !words.is_empty()
                                && n.len() > words.len()
                                && n.ends_with(&words))
                    }))
        });
        match found {
            Some(d) => {
                d.raws.push(i);
                if !d.names.contains(&words) {
                    d.names.push(words);
                }
            }
            None => drafts.push(Draft {
                kind: r.kind,
                names: vec![words],
                place,
                raws: vec![i],
            }),
        }
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
    let mut mention_of_raw = vec![usize::MAX; raws.len()];
    let mut all: Vec<(usize, usize, usize)> = Vec::new(); // (p, start, raw)
    for d in &drafts {
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
    out.mentions = vec![
        Mention {
            part: TextPart::Body,
            span: Span::default(),
            text: String::new(),
            kind: EntityKind::Misc,
            entity: 0,
        };
        all.len()
    ];
    for (id, d) in drafts.iter().enumerate() {
        let mut mentions = Vec::new();
        let mut canonical = (0usize, String::new());
        for &i in &d.raws {
            let (Some(r), Some(&m)) = (raws.get(i), mention_of_raw.get(i)) else {
                continue;
            };
            let Some(part) = parts.get(r.p) else { continue };
            let span = part.span(r.start, r.end);
            let text = part.slice(span);
            if r.end - r.start > canonical.0 {
                canonical = (r.end - r.start, text.clone());
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
                .find_map(|r| role_before(gaz, &parts, &raws, r))
        } else {
            None
        };
        out.entities.push(Entity {
            id,
            kind: d.kind,
            canonical: canonical.1,
            name_en: place.as_ref().map(|p| p.name_en.clone()),
            mentions,
            role,
            place,
        });
    }

    out.groups = groups(gaz, &parts, &countries);
    out
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

/// Places the tagger missed that the gazetteer is sure of (see
/// [`sure_place`]), outside any tagged mention and not right after a person's
/// name (`حسين الخليل` is a name, not Hebron).
fn add_gazetteer_places(gaz: &Gazetteer, part: &Part, p: usize, raws: &mut Vec<Raw>) {
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
fn widen_places(gaz: &Gazetteer, part: &Part, p: usize, raws: &mut Vec<Raw>) {
    // Per word: the mention (index into `raws`) that covers it.
    let mut owner: Vec<Option<usize>> = vec![None; part.words.len()];
    for (k, r) in raws.iter().enumerate().filter(|(_, r)| r.p == p) {
        owner.iter_mut().take(r.end).skip(r.start).for_each(|o| *o = Some(k));
    }
    let spans: Vec<(usize, usize, EntityKind)> = raws.iter().map(|r| (r.start, r.end, r.kind)).collect();
    // A listed name `a..b` may take the mention `me`'s place when every other
    // mention it touches is a place inside it.
    let clear = |me: usize, a: usize, b: usize| {
        owner.iter().take(b).skip(a).flatten().all(|&o| {
            o == me
                || spans
                    .get(o)
                    .is_some_and(|&(s, e, k)| k == EntityKind::Loc && a <= s && e <= b)
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
    if widened.is_empty() {
        return;
    }
    // Widen, then drop the place mentions a widened one now covers.
    let mut gone = vec![false; raws.len()];
    for &(k, (a, b)) in &widened {
        for o in owner.iter().take(b).skip(a).flatten() {
            if *o != k && !widened.iter().any(|&(w, _)| w == *o && w < k) {
                if let Some(g) = gone.get_mut(*o) {
                    *g = true;
                }
            }
        }
    }
    for &(k, (a, b)) in &widened {
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

/// The role written right before a person's mention, within its sentence.
fn role_before(gaz: &Gazetteer, parts: &[Part], raws: &[Raw], r: &Raw) -> Option<Role> {
    const WINDOW: usize = 6;
    let part = parts.get(r.p)?;
    let sentence = part.sentence.get(r.start).copied();
    let lo = r.start.saturating_sub(WINDOW);
    // The nearest head going left; nothing but words in between.
    let mut head = None;
    for i in (lo..r.start).rev() {
        let w = part.words.get(i)?;
        if part.sentence.get(i).copied() != sentence || !matches!(w.kind, TokenKind::Arabic) {
            break;
        }
        // Another person's name in between: the role is theirs.
        if raws
            .iter()
            .any(|o| o.p == r.p && o.kind == EntityKind::Per && o.start <= i && i < o.end)
        {
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
    let span = part.span(h, r.start);
    // The country: a demonym or a country name between the head and the name.
    let mut country = None;
    let mut organization = None;
    for i in h + 1..r.start {
        let Some(w) = part.words.get(i) else { continue };
        if country.is_none() {
            country = demonym_of(gaz, w).or_else(|| country_of(gaz, w));
        }
        if organization.is_none() {
            if let Some(o) = raws
                .iter()
                .find(|o| o.p == r.p && o.kind == EntityKind::Org && o.start == i && o.end <= r.start)
            {
                organization = Some(part.slice(part.span(o.start, o.end)));
            }
        }
    }
    Some(Role {
        title: title.to_string(),
        text: part.slice(span),
        part: part.part,
        span,
        country,
        organization,
    })
}

/// Groups: a head noun with a demonym (`النظام السورى`), or a listed phrase.
fn groups(gaz: &Gazetteer, parts: &[Part], countries: &BTreeMap<String, usize>) -> Vec<Group> {
    let mut out = Vec::new();
    // The article's main country, for groups that do not name theirs.
    let mut gov: BTreeMap<String, usize> = BTreeMap::new();
    for part in parts {
        let mut i = 0;
        while i < part.words.len() {
            let lk = part.lookup(i);
            let next = part.words.get(i + 1);
            if let Some(&(_, kind, label)) = GROUP_HEADS.iter().find(|(h, _, _)| *h == lk) {
                if let Some(cc) = next.and_then(|w| demonym_of(gaz, w)) {
                    if kind == GroupKind::Government {
                        *gov.entry(cc.clone()).or_default() += 1;
                    }
                    let span = part.span(i, i + 2);
                    let name = gaz.country(&cc).map_or(cc.clone(), |p| p.name_en.clone());
                    out.push(Group {
                        part: part.part,
                        span,
                        text: part.slice(span),
                        kind,
                        label: format!("{label} of {name}"),
                        country: Some(cc),
                    });
                    i += 2;
                    continue;
                }
            }
            let two = format!("{lk} {}", next.map_or("", |w| w.key.as_str()));
            let found = GROUP_WORDS
                .iter()
                .filter(|(p, ..)| *p == two || *p == lk)
                .max_by_key(|(p, ..)| p.len());
            if let Some(&(p, kind, label, cc)) = found {
                let n = if p.contains(' ') { 2 } else { 1 };
                let span = part.span(i, i + n);
                out.push(Group {
                    part: part.part,
                    span,
                    text: part.slice(span),
                    kind,
                    label: label.to_string(),
                    country: (!cc.is_empty()).then(|| cc.to_string()),
                });
                i += n;
                continue;
            }
            i += 1;
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The place each mention containing this text is linked to: (GeoNames id, feature).
    fn links(text: &str, mention: &str) -> Vec<(u32, String)> {
        let found = Ner::new().extract_text(text);
        found
            .mentions
            .iter()
            .filter(|m| m.text.contains(mention))
            .filter_map(|m| found.entities.get(m.entity)?.place.as_ref())
            .map(|p| (p.geonames_id, p.feature.clone()))
            .collect()
    }

    #[test]
    fn a_country_beats_its_capital_of_the_same_name() {
        let text = "وقال رئيس وزراء الجزائر إن الكويت والإمارات زادتا إنتاجهما.";
        assert_eq!(links(text, "الجزائر"), vec![(2589581, "PCLI".to_string())]);
        assert_eq!(links(text, "الكويت"), vec![(285570, "PCLI".to_string())]);
    }

    #[test]
    fn cue_words_choose_town_or_region() {
        let town = links("وصل الوفد إلى مدينة حمص صباح اليوم.", "حمص");
        assert_eq!(town.first().map(|(_, f)| f.as_str()), Some("PPLA"));
        let region = links("قصفت الطائرات مناطق في محافظة حمص صباح اليوم.", "حمص");
        assert_eq!(region.first().map(|(_, f)| f.as_str()), Some("ADM1"));
    }

    #[test]
    fn common_words_are_not_places_on_the_gazetteer_alone() {
        let found = Ner::new().extract_text("وقال وزير الداخلية إن الظاهرة الجديدة تنتشر في العاصمة وفي كل مدينة.");
        for m in &found.mentions {
            assert!(
                !["الداخلية", "الظاهرة", "الجديدة", "العاصمة", "مدينة"].contains(&m.text.as_str()),
                "{}",
                m.text
            );
        }
    }

    #[test]
    fn adjacent_place_mentions_merge_into_a_listed_name() {
        let r = links("قتل ثلاثة مدنيين في قصف على ريف دمشق أمس.", "ريف");
        assert_eq!(r, vec![(170652, "ADM1".to_string())]);
    }

    #[test]
    fn short_country_names_link() {
        let text = "وقالت السعودية وبريطانيا وأميركا إن فلسطين ستحضر الاجتماع في واشنطن.";
        let found = Ner::new().extract_text(text);
        let countries: Vec<&str> = found
            .entities
            .iter()
            .filter_map(|e| e.place.as_ref())
            .map(|p| p.country.as_str())
            .collect();
        for cc in ["SA", "GB", "US", "PS"] {
            assert!(countries.contains(&cc), "{cc}: {countries:?}");
        }
    }

    #[test]
    fn tables_are_in_key_form() {
        let n = rasid_text::NormalizerConfig::default();
        let all = ROLES
            .iter()
            .flat_map(|(a, b, _)| [*a, *b])
            .chain(ROLE_HEADS.iter().map(|(a, _)| *a))
            .chain(GROUP_HEADS.iter().map(|(a, ..)| *a))
            .chain(GROUP_WORDS.iter().map(|(a, ..)| *a));
        for s in all {
            assert_eq!(n.key(s), s);
        }
    }
}
