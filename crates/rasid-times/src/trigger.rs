//! A cheap pre-check for the taggers: which tokens can start a time expression
//! or a number.
//!
//! The taggers try every matcher at every token, and most tokens cannot start
//! anything: trying them all there was most of the taggers' time. So the words
//! the matchers test at the token an expression starts at are put in one hash
//! map, once, each with every run of proclitics its matcher accepts before it
//! (those [`crate::words::Forms`] takes off: a conjunction, a preposition or
//! `لل`, the article) and with what it needs after it:
//!
//! * a *start* word can begin an expression by itself (`الخميس`, `أمس`, `عام`);
//! * other words begin one only when the word they need comes soon after them
//!   (see [`Flags::needs`]): `منذ`, `نحو`, `كل` need a count (a unit, a
//!   number, a name of a day or month); `مطلع`, `هذا` a period; `ما` a verb of
//!   approximation, `أكثر` its `من`; a number word a unit (`ثلاثة أيام`); an
//!   ordinal a month (`الحادي والعشرين من ديسمبر`); an hour word a part of the
//!   day (`الثانية ظهرا`); a number other than a year a unit, a month or a date
//!   separator (`21/12`, `10:57`).
//!
//! Prefixes glued to the next token (`بـ2017`, `الـ22`) are handled by
//! [`crate::time::Ctx::may_start`]. A test checks that both taggers find
//! exactly the same with and without the check.

use std::sync::LazyLock;

use rasid_calendar::months::MONTH_SPELLINGS;
use rasid_calendar::normalize_word;
use rasid_core::TokenKind;

use crate::number::words::{HUNDRED_ENDINGS, HUNDRED_UNITS, ORDINAL_UNITS, PARTS, TENS};
use crate::time::duration::{FEW_WORDS, SET_WORDS};
use crate::time::lexicon::{
    month_names, weekday_names, APPROX_WORDS, DAY_PARTS, DECADE_ENDINGS, DECADE_STEMS, HOUR_WORDS, MORE_LESS, PARTS_OF,
    UNITS,
};
use crate::time::relative::{DAY_OFFSETS, OFFSET_WORDS, PRESENT_HEADS, VAGUE_WORDS, YEAR_PARTS};
use crate::time::PREFIX_TOKENS;

const TIME_START: u32 = 1;
const NUMBER_START: u32 = 1 << 1;
const NUMBER_MODIFIER: u32 = 1 << 2;
const NUMBER_CORE: u32 = 1 << 3;
/// A unit, month, weekday, part of the day, number: what a count or a
/// period is made of.
const TIME_CORE: u32 = 1 << 4;
const UNIT: u32 = 1 << 5;
const MONTH: u32 = 1 << 6;
const DAY_PART: u32 = 1 << 7;
const DATE_PUNCT: u32 = 1 << 8;
/// What may come between a modifier and its count: `نحو`, `أكثر`, `ما`,
/// `بضعة`, a glued prefix (`منذ أكثر من شهرين`, `منذ الـ5`).
const COUNT_LEAD: u32 = 1 << 9;
/// What may come between a part and its period: `هذا`, `عطلة`, `نهاية`, a glued prefix.
const PERIOD_LEAD: u32 = 1 << 10;
/// `يزيد`, `لا`, `يقارب`, `يقرب`, `يصل` after `ما`.
const APPROX_VERB: u32 = 1 << 11;
/// `من` after `أكثر`/`أقل`.
const MIN: u32 = 1 << 12;
const NEEDS_UNIT: u32 = 1 << 13;
const NEEDS_MONTH: u32 = 1 << 14;
const NEEDS_DAY_PART: u32 = 1 << 15;
const NEEDS_DATE: u32 = 1 << 16;
const NEEDS_COUNT: u32 = 1 << 17;
const NEEDS_PERIOD: u32 = 1 << 18;
const NEEDS_APPROX_VERB: u32 = 1 << 19;
const NEEDS_MIN: u32 = 1 << 20;

/// What one tagger asks of a token: a flag that lets it start, and the flags
/// that let it start when another flag comes soon after it.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Flags {
    /// The token can start an expression.
    pub start: u32,
    /// `(flag, needed, reach)`: a token with `flag` can start one when a token
    /// with any of `needed` is among the `reach` tokens after it.
    pub needs: &'static [(u32, u32, usize)],
}

/// The time tagger's flags.
pub(crate) const TIME: Flags = Flags {
    start: TIME_START,
    needs: &[
        // `منذ ثلاثة أيام`, `نحو 4 ساعات`, `كل يوم`, `بضعة أيام`, `قبل نحو أربع سنوات`
        (NEEDS_COUNT, TIME_CORE | COUNT_LEAD, 2),
        // `مطلع الشهر`, `نهاية العام الماضي`, `هذا الأسبوع`, `عطلة نهاية الأسبوع`
        (NEEDS_PERIOD, TIME_CORE | PERIOD_LEAD, 2),
        // `ما يزيد عن`, `ما لا يقل عن`
        (NEEDS_APPROX_VERB, APPROX_VERB, 1),
        // `أكثر من أسبوع`
        (NEEDS_MIN, MIN, 1),
        // `خمسة ملايين وثلاثمائة وعشرين عاما`
        (NEEDS_UNIT, UNIT, 10),
        // `الحادي والعشرين من شهر ديسمبر`, `الخامس من الشهر الجاري`
        (NEEDS_MONTH, MONTH | UNIT, 5),
        // `الحادية عشرة إلا ربعا مساء`
        (NEEDS_DAY_PART, DAY_PART, 4),
        // `21 من شهر ديسمبر`, `10:57`, `3 أيام`
        (NEEDS_DATE, UNIT | MONTH | DATE_PUNCT, 4),
    ],
};

/// The number tagger's flags.
pub(crate) const NUMBER: Flags = Flags {
    start: NUMBER_START,
    needs: &[(NUMBER_MODIFIER, NUMBER_CORE, 6)],
};

/// Which runs of proclitics a word is accepted with.
#[derive(Clone, Copy)]
enum Runs {
    /// Any.
    All,
    /// Without the article (`نحو`, `مطلع`: `المطلع` starts nothing).
    NoArticle,
    /// With the article only (`الثامنة`, `الخميس`).
    Article,
    /// A conjunction at most (`منذ`, `وثلاثة`).
    ConjOnly,
}

/// The runs of proclitics [`crate::words::Forms`] takes off a key, with what
/// each holds: (run, has a preposition, has the article).
fn proclitic_runs() -> Vec<(String, bool, bool)> {
    let mut runs = Vec::new();
    for conj in ["", "و", "ف"] {
        for prep in ["", "ب", "ل", "ك", "لل"] {
            for art in ["", "ال"] {
                if prep == "لل" && !art.is_empty() {
                    continue;
                }
                let def = prep == "لل" || !art.is_empty();
                runs.push((format!("{conj}{prep}{art}"), !prep.is_empty(), def));
            }
        }
    }
    runs
}

/// Words the time matchers test at their first token that are in no table,
/// with the clitics they take: `يومي الاثنين`, `الليلة`, `وقت سابق`, `المستقبل القريب`.
const TIME_STARTS: &[(&str, Runs)] = &[
    ("يومي", Runs::All),
    ("ليله", Runs::All),
    ("وقت", Runs::NoArticle),
    ("مستقبل", Runs::Article),
];

/// Words that start a time expression only before a count: `كل يوم`.
const COUNT_MODIFIERS: &[&str] = &["كل"];

/// Words that start a time expression only before a period: `هذا العام`,
/// `عطلة نهاية الأسبوع`.
const PERIOD_MODIFIERS: &[&str] = &["هذا", "هذه", "عطله"];

/// Verbs after `ما` in an approximation.
const APPROX_VERBS: &[&str] = &["يزيد", "لا", "يقارب", "يقرب", "يصل"];

/// Words that start a number only before its core: `ما يصل إلى`.
const NUMBER_MODIFIERS: &[&str] = &["ما"];

static FLAGS: LazyLock<foldhash::HashMap<String, u32>> = LazyLock::new(|| {
    let runs = proclitic_runs();
    let mut map = foldhash::HashMap::<String, u32>::default();
    let mut add = |words: &mut dyn Iterator<Item = &str>, which: Runs, flag: u32| {
        for word in words {
            for (run, prep, def) in &runs {
                let ok = match which {
                    Runs::All => true,
                    Runs::NoArticle => !def,
                    Runs::Article => *def,
                    Runs::ConjOnly => !prep && !def,
                };
                if ok {
                    *map.entry(format!("{run}{word}")).or_default() |= flag;
                }
            }
        }
    };
    let month_heads: Vec<String> = MONTH_SPELLINGS
        .iter()
        .flat_map(|(_, _, spellings)| spellings.iter())
        .filter(|s| s.contains(' '))
        .filter_map(|s| s.split_whitespace().next())
        .map(normalize_word)
        .collect();
    // A weekday starts a date with the article (`الخميس`); bare, after `يوم` or `كل`.
    let (weekdays_def, weekdays_bare): (Vec<&str>, Vec<&str>) = weekday_names().partition(|w| w.starts_with("ال"));
    // Cardinal words, with the hundreds written as one word (`ثلاثمائة`).
    let number_words: Vec<String> = HUNDRED_UNITS
        .words()
        .flat_map(|unit| HUNDRED_ENDINGS.iter().map(move |end| format!("{unit}{end}")))
        .chain(PARTS.words().map(String::from))
        .collect();
    let ordinals: Vec<&str> = ORDINAL_UNITS.words().chain(TENS.words()).collect();
    let decades: Vec<String> = DECADE_STEMS
        .words()
        .flat_map(|stem| DECADE_ENDINGS.iter().map(move |end| format!("{stem}{end}")))
        .collect();

    // What starts a time expression, with the clitics its matcher accepts.
    add(&mut UNITS.words(), Runs::All, TIME_START | UNIT | TIME_CORE);
    add(&mut SET_WORDS.words(), Runs::All, TIME_START);
    add(&mut VAGUE_WORDS.words(), Runs::All, TIME_START);
    add(&mut DAY_OFFSETS.words(), Runs::All, TIME_START | TIME_CORE);
    for &(word, runs) in TIME_STARTS {
        add(&mut std::iter::once(word), runs, TIME_START);
    }
    add(&mut PRESENT_HEADS.iter().copied(), Runs::Article, TIME_START);
    add(&mut YEAR_PARTS.words(), Runs::Article, TIME_START);
    add(&mut decades.iter().map(String::as_str), Runs::All, TIME_START);
    add(&mut month_names(), Runs::All, TIME_START | MONTH | TIME_CORE);
    add(&mut month_heads.iter().map(String::as_str), Runs::NoArticle, TIME_START);
    add(
        &mut month_heads.iter().map(String::as_str),
        Runs::All,
        MONTH | TIME_CORE,
    );
    add(&mut weekdays_def.iter().copied(), Runs::NoArticle, TIME_START);
    add(&mut weekdays_bare.iter().copied(), Runs::Article, TIME_START);
    add(&mut weekday_names(), Runs::All, TIME_CORE);
    add(&mut DAY_PARTS.words(), Runs::NoArticle, TIME_START);
    add(&mut DAY_PARTS.words(), Runs::All, DAY_PART | TIME_CORE);
    add(&mut HOUR_WORDS.words(), Runs::Article, NEEDS_DAY_PART);
    add(&mut HOUR_WORDS.words(), Runs::All, TIME_CORE);
    // Number words: counts of a unit, days of a month, and numbers.
    add(
        &mut number_words.iter().map(String::as_str),
        Runs::ConjOnly,
        NEEDS_UNIT | NUMBER_START,
    );
    add(&mut ordinals.iter().copied(), Runs::Article, NEEDS_MONTH | NUMBER_START);
    add(
        &mut number_words.iter().map(String::as_str),
        Runs::All,
        TIME_CORE | NUMBER_CORE,
    );
    add(&mut ordinals.iter().copied(), Runs::All, TIME_CORE | NUMBER_CORE);
    // What needs a count or a period after it, and what may lead to one.
    add(&mut OFFSET_WORDS.words(), Runs::All, NEEDS_COUNT);
    // `قبل قليل`: a moment ago.
    add(&mut std::iter::once("قليل"), Runs::NoArticle, TIME_CORE);
    add(&mut COUNT_MODIFIERS.iter().copied(), Runs::All, NEEDS_COUNT);
    add(
        &mut APPROX_WORDS.words(),
        Runs::All,
        NEEDS_COUNT | COUNT_LEAD | NUMBER_MODIFIER,
    );
    add(&mut FEW_WORDS.iter().copied(), Runs::All, NEEDS_COUNT | COUNT_LEAD);
    add(
        &mut MORE_LESS.words(),
        Runs::All,
        NEEDS_MIN | COUNT_LEAD | NUMBER_MODIFIER,
    );
    add(&mut std::iter::once("ما"), Runs::All, NEEDS_APPROX_VERB | COUNT_LEAD);
    add(&mut PARTS_OF.words(), Runs::NoArticle, NEEDS_PERIOD);
    add(
        &mut PERIOD_MODIFIERS.iter().copied(),
        Runs::All,
        NEEDS_PERIOD | PERIOD_LEAD,
    );
    add(&mut std::iter::once("نهايه"), Runs::All, PERIOD_LEAD);
    add(&mut PREFIX_TOKENS.iter().copied(), Runs::All, COUNT_LEAD | PERIOD_LEAD);
    add(&mut APPROX_VERBS.iter().copied(), Runs::All, APPROX_VERB);
    add(&mut std::iter::once("من"), Runs::All, MIN);
    add(&mut NUMBER_MODIFIERS.iter().copied(), Runs::All, NUMBER_MODIFIER);
    map
});

/// Bits of [`ENDINGS`]: 2^17, 16 KiB, for some 11,000 keys.
const ENDING_BITS: u32 = 17;

/// Where a key falls in [`ENDINGS`]: a hash of its length and its last eight
/// bytes, one multiplication.
fn ending(key: &str) -> usize {
    let b = key.as_bytes();
    let tail = b.get(b.len().saturating_sub(8)..).unwrap_or_default();
    let word = match <[u8; 8]>::try_from(tail) {
        Ok(last) => u64::from_le_bytes(last),
        Err(_) => tail.iter().rev().fold(0u64, |w, &byte| w << 8 | u64::from(byte)),
    };
    let word = word ^ (b.len() as u64).rotate_right(8);
    (word.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - ENDING_BITS)) as usize
}

/// A one-hash Bloom filter of the keys in [`FLAGS`]: most tokens are turned
/// away by one multiplication and one bit, before the whole key is hashed.
static ENDINGS: LazyLock<Vec<u64>> = LazyLock::new(|| {
    let mut bits = vec![0u64; 1 << (ENDING_BITS - 6)];
    for key in FLAGS.keys() {
        let e = ending(key);
        if let Some(w) = bits.get_mut(e / 64) {
            *w |= 1 << (e % 64);
        }
    }
    bits
});

/// The flags of a token (see [`TIME`] and [`NUMBER`]); 0 for one that
/// neither tagger needs to look at.
pub(crate) fn flags(kind: TokenKind, key: &str) -> u32 {
    match kind {
        TokenKind::Number => {
            // A year starts a date by itself (`في 2013`); other numbers need a
            // unit, a month or a separator after them.
            let year = key.len() == 4 && key.bytes().all(|b| b.is_ascii_digit());
            let time = if year { TIME_START } else { NEEDS_DATE };
            time | TIME_CORE | NUMBER_START | NUMBER_CORE
        }
        TokenKind::Punct => {
            if matches!(key, "/" | "-" | "." | "\\" | ":") {
                DATE_PUNCT
            } else {
                0
            }
        }
        TokenKind::Symbol => 0,
        TokenKind::Arabic | TokenKind::Latin => {
            let e = ending(key);
            if ENDINGS.get(e / 64).is_none_or(|w| w & (1 << (e % 64)) == 0) {
                return 0;
            }
            FLAGS.get(key).copied().unwrap_or(0)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rasid_core::Timestamp;

    /// Texts with every kind of expression: the dev gold, the canonical
    /// article, and forms that start with a prefix, a modifier or a number word.
    fn texts() -> Vec<(String, Option<Timestamp>)> {
        let gold = crate::eval::parse_gold(include_str!("../tests/data/time-gold.dev.jsonl")).unwrap_or_default();
        let mut out: Vec<(String, Option<Timestamp>)> = gold
            .into_iter()
            .map(|d| (d.text, d.anchor.and_then(|a| a.parse().ok())))
            .collect();
        out.push((
            include_str!("../../../examples/astana-2017-12-21.txt").to_string(),
            None,
        ));
        let forms = "وصل بـ2017 والـ22 من شهر ديسمبر، منذ ما لا يقل عن الـ5 أيام وقبل نحو ثلاث سنوات \
            وخمسة وعشرين عاما، الحادي والعشرين من ديسمبر، الحادية عشرة إلا ربعا مساء، 21/12/2017 و10:57 ص \
            في الساعة 11,30 وكل أحد ويومي الاثنين والثلاثاء وهذا العام وعطلة نهاية الأسبوع الماضي ونصف ساعة \
            وبعد غد وما يصل إلى 300 ألف وثلاثمائة مليون وأكثر من 20 شخصا في الثمانينيات وذي الحجة 1439 هـ";
        out.push((
            forms.to_string(),
            Some("2017-12-21T10:57".parse().unwrap_or_else(|_| unreachable!())),
        ));
        out
    }

    #[test]
    fn both_taggers_find_the_same_with_and_without_the_check() {
        let analyzer = rasid_text::Analyzer::default();
        let mut found = 0;
        for (text, anchor) in texts() {
            let analysis = analyzer.analyze_text(&text);
            let ws = crate::words::words(&analysis);
            let date = anchor.map(|a| a.datetime().date());
            let checked = crate::time::tag(&text, &ws, date);
            let all = crate::time::tag_where(&text, &ws, date, |_, _| true);
            assert_eq!(checked, all, "{text}");
            found += checked.len();
            let checked = crate::number::tag(&text, &ws, &[]);
            let all = crate::number::tag_where(&text, &ws, &[], |_, _| true);
            assert_eq!(checked, all, "{text}");
        }
        // The gold has sentences without any time expression, not all of it.
        assert!(found > 300, "{found}");
    }

    fn word(key: &str) -> u32 {
        flags(TokenKind::Arabic, key)
    }

    #[test]
    fn words_start_with_the_clitics_their_matchers_accept() {
        let starts = |k: &str| word(k) & TIME_START != 0;
        assert!(starts("ديسمبر") && starts("وبديسمبر"));
        assert!(starts("الخميس") && starts("والخميس") && !starts("خميس"));
        assert!(starts("ذي") && !starts("الذي"));
        assert!(word("مطلع") & NEEDS_PERIOD != 0 && word("المطلع") & NEEDS_PERIOD == 0);
        assert!(starts("الثمانينيات"));
        assert_eq!(word("محادثات"), 0);
        assert_eq!(word("روسيا"), 0);
    }

    #[test]
    fn what_the_other_words_need() {
        assert_eq!(word("منذ") & (TIME_START | NEEDS_COUNT), NEEDS_COUNT);
        assert_ne!(word("نحو") & NUMBER_MODIFIER, 0);
        assert_eq!(word("ثلاثه") & (TIME_START | NEEDS_UNIT), NEEDS_UNIT);
        assert_ne!(word("وثلاثه") & NUMBER_START, 0);
        assert_eq!(word("بثلاثه") & NUMBER_START, 0);
        assert_ne!(word("الثامنه") & NEEDS_MONTH, 0);
        assert_ne!(word("الثامنه") & NEEDS_DAY_PART, 0);
        assert_ne!(word("ايام") & UNIT, 0);
        assert_ne!(word("احد") & TIME_CORE, 0);
        assert_eq!(flags(TokenKind::Number, "2017") & TIME_START, TIME_START);
        assert_eq!(flags(TokenKind::Number, "21") & (TIME_START | NEEDS_DATE), NEEDS_DATE);
    }
}
