//! Extractions in the index, through the public API: entity, place and
//! mentioned-date filters, the same in the query language, facets on people,
//! organisations and places, the stored extraction, and the refusal of an
//! index written before extraction was indexed.
//!
//! The extractions here are made by hand, so these tests depend on the index
//! alone, not on the tagger.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)] // test code

use rasid_core::{
    Article, ArticleEntities, Entity, EntityKind, Mention, PlaceLink, Span, TextPart, TimeExpr, TimexType,
};
use rasid_search::{Extractions, Filters, Index, IndexError, QueryError, SearchRequest, WriterOptions};

const ASTANA: &str = "محادثات استانا";
const PUTIN: &str = "بوتين يزور سوريا";
const PLAIN: &str = "لافروف فى الصحف";

fn entity(id: usize, kind: EntityKind, canonical: &str, mentions: Vec<usize>) -> Entity {
    Entity {
        id,
        kind,
        canonical: canonical.into(),
        key: String::new(),
        name_en: None,
        mentions,
        role: None,
        place: None,
        cameo: None,
    }
}

fn mention(text: &str, entity: usize, kind: EntityKind) -> Mention {
    Mention {
        part: TextPart::Body,
        span: Span::new(0, text.len()),
        text: text.into(),
        kind,
        entity,
    }
}

fn idlib(id: usize, canonical: &str) -> Entity {
    let mut e = entity(id, EntityKind::Loc, canonical, vec![]);
    e.name_en = Some("Idlib".into());
    e.place = Some(PlaceLink {
        geonames_id: 169389,
        name_en: "Idlib".into(),
        country: "SY".into(),
        lat: Some(35.93),
        lon: Some(36.63),
        feature: "PPLA".into(),
        population: Some(128_840),
    });
    e
}

fn time(value: &str) -> TimeExpr {
    TimeExpr {
        part: TextPart::Body,
        span: Span::new(0, 1),
        text: "x".into(),
        kind: TimexType::Date,
        value: value.into(),
        modifier: None,
        anchored: false,
    }
}

/// What a tagger would have found in each article, keyed by its title.
fn extraction_of(title: &str) -> Extractions {
    match title {
        ASTANA => Extractions {
            entities: ArticleEntities {
                mentions: vec![
                    mention("سيرغى لافروف", 0, EntityKind::Per),
                    mention("لافروف", 0, EntityKind::Per),
                ],
                entities: vec![
                    entity(0, EntityKind::Per, "سيرغى لافروف", vec![0, 1]),
                    entity(1, EntityKind::Org, "الامم المتحدة", vec![]),
                    idlib(2, "إدلب"),
                ],
                ..ArticleEntities::default()
            },
            times: vec![time("2017-05-21"), time("2017-10")],
            ..Extractions::default()
        },
        PUTIN => Extractions {
            entities: ArticleEntities {
                entities: vec![entity(0, EntityKind::Per, "فلاديمير بوتين", vec![]), idlib(1, "ادلب")],
                ..ArticleEntities::default()
            },
            times: vec![time("2017"), time("2018-05-17/2018-06-14")],
            ..Extractions::default()
        },
        _ => Extractions::default(),
    }
}

fn articles() -> Vec<Article> {
    vec![
        Article::builder(ASTANA, "قال لافروف ان المحادثات فى استانا تستمر.").build(),
        Article::builder(PUTIN, "وصل الرئيس الى دمشق.").build(),
        // Names Lavrov in its text, but extraction found nothing in it.
        Article::builder(PLAIN, "كتبت الصحف عن لافروف والمحادثات.").build(),
    ]
}

/// The articles with what extraction finds in each: the names of its title.
fn extracted(articles: Vec<Article>) -> Vec<(Article, Extractions)> {
    articles
        .into_iter()
        .map(|a| {
            let found = extraction_of(&a.title);
            (a, found)
        })
        .collect()
}

fn build() -> (tempfile::TempDir, Index) {
    let dir = tempfile::tempdir().unwrap();
    let index = Index::create_or_open(dir.path()).unwrap();
    let mut writer = index.writer(WriterOptions::small(), "test").unwrap();
    writer.add_extracted(extracted(articles())).unwrap();
    writer.finish().unwrap();
    (dir, index)
}

fn found(index: &Index, query: &str, filters: Filters) -> Vec<String> {
    let mut request = SearchRequest::new(query);
    request.filters = filters;
    let mut titles: Vec<String> = index
        .search(&request)
        .unwrap_or_else(|e| panic!("{query:?} {:?}: {e}", request.filters))
        .hits
        .into_iter()
        .map(|h| h.title)
        .collect();
    titles.sort();
    titles
}

fn titles(expected: &[&str]) -> Vec<String> {
    let mut v: Vec<String> = expected.iter().map(|s| (*s).to_owned()).collect();
    v.sort();
    v
}

#[test]
fn entity_filters_match_names_of_their_kind() {
    let (_dir, index) = build();
    let cases: &[(Filters, &[&str])] = &[
        (
            Filters {
                entities: vec!["لافروف".into()],
                ..Filters::default()
            },
            &[ASTANA],
        ),
        (
            Filters {
                persons: vec!["سيرغي لافروف".into()],
                ..Filters::default()
            },
            &[ASTANA],
        ),
        (
            Filters {
                orgs: vec!["لافروف".into()],
                ..Filters::default()
            },
            &[],
        ),
        (
            Filters {
                orgs: vec!["الأمم المتحدة".into()],
                ..Filters::default()
            },
            &[ASTANA],
        ),
        (
            Filters {
                places: vec!["ادلب".into()],
                ..Filters::default()
            },
            &[ASTANA, PUTIN],
        ),
        (
            Filters {
                places: vec!["وإدلب".into()],
                ..Filters::default()
            },
            &[ASTANA, PUTIN],
        ),
        (
            Filters {
                places: vec!["169389".into()],
                ..Filters::default()
            },
            &[ASTANA, PUTIN],
        ),
        (
            Filters {
                places: vec!["١٦٩٣٨٩".into()],
                ..Filters::default()
            },
            &[ASTANA, PUTIN],
        ),
        (
            Filters {
                places: vec!["idlib".into()],
                ..Filters::default()
            },
            &[ASTANA, PUTIN],
        ),
        (
            Filters {
                places: vec!["170654".into()],
                ..Filters::default()
            },
            &[],
        ),
        (
            Filters {
                persons: vec!["بوتين".into()],
                places: vec!["ادلب".into()],
                ..Filters::default()
            },
            &[PUTIN],
        ),
    ];
    for (filters, expected) in cases {
        assert_eq!(
            found(&index, "", filters.clone()),
            titles(expected),
            "help: filters {filters:?}"
        );
    }
    // The body of the third article names Lavrov: a word query finds it, the
    // entity filter does not.
    assert_eq!(found(&index, "لافروف", Filters::default()), titles(&[ASTANA, PLAIN]));
}

#[test]
fn mentions_match_periods_within_the_range() {
    let (_dir, index) = build();
    let cases: &[(&str, &[&str])] = &[
        ("2017", &[ASTANA, PUTIN]),
        ("2017-05", &[ASTANA]),
        ("2017-05-21", &[ASTANA]),
        ("2017-05-22", &[]),
        ("2017-10", &[ASTANA]),
        ("2017-10-05", &[]),
        ("2017-05/2017-10", &[ASTANA]),
        ("2017-06/2017-09", &[]),
        ("2017-05-21/2017-10-30", &[ASTANA]),
        ("2018-06", &[PUTIN]),
        ("2018", &[PUTIN]),
        ("2016..", &[ASTANA, PUTIN]),
        ("..2017-05", &[ASTANA]),
        ("..2017-12", &[ASTANA, PUTIN]),
        ("٢٠١٧-٠٥", &[ASTANA]),
    ];
    for (value, expected) in cases {
        let filters = Filters {
            mentions: vec![(*value).to_owned()],
            ..Filters::default()
        };
        assert_eq!(found(&index, "", filters), titles(expected), "help: --mentions {value}");
    }
}

#[test]
fn the_query_language_reaches_the_same_fields() {
    let (_dir, index) = build();
    let cases: &[(&str, &[&str])] = &[
        ("person:لافروف", &[ASTANA]),
        ("entities:بوتين", &[PUTIN]),
        ("org:\"الامم المتحدة\"", &[ASTANA]),
        ("place:169389", &[ASTANA, PUTIN]),
        ("places:169389", &[ASTANA, PUTIN]),
        ("place:ادلب -person:بوتين", &[ASTANA]),
        ("mentions:2017-05", &[ASTANA]),
        ("mentions:2018-05..2018-06", &[PUTIN]),
        ("المحادثات mentions:2017", &[ASTANA, PUTIN, PLAIN]),
        ("+المحادثات +mentions:2017", &[ASTANA]),
    ];
    for (query, expected) in cases {
        assert_eq!(
            found(&index, query, Filters::default()),
            titles(expected),
            "help: {query}"
        );
    }
}

#[test]
fn filters_select_without_changing_scores() {
    let (_dir, index) = build();
    let plain = index.search(&SearchRequest::new("المحادثات")).unwrap();
    let mut filtered = SearchRequest::new("المحادثات");
    filtered.filters.persons = vec!["لافروف".into()];
    let filtered = index.search(&filtered).unwrap();
    assert_eq!(filtered.total, 1);
    let hit = &filtered.hits[0];
    let same = plain.hits.iter().find(|h| h.id == hit.id).unwrap();
    assert_eq!(hit.score, same.score, "help: a filter must not add to the score");
    // The filter's name is highlighted like a query word.
    let snippet = hit.snippet.as_ref().unwrap().render("[", "]");
    assert!(snippet.contains("[لافروف]"), "{snippet}");
}

#[test]
fn bad_filters_are_usage_errors_naming_the_filter() {
    let (_dir, index) = build();
    let cases = [
        Filters {
            mentions: vec!["2017-13".into()],
            ..Filters::default()
        },
        Filters {
            mentions: vec!["2017-07/2017-05".into()],
            ..Filters::default()
        },
        Filters {
            entities: vec!["فى".into()],
            ..Filters::default()
        },
        Filters {
            places: vec!["  ".into()],
            ..Filters::default()
        },
    ];
    for filters in cases {
        let mut request = SearchRequest::new("");
        request.filters = filters.clone();
        let err = index.search(&request).unwrap_err();
        assert!(
            matches!(err, IndexError::Query(QueryError::BadFilter { .. })),
            "{filters:?}: {err}"
        );
        assert!(err.is_usage());
    }
    let mut request = SearchRequest::new("");
    request.filters.mentions = vec!["2017-13".into()];
    let message = index.search(&request).unwrap_err().to_string();
    assert!(message.contains("mentions") && message.contains("2017-13"), "{message}");
}

#[test]
fn facets_count_people_organisations_and_places() {
    let (_dir, index) = build();
    let mut request = SearchRequest::new("");
    request.filters.mentions = vec!["2017".into()];
    let facets = index.search(&request).unwrap().facets.unwrap();
    assert_eq!(
        named(&facets.persons),
        vec![("سيرغي لافروف".to_owned(), 1), ("فلاديمير بوتين".to_owned(), 1)]
    );
    assert_eq!(named(&facets.orgs), vec![("الامم المتحدة".to_owned(), 1)]);
    assert_eq!(
        named(&facets.places),
        vec![("ادلب".to_owned(), 2)],
        "help: إدلب and ادلب are one place"
    );
    assert_eq!(facets.places[0].key, "geonames:169389");
    let stats = index.stats().unwrap();
    assert_eq!(named(&stats.facets.places), vec![("ادلب".to_owned(), 2)]);
}

/// (name, count) of facet values.
fn named(values: &[rasid_search::EntityValue]) -> Vec<(String, u64)> {
    values.iter().map(|v| (v.name.clone(), v.count)).collect()
}

/// An index of articles each naming one person, with the key and spelling given.
fn keyed_index(people: &[(&str, &str, &str)]) -> (tempfile::TempDir, Index) {
    let dir = tempfile::tempdir().unwrap();
    let index = Index::create_or_open(dir.path()).unwrap();
    add_people(&index, people);
    (dir, index)
}

/// Adds articles each naming one person, with the key and spelling given, in one commit.
fn add_people(index: &Index, people: &[(&str, &str, &str)]) {
    let mut writer = index.writer(WriterOptions::small(), "test").unwrap();
    let batch = people
        .iter()
        .map(|(title, key, name)| {
            let mut e = entity(0, EntityKind::Per, name, vec![0]);
            e.key = (*key).into();
            let found = Extractions {
                entities: ArticleEntities {
                    mentions: vec![mention(name, 0, EntityKind::Per)],
                    entities: vec![e],
                    ..Default::default()
                },
                ..Default::default()
            };
            (Article::builder(*title, format!("قال {name}")).build(), found)
        })
        .collect();
    writer.add_extracted(batch).unwrap();
    writer.finish().unwrap();
}

#[test]
fn regression_facets_count_spellings_of_one_person_once() {
    // `بوتن` 12 / `بوتين` 11 in the interface (issue 16): one key, one count,
    // shown with the name most articles give it.
    let (_dir, index) = keyed_index(&[
        ("زيارة اولى", "PER:بتن", "بوتين"),
        ("زيارة ثانية", "PER:بتن", "بوتن"),
        ("زيارة ثالثة", "PER:بتن", "بوتين"),
        ("محادثات", "PER:سرجي لفرف", "سيرغي لافروف"),
        ("محادثات ثانية", "PER:سرجي لفرف", "سيرجي لافروف"),
        ("محادثات ثالثة", "PER:سرجي لفرف", "سيرغي لافروف"),
    ]);
    // Every article says قال.
    let facets = index.search(&SearchRequest::new("قال")).unwrap().facets.unwrap();
    assert_eq!(
        named(&facets.persons),
        vec![("بوتين".to_owned(), 3), ("سيرغي لافروف".to_owned(), 3)],
        "{:?}",
        facets.persons
    );
    assert_eq!(facets.persons[0].key, "PER:بتن");
    let stats = index.stats().unwrap();
    assert_eq!(stats.facets.persons.len(), 2, "{:?}", stats.facets.persons);
}

/// Names read once are kept between searches (issue 19: reading them was a
/// tenth of a search), but a commit that changes which spelling most
/// articles give is seen at once.
#[test]
fn the_name_a_key_is_shown_with_follows_each_commit() {
    let (_dir, index) = keyed_index(&[
        ("زيارة اولى", "PER:بتن", "بوتين"),
        ("زيارة ثانية", "PER:بتن", "بوتين"),
        ("زيارة ثالثة", "PER:بتن", "بوتن"),
    ]);
    let shown = |index: &Index| {
        named(
            &index
                .search(&SearchRequest::new("قال"))
                .unwrap()
                .facets
                .unwrap()
                .persons,
        )
    };
    assert_eq!(shown(&index), vec![("بوتين".to_owned(), 3)]);
    assert_eq!(shown(&index), vec![("بوتين".to_owned(), 3)]);
    add_people(
        &index,
        &[("زيارة رابعة", "PER:بتن", "بوتن"), ("زيارة خامسة", "PER:بتن", "بوتن")],
    );
    assert_eq!(shown(&index), vec![("بوتن".to_owned(), 5)]);
}

#[test]
fn regression_filter_by_key_finds_every_spelling_and_names_still_work() {
    let (_dir, index) = keyed_index(&[
        ("زيارة اولى", "PER:بتن", "بوتين"),
        ("زيارة ثانية", "PER:بتن", "بوتن"),
        ("محادثات", "PER:سرجي لفرف", "سيرغي لافروف"),
    ]);
    let mut request = SearchRequest::new("");
    request.filters.persons = vec!["PER:بتن".into()];
    assert_eq!(index.search(&request).unwrap().total, 2);
    request.filters.persons = vec![];
    request.filters.entities = vec!["PER:بتن".into()];
    assert_eq!(index.search(&request).unwrap().total, 2);
    request.filters.entities = vec![];
    // A name filter (the old form of a facet link) still matches the name as written.
    request.filters.persons = vec!["بوتن".into()];
    assert_eq!(index.search(&request).unwrap().total, 1);
    request.filters.persons = vec!["PER:غيره".into()];
    assert_eq!(index.search(&request).unwrap().total, 0);
}

#[test]
fn regression_autocomplete_finds_a_key_by_any_spelling() {
    let (_dir, index) = keyed_index(&[
        ("زيارة اولى", "PER:بتن", "بوتين"),
        ("زيارة ثانية", "PER:بتن", "بوتين"),
        ("زيارة ثالثة", "PER:بتن", "بوتن"),
        ("محادثات", "PER:بطرس", "بطرس غالي"),
    ]);
    use rasid_search::EntityFacet;
    let found = index.entity_counts(EntityFacet::Person, "", "بوتن", 10).unwrap();
    assert_eq!(named(&found), vec![("بوتين".to_owned(), 3)], "{found:?}");
    let found = index.entity_counts(EntityFacet::Person, "", "ب", 10).unwrap();
    assert_eq!(
        named(&found),
        vec![("بوتين".to_owned(), 3), ("بطرس غالي".to_owned(), 1)]
    );
    assert!(index.entity_counts(EntityFacet::Org, "", "ب", 10).unwrap().is_empty());
}

#[test]
fn the_extraction_is_stored_with_the_article() {
    let (_dir, index) = build();
    for article in articles() {
        let stored = index.get(&article.id).unwrap().unwrap();
        assert_eq!(stored.extraction, Some(extraction_of(&article.title)));
    }
}

#[test]
fn a_pipeline_without_extractors_stores_nothing() {
    // What `rasid index --no-extract` opens the index with.
    let dir = tempfile::tempdir().unwrap();
    let text_only = rasid_search::Pipeline::builder().extractors([]).build();
    let index = Index::create_or_open_with(dir.path(), text_only).unwrap();
    let mut writer = index.writer(WriterOptions::small(), "test").unwrap();
    writer.add_batch(articles()).unwrap();
    writer.finish().unwrap();
    let article = &articles()[0];
    assert_eq!(index.get(&article.id).unwrap().unwrap().extraction, None);
    let mut request = SearchRequest::new("");
    request.filters.persons = vec!["لافروف".into()];
    assert_eq!(index.search(&request).unwrap().total, 0);
}

#[test]
fn an_index_from_before_extraction_asks_to_be_rebuilt() {
    let dir = tempfile::tempdir().unwrap();
    Index::create_or_open(dir.path()).unwrap();
    let path = dir.path().join(rasid_search::META_FILE);
    let mut meta: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    meta["schema_version"] = 1.into();
    std::fs::write(&path, meta.to_string()).unwrap();
    let err = Index::open(dir.path()).unwrap_err();
    assert!(matches!(err, IndexError::OldVersion { found: 1, .. }), "{err}");
    assert!(err.to_string().contains("re-index"), "{err}");
}

#[test]
fn name_counts_add_up_across_segments() {
    let dir = tempfile::tempdir().unwrap();
    let index = Index::create_or_open(dir.path()).unwrap();
    let mut writer = index.writer(WriterOptions::small(), "test").unwrap();
    for article in extracted(articles()) {
        writer.add_extracted(vec![article]).unwrap();
        writer.commit().unwrap();
    }
    writer.finish().unwrap();
    let stats = index.stats().unwrap();
    assert!(
        stats.segments >= 2,
        "help: the test needs several segments, got {}",
        stats.segments
    );
    assert_eq!(named(&stats.facets.places), vec![("ادلب".to_owned(), 2)]);
    assert_eq!(stats.facets.persons.len(), 2);
}
