//! `/api/events` and `/api/events/dyads`: the events of the articles a query
//! selects, one per event however many articles tell it (see
//! `rasid::search::events` for the rule), and who acts on whom how often.

use std::sync::Arc;

use axum::extract::{Query, State};
use axum::Json;
use rasid::search::events::{DyadCell, DyadMonth, EventFilter, EventRecord, EventsRequest};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::search::Filters;
use crate::error::{ErrorBody, Result};
use crate::state::AppState;

/// The most articles one events or dyads request reads (the newest that match);
/// the answer says when it read fewer than matched.
pub const MAX_EVENT_ARTICLES: usize = 5_000;

/// Events per page by default.
const DEFAULT_SIZE: usize = 20;

/// Paging (the story to limit the events to is the `story` filter).
#[derive(Clone, Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct EventParams {
    /// Page number, from 1.
    pub page: Option<usize>,
    /// Events per page (default 20, at most the server's page size, 100).
    pub size: Option<usize>,
}

/// Deduplicated events with their mentions.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct EventsResponse {
    /// Distinct events that pass the filters.
    pub total: usize,
    /// Their mentions (one event told by three articles: three).
    pub mentions: usize,
    /// Articles the query matched.
    pub articles_matched: usize,
    /// Articles read: the newest [`MAX_EVENT_ARTICLES`] when more matched.
    pub articles_read: usize,
    /// True when articles were left unread.
    pub truncated: bool,
    /// This page, from 1.
    pub page: usize,
    /// Events per page.
    pub size: usize,
    /// The events of the page, by day (undated last) then id: `{id, day, source:
    /// {code, name, country}, target, code, base_code, root_code, plover,
    /// quad_class, goldstein, modality, place: {name, geonames_id, country},
    /// root_event, num_mentions, num_sources, num_articles, source_url,
    /// mentions: [{article, index, outlet, url, published, part, sentence:
    /// {start, end}, action: {start, end}, action_text, reported, confidence}]}`.
    #[schema(value_type = Vec<Object>)]
    pub events: Vec<EventRecord>,
}

/// Who acts on whom: counts of distinct events.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct DyadsResponse {
    /// `{source, target, quad_class, count, mentions}`, most events first (at most 400).
    #[schema(value_type = Vec<Object>)]
    pub cells: Vec<DyadCell>,
    /// The same cells by month: `{month, source, target, quad_class, count}`, in date order.
    #[schema(value_type = Vec<Object>)]
    pub months: Vec<DyadMonth>,
    /// Source codes of the cells, most events first (the matrix's rows).
    pub sources: Vec<String>,
    /// Target codes of the cells, most events first (the matrix's columns).
    pub targets: Vec<String>,
    /// Events with both a source and a target code.
    pub events: usize,
    /// Articles the query matched.
    pub articles_matched: usize,
    /// Articles read.
    pub articles_read: usize,
    /// True when articles were left unread.
    pub truncated: bool,
}

/// The events request of the filters (a story's among them).
fn events_request(state: &AppState, filters: &Filters) -> Result<EventsRequest> {
    let search = filters.request(state.limits())?;
    let mut request = EventsRequest::new(search);
    request.filter = EventFilter {
        codes: filters.event_values(),
        actors: filters.actor_values(),
        targets: filters.target_values(),
    };
    // `Index::events` selects the articles by the event filter itself.
    request.search.filters.events.clear();
    request.search.filters.actors.clear();
    request.search.filters.targets.clear();
    request.max_articles = Some(MAX_EVENT_ARTICLES);
    filters.restrict_to_story(state.index(), &mut request.search)?;
    Ok(request)
}

/// The events of the articles a query selects, deduplicated across articles
/// (syndicated copies and follow-ups tell one event), with their mentions.
///
/// `event` keeps events whose CAMEO code starts with it (`04`, `046`); `actor`
/// and `target` keep events whose source or target has that actor code or
/// country (`SYRGOV`, `SYR`).
#[utoipa::path(
    get,
    path = "/api/events",
    tag = "events",
    params(Filters, EventParams),
    responses(
        (status = 200, description = "A page of events", body = EventsResponse),
        (status = 400, description = "A malformed query or parameter", body = ErrorBody),
        (status = 404, description = "An unknown story", body = ErrorBody),
        (status = 503, description = "Busy or too slow", body = ErrorBody),
    )
)]
pub async fn events(
    State(state): State<Arc<AppState>>,
    Query(filters): Query<Filters>,
    Query(params): Query<EventParams>,
) -> Result<Json<EventsResponse>> {
    let limits = state.limits();
    let (page, size) = super::page(limits, params.page, params.size, DEFAULT_SIZE)?;
    let list = state
        .blocking(move |s| {
            let mut request = events_request(s, &filters)?;
            request.offset = (page - 1) * size;
            request.limit = Some(size);
            Ok(s.index().events(&request)?)
        })
        .await?;
    Ok(Json(EventsResponse {
        total: list.total,
        mentions: list.mentions,
        truncated: list.articles_read < list.articles_matched,
        articles_matched: list.articles_matched,
        articles_read: list.articles_read,
        page,
        size,
        events: list.events,
    }))
}

/// Source → target counts of the events of the articles a query selects, by
/// quad class and by month: who acts on whom, how often.
#[utoipa::path(
    get,
    path = "/api/events/dyads",
    tag = "events",
    params(Filters),
    responses(
        (status = 200, description = "Dyad counts", body = DyadsResponse),
        (status = 400, description = "A malformed query or parameter", body = ErrorBody),
        (status = 404, description = "An unknown story", body = ErrorBody),
        (status = 503, description = "Busy or too slow", body = ErrorBody),
    )
)]
pub async fn dyads(State(state): State<Arc<AppState>>, Query(filters): Query<Filters>) -> Result<Json<DyadsResponse>> {
    let (dyads, matched, read) = state
        .blocking(move |s| {
            let request = events_request(s, &filters)?;
            Ok(s.index().dyads(&request)?)
        })
        .await?;
    Ok(Json(DyadsResponse {
        cells: dyads.cells,
        months: dyads.months,
        sources: dyads.sources,
        targets: dyads.targets,
        events: dyads.events,
        articles_matched: matched,
        articles_read: read,
        truncated: read < matched,
    }))
}
