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
//! (`امم المتحدة` = `الامم المتحدة`) and `غ` becomes `ج` (`سيرغي/سيرجي`). An
//! organisation's key leaves out a leading group head (`تنظيم داعش` and
//! `داعش`, `حركة حماس` and `حماس` are one key).
//!
//! **One long vowel apart: merged only when the context agrees.** Dropping
//! the long vowels inside a word lets transliterations that differ by one
//! long vowel meet (`بوتن/بوتين`, `فلاديمير/فلادمير`) while the consonants
//! must agree; but two real names can differ by just that vowel (`ميلر`
//! Miller, `مايلر` Mailer). So a word loses its long vowels only with
//! evidence that the spelling is a variant, never on its own:
//! * **a second word agrees**: the name has two words or more (a first name
//!   and a family name, `فلاديمير بوتن` = `فلاديمير بوتين`), whose
//!   consonants must all agree, which two different people rarely share;
//! * **the gazetteer knows the name**: its loose skeleton is that of a person
//!   name of the gazetteer (a word of an ANERGazet person name, the family
//!   name of a CAMEO actor: `بوتين`), so a lone `بوتن` is taken for it
//!   ([`crate::gazetteer::Gazetteer::attested_names`]);
//! * within one article only, **a longer name of the article ends in it**:
//!   a lone `بوتن` after `فلاديمير بوتين` joins that person when merging
//!   (`resolve::merge`), the full name being the context; the entity's key
//!   is then the full name's.
//!
//! A lone name with none of these keeps its vowels: `ميلر` and `مايلر` in two
//! articles (or in one, with no full name) stay two people. All three are
//! functions of the entity's own names, its article and the shipped
//! gazetteer, so a key is still a pure function of one article.
//!
//! The long vowel also stays where it is what tells two Arabic names apart,
//! whatever the context: `حسن`/`حسين`, `سلمان`/`سليمان`, `محمد`/`محمود`.
//! Those are found, not listed: the gazetteer's person names are grouped by
//! vowelless skeleton, and a skeleton two listed names share keeps its
//! vowels in every key ([`crate::gazetteer::Gazetteer::vowel_names`]).

use rasid_core::{EntityKind, PlaceLink};

use crate::gazetteer::Gazetteer;

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
/// word's loose skeleton where the context lets it drop its long vowels (the
/// name has a second word, or the gazetteer knows the name), else its strict
/// one; always the strict one where the loose one is among the gazetteer's
/// `vowel_names` (see the module doc).
pub(super) fn skeleton(name: &str, gaz: &Gazetteer) -> String {
    let anchored = name.split_whitespace().nth(1).is_some();
    skeleton_with(name, gaz, anchored)
}

/// [`skeleton`], with every word allowed to drop its long vowels (but the
/// `vowel_names`) when `loose` is set: how a lone name is compared with the
/// family names of the longer names of its article.
pub(super) fn skeleton_with(name: &str, gaz: &Gazetteer, loose_ok: bool) -> String {
    let mut out = String::with_capacity(name.len());
    for w in name.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        let (loose, strict) = word_skeletons(w);
        let drop_vowels = !gaz.vowel_names.contains(&loose) && (loose_ok || gaz.attested_names.contains(&loose));
        out.push_str(if drop_vowels { &loose } else { &strict });
    }
    out
}

/// The identity key of an entity of `kind` named `name` (key form), linked
/// to `place`.
pub(super) fn key(kind: EntityKind, name: &str, place: Option<&PlaceLink>, gaz: &Gazetteer) -> String {
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
    format!("{}:{}", kind.as_str(), skeleton(name, gaz))
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
        skeleton(&n.key(s), &crate::NerResources::embedded().gazetteer)
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
        let gaz = &crate::NerResources::embedded().gazetteer;
        assert_eq!(key(EntityKind::Loc, "امريكا", Some(&p), gaz), "geonames:6252001");
        p.geonames_id = 0;
        p.name_en = "Eastern Ghouta".into();
        assert_eq!(
            key(EntityKind::Loc, "الغوطه الشرقيه", Some(&p), gaz),
            "place:eastern-ghouta"
        );
        assert_eq!(
            key(EntityKind::Per, "بوتين", None, gaz),
            key(EntityKind::Per, "بوتن", None, gaz)
        );
    }

    #[test]
    fn a_lone_name_drops_its_long_vowels_only_with_evidence() {
        // The gazetteer knows Putin (a CAMEO actor); nobody knows Miller or Mailer.
        assert_eq!(k("بوتن"), k("بوتين"));
        assert_ne!(k("ميلر"), k("مايلر"));
        // A second word is the context that lets them meet.
        assert_eq!(k("آرثر ميلر"), k("آرثر مايلر"));
        assert_ne!(k("آرثر ميلر"), k("نورمان مايلر"));
        // Compared loosely, as merging within an article does with a full name's last word.
        let gaz = &crate::NerResources::embedded().gazetteer;
        let n = rasid_text::NormalizerConfig::default();
        assert_eq!(
            skeleton_with(&n.key("مايلر"), gaz, true),
            skeleton_with(&n.key("ميلر"), gaz, true)
        );
        // Never for two Arabic names the vowel tells apart.
        assert_ne!(skeleton_with("حسن", gaz, true), skeleton_with("حسين", gaz, true));
    }
}
