//! Issue 19, defect 6: two stories builds of one index must give the same
//! stories, groups and labels, byte for byte, whatever the thread count.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)] // test code

use rasid_core::{Article, Timestamp};
use rasid_search::{Index, WriterOptions};
use rasid_stories::{store_path, update_in_batches, ListQuery, Store};

const SENTENCES: [&str; 12] = [
    "أعلنت شركة الكهرباء انقطاع التيار عن عدة أحياء فى المدينة بسبب عطل فى محطة التحويل الرئيسية.",
    "قالت فرق الصيانة إنها تعمل على إصلاح العطل خلال ساعات وإعادة التيار إلى المنازل.",
    "حذرت وزارة المياه من نقص الإمدادات فى فصل الصيف مع ارتفاع الاستهلاك.",
    "دعت الوزارة السكان إلى ترشيد استخدام المياه وإبلاغ الجهات المختصة عن أى تسرب.",
    "افتتح وزير النقل طريقا سريعا جديدا يربط بين مدينتين بطول مئة وعشرين كيلومترا.",
    "يتوقع أن يخفف الطريق الازدحام المرورى ويختصر زمن الرحلة بين المدينتين.",
    "بدأت المدارس استقبال الطلاب للعام الدراسى الجديد وسط استعدادات واسعة.",
    "أكدت وزارة التعليم توفير الكتب والمعلمين فى جميع المراحل الدراسية.",
    "أطلق المستشفى الجامعى برنامجا لزراعة الكلى بالتعاون مع فريق طبى دولى.",
    "أجرى الأطباء أول عملية ناجحة لمريض فى الأربعين من عمره.",
    "استقبل الرئيس وفدا من رجال الأعمال لبحث فرص الاستثمار فى قطاع الطاقة.",
    "ناقش الجانبان مشروعات الطاقة الشمسية وتوسيع شبكة الكهرباء فى الجنوب.",
];

/// Articles mixing the sentences over a few weeks: copies, near copies and
/// reports that share some words, so that grouping and clustering have
/// choices to make.
fn articles() -> Vec<Article> {
    let mut out = Vec::new();
    for i in 0..90usize {
        let a = SENTENCES[i % SENTENCES.len()];
        let b = SENTENCES[(i * 7 + 3) % SENTENCES.len()];
        let c = SENTENCES[(i / 3) % SENTENCES.len()];
        let published: Timestamp = format!("2018-03-{:02}T{:02}:00:00", 1 + i % 20, 8 + i % 5)
            .parse()
            .unwrap();
        out.push(
            Article::builder(format!("تقرير {}", i % 30), format!("{a} {b} {c}"))
                .source(["a", "b", "c"][i % 3])
                .published(published)
                .build(),
        );
    }
    out
}

/// Everything a build leaves in the store, as text.
fn dump(store: &Store) -> String {
    let stories = store
        .stories(&ListQuery {
            limit: usize::MAX,
            ..ListQuery::default()
        })
        .unwrap();
    let mut out = serde_json::to_string(&stories).unwrap();
    out.push_str(&serde_json::to_string(&store.assignments().unwrap()).unwrap());
    for story in &stories {
        for (key, display, weight) in store.story_terms(story.id, 20).unwrap() {
            out.push_str(&format!("\n{} {key} {display} {:08x}", story.id, weight.to_bits()));
        }
    }
    out
}

fn build(index: &Index, threads: usize, batch: usize) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = store_path(dir.path());
    let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
    pool.install(|| {
        let mut store = Store::open(&path).unwrap();
        update_in_batches(index, &mut store, batch, &mut |_, _| {}).unwrap();
        dump(&store)
    })
}

#[test]
fn regression_stories_builds_differ_with_thread_count() {
    let dir = tempfile::tempdir().unwrap();
    let index = Index::create_or_open(dir.path()).unwrap();
    let mut writer = index.writer(WriterOptions::small(), "test").unwrap();
    writer.add_batch(articles()).unwrap();
    writer.finish().unwrap();
    let first = build(&index, 1, 1_000);
    assert!(first.contains("\"label\""), "{first}");
    for (threads, round) in [(4, 0), (2, 1), (1, 2), (3, 3)] {
        let again = build(&index, threads, 1_000);
        assert!(
            again == first,
            "build {round} with {threads} threads differs:\n{again}\n---\n{first}"
        );
    }
}
