//! Lenient reading: the tokens of a query the strict parser refuses, repaired so
//! that what does not parse is read as text. A person pastes a headline with
//! ` - ` in it, types a phrase before its closing quote, leaves a bracket or an
//! `AND` dangling: none of that is an error unless [`ParseOptions::strict`] asks.
//!
//! The repairs, in order: at most [`MAX_CLAUSES`] words are kept; a bracket
//! without its partner, an empty group and brackets deeper than [`MAX_DEPTH`]
//! are dropped; a `name:` that is not a field with a valid value becomes a word
//! (`BBC:`, `published:yesterday`); `NOT` with nothing after it and `AND`/`OR`
//! without an operand on each side become the words they are; a `+` or `-` with
//! nothing after it is dropped. What the lexer does leniently is in
//! [`super::lexer::lex`].
//!
//! [`ParseOptions::strict`]: super::ParseOptions::strict

use super::dates::parse_date_range;
use super::fields::field_ref;
use super::lexer::{lex_name, Lex, Tok};
use super::{MAX_CLAUSES, MAX_DEPTH};

/// The repaired tokens (see the module documentation).
pub(super) fn repair(tokens: Vec<Tok>) -> Vec<Tok> {
    let tokens = truncate(tokens);
    let tokens = brackets(tokens);
    let tokens = fields(tokens);
    operators(tokens)
}

/// Only plain words and phrases (operators as words, brackets dropped): what is
/// left when repairs were not enough.
pub(super) fn words_only(tokens: Vec<Tok>) -> Vec<Tok> {
    truncate(tokens)
        .into_iter()
        .filter_map(|token| {
            let kind = match token.kind {
                Lex::Word(_) | Lex::Phrase(_) => token.kind,
                Lex::Field(name) => Lex::Word(format!("{name}:")),
                Lex::And | Lex::Or | Lex::Not => Lex::Word(lex_name(&token.kind)),
                Lex::Open | Lex::Close | Lex::Plus | Lex::Minus => return None,
            };
            Some(Tok { kind, at: token.at })
        })
        .collect()
}

/// The tokens up to the one that would make more than [`MAX_CLAUSES`] words,
/// counting operators as words (repairs may turn them into words).
fn truncate(mut tokens: Vec<Tok>) -> Vec<Tok> {
    let mut words = 0;
    let end = tokens.iter().position(|t| {
        if matches!(t.kind, Lex::Word(_) | Lex::Phrase(_) | Lex::And | Lex::Or | Lex::Not) {
            words += 1;
        }
        words > MAX_CLAUSES
    });
    if let Some(end) = end {
        tokens.truncate(end);
    }
    tokens
}

/// Brackets without a partner, empty groups and groups nested deeper than
/// [`MAX_DEPTH`] dropped.
fn brackets(tokens: Vec<Tok>) -> Vec<Tok> {
    fn set(keep: &mut [bool], i: usize, value: bool) {
        if let Some(k) = keep.get_mut(i) {
            *k = value;
        }
    }
    let mut keep = vec![true; tokens.len()];
    // Open brackets not yet closed: (index, kept).
    let mut open: Vec<(usize, bool)> = Vec::new();
    let mut depth = 0usize;
    for (i, token) in tokens.iter().enumerate() {
        match token.kind {
            Lex::Open => {
                let kept = depth < MAX_DEPTH;
                depth += usize::from(kept);
                set(&mut keep, i, kept);
                open.push((i, kept));
            }
            Lex::Close => match open.pop() {
                Some((_, kept)) => {
                    depth -= usize::from(kept);
                    set(&mut keep, i, kept);
                }
                None => set(&mut keep, i, false),
            },
            _ => {}
        }
    }
    for (i, _) in open {
        set(&mut keep, i, false);
    }
    let mut out: Vec<Tok> = Vec::with_capacity(tokens.len());
    for (token, kept) in tokens.into_iter().zip(keep) {
        if !kept {
            continue;
        }
        if token.kind == Lex::Close && matches!(out.last(), Some(Tok { kind: Lex::Open, .. })) {
            out.pop();
            continue;
        }
        out.push(token);
    }
    out
}

/// `name:` prefixes that are not a field with a valid value turned into text:
/// glued to a word they become one word (`published:yesterday`), else the word
/// `name:`.
fn fields(tokens: Vec<Tok>) -> Vec<Tok> {
    let mut out: Vec<Tok> = Vec::with_capacity(tokens.len());
    let mut iter = tokens.into_iter().peekable();
    while let Some(token) = iter.next() {
        let Lex::Field(name) = &token.kind else {
            out.push(token);
            continue;
        };
        let value_at = token.at + name.chars().count() + 1;
        let value = iter.peek().filter(|v| v.at == value_at);
        let valid = match (name.as_str(), value.map(|v| &v.kind)) {
            ("published" | "date" | "mentions", Some(Lex::Word(text) | Lex::Phrase(text))) => {
                parse_date_range(text, value_at).is_ok()
            }
            ("published" | "date" | "mentions", _) => false,
            (_, Some(Lex::Word(text))) => field_ref(name).is_some() && !text.contains(".."),
            (_, Some(Lex::Phrase(_) | Lex::Open)) => field_ref(name).is_some(),
            _ => false,
        };
        if valid {
            out.push(token);
            continue;
        }
        let glued = match iter.peek() {
            Some(Tok {
                kind: Lex::Word(word),
                at,
            }) if *at == value_at => Some(word.clone()),
            _ => None,
        };
        let text = match glued {
            Some(word) => {
                iter.next();
                format!("{name}:{word}")
            }
            None => format!("{name}:"),
        };
        out.push(Tok {
            kind: Lex::Word(text),
            at: token.at,
        });
    }
    out
}

/// True when an operand can start with this token.
fn starts_operand(token: Option<&Tok>) -> bool {
    matches!(
        token.map(|t| &t.kind),
        Some(Lex::Word(_) | Lex::Phrase(_) | Lex::Open | Lex::Field(_) | Lex::Not | Lex::Plus | Lex::Minus)
    )
}

/// True when an operand can end with this token.
fn ends_operand(token: Option<&Tok>) -> bool {
    matches!(token.map(|t| &t.kind), Some(Lex::Word(_) | Lex::Phrase(_) | Lex::Close))
}

/// Operators without their operands read as words (`NOT`, `AND`, `OR`) or
/// dropped (`+`, `-`).
fn operators(tokens: Vec<Tok>) -> Vec<Tok> {
    // Unary operators, right to left: each sees what follows it as repaired.
    let mut reversed: Vec<Tok> = Vec::with_capacity(tokens.len());
    for token in tokens.into_iter().rev() {
        if matches!(token.kind, Lex::Not | Lex::Plus | Lex::Minus) && !starts_operand(reversed.last()) {
            if token.kind == Lex::Not {
                reversed.push(Tok {
                    kind: Lex::Word(lex_name(&token.kind)),
                    at: token.at,
                });
            }
            continue;
        }
        reversed.push(token);
    }
    // Binary operators, left to right: an operand must end before and start after.
    let mut out: Vec<Tok> = Vec::with_capacity(reversed.len());
    while let Some(token) = reversed.pop() {
        if matches!(token.kind, Lex::And | Lex::Or) && !(ends_operand(out.last()) && starts_operand(reversed.last())) {
            out.push(Tok {
                kind: Lex::Word(lex_name(&token.kind)),
                at: token.at,
            });
            continue;
        }
        out.push(token);
    }
    out
}
