//! Table tests for [`super::parse_dateline`] and property tests over arbitrary
//! and date-ish strings.

use proptest::prelude::*;

use super::*;
use crate::hijri::hijri_to_gregorian;

/// What a line should parse to.
enum Want {
    /// The ISO timestamp, and no warnings.
    Iso(&'static str),
    /// The ISO timestamp and a warning containing this text.
    Warn(&'static str, &'static str),
    /// Not a dateline, or no usable date.
    Nothing,
}
use Want::{Iso, Nothing, Warn};

const CASES: &[(&str, Want)] = &[
    // The canonical dateline and its AM/PM variants.
    ("الخميس، 21 ديسمبر 2017 10:57 ص", Iso("2017-12-21T10:57:00")),
    ("الخميس، 21 ديسمبر 2017 12:30 م", Iso("2017-12-21T12:30:00")),
    ("الخميس، 21 ديسمبر 2017 12:10 ص", Iso("2017-12-21T00:10:00")),
    ("الخميس، 21 ديسمبر 2017 10:57 م", Iso("2017-12-21T22:57:00")),
    ("الخميس 21 ديسمبر 2017 - 08:15 صباحاً", Iso("2017-12-21T08:15:00")),
    ("الخميس 21 ديسمبر 2017 - 08:15 صباحا", Iso("2017-12-21T08:15:00")),
    ("21 ديسمبر 2017 10:57 مساءً", Iso("2017-12-21T22:57:00")),
    ("21 ديسمبر 2017 10:57 مساء", Iso("2017-12-21T22:57:00")),
    ("21 ديسمبر 2017 10:57ص", Iso("2017-12-21T10:57:00")),
    ("10:57 ص - الخميس 21 ديسمبر 2017", Iso("2017-12-21T10:57:00")),
    ("21 ديسمبر 2017 | 10:57 ص", Iso("2017-12-21T10:57:00")),
    ("الخميس 21 ديسمبر 2017 الساعة 1:30 ظهرا", Iso("2017-12-21T13:30:00")),
    ("الخميس 21 ديسمبر 2017 الساعة 10 صباحا", Iso("2017-12-21T10:00:00")),
    ("الخميس 21 ديسمبر 2017 الساعة 9 مساء", Iso("2017-12-21T21:00:00")),
    ("الخميس 21 ديسمبر 2017 الساعة 14", Iso("2017-12-21T14:00:00")),
    ("نشر في 21 ديسمبر 2017 الساعة 10:57 ص وآخر تحديث 22 ديسمبر 2017", Iso("2017-12-21T10:57:00")),
    ("الخميس 21 ديسمبر 2017.", Iso("2017-12-21T00:00:00")),
    ("21.12.2017.", Iso("2017-12-21T00:00:00")),
    ("21 ديسمبر، 2017", Iso("2017-12-21T00:00:00")),
    ("3 ربيع الآخر 1439 هـ - 31 فبراير 2017", Warn("2017-12-21T00:00:00", "does not exist")),
    // Egyptian month names and spelling variants.
    ("الأربعاء 1 فبراير 2017", Iso("2017-02-01T00:00:00")),
    ("الاربعاء 1 فبراير 2017", Iso("2017-02-01T00:00:00")),
    ("الإثنين 1 يناير 2018", Iso("2018-01-01T00:00:00")),
    ("الاحد 31 ديسمبر 2017", Iso("2017-12-31T00:00:00")),
    ("5 أبريل 2018", Iso("2018-04-05T00:00:00")),
    ("5 ابريل 2018", Iso("2018-04-05T00:00:00")),
    ("5 إبريل 2018", Iso("2018-04-05T00:00:00")),
    ("3 مايو 2018", Iso("2018-05-03T00:00:00")),
    ("10 يونية 2016", Iso("2016-06-10T00:00:00")),
    ("10 يونيو 2016", Iso("2016-06-10T00:00:00")),
    ("23 يوليه 2019", Iso("2019-07-23T00:00:00")),
    ("23 يولية 2019", Iso("2019-07-23T00:00:00")),
    ("15 اغسطس 2020", Iso("2020-08-15T00:00:00")),
    ("15 سبتمبر 2020", Iso("2020-09-15T00:00:00")),
    ("1 اكتوبر 2017", Iso("2017-10-01T00:00:00")),
    ("1 نوفمبر 2017", Iso("2017-11-01T00:00:00")),
    ("الخميـــس، 21 ديسمبــر 2017", Iso("2017-12-21T00:00:00")),
    ("21 ديسمبر 2017م", Iso("2017-12-21T00:00:00")),
    ("21 ديسمبر 2017 م", Iso("2017-12-21T00:00:00")),
    // Levantine / Syriac names and combined forms.
    ("السبت 30 كانون الأول 2017", Iso("2017-12-30T00:00:00")),
    ("الخميس 21 كانون الاول 2017", Iso("2017-12-21T00:00:00")),
    ("7 كانون الثاني 2018", Iso("2018-01-07T00:00:00")),
    ("3 شباط 2018", Iso("2018-02-03T00:00:00")),
    ("15 آذار 2019", Iso("2019-03-15T00:00:00")),
    ("15 اذار 2019", Iso("2019-03-15T00:00:00")),
    ("1 نيسان 2020", Iso("2020-04-01T00:00:00")),
    ("9 أيار/مايو 2021", Iso("2021-05-09T00:00:00")),
    ("9 ايار 2021", Iso("2021-05-09T00:00:00")),
    ("5 حزيران 2017", Iso("2017-06-05T00:00:00")),
    ("4 تموز 2017", Iso("2017-07-04T00:00:00")),
    ("15 آب 2017", Iso("2017-08-15T00:00:00")),
    ("15 اب 2017", Iso("2017-08-15T00:00:00")),
    ("20 أيلول 2017", Iso("2017-09-20T00:00:00")),
    ("20 ايلول 2017", Iso("2017-09-20T00:00:00")),
    ("10 تشرين الأول/أكتوبر 2017", Iso("2017-10-10T00:00:00")),
    ("10 تشرين الأول / أكتوبر 2017", Iso("2017-10-10T00:00:00")),
    ("2 تشرين الثاني/نوفمبر 2017", Iso("2017-11-02T00:00:00")),
    ("21 ديسمبر/كانون الأول 2017", Iso("2017-12-21T00:00:00")),
    ("21 كانون الأول (ديسمبر) 2017", Iso("2017-12-21T00:00:00")),
    ("الخميس 21 كانون الأول/ديسمبر 2017", Iso("2017-12-21T00:00:00")),
    ("10 تشرين الأول/نوفمبر 2017", Nothing),
    // Maghreb.
    ("15 جانفي 2018", Iso("2018-01-15T00:00:00")),
    ("12 فيفري 2020", Iso("2020-02-12T00:00:00")),
    ("7 أفريل 2021", Iso("2021-04-07T00:00:00")),
    ("2 ماي 2022", Iso("2022-05-02T00:00:00")),
    ("30 جوان 2023", Iso("2023-06-30T00:00:00")),
    ("1 جويلية 2019", Iso("2019-07-01T00:00:00")),
    ("3 أوت 2017", Iso("2017-08-03T00:00:00")),
    ("3 غشت 2017", Iso("2017-08-03T00:00:00")),
    ("3 دجنبر 2017", Iso("2017-12-03T00:00:00")),
    // Numeric dates, times, zones.
    ("21/12/2017", Iso("2017-12-21T00:00:00")),
    ("21-12-2017", Iso("2017-12-21T00:00:00")),
    ("21.12.2017", Iso("2017-12-21T00:00:00")),
    ("2017/12/21", Iso("2017-12-21T00:00:00")),
    ("2017-12-21", Iso("2017-12-21T00:00:00")),
    ("21 / 12 / 2017", Iso("2017-12-21T00:00:00")),
    ("21/12/2017 10:57", Iso("2017-12-21T10:57:00")),
    ("21/12/2017 10:57:03", Iso("2017-12-21T10:57:03")),
    ("2017-12-21 10:57:03", Iso("2017-12-21T10:57:03")),
    ("2017-12-21T10:57:00+03:00", Iso("2017-12-21T10:57:00+03:00")),
    ("2017-12-21T10:57:00.123+03:00", Iso("2017-12-21T10:57:00+03:00")),
    ("2017-12-21T10:57:00Z", Iso("2017-12-21T10:57:00+00:00")),
    ("2017-12-21T10:57:00-05:30", Iso("2017-12-21T10:57:00-05:30")),
    ("21 ديسمبر 2017 10:57 GMT+3", Iso("2017-12-21T10:57:00+03:00")),
    ("الخميس 21 ديسمبر 2017 الساعة 10:57 صباحاً بتوقيت غرينتش", Iso("2017-12-21T10:57:00+00:00")),
    ("الخميس 21 ديسمبر 2017 10:57 ص بتوقيت القاهرة", Iso("2017-12-21T10:57:00")),
    ("12/21/2017", Warn("2017-12-21T00:00:00", "read as month/day/year")),
    // Other digit scripts.
    ("الخميس، ٢١ ديسمبر ٢٠١٧ ١٠:٥٧ ص", Iso("2017-12-21T10:57:00")),
    ("۲۱/۱۲/۲۰۱۷", Iso("2017-12-21T00:00:00")),
    ("٢٠١٧-١٢-٢١", Iso("2017-12-21T00:00:00")),
    // Labels, places, agencies.
    ("نشر في: الخميس، 21 ديسمبر 2017 - 10:57 ص", Iso("2017-12-21T10:57:00")),
    ("تاريخ النشر: 21/12/2017", Iso("2017-12-21T00:00:00")),
    ("بتاريخ 21 ديسمبر 2017", Iso("2017-12-21T00:00:00")),
    ("يوم الخميس الموافق 21 ديسمبر 2017", Iso("2017-12-21T00:00:00")),
    ("القاهرة - الخميس 21 ديسمبر 2017 10:57 ص", Iso("2017-12-21T10:57:00")),
    ("القاهرة | 21/12/2017", Iso("2017-12-21T00:00:00")),
    ("القاهرة (أ ف ب) - الخميس 21 ديسمبر 2017", Iso("2017-12-21T00:00:00")),
    ("نشر في القاهرة، الخميس 21 ديسمبر 2017", Iso("2017-12-21T00:00:00")),
    ("آخر تحديث: 21 ديسمبر 2017", Warn("2017-12-21T00:00:00", "only an update time")),
    (
        "نشر في: الخميس، 21 ديسمبر 2017 - 10:57 ص | آخر تحديث: الجمعة، 22 ديسمبر 2017 - 11:30 ص",
        Iso("2017-12-21T10:57:00"),
    ),
    ("آخر تحديث: 22/12/2017 | تاريخ النشر: 21/12/2017", Iso("2017-12-21T00:00:00")),
    // English (feeds and meta tags).
    ("Thu, 21 Dec 2017 10:57:00 +0300", Iso("2017-12-21T10:57:00+03:00")),
    ("December 21, 2017", Iso("2017-12-21T00:00:00")),
    ("Published on Thursday 21 December 2017 10:57 AM", Iso("2017-12-21T10:57:00")),
    // Hijri.
    ("3 ربيع الآخر 1439 هـ", Iso("2017-12-21T00:00:00")),
    ("3 ربيع الثاني 1439", Iso("2017-12-21T00:00:00")),
    ("3 من ربيع الآخر 1439 هـ", Iso("2017-12-21T00:00:00")),
    ("الخميس 3 ربيع الآخر 1439هـ", Iso("2017-12-21T00:00:00")),
    ("1 رمضان 1445 ه", Iso("2024-03-11T00:00:00")),
    ("10 ذو الحجة 1444 هجري", Iso("2023-06-28T00:00:00")),
    ("10 ذي الحجة 1444 للهجرة", Iso("2023-06-28T00:00:00")),
    ("1 محرم 1439", Iso("2017-09-21T00:00:00")),
    ("1 شوال 1438 هـ", Iso("2017-06-25T00:00:00")),
    ("1439/04/03 هـ", Iso("2017-12-21T00:00:00")),
    ("1439/04/03", Warn("2017-12-21T00:00:00", "read as Hijri")),
    ("30 رمضان 1438", Warn("2017-06-25T00:00:00", "29-day month")),
    ("1 رجب 1200 هـ", Warn("1786-04-30T00:00:00", "outside the Umm al-Qura tables")),
    ("31 رجب 1439", Nothing),
    // Hijri and Gregorian together: the Gregorian wins, disagreement is reported.
    ("الخميس 3 ربيع الآخر 1439 هـ - 21 ديسمبر 2017", Iso("2017-12-21T00:00:00")),
    ("السبت 12 ربيع الآخر 1439 الموافق 30 ديسمبر 2017 م", Iso("2017-12-30T00:00:00")),
    ("الجمعة 4 ربيع الآخر 1439 هـ - 22 ديسمبر 2017", Iso("2017-12-22T00:00:00")),
    ("3 ربيع الآخر 1439 هـ - 22 ديسمبر 2017", Iso("2017-12-22T00:00:00")),
    ("3 ربيع الآخر 1439 هـ - 25 ديسمبر 2017", Warn("2017-12-25T00:00:00", "disagrees with the Gregorian date 2017-12-25 by 4 days")),
    ("2015-08-10 (1436/10/25) 16:09:03", Iso("2015-08-10T16:09:03")),
    ("جدة 25 شوال 1436هـ الموافق 10 أغسطس 2015م واس", Iso("2015-08-10T00:00:00")),
    ("القدس المحتلة 25 شوال 1436 هـ الموافق 10 اغسطس 2015 م واس", Iso("2015-08-10T00:00:00")),
    ("إسلام آباد 18 شوال 1436 هـ الموافق 03 اغسطس 2015 م واس", Iso("2015-08-03T00:00:00")),
    ("14 فبراير/شباط 2018", Iso("2018-02-14T00:00:00")),
    ("26 يونيو حزيران 2015", Iso("2015-06-26T00:00:00")),
    // Weekdays that contradict the date.
    ("الجمعة 21 ديسمبر 2017", Warn("2017-12-21T00:00:00", "dateline weekday الجمعة (Friday) contradicts 2017-12-21 (Thursday)")),
    ("جمعة 21 ديسمبر 2017", Warn("2017-12-21T00:00:00", "(Friday) contradicts")),
    // Impossible dates and times.
    ("31 فبراير 2017", Nothing),
    ("29 فبراير 2017", Nothing),
    ("29 فبراير 2016", Iso("2016-02-29T00:00:00")),
    ("21/13/2017", Nothing),
    ("32/12/2017", Nothing),
    ("0/12/2017", Nothing),
    ("21 ديسمبر 0000", Nothing),
    ("21 ديسمبر 12345", Nothing),
    ("21 ديسمبر 2017 25:00", Warn("2017-12-21T00:00:00", "not a valid time")),
    ("21 ديسمبر 2017 24:00", Warn("2017-12-21T00:00:00", "not a valid time")),
    ("21 ديسمبر 2017 10:75", Warn("2017-12-21T00:00:00", "not a valid time")),
    ("21 ديسمبر 2017 14:30 ص", Warn("2017-12-21T14:30:00", "past 12")),
    ("99999999999999999999/12/2017", Nothing),
    ("21 ديسمبر 99999999999999999999999999", Nothing),
    ("2017-12-21T10:57:00+99:00", Warn("2017-12-21T10:57:00", "UTC offset +99:00 is out of range")),
    // Not datelines.
    ("", Nothing),
    ("   ", Nothing),
    ("الخميس", Nothing),
    ("10:57 ص", Nothing),
    ("21 ديسمبر", Nothing),
    ("ديسمبر 2017", Nothing),
    ("بدء جولة محادثات سلام جديدة حول سوريا فى استانا", Nothing),
    ("قمة أستانا تبدأ في 21 ديسمبر 2017", Nothing),
    ("معسكر الأخضر ينطلق 29 أغسطس 2015", Nothing),
    ("الطائي يختتم معسكر 6 أكتوبر", Nothing),
    ("عين اليوم – لندن 6 أغسطس", Nothing),
    ("* 7 أغسطس 1990: أميركا ترسل قواتها إلى السعودية لحماية حدودها وبدء عملية «درع الصحراء».", Nothing),
    ("وهبط سهم أبل بنحو 3.2%، ليصل لأدنى مستوياته منذ 27 يناير 2015 الماضي.", Nothing),
    ("وقال المتحدث إن الاجتماع سيعقد في 21 ديسمبر 2017 في العاصمة الكازاخية", Nothing),
    (
        "بدأت جولة محادثات سلام جديدة بين النظام السورى والفصائل المعارضة الخميس 21 ديسمبر 2017 فى استانا عاصمة كازاخستان",
        Nothing,
    ),
];

#[test]
fn table() {
    let mut failures = Vec::new();
    for (line, want) in CASES {
        let got = parse_dateline(line);
        let shown = got.as_ref().map(|d| (d.timestamp.to_string(), d.warnings.clone()));
        let ok = match (want, &shown) {
            (Iso(iso), Some((ts, warnings))) => ts == iso && warnings.is_empty(),
            (Warn(iso, warning), Some((ts, warnings))) => ts == iso && warnings.iter().any(|w| w.contains(warning)),
            (Nothing, None) => true,
            _ => false,
        };
        if !ok {
            let wanted = match want {
                Iso(iso) => format!("{iso} (no warnings)"),
                Warn(iso, w) => format!("{iso} with a warning containing {w:?}"),
                Nothing => "None".to_owned(),
            };
            failures.push(format!("{line:?}\n    want {wanted}\n    got  {shown:?}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}\nhelp: month/weekday spellings live in months.rs/weekdays.rs, \
         the grammar and the 'is it a dateline' rule in dateline.rs",
        failures.len(),
        CASES.len(),
        failures.join("\n")
    );
}

#[test]
fn canonical_line_span_and_fields() {
    let line = "الخميس، 21 ديسمبر 2017 10:57 ص";
    let d = parse_dateline(line).unwrap();
    assert_eq!(d.span, Span::new(0, line.len()));
    assert!(d.has_time);
    assert_eq!(d.calendar, Calendar::Gregorian);
    assert_eq!(d.timestamp.offset_seconds(), None);
}

#[test]
fn span_skips_labels_and_place() {
    let cases = [
        (
            "القاهرة - الخميس 21 ديسمبر 2017 10:57 ص",
            "الخميس 21 ديسمبر 2017 10:57 ص",
        ),
        ("نشر في: 21/12/2017 - 10:57", "21/12/2017 - 10:57"),
        (
            "الخميس 21 ديسمبر 2017 10:57 ص بتوقيت القاهرة",
            "الخميس 21 ديسمبر 2017 10:57 ص",
        ),
        ("  3 ربيع الآخر 1439 هـ  ", "3 ربيع الآخر 1439 هـ"),
        ("نشر في: 21 ديسمبر 2017 | آخر تحديث: 22 ديسمبر 2017", "21 ديسمبر 2017"),
    ];
    for (line, want) in cases {
        let d = parse_dateline(line).unwrap_or_else(|| panic!("{line:?} not parsed"));
        assert_eq!(d.span.slice(line), Some(want), "{line:?}");
    }
}

#[test]
fn calendar_and_time_flags() {
    let d = parse_dateline("3 ربيع الآخر 1439 هـ").unwrap();
    assert_eq!((d.calendar, d.has_time), (Calendar::Hijri, false));
    let d = parse_dateline("21 ديسمبر 2017 25:00").unwrap();
    assert!(!d.has_time);
}

#[test]
fn every_hijri_month_converts() {
    for month in 1..=12u8 {
        let name = crate::canonical_month_name(crate::MonthSeries::Hijri, month).unwrap();
        let line = format!("1 {name} 1440 هـ");
        let want = hijri_to_gregorian(1440, month, 1).unwrap();
        let d = parse_dateline(&line).unwrap_or_else(|| panic!("{line} not parsed"));
        assert_eq!(d.timestamp.datetime().date(), want, "{line}");
        assert!(d.warnings.is_empty(), "{line}: {:?}", d.warnings);
    }
}

#[test]
fn both_warnings_when_hijri_and_weekday_disagree() {
    let d = parse_dateline("الخميس 3 ربيع الآخر 1439 هـ الموافق 25 ديسمبر 2017").unwrap();
    assert_eq!(d.timestamp.to_string(), "2017-12-25T00:00:00");
    assert_eq!(d.warnings.len(), 2, "{:?}", d.warnings);
    assert!(d.warnings.iter().any(|w| w.contains("contradicts 2017-12-25 (Monday)")));
}

#[test]
fn astana_article_second_line_only() {
    let text = include_str!("../../../../examples/astana-2017-12-21.txt");
    let lines: Vec<&str> = text.lines().collect();
    let parsed: Vec<usize> = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| parse_dateline(l).is_some())
        .map(|(i, _)| i)
        .collect();
    assert_eq!(parsed, [1], "only the dateline (line 2) should parse");
}

fn check_invariants(line: &str) -> Result<(), TestCaseError> {
    if let Some(d) = parse_dateline(line) {
        prop_assert!(
            d.span.start <= d.span.end && d.span.end <= line.len(),
            "{:?} out of bounds",
            d.span
        );
        prop_assert!(line.is_char_boundary(d.span.start) && line.is_char_boundary(d.span.end));
        prop_assert!(!d.span.is_empty());
    }
    Ok(())
}

const PIECES: &[&str] = &[
    "الخميس",
    "الجمعة",
    "يوم",
    "21",
    "٢١",
    "۲۱",
    "3",
    "31",
    "0",
    "00",
    "2017",
    "٢٠١٧",
    "1439",
    "0000",
    "99999999999",
    "ديسمبر",
    "كانون",
    "الأول",
    "الثاني",
    "تشرين",
    "ربيع",
    "الآخر",
    "ذو",
    "الحجة",
    "أيار",
    "مايو",
    "Dec",
    "هـ",
    "ه",
    "م",
    "ص",
    "مساءً",
    "GMT",
    "Z",
    "T",
    "بتوقيت",
    "نشر",
    "في",
    "آخر",
    "تحديث",
    "الموافق",
    "القاهرة",
    ":",
    "/",
    "-",
    "+",
    ".",
    ",",
    "،",
    "|",
    "(",
    ")",
    "10:57",
    "25:00",
    "+03:00",
    "12/21",
    "\u{200f}",
    "ـ",
    "َ",
    "é",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn never_panics_on_arbitrary_strings(line in ".{0,120}") {
        check_invariants(&line)?;
    }

    #[test]
    fn never_panics_on_date_pieces(
        pieces in prop::collection::vec((prop::sample::select(PIECES), prop::sample::select(&[" ", "", "  ", "، "][..])), 0..14)
    ) {
        let line: String = pieces.iter().flat_map(|(p, s)| [*p, *s]).collect();
        check_invariants(&line)?;
    }

    #[test]
    fn round_trips_generated_dates(y in 1900i16..2100, m in 1i8..=12, d in 1i8..=28, h in 0i8..24, min in 0i8..60) {
        let date = jiff::civil::date(y, m, d);
        let name = crate::canonical_month_name(crate::MonthSeries::Egyptian, m as u8).unwrap();
        let (h12, suffix) = match h { 0 => (12, "ص"), 1..=11 => (h, "ص"), 12 => (12, "م"), _ => (h - 12, "م") };
        let line = format!("{} {d} {name} {y} {h12}:{min:02} {suffix}", crate::weekday_name_ar(date.weekday()));
        let got = parse_dateline(&line);
        prop_assert!(got.is_some(), "{line}");
        let got = got.unwrap();
        prop_assert_eq!(got.timestamp.datetime(), date.at(h, min, 0, 0));
        prop_assert!(got.warnings.is_empty(), "{:?}", got.warnings);
    }
}
