//! Issue 17, item 4: an outlet that ends every article with the same teaser
//! block (`اقرأ أيضا` and headlines of its other articles) joined unrelated
//! articles into one story and put the teasers into story summaries. The
//! outlet's repeated lines are now learnt from the corpus and left out.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)] // test code

use std::collections::HashSet;

use rasid_core::{Article, Timestamp};
use rasid_search::{Index, WriterOptions};
use rasid_stories::{store_path, story_detail, update, Store};

/// Unrelated news, one short report each.
const REPORTS: [(&str, &str); 6] = [
    ("أمطار في جدة", "هطلت أمطار غزيرة على جدة وأغلقت السيول الأنفاق."),
    (
        "مصنع للأدوية",
        "افتتح وزير الصناعة مصنعا جديدا للأدوية بالمدينة الصناعية.",
    ),
    ("أسعار النفط", "ارتفعت أسعار خام برنت مع تراجع المخزونات الأمريكية."),
    ("معرض الكتاب", "استقبل معرض الكتاب الدولي آلاف الزوار بمشاركة دور النشر."),
    ("حملة تطعيم", "أطلقت الشؤون الصحية حملة لتطعيم الأطفال ضد الحصبة."),
    ("قطار الحرمين", "دشن أمير المنطقة رحلات قطار الحرمين بين مكة والمدينة."),
];

/// The teaser block the outlet appends to every article: headlines of its other articles.
const TEASER: [&str; 6] = [
    "اقرأ أيضا",
    "المنتخب الوطني يتأهل إلى نهائيات كأس العالم بعد فوزه على الكونغو بهدفين نظيفين",
    "الهلال يتعاقد مع مهاجم برازيلي لتعزيز صفوف الفريق في دوري أبطال آسيا",
    "مدرب المنتخب يعلن قائمة اللاعبين لمعسكر الإعداد قبل انطلاق البطولة العالمية",
    "اتحاد الكرة يحدد موعد انطلاق الموسم الجديد ويعتمد جدول المباريات الكامل",
    "الاتحاد الآسيوي يختار ملعب الملك فهد لاستضافة المباراة النهائية للبطولة القارية",
];

/// Reports on other subjects from another outlet, with no teasers (two
/// subjects each, so that the corpus has enough articles for word weights).
fn others() -> Vec<Article> {
    let subjects = [
        "أعلنت وزارة التعليم مواعيد الاختبارات النهائية للفصل الدراسي الثاني في جميع المراحل",
        "وقعت الهيئة العامة للطيران المدني اتفاقية لتطوير مطار أبها الإقليمي وتوسعة صالاته",
        "أكد البنك المركزي استقرار معدلات التضخم خلال الربع الأول من العام الجاري",
        "نظمت الجمعية الخيرية حملة لتوزيع السلال الغذائية على الأسر المحتاجة في القرى",
        "بحث مجلس الغرف التجارية فرص الاستثمار في قطاع السياحة مع وفد من المستثمرين",
        "أعلن الدفاع المدني السيطرة على حريق شب في مستودع للأخشاب دون وقوع إصابات",
        "استضافت الجامعة مؤتمرا دوليا عن الذكاء الاصطناعي بمشاركة باحثين من عشرين دولة",
        "طالبت البلدية أصحاب المحلات بإزالة اللوحات المخالفة خلال مهلة أسبوعين",
    ];
    let mut out = Vec::new();
    for (i, a) in subjects.iter().enumerate() {
        for b in subjects.iter().skip(i + 1) {
            out.push(
                Article::builder(format!("خبر محلي {}", out.len()), format!("{a}.\n{b}."))
                    .source("other")
                    .published(day())
                    .build(),
            );
        }
    }
    out
}

fn day() -> Timestamp {
    "2018-03-05T09:00:00".parse().unwrap()
}

/// The other articles, then the reports, the i-th ending with `ending(i)`
/// and from outlet `outlet(i)`.
fn reports_ending_with(outlet: impl Fn(usize) -> String, ending: impl Fn(usize) -> String) -> Vec<Article> {
    let mut out = others();
    for (i, (title, body)) in REPORTS.iter().enumerate() {
        out.push(
            Article::builder(*title, format!("{body}\n{}", ending(i)))
                .source(outlet(i))
                .published(day())
                .build(),
        );
    }
    out
}

/// The outlet's articles: each report followed by the teaser block; `outlet(i)`
/// names the outlet of the i-th.
fn corpus(outlet: impl Fn(usize) -> String) -> Vec<Article> {
    reports_ending_with(outlet, |_| TEASER.join("\n"))
}

/// Builds the stories; returns each report's story and every story summary's text.
fn build(articles: Vec<Article>) -> (Vec<i64>, Vec<String>) {
    let dir = tempfile::tempdir().unwrap();
    let index = Index::create_or_open(dir.path()).unwrap();
    let mut writer = index.writer(WriterOptions::small(), "test").unwrap();
    let ids: Vec<String> = articles[articles.len() - REPORTS.len()..]
        .iter()
        .map(|a| a.id.to_string())
        .collect();
    writer.add_batch(articles).unwrap();
    writer.finish().unwrap();
    let mut store = Store::open(&store_path(dir.path())).unwrap();
    update(&index, &mut store, &mut |_, _| {}).unwrap();
    let of = store.groups_of(&ids).unwrap();
    let stories: Vec<i64> = ids.iter().map(|id| of[id].1).collect();
    let distinct: HashSet<i64> = stories.iter().copied().collect();
    let summaries = distinct
        .iter()
        .flat_map(|&s| story_detail(&index, &store, s, 5).unwrap().summary)
        .map(|s| s.text)
        .collect();
    (stories, summaries)
}

/// Whether `text` holds the first four words of any of `lines`.
fn quotes_any(text: &str, lines: &[&str]) -> bool {
    lines.iter().any(|t| {
        let head: Vec<&str> = t.split(' ').take(4).collect();
        text.contains(&head.join(" "))
    })
}

fn has_teaser(text: &str) -> bool {
    quotes_any(text, &TEASER[1..])
}

#[test]
fn regression_outlet_teasers_join_unrelated_articles() {
    // Without learning (the teaser comes from six outlets, once each, so no
    // outlet repeats it): the teaser joins unrelated reports and is summarised.
    let (stories, summaries) = build(corpus(|i| format!("outlet{i}")));
    let distinct: HashSet<i64> = stories.iter().copied().collect();
    assert!(
        distinct.len() < REPORTS.len(),
        "the teaser should join reports: {stories:?}"
    );
    assert!(summaries.iter().any(|s| has_teaser(s)), "{summaries:?}");

    // One outlet repeating its teaser block: learnt, left out.
    let (stories, summaries) = build(corpus(|_| "outlet".to_owned()));
    let distinct: HashSet<i64> = stories.iter().copied().collect();
    assert_eq!(distinct.len(), REPORTS.len(), "unrelated reports joined: {stories:?}");
    assert!(!summaries.is_empty());
    for s in &summaries {
        assert!(
            !has_teaser(s) && !s.contains("اقرأ أيضا"),
            "boilerplate in a summary: {s}"
        );
    }
}

/// Leads of an outlet's other articles: long paragraphs that stand alone.
const LEADS: [&str; 6] = [
    "أعلن الاتحاد الدولي لكرة القدم اليوم عن تعديلات جديدة في قوانين اللعبة تشمل استخدام تقنية الفيديو في جميع المباريات الدولية الرسمية اعتبارا من الموسم المقبل",
    "كشفت دراسة علمية حديثة أجراها باحثون في جامعة كبرى أن النوم لساعات كافية يحسن الذاكرة ويقلل خطر الإصابة بأمراض القلب لدى البالغين بنسبة كبيرة",
    "تراجعت أسعار الذهب في الأسواق العالمية مع ارتفاع الدولار الأمريكي وتزايد توقعات المستثمرين برفع أسعار الفائدة خلال الاجتماع المقبل للبنك المركزي",
    "أطلقت وكالة الفضاء قمرا صناعيا جديدا لرصد التغيرات المناخية وتتبع ذوبان الجليد في القطبين على مدى السنوات العشر المقبلة من مهمته العلمية",
    "افتتحت الحكومة أكبر محطة لتحلية مياه البحر في المنطقة بطاقة إنتاجية تكفي لتزويد مليون نسمة بمياه الشرب يوميا وفق بيان رسمي صدر اليوم",
    "حذرت منظمة الصحة العالمية من انتشار موجة جديدة من الإنفلونزا الموسمية ودعت الدول إلى تسريع حملات التطعيم قبل حلول فصل الشتاء القادم هذا العام",
];

/// The outlet's reports, each ending with the leads of three of its other
/// articles (a rotating "latest news" block): every lead is repeated in three
/// reports, fewer than a long paragraph needs to be learnt by count alone.
fn teaser_corpus(outlet: impl Fn(usize) -> String) -> Vec<Article> {
    block_corpus(&LEADS, outlet)
}

/// As [`teaser_corpus`], with other leads.
fn block_corpus(leads: &[&str], outlet: impl Fn(usize) -> String) -> Vec<Article> {
    reports_ending_with(outlet, |i| {
        let block: Vec<&str> = (0..3).map(|k| leads[(i + k) % leads.len()]).collect();
        block.join("\n")
    })
}

fn has_lead(text: &str) -> bool {
    quotes_any(text, &LEADS)
}

/// Builds `articles` with each report its own outlet, then with one outlet;
/// checks that `leads` join reports in the first and not in the second, and
/// never reach a summary there.
fn check_leads_taken(leads: &[&str], articles: impl Fn(&dyn Fn(usize) -> String) -> Vec<Article>) {
    let (stories, summaries) = build(articles(&|i| format!("outlet{i}")));
    let distinct: HashSet<i64> = stories.iter().copied().collect();
    assert!(
        distinct.len() < REPORTS.len(),
        "the leads should join reports when nothing is learnt: {stories:?}"
    );
    assert!(summaries.iter().any(|s| quotes_any(s, leads)), "{summaries:?}");

    let (stories, summaries) = build(articles(&|_| "outlet".to_owned()));
    let distinct: HashSet<i64> = stories.iter().copied().collect();
    assert_eq!(distinct.len(), REPORTS.len(), "unrelated reports joined: {stories:?}");
    assert!(!summaries.is_empty());
    for s in &summaries {
        assert!(!quotes_any(s, leads), "another article's lead in a summary: {s}");
    }
}

/// Leads that open with the preposition `في` (CNN's `في أول تعليق لها …`).
const LEADS_FI: [&str; 6] = [
    "في أول تعليق لها على الحكم قالت وزيرة العدل إن الحكومة ستستأنف القرار أمام المحكمة العليا خلال الأيام المقبلة وفق ما ينص عليه القانون",
    "في خطوة مفاجئة أعلن مدرب المنتخب الوطني استقالته من منصبه بعد الخسارة الثقيلة في المباراة الودية أمام منتخب البرازيل مساء أمس",
    "في أكبر صفقة من نوعها هذا العام استحوذت شركة الاتصالات على منافستها مقابل عشرة مليارات دولار بعد موافقة هيئة المنافسة على الصفقة",
    "في ختام زيارته للعاصمة وقع رئيس الوزراء اتفاقيات للتعاون في مجالات الطاقة والنقل والتعليم مع نظيره بحضور عدد من الوزراء والمسؤولين",
    "في حادث مروع لقي عشرون شخصا حتفهم وأصيب العشرات إثر انحراف حافلة عن الطريق وسقوطها في واد سحيق بالمنطقة الجبلية شمال البلاد",
    "في تقرير جديد حذر البنك الدولي من تباطؤ النمو الاقتصادي العالمي بسبب التوترات التجارية وارتفاع أسعار الفائدة في الاقتصادات الكبرى",
];

/// Leads whose first word begins with a و that is a root letter, not the
/// conjunction (CNN's `ودَّع فريق ليفربول …`).
const LEADS_WAW: [&str; 6] = [
    "ودَّع فريق ليفربول بطولة الكأس بعد خسارته أمام ضيفه بثلاثة أهداف مقابل هدف في المباراة التي أقيمت مساء أمس على ملعب أنفيلد",
    "وصل وزير الخارجية الأمريكي إلى العاصمة في زيارة مفاجئة لم يعلن عنها مسبقا يلتقي خلالها كبار المسؤولين لبحث الأزمة الإقليمية",
    "وقع انفجار قوي في سوق شعبية وسط المدينة أسفر عن سقوط عدد من الضحايا وإصابة آخرين بجروح متفاوتة بحسب مصادر طبية محلية",
    "وزارة الصحة تعلن تسجيل حالات جديدة من الإصابة بالحصبة في ثلاث محافظات وتدعو الأهالي إلى تطعيم أطفالهم في أقرب مركز صحي",
    "وزير النفط يؤكد أن بلاده ملتزمة باتفاق خفض الإنتاج حتى نهاية العام وأن الأسواق تتجه نحو التوازن بين العرض والطلب العالميين",
    "وسائل إعلام رسمية تنشر صورا لإطلاق صاروخ جديد بعيد المدى وتقول إن التجربة نجحت في إصابة هدفها في البحر بدقة عالية",
];

#[test]
fn regression_a_teaser_lead_opening_with_fi_is_taken() {
    // Issue 17, judged-617 story 26: the preposition في was read as the
    // conjunction ف, so a lead opening with it "continued" the text and the
    // teaser block above it was kept.
    check_leads_taken(&LEADS_FI, |outlet| block_corpus(&LEADS_FI, outlet));
}

#[test]
fn regression_a_teaser_lead_opening_with_a_root_waw_is_taken() {
    // Issue 17, judged-617 story 4: `ودّع` (a verb whose و is a root letter)
    // was read as the conjunction و + a word.
    check_leads_taken(&LEADS_WAW, |outlet| block_corpus(&LEADS_WAW, outlet));
}

/// Each report ends with a lead repeated in three reports and one repeated
/// in only two (a rotating block whose leads the corpus has seen unevenly).
fn twice_corpus(outlet: &dyn Fn(usize) -> String) -> Vec<Article> {
    reports_ending_with(outlet, |i| format!("{}\n{}", LEADS[i / 3], LEADS[2 + i % 3]))
}

#[test]
fn regression_a_teaser_block_closed_by_a_lead_repeated_twice_is_taken() {
    // Issue 17, judged-617: leads repeated in only two articles closed some
    // teaser blocks; the run of teasers stopped at them and nothing was taken.
    check_leads_taken(&LEADS, twice_corpus);
}

#[test]
fn regression_closing_teaser_run_of_long_paragraphs_is_boilerplate() {
    // Issue 17: CNN-style pages end with the leads of other articles, long and
    // each repeated only a few times; they joined unrelated reports.
    let (stories, summaries) = build(teaser_corpus(|i| format!("outlet{i}")));
    let distinct: HashSet<i64> = stories.iter().copied().collect();
    assert!(
        distinct.len() < REPORTS.len(),
        "the leads should join reports when nothing is learnt: {stories:?}"
    );
    assert!(summaries.iter().any(|s| has_lead(s)), "{summaries:?}");

    let (stories, summaries) = build(teaser_corpus(|_| "outlet".to_owned()));
    let distinct: HashSet<i64> = stories.iter().copied().collect();
    assert_eq!(distinct.len(), REPORTS.len(), "unrelated reports joined: {stories:?}");
    assert!(!summaries.is_empty());
    for s in &summaries {
        assert!(!has_lead(s), "another article's lead in a summary: {s}");
    }
}
