//! `/api/entities` (who and what a query's articles name, and names for
//! autocomplete) and `/api/places` (where, with coordinates, for the map).

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::{Query, State};
use axum::Json;
use rasid::core::ArticleId;
use rasid::search::EntityFacet;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::search::Filters;
use crate::error::{Error, ErrorBody, Result};
use crate::state::AppState;

/// The kinds of entities counted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize, Serialize, ToSchema)]
pub enum EntityType {
    /// People.
    #[serde(rename = "PER")]
    Per,
    /// Organisations.
    #[serde(rename = "ORG")]
    Org,
    /// Places.
    #[serde(rename = "LOC")]
    Loc,
}

impl EntityType {
    fn facet(self) -> EntityFacet {
        match self {
            EntityType::Per => EntityFacet::Person,
            EntityType::Org => EntityFacet::Org,
            EntityType::Loc => EntityFacet::Place,
        }
    }
}

/// Which entities to list.
#[derive(Clone, Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct EntityParams {
    /// `PER`, `ORG` or `LOC`; all three when absent.
    #[serde(rename = "type")]
    #[param(inline)]
    pub kind: Option<EntityType>,
    /// Only entities one of whose names has a word starting with this (any
    /// spelling of alef, ya and hamza; any spelling the articles use): `لاف`
    /// finds `سيرغى لافروف`, for autocomplete.
    #[serde(default)]
    pub prefix: String,
    /// Most names per type (default 20, at most 200).
    pub limit: Option<usize>,
}

/// An entity and how many articles name it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct EntityCount {
    /// `PER`, `ORG` or `LOC`.
    #[serde(rename = "type")]
    pub kind: EntityType,
    /// The identity key (`PER:بتن`, `geonames:6252001`): pass it back as the
    /// `person`, `org` or `place` filter to select every spelling of the entity.
    pub key: String,
    /// The name to show: the canonical name most of the articles give it.
    pub name: String,
    /// Articles that name it.
    pub articles: u64,
}

/// Entities, most named first within each type.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct EntitiesResponse {
    /// People, then organisations, then places (as asked).
    pub entities: Vec<EntityCount>,
}

const MAX_ENTITIES: usize = 200;

/// The people, organisations and places named in the articles a query matches
/// (every article without one): top names, or names for autocomplete.
#[utoipa::path(
    get,
    path = "/api/entities",
    tag = "search",
    params(Filters, EntityParams),
    responses(
        (status = 200, description = "Names with article counts", body = EntitiesResponse),
        (status = 400, description = "A malformed query or parameter", body = ErrorBody),
    )
)]
pub async fn entities(
    State(state): State<Arc<AppState>>,
    Query(filters): Query<Filters>,
    Query(params): Query<EntityParams>,
) -> Result<Json<EntitiesResponse>> {
    let limit = params.limit.unwrap_or(20);
    if limit == 0 || limit > MAX_ENTITIES {
        return Err(Error::BadRequest(format!("limit must be between 1 and {MAX_ENTITIES}")));
    }
    if params.prefix.chars().count() > 100 {
        return Err(Error::BadRequest("prefix is longer than 100 characters".into()));
    }
    let mut request = filters.request(state.limits())?;
    let kinds = match params.kind {
        Some(kind) => vec![kind],
        None => vec![EntityType::Per, EntityType::Org, EntityType::Loc],
    };
    let entities = state
        .blocking(move |s| {
            filters.restrict_to_story(s.index(), &mut request)?;
            let mut all = Vec::new();
            for kind in kinds {
                for found in s
                    .index()
                    .entity_counts_for(kind.facet(), &request, &params.prefix, limit)?
                {
                    all.push(EntityCount {
                        kind,
                        key: found.key,
                        name: found.name,
                        articles: found.count,
                    });
                }
            }
            Ok(all)
        })
        .await?;
    Ok(Json(EntitiesResponse { entities }))
}

/// How many articles to read the places of.
#[derive(Clone, Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PlacesParams {
    /// Best matches whose places are gathered (default 50, at most 200).
    pub sample: Option<usize>,
}

/// A place the articles name, with its coordinates.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct PlaceCount {
    /// GeoNames id.
    pub geonames_id: u32,
    /// The name as the articles write it (the most frequent form).
    pub name: String,
    /// GeoNames English name.
    pub name_en: String,
    /// ISO 3166-1 alpha-2 country code.
    pub country: String,
    /// Latitude, WGS84 degrees.
    pub lat: f64,
    /// Longitude, WGS84 degrees.
    pub lon: f64,
    /// Articles among those read that name it.
    pub articles: u64,
}

/// The places of a query's best matches.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct PlacesResponse {
    /// Articles whose places were read (the best matches, at most `sample`).
    pub articles: usize,
    /// Places with coordinates, most named first.
    pub places: Vec<PlaceCount>,
}

/// The places a query's best matching articles name, with coordinates, for a map.
#[utoipa::path(
    get,
    path = "/api/places",
    tag = "search",
    params(Filters, PlacesParams),
    responses(
        (status = 200, description = "Places with coordinates and article counts", body = PlacesResponse),
        (status = 400, description = "A malformed query or parameter", body = ErrorBody),
    )
)]
pub async fn places(
    State(state): State<Arc<AppState>>,
    Query(filters): Query<Filters>,
    Query(params): Query<PlacesParams>,
) -> Result<Json<PlacesResponse>> {
    let sample = params.sample.unwrap_or(50);
    if sample == 0 || sample > 200 {
        return Err(Error::BadRequest("sample must be between 1 and 200".into()));
    }
    let mut request = filters.request(state.limits())?;
    request.limit = sample;
    request.facets = false;
    request.snippets = false;
    let response = state
        .blocking(move |s| {
            filters.restrict_to_story(s.index(), &mut request)?;
            let hits = s.index().search(&request)?.hits;
            // Per GeoNames id: the place, the names used for it, the articles.
            let mut found: HashMap<u32, (PlaceCount, HashMap<String, u64>)> = HashMap::new();
            for hit in &hits {
                let Some(stored) = s.index().get(&ArticleId::from_raw(hit.id.as_str()))? else {
                    continue;
                };
                let Some(extraction) = stored.extraction else { continue };
                let mut seen = std::collections::HashSet::new();
                for entity in extraction.entities.entities {
                    let Some(place) = entity.place else { continue };
                    let (Some(lat), Some(lon)) = (place.lat, place.lon) else {
                        continue;
                    };
                    let (count, names) = found.entry(place.geonames_id).or_insert_with(|| {
                        (
                            PlaceCount {
                                geonames_id: place.geonames_id,
                                name: String::new(),
                                name_en: place.name_en.clone(),
                                country: place.country.clone(),
                                lat,
                                lon,
                                articles: 0,
                            },
                            HashMap::new(),
                        )
                    });
                    if seen.insert(place.geonames_id) {
                        count.articles += 1;
                    }
                    *names.entry(entity.canonical).or_default() += 1;
                }
            }
            let mut places: Vec<PlaceCount> = found
                .into_values()
                .map(|(mut place, names)| {
                    place.name = names
                        .into_iter()
                        .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)))
                        .map(|(name, _)| name)
                        .unwrap_or_default();
                    place
                })
                .collect();
            places.sort_by(|a, b| b.articles.cmp(&a.articles).then_with(|| a.name.cmp(&b.name)));
            Ok(PlacesResponse {
                articles: hits.len(),
                places,
            })
        })
        .await?;
    Ok(Json(response))
}
