//! Values of time expressions and the arithmetic that resolves them against the anchor.

use std::fmt::Write as _;

use jiff::civil::{Date, Weekday};

use super::lexicon::Unit;

/// What a time expression points at, before it is written as a TIMEX3 value.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Val {
    /// A day; the year is `None` when it could not be resolved.
    Day(Option<i16>, i8, i8),
    /// A month.
    Month(Option<i16>, i8),
    /// A year.
    Year(i32),
    /// A decade, as its first three digits (`198` for the 1980s).
    Decade(i32),
    /// A century, as its first two digits (`19` for the 20th century).
    Century(i32),
    /// An ISO week.
    Week(i16, i8),
    /// The weekend of an ISO week.
    Weekend(i16, i8),
    /// A weekday that could not be resolved (no anchor).
    WeekdayX(Weekday),
    /// A Gregorian interval (a Hijri month or year).
    Interval(Date, Date),
    /// Anything else, already written (`P2D`, `PAST_REF`, `XXXX-XX-XX`).
    Lit(String),
}

/// A time of day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Tod {
    /// Hours and minutes.
    Clock(u8, u8),
    /// A part of the day: `MO`, `MI`, `AF`, `EV`, `NI`.
    Part(&'static str),
}

impl Val {
    /// A resolved day.
    pub fn day(d: Date) -> Val {
        Val::Day(Some(d.year()), d.month(), d.day())
    }

    /// True when the value is one day (so a time of day can join it).
    pub fn is_day(&self) -> bool {
        matches!(self, Val::Day(..) | Val::WeekdayX(_)) || matches!(self, Val::Lit(s) if s == "XXXX-XX-XX")
    }

    /// The value as TIMEX3 writes it, with a time of day when given.
    pub fn render(&self, tod: Option<Tod>) -> String {
        let mut s = String::with_capacity(16);
        match self {
            Val::Day(y, m, d) => {
                push_year(&mut s, y.map(i32::from));
                let _ = write!(s, "-{m:02}-{d:02}");
            }
            Val::Month(y, m) => {
                push_year(&mut s, y.map(i32::from));
                let _ = write!(s, "-{m:02}");
            }
            Val::Year(y) => push_year(&mut s, Some(*y)),
            // The issue-17 conventions: `199X`, `17XX` (GUIDELINES.md).
            Val::Decade(d) => {
                let _ = write!(s, "{d:03}X");
            }
            Val::Century(c) => {
                let _ = write!(s, "{c:02}XX");
            }
            Val::Week(y, w) => {
                let _ = write!(s, "{y:04}-W{w:02}");
            }
            Val::Weekend(y, w) => {
                let _ = write!(s, "{y:04}-W{w:02}-WE");
            }
            Val::WeekdayX(wd) => {
                let _ = write!(s, "XXXX-WXX-{}", wd.to_monday_one_offset());
            }
            Val::Interval(a, b) => {
                let _ = write!(s, "{a}/{b}");
            }
            Val::Lit(l) => s.push_str(l),
        }
        match tod {
            Some(Tod::Clock(h, m)) => {
                let _ = write!(s, "T{h:02}:{m:02}");
            }
            // Noon (`ظهر`, `الزوال`) is a clock time (GUIDELINES.md, TIME).
            Some(Tod::Part("MI")) => s.push_str("T12:00"),
            Some(Tod::Part(p)) => {
                s.push('T');
                s.push_str(p);
            }
            None => {}
        }
        s
    }
}

fn push_year(s: &mut String, y: Option<i32>) {
    match y {
        Some(y) if (0..=9999).contains(&y) => {
            let _ = write!(s, "{y:04}");
        }
        _ => s.push_str("XXXX"),
    }
}

/// `anchor` moved by `n` days.
pub(crate) fn add_days(anchor: Date, n: i64) -> Option<Date> {
    let span = jiff::Span::new().try_days(n).ok()?;
    anchor.checked_add(span).ok()
}

/// The date of `weekday` nearest to `day` (at most three days away): `غدا الأحد`
/// is the Sunday nearest tomorrow, whatever the anchor's own weekday.
pub(crate) fn nearest_weekday(day: Date, weekday: Weekday) -> Option<Date> {
    [0, 1, -1, 2, -2, 3, -3]
        .into_iter()
        .filter_map(|k| add_days(day, k))
        .find(|d| d.weekday() == weekday)
}

/// Two TIMEX3 durations added up: `PT11H` + `PT5M` → `PT11H5M`, `P2D` + `PT3H`
/// → `P2DT3H`, `P3Y` + `P6M` → `P3Y6M`.
pub(crate) fn add_durations(a: &str, b: &str) -> String {
    let split = |d: &str| -> (String, String) {
        let body = d.strip_prefix('P').unwrap_or(d);
        match body.split_once('T') {
            Some((date, time)) => (date.to_string(), time.to_string()),
            None => (body.to_string(), String::new()),
        }
    };
    let (ad, at) = split(a);
    let (bd, bt) = split(b);
    let (date, time) = (ad + &bd, at + &bt);
    if time.is_empty() {
        format!("P{date}")
    } else {
        format!("P{date}T{time}")
    }
}

/// The month `n` months from the anchor's.
pub(crate) fn add_months(year: i16, month: i8, n: i64) -> Option<(i16, i8)> {
    let total = i64::from(year) * 12 + i64::from(month) - 1 + n;
    let y = i16::try_from(total.div_euclid(12)).ok()?;
    let m = i8::try_from(total.rem_euclid(12) + 1).ok()?;
    (0..=9999).contains(&y).then_some((y, m))
}

/// The ISO week of a date.
pub(crate) fn week_of(d: Date) -> Val {
    let w = d.iso_week_date();
    Val::Week(w.year(), w.week())
}

/// Which way a weekday or a month without a year points.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Dir {
    /// On or before the anchor.
    Past,
    /// On or after the anchor.
    Future,
    /// Strictly before (`الماضي`).
    Before,
    /// Strictly after (`المقبل`).
    After,
}

/// The date of `weekday` seen from `anchor` in direction `dir`.
pub(crate) fn resolve_weekday(anchor: Date, weekday: Weekday, dir: Dir) -> Option<Date> {
    let fwd = i64::from((weekday.to_sunday_zero_offset() - anchor.weekday().to_sunday_zero_offset()).rem_euclid(7));
    let back = (7 - fwd) % 7;
    let n = match dir {
        Dir::Past => -back,
        Dir::Future => fwd,
        Dir::Before => {
            if back == 0 {
                -7
            } else {
                -back
            }
        }
        Dir::After => {
            if fwd == 0 {
                7
            } else {
                fwd
            }
        }
    };
    add_days(anchor, n)
}

/// The year of a month (1–12) without a year, seen from the anchor.
pub(crate) fn resolve_month_year(anchor: Date, month: i8, dir: Option<Dir>) -> i16 {
    let (ay, am) = (anchor.year(), anchor.month());
    match dir {
        Some(Dir::Before) => {
            if month < am {
                ay
            } else {
                ay - 1
            }
        }
        Some(Dir::After) => {
            if month > am {
                ay
            } else {
                ay + 1
            }
        }
        Some(Dir::Future) => {
            if month + 1 < am {
                ay + 1
            } else {
                ay
            }
        }
        Some(Dir::Past) => {
            if month > am {
                ay - 1
            } else {
                ay
            }
        }
        // No tense in sight: news mostly looks back; a month far ahead is last year's.
        None => {
            if month > am + 4 {
                ay - 1
            } else {
                ay
            }
        }
    }
}

/// A TIMEX3 duration: `P2D`, `PT4H`, `P1.5Y`, `PXD` for some days.
pub(crate) fn duration(n: Option<f64>, unit: Unit) -> String {
    let (designator, time, factor) = unit.designator();
    let mut s = String::from(if time { "PT" } else { "P" });
    match n {
        Some(n) => {
            let v = n * f64::from(factor);
            if v.fract() == 0.0 && v.abs() < 1e15 {
                let _ = write!(s, "{}", v as i64);
            } else {
                let _ = write!(s, "{v}");
            }
        }
        None => s.push('X'),
    }
    s.push_str(designator);
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn weekdays_resolve_both_ways() {
        let thu = date(2017, 12, 21);
        assert_eq!(
            resolve_weekday(thu, Weekday::Friday, Dir::Future),
            Some(date(2017, 12, 22))
        );
        assert_eq!(
            resolve_weekday(thu, Weekday::Friday, Dir::Past),
            Some(date(2017, 12, 15))
        );
        assert_eq!(resolve_weekday(thu, Weekday::Thursday, Dir::Past), Some(thu));
        assert_eq!(
            resolve_weekday(thu, Weekday::Thursday, Dir::Before),
            Some(date(2017, 12, 14))
        );
        assert_eq!(
            resolve_weekday(thu, Weekday::Tuesday, Dir::Before),
            Some(date(2017, 12, 19))
        );
    }

    #[test]
    fn durations_render() {
        assert_eq!(duration(Some(2.0), Unit::Day), "P2D");
        assert_eq!(duration(Some(4.0), Unit::Hour), "PT4H");
        assert_eq!(duration(None, Unit::Month), "PXM");
        assert_eq!(duration(Some(2.0), Unit::Decade), "P20Y");
        assert_eq!(add_durations("PT11H", "PT5M"), "PT11H5M");
        assert_eq!(add_durations("P2D", "PT3H"), "P2DT3H");
        assert_eq!(add_durations("P3Y", "P6M"), "P3Y6M");
        assert_eq!(duration(Some(1.5), Unit::Year), "P1.5Y");
    }

    #[test]
    fn months_without_a_year() {
        let dec = date(2017, 12, 21);
        assert_eq!(resolve_month_year(dec, 10, None), 2017);
        assert_eq!(resolve_month_year(dec, 12, Some(Dir::Before)), 2016);
        assert_eq!(resolve_month_year(dec, 1, Some(Dir::After)), 2018);
        let feb = date(2018, 2, 10);
        assert_eq!(resolve_month_year(feb, 11, None), 2017);
    }
}
