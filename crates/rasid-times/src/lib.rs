//! Extraction for rasid: time expressions (TIMEX3-style) and numbers in Modern
//! Standard Arabic news.
//!
//! Both work over the analyzer's tokens (key forms, clitics), not over raw
//! text, and give byte spans into the original text. Relative expressions are
//! resolved against an anchor, the article's publication time; without one
//! they are still found, with an unresolved value. The library does no I/O
//! (except [`eval::run`], which reads a gold file), never fails and never
//! panics.
//!
//! ```
//! use rasid_core::{NumberKind, Timestamp, TimexType};
//! use rasid_text::Analyzer;
//!
//! let text = "وسيلتقى دى ميستورا الخميس وزير الخارجية الروسى، والمحادثات تستمر يومين بمشاركة 20 شخصا.";
//! let analysis = Analyzer::default().analyze_text(text);
//! let anchor: Timestamp = "2017-12-21T10:57".parse().unwrap();
//!
//! let times = rasid_times::times(text, &analysis, Some(&anchor));
//! assert_eq!((times[0].text.as_str(), times[0].value.as_str()), ("الخميس", "2017-12-21"));
//! assert_eq!((times[1].kind, times[1].value.as_str()), (TimexType::Duration, "P2D"));
//!
//! let numbers = rasid_times::numbers(text, &analysis);
//! assert_eq!(numbers[0].value, 20.0);
//! assert_eq!(numbers[0].kind, NumberKind::Cardinal);
//! assert_eq!(numbers[0].counts.as_deref(), Some("شخص"));
//! ```
#![deny(missing_docs)]

pub mod eval;
mod number;
mod time;
mod trigger;
mod words;

use rasid_core::{Analysis, Article, NumberExpr, TextAnalysis, TextPart, TimeExpr, Timestamp, TimexType};
use serde::{Deserialize, Serialize};

/// Everything this crate finds in one text.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TimesAndNumbers {
    /// Time expressions, in text order.
    pub times: Vec<TimeExpr>,
    /// Numbers, in text order; those that are part of a date or a time of day
    /// (the `21` of `21 ديسمبر`) are left out.
    pub numbers: Vec<NumberExpr>,
}

/// The time expressions of `text`, whose analysis is `analysis` (from
/// `rasid_text::Analyzer::analyze_text(text)`), resolved against `anchor`.
///
/// ```
/// use rasid_text::Analyzer;
/// let text = "وانتهت آخر جولة فى أواخر تشرين الأول/أكتوبر.";
/// let a = Analyzer::default().analyze_text(text);
/// let anchor = "2017-12-21T10:57".parse().unwrap();
/// let t = &rasid_times::times(text, &a, Some(&anchor))[0];
/// assert_eq!(t.text, "أواخر تشرين الأول/أكتوبر");
/// assert_eq!(t.value, "2017-10");
/// assert_eq!(t.modifier, Some(rasid_core::TimexMod::End));
///
/// // Without an anchor the expression is still found, its year unresolved.
/// let t = &rasid_times::times(text, &a, None)[0];
/// assert_eq!(t.value, "XXXX-10");
/// ```
pub fn times(text: &str, analysis: &TextAnalysis, anchor: Option<&Timestamp>) -> Vec<TimeExpr> {
    let ws = words::words(analysis);
    time::tag(text, &ws, anchor.map(|a| a.datetime().date()))
}

/// The numbers of `text`, whose analysis is `analysis`, leaving out the parts
/// of dates and times of day.
///
/// ```
/// use rasid_core::{NumberApprox, NumberKind};
/// use rasid_text::Analyzer;
/// let text = "اجتماع يضم حوالى 30 قوة سياسية، بكلفة 1.5 مليار دولار، فى 21 ديسمبر.";
/// let a = Analyzer::default().analyze_text(text);
/// let n = rasid_times::numbers(text, &a);
/// assert_eq!(n.len(), 2);
/// assert_eq!((n[0].value, n[0].approx), (30.0, Some(NumberApprox::About)));
/// assert_eq!((n[1].value, n[1].kind, n[1].currency.as_deref()), (1.5e9, NumberKind::Money, Some("USD")));
/// ```
pub fn numbers(text: &str, analysis: &TextAnalysis) -> Vec<NumberExpr> {
    extract(text, analysis, None).numbers
}

/// Times and numbers together, sharing one pass over the tokens.
pub fn extract(text: &str, analysis: &TextAnalysis, anchor: Option<&Timestamp>) -> TimesAndNumbers {
    let ws = words::words(analysis);
    let times = time::tag(text, &ws, anchor.map(|a| a.datetime().date()));
    let skip: Vec<_> = times
        .iter()
        .filter(|t| t.kind != TimexType::Duration)
        .map(|t| t.span)
        .collect();
    let numbers = number::tag(text, &ws, &skip);
    TimesAndNumbers { times, numbers }
}

/// Times and numbers of an article's title and body, resolved against its
/// publication time; each item's `part` says which text its span points into.
///
/// ```
/// use rasid_core::{Article, TextPart};
/// let article = Article::builder("محادثات الخميس", "تستمر المحادثات يومين.")
///     .published("2017-12-21T10:57".parse::<rasid_core::Timestamp>().unwrap())
///     .build();
/// let analysis = rasid_text::Analyzer::default().analyze(&article);
/// let found = rasid_times::extract_article(&article, &analysis);
/// assert_eq!((found.times[0].part, found.times[0].value.as_str()), (TextPart::Title, "2017-12-21"));
/// assert_eq!((found.times[1].part, found.times[1].value.as_str()), (TextPart::Body, "P2D"));
/// ```
pub fn extract_article(article: &Article, analysis: &Analysis) -> TimesAndNumbers {
    let anchor = article.published.as_ref();
    let mut found = extract(&article.title, &analysis.title, anchor);
    for time in &mut found.times {
        time.part = TextPart::Title;
    }
    for number in &mut found.numbers {
        number.part = TextPart::Title;
    }
    let body = extract(&article.body, &analysis.body, anchor);
    found.times.extend(body.times);
    found.numbers.extend(body.numbers);
    found
}
