//! The rasid analyzer as a tantivy tokenizer, and the same terms for pre-tokenised documents.
//!
//! Documents are analysed once, in parallel, and handed to tantivy as
//! [`PreTokenizedString`]s built by [`pre_tokenized`]; queries go through the
//! tokenizer registered under [`ANALYZER_NAME`]. Both take their terms from
//! [`search_tokens`], so a query word and the same word in a document always meet.
//!
//! The term of a token is its light stem (`وبالمحادثات` → `محادث`). Stopwords,
//! punctuation and symbols give no term, but stopwords keep their position, so
//! a phrase query matches only where the same number of words sit between.
//!
//! ```
//! use rasid_search::tokenizer::RasidTokenizer;
//! use tantivy::tokenizer::{TokenStream, Tokenizer};
//!
//! let mut tokenizer = RasidTokenizer::default();
//! let mut stream = tokenizer.token_stream("محادثات أستانا");
//! while let Some(token) = stream.next() {
//!     // token.text is the search term; the offsets point into the text given.
//!     assert!(token.offset_to <= "محادثات أستانا".len());
//! }
//! ```

use rasid_core::{TextAnalysis, TokenKind};
use rasid_text::Analyzer;
use tantivy::tokenizer::{
    LowerCaser, PreTokenizedString, RawTokenizer, RemoveLongFilter, TextAnalyzer, Token, TokenStream, Tokenizer,
    TokenizerManager,
};

/// The name the rasid Arabic analyzer is registered under.
pub const ANALYZER_NAME: &str = "rasid_ar";

/// The name of the tokenizer for exact, case-insensitive values (sources, categories).
pub const KEYWORD_NAME: &str = "rasid_keyword";

/// Terms longer than this many bytes are dropped (they are never words, and
/// tantivy limits term size).
const MAX_TERM_BYTES: usize = 200;

/// The search tokens of a text: one per word that is not a stopword, with its
/// stem as the text, its span in `text` as the offsets, and its word position.
///
/// ```
/// use rasid_search::tokenizer::search_tokens;
/// let text = "وروسيا فى أستانا";
/// let tokens = search_tokens(&rasid_text::Analyzer::default(), text);
/// assert_eq!(tokens.len(), 2); // فى is a stopword
/// assert_eq!(&text[tokens[0].offset_from..tokens[0].offset_to], "وروسيا");
/// assert_eq!(tokens[1].position, 2);
/// ```
pub fn search_tokens(analyzer: &Analyzer, text: &str) -> Vec<Token> {
    let mut out = Vec::with_capacity(text.len() / 6);
    analyzer.for_each_term(text, |span, position, term| {
        if !term.is_empty() && term.len() <= MAX_TERM_BYTES {
            out.push(Token {
                offset_from: span.start,
                offset_to: span.end,
                position,
                text: term.to_owned(),
                position_length: 1,
            });
        }
    });
    out
}

/// The search tokens of a text analysed already (the same as [`search_tokens`]
/// gives for its text): for callers that hold a full [`TextAnalysis`].
pub fn search_tokens_of(analysis: &TextAnalysis) -> Vec<Token> {
    let mut out = Vec::with_capacity(analysis.tokens.len());
    let mut position = 0usize;
    for token in &analysis.tokens {
        if !matches!(token.kind, TokenKind::Arabic | TokenKind::Latin | TokenKind::Number) {
            continue;
        }
        let here = position;
        position += 1;
        if token.stop || token.stem.is_empty() || token.stem.len() > MAX_TERM_BYTES {
            continue;
        }
        out.push(Token {
            offset_from: token.span.start,
            offset_to: token.span.end,
            position: here,
            text: token.stem.to_string(),
            position_length: 1,
        });
    }
    out
}

/// A pre-tokenised text for tantivy: the original text with its search tokens.
pub fn pre_tokenized(text: &str, tokens: Vec<Token>) -> PreTokenizedString {
    PreTokenizedString {
        text: text.to_owned(),
        tokens,
    }
}

/// The rasid analyzer behind tantivy's [`Tokenizer`] trait.
///
/// Cloning is cheap: the analyzer is shared.
#[derive(Clone, Debug, Default)]
pub struct RasidTokenizer {
    analyzer: Analyzer,
}

impl RasidTokenizer {
    /// A tokenizer over this analyzer.
    pub fn new(analyzer: Analyzer) -> Self {
        RasidTokenizer { analyzer }
    }
}

impl Tokenizer for RasidTokenizer {
    type TokenStream<'a> = RasidTokenStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> RasidTokenStream {
        let tokens = search_tokens(&self.analyzer, text);
        RasidTokenStream {
            tokens: tokens.into_iter(),
            current: Token::default(),
        }
    }
}

/// The tokens of one text, from [`RasidTokenizer`].
#[derive(Debug)]
pub struct RasidTokenStream {
    tokens: std::vec::IntoIter<Token>,
    current: Token,
}

impl TokenStream for RasidTokenStream {
    fn advance(&mut self) -> bool {
        match self.tokens.next() {
            Some(token) => {
                self.current = token;
                true
            }
            None => false,
        }
    }

    fn token(&self) -> &Token {
        &self.current
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.current
    }
}

/// The tokenizer for exact, case-insensitive values.
pub fn keyword_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(RawTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TERM_BYTES))
        .filter(LowerCaser)
        .build()
}

/// Registers [`ANALYZER_NAME`] and [`KEYWORD_NAME`] with a tokenizer manager.
pub fn register(manager: &TokenizerManager, analyzer: Analyzer) {
    manager.register(ANALYZER_NAME, RasidTokenizer::new(analyzer));
    manager.register(KEYWORD_NAME, keyword_analyzer());
}

/// The exact-value term of a field value: trimmed and lower-cased, as
/// [`KEYWORD_NAME`] indexes it.
pub fn keyword_term(value: &str) -> String {
    value.trim().to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    const EXAMPLE: &str = include_str!("../../../examples/astana-2017-12-21.txt");

    #[test]
    fn both_paths_give_the_same_terms() {
        let analyzer = Analyzer::default();
        let fast = search_tokens(&analyzer, EXAMPLE);
        let full = search_tokens_of(&analyzer.analyze_text(EXAMPLE));
        assert!(fast.len() > 200, "{} terms", fast.len());
        assert_eq!(fast, full, "help: for_each_term and analyze_text disagree");
    }

    #[test]
    fn tokenizer_offsets_point_into_the_text() {
        let mut tokenizer = RasidTokenizer::default();
        let mut stream = tokenizer.token_stream(EXAMPLE);
        let mut last = None;
        while let Some(token) = stream.next() {
            assert!(EXAMPLE.get(token.offset_from..token.offset_to).is_some());
            assert!(last < Some(token.position), "positions increase");
            last = Some(token.position);
        }
        assert!(last.is_some());
    }

    #[test]
    fn keyword_terms_match_the_keyword_analyzer() {
        let mut analyzer = keyword_analyzer();
        let mut stream = analyzer.token_stream("BBC-Arabic");
        let token = stream.next().map(|t| t.text.clone());
        assert_eq!(token.as_deref(), Some(keyword_term(" BBC-Arabic ").as_str()));
    }
}
