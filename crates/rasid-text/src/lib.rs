//! Arabic text analysis for rasid: normalisation, tokens with byte offsets
//! into the original text, lexicon-guided clitic splitting, a light stemmer,
//! stopwords, paragraphs and sentences.
//!
//! One [`Analyzer`] serves the index and extraction alike, so a query and a
//! document always get the same analysis. Analysis does no I/O, never fails
//! and never panics: every `&str` is valid input. The data behind it, a
//! [`Lexicon`], is embedded; [`Lexicon::from_dir`] (the only function that
//! reads files) loads another, and [`Analyzer::settings`] records which.
//!
//! ```
//! use rasid_text::Analyzer;
//!
//! let analyzer = Analyzer::default();
//! let text = "وروسيا والفصائل فى أستانا";
//! let analysis = analyzer.analyze_text(text);
//! let t = &analysis.tokens[1];
//! assert_eq!(t.text, "والفصائل");
//! assert_eq!(t.proclitics, ["و", "ال"]);
//! assert_eq!(&text[t.base.start..t.base.end], "فصائل");
//! assert!(analysis.tokens[2].stop); // فى
//!
//! // The search path: one callback per search term, no Token allocated.
//! let mut terms = Vec::new();
//! analyzer.for_each_term(text, |_span, position, stem| terms.push((position, stem.to_string())));
//! assert_eq!(terms, [(0, "روسيا".to_string()), (1, "فصايل".to_string()), (3, "استانا".to_string())]);
//! ```
//!
//! The pipeline, per token: [`Segmenter`] on the original text →
//! [`NormalizerConfig`] (norm and key forms) → clitic splitting against the
//! embedded corpus lexicon → [`light_stem`] of the base → stopword flag.
//!
//! # What the token fields hold
//!
//! * `span`, `base`: byte ranges in the original text. Tokens are segmented
//!   before anything is normalised, so offsets never drift; diacritics,
//!   tatweel and zero-width controls inside a word stay inside its span.
//! * `norm`: the spelling cleaned up but kept (hamza forms, `ى`, `ة` stay);
//!   `key`: the lossy search key (see [`NormalizerConfig`]).
//! * `proclitics`: outermost first, in key form: `و ف ب ك ل لل ال س`. `لل`
//!   (ل + the article, whose alef is not written) is reported as one clitic,
//!   so the proclitics, the base and the enclitic always concatenate to the
//!   key; a consumer that wants "definite" looks for `ال` or `لل`.
//! * `base`: the word without its clitics, in the original text. When a
//!   pronoun suffix changed the base's last letter (`رعايتها`), the span covers
//!   the letters as written (`رعايت`) and the stem is computed from the
//!   restored form (`رعايه`, key of `رعاية`).
//! * `stem`: the search term, the light stem of the base's key form; for
//!   Latin words the lower-cased key, for numbers the ASCII digits.
//! * `stop`: the whole form is a function word (`فى`, `التى`), or a
//!   conjunction or preposition plus one (`وهذه`, `بما`).
//!
//! Splitting is deliberately conservative (precision about 99 %, recall
//! 92–97 % on hand-judged SaudiNewsNet samples; see `EVALUATION.md`).
#![deny(missing_docs)]

mod chars;
mod clitic;
mod lexicon;
mod normalize;
mod segment;
mod sentence;
mod settings;
mod stem;

use std::sync::Arc;

use rasid_core::{Analysis, Article, CompactString, Span, TextAnalysis, Token, TokenKind};

use crate::clitic::{base_key, decide, Decision, Enclitic, Proclitic};

pub use crate::lexicon::{Lexicon, TextError, LEXICON_FILE, STOPWORDS_FILE, WHOLE_FILE};
pub use crate::normalize::NormalizerConfig;
pub use crate::segment::{Segment, Segmenter};
pub use crate::sentence::paragraphs;
pub use crate::settings::AnalyzerSettings;
pub use crate::stem::{light_stem, MIN_STEM};

/// What the analyzer does. All steps are on by default.
///
/// ```
/// use rasid_text::{Analyzer, AnalyzerConfig};
/// let plain = Analyzer::new(AnalyzerConfig { clitics: false, ..AnalyzerConfig::default() });
/// let t = &plain.analyze_text("والفصائل").tokens[0];
/// assert!(t.proclitics.is_empty());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct AnalyzerConfig {
    /// Normalisation steps.
    pub normalizer: NormalizerConfig,
    /// Split proclitics and pronoun suffixes off Arabic words.
    pub clitics: bool,
    /// Light-stem the base of Arabic words (otherwise the stem is the base's key).
    pub stemming: bool,
    /// Flag function words as stopwords (and leave them out of search terms).
    pub stopwords: bool,
}

impl Default for AnalyzerConfig {
    fn default() -> Self {
        AnalyzerConfig {
            normalizer: NormalizerConfig::default(),
            clitics: true,
            stemming: true,
            stopwords: true,
        }
    }
}

/// The Arabic analyzer. Cheap to clone and share between threads: it holds
/// its configuration and a shared [`Lexicon`] (by default the embedded one,
/// a process-wide static built on first use; see [`Analyzer::with_lexicon`]).
///
/// ```
/// use rasid_text::Analyzer;
/// let a = Analyzer::default();
/// let stem = |w: &str| a.analyze_text(w).tokens[0].stem.clone();
/// assert_eq!(stem("أستانا"), stem("آستانا"));
/// assert_eq!(stem("المحادثات"), stem("محادثات"));
/// assert_eq!(stem("وروسيا"), stem("روسيا"));
/// ```
#[derive(Clone, Debug)]
pub struct Analyzer {
    config: AnalyzerConfig,
    lexicon: Arc<Lexicon>,
}

impl Default for Analyzer {
    fn default() -> Self {
        Analyzer::new(AnalyzerConfig::default())
    }
}

/// Two analyzers are equal when they have the same configuration and
/// lexicons with the same fingerprint: they analyse alike.
impl PartialEq for Analyzer {
    fn eq(&self, other: &Self) -> bool {
        self.config == other.config
            && (Arc::ptr_eq(&self.lexicon, &other.lexicon) || self.lexicon.fingerprint() == other.lexicon.fingerprint())
    }
}

impl Eq for Analyzer {}

impl std::hash::Hash for Analyzer {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.config.hash(state);
        self.lexicon.fingerprint().hash(state);
    }
}

/// Reused buffers: the per-token work allocates nothing once they have grown.
#[derive(Default)]
struct Scratch {
    key: String,
    offsets: Vec<u32>,
    base: String,
    buf: String,
    /// The precomputed stem length of the current token, when its analysis
    /// is the lexicon's own.
    stem_chars: Option<u8>,
}

/// The analysis of one token, with its strings in the scratch buffers.
struct Word {
    decision: Decision,
    base: Span,
}

impl Analyzer {
    /// An analyzer with this configuration and the embedded lexicon.
    pub fn new(config: AnalyzerConfig) -> Self {
        Analyzer::with_lexicon(config, Lexicon::embedded())
    }

    /// An analyzer with this configuration and another lexicon (see
    /// [`Lexicon::from_dir`]).
    pub fn with_lexicon(config: AnalyzerConfig, lexicon: Arc<Lexicon>) -> Self {
        Analyzer { config, lexicon }
    }

    /// Its configuration.
    pub fn config(&self) -> &AnalyzerConfig {
        &self.config
    }

    /// Its lexicon.
    pub fn lexicon(&self) -> &Arc<Lexicon> {
        &self.lexicon
    }

    /// What this analyzer does, to record with what it produced (an index)
    /// and to compare later: the configuration and the lexicon's fingerprint.
    ///
    /// ```
    /// use rasid_text::{Analyzer, AnalyzerConfig};
    /// let a = Analyzer::default().settings();
    /// let b = Analyzer::new(AnalyzerConfig { stemming: false, ..AnalyzerConfig::default() }).settings();
    /// assert_eq!(a.differences(&b), ["stemming: index true, now false"]);
    /// assert!(a.differences(&Analyzer::default().settings()).is_empty());
    /// ```
    pub fn settings(&self) -> AnalyzerSettings {
        AnalyzerSettings::new(&self.config, self.lexicon.fingerprint())
    }

    /// Parses the embedded lexicon now rather than on first use (about 20 ms
    /// in a release build, once per process). The analyzer already holds its
    /// lexicon, so this does nothing more; it is kept for callers that warm
    /// up explicitly.
    pub fn warm_up(&self) {
        let _ = self.lexicon.len();
    }

    /// Analyses one segment: fills `s.key` (key form of the token), `s.base`
    /// (key form of the base, last letter restored) and returns the split.
    fn word(&self, text: &str, seg: Segment, s: &mut Scratch) -> Word {
        let surface = seg.span.slice(text).unwrap_or("");
        s.stem_chars = None;
        s.key.clear();
        s.offsets.clear();
        self.config
            .normalizer
            .key_with_offsets(surface, &mut s.key, &mut s.offsets);
        let mut decision = match seg.kind {
            TokenKind::Arabic => self.decision(surface, s),
            _ => Decision::default(),
        };
        if !self.config.stopwords {
            decision.stop = false;
        }
        self.place(seg, &decision, s).unwrap_or_else(|| {
            if decision.proclitics[0].is_some() || decision.enclitic.is_some() {
                // The split did not fit the text: the precomputed stem is off.
                s.stem_chars = None;
            }
            s.base.clear();
            s.base.push_str(&s.key);
            Word {
                decision: Decision {
                    stop: decision.stop,
                    ..Decision::default()
                },
                base: seg.span,
            }
        })
    }

    /// The clitic decision for an Arabic token whose key is in `s.key`.
    fn decision(&self, surface: &str, s: &mut Scratch) -> Decision {
        let r = &*self.lexicon;
        if !self.config.clitics {
            return Decision {
                stop: r.is_stopword(&s.key),
                ..Decision::default()
            };
        }
        let (mut d, may_be_whole) = match r.known(&s.key) {
            Some(known) => {
                s.stem_chars = Some(known.stem_chars);
                (known.decision, known.may_be_whole)
            }
            None => (decide(&s.key, r, &mut s.buf), r.may_be_whole(&s.key)),
        };
        let precomputed = d;
        if may_be_whole {
            let norm = self.config.normalizer.norm(surface);
            if r.is_whole(&norm) {
                s.stem_chars = None;
                return Decision {
                    stop: r.is_stopword(&s.key),
                    ..Decision::default()
                };
            }
        }
        if d.proclitics().any(|p| p == Proclitic::Sa) {
            // A hamza on ya (`سئم`) keys like the imperfect prefix ي but is not one.
            let at = d.prefix_chars();
            let base_start = s.offsets.get(at).map_or(0, |&o| o as usize);
            if surface.get(base_start..).is_some_and(|b| b.starts_with('ئ')) {
                s.stem_chars = None;
                return Decision {
                    stop: false,
                    ..Decision::default()
                };
            }
        }
        if d.enclitic == Some(Enclitic::Hu) && ends_in_ta_marbuta(surface) {
            // The key folds ة into ه; a word written with ة has no pronoun.
            d.enclitic = None;
            d.restore = clitic::Restore::None;
        }
        if d != precomputed {
            s.stem_chars = None;
        }
        d
    }

    /// Maps a decision onto the original text; `None` when it does not fit
    /// (e.g. a split inside a ligature).
    fn place(&self, seg: Segment, d: &Decision, s: &mut Scratch) -> Option<Word> {
        if *d == Decision::default() || (d.proclitics[0].is_none() && d.enclitic.is_none()) {
            return None;
        }
        let n = s.offsets.len();
        let p = d.prefix_chars();
        let e = d.suffix_chars();
        if p + e >= n {
            return None;
        }
        let start = if p == 0 { 0 } else { *s.offsets.get(p)? as usize };
        let end = if e == 0 {
            seg.span.len()
        } else {
            *s.offsets.get(n - e)? as usize
        };
        // A split inside one original character (a presentation-form
        // ligature) cannot be shown in the original text: keep the word whole.
        let shares_char = |a: usize, b: usize| s.offsets.get(a).is_some_and(|x| s.offsets.get(b) == Some(x));
        if start >= end
            || end > seg.span.len()
            || (p > 0 && shares_char(p - 1, p))
            || (e > 0 && shares_char(n - e - 1, n - e))
        {
            return None;
        }
        if !base_key(&s.key, d, &mut s.base) {
            return None;
        }
        Some(Word {
            decision: *d,
            base: Span::new(seg.span.start + start, seg.span.start + end),
        })
    }

    /// The search term of a token whose analysis is in `s`.
    fn stem<'s>(&self, kind: TokenKind, s: &'s mut Scratch) -> &'s str {
        if kind != TokenKind::Arabic || !self.config.stemming {
            return &s.base;
        }
        match s.stem_chars {
            // Known word: the stem is a prefix of the base, computed once.
            Some(n) if n < u8::MAX => {
                let end = s
                    .base
                    .char_indices()
                    .nth(usize::from(n))
                    .map_or(s.base.len(), |(i, _)| i);
                s.base.get(..end).unwrap_or(&s.base)
            }
            _ => stem::stem_with(&s.base, &*self.lexicon, &mut s.buf),
        }
    }

    /// Analyses one text: paragraphs, sentences and every token.
    ///
    /// ```
    /// use rasid_text::Analyzer;
    /// let a = Analyzer::default().analyze_text("قال د. أحمد: المحادثات مستمرة. وانتهت الجولة.\nفقرة ثانية");
    /// assert_eq!(a.paragraphs.len(), 2);
    /// assert_eq!(a.sentences.len(), 3);
    /// assert_eq!(a.token_count, a.tokens.len());
    /// ```
    pub fn analyze_text(&self, text: &str) -> TextAnalysis {
        let mut s = Scratch::default();
        let mut analysis = TextAnalysis {
            tokens: Vec::with_capacity(text.len() / 8),
            ..TextAnalysis::default()
        };
        let mut para_tokens: Vec<(Span, TokenKind)> = Vec::new();
        for para in paragraphs(text) {
            analysis.paragraphs.push(para);
            para_tokens.clear();
            let Some(para_text) = para.slice(text) else { continue };
            for seg in Segmenter::new(para_text) {
                let seg = Segment {
                    span: Span::new(seg.span.start + para.start, seg.span.end + para.start),
                    ..seg
                };
                para_tokens.push((seg.span, seg.kind));
                analysis.tokens.push(self.token(text, seg, &mut s));
            }
            sentence::sentences(text, para, &para_tokens, &mut analysis.sentences);
        }
        analysis.token_count = analysis.tokens.len();
        analysis
    }

    fn token(&self, text: &str, seg: Segment, s: &mut Scratch) -> Token {
        let word = self.word(text, seg, s);
        let surface = seg.span.slice(text).unwrap_or("");
        Token {
            span: seg.span,
            text: CompactString::from(surface),
            norm: CompactString::from(self.config.normalizer.norm(surface)),
            key: CompactString::from(s.key.as_str()),
            proclitics: word
                .decision
                .proclitics()
                .map(|p| CompactString::const_new(p.as_str()))
                .collect(),
            enclitic: word.decision.enclitic.map(|e| CompactString::const_new(e.as_str())),
            base: word.base,
            stem: CompactString::from(self.stem(seg.kind, &mut *s)),
            kind: seg.kind,
            stop: word.decision.stop,
        }
    }

    /// Analyses an article's title and body, each on its own.
    pub fn analyze(&self, article: &Article) -> Analysis {
        Analysis {
            title: self.analyze_text(&article.title),
            body: self.analyze_text(&article.body),
        }
    }

    /// The search path: calls `f(span, position, term)` for every token that
    /// search indexes, in order, without building [`Token`]s.
    ///
    /// The term is the light stem of the token's base in key form (for
    /// Latin words, numbers: the key). Punctuation and symbols are skipped and
    /// take no position; stopwords take a position but are not emitted, so
    /// phrase queries keep their gaps. Run the same analyzer on queries and
    /// documents.
    ///
    /// ```
    /// use rasid_text::Analyzer;
    /// let mut terms = Vec::new();
    /// Analyzer::default().for_each_term("محادثات استانا، فى كازاخستان", |span, pos, term| {
    ///     terms.push((span.start, pos, term.to_string()))
    /// });
    /// assert_eq!(terms[0], (0, 0, "محادث".to_string()));
    /// assert_eq!(terms[2].1, 3); // فى took position 2
    /// ```
    pub fn for_each_term(&self, text: &str, mut f: impl FnMut(Span, usize, &str)) {
        let mut s = Scratch::default();
        for (position, seg) in Analyzer::words(text).enumerate() {
            let word = self.word(text, seg, &mut s);
            if !word.decision.stop {
                f(seg.span, position, self.stem(seg.kind, &mut s));
            }
        }
    }

    /// The words of `text` that take a position in [`Analyzer::for_each_term`],
    /// in order (the n-th has position n), found without analysing them.
    pub fn words(text: &str) -> impl Iterator<Item = Segment> + '_ {
        Segmenter::new(text).filter(|seg| !matches!(seg.kind, TokenKind::Punct | TokenKind::Symbol))
    }

    /// The term [`Analyzer::for_each_term`] gives the word `word` of `text`
    /// (one of [`Analyzer::words`]), or `None` for a stopword: for callers
    /// that need the terms of a few words of a long text.
    ///
    /// ```
    /// use rasid_text::Analyzer;
    /// let analyzer = Analyzer::default();
    /// let text = "محادثات فى استانا";
    /// let words: Vec<_> = Analyzer::words(text).collect();
    /// assert_eq!(analyzer.term_of(text, words[0]).as_deref(), Some("محادث"));
    /// assert_eq!(analyzer.term_of(text, words[1]), None);
    /// ```
    pub fn term_of(&self, text: &str, word: Segment) -> Option<String> {
        let mut s = Scratch::default();
        let analysed = self.word(text, word, &mut s);
        (!analysed.decision.stop).then(|| self.stem(word.kind, &mut s).to_owned())
    }
}

/// True when the last letter of `surface` is a ta marbuta.
fn ends_in_ta_marbuta(surface: &str) -> bool {
    surface
        .chars()
        .rev()
        .find(|&c| chars::class(c) == chars::Class::ArabicLetter)
        .is_some_and(|c| matches!(c, 'ة' | '\u{FE93}' | '\u{FE94}'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// `(word, proclitics, base as written, enclitic, stem)`.
    macro_rules! test_clitics {
        ($name:ident, [$(($word:expr, [$($pro:expr),*], $base:expr, $enc:expr, $stem:expr)),* $(,)?]) => {
            #[test]
            fn $name() {
                let analyzer = Analyzer::default();
                $(
                    let word: &str = $word;
                    let a = analyzer.analyze_text(word);
                    assert_eq!(a.tokens.len(), 1, "help: {word:?} should be one token (segment.rs)");
                    let t = &a.tokens[0];
                    let pro: Vec<&str> = vec![$($pro),*];
                    let base = t.base.slice(word).unwrap_or("<bad span>");
                    let enc: Option<&str> = $enc;
                    assert_eq!(
                        (t.proclitics.iter().map(|p| p.as_str()).collect::<Vec<_>>(), base, t.enclitic.as_deref()),
                        (pro, $base, enc),
                        "\nsplitting {word:?}\nhelp: the clitic rules in clitic.rs (thresholds, lexicon evidence) or \
                         data/whole.txt decide this split"
                    );
                    assert_eq!(t.stem, $stem, "\nstem of {word:?}\nhelp: see stem.rs (suffix order, MIN_STEM)");
                )*
            }
        };
    }

    test_clitics!(
        proclitics,
        [
            ("وروسيا", ["و"], "روسيا", None, "روسيا"),
            ("والفصائل", ["و", "ال"], "فصائل", None, "فصايل"),
            ("لسوريا", ["ل"], "سوريا", None, "سوريا"),
            ("للمشاركة", ["لل"], "مشاركة", None, "مشارك"),
            ("وبالمحادثات", ["و", "ب", "ال"], "محادثات", None, "محادث"),
            ("المحادثات", ["ال"], "محادثات", None, "محادث"),
            ("بالكامل", ["ب", "ال"], "كامل", None, "كامل"),
            ("ستجرى", ["س"], "تجرى", None, "تجر"),
            ("وَالْفَصَائِلِ", ["و", "ال"], "فَصَائِلِ", None, "فصايل"),
        ]
    );

    test_clitics!(
        words_that_only_look_cliticised,
        [
            ("كازاخستان", [], "كازاخستان", None, "كازاخستان"),
            ("وزارة", [], "وزارة", None, "وزار"),
            ("بيان", [], "بيان", None, "بيان"),
            ("ليبيا", [], "ليبيا", None, "ليبيا"),
            ("فلسطين", [], "فلسطين", None, "فلسطين"),
            ("كندا", [], "كندا", None, "كندا"),
            ("بريطانيا", [], "بريطانيا", None, "بريطانيا"),
            ("سوريا", [], "سوريا", None, "سوريا"),
            ("والي", [], "والي", None, "وال"),
            ("ممثلين", [], "ممثلين", None, "ممثل"),
            ("ألمانيا", [], "ألمانيا", None, "المانيا"),
            ("التزام", [], "التزام", None, "التزام"),
        ]
    );

    test_clitics!(
        enclitics,
        [
            ("رعايتها", [], "رعايت", Some("ها"), "رعا"),
            ("رفضها", [], "رفض", Some("ها"), "رفض"),
            ("وزارته", [], "وزارت", Some("ه"), "وزار"),
            ("عاصمة", [], "عاصمة", None, "عاصم"),
        ]
    );

    #[test]
    fn same_stem_across_spellings() {
        let a = Analyzer::default();
        let stem = |w: &str| a.analyze_text(w).tokens[0].stem.clone();
        for (x, y) in [
            ("أستانا", "استانا"),
            ("آستانا", "استانا"),
            ("المحادثات", "محادثات"),
            ("وروسيا", "روسيا"),
            ("الروسى", "الروسي"),
            ("السورية", "السوري"),
        ] {
            assert_eq!(stem(x), stem(y), "help: {x} and {y} must share a search term");
        }
    }

    #[test]
    fn stopwords() {
        let a = Analyzer::default();
        for w in ["فى", "في", "الى", "إلى", "التى", "الذى", "وهذه", "وكذلك", "هذه"] {
            assert!(
                a.analyze_text(w).tokens[0].stop,
                "help: {w} should be a stopword (data/stopwords.txt)"
            );
        }
        for w in ["وزارة", "روسيا", "والفصائل"] {
            assert!(!a.analyze_text(w).tokens[0].stop, "help: {w} is not a stopword");
        }
    }

    #[test]
    fn sentences_and_paragraphs() {
        let text = "قال د. أحمد إن النمو بلغ 3.5% هذا العام. هل ينتهي؟ نعم!\n\n\u{200F}فقرة «ثانية.» بعدها";
        let a = Analyzer::default().analyze_text(text);
        let got: Vec<&str> = a.sentences.iter().map(|s| s.slice(text).unwrap()).collect();
        assert_eq!(
            got,
            [
                "قال د. أحمد إن النمو بلغ 3.5% هذا العام.",
                "هل ينتهي؟",
                "نعم!",
                "فقرة «ثانية.»",
                "بعدها"
            ],
            "help: see sentence.rs"
        );
        assert_eq!(a.paragraphs.len(), 2);
    }

    #[test]
    fn search_terms_match_tokens() {
        let text =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/astana-2017-12-21.txt")).unwrap();
        let a = Analyzer::default();
        let from_tokens: Vec<(Span, String)> = a
            .analyze_text(&text)
            .tokens
            .into_iter()
            .filter(|t| !t.stop && !matches!(t.kind, TokenKind::Punct | TokenKind::Symbol))
            .map(|t| (t.span, t.stem.to_string()))
            .collect();
        let mut from_terms = Vec::new();
        a.for_each_term(&text, |span, _, stem| from_terms.push((span, stem.to_string())));
        assert_eq!(
            from_terms, from_tokens,
            "help: for_each_term and analyze_text must agree"
        );
    }

    #[test]
    fn config_switches() {
        let no_stem = Analyzer::new(AnalyzerConfig {
            stemming: false,
            ..AnalyzerConfig::default()
        });
        assert_eq!(no_stem.analyze_text("المحادثات").tokens[0].stem, "محادثات");
        let no_stop = Analyzer::new(AnalyzerConfig {
            stopwords: false,
            ..AnalyzerConfig::default()
        });
        assert!(!no_stop.analyze_text("فى").tokens[0].stop);
    }

    fn check_invariants(text: &str) -> Result<(), TestCaseError> {
        let a = Analyzer::default().analyze_text(text);
        prop_assert_eq!(a.token_count, a.tokens.len());
        let mut prev_end = 0;
        for t in &a.tokens {
            prop_assert!(t.span.start < t.span.end && t.span.end <= text.len());
            prop_assert!(t.span.slice(text).is_some(), "span not on char boundaries");
            prop_assert!(t.span.start >= prev_end, "tokens overlap or are out of order");
            let gap = &text[prev_end..t.span.start];
            prop_assert!(
                gap.chars()
                    .all(|c| matches!(chars::class(c), chars::Class::Space | chars::Class::Control)),
                "gap {:?} holds more than white space",
                gap
            );
            prop_assert!(t.base.start >= t.span.start && t.base.end <= t.span.end && t.base.start < t.base.end);
            prop_assert!(t.base.slice(text).is_some(), "base not on char boundaries");
            prop_assert_eq!(t.span.slice(text), Some(t.text.as_str()));
            prev_end = t.span.end;
        }
        let tail = &text[prev_end..];
        prop_assert!(tail
            .chars()
            .all(|c| matches!(chars::class(c), chars::Class::Space | chars::Class::Control)));
        for s in a.sentences.iter().chain(&a.paragraphs) {
            prop_assert!(s.start < s.end && s.slice(text).is_some());
        }
        let mut last = 0;
        Analyzer::default().for_each_term(text, |span, pos, _| {
            assert!(pos >= last && span.end <= text.len());
            last = pos;
        });
        Ok(())
    }

    proptest! {
        #[test]
        fn invariants_on_any_text(s in "\\PC{0,60}") {
            check_invariants(&s)?;
        }

        #[test]
        fn invariants_on_arabic_soup(
            s in "[\u{0600}-\u{06FF}\u{0750}-\u{077F}\u{08A0}-\u{08FF}\u{FB50}-\u{FDFF}\u{FE70}-\u{FEFF}\u{200B}-\u{200F}\u{202A}-\u{202E}\u{2066}-\u{2069} .,0-9\n]{0,60}"
        ) {
            check_invariants(&s)?;
        }

        #[test]
        fn invariants_on_words(words in proptest::collection::vec("(و|ف|ب|ل|ك|س|ال|لل)?(وزارة|روسيا|محادثات|ال|ة|ه|ها|ت|ـ|\u{064E}|\u{200C}|3\\.5|٫|\\.|،)*", 0..8)) {
            check_invariants(&words.join(" "))?;
        }
    }
}
