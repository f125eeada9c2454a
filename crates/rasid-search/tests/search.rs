//! Indexing and search through the public API: idempotent re-indexing, delete,
//! update, phrases, boolean and field queries, date ranges, sorting, facets,
//! snippets, more-like-this, and errors.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)] // test code

mod common;

use std::collections::HashSet;

use rasid_core::{Article, ArticleId};
use rasid_search::{Index, IndexError, Outcome, QueryError, SearchRequest, Sort, WriterOptions};

fn build(articles: Vec<Article>) -> (tempfile::TempDir, Index) {
    let dir = tempfile::tempdir().unwrap();
    let index = Index::create_or_open(dir.path()).unwrap();
    let mut writer = index.writer(WriterOptions::small(), "test").unwrap();
    writer.add_batch(articles).unwrap();
    writer.finish().unwrap();
    (dir, index)
}

fn titles(index: &Index, request: &SearchRequest) -> Vec<String> {
    index
        .search(request)
        .unwrap_or_else(|e| panic!("{:?}: {e}", request.query))
        .hits
        .into_iter()
        .map(|h| h.title)
        .collect()
}

fn q(index: &Index, query: &str) -> Vec<String> {
    let mut found = titles(index, &SearchRequest::new(query));
    found.sort();
    found
}

fn sorted(mut v: Vec<&str>) -> Vec<String> {
    v.sort();
    v.into_iter().map(str::to_owned).collect()
}

const ASTANA: &str = "بدء جولة محادثات سلام جديدة حول سوريا فى استانا";
const LAVROV: &str = "وزير الخارجية الروسى يصل القاهرة";
const INVEST: &str = "الحكومة تعلن خطة لدعم الاستثمار";
const GENEVA: &str = "محادثات جنيف تتعثر";
const FOOTBALL: &str = "مباراة الأهلى والزمالك";

#[test]
fn reindexing_the_same_input_adds_nothing() {
    let (dir, index) = build(common::news());
    assert_eq!(index.num_docs().unwrap(), 5);
    let mut writer = index.writer(WriterOptions::small(), "again").unwrap();
    let outcomes = writer.add_batch(common::news()).unwrap();
    assert!(outcomes.iter().all(|o| *o == Outcome::Duplicate), "{outcomes:?}");
    let counts = writer.finish().unwrap();
    assert_eq!((counts.read, counts.indexed, counts.duplicate), (5, 0, 5));
    // Reopened from disk, still five.
    let index = Index::open(dir.path()).unwrap();
    assert_eq!(index.num_docs().unwrap(), 5);
    let stats = index.stats().unwrap();
    assert_eq!(stats.catalogue.runs.len(), 2);
    assert_eq!(stats.catalogue.runs[1].counts.duplicate, 5);
}

#[test]
fn duplicates_within_one_batch_are_counted_once() {
    let dir = tempfile::tempdir().unwrap();
    let index = Index::create_or_open(dir.path()).unwrap();
    let mut writer = index.writer(WriterOptions::small(), "test").unwrap();
    let mut twice = common::news();
    twice.extend(common::news());
    let outcomes = writer.add_batch(twice).unwrap();
    assert_eq!(outcomes.iter().filter(|o| **o == Outcome::Indexed).count(), 5);
    writer.finish().unwrap();
    assert_eq!(index.num_docs().unwrap(), 5);
}

#[test]
fn delete_and_update_by_id() {
    let news = common::news();
    let geneva = news[3].id.clone();
    let astana = news[0].id.clone();
    let (_dir, index) = build(news);

    let mut writer = index.writer(WriterOptions::small(), "delete").unwrap();
    assert!(writer.delete(&geneva).unwrap());
    assert!(!writer.delete(&ArticleId::from_raw("0000000000000000")).unwrap());
    let updated = Article::builder("محادثات استانا تنتهى ببيان ختامى", "انتهت المحادثات ببيان ختامى مشترك.")
        .source("youm7")
        .build();
    assert_eq!(writer.update(&astana, updated).unwrap(), Outcome::Replaced);
    let counts = writer.finish().unwrap();
    assert_eq!((counts.deleted, counts.replaced), (1, 1));

    assert_eq!(index.num_docs().unwrap(), 4);
    assert!(!index.contains(&geneva).unwrap());
    let stored = index.get(&astana).unwrap().unwrap();
    assert_eq!(stored.title, "محادثات استانا تنتهى ببيان ختامى");
    assert_eq!(q(&index, "ختامى"), vec!["محادثات استانا تنتهى ببيان ختامى".to_owned()]);
    assert!(q(&index, "جنيف").is_empty());
    assert_eq!(index.catalogue().unwrap().history(astana.as_str()).unwrap().len(), 2);
}

#[test]
fn replace_mode_upserts() {
    let (_dir, index) = build(common::news());
    let mut options = WriterOptions::small();
    options.replace = true;
    let mut writer = index.writer(options, "replace").unwrap();
    let outcomes = writer.add_batch(common::news()).unwrap();
    assert!(outcomes.iter().all(|o| *o == Outcome::Replaced), "{outcomes:?}");
    writer.finish().unwrap();
    assert_eq!(index.num_docs().unwrap(), 5);
}

#[test]
fn phrases_match_words_in_order() {
    let (_dir, index) = build(common::news());
    assert_eq!(q(&index, "\"محادثات السلام\""), sorted(vec![ASTANA]));
    // The same words, not adjacent in that order, do not match the phrase.
    assert!(q(&index, "\"السلام محادثات\"").is_empty());
    // Phrases go through the analyzer too: clitics and orthography.
    assert_eq!(q(&index, "\"وزير الخارجية الروسي\""), sorted(vec![LAVROV]));
}

#[test]
fn boolean_operators() {
    let (_dir, index) = build(common::news());
    assert_eq!(q(&index, "محادثات"), sorted(vec![ASTANA, LAVROV, GENEVA]));
    assert_eq!(q(&index, "محادثات -جنيف"), sorted(vec![ASTANA, LAVROV]));
    assert_eq!(q(&index, "محادثات NOT جنيف"), sorted(vec![ASTANA, LAVROV]));
    assert_eq!(q(&index, "محادثات AND القاهرة"), sorted(vec![LAVROV]));
    assert_eq!(q(&index, "+محادثات +القاهرة"), sorted(vec![LAVROV]));
    assert_eq!(q(&index, "جنيف OR الزمالك"), sorted(vec![GENEVA, FOOTBALL]));
    assert_eq!(q(&index, "(جنيف OR الزمالك) AND الأهلى"), sorted(vec![FOOTBALL]));
    assert_eq!(q(&index, "-محادثات"), sorted(vec![INVEST, FOOTBALL]));
}

#[test]
fn field_queries() {
    let (_dir, index) = build(common::news());
    assert_eq!(q(&index, "source:ahram"), sorted(vec![INVEST, FOOTBALL]));
    assert_eq!(q(&index, "source:AHRAM"), sorted(vec![INVEST, FOOTBALL]));
    assert_eq!(q(&index, "source:youm7 محادثات"), sorted(vec![ASTANA, LAVROV, GENEVA]));
    assert_eq!(q(&index, "+source:youm7 +محادثات"), sorted(vec![ASTANA, LAVROV]));
    assert_eq!(q(&index, "category:\"عربي ودولي\""), sorted(vec![ASTANA, GENEVA]));
    assert_eq!(q(&index, "title:جنيف"), sorted(vec![GENEVA]));
    // جنيف is only in Geneva's title and body; القاهرة is in one title only.
    assert_eq!(q(&index, "title:القاهرة"), sorted(vec![LAVROV]));
    assert_eq!(q(&index, "body:الزمالك"), sorted(vec![FOOTBALL]));
    assert_eq!(
        q(&index, "source:(bbc OR ahram) -الزمالك"),
        sorted(vec![INVEST, GENEVA])
    );
    let astana = common::news()[0].id.to_string();
    assert_eq!(q(&index, &format!("id:{astana}")), sorted(vec![ASTANA]));
}

#[test]
fn date_ranges() {
    let (_dir, index) = build(common::news());
    assert_eq!(q(&index, "published:2017-12"), sorted(vec![ASTANA, LAVROV]));
    assert_eq!(
        q(&index, "published:2017-12-01..2017-12-31"),
        sorted(vec![ASTANA, LAVROV])
    );
    assert_eq!(q(&index, "published:2017-12-21"), sorted(vec![ASTANA]));
    assert_eq!(q(&index, "published:2017"), sorted(vec![ASTANA, LAVROV, GENEVA]));
    assert_eq!(q(&index, "published:2018.."), sorted(vec![INVEST]));
    assert_eq!(
        q(&index, "محادثات published:..2017-11"),
        sorted(vec![ASTANA, LAVROV, GENEVA])
    );
    assert_eq!(q(&index, "+محادثات +published:..2017-11"), sorted(vec![GENEVA]));
    let mut request = SearchRequest::new("محادثات");
    request.from = Some("2017-12-01".into());
    request.to = Some("2017-12-10".into());
    assert_eq!(titles(&index, &request), vec![LAVROV.to_owned()]);
    // A date filter alone lists every article in the range.
    let mut request = SearchRequest::new("");
    request.from = Some("2018".into());
    assert_eq!(titles(&index, &request), vec![INVEST.to_owned()]);
}

/// Issue 17: `--from`/`--to` (and `published:`, and day timelines) use the
/// article's own calendar day, in its UTC offset; UTC when it has none.
#[test]
fn regression_day_filter_uses_the_articles_own_day() {
    let t = |s: &str| s.parse::<rasid_core::Timestamp>().unwrap();
    let (_dir, index) = build(vec![
        // 00:06 in Tunis is still 31 May in UTC: its own day is 1 June.
        Article::builder("بعد منتصف الليل", "نص المقال الأول")
            .published(t("2018-06-01T00:06:00+01:00"))
            .build(),
        // 23:30 in New York is already 1 June in UTC: its own day is 31 May.
        Article::builder("قبل منتصف الليل", "نص المقال الثاني")
            .published(t("2018-05-31T23:30:00-04:00"))
            .build(),
        // No offset: read as UTC.
        Article::builder("بلا توقيت", "نص المقال الثالث")
            .published(t("2018-06-01T00:30"))
            .build(),
    ]);
    let day = |from: &str, to: &str| {
        let mut request = SearchRequest::new("");
        request.from = Some(from.into());
        request.to = Some(to.into());
        let mut got = titles(&index, &request);
        got.sort();
        got
    };
    assert_eq!(
        day("2018-06-01", "2018-06-01"),
        sorted(vec!["بعد منتصف الليل", "بلا توقيت"])
    );
    assert_eq!(day("2018-05-31", "2018-05-31"), sorted(vec!["قبل منتصف الليل"]));
    assert_eq!(
        q(&index, "published:2018-06-01"),
        sorted(vec!["بعد منتصف الليل", "بلا توقيت"])
    );
    let timeline = index
        .timeline("", Some("2018-05-31"), Some("2018-06-01"), rasid_search::Interval::Day)
        .unwrap();
    let counts: Vec<u64> = timeline.buckets.iter().map(|b| b.count).collect();
    assert_eq!(counts, [1, 2], "{timeline:?}");
}

#[test]
fn sort_by_date() {
    let (_dir, index) = build(common::news());
    let mut request = SearchRequest::new("محادثات OR الاستثمار OR الزمالك");
    request.sort = Sort::Newest;
    assert_eq!(titles(&index, &request), vec![INVEST, ASTANA, LAVROV, GENEVA, FOOTBALL]);
    request.sort = Sort::Oldest;
    assert_eq!(titles(&index, &request), vec![GENEVA, LAVROV, ASTANA, INVEST, FOOTBALL]);
    let results = index.search(&request).unwrap();
    assert!(results.hits.iter().all(|h| h.score.is_none()));
}

#[test]
fn title_matches_rank_first() {
    let (_dir, index) = build(common::news());
    // استانا is in Astana's title and in three bodies.
    let found = titles(&index, &SearchRequest::new("استانا"));
    assert_eq!(found.first().map(String::as_str), Some(ASTANA));
    assert_eq!(found.len(), 3);
}

#[test]
fn facets_count_all_matches() {
    let (_dir, index) = build(common::news());
    let mut request = SearchRequest::new("محادثات OR الاستثمار");
    request.limit = 1;
    let results = index.search(&request).unwrap();
    assert_eq!(results.total, 4);
    assert_eq!(results.hits.len(), 1);
    let facets = results.facets.unwrap();
    assert_eq!(
        facets.sources,
        vec![("youm7".into(), 2), ("ahram".into(), 1), ("bbc".into(), 1)]
    );
    assert_eq!(
        facets.months,
        vec![("2017-11".into(), 1), ("2017-12".into(), 2), ("2018-01".into(), 1)]
    );
    assert!(facets.categories.contains(&("عربي ودولي".into(), 2)));
}

#[test]
fn paging() {
    let (_dir, index) = build(common::news());
    let mut request = SearchRequest::new("محادثات");
    request.limit = 2;
    let first: Vec<String> = index.search(&request).unwrap().hits.into_iter().map(|h| h.id).collect();
    request.offset = 2;
    let second: Vec<String> = index.search(&request).unwrap().hits.into_iter().map(|h| h.id).collect();
    assert_eq!(first.len(), 2);
    assert_eq!(second.len(), 1);
    assert!(!first.contains(&second[0]));
}

#[test]
fn snippets_mark_surface_words_with_offsets() {
    let news = common::news();
    let (_dir, index) = build(news.clone());
    let results = index.search(&SearchRequest::new("روسيا المحادثات")).unwrap();
    let hit = results.hits.iter().find(|h| h.title == ASTANA).unwrap();
    let snippet = hit.snippet.as_ref().unwrap();
    let body = &news[0].body;
    // Offsets point into the original body.
    assert_eq!(&body[snippet.start..snippet.start + snippet.text.len()], snippet.text);
    let words: HashSet<&str> = snippet
        .highlights
        .iter()
        .map(|s| &snippet.text[s.start..s.end])
        .collect();
    assert!(words.contains("وروسيا"), "{words:?}");
    assert!(words.contains("محادثات"), "{words:?}");
    assert!(words.contains("المحادثات"), "{words:?}");
    assert!(snippet.render("<b>", "</b>").contains("<b>وروسيا</b>"));
}

#[test]
fn more_like_this() {
    let mut news = common::news();
    news.push(
        Article::builder(
            "جولة جديدة من محادثات استانا",
            "تستضيف استانا جولة جديدة من محادثات السلام حول سوريا بمشاركة روسيا وتركيا وإيران والمعارضة السورية.",
        )
        .source("bbc")
        .build(),
    );
    let astana = news[0].id.clone();
    let (_dir, index) = build(news);
    let mut request = SearchRequest::new("");
    request.like = Some(astana.clone());
    let results = index.search(&request).unwrap();
    assert!(
        results.hits.iter().all(|h| h.id != astana.as_str()),
        "the article itself is left out"
    );
    assert_eq!(
        results.hits.first().map(|h| h.title.as_str()),
        Some("جولة جديدة من محادثات استانا")
    );

    request.like = Some(ArticleId::from_raw("ffffffffffffffff"));
    let err = index.search(&request).unwrap_err();
    assert!(matches!(err, IndexError::UnknownId(_)), "{err}");
}

#[test]
fn malformed_queries_are_usage_errors() {
    let (_dir, index) = build(common::news());
    let long = "محادثات ".repeat(1_250);
    for query in [
        "\"محادثات",
        "(a",
        "a)",
        "nope:x",
        "published:2017-13-01",
        "a AND",
        &long,
        "",
        "فى",
    ] {
        let mut request = SearchRequest::new(query);
        request.parse.strict = true;
        let err = index.search(&request).unwrap_err();
        assert!(err.is_usage(), "help: {query:?} should be a usage error, got {err}");
        assert!(matches!(err, IndexError::Query(_)));
        // Not strict (the default), only a query with nothing to search for is refused.
        let empty = query.trim().is_empty() || query == "فى";
        match index.search(&SearchRequest::new(query)) {
            Err(IndexError::Query(QueryError::Empty)) if empty => {}
            Ok(_) if !empty => {}
            other => panic!("help: {query:?} read leniently gave {other:?}"),
        }
    }
    let mut request = SearchRequest::new("محادثات");
    request.from = Some("2018-02".into());
    request.to = Some("2018-01".into());
    assert!(matches!(
        index.search(&request),
        Err(IndexError::Query(QueryError::EmptyRange { .. }))
    ));
}

#[test]
fn a_second_writer_is_refused() {
    let (_dir, index) = build(common::news());
    let _first = index.writer(WriterOptions::small(), "rasid serve --index idx").unwrap();
    let other = Index::open(index.path()).unwrap();
    let err = other.writer(WriterOptions::small(), "second").unwrap_err();
    assert!(matches!(err, IndexError::Locked { .. }), "{err}");
    assert!(err.to_string().contains("locked by another writer"));
    // Issue 19, item 4: the message named `rasid index` whoever held the lock.
    let message = err.to_string();
    assert!(message.contains("`rasid serve --index idx`, process "), "{message}");
    assert!(!message.contains("rasid index"), "{message}");
    // Searching is fine while a writer runs.
    assert_eq!(q(&other, "جنيف"), sorted(vec![GENEVA]));
}

#[test]
fn commits_in_batches() {
    let dir = tempfile::tempdir().unwrap();
    let index = Index::create_or_open(dir.path()).unwrap();
    let mut options = WriterOptions::small();
    options.commit_every = 10;
    let mut writer = index.writer(options, "batches").unwrap();
    for chunk in common::synthetic(35).chunks(5) {
        writer.add_batch(chunk.to_vec()).unwrap();
    }
    assert_eq!(writer.commits(), 3);
    assert_eq!(index.num_docs().unwrap(), 30);
    writer.finish().unwrap();
    assert_eq!(index.num_docs().unwrap(), 35);
    let stats = index.stats().unwrap();
    assert_eq!(stats.catalogue.outcomes, vec![("indexed".to_owned(), 35)]);
    assert_eq!(stats.catalogue.files, 1);
}

#[test]
fn articles_with_every_word_rank_first() {
    let mut news = common::news();
    news.push(
        Article::builder(
            "كيف تحذف المحادثات من واتساب",
            "لحذف المحادثات اضغط على المحادثات ثم اختر المحادثات التى تريد حذفها من قائمة المحادثات.",
        )
        .source("tech")
        .build(),
    );
    let (_dir, index) = build(news);
    let found = titles(&index, &SearchRequest::new("محادثات جنيف"));
    assert_eq!(found.first().map(String::as_str), Some(GENEVA), "{found:?}");
}
