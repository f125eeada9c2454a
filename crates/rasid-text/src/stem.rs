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
//!
//! Unlike Light10, a plural or dual suffix (`ات ون ين ان`) is only removed
//! when the embedded corpus lexicon shows the stem with a nominal ending of
//! its own: `t`, `t+ه` or `t+ات`, alone or after `ال`, at least 3 times and a
//! tenth as often as the form being stemmed (or 20 times for stems of four
//! letters or more). Real plurals and duals have such relatives
//! (`محادثات → محادث`, `ممثلين → ممثل`); names that only end like one do not:
//! `كازاخستان`, `تشرين`, `فلسطين`, `ايران`, `بوتين` stay whole, where Light10
//! gives `كازاخست`, `تشر`, `فلسط`, `اير`, `بوت` (so `ايراني → ايران` and
//! `الفلسطينيين → فلسطين` meet their country). The nisba and feminine
//! endings `يه ه ي` are always removed, as in Light10. The lexicon is fixed,
//! so queries and documents still get the same stems.
//!
//! Examples: `محادثات → محادث`, `السورية → سور` (via `سوريه`), `السورى → سور`,
//! `ممثلين → ممثل`, `وزارة → وزار`, `بيان` stays (only two letters would
//! remain), `روسيا` stays (no suffix).

use crate::lexicon::{Counts, Lexicon};

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
    stem_with(word, Lexicon::embedded_ref(), &mut String::new())
}

/// [`light_stem`] against any lexicon, with a scratch buffer.
pub(crate) fn stem_with<'w>(word: &'w str, lex: &impl Counts, buf: &mut String) -> &'w str {
    let mut stem = word;
    // Count characters, not bytes, to be exact for any input.
    let mut len = stem.chars().count();
    for suffix in SUFFIXES {
        let n = suffix.chars().count();
        if len >= MIN_STEM + n {
            if let Some(s) = stem.strip_suffix(suffix) {
                let plural = matches!(suffix, "ات" | "ون" | "ين" | "ان");
                if !plural || has_relatives(lex, s, suffix, buf) {
                    stem = s;
                    len -= n;
                }
            }
        }
    }
    stem
}

/// True when the lexicon has the stem `t` of a plural or dual form with other
/// endings (`t`, `t+ه`, `t+ات`, alone or after `ال`) often enough: at least 3
/// times, and a tenth as often as the form itself or, for stems of four
/// letters or more, 20 times. Stray short forms (`اير` beside `ايران`, `تشر`
/// beside `تشرين`) then do not count.
fn has_relatives(lex: &impl Counts, t: &str, removed: &str, buf: &mut String) -> bool {
    let with_article = |ending: &str, buf: &mut String| {
        buf.clear();
        buf.push_str(t);
        buf.push_str(ending);
        let bare = u64::from(lex.count(buf));
        buf.insert_str(0, "ال");
        bare + u64::from(lex.count(buf))
    };
    let own = with_article(removed, buf);
    let relatives: u64 = ["", "ه", "ات"]
        .iter()
        .filter(|e| **e != removed)
        .map(|e| with_article(e, buf))
        .sum();
    // Longer stems rarely collide with unrelated words: plenty of relatives
    // is enough (`محادثات` is far commoner than `محادثة`, yet `محادث…` is real).
    let long = t.chars().count() > MIN_STEM;
    relatives >= 3 && (relatives * 10 >= own || (long && relatives >= 20))
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
