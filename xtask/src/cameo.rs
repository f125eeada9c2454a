//! Person and organisation names from the CAMEO Arabic actor dictionary
//! (`../shared/data/cameo/actor_dict_ar_v4.txt`, UniversalPetrarch, MIT), for
//! the NER gazetteer.
//!
//! The dictionary mixes people, organisations, places and descriptions
//! (`وزير_خارجية_إسباني_`), all as lemmas. An entry is kept as:
//! * an organisation when its first word is an organisation head noun (`حزب`,
//!   `منظمة`, `جامعة` …) followed by at least one word that is not a lone
//!   nisba adjective (`شركة_أميركي_` is a description, `حزب_وفد_` a name);
//! * a person when, after leading titles (`شيخ`, `ملك` …), at least two words
//!   come before the first generic word — a word of the agents dictionary
//!   (`agents.all.ar_v3.txt`: `جندي`, `مسؤول` …), a head noun or a title.
//!
//! Entries coded with a bare country code (places, demonyms) are left out.
//! Names are stored as lemma keys ([`rasid_entities::lemma_phrase`]), which is what
//! the tagger matches them on.

use std::collections::BTreeSet;
use std::path::Path;

use anyhow::{Context, Result};
use rasid_text::Analyzer;

/// Head nouns of organisation names.
const ORG_HEADS: &str = "حزب شركة نادي منظمة جامعة اتحاد مجلس وكالة وزارة هيئة جمعية مؤسسة بنك صحيفة جريدة \
    مجموعة حركة جبهة لجنة محكمة مصرف منتخب فريق معهد مركز قناة تلفزيون إذاعة مجلة برلمان جيش كتائب رابطة \
    نقابة أكاديمية دائرة مكتب تنظيم جماعة ائتلاف تحالف تيار سرايا";

/// Titles written before a person's name.
const TITLES: &str = "شيخ ملك ملكة أمير أميرة رئيس جنرال وزير سيد سيدة دكتور إمام آية لواء عقيد مشير قاضي سفير";

/// One dictionary entry: the phrase's words and its codes.
struct Entry {
    words: Vec<String>,
    codes: Vec<String>,
}

/// Entries of a PETRARCH dictionary: a phrase (words joined by `_`), then
/// codes in brackets on the same line or on indented lines after it.
fn entries(text: &str) -> Vec<Entry> {
    let mut out: Vec<Entry> = Vec::new();
    for line in text.lines() {
        let line = line.split('#').next().unwrap_or("");
        if line.trim().is_empty() {
            continue;
        }
        let codes = |s: &str| -> Vec<String> {
            s.split('[')
                .skip(1)
                .filter_map(|c| c.split([']', ' ']).next())
                .map(str::to_string)
                .collect()
        };
        let trimmed = line.trim_start();
        if line.starts_with(['\t', ' ']) && trimmed.starts_with('[') {
            if let Some(e) = out.last_mut() {
                e.codes.extend(codes(trimmed));
            }
            continue;
        }
        let (phrase, rest) = trimmed.split_once(char::is_whitespace).unwrap_or((trimmed, ""));
        out.push(Entry {
            words: phrase
                .split('_')
                .filter(|w| !w.is_empty())
                .map(str::to_string)
                .collect(),
            codes: codes(rest),
        });
    }
    out
}

/// `(kind, lemma key)` for every person (`PER`) and organisation (`ORG`) name
/// of the actor dictionary in `dir`, sorted and without duplicates.
pub fn actors(analyzer: &Analyzer, dir: &Path) -> Result<Vec<(&'static str, String)>> {
    let read = |f: &str| {
        let p = dir.join(f);
        std::fs::read_to_string(&p).with_context(|| format!("reading {}", p.display()))
    };
    let heads: BTreeSet<&str> = ORG_HEADS.split_whitespace().collect();
    let titles: BTreeSet<&str> = TITLES.split_whitespace().collect();
    let agents = entries(&read("agents.all.ar_v3.txt")?);
    let generic: BTreeSet<&str> = agents.iter().flat_map(|e| e.words.iter().map(String::as_str)).collect();
    let mut out = BTreeSet::new();
    for e in entries(&read("actor_dict_ar_v4.txt")?) {
        let bare_country = e
            .codes
            .iter()
            .all(|c| c.len() == 3 && c.chars().all(|ch| ch.is_ascii_uppercase()));
        if e.codes.is_empty() || bare_country {
            continue;
        }
        let Some(first) = e.words.first() else { continue };
        let (kind, words): (&str, &[String]) = if heads.contains(first.as_str()) {
            let rest = e.words.get(1..).unwrap_or(&[]);
            let description = rest.len() == 1 && rest.iter().all(|w| w.ends_with('ي'));
            if rest.is_empty() || description {
                continue;
            }
            ("ORG", &e.words)
        } else {
            let skip = e.words.iter().take_while(|w| titles.contains(w.as_str())).count();
            let rest = e.words.get(skip..).unwrap_or(&[]);
            let n = rest
                .iter()
                .take_while(|w| {
                    !(generic.contains(w.as_str()) || heads.contains(w.as_str()) || titles.contains(w.as_str()))
                })
                .count();
            if n < 2 {
                continue;
            }
            ("PER", rest.get(..n).unwrap_or(&[]))
        };
        if let Some(key) = rasid_entities::lemma_phrase(analyzer, &words.join(" ")) {
            out.insert((kind, key));
        }
    }
    Ok(out.into_iter().collect())
}
