//! The API over a real socket on loopback: every route, the error bodies, the
//! limits, the write token, read-only mode, the security headers and the
//! OpenAPI document.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod common;

use std::collections::BTreeSet;
use std::time::Duration;

use axum::body::Bytes;
use axum::http::Method;
use common::{json_bytes, TestServer, ARTICLES};
use rasid_server::client::{query, Reply};
use serde_json::{json, Value};

const ASTANA_ID: &str = "c643f56e2e245afb";

async fn get_json(server: &TestServer, path: &str) -> (u16, Value) {
    let reply = server.client.get(path).await.unwrap();
    (reply.status, reply.json().unwrap())
}

fn assert_error(reply: &Reply, status: u16, needle: &str) {
    assert_eq!(reply.status, status, "{}", reply.text());
    assert!(
        reply
            .header("content-type")
            .unwrap_or("")
            .starts_with("application/json"),
        "errors are JSON: {:?}",
        reply.headers
    );
    let body = reply.json().unwrap();
    assert_eq!(body["status"], status, "{body}");
    let message = body["message"].as_str().unwrap();
    assert!(message.contains(needle), "{message:?} should say {needle:?}");
}

async fn post(server: &TestServer, path: &str, headers: &[(&str, &str)], body: impl Into<Bytes>) -> Reply {
    server
        .client
        .send(Method::POST, path, headers, body.into())
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn health_and_search() {
    let server = TestServer::start(|_| {}).await;
    let (status, health) = get_json(&server, "/api/health").await;
    assert_eq!(status, 200);
    assert_eq!(health["status"], "ok");
    assert_eq!(health["documents"], ARTICLES);
    assert_eq!(health["read_only"], false);
    assert_eq!(health["ner"], "fast");

    let (status, found) = get_json(&server, &format!("/api/search?q={}", query("استانا"))).await;
    assert_eq!(status, 200, "{found}");
    let total = found["total"].as_u64().unwrap();
    assert!(total >= 4, "{found}");
    // Every spelling finds the same articles.
    for spelling in ["آستانا", "أستانا", "وأستانا"] {
        let (_, other) = get_json(&server, &format!("/api/search?q={}", query(spelling))).await;
        assert_eq!(other["total"], total, "{spelling}");
    }
    // Highlights are byte ranges into the fragment, on the matched words.
    let hit = &found["hits"][0];
    let title = &hit["title_highlight"];
    let text = title["text"].as_str().unwrap();
    let ranges = title["highlights"].as_array().unwrap();
    assert!(!ranges.is_empty(), "{hit}");
    for range in ranges {
        let (start, end) = (
            range["start"].as_u64().unwrap() as usize,
            range["end"].as_u64().unwrap() as usize,
        );
        assert!(text[start..end].contains("استانا"), "{:?}", &text[start..end]);
    }
    // Facets count over every match.
    let sources: Vec<&str> = found["facets"]["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["value"].as_str().unwrap())
        .collect();
    assert!(sources.contains(&"alwatan"), "{sources:?}");
    let months = found["facets"]["months"].as_array().unwrap();
    assert!(months.len() >= 2, "{months:?}");

    // A facet filter keeps only its articles; month filters by publication.
    let (_, filtered) = get_json(&server, &format!("/api/search?q={}&source=alwatan", query("استانا"))).await;
    assert_eq!(filtered["total"], 2, "{filtered}");
    assert!(filtered["hits"]
        .as_array()
        .unwrap()
        .iter()
        .all(|h| h["source"] == "alwatan"));
    let (_, december) = get_json(&server, &format!("/api/search?q={}&month=2017-12", query("استانا"))).await;
    assert!(december["hits"]
        .as_array()
        .unwrap()
        .iter()
        .all(|h| h["published"].as_str().unwrap().starts_with("2017-12")));
    let (_, only_source) = get_json(&server, "/api/search?category=sports").await;
    assert_eq!(only_source["total"], 1, "a filter alone is a search");

    // Sort by date, newest first; pages.
    let (_, newest) = get_json(
        &server,
        &format!("/api/search?q={}&sort=newest&size=2", query("استانا")),
    )
    .await;
    let dates: Vec<&str> = newest["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["published"].as_str().unwrap())
        .collect();
    assert_eq!(dates.len(), 2);
    assert!(dates[0] >= dates[1], "{dates:?}");
    let (_, page2) = get_json(
        &server,
        &format!("/api/search?q={}&sort=newest&size=2&page=2", query("استانا")),
    )
    .await;
    assert_eq!(page2["page"], 2);
    assert_ne!(page2["hits"][0]["id"], newest["hits"][0]["id"]);

    // More like this.
    let (status, like) = get_json(&server, &format!("/api/search?like={ASTANA_ID}")).await;
    assert_eq!(status, 200, "{like}");
    assert!(like["hits"].as_array().unwrap().iter().all(|h| h["id"] != ASTANA_ID));
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_requests_get_json_errors() {
    let server = TestServer::start(|_| {}).await;
    let c = &server.client;
    // The query's own positions, not those of the filters added to it.
    let reply = c
        .get(&format!(
            "/api/search?q={}&source=alwatan&strict=true",
            query("\"محادثات")
        ))
        .await
        .unwrap();
    assert_error(&reply, 400, "unclosed quote at character 0");
    // Not strict, a pasted headline's dash and a phrase being typed are text.
    for q in ["\"محادثات", "محادثات - استانا", "محادثات AND"] {
        let reply = c.get(&format!("/api/search?q={}", query(q))).await.unwrap();
        assert_eq!(reply.status, 200, "{q}: {}", reply.text());
    }
    assert_error(
        &c.get("/api/search?q=x&size=1000").await.unwrap(),
        400,
        "size must be between 1 and 100",
    );
    assert_error(
        &c.get("/api/search?q=x&page=0").await.unwrap(),
        400,
        "page must be at least 1",
    );
    assert_error(
        &c.get("/api/search?q=x&page=5000&size=100").await.unwrap(),
        400,
        "page × size",
    );
    assert_error(&c.get("/api/search?q=x&size=ten").await.unwrap(), 400, "size");
    assert_error(&c.get("/api/search?q=x&sort=sideways").await.unwrap(), 400, "sort");
    let long = "س ".repeat(600);
    assert_error(
        &c.get(&format!("/api/search?q={}", query(&long))).await.unwrap(),
        400,
        "the limit is 1000",
    );
    assert_error(&c.get("/api/search").await.unwrap(), 400, "nothing to search for");
    assert_error(
        &c.get("/api/search?q=x&from=2018&to=2017").await.unwrap(),
        400,
        "empty date range",
    );
    assert_error(
        &c.get("/api/search?like=ffffffffffffffff").await.unwrap(),
        404,
        "no article with id",
    );
    assert_error(
        &c.get("/api/articles/ffffffffffffffff").await.unwrap(),
        404,
        "no article with id",
    );
    assert_error(
        &c.get("/api/articles/..%2F..%2Fetc").await.unwrap(),
        400,
        "not an article id",
    );
    assert_error(&c.get("/api/nothing-here").await.unwrap(), 404, "/api/nothing-here");
    assert_error(&c.get("/ui/../Cargo.toml").await.unwrap(), 404, "");
    assert_error(
        &c.get("/api/timeline?interval=fortnight").await.unwrap(),
        400,
        "interval",
    );
    let reply = c.send(Method::DELETE, "/api/search", &[], Bytes::new()).await.unwrap();
    assert_error(&reply, 405, "Method Not Allowed");
    assert_eq!(reply.header("allow"), Some("GET,HEAD"));
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn article_with_its_analysis() {
    let server = TestServer::start(|_| {}).await;
    let (status, analysed) = get_json(&server, &format!("/api/articles/{ASTANA_ID}")).await;
    assert_eq!(status, 200, "{analysed}");
    assert_eq!(analysed["article"]["id"], ASTANA_ID);
    assert_eq!(analysed["article"]["published"], "2017-12-21T10:57:00");
    let entities = analysed["extractions"]["entities"]["entities"].as_array().unwrap();
    let astana = entities
        .iter()
        .find(|e| e["canonical"] == "استانا")
        .expect("Astana is an entity");
    assert_eq!(astana["kind"], "LOC");
    assert!(astana["place"]["lat"].as_f64().unwrap() > 40.0, "{astana}");
    // The capital stands for the state: its CAMEO actor code; a city has none.
    assert_eq!(astana["cameo"], "KAZGOV", "{astana}");
    let geneva = entities.iter().find(|e| e["canonical"] == "جنيف").unwrap();
    assert!(geneva.get("cameo").is_none(), "{geneva}");
    assert!(entities.iter().any(|e| e["kind"] == "PER"));
    // Mentions point at the words in the body.
    let body = analysed["article"]["body"].as_str().unwrap();
    for mention in analysed["extractions"]["entities"]["mentions"].as_array().unwrap() {
        if mention["part"] == "body" {
            let (s, e) = (
                mention["span"]["start"].as_u64().unwrap() as usize,
                mention["span"]["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(&body[s..e], mention["text"].as_str().unwrap());
        }
    }
    let times: Vec<&str> = analysed["extractions"]["times"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["value"].as_str().unwrap())
        .collect();
    assert!(
        times.contains(&"2017-12-21"),
        "الخميس is resolved against the dateline: {times:?}"
    );
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn entities_places_and_their_filters() {
    let server = TestServer::start(|_| {}).await;
    // Facets of the people, organisations and places in the matches.
    let (_, found) = get_json(&server, &format!("/api/search?q={}", query("استانا"))).await;
    let places: Vec<&str> = found["facets"]["places"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["label"].as_str().unwrap())
        .collect();
    assert!(places.contains(&"استانا"), "{places:?}");
    assert!(!found["facets"]["persons"].as_array().unwrap().is_empty(), "{found}");
    // A facet's value is the entity's identity key; passed back, it filters by identity.
    let astana = found["facets"]["places"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["label"] == "استانا")
        .unwrap();
    let key = astana["value"].as_str().unwrap();
    assert!(key.starts_with("geonames:") || key.starts_with("LOC:"), "{astana}");
    let (status, by_key) = get_json(&server, &format!("/api/search?place={}", query(key))).await;
    assert_eq!(status, 200, "{by_key}");
    // Facets count every copy, as `matches` does (`total` folds copies).
    assert_eq!(by_key["matches"], astana["count"], "{by_key}");

    // Filter by a person: only articles that name him.
    let (status, lavrov) = get_json(&server, &format!("/api/search?person={}", query("لافروف"))).await;
    assert_eq!(status, 200, "{lavrov}");
    let total = lavrov["total"].as_u64().unwrap();
    assert!((1..ARTICLES).contains(&total), "{lavrov}");
    for hit in lavrov["hits"].as_array().unwrap() {
        let (_, article) = get_json(&server, &format!("/api/articles/{}", hit["id"].as_str().unwrap())).await;
        let names: Vec<&str> = article["extractions"]["entities"]["entities"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["canonical"].as_str().unwrap())
            .collect();
        assert!(names.iter().any(|n| n.contains("لافروف")), "{names:?}");
    }
    // Mentioned periods, whatever the publication date.
    let (status, may) = get_json(&server, "/api/search?mentions=2017-05").await;
    assert_eq!(status, 200, "{may}");
    assert_eq!(may["hits"][0]["id"], ASTANA_ID, "the example mentions أيار/مايو 2017");

    // Top names, by type, and names for autocomplete.
    let (status, top) = get_json(&server, "/api/entities?type=LOC&limit=5").await;
    assert_eq!(status, 200, "{top}");
    let top = top["entities"].as_array().unwrap();
    assert!(top.len() <= 5 && !top.is_empty());
    assert!(top.iter().all(|e| e["type"] == "LOC"));
    let counts: Vec<u64> = top.iter().map(|e| e["articles"].as_u64().unwrap()).collect();
    assert!(counts.windows(2).all(|w| w[0] >= w[1]), "most named first: {counts:?}");
    let (_, typed) = get_json(&server, &format!("/api/entities?prefix={}", query("سيرغ"))).await;
    let names: Vec<&str> = typed["entities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["name"].as_str().unwrap())
        .collect();
    assert!(
        !names.is_empty() && names.iter().all(|n| n.starts_with("سيرغ")),
        "{names:?}"
    );
    assert!(
        typed["entities"]
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e["key"].as_str().unwrap().starts_with("PER:")),
        "{typed}"
    );
    assert_error(&server.client.get("/api/entities?type=XYZ").await.unwrap(), 400, "type");
    assert_error(&server.client.get("/api/entities?limit=0").await.unwrap(), 400, "limit");

    // Places with coordinates, for the map.
    let (status, map) = get_json(&server, &format!("/api/places?q={}", query("استانا"))).await;
    assert_eq!(status, 200, "{map}");
    let astana = map["places"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "استانا")
        .expect("Astana on the map");
    assert_eq!(astana["country"], "KZ");
    assert!((astana["lat"].as_f64().unwrap() - 51.2).abs() < 1.0, "{astana}");
    assert!(astana["articles"].as_u64().unwrap() >= 2, "{astana}");
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stories_and_folded_copies() {
    let server = TestServer::start(|_| {}).await;
    // The syndicated copy is folded under the original, unless asked for.
    let (_, folded) = get_json(&server, &format!("/api/search?q={}", query("ميستورا"))).await;
    let hits = folded["hits"].as_array().unwrap();
    assert_eq!(hits.len(), 2, "{folded}");
    // regression: the total is what the pages hold, not every copy.
    assert_eq!(folded["total"], 2, "{folded}");
    assert_eq!(folded["matches"], 3, "{folded}");
    let (_, paged) = get_json(&server, &format!("/api/search?q={}&size=1&page=2", query("ميستورا"))).await;
    assert_eq!(
        paged["hits"].as_array().unwrap().len(),
        1,
        "the last page promised is not empty: {paged}"
    );
    assert_eq!(hits[0]["copies"].as_array().unwrap().len(), 1, "{folded}");
    let (_, all) = get_json(&server, &format!("/api/search?q={}&all_copies=true", query("ميستورا"))).await;
    assert_eq!(all["hits"].as_array().unwrap().len(), 3);

    let (status, list) = get_json(&server, "/api/stories?limit=5").await;
    assert_eq!(status, 200, "{list}");
    let stories = list["stories"].as_array().unwrap();
    assert!(!stories.is_empty() && stories.len() <= 5, "{list}");
    let biggest = &stories[0];
    assert!(biggest["articles"].as_u64().unwrap() >= 2, "{biggest}");
    let id = biggest["id"].as_i64().unwrap();
    let (status, story) = get_json(&server, &format!("/api/stories/{id}")).await;
    assert_eq!(status, 200, "{story}");
    assert_eq!(story["story"]["id"], id);
    assert!(!story["summary"].as_array().unwrap().is_empty(), "{story}");
    assert!(!story["reports"].as_array().unwrap().is_empty(), "{story}");
    assert!(story["timeline"].is_array());
    // Only the story's articles.
    let (_, within) = get_json(&server, &format!("/api/search?story={id}&from=1900")).await;
    assert_eq!(within["matches"].as_u64(), biggest["articles"].as_u64(), "{within}");
    assert_error(
        &server.client.get("/api/stories/999999").await.unwrap(),
        404,
        "no story with id 999999",
    );
    assert_error(&server.client.get("/api/stories/abc").await.unwrap(), 400, "");
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn timeline_counts() {
    let server = TestServer::start(|_| {}).await;
    let (status, months) = get_json(&server, "/api/timeline?interval=month").await;
    assert_eq!(status, 200, "{months}");
    assert_eq!(
        months["buckets"],
        json!([{"start": "2017-10", "count": 1}, {"start": "2017-12", "count": 4}, {"start": "2018-01", "count": 3}])
    );
    assert_eq!(months["total"], ARTICLES);
    let (_, days) = get_json(&server, &format!("/api/timeline?q={}&source=alwatan", query("استانا"))).await;
    assert_eq!(days["interval"], "day");
    assert_eq!(
        days["buckets"],
        json!([{"start": "2017-10-30", "count": 1}, {"start": "2017-12-20", "count": 1}])
    );
    let (_, weeks) = get_json(&server, "/api/timeline?interval=week&from=2017-12&to=2017-12").await;
    assert_eq!(
        weeks["buckets"],
        json!([{"start": "2017-12-18", "count": 4}]),
        "{weeks}"
    );
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn analyze_any_form() {
    let server = TestServer::start(|_| {}).await;
    let reply = post(
        &server,
        "/api/analyze",
        &[("content-type", "text/plain")],
        common::ASTANA,
    )
    .await;
    assert_eq!(reply.status, 200, "{}", reply.text());
    let result = reply.json().unwrap();
    let article = &result["articles"][0];
    assert_eq!(article["article"]["dateline"], "الخميس، 21 ديسمبر 2017 10:57 ص");
    assert!(article["extractions"]["entities"]["entities"].as_array().unwrap().len() >= 10);
    assert!(
        article["analysis"]["body"]["tokens"]
            .as_array()
            .is_none_or(|t| t.is_empty()),
        "tokens only when asked"
    );

    // Windows-1256 bytes, recognised without being told.
    let legacy = encoding_rs::WINDOWS_1256.encode(common::ASTANA).0.into_owned();
    let reply = post(&server, "/api/analyze?name=old.txt&tokens=true", &[], legacy).await;
    let result = reply.json().unwrap();
    assert_eq!(
        result["articles"][0]["article"]["title"],
        "بدء جولة محادثات سلام جديدة حول سوريا فى استانا"
    );
    assert_eq!(result["articles"][0]["article"]["origin"]["encoding"], "windows-1256");
    assert!(!result["articles"][0]["analysis"]["body"]["tokens"]
        .as_array()
        .unwrap()
        .is_empty());

    // JSON Lines: good records analysed, the bad one reported with its line.
    let jsonl = "{\"title\": \"أ\", \"body\": \"وصل لافروف الى موسكو\"}\n{oops\n{\"title\": \"ب\", \"text\": \"نص\"}\n";
    let reply = post(
        &server,
        "/api/analyze",
        &[("content-type", "application/x-ndjson")],
        jsonl,
    )
    .await;
    let result = reply.json().unwrap();
    assert_eq!(result["articles"].as_array().unwrap().len(), 2, "{result}");
    assert!(
        result["errors"][0]["message"].as_str().unwrap().contains("line 2"),
        "{result}"
    );

    assert_error(&post(&server, "/api/analyze", &[], "").await, 400, "the body is empty");
    assert_error(
        &post(&server, "/api/analyze?format=jsonl", &[], "not json").await,
        400,
        "no article could be read",
    );
    assert_error(
        &post(&server, "/api/analyze?encoding=klingon", &[], "x").await,
        400,
        "unknown encoding",
    );
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn analyze_with_the_accurate_tagger() {
    let server = TestServer::start(|c| c.ner = rasid::pipeline::NerMode::Accurate).await;
    let (_, health) = get_json(&server, "/api/health").await;
    assert_eq!(health["ner"], "accurate");
    let reply = post(
        &server,
        "/api/analyze",
        &[("content-type", "text/plain")],
        common::ASTANA,
    )
    .await;
    assert_eq!(reply.status, 200, "{}", reply.text());
    let result = reply.json().unwrap();
    let entities = result["articles"][0]["extractions"]["entities"]["entities"]
        .as_array()
        .unwrap();
    assert!(
        entities
            .iter()
            .any(|e| e["canonical"] == "روسيا" && e["cameo"] == "RUS"),
        "{entities:?}"
    );
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ingest_is_idempotent_and_searchable_at_once() {
    let server = TestServer::start(|_| {}).await;
    let one = json!({"title": "وصول وفد الحكومة الى جنيف", "body": "وصل وفد الحكومة السورية الى جنيف اليوم.", "source": "test", "published": "2018-02-01T10:00:00"});
    let reply = post(
        &server,
        "/api/articles",
        &[("content-type", "application/json")],
        json_bytes(&one),
    )
    .await;
    assert_eq!(reply.status, 200, "{}", reply.text());
    let result = reply.json().unwrap();
    assert_eq!(
        (result["indexed"].as_u64(), result["duplicates"].as_u64()),
        (Some(1), Some(0))
    );
    let id = result["articles"][0]["id"].as_str().unwrap().to_owned();
    // Searchable as soon as the answer comes.
    let (_, found) = get_json(&server, &format!("/api/search?q={}&source=test", query("جنيف"))).await;
    assert_eq!(found["hits"][0]["id"], id.as_str());
    let (status, _) = get_json(&server, &format!("/api/articles/{id}")).await;
    assert_eq!(status, 200);

    // The same article again changes nothing.
    let again = post(
        &server,
        "/api/articles",
        &[("content-type", "application/json")],
        json_bytes(&one),
    )
    .await;
    assert_eq!(again.json().unwrap()["duplicates"], 1);
    // A batch in JSON Lines, with one article already there.
    let batch = format!(
        "{}\n{}\n{}\n",
        json!({"title": "خبر اول", "body": "نص الخبر الاول عن بغداد", "source": "test"}),
        one,
        json!({"title": "خبر ثان", "body": "نص الخبر الثانى عن عمان", "source": "test"})
    );
    let reply = post(
        &server,
        "/api/articles",
        &[("content-type", "application/x-ndjson")],
        batch,
    )
    .await;
    let result = reply.json().unwrap();
    assert_eq!(
        (result["indexed"].as_u64(), result["duplicates"].as_u64()),
        (Some(2), Some(1)),
        "{result}"
    );
    let (_, health) = get_json(&server, "/api/health").await;
    assert_eq!(health["documents"], ARTICLES + 3);
    assert_error(
        &post(
            &server,
            "/api/articles",
            &[("content-type", "application/json")],
            "{\"title\": 1}",
        )
        .await,
        400,
        "no article could be read",
    );
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn body_limit_token_and_read_only() {
    let server = TestServer::start(|c| {
        c.limits.max_body_bytes = 64 * 1024;
        c.token = Some("s3cret".into());
    })
    .await;
    let big = "ا".repeat(40 * 1024);
    assert_error(
        &post(&server, "/api/analyze", &[], big.clone()).await,
        413,
        "limit of 65536 bytes",
    );
    let article = json!({"title": "عنوان", "body": "نص قصير"});
    let ct = ("content-type", "application/json");
    assert_error(
        &post(&server, "/api/articles", &[ct], json_bytes(&article)).await,
        401,
        "write token",
    );
    let wrong = ("authorization", "Bearer s3cre7");
    assert_error(
        &post(&server, "/api/articles", &[ct, wrong], json_bytes(&article)).await,
        401,
        "write token",
    );
    let right = ("authorization", "Bearer s3cret");
    let reply = post(&server, "/api/articles", &[ct, right], json_bytes(&article)).await;
    assert_eq!(reply.status, 200, "{}", reply.text());
    // Reads and analyses need no token.
    assert_eq!(server.client.get("/api/health").await.unwrap().status, 200);
    assert_eq!(post(&server, "/api/analyze", &[], "عنوان\nنص").await.status, 200);
    server.stop().await;

    let dir = tempfile::tempdir().unwrap();
    common::build_index(dir.path());
    let read_only = TestServer::start_on(dir.path(), |c| c.read_only = true).await;
    assert_error(
        &post(&read_only, "/api/articles", &[ct], json_bytes(&article)).await,
        403,
        "read-only",
    );
    let (status, health) = get_json(&read_only, "/api/health").await;
    assert_eq!((status, health["read_only"].as_bool()), (200, Some(true)));
    read_only.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slow_requests_are_stopped() {
    let server = TestServer::start(|c| c.limits.request_timeout = Duration::from_millis(5)).await;
    // A megabyte of text takes far longer than 5 ms to analyse.
    let text = "بدأت جولة محادثات سلام جديدة حول سوريا فى استانا. ".repeat(12_000);
    let reply = post(&server, "/api/analyze", &[("content-type", "text/plain")], text).await;
    assert_error(&reply, 503, "took longer than");
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn interface_and_security_headers() {
    let server = TestServer::start(|_| {}).await;
    let c = &server.client;
    let page = c.get("/").await.unwrap();
    assert_eq!(page.status, 200);
    assert!(page.header("content-type").unwrap().starts_with("text/html"));
    let html = page.text();
    assert!(html.contains("<html dir=\"rtl\" lang=\"ar\">"), "{html}");
    for reply in [
        &page,
        &c.get("/api/health").await.unwrap(),
        &c.get("/api/nope").await.unwrap(),
    ] {
        let csp = reply.header("content-security-policy").expect("a CSP on every answer");
        assert!(
            csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"),
            "{csp}"
        );
        assert!(
            csp.contains("default-src 'none'") && csp.contains("frame-ancestors 'none'"),
            "{csp}"
        );
        assert_eq!(reply.header("x-content-type-options"), Some("nosniff"));
        assert_eq!(reply.header("x-frame-options"), Some("DENY"));
    }
    let script = c.get("/ui/js/app.js").await.unwrap();
    assert_eq!(script.status, 200);
    assert!(script.header("content-type").unwrap().starts_with("text/javascript"));
    let basemap = c.get("/ui/basemap/countries-110m.json").await.unwrap();
    assert_eq!(basemap.json().unwrap()["type"], "Topology");
    // Compressed when the client says it can take it.
    let gz = c
        .send(
            Method::GET,
            "/ui/basemap/countries-110m.json",
            &[("accept-encoding", "gzip")],
            Bytes::new(),
        )
        .await
        .unwrap();
    assert_eq!(gz.header("content-encoding"), Some("gzip"));
    assert!(gz.body.len() < basemap.body.len() / 2);
    server.stop().await;
}

/// Every route of the API, as the issue lists them.
const ROUTES: &[(&str, &str)] = &[
    ("get", "/api/search"),
    ("get", "/api/articles/{id}"),
    ("post", "/api/articles"),
    ("post", "/api/analyze"),
    ("get", "/api/timeline"),
    ("get", "/api/entities"),
    ("get", "/api/places"),
    ("get", "/api/stories"),
    ("get", "/api/stories/{id}"),
    ("get", "/api/health"),
    ("get", "/api/openapi.json"),
    ("get", "/api/events"),
    ("get", "/api/events/dyads"),
    ("get", "/api/export"),
    ("get", "/api/cooccurrence"),
    ("get", "/api/saved"),
    ("post", "/api/saved"),
    ("post", "/api/saved/{id}/open"),
    ("delete", "/api/saved/{id}"),
    ("get", "/api/saved/{id}/new"),
];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn openapi_lists_every_route() {
    let server = TestServer::start(|_| {}).await;
    let (status, doc) = get_json(&server, "/api/openapi.json").await;
    assert_eq!(status, 200);
    assert_eq!(doc["openapi"], "3.1.0");
    let mut listed = BTreeSet::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys() {
            listed.insert((method.clone(), path.clone()));
        }
    }
    let expected: BTreeSet<(String, String)> = ROUTES.iter().map(|(m, p)| ((*m).to_owned(), (*p).to_owned())).collect();
    assert_eq!(listed, expected);
    // Every listed route answers (no 404 for the route itself, nor 405).
    for (method, path) in &listed {
        let id = if path.starts_with("/api/stories") || path.starts_with("/api/saved") {
            "1"
        } else {
            ASTANA_ID
        };
        let path = path.replace("{id}", id);
        let method = match method.as_str() {
            "get" => Method::GET,
            "delete" => Method::DELETE,
            _ => Method::POST,
        };
        let reply = server
            .client
            .send(method, &path, &[], Bytes::from_static(b"t\nb"))
            .await
            .unwrap();
        // A 404 may say the id is unknown, not that the route is.
        let no_route = reply.status == 404 && reply.text().contains("no such page or API route");
        assert!(reply.status != 405 && !no_route, "{path}: {}", reply.text());
    }
    // Each operation documents its error answers with the error schema.
    let search = &doc["paths"]["/api/search"]["get"];
    assert_eq!(
        search["responses"]["400"]["content"]["application/json"]["schema"]["$ref"],
        "#/components/schemas/ErrorBody"
    );
    let params: Vec<&str> = search["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    for name in [
        "q", "source", "category", "month", "from", "to", "sort", "page", "size", "like",
    ] {
        assert!(params.contains(&name), "{name} is documented: {params:?}");
    }
    let article =
        &doc["paths"]["/api/articles/{id}"]["get"]["responses"]["200"]["content"]["application/json"]["schema"];
    assert_eq!(article["$ref"], "#/components/schemas/ArticleResponse");
    // The analysis, with what the article is linked to.
    let response = &doc["components"]["schemas"]["ArticleResponse"]["allOf"];
    assert_eq!(
        response[0]["$ref"], "#/components/schemas/AnalyzedArticle",
        "{response}"
    );
    let relations = &response[1]["properties"]["relations"]["properties"];
    for list in ["story", "copies", "rewrites", "related"] {
        assert!(relations[list].is_object(), "{list}: {response}");
    }
    assert!(doc["components"]["schemas"]["AnalyzedArticle"]["properties"]["extractions"].is_object());
    assert!(doc["components"]["securitySchemes"]["token"].is_object());
    server.stop().await;
}

/// An original, its copy, a rewrite of it (its first half) and a follow-up
/// sharing one sentence of background.
const RELATIONS: &str = include_str!("fixtures/relations.jsonl");

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn article_links_to_its_story_copies_rewrites_and_related() {
    let dir = tempfile::tempdir().unwrap();
    let articles: Vec<_> = rasid::ingest::read_bytes(
        "relations.jsonl",
        RELATIONS.as_bytes(),
        &rasid::ingest::ReadOptions::default(),
    )
    .map(|a| a.unwrap())
    .collect();
    let ids: Vec<String> = articles.iter().map(|a| a.id.to_string()).collect();
    let index = rasid::search::Index::create_or_open(dir.path()).unwrap();
    let mut writer = index.writer(rasid::search::WriterOptions::small(), "test").unwrap();
    writer.add_batch(articles).unwrap();
    writer.finish().unwrap();
    drop(index);
    // Before the stories are built there is nothing to link.
    let server = TestServer::start_on(dir.path(), |_| {}).await;
    let (status, before) = get_json(&server, &format!("/api/articles/{}", ids[0])).await;
    assert_eq!(status, 200, "{before}");
    assert!(before["relations"].is_null(), "{before}");
    server.stop().await;

    let index = rasid::search::Index::open(dir.path()).unwrap();
    let mut store = rasid::stories::Store::open(&rasid::stories::store_path(dir.path())).unwrap();
    rasid::stories::update(&index, &mut store, &mut |_, _| {}).unwrap();
    drop((index, store));
    let server = TestServer::start_on(dir.path(), |_| {}).await;
    let listed = |value: &Value, list: &str| -> Vec<String> {
        value["relations"][list]
            .as_array()
            .unwrap_or_else(|| panic!("no {list} in {value}"))
            .iter()
            .map(|l| l["id"].as_str().unwrap().to_owned())
            .collect()
    };
    let (status, original) = get_json(&server, &format!("/api/articles/{}", ids[0])).await;
    assert_eq!(status, 200, "{original}");
    assert_eq!(
        original["article"]["id"],
        ids[0].as_str(),
        "the analysis is still there"
    );
    assert!(original["extractions"]["entities"].is_object());
    assert_eq!(listed(&original, "copies"), [ids[1].clone()]);
    assert_eq!(listed(&original, "rewrites"), [ids[2].clone()]);
    assert_eq!(listed(&original, "related"), [ids[3].clone()]);
    let story = &original["relations"]["story"];
    assert!(story["id"].as_i64().is_some() && story["label"].is_object(), "{story}");
    let rewrite = &original["relations"]["rewrites"][0];
    assert_eq!(rewrite["title"], "مستشفى بخمسمائة سرير في العاصمة");
    assert_eq!(rewrite["source"], "alriyadh");
    assert!(
        rewrite["published"].as_i64().is_some() && rewrite["shared"].as_f64().unwrap() >= 0.6,
        "{rewrite}"
    );

    // The rewrite links back to the original's group, once.
    let (_, back) = get_json(&server, &format!("/api/articles/{}", ids[2])).await;
    assert!(listed(&back, "copies").is_empty());
    let rewrites = listed(&back, "rewrites");
    assert!(rewrites == [ids[0].clone()] || rewrites == [ids[1].clone()], "{back}");

    // Only copies fold: the rewrite and the follow-up are results of their own.
    let (_, found) = get_json(&server, &format!("/api/search?q={}", query("مستشفى"))).await;
    let hits: Vec<&str> = found["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["id"].as_str().unwrap())
        .collect();
    assert_eq!(hits.len(), 3, "{found}");
    assert!(
        hits.contains(&ids[2].as_str()) && hits.contains(&ids[3].as_str()),
        "{found}"
    );
    server.stop().await;
}
