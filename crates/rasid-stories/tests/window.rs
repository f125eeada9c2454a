//! Issue 19: a stories build holds the articles and stories within its time
//! window, not the archive's, and the result does not depend on where a build
//! was interrupted and resumed. Copies are looked for within
//! `COPY_WINDOW_SECONDS` of an article.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)] // test code

use rasid_core::{Article, Timestamp};
use rasid_search::{Index, WriterOptions};
use rasid_stories::{store_path, update_in_batches, ListQuery, Store, StoryBuilder, COPY_WINDOW_SECONDS};

const DAY: i64 = 86_400;

/// Sentences of a few running affairs; an article takes one of the affair
/// of its days, so that stories form and close as time goes on.
const TOPICS: [&str; 6] = [
    "أعلنت شركة الكهرباء انقطاع التيار عن عدة أحياء فى المدينة بسبب عطل فى محطة التحويل الرئيسية.",
    "حذرت وزارة المياه من نقص الإمدادات فى فصل الصيف مع ارتفاع الاستهلاك فى المدن الكبرى.",
    "افتتح وزير النقل طريقا سريعا جديدا يربط بين مدينتين بطول مئة وعشرين كيلومترا.",
    "بدأت المدارس استقبال الطلاب للعام الدراسى الجديد وسط استعدادات واسعة فى جميع المناطق.",
    "أطلق المستشفى الجامعى برنامجا لزراعة الكلى بالتعاون مع فريق طبى دولى متخصص.",
    "استقبل الرئيس وفدا من رجال الأعمال لبحث فرص الاستثمار فى قطاع الطاقة والتعدين.",
];

/// A sentence of made-up words of its own for each `n`: bodies are distinct.
fn own_sentence(n: usize) -> String {
    let letters: Vec<char> = "ثجحخدذرزشصضطظعغق".chars().collect();
    let word = |m: usize| -> String { (0..4).map(|k| letters[(m >> (4 * k)) % 16]).collect() };
    (0..12).map(|k| word(n * 12 + k)).collect::<Vec<_>>().join(" ") + "."
}

fn day(d: i64) -> Timestamp {
    let date = jiff::civil::date(2018, 3, 1)
        .checked_add(jiff::Span::new().days(d))
        .unwrap();
    format!("{date}T08:00:00").parse().unwrap()
}

/// `days` days of `per_day` articles; every fifth is a copy (other outlet,
/// other headline) of one published the day before.
fn archive(days: i64, per_day: usize) -> Vec<Article> {
    let mut out: Vec<Article> = Vec::new();
    for d in 0..days {
        for k in 0..per_day {
            let n = out.len();
            if n % 5 == 4 && n >= per_day {
                let original = &out[n - per_day];
                out.push(
                    Article::builder(format!("نقلا عن {n}"), original.body.clone())
                        .source("copy")
                        .published(day(d))
                        .build(),
                );
                continue;
            }
            let topic = TOPICS[((d / 5) as usize + k) % TOPICS.len()];
            let body = format!("{topic} {} {}", own_sentence(2 * n), own_sentence(2 * n + 1));
            out.push(
                Article::builder(format!("تقرير {n}"), body)
                    .source(["a", "b", "c"][k % 3])
                    .published(day(d))
                    .build(),
            );
        }
    }
    out
}

fn index(dir: &std::path::Path, articles: Vec<Article>) -> Index {
    let index = Index::create_or_open(dir).unwrap();
    let mut writer = index.writer(WriterOptions::small(), "test").unwrap();
    writer.add_batch(articles).unwrap();
    writer.finish().unwrap();
    index
}

/// Everything a build leaves in the store, links included, as text.
fn dump(store: &Store) -> String {
    let stories = store
        .stories(&ListQuery {
            limit: usize::MAX,
            ..ListQuery::default()
        })
        .unwrap();
    let mut out = serde_json::to_string(&stories).unwrap();
    let assignments = store.assignments().unwrap();
    out.push_str(&serde_json::to_string(&assignments).unwrap());
    for a in &assignments {
        out.push_str(&serde_json::to_string(&store.relations(&a.id, 20).unwrap()).unwrap());
    }
    out
}

/// The bound: what a build holds is a function of the articles per window.
/// Before, every article's fingerprint and every story stayed in memory.
#[test]
fn a_build_holds_the_window_not_the_archive() {
    let (days, per_day) = (80, 8);
    let dir = tempfile::tempdir().unwrap();
    let index = index(dir.path(), archive(days, per_day));
    let mut store = Store::open(&store_path(dir.path())).unwrap();
    let report = update_in_batches(&index, &mut store, 50, &mut |_, _| {}).unwrap();
    assert_eq!(report.added, 640);
    // An article's window reaches COPY_WINDOW_SECONDS back (and as far ahead,
    // where nothing is yet): 15 days of 8.
    let window = (COPY_WINDOW_SECONDS / DAY + 1) as usize * per_day;
    assert!(
        report.peak_articles_held <= window + 1,
        "{} articles held, window {window}",
        report.peak_articles_held
    );
    let stories = store.counts().unwrap().stories as usize;
    assert!(
        report.peak_stories_held * 3 < stories,
        "{} stories held of {stories}",
        report.peak_stories_held
    );
    // Copies of the day before were all found.
    assert_eq!(store.counts().unwrap().copies, 640 / 5 - 1);
}

/// The window is a matter of time, not of what a build happened to hold: a
/// build killed between batches and resumed gives what one build gives,
/// links included.
#[test]
fn an_interrupted_build_resumes_to_the_same_stories_and_links() {
    let articles = archive(45, 6);
    let straight = tempfile::tempdir().unwrap();
    let index_a = index(straight.path(), articles.clone());
    let mut store_a = Store::open(&store_path(straight.path())).unwrap();
    update_in_batches(&index_a, &mut store_a, 40, &mut |_, _| {}).unwrap();

    let broken = tempfile::tempdir().unwrap();
    let index_b = index(broken.path(), articles);
    let path = store_path(broken.path());
    for stop in [80, 80] {
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let mut store = Store::open(&path).unwrap();
            update_in_batches(&index_b, &mut store, 40, &mut |done, _| {
                if done >= stop {
                    panic!("killed");
                }
            })
        }));
        assert!(outcome.is_err());
    }
    let mut store_b = Store::open(&path).unwrap();
    assert_eq!(store_b.counts().unwrap().articles, 160);
    update_in_batches(&index_b, &mut store_b, 40, &mut |_, _| {}).unwrap();
    assert_eq!(dump(&store_a), dump(&store_b));
}

/// The vocabulary grows with the archive, so a build holds at most part of
/// it and reads the rest back from the store as batches need it: holding
/// none between batches gives the same stories, labels and links as holding
/// all of it.
#[test]
fn a_build_that_reads_the_vocabulary_back_gives_the_same_stories() {
    let articles = archive(30, 6);
    let build = |terms_held: Option<usize>| -> String {
        let dir = tempfile::tempdir().unwrap();
        let index = index(dir.path(), Vec::new());
        let mut store = Store::open(&store_path(dir.path())).unwrap();
        let mut engine = StoryBuilder::load(&store, index.pipeline().clone()).unwrap();
        if let Some(n) = terms_held {
            engine.hold_terms_at_most(n);
        }
        for batch in articles.chunks(20) {
            engine.add_batch(&mut store, batch.to_vec()).unwrap();
        }
        dump(&store)
    };
    assert_eq!(build(None), build(Some(0)));
}

/// The rule: a copy is looked for among the articles published within
/// `COPY_WINDOW_SECONDS` of it. A copy published within the window joins its
/// original's group even when that one is out of the window of the copy by
/// then (it is compared with the group's first member, read back from the
/// store); one published later starts a group of its own; a copy added late
/// (older than the store's newest article) finds its original.
#[test]
fn copies_are_looked_for_within_the_window() {
    let text = (0..30).map(own_sentence).collect::<Vec<_>>().join(" ");
    let article = |name: &str, d: i64, body: &str| {
        Article::builder(format!("خبر {name}"), body)
            .url(format!("https://example.com/{name}"))
            .source(name)
            .published(day(d))
            .build()
    };
    let near = text.replacen(&own_sentence(3), &own_sentence(100), 1);
    let nearer = near.replacen(&own_sentence(20), &own_sentence(101), 1);
    let gap = COPY_WINDOW_SECONDS / DAY;
    let mut articles = vec![
        article("first", 0, &text),
        article("near", 10, &near),
        article("chained", 10 + gap - 1, &nearer),
        article("late-copy", gap + 60, &text),
    ];
    // Unrelated articles in between, so that the window moves.
    for d in 1..gap + 60 {
        articles.push(article(&format!("other-{d}"), d, &own_sentence(1_000 + d as usize)));
    }
    let backfill = article("backfill", 30, &own_sentence(1_030));
    let mut ids: std::collections::HashMap<String, String> = articles
        .iter()
        .map(|a| (a.source.clone().unwrap(), a.id.to_string()))
        .collect();
    ids.insert("backfill".into(), backfill.id.to_string());
    let dir = tempfile::tempdir().unwrap();
    let index = index(dir.path(), articles);
    let mut store = Store::open(&store_path(dir.path())).unwrap();
    update_in_batches(&index, &mut store, 10, &mut |_, _| {}).unwrap();
    let group = |store: &Store, name: &str| {
        let id = &ids[name];
        store
            .assignments()
            .unwrap()
            .into_iter()
            .find(|a| &a.id == id)
            .unwrap()
            .group
    };
    let first = group(&store, "first");
    assert_eq!(group(&store, "near"), first);
    assert_eq!(
        group(&store, "chained"),
        first,
        "compared with the group's first member"
    );
    assert_ne!(group(&store, "late-copy"), first, "out of the window");

    // Added late: a copy of an article of day 30, published the same day.
    let mut writer = index.writer(WriterOptions::small(), "test").unwrap();
    writer.add_batch(vec![backfill]).unwrap();
    writer.finish().unwrap();
    let report = update_in_batches(&index, &mut store, 10, &mut |_, _| {}).unwrap();
    assert_eq!(report.added, 1);
    assert_eq!(group(&store, "backfill"), group(&store, "other-30"));
}

/// Articles deleted from the index are forgotten (the ids of both are walked
/// in order, no set of either held), and a group whose first member goes is
/// known by its next one, so the next build's window reads it back right.
#[test]
fn deleted_articles_are_forgotten_and_their_groups_relabelled() {
    let articles = archive(6, 5);
    let dir = tempfile::tempdir().unwrap();
    let index = index(dir.path(), articles.clone());
    let mut store = Store::open(&store_path(dir.path())).unwrap();
    update_in_batches(&index, &mut store, 7, &mut |_, _| {}).unwrap();
    let copies = store.counts().unwrap().copies;
    assert!(copies > 0);
    // Delete the original of the first copy (article 9, of the second day, copies article 4).
    let (original, copy) = (&articles[4], &articles[9]);
    assert_eq!(original.body, copy.body);
    let mut writer = index.writer(WriterOptions::small(), "test").unwrap();
    assert!(writer.delete(&original.id).unwrap());
    writer.finish().unwrap();
    let report = update_in_batches(&index, &mut store, 7, &mut |_, _| {}).unwrap();
    assert_eq!((report.added, report.removed), (0, 1));
    let assignments = store.assignments().unwrap();
    assert!(assignments.iter().all(|a| a.id != original.id.to_string()));
    let kept = assignments.iter().find(|a| a.id == copy.id.to_string()).unwrap();
    assert_eq!(kept.group, kept.seq, "the copy is now the first of its group");
    assert_eq!(store.counts().unwrap().copies, copies - 1);
    // A new copy of the same text joins the relabelled group.
    let again = Article::builder("نسخة أخرى", copy.body.clone())
        .source("other")
        .published(day(6))
        .build();
    let mut writer = index.writer(WriterOptions::small(), "test").unwrap();
    writer.add_batch(vec![again.clone()]).unwrap();
    writer.finish().unwrap();
    update_in_batches(&index, &mut store, 7, &mut |_, _| {}).unwrap();
    let assignments = store.assignments().unwrap();
    let joined = assignments.iter().find(|a| a.id == again.id.to_string()).unwrap();
    assert_eq!(joined.group, kept.seq);
}
