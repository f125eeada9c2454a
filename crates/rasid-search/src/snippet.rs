//! Snippets: a fragment of the ORIGINAL text with the words that matched marked.
//!
//! Highlights come from the analyzer's token spans, so they cover whole words as
//! written (`وبالمحادثات` for a search for `محادثات`), never a part of a word: a
//! marker inside an Arabic word would break its letters' joining. Offsets are byte
//! offsets; they always fall on character boundaries.
//!
//! ```
//! use rasid_core::Span;
//! use rasid_search::snippet::Snippet;
//! let snippet = Snippet { text: "بدء جولة محادثات".into(), start: 0, highlights: vec![Span::new(16, 30)],
//!     cut_before: false, cut_after: true };
//! assert_eq!(snippet.render("<b>", "</b>"), "بدء جولة <b>محادثات</b>…");
//! ```

use std::collections::HashSet;

use rasid_core::Span;
use rasid_text::{Analyzer, Segment};
use serde::Serialize;
use tantivy::tokenizer::Token;

use crate::tokenizer::is_search_term;

/// A fragment of a text with the matched words marked.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Snippet {
    /// The fragment, exactly as in the original text.
    pub text: String,
    /// Byte offset of the fragment in the original text.
    pub start: usize,
    /// The matched words, as byte ranges into `text`, in order, not overlapping.
    pub highlights: Vec<Span>,
    /// True when the fragment does not start at the start of the text.
    pub cut_before: bool,
    /// True when the fragment does not reach the end of the text.
    pub cut_after: bool,
}

impl Snippet {
    /// The fragment with each match between `open` and `close`, and `…` where it
    /// was cut. Use `"\x1b[1m"`/`"\x1b[0m"` for a terminal.
    pub fn render(&self, open: &str, close: &str) -> String {
        self.render_with(open, close, |s| s.to_owned())
    }

    /// The fragment as HTML: text escaped, matches in `<mark>`.
    pub fn to_html(&self) -> String {
        self.render_with("<mark>", "</mark>", escape_html)
    }

    fn render_with(&self, open: &str, close: &str, text: impl Fn(&str) -> String) -> String {
        let mut out = String::with_capacity(self.text.len() + self.highlights.len() * (open.len() + close.len()) + 6);
        if self.cut_before {
            out.push('…');
        }
        let mut at = 0;
        for span in &self.highlights {
            let (Some(before), Some(word)) = (self.text.get(at..span.start), span.slice(&self.text)) else {
                continue;
            };
            out.push_str(&text(before));
            out.push_str(open);
            out.push_str(&text(word));
            out.push_str(close);
            at = span.end;
        }
        out.push_str(&text(self.text.get(at..).unwrap_or("")));
        if self.cut_after {
            out.push('…');
        }
        out
    }
}

fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

/// The tokens whose search term is in `terms`.
fn matches<'t>(tokens: &'t [Token], terms: &HashSet<String>) -> Vec<&'t Token> {
    tokens.iter().filter(|t| terms.contains(&t.text)).collect()
}

/// The whole text with its matches marked (for titles). `tokens` are the
/// text's search tokens ([`crate::tokenizer::search_tokens`]).
pub fn highlight_all(text: &str, tokens: &[Token], terms: &HashSet<String>) -> Snippet {
    let highlights = matches(tokens, terms)
        .into_iter()
        .map(|t| Span::new(t.offset_from, t.offset_to))
        .filter(|s| s.end <= text.len())
        .collect();
    Snippet {
        text: text.to_owned(),
        start: 0,
        highlights,
        cut_before: false,
        cut_after: false,
    }
}

/// Words of context kept before the first match of a fragment.
const CONTEXT_WORDS: usize = 4;

/// The best fragment of at most `max_bytes` bytes: the one with the most
/// distinct matched terms, then the most matches, then the earliest. Without
/// matches, the start of the text. `tokens` are the text's search tokens.
pub fn best_fragment(text: &str, tokens: &[Token], terms: &HashSet<String>, max_bytes: usize) -> Snippet {
    let found: Vec<Found<'_>> = tokens
        .iter()
        .enumerate()
        .filter(|(_, t)| terms.contains(&t.text))
        .map(|(at, t)| Found {
            from: t.offset_from,
            to: t.offset_to,
            term: &t.text,
            at,
        })
        .collect();
    fragment(text, &found, &tokens, max_bytes)
}

/// [`best_fragment`] when the positions of the matched words are known (the
/// index holds them): `matched` are `(position, term)` pairs, a position as
/// [`Analyzer::for_each_term`] numbers words. Only the matched words and a
/// few around the fragment are analysed, not the whole text: the same
/// fragment at a fraction of the cost. `None` when a position does not hold
/// its term in this text (an index made by another analyzer): then analyse
/// the text and call [`best_fragment`].
pub fn best_fragment_at(analyzer: &Analyzer, text: &str, matched: &[(u32, &str)], max_bytes: usize) -> Option<Snippet> {
    let words = Words {
        analyzer,
        text,
        words: Analyzer::words(text).collect(),
    };
    let mut found = Vec::with_capacity(matched.len());
    for &(position, term) in matched {
        let at = position as usize;
        let word = words.words.get(at)?;
        if words.term(at).as_deref() != Some(term) {
            return None;
        }
        found.push(Found {
            from: word.span.start,
            to: word.span.end,
            term,
            at,
        });
    }
    found.sort_by_key(|f| f.at);
    found.dedup_by_key(|f| f.at);
    Some(fragment(text, &found, &words, max_bytes))
}

/// A matched word: its span, its term and its place among the text's words.
struct Found<'t> {
    from: usize,
    to: usize,
    term: &'t str,
    /// Its index in the text's tokens ([`Around`] says which).
    at: usize,
}

/// What a fragment needs of the search tokens around its matches.
trait Around {
    /// Where the search token [`CONTEXT_WORDS`] tokens before the match
    /// `at` starts (the first token's start when there are fewer).
    fn context_from(&self, at: &Found<'_>) -> usize;
    /// The end of the last search token within `from..limit`.
    fn last_end_within(&self, from: usize, limit: usize) -> Option<usize>;
}

/// A text's search tokens, all analysed.
impl Around for &[Token] {
    fn context_from(&self, at: &Found<'_>) -> usize {
        self.get(at.at.saturating_sub(CONTEXT_WORDS))
            .map_or(at.from, |t| t.offset_from)
    }

    fn last_end_within(&self, from: usize, limit: usize) -> Option<usize> {
        self.iter()
            .filter(|t| t.offset_from >= from && t.offset_to <= limit)
            .map(|t| t.offset_to)
            .max()
    }
}

/// A text's words, analysed one by one when asked (stopwords are not search tokens).
struct Words<'a> {
    analyzer: &'a Analyzer,
    text: &'a str,
    words: Vec<Segment>,
}

impl Words<'_> {
    /// The search term of the word at `at` (`None` for a stopword).
    fn term(&self, at: usize) -> Option<String> {
        let word = *self.words.get(at)?;
        self.analyzer
            .term_of(self.text, word)
            .filter(|term| is_search_term(term))
    }
}

impl Around for Words<'_> {
    fn context_from(&self, at: &Found<'_>) -> usize {
        let mut from = at.from;
        let mut seen = 0;
        for i in (0..at.at).rev() {
            if seen == CONTEXT_WORDS {
                break;
            }
            if let (Some(word), Some(_)) = (self.words.get(i), self.term(i)) {
                from = word.span.start;
                seen += 1;
            }
        }
        from
    }

    fn last_end_within(&self, from: usize, limit: usize) -> Option<usize> {
        let inside = self.words.partition_point(|w| w.span.end <= limit);
        (0..inside)
            .rev()
            .take_while(|&i| self.words.get(i).is_some_and(|w| w.span.start >= from))
            .find(|&i| self.term(i).is_some())
            .and_then(|i| self.words.get(i))
            .map(|w| w.span.end)
    }
}

/// The fragment of `text` around the best window of `found` (the matches, in
/// text order); `around` knows the other search tokens.
fn fragment(text: &str, found: &[Found<'_>], around: &impl Around, max_bytes: usize) -> Snippet {
    let mut best: Option<(usize, usize, usize)> = None; // (distinct, count, index into found)
    for (k, first) in found.iter().enumerate() {
        let limit = first.from.saturating_add(max_bytes);
        let mut distinct: HashSet<&str> = HashSet::new();
        let mut count = 0;
        for other in found.iter().skip(k).take_while(|t| t.to <= limit) {
            distinct.insert(other.term);
            count += 1;
        }
        if best.is_none_or(|(d, c, _)| (distinct.len(), count) > (d, c)) {
            best = Some((distinct.len(), count, k));
        }
    }
    // Start a few words before the first match of the best window, but never so
    // far that the window's matches no longer fit.
    let start = match best.and_then(|(_, _, k)| found.get(k)) {
        None => 0,
        Some(first) => {
            let context = around.context_from(first);
            if first.from - context <= max_bytes / 4 {
                context
            } else {
                first.from
            }
        }
    };
    let start = if start <= CONTEXT_WORDS * 12 && text.get(..start).is_some() {
        0
    } else {
        start
    };
    let start = floor_char(text, start.min(text.len()));
    let limit = start.saturating_add(max_bytes);
    let end = if limit >= text.len() {
        text.len()
    } else {
        around
            .last_end_within(start, limit)
            .unwrap_or_else(|| floor_char(text, limit))
    };
    let end = end.max(start);
    let fragment = text.get(start..end).unwrap_or("");
    // Leading white space is dropped (the highlights move with it).
    let lead = fragment.len() - fragment.trim_start().len();
    let highlights = found
        .iter()
        .filter(|t| t.from >= start + lead && t.to <= end)
        .map(|t| Span::new(t.from - start - lead, t.to - start - lead))
        .collect();
    Snippet {
        text: fragment.get(lead..).unwrap_or("").to_owned(),
        start: start + lead,
        highlights,
        cut_before: start > 0,
        cut_after: end < text.trim_end().len(),
    }
}

/// The largest character boundary at or before `at`.
fn floor_char(text: &str, mut at: usize) -> usize {
    while at > 0 && !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every space-separated word a token whose term is itself.
    fn tokens(text: &str) -> Vec<Token> {
        let mut out = Vec::new();
        let mut at = 0;
        for (position, word) in text.split(' ').enumerate() {
            out.push(Token {
                offset_from: at,
                offset_to: at + word.len(),
                position,
                text: word.into(),
                position_length: 1,
            });
            at += word.len() + 1;
        }
        out
    }

    fn terms(words: &[&str]) -> HashSet<String> {
        words.iter().map(|w| (*w).to_owned()).collect()
    }

    #[test]
    fn highlights_whole_words_in_the_original() {
        let text = "بدء جولة محادثات سلام جديدة حول سوريا";
        let s = best_fragment(text, &tokens(text), &terms(&["محادثات", "سوريا"]), 1000);
        assert_eq!(s.render("[", "]"), "بدء جولة [محادثات] سلام جديدة حول [سوريا]");
        assert!(!s.cut_before && !s.cut_after);
    }

    #[test]
    fn picks_the_window_with_most_terms() {
        let filler = "كلمة ".repeat(60);
        let text = format!("{filler}استانا {filler}استانا محادثات سلام {filler}");
        let text = text.trim_end();
        let s = best_fragment(text, &tokens(text), &terms(&["استانا", "محادثات"]), 120);
        assert_eq!(s.highlights.len(), 2, "{}", s.render("[", "]"));
        assert!(s.cut_before && s.cut_after);
        assert!(s.text.len() <= 120);
        assert!(text.is_char_boundary(s.start));
        assert!(s.render("<", ">").starts_with('…'));
        for h in &s.highlights {
            assert!(s.text.is_char_boundary(h.start) && s.text.is_char_boundary(h.end));
        }
    }

    #[test]
    fn no_match_gives_the_start() {
        let text = "بدء جولة محادثات";
        let s = best_fragment(text, &tokens(text), &terms(&["جنيف"]), 9);
        assert_eq!(s.start, 0);
        assert_eq!(s.text, "بدء");
        assert!(s.highlights.is_empty());
        assert!(s.cut_after);
    }

    #[test]
    fn positions_of_another_text_are_refused() {
        let analyzer = Analyzer::default();
        let text = "محادثات فى استانا اليوم";
        let at = |matched: &[(u32, &str)]| best_fragment_at(&analyzer, text, matched, 100);
        let words: Vec<Segment> = Analyzer::words(text).collect();
        let term = analyzer.term_of(text, words[2]).unwrap();
        let fragment = at(&[(2, &term)]).unwrap();
        assert_eq!(fragment.render("[", "]"), "محادثات فى [استانا] اليوم");
        // Position 1 is a stopword, position 9 is past the text, position 0 another word.
        assert_eq!(at(&[(1, "فى")]), None);
        assert_eq!(at(&[(9, &term)]), None);
        assert_eq!(at(&[(0, &term)]), None);
    }

    #[test]
    fn html_is_escaped() {
        let text = "a<b c";
        let s = highlight_all(text, &tokens(text), &terms(&["c"]));
        assert_eq!(s.to_html(), "a&lt;b <mark>c</mark>");
    }
}
