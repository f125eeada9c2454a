//! Identity keys: one key per real entity across articles, whatever the
//! spelling (issue 16).
//!
//! Design: a key is a pure function of one entity of one article (no global
//! pass, no alias table to keep), so that two articles indexed years apart,
//! on two machines, give the same person the same key; what a function of
//! the name cannot know (that `بوتين` and `فلاديمير بوتين` are one man) is
//! left to merging within the article.
//!
//! Places linked to the gazetteer are keyed by their GeoNames id
//! (`geonames:6252001`, so `الولايات المتحدة`, `أمريكا` and `أميركا` are one
//! place: the form the export's `entity_key` has always used); a capital that
//! stands for its government (`قالت واشنطن`, `واشنطن تتهم`) is keyed by its
//! country. Places typed in by hand with no GeoNames id get `place:<English
//! name>` (`place:eastern-ghouta`), never an id 0. Other entities are keyed
//! by kind and a spelling skeleton of their name (`PER:سرجي لفرف` for
//! `سيرغي لافروف` and `سيرجي لافروف`), built on the analyzer's key form
//! (which already merges hamza forms, `ى/ي` and `ة/ه`): the article `ال` goes
//! (`امم المتحدة` = `الامم المتحدة`), `غ` becomes `ج` (`سيرغي/سيرجي`), and
//! the long vowels inside a word go, so that transliterations differing by
//! one long vowel meet (`بوتن/بوتين`) while the consonants must agree. An
//! organisation's key leaves out a leading group head (`تنظيم داعش` and
//! `داعش`, `حركة حماس` and `حماس` are one key).
//!
//! The long vowel stays where it is what tells two Arabic names apart:
//! `حسن`/`حسين`, `سلمان`/`سليمان`, `محمد`/`محمود`. Those are found, not
//! listed: the gazetteer's person names are grouped by vowelless skeleton,
//! and a skeleton two listed names share keeps its vowels in every key
//! ([`crate::gazetteer::Gazetteer::vowel_names`]). So a foreign name spelt
//! two ways merges everywhere, an Arabic name never merges into another.

use std::collections::HashSet;

use rasid_core::{EntityKind, PlaceLink};

/// The loose (long vowels inside the word dropped) and strict (kept)
/// skeletons of one word in key form (see the module doc).
pub(crate) fn word_skeletons(w: &str) -> (String, String) {
    let w = match w.strip_prefix("ال") {
        Some(rest) if rest.chars().count() >= 2 => rest,
        _ => w,
    };
    let n = w.chars().count();
    let (mut loose, mut strict) = (String::with_capacity(w.len()), String::with_capacity(w.len()));
    for (i, c) in w.chars().enumerate() {
        let inner = i > 0 && i + 1 < n;
        let c = match c {
            'غ' => 'ج',
            'ى' => 'ي',
            'ة' => 'ه',
            'أ' | 'إ' | 'آ' => 'ا',
            c => c,
        };
        strict.push(c);
        if !(inner && matches!(c, 'ا' | 'و' | 'ي')) {
            loose.push(c);
        }
    }
    (loose, strict)
}

/// The skeleton of a name in key form (words joined by one space): each
/// word's loose skeleton, or its strict one where the loose one is among
/// `vowel_names`.
pub(super) fn skeleton(name: &str, vowel_names: &HashSet<String>) -> String {
    let mut out = String::with_capacity(name.len());
    for w in name.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        let (loose, strict) = word_skeletons(w);
        out.push_str(if vowel_names.contains(&loose) { &strict } else { &loose });
    }
    out
}

/// The identity key of an entity of `kind` named `name` (key form), linked
/// to `place`.
pub(super) fn key(kind: EntityKind, name: &str, place: Option<&PlaceLink>, vowel_names: &HashSet<String>) -> String {
    if let Some(p) = place {
        if p.geonames_id != 0 {
            return format!("geonames:{}", p.geonames_id);
        }
        let slug: String = p
            .name_en
            .chars()
            .map(|c| {
                if c.is_alphanumeric() {
                    c.to_ascii_lowercase()
                } else {
                    '-'
                }
            })
            .collect();
        return format!("place:{slug}");
    }
    let name = match kind {
        EntityKind::Org => without_group_head(name),
        _ => name,
    };
    format!("{}:{}", kind.as_str(), skeleton(name, vowel_names))
}

/// Heads (key form) that news put before the name of an armed group or a
/// movement, or leave out (`تنظيم داعش` and `داعش`, `جماعة الإخوان` and
/// `الإخوان`, `حركة حماس` and `حماس`).
const GROUP_HEADS: &[&str] = &["تنظيم", "حركه", "جماعه", "ميليشيا", "ميليشيات", "مليشيا", "مليشيات"];

/// An organisation's name without a leading group head, when a name follows it.
fn without_group_head(name: &str) -> &str {
    match name.split_once(' ') {
        Some((head, rest)) if GROUP_HEADS.contains(&head) && !rest.is_empty() => rest,
        _ => name,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn k(s: &str) -> String {
        let n = rasid_text::NormalizerConfig::default();
        skeleton(&n.key(s), &crate::NerResources::embedded().gazetteer.vowel_names)
    }

    #[test]
    fn spelling_variants_share_a_skeleton() {
        assert_eq!(k("بوتن"), k("بوتين"));
        assert_eq!(k("سيرغي لافروف"), k("سيرجي لافروف"));
        assert_eq!(k("سيرغى لافروف"), k("سيرجي لافروف"));
        assert_eq!(k("امم المتحدة"), k("الأمم المتحدة"));
        assert_eq!(k("الأمم المتحدة"), k("الامم المتحده"));
        assert_ne!(k("بوتين"), k("لافروف"));
        assert_ne!(k("سوريا"), k("روسيا"));
    }

    #[test]
    fn arabic_names_told_apart_by_a_long_vowel_keep_it() {
        assert_ne!(k("حسن"), k("حسين"));
        assert_ne!(k("سلمان"), k("سليمان"));
        assert_ne!(k("محمد"), k("محمود"));
        assert_ne!(k("سعد"), k("سعيد"));
        // Still one key for their own spellings.
        assert_eq!(k("حسين"), k("الحسين"));
        assert_eq!(k("سليمان"), k("سليمان"));
    }

    #[test]
    fn places_key_by_geonames_id_never_zero() {
        let mut p = PlaceLink {
            geonames_id: 6252001,
            name_en: "United States".into(),
            country: "US".into(),
            lat: None,
            lon: None,
            feature: "PCLI".into(),
            population: None,
        };
        let none = HashSet::new();
        assert_eq!(key(EntityKind::Loc, "امريكا", Some(&p), &none), "geonames:6252001");
        p.geonames_id = 0;
        p.name_en = "Eastern Ghouta".into();
        assert_eq!(
            key(EntityKind::Loc, "الغوطه الشرقيه", Some(&p), &none),
            "place:eastern-ghouta"
        );
        assert_eq!(
            key(EntityKind::Per, "بوتين", None, &none),
            key(EntityKind::Per, "بوتن", None, &none)
        );
    }
}
