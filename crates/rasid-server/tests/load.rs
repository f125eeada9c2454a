//! A short, bounded load test on loopback: mixed searches and article reads at
//! 1, 8 and 64 clients, then a soak with concurrent ingest: no errors, no lost
//! articles, memory flat. The full run on the corpus index is
//! `cargo run --release -p rasid-server --example load` (see BENCHMARKS.md).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod common;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Bytes;
use axum::http::Method;
use common::{TestServer, ARTICLES};
use rasid_server::client::{load, mixed_reads, query, resident_bytes, LoadPlan, LoadReport, LoadRequest};
use serde_json::json;

const QUERIES: &[&str] = &[
    "استانا",
    "روسيا",
    "\"محادثات سلام\"",
    "سوريا OR تركيا",
    "النفط",
    "دى ميستورا",
    "الاهلى",
];

fn plan(clients: usize, millis: u64, max_requests: usize) -> LoadPlan {
    LoadPlan {
        clients,
        duration: Duration::from_millis(millis),
        max_requests,
    }
}

fn assert_no_errors(report: &LoadReport) {
    for (label, timings) in &report.labels {
        assert_eq!(timings.errors, 0, "{label}: {:?}", timings.first_error);
    }
}

async fn article_ids(server: &TestServer) -> Vec<String> {
    let reply = server.client.get("/api/search?from=1900&size=50").await.unwrap();
    let found = reply.json().unwrap();
    found["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["id"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mixed_reads_at_1_8_and_64_clients() {
    let server = TestServer::start(|_| {}).await;
    let ids = article_ids(&server).await;
    assert!(ids.len() >= 5);
    let queries: Vec<String> = QUERIES.iter().map(|q| (*q).to_owned()).collect();
    for clients in [1, 8, 64] {
        let report = load(
            &server.client,
            &plan(clients, 1_000, 3_000),
            mixed_reads(queries.clone(), ids.clone()),
        )
        .await;
        assert_no_errors(&report);
        assert!(report.requests() >= clients, "{clients} clients: {report:?}");
        for (label, t) in &report.labels {
            eprintln!(
                "{clients:>2} clients {label:>7}: {:>5} requests {:>7.1}/s p50 {:>6.2} ms p99 {:>6.2} ms",
                t.requests, t.per_second, t.p50_ms, t.p99_ms
            );
        }
    }
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn soak_with_concurrent_ingest() {
    let server = TestServer::start(|_| {}).await;
    let ids = article_ids(&server).await;
    let queries: Vec<String> = QUERIES.iter().map(|q| (*q).to_owned()).collect();
    // Every ingest posts two new articles and one already posted.
    let posted = Arc::new(Mutex::new(Vec::new()));
    let ingest = {
        let posted = posted.clone();
        move |n: usize| {
            posted.lock().unwrap().extend([2 * n, 2 * n + 1]);
            let article = |k: usize| {
                json!({"title": format!("خبر عاجل رقم {k}"), "body": format!("نص الخبر رقم {k} عن محادثات استانا"),
                       "source": "soak", "published": "2018-02-01T10:00:00"})
            };
            let body = format!("{}\n{}\n{}\n", article(2 * n), article(2 * n + 1), article(0));
            LoadRequest {
                label: "ingest",
                method: Method::POST,
                path: "/api/articles".into(),
                headers: vec![("content-type", "application/x-ndjson".into())],
                body: Bytes::from(body),
            }
        }
    };
    let ingest = Arc::new(ingest);
    let mut rss = Vec::new();
    let (read_plan, write_plan) = (plan(8, 1_500, 20_000), plan(2, 1_500, 200));
    for round in 0..3 {
        let reads = load(&server.client, &read_plan, mixed_reads(queries.clone(), ids.clone()));
        let writer = {
            let ingest = ingest.clone();
            let offset = round * 1_000;
            load(&server.client, &write_plan, move |n| ingest(offset + n))
        };
        let (reads, writes) = tokio::join!(reads, writer);
        assert_no_errors(&reads);
        assert_no_errors(&writes);
        eprintln!(
            "round {round}: {} reads, {} ingests, rss {:?} MB",
            reads.requests(),
            writes.requests(),
            resident_bytes().map(|b| b / 1_000_000)
        );
        rss.push(resident_bytes());
    }
    // No lost articles: every one posted is there, once.
    let posted = posted.lock().unwrap().clone();
    let reply = server.client.get("/api/search?source=soak&size=1").await.unwrap();
    assert_eq!(reply.json().unwrap()["total"].as_u64().unwrap() as usize, posted.len());
    let health = server.client.get("/api/health").await.unwrap().json().unwrap();
    assert_eq!(health["documents"].as_u64().unwrap(), ARTICLES + posted.len() as u64);
    for k in posted.iter().step_by(7) {
        let q = format!("/api/search?q={}&source=soak", query(&format!("\"رقم {k}\"")));
        let hit = server.client.get(&q).await.unwrap().json().unwrap();
        assert_eq!(hit["total"], 1, "article {k} is searchable, once: {hit}");
    }
    // Memory flat: the last round holds no more than the first, give or take.
    if let (Some(Some(first)), Some(Some(last))) = (rss.first(), rss.last()) {
        let grown = last.saturating_sub(*first) / 1_000_000;
        assert!(grown < 64, "resident memory grew {grown} MB over the soak: {rss:?}");
    }
    server.stop().await;
}
