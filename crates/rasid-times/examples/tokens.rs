//! Prints the analyzer's tokens of a text (development aid).
fn main() {
    let text = std::env::args().nth(1).unwrap_or_default();
    let a = rasid_text::Analyzer::default().analyze_text(&text);
    for t in &a.tokens {
        println!(
            "{:?} {:?} norm={} key={} pro={:?} base={:?} stem={} {:?} stop={}",
            t.span,
            t.text,
            t.norm,
            t.key,
            t.proclitics,
            text.get(t.base.start..t.base.end),
            t.stem,
            t.kind,
            t.stop
        );
    }
    for s in &a.sentences {
        println!("S {:?}", text.get(s.start..s.end));
    }
}
