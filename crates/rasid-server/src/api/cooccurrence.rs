//! `/api/cooccurrence`: who appears with whom in a query's articles.

use std::sync::Arc;

use axum::extract::{Query, State};
use axum::Json;
use rasid::search::cooccurrence::{NameKind, MAX_NAMES};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::search::Filters;
use crate::error::{Error, ErrorBody, Result};
use crate::state::AppState;

/// Most pairs one answer holds.
const MAX_PAIRS: usize = 200;

/// How many names and pairs.
#[derive(Clone, Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CoOccurrenceParams {
    /// Pairs to return, the most articles first (default 30, at most 200).
    pub top: Option<usize>,
    /// Names of each kind considered, the most frequent (default and at most 20).
    pub names: Option<usize>,
}

/// A name: pass `key` back as the filter named by `kind`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct CoName {
    /// The entity's identity key (`PER:سرجي لفرف`, `geonames:…`), as the facets give it.
    pub key: String,
    /// The name to show (the one most articles give it).
    pub name: String,
    /// `person`, `org` or `place`: the filter it goes with.
    pub kind: String,
    /// Matching articles naming it.
    pub articles: u64,
}

/// Two names and the matching articles naming both.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct CoPair {
    /// The more frequent name (an index into `names`).
    pub a: usize,
    /// The other (an index into `names`).
    pub b: usize,
    /// Matching articles naming both.
    pub articles: u64,
}

/// Who appears with whom.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct CoOccurrenceResponse {
    /// The names considered, the most articles first.
    pub names: Vec<CoName>,
    /// The pairs, the most articles first.
    pub pairs: Vec<CoPair>,
}

fn kind(k: NameKind) -> String {
    match k {
        NameKind::Person => "person",
        NameKind::Org => "org",
        NameKind::Place => "place",
    }
    .to_owned()
}

/// The pairs of people, organisations and places that the same articles of a
/// query name, counted: the most frequent names of each kind are considered,
/// and the pairs among them that share the most articles returned.
#[utoipa::path(
    get,
    path = "/api/cooccurrence",
    tag = "search",
    params(Filters, CoOccurrenceParams),
    responses(
        (status = 200, description = "The names and their pairs", body = CoOccurrenceResponse),
        (status = 400, description = "A malformed query or parameter", body = ErrorBody),
        (status = 404, description = "`story` names a story the index lacks", body = ErrorBody),
    )
)]
pub async fn cooccurrence(
    State(state): State<Arc<AppState>>,
    Query(filters): Query<Filters>,
    Query(params): Query<CoOccurrenceParams>,
) -> Result<Json<CoOccurrenceResponse>> {
    let top = params.top.unwrap_or(30);
    if top == 0 || top > MAX_PAIRS {
        return Err(Error::BadRequest(format!("top must be between 1 and {MAX_PAIRS}")));
    }
    let names = params.names.unwrap_or(MAX_NAMES);
    if names == 0 || names > MAX_NAMES {
        return Err(Error::BadRequest(format!("names must be between 1 and {MAX_NAMES}")));
    }
    let mut request = filters.request(state.limits())?;
    let found = state
        .blocking(move |s| {
            filters.restrict_to_story(s.index(), &mut request)?;
            Ok(s.index().cooccurrence(&request, names, top)?)
        })
        .await?;
    Ok(Json(CoOccurrenceResponse {
        names: found
            .names
            .into_iter()
            .map(|n| CoName {
                key: n.key,
                name: n.name,
                kind: kind(n.kind),
                articles: n.articles,
            })
            .collect(),
        pairs: found
            .pairs
            .into_iter()
            .map(|p| CoPair {
                a: p.a,
                b: p.b,
                articles: p.articles,
            })
            .collect(),
    }))
}
