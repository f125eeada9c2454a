//! The recursive-descent parser: OR over AND over sequences of unary clauses, with
//! fields, groups and depth and size limits.

use super::fields::{field_ref, FIELD_NAMES};
use super::lexer::{lex_name, Lex, Tok};
use super::{parse_date_range, FieldRef, Node, Occur, ParseOptions, MAX_DEPTH};
use crate::error::QueryError;

pub(super) struct Parser {
    pub(super) tokens: Vec<Tok>,
    pub(super) pos: usize,
    pub(super) options: ParseOptions,
    pub(super) depth: usize,
}

impl Parser {
    pub(super) fn peek(&self) -> Option<&Tok> {
        self.tokens.get(self.pos)
    }

    fn next(&mut self) -> Option<Tok> {
        let token = self.tokens.get(self.pos).cloned();
        self.pos += usize::from(token.is_some());
        token
    }

    /// expr := and (OR and)*
    pub(super) fn expr(&mut self, field: FieldRef) -> Result<Node, QueryError> {
        let mut parts = vec![self.and(field)?];
        while let Some(Tok { kind: Lex::Or, at }) = self.peek().cloned() {
            self.pos += 1;
            if self.at_operand_end() {
                return Err(QueryError::MissingOperand {
                    operator: "OR".into(),
                    at,
                });
            }
            parts.push(self.and(field)?);
        }
        Ok(combine(parts, Occur::Should))
    }

    /// and := seq (AND seq)*
    fn and(&mut self, field: FieldRef) -> Result<Node, QueryError> {
        let mut parts = vec![self.seq(field)?];
        while let Some(Tok { kind: Lex::And, at }) = self.peek().cloned() {
            self.pos += 1;
            if self.at_operand_end() {
                return Err(QueryError::MissingOperand {
                    operator: "AND".into(),
                    at,
                });
            }
            parts.push(self.seq(field)?);
        }
        Ok(combine(parts, Occur::Must))
    }

    /// True when no operand can start here.
    fn at_operand_end(&self) -> bool {
        matches!(
            self.peek(),
            None | Some(Tok {
                kind: Lex::Close | Lex::And | Lex::Or,
                ..
            })
        )
    }

    /// seq := unary+
    fn seq(&mut self, field: FieldRef) -> Result<Node, QueryError> {
        let mut clauses = Vec::new();
        loop {
            match self.peek() {
                None
                | Some(Tok {
                    kind: Lex::Close | Lex::And | Lex::Or,
                    ..
                }) => break,
                Some(_) => clauses.push(self.unary(field)?),
            }
        }
        match clauses.len() {
            0 => {
                // An operator with nothing before it (`AND x`, `OR x`), or `()`.
                match self.peek() {
                    Some(Tok { kind: Lex::And, at }) => Err(QueryError::MissingOperand {
                        operator: "AND".into(),
                        at: *at,
                    }),
                    Some(Tok { kind: Lex::Or, at }) => Err(QueryError::MissingOperand {
                        operator: "OR".into(),
                        at: *at,
                    }),
                    Some(Tok { at, .. }) => Err(QueryError::UnexpectedParen { at: *at }),
                    None => Err(QueryError::Empty),
                }
            }
            1 => match clauses.pop() {
                // Alone, `+x` and `x` mean the same.
                Some((Occur::Should | Occur::Must, node)) => Ok(node),
                Some(clause) => Ok(Node::Bool(vec![clause])),
                None => Err(QueryError::Empty),
            },
            _ => Ok(Node::Bool(clauses)),
        }
    }

    /// unary := NOT unary | + primary | - primary | primary
    fn unary(&mut self, field: FieldRef) -> Result<(Occur, Node), QueryError> {
        let default = if self.options.default_and {
            Occur::Must
        } else {
            Occur::Should
        };
        let Some(token) = self.peek().cloned() else {
            return Err(QueryError::Empty);
        };
        let (occur, operator) = match token.kind {
            Lex::Not => (Occur::MustNot, "NOT"),
            Lex::Plus => (Occur::Must, "+"),
            Lex::Minus => (Occur::MustNot, "-"),
            _ => return Ok((default, self.primary(field)?)),
        };
        self.pos += 1;
        if matches!(
            self.peek(),
            None | Some(Tok {
                kind: Lex::Close | Lex::And | Lex::Or,
                ..
            })
        ) {
            return Err(QueryError::MissingOperand {
                operator: operator.into(),
                at: token.at,
            });
        }
        let node = if token.kind == Lex::Not {
            let (inner_occur, inner) = self.unary(field)?;
            match inner_occur {
                Occur::MustNot => Node::Bool(vec![(Occur::MustNot, inner)]),
                _ => inner,
            }
        } else {
            self.primary(field)?
        };
        Ok((occur, node))
    }

    /// primary := ( expr ) | field: value | phrase | word
    fn primary(&mut self, field: FieldRef) -> Result<Node, QueryError> {
        let Some(token) = self.next() else {
            return Err(QueryError::Empty);
        };
        match token.kind {
            Lex::Open => self.group(token.at, field),
            Lex::Word(text) => Ok(Node::Text {
                field,
                text,
                phrase: false,
            }),
            Lex::Phrase(text) => Ok(Node::Text {
                field,
                text,
                phrase: true,
            }),
            Lex::Field(name) => self.field_value(&name, token.at),
            Lex::Close => Err(QueryError::UnexpectedParen { at: token.at }),
            Lex::And | Lex::Or | Lex::Not | Lex::Plus | Lex::Minus => Err(QueryError::MissingOperand {
                operator: lex_name(&token.kind),
                at: token.at,
            }),
        }
    }

    fn group(&mut self, open_at: usize, field: FieldRef) -> Result<Node, QueryError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(QueryError::TooDeep { max: MAX_DEPTH });
        }
        if matches!(self.peek(), Some(Tok { kind: Lex::Close, .. })) {
            return Err(QueryError::MissingOperand {
                operator: "(".into(),
                at: open_at,
            });
        }
        let node = self.expr(field)?;
        match self.next() {
            Some(Tok { kind: Lex::Close, .. }) => {
                self.depth -= 1;
                Ok(node)
            }
            _ => Err(QueryError::UnclosedParen { at: open_at }),
        }
    }

    fn field_value(&mut self, name: &str, at: usize) -> Result<Node, QueryError> {
        // The value must follow the colon directly: `source: youm7` is a mistake.
        let value_starts = at + name.chars().count() + 1;
        let value = match self.peek() {
            Some(Tok {
                kind: Lex::Word(_) | Lex::Phrase(_) | Lex::Open,
                at: value_at,
            }) if *value_at == value_starts => self.next(),
            _ => None,
        };
        if name == "published" || name == "date" || name == "mentions" {
            return match value {
                Some(Tok {
                    kind: Lex::Word(text) | Lex::Phrase(text),
                    at: value_at,
                }) => {
                    let range = parse_date_range(&text, value_at)?;
                    Ok(if name == "mentions" {
                        Node::Mentions(range)
                    } else {
                        Node::Published(range)
                    })
                }
                Some(Tok { at: value_at, .. }) => Err(QueryError::BadDate {
                    text: "(".into(),
                    at: value_at,
                }),
                None => Err(QueryError::MissingValue {
                    field: name.to_owned(),
                    at,
                }),
            };
        }
        let Some(field) = field_ref(name) else {
            return Err(QueryError::UnknownField {
                field: name.to_owned(),
                at,
                known: FIELD_NAMES.to_owned(),
            });
        };
        match value {
            Some(Tok {
                kind: Lex::Word(text),
                at: value_at,
            }) => {
                if text.contains("..") {
                    return Err(QueryError::RangeNotSupported {
                        field: name.to_owned(),
                        at: value_at,
                    });
                }
                Ok(Node::Text {
                    field,
                    text,
                    phrase: false,
                })
            }
            Some(Tok {
                kind: Lex::Phrase(text),
                ..
            }) => Ok(Node::Text {
                field,
                text,
                phrase: true,
            }),
            Some(Tok {
                kind: Lex::Open,
                at: open_at,
            }) => self.group(open_at, field),
            _ => Err(QueryError::MissingValue {
                field: name.to_owned(),
                at,
            }),
        }
    }
}

/// One node for several parts joined by the same operator.
fn combine(mut parts: Vec<Node>, occur: Occur) -> Node {
    if parts.len() == 1 {
        if let Some(node) = parts.pop() {
            return node;
        }
    }
    Node::Bool(parts.into_iter().map(|node| (occur, node)).collect())
}
