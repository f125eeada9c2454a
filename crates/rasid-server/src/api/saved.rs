//! `/api/saved`: searches saved on the server, and the watch list: for each,
//! the articles indexed since it was last opened that it matches.
//!
//! Saving, opening and deleting are writes: refused by a `--read-only`
//! server, guarded as every write is (the server's own pages only, a JSON
//! body; a token when the server has one), and bounded ([`crate::saved`]).

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::Json;
use rasid::search::{Index, Sort};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::search::Filters;
use crate::error::{Error, ErrorBody, Result};
use crate::saved::{SavedSearch, MAX_QUERY_BYTES, MAX_SAVED};
use crate::state::AppState;

/// A search to save.
#[derive(Clone, Debug, Deserialize, ToSchema)]
pub struct NewSaved {
    /// Its name (1 to 200 characters).
    pub name: String,
    /// The search: a URL query string of `/api/search`'s filters
    /// (`q=…&source=…&from=…`; at most 2,000 bytes).
    pub query: String,
}

/// A saved search and what is new for it.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct SavedView {
    /// The search.
    #[serde(flatten)]
    pub saved: SavedSearch,
    /// Articles it matches that were indexed since it was last opened.
    pub new: u64,
}

/// The saved searches.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct SavedList {
    /// In the order they were saved.
    pub searches: Vec<SavedView>,
    /// The most this server keeps.
    pub max: usize,
    /// True when the server is read-only (nothing can be saved or opened).
    pub read_only: bool,
}

/// An article new for a saved search.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct NewArticle {
    /// Its id.
    pub id: String,
    /// Its headline.
    pub title: String,
    /// The outlet.
    pub source: Option<String>,
    /// Publication time as the source gave it.
    pub published: Option<String>,
}

/// The articles new for a saved search, newest first.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct NewArticles {
    /// New articles in all.
    pub total: u64,
    /// The newest of them.
    pub articles: Vec<NewArticle>,
}

/// How many new articles to list.
#[derive(Clone, Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct NewParams {
    /// Most articles (default 10, at most 100).
    pub size: Option<usize>,
}

/// A query string in one form: its pairs decoded and encoded again, blank
/// values left out, so that raw (`q=استانا`) and percent-encoded forms both parse.
fn normalise(query: &str) -> String {
    let pairs = form_urlencoded::parse(query.trim().trim_start_matches('?').as_bytes())
        .filter(|(_, v)| !v.trim().is_empty())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect::<Vec<_>>();
    form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish()
}

/// The filters of a saved query string.
fn filters_of(query: &str) -> Result<Filters> {
    let uri: Uri = format!("/?{}", normalise(query))
        .parse()
        .map_err(|e| Error::BadRequest(format!("the query is not a URL query string: {e}")))?;
    let Query(filters) = Query::<Filters>::try_from_uri(&uri)
        .map_err(|e| Error::BadRequest(format!("the query's filters do not parse: {e}")))?;
    Ok(filters)
}

/// The articles indexed since `seen` and still there, by the catalogue.
struct Changes {
    /// Per article: its last change's sequence number, and whether it deleted it.
    last: HashMap<String, (i64, bool)>,
    /// The watermark now.
    upto: i64,
}

impl Changes {
    fn since(index: &Index, seen: i64) -> Result<Changes> {
        let catalogue = index.catalogue()?;
        let upto = catalogue.last_item()?;
        let mut last = HashMap::new();
        for change in catalogue.changes(seen, upto)? {
            last.insert(change.article_id, (change.seq, change.deleted));
        }
        Ok(Changes { last, upto })
    }

    fn after(&self, seen: i64) -> Vec<String> {
        self.last
            .iter()
            .filter(|(_, (seq, deleted))| *seq > seen && !deleted)
            .map(|(id, _)| id.clone())
            .collect()
    }
}

/// The search of `saved` among the articles changed since it was last opened:
/// how many it matches, and the newest `limit` of them.
fn new_for(state: &AppState, saved: &SavedSearch, changes: &Changes, limit: usize) -> Result<NewArticles> {
    let mut ids = changes.after(saved.seen);
    let none = NewArticles {
        total: 0,
        articles: Vec::new(),
    };
    if ids.is_empty() {
        return Ok(none);
    }
    let filters = filters_of(&saved.query)?;
    let mut request = filters.request(state.limits())?;
    filters.restrict_to_story(state.index(), &mut request)?;
    if let Some(story) = &request.ids {
        let story: std::collections::HashSet<&String> = story.iter().collect();
        ids.retain(|id| story.contains(id));
        if ids.is_empty() {
            return Ok(none);
        }
    }
    request.ids = Some(ids);
    request.limit = limit.max(1);
    request.facets = false;
    request.snippets = false;
    request.sort = Sort::Newest;
    let results = state.index().search(&request)?;
    Ok(NewArticles {
        total: results.total as u64,
        articles: results
            .hits
            .into_iter()
            .take(limit)
            .map(|h| NewArticle {
                id: h.id,
                title: h.title,
                source: h.source,
                published: h.published,
            })
            .collect(),
    })
}

/// The saved searches, each with the number of articles it matches that were
/// indexed since it was last opened.
#[utoipa::path(
    get,
    path = "/api/saved",
    tag = "saved",
    responses(
        (status = 200, description = "The saved searches and their new articles", body = SavedList),
    )
)]
pub async fn list(State(state): State<Arc<AppState>>) -> Result<Json<SavedList>> {
    let list = state
        .blocking(|s| {
            let saved = s.saved().list()?;
            let oldest = saved.iter().map(|x| x.seen).min().unwrap_or(0);
            let changes = Changes::since(s.index(), oldest)?;
            let searches = saved
                .into_iter()
                .map(|saved| {
                    // A search that no longer parses (the language changed) has nothing new.
                    let new = new_for(s, &saved, &changes, 0).map_or(0, |n| n.total);
                    SavedView { saved, new }
                })
                .collect();
            Ok(SavedList {
                searches,
                max: MAX_SAVED,
                read_only: s.config().read_only,
            })
        })
        .await?;
    Ok(Json(list))
}

/// Saves a search (opened now: nothing is new for it yet).
#[utoipa::path(
    post,
    path = "/api/saved",
    tag = "saved",
    request_body(content = NewSaved, content_type = "application/json"),
    responses(
        (status = 201, description = "Saved", body = SavedSearch),
        (status = 400, description = "A blank or too long name or query, a query that does not parse, or too many saved", body = ErrorBody),
        (status = 401, description = "The server needs a token", body = ErrorBody),
        (status = 403, description = "A read-only server, or a page of another site", body = ErrorBody),
        (status = 415, description = "Not application/json", body = ErrorBody),
    )
)]
pub async fn save(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    Json(new): Json<NewSaved>,
) -> Result<(StatusCode, Json<SavedSearch>)> {
    state.authorize_saved(&headers)?;
    let query = normalise(&new.query);
    if query.len() > MAX_QUERY_BYTES {
        return Err(Error::BadRequest(format!(
            "the query is {} bytes long; a saved search holds at most {MAX_QUERY_BYTES}",
            query.len()
        )));
    }
    let filters = filters_of(&query)?;
    filters.request(state.limits())?;
    let saved = state
        .blocking(move |s| {
            let seen = s.index().catalogue()?.last_item()?;
            s.saved().add(&new.name, &query, seen)
        })
        .await?;
    Ok((StatusCode::CREATED, Json(saved)))
}

/// Marks a saved search opened now: what was new is seen.
#[utoipa::path(
    post,
    path = "/api/saved/{id}/open",
    tag = "saved",
    params(("id" = u64, Path, description = "The saved search")),
    request_body(content = Object, content_type = "application/json", description = "`{}`"),
    responses(
        (status = 200, description = "Opened", body = SavedSearch),
        (status = 403, description = "A read-only server, or a page of another site", body = ErrorBody),
        (status = 404, description = "No such saved search", body = ErrorBody),
    )
)]
pub async fn open(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    Path(id): Path<u64>,
) -> Result<Json<SavedSearch>> {
    state.authorize_saved(&headers)?;
    let saved = state
        .blocking(move |s| {
            let seen = s.index().catalogue()?.last_item()?;
            s.saved().open(id, seen)
        })
        .await?;
    Ok(Json(saved))
}

/// Deletes a saved search.
#[utoipa::path(
    delete,
    path = "/api/saved/{id}",
    tag = "saved",
    params(("id" = u64, Path, description = "The saved search")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 403, description = "A read-only server, or a page of another site", body = ErrorBody),
        (status = 404, description = "No such saved search", body = ErrorBody),
    )
)]
pub async fn delete(State(state): State<Arc<AppState>>, headers: HeaderMap, Path(id): Path<u64>) -> Result<StatusCode> {
    state.authorize_saved(&headers)?;
    state.blocking(move |s| s.saved().delete(id)).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The articles a saved search matches that were indexed since it was last
/// opened, newest first (it stays unopened).
#[utoipa::path(
    get,
    path = "/api/saved/{id}/new",
    tag = "saved",
    params(("id" = u64, Path, description = "The saved search"), NewParams),
    responses(
        (status = 200, description = "The new articles", body = NewArticles),
        (status = 404, description = "No such saved search", body = ErrorBody),
    )
)]
pub async fn new_articles(
    State(state): State<Arc<AppState>>,
    Path(id): Path<u64>,
    Query(params): Query<NewParams>,
) -> Result<Json<NewArticles>> {
    let size = params.size.unwrap_or(10);
    if size == 0 || size > state.limits().max_page_size {
        return Err(Error::BadRequest(format!(
            "size must be between 1 and {}",
            state.limits().max_page_size
        )));
    }
    let found = state
        .blocking(move |s| {
            let saved = s
                .saved()
                .list()?
                .into_iter()
                .find(|x| x.id == id)
                .ok_or_else(|| Error::NotFound(format!("no saved search with id {id}")))?;
            let changes = Changes::since(s.index(), saved.seen)?;
            debug_assert!(changes.upto >= saved.seen);
            new_for(s, &saved, &changes, size)
        })
        .await?;
    Ok(Json(found))
}
