//! Times of day: `10:57 ص`, `الساعة العاشرة صباحا`, `الساعة 11,30`, `الثانية ظهرا`,
//! `الساعة الخامسة والنصف مساء`.

use rasid_core::{TimexType, TokenKind};

use super::lexicon;
use super::value::{Tod, Val};
use super::{Cand, Ctx, What};

impl Ctx<'_> {
    /// A clock time at `i`, with the anchor's date when there is one.
    pub(crate) fn clock_at(&self, i: usize) -> Option<Cand> {
        let mut j = i;
        let mut modifier = None;
        if let Some((m, e, _)) = self.approx_at(i) {
            modifier = Some(m);
            j = e;
        }
        let mut with_sa = false;
        if let Some(((), c)) = self.w(j)?.lookup(|f| (f == "ساعه").then_some(())) {
            if c.def {
                with_sa = true;
                j += 1;
            }
        }
        let (mut h, mut m, mut end, digital) = self.hour_at(j, with_sa)?;
        // `والنصف`, `والربع`, `إلا ربعا`
        if let Some(x) = self.w(end) {
            if x.is(&["والنصف"]) {
                m = 30;
                end += 1;
            } else if x.is(&["والربع"]) {
                m = 15;
                end += 1;
            } else if x.is(&["الا"]) && self.w(end + 1).is_some_and(|y| y.is(&["ربعا", "ربع"])) {
                m = 45;
                h = if h == 0 { 23 } else { h - 1 };
                end += 2;
            }
        }
        // `ص`/`م`, `صباحا`, `مساء`, `ظهرا`, `ليلا`
        let mut part_found = false;
        // `الرابعة بعد الزوال`, `الثالثة بعد الظهر`: afternoon; `قبل الظهر`: forenoon.
        let two_words = self.day_part_at(end).filter(|&(_, e)| e == end + 2);
        if let Some((p, e)) = two_words {
            part_found = true;
            end = e;
            h = match p {
                "AF" if h < 12 => h + 12,
                "MO" if h == 12 => 0,
                _ => h,
            };
        } else if let Some(x) = self.w(end) {
            let am_pm = if digital && x.is(&["ص", "ق"]) {
                Some("MO")
            } else if digital && x.is(&["م", "ب"]) {
                Some("EV")
            } else {
                x.lookup(lexicon::day_part)
                    .filter(|(_, c)| !c.def && !c.conj)
                    .map(|(p, _)| p)
            };
            if let Some(p) = am_pm {
                part_found = true;
                end += 1;
                h = match p {
                    "MO" if h == 12 => 0,
                    "MI" if h <= 5 => h + 12,
                    "AF" | "EV" if h < 12 => h + 12,
                    "NI" if (6..12).contains(&h) => h + 12,
                    "NI" if h == 12 => 0,
                    _ => h,
                };
            }
        }
        if !with_sa && !digital && !part_found {
            return None;
        }
        if h > 24 || m > 59 {
            return None;
        }
        let (val, anchored) = match self.anchor {
            Some(a) => (Val::day(a), true),
            None => (Val::Lit("XXXX-XX-XX".into()), false),
        };
        let mut c = Cand::new(i, end, TimexType::Time, val)
            .anchored(anchored)
            .modifier(modifier)
            .what(What::Clock);
        c.tod = Some(Tod::Clock(h % 24, m));
        Some(c)
    }

    /// The hour (and minutes) at `j`: `10:57`, `11,30` (after `الساعة`), `8`
    /// (after `الساعة`), `العاشرة`, `الحادية عشرة`. Returns hour, minute, index
    /// after, and whether it was written in digits with minutes.
    fn hour_at(&self, j: usize, with_sa: bool) -> Option<(u8, u8, usize, bool)> {
        let w = self.w(j)?;
        if w.kind == TokenKind::Number {
            let h = w.plain_int();
            // `10:57`
            if let (Some(h), Some(colon), Some(mm)) = (h, self.w(j + 1), self.w(j + 2)) {
                if colon.glued && mm.glued && colon.is(&[":"]) && self.chars(j + 2) == 2 {
                    let m = mm.plain_int()?;
                    return Some((u8::try_from(h).ok()?, u8::try_from(m).ok()?, j + 3, true));
                }
            }
            if !with_sa {
                return None;
            }
            let text = w.span().slice(self.text)?;
            let folded = rasid_calendar::fold_digits(text);
            // `11,30` or `11.30` after `الساعة`
            if let Some((a, b)) = folded.split_once([',', '.', '٫', '٬']) {
                if b.len() == 2 {
                    return Some((a.parse().ok()?, b.parse().ok()?, j + 1, true));
                }
                return None;
            }
            let h = u8::try_from(h?).ok()?;
            return (h <= 24).then_some((h, 0, j + 1, false));
        }
        let (h, c) = w.lookup(lexicon::hour_word)?;
        if !c.def {
            return None;
        }
        let mut end = j + 1;
        let mut h = h;
        if (h == 11 || h == 2) && self.w(end).is_some_and(|x| x.is(&["عشره", "عشر"])) {
            h += 10;
            end += 1;
        }
        if h == 11 && end == j + 1 {
            return None;
        }
        Some((h, 0, end, false))
    }
}
