//! The rasid server: a JSON API over an index, with an OpenAPI document, and an
//! Arabic-first, right-to-left web interface embedded in the binary.
//!
//! `rasid serve --index DIR` runs it. Routes:
//!
//! | route | what |
//! |---|---|
//! | `GET /` | the web interface (`/ui/…` its scripts, styles and base map) |
//! | `GET /api/search` | search with filters, facets, sort, pages, highlights |
//! | `GET /api/articles/{id}` | an article with its analysis (entities, times, numbers) |
//! | `POST /api/articles` | ingest one article or a batch, in any form rasid reads; idempotent |
//! | `POST /api/analyze` | analyse text or a file without indexing it |
//! | `GET /api/timeline` | a query's volume per day, week or month |
//! | `GET /api/entities` | the people, organisations and places a query's articles name |
//! | `GET /api/places` | the places they name, with coordinates, for a map |
//! | `GET /api/stories`, `/api/stories/{id}` | stories, a page at a time with filters; a story's timeline, summary, reports and copies |
//! | `GET /api/export` | a query's results as CSV, JSON Lines or a `rasid export` table in Parquet |
//! | `GET /api/cooccurrence` | who appears with whom in a query's articles |
//! | `GET`/`POST /api/saved`, `POST /api/saved/{id}/open`, `DELETE /api/saved/{id}`, `GET /api/saved/{id}/new` | saved searches and what is new for each |
//! | `GET /api/health` | liveness and what the index holds |
//! | `GET /api/openapi.json` | the OpenAPI 3.1 document of all of this |
//!
//! Every error is JSON, `{"status": 404, "message": "…"}`. Bodies, query
//! lengths, page sizes, the time a request may take and the requests in flight
//! are bounded ([`Limits`]); writes can be turned off ([`Config::read_only`]) or
//! need a token ([`Config::token`]).
//!
//! ```no_run
//! # async fn run() -> Result<(), rasid_server::Error> {
//! use rasid_server::{Config, Server};
//!
//! let config = Config::new("idx");
//! let server = Server::bind(config, "127.0.0.1:8080".parse().unwrap()).await?;
//! println!("listening on http://{}", server.local_addr());
//! server.run(std::future::pending()).await
//! # }
//! ```
#![deny(missing_docs)]

mod api;
#[cfg(feature = "test-client")]
pub mod client;
mod error;
mod guard;
mod ingest;
mod limits;
pub mod openapi;
pub mod saved;
mod state;
mod ui;

use std::future::Future;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

pub use error::{Error, Result};
pub use state::AppState;

/// Bounds on what one request may ask for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Largest request body, in bytes (413 beyond).
    pub max_body_bytes: usize,
    /// Longest search query, in characters (400 beyond).
    pub max_query_chars: usize,
    /// Most results on one page (400 beyond).
    pub max_page_size: usize,
    /// Deepest result reachable by paging: `page × size` (400 beyond).
    pub max_results_depth: usize,
    /// Longest a request may take before it is answered 503.
    pub request_timeout: Duration,
    /// Requests handled at once; more are answered 503 at once.
    pub max_in_flight: usize,
    /// Searches, analyses and reads running at once on the worker threads; more wait.
    pub max_workers: usize,
    /// Most articles one ingest or analyze request may hold.
    pub max_batch_articles: usize,
    /// Analyses (`POST /api/analyze`) running at once; more are answered 503 at
    /// once. Each holds a worker thread and memory in proportion to its text.
    pub max_analyses: usize,
    /// Largest body `/api/analyze` takes, in bytes (413 beyond); ingest has
    /// [`Limits::max_body_bytes`].
    pub max_analyze_bytes: usize,
    /// Longest a client may take to send a request's headers; it is also how
    /// long an idle keep-alive connection stays open. The connection is closed
    /// after it.
    pub header_read_timeout: Duration,
    /// Connections open at once; more are closed as soon as they are accepted.
    pub max_connections: usize,
    /// Most results one export (`/api/export`) holds (at most 10,000).
    pub max_export_rows: usize,
}

impl Default for Limits {
    fn default() -> Self {
        let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2);
        Limits {
            max_body_bytes: 32 * 1024 * 1024,
            max_query_chars: 1_000,
            max_page_size: 100,
            max_results_depth: 10_000,
            request_timeout: Duration::from_secs(30),
            max_in_flight: 512,
            max_workers: cores * 2,
            max_batch_articles: 10_000,
            max_analyses: (cores / 2).max(1),
            max_analyze_bytes: 4 * 1024 * 1024,
            header_read_timeout: Duration::from_secs(10),
            max_connections: 1_024,
            max_export_rows: 10_000,
        }
    }
}

/// How the server runs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    /// The index directory (created when missing, unless read-only).
    pub index: PathBuf,
    /// Refuse every write (403).
    pub read_only: bool,
    /// When set, writes need `Authorization: Bearer TOKEN` (401 without).
    /// `/api/analyze` stores nothing and stays open, like the reads, within
    /// [`Limits::max_analyses`] and [`Limits::max_analyze_bytes`].
    pub token: Option<String>,
    /// The names (besides its address, and `localhost` on loopback) that
    /// clients reach the server by: any other `Host` is refused, so that a page
    /// whose name was pointed at this address (DNS rebinding) cannot use it.
    pub hosts: Vec<String>,
    /// Request bounds.
    pub limits: Limits,
    /// A resources directory to load the pipeline from (see
    /// `rasid::pipeline::Resources::from_dir`); the embedded ones when `None`.
    pub resources: Option<PathBuf>,
    /// The entity tagger of the articles the server analyses and ingests
    /// (`rasid serve --ner`; `fast` by default).
    pub ner: rasid::pipeline::NerMode,
}

impl Config {
    /// A writable server over `index` with the default limits and no token.
    pub fn new(index: impl Into<PathBuf>) -> Self {
        Config {
            index: index.into(),
            read_only: false,
            token: None,
            hosts: Vec::new(),
            limits: Limits::default(),
            resources: None,
            ner: rasid::pipeline::NerMode::default(),
        }
    }
}

/// A server bound to its socket, ready to run.
#[derive(Debug)]
pub struct Server {
    listener: tokio::net::TcpListener,
    state: Arc<AppState>,
}

impl Server {
    /// Opens the index and binds `addr` (port 0 picks a free port).
    ///
    /// # Errors
    /// [`Error::Index`] when the index cannot be opened, [`Error::Bind`] when the
    /// address cannot be bound, [`Error::Config`] for settings that do not fit
    /// (a writable server on a non-loopback address without a token).
    pub async fn bind(config: Config, addr: SocketAddr) -> Result<Server> {
        if !addr.ip().is_loopback() && !config.read_only && config.token.is_none() {
            return Err(Error::Config(format!(
                "{addr} is reachable from other machines: give a write token (--token or RASID_TOKEN) or serve read-only (--read-only)"
            )));
        }
        let state = Arc::new(AppState::open(config)?);
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .map_err(|source| Error::Bind { addr, source })?;
        if let Ok(bound) = listener.local_addr() {
            state.set_local_addr(bound);
        }
        Ok(Server { listener, state })
    }

    /// The address the server listens on.
    pub fn local_addr(&self) -> SocketAddr {
        self.listener
            .local_addr()
            .unwrap_or_else(|_| SocketAddr::from(([127, 0, 0, 1], 0)))
    }

    /// Articles in the index.
    ///
    /// # Errors
    /// [`Error::Index`] when the index cannot be read.
    pub fn documents(&self) -> Result<u64> {
        Ok(self.state.index().num_docs()?)
    }

    /// The shared state (the index, the limits).
    pub fn state(&self) -> &Arc<AppState> {
        &self.state
    }

    /// Serves until `shutdown` completes, then finishes the requests in flight and
    /// commits and closes the index writer.
    ///
    /// Each connection must send a request's headers within
    /// [`Limits::header_read_timeout`] (and so an idle keep-alive connection is
    /// closed after it); at most [`Limits::max_connections`] are open at once.
    ///
    /// # Errors
    /// [`Error::Index`] when the writer's last commit fails.
    pub async fn run(self, shutdown: impl Future<Output = ()> + Send + 'static) -> Result<()> {
        let app = router(self.state.clone());
        let limits = self.state.limits().clone();
        let max_connections = u32::try_from(limits.max_connections.max(1)).unwrap_or(u32::MAX);
        let connections = Arc::new(tokio::sync::Semaphore::new(
            usize::try_from(max_connections).unwrap_or(usize::MAX),
        ));
        // Dropping `stop` tells every connection to finish its request and close.
        let (stop, stopping) = tokio::sync::watch::channel(());
        let mut shutdown = std::pin::pin!(shutdown);
        loop {
            let (stream, _peer) = tokio::select! {
                () = &mut shutdown => break,
                accepted = self.listener.accept() => match accepted {
                    Ok(accepted) => accepted,
                    Err(e) if is_connection_error(&e) => continue,
                    Err(_) => {
                        // Out of file descriptors and the like: wait, as axum does.
                        tokio::time::sleep(Duration::from_millis(200)).await;
                        continue;
                    }
                },
            };
            let Ok(permit) = connections.clone().try_acquire_owned() else {
                drop(stream);
                continue;
            };
            let _ = stream.set_nodelay(true);
            let service = hyper_util::service::TowerToHyperService::new(app.clone());
            let mut stopping = stopping.clone();
            let header_timeout = limits.header_read_timeout;
            tokio::spawn(async move {
                let _permit = permit;
                let mut builder = hyper::server::conn::http1::Builder::new();
                builder
                    .timer(hyper_util::rt::TokioTimer::new())
                    .header_read_timeout(header_timeout);
                let connection = builder.serve_connection(hyper_util::rt::TokioIo::new(stream), service);
                let mut connection = std::pin::pin!(connection);
                tokio::select! {
                    _ = connection.as_mut() => {}
                    _ = stopping.changed() => {
                        connection.as_mut().graceful_shutdown();
                        let _ = connection.await;
                    }
                }
            });
        }
        drop(self.listener);
        drop(stopping);
        drop(stop);
        // Every connection's permit back: the requests in flight are answered.
        let _ = connections.acquire_many(max_connections).await;
        let state = self.state;
        tokio::task::spawn_blocking(move || state.close())
            .await
            .map_err(|e| Error::Internal(e.to_string()))?
    }
}

/// Errors of one connection that does not stop the server.
fn is_connection_error(e: &std::io::Error) -> bool {
    matches!(
        e.kind(),
        std::io::ErrorKind::ConnectionRefused
            | std::io::ErrorKind::ConnectionAborted
            | std::io::ErrorKind::ConnectionReset
    )
}

/// The whole application: API, interface and the layers that bound and secure them.
pub fn router(state: Arc<AppState>) -> axum::Router {
    let routes = api::routes()
        .merge(ui::routes())
        .fallback(api::not_found)
        .with_state(state.clone());
    limits::wrap(routes, state)
}
