//! Choosing the date of a clause and checking it: Gregorian over Hijri, weekday and time checks.

use jiff::civil::{Date, Time};
use rasid_core::{Span, Timestamp};

use super::items::{Item, Kind};
use super::shape::is_date_part;
use super::words::Role;
use super::Dateline;
use crate::hijri::{hijri_to_gregorian, is_tabulated, HijriDate, UMM_AL_QURA_TABULATED_YEARS};
use crate::months::Calendar;
use crate::weekdays::weekday_name_en;

pub(super) struct Clause<'i> {
    pub(super) role: Role,
    pub(super) items: &'i [Item],
}

pub(super) fn split_clauses(items: &[Item]) -> Vec<Clause<'_>> {
    let mut clauses = Vec::new();
    let mut role = Role::Other;
    let mut start = 0;
    for (index, item) in items.iter().enumerate() {
        if let Kind::Label(r @ (Role::Published | Role::Updated)) = item.kind {
            if r != role || index > start {
                clauses.push(Clause {
                    role,
                    items: items.get(start..index).unwrap_or_default(),
                });
                role = r;
                start = index;
            }
        }
    }
    clauses.push(Clause {
        role,
        items: items.get(start..).unwrap_or_default(),
    });
    clauses
}

/// A Gregorian date from raw numbers, or why not.
pub(super) fn gregorian(year: u32, month: u8, day: u32) -> Option<Date> {
    if year == 0 {
        return None;
    }
    Date::new(
        i16::try_from(year).ok()?,
        i8::try_from(month).ok()?,
        i8::try_from(day).ok()?,
    )
    .ok()
}

/// A Hijri date converted, with notes; `None` when it does not exist.
pub(super) fn hijri(year: u32, month: u8, day: u32, notes: &mut Vec<String>) -> Option<Date> {
    let h = HijriDate {
        year: i32::try_from(year).ok()?,
        month,
        day: u8::try_from(day).ok()?,
    };
    if !is_tabulated(h.year) && (1..=12).contains(&month) {
        notes.push(format!(
            "Hijri year {} is outside the Umm al-Qura tables ({}-{} AH); converted with the tabular calendar",
            h.year,
            UMM_AL_QURA_TABULATED_YEARS.start(),
            UMM_AL_QURA_TABULATED_YEARS.end()
        ));
    }
    if let Some(date) = h.to_gregorian() {
        return Some(date);
    }
    // Day 30 of a month that Umm al-Qura makes 29 days long: local sighting
    // often differs by a day, so read it as the day after the 29th.
    if h.day == 30 {
        let date = hijri_to_gregorian(h.year, h.month, 29)?.tomorrow().ok()?;
        notes.push(format!(
            "Hijri date {h} does not exist by Umm al-Qura (29-day month); read as the day after the 29th"
        ));
        return Some(date);
    }
    None
}

pub(super) fn resolve(line: &str, items: &[Item]) -> Option<Dateline> {
    /// The first usable date of one calendar: date, item index, notes on how it was read.
    type Slot = Option<(Date, usize, Vec<String>)>;
    let mut warnings = Vec::new();
    let mut gregorian_date: Slot = None;
    let mut hijri_date: Slot = None;
    for (index, item) in items.iter().enumerate() {
        let Kind::Date(d) = &item.kind else { continue };
        let Some((year, month, day)) = d.ymd else {
            if let Some(problem) = &d.problem {
                warnings.push(problem.clone());
            }
            continue;
        };
        let text = line.get(item.start..item.end).unwrap_or_default();
        let mut notes = d.notes.clone();
        let date = match d.calendar {
            Calendar::Gregorian => gregorian(year, month, day),
            Calendar::Hijri => hijri(year, month, day, &mut notes),
        };
        let Some(date) = date else {
            warnings.push(format!("date {text} does not exist"));
            continue;
        };
        let slot = match d.calendar {
            Calendar::Gregorian => &mut gregorian_date,
            Calendar::Hijri => &mut hijri_date,
        };
        match slot {
            None => *slot = Some((date, index, notes)),
            Some((first, _, _)) if *first != date => {
                warnings.push(format!(
                    "dateline also gives {text} ({date}), which differs from {first}; kept {first}"
                ));
            }
            Some(_) => {}
        }
    }
    let (date, calendar) = match (gregorian_date, hijri_date) {
        (Some((g, _, g_notes)), Some((h, hi, h_notes))) => {
            warnings.extend(g_notes);
            let days = (g.duration_since(h).as_hours() / 24).abs();
            // Within a day is moon sighting against Umm al-Qura; then the Hijri
            // date confirms the Gregorian one and how it was read does not matter.
            if days > 1 {
                warnings.extend(h_notes);
                let text = items
                    .get(hi)
                    .and_then(|it| line.get(it.start..it.end))
                    .unwrap_or_default();
                warnings.push(format!(
                    "Hijri date {text} ({h} by Umm al-Qura) disagrees with the Gregorian date {g} by {days} days"
                ));
            }
            (g, Calendar::Gregorian)
        }
        (Some((g, _, notes)), None) => {
            warnings.extend(notes);
            (g, Calendar::Gregorian)
        }
        (None, Some((h, _, notes))) => {
            warnings.extend(notes);
            (h, Calendar::Hijri)
        }
        (None, None) => return None,
    };

    let mut time = None;
    let mut offset = None;
    if let Some(t) = items.iter().find_map(|it| match &it.kind {
        Kind::Time(t) => Some(t),
        _ => None,
    }) {
        warnings.extend(t.notes.iter().cloned());
        match &t.time {
            Ok(clock) => {
                time = Some(*clock);
                offset = t.offset_seconds;
            }
            Err(problem) => warnings.push(problem.clone()),
        }
    }

    if let Some(item) = items.iter().find(|it| matches!(it.kind, Kind::Weekday(_))) {
        if let Kind::Weekday(stated) = item.kind {
            let actual = date.weekday();
            if stated != actual {
                let text = line.get(item.start..item.end).unwrap_or_default();
                warnings.push(format!(
                    "dateline weekday {text} ({}) contradicts {date} ({})",
                    weekday_name_en(stated),
                    weekday_name_en(actual)
                ));
            }
        }
    }

    let parts = || items.iter().filter(|it| is_date_part(&it.kind));
    let start = parts().map(|it| it.start).min().unwrap_or(0);
    let end = parts().map(|it| it.end).max().unwrap_or(0);
    let datetime = date.to_datetime(time.unwrap_or(Time::midnight()));
    let timestamp = match offset {
        Some(seconds) => Timestamp::with_offset(datetime, seconds),
        None => Timestamp::local(datetime),
    };
    Some(Dateline {
        timestamp,
        span: Span::new(start, end),
        warnings,
        calendar,
        has_time: time.is_some(),
    })
}
