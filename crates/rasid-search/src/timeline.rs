//! How many articles a query matches per day, week or month: the volume of a
//! story over time, for charts.
//!
//! Counting reads the `published` fast field of every match; nothing is loaded
//! from the document store, so a timeline over the whole index costs about what
//! counting its matches does.
//!
//! ```
//! use rasid_core::Article;
//! use rasid_search::{Index, Interval, WriterOptions};
//!
//! let dir = tempfile::tempdir().unwrap();
//! let index = Index::create_or_open(dir.path()).unwrap();
//! let mut writer = index.writer(WriterOptions::small(), "doc test").unwrap();
//! let day = |d: &str| d.parse::<rasid_core::Timestamp>().unwrap();
//! writer.add_batch(vec![
//!     Article::builder("محادثات استانا", "بدأت المحادثات").published(day("2017-12-21T10:00")).build(),
//!     Article::builder("محادثات جنيف", "انتهت المحادثات").published(day("2017-12-23T09:00")).build(),
//! ]).unwrap();
//! writer.finish().unwrap();
//!
//! let timeline = index.timeline("محادثات", None, None, Interval::Week).unwrap();
//! assert_eq!(timeline.total, 2);
//! assert_eq!(timeline.buckets.len(), 1); // both in the week starting Monday 2017-12-18
//! assert_eq!(timeline.buckets[0].start, "2017-12-18");
//! ```

use std::collections::BTreeMap;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::{DateTime, DocId, Score, SegmentOrdinal, SegmentReader};

use crate::error::Result;
use crate::index::Index;
use crate::search::SearchRequest;

/// The width of a timeline bucket.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Interval {
    /// One calendar day.
    #[default]
    Day,
    /// Monday to Sunday (ISO weeks).
    Week,
    /// One calendar month.
    Month,
}

/// Articles in one bucket.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TimelineBucket {
    /// First day of the bucket: `YYYY-MM-DD` (days, weeks) or `YYYY-MM` (months).
    pub start: String,
    /// Matching articles published in it.
    pub count: u64,
}

/// The volume of a query over time.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Timeline {
    /// The bucket width.
    pub interval: Interval,
    /// Buckets with at least one article, in date order.
    pub buckets: Vec<TimelineBucket>,
    /// Matching articles without a publication date.
    pub undated: u64,
    /// All matching articles in the date range (dated or not; undated ones only
    /// when no range was given).
    pub total: u64,
}

const SECONDS_PER_DAY: i64 = 86_400;

impl Index {
    /// Counts the articles matching `query` (every article when it is blank) per
    /// `interval`, by each article's own calendar day (in its UTC offset; times
    /// written without an offset count as UTC). `from` and `to` take what [`crate::SearchRequest::from`] and
    /// [`crate::SearchRequest::to`] take. The same as [`Index::timeline_for`] with
    /// a request holding only these.
    ///
    /// # Errors
    /// [`crate::IndexError::Query`] for a malformed query or date, engine errors.
    pub fn timeline(&self, query: &str, from: Option<&str>, to: Option<&str>, interval: Interval) -> Result<Timeline> {
        let mut request = SearchRequest::new(query);
        request.from = from.map(str::to_owned);
        request.to = to.map(str::to_owned);
        self.timeline_for(&request, interval)
    }

    /// Counts the articles a search request selects (its query, filters, `like`
    /// and ids; every article when it sets none) per `interval`, by each
    /// article's own calendar day, within its `from`..`to` (undated articles count only when
    /// neither is given). Paging, order, facets and snippets are ignored.
    ///
    /// ```
    /// # use rasid_core::Article;
    /// # use rasid_search::{Filters, Index, Interval, SearchRequest, WriterOptions};
    /// # let dir = tempfile::tempdir().unwrap();
    /// # let index = Index::create_or_open(dir.path()).unwrap();
    /// # let mut writer = index.writer(WriterOptions::small(), "doc test").unwrap();
    /// # let day = |d: &str| d.parse::<rasid_core::Timestamp>().unwrap();
    /// writer.add_batch(vec![
    ///     Article::builder("محادثات استانا", "بدأت المحادثات").source("youm7").published(day("2017-12-21T10:00")).build(),
    ///     Article::builder("محادثات جنيف", "انتهت المحادثات").source("ahram").published(day("2017-12-23T09:00")).build(),
    /// ]).unwrap();
    /// writer.finish().unwrap();
    ///
    /// let mut request = SearchRequest::new("محادثات");
    /// request.filters = Filters { sources: vec!["youm7".into()], ..Filters::default() };
    /// let timeline = index.timeline_for(&request, Interval::Day).unwrap();
    /// assert_eq!(timeline.total, 1);
    /// assert_eq!(timeline.buckets[0].start, "2017-12-21");
    /// ```
    ///
    /// # Errors
    /// [`crate::IndexError::Query`] for a malformed query, filter or date,
    /// [`crate::IndexError::UnknownId`] for a `like` id not in the index, engine errors.
    pub fn timeline_for(&self, request: &SearchRequest, interval: Interval) -> Result<Timeline> {
        let compiled = self.selection_query(request, false)?;
        let (from, until) = self.published_range(request)?;
        let collector = DayCounts {
            from: from.map(day_number),
            until: until.map(day_number),
        };
        let counts = self.tantivy_searcher()?.search(&compiled, &collector)?;
        let mut buckets: BTreeMap<Date, u64> = BTreeMap::new();
        for (day, count) in &counts.days {
            if let Some(start) = bucket_start(*day, interval) {
                *buckets.entry(start).or_default() += count;
            }
        }
        let dated: u64 = counts.days.values().sum();
        Ok(Timeline {
            interval,
            buckets: buckets
                .into_iter()
                .map(|(start, count)| TimelineBucket {
                    start: match interval {
                        Interval::Month => format!("{:04}-{:02}", start.year(), start.month()),
                        Interval::Day | Interval::Week => start.to_string(),
                    },
                    count,
                })
                .collect(),
            undated: counts.undated,
            total: dated + counts.undated,
        })
    }
}

/// Days since 1970-01-01.
fn day_number(date: Date) -> i64 {
    let epoch = Date::constant(1970, 1, 1);
    (date - epoch).get_days().into()
}

/// The first day of the bucket that day number `day` falls in.
fn bucket_start(day: i64, interval: Interval) -> Option<Date> {
    let date = Date::constant(1970, 1, 1)
        .checked_add(jiff::Span::new().try_days(day).ok()?)
        .ok()?;
    Some(match interval {
        Interval::Day => date,
        Interval::Week => {
            let back = i64::from(date.weekday().to_monday_zero_offset());
            date.checked_sub(jiff::Span::new().try_days(back).ok()?).ok()?
        }
        Interval::Month => date.first_of_month(),
    })
}

/// Counts matches per day number of each article's own calendar day (`published_day`), in `[from, until)` when given.
struct DayCounts {
    from: Option<i64>,
    until: Option<i64>,
}

/// What [`DayCounts`] gathers.
#[derive(Default)]
struct Counts {
    days: BTreeMap<i64, u64>,
    undated: u64,
}

struct SegmentDayCounts {
    column: Option<Column<DateTime>>,
    from: Option<i64>,
    until: Option<i64>,
    counts: Counts,
}

impl Collector for DayCounts {
    type Fruit = Counts;
    type Child = SegmentDayCounts;

    fn for_segment(&self, _: SegmentOrdinal, segment: &SegmentReader) -> tantivy::Result<SegmentDayCounts> {
        Ok(SegmentDayCounts {
            // Each article counts on its own calendar day (issue 17).
            column: segment.fast_fields().date("published_day").ok(),
            from: self.from,
            until: self.until,
            counts: Counts::default(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Counts>) -> tantivy::Result<Counts> {
        let mut all = Counts::default();
        for fruit in fruits {
            all.undated += fruit.undated;
            for (day, count) in fruit.days {
                *all.days.entry(day).or_default() += count;
            }
        }
        Ok(all)
    }
}

impl SegmentCollector for SegmentDayCounts {
    type Fruit = Counts;

    fn collect(&mut self, doc: DocId, _: Score) {
        let published = self.column.as_ref().and_then(|c| c.first(doc));
        match published {
            None => {
                if self.from.is_none() && self.until.is_none() {
                    self.counts.undated += 1;
                }
            }
            Some(date) => {
                let day = date.into_timestamp_secs().div_euclid(SECONDS_PER_DAY);
                let after_start = self.from.is_none_or(|from| day >= from);
                let before_end = self.until.is_none_or(|until| day < until);
                if after_start && before_end {
                    *self.counts.days.entry(day).or_default() += 1;
                }
            }
        }
    }

    fn harvest(self) -> Counts {
        self.counts
    }
}

#[cfg(test)]
mod tests {
    use rasid_core::{Article, Timestamp};

    use super::*;
    use crate::WriterOptions;

    fn at(text: &str) -> Timestamp {
        text.parse().unwrap()
    }

    fn index() -> (tempfile::TempDir, Index) {
        let dir = tempfile::tempdir().unwrap();
        let index = Index::create_or_open(dir.path()).unwrap();
        let mut writer = index.writer(WriterOptions::small(), "test").unwrap();
        let articles = vec![
            Article::builder("محادثات استانا", "بدأت محادثات السلام")
                .published(at("2017-12-21T10:57"))
                .build(),
            Article::builder("محادثات جنيف", "جولة محادثات جديدة")
                .published(at("2017-12-21T23:10"))
                .build(),
            Article::builder("محادثات سوتشى", "محادثات فى سوتشى")
                .published(at("2018-01-29T08:00"))
                .build(),
            Article::builder("مباراة الاهلى", "فاز الاهلى")
                .published(at("2017-12-22T08:00"))
                .build(),
            Article::builder("محادثات بلا تاريخ", "محادثات").build(),
        ];
        writer.add_batch(articles).unwrap();
        writer.finish().unwrap();
        (dir, index)
    }

    #[test]
    fn counts_per_day_week_and_month() {
        let (_dir, index) = index();
        let days = index.timeline("محادثات", None, None, Interval::Day).unwrap();
        let pairs: Vec<(&str, u64)> = days.buckets.iter().map(|b| (b.start.as_str(), b.count)).collect();
        assert_eq!(pairs, [("2017-12-21", 2), ("2018-01-29", 1)]);
        assert_eq!((days.undated, days.total), (1, 4));

        let weeks = index.timeline("محادثات", None, None, Interval::Week).unwrap();
        let starts: Vec<&str> = weeks.buckets.iter().map(|b| b.start.as_str()).collect();
        assert_eq!(starts, ["2017-12-18", "2018-01-29"], "weeks start on Mondays");

        let months = index.timeline("", None, None, Interval::Month).unwrap();
        let pairs: Vec<(&str, u64)> = months.buckets.iter().map(|b| (b.start.as_str(), b.count)).collect();
        assert_eq!(pairs, [("2017-12", 3), ("2018-01", 1)]);
    }

    #[test]
    fn date_range_bounds_the_buckets() {
        let (_dir, index) = index();
        let dec = index
            .timeline("محادثات", Some("2017-12"), Some("2017-12"), Interval::Day)
            .unwrap();
        assert_eq!(dec.total, 2, "the undated article and January are out: {dec:?}");
        let err = index
            .timeline("", Some("2018"), Some("2017"), Interval::Day)
            .unwrap_err();
        assert!(err.is_usage(), "{err}");
        // A phrase whose closing quote is not typed yet is a phrase, not an error.
        let typing = index.timeline("\"محادثات", None, None, Interval::Day).unwrap();
        assert_eq!(typing.total, 4, "{typing:?}");
    }
}
