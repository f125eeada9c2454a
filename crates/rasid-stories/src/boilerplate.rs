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
//!    it ([`continues`]: its first word is not the conjunction `و` or `ف`
//!    before a word, as the analyzer's clitic decision reads it, and it does
//!    not open with a connective such as `كما`, `يذكر أن`, `من جهته`,
//!    `إلى ذلك`, `في المقابل`). These are the leads of the outlet's other
//!    articles that some pages append, each repeated only a few times but
//!    long. The background an outlet's follow-ups end with opens as a
//!    continuation (`وكان …`, `ويذكر أن …`) and is kept. A lead that opens
//!    with a word that only begins with the letter (`ودّع`, `وزارة`, `فاز`)
//!    or with the preposition `في` stands alone; or
//! 4. it closes the body in a run of such paragraphs and of leads repeated
//!    in only two articles of the outlet that stand alone, from the run's
//!    first teaser of more than [`SHORT_WORDS`] words on: a rotating block
//!    of other articles' leads holds some that the corpus has seen only
//!    twice. The run opens with a long teaser, not a short line, so that a
//!    column printed twice keeps its last paragraph after a repeated
//!    heading.
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
//! test took the shared background of 333. The analyzer's reading of `و`/`ف`
//! and rule 4 take nothing more there; taking a whole closing block from a
//! standalone first repeat, whatever followed, took the background of 7
//! (23 when the first repeat could be a short line).
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
use std::sync::{Arc, LazyLock};

use rasid_core::Span;
use rasid_text::{Lexicon, NormalizerConfig};

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
/// spelling is folded as in [`key`]), besides a first word that the analyzer
/// reads as the conjunction `و` or `ف` before a word ([`continues`]).
const CONNECTIVES: [&[&str]; 31] = [
    &["كما"],
    &["يذكر"],
    &["يشار"],
    &["بدوره"],
    &["بدورها"],
    &["بينما"],
    &["فيما"],
    &["الي", "ذلك"],
    &["من", "جهته"],
    &["من", "جهتها"],
    &["من", "جهه"],
    &["من", "جانبه"],
    &["من", "جانبها"],
    &["من", "جانب"],
    &["من", "ناحيته"],
    &["من", "ناحيتها"],
    &["من", "ناحيه"],
    &["اما"],
    &["لكن"],
    &["غير", "ان"],
    &["الا", "ان"],
    &["فضلا", "عن"],
    &["في", "حين"],
    &["في", "المقابل"],
    &["في", "غضون"],
    &["في", "سياق"],
    &["في", "السياق"],
    &["في", "الاثناء"],
    &["في", "هذه", "الاثناء"],
    &["في", "الوقت", "نفسه"],
    &["في", "الوقت", "ذاته"],
];

/// The shipped lexicon, whose clitic decision tells a conjunction from a
/// word's first letter.
static LEXICON: LazyLock<Arc<Lexicon>> = LazyLock::new(Lexicon::embedded);

/// True when a paragraph reads as the continuation of the text before it:
/// its first word is the conjunction `و` or `ف` before a word (`وكان`,
/// `فقد`, `وأضاف`), or it opens with a connective (`كما`, `يذكر أن`,
/// `من جهته`, `إلى ذلك`, `في حين`, `في المقابل` …). A paragraph that does
/// not can stand alone, as the lead of an article does: one whose first
/// word only begins with the letter (`وزارة`, `ودّع`, `فاز`) or is the
/// preposition `في`.
///
/// Whether the first letter is the conjunction is the analyzer's clitic
/// decision over the shipped lexicon ([`Lexicon::opens_with_conjunction`])
/// for a form the lexicon has seen 50 times or more; it
/// is the conjunction in a rarer form, when written apart, and before a
/// hamza-seated alef (`وأدى`, `فإن`), which the key form would fold into
/// another word (`وادي`, a valley).
pub fn continues(paragraph: &str) -> bool {
    let mut raw = paragraph
        .split(|c: char| !(c.is_alphanumeric() || ('\u{064B}'..='\u{065F}').contains(&c) || c == '\u{0640}'))
        .filter(|w| !w.is_empty());
    let Some(first) = raw.next() else {
        return false;
    };
    if conjunction(first) {
        return true;
    }
    let mut words = [fold(first), String::new(), String::new()];
    for (slot, word) in words.iter_mut().skip(1).zip(raw) {
        *slot = fold(word);
    }
    CONNECTIVES.iter().any(|c| c.iter().zip(&words).all(|(a, b)| a == b))
}

/// Occurrences in the lexicon's corpus (7.4 M words) a form opening with `و`
/// or `ف` needs to be read as a word of its own when the analyzer does not
/// split it (`ودع` has 124, `وافق` 417). Rarer forms are more often the
/// conjunction before a word the analyzer could not confirm (`وسيختتم` 4,
/// `وختمت` 19); reading them so errs towards keeping text.
const WORD_OF_ITS_OWN: u32 = 50;

/// True when the word (as written) opens with the conjunction `و` or `ف`.
fn conjunction(word: &str) -> bool {
    let mut letters = word
        .chars()
        .filter(|c| !matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}'));
    if !matches!(letters.next(), Some('و' | 'ف')) {
        return false;
    }
    // Written apart, or before a hamza-seated alef (keyed as another word).
    if matches!(letters.next(), None | Some('أ' | 'إ' | 'آ')) {
        return true;
    }
    let key = NormalizerConfig::default().key(word);
    LEXICON.count(&key) < WORD_OF_ITS_OWN || LEXICON.opens_with_conjunction(&key)
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
    let mut keys: Vec<u64> = rasid_text::paragraphs(body)
        .filter_map(|span| key(span.slice(body)?))
        .collect();
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// The spans of a body's boilerplate paragraphs, given how many articles of
/// the body's outlet have each key (see the module's rules).
pub fn mask_with(paragraphs: &[Paragraph], articles: impl Fn(u64) -> u32) -> Vec<Span> {
    let counts: Vec<u32> = paragraphs.iter().map(|p| articles(p.key)).collect();
    let learnt: Vec<bool> = paragraphs
        .iter()
        .zip(&counts)
        .map(|(p, &n)| {
            let least = if p.words <= SHORT_WORDS {
                MIN_ARTICLES
            } else {
                MIN_ARTICLES_LONG
            };
            n >= least
        })
        .collect();
    let count = |i: usize| counts.get(i).copied().unwrap_or(0);
    let stands_alone = |i: usize| paragraphs.get(i).is_some_and(|p| !p.continues);
    let short = |i: usize| paragraphs.get(i).is_some_and(|p| p.words <= SHORT_WORDS);
    // Teasers: paragraphs of any length repeated in the outlet that stand alone.
    let teaser = |i: usize| stands_alone(i) && count(i) >= MIN_ARTICLES;
    let closing = |i: usize| learnt.get(i).copied().unwrap_or(false) || teaser(i);
    // The closing run of paragraphs that `part_of` accepts.
    let run = |part_of: &dyn Fn(usize) -> bool| {
        let mut from = paragraphs.len();
        while from > 0 && part_of(from - 1) {
            from -= 1;
        }
        from
    };
    // Rule 3: the closing run of learnt, teaser or short paragraphs, from its first learnt or teaser one.
    let from = run(&|i| closing(i) || short(i));
    let mut tail = (from..paragraphs.len())
        .find(|&i| closing(i))
        .unwrap_or(paragraphs.len());
    // Rule 4: leads repeated in only two articles join the run, which is
    // taken from its first teaser of more than SHORT_WORDS words on.
    let from = run(&|i| closing(i) || short(i) || (stands_alone(i) && count(i) >= 2));
    if let Some(lead) = (from..tail).find(|&i| teaser(i) && !short(i)) {
        tail = lead;
    }
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

    #[test]
    fn the_conjunction_is_told_from_a_first_letter_and_from_fi() {
        // The analyzer splits the conjunction off these.
        for text in [
            "وقال المتحدث إن الحوار مستمر.",
            "فقد أعلنت الحكومة حالة الطوارئ.",
            "وتم توقيع الاتفاق أمس.",
            "ولم تعلق الوزارة على ذلك.",
            "وفي سياق متصل، أعلن الجيش عن العملية.",
            // Before a hamza-seated alef always (the key `وادي` is a valley).
            "وأدى الأمير صلاة الميت على الشهداء.",
            "فإن الأسعار سترتفع.",
            // Written apart, or a form the lexicon has rarely seen.
            "و قال المتحدث إن الحوار مستمر.",
            "وسيختتم المؤتمر أعماله غدا.",
            // Connectives that open with في.
            "في المقابل، رفضت المعارضة الاتفاق.",
            "في غضون ذلك، وصلت قوات إضافية.",
            "من جهة أخرى، قال مسؤول أميركي إن العقوبات ستفرض.",
            "فيما قال شهود إن القصف استمر.",
        ] {
            assert!(continues(text), "{text}");
        }
        // Words that begin with the letter, and the preposition في, stand alone.
        for text in [
            "في أول تعليق لها على الحكم، قالت الوزيرة إنها ستستأنف.",
            "فى خطوة مفاجئة أعلن المدرب استقالته.",
            "ودَّع فريق ليفربول البطولة بعد خسارته.",
            "وزارة الصحة تعلن افتتاح مستشفى جديد.",
            "وصل وزير الخارجية إلى العاصمة صباح اليوم.",
            "وقع انفجار قوي في وسط المدينة.",
            "فاز الفريق بالبطولة للمرة الثالثة.",
            "فرنسا تستدعي سفيرها.",
            "وزير الخارجية يصل إلى العاصمة.",
            "وسائل إعلام رسمية تنشر صورا.",
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
    fn leads_repeated_twice_are_taken_after_a_long_teaser() {
        let leads = long_paragraphs("أعلن");
        let twice = long_paragraphs("كشفت");
        let mut lines = Lines::default();
        // leads[0] closes three articles, followed by a lead seen in only two.
        for (i, lead) in twice.iter().take(3).enumerate() {
            lines.count(
                Some("x"),
                &body(&[&format!("خبر رقم {i} عن موضوع مختلف"), &leads[0], lead]),
            );
        }
        lines.count(Some("x"), &body(&["خبر آخر تماما", &twice[0]]));
        let own = "افتتح وزير النقل طريقا سريعا جديدا يربط بين مدينتين بطول مئة كيلومتر.";
        let text = body(&[own, &leads[0], &twice[0]]);
        assert_eq!(blank(&text, &lines.mask(Some("x"), &text)).trim(), own);
        // Without a long teaser before it, a lead seen twice is content.
        let text = body(&[own, &twice[0]]);
        assert!(lines.mask(Some("x"), &text).is_empty());
        // Nor does a short repeated heading open such a run: the last
        // paragraph of a column printed twice is kept.
        let mut lines = Lines::default();
        for (i, lead) in leads.iter().take(3).enumerate() {
            lines.count(Some("x"), &body(&[&format!("مقال رقم {i}"), "نافذة:", lead]));
        }
        for _ in 0..2 {
            lines.count(Some("x"), &body(&["مقال مكرر", "نافذة:", &twice[0]]));
        }
        let text = body(&[own, "نافذة:", &twice[0]]);
        let mask = lines.mask(Some("x"), &text);
        assert_eq!(mask.len(), 1, "{mask:?}");
        assert_eq!(mask[0].slice(&text), Some("نافذة:"));
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
