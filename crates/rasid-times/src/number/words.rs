//! Number words: cardinals (`ثلاثة`, `عشرين`, `ثلاثمائة`, `مليونين`), their compounds joined
//! by `و` (`خمسة وعشرون`, `مليار ونصف المليار`), multipliers after digits (`140 ألف`,
//! `1.4 مليار`) and ordinals (`الثامنة`, `الحادي والعشرين`).
//!
//! Words are matched on the analyzer's key forms (hamza carriers, ta marbuta and
//! final ya folded), so `مئة`, `مائة` and `مئه` are one entry each.

use crate::time::lexicon::Table;
use crate::words::W;

/// What a number word is.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Part {
    /// 1–9: adds to the current group, and takes `عشر` to make a teen.
    Unit(f64),
    /// 10, the tens and the hundreds: adds to the current group.
    Add(f64),
    /// ألف, مليون, مليار: multiplies the current group (1 when empty).
    Mult(f64),
    /// آلاف, ملايين: multiplies a group of 3–10 that must be there.
    MultPlural(f64),
    /// ألفان, مليونين: twice the multiplier, on its own.
    MultDual(f64),
    /// نصف, ربع: a fraction of the last multiplier (`مليار ونصف`).
    Fraction(f64),
}

/// Cardinal number words, in key form.
pub(crate) static PARTS: Table<Part> = Table::new(&[
    ("واحد", Part::Unit(1.0)),
    ("واحده", Part::Unit(1.0)),
    ("اثنان", Part::Unit(2.0)),
    ("اثنين", Part::Unit(2.0)),
    ("اثنتان", Part::Unit(2.0)),
    ("اثنتين", Part::Unit(2.0)),
    ("اثنا", Part::Unit(2.0)),
    ("اثني", Part::Unit(2.0)),
    ("اثنتا", Part::Unit(2.0)),
    ("اثنتي", Part::Unit(2.0)),
    ("ثلاث", Part::Unit(3.0)),
    ("ثلاثه", Part::Unit(3.0)),
    ("اربع", Part::Unit(4.0)),
    ("اربعه", Part::Unit(4.0)),
    ("خمس", Part::Unit(5.0)),
    ("خمسه", Part::Unit(5.0)),
    ("ست", Part::Unit(6.0)),
    ("سته", Part::Unit(6.0)),
    ("سبع", Part::Unit(7.0)),
    ("سبعه", Part::Unit(7.0)),
    ("ثمان", Part::Unit(8.0)),
    ("ثماني", Part::Unit(8.0)),
    ("ثمانيه", Part::Unit(8.0)),
    ("تسع", Part::Unit(9.0)),
    ("تسعه", Part::Unit(9.0)),
    ("عشر", Part::Add(10.0)),
    ("عشره", Part::Add(10.0)),
    ("عشرون", Part::Add(20.0)),
    ("عشرين", Part::Add(20.0)),
    ("ثلاثون", Part::Add(30.0)),
    ("ثلاثين", Part::Add(30.0)),
    ("اربعون", Part::Add(40.0)),
    ("اربعين", Part::Add(40.0)),
    ("خمسون", Part::Add(50.0)),
    ("خمسين", Part::Add(50.0)),
    ("ستون", Part::Add(60.0)),
    ("ستين", Part::Add(60.0)),
    ("سبعون", Part::Add(70.0)),
    ("سبعين", Part::Add(70.0)),
    ("ثمانون", Part::Add(80.0)),
    ("ثمانين", Part::Add(80.0)),
    ("تسعون", Part::Add(90.0)),
    ("تسعين", Part::Add(90.0)),
    ("ميه", Part::Add(100.0)),
    ("مايه", Part::Add(100.0)),
    ("مئه", Part::Add(100.0)),
    ("مائه", Part::Add(100.0)),
    ("ميتان", Part::Add(200.0)),
    ("ميتين", Part::Add(200.0)),
    ("مايتان", Part::Add(200.0)),
    ("مايتين", Part::Add(200.0)),
    ("مئتان", Part::Add(200.0)),
    ("مئتين", Part::Add(200.0)),
    ("مائتان", Part::Add(200.0)),
    ("مائتين", Part::Add(200.0)),
    ("الف", Part::Mult(1e3)),
    ("الفا", Part::Mult(1e3)),
    ("الاف", Part::MultPlural(1e3)),
    ("الفان", Part::MultDual(1e3)),
    ("الفين", Part::MultDual(1e3)),
    ("مليون", Part::Mult(1e6)),
    ("مليونا", Part::Mult(1e6)),
    ("ملايين", Part::MultPlural(1e6)),
    ("مليونان", Part::MultDual(1e6)),
    ("مليونين", Part::MultDual(1e6)),
    ("مليار", Part::Mult(1e9)),
    ("مليارا", Part::Mult(1e9)),
    ("بليون", Part::Mult(1e9)),
    ("بليونا", Part::Mult(1e9)),
    ("مليارات", Part::MultPlural(1e9)),
    ("بلايين", Part::MultPlural(1e9)),
    ("ملياران", Part::MultDual(1e9)),
    ("مليارين", Part::MultDual(1e9)),
    ("بليونان", Part::MultDual(1e9)),
    ("بليونين", Part::MultDual(1e9)),
    ("تريليون", Part::Mult(1e12)),
    ("تريليونا", Part::Mult(1e12)),
    ("ترليون", Part::Mult(1e12)),
    ("تريليونات", Part::MultPlural(1e12)),
    ("تريليونان", Part::MultDual(1e12)),
    ("تريليونين", Part::MultDual(1e12)),
    ("نصف", Part::Fraction(0.5)),
    ("ربع", Part::Fraction(0.25)),
]);

/// The spellings of `مائة` that end a hundred written as one word (`ثلاثمائة`).
pub(crate) const HUNDRED_ENDINGS: &[&str] = &["ميه", "مايه", "مئه", "مائه"];

/// The units that start a hundred written as one word (`ثلاث` + `مائة`).
pub(crate) static HUNDRED_UNITS: Table<f64> = Table::new(&[
    ("ثلاث", 3.0),
    ("اربع", 4.0),
    ("خمس", 5.0),
    ("ست", 6.0),
    ("سبع", 7.0),
    ("ثمان", 8.0),
    ("ثماني", 8.0),
    ("تسع", 9.0),
]);

fn part(form: &str) -> Option<Part> {
    PARTS.get(form).or_else(|| hundreds(form).map(Part::Add))
}

/// `ثلاثمائة`, `تسعمئة` (written as one word).
fn hundreds(form: &str) -> Option<f64> {
    let stem = HUNDRED_ENDINGS.iter().find_map(|h| form.strip_suffix(h))?;
    Some(HUNDRED_UNITS.get(stem)? * 100.0)
}

/// A multiplier word (`ألف`, `آلاف`, `مليون`, `مليار` …) after digits: `140 ألف`.
pub(crate) fn multiplier(w: &W<'_>) -> Option<f64> {
    match w.lookup(part)?.0 {
        Part::Mult(m) | Part::MultPlural(m) => Some(m),
        _ => None,
    }
}

/// A cardinal in words starting at `i`: its value and the index after it.
/// Words after the first must carry `و` or be a multiplier or `عشر`.
pub(crate) fn cardinal_at(ws: &[W<'_>], i: usize) -> Option<(f64, usize)> {
    let first = ws.get(i)?;
    let ((p0, c0), _) = (first.lookup(part)?, ());
    if c0.def || c0.prep {
        return None;
    }
    if matches!(p0, Part::Fraction(_) | Part::MultPlural(_)) {
        return None;
    }
    let mut total = 0.0f64;
    let mut group = 0.0f64;
    let mut last_mult = 1.0f64;
    let mut have_group = false;
    let mut j = i;
    while let Some(w) = ws.get(j) {
        let Some((p, c)) = w.lookup(part) else { break };
        if j > i && w.sent != first.sent {
            break;
        }
        let joined = c.conj;
        if j > i {
            // Continuation rules.
            match p {
                Part::Mult(_) | Part::MultPlural(_) | Part::MultDual(_) if !joined && have_group => {}
                Part::Add(v)
                    if v == 10.0
                        && !joined
                        && matches!(ws.get(j - 1).and_then(|x| x.lookup(part)), Some((Part::Unit(_), _))) => {}
                _ if joined => {}
                _ => break,
            }
            if c.prep {
                break;
            }
            // `مليار ونصف المليار`: the fraction, then the repeated multiplier with ال.
            if c.def && !matches!(p, Part::Mult(_)) {
                break;
            }
        }
        match p {
            Part::Unit(v) | Part::Add(v) => {
                group += v;
                have_group = true;
            }
            Part::Mult(m) => {
                if c.def && j > i {
                    // `ونصف المليار`: the multiplier repeated after a fraction.
                    j += 1;
                    continue;
                }
                let g = if have_group { group } else { 1.0 };
                total += g * m;
                group = 0.0;
                have_group = false;
                last_mult = m;
            }
            Part::MultPlural(m) => {
                if !have_group {
                    break;
                }
                total += group * m;
                group = 0.0;
                have_group = false;
                last_mult = m;
            }
            Part::MultDual(m) => {
                if have_group {
                    break;
                }
                total += 2.0 * m;
                last_mult = m;
            }
            Part::Fraction(f) => {
                if j == i || last_mult <= 1.0 {
                    break;
                }
                total += f * last_mult;
            }
        }
        j += 1;
    }
    let value = total + group;
    (j > i && value > 0.0).then_some((value, j))
}

/// Ordinal words with the article: `الأول` … `العاشر`, feminine forms, and the
/// compounds `الحادي عشر`, `الحادي والعشرين`.
pub(crate) static ORDINAL_UNITS: Table<u32> = Table::new(&[
    ("اول", 1),
    ("اولي", 1),
    ("ثاني", 2),
    ("ثانيه", 2),
    ("ثالث", 3),
    ("ثالثه", 3),
    ("رابع", 4),
    ("رابعه", 4),
    ("خامس", 5),
    ("خامسه", 5),
    ("سادس", 6),
    ("سادسه", 6),
    ("سابع", 7),
    ("سابعه", 7),
    ("ثامن", 8),
    ("ثامنه", 8),
    ("تاسع", 9),
    ("تاسعه", 9),
    ("عاشر", 10),
    ("عاشره", 10),
    ("حادي", 1),
    ("حاديه", 1),
]);

/// The tens, as ordinals with the article (`العشرين`) or after `و` (`الحادي والعشرين`).
pub(crate) static TENS: Table<u32> = Table::new(&[
    ("عشرين", 20),
    ("عشرون", 20),
    ("ثلاثين", 30),
    ("ثلاثون", 30),
    ("اربعين", 40),
    ("اربعون", 40),
    ("خمسين", 50),
    ("خمسون", 50),
    ("ستين", 60),
    ("ستون", 60),
    ("سبعين", 70),
    ("سبعون", 70),
    ("ثمانين", 80),
    ("ثمانون", 80),
    ("تسعين", 90),
    ("تسعون", 90),
]);

fn ordinal_unit(form: &str) -> Option<u32> {
    ORDINAL_UNITS.get(form)
}

fn tens(form: &str) -> Option<u32> {
    TENS.get(form)
}

/// An ordinal with the article at `i`: its value and the index after it.
/// `الأول`, `الثامنة`, `الحادي عشر`, `الثانية عشرة`, `الحادي والعشرين`, `العشرين`.
pub(crate) fn ordinal_at(ws: &[W<'_>], i: usize) -> Option<(u32, usize)> {
    let w = ws.get(i)?;
    if let Some((t, c)) = w.lookup(tens) {
        return c.def.then_some((t, i + 1));
    }
    let (u, c) = w.lookup(ordinal_unit)?;
    if !c.def {
        return None;
    }
    let is_hadi = w.lookup(|f| matches!(f, "حادي" | "حاديه").then_some(())).is_some();
    if let Some(next) = ws.get(i + 1) {
        if next.sent == w.sent {
            if let Some((t, c2)) = next.lookup(tens) {
                if c2.conj && c2.def {
                    return Some((u + t, i + 2));
                }
            }
            if next.lookup(|f| matches!(f, "عشر" | "عشره").then_some(())).is_some() && u < 10 {
                return Some((u + 10, i + 2));
            }
        }
    }
    (!is_hadi).then_some((u, i + 1))
}

/// The value of a single cardinal word below 1000 (`خمسة` → 5, `عشرين` → 20).
pub(crate) fn cardinal_word_value(form: &str) -> Option<f64> {
    match part(form)? {
        Part::Unit(v) | Part::Add(v) => Some(v),
        _ => None,
    }
}
