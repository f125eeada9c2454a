//! Arabic text analysis for rasid (stub: being written).
#![deny(missing_docs)]

use rasid_core::{Analysis, Article, TextAnalysis};

/// The Arabic analyzer.
#[derive(Clone, Debug, Default)]
pub struct Analyzer {}

impl Analyzer {
    /// Analyses one text.
    pub fn analyze_text(&self, _text: &str) -> TextAnalysis {
        TextAnalysis::default()
    }

    /// Analyses an article's title and body.
    pub fn analyze(&self, article: &Article) -> Analysis {
        Analysis { title: self.analyze_text(&article.title), body: self.analyze_text(&article.body) }
    }
}
