//! The API behind the search page's analyst tools (issue 18, item 4): the
//! filter for articles without a date.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod common;

use axum::body::Bytes;
use axum::http::Method;
use common::TestServer;
use rasid_server::client::query;
use serde_json::{json, Value};

async fn get_json(server: &TestServer, path: &str) -> (u16, Value) {
    let reply = server.client.get(path).await.unwrap();
    (reply.status, reply.json().unwrap())
}

/// Indexes `articles` (JSON objects) through the API; their ids.
async fn ingest(server: &TestServer, articles: &[Value]) -> Vec<String> {
    let body: String = articles.iter().map(|a| format!("{a}\n")).collect();
    let ndjson = [("content-type", "application/x-ndjson")];
    let reply = server
        .client
        .send(Method::POST, "/api/articles", &ndjson, Bytes::from(body))
        .await
        .unwrap();
    assert_eq!(reply.status, 200, "{}", reply.text());
    let result = reply.json().unwrap();
    result["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap().to_owned())
        .collect()
}

fn ids(found: &Value) -> Vec<String> {
    let mut ids: Vec<String> = found["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["id"].as_str().unwrap().to_owned())
        .collect();
    ids.sort();
    ids
}

/// `undated=true` selects the articles the timeline counts as undated, and only
/// them, on every route that takes the filters.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn undated_filter_selects_articles_without_a_date() {
    let server = TestServer::start(|_| {}).await;
    // Every article of the test index has a date.
    let (status, none) = get_json(&server, "/api/search?undated=true").await;
    assert_eq!(status, 200, "{none}");
    assert_eq!(none["total"], 0, "{none}");

    let mut undated = ingest(
        &server,
        &[
            json!({"title": "بيان بلا تاريخ عن استانا", "body": "نص بيان عن محادثات استانا لا يذكر متى نشر.", "source": "undated-test"}),
            json!({"title": "خبر اخر بلا تاريخ", "body": "نص خبر عن بغداد.", "source": "undated-test"}),
        ],
    )
    .await;
    undated.sort();
    ingest(
        &server,
        &[json!({"title": "خبر مؤرخ عن استانا", "body": "نص عن استانا.", "source": "undated-test", "published": "2018-02-01T10:00:00"})],
    )
    .await;

    let (status, found) = get_json(&server, "/api/search?undated=true&size=100").await;
    assert_eq!(status, 200, "{found}");
    assert_eq!(ids(&found), undated, "{found}");
    assert!(found["hits"]
        .as_array()
        .unwrap()
        .iter()
        .all(|h| h["published"].is_null()));
    // The facets count the same articles.
    assert_eq!(found["facets"]["sources"][0]["value"], "undated-test", "{found}");
    assert_eq!(found["facets"]["sources"][0]["count"], 2, "{found}");
    assert!(found["facets"]["months"].as_array().unwrap().is_empty(), "{found}");

    // With a query: both hold.
    let (_, astana) = get_json(&server, &format!("/api/search?undated=true&q={}", query("استانا"))).await;
    assert_eq!(astana["total"], 1, "{astana}");
    assert_eq!(astana["hits"][0]["title"], "بيان بلا تاريخ عن استانا");
    let (_, everywhere) = get_json(&server, &format!("/api/search?q={}", query("استانا"))).await;
    assert!(everywhere["total"].as_u64() > astana["total"].as_u64());

    // `false` is no filter at all.
    let (_, off) = get_json(&server, "/api/search?undated=false&source=undated-test").await;
    assert_eq!(off["total"], 3, "{off}");

    // The timeline, the map and the names count the undated articles alone.
    let (status, timeline) = get_json(&server, "/api/timeline?undated=true").await;
    assert_eq!(status, 200, "{timeline}");
    assert_eq!(
        (timeline["total"].as_u64(), timeline["undated"].as_u64()),
        (Some(2), Some(2)),
        "{timeline}"
    );
    assert!(timeline["buckets"].as_array().unwrap().is_empty(), "{timeline}");
    let (status, places) = get_json(&server, "/api/places?undated=true").await;
    assert_eq!(status, 200, "{places}");
    assert_eq!(places["articles"], 2, "{places}");

    // A date range and "undated" select nothing together.
    let (status, both) = get_json(&server, "/api/search?undated=true&from=2000").await;
    assert_eq!(status, 200, "{both}");
    assert_eq!(both["total"], 0, "{both}");

    // Not a boolean: refused, saying so.
    let (status, bad) = get_json(&server, "/api/search?undated=maybe").await;
    assert_eq!(status, 400, "{bad}");
}

/// Autocomplete finds a name by any of its words: the surname typed finds the
/// whole name, bounded by `limit`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn entity_prefix_matches_any_word_of_a_name() {
    let server = TestServer::start(|_| {}).await;
    let (status, typed) = get_json(&server, &format!("/api/entities?type=PER&prefix={}", query("لافرو"))).await;
    assert_eq!(status, 200, "{typed}");
    let names: Vec<&str> = typed["entities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["name"].as_str().unwrap())
        .collect();
    assert!(
        names.iter().any(|n| !n.starts_with("لافرو") && n.contains(" لافرو")),
        "the first name is not typed: {names:?}"
    );
    assert!(
        names.iter().all(|n| n.split(' ').any(|w| w.starts_with("لافرو"))),
        "{names:?}"
    );
    // Inside a word is no match.
    let (_, inside) = get_json(&server, &format!("/api/entities?type=PER&prefix={}", query("فروف"))).await;
    assert!(inside["entities"].as_array().unwrap().is_empty(), "{inside}");
    let (_, one) = get_json(&server, &format!("/api/entities?limit=1&prefix={}", query("ا"))).await;
    assert!(one["entities"].as_array().unwrap().len() <= 3, "one per type: {one}");
}
