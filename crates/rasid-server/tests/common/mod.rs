//! A server on a loopback port over a temporary index of the shipped example and
//! the fixture articles, for the API and load tests.
#![allow(
    dead_code,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::net::SocketAddr;
use std::path::Path;

use rasid_search::{Index, WriterOptions};
use rasid_ingest::ReadOptions;
use rasid_server::client::Client;
use rasid_server::{Config, Server};
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

/// The shipped example: the canonical article.
pub const ASTANA: &str = include_str!("../../../../examples/astana-2017-12-21.txt");
/// Seven more articles, three sources, three months; one a copy of another.
pub const FIXTURES: &str = include_str!("../fixtures/articles.jsonl");
/// Articles in the test index.
pub const ARTICLES: u64 = 8;

/// Writes the test index into `dir`.
pub fn build_index(dir: &Path) {
    let index = Index::create_or_open(dir).unwrap();
    let mut writer = index.writer(WriterOptions::small(), "test").unwrap();
    let options = ReadOptions::default();
    let mut articles: Vec<_> = rasid_ingest::read_bytes("astana-2017-12-21.txt", ASTANA.as_bytes(), &options)
        .collect::<Result<_, _>>()
        .unwrap();
    articles.extend(rasid_ingest::read_bytes("articles.jsonl", FIXTURES.as_bytes(), &options).map(|a| a.unwrap()));
    assert_eq!(articles.len() as u64, ARTICLES);
    writer.add_batch(articles).unwrap();
    writer.finish().unwrap();
    // Stories, as `rasid stories` builds them.
    let mut store = rasid_stories::Store::open(&rasid_stories::store_path(dir)).unwrap();
    rasid_stories::update(&index, &mut store, &mut |_, _| {}).unwrap();
}

/// A running server; stops when dropped.
pub struct TestServer {
    pub addr: SocketAddr,
    pub client: Client,
    stop: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<rasid_server::Result<()>>>,
    _dir: Option<tempfile::TempDir>,
}

impl TestServer {
    /// A server over a new test index, with `configure` applied to its settings.
    pub async fn start(configure: impl FnOnce(&mut Config)) -> TestServer {
        let dir = tempfile::tempdir().unwrap();
        build_index(dir.path());
        let mut server = Self::start_on(dir.path(), configure).await;
        server._dir = Some(dir);
        server
    }

    /// A server over the index in `dir`.
    pub async fn start_on(dir: &Path, configure: impl FnOnce(&mut Config)) -> TestServer {
        let mut config = Config::new(dir);
        configure(&mut config);
        let server = Server::bind(config, "127.0.0.1:0".parse().unwrap()).await.unwrap();
        let addr = server.local_addr();
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(server.run(async {
            let _ = stopped.await;
        }));
        TestServer {
            addr,
            client: Client::new(addr),
            stop: Some(stop),
            task: Some(task),
            _dir: None,
        }
    }

    /// Stops the server and waits for it (the writer commits and closes).
    pub async fn stop(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            task.await.unwrap().unwrap();
        }
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

/// A JSON body as bytes.
pub fn json_bytes(value: &serde_json::Value) -> axum::body::Bytes {
    axum::body::Bytes::from(value.to_string())
}
