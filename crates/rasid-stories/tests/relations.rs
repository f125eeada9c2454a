//! The three relations are kept: copies fold search results, rewrites and
//! related articles are links of each article, found by the stories build
//! and, for a store made before links were kept, by the next build after it
//! is opened.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)] // test code

use rasid_core::{Article, Timestamp};
use rasid_search::{Index, SearchRequest, WriterOptions};
use rasid_stories::search::{search, Fold};
use rasid_stories::store::STORE_VERSION;
use rasid_stories::{store_path, update, ArticleRelations, Store};

/// Sentences of a wire story, to build copies, rewrites and follow-ups from.
const SENTENCES: [&str; 8] = [
    "أعلنت وزارة الصحة اليوم عن افتتاح مستشفى جديد في مدينة الرياض بسعة خمسمائة سرير لخدمة سكان العاصمة.",
    "وقال وزير الصحة إن المستشفى سيخدم سكان المنطقة الوسطى والشرقية خلال العام المقبل بعد اكتمال تجهيزاته.",
    "وأضاف الوزير أن العمل في المشروع استغرق ثلاث سنوات بتكلفة بلغت مليار ريال من ميزانية الوزارة.",
    "ويضم المستشفى أقساما للطوارئ والعناية المركزة وجراحة القلب ومركزا متخصصا لعلاج أمراض السرطان.",
    "وأشار المتحدث الرسمي إلى أن المستشفى سيوفر ألفي وظيفة للكوادر الطبية والفنية والإدارية من المواطنين.",
    "وكانت الوزارة قد وقعت عقد إنشاء المستشفى مع شركة وطنية للمقاولات قبل أربعة أعوام في حفل رسمي.",
    "ويأتي افتتاح المستشفى ضمن خطة الوزارة لرفع عدد الأسرة في المملكة إلى خمسين ألف سرير بحلول عام ألفين وعشرين.",
    "ودعت الوزارة المواطنين إلى مراجعة المراكز الصحية القريبة قبل التوجه إلى أقسام الطوارئ في المستشفيات الكبرى.",
];

const FOLLOW_UP: &str =
    "استقبل المستشفى الجديد في الرياض أول مرضاه صباح اليوم وسط إقبال كبير من سكان الأحياء المجاورة. \
    وأكد مدير المستشفى أن الأقسام كلها تعمل بكامل طاقتها منذ الساعات الأولى وأن المواعيد متاحة إلكترونيا. \
    وقال عدد من المرضى إن الخدمة كانت سريعة وإن المواعيد أقرب مما اعتادوه في المستشفيات الأخرى.";

const UNRELATED: &str =
    "فاز فريق الهلال على النصر بهدفين مقابل هدف في مباراة الدوري السعودي مساء أمس على ملعب الملك فهد \
    الدولي وسط حضور جماهيري كبير، وسجل المهاجم هدف الفوز في الدقائق الأخيرة من المباراة بعد تمريرة من خط الوسط.";

/// The original, a copy of it, a rewrite (cut to its first half), a
/// follow-up sharing one background sentence, and an unrelated article.
fn articles() -> Vec<Article> {
    let at = |hour: u32| -> Timestamp { format!("2018-03-01T{hour:02}:00:00").parse().unwrap() };
    vec![
        Article::builder("افتتاح مستشفى جديد في الرياض", SENTENCES.join(" "))
            .source("spa")
            .published(at(8))
            .build(),
        Article::builder(
            "الصحة تفتتح مستشفى الرياض",
            format!("الرياض - واس: {}", SENTENCES[..7].join(" ")),
        )
        .source("okaz")
        .published(at(9))
        .build(),
        Article::builder("مستشفى بخمسمائة سرير", SENTENCES[..4].join(" "))
            .source("alriyadh")
            .published(at(10))
            .build(),
        Article::builder(
            "أول المرضى في مستشفى الرياض الجديد",
            format!("{FOLLOW_UP} {}", SENTENCES[3]),
        )
        .source("alwatan")
        .published(at(11))
        .build(),
        Article::builder("الهلال يفوز على النصر", UNRELATED)
            .source("alyaum")
            .published(at(12))
            .build(),
    ]
}

fn built(dir: &std::path::Path) -> (Index, Vec<String>) {
    let index = Index::create_or_open(dir).unwrap();
    let articles = articles();
    let ids = articles.iter().map(|a| a.id.to_string()).collect();
    let mut writer = index.writer(WriterOptions::small(), "test").unwrap();
    writer.add_batch(articles).unwrap();
    writer.finish().unwrap();
    (index, ids)
}

fn ids(list: &[rasid_stories::Linked]) -> Vec<&str> {
    list.iter().map(|l| l.id.as_str()).collect()
}

fn check(store: &Store, ids_of: &[String]) {
    let [original, copy, rewrite, follow_up, unrelated] = [0, 1, 2, 3, 4].map(|i| ids_of[i].as_str());
    let of = |id: &str| -> ArticleRelations { store.relations(id, 10).unwrap().expect("the build saw it") };

    let a = of(original);
    assert_eq!(ids(&a.copies), [copy]);
    assert_eq!(ids(&a.rewrites), [rewrite]);
    assert_eq!(ids(&a.related), [follow_up]);
    assert!(a.rewrites[0].shared.unwrap() >= 0.6, "{:?}", a.rewrites);
    assert_eq!(a.rewrites[0].source.as_deref(), Some("alriyadh"));
    assert!(a.copies[0].shared.is_none());
    let story = a.story.as_ref().expect("a story");

    // A copy shares its group's links, and shows the original as its copy.
    let b = of(copy);
    assert_eq!(ids(&b.copies), [original]);
    assert_eq!(ids(&b.rewrites), [rewrite]);
    assert_eq!(ids(&b.related), [follow_up]);
    assert_eq!(b.story.as_ref().map(|s| s.id), Some(story.id));

    // Links go both ways, and a linked copy group shows once.
    let c = of(rewrite);
    assert!(c.copies.is_empty());
    assert_eq!(c.rewrites.len(), 1, "{:?}", c.rewrites);
    assert!([original, copy].contains(&c.rewrites[0].id.as_str()));

    let d = of(follow_up);
    assert!(d.rewrites.is_empty(), "{:?}", d.rewrites);
    assert!(!d.related.is_empty());

    let e = of(unrelated);
    assert!(
        e.copies.is_empty() && e.rewrites.is_empty() && e.related.is_empty(),
        "{e:?}"
    );
    assert!(store.relations("no-such-article", 10).unwrap().is_none());
}

#[test]
fn copies_rewrites_and_related_articles_are_kept_apart() {
    let dir = tempfile::tempdir().unwrap();
    let (index, ids_of) = built(dir.path());
    let mut store = Store::open(&store_path(dir.path())).unwrap();
    update(&index, &mut store, &mut |_, _| {}).unwrap();
    check(&store, &ids_of);

    // Only copies fold search results: the rewrite and the follow-up stay.
    let folded = search(
        &index,
        &SearchRequest::new("المستشفى"),
        &Fold {
            collapse: true,
            story: None,
        },
    )
    .unwrap();
    let shown: Vec<&str> = folded.results.hits.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(shown.len(), 3, "{shown:?}");
    assert_eq!(folded.copies.values().map(Vec::len).sum::<usize>(), 1);
    assert!(shown.contains(&ids_of[2].as_str()) && shown.contains(&ids_of[3].as_str()));

    // Forgetting an article forgets its links.
    store.remove(&[ids_of[2].clone()]).unwrap();
    let a = store.relations(&ids_of[0], 10).unwrap().unwrap();
    assert!(a.rewrites.is_empty(), "{:?}", a.rewrites);
    assert_eq!(a.related.len(), 1);
}

#[test]
fn regression_store_before_links_is_migrated() {
    let dir = tempfile::tempdir().unwrap();
    let (index, ids_of) = built(dir.path());
    let path = store_path(dir.path());
    {
        let mut store = Store::open(&path).unwrap();
        update(&index, &mut store, &mut |_, _| {}).unwrap();
    }
    // Made into what version 1 wrote: no links or lines table, no `follows`, version 1.
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(
            "DROP TABLE links; DROP TABLE lines; ALTER TABLE stories DROP COLUMN follows;
             UPDATE meta SET value = '1' WHERE key = 'version';",
        )
        .unwrap();
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(STORE_VERSION, 3);
    assert!(store.links_pending().unwrap());
    let before = store.relations(&ids_of[0], 10).unwrap().unwrap();
    assert_eq!(ids(&before.copies), [ids_of[1].as_str()], "copies need no migration");
    assert!(before.rewrites.is_empty() && before.related.is_empty());
    drop(store);
    // Opened again before a build: still pending, now version 3.
    let mut store = Store::open(&path).unwrap();
    assert!(store.links_pending().unwrap());
    let report = update(&index, &mut store, &mut |_, _| {}).unwrap();
    assert_eq!(report.added, 0);
    assert!(!store.links_pending().unwrap());
    check(&store, &ids_of);
}
