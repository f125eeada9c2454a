//! Bad input: impossible dates, out-of-range years, huge digit strings, no
//! anchor, random text. Found or skipped sensibly, never a panic, never a
//! confident wrong value.
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

use proptest::prelude::*;
use rasid_core::Timestamp;
use rasid_text::Analyzer;

fn tag(text: &str, anchor: Option<&str>) -> Vec<(String, String)> {
    let a = Analyzer::default().analyze_text(text);
    let anchor: Option<Timestamp> = anchor.map(|s| s.parse().unwrap());
    rasid_times::times(text, &a, anchor.as_ref())
        .into_iter()
        .map(|t| (t.text, t.value))
        .collect()
}

#[test]
fn impossible_dates_are_not_dates() {
    assert!(tag("جرى ذلك في 31 فبراير 2017 كما قيل", None)
        .iter()
        .all(|(_, v)| !v.contains("02-31")));
    assert!(tag("في 32/13/2017", None).is_empty());
    assert!(tag("في 2017-02-30", None).is_empty());
}

#[test]
fn impossible_days_never_get_a_date() {
    let anchor = Some("2017-12-21T10:57");
    // No 31 February: at most the month, which the text does name.
    for (t, v) in tag("وقع في 31 فبراير الماضي", anchor) {
        assert!(!v.contains("02-31") && !t.contains("31"), "{t} = {v}");
    }
    // 29 February only in a leap year.
    let got = tag("في 29 فبراير 2017 وفي 29 فبراير 2016", anchor);
    assert!(
        got.iter().all(|(_, v)| v != "2017-02-29" && !v.starts_with("2017-03")),
        "{got:?}"
    );
    assert!(
        got.iter().any(|(t, v)| t == "29 فبراير 2016" && v == "2016-02-29"),
        "{got:?}"
    );
    assert!(tag("بتاريخ 2017-02-29 وصل", anchor).is_empty());
    // A Hijri month has 29 or 30 days.
    let got = tag("في 31 رمضان 1439 هـ", anchor);
    assert!(got.iter().all(|(t, _)| !t.contains("31")), "{got:?}");
}

#[test]
fn counts_too_large_are_vague_not_wrong() {
    let anchor = Some("2017-12-21T10:57");
    assert_eq!(
        tag("وقع منذ 100000 عام", anchor),
        [("100000 عام".to_string(), "PAST_REF".to_string())]
    );
    assert_eq!(
        tag("يقع بعد 9999999999 يوم", anchor),
        [("9999999999 يوم".to_string(), "FUTURE_REF".to_string())]
    );
}

#[test]
fn anchors_at_the_ends_of_the_calendar() {
    // There is no day after 9999-12-31 and no month after December 9999:
    // those expressions get no date rather than a wrong one.
    let got = tag("العام المقبل وغدا والشهر المقبل وبعد 5 أيام", Some("9999-12-31T10:00"));
    for (t, v) in &got {
        assert!(v.starts_with('X') || v.starts_with('P'), "{t} = {v}");
    }
    // Year 1: the year before is year 0 (1 BC) as ISO 8601 writes it. (The
    // glued `و` is inside the span, GUIDELINES.md 1.3.)
    let got = tag("العام الماضي وأمس", Some("0001-01-01T10:00"));
    assert_eq!(
        got,
        [
            ("العام الماضي".to_string(), "0000".to_string()),
            ("وأمس".to_string(), "0000-12-31".to_string())
        ]
    );
}

#[test]
fn table_of_forms() {
    let anchor = Some("2017-12-21T10:57");
    let cases: &[(&str, &str, &str)] = &[
        ("وصل في 21 كانون الأول 2017 إلى", "21 كانون الأول 2017", "2017-12-21"),
        ("وصل في ٢١ ديسمبر ٢٠١٧ إلى", "٢١ ديسمبر ٢٠١٧", "2017-12-21"),
        (
            "وصل في الحادي والعشرين من ديسمبر إلى",
            "الحادي والعشرين من ديسمبر",
            "2017-12-21",
        ),
        ("بتاريخ 21/12/2017 وصل", "21/12/2017", "2017-12-21"),
        ("بتاريخ 2017-12-21 وصل", "2017-12-21", "2017-12-21"),
        ("الموافق 3 ربيع الآخر 1439 هـ وصل", "3 ربيع الآخر 1439 هـ", "2017-12-21"),
        ("وصل أمس إلى", "أمس", "2017-12-20"),
        ("وصل أول أمس إلى", "أول أمس", "2017-12-19"),
        ("يصل غدا إلى", "غدا", "2017-12-22"),
        ("عقد الأسبوع الماضي اجتماعا", "الأسبوع الماضي", "2017-W50"),
        ("يعقد الشهر المقبل اجتماعا", "الشهر المقبل", "2018-01"),
        ("عقد العام الماضي اجتماعا", "العام الماضي", "2016"),
        ("وصل منذ ثلاثة أيام إلى", "ثلاثة أيام", "2017-12-18"),
        ("وصل قبل أسبوعين إلى", "أسبوعين", "2017-W49"),
        ("يصل بعد يومين إلى", "يومين", "2017-12-23"),
        ("يصل مطلع الشهر إلى", "مطلع الشهر", "2017-12"),
        ("تستمر ثلاثة أسابيع", "ثلاثة أسابيع", "P3W"),
        ("يجتمع كل يوم", "كل يوم", "P1D"),
        ("يجتمع اسبوعيا", "اسبوعيا", "P1W"),
        ("في الساعة العاشرة صباحا", "الساعة العاشرة صباحا", "2017-12-21T10:00"),
        ("وصل مساء الخميس", "مساء الخميس", "2017-12-21TEV"),
        ("في عام 2017 وصل", "عام 2017", "2017"),
        ("في الثمانينيات من القرن الماضي", "الثمانينيات من القرن الماضي", "198X"),
        ("في القرن التاسع عشر", "القرن التاسع عشر", "18XX"),
        ("خلال شهر رمضان", "شهر رمضان", "2018-05-16/2018-06-14"),
        ("وصل اليوم الخميس إلى", "اليوم الخميس", "2017-12-21"),
        ("أكبر زيادة في عام واحد", "عام واحد", "P1Y"),
        ("لا نملك في الوقت الحالي أي معلومات", "الوقت الحالي", "PRESENT_REF"),
        (
            "خلال النصف الأول من العام الجاري",
            "النصف الأول من العام الجاري",
            "2017-H1",
        ),
        (
            "خلال الربع الثاني من العام 2016",
            "الربع الثاني من العام 2016",
            "2016-Q2",
        ),
        (
            "منذ مطلع نيسان/أبريل من العام الماضي",
            "مطلع نيسان/أبريل من العام الماضي",
            "2016-04",
        ),
        ("في 7 سبتمبر من عام 1923", "7 سبتمبر من عام 1923", "1923-09-07"),
        ("لأقل مستوى منذ عام ونصف", "عام ونصف", "2016-06"),
        ("منذ بداية العام الجاري 2017", "بداية العام الجاري 2017", "2017"),
    ];
    for (text, span, value) in cases {
        let got = tag(text, anchor);
        assert!(
            got.iter().any(|(t, v)| t == span && v == value),
            "{text}: expected {span} = {value}, got {got:?}"
        );
    }
}

#[test]
fn huge_numbers_and_years_out_of_range() {
    let text = format!(
        "في عام {} وصل {} شخصا و{} دولار",
        "9".repeat(40),
        "1".repeat(400),
        "٣".repeat(30)
    );
    let a = Analyzer::default().analyze_text(&text);
    let t = rasid_times::times(&text, &a, None);
    assert!(t.is_empty(), "{t:?}");
    let n = rasid_times::numbers(&text, &a);
    assert!(n.iter().all(|n| n.value.is_finite()));
    assert!(tag("في عام 99999 وصل", None).is_empty());
}

#[test]
fn no_anchor_means_unresolved_values() {
    let got = tag("وصل الخميس أمس وسيعود الشهر المقبل", None);
    let values: Vec<&str> = got.iter().map(|(_, v)| v.as_str()).collect();
    assert_eq!(values, ["XXXX-WXX-4", "XXXX-XX-XX", "FUTURE_REF"]);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn never_panics_and_spans_are_in_bounds(
        text in r"[\u0600-\u06FF0-9٠-٩ /:\-.,،%٪]{0,120}",
        day in 0i32..40, month in 0i32..14, year in -10i32..12000,
    ) {
        let extra = format!("{text} {day}/{month}/{year} {day} ديسمبر {year} منذ {day} أيام");
        for t in [text.as_str(), extra.as_str()] {
            let a = Analyzer::default().analyze_text(t);
            for anchor in [None, Some("2017-12-21T10:57".parse::<Timestamp>().unwrap()), Some("0001-01-01".parse().unwrap()), Some("9999-12-31".parse().unwrap())] {
                let x = rasid_times::extract(t, &a, anchor.as_ref());
                for e in &x.times {
                    prop_assert_eq!(e.span.slice(t), Some(e.text.as_str()));
                }
                for n in &x.numbers {
                    prop_assert_eq!(n.span.slice(t), Some(n.text.as_str()));
                    prop_assert!(n.value.is_finite());
                }
            }
        }
    }
}
