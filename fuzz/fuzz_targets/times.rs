//! Any string, with any anchor, gives time expressions and numbers without a
//! panic: spans that slice the text, finite numbers, and no impossible date
//! among the values (`2017-02-31`, month 13).
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use rasid_text::Analyzer;

static ANALYZER: LazyLock<Analyzer> = LazyLock::new(Analyzer::default);

/// A full `YYYY-MM-DD` at the start of a value must be a real day.
fn day_is_real(value: &str) -> bool {
    let Some(day) = value.get(..10) else { return true };
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let shaped = day.len() == 10
        && day.as_bytes().get(4) == Some(&b'-')
        && day.as_bytes().get(7) == Some(&b'-')
        && digits(&day[..4])
        && digits(&day[5..7])
        && digits(&day[8..]);
    !shaped || day.parse::<jiff::civil::Date>().is_ok()
}

fuzz_target!(|input: (u16, u8, u8, &str)| {
    let (year, month, day, text) = input;
    // Anchors across the whole range jiff allows, and none.
    let year = i16::try_from(year % 10_000).unwrap_or(2017);
    let anchor = jiff::civil::Date::new(year, (month % 12 + 1) as i8, (day % 28 + 1) as i8)
        .ok()
        .map(|d| rasid_core::Timestamp::local(d.to_datetime(jiff::civil::Time::midnight())));
    let analysis = ANALYZER.analyze_text(text);
    for anchor in [anchor.as_ref(), None] {
        let found = rasid_times::extract(text, &analysis, anchor);
        for t in &found.times {
            assert_eq!(t.span.slice(text), Some(t.text.as_str()), "time span");
            assert!(!t.value.is_empty());
            assert!(day_is_real(&t.value), "impossible date {}", t.value);
        }
        for n in &found.numbers {
            assert_eq!(n.span.slice(text), Some(n.text.as_str()), "number span");
            assert!(n.value.is_finite());
        }
    }
});
