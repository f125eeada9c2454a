//! A small HTTP client for the server, and a bounded load generator on it: what
//! the tests, the load test and the benchmark use to talk to a running server.
//!
//! ```no_run
//! # async fn run() -> Result<(), rasid_server::Error> {
//! use rasid_server::client::{query, Client};
//!
//! let client = Client::new("127.0.0.1:8080".parse().unwrap());
//! let reply = client.get(&format!("/api/search?q={}", query("استانا"))).await?;
//! assert_eq!(reply.status, 200);
//! println!("{}", reply.json()?["total"]);
//! # Ok(()) }
//! ```

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::http::{HeaderMap, Method, Request};
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;

use crate::error::{Error, Result};

/// A value percent-encoded for a query string.
pub fn query(value: &str) -> String {
    form_urlencoded::byte_serialize(value.as_bytes()).collect()
}

/// An HTTP/1.1 client for one server, keeping connections alive.
#[derive(Clone, Debug)]
pub struct Client {
    addr: SocketAddr,
    inner: hyper_util::client::legacy::Client<HttpConnector, Full<Bytes>>,
}

/// A server's answer.
#[derive(Clone, Debug)]
pub struct Reply {
    /// The status code.
    pub status: u16,
    /// The headers.
    pub headers: HeaderMap,
    /// The body (decompressed by nobody: ask without `Accept-Encoding`).
    pub body: Bytes,
}

impl Reply {
    /// The body as JSON.
    ///
    /// # Errors
    /// [`Error::Client`] when it is not JSON.
    pub fn json(&self) -> Result<serde_json::Value> {
        serde_json::from_slice(&self.body).map_err(|e| {
            Error::Client(format!(
                "the answer ({}) is not JSON: {e}: {}",
                self.status,
                self.text()
            ))
        })
    }

    /// The body as text.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// A header's value, if present and text.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

impl Client {
    /// A client for the server at `addr`.
    pub fn new(addr: SocketAddr) -> Client {
        let mut connector = HttpConnector::new();
        connector.set_nodelay(true);
        let inner = hyper_util::client::legacy::Client::builder(TokioExecutor::new())
            .pool_max_idle_per_host(usize::MAX)
            .build(connector);
        Client { addr, inner }
    }

    /// `GET path` (with its query string).
    ///
    /// # Errors
    /// [`Error::Client`] when the server cannot be reached or the answer read.
    pub async fn get(&self, path: &str) -> Result<Reply> {
        self.send(Method::GET, path, &[], Bytes::new()).await
    }

    /// A request with headers and a body.
    ///
    /// # Errors
    /// [`Error::Client`] when the server cannot be reached or the answer read.
    pub async fn send(&self, method: Method, path: &str, headers: &[(&str, &str)], body: Bytes) -> Result<Reply> {
        let mut request = Request::builder()
            .method(method)
            .uri(format!("http://{}{path}", self.addr));
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let request = request
            .body(Full::new(body))
            .map_err(|e| Error::Client(format!("bad request {path}: {e}")))?;
        let response = self
            .inner
            .request(request)
            .await
            .map_err(|e| Error::Client(format!("{path}: {e}")))?;
        let (parts, body) = response.into_parts();
        let body = body
            .collect()
            .await
            .map_err(|e| Error::Client(format!("{path}: reading the answer: {e}")))?
            .to_bytes();
        Ok(Reply {
            status: parts.status.as_u16(),
            headers: parts.headers,
            body,
        })
    }
}

/// One request of a load: a label to group its timings by, and what to send.
#[derive(Clone, Debug)]
pub struct LoadRequest {
    /// Timings are reported per label (`search`, `article`, `ingest`).
    pub label: &'static str,
    /// The method.
    pub method: Method,
    /// Path and query string.
    pub path: String,
    /// Headers.
    pub headers: Vec<(&'static str, String)>,
    /// The body.
    pub body: Bytes,
}

impl LoadRequest {
    /// A `GET`.
    pub fn get(label: &'static str, path: impl Into<String>) -> LoadRequest {
        LoadRequest {
            label,
            method: Method::GET,
            path: path.into(),
            headers: Vec::new(),
            body: Bytes::new(),
        }
    }
}

/// The read mix of the load test: searches (as the interface sends them: a
/// page of 10 with facets and highlights) and article reads, alternating; the
/// n-th request takes the n-th query or id, round robin.
pub fn mixed_reads(queries: Vec<String>, ids: Vec<String>) -> impl Fn(usize) -> LoadRequest + Send + Sync + 'static {
    move |n| {
        let pick = |list: &Vec<String>| list.get((n / 2) % list.len().max(1)).cloned().unwrap_or_default();
        if n % 2 == 0 || ids.is_empty() {
            LoadRequest::get("search", format!("/api/search?q={}", query(&pick(&queries))))
        } else {
            LoadRequest::get("article", format!("/api/articles/{}", pick(&ids)))
        }
    }
}

/// How hard and how long to load a server. Both bounds hold: the load stops at
/// whichever comes first.
#[derive(Clone, Debug)]
pub struct LoadPlan {
    /// Clients sending at once, each waiting for its answer before the next request.
    pub clients: usize,
    /// The longest the load runs.
    pub duration: Duration,
    /// The most requests sent in all.
    pub max_requests: usize,
}

/// Timings of one label.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LabelReport {
    /// Requests answered.
    pub requests: usize,
    /// Answers that were not 2xx, and requests that failed.
    pub errors: usize,
    /// Median latency, in milliseconds.
    pub p50_ms: f64,
    /// 99th percentile latency, in milliseconds.
    pub p99_ms: f64,
    /// Slowest, in milliseconds.
    pub max_ms: f64,
    /// Requests answered per second over the whole run.
    pub per_second: f64,
    /// The first error seen, for the report.
    pub first_error: Option<String>,
}

/// What a load found.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LoadReport {
    /// Clients that sent at once.
    pub clients: usize,
    /// How long it ran, in seconds.
    pub seconds: f64,
    /// Timings per label.
    pub labels: BTreeMap<&'static str, LabelReport>,
}

impl LoadReport {
    /// Errors over all labels.
    pub fn errors(&self) -> usize {
        self.labels.values().map(|l| l.errors).sum()
    }

    /// Requests over all labels.
    pub fn requests(&self) -> usize {
        self.labels.values().map(|l| l.requests).sum()
    }
}

/// Sends requests from `plan.clients` clients at once until the plan's time or
/// count runs out; `next(n)` makes the n-th request (n counts from 0 over all
/// clients).
pub async fn load<F>(client: &Client, plan: &LoadPlan, next: F) -> LoadReport
where
    F: Fn(usize) -> LoadRequest + Send + Sync + 'static,
{
    let next = Arc::new(next);
    let counter = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let deadline = started + plan.duration;
    let mut tasks = Vec::with_capacity(plan.clients);
    for _ in 0..plan.clients.max(1) {
        let (client, next, counter) = (client.clone(), next.clone(), counter.clone());
        let max = plan.max_requests;
        tasks.push(tokio::spawn(async move {
            let mut timings: Vec<(&'static str, Duration, Option<String>)> = Vec::new();
            loop {
                let n = counter.fetch_add(1, Ordering::Relaxed);
                if n >= max || Instant::now() >= deadline {
                    break;
                }
                let request = next(n);
                let headers: Vec<(&str, &str)> = request.headers.iter().map(|(k, v)| (*k, v.as_str())).collect();
                let sent = Instant::now();
                let reply = client
                    .send(request.method.clone(), &request.path, &headers, request.body.clone())
                    .await;
                let error = match reply {
                    Ok(r) if (200..300).contains(&r.status) => None,
                    Ok(r) => Some(format!("{} {}: {}", r.status, request.path, r.text())),
                    Err(e) => Some(e.to_string()),
                };
                timings.push((request.label, sent.elapsed(), error));
            }
            timings
        }));
    }
    let mut by_label: BTreeMap<&'static str, (Vec<Duration>, usize, Option<String>)> = BTreeMap::new();
    for task in tasks {
        let Ok(timings) = task.await else { continue };
        for (label, took, error) in timings {
            let entry = by_label.entry(label).or_default();
            entry.0.push(took);
            if let Some(error) = error {
                entry.1 += 1;
                entry.2.get_or_insert(error);
            }
        }
    }
    let seconds = started.elapsed().as_secs_f64();
    let labels = by_label
        .into_iter()
        .map(|(label, (mut times, errors, first_error))| {
            times.sort();
            let ms = |d: Option<&Duration>| d.map_or(0.0, |d| d.as_secs_f64() * 1000.0);
            let at = |q: f64| times.get(((times.len() as f64 * q).ceil() as usize).saturating_sub(1));
            let report = LabelReport {
                requests: times.len(),
                errors,
                p50_ms: ms(at(0.50)),
                p99_ms: ms(at(0.99)),
                max_ms: ms(times.last()),
                per_second: times.len() as f64 / seconds.max(1e-9),
                first_error,
            };
            (label, report)
        })
        .collect();
    LoadReport {
        clients: plan.clients,
        seconds,
        labels,
    }
}

/// The resident memory of this process, in bytes (Linux; `None` elsewhere).
pub fn resident_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_are_encoded() {
        assert_eq!(query("a b&c"), "a+b%26c");
        assert_eq!(query("سلام"), "%D8%B3%D9%84%D8%A7%D9%85");
    }
}
