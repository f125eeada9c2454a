//! Arabic calendar knowledge and dateline parsing for rasid.
//!
//! - [`parse_dateline`] reads the date line of an article (`الخميس، 21 ديسمبر 2017 10:57 ص`,
//!   `21/12/2017`, `3 ربيع الآخر 1439 هـ`, `2017-12-21T10:57:00+03:00`…) into a
//!   [`rasid_core::Timestamp`] with the byte span it came from and warnings.
//! - Reusable lookups for a time-expression tagger: [`month_by_name`] and
//!   [`month_at`] over the Egyptian, Levantine/Syriac, Maghrebi, English and Hijri
//!   month names; [`weekday_by_name`]; Hijri ⇄ Gregorian conversion
//!   ([`hijri_to_gregorian`], [`HijriDate`]) with the Umm al-Qura calendar; digit
//!   folding ([`fold_digits`], [`parse_number`]); and the word normaliser they all
//!   share ([`normalize_word`]).
//!
//! Everything is infallible and panic-free on any input, with no I/O.
//!
//! ```
//! use rasid_calendar::{hijri_to_gregorian, month_by_name, parse_dateline, Calendar};
//!
//! let line = "الخميس 3 ربيع الآخر 1439 هـ - 21 ديسمبر 2017";
//! let dateline = parse_dateline(line).unwrap();
//! assert_eq!(dateline.timestamp.to_string(), "2017-12-21T00:00:00");
//! assert_eq!(dateline.calendar, Calendar::Gregorian);
//! assert!(dateline.warnings.is_empty()); // the Hijri date agrees
//!
//! let rabi2 = month_by_name("ربيع الثاني").unwrap();
//! assert_eq!((rabi2.calendar, rabi2.number), (Calendar::Hijri, 4));
//! assert_eq!(hijri_to_gregorian(1439, 4, 3), Some(jiff::civil::date(2017, 12, 21)));
//! ```
#![deny(missing_docs)]

mod dateline;
pub mod digits;
pub mod hijri;
pub mod months;
pub mod normalize;
mod tokens;
pub mod weekdays;

pub use dateline::{parse_dateline, Dateline, MAX_DATELINE_CHARS};
pub use digits::{digit_value, fold_digits, is_digit, parse_number};
pub use hijri::{gregorian_to_hijri, hijri_to_gregorian, HijriDate};
pub use months::{
    canonical_month_name, month_at, month_by_name, month_by_normalized, Calendar, MonthName, MonthSeries,
};
pub use normalize::normalize_word;
pub use weekdays::{weekday_by_name, weekday_by_normalized, weekday_name_ar, weekday_name_en};
