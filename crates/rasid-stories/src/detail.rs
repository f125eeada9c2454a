//! Everything `rasid stories show` prints about one story: its timeline,
//! its summary and its articles, copies folded under their canonical member.

use std::collections::HashMap;

use rasid_core::{Analysis, Article, TextPart};
use rasid_search::Index;
use serde::Serialize;

use crate::boilerplate;
use crate::error::Result;
use crate::store::{Member, Store, StoryInfo};
use crate::summary::{story_summary, StorySentence};
use crate::timeline::{timeline, Reporting, TimelineEntry};

/// One report of a story: the canonical article of a duplicate group (the
/// earliest published), with the copies of it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Report {
    /// The canonical article.
    #[serde(flatten)]
    pub article: Member,
    /// Its copies in this story, earliest first.
    pub copies: Vec<Member>,
}

/// A story in full.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StoryDetail {
    /// Id, size, span and label.
    pub story: StoryInfo,
    /// The dates its articles report.
    pub timeline: Vec<TimelineEntry>,
    /// Its summary, across its reports.
    pub summary: Vec<StorySentence>,
    /// Its reports, earliest first.
    pub reports: Vec<Report>,
}

/// Folds a story's members (earliest first) into reports: the first member
/// of each duplicate group is its canonical article.
pub fn fold(members: Vec<Member>) -> Vec<Report> {
    let mut reports: Vec<Report> = Vec::new();
    let mut at: HashMap<i64, usize> = HashMap::new();
    for m in members {
        match at.get(&m.group) {
            Some(&i) => {
                if let Some(r) = reports.get_mut(i) {
                    r.copies.push(m);
                }
            }
            None => {
                at.insert(m.group, reports.len());
                reports.push(Report {
                    article: m,
                    copies: Vec::new(),
                });
            }
        }
    }
    reports
}

/// Most reports read for a timeline and a summary: a story of thousands of
/// articles is summarised from its first ones.
const MAX_READ: usize = 400;

/// A story's timeline, summary (`sentences` long) and reports.
///
/// # Errors
/// [`crate::StoriesError::UnknownStory`], or when the index or the store
/// cannot be read.
pub fn story_detail(index: &Index, store: &Store, id: i64, sentences: usize) -> Result<StoryDetail> {
    let info = store.story(id)?;
    let reports = fold(store.members(id)?);
    let ids: Vec<String> = reports.iter().take(MAX_READ).map(|r| r.article.id.clone()).collect();
    let pipeline = index.pipeline();
    let mut analysed: Vec<(Article, Analysis, Vec<rasid_core::TimeExpr>)> = Vec::with_capacity(ids.len());
    for stored in index.get_many(&ids)? {
        let (mut a, stored) = stored.into_parts();
        // The outlet's learnt boilerplate is no part of a summary or a timeline.
        let source = a.source.as_deref().filter(|s| !s.is_empty());
        let paragraphs = boilerplate::paragraphs(&a.body);
        let keys: Vec<u64> = paragraphs.iter().map(|p| p.key).collect();
        let counts = store.line_counts(source, &keys)?;
        let mask = boilerplate::mask_with(&paragraphs, |key| counts.get(&key).copied().unwrap_or(0));
        a.body = boilerplate::blank(&a.body, &mask);
        let analysis = pipeline.analyzer().analyze(&a);
        let mut times = stored.unwrap_or_else(|| pipeline.extract(&a, &analysis)).times;
        times.retain(|t| t.part == TextPart::Title || !boilerplate::masked(t.span, &mask));
        analysed.push((a, analysis, times));
    }
    let group: HashMap<&str, i64> = reports
        .iter()
        .map(|r| (r.article.id.as_str(), r.article.group))
        .collect();
    let reporting: Vec<Reporting<'_>> = analysed
        .iter()
        .map(|(article, analysis, times)| Reporting {
            article,
            analysis,
            times,
            group: group.get(article.id.as_str()).copied().unwrap_or_default(),
        })
        .collect();
    let weights: HashMap<String, f32> = store
        .story_terms(id, 150)?
        .into_iter()
        .filter(|(key, _, _)| !key.starts_with(['@', '#', '^']))
        .map(|(key, _, w)| (key, w))
        .collect();
    let pairs: Vec<(&Article, &Analysis)> = analysed.iter().map(|(a, x, _)| (a, x)).collect();
    Ok(StoryDetail {
        story: info,
        timeline: timeline(&reporting),
        summary: story_summary(&pairs, &weights, sentences),
        reports,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(id: &str, group: i64) -> Member {
        Member {
            id: id.into(),
            title: String::new(),
            source: None,
            published: None,
            group,
        }
    }

    #[test]
    fn copies_fold_under_the_first_member() {
        let reports = fold(vec![m("a", 1), m("b", 2), m("c", 1), m("d", 1)]);
        assert_eq!(reports.len(), 2);
        assert_eq!(reports[0].article.id, "a");
        let copies: Vec<&str> = reports[0].copies.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(copies, ["c", "d"]);
        assert!(reports[1].copies.is_empty());
    }
}
