//! Golden test: the analysis of the canonical article, one line per token.
//!
//! The expected output is `tests/golden/astana.tokens.txt`. After a deliberate
//! change to the analyzer, rewrite it with
//!
//! ```text
//! UPDATE_GOLDEN=1 cargo test -p rasid-text --test golden
//! ```
//!
//! and review the diff by eye: every clitic split and stem in it must be right.

use std::fmt::Write as _;
use std::path::PathBuf;

use rasid_core::{TextAnalysis, TokenKind};
use rasid_text::Analyzer;

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests")
}

/// One readable line per token:
/// `start..end  surface  norm=…  key=…  split=pro+pro+[base]+enc  stem=…  kind [stop]`.
fn render(text: &str, analysis: &TextAnalysis) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Golden analysis of tests/data/astana-2017-12-21.txt (rasid-text)."
    );
    let _ = writeln!(
        out,
        "# Update with: UPDATE_GOLDEN=1 cargo test -p rasid-text --test golden"
    );
    let _ = writeln!(
        out,
        "# Columns: byte span, surface, norm, key, proclitics+[base]+enclitic, stem, kind, flags."
    );
    let _ = writeln!(
        out,
        "# {} paragraphs, {} sentences, {} tokens",
        analysis.paragraphs.len(),
        analysis.sentences.len(),
        analysis.token_count
    );
    for (i, s) in analysis.sentences.iter().enumerate() {
        let _ = writeln!(out, "# sentence {i}: {}..{}", s.start, s.end);
    }
    for t in &analysis.tokens {
        let base = t.base.slice(text).unwrap_or("?");
        let mut split = String::new();
        for p in &t.proclitics {
            split.push_str(p);
            split.push('+');
        }
        let _ = write!(split, "[{base}]");
        if let Some(e) = &t.enclitic {
            split.push('+');
            split.push_str(e);
        }
        let kind = match t.kind {
            TokenKind::Arabic => "ar",
            TokenKind::Latin => "lat",
            TokenKind::Number => "num",
            TokenKind::Punct => "punct",
            TokenKind::Symbol => "sym",
        };
        let _ = writeln!(
            out,
            "{}..{}\t{}\tnorm={}\tkey={}\t{}\tstem={}\t{}{}",
            t.span.start,
            t.span.end,
            t.text,
            t.norm,
            t.key,
            split,
            t.stem,
            kind,
            if t.stop { "\tstop" } else { "" }
        );
    }
    out
}

#[test]
fn astana_golden() {
    let text = std::fs::read_to_string(dir().join("data/astana-2017-12-21.txt")).unwrap();
    let got = render(&text, &Analyzer::default().analyze_text(&text));
    let path = dir().join("golden/astana.tokens.txt");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, &got).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    if got != expected {
        let first = got.lines().zip(expected.lines()).position(|(a, b)| a != b);
        let line = first.unwrap_or(got.lines().count().min(expected.lines().count()));
        panic!(
            "analysis of the Astana article changed at line {}:\n  got:      {}\n  expected: {}\n\
             help: if the change is intended, run `UPDATE_GOLDEN=1 cargo test -p rasid-text --test golden` \
             and review the diff of tests/golden/astana.tokens.txt",
            line + 1,
            got.lines().nth(line).unwrap_or("<end>"),
            expected.lines().nth(line).unwrap_or("<end>")
        );
    }
}
