//! Numbers: digits (Western and Arabic-Indic, with separators), number words,
//! ordinals, approximations, percentages, money, and the noun counted.

mod money;
pub(crate) mod words;

use rasid_core::{NumberApprox, NumberExpr, NumberKind, Span, TextPart, TimexMod, TokenKind};

use crate::time::Ctx;
use crate::words::W;

/// Finds the numbers of a text, leaving out those inside `skip` (the dates and
/// times the number is a part of).
pub(crate) fn tag(text: &str, ws: &[W<'_>], skip: &[Span]) -> Vec<NumberExpr> {
    tag_where(text, ws, skip, |ctx, i| ctx.may_start(i, crate::trigger::NUMBER))
}

/// [`tag`], trying the matcher only at the tokens where `try_at` says so.
pub(crate) fn tag_where(
    text: &str,
    ws: &[W<'_>],
    skip: &[Span],
    try_at: impl Fn(&Ctx<'_>, usize) -> bool,
) -> Vec<NumberExpr> {
    let ctx = Ctx { text, ws, anchor: None };
    let mut out = Vec::new();
    let mut i = 0;
    while i < ws.len() {
        if !try_at(&ctx, i) {
            i += 1;
            continue;
        }
        match number_at(&ctx, i) {
            Some((n, end)) if end > i => {
                if !skip.iter().any(|s| s.start < n.span.end && n.span.start < s.end) {
                    out.push(n);
                }
                i = end;
            }
            _ => i += 1,
        }
    }
    out
}

fn approx_at(ctx: &Ctx<'_>, i: usize) -> Option<(NumberApprox, usize)> {
    if let Some((m, e, _)) = ctx.approx_at(i) {
        let a = match m {
            TimexMod::MoreThan => NumberApprox::MoreThan,
            TimexMod::LessThan => NumberApprox::LessThan,
            TimexMod::EqualOrMore => NumberApprox::AtLeast,
            TimexMod::EqualOrLess => NumberApprox::AtMost,
            _ => NumberApprox::About,
        };
        return Some((a, e));
    }
    let w = ctx.w(i)?;
    if w.lex_is(&["ما"]) && ctx.word_is(i + 1, &["يصل"]) && ctx.w(i + 2).is_some_and(|x| x.lex_is(&["الي", "لـ"]))
    {
        return Some((NumberApprox::AtMost, i + 3));
    }
    None
}

/// One number starting at `i` (with what goes with it), and the index after it.
fn number_at(ctx: &Ctx<'_>, i: usize) -> Option<(NumberExpr, usize)> {
    let ws = ctx.ws;
    let (approx, j) = match approx_at(ctx, i) {
        Some((a, e)) => (Some(a), e),
        None => (None, i),
    };
    let (k, keep) = ctx.after_prefix(j);
    let w = ws.get(k)?;
    let mut kind = NumberKind::Cardinal;
    let (mut value, mut end) = if let Some(v) = w.num() {
        let mut v = v;
        let mut e = k + 1;
        if let Some(m) = ws.get(e).filter(|x| x.sent == w.sent).and_then(words::multiplier) {
            v *= m;
            e += 1;
        }
        (v, e)
    } else if let Some((v, e)) = words::cardinal_at(ws, k) {
        (v, e)
    } else if let Some((v, e)) = words::ordinal_at(ws, k) {
        kind = NumberKind::Ordinal;
        (f64::from(v), e)
    } else {
        return None;
    };
    let mut currency = None;
    let mut counts = None;
    if kind == NumberKind::Cardinal {
        let per_mille_word = |x: &W<'_>| {
            x.lookup(|f| matches!(f, "ميه" | "مايه" | "مئه" | "مائه").then_some(()))
                .is_some_and(|(_, c)| c.def && c.prep)
        };
        if ws.get(end).is_some_and(|x| x.is(&["%", "٪"]) || per_mille_word(x)) {
            kind = NumberKind::Percent;
            end += 1;
        } else if ctx.word_is(end, &["في"]) && ws.get(end + 1).is_some_and(|x| x.is(&["الميه", "المايه"]))
        {
            kind = NumberKind::Percent;
            end += 2;
        } else if let Some((c, e)) = money::currency_at(ws, end) {
            kind = NumberKind::Money;
            currency = Some(c);
            end = e;
        } else if let Some(noun) = ws.get(end) {
            if noun.kind == TokenKind::Arabic && !noun.stop() && noun.sent == w.sent && !noun.key.starts_with('و') {
                counts = counted(ctx.text, noun, value);
            }
        }
    }
    if !value.is_finite() {
        value = 0.0;
    }
    // `تقريبا`, `على الأقل` after the number.
    let mut approx = approx;
    if approx.is_none() {
        if ws.get(end).is_some_and(|x| x.is(&["تقريبا"])) {
            approx = Some(NumberApprox::About);
            end += 1;
        } else if ctx.word_is(end, &["علي"]) && ctx.word_is(end + 1, &["الاقل"]) {
            approx = Some(NumberApprox::AtLeast);
            end += 2;
        }
    }
    let first = ws.get(if approx.is_some() && i < k {
        i
    } else if keep {
        j
    } else {
        k
    })?;
    let last = ws.get(end.checked_sub(1)?)?;
    let span = Span::new(first.span().start, last.span().end.max(first.span().start));
    let text_of = span.slice(ctx.text)?.to_string();
    Some((
        NumberExpr {
            part: TextPart::Body,
            span,
            text: text_of,
            value,
            kind,
            currency,
            approx,
            counts,
        },
        end,
    ))
}

/// The counted noun as written, without diacritics and without the accusative
/// alef of counts from 11 to 99 (`شخصا` → `شخص`).
fn counted(text: &str, noun: &W<'_>, value: f64) -> Option<String> {
    let s = noun.span().slice(text)?;
    let mut out: String = s
        .chars()
        .filter(|c| !matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}'))
        .collect();
    if (11.0..=99.0).contains(&value) && out.chars().count() > 3 && out.ends_with('ا') {
        out.pop();
    }
    (!out.is_empty()).then_some(out)
}
