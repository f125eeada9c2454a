//! `/api/events`, `/api/events/dyads` and the event filters and facets of
//! `/api/search`, over the test index plus two syndicated copies of a report
//! with hand-made events (the helper the CLI's tests use), so that they hold
//! whatever the event coder finds.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod common;
#[path = "../../rasid-cli/tests/common/mod.rs"]
mod events_fixture;

use common::TestServer;
use rasid_server::client::query;
use serde_json::Value;

async fn get_json(server: &TestServer, path: &str) -> (u16, Value) {
    let reply = server.client.get(path).await.unwrap();
    (reply.status, reply.json().unwrap())
}

async fn server() -> (TestServer, tempfile::TempDir, Vec<String>) {
    let dir = tempfile::tempdir().unwrap();
    common::build_index(dir.path());
    let ids = events_fixture::add_event_articles(dir.path());
    {
        let index = rasid::search::Index::open(dir.path()).unwrap();
        let mut store = rasid::stories::Store::open(&rasid::stories::store_path(dir.path())).unwrap();
        rasid::stories::update(&index, &mut store, &mut |_, _| {}).unwrap();
    }
    let server = TestServer::start_on(dir.path(), |_| {}).await;
    (server, dir, ids)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn events_are_deduplicated_filtered_and_paged() {
    let (server, _dir, ids) = server().await;
    let idlib = query("ادلب");
    let (status, found) = get_json(
        &server,
        &format!("/api/events?q={idlib}&event=19&actor=SYRMIL&target=SYRREB"),
    )
    .await;
    assert_eq!(status, 200, "{found}");
    assert_eq!(found["total"], 1, "{found}");
    let event = &found["events"][0];
    assert_eq!(
        (event["num_mentions"].as_u64(), event["num_articles"].as_u64()),
        (Some(2), Some(2))
    );
    assert_eq!(event["quad_class"], 4);
    assert_eq!(event["day"], "2017-12-20");
    let articles: Vec<&str> = event["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["article"].as_str().unwrap())
        .collect();
    assert_eq!(articles.len(), 2);
    assert!(ids.iter().all(|id| articles.contains(&id.as_str())));
    assert_eq!(found["truncated"], false);

    // Country codes and roots; paging.
    let (_, all) = get_json(&server, "/api/events?actor=SYR&size=1").await;
    assert!(all["total"].as_u64().unwrap() >= 2, "{all}");
    assert_eq!(all["events"].as_array().unwrap().len(), 1);
    let (_, second) = get_json(&server, "/api/events?actor=SYR&size=1&page=2").await;
    assert_ne!(all["events"][0]["id"], second["events"][0]["id"]);
    assert_eq!(second["page"], 2);

    // Bounded like every route.
    for bad in ["size=0", "size=101", "page=0", "q=%22open&strict=true"] {
        let (status, body) = get_json(&server, &format!("/api/events?{bad}")).await;
        assert_eq!(status, 400, "{bad}: {body}");
    }
    let (status, _) = get_json(&server, "/api/events?story=987654").await;
    assert_eq!(status, 404);

    // The story of the report holds its events, in date order.
    let (_, stories) = get_json(&server, "/api/stories?limit=200").await;
    let mut with_events = Vec::new();
    for story in stories["stories"].as_array().unwrap() {
        let (_, events) = get_json(&server, &format!("/api/events?story={}&event=195", story["id"])).await;
        if events["total"].as_u64().unwrap() > 0 {
            with_events.push(story["id"].clone());
        }
    }
    assert_eq!(with_events.len(), 1, "one story tells the shelling");
    let (_, timeline) = get_json(&server, &format!("/api/events?story={}&size=100", with_events[0])).await;
    let days: Vec<&str> = timeline["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["day"].as_str())
        .collect();
    let mut sorted = days.clone();
    sorted.sort_unstable();
    assert_eq!(days, sorted);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dyads_count_events_by_class_and_month() {
    let (server, _dir, _) = server().await;
    let (status, dyads) = get_json(&server, &format!("/api/events/dyads?q={}", query("ادلب"))).await;
    assert_eq!(status, 200, "{dyads}");
    let cell = dyads["cells"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["source"] == "SYRMIL" && c["target"] == "SYRREB")
        .unwrap_or_else(|| panic!("{dyads}"));
    assert_eq!(
        (
            cell["quad_class"].as_u64(),
            cell["count"].as_u64(),
            cell["mentions"].as_u64()
        ),
        (Some(4), Some(1), Some(2))
    );
    assert!(dyads["sources"].as_array().unwrap().iter().any(|s| s == "SYRMIL"));
    assert!(dyads["months"]
        .as_array()
        .unwrap()
        .iter()
        .any(|m| m["month"] == "2017-12" && m["source"] == "SYRMIL"));
    // The statement has no target: it is not a dyad.
    assert!(dyads["cells"]
        .as_array()
        .unwrap()
        .iter()
        .all(|c| c["quad_class"] != 1 || c["source"] != "SYRMIL"));
    // A query is read leniently; with `strict` a malformed one is refused.
    let (status, _) = get_json(&server, &format!("/api/events/dyads?q={}", query("\"open"))).await;
    assert_eq!(status, 200);
    let (status, _) = get_json(&server, &format!("/api/events/dyads?q={}&strict=true", query("\"open"))).await;
    assert_eq!(status, 400);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn search_filters_and_facets_by_events() {
    let (server, _dir, ids) = server().await;
    // With the event code: the coder finds Syrian actors in other articles of the test index.
    let (_, found) = get_json(
        &server,
        "/api/search?event=195&actor=SYRMIL&target=SYRREB&all_copies=true",
    )
    .await;
    let hits: Vec<&str> = found["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["id"].as_str().unwrap())
        .collect();
    assert_eq!(hits.len(), 2, "{found}");
    assert!(ids.iter().all(|id| hits.contains(&id.as_str())));
    let facets = &found["facets"];
    let value = |key: &str, value: &str| {
        facets[key]
            .as_array()
            .unwrap()
            .iter()
            .find(|v| v["value"] == value)
            .map(|v| v["count"].as_u64().unwrap())
    };
    assert_eq!(value("event_roots", "19"), Some(2));
    assert_eq!(value("actors", "SYRMIL"), Some(2));
    assert_eq!(value("targets", "SYRREB"), Some(2));
    let (_, none) = get_json(&server, "/api/search?actor=SYRREB").await;
    assert_eq!(none["total"], 0, "the actor is the source");
    let (_, by_query) = get_json(
        &server,
        &format!("/api/search?q={}&all_copies=true", query("dyad:SYRMIL>SYRREB")),
    )
    .await;
    assert_eq!(by_query["total"], 2);

    // In the OpenAPI document.
    let (_, doc) = get_json(&server, "/api/openapi.json").await;
    for path in ["/api/events", "/api/events/dyads"] {
        assert!(doc["paths"][path]["get"].is_object(), "{path}");
    }
    let params: Vec<&str> = doc["paths"]["/api/events"]["get"]["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    for name in ["q", "event", "actor", "target", "story", "page", "size"] {
        assert!(params.contains(&name), "{name} in {params:?}");
    }
}
