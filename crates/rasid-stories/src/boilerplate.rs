//! Boilerplate learnt from the corpus, outlet by outlet: the lines an outlet
//! repeats across its articles (`اقرأ أيضا`, teasers of its other articles,
//! share and comment lines, photo credits, bylines, "the views expressed
//! are the writer's"), found by counting, not by a list of today's strings.
//!
//! Every paragraph (a line of the body, [`rasid_text::paragraphs`]) is
//! reduced to a key: its letters and digits, Arabic spelling variants
//! folded (alef forms, alef maqsura, ta marbuta, diacritics, tatweel),
//! Latin lower-cased, every run of digits read as one digit, the rest as
//! one space, then hashed. The build counts, for each outlet, in how many
//! of its articles each key occurs ([`Lines`]); only these counts are kept
//! (in the store's `lines` table), never the texts. A paragraph is
//! boilerplate ([`mask`]) when
//!
//! 1. it is short (at most [`SHORT_WORDS`] words) and its key occurs in at
//!    least [`MIN_ARTICLES`] articles of the same outlet, or it is longer
//!    and occurs in at least [`MIN_ARTICLES_LONG`]; or
//! 2. it closes the body after such a line, and it and everything between
//!    are short: the teaser block of an `اقرأ أيضا` line, whose headlines
//!    each occur only once or twice; or
//! 3. it belongs to the closing run of the body, and from it to the end
//!    every paragraph is a learnt line, a short line, or a *teaser*: a
//!    paragraph of any length repeated in at least [`MIN_ARTICLES`] articles
//!    of the outlet that does not read as a continuation of the text before
//!    it (it does not open with `و` or `ف`, nor with a connective such as
//!    `كما`, `يذكر أن`, `من جهته`, `إلى ذلك`: [`continues`]). These are the
//!    leads of the outlet's other articles that some pages append, each
//!    repeated only a few times but long. The background an outlet's
//!    follow-ups end with opens as a continuation (`وكان …`, `ويذكر أن …`)
//!    and is kept.
//!
//! A body made only of such lines is kept whole: it is a repost of one
//! article, not boilerplate.
//!
//! The thresholds were set on the development outlets (16 outlets, 31,950
//! articles; the three held out for the story judgement were not read):
//! short lines repeated three times are bylines, datelines, credits, "the
//! views are the writer's", contact lines, section heads, with now and then
//! a quote that follow-ups repeat; longer paragraphs repeated three to nine
//! times are nearly all background that an outlet's follow-ups of one affair
//! share (content, kept), none was repeated ten times or more but contact
//! boxes. What an outlet's boilerplate says is never listed. Rule 3 was
//! checked on the same outlets: besides contact lines (`للتواصل أرسل …`) it
//! takes the closing paragraphs of 3 of their 30,841 articles (one squad
//! list printed in three reports), where the rule without the continuation
//! test took the shared background of 333.
//!
//! Boilerplate is taken out of the text before clustering and summaries by
//! [`blank`]: its bytes become spaces, so every offset into the body (entity
//! mentions, time expressions, sentence spans) stays valid.
//!
//! ```
//! use rasid_stories::boilerplate::{blank, Lines};
//!
//! let mut lines = Lines::default();
//! let teaser = "اقرأ أيضا: الفريق يفوز بالكأس";
//! let bodies = [
//!     "سقطت أمطار غزيرة على المدينة.",
//!     "افتتح الوزير مصنعا جديدا.",
//!     "ارتفعت أسعار النفط اليوم.",
//! ];
//! for body in bodies {
//!     lines.count(Some("outlet"), &format!("{body}\n{teaser}"));
//! }
//! let text = format!("{}\n{teaser}", bodies[0]);
//! let mask = lines.mask(Some("outlet"), &text);
//! assert_eq!(blank(&text, &mask).trim(), bodies[0]);
//! // Another outlet has not repeated it.
//! assert!(lines.mask(Some("other"), &text).is_empty());
//! ```

use std::collections::HashMap;

use rasid_core::Span;

/// Articles of one outlet a short paragraph must occur in to be boilerplate.
pub const MIN_ARTICLES: u32 = 3;

/// Articles of one outlet a longer paragraph must occur in to be boilerplate.
pub const MIN_ARTICLES_LONG: u32 = 10;

/// Most words of a short paragraph: a line, a headline, a credit.
pub const SHORT_WORDS: usize = 15;

/// The key of a paragraph, `None` when it has no letter or digit.
pub fn key(paragraph: &str) -> Option<u64> {
    let mut out = String::with_capacity(paragraph.len());
    let mut gap = false;
    let mut digit = false;
    for c in paragraph.chars() {
        let c = match c {
            'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
            'ى' => 'ي',
            'ة' => 'ه',
            // Diacritics, tatweel, zero-width and direction marks: dropped.
            '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}' | '\u{200B}'..='\u{200F}' | '\u{FEFF}' => continue,
            c => c,
        };
        if c.is_numeric() {
            if !digit {
                if gap && !out.is_empty() {
                    out.push(' ');
                }
                out.push('0');
            }
            digit = true;
            gap = false;
        } else if c.is_alphabetic() {
            if gap && !out.is_empty() {
                out.push(' ');
            }
            out.extend(c.to_lowercase());
            digit = false;
            gap = false;
        } else {
            gap = true;
            digit = false;
        }
    }
    if out.is_empty() {
        return None;
    }
    let hash = blake3::hash(out.as_bytes());
    let mut first = [0u8; 8];
    first.copy_from_slice(hash.as_bytes().get(..8).unwrap_or(&[0; 8]));
    Some(u64::from_le_bytes(first))
}

/// Words that open a paragraph continuing the text before it (after
/// spelling is folded as in [`key`]), besides any word that starts with the
/// conjunctions `و` or `ف`.
const CONNECTIVES: [&[&str]; 16] = [
    &["كما"],
    &["يذكر"],
    &["يشار"],
    &["بدوره"],
    &["بدورها"],
    &["بينما"],
    &["الي", "ذلك"],
    &["من", "جهته"],
    &["من", "جهتها"],
    &["من", "جانبه"],
    &["من", "جانبها"],
    &["اما"],
    &["لكن"],
    &["غير", "ان"],
    &["الا", "ان"],
    &["في", "حين"],
];

/// True when a paragraph reads as the continuation of the text before it:
/// its first word starts with the conjunction `و` or `ف` (or is spelled so:
/// the test errs towards keeping text), or it opens with a connective
/// (`كما`, `يذكر أن`, `من جهته`, `إلى ذلك`, `في حين` …). A paragraph that
/// does not can stand alone, as the lead of an article does.
pub fn continues(paragraph: &str) -> bool {
    let mut words = paragraph
        .split(|c: char| !(c.is_alphanumeric() || ('\u{064B}'..='\u{065F}').contains(&c) || c == '\u{0640}'))
        .filter(|w| !w.is_empty())
        .map(fold);
    let Some(first) = words.next() else {
        return false;
    };
    if first.starts_with(['و', 'ف']) {
        return true;
    }
    let second = words.next().unwrap_or_default();
    CONNECTIVES.iter().any(|c| match c {
        [one] => first == *one,
        [one, two] => first == *one && second == *two,
        _ => false,
    })
}

/// A word with the spelling variants [`key`] folds folded, diacritics and tatweel dropped.
fn fold(word: &str) -> String {
    word.chars()
        .filter(|c| !matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}'))
        .map(|c| match c {
            'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
            'ى' => 'ي',
            'ة' => 'ه',
            c => c,
        })
        .collect()
}

/// One paragraph of a body: where it is, its key, its number of words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Paragraph {
    /// Where it is in the body.
    pub span: Span,
    /// Its [`key`].
    pub key: u64,
    /// Words (runs of non-space characters).
    pub words: usize,
    /// It reads as the continuation of the text before it ([`continues`]).
    pub continues: bool,
}

/// The paragraphs of a body that have a key, in text order.
pub fn paragraphs(body: &str) -> Vec<Paragraph> {
    rasid_text::paragraphs(body)
        .filter_map(|span| {
            let text = span.slice(body)?;
            Some(Paragraph {
                span,
                key: key(text)?,
                words: text.split_whitespace().count(),
                continues: continues(text),
            })
        })
        .collect()
}

/// The distinct keys of a body, sorted.
pub fn keys(body: &str) -> Vec<u64> {
    let mut keys: Vec<u64> = paragraphs(body).into_iter().map(|p| p.key).collect();
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// The spans of a body's boilerplate paragraphs, given how many articles of
/// the body's outlet have each key (see the module's rules).
pub fn mask_with(paragraphs: &[Paragraph], articles: impl Fn(u64) -> u32) -> Vec<Span> {
    let learnt: Vec<bool> = paragraphs
        .iter()
        .map(|p| {
            let least = if p.words <= SHORT_WORDS {
                MIN_ARTICLES
            } else {
                MIN_ARTICLES_LONG
            };
            articles(p.key) >= least
        })
        .collect();
    // Teasers: paragraphs of any length repeated in the outlet that stand alone.
    let teaser: Vec<bool> = paragraphs
        .iter()
        .map(|p| !p.continues && articles(p.key) >= MIN_ARTICLES)
        .collect();
    let closing = |i: usize| learnt.get(i).copied().unwrap_or(false) || teaser.get(i).copied().unwrap_or(false);
    // The closing run of learnt, teaser or short paragraphs, from its first learnt or teaser one.
    let mut from = paragraphs.len();
    while from > 0 {
        let i = from - 1;
        let short = paragraphs.get(i).is_some_and(|p| p.words <= SHORT_WORDS);
        if !(closing(i) || short) {
            break;
        }
        from = i;
    }
    let tail = (from..paragraphs.len())
        .find(|&i| closing(i))
        .unwrap_or(paragraphs.len());
    let spans: Vec<Span> = paragraphs
        .iter()
        .enumerate()
        .filter(|(i, _)| *i >= tail || learnt.get(*i).copied().unwrap_or(false))
        .map(|(_, p)| p.span)
        .collect();
    if spans.len() == paragraphs.len() {
        // Nothing but repeated lines: a repost of one article, kept whole.
        return Vec::new();
    }
    spans
}

/// `text` with the bytes inside `mask` turned into spaces: same length,
/// same offsets, line breaks kept.
pub fn blank(text: &str, mask: &[Span]) -> String {
    if mask.is_empty() {
        return text.to_owned();
    }
    let mut bytes = text.as_bytes().to_vec();
    for span in mask {
        if let Some(run) = bytes.get_mut(span.start..span.end) {
            for b in run.iter_mut().filter(|b| **b != b'\n') {
                *b = b' ';
            }
        }
    }
    // Spans fall on character boundaries and spaces are ASCII: still UTF-8.
    String::from_utf8(bytes).unwrap_or_else(|_| text.to_owned())
}

/// True when `span` lies inside one of the `mask` spans.
pub fn masked(span: Span, mask: &[Span]) -> bool {
    mask.iter().any(|m| m.start <= span.start && span.end <= m.end)
}

/// The counts: for each outlet, in how many of its articles each paragraph
/// key occurs. Articles without an outlet count as one outlet of their own.
#[derive(Clone, Debug, Default)]
pub struct Lines {
    sources: HashMap<String, u32>,
    counts: HashMap<(u32, u64), u32>,
}

impl Lines {
    fn source_id(&mut self, source: Option<&str>) -> u32 {
        let name = source.unwrap_or_default();
        if let Some(&id) = self.sources.get(name) {
            return id;
        }
        let id = self.sources.len() as u32;
        self.sources.insert(name.to_owned(), id);
        id
    }

    /// Adds `articles` more articles of `source` having the paragraph `key`.
    pub fn add(&mut self, source: Option<&str>, key: u64, articles: u32) {
        let id = self.source_id(source);
        *self.counts.entry((id, key)).or_default() += articles;
    }

    /// Counts one article: each distinct key of its body once. Returns the keys.
    pub fn count(&mut self, source: Option<&str>, body: &str) -> Vec<u64> {
        let keys = keys(body);
        for &key in &keys {
            self.add(source, key, 1);
        }
        keys
    }

    /// In how many articles of `source` the paragraph `key` occurs.
    pub fn articles(&self, source: Option<&str>, key: u64) -> u32 {
        self.sources
            .get(source.unwrap_or_default())
            .and_then(|id| self.counts.get(&(*id, key)))
            .copied()
            .unwrap_or(0)
    }

    /// The boilerplate paragraphs of a body of `source`.
    pub fn mask(&self, source: Option<&str>, body: &str) -> Vec<Span> {
        mask_with(&paragraphs(body), |key| self.articles(source, key))
    }

    /// Keys counted, all outlets together.
    pub fn len(&self) -> usize {
        self.counts.len()
    }

    /// True when nothing is counted.
    pub fn is_empty(&self) -> bool {
        self.counts.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_fold_spelling_digits_and_punctuation() {
        assert_eq!(key("إقرأ أيضاً:"), key("اقرا ايضا"));
        assert_eq!(key("الرياض 25 شوال"), key("الرياض ٣ شوال"));
        assert_eq!(key("Share on Facebook"), key("share  on facebook!"));
        assert_ne!(key("اقرأ أيضا"), key("اقرأ"));
        assert_eq!(key(" - … "), None);
    }

    fn body(lines: &[&str]) -> String {
        lines.join("\n")
    }

    #[test]
    fn repeated_lines_and_the_teasers_after_them_are_masked() {
        let mut lines = Lines::default();
        for i in 0..3 {
            lines.count(
                Some("x"),
                &body(&[&format!("خبر رقم {i} عن موضوع مختلف تماما"), "اقرأ أيضا"]),
            );
        }
        let text = body(&[
            "افتتح وزير النقل طريقا سريعا جديدا يربط بين مدينتين بطول مئة كيلومتر.",
            "اقرأ أيضا",
            "الفريق يفوز بالكأس بعد مباراة مثيرة",
            "ارتفاع أسعار الذهب",
        ]);
        let mask = lines.mask(Some("x"), &text);
        assert_eq!(mask.len(), 3, "{mask:?}");
        let kept = blank(&text, &mask);
        assert_eq!(kept.len(), text.len());
        assert_eq!(
            kept.trim(),
            "افتتح وزير النقل طريقا سريعا جديدا يربط بين مدينتين بطول مئة كيلومتر."
        );
        // Below the threshold nothing is learnt.
        let mut two = Lines::default();
        for _ in 0..MIN_ARTICLES - 1 {
            two.count(Some("x"), "اقرأ أيضا");
        }
        assert!(two.mask(Some("x"), &text).is_empty());
    }

    #[test]
    fn a_long_paragraph_after_the_learnt_line_stops_the_tail() {
        let mut lines = Lines::default();
        for _ in 0..5 {
            lines.count(Some("x"), "شارك");
        }
        let long = "وقال المتحدث باسم الوزارة إن العمل سيستمر في المشروع حتى نهاية العام المقبل وإن التكلفة الإجمالية ستبلغ مليار ريال وفق الخطة المعتمدة من مجلس الوزراء";
        let text = body(&["الخبر الأول هنا.", "شارك", long, "سطر قصير"]);
        let mask = lines.mask(Some("x"), &text);
        assert_eq!(mask.len(), 1, "{mask:?}");
        assert_eq!(mask[0].slice(&text), Some("شارك"));
    }

    #[test]
    fn long_paragraphs_need_more_repeats() {
        let background = "ويعاني قرابة أربعمائة ألف شخص ظروفا إنسانية صعبة للغاية في المنطقة التي تحاصرها القوات بشكل محكم منذ خمس سنوات";
        let mut lines = Lines::default();
        for i in 0..MIN_ARTICLES_LONG {
            if i + 1 == MIN_ARTICLES_LONG {
                let text = body(&["خبر جديد عن المنطقة.", background]);
                assert!(
                    lines.mask(Some("x"), &text).is_empty(),
                    "background shared by follow-ups is content"
                );
            }
            lines.count(Some("x"), &body(&[&format!("خبر {i}"), background]));
        }
        let text = body(&["خبر جديد عن المنطقة.", background]);
        assert_eq!(lines.mask(Some("x"), &text).len(), 1);
    }

    #[test]
    fn continuations_are_told_from_paragraphs_that_stand_alone() {
        for text in [
            "وكان الجيش قد أعلن أمس عن العملية.",
            "فيما قال شهود إن القصف استمر.",
            "يذكر أن الغارات ليست جديدة.",
            "كما كشف الوزير عن خطة جديدة.",
            "من جهتها، أعلنت الصين أنها سترد.",
            "إلى ذلك، قتل 64 مسلحا.",
            "\u{200F}وأضاف المتحدث أن الحوار مستمر.",
        ] {
            assert!(continues(text), "{text}");
        }
        for text in [
            "أعلنت وزارة الصحة افتتاح مستشفى جديد.",
            "(CNN) -- قال الرئيس إن بلاده سترد.",
            "من المتوقع أن ترتفع الأسعار.",
            "",
        ] {
            assert!(!continues(text), "{text}");
        }
    }

    /// Six different long paragraphs of 20 words, each opening with `opening`.
    fn long_paragraphs(opening: &str) -> Vec<String> {
        let letters: Vec<char> = "بتثجحخدذرزسشصضطظعغقكلمنه".chars().collect();
        (0..6)
            .map(|i| {
                let words: Vec<String> = (0..19).map(|w| format!("ك{}{}ل", letters[i], letters[w])).collect();
                format!("{opening} {}", words.join(" "))
            })
            .collect()
    }

    #[test]
    fn a_closing_run_of_repeated_leads_is_masked_whatever_its_length() {
        let leads = long_paragraphs("أعلن");
        let mut lines = Lines::default();
        // Each lead closes three articles, in a rotating block of three.
        for i in 0..6 {
            let block: Vec<&str> = (0..3).map(|k| leads[(i + k) % 6].as_str()).collect();
            lines.count(
                Some("x"),
                &body(&[&format!("خبر رقم {i} عن موضوع مختلف"), &block.join("\n")]),
            );
        }
        let own = "افتتح وزير النقل طريقا سريعا جديدا يربط بين مدينتين بطول مئة كيلومتر.";
        let text = body(&[own, &leads[1], "سطر قصير بينها", &leads[4]]);
        let mask = lines.mask(Some("x"), &text);
        assert_eq!(mask.len(), 3, "{mask:?}");
        assert_eq!(blank(&text, &mask).trim(), own);
        // Repeated in two articles only: content.
        let mut two = Lines::default();
        for i in 0..2 {
            two.count(Some("x"), &body(&[&format!("خبر {i}"), &leads[0]]));
        }
        assert!(two.mask(Some("x"), &body(&[own, &leads[0]])).is_empty());
    }

    #[test]
    fn shared_background_that_continues_the_text_is_kept() {
        // Follow-ups of one affair end with the same background, repeated in
        // fewer than MIN_ARTICLES_LONG articles: it opens as a continuation.
        let background = long_paragraphs("وكان");
        let mut lines = Lines::default();
        for i in 0..5 {
            lines.count(
                Some("x"),
                &body(&[&format!("تطور جديد رقم {i} في القضية"), &background[0], &background[1]]),
            );
        }
        let text = body(&["تطور آخر في القضية نفسها اليوم.", &background[0], &background[1]]);
        assert!(lines.mask(Some("x"), &text).is_empty());
        // A standalone lead after the background is masked; the background is kept.
        let lead = long_paragraphs("أعلن").remove(0);
        for i in 0..3 {
            lines.count(Some("x"), &body(&[&format!("خبر آخر {i}"), &lead]));
        }
        let text = body(&["تطور آخر في القضية نفسها اليوم.", &background[0], &lead]);
        let mask = lines.mask(Some("x"), &text);
        assert_eq!(mask.len(), 1, "{mask:?}");
        assert_eq!(mask[0].slice(&text), Some(lead.as_str()));
    }

    #[test]
    fn a_body_made_only_of_repeated_lines_is_kept() {
        let mut lines = Lines::default();
        let text = body(&["سطر أول مكرر", "سطر ثان مكرر"]);
        for _ in 0..4 {
            lines.count(Some("x"), &text);
        }
        assert!(lines.mask(Some("x"), &text).is_empty());
    }

    #[test]
    fn masked_spans_and_blanking_keep_offsets() {
        let text = "أ\nباء تاء\nجيم";
        let mask = [Span::new(3, 16)];
        let out = blank(text, &mask);
        assert_eq!(out.len(), text.len());
        assert!(out.ends_with("\nجيم"));
        assert!(masked(Span::new(4, 10), &mask));
        assert!(!masked(Span::new(0, 2), &mask));
    }
}
