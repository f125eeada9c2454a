//! The time-expression tagger: TIMEX3-style dates, times, durations and sets,
//! found over the analyzer's tokens and resolved against the anchor.
//!
//! At each token every matcher proposes a candidate; the longest wins and the
//! scan goes on after it. A few merges then join neighbours that make one
//! expression (`الخميس، 21 ديسمبر 2017` + `10:57 ص`; `الثلاثاء الموافق 27 فبراير`;
//! `23 و25 أيار`).

mod absolute;
mod clock;
pub(crate) mod duration;
pub(crate) mod lexicon;
pub(crate) mod relative;
pub(crate) mod value;

use jiff::civil::Date;
use rasid_core::{Span, TextPart, TimeExpr, TimexMod, TimexType, TokenKind};

use crate::trigger;
use crate::words::{Clitics, W};
use value::{Dir, Tod, Val};

/// Tokens that can be a prefix written apart, with a tatweel, and glued to the
/// word or number after it (`الـ22`, `بـ2017`, `و2017`).
pub(crate) const PREFIX_TOKENS: &[&str] = &["ال", "ب", "ل", "بال", "لل", "و", "وال", "في", "ف"];

/// What the matchers share: the text, its tokens and the anchor date.
pub(crate) struct Ctx<'a> {
    pub text: &'a str,
    pub ws: &'a [W<'a>],
    pub anchor: Option<Date>,
}

/// A candidate expression over tokens `start..end`.
#[derive(Clone, Debug)]
pub(crate) struct Cand {
    pub start: usize,
    pub end: usize,
    pub kind: TimexType,
    pub val: Val,
    pub tod: Option<Tod>,
    pub modifier: Option<TimexMod>,
    pub anchored: bool,
    /// Which matcher made it (merges look at it).
    pub what: What,
}

/// The kind of matcher a candidate came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum What {
    /// A full date with a day (textual or numeric).
    DayDate,
    /// A weekday (`الخميس`, `يوم الأحد`).
    Weekday,
    /// A clock time without a date of its own.
    Clock,
    /// Anything else.
    Other,
}

impl Cand {
    pub fn new(start: usize, end: usize, kind: TimexType, val: Val) -> Cand {
        Cand {
            start,
            end,
            kind,
            val,
            tod: None,
            modifier: None,
            anchored: false,
            what: What::Other,
        }
    }

    pub fn anchored(mut self, a: bool) -> Cand {
        self.anchored = a;
        self
    }

    pub fn modifier(mut self, m: Option<TimexMod>) -> Cand {
        self.modifier = m;
        self
    }

    pub fn what(mut self, w: What) -> Cand {
        self.what = w;
        self
    }
}

/// Finds the time expressions of a text. See [`crate::times`].
pub(crate) fn tag(text: &str, ws: &[W<'_>], anchor: Option<Date>) -> Vec<TimeExpr> {
    tag_where(text, ws, anchor, |ctx, i| ctx.may_start(i, trigger::TIME))
}

/// [`tag`], trying the matchers only at the tokens where `try_at` says so.
pub(crate) fn tag_where(
    text: &str,
    ws: &[W<'_>],
    anchor: Option<Date>,
    try_at: impl Fn(&Ctx<'_>, usize) -> bool,
) -> Vec<TimeExpr> {
    let ctx = Ctx { text, ws, anchor };
    let mut cands: Vec<Cand> = Vec::new();
    let mut i = 0;
    while i < ws.len() {
        if !try_at(&ctx, i) {
            i += 1;
            continue;
        }
        match ctx.best_at(i) {
            Some(c) if c.end > i => {
                i = c.end;
                cands.push(c);
            }
            _ => i += 1,
        }
    }
    ctx.merge(&mut cands);
    cands.iter().filter_map(|c| ctx.finish(c)).collect()
}

impl<'a> Ctx<'a> {
    pub fn w(&self, i: usize) -> Option<&W<'a>> {
        self.ws.get(i)
    }

    /// The longest candidate starting at token `i`.
    fn best_at(&self, i: usize) -> Option<Cand> {
        let w = self.w(i)?;
        if w.kind == TokenKind::Punct || w.kind == TokenKind::Symbol {
            return None;
        }
        let found = [
            self.clock_at(i),
            self.numeric_date_at(i),
            self.textual_date_at(i),
            self.yawm_date_at(i),
            self.year_at(i),
            self.decade_at(i),
            self.century_at(i),
            self.weekday_at(i),
            self.day_word_at(i),
            self.unit_rel_at(i),
            self.part_of_at(i),
            self.year_part_at(i),
            self.offset_at(i),
            self.set_at(i),
            self.duration_at(i),
            self.vague_at(i),
        ];
        let mut best: Option<Cand> = None;
        for c in found.into_iter().flatten() {
            if best.as_ref().is_none_or(|b| c.end > b.end) {
                best = Some(c);
            }
        }
        best
    }

    /// The pre-check (see [`trigger`]): can token `i` start an expression of
    /// the tagger whose flags are `f`? It can when it is a start word, when
    /// what it needs comes soon after it, or when it is a prefix glued to a
    /// token that can.
    pub fn may_start(&self, i: usize, f: trigger::Flags) -> bool {
        let Some(w) = self.w(i) else { return false };
        if w.flags & f.start != 0 {
            return true;
        }
        if w.flags == 0 {
            return self.after_prefix(i).0 > i && self.may_start(i + 1, f);
        }
        let near = |needed: u32, reach: usize| self.ws.iter().skip(i + 1).take(reach).any(|x| x.flags & needed != 0);
        if f.needs
            .iter()
            .any(|&(flag, needed, reach)| w.flags & flag != 0 && near(needed, reach))
        {
            return true;
        }
        self.after_prefix(i).0 > i && self.may_start(i + 1, f)
    }

    /// Skips a tatweel-joined prefix token glued to the next one (`الـ22`,
    /// `بـ2017`, `و2017`): the index of the word, and whether the prefix belongs
    /// in the span (a glued clitic does; `في` written with a tatweel does not).
    pub fn after_prefix(&self, i: usize) -> (usize, bool) {
        let (Some(w), Some(next)) = (self.w(i), self.w(i + 1)) else {
            return (i, false);
        };
        if w.kind == TokenKind::Arabic && next.glued && w.is(PREFIX_TOKENS) {
            return (i + 1, !w.is(&["في"]));
        }
        (i, false)
    }

    /// The number of characters of token `i`.
    pub fn chars(&self, i: usize) -> usize {
        self.w(i)
            .and_then(|w| w.span().slice(self.text))
            .map_or(0, |s| s.chars().count())
    }

    /// The token is the punctuation `p`.
    pub fn is_punct(&self, i: usize, p: &[&str]) -> bool {
        self.w(i).is_some_and(|w| w.kind != TokenKind::Arabic && w.is(p))
    }

    /// Is the token at `i` a plain (no-clitic) occurrence of one of `keys`?
    pub fn word_is(&self, i: usize, keys: &[&str]) -> bool {
        self.w(i).is_some_and(|w| w.is(keys))
    }

    /// An approximation before a quantity at `i`: the mod and the index after it.
    /// `نحو`, `حوالي`, `قرابة`, `أكثر من`, `أقل من`, `ما يزيد عن`, `ما لا يقل عن`, `ما يقارب`.
    pub fn approx_at(&self, i: usize) -> Option<(TimexMod, usize, Clitics)> {
        let w = self.w(i)?;
        if let Some((m, c)) = w.lookup(lexicon::approx_word) {
            if !c.def {
                return Some((m, i + 1, c));
            }
        }
        if let Some((m, c)) = w.lookup(|f| lexicon::MORE_LESS.get(f)) {
            if !c.def && self.word_is(i + 1, &["من"]) {
                return Some((m, i + 2, c));
            }
        }
        if let Some(((), c)) = w.lookup(|f| (f == "ما").then_some(())) {
            if self.word_is(i + 1, &["يزيد"]) && self.word_is(i + 2, &["عن", "علي"]) {
                return Some((TimexMod::MoreThan, i + 3, c));
            }
            if self.word_is(i + 1, &["لا"]) && self.word_is(i + 2, &["يقل"]) && self.word_is(i + 3, &["عن"]) {
                return Some((TimexMod::EqualOrMore, i + 4, c));
            }
            if self.word_is(i + 1, &["يقارب"]) {
                return Some((TimexMod::Approx, i + 2, c));
            }
            if self.word_is(i + 1, &["يقرب"]) && self.word_is(i + 2, &["من"]) {
                return Some((TimexMod::Approx, i + 3, c));
            }
        }
        None
    }

    /// A relative word (`الماضي`, `المقبل`, `الحالي`) with the article at `i`.
    pub fn rel_at(&self, i: usize) -> Option<lexicon::Rel> {
        let (r, c) = self.w(i)?.lookup(lexicon::rel)?;
        (c.def && !c.prep).then_some(r)
    }

    /// The tense around tokens `start..end`, from the nearest cue before it in
    /// its sentence: the future `س`/`سوف`, `من المقرر`, or an imperfective verb
    /// (a word starting with `ي`), which news uses for what is still to come.
    pub fn tense_before(&self, start: usize) -> Option<Dir> {
        let sent = self.w(start)?.sent;
        let from = start.saturating_sub(10);
        for j in (from..start).rev() {
            let Some(w) = self.w(j) else { break };
            if w.sent != sent {
                break;
            }
            if w.kind != TokenKind::Arabic {
                continue;
            }
            if w.future()
                || w.lex_is(&[
                    "سوف",
                    "المقرر",
                    "المتوقع",
                    "المنتظر",
                    "المرتقب",
                    "مقرر",
                    "يعتزم",
                    "تعتزم",
                    "بحلول",
                ])
            {
                return Some(Dir::Future);
            }
            if w.stop() || w.lookup(lexicon::unit).is_some() || w.lookup(lexicon::month).is_some() {
                continue;
            }
            if w.forms()
                .any(|(form, c)| !c.def && !c.prep && form.starts_with('ي') && form.chars().count() >= 4)
            {
                return Some(Dir::Future);
            }
        }
        None
    }

    /// The byte span and text of a candidate, and its [`TimeExpr`].
    fn finish(&self, c: &Cand) -> Option<TimeExpr> {
        let first = self.w(c.start)?;
        let last = self.w(c.end.checked_sub(1)?)?;
        // Spans are whole words: a clitic glued to the first word is inside
        // (GUIDELINES.md, section 1).
        let span = Span::new(first.span().start, last.span().end);
        let text = span.slice(self.text)?.to_string();
        Some(TimeExpr {
            part: TextPart::Body,
            span,
            text,
            kind: c.kind,
            value: c.val.render(c.tod),
            modifier: c.modifier,
            anchored: c.anchored,
        })
    }

    /// Joins neighbouring candidates that make one expression.
    fn merge(&self, cands: &mut Vec<Cand>) {
        let mut out: Vec<Cand> = Vec::with_capacity(cands.len());
        let mut k = 0;
        while let Some(c) = cands.get(k).cloned() {
            k += 1;
            let mut c = c;
            // A weekday, then (، | الموافق) a full date: one date.
            if c.what == What::Weekday {
                if let Some(next) = cands.get(k) {
                    if next.what == What::DayDate
                        && self.only_between(c.end, next.start, &["،", ",", "-", "–", "الموافق", "موافق"])
                    {
                        let mut merged = next.clone();
                        merged.start = c.start;
                        if merged.tod.is_none() {
                            merged.tod = c.tod;
                        }
                        c = merged;
                        k += 1;
                    }
                }
            }
            // `اليوم الثلاثاء`, `أمس الأربعاء`: a day, then its weekday.
            if c.what == What::Weekday && c.val.is_day() {
                if let Some(next) = cands.get(k) {
                    if next.what == What::Weekday && next.start == c.end && next.val == c.val && next.tod.is_none() {
                        c.end = next.end;
                        k += 1;
                    }
                }
            }
            // A day, then a clock time: one time.
            if matches!(c.what, What::DayDate | What::Weekday) || (c.val.is_day() && c.tod.is_none()) {
                if let Some(next) = cands.get(k) {
                    if next.what == What::Clock
                        && self.only_between(c.end, next.start, &["،", ",", "-", "–", "في", "على"])
                    {
                        c.end = next.end;
                        c.tod = next.tod;
                        c.kind = TimexType::Time;
                        if c.modifier.is_none() {
                            c.modifier = next.modifier;
                        }
                        k += 1;
                    }
                }
            }
            if c.what == What::Clock {
                // `الساعة 3:34 من عصر اليوم`: a clock time, then its day.
                if let Some(next) = cands.get(k) {
                    if matches!(next.what, What::Weekday | What::DayDate)
                        && next.val.is_day()
                        && self.only_between(c.end, next.start, &["من", "،", ","])
                    {
                        c.end = next.end;
                        c.val = next.val.clone();
                        c.anchored = next.anchored;
                        k += 1;
                    }
                }
                // A clock time on its own takes the day its sentence names
                // before it (`صباح يوم غد الجمعة … الساعة العاشرة`), not the anchor's.
                if let Some(day) = self.named_day_before(&out, c.start) {
                    c.val = day.val.clone();
                    c.anchored = day.anchored;
                }
            }
            if c.val.is_day() {
                self.extend_nth_day(&mut c);
                self.extend_day_range(&mut c);
                if let Some(prev) = self.day_before_and(&c) {
                    if out.last().is_none_or(|p| p.end <= prev.start) {
                        out.push(prev);
                    }
                }
            }
            out.push(c);
        }
        *cands = out;
    }

    /// The last candidate before token `at` in its sentence that names a day
    /// (not a clock time on the anchor's day).
    fn named_day_before<'c>(&self, out: &'c [Cand], at: usize) -> Option<&'c Cand> {
        let sent = self.w(at)?.sent;
        out.iter()
            .rev()
            .take_while(|p| self.w(p.start).is_some_and(|w| w.sent == sent))
            .find(|p| p.what != What::Clock && p.val.is_day())
    }

    /// Only the given words or punctuation (or nothing) between tokens `a..b`.
    fn only_between(&self, a: usize, b: usize, allowed: &[&str]) -> bool {
        b >= a && b - a <= 2 && (a..b).all(|j| self.w(j).is_some_and(|w| w.is(allowed)))
    }

    /// `اليوم الثاني من المحادثات الجمعة`: the day of an event, then its date.
    fn extend_nth_day(&self, c: &mut Cand) {
        for back in 2..=6 {
            let Some(p) = c.start.checked_sub(back) else { return };
            let Some(w) = self.w(p) else { return };
            if !(w.is(&["اليوم"]) || w.lex_is(&["اليوم"])) {
                continue;
            }
            let Some((_, after)) = crate::number::words::ordinal_at(self.ws, p + 1) else {
                continue;
            };
            let ok = after == c.start
                || (self.word_is(after, &["من"])
                    && c.start > after + 1
                    && c.start - after <= 4
                    && (after + 1..c.start).all(|j| self.w(j).is_some_and(|x| x.kind == TokenKind::Arabic)));
            if ok
                && self
                    .w(p)
                    .is_some_and(|x| self.w(c.start).is_some_and(|y| x.sent == y.sent))
            {
                c.start = p;
            }
            return;
        }
    }

    /// `15-16 تموز/يوليو 2016`: a range of days, dated by its first day.
    fn extend_day_range(&self, c: &mut Cand) {
        let Val::Day(y, m, _) = c.val else { return };
        if c.what != What::DayDate || c.start < 2 {
            return;
        }
        let (Some(dash), Some(day)) = (self.w(c.start - 1), self.w(c.start)) else {
            return;
        };
        if !(dash.is(&["-", "–"]) && dash.glued && day.glued) {
            return;
        }
        let Some(first) = self
            .w(c.start - 2)
            .and_then(|x| x.plain_int())
            .filter(|d| (1..=31).contains(d))
        else {
            return;
        };
        let Ok(d) = i8::try_from(first) else { return };
        if Date::new(y.unwrap_or(2000), m, d).is_ok() {
            c.start -= 2;
            c.val = Val::Day(y, m, d);
        }
    }

    /// `23 و25 أيار/مايو`: the first day takes the month of the date after it.
    fn day_before_and(&self, c: &Cand) -> Option<Cand> {
        let Val::Day(y, m, _) = c.val else { return None };
        if c.what != What::DayDate {
            return None;
        }
        let mut j = c.start.checked_sub(1)?;
        if self.word_is(j, &["و"]) {
            j = j.checked_sub(1)?;
        } else if !self.w(c.start).is_some_and(|w| w.key.starts_with('و')) {
            return None;
        }
        let w = self.w(j)?;
        let d = w.plain_int().filter(|d| (1..=31).contains(d))?;
        let d = i8::try_from(d).ok()?;
        let valid = match y {
            Some(y) => Date::new(y, m, d).is_ok(),
            None => Date::new(2000, m, d).is_ok(),
        };
        valid.then(|| Cand::new(j, j + 1, TimexType::Date, Val::Day(y, m, d)).anchored(c.anchored))
    }
}
