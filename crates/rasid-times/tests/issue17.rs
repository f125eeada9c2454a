//! Regression tests for the error classes of issue 17 (each named after its
//! defect), and the span conventions of GUIDELINES.md. The sentences are made up
//! for the tests, in the forms the issue reports; none is taken from the gold.
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

use rasid_core::Timestamp;
use rasid_text::Analyzer;

/// (text, type, value) of each expression found.
fn tag(text: &str, anchor: &str) -> Vec<(String, String, String)> {
    let a = Analyzer::default().analyze_text(text);
    let anchor: Timestamp = anchor.parse().unwrap();
    rasid_times::times(text, &a, Some(&anchor))
        .into_iter()
        .map(|t| (t.text, format!("{:?}", t.kind).to_uppercase(), t.value))
        .collect()
}

fn values(text: &str, anchor: &str) -> Vec<String> {
    tag(text, anchor).into_iter().map(|(_, _, v)| v).collect()
}

const JUNE_2018: &str = "2018-06-02T09:00:00+01:00"; // a Saturday

#[test]
fn regression_bab_is_not_aab() {
    for text in [
        "تجمع المحتجون أمام باب المحكمة صباحا",
        "فتح باب الترشح للانتخابات البلدية",
        "وقف الحارس عند الباب الرئيسي",
    ] {
        let got = tag(text, JUNE_2018);
        assert!(got.iter().all(|(t, _, _)| !t.contains("باب")), "{text}: {got:?}");
    }
    // The month itself is still read, with or without a clitic.
    assert_eq!(values("وصل الوفد في 5 آب الماضي", JUNE_2018), ["2017-08-05"]);
    assert_eq!(values("تأجل الاجتماع إلى آب/أغسطس المقبل", JUNE_2018), ["2018-08"]);
}

#[test]
fn regression_lisifr_in_score_is_not_safar() {
    for text in [
        "فاز الترجي على النجم 3 لصفر في الدوري",
        "انتهت المباراة بفوز الأهلي 2 لصفر",
    ] {
        let got = tag(text, JUNE_2018);
        assert!(got.iter().all(|(t, _, _)| !t.contains("صفر")), "{text}: {got:?}");
    }
    // A Hijri date in Safar is still a date.
    assert_eq!(values("في 3 صفر 1440 هـ", JUNE_2018), ["2018-10-12"]);
}

#[test]
fn regression_may_the_person_is_not_may() {
    for text in [
        "قالت تيريزا ماي إن الحكومة ستواصل المفاوضات",
        "وأكدت ماي أن بريطانيا ستغادر",
    ] {
        let got = tag(text, JUNE_2018);
        assert!(got.iter().all(|(t, _, _)| !t.contains("ماي")), "{text}: {got:?}");
    }
    assert_eq!(values("وقع الاتفاق يوم 15 ماي 2018", JUNE_2018), ["2018-05-15"]);
}

#[test]
fn regression_relative_day_with_weekday_resolves_forward() {
    // Saturday 2 June: tomorrow Sunday is 3 June, not 27 May.
    let got = tag("تنطلق الدورة غدا الأحد في العاصمة", JUNE_2018);
    assert_eq!(
        got,
        [("غدا الأحد".to_string(), "DATE".to_string(), "2018-06-03".to_string())]
    );
    let got = tag("وأعلن أمس (الجمعة) عن القرار", JUNE_2018);
    assert_eq!(
        got,
        [("أمس (الجمعة)".to_string(), "DATE".to_string(), "2018-06-01".to_string())]
    );
    assert_eq!(values("يصل الوفد بعد غد الاثنين", JUNE_2018), ["2018-06-04"]);
    // An anchor a day off (a crawl date): the weekday named wins.
    assert_eq!(values("وقال اليوم الجمعة إن", JUNE_2018), ["2018-06-01"]);
}

#[test]
fn regression_clock_time_on_named_day() {
    let text = "تنطلق المسيرة صباح يوم غد الجمعة من أمام المسرح البلدي على الساعة العاشرة";
    let got = tag(text, "2018-05-31T12:00:00+01:00");
    assert!(
        got.iter().any(|(_, k, v)| k == "TIME" && v == "2018-06-01T10:00"),
        "{got:?}"
    );
    assert!(got.iter().all(|(_, _, v)| !v.starts_with("2018-05-31")), "{got:?}");
}

#[test]
fn regression_bad_zawal_is_afternoon() {
    let got = tag("ينطلق الاجتماع اليوم على الساعة الرابعة بعد الزوال", JUNE_2018);
    assert!(got.iter().any(|(_, _, v)| v == "2018-06-02T16:00"), "{got:?}");
    let got = tag("على الساعة الثالثة بعد الظهر", JUNE_2018);
    assert!(got.iter().any(|(_, _, v)| v.ends_with("T15:00")), "{got:?}");
}

#[test]
fn regression_compound_duration_adds_up() {
    let got = tag("استغرقت الرحلة 11 ساعة و5 دقائق", JUNE_2018);
    assert_eq!(
        got,
        [(
            "11 ساعة و5 دقائق".to_string(),
            "DURATION".to_string(),
            "PT11H5M".to_string()
        )]
    );
    assert_eq!(values("قضى في السجن ثلاث سنوات وستة أشهر", JUNE_2018), ["P3Y6M"]);
    assert_eq!(values("بقي يومين و3 ساعات", JUNE_2018), ["P2DT3H"]);
}

#[test]
fn regression_decades_and_centuries() {
    assert_eq!(values("عرفت البلاد أزمة في التسعينات", JUNE_2018), ["199X"]);
    assert_eq!(values("في ثمانينيات القرن الماضي", JUNE_2018), ["198X"]);
    assert_eq!(values("بني القصر في القرن الثامن عشر", JUNE_2018), ["17XX"]);
    assert_eq!(values("منذ القرن التاسع عشر", JUNE_2018), ["18XX"]);
}

#[test]
fn regression_quarters_and_halves() {
    assert_eq!(values("خلال الثلاثي الرابع من السنة المنقضية", JUNE_2018), ["2017-Q4"]);
    assert_eq!(values("في الربع الأخير من 2013", JUNE_2018), ["2013-Q4"]);
    assert_eq!(values("خلال السداسي الأول من العام الجاري", JUNE_2018), ["2018-H1"]);
    assert_eq!(values("في النصف الثاني من عام 2016", JUNE_2018), ["2016-H2"]);
}

#[test]
fn regression_ghurra_and_mawfa_are_first_and_last_day() {
    assert_eq!(
        values("يدخل القانون حيز التنفيذ غرة جويلية المقبل", JUNE_2018),
        ["2018-07-01"]
    );
    assert_eq!(values("تنتهي المهلة موفى سبتمبر 2018", JUNE_2018), ["2018-09-30"]);
    assert_eq!(values("تم ذلك موفى فيفري الماضي", JUNE_2018), ["2018-02-28"]);
    assert_eq!(values("بدأ تطبيقه غرة ذي القعدة 1436 هـ", JUNE_2018), ["2015-08-16"]);
}

#[test]
fn regression_munqadiya_and_farit_are_previous() {
    assert_eq!(values("ارتفعت الصادرات خلال السنة المنقضية", JUNE_2018), ["2017"]);
    assert_eq!(values("سجلت الوزارة خلال الشهر الفارط", JUNE_2018), ["2018-05"]);
    assert_eq!(values("أعلن الأسبوع الفارط", JUNE_2018), ["2018-W21"]);
    assert_eq!(values("في ماي المنقضي", JUNE_2018), ["2018-05"]);
}

#[test]
fn regression_hijri_date_with_spaced_slashes() {
    assert_eq!(values("صدر القرار بتاريخ 1 / 11 / 1436هـ", JUNE_2018), ["2015-08-16"]);
    assert_eq!(values("في يوم الأربعاء 5/ 11/ 1436هـ", JUNE_2018), ["2015-08-20"]);
    // A fraction or a score is not a date.
    assert!(values("بنسبة 3 / 4 من الأصوات", JUNE_2018).is_empty());
}

#[test]
fn spans_keep_glued_clitics_and_drop_leading_prepositions() {
    let got = tag("وصل قبل ثلاثة أيام ثم غادر لعام 2017", JUNE_2018);
    let spans: Vec<&str> = got.iter().map(|(t, _, _)| t.as_str()).collect();
    assert_eq!(spans, ["ثلاثة أيام", "لعام 2017"], "{got:?}");
    assert_eq!(got[0].2, "2018-05-30");
    assert_eq!(values("حدث ذلك قبل قليل", JUNE_2018), ["PAST_REF"]);
    let got = tag("وسيستمر ذلك لساعات", JUNE_2018);
    assert_eq!(
        got,
        [("لساعات".to_string(), "DURATION".to_string(), "PTXH".to_string())]
    );
}

#[test]
fn a_month_with_its_other_name_is_one_expression() {
    let got = tag("لشحنات سبتمبر أيلول", JUNE_2018);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].0, "سبتمبر أيلول");
}

#[test]
fn yawm_before_a_date_is_inside() {
    let got = tag("أجريت العمليات يوم 14/10/1436هـ", JUNE_2018);
    assert_eq!(got[0].0, "يوم 14/10/1436هـ");
    let got = tag("وقع الحادث يوم أمس", JUNE_2018);
    assert_eq!(got[0].0, "يوم أمس");
    assert_eq!(got[0].2, "2018-06-01");
}
