//! A light stemmer for search, in the Light10 family (Larkey, Ballesteros and
//! Connell, 2002/2007).
//!
//! It runs on the key form of a token's **base**, after the clitic splitter
//! has removed `و ف ب ك ل لل ال س` and pronoun suffixes with lexicon evidence;
//! Light10's own prefix stripping is therefore not repeated here (it would
//! undo the splitter's care with `وزارة`, `بيان`, `البانيا`).
//!
//! Suffixes are tried in this order, each removed at most once, and only when
//! at least [`MIN_STEM`] letters remain:
//! `ات ون ين ان يه ه ي` (key form, so `ية`/`ة` appear as `يه`/`ه`).
//! Examples: `محادثات → محادث`, `السورية → سور` (via `سوريه`), `السورى → سور`,
//! `ممثلين → ممثل`, `وزارة → وزار`, `بيان` stays (only two letters would
//! remain), `روسيا` stays (no suffix).

/// Fewest letters a stem keeps.
pub const MIN_STEM: usize = 3;

const SUFFIXES: [&str; 7] = ["ات", "ون", "ين", "ان", "يه", "ه", "ي"];

/// The light stem of a key-form Arabic word: always a prefix of `word`.
///
/// ```
/// use rasid_text::light_stem;
/// assert_eq!(light_stem("محادثات"), "محادث");
/// assert_eq!(light_stem("سوريه"), "سور");
/// assert_eq!(light_stem("استانا"), "استانا");
/// assert_eq!(light_stem("بيان"), "بيان");
/// ```
pub fn light_stem(word: &str) -> &str {
    let mut stem = word;
    // Arabic letters are two bytes in UTF-8; count characters to be exact
    // for any input.
    let mut len = stem.chars().count();
    for suffix in SUFFIXES {
        let n = suffix.chars().count();
        if len >= MIN_STEM + n {
            if let Some(s) = stem.strip_suffix(suffix) {
                stem = s;
                len -= n;
            }
        }
    }
    stem
}

#[cfg(test)]
mod tests {
    use super::*;

    macro_rules! test_stemmer {
        ($name:ident, [$(($word:expr, $stem:expr)),* $(,)?]) => {
            #[test]
            fn $name() {
                $(
                    let got = light_stem($word);
                    assert_eq!(
                        got, $stem,
                        "\nlight_stem({:?}) was {:?}, expected {:?}\nhelp: check SUFFIXES order and MIN_STEM in stem.rs",
                        $word, got, $stem
                    );
                )*
            }
        };
    }

    test_stemmer!(
        plurals_and_nisba,
        [
            ("محادثات", "محادث"),
            ("مفاوضات", "مفاوض"),
            ("ممثلين", "ممثل"),
            ("مسوولون", "مسوول"),
            ("سوري", "سور"),
            ("سوريه", "سور"),
            ("روسي", "روس"),
            ("اسلاميين", "اسلام"),
            ("طرفان", "طرف"),
            ("وزاره", "وزار"),
        ]
    );

    test_stemmer!(
        short_words_survive,
        [
            ("بيان", "بيان"),
            ("عمان", "عمان"),
            ("يوم", "يوم"),
            ("في", "في"),
            ("", ""),
            ("روسيا", "روسيا"),
            ("استانا", "استانا")
        ]
    );
}
