//! What the interface promised and the API did not do (issue 18, item 3): a
//! story's articles searched with its map and timeline, the article summary.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod common;

use common::TestServer;
use rasid_server::client::query;
use serde_json::Value;

const ASTANA_ID: &str = "c643f56e2e245afb";

async fn get_json(server: &TestServer, path: &str) -> (u16, Value) {
    let reply = server.client.get(path).await.unwrap();
    (reply.status, reply.json().unwrap())
}

/// The biggest story: its id and its articles' ids.
async fn biggest_story(server: &TestServer) -> (i64, Vec<String>) {
    let (_, list) = get_json(server, "/api/stories?limit=1").await;
    let id = list["stories"][0]["id"].as_i64().unwrap();
    let (_, within) = get_json(server, &format!("/api/search?story={id}&all_copies=true&size=100")).await;
    let ids = within["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["id"].as_str().unwrap().to_owned())
        .collect();
    (id, ids)
}

/// "Search this story's articles" asks the timeline and the map for the story too.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn regression_story_filter_on_places_timeline_and_entities() {
    let server = TestServer::start(|_| {}).await;
    let (story, members) = biggest_story(&server).await;
    assert!(members.len() >= 2 && (members.len() as u64) < common::ARTICLES);

    let (status, places) = get_json(&server, &format!("/api/places?story={story}")).await;
    assert_eq!(status, 200, "{places}");
    assert_eq!(places["articles"].as_u64().unwrap() as usize, members.len(), "{places}");

    let (status, timeline) = get_json(&server, &format!("/api/timeline?story={story}&interval=month")).await;
    assert_eq!(status, 200, "{timeline}");
    let (_, everything) = get_json(&server, "/api/timeline?interval=month").await;
    assert_eq!(
        timeline["total"].as_u64().unwrap() as usize,
        members.len(),
        "{timeline}"
    );
    assert!(timeline["total"].as_u64() < everything["total"].as_u64());

    let (status, entities) = get_json(&server, &format!("/api/entities?story={story}")).await;
    assert_eq!(status, 200, "{entities}");
    let (_, all_entities) = get_json(&server, "/api/entities").await;
    let count = |v: &Value| {
        v["entities"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["articles"].as_u64().unwrap())
            .max()
    };
    assert!(count(&entities) <= Some(members.len() as u64), "{entities}");
    assert!(count(&entities) <= count(&all_entities));

    // An unknown story is a 404 on every route, not a silent "everything".
    for route in ["search", "places", "timeline", "entities"] {
        let (status, body) = get_json(&server, &format!("/api/{route}?story=999999")).await;
        assert_eq!(status, 404, "{route}: {body}");
    }
    server.stop().await;
}

/// The README promises each article's summary; the index does not store it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn regression_article_summary_is_sent() {
    let server = TestServer::start(|_| {}).await;
    let (status, article) = get_json(&server, &format!("/api/articles/{ASTANA_ID}")).await;
    assert_eq!(status, 200);
    let summary = article["extractions"]["summary"].as_array().expect("a summary");
    assert!(!summary.is_empty(), "{}", article["extractions"]["summary"]);
    let body = article["article"]["body"].as_str().unwrap();
    for sentence in summary {
        let text = sentence["text"].as_str().unwrap();
        assert!(body.contains(text.trim()), "{text:?} is a sentence of the body");
    }
    server.stop().await;
}

/// The pager's total is what the pages hold: the copies folded under a result
/// are not counted again, so the last page promised has results.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn regression_pager_total_leaves_out_folded_copies() {
    let server = TestServer::start(|_| {}).await;
    let path = |page: usize| format!("/api/search?q={}&size=1&page={page}", query("ميستورا"));
    let (_, first) = get_json(&server, &path(1)).await;
    let total = first["total"].as_u64().unwrap() as usize;
    assert!(first["matches"].as_u64().unwrap() as usize > total, "{first}");
    for page in 1..=total {
        let (status, answer) = get_json(&server, &path(page)).await;
        assert_eq!(status, 200);
        assert_eq!(
            answer["hits"].as_array().unwrap().len(),
            1,
            "page {page} of {total} is empty"
        );
    }
    let (_, past) = get_json(&server, &path(total + 1)).await;
    assert!(past["hits"].as_array().unwrap().is_empty());
    server.stop().await;
}
