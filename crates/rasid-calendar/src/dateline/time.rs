//! Times of day: `hh:mm[:ss]`, the day period, and a zone or UTC offset.

use jiff::civil::Time;

use super::items::{Parser, TimeItem};
use super::words::{is_utc_word, period, period_text, Period};

impl Parser<'_> {
    /// `hh:mm[:ss[.fff]] [ص|م|صباحا|مساء…] [zone]`.
    pub(super) fn time(&self, i: usize) -> Option<(TimeItem, usize)> {
        let (hour, hour_digits) = self.num(i)?;
        if hour_digits > 2 {
            return None;
        }
        let clock_form = self.punct(i + 1) == Some(':')
            && self.touches_next(i)
            && self.touches_next(i + 1)
            && matches!(self.num(i + 2), Some((_, 2)));
        let (minute, mut k) = match self.num(i + 2) {
            Some((minute, _)) if clock_form => (minute, i + 3),
            _ => {
                // An hour alone: `10 صباحا`, `الساعة 10`.
                let after_hour_word = i
                    .checked_sub(1)
                    .and_then(|p| self.word(p))
                    .is_some_and(|w| w == "الساعه");
                if !after_hour_word && self.word(i + 1).and_then(period).is_none() {
                    return None;
                }
                (0, i + 1)
            }
        };
        let mut second = 0;
        if clock_form && self.punct(k) == Some(':') && self.touches_next(k - 1) && self.touches_next(k) {
            if let Some((s, 2)) = self.num(k + 1) {
                second = s;
                k += 2;
            }
        }
        let mut nanos = 0;
        if clock_form && self.punct(k) == Some('.') && self.touches_next(k - 1) && self.touches_next(k) {
            if let Some((f, digits @ 1..=9)) = self.num(k + 1) {
                let scale = 10u32.checked_pow(u32::try_from(9 - digits).unwrap_or(0)).unwrap_or(1);
                nanos = f.saturating_mul(scale);
                k += 2;
            }
        }
        let clock = self.text(i, k).to_owned();
        let mut notes = Vec::new();
        let mut period_word = None;
        if let Some(p) = self.word(k).and_then(period) {
            period_word = Some((p, k));
            k += 1;
        }
        let (offset, k) = self.zone(k);
        let offset_seconds = match offset {
            Some(Ok(seconds)) => Some(seconds),
            Some(Err(problem)) => {
                notes.push(problem);
                None
            }
            None => None,
        };
        let hour24 = match period_word {
            None => Some(hour),
            Some((p, at)) => {
                let h = to_24h(hour, p);
                if p == Period::Am && hour > 12 && hour < 24 {
                    notes.push(format!(
                        "time {clock} is marked {} ({}) but the hour is past 12; kept as {clock}",
                        self.text(at, at + 1),
                        period_text(p)
                    ));
                }
                h
            }
        };
        let time = hour24
            .and_then(|h| {
                let (h, m, s) = (
                    i8::try_from(h).ok()?,
                    i8::try_from(minute).ok()?,
                    i8::try_from(second).ok()?,
                );
                Time::new(h, m, s, i32::try_from(nanos).ok()?).ok()
            })
            .ok_or_else(|| {
                format!(
                    "time {} is not a valid time of day; kept the date without it",
                    self.text(i, k)
                )
            });
        Some((
            TimeItem {
                time,
                offset_seconds,
                notes,
            },
            k,
        ))
    }

    /// A zone right after a time: `Z`, `+03:00`, `+0300`, `GMT`, `GMT+3`,
    /// `بتوقيت غرينتش`. Returns the offset (`Err` with the text when it is out of
    /// range), or `None`, and the next token.
    pub(super) fn zone(&self, k: usize) -> (Option<Result<i32, String>>, usize) {
        if self.word(k) == Some("z") && self.touches_next(k - 1) {
            return (Some(Ok(0)), k + 1);
        }
        let mut g = k;
        if matches!(self.word(g), Some("بتوقيت" | "توقيت")) {
            g += 1;
        }
        if self.word(g).is_some_and(is_utc_word) {
            return match self.signed_offset(g + 1, true) {
                Some((offset, next)) => (Some(offset), next),
                None => (Some(Ok(0)), g + 1),
            };
        }
        match self.signed_offset(k, false) {
            Some((offset, next)) => (Some(offset), next),
            None => (None, k),
        }
    }

    /// `+hh:mm`, `+hhmm`, and (after GMT/UTC only) `+h`/`+hh`. An offset past
    /// ±14:59 is returned as `Err` with its text.
    pub(super) fn signed_offset(&self, j: usize, allow_hours_only: bool) -> Option<(Result<i32, String>, usize)> {
        let sign = match self.punct(j)? {
            '+' => 1,
            '-' | '−' => -1,
            _ => return None,
        };
        if !self.touches_next(j) {
            return None;
        }
        let (v, digits) = self.num(j + 1)?;
        let (hours, minutes, next) = if digits == 4 {
            (v / 100, v % 100, j + 2)
        } else if digits <= 2 && self.punct(j + 2) == Some(':') && self.touches_next(j + 1) && self.touches_next(j + 2)
        {
            match self.num(j + 3) {
                Some((m, 2)) => (v, m, j + 4),
                _ => return None,
            }
        } else if digits <= 2 && allow_hours_only {
            (v, 0, j + 2)
        } else {
            return None;
        };
        let seconds = i32::try_from(hours * 3600 + minutes * 60)
            .ok()
            .filter(|_| hours <= 14 && minutes <= 59);
        let offset = seconds
            .map(|s| sign * s)
            .ok_or_else(|| format!("UTC offset {} is out of range; ignored", self.text(j, next)));
        Some((offset, next))
    }
}

fn to_24h(hour: u32, p: Period) -> Option<u32> {
    Some(match (p, hour) {
        (_, 24..) => return None,
        (Period::Am, 12) => 0,
        (Period::Pm, 1..=11) => hour + 12,
        (Period::Noon, 1..=5) => hour + 12,
        (Period::Night, 6..=11) => hour + 12,
        (Period::Night, 12) => 0,
        _ => hour,
    })
}
