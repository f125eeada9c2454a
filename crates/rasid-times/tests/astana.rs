//! The canonical article: every time expression and number listed in
//! `astana.expected.md`, with its value (issue 4).
#![allow(clippy::unwrap_used)]

use rasid_core::{NumberApprox, NumberKind, Timestamp, TimexMod, TimexType};
use rasid_text::Analyzer;

const ARTICLE: &str = include_str!("../../../examples/astana-2017-12-21.txt");

fn anchor() -> Timestamp {
    "2017-12-21T10:57".parse().unwrap()
}

#[test]
fn issue_4_astana_time_expressions() {
    let analysis = Analyzer::default().analyze_text(ARTICLE);
    let times = rasid_times::times(ARTICLE, &analysis, Some(&anchor()));
    let got: Vec<(&str, TimexType, &str, Option<TimexMod>)> = times
        .iter()
        .map(|t| (t.text.as_str(), t.kind, t.value.as_str(), t.modifier))
        .collect();
    use TimexType::*;
    let expected = [
        ("الخميس، 21 ديسمبر 2017 10:57 ص", Time, "2017-12-21T10:57", None),
        ("الخميس", Date, "2017-12-21", None),
        ("الخميس", Date, "2017-12-21", None),
        ("الجمعة", Date, "2017-12-22", None),
        ("يومين", Duration, "P2D", None),
        ("اليوم الثانى من المحادثات الجمعة", Date, "2017-12-22", None),
        ("الخميس", Date, "2017-12-21", None),
        ("أواخر تشرين الأول/أكتوبر", Date, "2017-10", Some(TimexMod::End)),
        ("اكثر من اسبوع", Duration, "P1W", Some(TimexMod::MoreThan)),
        ("اسبوع", Duration, "P1W", None),
        ("أيار/مايو", Date, "2017-05", None),
    ];
    assert_eq!(got, expected);
    for t in &times {
        assert_eq!(t.span.slice(ARTICLE), Some(t.text.as_str()), "span of {t:?}");
    }
}

#[test]
fn issue_4_astana_numbers() {
    let analysis = Analyzer::default().analyze_text(ARTICLE);
    let numbers = rasid_times::numbers(ARTICLE, &analysis);
    let find = |text: &str| {
        numbers
            .iter()
            .find(|n| n.text == text)
            .unwrap_or_else(|| panic!("{text} not in {numbers:#?}"))
    };
    let n = find("20");
    assert_eq!(
        (n.value, n.kind, n.counts.as_deref()),
        (20.0, NumberKind::Cardinal, Some("شخص"))
    );
    let n = find("الثامنة");
    assert_eq!((n.value, n.kind), (8.0, NumberKind::Ordinal));
    let n = find("حوالى 30");
    assert_eq!(
        (n.value, n.approx, n.counts.as_deref()),
        (30.0, Some(NumberApprox::About), Some("قوة"))
    );
    let n = find("أربع");
    assert_eq!((n.value, n.counts.as_deref()), (4.0, Some("مناطق")));
    // The day and year of the dateline are parts of a date, not counts.
    assert!(numbers.iter().all(|n| n.value != 2017.0 && n.value != 21.0));
}

#[test]
fn without_an_anchor_relative_expressions_are_found_unresolved() {
    let analysis = Analyzer::default().analyze_text(ARTICLE);
    let times = rasid_times::times(ARTICLE, &analysis, None);
    assert_eq!(times.len(), 11);
    let thursday = times.iter().find(|t| t.text == "الخميس").unwrap();
    assert_eq!(thursday.value, "XXXX-WXX-4");
    assert!(!thursday.anchored);
    let may = times.iter().find(|t| t.text == "أيار/مايو").unwrap();
    assert_eq!(may.value, "XXXX-05");
    // An absolute date needs no anchor.
    assert_eq!(times[0].value, "2017-12-21T10:57");
}
