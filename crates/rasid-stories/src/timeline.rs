//! A story's timeline: the days (or months) its articles report, from the
//! time expressions in their text, not only the days they were published.
//!
//! ```
//! use rasid_core::Article;
//! use rasid_stories::timeline::{timeline, Reporting};
//!
//! let article = Article::builder("محادثات", "بدأت المحادثات يوم 21 ديسمبر 2017. وتنتهي الجولة فى 23 ديسمبر 2017.")
//!     .published("2017-12-20T10:00".parse::<rasid_core::Timestamp>().unwrap())
//!     .build();
//! let (analysis, found) = rasid_pipeline::Pipeline::default().run(&article);
//! let times = found.times;
//! let entries = timeline(&[Reporting { article: &article, analysis: &analysis, times: &times, group: 1 }]);
//! let days: Vec<&str> = entries.iter().map(|e| e.date.as_str()).collect();
//! assert_eq!(days, ["2017-12-21", "2017-12-23"]);
//! assert!(entries[0].sentence.starts_with("بدأت المحادثات"));
//! ```

use std::collections::{BTreeMap, HashSet};

use rasid_core::{Analysis, Article, TextPart, TimeExpr, TimexType};
use serde::Serialize;

/// The longest context sentence kept, in bytes (cut at a character boundary).
const MAX_SENTENCE: usize = 280;

/// One article of a story, for its timeline.
#[derive(Clone, Copy, Debug)]
pub struct Reporting<'a> {
    /// The article.
    pub article: &'a Article,
    /// Its analysis (for sentences).
    pub analysis: &'a Analysis,
    /// Its time expressions.
    pub times: &'a [TimeExpr],
    /// Its duplicate group: copies count once.
    pub group: i64,
}

/// One date of a timeline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TimelineEntry {
    /// `YYYY-MM-DD`, or `YYYY-MM` for a month.
    pub date: String,
    /// Articles that report it (copies counted once).
    pub reports: usize,
    /// Articles published that day (copies counted once).
    pub published: usize,
    /// The expression as the first report writes it (`الخميس`, `21 ديسمبر`).
    pub mention: String,
    /// The sentence it is in.
    pub sentence: String,
    /// The article that sentence is from.
    pub article: String,
}

/// `2018-02-23` of `2018-02-23`, `2018-02-23T10:57`, `2018-02-23TEV` or
/// `2018-02-23/2018-03-01`; `2018-02` of `2018-02`; `None` for anything
/// coarser, unresolved (`XXXX-12-21`), a week, a duration or a reference.
pub fn day_or_month(value: &str) -> Option<&str> {
    let b = value.as_bytes();
    let digits = |r: std::ops::Range<usize>| b.get(r).is_some_and(|s| s.iter().all(u8::is_ascii_digit));
    if !(digits(0..4) && b.get(4) == Some(&b'-') && digits(5..7)) {
        return None;
    }
    if b.get(7) == Some(&b'-') && digits(8..10) {
        return value.get(..10);
    }
    match b.get(7) {
        None | Some(b'/') => value.get(..7),
        _ => None,
    }
}

/// The timeline of a story's articles (give them earliest first: the
/// example sentence of each date is taken from the first that reports it).
pub fn timeline(articles: &[Reporting<'_>]) -> Vec<TimelineEntry> {
    struct Acc {
        reports: HashSet<i64>,
        published: HashSet<i64>,
        first: Option<(String, String, String)>,
    }
    let mut dates: BTreeMap<String, Acc> = BTreeMap::new();
    let new = || Acc {
        reports: HashSet::new(),
        published: HashSet::new(),
        first: None,
    };
    for r in articles {
        for time in r.times {
            if !matches!(time.kind, TimexType::Date | TimexType::Time) {
                continue;
            }
            let Some(date) = day_or_month(&time.value) else {
                continue;
            };
            let acc = dates.entry(date.to_owned()).or_insert_with(new);
            acc.reports.insert(r.group);
            if acc.first.is_none() {
                acc.first = Some((time.text.clone(), sentence_of(r, time), r.article.id.to_string()));
            }
        }
    }
    for r in articles {
        if let Some(published) = r.article.published {
            if let Some(acc) = dates.get_mut(&published.datetime().date().to_string()) {
                acc.published.insert(r.group);
            }
        }
    }
    dates
        .into_iter()
        .map(|(date, acc)| {
            let (mention, sentence, article) = acc.first.unwrap_or_default();
            TimelineEntry {
                date,
                reports: acc.reports.len(),
                published: acc.published.len(),
                mention,
                sentence,
                article,
            }
        })
        .collect()
}

/// The sentence a time expression is in (the headline for one in the headline).
fn sentence_of(r: &Reporting<'_>, time: &TimeExpr) -> String {
    let (text, sentences) = match time.part {
        TextPart::Title => return clip(&r.article.title),
        TextPart::Body => (&r.article.body, &r.analysis.body.sentences),
    };
    let sentence = sentences
        .iter()
        .find(|s| s.start <= time.span.start && time.span.end <= s.end)
        .and_then(|s| s.slice(text))
        .unwrap_or_else(|| time.span.slice(text).unwrap_or(""));
    clip(sentence)
}

/// At most [`MAX_SENTENCE`] bytes, cut at a character boundary, on one line.
pub(crate) fn clip(text: &str) -> String {
    let text = text.trim();
    let mut end = text.len().min(MAX_SENTENCE);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let mut out = text.get(..end).unwrap_or("").replace('\n', " ");
    if end < text.len() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_or_month_values() {
        assert_eq!(day_or_month("2018-02-23"), Some("2018-02-23"));
        assert_eq!(day_or_month("2018-02-23T10:57"), Some("2018-02-23"));
        assert_eq!(day_or_month("2018-02-23TEV"), Some("2018-02-23"));
        assert_eq!(day_or_month("2018-05-17/2018-06-14"), Some("2018-05-17"));
        assert_eq!(day_or_month("2018-02"), Some("2018-02"));
        for v in [
            "2018",
            "XXXX-12-21",
            "2018-W21",
            "P2D",
            "PRESENT_REF",
            "201",
            "",
            "٢٠١٨-٠٢",
        ] {
            assert_eq!(day_or_month(v), None, "{v}");
        }
    }

    #[test]
    fn copies_count_once_and_undated_articles_add_nothing_published() {
        let a = Article::builder("خبر", "وقع الحادث يوم 5 مارس 2018 فى المدينة.")
            .published("2018-03-05T09:00".parse::<rasid_core::Timestamp>().unwrap())
            .build();
        let b = Article::builder("خبر آخر", "وقع الحادث يوم 5 مارس 2018 فى المدينة.").build();
        let pipeline = rasid_pipeline::Pipeline::default();
        let ((xa, fa), (xb, fb)) = (pipeline.run(&a), pipeline.run(&b));
        let (ta, tb) = (fa.times, fb.times);
        let same_group = timeline(&[
            Reporting {
                article: &a,
                analysis: &xa,
                times: &ta,
                group: 1,
            },
            Reporting {
                article: &b,
                analysis: &xb,
                times: &tb,
                group: 1,
            },
        ]);
        assert_eq!(same_group.len(), 1);
        assert_eq!((same_group[0].reports, same_group[0].published), (1, 1));
        let two_groups = timeline(&[
            Reporting {
                article: &a,
                analysis: &xa,
                times: &ta,
                group: 1,
            },
            Reporting {
                article: &b,
                analysis: &xb,
                times: &tb,
                group: 2,
            },
        ]);
        assert_eq!(two_groups[0].reports, 2);
        assert!(timeline(&[]).is_empty());
    }

    #[test]
    fn clip_cuts_at_character_boundaries() {
        let long = "س".repeat(500);
        let c = clip(&long);
        assert!(c.len() <= MAX_SENTENCE + '…'.len_utf8());
        assert!(c.ends_with('…'));
    }
}
