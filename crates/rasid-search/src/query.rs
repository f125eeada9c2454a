//! The query language: words, phrases, boolean operators, field queries and date ranges.
//!
//! | syntax | meaning |
//! |---|---|
//! | `محادثات استانا` | either word (ranked by BM25; articles with both rank first) |
//! | `"محادثات السلام"` | the phrase (also `«…»` and `“…”`) |
//! | `+استانا` `-جنيف` | must have / must not have |
//! | `a AND b`, `a OR b`, `NOT a` | boolean operators (upper case); AND binds tighter than OR |
//! | `( … )` | grouping |
//! | `title:استانا`, `body:"…"` | only in that field (`title`, `body`) |
//! | `entities:لافروف`, `person:"سيرغى لافروف"`, `org:…`, `place:ادلب` | in the names extraction found: any entity, people, organisations, places |
//! | `place:169389`, `places:169389` | the place with this GeoNames id |
//! | `source:youm7`, `category:…` | exact value, case-insensitive (`source`, `category`, `author`, `url`, `id`) |
//! | `published:2017-12-01..2017-12-31` | date range, both ends inclusive; `2017-12` or `2017` for a whole month or year; open ends `2017-12..` and `..2017-12`; also `2017-05/2017-07` |
//! | `mentions:2017-05` | articles that mention a day, month or year within the period (same forms as `published:`) |
//!
//! Words next to each other are alternatives (OR) unless [`ParseOptions::default_and`]
//! is set. A `name:` prefix is a field only when `name` is ASCII letters; `قال:` is
//! just a word. Parsing checks everything that does not need the index: balanced
//! quotes and brackets, operators with operands, known fields, valid dates, and
//! size limits. Errors are [`QueryError`]s, never panics.
//!
//! ```
//! use rasid_search::query::{parse, Node, Occur, ParseOptions};
//! let node = parse("استانا -جنيف published:2017-12", &ParseOptions::default()).unwrap();
//! let Node::Bool(clauses) = node else { panic!() };
//! assert_eq!(clauses.len(), 3);
//! assert_eq!(clauses[1].0, Occur::MustNot);
//! assert!(parse("\"محادثات", &ParseOptions::default()).is_err());
//! ```

use jiff::civil::Date;

use crate::error::QueryError;

/// The longest query accepted, in characters.
pub const MAX_QUERY_CHARS: usize = 2_000;
/// The most words and values a query may hold.
pub const MAX_CLAUSES: usize = 256;
/// The deepest nesting of brackets.
pub const MAX_DEPTH: usize = 16;

/// How a clause counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Occur {
    /// Required.
    Must,
    /// Optional; adds to the score.
    Should,
    /// Excluded.
    MustNot,
}

/// The field a text value is searched in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FieldRef {
    /// Title (boosted) and body.
    Default,
    /// The headline.
    Title,
    /// The body.
    Body,
    /// Extracted entity names, any kind.
    Entities,
    /// Names of people.
    Person,
    /// Names of organisations.
    Org,
    /// Names of places, or a GeoNames id when the value is digits.
    Place,
    /// The outlet, exact.
    Source,
    /// The category, exact.
    Category,
    /// The byline, exact.
    Author,
    /// Place ids, exact.
    Places,
    /// The URL, exact and case-sensitive.
    Url,
    /// The article id, exact.
    Id,
}

impl FieldRef {
    /// True for fields whose values are analysed like text.
    pub fn is_analysed(self) -> bool {
        matches!(
            self,
            FieldRef::Default
                | FieldRef::Title
                | FieldRef::Body
                | FieldRef::Entities
                | FieldRef::Person
                | FieldRef::Org
                | FieldRef::Place
        )
    }
}

/// The field names a query may use, for error messages.
const FIELD_NAMES: &str =
    "title, body, entities, person, org, place, places, source, category, author, url, id, published, mentions";

fn field_ref(name: &str) -> Option<FieldRef> {
    Some(match name {
        "title" => FieldRef::Title,
        "body" => FieldRef::Body,
        "entities" | "entity" => FieldRef::Entities,
        "person" | "persons" => FieldRef::Person,
        "org" | "orgs" => FieldRef::Org,
        "place" => FieldRef::Place,
        "source" => FieldRef::Source,
        "category" => FieldRef::Category,
        "author" => FieldRef::Author,
        "places" => FieldRef::Places,
        "url" => FieldRef::Url,
        "id" => FieldRef::Id,
        _ => return None,
    })
}

/// A half-open day range `[from, until)`; `None` is unbounded.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct DateRange {
    /// First day included.
    pub from: Option<Date>,
    /// First day no longer included.
    pub until: Option<Date>,
}

/// A parsed query.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Node {
    /// A word or a phrase in a field.
    Text {
        /// Where to look.
        field: FieldRef,
        /// The text as typed (without quotes).
        text: String,
        /// True when it was quoted.
        phrase: bool,
    },
    /// A publication date range.
    Published(DateRange),
    /// Articles that mention a period within the range (see [`crate::extraction::mentioned`]).
    Mentions(DateRange),
    /// Clauses with how each counts.
    Bool(Vec<(Occur, Node)>),
}

/// Parser settings.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ParseOptions {
    /// Words next to each other are all required (AND) instead of alternatives (OR).
    pub default_and: bool,
}

/// Parses a query.
///
/// # Errors
/// A [`QueryError`] naming the problem and where it is.
pub fn parse(query: &str, options: &ParseOptions) -> Result<Node, QueryError> {
    let length = query.chars().count();
    if length > MAX_QUERY_CHARS {
        return Err(QueryError::TooLong {
            length,
            max: MAX_QUERY_CHARS,
        });
    }
    let tokens = lex(query)?;
    if tokens.is_empty() {
        return Err(QueryError::Empty);
    }
    let leaves = tokens
        .iter()
        .filter(|t| matches!(t.kind, Lex::Word(_) | Lex::Phrase(_)))
        .count();
    if leaves > MAX_CLAUSES {
        return Err(QueryError::TooManyClauses { max: MAX_CLAUSES });
    }
    let mut parser = Parser {
        tokens,
        pos: 0,
        options: *options,
        depth: 0,
    };
    let node = parser.expr(FieldRef::Default)?;
    if let Some(token) = parser.peek() {
        // Only a `)` can stop the top-level expression early.
        return Err(QueryError::UnexpectedParen { at: token.at });
    }
    Ok(node)
}

// ---------------------------------------------------------------- lexer

#[derive(Clone, Debug, PartialEq, Eq)]
enum Lex {
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
struct Tok {
    kind: Lex,
    /// Character offset.
    at: usize,
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

fn lex(query: &str) -> Result<Vec<Tok>, QueryError> {
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

// ---------------------------------------------------------------- parser

struct Parser {
    tokens: Vec<Tok>,
    pos: usize,
    options: ParseOptions,
    depth: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Tok> {
        self.tokens.get(self.pos)
    }

    fn next(&mut self) -> Option<Tok> {
        let token = self.tokens.get(self.pos).cloned();
        self.pos += usize::from(token.is_some());
        token
    }

    /// expr := and (OR and)*
    fn expr(&mut self, field: FieldRef) -> Result<Node, QueryError> {
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

fn lex_name(kind: &Lex) -> String {
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

/// One node for several parts joined by the same operator.
fn combine(mut parts: Vec<Node>, occur: Occur) -> Node {
    if parts.len() == 1 {
        if let Some(node) = parts.pop() {
            return node;
        }
    }
    Node::Bool(parts.into_iter().map(|node| (occur, node)).collect())
}

// ---------------------------------------------------------------- dates

/// ASCII digits for Arabic-Indic and Persian ones.
fn ascii_digits(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{0660}'..='\u{0669}' => char::from_digit(u32::from(c) - 0x0660, 10).unwrap_or(c),
            '\u{06F0}'..='\u{06F9}' => char::from_digit(u32::from(c) - 0x06F0, 10).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// The days a `YYYY`, `YYYY-MM` or `YYYY-MM-DD` covers: `[first, next)`.
fn period(text: &str) -> Option<(Date, Date)> {
    let parts: Vec<&str> = text.split(['-', '/']).collect();
    let number = |s: &str, digits: std::ops::RangeInclusive<usize>| -> Option<i16> {
        if digits.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()) {
            s.parse().ok()
        } else {
            None
        }
    };
    match parts.as_slice() {
        [y] => {
            let year = number(y, 4..=4)?;
            let first = Date::new(year, 1, 1).ok()?;
            Some((first, first.checked_add(jiff::Span::new().years(1)).ok()?))
        }
        [y, m] => {
            let first = Date::new(number(y, 4..=4)?, i8::try_from(number(m, 1..=2)?).ok()?, 1).ok()?;
            Some((first, first.checked_add(jiff::Span::new().months(1)).ok()?))
        }
        [y, m, d] => {
            let day = Date::new(
                number(y, 4..=4)?,
                i8::try_from(number(m, 1..=2)?).ok()?,
                i8::try_from(number(d, 1..=2)?).ok()?,
            )
            .ok()?;
            Some((day, day.tomorrow().ok()?))
        }
        _ => None,
    }
}

/// Splits `FROM..TO`, or `FROM/TO` when both sides are periods (`2017/05` is
/// May 2017, `2017-05/2017-07` three months).
fn split_range(text: &str) -> Option<(&str, &str)> {
    text.split_once("..").or_else(|| {
        text.split_once('/')
            .filter(|(a, b)| period(a).is_some() && period(b).is_some() && !b.contains('/'))
    })
}

/// Parses `2017`, `2017-12`, `2017-12-21`, `FROM..TO`, `FROM..`, `..TO`, `FROM/TO` (both
/// ends inclusive, each end a whole period). `at` is where the text starts, for errors.
///
/// ```
/// use rasid_search::query::parse_date_range;
/// let may_to_july = parse_date_range("2017-05/2017-07", 0).unwrap();
/// assert_eq!(may_to_july.from.unwrap().to_string(), "2017-05-01");
/// assert_eq!(may_to_july.until.unwrap().to_string(), "2017-08-01");
/// assert_eq!(parse_date_range("2017/05", 0).unwrap().until.unwrap().to_string(), "2017-06-01");
/// assert!(parse_date_range("2017-13", 0).is_err());
/// ```
///
/// # Errors
/// [`QueryError::BadDate`] and [`QueryError::EmptyRange`].
pub fn parse_date_range(text: &str, at: usize) -> Result<DateRange, QueryError> {
    let text = ascii_digits(text.trim());
    let bad = || QueryError::BadDate { text: text.clone(), at };
    let range = match split_range(&text) {
        None => {
            let (from, until) = period(&text).ok_or_else(bad)?;
            DateRange {
                from: Some(from),
                until: Some(until),
            }
        }
        Some((a, b)) => {
            let from = if a.is_empty() {
                None
            } else {
                Some(period(a).ok_or_else(bad)?.0)
            };
            let until = if b.is_empty() {
                None
            } else {
                Some(period(b).ok_or_else(bad)?.1)
            };
            if from.is_none() && until.is_none() {
                return Err(bad());
            }
            DateRange { from, until }
        }
    };
    if let (Some(from), Some(until)) = (range.from, range.until) {
        if from >= until {
            return Err(QueryError::EmptyRange { text, at });
        }
    }
    Ok(range)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(q: &str) -> Result<Node, QueryError> {
        parse(q, &ParseOptions::default())
    }

    fn word(text: &str) -> Node {
        Node::Text {
            field: FieldRef::Default,
            text: text.into(),
            phrase: false,
        }
    }

    fn day(y: i16, m: i8, d: i8) -> Option<Date> {
        Some(Date::new(y, m, d).unwrap())
    }

    #[test]
    fn well_formed_queries() {
        use Occur::*;
        let table: Vec<(&str, Node)> = vec![
            ("استانا", word("استانا")),
            ("  استانا  ", word("استانا")),
            ("+استانا", word("استانا")),
            (
                "محادثات استانا",
                Node::Bool(vec![(Should, word("محادثات")), (Should, word("استانا"))]),
            ),
            (
                "استانا -جنيف",
                Node::Bool(vec![(Should, word("استانا")), (MustNot, word("جنيف"))]),
            ),
            (
                "استانا NOT جنيف",
                Node::Bool(vec![(Should, word("استانا")), (MustNot, word("جنيف"))]),
            ),
            ("-جنيف", Node::Bool(vec![(MustNot, word("جنيف"))])),
            ("a AND b", Node::Bool(vec![(Must, word("a")), (Must, word("b"))])),
            ("a && b", Node::Bool(vec![(Must, word("a")), (Must, word("b"))])),
            ("a OR b", Node::Bool(vec![(Should, word("a")), (Should, word("b"))])),
            (
                "a OR b AND c",
                Node::Bool(vec![
                    (Should, word("a")),
                    (Should, Node::Bool(vec![(Must, word("b")), (Must, word("c"))])),
                ]),
            ),
            (
                "(a OR b) AND c",
                Node::Bool(vec![
                    (Must, Node::Bool(vec![(Should, word("a")), (Should, word("b"))])),
                    (Must, word("c")),
                ]),
            ),
            (
                "\"محادثات السلام\"",
                Node::Text {
                    field: FieldRef::Default,
                    text: "محادثات السلام".into(),
                    phrase: true,
                },
            ),
            (
                "«محادثات السلام»",
                Node::Text {
                    field: FieldRef::Default,
                    text: "محادثات السلام".into(),
                    phrase: true,
                },
            ),
            (
                "title:استانا",
                Node::Text {
                    field: FieldRef::Title,
                    text: "استانا".into(),
                    phrase: false,
                },
            ),
            (
                "TITLE:استانا",
                Node::Text {
                    field: FieldRef::Title,
                    text: "استانا".into(),
                    phrase: false,
                },
            ),
            (
                "source:youm7",
                Node::Text {
                    field: FieldRef::Source,
                    text: "youm7".into(),
                    phrase: false,
                },
            ),
            (
                "body:\"جولة جديدة\"",
                Node::Text {
                    field: FieldRef::Body,
                    text: "جولة جديدة".into(),
                    phrase: true,
                },
            ),
            (
                "source:(youm7 OR ahram)",
                Node::Bool(vec![
                    (
                        Should,
                        Node::Text {
                            field: FieldRef::Source,
                            text: "youm7".into(),
                            phrase: false,
                        },
                    ),
                    (
                        Should,
                        Node::Text {
                            field: FieldRef::Source,
                            text: "ahram".into(),
                            phrase: false,
                        },
                    ),
                ]),
            ),
            (
                "url:http://example.com/a?b=c",
                Node::Text {
                    field: FieldRef::Url,
                    text: "http://example.com/a?b=c".into(),
                    phrase: false,
                },
            ),
            // An Arabic word before a colon is not a field.
            ("قال:", word("قال:")),
            ("2017-12", word("2017-12")),
            (
                "published:2017-12-01..2017-12-31",
                Node::Published(DateRange {
                    from: day(2017, 12, 1),
                    until: day(2018, 1, 1),
                }),
            ),
            (
                "published:2017-12",
                Node::Published(DateRange {
                    from: day(2017, 12, 1),
                    until: day(2018, 1, 1),
                }),
            ),
            (
                "published:2017",
                Node::Published(DateRange {
                    from: day(2017, 1, 1),
                    until: day(2018, 1, 1),
                }),
            ),
            (
                "published:٢٠١٧-١٢-٢١",
                Node::Published(DateRange {
                    from: day(2017, 12, 21),
                    until: day(2017, 12, 22),
                }),
            ),
            (
                "mentions:2017-05/2017-07",
                Node::Mentions(DateRange {
                    from: day(2017, 5, 1),
                    until: day(2017, 8, 1),
                }),
            ),
            (
                "published:2017/12",
                Node::Published(DateRange {
                    from: day(2017, 12, 1),
                    until: day(2018, 1, 1),
                }),
            ),
            (
                "person:\"سيرغى لافروف\"",
                Node::Text {
                    field: FieldRef::Person,
                    text: "سيرغى لافروف".into(),
                    phrase: true,
                },
            ),
            (
                "place:169389",
                Node::Text {
                    field: FieldRef::Place,
                    text: "169389".into(),
                    phrase: false,
                },
            ),
            (
                "published:2017-12..",
                Node::Published(DateRange {
                    from: day(2017, 12, 1),
                    until: None,
                }),
            ),
            (
                "published:..2017-02",
                Node::Published(DateRange {
                    from: None,
                    until: day(2017, 3, 1),
                }),
            ),
            (
                "NOT NOT a",
                Node::Bool(vec![(MustNot, Node::Bool(vec![(MustNot, word("a"))]))]),
            ),
        ];
        for (query, expected) in table {
            assert_eq!(p(query), Ok(expected), "help: query {query:?} parsed wrongly");
        }
    }

    #[test]
    fn default_and() {
        let node = parse("a b", &ParseOptions { default_and: true }).unwrap();
        assert_eq!(
            node,
            Node::Bool(vec![(Occur::Must, word("a")), (Occur::Must, word("b"))])
        );
    }

    #[test]
    fn malformed_queries() {
        let long = "ا".repeat(10_000);
        let many = "كلمة ".repeat(MAX_CLAUSES + 1);
        let deep = format!("{}a{}", "(".repeat(MAX_DEPTH + 1), ")".repeat(MAX_DEPTH + 1));
        let table: Vec<(&str, QueryError)> = vec![
            ("", QueryError::Empty),
            ("   ", QueryError::Empty),
            ("\"محادثات السلام", QueryError::UnclosedQuote { at: 0 }),
            ("استانا \"", QueryError::UnclosedQuote { at: 7 }),
            ("«محادثات", QueryError::UnclosedQuote { at: 0 }),
            ("(a OR b", QueryError::UnclosedParen { at: 0 }),
            ("a OR b)", QueryError::UnexpectedParen { at: 6 }),
            (")", QueryError::UnexpectedParen { at: 0 }),
            (
                "()",
                QueryError::MissingOperand {
                    operator: "(".into(),
                    at: 0,
                },
            ),
            (
                "a AND",
                QueryError::MissingOperand {
                    operator: "AND".into(),
                    at: 2,
                },
            ),
            (
                "AND a",
                QueryError::MissingOperand {
                    operator: "AND".into(),
                    at: 0,
                },
            ),
            (
                "a OR",
                QueryError::MissingOperand {
                    operator: "OR".into(),
                    at: 2,
                },
            ),
            (
                "a OR OR b",
                QueryError::MissingOperand {
                    operator: "OR".into(),
                    at: 2,
                },
            ),
            (
                "NOT",
                QueryError::MissingOperand {
                    operator: "NOT".into(),
                    at: 0,
                },
            ),
            (
                "a -",
                QueryError::MissingOperand {
                    operator: "-".into(),
                    at: 2,
                },
            ),
            (
                "a + b",
                QueryError::MissingOperand {
                    operator: "+".into(),
                    at: 2,
                },
            ),
            (
                "(a NOT)",
                QueryError::MissingOperand {
                    operator: "NOT".into(),
                    at: 3,
                },
            ),
            (
                "foo:bar",
                QueryError::UnknownField {
                    field: "foo".into(),
                    at: 0,
                    known: FIELD_NAMES.into(),
                },
            ),
            (
                "source:",
                QueryError::MissingValue {
                    field: "source".into(),
                    at: 0,
                },
            ),
            (
                "source: youm7",
                QueryError::MissingValue {
                    field: "source".into(),
                    at: 0,
                },
            ),
            (
                "published:",
                QueryError::MissingValue {
                    field: "published".into(),
                    at: 0,
                },
            ),
            (
                "published:yesterday",
                QueryError::BadDate {
                    text: "yesterday".into(),
                    at: 10,
                },
            ),
            (
                "published:2017-13",
                QueryError::BadDate {
                    text: "2017-13".into(),
                    at: 10,
                },
            ),
            (
                "published:2017-02-30",
                QueryError::BadDate {
                    text: "2017-02-30".into(),
                    at: 10,
                },
            ),
            (
                "published:..",
                QueryError::BadDate {
                    text: "..".into(),
                    at: 10,
                },
            ),
            (
                "published:17-12-01",
                QueryError::BadDate {
                    text: "17-12-01".into(),
                    at: 10,
                },
            ),
            (
                "published:2018..2017",
                QueryError::EmptyRange {
                    text: "2018..2017".into(),
                    at: 10,
                },
            ),
            (
                "source:a..b",
                QueryError::RangeNotSupported {
                    field: "source".into(),
                    at: 7,
                },
            ),
            (
                &long,
                QueryError::TooLong {
                    length: 10_000,
                    max: MAX_QUERY_CHARS,
                },
            ),
            (&many, QueryError::TooManyClauses { max: MAX_CLAUSES }),
            (&deep, QueryError::TooDeep { max: MAX_DEPTH }),
        ];
        for (query, expected) in table {
            let got = p(query);
            assert_eq!(
                got,
                Err(expected),
                "help: query {:?} should be refused",
                query.get(..40).unwrap_or(query)
            );
            // Every error has a message a person can read.
            assert!(!got.unwrap_err().to_string().is_empty());
        }
    }

    #[test]
    fn never_panics_on_odd_input() {
        let pieces = [
            "\"",
            "(",
            ")",
            "+",
            "-",
            ":",
            "AND",
            "OR",
            "NOT",
            "source:",
            "published:",
            "..",
            "«",
            "»",
            "“",
            "ا",
            " ",
            "a",
            "\u{200f}",
            "ً",
            "٢",
        ];
        // Every string of up to three pieces.
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    let query = format!("{a}{b}{c}");
                    let _ = p(&query);
                    let _ = p(&format!("{a} {b} {c}"));
                }
            }
        }
    }
}
