//! Hijri ⇄ Gregorian conversion with the Umm al-Qura calendar (icu_calendar 2.x).
//!
//! icu_calendar's `Hijri<UmmAlQura>` uses the month lengths published by KACST
//! for 1300 AH to 1600 AH (1882-11-12 to 2174-11-25); outside that range it
//! silently falls back to the tabular (arithmetic, type II, Friday epoch)
//! calendar. [`is_tabulated`] says which case a year is in. Many news sites
//! (Egypt, the Levant) follow local moon sighting instead, so a stated Hijri
//! date can be a day off Umm al-Qura; compare with a one-day tolerance.

use std::fmt;
use std::ops::RangeInclusive;

use icu_calendar::cal::Hijri;
use icu_calendar::{Date, Iso};

use crate::months::{canonical_month_name, MonthSeries};

/// Hijri years (AH) for which Umm al-Qura month lengths come from the KACST
/// tables; outside them the conversion is the tabular approximation.
///
/// ```
/// use rasid_calendar::hijri::UMM_AL_QURA_TABULATED_YEARS;
/// assert_eq!(UMM_AL_QURA_TABULATED_YEARS, 1300..=1600);
/// ```
pub const UMM_AL_QURA_TABULATED_YEARS: RangeInclusive<i32> = 1300..=1600;

/// True when Hijri `year` lies in [`UMM_AL_QURA_TABULATED_YEARS`].
///
/// ```
/// assert!(rasid_calendar::hijri::is_tabulated(1439));
/// assert!(!rasid_calendar::hijri::is_tabulated(1200));
/// ```
pub fn is_tabulated(year: i32) -> bool {
    UMM_AL_QURA_TABULATED_YEARS.contains(&year)
}

/// A date in the Hijri (Umm al-Qura) calendar. Fields are not validated by
/// construction; the conversions reject impossible dates.
///
/// ```
/// use rasid_calendar::HijriDate;
/// let h = HijriDate { year: 1439, month: 4, day: 3 };
/// assert_eq!(h.to_string(), "3 ربيع الآخر 1439");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct HijriDate {
    /// Year after the Hijra (AH), 1 or more.
    pub year: i32,
    /// Month, 1 (محرم) to 12 (ذو الحجة).
    pub month: u8,
    /// Day of the month, 1 to 29 or 30.
    pub day: u8,
}

impl HijriDate {
    /// The Gregorian date of this Hijri date under the Umm al-Qura rules, or
    /// `None` when it does not exist (month 13, day 30 of a 29-day month, year
    /// 0 or below, or a year past what jiff can represent, about 10,000 CE).
    ///
    /// ```
    /// use jiff::civil::date;
    /// use rasid_calendar::HijriDate;
    /// let h = HijriDate { year: 1439, month: 4, day: 3 };
    /// assert_eq!(h.to_gregorian(), Some(date(2017, 12, 21)));
    /// assert_eq!(HijriDate { year: 1439, month: 13, day: 1 }.to_gregorian(), None);
    /// ```
    pub fn to_gregorian(self) -> Option<jiff::civil::Date> {
        if self.year < 1 {
            return None;
        }
        let hijri =
            Date::try_new_hijri_with_calendar(self.year, self.month, self.day, Hijri::new_umm_al_qura()).ok()?;
        let iso = hijri.to_calendar(Iso);
        let year = i16::try_from(iso.year().extended_year()).ok()?;
        let month = i8::try_from(iso.month().ordinal).ok()?;
        let day = i8::try_from(iso.day_of_month().0).ok()?;
        jiff::civil::Date::new(year, month, day).ok()
    }

    /// The Hijri (Umm al-Qura) date of a Gregorian date; `None` before 1 AH.
    ///
    /// ```
    /// use jiff::civil::date;
    /// use rasid_calendar::HijriDate;
    /// assert_eq!(HijriDate::from_gregorian(date(2017, 12, 21)), Some(HijriDate { year: 1439, month: 4, day: 3 }));
    /// ```
    pub fn from_gregorian(date: jiff::civil::Date) -> Option<HijriDate> {
        let month = u8::try_from(date.month()).ok()?;
        let day = u8::try_from(date.day()).ok()?;
        let iso = Date::try_new_iso(i32::from(date.year()), month, day).ok()?;
        let hijri = iso.to_calendar(Hijri::new_umm_al_qura());
        let year = hijri.year().extended_year();
        (year >= 1).then_some(HijriDate {
            year,
            month: hijri.month().ordinal,
            day: hijri.day_of_month().0,
        })
    }

    /// The number of days in this date's month (29 or 30) under Umm al-Qura, or
    /// `None` for an impossible year or month. The day field is ignored.
    ///
    /// ```
    /// use rasid_calendar::HijriDate;
    /// // Ramadan 1438 had 29 days by Umm al-Qura, Rabi al-Thani 1439 had 30.
    /// assert_eq!(HijriDate { year: 1438, month: 9, day: 1 }.days_in_month(), Some(29));
    /// assert_eq!(HijriDate { year: 1439, month: 4, day: 1 }.days_in_month(), Some(30));
    /// assert_eq!(HijriDate { year: 1439, month: 13, day: 1 }.days_in_month(), None);
    /// ```
    pub fn days_in_month(self) -> Option<u8> {
        if self.year < 1 {
            return None;
        }
        Date::try_new_hijri_with_calendar(self.year, self.month, 1, Hijri::new_umm_al_qura())
            .ok()
            .map(|d| d.days_in_month())
    }
}

impl fmt::Display for HijriDate {
    /// `3 ربيع الآخر 1439`; a month outside 1..=12 is written as a number.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match canonical_month_name(MonthSeries::Hijri, self.month) {
            Some(name) => write!(f, "{} {} {}", self.day, name, self.year),
            None => write!(f, "{} {} {}", self.day, self.month, self.year),
        }
    }
}

/// Converts a Hijri date to Gregorian with the Umm al-Qura rules (a shorthand for
/// [`HijriDate::to_gregorian`]).
///
/// ```
/// use jiff::civil::date;
/// use rasid_calendar::hijri_to_gregorian;
/// assert_eq!(hijri_to_gregorian(1439, 4, 3), Some(date(2017, 12, 21)));
/// assert_eq!(hijri_to_gregorian(1445, 9, 1), Some(date(2024, 3, 11))); // 1 Ramadan 1445
/// assert_eq!(hijri_to_gregorian(1439, 2, 31), None);
/// ```
pub fn hijri_to_gregorian(year: i32, month: u8, day: u8) -> Option<jiff::civil::Date> {
    HijriDate { year, month, day }.to_gregorian()
}

/// Converts a Gregorian date to Hijri with the Umm al-Qura rules (a shorthand
/// for [`HijriDate::from_gregorian`]).
///
/// ```
/// use jiff::civil::date;
/// use rasid_calendar::{gregorian_to_hijri, HijriDate};
/// assert_eq!(gregorian_to_hijri(date(2024, 3, 11)), Some(HijriDate { year: 1445, month: 9, day: 1 }));
/// ```
pub fn gregorian_to_hijri(date: jiff::civil::Date) -> Option<HijriDate> {
    HijriDate::from_gregorian(date)
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::*;

    #[test]
    fn known_dates() {
        // 1 Muharram 1439 = 2017-09-21 (Umm al-Qura).
        assert_eq!(hijri_to_gregorian(1439, 1, 1), Some(date(2017, 9, 21)));
        // 1 Shawwal 1438 (Eid al-Fitr) = 2017-06-25.
        assert_eq!(hijri_to_gregorian(1438, 10, 1), Some(date(2017, 6, 25)));
        // 10 Dhu al-Hijja 1444 = 2023-06-28.
        assert_eq!(hijri_to_gregorian(1444, 12, 10), Some(date(2023, 6, 28)));
        // Start of the KACST table.
        assert_eq!(hijri_to_gregorian(1300, 1, 1), Some(date(1882, 11, 12)));
    }

    #[test]
    fn round_trip_over_a_span() {
        let mut d = date(1990, 1, 1);
        while d < date(2040, 1, 1) {
            let h = gregorian_to_hijri(d).unwrap();
            assert_eq!(h.to_gregorian(), Some(d), "{h}");
            d = d.tomorrow().unwrap();
        }
    }

    #[test]
    fn rejects_impossible() {
        assert_eq!(hijri_to_gregorian(0, 1, 1), None);
        assert_eq!(hijri_to_gregorian(-5, 1, 1), None);
        assert_eq!(hijri_to_gregorian(1439, 0, 1), None);
        assert_eq!(hijri_to_gregorian(1439, 1, 0), None);
        assert_eq!(hijri_to_gregorian(9999, 12, 29), None); // past jiff's year 9999
        assert_eq!(hijri_to_gregorian(i32::MAX, 1, 1), None);
        assert!(hijri_to_gregorian(1, 1, 1).is_some());
        assert_eq!(gregorian_to_hijri(date(600, 1, 1)), None);
    }
}
