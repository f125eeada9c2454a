//! Articles with hand-made events and quotes, added to an index the way the
//! pipeline adds them (its analysis, then these events in place of the coder's),
//! so that the event views are tested whatever the coder finds.
#![allow(
    dead_code,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::Path;

use rasid::core::{
    Actor, Article, DateSource, Event, EventDate, EventPlace, Modality, QuadClass, Quote, QuoteKind, Span, Speaker,
    TextPart, Timestamp, Trigger,
};

/// The body both copies share: the army shells the opposition in Idlib, and a
/// spokesman says they will go on.
pub const BODY: &str = "قصف الجيش السوري مواقع الفصائل المعارضة فى ادلب امس. \
وقال المتحدث باسم الجيش «سنواصل العمليات حتى النهاية».";

fn span(text: &str, part: &str) -> Span {
    let start = text.find(part).unwrap_or_else(|| panic!("{part:?} not in the text"));
    Span::new(start, start + part.len())
}

/// The shelling (CAMEO 195, SYRMIL → SYRREB in Idlib, dated the day before the
/// dateline) and the spokesman's statement (CAMEO 010, a direct quote).
pub fn events_and_quotes() -> (Vec<Event>, Vec<Quote>) {
    let first = span(BODY, "قصف الجيش السوري مواقع الفصائل المعارضة فى ادلب امس.");
    let second = Span::new(first.end + 1, BODY.len());
    let shelling = Event {
        part: TextPart::Body,
        sentence: first,
        source: Some(Actor::coded(span(BODY, "الجيش السوري"), "الجيش السوري", "SYRMIL")),
        action: Trigger {
            span: span(BODY, "قصف"),
            text: "قصف".into(),
        },
        target: Some(Actor::coded(
            span(BODY, "الفصائل المعارضة"),
            "الفصائل المعارضة",
            "SYRREB",
        )),
        code: "195".into(),
        plover: Some("ASSAULT".into()),
        plover_mode: Some("aerial".into()),
        quad_class: QuadClass::MaterialConflict,
        goldstein: -10.0,
        place: Some(EventPlace {
            span: span(BODY, "ادلب"),
            text: "ادلب".into(),
            entity: None,
            geonames_id: Some(169_389),
            country: Some("SY".into()),
        }),
        date: Some(EventDate {
            value: "2017-12-20".into(),
            source: DateSource::Text,
            span: Some(span(BODY, "امس")),
        }),
        modality: Modality::Asserted,
        reported: false,
        quote: None,
        confidence: 0.9,
    };
    let content = span(BODY, "سنواصل العمليات حتى النهاية");
    let statement = Event {
        part: TextPart::Body,
        sentence: second,
        source: Some(Actor::coded(
            span(BODY, "المتحدث باسم الجيش"),
            "المتحدث باسم الجيش",
            "SYRMIL",
        )),
        action: Trigger {
            span: span(BODY, "وقال"),
            text: "وقال".into(),
        },
        target: None,
        code: "010".into(),
        plover: None,
        plover_mode: None,
        quad_class: QuadClass::VerbalCooperation,
        goldstein: 0.0,
        place: None,
        date: None,
        modality: Modality::Asserted,
        reported: false,
        quote: Some(0),
        confidence: 0.8,
    };
    let quote = Quote {
        part: TextPart::Body,
        cue: Trigger {
            span: span(BODY, "وقال"),
            text: "وقال".into(),
        },
        content,
        text: "سنواصل العمليات حتى النهاية".into(),
        kind: QuoteKind::Direct,
        speaker: Some(Speaker {
            span: span(BODY, "المتحدث باسم الجيش"),
            text: "المتحدث باسم الجيش".into(),
            entity: None,
            organization: None,
            code: Some("SYRMIL".into()),
        }),
    };
    (vec![shelling, statement], vec![quote])
}

/// Adds two syndicated copies of the report (two outlets, two headlines) to the
/// index at `dir`, with the pipeline's analysis and the events above; their ids.
pub fn add_event_articles(dir: &Path) -> Vec<String> {
    let engine = rasid::Engine::open(dir, rasid::pipeline::Pipeline::builder().build()).unwrap();
    let (events, quotes) = events_and_quotes();
    let copies: Vec<(Article, rasid::core::Extractions)> = [
        ("قصف مواقع المعارضة فى ادلب", "youm7", "2017-12-21T09:00:00"),
        ("الجيش يقصف ادلب", "masrawy", "2017-12-21T11:30:00"),
    ]
    .into_iter()
    .map(|(title, source, published)| {
        let article = Article::builder(title, BODY)
            .source(source)
            .url(format!("https://{source}.example/idlib"))
            .published(published.parse::<Timestamp>().unwrap())
            .build();
        let mut extractions = engine.analyze(&article).extractions;
        extractions.events = events.clone();
        extractions.quotes = quotes.clone();
        (article, extractions)
    })
    .collect();
    let ids = copies.iter().map(|(a, _)| a.id.to_string()).collect();
    let mut writer = engine
        .index()
        .writer(rasid::search::WriterOptions::small(), "event articles")
        .unwrap();
    writer.add_extracted(copies).unwrap();
    writer.finish().unwrap();
    ids
}
