//! Resolution on short texts: linking rules, merging, tables.

use rasid_core::{EntityKind, TextPart};
use rasid_text::Analyzer;

use super::groups::{GROUP_HEADS, GROUP_WORDS};
use super::roles::{ROLES, ROLE_HEADS};
use super::{resolve_mentions, Part, Raw};
use crate::word::Word;
use crate::{Ner, NerResources};

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

const FIRST: &[&str] = &[
    "أحمد", "محمد", "خالد", "سعيد", "يوسف", "عمر", "كريم", "سامي", "نبيل", "فادي", "رامي", "طارق", "وليد", "ماجد",
    "عادل", "هشام", "جمال", "منير", "باسل", "زياد",
];
const LAST: &[&str] = &[
    "الخطيب",
    "النجار",
    "الحداد",
    "الزعبي",
    "المصري",
    "الشامي",
    "البغدادي",
    "الحلبي",
    "التميمي",
    "القحطاني",
    "العتيبي",
    "الدوسري",
    "الشمري",
    "الحربي",
    "المطيري",
    "الغامدي",
    "الزهراني",
    "السبيعي",
    "العنزي",
    "الكعبي",
];

/// `n` distinct three-word names, each followed by a later mention of its
/// last two words (`أحمد محمد الخطيب . محمد الخطيب .`), one sentence each, and
/// the mentions the tagger would give them.
fn names(n: usize) -> (String, Vec<Raw>) {
    let mut text = String::new();
    let mut raws = Vec::new();
    for i in 0..n {
        let a = FIRST[i % FIRST.len()];
        let b = FIRST[(i / FIRST.len()) % FIRST.len()];
        let c = LAST[(i / (FIRST.len() * FIRST.len())) % LAST.len()];
        text.push_str(&format!("{a} {b} {c} . {b} {c} .\n"));
        for (start, end) in [(7 * i, 7 * i + 3), (7 * i + 4, 7 * i + 6)] {
            raws.push(Raw {
                p: 0,
                start,
                end,
                kind: EntityKind::Per,
            });
        }
    }
    (text, raws)
}

/// Resolves `n` names (see [`names`]) `runs` times, without tagging: the
/// number of entities and the fastest time in nanoseconds (the least
/// disturbed by other work on the machine).
fn resolve_names(n: usize, runs: usize) -> (usize, u128) {
    let (text, raws) = names(n);
    let analysis = Analyzer::default().analyze_text(&text);
    let words: Vec<Word> = analysis.tokens.iter().map(|t| Word::from_token(t, &text)).collect();
    assert_eq!(words.len(), n * 7, "seven tokens a line");
    let sentence = (0..words.len())
        .map(|w| 2 * (w / 7) + usize::from(w % 7 >= 4))
        .collect();
    let parts = [Part {
        part: TextPart::Body,
        text: &text,
        words,
        sentence,
    }];
    let gaz = NerResources::embedded().gazetteer;
    let mut entities = 0;
    let times: Vec<u128> = (0..runs)
        .map(|_| {
            let start = std::time::Instant::now();
            let found = resolve_mentions(&gaz, &parts, raws.clone());
            let t = start.elapsed().as_nanos();
            assert_eq!(found.mentions.len(), 2 * n);
            entities = found.entities.len();
            t
        })
        .collect();
    (entities, times.into_iter().min().unwrap_or(0))
}

#[test]
fn resolution_time_grows_linearly_with_the_names() {
    // Every short form joins a full name: n entities.
    assert_eq!(resolve_names(50, 1).0, 50);
    let n = 2_000;
    let (_, small) = resolve_names(n, 5);
    let (_, large) = resolve_names(4 * n, 5);
    assert!(
        large <= 5 * small.max(1),
        "resolving {} names took {large} ns, {n} took {small} ns: more than 5x for 4x the names",
        4 * n
    );
}
