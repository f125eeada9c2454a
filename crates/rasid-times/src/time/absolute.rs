//! Absolute dates: `21 ديسمبر 2017`, `21 كانون الأول 2017`, `تشرين الأول/أكتوبر`,
//! `الحادي والعشرين من ديسمبر`, `21/12/2017`, `2017-12-21`, `عام 2017`, decades,
//! centuries, Hijri dates (`3 ربيع الآخر 1439 هـ`) and Hijri months.

use jiff::civil::Date;
use rasid_calendar::{Calendar, HijriDate, MonthName};
use rasid_core::{TimexType, TokenKind};

use super::value::{resolve_month_year, Dir, Val};
use super::{lexicon, Cand, Ctx, What};
use crate::number::words::ordinal_at;
use crate::words::Clitics;

/// First words of the two-word month names.
const MONTH_HEADS: &[&str] = &["كانون", "تشرين", "ربيع", "جمادي", "جماد", "ذو", "ذي"];

/// Month names that are also common words or names: they need a date-like neighbour.
const AMBIGUOUS_MONTHS: &[&str] = &[
    "اب",
    "مارس",
    "ماي",
    "صفر",
    "رجب",
    "شعبان",
    "رمضان",
    "شوال",
    "محرم",
    "المحرم",
    "نيسان",
    "تموز",
    "جوان",
    "اوت",
    "may",
    "march",
    "mar",
    "jan",
    "feb",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "غشت",
];

/// Words after which a bare month or year is a date.
const DATE_CUES: &[&str] = &[
    "في",
    "منذ",
    "حتي",
    "خلال",
    "قبل",
    "بعد",
    "شهر",
    "مطلع",
    "بدايه",
    "نهايه",
    "منتصف",
    "اواخر",
    "اوايل",
    "اواسط",
    "مستهل",
    "موسم",
    "عام",
    "العام",
    "سنه",
    "السنه",
    "ابتداء",
    "اعتبارا",
];

impl Ctx<'_> {
    /// A month name at `j` (one or two words, and `X/Y` pairs of the two
    /// series): the month, the index after it, the first word's clitics.
    pub(crate) fn month_at(&self, j: usize) -> Option<(MonthName, usize, Clitics)> {
        let (m, mut end, c) = self.month_word_at(j)?;
        // `تشرين الأول/أكتوبر`, `يونيو/ حزيران`: the same month in another series.
        loop {
            // `سبتمبر أيلول`, `ديسمبر كانون الأول`: the other name right after.
            if let Some((m2, e2, c2)) = self.month_word_at(end) {
                if m2.number == m.number && m2.calendar == m.calendar && !c2.conj && !c2.prep {
                    end = e2;
                    continue;
                }
            }
            if !self.is_punct(end, &["/", "(", "-"]) {
                break;
            }
            match self.month_word_at(end + 1) {
                Some((m2, e2, c2)) if m2.number == m.number && !c2.conj => {
                    end = e2;
                    if self.is_punct(end, &[")"]) {
                        end += 1;
                    }
                }
                _ => break,
            }
        }
        Some((m, end, c))
    }

    fn month_word_at(&self, j: usize) -> Option<(MonthName, usize, Clitics)> {
        let w = self.w(j)?;
        if w.kind != TokenKind::Arabic && w.kind != TokenKind::Latin {
            return None;
        }
        let next = self.w(j + 1).filter(|n| n.sent == w.sent && !n.glued);
        for (form, c) in w.forms() {
            // `ذي الحجة`, never `الذي …`.
            if !c.def && MONTH_HEADS.contains(&form) {
                if let Some(n) = next {
                    let two = format!("{form} {}", n.key);
                    if let Some(m) = lexicon::month(&two) {
                        return Some((m, j + 2, c));
                    }
                }
            }
        }
        let (m, c) = w.lookup(lexicon::month)?;
        if c.def && m.calendar == Calendar::Gregorian {
            return None;
        }
        Some((m, j + 1, c))
    }

    /// A day of the month at `i`: `21`, `الـ22`, `الحادي والعشرين`, `الرابع`.
    fn day_at(&self, i: usize) -> Option<(i8, usize, usize, Clitics)> {
        let (j, keep) = self.after_prefix(i);
        let start = if keep { i } else { j };
        let w = self.w(j)?;
        if let Some(d) = w.plain_int() {
            if (1..=31).contains(&d) && self.chars(j) <= 2 {
                return Some((i8::try_from(d).ok()?, start, j + 1, Clitics::default()));
            }
            return None;
        }
        let (d, end) = ordinal_at(self.ws, j)?;
        let c = w.forms().find(|(_, c)| c.def).map(|(_, c)| c).unwrap_or_default();
        ((1..=31).contains(&d)).then_some((i8::try_from(d).ok()?, start, end, c))
    }

    /// A year after a month (`2017`, `عام 2016`, `1439 هـ`): year, index after, era.
    fn year_after(&self, j: usize) -> Option<(i32, usize, Option<Calendar>)> {
        let mut k = j;
        if self
            .w(k)
            .is_some_and(|w| w.lookup(|f| matches!(f, "عام" | "سنه").then_some(())).is_some())
        {
            k += 1;
        }
        let (k2, _) = self.after_prefix(k);
        let w = self.w(k2)?;
        if w.sent != self.w(j.saturating_sub(1)).map_or(w.sent, |p| p.sent) {
            return None;
        }
        let y = w.plain_int().filter(|y| (100..=2999).contains(y))?;
        if !(3..=4).contains(&self.chars(k2)) {
            return None;
        }
        let (era, end) = self.era_at(k2 + 1);
        Some((i32::try_from(y).ok()?, end, era))
    }

    /// `من عام 1923`, `من العام الماضي` after a month: the year, the index after it.
    fn year_after_min(&self, j: usize) -> Option<(i32, usize, Option<Calendar>)> {
        if !self.word_is(j, &["من"]) {
            return None;
        }
        // `من 300 …` is a count: the year needs its `عام`.
        let marked = self
            .w(j + 1)
            .is_some_and(|w| w.lookup(|f| matches!(f, "عام" | "سنه").then_some(())).is_some());
        if let Some(found) = self.year_after(j + 1).filter(|_| marked) {
            return Some(found);
        }
        let c = self.unit_rel_at(j + 1)?;
        match c.val {
            Val::Year(y) if c.start == j + 1 => Some((y, c.end, None)),
            _ => None,
        }
    }

    /// `هـ`, `م`, `ميلادي`, `هجري`, `للهجرة` after a year.
    fn era_at(&self, k: usize) -> (Option<Calendar>, usize) {
        match self.w(k) {
            Some(w) if w.is(&["ه", "هـ", "هجري", "هجريه", "للهجره"]) => {
                (Some(Calendar::Hijri), k + 1)
            }
            Some(w) if w.is(&["م", "ميلادي", "ميلاديه", "للميلاد"]) => {
                (Some(Calendar::Gregorian), k + 1)
            }
            _ => (None, k),
        }
    }

    /// `21 ديسمبر 2017`, `الحادي والعشرين من ديسمبر`, `تشرين الأول/أكتوبر`,
    /// `أيار/مايو`, `شهر رمضان`, `3 ربيع الآخر 1439 هـ`, `فبراير الماضي`.
    pub(crate) fn textual_date_at(&self, i: usize) -> Option<Cand> {
        let mut start = i;
        let mut day = None;
        let mut j = i;
        if let Some((d, s, e, _)) = self.day_at(i) {
            let mut k = e;
            if self.word_is(k, &["من"]) {
                k += 1;
            }
            let k2 = if self.w(k).is_some_and(|w| w.lex_is(&["شهر"])) {
                k + 1
            } else {
                k
            };
            // `3 صفر`; never `3 لصفر` (a score) nor `25 وآب`.
            if self.month_at(k2).is_some_and(|(_, _, c)| !c.prep && !c.conj) {
                day = Some(d);
                start = s;
                j = k2;
            } else if k > e {
                // `الخامس من الشهر الجاري`: a day of a month named by a relative word.
                if let Some(rel) = self.unit_rel_at(k) {
                    if let Val::Month(Some(y), m) = rel.val {
                        Date::new(y, m, d).ok()?;
                        return Some(
                            Cand::new(s, rel.end, TimexType::Date, Val::Day(Some(y), m, d))
                                .anchored(true)
                                .what(What::DayDate),
                        );
                    }
                }
            }
        }
        // `غرة جويلية`, `موفى سبتمبر`: the first and the last day of the month.
        let mut edge = None;
        if day.is_none() {
            if let Some((first, _)) = self.w(i)?.lookup(|f| match f {
                "غره" => Some(true),
                "موفي" => Some(false),
                _ => None,
            }) {
                let k = if self.w(i + 1).is_some_and(|w| w.lex_is(&["شهر"])) {
                    i + 2
                } else {
                    i + 1
                };
                if self.month_at(k).is_some_and(|(_, _, c)| !c.prep && !c.conj) {
                    edge = Some(first);
                    j = k;
                }
            }
        }
        let mut with_shahr = false;
        if day.is_none() {
            if let Some(((), c)) = self.w(i)?.lookup(|f| (f == "شهر").then_some(())) {
                if !c.def && self.month_at(i + 1).is_some() {
                    j = i + 1;
                    with_shahr = true;
                }
            }
        }
        let (m, mut end, mc) = self.month_at(j)?;
        let year = self.year_after(end).or_else(|| self.year_after_min(end));
        let mut rel = None;
        let mut y = None;
        if let Some((yy, e, _)) = year {
            y = Some(yy);
            end = e;
        } else if let Some(r) = self.rel_at(end) {
            rel = Some(r);
            end += 1;
        }
        let w0 = self.w(j)?;
        let slash = end > j + 1 && self.is_punct(j + 1, &["/", "("]);
        if day.is_none() && edge.is_none() && !with_shahr && y.is_none() && rel.is_none() && !slash {
            let ambiguous = w0.forms().any(|(f, _)| AMBIGUOUS_MONTHS.contains(&f)) || m.calendar == Calendar::Hijri;
            // A month that is also a word is read only after a word that
            // introduces a date, and never through a glued preposition alone:
            // `باب` is a door, not `ب` + `آب`; `لماي` is "to (Mrs) May".
            let glued = w0.forms().any(|(f, c)| c.prep && AMBIGUOUS_MONTHS.contains(&f));
            let cue = !glued
                && (mc.prep
                    || i.checked_sub(1)
                        .and_then(|p| self.w(p))
                        .is_some_and(|p| p.lex_is(DATE_CUES) || p.lookup(lexicon::part_of).is_some()));
            if ambiguous && !cue {
                return None;
            }
        }
        let anchor = self.anchor;
        let n = i8::try_from(m.number).ok()?;
        let (val, anchored) = if m.calendar == Calendar::Hijri {
            let day = match edge {
                Some(true) => Some(1),
                Some(false) => Some(-1),
                None => day,
            };
            self.hijri_value(m.number, day, y, rel)?
        } else {
            let (yr, anchored) = match (y, anchor) {
                (Some(y), _) => (Some(i16::try_from(y).ok()?), false),
                (None, Some(a)) => {
                    let dir = match rel {
                        Some(lexicon::Rel::Past) => Some(Dir::Before),
                        Some(lexicon::Rel::Next) => Some(Dir::After),
                        Some(lexicon::Rel::This) => None,
                        None => self.tense_before(start),
                    };
                    let yr = if rel == Some(lexicon::Rel::This) {
                        a.year()
                    } else {
                        resolve_month_year(a, n, dir)
                    };
                    (Some(yr), true)
                }
                (None, None) => (None, false),
            };
            let day = match edge {
                Some(true) => Some(1),
                Some(false) => Some(Date::new(yr.unwrap_or(2001), n, 1).ok()?.days_in_month()),
                None => day,
            };
            match day {
                Some(d) => {
                    // An impossible day (`31 فبراير`) is no date at all.
                    let check_year = yr.unwrap_or(2000);
                    Date::new(check_year, n, d).ok()?;
                    (Val::Day(yr, n, d), anchored)
                }
                None => (Val::Month(yr, n), anchored),
            }
        };
        let what = if day.is_some() || edge.is_some() {
            What::DayDate
        } else {
            What::Other
        };
        Some(
            Cand::new(start, end, TimexType::Date, val)
                .anchored(anchored)
                .what(what),
        )
    }

    /// `يوم 14/10/1436هـ`, `يوم 31 أغسطس`: `يوم` before a date with a day is part of it.
    pub(crate) fn yawm_date_at(&self, i: usize) -> Option<Cand> {
        let w = self.w(i)?;
        if !w.lex_is(&["يوم"]) || w.has_article() {
            return None;
        }
        let mut c = [self.numeric_date_at(i + 1), self.textual_date_at(i + 1)]
            .into_iter()
            .flatten()
            .filter(|c| c.start == i + 1 && c.val.is_day())
            .max_by_key(|c| c.end)?;
        c.start = i;
        Some(c)
    }

    /// A Hijri date or month, converted to Gregorian. The year comes from the
    /// anchor's Hijri year when not written.
    fn hijri_value(
        &self,
        month: u8,
        day: Option<i8>,
        year: Option<i32>,
        rel: Option<lexicon::Rel>,
    ) -> Option<(Val, bool)> {
        let (hy, anchored) = match (year, self.anchor) {
            // `رمضان 2018`: a Gregorian year; the Hijri year whose month starts in it.
            (Some(y), _) if y >= 1700 => {
                let guess = HijriDate::from_gregorian(Date::new(i16::try_from(y).ok()?, 6, 1).ok()?)?.year;
                let hy = (guess - 1..=guess + 1).find(|&hy| {
                    rasid_calendar::hijri_to_gregorian(hy, month, 1).is_some_and(|g| i32::from(g.year()) == y)
                })?;
                (hy, false)
            }
            (Some(y), _) => (y, false),
            (None, Some(a)) => {
                let h = HijriDate::from_gregorian(a)?;
                let y = match rel {
                    Some(lexicon::Rel::Past) if month >= h.month => h.year - 1,
                    Some(lexicon::Rel::Next) if month <= h.month => h.year + 1,
                    _ => h.year,
                };
                (y, true)
            }
            (None, None) => {
                let v = match day {
                    Some(_) => "XXXX-XX-XX",
                    None => "XXXX-XX",
                };
                return Some((Val::Lit(v.into()), false));
            }
        };
        match day {
            // The last day of the month.
            Some(-1) => {
                let len = HijriDate {
                    year: hy,
                    month,
                    day: 1,
                }
                .days_in_month()?;
                Some((Val::day(rasid_calendar::hijri_to_gregorian(hy, month, len)?), anchored))
            }
            Some(d) => {
                let g = rasid_calendar::hijri_to_gregorian(hy, month, u8::try_from(d).ok()?)?;
                Some((Val::day(g), anchored))
            }
            None => {
                let first = rasid_calendar::hijri_to_gregorian(hy, month, 1)?;
                let len = HijriDate {
                    year: hy,
                    month,
                    day: 1,
                }
                .days_in_month()?;
                let last = rasid_calendar::hijri_to_gregorian(hy, month, len)?;
                Some((Val::Interval(first, last), anchored))
            }
        }
    }

    /// `21/12/2017`, `2017-12-21`, `21.12.2017` (tokens glued together).
    pub(crate) fn numeric_date_at(&self, i: usize) -> Option<Cand> {
        let a = self.w(i)?.plain_int()?;
        let seps = ["/", "-", ".", "\\"];
        let s1 = self.w(i + 1)?;
        let b = self.w(i + 2)?;
        let s2 = self.w(i + 3)?;
        let c = self.w(i + 4)?;
        let glued = s1.glued && b.glued && s2.glued && c.glued;
        // `1 / 11 / 1436هـ`: written with spaces, a date only with a four-digit year last.
        let spaced = s1.is(&["/"]) && self.chars(i + 4) == 4 && a <= 31;
        if !((glued || spaced) && s1.is(&seps) && s2.key == s1.key) {
            return None;
        }
        let (b, c) = (b.plain_int()?, c.plain_int()?);
        let (y, m, d) = if a >= 1000 {
            (a, b, c)
        } else if c >= 1000 {
            (c, b, a)
        } else {
            return None;
        };
        let (y, m, d) = (i32::try_from(y).ok()?, i8::try_from(m).ok()?, i8::try_from(d).ok()?);
        let val = if (1300..1600).contains(&y) {
            Val::day(rasid_calendar::hijri_to_gregorian(
                y,
                u8::try_from(m).ok()?,
                u8::try_from(d).ok()?,
            )?)
        } else {
            let date = Date::new(i16::try_from(y).ok()?, m, d).ok()?;
            Val::day(date)
        };
        let (_, end) = self.era_at(i + 5);
        Some(Cand::new(i, end, TimexType::Date, val).what(What::DayDate))
    }

    /// `عام 2017`, `العام 2010`, `سنة 1439 هـ`, and a bare year where the context
    /// says it is one (`في 2013`, `روسيا 2018،`).
    pub(crate) fn year_at(&self, i: usize) -> Option<Cand> {
        let w = self.w(i)?;
        let mut k = i;
        let marked = if let Some(((), _)) = w.lookup(|f| matches!(f, "عام" | "سنه").then_some(())) {
            k = i + 1;
            true
        } else {
            false
        };
        let (k2, keep) = self.after_prefix(k);
        let start = if marked || keep { i } else { k2 };
        let y = self.w(k2)?;
        if !marked && y.sent != w.sent {
            return None;
        }
        let year = y.plain_int()?;
        let digits = self.chars(k2);
        let (era, end) = self.era_at(k2 + 1);
        if marked {
            if !(3..=4).contains(&digits) || !(100..=2999).contains(&year) || y.sent != w.sent {
                return None;
            }
        } else {
            let plausible = digits == 4 && (1900..=2099).contains(&year);
            if !plausible || y.glued && !keep && self.w(k2.wrapping_sub(1)).is_some_and(|p| p.kind == TokenKind::Punct)
            {
                return None;
            }
            let prev_cue = k2
                .checked_sub(1)
                .and_then(|p| self.w(p))
                .is_some_and(|p| p.lex_is(DATE_CUES));
            let next_ok = match self.w(k2 + 1) {
                None => true,
                Some(n) if n.sent != y.sent => true,
                Some(n) => {
                    n.kind == TokenKind::Punct
                        || (n.kind == TokenKind::Arabic
                            && (n.stop() || n.key.starts_with('و') || n.key.starts_with('ب') || n.key.starts_with('ل')))
                        || era.is_some()
                }
            };
            if !(prev_cue || next_ok) {
                return None;
            }
            // `2,000` style counts are not years; a number glued to `-`/`/` is a date part.
            if self.is_punct(k2 + 1, &["/", "-", ":", "%", "٪"]) && self.w(k2 + 1).is_some_and(|n| n.glued) {
                return None;
            }
        }
        let year = i32::try_from(year).ok()?;
        let val = if era == Some(Calendar::Hijri) {
            let first = rasid_calendar::hijri_to_gregorian(year, 1, 1)?;
            let next = rasid_calendar::hijri_to_gregorian(year + 1, 1, 1)?;
            Val::Interval(first, super::value::add_days(next, -1)?)
        } else {
            Val::Year(year)
        };
        Some(Cand::new(start, end, TimexType::Date, val))
    }

    /// `الثمانينيات`, `تسعينات القرن الماضي` → `198`, `199`.
    pub(crate) fn decade_at(&self, i: usize) -> Option<Cand> {
        let w = self.w(i)?;
        let (tens, _) = w.lookup(lexicon::decade_word)?;
        let mut end = i + 1;
        // Without a century: the latest one whose decade has begun by the anchor.
        let mut century = self.anchor.map_or(19, |a| {
            let y = i32::from(a.year());
            if (y / 100) * 100 + i32::from(tens) * 10 > y {
                y / 100 - 1
            } else {
                y / 100
            }
        });
        let at = if self.word_is(end, &["من"]) { end + 1 } else { end };
        if self.w(at).is_some_and(|n| n.lex_is(&["القرن"])) {
            if let Some(cand) = self.century_at(at) {
                if let Val::Century(cc) = cand.val {
                    century = cc;
                    end = cand.end;
                }
            }
        }
        Some(Cand::new(
            i,
            end,
            TimexType::Date,
            Val::Decade(century * 10 + i32::from(tens)),
        ))
    }

    /// `القرن العشرين`, `القرن الـ19`, `القرن الماضي`, `القرن الحادي والعشرين` → `19`, `18`, `20`.
    pub(crate) fn century_at(&self, i: usize) -> Option<Cand> {
        let w = self.w(i)?;
        let ((), c) = w.lookup(|f| (f == "قرن").then_some(()))?;
        if !c.def {
            return None;
        }
        let (n, end, anchored) = if let Some((n, e)) = ordinal_at(self.ws, i + 1) {
            (i32::try_from(n).ok()?, e, false)
        } else {
            let (k, _) = self.after_prefix(i + 1);
            if let Some(n) = self.w(k).and_then(|x| x.plain_int()).filter(|n| (1..=30).contains(n)) {
                (i32::try_from(n).ok()?, k + 1, false)
            } else {
                let r = self.rel_at(i + 1)?;
                let a = self.anchor?;
                let now = i32::from(a.year()) / 100 + 1;
                let n = match r {
                    lexicon::Rel::Past => now - 1,
                    lexicon::Rel::Next => now + 1,
                    lexicon::Rel::This => now,
                };
                (n, i + 2, true)
            }
        };
        if n < 1 {
            return None;
        }
        Some(Cand::new(i, end, TimexType::Date, Val::Century(n - 1)).anchored(anchored))
    }
}
