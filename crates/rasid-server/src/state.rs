//! What every request shares: the index, the analysers, the writer, the limits.

use std::net::SocketAddr;
use std::sync::{Arc, OnceLock};
use std::time::Instant;

use axum::http::HeaderMap;
use rasid::core::{AnalyzedArticle, Article};
use rasid::pipeline::{Pipeline, Resources};
use rasid::search::Index;
use rasid::Engine;
use tokio::sync::Semaphore;

use crate::error::{Error, Result};
use crate::ingest::Ingester;
use crate::{Config, Limits};

/// The state shared by all requests.
#[derive(Debug)]
pub struct AppState {
    engine: Engine,
    ingester: Option<Ingester>,
    /// The saved searches beside the index.
    saved: crate::saved::SavedStore,
    config: Config,
    /// Bounds the blocking work (searches, reads, analyses) running at once.
    workers: Arc<Semaphore>,
    /// Bounds the requests in flight.
    pub(crate) in_flight: Arc<Semaphore>,
    /// Bounds the analyses (`/api/analyze`) running at once.
    analyses: Arc<Semaphore>,
    /// The address the server listens on, once bound.
    local_addr: OnceLock<SocketAddr>,
    started: Instant,
}

impl AppState {
    /// Opens the index (creating it when the server may write) with the default
    /// pipeline, and parses its resources.
    ///
    /// # Errors
    /// [`Error::Index`] when the index cannot be opened or created,
    /// [`Error::Config`] when the resources directory cannot be loaded.
    pub fn open(config: Config) -> Result<AppState> {
        let mut builder = Pipeline::builder().ner_mode(config.ner);
        if let Some(dir) = &config.resources {
            builder = builder.resources(Resources::from_dir(dir).map_err(|e| Error::Config(e.to_string()))?);
        }
        let pipeline = builder.build();
        let engine = if config.read_only {
            Engine::open_read_only(&config.index, pipeline)?
        } else {
            Engine::create_or_open(&config.index, pipeline)?
        };
        engine.pipeline().warm_up();
        let ingester = (!config.read_only).then(|| Ingester::start(engine.index().clone()));
        let saved = crate::saved::SavedStore::new(&config.index);
        Ok(AppState {
            engine,
            saved,
            ingester,
            workers: Arc::new(Semaphore::new(config.limits.max_workers.max(1))),
            in_flight: Arc::new(Semaphore::new(config.limits.max_in_flight.max(1))),
            analyses: Arc::new(Semaphore::new(config.limits.max_analyses.max(1))),
            local_addr: OnceLock::new(),
            config,
            started: Instant::now(),
        })
    }

    /// The index.
    pub fn index(&self) -> &Index {
        self.engine.index()
    }

    /// The pipeline, index and stories store together.
    pub fn engine(&self) -> &Engine {
        &self.engine
    }

    /// The saved searches.
    pub fn saved(&self) -> &crate::saved::SavedStore {
        &self.saved
    }

    /// The request bounds.
    pub fn limits(&self) -> &Limits {
        &self.config.limits
    }

    /// The settings.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The address the server listens on (`None` before [`crate::Server::bind`]):
    /// the `Host` names it answers to follow from it.
    pub fn local_addr(&self) -> Option<SocketAddr> {
        self.local_addr.get().copied()
    }

    pub(crate) fn set_local_addr(&self, addr: SocketAddr) {
        let _ = self.local_addr.set(addr);
    }

    /// A place among the analyses allowed to run at once
    /// ([`Limits::max_analyses`]), held until dropped.
    ///
    /// # Errors
    /// [`Error::AnalysesBusy`] at once when every place is taken: analyses do not
    /// queue, so waiting requests hold neither memory nor CPU.
    pub fn analysis_permit(&self) -> Result<tokio::sync::OwnedSemaphorePermit> {
        self.analyses
            .clone()
            .try_acquire_owned()
            .map_err(|_| Error::AnalysesBusy(self.config.limits.max_analyses.max(1)))
    }

    /// Seconds since the server started.
    pub fn uptime_seconds(&self) -> u64 {
        self.started.elapsed().as_secs()
    }

    /// Runs blocking work (a search, an analysis) on the worker threads, at most
    /// [`Limits::max_workers`] at once; the rest wait their turn.
    ///
    /// # Errors
    /// What `work` returns, or [`Error::Internal`] when the worker panicked.
    pub async fn blocking<T, F>(self: &Arc<Self>, work: F) -> Result<T>
    where
        F: FnOnce(&AppState) -> Result<T> + Send + 'static,
        T: Send + 'static,
    {
        let permit = self
            .workers
            .clone()
            .acquire_owned()
            .await
            .map_err(|e| Error::Internal(e.to_string()))?;
        let state = self.clone();
        tokio::task::spawn_blocking(move || {
            // Held until the work is done, even when the request has timed out.
            let _permit = permit;
            work(&state)
        })
        .await
        .map_err(|e| Error::Internal(format!("worker failed: {e}")))?
    }

    /// Everything rasid finds in an article, as `rasid analyze` prints it (the
    /// index's pipeline). Tokens are kept only when asked.
    pub fn analyze(&self, article: Article, tokens: bool) -> AnalyzedArticle {
        let pipeline = self.engine.pipeline();
        if tokens {
            let (analysis, extractions) = pipeline.run(&article);
            AnalyzedArticle::new(article, analysis, extractions)
        } else {
            pipeline.analyze_owned(article)
        }
    }

    /// Checks that a write may go ahead: the server is writable and the request
    /// carries the token when one is set.
    ///
    /// # Errors
    /// [`Error::ReadOnly`] and [`Error::Unauthorized`].
    pub fn authorize_write(&self, headers: &HeaderMap) -> Result<&Ingester> {
        let Some(ingester) = &self.ingester else {
            return Err(Error::ReadOnly);
        };
        self.check_token(headers)?;
        Ok(ingester)
    }

    /// Whether a request may change the saved searches: refused by a
    /// read-only server, and without the token when one is set.
    ///
    /// # Errors
    /// [`Error::Forbidden`] and [`Error::Unauthorized`].
    pub fn authorize_saved(&self, headers: &HeaderMap) -> Result<()> {
        if self.config.read_only {
            return Err(Error::Forbidden(
                "this server is read-only (--read-only): searches cannot be saved, opened or deleted".into(),
            ));
        }
        self.check_token(headers)
    }

    /// `Authorization: Bearer TOKEN` with the server's token, when it has one.
    fn check_token(&self, headers: &HeaderMap) -> Result<()> {
        if let Some(token) = &self.config.token {
            let given = headers
                .get(axum::http::header::AUTHORIZATION)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.strip_prefix("Bearer "))
                .map(str::trim);
            if !given.is_some_and(|given| same_secret(given.as_bytes(), token.as_bytes())) {
                return Err(Error::Unauthorized);
            }
        }
        Ok(())
    }

    /// Stops the writer: what it holds is committed and its run closed.
    ///
    /// # Errors
    /// [`Error::Index`] when the last commit fails.
    pub fn close(&self) -> Result<()> {
        match &self.ingester {
            Some(ingester) => ingester.close(),
            None => Ok(()),
        }
    }
}

/// Compares two secrets in time that depends only on their lengths.
fn same_secret(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_compare() {
        assert!(same_secret(b"abc", b"abc"));
        assert!(!same_secret(b"abc", b"abd"));
        assert!(!same_secret(b"abc", b"abcd"));
    }
}
