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
    each_search_token(analyzer, text, |from, to, position, term| {
        out.push(Token {
            offset_from: from,
            offset_to: to,
            position,
            text: term.to_owned(),
            position_length: 1,
        });
    });
    out
}

/// [`search_tokens`], packed (the form documents take to the index).
pub fn packed_search_tokens(analyzer: &Analyzer, text: &str) -> PackedTokens {
    let mut out = PackedTokens::with_capacity(text.len() / 6, text.len() / 2);
    each_search_token(analyzer, text, |from, to, position, term| {
        out.push(from, to, position, term)
    });
    out
}

/// The search tokens of a text analysed already (the same as
/// [`packed_search_tokens`] gives for its text): for callers that hold a full
/// [`TextAnalysis`].
pub fn packed_search_tokens_of(analysis: &TextAnalysis) -> PackedTokens {
    let mut out = PackedTokens::with_capacity(analysis.tokens.len(), analysis.tokens.len() * 8);
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
        out.push(token.span.start, token.span.end, here, &token.stem);
    }
    out
}

/// Calls `f(offset_from, offset_to, position, term)` for each search token of `text`.
fn each_search_token(analyzer: &Analyzer, text: &str, mut f: impl FnMut(usize, usize, usize, &str)) {
    analyzer.for_each_term(text, |span, position, term| {
        if is_search_term(term) {
            f(span.start, span.end, position, term);
        }
    });
}

/// True for a term search indexes (not empty, not too long).
pub(crate) fn is_search_term(term: &str) -> bool {
    !term.is_empty() && term.len() <= MAX_TERM_BYTES
}

/// The search tokens of one text, packed: the terms one after another in one
/// string, and 16 bytes a token for where each ends, its offsets and its position.
///
/// This is the form a document waits in for tantivy's indexing thread (up to
/// 10,000 documents queue there). A [`PreTokenizedString`] holds a `String` per
/// token and a copy of the text, about five times the memory; it is made from
/// the packed form only when tantivy reads the value
/// ([`PackedTokens::to_pre_tokenized`]), and without the text, which an
/// indexed-only field does not need.
///
/// ```
/// use rasid_search::tokenizer::{packed_search_tokens, search_tokens};
/// let analyzer = rasid_text::Analyzer::default();
/// let text = "وروسيا فى أستانا";
/// let packed = packed_search_tokens(&analyzer, text);
/// assert_eq!(packed.to_pre_tokenized().tokens, search_tokens(&analyzer, text));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PackedTokens {
    terms: String,
    tokens: Vec<PackedToken>,
}

/// One token of [`PackedTokens`]: its term is `terms[previous term_end..term_end]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct PackedToken {
    term_end: u32,
    offset_from: u32,
    offset_to: u32,
    position: u32,
}

/// `value` as a `u32`, saturated: texts are far shorter than 4 GiB (ingest caps a
/// record at 64 MiB), so this never clips a real offset.
fn small(value: usize) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}

impl PackedTokens {
    /// Empty, with room for `tokens` tokens and `term_bytes` bytes of terms.
    pub fn with_capacity(tokens: usize, term_bytes: usize) -> Self {
        PackedTokens {
            terms: String::with_capacity(term_bytes),
            tokens: Vec::with_capacity(tokens),
        }
    }

    /// Adds a token.
    pub fn push(&mut self, offset_from: usize, offset_to: usize, position: usize, term: &str) {
        self.terms.push_str(term);
        self.tokens.push(PackedToken {
            term_end: small(self.terms.len()),
            offset_from: small(offset_from),
            offset_to: small(offset_to),
            position: small(position),
        });
    }

    /// The number of tokens.
    pub fn len(&self) -> usize {
        self.tokens.len()
    }

    /// True when there is no token.
    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }

    /// The tokens whose position is below `position` (tokens are in position order).
    pub fn before_position(&self, position: usize) -> PackedTokens {
        let n = self.tokens.partition_point(|t| (t.position as usize) < position);
        let tokens = self.tokens.get(..n).unwrap_or_default();
        let term_bytes = tokens.last().map_or(0, |t| t.term_end as usize);
        PackedTokens {
            terms: self.terms.get(..term_bytes).unwrap_or_default().to_owned(),
            tokens: tokens.to_vec(),
        }
    }

    /// The heap bytes held, for memory accounting.
    pub fn heap_bytes(&self) -> usize {
        self.terms.capacity() + self.tokens.capacity() * std::mem::size_of::<PackedToken>()
    }

    /// The tokens as tantivy takes them, with an empty text: the fields that take
    /// them are indexed, not stored, so tantivy reads only the tokens.
    pub fn to_pre_tokenized(&self) -> PreTokenizedString {
        let mut start = 0usize;
        let tokens = self
            .tokens
            .iter()
            .map(|t| {
                let end = t.term_end as usize;
                let text = self.terms.get(start..end).unwrap_or_default().to_owned();
                start = end;
                Token {
                    offset_from: t.offset_from as usize,
                    offset_to: t.offset_to as usize,
                    position: t.position as usize,
                    text,
                    position_length: 1,
                }
            })
            .collect();
        PreTokenizedString {
            text: String::new(),
            tokens,
        }
    }
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
        let fast = packed_search_tokens(&analyzer, EXAMPLE);
        let full = packed_search_tokens_of(&analyzer.analyze_text(EXAMPLE));
        assert!(fast.len() > 200, "{} terms", fast.len());
        assert_eq!(fast, full, "help: for_each_term and analyze_text disagree");
        assert_eq!(fast.to_pre_tokenized().tokens, search_tokens(&analyzer, EXAMPLE));
    }

    #[test]
    fn packed_tokens_give_back_every_term_offset_and_position() {
        let mut packed = PackedTokens::default();
        packed.push(0, 6, 0, "روس");
        packed.push(7, 9, 2, "");
        packed.push(10, 20, 3, "استان");
        let tokens = packed.to_pre_tokenized().tokens;
        let got: Vec<_> = tokens
            .iter()
            .map(|t| (t.offset_from, t.offset_to, t.position, t.text.as_str()))
            .collect();
        assert_eq!(got, [(0, 6, 0, "روس"), (7, 9, 2, ""), (10, 20, 3, "استان")]);
        let lead = packed.before_position(3);
        assert_eq!(lead.len(), 2);
        assert_eq!(lead.to_pre_tokenized().tokens, tokens[..2]);
        assert!(packed.before_position(0).is_empty());
        assert_eq!(packed.before_position(99), packed);
    }

    #[test]
    fn a_packed_text_takes_a_fraction_of_a_pre_tokenized_one() {
        let analyzer = Analyzer::default();
        let packed = packed_search_tokens(&analyzer, EXAMPLE);
        let unpacked = pre_tokenized(EXAMPLE, search_tokens(&analyzer, EXAMPLE));
        // What a PreTokenizedString holds on the heap: the text, the tokens and
        // each token's term (an allocation of at least 16 bytes).
        let unpacked_bytes = unpacked.text.capacity()
            + unpacked.tokens.capacity() * std::mem::size_of::<Token>()
            + unpacked.tokens.iter().map(|t| t.text.capacity().max(16)).sum::<usize>();
        assert!(
            packed.heap_bytes() * 3 < unpacked_bytes,
            "packed {} bytes, pre-tokenized {unpacked_bytes}",
            packed.heap_bytes()
        );
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
