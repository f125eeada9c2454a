//! Prints the entities of a text file (or stdin) in a readable form:
//! `cargo run --release -p rasid-entities --example ner_dump -- FILE`.

use std::io::Read;

fn main() -> std::io::Result<()> {
    let mut text = String::new();
    match std::env::args().nth(1) {
        Some(p) => text = std::fs::read_to_string(p)?,
        None => {
            std::io::stdin().read_to_string(&mut text)?;
        }
    }
    let found = rasid_entities::Ner::new().extract_text(&text);
    for e in &found.entities {
        let forms: Vec<&str> = e
            .mentions
            .iter()
            .filter_map(|&m| found.mentions.get(m))
            .map(|m| m.text.as_str())
            .collect();
        print!("{} {} [{}]", e.kind, e.canonical, forms.join(" · "));
        if let Some(p) = &e.place {
            print!("  -> {} {} {} {}", p.geonames_id, p.name_en, p.feature, p.country);
        }
        if let Some(r) = &e.role {
            print!("  role: {} ({}) {:?} {:?}", r.title, r.text, r.country, r.organization);
        }
        println!();
    }
    for d in &found.demonyms {
        println!("demonym {} -> {}", d.text, d.country);
    }
    for g in &found.groups {
        println!("group {} -> {} {:?}", g.text, g.label, g.country);
    }
    Ok(())
}
