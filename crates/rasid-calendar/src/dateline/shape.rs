//! Is a line a dateline at all? Few, short unknown words, set off from the date.

use super::items::{Item, Kind};
use super::words::Role;

pub(super) fn is_date_part(kind: &Kind) -> bool {
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

pub(super) fn looks_like_dateline(items: &[Item], line: &str) -> bool {
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
