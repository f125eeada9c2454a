//! The words time expressions are built of, in the analyzer's key form
//! (`أ إ آ` → `ا`, `ى` → `ي`, `ة` → `ه`, `ؤ` → `و`, `ئ` → `ي`), without clitics.
//! Month and weekday names come from rasid-calendar.

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

/// A unit word: `يوم`, `يومين`, `أيام`, `أسبوع`, `شهرا`, `سنوات`, `ساعات` …
pub(crate) fn unit(form: &str) -> Option<(Unit, Form)> {
    use Form::*;
    use Unit::*;
    Some(match form {
        "ثانيه" => (Second, Single),
        "ثانيتين" | "ثانيتان" => (Second, Dual),
        "ثواني" | "ثوان" => (Second, Plural),
        "دقيقه" => (Minute, Single),
        "دقيقتين" | "دقيقتان" => (Minute, Dual),
        "دقايق" => (Minute, Plural),
        "ساعه" => (Hour, Single),
        "ساعتين" | "ساعتان" => (Hour, Dual),
        "ساعات" => (Hour, Plural),
        "يوم" | "يوما" => (Day, Single),
        "يومين" | "يومان" => (Day, Dual),
        "ايام" => (Day, Plural),
        "اسبوع" | "اسبوعا" => (Week, Single),
        "اسبوعين" | "اسبوعان" => (Week, Dual),
        "اسابيع" => (Week, Plural),
        "شهر" | "شهرا" => (Month, Single),
        "شهرين" | "شهران" => (Month, Dual),
        "اشهر" | "شهور" => (Month, Plural),
        "عام" | "عاما" | "سنه" | "سنا" => (Year, Single),
        "عامين" | "عامان" | "سنتين" | "سنتان" => (Year, Dual),
        "اعوام" | "سنوات" | "سنين" => (Year, Plural),
        "عقد" | "عقدا" => (Decade, Single),
        "عقدين" | "عقدان" => (Decade, Dual),
        "عقود" => (Decade, Plural),
        "قرن" | "قرنا" => (Century, Single),
        "قرنين" | "قرنان" => (Century, Dual),
        "قرون" => (Century, Plural),
        _ => return None,
    })
}

/// Words that point before or after the anchor: `الماضي`, `المقبل` …
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Rel {
    Past,
    Next,
    This,
}

/// `ماضي`/`ماضيه`/`منصرم`/`فايت`/`سابق` (with the article), `مقبل`/`قادم`,
/// `حالي`/`جاري`.
pub(crate) fn rel(form: &str) -> Option<Rel> {
    Some(match form {
        "ماضي" | "ماضيه" | "منصرم" | "منصرمه" | "فايت" | "فايته" | "منقضي" => {
            Rel::Past
        }
        "مقبل" | "مقبله" | "قادم" | "قادمه" | "تالي" | "تاليه" => Rel::Next,
        "حالي" | "حاليه" | "جاري" | "جاريه" => Rel::This,
        _ => return None,
    })
}

/// A part of a period: `مطلع` (start), `منتصف` (middle), `أواخر` (end) …
pub(crate) fn part_of(form: &str) -> Option<rasid_core::TimexMod> {
    use rasid_core::TimexMod::*;
    Some(match form {
        "مطلع" | "بدايه" | "اوايل" | "مستهل" | "بدايات" | "اول" | "غره" => Start,
        "منتصف" | "اواسط" | "وسط" => Mid,
        "اواخر" | "نهايه" | "ختام" | "نهايات" | "اخر" | "اخير" => End,
        _ => return None,
    })
}

/// A part of the day, as a TIMEX3 code: `صباح` → MO, `مساء` → EV …
pub(crate) fn day_part(form: &str) -> Option<&'static str> {
    Some(match form {
        "صباح" | "فجر" | "صباحا" | "فجرا" | "صبيحه" => "MO",
        "ظهر" | "ظهيره" | "ظهرا" => "MI",
        "عصر" | "عصرا" => "AF",
        "مساء" | "مساءا" | "مسا" | "مسايا" | "عشيه" => "EV",
        "ليل" | "ليله" | "ليلا" | "منتصف الليل" => "NI",
        _ => return None,
    })
}

/// Approximation words before a quantity, as a TIMEX3 mod.
pub(crate) fn approx_word(form: &str) -> Option<rasid_core::TimexMod> {
    use rasid_core::TimexMod::*;
    Some(match form {
        "نحو" | "حوالي" | "قرابه" | "زهاء" | "قرابة" => Approx,
        _ => return None,
    })
}

/// Hours said as feminine ordinals: `الواحدة`, `الثانية` … `الثانية عشرة`.
pub(crate) fn hour_word(form: &str) -> Option<u8> {
    Some(match form {
        "واحده" => 1,
        "ثانيه" => 2,
        "ثالثه" => 3,
        "رابعه" => 4,
        "خامسه" => 5,
        "سادسه" => 6,
        "سابعه" => 7,
        "ثامنه" => 8,
        "تاسعه" => 9,
        "عاشره" => 10,
        "حاديه" => 11,
        _ => return None,
    })
}

/// Decades: `الثمانينيات`, `التسعينات` → the tens digit.
pub(crate) fn decade_word(form: &str) -> Option<u8> {
    let stem = form.strip_suffix("يات").or_else(|| form.strip_suffix("ات"))?;
    Some(match stem {
        "عشرين" => 2,
        "ثلاثين" => 3,
        "اربعين" => 4,
        "خمسين" => 5,
        "ستين" => 6,
        "سبعين" => 7,
        "ثمانين" => 8,
        "تسعين" => 9,
        _ => return None,
    })
}
