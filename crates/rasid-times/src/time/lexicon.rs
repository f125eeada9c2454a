//! The words time expressions are built of, in the analyzer's key form
//! (`أ إ آ` → `ا`, `ى` → `ي`, `ة` → `ه`, `ؤ` → `و`, `ئ` → `ي`), without clitics.
//! Month and weekday names come from rasid-calendar.

use std::sync::{LazyLock, OnceLock};

use jiff::civil::Weekday;
use rasid_calendar::months::MONTH_SPELLINGS;
use rasid_calendar::weekdays::WEEKDAY_SPELLINGS;
use rasid_calendar::{month_by_normalized, normalize_word, weekday_by_normalized, MonthName};
use rasid_core::TimexMod;

/// A unit of time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Month,
    Year,
    Decade,
    Century,
}

/// The grammatical number a unit word is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Form {
    /// `يوم`, `عاما`: one, or any count from 11 up.
    Single,
    /// `يومين`: two.
    Dual,
    /// `أيام`: 3–10, or some.
    Plural,
}

impl Unit {
    /// The TIMEX3 duration designator, and whether it goes after `T`.
    pub fn designator(self) -> (&'static str, bool, u32) {
        match self {
            Unit::Second => ("S", true, 1),
            Unit::Minute => ("M", true, 1),
            Unit::Hour => ("H", true, 1),
            Unit::Day => ("D", false, 1),
            Unit::Week => ("W", false, 1),
            Unit::Month => ("M", false, 1),
            Unit::Year => ("Y", false, 1),
            Unit::Decade => ("Y", false, 10),
            Unit::Century => ("Y", false, 100),
        }
    }
}

/// A table of words (in key form) with their values, and a hash index of it
/// made on first use.
pub(crate) struct Table<T: 'static> {
    entries: &'static [(&'static str, T)],
    index: OnceLock<foldhash::HashMap<&'static str, T>>,
}

impl<T: Copy> Table<T> {
    /// A table of these entries.
    pub(crate) const fn new(entries: &'static [(&'static str, T)]) -> Self {
        Table {
            entries,
            index: OnceLock::new(),
        }
    }

    /// The value of `form`.
    pub(crate) fn get(&self, form: &str) -> Option<T> {
        self.index
            .get_or_init(|| self.entries.iter().copied().collect())
            .get(form)
            .copied()
    }

    /// The words of the table.
    pub(crate) fn words(&self) -> impl Iterator<Item = &'static str> {
        self.entries.iter().map(|&(k, _)| k)
    }
}

/// Month names of every series, in key form (an index of rasid-calendar's
/// table, for the inner loop).
static MONTHS: LazyLock<foldhash::HashMap<String, MonthName>> = LazyLock::new(|| {
    MONTH_SPELLINGS
        .iter()
        .flat_map(|(_, _, spellings)| spellings.iter())
        .filter_map(|s| {
            let key = normalize_word(s);
            month_by_normalized(&key).map(|m| (key, m))
        })
        .collect()
});

/// Weekday names, in key form (an index of rasid-calendar's table).
static WEEKDAYS: LazyLock<foldhash::HashMap<String, Weekday>> = LazyLock::new(|| {
    WEEKDAY_SPELLINGS
        .iter()
        .flat_map(|(_, spellings)| spellings.iter())
        .filter_map(|s| {
            let key = normalize_word(s);
            weekday_by_normalized(&key).map(|w| (key, w))
        })
        .collect()
});

/// The month named `form` (`ديسمبر`, `كانون الاول`, `رمضان`).
pub(crate) fn month(form: &str) -> Option<MonthName> {
    MONTHS.get(form).copied()
}

/// Every month name, in key form.
pub(crate) fn month_names() -> impl Iterator<Item = &'static str> {
    MONTHS.keys().map(String::as_str)
}

/// The weekday named `form` (`الخميس`, `خميس`).
pub(crate) fn weekday(form: &str) -> Option<Weekday> {
    WEEKDAYS.get(form).copied()
}

/// Every weekday name, in key form.
pub(crate) fn weekday_names() -> impl Iterator<Item = &'static str> {
    WEEKDAYS.keys().map(String::as_str)
}

/// Unit words: `يوم`, `يومين`, `أيام`, `أسبوع`, `شهرا`, `سنوات`, `ساعات` …
pub(crate) static UNITS: Table<(Unit, Form)> = Table::new({
    use Form::*;
    use Unit::*;
    &[
        ("ثانيه", (Second, Single)),
        ("ثانيتين", (Second, Dual)),
        ("ثانيتان", (Second, Dual)),
        ("ثواني", (Second, Plural)),
        ("ثوان", (Second, Plural)),
        ("دقيقه", (Minute, Single)),
        ("دقيقتين", (Minute, Dual)),
        ("دقيقتان", (Minute, Dual)),
        ("دقايق", (Minute, Plural)),
        ("ساعه", (Hour, Single)),
        ("ساعتين", (Hour, Dual)),
        ("ساعتان", (Hour, Dual)),
        ("ساعات", (Hour, Plural)),
        ("يوم", (Day, Single)),
        ("يوما", (Day, Single)),
        ("يومين", (Day, Dual)),
        ("يومان", (Day, Dual)),
        ("ايام", (Day, Plural)),
        ("اسبوع", (Week, Single)),
        ("اسبوعا", (Week, Single)),
        ("اسبوعين", (Week, Dual)),
        ("اسبوعان", (Week, Dual)),
        ("اسابيع", (Week, Plural)),
        ("شهر", (Month, Single)),
        ("شهرا", (Month, Single)),
        ("شهرين", (Month, Dual)),
        ("شهران", (Month, Dual)),
        ("اشهر", (Month, Plural)),
        ("شهور", (Month, Plural)),
        ("عام", (Year, Single)),
        ("عاما", (Year, Single)),
        ("سنه", (Year, Single)),
        ("سنا", (Year, Single)),
        ("عامين", (Year, Dual)),
        ("عامان", (Year, Dual)),
        ("سنتين", (Year, Dual)),
        ("سنتان", (Year, Dual)),
        ("اعوام", (Year, Plural)),
        ("سنوات", (Year, Plural)),
        ("سنين", (Year, Plural)),
        ("عقد", (Decade, Single)),
        ("عقدا", (Decade, Single)),
        ("عقدين", (Decade, Dual)),
        ("عقدان", (Decade, Dual)),
        ("عقود", (Decade, Plural)),
        ("قرن", (Century, Single)),
        ("قرنا", (Century, Single)),
        ("قرنين", (Century, Dual)),
        ("قرنان", (Century, Dual)),
        ("قرون", (Century, Plural)),
    ]
});

/// A unit word: `يوم`, `يومين`, `أيام`, `أسبوع`, `شهرا`, `سنوات`, `ساعات` …
pub(crate) fn unit(form: &str) -> Option<(Unit, Form)> {
    UNITS.get(form)
}

/// Words that point before or after the anchor: `الماضي`, `المقبل` …
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Rel {
    Past,
    Next,
    This,
}

/// `ماضي`/`ماضيه`/`منصرم`/`فايت`/`منقضي`/`فارط` (with the article), `مقبل`/`قادم`,
/// `حالي`/`جاري`.
pub(crate) fn rel(form: &str) -> Option<Rel> {
    Some(match form {
        "ماضي" | "ماضيه" | "منصرم" | "منصرمه" | "فايت" | "فايته" | "منقضي" | "منقضيه" | "فارط" | "فارطه" => {
            Rel::Past
        }
        "مقبل" | "مقبله" | "قادم" | "قادمه" | "تالي" | "تاليه" => Rel::Next,
        "حالي" | "حاليه" | "جاري" | "جاريه" => Rel::This,
        _ => return None,
    })
}

/// Parts of a period: `مطلع` (start), `منتصف` (middle), `أواخر` (end) …
pub(crate) static PARTS_OF: Table<TimexMod> = Table::new(&[
    ("مطلع", TimexMod::Start),
    ("بدايه", TimexMod::Start),
    ("اوايل", TimexMod::Start),
    ("مستهل", TimexMod::Start),
    ("بدايات", TimexMod::Start),
    ("اول", TimexMod::Start),
    ("غره", TimexMod::Start),
    ("منتصف", TimexMod::Mid),
    ("اواسط", TimexMod::Mid),
    ("وسط", TimexMod::Mid),
    ("اواخر", TimexMod::End),
    ("نهايه", TimexMod::End),
    ("ختام", TimexMod::End),
    ("نهايات", TimexMod::End),
    ("اخر", TimexMod::End),
    ("اخير", TimexMod::End),
    ("موفي", TimexMod::End),
]);

/// A part of a period: `مطلع` (start), `منتصف` (middle), `أواخر` (end) …
pub(crate) fn part_of(form: &str) -> Option<TimexMod> {
    PARTS_OF.get(form)
}

/// Parts of the day, as TIMEX3 codes: `صباح` → MO, `مساء` → EV …
pub(crate) static DAY_PARTS: Table<&str> = Table::new(&[
    ("صباح", "MO"),
    ("فجر", "MO"),
    ("صباحا", "MO"),
    ("فجرا", "MO"),
    ("صبيحه", "MO"),
    ("ظهر", "MI"),
    ("ظهيره", "MI"),
    ("ظهرا", "MI"),
    ("عصر", "AF"),
    ("عصرا", "AF"),
    ("زوال", "MI"),
    ("مساء", "EV"),
    ("مساءا", "EV"),
    ("مسا", "EV"),
    ("مسايا", "EV"),
    ("عشيه", "EV"),
    ("ليل", "NI"),
    ("ليله", "NI"),
    ("ليلا", "NI"),
]);

/// A part of the day, as a TIMEX3 code: `صباح` → MO, `مساء` → EV …
pub(crate) fn day_part(form: &str) -> Option<&'static str> {
    DAY_PARTS.get(form)
}

/// Approximation words before a quantity, as TIMEX3 mods.
pub(crate) static APPROX_WORDS: Table<TimexMod> = Table::new(&[
    ("نحو", TimexMod::Approx),
    ("حوالي", TimexMod::Approx),
    ("قرابه", TimexMod::Approx),
    ("زهاء", TimexMod::Approx),
]);

/// `أكثر من`, `أقل من` before a quantity (the word before `من`).
pub(crate) static MORE_LESS: Table<TimexMod> = Table::new(&[
    ("اكثر", TimexMod::MoreThan),
    ("ازيد", TimexMod::MoreThan),
    ("اقل", TimexMod::LessThan),
]);

/// Approximation words before a quantity, as a TIMEX3 mod.
pub(crate) fn approx_word(form: &str) -> Option<TimexMod> {
    APPROX_WORDS.get(form)
}

/// Hours said as feminine ordinals: `الواحدة`, `الثانية` … `الحادية` (`عشرة`).
pub(crate) static HOUR_WORDS: Table<u8> = Table::new(&[
    ("واحده", 1),
    ("ثانيه", 2),
    ("ثالثه", 3),
    ("رابعه", 4),
    ("خامسه", 5),
    ("سادسه", 6),
    ("سابعه", 7),
    ("ثامنه", 8),
    ("تاسعه", 9),
    ("عاشره", 10),
    ("حاديه", 11),
]);

/// Hours said as feminine ordinals: `الواحدة`, `الثانية` … `الثانية عشرة`.
pub(crate) fn hour_word(form: &str) -> Option<u8> {
    HOUR_WORDS.get(form)
}

/// The stems of decade words (`الثمانينيات` = `ثمانين` + `يات`) and their tens digit.
pub(crate) static DECADE_STEMS: Table<u8> = Table::new(&[
    ("عشرين", 2),
    ("ثلاثين", 3),
    ("اربعين", 4),
    ("خمسين", 5),
    ("ستين", 6),
    ("سبعين", 7),
    ("ثمانين", 8),
    ("تسعين", 9),
]);

/// The endings of decade words.
pub(crate) const DECADE_ENDINGS: &[&str] = &["يات", "ات"];

/// Decades: `الثمانينيات`, `التسعينات` → the tens digit.
pub(crate) fn decade_word(form: &str) -> Option<u8> {
    DECADE_ENDINGS
        .iter()
        .filter_map(|e| form.strip_suffix(e))
        .find_map(|stem| DECADE_STEMS.get(stem))
}
