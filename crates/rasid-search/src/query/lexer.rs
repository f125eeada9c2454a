//! The lexer: words, phrases (`"…"`, `«…»`, `“…”`), `name:` prefixes, brackets and operators,
//! with character offsets for errors.

use crate::error::QueryError;

#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Lex {
    Word(String),
    Phrase(String),
    /// `name:` right before a value.
    Field(String),
    Open,
    Close,
    And,
    Or,
    Not,
    Plus,
    Minus,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Tok {
    pub(super) kind: Lex,
    /// Character offset.
    pub(super) at: usize,
}

fn closing_quote(open: char) -> Option<char> {
    match open {
        '"' => Some('"'),
        '«' => Some('»'),
        '“' => Some('”'),
        _ => None,
    }
}

fn is_break(c: char) -> bool {
    c.is_whitespace() || c == '(' || c == ')' || closing_quote(c).is_some()
}

/// The tokens of `query`. When `lenient`, what would be an error here is read
/// as text: a quote never closed opens a phrase that runs to the end (the
/// person is still typing it), and a `+` or `-` with nothing glued to it (the
/// dash of a pasted headline) is punctuation, left out.
pub(super) fn lex(query: &str, lenient: bool) -> Result<Vec<Tok>, QueryError> {
    let chars: Vec<char> = query.chars().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    let at = |i: usize| chars.get(i).copied();
    while let Some(c) = at(i) {
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if c == '(' {
            tokens.push(Tok { kind: Lex::Open, at: i });
            i += 1;
            continue;
        }
        if c == ')' {
            tokens.push(Tok {
                kind: Lex::Close,
                at: i,
            });
            i += 1;
            continue;
        }
        if let Some(close) = closing_quote(c) {
            let start = i;
            i += 1;
            let mut text = String::new();
            loop {
                match at(i) {
                    // A quote just typed, nothing after it yet.
                    None if lenient && text.trim().is_empty() => return Ok(tokens),
                    None if lenient => break,
                    None => return Err(QueryError::UnclosedQuote { at: start }),
                    Some(d) if d == close => break,
                    Some(d) => text.push(d),
                }
                i += 1;
            }
            i += 1;
            tokens.push(Tok {
                kind: Lex::Phrase(text),
                at: start,
            });
            continue;
        }
        if c == '+' || c == '-' {
            match at(i + 1) {
                Some(next) if !next.is_whitespace() && next != ')' => {
                    tokens.push(Tok {
                        kind: if c == '+' { Lex::Plus } else { Lex::Minus },
                        at: i,
                    });
                    i += 1;
                    continue;
                }
                _ if lenient => {
                    i += 1;
                    continue;
                }
                _ => {
                    return Err(QueryError::MissingOperand {
                        operator: c.to_string(),
                        at: i,
                    })
                }
            }
        }
        // A word: up to white space, a bracket or a quote.
        let start = i;
        let mut word = String::new();
        while let Some(d) = at(i) {
            if is_break(d) {
                break;
            }
            word.push(d);
            i += 1;
        }
        if let Some((name, rest)) = word.split_once(':') {
            if !name.is_empty() && name.chars().all(|c| c.is_ascii_alphabetic() || c == '_') {
                tokens.push(Tok {
                    kind: Lex::Field(name.to_ascii_lowercase()),
                    at: start,
                });
                if !rest.is_empty() {
                    tokens.push(Tok {
                        kind: Lex::Word(rest.to_owned()),
                        at: start + name.chars().count() + 1,
                    });
                }
                continue;
            }
        }
        let kind = match word.as_str() {
            "AND" | "&&" => Lex::And,
            "OR" | "||" => Lex::Or,
            "NOT" => Lex::Not,
            _ => Lex::Word(word),
        };
        tokens.push(Tok { kind, at: start });
    }
    Ok(tokens)
}

pub(super) fn lex_name(kind: &Lex) -> String {
    match kind {
        Lex::And => "AND",
        Lex::Or => "OR",
        Lex::Not => "NOT",
        Lex::Plus => "+",
        Lex::Minus => "-",
        _ => "operator",
    }
    .to_owned()
}
