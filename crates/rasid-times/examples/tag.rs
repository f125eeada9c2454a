//! Prints the time expressions and numbers of a text (development aid).
//!
//! `cargo run -p rasid-times --example tag -- TEXT [ANCHOR]`, or with `-` to read
//! gold-format JSONL from standard input.
use std::io::BufRead;

fn show(text: &str, anchor: Option<&str>) {
    let a = rasid_text::Analyzer::default().analyze_text(text);
    let anchor = anchor.and_then(|s| s.parse().ok());
    let x = rasid_times::extract(text, &a, anchor.as_ref());
    for t in &x.times {
        println!(
            "T {:<40} {:<9} {:<22} {}",
            t.text,
            t.kind.as_str(),
            t.value,
            t.modifier.map_or("", |m| m.as_str())
        );
    }
    for n in &x.numbers {
        println!(
            "N {:<40} {:?} {} {:?} {:?} {:?}",
            n.text, n.kind, n.value, n.approx, n.currency, n.counts
        );
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("-") {
        for line in std::io::stdin().lock().lines().map_while(Result::ok) {
            let v: serde_json::Value = serde_json::from_str(&line).unwrap_or_default();
            let field = |k: &str| v.get(k).and_then(|x| x.as_str());
            println!(
                "===== {} {}",
                field("id").unwrap_or_default(),
                field("anchor").unwrap_or("null")
            );
            show(field("text").unwrap_or_default(), field("anchor"));
        }
        return;
    }
    show(args.get(1).map_or("", String::as_str), args.get(2).map(String::as_str));
}
