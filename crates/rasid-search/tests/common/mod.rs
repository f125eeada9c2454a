//! Fixtures shared by the integration tests.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)] // test code
#![allow(dead_code)]

use rasid_core::{Article, Origin, Timestamp};

/// A small news corpus, written as Egyptian sites write (`فى`, hamza dropped).
pub fn news() -> Vec<Article> {
    let t = |s: &str| s.parse::<Timestamp>().unwrap();
    vec![
        Article::builder(
            "بدء جولة محادثات سلام جديدة حول سوريا فى استانا",
            "انطلقت اليوم فى العاصمة الكازاخية استانا جولة جديدة من محادثات السلام بمشاركة تركيا وروسيا وإيران.\n\
             وقال المبعوث الأممى إن المحادثات ستتناول ملف المعتقلين.",
        )
        .source("youm7")
        .category("عربي ودولي")
        .published(t("2017-12-21T10:57"))
        .build(),
        Article::builder(
            "وزير الخارجية الروسى يصل القاهرة",
            "وصل وزير الخارجية الروسى إلى القاهرة لبحث الأزمة السورية ونتائج محادثات استانا مع نظيره المصرى.",
        )
        .source("youm7")
        .category("سياسة")
        .published(t("2017-12-05T09:00"))
        .build(),
        Article::builder(
            "الحكومة تعلن خطة لدعم الاستثمار",
            "أعلنت الحكومة خطة جديدة لدعم الاستثمار الأجنبى وزيادة الصادرات خلال العام المقبل.",
        )
        .source("ahram")
        .category("اقتصاد")
        .published(t("2018-01-10T12:00"))
        .build(),
        Article::builder(
            "محادثات جنيف تتعثر",
            "تعثرت محادثات جنيف بين الحكومة السورية والمعارضة بعد خلاف حول جدول الأعمال، فيما تستعد استانا لجولة جديدة.",
        )
        .source("bbc")
        .category("عربي ودولي")
        .published(t("2017-11-28T18:30"))
        .build(),
        Article::builder(
            "مباراة الأهلى والزمالك",
            "فاز الأهلى على الزمالك فى مباراة القمة بهدفين مقابل هدف.",
        )
        .source("ahram")
        .category("رياضة")
        .build(),
    ]
}

/// `n` distinct synthetic articles, the same every time, with origins.
pub fn synthetic(n: usize) -> Vec<Article> {
    const WORDS: [&str; 12] = [
        "محادثات",
        "استانا",
        "سوريا",
        "روسيا",
        "الحكومة",
        "المعارضة",
        "وزير",
        "القاهرة",
        "الاستثمار",
        "جولة",
        "السلام",
        "مؤتمر",
    ];
    (0..n)
        .map(|i| {
            let body: Vec<&str> = (0..40).map(|k| WORDS[(i * 7 + k * 3 + k * k) % WORDS.len()]).collect();
            Article::builder(format!("خبر رقم {i}"), format!("{} {i}", body.join(" ")))
                .source(if i % 2 == 0 { "youm7" } else { "ahram" })
                .origin(Origin {
                    path: "synthetic.jsonl".into(),
                    line: Some(i as u64 + 1),
                    ..Origin::default()
                })
                .build()
        })
        .collect()
}
