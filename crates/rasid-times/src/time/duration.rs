//! Durations (`يومين`, `ثلاثة أسابيع`, `65 عاما`, `اكثر من اسبوع`, `لمدة 30 يوما`) and
//! sets (`كل يوم`, `اسبوعيا`).

use rasid_core::{TimexType, TokenKind};

use super::lexicon::{self, weekday, Form, Table, Unit};
use super::value::{duration, Val};
use super::{Cand, Ctx};
use crate::number::words::cardinal_at;

/// Words before a duration that make a bare unit (`اسبوع`, `أيام`) a duration;
/// they stay out of its span.
const DURATION_CUES: &[&str] = &[
    "لمده",
    "مده",
    "خلال",
    "طوال",
    "طيله",
    "مدار",
    "مدي",
    "غضون",
    "منذ",
    "بعد",
    "قبل",
    "استمر",
    "تستمر",
    "يستمر",
    "لفتره",
    "فتره",
];

/// Words for "every day", "weekly" …: the period of the set.
pub(crate) static SET_WORDS: Table<&str> =
    Table::new(&[("يوميا", "P1D"), ("اسبوعيا", "P1W"), ("شهريا", "P1M"), ("سنويا", "P1Y")]);

/// "Some", "a few" before a plural unit (`بضعة أيام`, `عدة أشهر`).
pub(crate) const FEW_WORDS: &[&str] = &["بضعه", "بضع", "عده", "بضعا"];

impl Ctx<'_> {
    /// A count of a unit at `j`: `(count, unit, index after)`, count `None` for
    /// "some" (`أيام`, `بضعة أيام`, `عدة أشهر`). A unit alone counts one
    /// (`اسبوع`) or some (`أيام`) only when `bare_ok`.
    pub(crate) fn quantity_at(&self, j: usize, bare_ok: bool) -> Option<(Option<f64>, Unit, usize)> {
        let (k, _) = self.after_prefix(j);
        let w = self.w(k)?;
        // Digits, then the unit.
        if let Some(n) = w.num() {
            let u = self.w(k + 1)?;
            let ((unit, form), c) = u.lookup(lexicon::unit)?;
            if c.def || c.conj || c.prep || form == Form::Dual || u.sent != w.sent {
                return None;
            }
            return Some((Some(n), unit, k + 2));
        }
        // A unit word alone: dual, singular, plural.
        if let Some(((unit, form), c)) = w.lookup(lexicon::unit) {
            if c.def {
                return None;
            }
            // `عام 2014`, `شهر رمضان`, `شهر #رمضان_2017`: a name, not a count.
            if form == Form::Single {
                if let Some(n) = self.w(k + 1) {
                    if n.plain_int().is_some()
                        || n.is(&["#"])
                        || self.month_at(k + 1).is_some()
                        || n.lookup(lexicon::month).is_some()
                    {
                        return None;
                    }
                }
            }
            // `عام واحد`: a count of one, written out.
            if form == Form::Single
                && self
                    .w(k + 1)
                    .is_some_and(|x| x.is(&["واحد", "واحده"]) && x.sent == w.sent)
            {
                return Some((Some(1.0), unit, k + 2));
            }
            let mut end = k + 1;
            let n = match form {
                Form::Dual => Some(2.0),
                Form::Single if bare_ok => Some(1.0),
                Form::Plural if bare_ok => None,
                _ => return None,
            };
            // `ساعة ونصف`
            let n = match (n, self.w(end)) {
                (Some(v), Some(x)) if x.is(&["ونصف"]) && x.sent == w.sent => {
                    end += 1;
                    Some(v + 0.5)
                }
                _ => n,
            };
            return Some((n, unit, end));
        }
        // `بضعة أيام`, `عدة أشهر`
        if w.lookup(|f| FEW_WORDS.contains(&f).then_some(()))
            .is_some_and(|(_, c)| !c.def)
        {
            let ((unit, form), c) = self.w(k + 1)?.lookup(lexicon::unit)?;
            if form != Form::Plural || c.def {
                return None;
            }
            return Some((None, unit, k + 2));
        }
        // `نصف ساعة`
        if w.is(&["نصف"]) {
            let ((unit, form), c) = self.w(k + 1)?.lookup(lexicon::unit)?;
            if form != Form::Single || c.def || c.conj {
                return None;
            }
            return Some((Some(0.5), unit, k + 2));
        }
        // Number words, then the unit.
        let (n, e) = cardinal_at(self.ws, k)?;
        let ((unit, form), c) = self.w(e)?.lookup(lexicon::unit)?;
        if c.def || c.conj || c.prep || form == Form::Dual {
            return None;
        }
        Some((Some(n), unit, e + 1))
    }

    /// `يومين`, `ثلاثة أسابيع`, `65 عاما`, `اكثر من اسبوع`, `نحو ستة أيام`, `لمدة 30 يوما`.
    pub(crate) fn duration_at(&self, i: usize) -> Option<Cand> {
        let w = self.w(i)?;
        let mut j = i;
        let mut modifier = None;
        if let Some((m, e, _)) = self.approx_at(i) {
            modifier = Some(m);
            j = e;
        }
        let cue = i
            .checked_sub(1)
            .and_then(|p| self.w(p))
            .is_some_and(|p| p.lex_is(DURATION_CUES) && p.sent == w.sent);
        // `لساعات`, `لأيام`: the glued `ل` ("for") makes a bare unit a duration.
        let for_ = self.w(j).is_some_and(|x| {
            x.key.starts_with('ل')
                && x.lookup(lexicon::unit)
                    .is_some_and(|((_, form), c)| c.prep && !c.def && form == Form::Plural)
        });
        let (n, unit, end) = self.quantity_at(j, modifier.is_some() || cue || for_)?;
        // A count of years this large is a year, not a duration (`2017 عاما` is rare; `عام 2017` is caught elsewhere).
        if n.is_some_and(|v| !(0.0..=5000.0).contains(&v)) {
            return None;
        }
        let mut value = duration(n, unit);
        let mut end = end;
        // `11 ساعة و5 دقائق`, `ثلاث سنوات وستة أشهر`: a finer part after `و` adds up.
        if n.is_some() && self.w(end).is_some_and(|x| x.key.starts_with('و') && x.sent == w.sent) {
            if let Some((Some(n2), unit2, e2)) = self.and_quantity_at(end) {
                if (unit2 as u8) < (unit as u8) {
                    value = super::value::add_durations(&value, &duration(Some(n2), unit2));
                    end = e2;
                }
            }
        }
        Some(Cand::new(i, end, TimexType::Duration, Val::Lit(value)).modifier(modifier))
    }

    /// A count after `و` at `j` (`و5 دقائق`, `وستة أشهر`).
    fn and_quantity_at(&self, j: usize) -> Option<(Option<f64>, Unit, usize)> {
        if self.word_is(j, &["و"]) {
            return self.quantity_at(j + 1, false);
        }
        let found = self.quantity_at(j, false)?;
        // `وستة أشهر`: the number word carries the `و`.
        Some(found)
    }

    /// `كل يوم`, `كل أسبوعين`, `كل خميس`, `يوميا`, `أسبوعيا`, `شهريا`, `سنويا`.
    pub(crate) fn set_at(&self, i: usize) -> Option<Cand> {
        let w = self.w(i)?;
        if w.kind != TokenKind::Arabic {
            return None;
        }
        if let Some((v, _)) = w.lookup(|f| SET_WORDS.get(f)) {
            return Some(Cand::new(i, i + 1, TimexType::Set, Val::Lit(v.into())));
        }
        let ((), c) = w.lookup(|f| (f == "كل").then_some(()))?;
        if c.def {
            return None;
        }
        let mut k = i + 1;
        if let Some(x) = self.w(k) {
            if x.is(&["يوم"]) && self.w(k + 1).and_then(|n| n.lookup(weekday)).is_some() {
                k += 1;
            }
        }
        if let Some((wd, c2)) = self.w(k).and_then(|x| x.lookup(weekday)) {
            if !c2.conj && !c2.prep {
                return Some(Cand::new(i, k + 1, TimexType::Set, Val::WeekdayX(wd)));
            }
        }
        let (n, unit, end) = self.quantity_at(i + 1, true)?;
        let n = n?;
        Some(Cand::new(i, end, TimexType::Set, Val::Lit(duration(Some(n), unit))))
    }
}
