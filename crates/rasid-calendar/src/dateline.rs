//! Dateline parsing: the one-line date (and time) under a headline, or a free-text
//! date field of an HTML page or feed.
//!
//! The line is tokenised ([`crate::tokens`]), then scanned left to right for
//! *items*: times, numeric dates, textual dates (day, month name or names,
//! year, calendar marker), weekdays, labels (`نشر في`, `آخر تحديث`, `الموافق`…),
//! punctuation and unknown words. A line is only a dateline when the unknown
//! words are few, short, and set off from the date (a leading place such as
//! `القاهرة - `, an agency in parentheses, a zone after `بتوقيت`). Labels split
//! the line into clauses (published / updated); the published clause wins.
//! Within a clause the Gregorian date wins over a Hijri one, which is kept as a
//! cross-check, and the first time and weekday are checked against the date.

use jiff::civil::{Date, Time, Weekday};
use rasid_core::{Span, Timestamp};

use crate::hijri::{hijri_to_gregorian, is_tabulated, HijriDate, UMM_AL_QURA_TABULATED_YEARS};
use crate::months::{month_by_normalized, Calendar, MonthName};
use crate::tokens::{tokenize, Tok, Token};
use crate::weekdays::{weekday_by_normalized, weekday_name_en};

/// Longest line (in characters) still considered a dateline.
///
/// ```
/// use rasid_calendar::{parse_dateline, MAX_DATELINE_CHARS};
/// let long = format!("21/12/2017{}", " ".repeat(MAX_DATELINE_CHARS));
/// assert!(parse_dateline(&long).is_none());
/// ```
pub const MAX_DATELINE_CHARS: usize = 200;

/// A dateline parsed into a timestamp.
///
/// ```
/// use rasid_calendar::{parse_dateline, Calendar};
/// let line = "القاهرة - الخميس، 21 ديسمبر 2017 10:57 ص";
/// let d = parse_dateline(line).unwrap();
/// assert_eq!(d.timestamp.to_string(), "2017-12-21T10:57:00");
/// assert_eq!(d.span.slice(line), Some("الخميس، 21 ديسمبر 2017 10:57 ص"));
/// assert_eq!((d.calendar, d.has_time), (Calendar::Gregorian, true));
/// assert!(d.warnings.is_empty());
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Dateline {
    /// The publication time it states: local (offset-less) unless the line gives
    /// a zone (`+03:00`, `GMT+3`, `Z`). Midnight when no time is given.
    pub timestamp: Timestamp,
    /// The part of the line that is the date (and time), weekday included, in
    /// bytes; labels and a leading place are outside it.
    pub span: Span,
    /// Problems such as a weekday that contradicts the date.
    pub warnings: Vec<String>,
    /// The calendar of the date the timestamp was taken from (Gregorian when the
    /// line gives both).
    pub calendar: Calendar,
    /// Whether the line gave a (valid) time of day.
    pub has_time: bool,
}

/// Parses a dateline such as `الخميس، 21 ديسمبر 2017 10:57 ص`.
///
/// Returns `None` when the line is not mostly a date (a body paragraph, a
/// headline that mentions a date), when it has no complete date (day, month and
/// year), or when the date is impossible (`31 فبراير`, month 13, year 0). An
/// impossible time or a contradicting weekday keeps the date and adds a warning.
/// Never panics.
///
/// ```
/// use rasid_calendar::parse_dateline;
/// let iso = |s: &str| parse_dateline(s).map(|d| d.timestamp.to_string());
/// assert_eq!(iso("الخميس، 21 ديسمبر 2017 10:57 ص").as_deref(), Some("2017-12-21T10:57:00"));
/// assert_eq!(iso("٢١/١٢/٢٠١٧").as_deref(), Some("2017-12-21T00:00:00"));
/// assert_eq!(iso("الخميس 21 كانون الأول/ديسمبر 2017").as_deref(), Some("2017-12-21T00:00:00"));
/// assert_eq!(iso("3 ربيع الآخر 1439 هـ").as_deref(), Some("2017-12-21T00:00:00"));
/// assert_eq!(iso("2017-12-21T10:57:00+03:00").as_deref(), Some("2017-12-21T10:57:00+03:00"));
/// assert_eq!(iso("بدأت جولة محادثات سلام جديدة في 21 ديسمبر 2017 بين النظام والمعارضة"), None);
/// assert_eq!(iso("31 فبراير 2017"), None);
///
/// let d = parse_dateline("الجمعة 21 ديسمبر 2017").unwrap();
/// assert_eq!(d.warnings, ["dateline weekday الجمعة (Friday) contradicts 2017-12-21 (Thursday)"]);
/// ```
pub fn parse_dateline(line: &str) -> Option<Dateline> {
    if line.chars().nth(MAX_DATELINE_CHARS).is_some() {
        return None;
    }
    let parser = Parser {
        line,
        toks: tokenize(line),
    };
    let items = parser.items();
    if !looks_like_dateline(&items, line) {
        return None;
    }
    let clauses = split_clauses(&items);
    let pick = |role: Role| {
        clauses
            .iter()
            .filter(|c| c.role == role)
            .find_map(|c| resolve(line, c.items))
    };
    if let Some(found) = pick(Role::Published).or_else(|| pick(Role::Other)) {
        return Some(found);
    }
    let mut updated = pick(Role::Updated)?;
    updated
        .warnings
        .push("dateline gives only an update time; used it as the publication time".to_owned());
    Some(updated)
}

// ---------------------------------------------------------------------------
// Words with a fixed role.

/// What a label word does for the line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
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

fn label_role(word: &str) -> Option<Role> {
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
enum Period {
    Am,
    Pm,
    Noon,
    Night,
}

fn period(word: &str) -> Option<Period> {
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

fn period_text(p: Period) -> &'static str {
    match p {
        Period::Am => "AM",
        Period::Pm => "PM",
        Period::Noon => "noon",
        Period::Night => "night",
    }
}

fn calendar_marker(word: &str) -> Option<Calendar> {
    Some(match word {
        "ه" | "هجري" | "هجريه" | "هجريا" | "للهجره" | "ah" => Calendar::Hijri,
        "م" | "ميلادي" | "ميلاديه" | "ميلاديا" | "للميلاد" | "ad" | "ce" => {
            Calendar::Gregorian
        }
        _ => return None,
    })
}

fn is_utc_word(word: &str) -> bool {
    matches!(
        word,
        "gmt" | "utc" | "غرينتش" | "جرينتش" | "غرينيتش" | "جرينيتش" | "غرنتش"
    )
}

// ---------------------------------------------------------------------------
// Items.

/// A date as written; checked only when it is used.
#[derive(Clone, Debug, PartialEq)]
struct DateItem {
    calendar: Calendar,
    /// (year, month, day) when all three were given and the month names agree.
    ymd: Option<(u32, u8, u32)>,
    /// Something made the date unusable although it looked complete.
    problem: Option<String>,
    /// Notes about how it was read (month/day order, Hijri guessed).
    notes: Vec<String>,
}

#[derive(Clone, Debug, PartialEq)]
struct TimeItem {
    /// The time of day, or why it is not one.
    time: Result<Time, String>,
    offset_seconds: Option<i32>,
    notes: Vec<String>,
}

#[derive(Clone, Debug, PartialEq)]
enum Kind {
    Date(DateItem),
    Time(TimeItem),
    Weekday(Weekday),
    Label(Role),
    /// A known date word standing alone (مساء، هـ، GMT).
    Marker,
    Punct,
    Unknown,
}

#[derive(Clone, Debug, PartialEq)]
struct Item {
    kind: Kind,
    start: usize,
    end: usize,
}

struct Parser<'a> {
    line: &'a str,
    toks: Vec<Token>,
}

impl Parser<'_> {
    fn num(&self, i: usize) -> Option<(u32, usize)> {
        match self.toks.get(i)?.tok {
            Tok::Num { value: Some(v), digits } => Some((v, digits)),
            _ => None,
        }
    }

    fn word(&self, i: usize) -> Option<&str> {
        match &self.toks.get(i)?.tok {
            Tok::Word(w) => Some(w.as_str()),
            _ => None,
        }
    }

    fn punct(&self, i: usize) -> Option<char> {
        match self.toks.get(i)?.tok {
            Tok::Punct(c) => Some(c),
            _ => None,
        }
    }

    /// Token `i` ends exactly where token `i + 1` starts.
    fn touches_next(&self, i: usize) -> bool {
        match (self.toks.get(i), self.toks.get(i + 1)) {
            (Some(a), Some(b)) => a.end == b.start,
            _ => false,
        }
    }

    fn start(&self, i: usize) -> usize {
        self.toks.get(i).map_or(self.line.len(), |t| t.start)
    }

    /// End of token `i - 1`, i.e. of the last token of a match ending before `i`.
    fn end_before(&self, i: usize) -> usize {
        i.checked_sub(1).and_then(|j| self.toks.get(j)).map_or(0, |t| t.end)
    }

    fn text(&self, from: usize, to: usize) -> &str {
        self.line.get(self.start(from)..self.end_before(to)).unwrap_or_default()
    }

    fn items(&self) -> Vec<Item> {
        let mut items = Vec::new();
        let mut i = 0;
        while i < self.toks.len() {
            let found = self
                .time(i)
                .map(|(t, next)| (Kind::Time(t), next))
                .or_else(|| self.numeric_date(i).map(|(d, next)| (Kind::Date(d), next)))
                .or_else(|| self.textual_date(i).map(|(d, next)| (Kind::Date(d), next)));
            let (kind, next) = match found {
                Some(f) => f,
                None => (self.single(i), i + 1),
            };
            let next = next.max(i + 1);
            items.push(Item {
                kind,
                start: self.start(i),
                end: self.end_before(next),
            });
            i = next;
        }
        items
    }

    /// Classifies one token that starts no date or time.
    fn single(&self, i: usize) -> Kind {
        match self.toks.get(i).map(|t| &t.tok) {
            Some(Tok::Word(w)) => {
                if let Some(day) = weekday_by_normalized(w) {
                    Kind::Weekday(day)
                } else if let Some(role) = label_role(w) {
                    Kind::Label(role)
                } else if period(w).is_some() || calendar_marker(w).is_some() || is_utc_word(w) {
                    Kind::Marker
                } else {
                    Kind::Unknown
                }
            }
            Some(Tok::Punct(_)) => Kind::Punct,
            _ => Kind::Unknown,
        }
    }

    /// `hh:mm[:ss[.fff]] [ص|م|صباحا|مساء…] [zone]`.
    fn time(&self, i: usize) -> Option<(TimeItem, usize)> {
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
    fn zone(&self, k: usize) -> (Option<Result<i32, String>>, usize) {
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
    fn signed_offset(&self, j: usize, allow_hours_only: bool) -> Option<(Result<i32, String>, usize)> {
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

    /// `21/12/2017`, `21-12-2017`, `21.12.2017`, `2017/12/21`, `2017-12-21`,
    /// optionally followed by a calendar marker (`1439/04/03 هـ`).
    fn numeric_date(&self, i: usize) -> Option<(DateItem, usize)> {
        let (a, a_digits) = self.num(i)?;
        let sep = self.punct(i + 1)?;
        if !matches!(sep, '/' | '-' | '.') || self.punct(i + 3) != Some(sep) {
            return None;
        }
        let (b, b_digits) = self.num(i + 2)?;
        let (c, c_digits) = self.num(i + 4)?;
        let tight = (i..i + 4).all(|j| self.touches_next(j));
        if !tight && sep != '/' {
            return None;
        }
        // Not part of a longer run (a phone number, a version, a time).
        if self.touches_next(i + 4)
            && matches!(self.punct(i + 5), Some(p) if p == sep || p == ':')
            && self.touches_next(i + 5)
            && self.num(i + 6).is_some()
        {
            return None;
        }
        let mut notes = Vec::new();
        let (year, month, day) = match (a_digits, b_digits, c_digits) {
            (4, 1..=2, 1..=2) => (a, b, c),
            (1..=2, 1..=2, 4) if b > 12 && (1..=12).contains(&a) => {
                notes.push(format!("numeric date {} read as month/day/year", self.text(i, i + 5)));
                (c, a, b)
            }
            (1..=2, 1..=2, 4) => (c, b, a),
            _ => return None,
        };
        let mut next = i + 5;
        let marker = self.word(next).and_then(calendar_marker);
        if marker.is_some() {
            next += 1;
        }
        let calendar = marker.unwrap_or_else(|| {
            if (1300..=1500).contains(&year) {
                notes.push(format!(
                    "numeric date {} has year {year}: read as Hijri",
                    self.text(i, i + 5)
                ));
                Calendar::Hijri
            } else {
                Calendar::Gregorian
            }
        });
        let month = u8::try_from(month).unwrap_or(u8::MAX);
        Some((
            DateItem {
                calendar,
                ymd: Some((year, month, day)),
                problem: None,
                notes,
            },
            next,
        ))
    }

    /// A month name (or several agreeing names: `تشرين الأول/أكتوبر`) at token `j`.
    fn month_at(&self, j: usize) -> Option<(MonthName, usize)> {
        let first = self.word(j)?;
        if let Some(second) = self.word(j + 1) {
            if let Some(m) = month_by_normalized(&format!("{first} {second}")) {
                return Some((m, j + 2));
            }
        }
        month_by_normalized(first).map(|m| (m, j + 1))
    }

    /// `كانون الأول/ديسمبر`, `ديسمبر (كانون الأول)`, `أيار / مايو`: returns the first
    /// month, whether all names agree, and the next token.
    fn month_group(&self, j: usize) -> Option<(MonthName, bool, usize)> {
        let (first, mut k) = self.month_at(j)?;
        let mut agree = true;
        loop {
            let (open, m) = match self.punct(k) {
                Some('/' | '\\' | '-' | '–' | '—' | '|' | '،' | ',') => (None, k + 1),
                Some('(') => (Some(')'), k + 1),
                Some('[') => (Some(']'), k + 1),
                _ => (None, k),
            };
            let Some((other, after)) = self.month_at(m) else { break };
            if other.calendar != first.calendar {
                break;
            }
            agree &= other.number == first.number;
            k = after;
            if let Some(close) = open {
                if self.punct(k) == Some(close) {
                    k += 1;
                }
            }
        }
        Some((first, agree, k))
    }

    /// A four-digit year at token `j` that is not the hour of a time.
    fn year_at(&self, j: usize) -> Option<u32> {
        let (v, digits) = self.num(j)?;
        let glued = self.touches_next(j)
            && matches!(self.punct(j + 1), Some(':' | '/' | '.' | '-'))
            && self.touches_next(j + 1)
            && self.num(j + 2).is_some();
        (digits == 4 && !glued).then_some(v)
    }

    /// `21 ديسمبر 2017 م`, `3 من ربيع الآخر 1439 هـ`, `December 21, 2017`, and the
    /// incomplete `21 ديسمبر` / `ديسمبر 2017` (kept as date words).
    fn textual_date(&self, i: usize) -> Option<(DateItem, usize)> {
        let mut j = i;
        let mut day = None;
        if let Some((d, digits)) = self.num(j) {
            if digits > 2 || self.touches_next(j) && self.punct(j + 1) == Some(':') {
                return None;
            }
            day = Some(d);
            j += 1;
            if self.word(j) == Some("من") && self.month_at(j + 1).is_some() {
                j += 1;
            }
        }
        let (month, agree, mut k) = self.month_group(j)?;
        let comma = |at: usize| usize::from(matches!(self.punct(at), Some(',' | '،')));
        if day.is_none() {
            // Month first: `December 21, 2017`, `ديسمبر 21، 2017`.
            if let Some((d, 1..=2)) = self.num(k) {
                let y = k + 1 + comma(k + 1);
                if self.year_at(y).is_some() {
                    day = Some(d);
                    k += 1;
                }
            }
        }
        let mut year = None;
        let y = k + comma(k);
        if let Some(v) = self.year_at(y) {
            year = Some(v);
            k = y + 1;
            // The month name decides the calendar; a marker for the other one
            // (`ديسمبر 2017 هـ`) is a typo, not a conversion.
            if self.word(k).and_then(calendar_marker).is_some() {
                k += 1;
            }
        }
        let (ymd, problem) = match (day, year) {
            (Some(d), Some(y)) if agree => (Some((y, month.number, d)), None),
            (Some(_), Some(_)) => (None, Some(format!("month names in {} disagree", self.text(i, k)))),
            _ => (None, None),
        };
        Some((
            DateItem {
                calendar: month.calendar,
                ymd,
                problem,
                notes: Vec::new(),
            },
            k,
        ))
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

// ---------------------------------------------------------------------------
// Is it a dateline at all?

fn is_date_part(kind: &Kind) -> bool {
    matches!(kind, Kind::Date(_) | Kind::Time(_) | Kind::Weekday(_))
}

/// Can an unknown word (a place, an agency, a zone name) sit next to this item?
fn sets_off(items: &[Item], index: Option<usize>) -> bool {
    let Some(index) = index else { return true };
    let Some(item) = items.get(index) else { return true };
    match item.kind {
        Kind::Punct | Kind::Weekday(_) => true,
        Kind::Label(Role::Published | Role::Updated | Role::Anchor) => true,
        // `نشر في القاهرة`: a weak word right after a real label.
        Kind::Label(Role::Weak) => index
            .checked_sub(1)
            .and_then(|p| items.get(p))
            .is_some_and(|p| matches!(p.kind, Kind::Label(Role::Published | Role::Updated | Role::Anchor))),
        _ => false,
    }
}

fn looks_like_dateline(items: &[Item], line: &str) -> bool {
    let chars = |item: &Item| {
        line.get(item.start..item.end)
            .map_or(0, |s| s.chars().filter(|c| !c.is_whitespace()).count())
    };
    let mut date_chars = 0;
    let mut unknown_chars = 0;
    let mut unknown_words = 0;
    let mut index = 0;
    while index < items.len() {
        let Some(item) = items.get(index) else { break };
        if !matches!(item.kind, Kind::Unknown) {
            if is_date_part(&item.kind) {
                date_chars += chars(item);
            }
            index += 1;
            continue;
        }
        let run_start = index;
        while items.get(index).is_some_and(|it| matches!(it.kind, Kind::Unknown)) {
            unknown_chars += items.get(index).map_or(0, chars);
            index += 1;
        }
        let run = index - run_start;
        unknown_words += run;
        let before = run_start.checked_sub(1);
        let after = items.get(index).map(|_| index);
        // A short place at the start of the line may touch the date (`جدة 25 شوال
        // 1436هـ`), and a short agency at the end may follow it (`… 2015 م واس`).
        let glued = |neighbour: Option<usize>| {
            run <= 2
                && neighbour
                    .and_then(|n| items.get(n))
                    .is_some_and(|it| is_date_part(&it.kind))
        };
        let before_ok = sets_off(items, before) || (after.is_none() && glued(before));
        let after_ok = sets_off(items, after) || (before.is_none() && glued(after));
        if run > 3 || !before_ok || !after_ok {
            return false;
        }
    }
    date_chars > 0 && unknown_words <= 4 && unknown_chars <= date_chars
}

// ---------------------------------------------------------------------------
// Choosing and checking the date.

struct Clause<'i> {
    role: Role,
    items: &'i [Item],
}

fn split_clauses(items: &[Item]) -> Vec<Clause<'_>> {
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
fn gregorian(year: u32, month: u8, day: u32) -> Option<Date> {
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
fn hijri(year: u32, month: u8, day: u32, notes: &mut Vec<String>) -> Option<Date> {
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

fn resolve(line: &str, items: &[Item]) -> Option<Dateline> {
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

#[cfg(test)]
#[path = "dateline_tests.rs"]
mod tests;
