//! Any string as what someone said, after a speech cue and with or without
//! quotation marks (opened and never closed, nested): the quote finder neither
//! panics nor gives a span outside the text.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use rasid_core::{Article, ArticleEntities};
use rasid_events::Coder;
use rasid_text::Analyzer;

static ANALYZER: LazyLock<Analyzer> = LazyLock::new(Analyzer::default);
static CODER: LazyLock<Coder> = LazyLock::new(Coder::embedded);

fuzz_target!(|input: (u8, &str)| {
    let (shape, said) = input;
    let prefix = ["وقال الوزير: «", "واضافت ان ", "مشيرا الى \"", "وقال \"", "وأكد «قال \""][usize::from(shape) % 5];
    let body = format!("{prefix}{said}");
    let article = Article::builder("", body.as_str()).build();
    let analysis = ANALYZER.analyze(&article);
    let (events, quotes) = CODER.code(&article, &analysis, &ArticleEntities::default(), &[]);
    for q in &quotes {
        assert_eq!(q.content.slice(&body), Some(q.text.as_str()));
        assert!(q.cue.span.slice(&body).is_some());
        if let Some(s) = &q.speaker {
            assert_eq!(s.span.slice(&body), Some(s.text.as_str()));
        }
    }
    assert!(events.iter().all(|e| e.quote.is_none_or(|i| i < quotes.len())));
});
