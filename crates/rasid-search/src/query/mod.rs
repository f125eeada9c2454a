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
//! | `event:046`, `event:04` | articles reporting an event with this CAMEO code, or a code starting with it (a root) |
//! | `actor:SYRGOV`, `target:SYRREB`, `actor:SYR` | an event whose source (who acts) or target (acted on) has this actor code, or this country |
//! | `dyad:SYRGOV>SYRREB` | an event from this source on this target (full codes) |
//! | `published:2017-12-01..2017-12-31` | date range, both ends inclusive; `2017-12` or `2017` for a whole month or year; open ends `2017-12..` and `..2017-12`; also `2017-05/2017-07` |
//! | `mentions:2017-05` | articles that mention a day, month or year within the period (same forms as `published:`) |
//!
//! Words next to each other are alternatives (OR) unless [`ParseOptions::default_and`]
//! is set. A `name:` prefix is a field only when `name` is ASCII letters; `قال:` is
//! just a word. Parsing checks everything that does not need the index: balanced
//! quotes and brackets, operators with operands, known fields, valid dates, and
//! size limits. By default what fails a check is read as text instead (see
//! [`parse`]); with [`ParseOptions::strict`] it is a [`QueryError`]. Never a panic.
//!
//! Inside: `lexer` (tokens with offsets) → `parser` (recursive descent) → `ast`
//! ([`Node`]); `fields` (the names a query may use), `dates` (date values and
//! ranges), and `compile` (a [`Node`] to a tantivy query, crate-internal).
//!
//! ```
//! use rasid_search::query::{parse, Node, Occur, ParseOptions};
//! let node = parse("استانا -جنيف published:2017-12", &ParseOptions::default()).unwrap();
//! let Node::Bool(clauses) = node else { panic!() };
//! assert_eq!(clauses.len(), 3);
//! assert_eq!(clauses[1].0, Occur::MustNot);
//! let strict = ParseOptions { strict: true, ..ParseOptions::default() };
//! assert!(parse("\"محادثات", &strict).is_err());
//! assert!(parse("\"محادثات", &ParseOptions::default()).is_ok());
//! ```

mod ast;
pub(crate) mod compile;
mod dates;
mod fields;
mod lenient;
mod lexer;
mod parser;

pub use ast::{DateRange, Node, Occur, ParseOptions};
pub use dates::parse_date_range;
pub use fields::FieldRef;

use crate::error::QueryError;
use lexer::{lex, Lex};
use parser::Parser;

/// The longest query accepted, in characters.
pub const MAX_QUERY_CHARS: usize = 2_000;
/// The most words and values a query may hold.
pub const MAX_CLAUSES: usize = 256;
/// The deepest nesting of brackets.
pub const MAX_DEPTH: usize = 16;

/// Parses a query.
///
/// By default a query is never refused for its syntax: what does not parse is
/// read as text (see `lenient`): a lone `-` in a pasted headline, a phrase
/// whose closing quote is not typed yet, unbalanced brackets, `AND`, `OR` or
/// `NOT` at either end, `name:` that is no field. A query longer than
/// [`MAX_QUERY_CHARS`] is cut there and one with more than [`MAX_CLAUSES`]
/// words after them. A query with nothing in it parses to an empty
/// [`Node::Bool`], which has nothing to search for. With
/// [`ParseOptions::strict`] each of these is a [`QueryError`] instead.
///
/// ```
/// use rasid_search::query::{parse, ParseOptions};
/// let strict = ParseOptions { strict: true, ..ParseOptions::default() };
/// assert!(parse("سوريا - روسيا", &strict).is_err());
/// assert!(parse("سوريا - روسيا", &ParseOptions::default()).is_ok());
/// ```
///
/// # Errors
/// Only with [`ParseOptions::strict`]: a [`QueryError`] naming the problem and where it is.
pub fn parse(query: &str, options: &ParseOptions) -> Result<Node, QueryError> {
    match parse_strict(query, options) {
        Ok(node) => Ok(node),
        Err(err) if options.strict => Err(err),
        Err(_) => Ok(parse_lenient(query, options)),
    }
}

fn parse_strict(query: &str, options: &ParseOptions) -> Result<Node, QueryError> {
    let length = query.chars().count();
    if length > MAX_QUERY_CHARS {
        return Err(QueryError::TooLong {
            length,
            max: MAX_QUERY_CHARS,
        });
    }
    let tokens = lex(query, false)?;
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
    parse_tokens(tokens, options)
}

fn parse_tokens(tokens: Vec<lexer::Tok>, options: &ParseOptions) -> Result<Node, QueryError> {
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

/// The query read leniently; never fails.
fn parse_lenient(query: &str, options: &ParseOptions) -> Node {
    let cut: String = query.chars().take(MAX_QUERY_CHARS).collect();
    let Ok(tokens) = lex(&cut, true) else {
        return Node::Bool(Vec::new());
    };
    if tokens.is_empty() {
        return Node::Bool(Vec::new());
    }
    parse_tokens(lenient::repair(tokens.clone()), options)
        .or_else(|_| parse_tokens(lenient::words_only(tokens), options))
        .unwrap_or_else(|_| Node::Bool(Vec::new()))
}

#[cfg(test)]
mod tests;
