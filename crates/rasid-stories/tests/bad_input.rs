//! Bad input through the whole build (engine and store): articles without
//! dates, identical bodies under different ids, one-word and empty articles,
//! and 10,000 copies of one article.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)] // test code

use rasid_core::{Article, Timestamp};
use rasid_stories::{StoryBuilder, ListQuery, Store};

const BODY: &str =
    "أعلنت وزارة الداخلية اليوم القبض على شبكة لتهريب المخدرات فى منطقة جازان وضبط كميات كبيرة من الحبوب المخدرة.";

fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("stories.sqlite")).unwrap();
    (dir, store)
}

fn all(store: &Store) -> Vec<rasid_stories::StoryInfo> {
    store
        .stories(&ListQuery {
            limit: 1000,
            ..ListQuery::default()
        })
        .unwrap()
}

#[test]
fn undated_identical_one_word_and_empty_articles() {
    let (_dir, mut store) = store();
    let mut engine = StoryBuilder::load(&store, rasid_pipeline::Pipeline::default()).unwrap();
    let articles = vec![
        // Identical bodies, different ids (sources), no dates.
        Article::builder("ضبط شبكة تهريب", BODY).source("okaz").build(),
        Article::builder("القبض على مهربين", BODY).source("alriyadh").build(),
        // One-word bodies under different headlines: not copies.
        Article::builder("هدف رائع", "فيديو").build(),
        Article::builder("حريق فى مصنع", "فيديو").build(),
        // Nothing to read at all.
        Article::builder("", "").build(),
        Article::builder("...", "؟!").build(),
    ];
    engine.add_batch(&mut store, articles).unwrap();
    let counts = store.counts().unwrap();
    assert_eq!(counts.articles, 6);
    assert_eq!((counts.duplicate_groups, counts.copies), (1, 1), "{counts:?}");
    let stories = all(&store);
    assert!(stories.iter().all(|s| s.first.is_none() && s.last.is_none()));
    let copies = stories
        .iter()
        .find(|s| s.articles == 2)
        .expect("the copies share a story");
    assert_eq!(copies.reports, 1);
    // Reloading the store and adding more keeps working.
    let mut engine = StoryBuilder::load(&store, rasid_pipeline::Pipeline::default()).unwrap();
    let again = Article::builder("ضبط", BODY).source("sabq").build();
    engine
        .add_batch(&mut store, vec![again.clone(), again.clone()])
        .unwrap();
    assert_eq!(store.counts().unwrap().copies, 2);
    // An id the store holds already is not added twice.
    engine.add_batch(&mut store, vec![again]).unwrap();
    assert_eq!(store.counts().unwrap().articles, 7);
}

#[test]
fn ten_thousand_copies_make_one_group_and_one_story() {
    let (_dir, mut store) = store();
    let mut engine = StoryBuilder::load(&store, rasid_pipeline::Pipeline::default()).unwrap();
    let day: Timestamp = "2018-03-01T08:00:00".parse().unwrap();
    for batch in 0..10 {
        let articles: Vec<Article> = (0..1_000)
            .map(|i| {
                Article::builder("ضبط شبكة تهريب", BODY)
                    .source(format!("outlet-{batch}-{i}"))
                    .published(day)
                    .build()
            })
            .collect();
        engine.add_batch(&mut store, articles).unwrap();
    }
    let counts = store.counts().unwrap();
    assert_eq!(counts.articles, 10_000);
    assert_eq!((counts.duplicate_groups, counts.copies, counts.stories), (1, 9_999, 1));
    let stories = all(&store);
    assert_eq!((stories[0].articles, stories[0].reports), (10_000, 1));
    // The store stays small: one row per article, no per-pair data.
    let bytes = std::fs::metadata(store.path()).unwrap().len()
        + std::fs::metadata(store.path().with_extension("sqlite-wal")).map_or(0, |m| m.len());
    assert!(bytes < 40_000_000, "{bytes} bytes");
}
