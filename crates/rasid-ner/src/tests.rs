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
