//! The quote finder: speech cues, what was said, how, and who said it.

use rasid_core::{Quote, QuoteKind, Span, Speaker, TokenKind, Trigger};

use crate::coder::Part;
use crate::dict::Kind;

/// The most tokens between a cue and what it introduces (the speaker's description).
const SPEAKER_WORDS: usize = 15;

/// The longest quote, in bytes of text (about 400 Arabic words).
const MAX_QUOTE_BYTES: usize = 4096;

/// The most tokens of reported speech (`قال ان …`) when the sentence goes on and on.
const MAX_QUOTE_TOKENS: usize = 150;

/// The fewest words of a direct quote not introduced by a colon.
const DIRECT_WORDS: usize = 4;

/// Words that end a speaker's name or description (the adjunct after it is skipped).
const SPEAKER_ENDS: [&str; 9] = ["في", "فى", "خلال", "علي", "الي", "عن", "امام", "لدي", "عبر"];

/// Opening quotation marks and the mark that closes each.
const MARKS: [(char, char); 4] = [('«', '»'), ('"', '"'), ('“', '”'), ('\'', '\'')];

/// A quote found, with what the statement event needs.
pub(crate) struct FoundQuote {
    pub quote: Quote,
    pub cue: usize,
    pub code: String,
    /// The speaker's actor code, span and entity, for the statement event.
    pub speaker_code: Option<String>,
}

/// Who spoke last, for cues without a subject (`واضافت ان …`).
#[derive(Clone, Debug, Default)]
pub(crate) struct Previous {
    pub speaker: Option<(Speaker, Option<String>)>,
}

/// `ان`, `إن`, `أن`, also with a pronoun (`إنه`, `أنها`).
fn is_complementizer(part: &Part<'_>, i: usize) -> bool {
    part.tok(i)
        .is_some_and(|t| t.key == "ان" || (t.enclitic.is_some() && t.proclitics.is_empty() && part.base(i) == "ان"))
}

fn opening_mark(text: &str) -> Option<char> {
    let c = text.chars().next()?;
    MARKS.iter().find(|(open, _)| *open == c).map(|(open, _)| *open)
}

/// The end of a direct quote opened at byte `from` (after the mark): the
/// closing mark within the paragraph, else the end of the sentence.
fn closing(text: &str, from: usize, open: char, sentence_end: usize) -> (usize, bool) {
    let close = MARKS.iter().find(|(o, _)| *o == open).map_or(open, |(_, c)| *c);
    let rest = text.get(from..).unwrap_or_default();
    // A quote longer than this is a mark that never closes: the search stays bounded.
    let mut limit = rest.len().min(MAX_QUOTE_BYTES);
    while !rest.is_char_boundary(limit) {
        limit -= 1;
    }
    let window = rest.get(..limit).unwrap_or_default();
    let paragraph = window.find('\n').unwrap_or(window.len());
    match window.get(..paragraph).and_then(|p| p.find(close)) {
        Some(k) => (from + k, true),
        None => (sentence_end.clamp(from, from + paragraph), false),
    }
}

/// Whether token `k` is a speech cue followed by `ان` (the next quote).
fn starts_quote(part: &Part<'_>, k: usize) -> bool {
    let Some(t) = part.tok(k) else { return false };
    let cue = part
        .verb_entries(k)
        .is_some_and(|(e, _)| e.iter().any(|e| e.kind == Kind::Cue))
        || part.dict.participles.contains_key(t.key.as_str());
    cue && (is_complementizer(part, k + 1)
        || part
            .tok(k + 1)
            .is_some_and(|n| n.key == "الي" && is_complementizer(part, k + 2)))
}

/// How many words of `text` stand inside quotation marks (a term in quotes,
/// `مناطق "خفض التوتر"`, is not yet a quote of someone's words).
fn quoted_words(text: &str) -> usize {
    let mut words = 0;
    let mut open: Option<char> = None;
    let mut in_word = false;
    for c in text.chars() {
        match open {
            None => {
                if let Some((_, close)) = MARKS.iter().find(|(o, _)| *o == c) {
                    open = Some(*close);
                    in_word = false;
                }
            }
            Some(close) if c == close => open = None,
            Some(_) => {
                let letter = c.is_alphanumeric();
                if letter && !in_word {
                    words += 1;
                }
                in_word = letter;
            }
        }
    }
    words
}

/// The quotes of one sentence (`[start, end)` in tokens). `subject` is the
/// candidate that acts in the sentence so far (for `مشيرا`).
pub(crate) fn sentence_quotes(
    part: &Part<'_>,
    sentence: Span,
    start: usize,
    end: usize,
    subject: Option<usize>,
    previous: &mut Previous,
    out: &mut Vec<FoundQuote>,
) {
    let dict = part.dict;
    let mut i = start;
    while i < end {
        let Some(t) = part.tok(i) else { break };
        let participle = dict
            .participles
            .get(part.base(i))
            .or_else(|| dict.participles.get(t.key.as_str()));
        let cue = part
            .verb_entries(i)
            .and_then(|(entries, _)| entries.iter().find(|e| e.kind == Kind::Cue));
        let Some(entry) = cue.or(participle) else {
            i += 1;
            continue;
        };
        let is_participle = cue.is_none();
        // What follows the cue: a speaker, then `ان`, `:` or a quotation mark.
        let mut j = i + 1;
        // The speaker ends at a preposition or a comma (`قال X في بيان ان`,
        // `أشار X الى ان`); what lies between it and `ان` is skipped.
        let mut np_end = None;
        if is_participle && part.tok(j).is_some_and(|t| matches!(t.key.as_str(), "الي" | "ان")) {
            // مشيرا الى / مؤكدا ان: no speaker between.
        } else {
            while j < end && j < i + 1 + SPEAKER_WORDS {
                let Some(t) = part.tok(j) else { break };
                if is_complementizer(part, j) || t.text == ":" || opening_mark(&t.text).is_some() {
                    break;
                }
                if dict.participles.contains_key(t.key.as_str()) {
                    break;
                }
                if t.kind == TokenKind::Punct && t.text != "،" && t.text != "," {
                    break;
                }
                let adjunct = SPEAKER_ENDS.contains(&t.key.as_str())
                    || t.kind == TokenKind::Punct
                    || t.proclitics
                        .first()
                        .is_some_and(|p| matches!(p.as_str(), "ب" | "ل" | "لل"));
                if adjunct && np_end.is_none() {
                    np_end = Some(j);
                }
                j += 1;
            }
        }
        let Some(next) = part.tok(j).filter(|_| j < end) else {
            i += 1;
            continue;
        };
        let np = (i + 1, np_end.unwrap_or(j));
        let mut content_from = j + 1;
        let mut mark = opening_mark(&next.text);
        if next.text == ":" {
            mark = part.tok(j + 1).and_then(|t| opening_mark(&t.text));
            content_from = j + 1 + usize::from(mark.is_some());
        } else if is_participle && matches!(next.key.as_str(), "الي" | "ان") {
            // `مشيرا الى "…"`: reported speech that may quote words (mixed).
            mark = None;
        } else if !is_complementizer(part, j) && mark.is_none() {
            i += 1;
            continue;
        }
        let (content, kind) = match mark.filter(|_| !is_complementizer(part, j)) {
            Some(open) => {
                let Some(from) = part.tok(content_from - 1).map(|t| t.span.end) else {
                    i += 1;
                    continue;
                };
                let (to, _closed) = closing(part.text, from, open, sentence.end);
                // Without a colon, a few words in quotation marks are a name
                // or a term (`أعلنت جماعة "ولاية سيناء"`), not what was said.
                let words = part.text.get(from..to).map_or(0, |w| w.split_whitespace().count());
                if next.text != ":" && words < DIRECT_WORDS {
                    i += 1;
                    continue;
                }
                (Span::new(from, to), QuoteKind::Direct)
            }
            None => {
                let Some(from) = part.tok(content_from).map(|t| t.span.start) else {
                    i += 1;
                    continue;
                };
                // To the end of the sentence, or to the next speech cue
                // (`… وأضاف ان …` is another quote), at most MAX_QUOTE_TOKENS.
                let stop = (content_from + 1..end.min(content_from + MAX_QUOTE_TOKENS))
                    .find(|&k| starts_quote(part, k))
                    .and_then(|k| part.tok(k))
                    .map(|t| t.span.start);
                let last = match stop {
                    Some(s) => s,
                    None if end > content_from + MAX_QUOTE_TOKENS => part
                        .tok(content_from + MAX_QUOTE_TOKENS)
                        .map_or(sentence.end, |t| t.span.start),
                    None => part
                        .tok(end - 1)
                        .filter(|t| t.kind == TokenKind::Punct && end - 1 > content_from)
                        .map_or(sentence.end, |t| t.span.start),
                };
                let last = part
                    .text
                    .get(..last)
                    .map_or(last, |t| t.trim_end_matches([' ', '،', ',', '\n']).len());
                let span = Span::new(from, last.max(from));
                let text = part.text.get(span.start..span.end).unwrap_or_default();
                let mixed = quoted_words(text) >= 3 || 3 * quoted_words(text) >= text.split_whitespace().count().max(1);
                (span, if mixed { QuoteKind::Mixed } else { QuoteKind::Indirect })
            }
        };
        if content.is_empty() {
            i += 1;
            continue;
        }
        let speaker = speaker(part, np, i, start, is_participle.then_some(subject), previous);
        if let Some(s) = &speaker {
            previous.speaker = Some(s.clone());
        }
        let text = part
            .text
            .get(content.start..content.end)
            .unwrap_or_default()
            .to_string();
        out.push(FoundQuote {
            quote: Quote {
                part: part.part,
                cue: Trigger {
                    span: t.span,
                    text: t.text.to_string(),
                },
                content,
                text,
                kind,
                speaker: speaker.as_ref().map(|(s, _)| s.clone()),
            },
            cue: i,
            code: entry.code.clone(),
            speaker_code: speaker.and_then(|(_, c)| c),
        });
        // Go on after the content (a quote inside the content is its own business).
        let after = part.tokens.partition_point(|t| t.span.start < content.end);
        i = after.max(i + 1);
    }
}

/// The speaker: the named subject after the cue (a person, an organisation,
/// or a description linked to its organisation), the actor right before the
/// cue, the sentence's subject (for participles), else whoever spoke last.
fn speaker(
    part: &Part<'_>,
    (a, b): (usize, usize),
    cue: usize,
    start: usize,
    participle: Option<Option<usize>>,
    previous: &Previous,
) -> Option<(Speaker, Option<String>)> {
    let from_cand = |c: usize| -> Option<(Speaker, Option<String>)> {
        let cand = part.cand(c)?;
        let code = (!cand.code.is_empty()).then(|| cand.code.clone());
        Some((
            Speaker {
                span: cand.span,
                text: part
                    .text
                    .get(cand.span.start..cand.span.end)
                    .unwrap_or_default()
                    .to_string(),
                entity: cand.entity,
                organization: None,
                code: code.clone(),
            },
            code,
        ))
    };
    if a < b {
        let cands: Vec<usize> = (a..b).filter_map(|k| part.cand_at(k)).fold(Vec::new(), |mut v, c| {
            if v.last() != Some(&c) {
                v.push(c);
            }
            v
        });
        if let Some(&p) = cands.iter().find(|&&c| part.cand(c).is_some_and(|c| c.person)) {
            return from_cand(p);
        }
        let first_is_cand = part.cand_at(a).is_some();
        if first_is_cand {
            if let Some(&c) = cands.first() {
                return from_cand(c);
            }
        }
        // A description: `متحدث باسم وزارة خارجية كازاخستان`.
        let (Some(s), Some(e)) = (part.tok(a), part.tok(b - 1)) else {
            return None;
        };
        let span = Span::new(s.span.start, e.span.end);
        let org = cands.iter().copied().find(|&c| part.cand(c).is_some_and(|c| c.org));
        let code = org
            .and_then(|c| part.cand(c))
            .map(|c| c.code.clone())
            .filter(|c| !c.is_empty());
        return Some((
            Speaker {
                span,
                text: part.text.get(span.start..span.end).unwrap_or_default().to_string(),
                entity: None,
                organization: org.and_then(|c| part.cand(c)).and_then(|c| c.entity),
                code: code.clone(),
            },
            code,
        ));
    }
    // SVO: an actor right before the cue (not for a participle, which
    // continues the sentence's subject).
    if cue > start && participle.is_none() {
        if let Some(c) = part.cand_at(cue - 1) {
            return from_cand(c);
        }
    }
    if let Some(c) = participle.flatten() {
        return from_cand(c);
    }
    previous.speaker.clone()
}
