//! Any string analyses without a panic, into in-bounds, ordered spans.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use rasid_text::Analyzer;

static ANALYZER: LazyLock<Analyzer> = LazyLock::new(Analyzer::default);

fuzz_target!(|text: &str| {
    let analysis = ANALYZER.analyze_text(text);
    let mut last_end = 0;
    for token in &analysis.tokens {
        assert!(token.span.start >= last_end, "tokens overlap or go backwards");
        assert_eq!(token.span.slice(text), Some(token.text.as_str()));
        assert!(token.base.start >= token.span.start && token.base.end <= token.span.end);
        last_end = token.span.end;
    }
    for span in analysis.sentences.iter().chain(&analysis.paragraphs) {
        assert!(span.slice(text).is_some());
    }
});
