//! Identity keys: one key per real entity across articles, whatever the
//! spelling (issue 16).
//!
//! Places linked to the gazetteer are keyed by their GeoNames id
//! (`geonames:6252001`, so `الولايات المتحدة` and `أمريكا` are one place: the
//! form the export's `entity_key` has always used); places typed in by hand
//! with no GeoNames id get `place:<English name>` (`place:eastern-ghouta`),
//! never an id 0. Other entities are keyed by kind and a spelling skeleton of
//! their name (`PER:سرجي لفرف` for `سيرغي لافروف` and `سيرجي لافروف`), built on
//! the analyzer's key form (which already merges hamza forms, `ى/ي` and
//! `ة/ه`): the article `ال` goes (`امم المتحدة` = `الامم المتحدة`), `غ`
//! becomes `ج` (`سيرغي/سيرجي`), and the long vowels inside a word go, so
//! that names differing by one long vowel meet (`بوتن/بوتين`) while the
//! consonants must agree.

use rasid_core::{EntityKind, PlaceLink};

/// The skeleton of one word in key form (see the module doc).
fn skeleton_word(w: &str, out: &mut String) {
    let w = match w.strip_prefix("ال") {
        Some(rest) if rest.chars().count() >= 2 => rest,
        _ => w,
    };
    let n = w.chars().count();
    for (i, c) in w.chars().enumerate() {
        let inner = i > 0 && i + 1 < n;
        match c {
            'ا' | 'و' | 'ي' | 'ى' | 'أ' | 'إ' | 'آ' if inner => {}
            'غ' => out.push('ج'),
            'ى' => out.push('ي'),
            'ة' => out.push('ه'),
            c => out.push(c),
        }
    }
}

/// The skeleton of a name in key form (words joined by one space).
pub(super) fn skeleton(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for w in name.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        skeleton_word(w, &mut out);
    }
    out
}

/// The identity key of an entity of `kind` named `name` (key form), linked
/// to `place`.
pub(super) fn key(kind: EntityKind, name: &str, place: Option<&PlaceLink>) -> String {
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
    format!("{}:{}", kind.as_str(), skeleton(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn k(s: &str) -> String {
        let n = rasid_text::NormalizerConfig::default();
        skeleton(&n.key(s))
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
        assert_eq!(key(EntityKind::Loc, "امريكا", Some(&p)), "geonames:6252001");
        p.geonames_id = 0;
        p.name_en = "Eastern Ghouta".into();
        assert_eq!(key(EntityKind::Loc, "الغوطه الشرقيه", Some(&p)), "place:eastern-ghouta");
        assert_eq!(key(EntityKind::Per, "بوتين", None), key(EntityKind::Per, "بوتن", None));
    }
}
