//! Whole-pipeline tests on the canonical article.

use rasid_core::{EntityKind, GroupKind};

use crate::Ner;

const ASTANA: &str = include_str!("../../../examples/astana-2017-12-21.txt");

#[test]
fn bad_input_gives_empty_or_correct_output() {
    let ner = Ner::new();
    assert!(ner.extract_text("").mentions.is_empty());
    assert!(ner.extract_text("hello world 123 !!!").entities.len() <= 3);
    let long = "كلمة ".repeat(20_000);
    let _ = ner.extract_text(&long);
    assert!(ner.tag(&[]).is_empty());
}

#[test]
fn groups_and_demonyms() {
    let found = Ner::new().extract_text(ASTANA);
    assert!(found
        .groups
        .iter()
        .any(|g| g.kind == GroupKind::Government && g.country.as_deref() == Some("SY")));
    assert!(found.groups.iter().any(|g| g.label == "Kurds"));
    assert!(found.demonyms.iter().any(|d| d.text == "الروسى" && d.country == "RU"));
    let _ = EntityKind::Per;
}

fn entity<'a>(found: &'a rasid_core::ArticleEntities, canonical: &str) -> &'a rasid_core::Entity {
    found
        .entities
        .iter()
        .find(|e| e.canonical == canonical)
        .unwrap_or_else(|| panic!("no entity {canonical}: {:#?}", found.entities))
}

#[test]
fn canonical_article() {
    let found = Ner::new().extract_text(ASTANA);
    let mistura = entity(&found, "ستافان دى ميستورا");
    assert_eq!(mistura.kind, EntityKind::Per);
    let forms: Vec<&str> = mistura
        .mentions
        .iter()
        .map(|&m| found.mentions[m].text.as_str())
        .collect();
    assert!(forms.contains(&"دى ميستورا"), "{forms:?}");
    assert_eq!(mistura.role.as_ref().map(|r| r.title.as_str()), Some("envoy"));
    let lavrov = entity(&found, "سيرغى لافروف");
    let role = lavrov.role.as_ref().expect("role");
    assert_eq!(
        (role.title.as_str(), role.country.as_deref()),
        ("foreign minister", Some("RU"))
    );
    let putin = entity(&found, "فلاديمير بوتين");
    assert_eq!(putin.role.as_ref().and_then(|r| r.country.as_deref()), Some("RU"));
    for (name, id, cc) in [
        ("سوريا", 163843, "SY"),
        ("روسيا", 2017370, "RU"),
        ("ايران", 130758, "IR"),
        ("تركيا", 298795, "TR"),
        ("كازاخستان", 1522867, "KZ"),
        ("استانا", 1526273, "KZ"),
        ("جنيف", 2660646, "CH"),
        ("موسكو", 524901, "RU"),
        ("انقرة", 323786, "TR"),
        ("دمشق", 170654, "SY"),
        ("ادلب", 169389, "SY"),
        ("حمص", 169577, "SY"),
    ] {
        let e = entity(&found, name);
        let p = e.place.as_ref().unwrap_or_else(|| panic!("{name} not linked"));
        assert_eq!((p.geonames_id, p.country.as_str()), (id, cc), "{name}");
        assert!(p.lat.is_some() && p.lon.is_some());
    }
    // Eastern Ghouta: a region without a GeoNames feature, placed by hand near Damascus.
    let ghouta = entity(&found, "الغوطة الشرقية")
        .place
        .as_ref()
        .expect("Eastern Ghouta linked");
    let damascus = entity(&found, "دمشق").place.as_ref().expect("Damascus linked");
    assert_eq!(ghouta.country, "SY");
    let (dlat, dlon) = (
        ghouta.lat.unwrap_or(0.0) - damascus.lat.unwrap_or(90.0),
        ghouta.lon.unwrap_or(0.0) - damascus.lon.unwrap_or(90.0),
    );
    assert!(
        dlat.abs() < 0.2 && dlon.abs() < 0.2,
        "Eastern Ghouta is next to Damascus"
    );
    // Clitics stay out of the span: وروسيا → روسيا, لسوريا → سوريا.
    for m in &found.mentions {
        assert_eq!(m.span.slice(ASTANA), Some(m.text.as_str()));
        assert!(!m.text.starts_with('و') || m.text.starts_with("وزارة"), "{}", m.text);
    }
    let russia = entity(&found, "روسيا");
    assert_eq!(russia.mentions.len(), 4);
    let iran = entity(&found, "ايران");
    assert_eq!(iran.mentions.len(), 3, "ايران and إيران are one entity");
}

proptest::proptest! {
    #[test]
    fn never_panics(s in "\\PC{0,200}") {
        let found = Ner::new().extract_text(&s);
        for m in &found.mentions {
            proptest::prop_assert!(m.span.slice(&s).is_some());
        }
    }

    #[test]
    fn never_panics_on_arabic(s in "[ ءآأؤإئابةتثجحخدذرسشصضطظعغفقكلمنهوىيًٌٍَُِّْـ.،\n0-9a-z]{0,300}") {
        let found = Ner::new().extract_text(&s);
        for m in &found.mentions {
            proptest::prop_assert!(m.span.slice(&s).is_some());
        }
        let tokens: Vec<&str> = s.split_whitespace().collect();
        proptest::prop_assert_eq!(Ner::new().tag(&tokens).len(), tokens.len());
    }
}
