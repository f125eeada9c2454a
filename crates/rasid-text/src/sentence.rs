//! Paragraphs (non-empty lines) and sentences within them.
//!
//! A sentence ends after `. ! ? ؟ ؛ … ۔` (and any closing quotes or brackets
//! right after it) when white space or the end of the paragraph follows, and
//! at the end of every paragraph. A `.` does not end a sentence after a
//! one-letter word (`د.`, `أ.`, `J.`) or after a few Latin abbreviations
//! (`Mr.`, `Dr.`, `St.`, `vs.`), nor when a letter or digit follows it
//! directly (`rasid.com`); decimal points never do, because numbers are
//! single tokens.

use rasid_core::{Span, TokenKind};

use crate::chars::{class, Class};

/// Line breaks that separate paragraphs.
fn is_line_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{0085}' | '\u{2028}' | '\u{2029}')
}

/// Non-empty lines of `text`, trimmed of white space and controls.
///
/// ```
/// let text = "عنوان\n\n  فقرة أولى. ثانية \r\n";
/// let spans: Vec<&str> = rasid_text::paragraphs(text).map(|s| &text[s.start..s.end]).collect();
/// assert_eq!(spans, ["عنوان", "فقرة أولى. ثانية"]);
/// ```
pub fn paragraphs(text: &str) -> impl Iterator<Item = Span> + '_ {
    let mut from = 0;
    let mut done = false;
    std::iter::from_fn(move || loop {
        if done {
            return None;
        }
        let tail = text.get(from..)?;
        let (line_end, next) = match tail.char_indices().find(|&(_, c)| is_line_break(c)) {
            Some((i, c)) => (from + i, from + i + c.len_utf8()),
            None => {
                done = true;
                (text.len(), text.len())
            }
        };
        let start = from;
        let line = text.get(start..line_end)?;
        from = next;
        let blank = |c: char| matches!(class(c), Class::Space | Class::Control);
        let lead = line.len() - line.trim_start_matches(blank).len();
        let trimmed = line.trim_matches(blank);
        if !trimmed.is_empty() {
            return Some(Span::new(start + lead, start + lead + trimmed.len()));
        }
    })
}

/// True for a token that can end a sentence.
fn is_terminator(s: &str) -> bool {
    matches!(s, "." | "!" | "?" | "؟" | "؛" | "…" | "۔")
}

/// True for a token that closes a quote or bracket.
fn is_closing(s: &str) -> bool {
    matches!(s, "\"" | "'" | "»" | "”" | "’" | ")" | "]" | "}" | "›")
}

const ABBREVIATIONS: [&str; 8] = ["Mr", "Mrs", "Ms", "Dr", "St", "vs", "Prof", "Jr"];

/// Splits one paragraph into sentences, given its tokens (spans and kinds,
/// in order, all inside `para`).
pub(crate) fn sentences(text: &str, para: Span, tokens: &[(Span, TokenKind)], out: &mut Vec<Span>) {
    let mut start: Option<usize> = None;
    let mut end = para.start;
    let mut closing = false;
    let slice = |s: Span| text.get(s.start..s.end).unwrap_or("");
    let mut prev: Option<(Span, TokenKind)> = None;
    for (i, &(span, kind)) in tokens.iter().enumerate() {
        let s = slice(span);
        if closing {
            if kind == TokenKind::Punct && (is_closing(s) || is_terminator(s)) && span.start == end {
                end = span.end;
                prev = Some((span, kind));
                continue;
            }
            if let Some(st) = start.take() {
                out.push(Span::new(st, end));
            }
            closing = false;
        }
        if start.is_none() {
            start = Some(span.start);
        }
        end = span.end;
        if kind == TokenKind::Punct && is_terminator(s) {
            let next_glued = tokens.get(i + 1).is_some_and(|&(n, k)| {
                n.start == span.end && matches!(k, TokenKind::Arabic | TokenKind::Latin | TokenKind::Number)
            });
            let after_abbreviation = s == "."
                && prev.is_some_and(|(p, k)| {
                    p.end == span.start
                        && ((matches!(k, TokenKind::Arabic | TokenKind::Latin) && slice(p).chars().count() == 1)
                            || ABBREVIATIONS.contains(&slice(p)))
                });
            if !next_glued && !after_abbreviation {
                closing = true;
            }
        }
        prev = Some((span, kind));
    }
    if let Some(st) = start {
        out.push(Span::new(st, end));
    }
}
