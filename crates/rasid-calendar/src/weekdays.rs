//! Weekday names, Arabic (with and without the article) and English.

use std::collections::HashMap;
use std::sync::LazyLock;

use jiff::civil::Weekday;

use crate::normalize::normalize_word;

/// Every spelling recognised, by weekday. Variants that [`normalize_word`]
/// folds together (`الإثنين`/`الاثنين`, `الأربعاء`/`الاربعاء`, `الجمعة`/`الجمعه`)
/// need no entry of their own.
///
/// ```
/// use rasid_calendar::weekdays::WEEKDAY_SPELLINGS;
/// assert_eq!(WEEKDAY_SPELLINGS.len(), 7);
/// ```
pub const WEEKDAY_SPELLINGS: &[(Weekday, &[&str])] = &[
    (Weekday::Sunday, &["الأحد", "أحد", "Sunday", "Sun"]),
    (Weekday::Monday, &["الاثنين", "اثنين", "Monday", "Mon"]),
    (
        Weekday::Tuesday,
        &["الثلاثاء", "ثلاثاء", "الثلاثا", "Tuesday", "Tue", "Tues"],
    ),
    (Weekday::Wednesday, &["الأربعاء", "أربعاء", "الاربعا", "Wednesday", "Wed"]),
    (
        Weekday::Thursday,
        &["الخميس", "خميس", "Thursday", "Thu", "Thur", "Thurs"],
    ),
    (Weekday::Friday, &["الجمعة", "جمعة", "Friday", "Fri"]),
    (Weekday::Saturday, &["السبت", "سبت", "Saturday", "Sat"]),
];

static WEEKDAYS: LazyLock<HashMap<String, Weekday>> = LazyLock::new(|| {
    let mut map = HashMap::new();
    for &(weekday, spellings) in WEEKDAY_SPELLINGS {
        for spelling in spellings {
            map.entry(normalize_word(spelling)).or_insert(weekday);
        }
    }
    map
});

/// Looks up a weekday by name (normalised first, see [`normalize_word`]).
/// Some names are ordinary words too (`أحد` "one, someone", `جمعة` "a
/// week/a Friday prayer", `سبت`), so trust a match only in a date context.
///
/// ```
/// use jiff::civil::Weekday;
/// use rasid_calendar::weekday_by_name;
/// assert_eq!(weekday_by_name("الخميس"), Some(Weekday::Thursday));
/// assert_eq!(weekday_by_name("الإثنين"), Some(Weekday::Monday));
/// assert_eq!(weekday_by_name("الاربعاء"), Some(Weekday::Wednesday));
/// assert_eq!(weekday_by_name("جمعة"), Some(Weekday::Friday));
/// assert_eq!(weekday_by_name("Thu"), Some(Weekday::Thursday));
/// assert_eq!(weekday_by_name("ديسمبر"), None);
/// ```
pub fn weekday_by_name(name: &str) -> Option<Weekday> {
    weekday_by_normalized(&normalize_word(name))
}

/// Like [`weekday_by_name`] for a key that is already normalised.
///
/// ```
/// use jiff::civil::Weekday;
/// use rasid_calendar::weekday_by_normalized;
/// assert_eq!(weekday_by_normalized("الجمعه"), Some(Weekday::Friday));
/// ```
pub fn weekday_by_normalized(key: &str) -> Option<Weekday> {
    WEEKDAYS.get(key).copied()
}

/// The standard Arabic name of a weekday, with the article.
///
/// ```
/// use jiff::civil::Weekday;
/// use rasid_calendar::weekday_name_ar;
/// assert_eq!(weekday_name_ar(Weekday::Thursday), "الخميس");
/// ```
pub fn weekday_name_ar(weekday: Weekday) -> &'static str {
    match weekday {
        Weekday::Sunday => "الأحد",
        Weekday::Monday => "الاثنين",
        Weekday::Tuesday => "الثلاثاء",
        Weekday::Wednesday => "الأربعاء",
        Weekday::Thursday => "الخميس",
        Weekday::Friday => "الجمعة",
        Weekday::Saturday => "السبت",
    }
}

/// The English name of a weekday (used in warnings).
///
/// ```
/// use jiff::civil::Weekday;
/// use rasid_calendar::weekday_name_en;
/// assert_eq!(weekday_name_en(Weekday::Friday), "Friday");
/// ```
pub fn weekday_name_en(weekday: Weekday) -> &'static str {
    match weekday {
        Weekday::Sunday => "Sunday",
        Weekday::Monday => "Monday",
        Weekday::Tuesday => "Tuesday",
        Weekday::Wednesday => "Wednesday",
        Weekday::Thursday => "Thursday",
        Weekday::Friday => "Friday",
        Weekday::Saturday => "Saturday",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_days_both_ways() {
        for &(day, _) in WEEKDAY_SPELLINGS {
            assert_eq!(weekday_by_name(weekday_name_ar(day)), Some(day));
            assert_eq!(weekday_by_name(weekday_name_en(day)), Some(day));
        }
        assert_eq!(weekday_by_name("الأثنين"), Some(Weekday::Monday));
        assert_eq!(weekday_by_name("إثنين"), Some(Weekday::Monday));
        assert_eq!(weekday_by_name("الأحد"), Some(Weekday::Sunday));
        assert_eq!(weekday_by_name("السبـت"), Some(Weekday::Saturday));
        assert_eq!(weekday_by_name(""), None);
    }
}
