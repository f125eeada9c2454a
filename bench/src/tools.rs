//! The analyzers compared, each reduced to one function: text in, [`Count`]
//! out, every token consumed.
//!
//! A run counts the tokens a tool emits and sums the byte lengths of their
//! terms, so nothing can be skipped lazily; the benchmark loops compare the
//! count of every text with the one measured before timing, so a tool that
//! breaks (emits nothing, stops early) fails instead of looking fast.

use std::fmt;

use charabia::{Language as CharabiaLanguage, TokenizerBuilder};
use rasid_core::TokenKind;
use rasid_text::{Analyzer, Segmenter};
use tantivy::tokenizer::{
    Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer, TextAnalyzer, TokenStream, TokenizerManager,
};

/// The tools compared.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Tool {
    /// tantivy's `default` analyzer: SimpleTokenizer, RemoveLongFilter(40), LowerCaser.
    TantivyPlain,
    /// The same plus tantivy's Snowball Arabic stemmer.
    TantivySnowball,
    /// charabia with its language detection pinned to Arabic.
    Charabia,
    /// rasid's search path, [`Analyzer::for_each_term`].
    RasidTerms,
    /// rasid's full analysis, [`Analyzer::analyze_text`].
    RasidFull,
}

impl Tool {
    /// Every tool, in table order.
    pub const ALL: [Tool; 5] = [
        Tool::TantivyPlain,
        Tool::TantivySnowball,
        Tool::Charabia,
        Tool::RasidTerms,
        Tool::RasidFull,
    ];

    /// A short identifier (criterion bench names).
    pub fn id(self) -> &'static str {
        match self {
            Tool::TantivyPlain => "tantivy_default",
            Tool::TantivySnowball => "tantivy_snowball_ar",
            Tool::Charabia => "charabia_ar",
            Tool::RasidTerms => "rasid_for_each_term",
            Tool::RasidFull => "rasid_analyze_text",
        }
    }

    /// The name in the tables.
    pub fn label(self) -> &'static str {
        match self {
            Tool::TantivyPlain => "tantivy 0.27 `default`",
            Tool::TantivySnowball => "tantivy 0.27 `default` + Snowball Arabic",
            Tool::Charabia => "charabia 0.10, Arabic pinned",
            Tool::RasidTerms => "rasid `for_each_term`",
            Tool::RasidFull => "rasid `analyze_text`",
        }
    }

    /// What it produces, for the tables.
    pub fn output(self) -> &'static str {
        match self {
            Tool::TantivyPlain => "lower-cased alphanumeric runs",
            Tool::TantivySnowball => "the same, Snowball-stemmed",
            Tool::Charabia => "words (ال split off), lossy-normalised lemmas",
            Tool::RasidTerms => "search terms: normalised, clitics split, light stem; stopwords dropped",
            Tool::RasidFull => "every token (punctuation too) with norm, key, clitics, base, stem; sentences",
        }
    }
}

impl fmt::Display for Tool {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// What one run over a text produced.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Count {
    /// Tokens (terms) emitted.
    pub tokens: usize,
    /// Sum of the byte lengths of their terms.
    pub bytes: usize,
}

impl std::ops::AddAssign for Count {
    fn add_assign(&mut self, other: Count) {
        self.tokens += other.tokens;
        self.bytes += other.bytes;
    }
}

/// charabia's language allow-list: Arabic only.
static ARABIC: [CharabiaLanguage; 1] = [CharabiaLanguage::Ara];

/// The tools, built once.
pub struct Tools {
    plain: TextAnalyzer,
    snowball: TextAnalyzer,
    charabia: charabia::Tokenizer<'static>,
    rasid: Analyzer,
}

impl Default for Tools {
    fn default() -> Self {
        Self::new()
    }
}

impl Tools {
    /// Builds every tool; rasid's embedded lexicon is parsed here, not in the first timed run.
    pub fn new() -> Self {
        let plain = TokenizerManager::default().get("default").unwrap_or_else(|| {
            TextAnalyzer::builder(SimpleTokenizer::default())
                .filter(RemoveLongFilter::limit(40))
                .filter(LowerCaser)
                .build()
        });
        let snowball = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(RemoveLongFilter::limit(40))
            .filter(LowerCaser)
            .filter(Stemmer::new(Language::Arabic))
            .build();
        let mut builder = TokenizerBuilder::default();
        builder.allow_list(&ARABIC);
        let charabia = builder.into_tokenizer();
        let rasid = Analyzer::default();
        rasid.warm_up();
        Tools {
            plain,
            snowball,
            charabia,
            rasid,
        }
    }

    /// Runs `tool` over `text`, consuming every token.
    pub fn run(&mut self, tool: Tool, text: &str) -> Count {
        match tool {
            Tool::TantivyPlain => tantivy_count(&mut self.plain, text),
            Tool::TantivySnowball => tantivy_count(&mut self.snowball, text),
            Tool::Charabia => {
                let mut count = Count::default();
                for token in self.charabia.tokenize(text) {
                    if token.is_word() {
                        count.tokens += 1;
                        count.bytes += token.lemma().len();
                    }
                }
                count
            }
            Tool::RasidTerms => {
                let mut count = Count::default();
                self.rasid.for_each_term(text, |_, _, term| {
                    count.tokens += 1;
                    count.bytes += term.len();
                });
                count
            }
            Tool::RasidFull => {
                let analysis = self.rasid.analyze_text(text);
                let mut count = Count {
                    tokens: analysis.tokens.len(),
                    bytes: 0,
                };
                for token in &analysis.tokens {
                    count.bytes += token.stem.len();
                }
                // Sentences are part of the output; their count keeps them from being optimised away.
                count.bytes += std::hint::black_box(analysis.sentences.len());
                count
            }
        }
    }
}

fn tantivy_count(analyzer: &mut TextAnalyzer, text: &str) -> Count {
    let mut count = Count::default();
    let mut stream = analyzer.token_stream(text);
    while stream.advance() {
        count.tokens += 1;
        count.bytes += stream.token().text.len();
    }
    count
}

/// Words (Arabic, Latin, numbers: not punctuation or symbols) as rasid's
/// segmenter sees them: the yardstick for [`check_plausible`].
pub fn word_count(text: &str) -> usize {
    Segmenter::new(text)
        .filter(|s| !matches!(s.kind, TokenKind::Punct | TokenKind::Symbol))
        .count()
}

/// Checks that a tool's token count over the sample is within a plausible
/// band of the word count (a pipeline that silently emits nothing, or emits
/// every character, fails here before it is timed).
///
/// # Errors
/// The message names the tool and both counts.
pub fn check_plausible(tool: Tool, tokens: usize, words: usize) -> Result<(), String> {
    // rasid's search path drops stopwords (a fifth to a third of news words);
    // charabia splits ال off; analyze_text keeps punctuation.
    let (lo, hi) = match tool {
        Tool::RasidTerms => (0.5, 1.0),
        _ => (0.8, 1.5),
    };
    let ratio = tokens as f64 / words.max(1) as f64;
    if (lo..=hi).contains(&ratio) {
        Ok(())
    } else {
        Err(format!(
            "{tool}: {tokens} tokens for {words} words (ratio {ratio:.2}, expected {lo}–{hi}): the pipeline is broken"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn example() -> String {
        std::fs::read_to_string(crate::corpus::example_path()).unwrap()
    }

    #[test]
    fn every_tool_reads_the_example_plausibly() {
        let text = example();
        let words = word_count(&text);
        assert!(
            words > 300,
            "help: the example article should have a few hundred words, got {words}"
        );
        let mut tools = Tools::new();
        for tool in Tool::ALL {
            let count = tools.run(tool, &text);
            check_plausible(tool, count.tokens, words).unwrap();
            assert!(count.bytes > count.tokens, "help: {tool} terms are empty");
            assert_eq!(count, tools.run(tool, &text), "help: {tool} is not deterministic");
        }
    }

    #[test]
    fn tools_see_arabic_as_words() {
        let mut tools = Tools::new();
        let text = "وروسيا والفصائل فى أستانا";
        assert_eq!(tools.run(Tool::TantivyPlain, text).tokens, 4);
        assert_eq!(tools.run(Tool::TantivySnowball, text).tokens, 4);
        assert!(tools.run(Tool::Charabia, text).tokens >= 4);
        assert_eq!(tools.run(Tool::RasidTerms, text).tokens, 3, "help: فى is a stopword");
        assert_eq!(tools.run(Tool::RasidFull, text).tokens, 4);
    }
}
