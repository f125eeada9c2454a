//! Any string through the event coder, with entities laid on its tokens
//! (every third Arabic word a country, every fifth a person with a role on the
//! word before): no panic, every span slices the text, every quote index valid.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use rasid_core::{Analysis, Article, ArticleEntities, Entity, EntityKind, Mention, PlaceLink, Role, TextPart, TokenKind};
use rasid_events::Coder;
use rasid_text::Analyzer;

static ANALYZER: LazyLock<Analyzer> = LazyLock::new(Analyzer::default);
static CODER: LazyLock<Coder> = LazyLock::new(Coder::embedded);

/// Entities on the tokens of `body`, so that the actor paths run on any input.
pub fn entities(body: &str, analysis: &Analysis) -> ArticleEntities {
    let mut found = ArticleEntities::default();
    for (i, t) in analysis.body.tokens.iter().enumerate().filter(|(_, t)| t.kind == TokenKind::Arabic) {
        let per = i % 5 == 4;
        if i % 3 != 2 && !per {
            continue;
        }
        let id = found.entities.len();
        let role = per.then(|| analysis.body.tokens.get(i - 1)).flatten().map(|r| Role {
            title: "president".into(),
            text: body[r.span.start..r.span.end].to_string(),
            part: TextPart::Body,
            span: r.span,
            country: Some("RU".into()),
            organization: None,
        });
        found.entities.push(Entity {
            id,
            kind: if per { EntityKind::Per } else { EntityKind::Loc },
            canonical: t.text.to_string(),
            key: String::new(),
            name_en: None,
            mentions: vec![found.mentions.len()],
            role,
            place: (!per).then(|| PlaceLink {
                geonames_id: 163843,
                name_en: "Syria".into(),
                country: "SY".into(),
                lat: None,
                lon: None,
                feature: if i % 2 == 0 { "PCLI" } else { "PPLC" }.into(),
                population: None,
            }),
            cameo: None,
        });
        found.mentions.push(Mention {
            part: TextPart::Body,
            span: t.span,
            text: t.text.to_string(),
            kind: found.entities[id].kind,
            entity: id,
        });
    }
    found
}

fuzz_target!(|body: &str| {
    let article = Article::builder("", body).build();
    let analysis = ANALYZER.analyze(&article);
    let entities = entities(body, &analysis);
    let (events, quotes) = CODER.code(&article, &analysis, &entities, &[]);
    for e in &events {
        assert!(e.sentence.slice(body).is_some() && e.action.span.slice(body).is_some());
        for a in e.source.iter().chain(&e.target) {
            assert_eq!(a.span.slice(body), Some(a.text.as_str()));
        }
        assert!(e.quote.is_none_or(|q| q < quotes.len()));
        assert!((0.0..=1.0).contains(&e.confidence));
    }
    for q in &quotes {
        assert_eq!(q.content.slice(body), Some(q.text.as_str()));
    }
});
