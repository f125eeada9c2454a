//! Normalisation of Arabic (and other) text, one character at a time.
//!
//! Two forms are produced for every token:
//!
//! * **norm**, a *lossless-ish* cleanup that keeps the spelling: diacritics
//!   (tashkeel, superscript alef U+0670, Quranic marks U+0610–U+061A and
//!   U+06D6–U+06ED), tatweel, zero-width and bidi controls are removed;
//!   presentation forms go through NFKC; Arabic-Indic and Persian digits become
//!   ASCII; the Arabic comma, semicolon, question mark and decimal/thousands
//!   separators become `, ; ? . ,`; Persian yeh and keheh (`ی ک`) become
//!   Arabic `ي ك`. Hamza on alef, final `ى` and `ة` are kept: they are
//!   spelling, not noise.
//! * **key**, the *lossy* search key: `norm`, then `أ إ آ ٱ → ا`, final
//!   `ى → ي`, `ة → ه`, `ؤ → و`, `ئ → ي`, and lower case for other scripts.
//!
//! Every step can be switched off in [`NormalizerConfig`]. The functions never
//! touch offsets: a token's span always points into the original text.
//!
//! Nothing is allocated when nothing changes: [`NormalizerConfig::norm`] and
//! [`NormalizerConfig::key`] first run a cheap check over the characters and
//! return the input borrowed when it is already normal.

use std::borrow::Cow;

use crate::chars::{ascii_digit, class, is_presentation_form, Class};

/// Which normalisation steps run. All are on by default.
///
/// ```
/// use rasid_text::NormalizerConfig;
/// let config = NormalizerConfig { diacritics: false, ..NormalizerConfig::default() };
/// assert_eq!(config.norm("مُحَمَّد"), "مُحَمَّد");
/// assert_eq!(NormalizerConfig::default().norm("مُحَمَّد"), "محمد");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct NormalizerConfig {
    /// Remove tashkeel, superscript alef and Quranic marks (norm and key).
    pub diacritics: bool,
    /// Remove tatweel `ـ` (norm and key).
    pub tatweel: bool,
    /// Remove zero-width and bidi controls (norm and key).
    pub controls: bool,
    /// Rewrite presentation forms (U+FB50–U+FDFF, U+FE70–U+FEFC) through NFKC (norm and key).
    pub presentation_forms: bool,
    /// Arabic-Indic and Persian digits, `٫` and `٬` to ASCII (norm and key).
    pub digits: bool,
    /// Arabic comma, semicolon and question mark to `, ; ?` (norm and key).
    pub punctuation: bool,
    /// Persian yeh `ی` and keheh `ک` to Arabic `ي ك` (norm and key).
    pub persian_letters: bool,
    /// `أ إ آ ٱ → ا` (key only).
    pub alef: bool,
    /// `ى → ي` (key only).
    pub alef_maqsura: bool,
    /// `ة → ه` (key only).
    pub ta_marbuta: bool,
    /// `ؤ → و`, `ئ → ي` (key only).
    pub hamza_carriers: bool,
    /// Lower-case letters of other scripts (key only).
    pub lowercase: bool,
}

impl Default for NormalizerConfig {
    fn default() -> Self {
        NormalizerConfig {
            diacritics: true,
            tatweel: true,
            controls: true,
            presentation_forms: true,
            digits: true,
            punctuation: true,
            persian_letters: true,
            alef: true,
            alef_maqsura: true,
            ta_marbuta: true,
            hamza_carriers: true,
            lowercase: true,
        }
    }
}

/// Where a character goes.
enum Out {
    /// Dropped.
    Drop,
    /// Replaced by (or kept as) one character.
    One(char),
    /// A presentation form: decomposed through NFKC.
    Compat,
}

impl NormalizerConfig {
    /// The lossless-ish step for one character.
    #[inline]
    fn norm_char(&self, c: char) -> Out {
        match class(c) {
            Class::ArabicLetter => {
                if self.presentation_forms && is_presentation_form(c) {
                    Out::Compat
                } else if self.persian_letters && c == '\u{06CC}' {
                    Out::One('ي')
                } else if self.persian_letters && c == '\u{06A9}' {
                    Out::One('ك')
                } else {
                    Out::One(c)
                }
            }
            Class::Mark if self.diacritics => Out::Drop,
            Class::Tatweel if self.tatweel => Out::Drop,
            Class::Control if self.controls => Out::Drop,
            Class::Digit if self.digits => Out::One(ascii_digit(c).unwrap_or(c)),
            Class::Punct if self.digits && c == '\u{066B}' => Out::One('.'),
            Class::Punct if self.digits && c == '\u{066C}' => Out::One(','),
            Class::Punct if self.punctuation => Out::One(match c {
                '\u{060C}' => ',',
                '\u{061B}' => ';',
                '\u{061F}' => '?',
                _ => c,
            }),
            _ => Out::One(c),
        }
    }

    /// The lossy step for one already-normalised character.
    #[inline]
    fn key_char(&self, c: char) -> char {
        match c {
            'أ' | 'إ' | 'آ' | 'ٱ' if self.alef => 'ا',
            'ى' if self.alef_maqsura => 'ي',
            'ة' if self.ta_marbuta => 'ه',
            'ؤ' if self.hamza_carriers => 'و',
            'ئ' if self.hamza_carriers => 'ي',
            'A'..='Z' if self.lowercase => c.to_ascii_lowercase(),
            _ if self.lowercase && !c.is_ascii() && c.is_uppercase() => c.to_lowercase().next().unwrap_or(c),
            _ => c,
        }
    }

    /// Pushes the normalised form(s) of `c` to `emit`.
    #[inline]
    fn for_each_norm(&self, c: char, mut emit: impl FnMut(char)) {
        match self.norm_char(c) {
            Out::Drop => {}
            Out::One(n) => emit(n),
            Out::Compat => {
                // NFKD then a greedy canonical recomposition: presentation forms
                // decompose to base letters plus, for hamza/madda forms, a
                // combining mark, which NFKC would put back on its letter.
                let mut pending: Option<char> = None;
                unicode_normalization::char::decompose_compatible(c, |d| {
                    if let Some(p) = pending {
                        if let Some(composed) = unicode_normalization::char::compose(p, d) {
                            pending = Some(composed);
                            return;
                        }
                        self.emit_decomposed(p, &mut emit);
                    }
                    pending = Some(d);
                });
                if let Some(p) = pending {
                    self.emit_decomposed(p, &mut emit);
                }
            }
        }
    }

    /// One character that came out of a decomposition: normalised again, but
    /// never decomposed again (NFKD output has no presentation forms).
    #[inline]
    fn emit_decomposed(&self, d: char, emit: &mut impl FnMut(char)) {
        match self.norm_char(d) {
            Out::Drop => {}
            Out::One(n) => emit(n),
            Out::Compat => emit(d),
        }
    }

    /// True when [`Self::norm`] would change `text` (a cheap scan, no allocation).
    pub fn needs_norm(&self, text: &str) -> bool {
        text.chars()
            .any(|c| !matches!(self.norm_char(c), Out::One(n) if n == c))
    }

    /// True when [`Self::key`] would change `text`.
    pub fn needs_key(&self, text: &str) -> bool {
        text.chars()
            .any(|c| !matches!(self.norm_char(c), Out::One(n) if n == c && self.key_char(n) == n))
    }

    /// The lossless-ish form of `text`; borrowed when nothing changes.
    ///
    /// ```
    /// use rasid_text::NormalizerConfig;
    /// let n = NormalizerConfig::default();
    /// assert_eq!(n.norm("أُسْـــبُوع ٢٠١٧؟"), "أسبوع 2017?");
    /// assert!(matches!(n.norm("استانا"), std::borrow::Cow::Borrowed(_)));
    /// ```
    pub fn norm<'a>(&self, text: &'a str) -> Cow<'a, str> {
        if !self.needs_norm(text) {
            return Cow::Borrowed(text);
        }
        let mut out = String::with_capacity(text.len());
        self.norm_into(text, &mut out);
        Cow::Owned(out)
    }

    /// The lossy search key of `text`; borrowed when nothing changes.
    ///
    /// ```
    /// use rasid_text::NormalizerConfig;
    /// let n = NormalizerConfig::default();
    /// assert_eq!(n.key("أستانا"), "استانا");
    /// assert_eq!(n.key("آستانا"), "استانا");
    /// assert_eq!(n.key("الروسى"), "الروسي");
    /// assert_eq!(n.key("وزارة"), "وزاره");
    /// ```
    pub fn key<'a>(&self, text: &'a str) -> Cow<'a, str> {
        if !self.needs_key(text) {
            return Cow::Borrowed(text);
        }
        let mut out = String::with_capacity(text.len());
        self.key_into(text, &mut out);
        Cow::Owned(out)
    }

    /// Appends the norm form of `text` to `out`.
    pub fn norm_into(&self, text: &str, out: &mut String) {
        for c in text.chars() {
            self.for_each_norm(c, |n| out.push(n));
        }
    }

    /// Appends the key form of `text` to `out`.
    pub fn key_into(&self, text: &str, out: &mut String) {
        for c in text.chars() {
            self.for_each_norm(c, |n| out.push(self.key_char(n)));
        }
    }

    /// Appends the key form of `text` to `out` and, for every character
    /// pushed, the byte offset (in `text`) of the original character it came
    /// from to `offsets`.
    pub(crate) fn key_with_offsets(&self, text: &str, out: &mut String, offsets: &mut Vec<u32>) {
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < text.len() {
            // Fast path: a run of plain Arabic letters that no step changes
            // (U+0621, U+0627, U+0628, U+062A–U+063A, U+0641–U+0648, U+064A:
            // two bytes each), copied as they are.
            let mut run = i;
            while let (Some(&a), Some(&b)) = (bytes.get(run), bytes.get(run + 1)) {
                let unchanged = match a {
                    0xD8 => matches!(b, 0xA1 | 0xA7 | 0xA8 | 0xAA..=0xBA),
                    0xD9 => matches!(b, 0x81..=0x88 | 0x8A),
                    _ => false,
                };
                if !unchanged {
                    break;
                }
                run += 2;
            }
            if run > i {
                out.push_str(text.get(i..run).unwrap_or(""));
                offsets.extend((i..run).step_by(2).map(|o| u32::try_from(o).unwrap_or(u32::MAX)));
                i = run;
                continue;
            }
            let Some(c) = text.get(i..).and_then(|t| t.chars().next()) else {
                break;
            };
            let at = u32::try_from(i).unwrap_or(u32::MAX);
            self.for_each_norm(c, |n| {
                out.push(self.key_char(n));
                offsets.push(at);
            });
            i += c.len_utf8();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    macro_rules! test_normalizer {
        ($name:ident, $config:expr, [$(($input:expr, $norm:expr, $key:expr)),* $(,)?]) => {
            #[test]
            fn $name() {
                let config: NormalizerConfig = $config;
                $(
                    let norm = config.norm($input);
                    assert_eq!(
                        norm, $norm,
                        "\nnorm({:?}) was {:?}, expected {:?}\nhelp: a lossless step (diacritics, tatweel, controls, \
                         presentation forms, digits, punctuation) in NormalizerConfig::norm_char is wrong or switched off",
                        $input, norm, $norm
                    );
                    let key = config.key($input);
                    assert_eq!(
                        key, $key,
                        "\nkey({:?}) was {:?}, expected {:?}\nhelp: a lossy fold (alef, ى, ة, ؤ/ئ, case) in \
                         NormalizerConfig::key_char is wrong or switched off",
                        $input, key, $key
                    );
                    let mut with_offsets = String::new();
                    let mut offsets = Vec::new();
                    config.key_with_offsets($input, &mut with_offsets, &mut offsets);
                    assert_eq!(with_offsets, key, "help: key_with_offsets and key disagree");
                    assert_eq!(offsets.len(), with_offsets.chars().count(), "help: one offset per key char");
                )*
            }
        };
    }

    test_normalizer!(
        default_steps,
        NormalizerConfig::default(),
        [
            ("استانا", "استانا", "استانا"),
            ("أستانا", "أستانا", "استانا"),
            ("إيران", "إيران", "ايران"),
            ("آخر", "آخر", "اخر"),
            ("ٱلله", "ٱلله", "الله"),
            ("مُحَمَّدٌ", "محمد", "محمد"),
            ("الرَّحْمٰنِ", "الرحمن", "الرحمن"),
            ("قُرْآنٌۖ", "قرآن", "قران"),
            ("ﷺ", "صلى الله عليه وسلم", "صلي الله عليه وسلم"),
            ("سـلام", "سلام", "سلام"),
            ("فى", "فى", "في"),
            ("وزارة", "وزارة", "وزاره"),
            ("مسؤول", "مسؤول", "مسوول"),
            ("رئيس", "رئيس", "رييس"),
            ("٢٠١٧", "2017", "2017"),
            ("۲۰۱۷", "2017", "2017"),
            ("٣٫٥", "3.5", "3.5"),
            ("١٬٠٠٠", "1,000", "1,000"),
            ("؟", "?", "?"),
            ("،", ",", ","),
            ("؛", ";", ";"),
            ("ﻻ", "لا", "لا"),
            ("ﻷ", "لأ", "لا"),
            ("ﺑﺴﻢ", "بسم", "بسم"),
            ("سو\u{200C}ريا", "سوريا", "سوريا"),
            ("\u{200F}روسيا\u{200E}", "روسيا", "روسيا"),
            ("\u{FEFF}\u{061C}\u{202B}\u{2067}", "", ""),
            ("فارسی", "فارسي", "فارسي"),
            ("Reuters", "Reuters", "reuters"),
            ("ÉCOLE", "ÉCOLE", "école"),
        ]
    );

    test_normalizer!(
        everything_off,
        NormalizerConfig {
            diacritics: false,
            tatweel: false,
            controls: false,
            presentation_forms: false,
            digits: false,
            punctuation: false,
            persian_letters: false,
            alef: false,
            alef_maqsura: false,
            ta_marbuta: false,
            hamza_carriers: false,
            lowercase: false,
        },
        [
            ("مُحَمَّد", "مُحَمَّد", "مُحَمَّد"),
            ("أسـبوع٢؟ة", "أسـبوع٢؟ة", "أسـبوع٢؟ة"),
            ("ﻻ", "ﻻ", "ﻻ")
        ]
    );

    test_normalizer!(
        key_folds_only,
        NormalizerConfig {
            alef: false,
            ta_marbuta: false,
            ..NormalizerConfig::default()
        },
        [("أسبوعة", "أسبوعة", "أسبوعة"), ("مستشفى", "مستشفى", "مستشفي")]
    );

    #[test]
    fn borrowed_when_normal() {
        let n = NormalizerConfig::default();
        assert!(
            matches!(n.norm("محادثات سلام"), Cow::Borrowed(_)),
            "help: needs_norm is too eager"
        );
        assert!(
            matches!(n.key("محادثات سلام"), Cow::Borrowed(_)),
            "help: needs_key is too eager"
        );
        assert!(matches!(n.norm("فى"), Cow::Borrowed(_)), "help: ى is kept in norm");
        assert!(matches!(n.key("فى"), Cow::Owned(_)), "help: ى is folded in key");
    }

    proptest::proptest! {
        #[test]
        fn never_panics_and_key_is_idempotent(s in "\\PC{0,40}") {
            let n = NormalizerConfig::default();
            let key = n.key(&s).into_owned();
            let again = n.key(&key).into_owned();
            proptest::prop_assert_eq!(again, key);
        }

        #[test]
        fn arabic_soup(s in "[\u{0600}-\u{06FF}\u{0750}-\u{077F}\u{FB50}-\u{FDFF}\u{FE70}-\u{FEFF}\u{200B}-\u{200F} ]{0,40}") {
            let n = NormalizerConfig::default();
            let _ = n.norm(&s);
            let _ = n.key(&s);
        }
    }
}
