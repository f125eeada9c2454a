//! `/api/stories` and `/api/stories/{id}`: the stories `rasid stories` builds
//! (duplicate groups, clusters over time, timelines, summaries), read from the
//! store beside the index.

use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::Json;
use rasid::stories::{story_detail, ListQuery, Store, StoryDetail, StoryInfo};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::error::{Error, ErrorBody, Result};
use crate::state::AppState;

/// Which stories to list.
#[derive(Clone, Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct StoriesParams {
    /// Most stories (default 20, at most 200).
    pub limit: Option<usize>,
    /// Latest first instead of biggest first.
    #[serde(default)]
    pub recent: bool,
}

/// The stories of the index.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct StoriesResponse {
    /// Stories, biggest (or latest) first: `{id, articles, reports, first, last,
    /// label: {terms, entities}}`, as `rasid stories --json` prints them.
    #[schema(value_type = Vec<Object>)]
    pub stories: Vec<StoryInfo>,
    /// Why there are none, when the stories have not been built.
    pub note: Option<String>,
}

const MAX_STORIES: usize = 200;
/// Sentences in a story's summary.
const SUMMARY_SENTENCES: usize = 5;

/// The stories, biggest first; built by `rasid stories --index DIR`.
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
    let limit = params.limit.unwrap_or(20);
    if limit == 0 || limit > MAX_STORIES {
        return Err(Error::BadRequest(format!("limit must be between 1 and {MAX_STORIES}")));
    }
    let response = state
        .blocking(move |s| {
            let Some(store) = Store::open_existing(s.index().path())? else {
                return Ok(StoriesResponse {
                    stories: Vec::new(),
                    note: Some(format!(
                        "no stories yet: run `rasid stories --index {}`",
                        s.index().path().display()
                    )),
                });
            };
            let query = ListQuery {
                limit,
                recent: params.recent,
                ..ListQuery::default()
            };
            Ok(StoriesResponse {
                stories: store.stories(&query)?,
                note: None,
            })
        })
        .await?;
    Ok(Json(response))
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
