//! Prints every mention of a stream of articles as TSV, for hand judgement
//! (`eval/heldout.py`): `article id, kind, mention, entity key, context`.
//! Input on stdin: articles separated by lines `\f<id>` (form feed, then the id).
//! `cargo run --release -p rasid-entities --example ner_mentions < articles.txt`.

use std::io::{Read, Write};

fn flush(ner: &rasid_entities::Ner, id: &str, text: &str, out: &mut impl Write) -> std::io::Result<()> {
    if text.trim().is_empty() {
        return Ok(());
    }
    let found = ner.extract_text(text);
    for m in &found.mentions {
        let key = found.entities.get(m.entity).map_or("", |e| e.key.as_str());
        let (s, e) = (m.span.start, m.span.end);
        let before: String = text
            .get(..s)
            .unwrap_or("")
            .chars()
            .rev()
            .take(40)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let after: String = text.get(e..).unwrap_or("").chars().take(40).collect();
        let clean = |t: &str| t.replace(['\t', '\n'], " ");
        writeln!(
            out,
            "{id}\t{}\t{}\t{key}\t{}[[{}]]{}",
            m.kind,
            clean(&m.text),
            clean(&before),
            clean(&m.text),
            clean(&after)
        )?;
    }
    Ok(())
}

fn main() -> std::io::Result<()> {
    let mut input = String::new();
    std::io::stdin().read_to_string(&mut input)?;
    let ner = rasid_entities::Ner::new();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let (mut id, mut text) = (String::new(), String::new());
    for line in input.lines() {
        if let Some(next) = line.strip_prefix('\u{c}') {
            flush(&ner, &id, &text, &mut out)?;
            (id, text) = (next.to_string(), String::new());
        } else {
            text.push_str(line);
            text.push('\n');
        }
    }
    flush(&ner, &id, &text, &mut out)?;
    out.flush()
}
