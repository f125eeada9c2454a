//! The JSON API: one module per resource, each handler documented for the
//! OpenAPI document by its `#[utoipa::path]`, which also registers its route, so
//! the document cannot list a route the server lacks or miss one it has.

use std::sync::Arc;

use axum::extract::State;
use axum::http::Uri;
use axum::Json;
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::error::{Error, ErrorBody, Result};
use crate::openapi;
use crate::state::AppState;

pub mod articles;
pub mod cooccurrence;
pub mod entities;
pub mod events;
pub mod export;
pub mod saved;
pub mod search;
pub mod stories;

/// A page number (from 1, default 1) and size (default `default_size`) within
/// the server's bounds: at most `max_page_size` a page, `max_results_depth` deep.
fn page(
    limits: &crate::Limits,
    page: Option<usize>,
    size: Option<usize>,
    default_size: usize,
) -> Result<(usize, usize)> {
    let size = size.unwrap_or(default_size);
    if size == 0 || size > limits.max_page_size {
        return Err(Error::BadRequest(format!(
            "size must be between 1 and {}",
            limits.max_page_size
        )));
    }
    let page = page.unwrap_or(1);
    if page == 0 || page.saturating_mul(size) > limits.max_results_depth {
        return Err(Error::BadRequest(format!(
            "page must be at least 1, and page × size at most {}",
            limits.max_results_depth
        )));
    }
    Ok((page, size))
}

/// Every API route, with its OpenAPI description.
pub fn router() -> OpenApiRouter<Arc<AppState>> {
    OpenApiRouter::with_openapi(openapi::base())
        .routes(routes!(search::search))
        .routes(routes!(search::timeline))
        .routes(routes!(entities::entities))
        .routes(routes!(entities::places))
        .routes(routes!(events::events))
        .routes(routes!(events::dyads))
        .routes(routes!(articles::get_article))
        .routes(routes!(articles::ingest))
        .routes(routes!(articles::analyze))
        .routes(routes!(stories::stories))
        .routes(routes!(stories::story))
        .routes(routes!(export::export))
        .routes(routes!(cooccurrence::cooccurrence))
        .routes(routes!(saved::list, saved::save))
        .routes(routes!(saved::open))
        .routes(routes!(saved::delete))
        .routes(routes!(saved::new_articles))
        .routes(routes!(health))
        .routes(routes!(openapi_json))
}

/// The API routes for the application.
pub fn routes() -> axum::Router<Arc<AppState>> {
    router().split_for_parts().0
}

/// Any path no route answers.
pub async fn not_found(uri: Uri) -> Error {
    Error::NotFound(format!("no such page or API route: {}", uri.path()))
}

/// What `/api/health` answers.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Health {
    /// Always `ok` when the server answers.
    pub status: String,
    /// The rasid version.
    pub version: String,
    /// Articles searchable now.
    pub documents: u64,
    /// True when writes are turned off.
    pub read_only: bool,
    /// True when writes need a token.
    pub token_required: bool,
    /// The entity tagger of what the server analyses and ingests: `fast` or
    /// `accurate` (`rasid serve --ner`).
    pub ner: String,
    /// Seconds since the server started.
    pub uptime_seconds: u64,
}

/// Liveness, and what the index holds.
#[utoipa::path(
    get,
    path = "/api/health",
    tag = "server",
    responses(
        (status = 200, description = "The server is up", body = Health),
        (status = 500, description = "The index cannot be read", body = ErrorBody),
    )
)]
pub async fn health(State(state): State<Arc<AppState>>) -> Result<Json<Health>> {
    let documents = state.blocking(|s| Ok(s.index().num_docs()?)).await?;
    Ok(Json(Health {
        status: "ok".into(),
        version: env!("CARGO_PKG_VERSION").into(),
        documents,
        read_only: state.config().read_only,
        token_required: state.config().token.is_some(),
        ner: state.config().ner.name().into(),
        uptime_seconds: state.uptime_seconds(),
    }))
}

/// This API's OpenAPI 3.1 document.
#[utoipa::path(
    get,
    path = "/api/openapi.json",
    tag = "server",
    responses((status = 200, description = "The OpenAPI document", content_type = "application/json", body = Object))
)]
pub async fn openapi_json() -> Json<serde_json::Value> {
    Json(openapi::document().clone())
}
