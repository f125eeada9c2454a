//! `/api/articles` (read one, ingest some) and `/api/analyze`.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap};
use axum::Json;
use rasid::core::{AnalyzedArticle, Article, ArticleId, InputFormat};
use rasid::ingest::{read_bytes, ReadOptions};
use rasid::ArticleRelations;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::error::{Error, ErrorBody, Result};
use crate::openapi::{AnalyzedArticleSchema, ArticleResponseSchema};
use crate::state::AppState;

/// `?format=`: an input form (`text`, `jsonl`, `html`, `rss`, `trec`), or `auto`
/// (`None`): by the name's extension, then by content. Parsed with
/// [`InputFormat::parse_or_auto`], so a bad value is answered with the valid names.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FormatParam(pub Option<InputFormat>);

impl<'de> Deserialize<'de> for FormatParam {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        let name = std::borrow::Cow::<str>::deserialize(deserializer)?;
        InputFormat::parse_or_auto(&name)
            .map(FormatParam)
            .map_err(serde::de::Error::custom)
    }
}

impl utoipa::PartialSchema for FormatParam {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::schema::{ObjectBuilder, SchemaType, Type};
        let names = std::iter::once(InputFormat::AUTO).chain(InputFormat::ALL.map(InputFormat::name));
        ObjectBuilder::new()
            .schema_type(SchemaType::Type(Type::String))
            .enum_values(Some(names))
            .description(Some(
                "The input form: `auto` (by the name's extension, then by content), `text`, `jsonl`, `html`, `rss` \
                 (RSS, Atom or JSON feeds) or `trec`.",
            ))
            .into()
    }
}

impl ToSchema for FormatParam {}

/// How to read a posted body.
#[derive(Clone, Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct InputParams {
    /// The input form; without it, the Content-Type decides (`application/json`,
    /// `application/x-ndjson`, `text/html`, `application/rss+xml`, `text/plain`),
    /// then the `name`'s extension, then the content.
    #[param(inline)]
    pub format: Option<FormatParam>,
    /// A file name for the body (`feed.xml`, `page.html.gz`): its extension helps
    /// recognise the form, and errors name it.
    pub name: Option<String>,
    /// The character encoding (`utf-8`, `windows-1256`, `iso-8859-6`,
    /// `utf-16le`); detected when not given.
    pub encoding: Option<String>,
}

/// Analysis options.
#[derive(Clone, Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AnalyzeParams {
    /// Include every token (surface, offsets, norm, key, clitics, stem).
    #[serde(default)]
    pub tokens: bool,
}

/// A record of the input that gave no article.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct InputProblem {
    /// Where and why, e.g. `upload.jsonl: line 3: expected value at column 1`.
    pub message: String,
    /// True when the record was skipped on purpose (empty, no text), false when it failed.
    pub skipped: bool,
}

/// Articles read from a body, and the records that gave none.
struct ReadResult {
    articles: Vec<Article>,
    problems: Vec<InputProblem>,
}

/// Reads every article in a posted body, in any form and encoding rasid reads;
/// a body that gives none is a bad request.
fn read_body(body: &[u8], params: &InputParams, headers: &HeaderMap, max_articles: usize) -> Result<ReadResult> {
    if body.is_empty() {
        return Err(Error::BadRequest("the body is empty: send an article".into()));
    }
    let mut options = ReadOptions {
        format: match params.format {
            Some(FormatParam(format)) => format,
            None => headers
                .get(header::CONTENT_TYPE)
                .and_then(|v| v.to_str().ok())
                .and_then(format_of_content_type),
        },
        ..ReadOptions::default()
    };
    if let Some(label) = params.encoding.as_deref().map(str::trim).filter(|l| !l.is_empty()) {
        options.encoding = Some(rasid::ingest::encoding_by_name(label).map_err(|e| Error::BadRequest(e.to_string()))?);
    }
    let name = params
        .name
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .unwrap_or("upload");
    let mut read = ReadResult {
        articles: Vec::new(),
        problems: Vec::new(),
    };
    for record in read_bytes(name, body, &options) {
        match record {
            Ok(article) => {
                if read.articles.len() == max_articles {
                    return Err(Error::BadRequest(format!(
                        "the body holds more than {max_articles} articles: send them in smaller batches"
                    )));
                }
                read.articles.push(article);
            }
            Err(e) => read.problems.push(InputProblem {
                message: e.to_string(),
                skipped: e.is_skip(),
            }),
        }
    }
    if read.articles.is_empty() {
        let why = read.problems.first().map(|p| p.message.as_str()).unwrap_or("nothing");
        return Err(Error::BadRequest(format!("no article could be read: {why}")));
    }
    Ok(read)
}

fn format_of_content_type(content_type: &str) -> Option<InputFormat> {
    let mime = content_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    match mime.as_str() {
        "application/json" | "application/x-ndjson" | "application/jsonl" | "application/json-seq" => {
            Some(InputFormat::Jsonl)
        }
        "text/html" | "application/xhtml+xml" => Some(InputFormat::Html),
        "application/rss+xml" | "application/atom+xml" | "application/feed+json" => Some(InputFormat::Rss),
        "text/plain" => Some(InputFormat::Text),
        _ => None,
    }
}

/// Rewrites and related articles listed with an article, each.
const MOST_LINKS: usize = 10;

/// An article read back: its analysis, and what it is linked to.
#[derive(Clone, Debug, Serialize)]
pub struct ArticleResponse {
    /// The article and its analysis, as `rasid analyze` prints it.
    #[serde(flatten)]
    pub analysed: AnalyzedArticle,
    /// Its story, its copies (folded under one another in search results),
    /// the rewrites of the same source text and the articles sharing some of
    /// its text; `null` before `rasid stories` has seen the article.
    pub relations: Option<ArticleRelations>,
}

/// Reads an article back from the index, with everything rasid finds in it
/// and what it is linked to.
#[utoipa::path(
    get,
    path = "/api/articles/{id}",
    tag = "articles",
    params(("id" = String, Path, description = "The article id (16 hex digits)")),
    responses(
        (status = 200, description = "The article and its analysis, as `rasid analyze` prints it, with `relations`: \
its story `{id, articles, reports, first, last, label}`, its `copies`, `rewrites` and `related` articles, each \
`{id, title, source, published, shared}` (at most 10 rewrites and 10 related; null before the stories are built)", body = ArticleResponseSchema),
        (status = 404, description = "No article with this id", body = ErrorBody),
    )
)]
pub async fn get_article(State(state): State<Arc<AppState>>, Path(id): Path<String>) -> Result<Json<ArticleResponse>> {
    let id = id.trim().to_owned();
    if id.is_empty() || id.len() > 64 || !id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_') {
        return Err(Error::BadRequest(format!("{id:?} is not an article id")));
    }
    let analysed = state
        .blocking(move |s| {
            // The stored extractions, or (indexed without them) found now.
            let id = ArticleId::from_raw(id.as_str());
            let analysed = s
                .engine()
                .article(&id)?
                .ok_or_else(|| Error::NotFound(format!("no article with id {id} in the index")))?;
            let relations = s.engine().relations(&id, MOST_LINKS)?;
            Ok(ArticleResponse { analysed, relations })
        })
        .await?;
    Ok(Json(analysed))
}

/// What happened to one posted article.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct IngestedArticle {
    /// Its id (a hash of source, URL, headline and body: the same article always gets the same id).
    pub id: String,
    /// Its headline.
    pub title: String,
    /// `indexed`, or `duplicate` when the index already held it.
    pub outcome: String,
}

/// What an ingest did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct IngestResponse {
    /// Articles newly indexed (searchable now).
    pub indexed: usize,
    /// Articles the index already held (nothing changed).
    pub duplicates: usize,
    /// Records that gave no article.
    pub failed: usize,
    /// Each article read, in order.
    pub articles: Vec<IngestedArticle>,
    /// The records that gave no article, with where and why.
    pub errors: Vec<InputProblem>,
}

/// Adds one article or a batch to the index.
///
/// The body is an article in any form rasid reads: a JSON object
/// (`{"title": …, "body": …, "published": …, "source": …, "url": …}`), JSON
/// Lines, plain text, HTML, a feed, TREC. Posting the same article again
/// changes nothing (`duplicate`). Answered once the articles are committed and
/// searchable. The Content-Type must be one a web page on another site cannot
/// send without a preflight (`application/json`, `application/x-ndjson`,
/// `text/html`, `application/rss+xml`, `application/octet-stream` with
/// `?format=`…), and a browser's request must come from this server's own pages.
#[utoipa::path(
    post,
    path = "/api/articles",
    tag = "articles",
    params(InputParams),
    request_body(content = String, description = "Articles in any supported form", content_type = "application/x-ndjson"),
    responses(
        (status = 200, description = "What was indexed", body = IngestResponse),
        (status = 400, description = "No article could be read", body = ErrorBody),
        (status = 401, description = "The write token is missing or wrong", body = ErrorBody),
        (status = 403, description = "The server is read-only, or the request came from a page on another site", body = ErrorBody),
        (status = 409, description = "Another process holds the index's writer", body = ErrorBody),
        (status = 413, description = "The body is over the limit", body = ErrorBody),
        (status = 415, description = "A Content-Type any web page could send (text/plain, forms) or none", body = ErrorBody),
    ),
    security((), ("token" = []))
)]
pub async fn ingest(
    State(state): State<Arc<AppState>>,
    Query(params): Query<InputParams>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Json<IngestResponse>> {
    let ingester = state.authorize_write(&headers)?;
    let max = state.limits().max_batch_articles;
    let read = state
        .blocking(move |_| read_body(&body, &params, &headers, max))
        .await?;
    let summaries: Vec<(String, String)> = read
        .articles
        .iter()
        .map(|a| (a.id.as_str().to_owned(), a.title.clone()))
        .collect();
    let outcomes = ingester.add(read.articles).await?;
    let articles: Vec<IngestedArticle> = summaries
        .into_iter()
        .zip(outcomes)
        .map(|((id, title), outcome)| IngestedArticle {
            id,
            title,
            outcome: outcome.as_str().to_owned(),
        })
        .collect();
    let count = |what: &str| articles.iter().filter(|a| a.outcome == what).count();
    Ok(Json(IngestResponse {
        indexed: count("indexed"),
        duplicates: count("duplicate"),
        failed: read.problems.iter().filter(|p| !p.skipped).count(),
        articles,
        errors: read.problems,
    }))
}

/// What an analysis found.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct AnalyzeResponse {
    /// Each article read, with its analysis, as `rasid analyze` prints it.
    #[schema(value_type = Vec<AnalyzedArticleSchema>)]
    pub articles: Vec<AnalyzedArticle>,
    /// The records that gave no article, with where and why.
    pub errors: Vec<InputProblem>,
}

/// Analyses text or a file without indexing it: entities (people, places with
/// coordinates, organisations), times resolved against the dateline, numbers.
///
/// Open to every client, like the reads, also on a server with a write token:
/// it stores nothing. Its cost is bounded instead: at most
/// `Limits::max_analyses` run at once (more are answered 503 at once, without
/// reading their bodies), and a body holds at most `Limits::max_analyze_bytes`.
#[utoipa::path(
    post,
    path = "/api/analyze",
    tag = "articles",
    params(InputParams, AnalyzeParams),
    request_body(content = String, description = "Articles in any supported form (plain text: headline line, dateline line, body)", content_type = "text/plain"),
    responses(
        (status = 200, description = "The analysis of every article read", body = AnalyzeResponse),
        (status = 400, description = "No article could be read", body = ErrorBody),
        (status = 403, description = "Sent by a page on another site", body = ErrorBody),
        (status = 413, description = "The body is over the limit", body = ErrorBody),
        (status = 503, description = "As many analyses as the limit are running", body = ErrorBody),
    )
)]
pub async fn analyze(
    State(state): State<Arc<AppState>>,
    Query(params): Query<InputParams>,
    Query(options): Query<AnalyzeParams>,
    headers: HeaderMap,
    body: axum::body::Body,
) -> Result<Json<AnalyzeResponse>> {
    let limits = state.limits();
    let limit = limits.max_analyze_bytes.min(limits.max_body_bytes);
    // A place first: a refused request's body is read and dropped as it comes
    // (so that the client sees the answer), never held.
    let permit = match state.analysis_permit() {
        Ok(permit) => permit,
        Err(busy) => {
            discard(body, limit).await;
            return Err(busy);
        }
    };
    let body = read_limited(body, limit).await?;
    let max = limits.max_batch_articles;
    let response = state
        .blocking(move |s| {
            // Held until the analysis is done, even when the request has timed out.
            let _permit = permit;
            let read = read_body(&body, &params, &headers, max)?;
            Ok(AnalyzeResponse {
                articles: read
                    .articles
                    .into_iter()
                    .map(|a| s.analyze(a, options.tokens))
                    .collect(),
                errors: read.problems,
            })
        })
        .await?;
    Ok(Json(response))
}

/// Reads a body to its end (at most `limit` bytes), keeping nothing.
async fn discard(body: axum::body::Body, limit: usize) {
    use http_body_util::BodyExt;
    let mut body = http_body_util::Limited::new(body, limit);
    while let Some(Ok(_)) = body.frame().await {}
}

/// The whole body, refused with [`Error::TooLarge`] past `limit` bytes.
async fn read_limited(body: axum::body::Body, limit: usize) -> Result<Bytes> {
    use http_body_util::BodyExt;
    match http_body_util::Limited::new(body, limit).collect().await {
        Ok(collected) => Ok(collected.to_bytes()),
        Err(e) if e.downcast_ref::<http_body_util::LengthLimitError>().is_some() => Err(Error::TooLarge { limit }),
        Err(e) => Err(Error::BadRequest(format!("cannot read the body: {e}"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_types_pick_the_reader() {
        assert_eq!(
            format_of_content_type("application/json; charset=utf-8"),
            Some(InputFormat::Jsonl)
        );
        assert_eq!(format_of_content_type("Text/HTML"), Some(InputFormat::Html));
        assert_eq!(format_of_content_type("application/octet-stream"), None);
    }

    #[test]
    fn bodies_in_any_form() {
        let headers = HeaderMap::new();
        let text = "بدء جولة محادثات\nالخميس، 21 ديسمبر 2017 10:57 ص\nبدأت جولة محادثات سلام جديدة.";
        let windows = encoding_rs::WINDOWS_1256.encode(text).0;
        let read = read_body(&windows, &InputParams::default(), &headers, 10).unwrap();
        assert_eq!(read.articles.len(), 1);
        assert_eq!(read.articles[0].title, "بدء جولة محادثات");
        assert!(read.articles[0].published.is_some());

        let jsonl = "{\"title\": \"أ\", \"body\": \"نص أول\"}\nnot json\n{\"title\": \"ب\", \"body\": \"نص ثان\"}\n";
        let params = InputParams {
            format: Some(FormatParam(Some(InputFormat::Jsonl))),
            ..InputParams::default()
        };
        let read = read_body(jsonl.as_bytes(), &params, &headers, 10).unwrap();
        assert_eq!(read.articles.len(), 2);
        assert_eq!(read.problems.len(), 1);
        assert!(read.problems[0].message.contains("line 2"), "{:?}", read.problems);

        assert!(
            read_body(jsonl.as_bytes(), &params, &headers, 1).is_err(),
            "over the batch limit"
        );
        assert!(read_body(b"", &params, &headers, 1).is_err());
        let bad = InputParams {
            encoding: Some("klingon".into()),
            ..InputParams::default()
        };
        let error = read_body(b"x", &bad, &headers, 1)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(error.contains("klingon") && error.contains("windows-1256"), "{error}");
    }

    #[test]
    fn format_parameter_takes_the_format_names_or_auto() {
        let parse = |query: &str| {
            let uri: axum::http::Uri = format!("/api/articles?{query}").parse().unwrap();
            Query::<InputParams>::try_from_uri(&uri).map(|Query(params)| params.format)
        };
        assert_eq!(parse("format=rss").unwrap(), Some(FormatParam(Some(InputFormat::Rss))));
        assert_eq!(parse("format=auto").unwrap(), Some(FormatParam(None)));
        assert_eq!(parse("name=x.txt").unwrap(), None);
        let error = parse("format=pdf").unwrap_err().body_text();
        assert!(
            error.contains("\"pdf\"") && error.contains("auto, text, jsonl, html, rss, trec"),
            "{error}"
        );

        let schema = serde_json::to_value(<FormatParam as utoipa::PartialSchema>::schema()).unwrap();
        assert_eq!(
            schema["enum"],
            serde_json::json!(["auto", "text", "jsonl", "html", "rss", "trec"])
        );
    }
}
