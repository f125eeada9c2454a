//! Lists the entities a CoNLL gold file has and the shipped tagger misses, and
//! the ones it finds that are not gold:
//! `cargo run --release -p rasid-entities --example ner_errors -- GOLD.conll`
//! (`RASID_NER_MODEL=FILE` to score another model).

fn main() -> Result<(), rasid_entities::NerError> {
    let path = std::env::args().nth(1).unwrap_or_default();
    let gold = rasid_entities::conll::read(std::path::Path::new(&path))?;
    // RASID_NER_MODEL=path: score another model than the shipped one.
    let ner = match std::env::var("RASID_NER_MODEL") {
        Ok(p) => {
            let bytes = std::fs::read(&p).map_err(|e| rasid_entities::NerError::Io { path: p, source: e })?;
            rasid_entities::Ner::with_model(std::sync::Arc::new(rasid_entities::Model::from_bytes(&bytes)?))
        }
        Err(_) => rasid_entities::Ner::new(),
    };
    for s in &gold {
        let tokens: Vec<&str> = s.tokens.iter().map(String::as_str).collect();
        let pred = ner.tag(&tokens);
        let g = rasid_entities::chunks(&s.tags);
        let p = rasid_entities::chunks(&pred);
        let text = |a: usize, b: usize| tokens.get(a..b).unwrap_or(&[]).join(" ");
        for c in &g {
            if !p.contains(c) {
                println!("MISS {} {}", c.2, text(c.0, c.1));
            }
        }
        for c in &p {
            if !g.contains(c) {
                println!("FALSE {} {}", c.2, text(c.0, c.1));
            }
        }
    }
    Ok(())
}
