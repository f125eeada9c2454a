//! What every request shares: the index, the analysers, the writer, the limits.

use std::sync::Arc;
use std::time::Instant;

use axum::http::HeaderMap;
use rasid_core::Analysis;
use rasid_core::{AnalyzedArticle, Article};
use rasid_entities::Ner;
use rasid_search::{Extraction, Extractor, Index};
use rasid_times::Extractions;
use tokio::sync::Semaphore;

use crate::error::{Error, Result};
use crate::ingest::Ingester;
use crate::{Config, Limits};

/// The state shared by all requests.
#[derive(Debug)]
pub struct AppState {
    index: Index,
    ner: Ner,
    ingester: Option<Ingester>,
    config: Config,
    /// Bounds the blocking work (searches, reads, analyses) running at once.
    workers: Arc<Semaphore>,
    /// Bounds the requests in flight.
    pub(crate) in_flight: Arc<Semaphore>,
    started: Instant,
}

impl AppState {
    /// Opens the index (creating it when the server may write) and loads the
    /// entity tagger.
    ///
    /// # Errors
    /// [`Error::Index`] when the index cannot be opened or created.
    pub fn open(config: Config) -> Result<AppState> {
        let index = if config.read_only {
            Index::open(&config.index)?
        } else {
            Index::create_or_open(&config.index)?
        };
        let ner = Ner::new();
        ner.warm_up();
        let ingester = (!config.read_only).then(|| {
            let extractor = ner.clone();
            let extractor: Arc<dyn Extractor> =
                Arc::new(move |article: &Article, analysis: &Analysis| extract(&extractor, article, analysis));
            Ingester::start(index.clone(), extractor)
        });
        Ok(AppState {
            index,
            ner,
            ingester,
            workers: Arc::new(Semaphore::new(config.limits.max_workers.max(1))),
            in_flight: Arc::new(Semaphore::new(config.limits.max_in_flight.max(1))),
            config,
            started: Instant::now(),
        })
    }

    /// The index.
    pub fn index(&self) -> &Index {
        &self.index
    }

    /// The request bounds.
    pub fn limits(&self) -> &Limits {
        &self.config.limits
    }

    /// The settings.
    pub fn config(&self) -> &Config {
        &self.config
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

    /// Everything rasid finds in an article: the analysis, entities, times and
    /// numbers (as `rasid analyze` prints it). Tokens are kept only when asked.
    pub fn analyze(&self, article: Article, tokens: bool) -> AnalyzedArticle {
        let analysis = self.index.analyzer().analyze(&article);
        let found = extract(&self.ner, &article, &analysis);
        analyzed(article, analysis, found, tokens)
    }

    /// [`AppState::analyze`] for an article whose extraction is known (stored
    /// in the index when it was ingested): only the text is analysed again.
    pub fn analyze_with(&self, article: Article, found: Extraction) -> AnalyzedArticle {
        let analysis = self.index.analyzer().analyze(&article);
        analyzed(article, analysis, found, false)
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
        Ok(ingester)
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

/// Entities, times and numbers: what `rasid analyze` and `rasid index` find
/// beside the analysis.
fn extract(ner: &Ner, article: &Article, analysis: &Analysis) -> Extraction {
    let Extractions { times, numbers } = rasid_times::extract_article(article, analysis);
    Extraction {
        entities: ner.extract(article, analysis),
        times,
        numbers,
    }
}

fn analyzed(article: Article, mut analysis: Analysis, found: Extraction, tokens: bool) -> AnalyzedArticle {
    if !tokens {
        analysis.title.tokens.clear();
        analysis.body.tokens.clear();
    }
    AnalyzedArticle {
        article,
        analysis,
        entities: found.entities,
        times: found.times,
        numbers: found.numbers,
        summary: None,
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
