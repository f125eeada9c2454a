//! A tiny tokeniser for date lines: numbers, words and single punctuation
//! characters, each with its byte range in the original line.

use crate::digits::{digit_value, MAX_NUMBER_DIGITS};
use crate::normalize::{is_ignorable, is_word_char, normalize_word};

/// What a token is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Tok {
    /// A run of digits (any script). `value` is `None` when it has more than
    /// [`MAX_NUMBER_DIGITS`] digits.
    Num { value: Option<u32>, digits: usize },
    /// A run of letters, normalised with [`normalize_word`] (never empty).
    Word(String),
    /// Any other visible character.
    Punct(char),
}

/// A token and its byte range in the line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Token {
    pub(crate) tok: Tok,
    pub(crate) start: usize,
    pub(crate) end: usize,
}

/// Splits `line` into tokens; whitespace and invisible controls separate tokens
/// and are dropped.
pub(crate) fn tokenize(line: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut chars = line.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        let mut end = start + c.len_utf8();
        if let Some(d) = digit_value(c) {
            let mut value = Some(u32::from(d));
            let mut digits = 1usize;
            while let Some(&(i, next)) = chars.peek() {
                let Some(d) = digit_value(next) else { break };
                digits += 1;
                value = if digits > MAX_NUMBER_DIGITS {
                    None
                } else {
                    value
                        .and_then(|v| v.checked_mul(10))
                        .and_then(|v| v.checked_add(u32::from(d)))
                };
                end = i + next.len_utf8();
                chars.next();
            }
            out.push(Token {
                tok: Tok::Num { value, digits },
                start,
                end,
            });
        } else if is_word_char(c) {
            while let Some(&(i, next)) = chars.peek() {
                if !is_word_char(next) {
                    break;
                }
                end = i + next.len_utf8();
                chars.next();
            }
            let norm = line.get(start..end).map(normalize_word).unwrap_or_default();
            if !norm.is_empty() {
                out.push(Token {
                    tok: Tok::Word(norm),
                    start,
                    end,
                });
            }
        } else if !(c.is_whitespace() || is_ignorable(c) || c.is_control()) {
            out.push(Token {
                tok: Tok::Punct(c),
                start,
                end,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_and_keeps_offsets() {
        let line = "الخميس، ٢١ ديسمبر 2017 10:57ص";
        let toks = tokenize(line);
        let texts: Vec<&str> = toks.iter().map(|t| &line[t.start..t.end]).collect();
        assert_eq!(texts, ["الخميس", "،", "٢١", "ديسمبر", "2017", "10", ":", "57", "ص"]);
        assert_eq!(
            toks[2].tok,
            Tok::Num {
                value: Some(21),
                digits: 2
            }
        );
    }

    #[test]
    fn huge_numbers_do_not_overflow() {
        let toks = tokenize("99999999999999999999999");
        assert_eq!(
            toks[0].tok,
            Tok::Num {
                value: None,
                digits: 23
            }
        );
    }
}
