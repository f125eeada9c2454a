//! The analyst's tools of issue 18, item 4, through the API: the stories list
//! with paging and filters, the export of a query's results, saved searches
//! with what is new for each, and who appears with whom.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod common;

use std::collections::BTreeSet;

use axum::body::Bytes;
use axum::http::Method;
use common::{json_bytes, TestServer};
use parquet::file::reader::{FileReader, SerializedFileReader};
use parquet::record::Field;
use rasid_server::client::{query, Reply};
use serde_json::{json, Value};

async fn get_json(server: &TestServer, path: &str) -> (u16, Value) {
    let reply = server.client.get(path).await.unwrap();
    (reply.status, reply.json().unwrap())
}

fn assert_error(reply: &Reply, status: u16, needle: &str) {
    assert_eq!(reply.status, status, "{}", reply.text());
    let message = reply.json().unwrap()["message"].as_str().unwrap().to_owned();
    assert!(message.contains(needle), "{message:?} should say {needle:?}");
}

/// The ids of every result of a search (`filters`: a query string), copies folded.
async fn result_ids(server: &TestServer, filters: &str) -> Vec<String> {
    let (status, found) = get_json(server, &format!("/api/search?{filters}&size=100")).await;
    assert_eq!(status, 200, "{found}");
    assert!(found["total"].as_u64().unwrap() <= 100);
    found["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["id"].as_str().unwrap().to_owned())
        .collect()
}

fn story_ids(list: &Value) -> Vec<i64> {
    list["stories"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_i64().unwrap())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stories_are_browsed_a_page_at_a_time_with_filters() {
    let server = TestServer::start(|_| {}).await;
    let (status, all) = get_json(&server, "/api/stories?size=100").await;
    assert_eq!(status, 200, "{all}");
    let total = all["total"].as_u64().unwrap();
    assert_eq!(total as usize, story_ids(&all).len());
    assert!(total >= 3, "the fixtures make several stories: {all}");

    // Pages: two stories each, no story twice, every story once.
    let mut paged = Vec::new();
    for page in 1..=total.div_ceil(2) {
        let (status, list) = get_json(&server, &format!("/api/stories?size=2&page={page}")).await;
        assert_eq!(status, 200);
        assert_eq!((list["page"].as_u64(), list["size"].as_u64()), (Some(page), Some(2)));
        assert_eq!(list["total"].as_u64(), Some(total));
        paged.extend(story_ids(&list));
    }
    assert_eq!(paged, story_ids(&all), "pages are the list cut in pieces");

    // A text filter: the stories of the articles that match it.
    let (_, football) = get_json(&server, &format!("/api/stories?q={}", query("الزمالك"))).await;
    assert_eq!(football["total"], 1, "{football}");
    let id = story_ids(&football)[0];
    let (_, story) = get_json(&server, &format!("/api/stories/{id}")).await;
    assert!(
        story["reports"][0]["title"].as_str().unwrap().contains("الزمالك"),
        "{story}"
    );

    // A source: every story listed has a report or copy from it.
    let (_, alquds) = get_json(&server, "/api/stories?source=alquds").await;
    assert!(alquds["total"].as_u64().unwrap() >= 2 && alquds["total"].as_u64().unwrap() < total);
    for id in story_ids(&alquds) {
        let (_, story) = get_json(&server, &format!("/api/stories/{id}")).await;
        let sources: Vec<&str> = story["reports"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|r| {
                std::iter::once(r["source"].as_str().unwrap_or("")).chain(
                    r["copies"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|c| c["source"].as_str().unwrap_or("")),
                )
            })
            .collect();
        assert!(sources.contains(&"alquds"), "{story}");
    }

    // Dates: stories with an article in 2018 (the fixtures' January).
    let (_, recent) = get_json(&server, "/api/stories?from=2018-01&to=2018-01-31").await;
    assert!(recent["total"].as_u64().unwrap() >= 2, "{recent}");
    for s in recent["stories"].as_array().unwrap() {
        assert!(s["last"].as_str().unwrap() >= "2018-01-01", "{s}");
        assert!(s["first"].as_str().unwrap() <= "2018-01-31", "{s}");
    }
    // Size: at least two articles.
    let (_, big) = get_json(&server, "/api/stories?min_articles=2").await;
    assert!(big["total"].as_u64().unwrap() >= 1, "{big}");
    assert!(big["stories"]
        .as_array()
        .unwrap()
        .iter()
        .all(|s| s["articles"].as_u64().unwrap() >= 2));
    assert!(big["total"].as_u64().unwrap() < total);

    for bad in ["from=2018-13", "to=yesterday", "size=0", "size=201", "page=0"] {
        assert_eq!(
            server.client.get(&format!("/api/stories?{bad}")).await.unwrap().status,
            400,
            "{bad}"
        );
    }
    server.stop().await;
}

/// The article ids of a Parquet file's rows, and the file's columns.
fn parquet_ids(bytes: Bytes) -> (Vec<String>, Vec<String>) {
    let reader = SerializedFileReader::new(bytes).unwrap();
    let columns = reader
        .metadata()
        .file_metadata()
        .schema_descr()
        .root_schema()
        .get_fields()
        .iter()
        .map(|f| f.name().to_owned())
        .collect();
    let mut ids = Vec::new();
    for row in reader.get_row_iter(None).unwrap() {
        let row = row.unwrap();
        let id = row
            .get_column_iter()
            .find(|(name, _)| name.as_str() == "article_id")
            .map(|(_, field)| match field {
                Field::Str(s) => s.clone(),
                other => panic!("article_id is text, not {other:?}"),
            })
            .unwrap();
        ids.push(id);
    }
    (ids, columns)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn export_holds_the_query_results_only_in_every_format() {
    let server = TestServer::start(|_| {}).await;
    let filters = format!("q={}", query("استانا"));
    let expected = result_ids(&server, &filters).await;
    assert!(expected.len() >= 2, "{expected:?}");
    let expected_set: BTreeSet<&String> = expected.iter().collect();

    // CSV: the header, one row per result, the results' ids in their order.
    let csv = server
        .client
        .get(&format!("/api/export?{filters}&format=csv"))
        .await
        .unwrap();
    assert_eq!(csv.status, 200, "{}", csv.text());
    assert!(csv.header("content-type").unwrap().starts_with("text/csv"));
    assert!(csv.header("content-disposition").unwrap().contains("attachment"));
    let text = csv.text();
    let text = text
        .strip_prefix('\u{feff}')
        .expect("a byte-order mark for spreadsheets");
    let mut lines = text.split("\r\n").filter(|l| !l.is_empty());
    assert_eq!(
        lines.next(),
        Some("id,published,source,category,title,url,score,copies")
    );
    let ids: Vec<String> = lines.map(|l| l.split(',').next().unwrap().to_owned()).collect();
    assert_eq!(ids, expected);
    assert_eq!(csv.header("x-rasid-rows"), Some(expected.len().to_string().as_str()));

    // JSON Lines: each line an object, the same results.
    let jsonl = server
        .client
        .get(&format!("/api/export?{filters}&format=jsonl"))
        .await
        .unwrap();
    assert_eq!(jsonl.status, 200);
    assert_eq!(jsonl.header("content-type"), Some("application/x-ndjson"));
    let rows: Vec<Value> = jsonl.text().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let ids: Vec<String> = rows.iter().map(|r| r["id"].as_str().unwrap().to_owned()).collect();
    assert_eq!(ids, expected);
    for column in ["published", "source", "category", "title", "url", "score", "copies"] {
        assert!(rows[0].get(column).is_some(), "{column} in {}", rows[0]);
    }

    // Parquet: the `articles` table of `rasid export`, for these articles only.
    let parquet = server
        .client
        .get(&format!("/api/export?{filters}&format=parquet"))
        .await
        .unwrap();
    assert_eq!(parquet.status, 200, "{}", parquet.text());
    assert_eq!(parquet.header("content-type"), Some("application/vnd.apache.parquet"));
    let (ids, columns) = parquet_ids(parquet.body.clone());
    assert_eq!(ids, expected);
    for column in ["article_id", "source", "published", "title", "body", "extracted"] {
        assert!(columns.iter().any(|c| c == column), "{column} in {columns:?}");
    }
    // Another table: its rows belong to the query's articles.
    let mentions = server
        .client
        .get(&format!("/api/export?{filters}&format=parquet&table=mentions"))
        .await
        .unwrap();
    assert_eq!(mentions.status, 200, "{}", mentions.text());
    let (ids, _) = parquet_ids(mentions.body.clone());
    assert!(!ids.is_empty());
    assert!(ids.iter().all(|id| expected_set.contains(id)), "{ids:?}");
    // A filter narrows the export as it narrows the search.
    let narrow = format!("{filters}&source=alquds");
    let (ids, _) = parquet_ids(
        server
            .client
            .get(&format!("/api/export?{narrow}&format=parquet"))
            .await
            .unwrap()
            .body,
    );
    assert_eq!(ids, result_ids(&server, &narrow).await);

    assert_error(
        &server
            .client
            .get("/api/export?format=parquet&table=nope")
            .await
            .unwrap(),
        400,
        "no table",
    );
    assert_error(
        &server
            .client
            .get("/api/export?format=csv&table=articles")
            .await
            .unwrap(),
        400,
        "csv",
    );
    assert_eq!(server.client.get("/api/export?format=xml").await.unwrap().status, 400);
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn export_is_capped_with_a_clear_message() {
    let server = TestServer::start(|c| c.limits.max_export_rows = 2).await;
    let filters = format!("q={}", query("استانا"));
    let all = result_ids(&server, &filters).await;
    assert!(all.len() > 2);
    let refused = server.client.get(&format!("/api/export?{filters}")).await.unwrap();
    assert_error(&refused, 400, &format!("{} results", all.len()));
    assert_error(&refused, 400, "limit=2");
    let first = server
        .client
        .get(&format!("/api/export?{filters}&format=jsonl&limit=2"))
        .await
        .unwrap();
    assert_eq!(first.status, 200);
    assert_eq!(first.text().lines().count(), 2);
    assert_eq!(first.header("x-rasid-rows"), Some("2"));
    assert_eq!(first.header("x-rasid-total"), Some(all.len().to_string().as_str()));
    assert_eq!(
        server
            .client
            .get(&format!("/api/export?{filters}&limit=3"))
            .await
            .unwrap()
            .status,
        400
    );
    server.stop().await;
}

async fn send(server: &TestServer, method: Method, path: &str, headers: &[(&str, &str)], body: Value) -> Reply {
    server
        .client
        .send(method, path, headers, json_bytes(&body))
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn saved_searches_count_what_is_new_since_opened() {
    let server = TestServer::start(|_| {}).await;
    let own = format!("http://{}", server.addr);
    let page = [
        ("content-type", "application/json"),
        ("origin", own.as_str()),
        ("sec-fetch-site", "same-origin"),
    ];
    let saved = send(
        &server,
        Method::POST,
        "/api/saved",
        &page,
        json!({"name": "جنيف", "query": "q=جنيف&source=test"}),
    )
    .await;
    assert_eq!(saved.status, 201, "{}", saved.text());
    let saved = saved.json().unwrap();
    let id = saved["id"].as_u64().unwrap();
    assert_eq!(saved["name"], "جنيف");
    let (_, list) = get_json(&server, "/api/saved").await;
    assert_eq!(list["searches"][0]["new"], 0, "{list}");

    // Two articles indexed: one the search matches, one it does not.
    for (title, source) in [("وصول وفد الى جنيف", "test"), ("وصول وفد الى جنيف", "other")] {
        let article = json!({"title": title, "body": format!("وصل وفد {source} الى جنيف اليوم."), "source": source});
        let reply = send(
            &server,
            Method::POST,
            "/api/articles",
            &[("content-type", "application/json")],
            article,
        )
        .await;
        assert_eq!(reply.status, 200, "{}", reply.text());
    }
    let (_, list) = get_json(&server, "/api/saved").await;
    assert_eq!(list["searches"][0]["new"], 1, "{list}");
    let (_, new) = get_json(&server, &format!("/api/saved/{id}/new")).await;
    assert_eq!(new["total"], 1);
    assert_eq!(new["articles"][0]["source"], "test");

    // Opened: nothing is new any more.
    let opened = send(
        &server,
        Method::POST,
        &format!("/api/saved/{id}/open"),
        &page,
        json!({}),
    )
    .await;
    assert_eq!(opened.status, 200, "{}", opened.text());
    let (_, list) = get_json(&server, "/api/saved").await;
    assert_eq!(list["searches"][0]["new"], 0, "{list}");

    // Bounds.
    let long = send(
        &server,
        Method::POST,
        "/api/saved",
        &page,
        json!({"name": "x".repeat(201), "query": "q=x"}),
    )
    .await;
    assert_error(&long, 400, "name");
    let long = send(
        &server,
        Method::POST,
        "/api/saved",
        &page,
        json!({"name": "x", "query": format!("q={}", "x".repeat(2_001))}),
    )
    .await;
    assert_error(&long, 400, "2000");
    let bad = send(
        &server,
        Method::POST,
        "/api/saved",
        &page,
        json!({"name": "x", "query": "story=abc"}),
    )
    .await;
    assert_error(&bad, 400, "");

    let deleted = server
        .client
        .send(
            Method::DELETE,
            &format!("/api/saved/{id}"),
            &[("origin", own.as_str())],
            Bytes::new(),
        )
        .await
        .unwrap();
    assert_eq!(deleted.status, 204);
    let again = server
        .client
        .send(Method::DELETE, &format!("/api/saved/{id}"), &[], Bytes::new())
        .await
        .unwrap();
    assert_eq!(again.status, 404);
    server.stop().await;
}

/// What a page on another site can make a browser send: none is saved.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn regression_a_save_from_another_origin_is_refused() {
    let server = TestServer::start(|_| {}).await;
    let body = json!({"name": "مزروع", "query": "q=x"});
    let refused = [
        (
            vec![("content-type", "application/json"), ("origin", "http://evil.example")],
            403,
        ),
        (
            vec![("content-type", "application/json"), ("sec-fetch-site", "cross-site")],
            403,
        ),
        (vec![("content-type", "application/json"), ("origin", "null")], 403),
        // The type of a no-cors fetch or a form: no preflight, so refused.
        (vec![("content-type", "text/plain;charset=UTF-8")], 415),
        (vec![("content-type", "application/x-www-form-urlencoded")], 415),
        (vec![], 415),
    ];
    for (headers, status) in refused {
        let reply = send(&server, Method::POST, "/api/saved", &headers, body.clone()).await;
        assert_eq!(reply.status, status, "{headers:?}: {}", reply.text());
    }
    let evil = [("content-type", "application/json"), ("origin", "http://evil.example")];
    assert_eq!(
        send(&server, Method::POST, "/api/saved/1/open", &evil, json!({}))
            .await
            .status,
        403
    );
    let (_, list) = get_json(&server, "/api/saved").await;
    assert_eq!(list["searches"].as_array().unwrap().len(), 0, "{list}");
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_read_only_server_refuses_to_save() {
    let dir = tempfile::tempdir().unwrap();
    common::build_index(dir.path());
    let server = TestServer::start_on(dir.path(), |c| c.read_only = true).await;
    let reply = send(
        &server,
        Method::POST,
        "/api/saved",
        &[("content-type", "application/json")],
        json!({"name": "x", "query": "q=x"}),
    )
    .await;
    assert_error(&reply, 403, "read-only");
    let (status, list) = get_json(&server, "/api/saved").await;
    assert_eq!(status, 200);
    assert_eq!(list["read_only"], true);
    assert!(!dir.path().join(rasid_server::saved::SAVED_FILE).exists());
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cooccurrence_pairs_names_of_the_same_results() {
    let server = TestServer::start(|_| {}).await;
    let filters = format!("q={}", query("استانا"));
    let (status, found) = get_json(&server, &format!("/api/cooccurrence?{filters}")).await;
    assert_eq!(status, 200, "{found}");
    let names = found["names"].as_array().unwrap();
    let pairs = found["pairs"].as_array().unwrap();
    assert!(names.len() >= 2 && !pairs.is_empty(), "{found}");

    // The names are the search's facet values, with the same counts.
    let (_, search) = get_json(&server, &format!("/api/search?{filters}")).await;
    let facet = |kind: &str| -> Vec<(String, u64)> {
        let key = match kind {
            "person" => "persons",
            "org" => "orgs",
            _ => "places",
        };
        search["facets"][key]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| (v["value"].as_str().unwrap().to_owned(), v["count"].as_u64().unwrap()))
            .collect()
    };
    for n in names {
        let pair = (n["key"].as_str().unwrap().to_owned(), n["articles"].as_u64().unwrap());
        assert!(facet(n["kind"].as_str().unwrap()).contains(&pair), "{n}");
    }
    // Pairs: most first; never more articles than either name has; the
    // search of both names finds at least as many.
    let counts: Vec<u64> = pairs.iter().map(|p| p["articles"].as_u64().unwrap()).collect();
    assert!(counts.windows(2).all(|w| w[0] >= w[1]), "{counts:?}");
    for p in pairs.iter().take(5) {
        let (a, b) = (
            &names[p["a"].as_u64().unwrap() as usize],
            &names[p["b"].as_u64().unwrap() as usize],
        );
        let n = p["articles"].as_u64().unwrap();
        assert!(n >= 1 && n <= a["articles"].as_u64().unwrap() && n <= b["articles"].as_u64().unwrap());
        let both = format!(
            "{filters}&{}={}&entity={}",
            a["kind"].as_str().unwrap(),
            query(a["key"].as_str().unwrap()),
            query(b["key"].as_str().unwrap())
        );
        let (_, search) = get_json(&server, &format!("/api/search?{both}")).await;
        assert!(search["matches"].as_u64().unwrap() >= n, "{both}: {search}");
    }
    let (_, top) = get_json(&server, &format!("/api/cooccurrence?{filters}&top=1")).await;
    assert_eq!(top["pairs"].as_array().unwrap().len(), 1);
    for bad in ["top=0", "top=201", "names=0", "names=21"] {
        assert_eq!(
            server
                .client
                .get(&format!("/api/cooccurrence?{bad}"))
                .await
                .unwrap()
                .status,
            400,
            "{bad}"
        );
    }
    server.stop().await;
}
