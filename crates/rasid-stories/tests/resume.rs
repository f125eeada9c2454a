//! A build interrupted between batches keeps what it wrote, and the next
//! build carries on to the same result as one uninterrupted build.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)] // test code

use rasid_core::{Article, Timestamp};
use rasid_search::{Index, WriterOptions};
use rasid_stories::{store_path, update, update_in_batches, update_with, ListQuery, Store};

const BODIES: [&str; 5] = [
    "أعلنت شركة الكهرباء انقطاع التيار عن عدة أحياء فى المدينة بسبب عطل فى محطة التحويل الرئيسية، وقالت إن فرق الصيانة تعمل على إصلاح العطل خلال ساعات.",
    "حذرت وزارة المياه من نقص الإمدادات فى فصل الصيف مع ارتفاع الاستهلاك، ودعت السكان إلى ترشيد استخدام المياه وإبلاغ الجهات المختصة عن أى تسرب.",
    "افتتح وزير النقل طريقا سريعا جديدا يربط بين مدينتين بطول مئة وعشرين كيلومترا، ويتوقع أن يخفف الطريق الازدحام المرورى ويختصر زمن الرحلة.",
    "بدأت المدارس استقبال الطلاب للعام الدراسى الجديد وسط استعدادات واسعة، وأكدت الوزارة توفير الكتب والمعلمين فى جميع المراحل الدراسية.",
    "أطلق المستشفى الجامعى برنامجا لزراعة الكلى بالتعاون مع فريق طبى دولى، وأجرى الأطباء أول عملية ناجحة لمريض فى الأربعين من عمره.",
];

/// Five reports, each with a copy in another outlet.
fn articles() -> Vec<Article> {
    let day: Timestamp = "2018-03-01T08:00:00".parse().unwrap();
    let mut out = Vec::new();
    for (i, body) in BODIES.iter().enumerate() {
        out.push(
            Article::builder(format!("خبر {i}"), *body)
                .source("a")
                .published(day)
                .build(),
        );
        out.push(
            Article::builder(format!("نبأ {i}"), *body)
                .source("b")
                .published(day)
                .build(),
        );
    }
    out
}

fn index(dir: &std::path::Path) -> Index {
    let index = Index::create_or_open(dir).unwrap();
    let mut writer = index.writer(WriterOptions::small(), "test").unwrap();
    writer.add_batch(articles()).unwrap();
    writer.finish().unwrap();
    index
}

fn summary(store: &Store) -> (rasid_stories::StoreCounts, Vec<(u64, u64)>) {
    let stories = store
        .stories(&ListQuery {
            limit: 100,
            ..ListQuery::default()
        })
        .unwrap();
    (
        store.counts().unwrap(),
        stories.iter().map(|s| (s.articles, s.reports)).collect(),
    )
}

#[test]
fn interrupted_build_resumes_to_the_same_result() {
    let straight = tempfile::tempdir().unwrap();
    let index_a = index(straight.path());
    let mut store_a = Store::open(&store_path(straight.path())).unwrap();
    update(&index_a, &mut store_a, &mut |_, _| {}).unwrap();

    let broken = tempfile::tempdir().unwrap();
    let index_b = index(broken.path());
    let path = store_path(broken.path());
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let mut store = Store::open(&path).unwrap();
        update_in_batches(&index_b, &mut store, 4, &mut |done, _| {
            if done >= 4 {
                panic!("killed after the first batch");
            }
        })
    }));
    assert!(outcome.is_err());
    let mut store_b = Store::open(&path).unwrap();
    assert_eq!(store_b.counts().unwrap().articles, 4, "the first batch was kept");
    let report = update(&index_b, &mut store_b, &mut |_, _| {}).unwrap();
    assert_eq!(report.added, 6);
    assert_eq!(summary(&store_a), summary(&store_b));
    assert_eq!(store_b.counts().unwrap().copies, 5);
}

/// Regression (issue 19: a stories update of 100,000 articles wrote about
/// 10 GB, each batch's commit rewriting pages all over the vocabulary and the
/// paragraph counts): a build writes several batches in one transaction. A
/// build killed in the middle of one keeps the transactions before it, none
/// of the batches of the one it was in, and resumes to the same result.
#[test]
fn a_build_killed_within_a_commit_of_several_batches_keeps_only_whole_commits() {
    let (_straight, store_a) = built(2, 1);

    let broken = tempfile::tempdir().unwrap();
    let index_b = index(broken.path());
    let path = store_path(broken.path());
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let mut store = Store::open(&path).unwrap();
        // Batches of 2 articles, 2 batches a commit: killed after the first
        // batch of the second commit.
        update_with(&index_b, &mut store, 2, 2, &mut |done, _| {
            if done >= 6 {
                panic!("killed within the second commit");
            }
        })
    }));
    assert!(outcome.is_err());
    let mut store_b = Store::open(&path).unwrap();
    assert_eq!(
        store_b.counts().unwrap().articles,
        4,
        "the first commit, and only it, was kept"
    );
    let report = update_with(&index_b, &mut store_b, 2, 2, &mut |_, _| {}).unwrap();
    assert_eq!(report.added, 6);
    assert_eq!(summary(&store_a), summary(&store_b));
}

/// Batches written a commit each or several to a commit give the same store.
#[test]
fn batches_grouped_into_commits_give_the_same_stories() {
    let (_one, a) = built(3, 1);
    let (_grouped, b) = built(3, 3);
    assert_eq!(summary(&a), summary(&b));
}

/// A store built in one go from the test index: `batch` articles a batch,
/// `per_commit` batches a commit.
fn built(batch: usize, per_commit: usize) -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let index = index(dir.path());
    let mut store = Store::open(&store_path(dir.path())).unwrap();
    update_with(&index, &mut store, batch, per_commit, &mut |_, _| {}).unwrap();
    (dir, store)
}
