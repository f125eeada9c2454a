//! `/api/export`: a query's results as a file to download: CSV, JSON Lines, or
//! a table of `rasid export` (Parquet or JSON Lines) restricted to the results.
//!
//! An export holds at most [`crate::Limits::max_export_rows`] results. A query
//! that matches more is refused with a message that says so, unless `limit`
//! asks for its first results: the file is then cut at `limit`, and the
//! `X-Rasid-Total` header says how many there were.

use std::sync::Arc;

use axum::extract::{Query, State};
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use rasid::search::Sort;
use rasid::stories::search::Fold;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::search::{Filters, SortParam};
use crate::error::{Error, ErrorBody, Result};
use crate::state::AppState;

/// The file format of an export.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum ExportFormat {
    /// Comma-separated values (UTF-8 with a byte-order mark, as spreadsheets
    /// want it): one row per result.
    #[default]
    Csv,
    /// JSON Lines: one object per result, or the rows of `table`.
    Jsonl,
    /// Apache Parquet: the rows of `table` (default `articles`), as `rasid export` writes them.
    Parquet,
}

/// What to export, and how much.
#[derive(Clone, Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ExportParams {
    /// The file format (default `csv`).
    #[param(inline)]
    pub format: Option<ExportFormat>,
    /// A per-article table of `rasid export` (`articles`, `mentions`,
    /// `entities`, `places`, `times`, `numbers`, `summaries`,
    /// `event_mentions`, `quotes`, `duplicate_groups`, `story_members`; see
    /// docs/EXPORT.md) restricted to the results: for `parquet` (default
    /// `articles`) and `jsonl`.
    pub table: Option<String>,
    /// Order of results.
    #[param(inline)]
    pub sort: Option<SortParam>,
    /// Export the first this many results only (at most the server's limit,
    /// 10,000 by default). Without it, a query with more results than the
    /// limit is refused.
    pub limit: Option<usize>,
    /// Every copy of a syndicated article, not one per duplicate group.
    #[serde(default)]
    pub all_copies: bool,
    /// Every word is required (AND) instead of any (OR).
    #[serde(default)]
    pub all: bool,
}

/// The columns of a CSV or JSON Lines row of results.
const COLUMNS: [&str; 8] = [
    "id",
    "published",
    "source",
    "category",
    "title",
    "url",
    "score",
    "copies",
];

/// One result, as the CSV and JSON Lines exports write it.
#[derive(Clone, Debug, Serialize)]
struct Row {
    id: String,
    published: Option<String>,
    source: Option<String>,
    category: Option<String>,
    title: String,
    url: Option<String>,
    score: Option<f32>,
    copies: usize,
}

/// Downloads a query's results: CSV or JSON Lines of the results (id,
/// published, source, category, title, url, score, copies), or a table of
/// `rasid export` for their articles, in Parquet or JSON Lines.
#[utoipa::path(
    get,
    path = "/api/export",
    tag = "search",
    params(Filters, ExportParams),
    responses(
        (status = 200, description = "The file (`X-Rasid-Rows`: results in it, `X-Rasid-Total`: results in all)",
            content(("text/csv"), ("application/x-ndjson"), ("application/vnd.apache.parquet"))),
        (status = 400, description = "A malformed query or parameter, an unknown table, or more results than an export holds", body = ErrorBody),
        (status = 404, description = "`story` names a story the index lacks", body = ErrorBody),
    )
)]
pub async fn export(
    State(state): State<Arc<AppState>>,
    Query(filters): Query<Filters>,
    Query(params): Query<ExportParams>,
) -> Result<Response> {
    let cap = state.limits().max_export_rows.min(rasid::search::MAX_LIMIT);
    let format = params.format.unwrap_or_default();
    let table = match (format, params.table.as_deref().map(str::trim).filter(|t| !t.is_empty())) {
        (ExportFormat::Csv, Some(_)) => {
            return Err(Error::BadRequest(
                "a table is exported as parquet or jsonl; csv holds the results".into(),
            ))
        }
        (ExportFormat::Parquet, None) => Some("articles".to_owned()),
        (_, table) => table.map(str::to_owned),
    };
    if let Some(name) = &table {
        if !rasid::export::tables::ARTICLE_TABLES
            .iter()
            .any(|(def, _)| def.name == name)
        {
            let known: Vec<&str> = rasid::export::tables::ARTICLE_TABLES
                .iter()
                .map(|(d, _)| d.name)
                .collect();
            return Err(Error::BadRequest(format!(
                "no table {name:?}: one of {}",
                known.join(", ")
            )));
        }
    }
    let limit = match params.limit {
        Some(0) => return Err(Error::BadRequest(format!("limit must be between 1 and {cap}"))),
        Some(n) if n > cap => return Err(Error::BadRequest(format!("limit must be between 1 and {cap}"))),
        Some(n) => n,
        None => cap,
    };
    let mut request = filters.request(state.limits())?;
    request.limit = limit;
    request.facets = false;
    request.snippets = false;
    request.parse.default_and = params.all;
    request.sort = match params.sort.unwrap_or_default() {
        SortParam::Relevance => Sort::Relevance,
        SortParam::Newest => Sort::Newest,
        SortParam::Oldest => Sort::Oldest,
    };
    let fold = Fold {
        collapse: !params.all_copies,
        story: filters.story,
    };
    let asked = params.limit.is_some();
    let (body, rows, total) = state
        .blocking(move |s| {
            let folded = rasid::stories::search::search(s.index(), &request, &fold)?;
            let total = folded.folded_total.unwrap_or(folded.results.total);
            if total > limit && !asked {
                return Err(Error::BadRequest(format!(
                    "the query has {total} results, more than the {limit} an export holds: narrow it, \
                     or ask for the first {limit} with limit={limit}"
                )));
            }
            let mut copies = folded.copies;
            let hits = folded.results.hits;
            if let Some(table) = table {
                let ids: Vec<String> = hits.into_iter().map(|h| h.id).collect();
                let rows = rasid::export::article_rows(s.index(), &ids, &table)
                    .map_err(|e| Error::Internal(e.to_string()))?
                    .ok_or_else(|| Error::BadRequest(format!("no table {table:?}")))?;
                let bytes = match format {
                    ExportFormat::Parquet => {
                        rasid::export::write_parquet(&rows, Vec::new(), std::path::Path::new(&table))
                    }
                    _ => rows.to_jsonl(),
                }
                .map_err(|e| Error::Internal(e.to_string()))?;
                return Ok((bytes, rows.len(), total));
            }
            let rows: Vec<Row> = hits
                .into_iter()
                .map(|h| Row {
                    copies: copies.remove(&h.id).map_or(0, |c| c.len()),
                    id: h.id,
                    published: h.published,
                    source: h.source,
                    category: h.category,
                    title: h.title,
                    url: h.url,
                    score: h.score,
                })
                .collect();
            let bytes = match format {
                ExportFormat::Csv => csv(&rows),
                _ => jsonl(&rows)?,
            };
            Ok((bytes, rows.len(), total))
        })
        .await?;
    let (content_type, extension) = match format {
        ExportFormat::Csv => ("text/csv; charset=utf-8", "csv"),
        ExportFormat::Jsonl => ("application/x-ndjson", "jsonl"),
        ExportFormat::Parquet => ("application/vnd.apache.parquet", "parquet"),
    };
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Ok(value) = HeaderValue::from_str(&format!("attachment; filename=\"rasid-results.{extension}\"")) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    if let Ok(value) = HeaderValue::from_str(&rows.to_string()) {
        headers.insert("x-rasid-rows", value);
    }
    if let Ok(value) = HeaderValue::from_str(&total.to_string()) {
        headers.insert("x-rasid-total", value);
    }
    Ok(response)
}

/// The rows as CSV (RFC 4180, CRLF line ends), after a byte-order mark.
fn csv(rows: &[Row]) -> Vec<u8> {
    let mut out = String::from("\u{feff}");
    out.push_str(&COLUMNS.join(","));
    out.push_str("\r\n");
    for r in rows {
        let fields = [
            r.id.clone(),
            r.published.clone().unwrap_or_default(),
            r.source.clone().unwrap_or_default(),
            r.category.clone().unwrap_or_default(),
            r.title.clone(),
            r.url.clone().unwrap_or_default(),
            r.score.map(|s| s.to_string()).unwrap_or_default(),
            r.copies.to_string(),
        ];
        let cells: Vec<String> = fields.iter().map(|f| csv_cell(f)).collect();
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    out.into_bytes()
}

/// A CSV cell: quoted when it holds a comma, quote or line break. A text that
/// a spreadsheet would run as a formula (`=`, `+`, `-`, `@` first) is
/// prefixed with `'`, so that nothing from an article runs there either.
fn csv_cell(value: &str) -> String {
    let value = if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_owned()
    };
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value
    }
}

/// The rows as JSON Lines.
fn jsonl(rows: &[Row]) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    for r in rows {
        serde_json::to_writer(&mut out, r).map_err(|e| Error::Internal(e.to_string()))?;
        out.push(b'\n');
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_cells_are_quoted_and_never_formulas() {
        assert_eq!(csv_cell("plain"), "plain");
        assert_eq!(csv_cell("a,b"), "\"a,b\"");
        assert_eq!(csv_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_cell("two\nlines"), "\"two\nlines\"");
        assert_eq!(csv_cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_cell("@SUM(A1)"), "'@SUM(A1)");
    }
}
