//! `/api/stories` and `/api/stories/{id}`: the stories `rasid stories` builds
//! (duplicate groups, clusters over time, timelines, summaries), read from the
//! store beside the index.

use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::Json;
use rasid::search::SearchRequest;
use rasid::stories::{story_detail, Store, StoryDetail, StoryFilter, StoryInfo};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::error::{Error, ErrorBody, Result};
use crate::state::AppState;

/// Which stories to list, a page at a time.
#[derive(Clone, Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct StoriesParams {
    /// Stories per page (default 20, at most 200); `limit` is the same.
    pub size: Option<usize>,
    /// The same as `size` (kept for older clients).
    pub limit: Option<usize>,
    /// Page number, from 1.
    pub page: Option<usize>,
    /// Latest first instead of biggest first.
    #[serde(default)]
    pub recent: bool,
    /// Only stories with an article on or after this day: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub from: Option<String>,
    /// Only stories with an article on or before this day (the whole period included).
    pub to: Option<String>,
    /// Only stories with an article from this source.
    pub source: Option<String>,
    /// Only stories of at least this many articles (copies included).
    pub min_articles: Option<u64>,
    /// Only stories of at most this many articles.
    pub max_articles: Option<u64>,
    /// Only stories with an article that matches this query (the search's
    /// language; the best 10,000 matches are considered).
    pub q: Option<String>,
}

/// A page of the stories of the index.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct StoriesResponse {
    /// Stories, biggest (or latest) first: `{id, articles, reports, first, last,
    /// label: {terms, entities}}`, as `rasid stories --json` prints them.
    #[schema(value_type = Vec<Object>)]
    pub stories: Vec<StoryInfo>,
    /// Stories the filters select, on every page.
    pub total: u64,
    /// This page (from 1).
    pub page: usize,
    /// Stories per page.
    pub size: usize,
    /// Why there are none, when the stories have not been built.
    pub note: Option<String>,
}

const MAX_STORIES: usize = 200;
/// Sentences in a story's summary.
const SUMMARY_SENTENCES: usize = 5;

/// The stories, biggest first, a page at a time, filtered by dates, source,
/// size and a query; built by `rasid stories --index DIR`.
#[utoipa::path(
    get,
    path = "/api/stories",
    tag = "stories",
    params(StoriesParams),
    responses(
        (status = 200, description = "The stories (none, with a note, before they are built)", body = StoriesResponse),
        (status = 400, description = "A bad parameter", body = ErrorBody),
    )
)]
pub async fn stories(
    State(state): State<Arc<AppState>>,
    Query(params): Query<StoriesParams>,
) -> Result<Json<StoriesResponse>> {
    let size = params.size.or(params.limit).unwrap_or(20);
    if size == 0 || size > MAX_STORIES {
        return Err(Error::BadRequest(format!("size must be between 1 and {MAX_STORIES}")));
    }
    let page = params.page.unwrap_or(1);
    if page == 0 || page.saturating_mul(size) > state.limits().max_results_depth {
        return Err(Error::BadRequest(format!(
            "page must be at least 1, and page × size at most {}",
            state.limits().max_results_depth
        )));
    }
    let from = params
        .from
        .as_deref()
        .map(|d| day_bound(d, "from", false))
        .transpose()?
        .flatten();
    let until = params
        .to
        .as_deref()
        .map(|d| day_bound(d, "to", true))
        .transpose()?
        .flatten();
    let text = params
        .q
        .as_deref()
        .map(str::trim)
        .filter(|q| !q.is_empty())
        .map(str::to_owned);
    if let Some(q) = &text {
        let length = q.chars().count();
        if length > state.limits().max_query_chars {
            return Err(Error::BadRequest(format!(
                "the query is {length} characters long; the limit is {}",
                state.limits().max_query_chars
            )));
        }
    }
    let response = state
        .blocking(move |s| {
            let Some(store) = Store::open_existing(s.index().path())? else {
                return Ok(StoriesResponse {
                    stories: Vec::new(),
                    total: 0,
                    page,
                    size,
                    note: Some(format!(
                        "no stories yet: run `rasid stories --index {}`",
                        s.index().path().display()
                    )),
                });
            };
            let among = match text {
                Some(q) => {
                    let mut request = SearchRequest::new(q);
                    request.limit = rasid::search::MAX_LIMIT;
                    request.facets = false;
                    request.snippets = false;
                    let ids: Vec<String> = s.index().search(&request)?.hits.into_iter().map(|h| h.id).collect();
                    let mut stories: Vec<i64> = store.groups_of(&ids)?.into_values().map(|(_, story)| story).collect();
                    stories.sort_unstable();
                    stories.dedup();
                    Some(stories)
                }
                None => None,
            };
            let filter = StoryFilter {
                from,
                until,
                source: params
                    .source
                    .as_deref()
                    .map(str::trim)
                    .filter(|v| !v.is_empty())
                    .map(str::to_owned),
                min_articles: params.min_articles,
                max_articles: params.max_articles,
                among,
                offset: (page - 1) * size,
                limit: size,
                recent: params.recent,
            };
            let found = store.browse(&filter)?;
            Ok(StoriesResponse {
                stories: found.stories,
                total: found.total,
                page,
                size,
                note: None,
            })
        })
        .await?;
    Ok(Json(response))
}

/// The first second of a day, month or year (`YYYY[-MM[-DD]]`, UTC), or with
/// `end` the first second after it; `None` for a blank value.
fn day_bound(value: &str, name: &str, end: bool) -> Result<Option<i64>> {
    let value = value.trim();
    if value.is_empty() {
        return Ok(None);
    }
    let bad = || {
        Error::BadRequest(format!(
            "{name} must be a day, month or year (YYYY-MM-DD, YYYY-MM, YYYY), not {value:?}"
        ))
    };
    let parts: Vec<&str> = value.split('-').collect();
    let number = |i: usize, digits: usize| -> Result<i16> {
        let part = parts.get(i).ok_or_else(bad)?;
        if part.len() != digits || !part.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        part.parse().map_err(|_| bad())
    };
    let year = number(0, 4)?;
    let (month, day) = match parts.len() {
        1 => (None, None),
        2 => (Some(number(1, 2)?), None),
        3 => (Some(number(1, 2)?), Some(number(2, 2)?)),
        _ => return Err(bad()),
    };
    let first = jiff::civil::Date::new(year, month.unwrap_or(1) as i8, day.unwrap_or(1) as i8).map_err(|_| bad())?;
    let start = match (end, month, day) {
        (false, _, _) => first,
        (true, _, Some(_)) => first.tomorrow().map_err(|_| bad())?,
        (true, Some(_), None) => first.checked_add(jiff::Span::new().months(1)).map_err(|_| bad())?,
        (true, None, None) => first.checked_add(jiff::Span::new().years(1)).map_err(|_| bad())?,
    };
    let seconds = jiff::tz::Offset::UTC
        .to_timestamp(start.to_datetime(jiff::civil::Time::midnight()))
        .map_err(|_| bad())?
        .as_second();
    Ok(Some(seconds))
}

/// A story: its timeline of reported dates, its summary and its reports (each
/// with its copies).
#[utoipa::path(
    get,
    path = "/api/stories/{id}",
    tag = "stories",
    params(("id" = i64, Path, description = "The story id")),
    responses(
        (status = 200, description = "`{story, timeline, summary, reports}`, as `rasid stories show --json` prints it", body = Object),
        (status = 404, description = "No such story, or no stories built", body = ErrorBody),
    )
)]
pub async fn story(State(state): State<Arc<AppState>>, Path(id): Path<i64>) -> Result<Json<StoryDetail>> {
    let detail = state
        .blocking(move |s| {
            let store = Store::open_existing(s.index().path())?
                .ok_or_else(|| Error::NotFound(format!("no story with id {id}: no stories have been built")))?;
            Ok(story_detail(s.index(), &store, id, SUMMARY_SENTENCES)?)
        })
        .await?;
    Ok(Json(detail))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_bounds() {
        let day = |v, end| day_bound(v, "from", end).unwrap();
        assert_eq!(day("1970-01-02", false), Some(86_400));
        assert_eq!(day("1970-01-02", true), Some(2 * 86_400));
        assert_eq!(day("1970-02", false), Some(31 * 86_400));
        assert_eq!(day("1970", true), Some(365 * 86_400));
        assert_eq!(day(" ", true), None);
        for bad in ["1970-13", "70", "1970-1-1", "1970-02-30", "x"] {
            assert!(
                matches!(day_bound(bad, "from", false), Err(Error::BadRequest(_))),
                "{bad}"
            );
        }
    }
}
