//! Words with a fixed role in a dateline: labels, day periods, calendar markers, UTC.

use crate::months::Calendar;

/// What a label word does for the line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Role {
    /// Starts a publication clause: نشر، تاريخ النشر، published.
    Published,
    /// Starts an update clause: آخر تحديث، updated.
    Updated,
    /// A date-line word that sets off a place or zone: بتاريخ، الموافق، بتوقيت، يوم.
    Anchor,
    /// A small word that is fine in a dateline but proves nothing: في، من، on.
    Weak,
    /// (Clauses only.) Text before any publication or update label.
    Other,
}

pub(super) fn label_role(word: &str) -> Option<Role> {
    Some(match word {
        "نشر" | "نشرت" | "النشر" | "منشور" | "اضيف" | "الاضافه" | "published" | "posted" => {
            Role::Published
        }
        "تحديث" | "التحديث" | "محدث" | "حدث" | "تعديل" | "التعديل" | "updated" | "modified" => {
            Role::Updated
        }
        "تاريخ" | "التاريخ" | "بتاريخ" | "وتاريخ" | "الموافق" | "موافق" | "يوم" | "اليوم" | "الساعه" | "ساعه"
        | "بتوقيت" | "توقيت" | "date" | "time" => Role::Anchor,
        "في" | "من" | "و" | "تم" | "اخر" | "واخر" | "وتم" | "on" | "at" | "last" | "t" | "z" => {
            Role::Weak
        }
        _ => return None,
    })
}

/// Which half of the day an hour belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Period {
    Am,
    Pm,
    Noon,
    Night,
}

pub(super) fn period(word: &str) -> Option<Period> {
    Some(match word {
        "ص" | "صباحا" | "صباح" | "الصباح" | "صباحي" | "فجرا" | "الفجر" | "am" => {
            Period::Am
        }
        "م" | "مساء" | "مساءا" | "المساء" | "مسائي" | "عصرا" | "العصر" | "pm" => {
            Period::Pm
        }
        "ظهرا" | "الظهر" | "ظهر" => Period::Noon,
        "ليلا" | "الليل" | "ليل" => Period::Night,
        _ => return None,
    })
}

pub(super) fn period_text(p: Period) -> &'static str {
    match p {
        Period::Am => "AM",
        Period::Pm => "PM",
        Period::Noon => "noon",
        Period::Night => "night",
    }
}

pub(super) fn calendar_marker(word: &str) -> Option<Calendar> {
    Some(match word {
        "ه" | "هجري" | "هجريه" | "هجريا" | "للهجره" | "ah" => Calendar::Hijri,
        "م" | "ميلادي" | "ميلاديه" | "ميلاديا" | "للميلاد" | "ad" | "ce" => {
            Calendar::Gregorian
        }
        _ => return None,
    })
}

pub(super) fn is_utc_word(word: &str) -> bool {
    matches!(
        word,
        "gmt" | "utc" | "غرينتش" | "جرينتش" | "غرينيتش" | "جرينيتش" | "غرنتش"
    )
}
