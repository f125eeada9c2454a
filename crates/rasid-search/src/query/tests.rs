//! Tests of [`super::parse`]: well-formed and malformed queries, limits, odd input.

use jiff::civil::Date;

use super::fields::FIELD_NAMES;
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
