//! `/api/search` and `/api/timeline`.

use std::sync::Arc;

use axum::extract::{Query, State};
use axum::Json;
use rasid::core::ArticleId;
use rasid::search::facets::{EntityValue, FacetCounts};
use rasid::search::snippet::Snippet;
use rasid::search::{Interval, SearchRequest, Sort};
use rasid::stories::search::Fold;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::error::{Error, ErrorBody, Result};
use crate::state::AppState;
use crate::Limits;

/// How results are ordered.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum SortParam {
    /// Best match first (BM25, headline matches count double).
    #[default]
    Relevance,
    /// Newest first.
    Newest,
    /// Oldest first.
    Oldest,
}

/// The filters every query-driven route takes.
#[derive(Clone, Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct Filters {
    /// The query: words (any spelling), `"phrases"`, `AND`/`OR`/`NOT`, `+must`,
    /// `-mustnot`, `field:value` (title, body, source, category, author, url, id,
    /// event, actor, target, dyad)
    /// and `published:FROM..TO`. Blank matches every article (with a filter).
    #[serde(default)]
    pub q: String,
    /// Only articles from this source (a value of the `sources` facet).
    pub source: Option<String>,
    /// Only articles in this category (a value of the `categories` facet).
    pub category: Option<String>,
    /// Only articles naming this person (a value of the `persons` facet, or any part of a name).
    pub person: Option<String>,
    /// Only articles naming this organisation (a value of the `orgs` facet).
    pub org: Option<String>,
    /// Only articles naming this place (a value of the `places` facet, or a GeoNames id).
    pub place: Option<String>,
    /// Only articles naming this entity, of any kind.
    pub entity: Option<String>,
    /// Only articles that mention a day, month or year in this period (`2017`,
    /// `2017-05`, `2017-05-21`, `2017-05..2017-07`), whenever they were published.
    pub mentions: Option<String>,
    /// Refuse a malformed query (unclosed quote or bracket, lone `-`, operator
    /// without operand, unknown field, bad date) with 400 instead of reading
    /// what does not parse as text.
    #[serde(default)]
    pub strict: bool,
    /// Only articles published in this month, `YYYY-MM` (a value of the `months` facet).
    pub month: Option<String>,
    /// Only articles published on or after this day: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub from: Option<String>,
    /// Only articles published on or before this day (the whole period included).
    pub to: Option<String>,
    /// Only articles of this story (ids from `/api/stories`).
    pub story: Option<i64>,
    /// Only articles reporting an event with this CAMEO code or a code starting
    /// with it (`04`, `046`; a value of the `event_roots` facet).
    pub event: Option<String>,
    /// Only articles with an event whose source (who acts) has this actor code
    /// (`SYRGOV`) or country (`SYR`); a value of the `actors` facet.
    pub actor: Option<String>,
    /// Only articles with an event whose target has this actor code or country.
    pub target: Option<String>,
    /// Only articles without a publication date (`undated=true`): those a date
    /// range never selects, and the timeline counts as `undated`.
    #[serde(default)]
    pub undated: bool,
}

impl Filters {
    /// The search request: `q` as query text, the facet filters typed
    /// ([`rasid::search::Filters`]), the date range; every value trimmed, blank
    /// ones ignored. Paging and order are the defaults.
    pub(crate) fn request(&self, limits: &Limits) -> Result<SearchRequest> {
        let length = self.q.chars().count();
        if length > limits.max_query_chars {
            return Err(Error::BadRequest(format!(
                "the query is {length} characters long; the limit is {}",
                limits.max_query_chars
            )));
        }
        let q = self.q.trim();
        if !q.is_empty() {
            // Checked here, before the request waits for the index.
            rasid::search::query::parse(q, &self.parse_options()).map_err(|e| Error::Index(e.into()))?;
        }
        let value = |v: &Option<String>| -> Vec<String> {
            v.as_deref()
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .map(str::to_owned)
                .into_iter()
                .collect()
        };
        let mut request = SearchRequest::new(q);
        request.parse = self.parse_options();
        request.filters = rasid::search::Filters {
            sources: value(&self.source),
            categories: value(&self.category),
            entities: value(&self.entity),
            persons: value(&self.person),
            orgs: value(&self.org),
            places: value(&self.place),
            mentions: value(&self.mentions),
            events: self.event_values(),
            actors: self.actor_values(),
            targets: self.target_values(),
            undated: self.undated,
        };
        (request.from, request.to) = self.range();
        Ok(request)
    }

    /// `request` limited to the articles of the `story` filter, when there is one.
    ///
    /// # Errors
    /// A 404 when the index has no stories or no such story.
    pub(crate) fn restrict_to_story(&self, index: &rasid::search::Index, request: &mut SearchRequest) -> Result<()> {
        let Some(story) = self.story else {
            return Ok(());
        };
        let store = rasid::stories::Store::open_existing(index.path())?
            .ok_or_else(|| rasid::stories::StoriesError::NoStore(index.path().to_owned()))?;
        store.story(story)?;
        request.ids = Some(store.members(story)?.into_iter().map(|m| m.id).collect());
        Ok(())
    }

    /// The `event` filter, trimmed; none when blank.
    pub(crate) fn event_values(&self) -> Vec<String> {
        non_blank(&self.event)
    }

    /// The `actor` filter, trimmed; none when blank.
    pub(crate) fn actor_values(&self) -> Vec<String> {
        non_blank(&self.actor)
    }

    /// The `target` filter, trimmed; none when blank.
    pub(crate) fn target_values(&self) -> Vec<String> {
        non_blank(&self.target)
    }

    /// How `q` is parsed: strictly when `strict` is set.
    fn parse_options(&self) -> rasid::search::query::ParseOptions {
        rasid::search::query::ParseOptions {
            strict: self.strict,
            ..rasid::search::query::ParseOptions::default()
        }
    }

    /// The date range: `month` when given, else `from` and `to`.
    pub(crate) fn range(&self) -> (Option<String>, Option<String>) {
        match self.month.as_deref().map(str::trim).filter(|m| !m.is_empty()) {
            Some(month) => (Some(month.to_owned()), Some(month.to_owned())),
            None => (self.from.clone(), self.to.clone()),
        }
    }
}

/// A parameter's value, trimmed, as a list of none or one.
fn non_blank(value: &Option<String>) -> Vec<String> {
    value
        .as_deref()
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_owned)
        .into_iter()
        .collect()
}

/// Paging, order and the rest of a search.
#[derive(Clone, Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchParams {
    /// Order of results.
    #[param(inline)]
    pub sort: Option<SortParam>,
    /// Page number, from 1.
    pub page: Option<usize>,
    /// Results per page (default 10, at most 100).
    pub size: Option<usize>,
    /// Articles like the one with this id.
    pub like: Option<String>,
    /// Every word is required (AND) instead of any (OR).
    #[serde(default)]
    pub all: bool,
    /// Show every copy of a syndicated article, not one per duplicate group.
    #[serde(default)]
    pub all_copies: bool,
}

/// A byte range into a text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct Range {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

/// A piece of text with the matched words marked.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct Fragment {
    /// The text, exactly as written.
    pub text: String,
    /// Where `text` starts in the whole headline or body, in bytes.
    pub start: usize,
    /// The matched words: byte ranges into `text` (UTF-8), in order.
    pub highlights: Vec<Range>,
    /// True when text was cut before the fragment (show `…`).
    pub cut_before: bool,
    /// True when text was cut after the fragment.
    pub cut_after: bool,
}

impl From<Snippet> for Fragment {
    fn from(s: Snippet) -> Self {
        Fragment {
            text: s.text,
            start: s.start,
            highlights: s
                .highlights
                .into_iter()
                .map(|h| Range {
                    start: h.start,
                    end: h.end,
                })
                .collect(),
            cut_before: s.cut_before,
            cut_after: s.cut_after,
        }
    }
}

/// One result.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct SearchHit {
    /// The article id (for `/api/articles/{id}`).
    pub id: String,
    /// Relevance score (absent when sorted by date).
    pub score: Option<f32>,
    /// The headline.
    pub title: String,
    /// The headline with the matches marked.
    pub title_highlight: Option<Fragment>,
    /// The best fragment of the body with the matches marked.
    pub snippet: Option<Fragment>,
    /// The outlet.
    pub source: Option<String>,
    /// The section.
    pub category: Option<String>,
    /// The URL.
    pub url: Option<String>,
    /// Publication time as the source gave it (ISO 8601).
    pub published: Option<String>,
    /// Ids of the copies of this article among the matches (folded under it).
    pub copies: Vec<String>,
}

/// A facet value and how many matching articles have it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct FacetValue {
    /// The value (pass it back as the filter of the same name): for people,
    /// organisations and places the entity's identity key (`PER:بتن`,
    /// `geonames:6252001`), which selects every spelling of it.
    pub value: String,
    /// The name to show, for people, organisations and places: the canonical
    /// name most of the articles give the entity.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// Matching articles with it.
    pub count: u64,
}

/// Counts over every matching article, not just the page.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, ToSchema)]
pub struct Facets {
    /// Per source, most first.
    pub sources: Vec<FacetValue>,
    /// Per category, most first.
    pub categories: Vec<FacetValue>,
    /// Per month (`YYYY-MM`), in date order.
    pub months: Vec<FacetValue>,
    /// Per person named, most first.
    pub persons: Vec<FacetValue>,
    /// Per organisation named, most first.
    pub orgs: Vec<FacetValue>,
    /// Per place named, most first.
    pub places: Vec<FacetValue>,
    /// Per CAMEO root of the events (`04`), most first.
    pub event_roots: Vec<FacetValue>,
    /// Per source actor code of the events (who acts), most first.
    pub actors: Vec<FacetValue>,
    /// Per target actor code of the events, most first.
    pub targets: Vec<FacetValue>,
}

fn values(pairs: Vec<(String, u64)>) -> Vec<FacetValue> {
    pairs
        .into_iter()
        .map(|(value, count)| FacetValue {
            value,
            label: None,
            count,
        })
        .collect()
}

fn entity_values(found: Vec<EntityValue>) -> Vec<FacetValue> {
    found
        .into_iter()
        .map(|v| FacetValue {
            value: v.key,
            label: Some(v.name),
            count: v.count,
        })
        .collect()
}

impl From<FacetCounts> for Facets {
    fn from(f: FacetCounts) -> Self {
        Facets {
            sources: values(f.sources),
            categories: values(f.categories),
            months: values(f.months),
            persons: entity_values(f.persons),
            orgs: entity_values(f.orgs),
            places: entity_values(f.places),
            event_roots: values(f.event_roots),
            actors: values(f.actors),
            targets: values(f.targets),
        }
    }
}

/// What a search found.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct SearchResponse {
    /// Results in all, what the pages hold: with copies folded (the default),
    /// each group of copies counts once (exactly when every match fits in the
    /// matches read to fill the page, three times the page and ten more;
    /// estimated beyond from the copies among those).
    pub total: usize,
    /// Matching articles, every copy counted (what the facets count).
    pub matches: usize,
    /// This page (from 1).
    pub page: usize,
    /// Results per page.
    pub size: usize,
    /// The results on this page.
    pub hits: Vec<SearchHit>,
    /// Counts over all matches.
    pub facets: Facets,
    /// The search terms (stems) that were marked.
    pub terms: Vec<String>,
    /// Time the search took in the index, in milliseconds.
    pub took_ms: f64,
    /// Why copies were not folded, when they could not be (no stories built yet).
    pub note: Option<String>,
}

/// Searches the index.
///
/// Words match whatever way they are spelled (`أستانا`, `استانا`, `آستانا`) and
/// with their clitics (`وروسيا` finds `روسيا`). Highlights are byte ranges into
/// the returned text.
#[utoipa::path(
    get,
    path = "/api/search",
    tag = "search",
    params(Filters, SearchParams),
    responses(
        (status = 200, description = "The page of results, with facets", body = SearchResponse),
        (status = 400, description = "A malformed query or parameter", body = ErrorBody),
        (status = 404, description = "`like` names an article the index lacks", body = ErrorBody),
        (status = 503, description = "Busy or too slow", body = ErrorBody),
    )
)]
pub async fn search(
    State(state): State<Arc<AppState>>,
    Query(filters): Query<Filters>,
    Query(params): Query<SearchParams>,
) -> Result<Json<SearchResponse>> {
    let limits = state.limits();
    let (page, size) = super::page(limits, params.page, params.size, 10)?;
    let mut request = filters.request(limits)?;
    request.limit = size;
    request.offset = (page - 1) * size;
    request.sort = match params.sort.unwrap_or_default() {
        SortParam::Relevance => Sort::Relevance,
        SortParam::Newest => Sort::Newest,
        SortParam::Oldest => Sort::Oldest,
    };
    request.like = params
        .like
        .as_deref()
        .map(str::trim)
        .filter(|id| !id.is_empty())
        .map(ArticleId::from_raw);
    request.parse.default_and = params.all;
    let fold = Fold {
        collapse: !params.all_copies,
        story: filters.story,
    };
    let folded = state
        .blocking(move |s| Ok(rasid::stories::search::search(s.index(), &request, &fold)?))
        .await?;
    let (results, mut copies) = (folded.results, folded.copies);
    Ok(Json(SearchResponse {
        total: folded.folded_total.unwrap_or(results.total),
        matches: results.total,
        page,
        size,
        hits: results
            .hits
            .into_iter()
            .map(|h| SearchHit {
                copies: copies.remove(&h.id).unwrap_or_default(),
                id: h.id,
                score: h.score,
                title: h.title,
                title_highlight: h.title_highlight.map(Fragment::from),
                snippet: h.snippet.map(Fragment::from),
                source: h.source,
                category: h.category,
                url: h.url,
                published: h.published,
            })
            .collect(),
        facets: results.facets.map(Facets::from).unwrap_or_default(),
        terms: results.terms,
        took_ms: results.took_ms,
        note: folded.note,
    }))
}

/// The bucket width of a timeline.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum IntervalParam {
    /// One day.
    #[default]
    Day,
    /// Monday to Sunday.
    Week,
    /// One calendar month.
    Month,
}

/// The bucket width.
#[derive(Clone, Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TimelineParams {
    /// Bucket width (default `day`).
    #[param(inline)]
    pub interval: Option<IntervalParam>,
}

/// Matching articles in one bucket.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct Bucket {
    /// First day of the bucket: `YYYY-MM-DD`, or `YYYY-MM` for months.
    pub start: String,
    /// Articles published in it.
    pub count: u64,
}

/// A query's volume over time.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct TimelineResponse {
    /// The bucket width.
    pub interval: IntervalParam,
    /// Buckets with at least one article, in date order (UTC days).
    pub buckets: Vec<Bucket>,
    /// Matching articles without a date.
    pub undated: u64,
    /// All matching articles counted.
    pub total: u64,
}

/// Counts a query's articles per day, week or month.
#[utoipa::path(
    get,
    path = "/api/timeline",
    tag = "search",
    params(Filters, TimelineParams),
    responses(
        (status = 200, description = "Counts per bucket", body = TimelineResponse),
        (status = 400, description = "A malformed query or date", body = ErrorBody),
    )
)]
pub async fn timeline(
    State(state): State<Arc<AppState>>,
    Query(filters): Query<Filters>,
    Query(params): Query<TimelineParams>,
) -> Result<Json<TimelineResponse>> {
    let mut request = filters.request(state.limits())?;
    let interval = params.interval.unwrap_or_default();
    let index_interval = match interval {
        IntervalParam::Day => Interval::Day,
        IntervalParam::Week => Interval::Week,
        IntervalParam::Month => Interval::Month,
    };
    let timeline = state
        .blocking(move |s| {
            filters.restrict_to_story(s.index(), &mut request)?;
            Ok(s.index().timeline_for(&request, index_interval)?)
        })
        .await?;
    Ok(Json(TimelineResponse {
        interval,
        buckets: timeline
            .buckets
            .into_iter()
            .map(|b| Bucket {
                start: b.start,
                count: b.count,
            })
            .collect(),
        undated: timeline.undated,
        total: timeline.total,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_become_a_typed_request() {
        let limits = Limits::default();
        let filters = Filters {
            q: " استانا OR جنيف ".into(),
            source: Some("youm7".into()),
            person: Some(" لافروف ".into()),
            place: Some("169389".into()),
            mentions: Some("2017-05".into()),
            org: Some("  ".into()),
            from: Some("2017".into()),
            ..Filters::default()
        };
        let request = filters.request(&limits).unwrap();
        assert_eq!(request.query, "استانا OR جنيف", "q stays query text, alone");
        assert_eq!(
            request.filters,
            rasid::search::Filters {
                sources: vec!["youm7".into()],
                persons: vec!["لافروف".into()],
                places: vec!["169389".into()],
                mentions: vec!["2017-05".into()],
                ..rasid::search::Filters::default()
            },
            "values trimmed, blank ones dropped"
        );
        assert_eq!((request.from.as_deref(), request.to.as_deref()), (Some("2017"), None));

        let only = Filters {
            category: Some(" politics ".into()),
            ..Filters::default()
        };
        let request = only.request(&limits).unwrap();
        assert_eq!(
            (request.query.as_str(), request.filters.categories.as_slice()),
            ("", &["politics".to_owned()][..])
        );

        // A quote in a value is part of the value, not query syntax.
        let quote = Filters {
            source: Some("a\"b".into()),
            ..Filters::default()
        };
        assert_eq!(quote.request(&limits).unwrap().filters.sources, ["a\"b"]);

        let bad = Filters {
            q: "\"محادثات".into(),
            source: Some("youm7".into()),
            strict: true,
            ..Filters::default()
        };
        let message = bad.request(&limits).unwrap_err().to_string();
        assert!(message.contains("character 0"), "positions point into q: {message}");
        // Not strict, it is a phrase being typed.
        let typing = Filters { strict: false, ..bad };
        assert!(!typing.request(&limits).unwrap().parse.strict);
        let long = Filters {
            q: "س".repeat(limits.max_query_chars + 1),
            ..Filters::default()
        };
        assert!(matches!(long.request(&limits), Err(Error::BadRequest(_))));
    }

    #[test]
    fn month_overrides_from_and_to() {
        let filters = Filters {
            month: Some("2017-12".into()),
            from: Some("2016".into()),
            ..Filters::default()
        };
        assert_eq!(filters.range(), (Some("2017-12".into()), Some("2017-12".into())));
        let request = filters.request(&Limits::default()).unwrap();
        assert_eq!(
            (request.from, request.to),
            (Some("2017-12".into()), Some("2017-12".into()))
        );
    }
}
