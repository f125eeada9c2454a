//! What an analyzer does, as a value to record and compare.

use serde::{Deserialize, Serialize};

use crate::{AnalyzerConfig, NormalizerConfig};

/// The settings of an [`Analyzer`](crate::Analyzer): its configuration and
/// the fingerprint of its lexicon. An index records them when it is built
/// and compares them with the analyzer it is opened with, since terms made
/// by another analysis do not match.
///
/// ```
/// use rasid_text::{Analyzer, AnalyzerSettings};
/// let settings = Analyzer::default().settings();
/// let json = serde_json::to_string(&settings).unwrap();
/// let back: AnalyzerSettings = serde_json::from_str(&json).unwrap();
/// assert_eq!(back, settings);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnalyzerSettings {
    /// Normalisation steps.
    pub normalizer: NormalizerConfig,
    /// Proclitics and pronoun suffixes are split off.
    pub clitics: bool,
    /// Bases are light-stemmed.
    pub stemming: bool,
    /// Function words are flagged as stopwords.
    pub stopwords: bool,
    /// The lexicon's fingerprint (see [`Lexicon::fingerprint`](crate::Lexicon::fingerprint)).
    pub lexicon: String,
}

impl AnalyzerSettings {
    pub(crate) fn new(config: &AnalyzerConfig, lexicon: &str) -> Self {
        AnalyzerSettings {
            normalizer: config.normalizer,
            clitics: config.clitics,
            stemming: config.stemming,
            stopwords: config.stopwords,
            lexicon: lexicon.to_string(),
        }
    }

    /// The analyzer configuration these settings describe.
    pub fn config(&self) -> AnalyzerConfig {
        AnalyzerConfig {
            normalizer: self.normalizer,
            clitics: self.clitics,
            stemming: self.stemming,
            stopwords: self.stopwords,
        }
    }

    /// What differs between these settings (those an index was built with)
    /// and `now` (those of the analyzer at hand), one line per setting, in
    /// words: `stemming: index true, now false`, `lexicon: index 3fa1…, now
    /// 9b2c…`. Empty when they are the same.
    pub fn differences(&self, now: &AnalyzerSettings) -> Vec<String> {
        let mut out = Vec::new();
        let mut flag = |name: &str, a: bool, b: bool| {
            if a != b {
                out.push(format!("{name}: index {a}, now {b}"));
            }
        };
        let (a, b) = (&self.normalizer, &now.normalizer);
        for (name, x, y) in normalizer_fields(a, b) {
            flag(name, x, y);
        }
        flag("clitics", self.clitics, now.clitics);
        flag("stemming", self.stemming, now.stemming);
        flag("stopwords", self.stopwords, now.stopwords);
        if self.lexicon != now.lexicon {
            out.push(format!(
                "lexicon: index {}, now {}",
                short(&self.lexicon),
                short(&now.lexicon)
            ));
        }
        out
    }
}

/// The normaliser's switches of `a` and `b`, by name (`normalizer.alef`, …).
fn normalizer_fields(a: &NormalizerConfig, b: &NormalizerConfig) -> [(&'static str, bool, bool); 12] {
    [
        ("normalizer.diacritics", a.diacritics, b.diacritics),
        ("normalizer.tatweel", a.tatweel, b.tatweel),
        ("normalizer.controls", a.controls, b.controls),
        (
            "normalizer.presentation_forms",
            a.presentation_forms,
            b.presentation_forms,
        ),
        ("normalizer.digits", a.digits, b.digits),
        ("normalizer.punctuation", a.punctuation, b.punctuation),
        ("normalizer.persian_letters", a.persian_letters, b.persian_letters),
        ("normalizer.alef", a.alef, b.alef),
        ("normalizer.alef_maqsura", a.alef_maqsura, b.alef_maqsura),
        ("normalizer.ta_marbuta", a.ta_marbuta, b.ta_marbuta),
        ("normalizer.hamza_carriers", a.hamza_carriers, b.hamza_carriers),
        ("normalizer.lowercase", a.lowercase, b.lowercase),
    ]
}

/// The first 12 hex digits of a fingerprint and an ellipsis (all of it when short).
fn short(fingerprint: &str) -> String {
    match fingerprint.get(..12) {
        Some(head) if fingerprint.len() > 12 => format!("{head}…"),
        _ => fingerprint.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Analyzer;

    #[test]
    fn differences_name_what_differs() {
        let index = Analyzer::default().settings();
        assert!(index.differences(&index.clone()).is_empty());
        let mut now = index.clone();
        now.normalizer.alef = false;
        now.clitics = false;
        now.lexicon = "9b2c00000000000000000000".to_string();
        let d = index.differences(&now);
        assert_eq!(d.len(), 3, "{d:?}");
        assert_eq!(d[0], "normalizer.alef: index true, now false");
        assert_eq!(d[1], "clitics: index true, now false");
        assert_eq!(
            d[2],
            format!("lexicon: index {}…, now 9b2c00000000…", &index.lexicon[..12])
        );
    }

    #[test]
    fn config_round_trips() {
        let config = AnalyzerConfig {
            stopwords: false,
            ..AnalyzerConfig::default()
        };
        assert_eq!(Analyzer::new(config).settings().config(), config);
    }
}
