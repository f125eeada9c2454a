use compact_str::CompactString;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::Span;

/// What kind of text a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum TokenKind {
    /// A word in Arabic script.
    Arabic,
    /// A word in Latin (or any other alphabetic) script.
    Latin,
    /// A number, in any digits (`2017`, `٢٠١٧`, `3.5`, `1,000`).
    Number,
    /// Punctuation.
    Punct,
    /// Any other symbol (`%`, `$`, emoji).
    Symbol,
}

/// One token of an analysed text.
///
/// `span` and `base` point into the original text; every other field is derived.
/// The strings are [`CompactString`]s: an Arabic word of up to 12 letters is
/// stored inline, so building a token does not allocate for each field.
/// For `وبالمحادثات` the token is the whole word, `proclitics` is `["و", "ب", "ال"]`,
/// `base` covers `محادثات`, and `stem` is the light stem of the base.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Token {
    /// Where the token is, in the original text.
    pub span: Span,
    /// The token as written.
    #[schemars(with = "String")]
    pub text: CompactString,
    /// Lossless cleanup: diacritics, tatweel, presentation forms, controls
    /// removed; digits made ASCII.
    #[schemars(with = "String")]
    pub norm: CompactString,
    /// Lossy search key: `norm` with alef forms, final ya, ta marbuta and hamza
    /// carriers folded.
    #[schemars(with = "String")]
    pub key: CompactString,
    /// The proclitics split off, outermost first, in key form (`و`, `ب`, `ال`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(with = "Vec<String>")]
    pub proclitics: Vec<CompactString>,
    /// The pronoun suffix split off, in key form (`ها`, `هم`), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<String>")]
    pub enclitic: Option<CompactString>,
    /// The part of the token left when its clitics are removed, in the original text.
    pub base: Span,
    /// The light stem used as the search term.
    #[schemars(with = "String")]
    pub stem: CompactString,
    /// What kind of token it is.
    pub kind: TokenKind,
    /// True for function words that search ignores.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub stop: bool,
}

/// The analysis of one text (a title or a body).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct TextAnalysis {
    /// Non-empty lines, trimmed of surrounding white space.
    pub paragraphs: Vec<Span>,
    /// Sentences, within paragraphs.
    pub sentences: Vec<Span>,
    /// Number of tokens (also given when the tokens themselves are left out).
    pub token_count: usize,
    /// The tokens, in order; left out of output unless asked for.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tokens: Vec<Token>,
}

/// The analysis of an article: its title and its body, each on its own.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Analysis {
    /// Analysis of the headline; spans point into `Article::title`.
    pub title: TextAnalysis,
    /// Analysis of the body; spans point into `Article::body`.
    pub body: TextAnalysis,
}

/// Everything rasid's extractors found in one article: what the index stores
/// with it, what stories read and what the server returns.
///
/// Each list is empty (the summary `None`) when its extractor was switched off.
///
/// ```
/// use rasid_core::Extractions;
/// let found = Extractions::default();
/// let json = serde_json::to_value(&found).unwrap();
/// assert!(json["entities"]["entities"].as_array().unwrap().is_empty());
/// assert!(json.get("summary").is_none());
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Extractions {
    /// The people, places, organisations, demonyms and groups it mentions.
    #[serde(default)]
    pub entities: crate::ArticleEntities,
    /// Dates, times, durations and sets it mentions, resolved against `published`.
    #[serde(default)]
    pub times: Vec<crate::TimeExpr>,
    /// The numbers it gives, with what they count.
    #[serde(default)]
    pub numbers: Vec<crate::NumberExpr>,
    /// An extractive summary of the body: its most representative sentences,
    /// in their original order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<Vec<SummarySentence>>,
    /// The events its sentences report (CAMEO and PLOVER coded).
    #[serde(default)]
    pub events: Vec<crate::Event>,
    /// The quotes it carries, with their speakers.
    #[serde(default)]
    pub quotes: Vec<crate::Quote>,
}

/// An article together with its analysis and extractions: one line of
/// `rasid analyze` output, the JSON contract described by `rasid schema`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct AnalyzedArticle {
    /// The version of this JSON contract ([`AnalyzedArticle::VERSION`]); it
    /// changes when a field is renamed, removed or changes meaning.
    pub version: u32,
    /// The article as read.
    pub article: crate::Article,
    /// What the analyzer found in it (tokens only when asked for).
    pub analysis: Analysis,
    /// What the extractors found in it.
    pub extractions: Extractions,
}

impl AnalyzedArticle {
    /// The version of the JSON contract this build writes.
    pub const VERSION: u32 = 3;

    /// An analysed article of the current [`AnalyzedArticle::VERSION`].
    pub fn new(article: crate::Article, analysis: Analysis, extractions: Extractions) -> Self {
        AnalyzedArticle {
            version: Self::VERSION,
            article,
            analysis,
            extractions,
        }
    }
}

/// One sentence of an extractive summary.
///
/// ```
/// use rasid_core::{Span, SummarySentence};
/// let s = SummarySentence { span: Span::new(0, 8), text: "بدأت".into() };
/// assert_eq!(serde_json::to_value(&s).unwrap()["text"], "بدأت");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct SummarySentence {
    /// Where the sentence is, in bytes of `Article::body`.
    pub span: Span,
    /// The sentence as written.
    pub text: String,
}
