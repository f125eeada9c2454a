//! Expressions resolved against the anchor: weekdays, `اليوم`, `أمس`, `غدا`,
//! `الأسبوع الماضي`, `الشهر المقبل`, `منذ ثلاثة أيام`, `قبل أسبوعين`, `بعد يومين`,
//! `مطلع الشهر`, `أواخر تشرين الأول`, and the vague `حاليا`, `مؤخرا`.

use rasid_core::{TimexMod, TimexType, TokenKind};

use super::lexicon::{self, weekday, Rel, Table, Unit};
use super::value::{add_days, add_months, resolve_weekday, week_of, Dir, Tod, Val};
use super::{Cand, Ctx, What};

/// Halves and quarters of a year: `النصف` → (`H`, 2), `الربع` → (`Q`, 4); the
/// Maghrebi `السداسي` (half) and `الثلاثي` (quarter).
pub(crate) static YEAR_PARTS: Table<(char, u32)> = Table::new(&[
    ("نصف", ('H', 2)),
    ("ربع", ('Q', 4)),
    ("سداسي", ('H', 2)),
    ("ثلاثي", ('Q', 4)),
]);

/// `أمس`, `غدا` …: days from the anchor.
pub(crate) static DAY_OFFSETS: Table<i64> = Table::new(&[("امس", -1), ("البارحه", -1), ("غدا", 1), ("غد", 1)]);

/// `منذ`, `قبل`, `بعد` before a count: its direction from the anchor.
pub(crate) static OFFSET_WORDS: Table<i64> = Table::new(&[("منذ", -1), ("مذ", -1), ("قبل", -1), ("بعد", 1)]);

/// Kinds of year written between `العام` and its relative word.
const YEAR_KINDS: &[&str] = &["المالي", "الدراسي", "الجامعي", "الهجري", "الميلادي"];

/// `الوقت`, `الفترة`, `المرحلة` before `الحالي`/`الراهن`: the present.
pub(crate) const PRESENT_HEADS: &[&str] = &["وقت", "فتره", "مرحله"];

/// `الحالي`, `الحاضر`, `الراهن` (and their feminines) after [`PRESENT_HEADS`].
const PRESENT_WORDS: &[&str] = &["الحالي", "الحاليه", "الحاضر", "الراهن", "الراهنه"];

/// Vague references: `حاليا`, `الآن`, `مؤخرا`, `قريبا`.
pub(crate) static VAGUE_WORDS: Table<&str> = Table::new(&[
    ("حاليا", "PRESENT_REF"),
    ("الان", "PRESENT_REF"),
    ("راهنا", "PRESENT_REF"),
    ("موخرا", "PAST_REF"),
    ("حديثا", "PAST_REF"),
    ("مؤخرا", "PAST_REF"),
    ("قريبا", "FUTURE_REF"),
]);

impl Ctx<'_> {
    /// A part-of-day word without the article at `i` (`صباح`, `مساء`, `ليلة`),
    /// or `بعد الظهر`/`بعد الزوال` (afternoon), `قبل الظهر` (forenoon): the
    /// part and the index after it.
    pub(crate) fn day_part_at(&self, i: usize) -> Option<(&'static str, usize)> {
        let w = self.w(i)?;
        if let Some(((), _)) = w.lookup(|f| matches!(f, "بعد" | "قبل").then_some(())) {
            let (p, c) = self.w(i + 1)?.lookup(lexicon::day_part)?;
            if p != "MI" || c.conj || c.prep {
                return None;
            }
            return Some((if w.key.ends_with("بعد") { "AF" } else { "MO" }, i + 2));
        }
        let (p, c) = w.lookup(lexicon::day_part)?;
        (!c.def).then_some((p, i + 1))
    }

    /// A weekday after a day word (`غدا الأحد`, `أمس (الجمعة)`, `اليوم، الاثنين`
    /// is two): the weekday and the index after it.
    fn weekday_after(&self, end: usize) -> Option<(jiff::civil::Weekday, usize)> {
        let paren = self.is_punct(end, &["("]);
        let k = if paren { end + 1 } else { end };
        let x = self.w(k)?;
        let (wd, c) = x.lookup(weekday)?;
        if x.kind != TokenKind::Arabic || !x.has_article() || c.conj || c.prep {
            return None;
        }
        if paren {
            self.is_punct(k + 1, &[")"]).then_some((wd, k + 2))
        } else {
            Some((wd, k + 1))
        }
    }

    /// `الخميس`, `يوم الأحد`, `مساء الجمعة`, `الثلاثاء الماضي`, `الجمعة صباحا`.
    pub(crate) fn weekday_at(&self, i: usize) -> Option<Cand> {
        let mut tod = None;
        let mut j = i;
        let mut has_lead = false;
        let w = self.w(i)?;
        if let Some((p, e)) = self.day_part_at(i) {
            tod = Some(Tod::Part(p));
            j = e;
            has_lead = true;
            // `مساء يوم الجمعة`
            if self.word_is(j, &["يوم"]) {
                j += 1;
            }
        } else if let Some(((), c)) = w.lookup(|f| matches!(f, "يوم" | "يومي").then_some(())) {
            if !c.def {
                j = i + 1;
                has_lead = true;
            }
        }
        let wd_tok = self.w(j)?;
        let (wd, c) = wd_tok.lookup(weekday)?;
        let def = wd_tok.has_article();
        // `يوم واحد` is one day, not `يوم أحد`.
        if wd_tok.kind != TokenKind::Arabic || !def && !has_lead || has_lead && c.conj {
            return None;
        }
        let mut end = j + 1;
        let mut dir = None;
        if let Some(r) = self.rel_at(end) {
            dir = Some(match r {
                Rel::Past => Dir::Before,
                Rel::Next => Dir::After,
                Rel::This => Dir::Past,
            });
            end += 1;
        }
        if tod.is_none() {
            if let Some((p, c2)) = self.w(end).and_then(|x| x.lookup(lexicon::day_part)) {
                if !c2.def && !c2.conj && self.w(end).is_some_and(|x| x.key.ends_with('ا') || x.is(&["مساء"])) {
                    tod = Some(Tod::Part(p));
                    end += 1;
                }
            }
        }
        let (val, anchored) = match self.anchor {
            Some(a) => {
                let dir = dir.or_else(|| self.tense_before(i)).unwrap_or(Dir::Past);
                (Val::day(resolve_weekday(a, wd, dir)?), true)
            }
            None => (Val::WeekdayX(wd), false),
        };
        let kind = if tod.is_some() {
            TimexType::Time
        } else {
            TimexType::Date
        };
        let mut cand = Cand::new(i, end, kind, val).anchored(anchored).what(What::Weekday);
        cand.tod = tod;
        Some(cand)
    }

    /// `اليوم`, `أمس`, `أول أمس`, `غدا`, `بعد غد`, `الليلة`, `صباح اليوم`, `مساء أمس`.
    pub(crate) fn day_word_at(&self, i: usize) -> Option<Cand> {
        let mut j = i;
        let mut tod = None;
        let mut has_part = false;
        if let Some((p, e)) = self.day_part_at(i) {
            tod = Some(Tod::Part(p));
            j = e;
            has_part = true;
        }
        if has_part && self.word_is(j, &["هذا"]) && self.w(j + 1).is_some_and(|x| x.is(&["اليوم"])) {
            j += 1;
        }
        // `يوم أمس`, `صباح يوم غد`: `يوم` before a day word is part of it.
        if self.w(j).is_some_and(|x| x.lex_is(&["يوم"]) && !x.has_article())
            && self.w(j + 1).is_some_and(|x| {
                x.lookup(|f| DAY_OFFSETS.get(f)).is_some() || x.is(&["بعد", "اول"]) || x.lex_is(&["غد"])
            })
        {
            j += 1;
        }
        let w = self.w(j)?;
        let mut end = j + 1;
        let offset = if self.word_is(j, &["اول"]) && self.word_is(j + 1, &["امس"]) {
            end = j + 2;
            -2
        } else if self.word_is(j, &["اول"]) && self.word_is(j + 1, &["من"]) && self.word_is(j + 2, &["امس"]) {
            end = j + 3;
            -2
        } else if self.word_is(j, &["بعد"]) && self.w(j + 1).is_some_and(|n| n.lex_is(&["غد"])) {
            end = j + 2;
            2
        } else if let Some((o, _)) = w.lookup(|f| DAY_OFFSETS.get(f)) {
            o
        } else if let Some(((), c)) = w.lookup(|f| (f == "يوم").then_some(())) {
            if !c.def || c.prep && !c.ll && !w.key.starts_with("بال") && !w.key.starts_with("وال") {
                return None;
            }
            // `10 ملايين برميل في اليوم`: a rate, not today.
            if j >= 2
                && self.word_is(j - 1, &["في"])
                && (j.saturating_sub(4)..j - 1).any(|k| self.w(k).is_some_and(|x| x.kind == TokenKind::Number))
            {
                return None;
            }
            // `اليوم الثاني`, `اليوم الوطني`: a day, not today.
            if let Some(n) = self.w(j + 1) {
                if n.sent == w.sent && n.kind == TokenKind::Arabic {
                    let ordinal = crate::number::words::ordinal_at(self.ws, j + 1).is_some();
                    let adjective = n.has_article()
                        && weekday(n.key).is_none()
                        && n.lookup(weekday).is_none()
                        && n.lookup(lexicon::rel).is_none();
                    if ordinal || adjective && !n.stop() {
                        return None;
                    }
                }
            }
            0
        } else if let Some(((), c)) = w.lookup(|f| (f == "ليله").then_some(())) {
            if !c.def || has_part {
                return None;
            }
            tod = Some(Tod::Part("NI"));
            if let Some(Rel::Past) = self.rel_at(j + 1) {
                end = j + 2;
                -1
            } else {
                0
            }
        } else {
            return None;
        };
        // `أمس الأول`
        let mut offset = offset;
        if offset == -1 && self.w(end).is_some_and(|n| n.is(&["الاول"])) {
            offset = -2;
            end += 1;
        }
        // `غدا الأحد`, `أمس (الجمعة)`: the day named is that weekday nearest the
        // relative day (the anchor may be a day off: a crawl date).
        let named = self.weekday_after(end).filter(|_| tod.is_none() || has_part);
        if let Some((_, e)) = named {
            end = e;
        }
        let (val, anchored) = match self.anchor {
            Some(a) => {
                let day = add_days(a, offset)?;
                let day = match named {
                    Some((wd, _)) => super::value::nearest_weekday(day, wd)?,
                    None => day,
                };
                (Val::day(day), true)
            }
            None => (
                Val::Lit(if offset == 0 { "PRESENT_REF" } else { "XXXX-XX-XX" }.into()),
                false,
            ),
        };
        let kind = if tod.is_some() {
            TimexType::Time
        } else {
            TimexType::Date
        };
        let mut cand = Cand::new(i, end, kind, val).anchored(anchored).what(What::Weekday);
        cand.tod = tod;
        Some(cand)
    }

    /// `الأسبوع الماضي`, `الشهر المقبل`, `العام الماضي`, `هذا العام`, `السنة الحالية`,
    /// `نهاية الأسبوع الماضي`; `الأيام الماضية`, `الأشهر الخمسة الأولى` (durations).
    pub(crate) fn unit_rel_at(&self, i: usize) -> Option<Cand> {
        let w = self.w(i)?;
        let mut j = i;
        let mut this = false;
        if let Some(((), _)) = w.lookup(|f| matches!(f, "هذا" | "هذه").then_some(())) {
            this = true;
            j = i + 1;
        }
        let mut weekend = false;
        let ut = self.w(j)?;
        if let Some(((), _)) = ut.lookup(|f| (f == "عطله").then_some(())) {
            if self.w(j + 1).is_some_and(|n| n.lex_is(&["نهايه"]))
                && self.w(j + 2).is_some_and(|n| n.lex_is(&["الاسبوع"]))
            {
                weekend = true;
                j += 2;
            }
        } else if let Some(((), c)) = ut.lookup(|f| (f == "نهايه").then_some(())) {
            if !c.def && self.w(j + 1).is_some_and(|n| n.lex_is(&["الاسبوع"])) {
                weekend = true;
                j += 1;
            }
        }
        let ut = self.w(j)?;
        let ((unit, form), c) = ut.lookup(lexicon::unit)?;
        if !c.def {
            return None;
        }
        let mut end = j + 1;
        // `العام المالي الحالي`, `العام الدراسي المقبل`: the kind of year between.
        if unit == Unit::Year && form == lexicon::Form::Single && self.word_is(end, YEAR_KINDS) {
            end += 1;
        }
        match form {
            lexicon::Form::Single => {}
            lexicon::Form::Plural | lexicon::Form::Dual => {
                // `الأيام الـ5 الأخيرة`, `الأشهر الخمسة الأولى`, `الأيام الماضية`, `اليومين الماضيين`.
                let mut n = if form == lexicon::Form::Dual { Some(2.0) } else { None };
                let (k, _) = self.after_prefix(end);
                if let Some(v) = self.w(k).and_then(|x| x.num()).filter(|_| n.is_none()) {
                    n = Some(v);
                    end = k + 1;
                } else if let Some((v, e)) = self.w(k).filter(|x| x.has_article()).and_then(|_| {
                    let x = self.w(k)?;
                    let (f, _) = x.forms().find(|(_, c)| c.def)?;
                    crate::number::words::cardinal_word_value(f).map(|v| (v, k + 1))
                }) {
                    if n.is_none() {
                        n = Some(v);
                        end = e;
                    }
                }
                let edge = self.w(end).and_then(|x| {
                    x.lookup(|f| {
                        matches!(
                            f,
                            "اخيره"
                                | "اخير"
                                | "اخيرين"
                                | "اولي"
                                | "اول"
                                | "ماضيه"
                                | "ماضيين"
                                | "مقبله"
                                | "مقبلين"
                                | "قادمه"
                                | "قادمين"
                                | "منصرمه"
                                | "سابقه"
                        )
                        .then_some(())
                    })
                });
                if let Some(((), c)) = edge {
                    if c.def {
                        end += 1;
                    } else if n.is_none() {
                        return None;
                    }
                } else if n.is_none() || form == lexicon::Form::Dual {
                    return None;
                }
                let value = super::value::duration(n, unit);
                return Some(Cand::new(i, end, TimexType::Duration, Val::Lit(value)));
            }
        }
        let rel = match self.rel_at(end) {
            Some(r) => {
                end += 1;
                r
            }
            None if this => Rel::This,
            None => return None,
        };
        let step: i64 = match rel {
            Rel::Past => -1,
            Rel::Next => 1,
            Rel::This => 0,
        };
        // `العقد الماضي`: the last ten years, a duration (GUIDELINES.md).
        if unit == Unit::Decade && step != 0 {
            return Some(Cand::new(i, end, TimexType::Duration, Val::Lit("P10Y".into())));
        }
        let Some(a) = self.anchor else {
            let v = match rel {
                Rel::Past => "PAST_REF",
                Rel::Next => "FUTURE_REF",
                Rel::This => "PRESENT_REF",
            };
            return Some(Cand::new(i, end, TimexType::Date, Val::Lit(v.into())));
        };
        let val = match unit {
            Unit::Day => Val::day(add_days(a, step)?),
            Unit::Week => {
                let d = add_days(a, 7 * step)?;
                match week_of(d) {
                    Val::Week(y, wk) if weekend => Val::Weekend(y, wk),
                    v => v,
                }
            }
            Unit::Month => {
                let (y, m) = add_months(a.year(), a.month(), step)?;
                Val::Month(Some(y), m)
            }
            Unit::Year => Val::Year(i32::from(a.year()) + i32::try_from(step).ok()?),
            Unit::Decade => Val::Decade(i32::from(a.year()) / 10 + i32::try_from(step).ok()?),
            Unit::Century => Val::Century(i32::from(a.year()) / 100 + i32::try_from(step).ok()?),
            Unit::Hour | Unit::Minute | Unit::Second => return None,
        };
        // `هذا العام 1436هـ`: a Hijri year written after it is the year meant.
        if matches!(val, Val::Year(_)) {
            if let Some(h) = self
                .year_at(end)
                .filter(|h| h.start == end && matches!(h.val, Val::Interval(..)))
            {
                return Some(Cand::new(i, h.end, TimexType::Date, h.val).anchored(true));
            }
        }
        // `العام الجاري 2018`: the year written out after it.
        if let Val::Year(y) = val {
            if self
                .w(end)
                .and_then(|x| x.plain_int())
                .is_some_and(|n| i64::try_from(n).ok() == Some(i64::from(y)))
            {
                end += 1;
            }
        }
        Some(Cand::new(i, end, TimexType::Date, val).anchored(true))
    }

    /// `مطلع الشهر`, `منتصف العام الماضي`, `أواخر تشرين الأول/أكتوبر`, `نهاية تموز 2016`,
    /// `بداية العام`: the inner period with START, MID or END.
    pub(crate) fn part_of_at(&self, i: usize) -> Option<Cand> {
        let w = self.w(i)?;
        let (m, c) = w.lookup(lexicon::part_of)?;
        if c.def {
            return None;
        }
        let inner = [
            self.textual_date_at(i + 1),
            self.year_at(i + 1),
            self.unit_rel_at(i + 1),
            self.current_unit_at(i + 1),
        ]
        .into_iter()
        .flatten()
        .filter(|x| x.start == i + 1 && x.kind == TimexType::Date)
        .max_by_key(|x| x.end)?;
        if matches!(inner.val, Val::Day(..)) {
            return None;
        }
        Some(
            Cand::new(i, inner.end, TimexType::Date, inner.val)
                .anchored(inner.anchored)
                .modifier(Some(m)),
        )
    }

    /// `النصف الأول من العام الجاري`, `الربع الثاني من العام 2018`: `2018-H1`, `2018-Q2`.
    pub(crate) fn year_part_at(&self, i: usize) -> Option<Cand> {
        let ((letter, parts), c) = self.w(i)?.lookup(|f| YEAR_PARTS.get(f))?;
        if !c.def {
            return None;
        }
        // `الربع الأخير`: the last one.
        let (n, mut j) = match crate::number::words::ordinal_at(self.ws, i + 1) {
            Some(found) => found,
            None if self.w(i + 1).is_some_and(|x| x.is(&["الاخير", "الاخيره"])) => (parts, i + 2),
            None => return None,
        };
        if n == 0 || n > parts {
            return None;
        }
        if self.word_is(j, &["من"]) {
            j += 1;
        }
        let year = [self.year_at(j), self.unit_rel_at(j), self.current_unit_at(j)]
            .into_iter()
            .flatten()
            .filter(|x| x.start == j)
            .max_by_key(|x| x.end)?;
        let Val::Year(y) = year.val else { return None };
        Some(Cand::new(i, year.end, TimexType::Date, Val::Lit(format!("{y:04}-{letter}{n}"))).anchored(year.anchored))
    }

    /// `الشهر`, `العام`, `الأسبوع` alone after `مطلع`/`نهاية`: the current one.
    fn current_unit_at(&self, i: usize) -> Option<Cand> {
        let ((unit, form), c) = self.w(i)?.lookup(lexicon::unit)?;
        if !c.def || form != lexicon::Form::Single || c.conj || c.prep && !c.ll {
            return None;
        }
        let a = self.anchor?;
        let val = match unit {
            Unit::Week => week_of(a),
            Unit::Month => Val::Month(Some(a.year()), a.month()),
            Unit::Year => Val::Year(i32::from(a.year())),
            _ => return None,
        };
        Some(Cand::new(i, i + 1, TimexType::Date, val).anchored(true))
    }

    /// `منذ ثلاثة أيام`, `قبل أسبوعين`, `بعد يومين`, `قبل نحو أربع سنوات`, `منذ أيام`:
    /// a date counted from the anchor. When `على`/`من` follows (`بعد أسبوع على
    /// فشل …`) the count is from another event: left to the duration matcher.
    pub(crate) fn offset_at(&self, i: usize) -> Option<Cand> {
        let w = self.w(i)?;
        let (sign, c) = w.lookup(|f| OFFSET_WORDS.get(f))?;
        if c.def || c.prep {
            return None;
        }
        // `قبل قليل`, `منذ قليل`: a moment ago (one lexical unit).
        if self.word_is(i + 1, &["قليل"]) {
            let v = if sign < 0 { "PAST_REF" } else { "FUTURE_REF" };
            return Some(Cand::new(i, i + 2, TimexType::Date, Val::Lit(v.into())));
        }
        let mut j = i + 1;
        let mut modifier = None;
        if let Some((m, e, _)) = self.approx_at(j) {
            modifier = Some(m);
            j = e;
        }
        let (n, unit, end) = self.quantity_at(j, true)?;
        if self
            .w(end)
            .is_some_and(|x| x.is(&["من", "علي", "عن"]) && x.sent == w.sent)
        {
            return None;
        }
        let mut end = end;
        if n.is_none() && self.w(end).is_some_and(|x| x.lex_is(&["عده", "قليله", "معدوده"])) {
            end += 1;
        }
        let modifier = modifier.map(|m| match (m, sign < 0) {
            (TimexMod::MoreThan, true) | (TimexMod::LessThan, false) => TimexMod::Before,
            (TimexMod::MoreThan, false) | (TimexMod::LessThan, true) => TimexMod::After,
            (m, _) => m,
        });
        let vague = || Val::Lit(if sign < 0 { "PAST_REF" } else { "FUTURE_REF" }.into());
        let (val, anchored) = match (self.anchor, n) {
            (Some(a), Some(n)) if n.fract() == 0.0 && n.abs() < 10000.0 => {
                let k = sign * (n as i64);
                let val = match unit {
                    Unit::Day => Val::day(add_days(a, k)?),
                    Unit::Week => week_of(add_days(a, 7 * k)?),
                    Unit::Month => {
                        let (y, m) = add_months(a.year(), a.month(), k)?;
                        Val::Month(Some(y), m)
                    }
                    Unit::Year => Val::Year(i32::from(a.year()) + i32::try_from(k).ok()?),
                    Unit::Decade => Val::Year(i32::from(a.year()) + 10 * i32::try_from(k).ok()?),
                    Unit::Century => Val::Year(i32::from(a.year()) + 100 * i32::try_from(k).ok()?),
                    Unit::Hour | Unit::Minute | Unit::Second => Val::day(a),
                };
                (val, true)
            }
            // `منذ عام ونصف`: a year and a half is 18 months.
            (Some(a), Some(n)) if unit == Unit::Year && (n * 12.0).fract() == 0.0 && n.abs() < 10000.0 => {
                let (y, m) = add_months(a.year(), a.month(), sign * (n * 12.0) as i64)?;
                (Val::Month(Some(y), m), true)
            }
            // `بعد نصف ساعة`: a part of an hour is counted from an event, not the anchor.
            (_, Some(n)) if n.fract() != 0.0 && matches!(unit, Unit::Hour | Unit::Minute | Unit::Second) => {
                return None;
            }
            (_, None) => (vague(), false),
            (None, Some(_)) => (vague(), false),
            (Some(_), Some(_)) => (vague(), false),
        };
        // The preposition is outside the span (GUIDELINES.md 1.2).
        Some(
            Cand::new(i + 1, end, TimexType::Date, val)
                .anchored(anchored)
                .modifier(modifier),
        )
    }

    /// `حاليا`, `الآن`, `مؤخرا`, `في وقت سابق`, `المستقبل القريب`, `قريبا`.
    pub(crate) fn vague_at(&self, i: usize) -> Option<Cand> {
        let w = self.w(i)?;
        if let Some((v, _)) = w.lookup(|f| VAGUE_WORDS.get(f)) {
            return Some(Cand::new(i, i + 1, TimexType::Date, Val::Lit(v.into())));
        }
        if let Some(((), c)) = w.lookup(|f| (f == "وقت").then_some(())) {
            if !c.def {
                if let Some(n) = self.w(i + 1) {
                    let v = if n.is(&["سابق"]) {
                        "PAST_REF"
                    } else if n.is(&["لاحق"]) {
                        "FUTURE_REF"
                    } else {
                        return None;
                    };
                    return Some(Cand::new(i, i + 2, TimexType::Date, Val::Lit(v.into())));
                }
            }
        }
        if let Some(((), c)) = w.lookup(|f| (f == "مستقبل").then_some(())) {
            if c.def && self.w(i + 1).is_some_and(|n| n.is(&["القريب"])) {
                return Some(Cand::new(i, i + 2, TimexType::Date, Val::Lit("FUTURE_REF".into())));
            }
        }
        // `الوقت الحالي`, `الفترة الحالية`, `الوقت الراهن`.
        if let Some(((), c)) = w.lookup(|f| PRESENT_HEADS.contains(&f).then_some(())) {
            if c.def && self.w(i + 1).is_some_and(|n| n.is(PRESENT_WORDS)) {
                return Some(Cand::new(i, i + 2, TimexType::Date, Val::Lit("PRESENT_REF".into())));
            }
            // `الفترة المقبلة`, `المرحلة الماضية`.
            let v = match self.rel_at(i + 1).filter(|_| c.def && !w.is(&["الوقت"])) {
                Some(Rel::Next) => "FUTURE_REF",
                Some(Rel::Past) => "PAST_REF",
                _ => return None,
            };
            return Some(Cand::new(i, i + 2, TimexType::Date, Val::Lit(v.into())));
        }
        None
    }
}
