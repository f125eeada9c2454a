//! Tests of [`super::parse`]: well-formed and malformed queries, limits, odd input.

use jiff::civil::Date;

use super::fields::FIELD_NAMES;
use super::*;

fn p(q: &str) -> Result<Node, QueryError> {
    parse(q, &ParseOptions::default())
}

const STRICT: ParseOptions = ParseOptions {
    default_and: false,
    strict: true,
};

/// Parsed with `--strict-query`.
fn strict(q: &str) -> Result<Node, QueryError> {
    parse(q, &STRICT)
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
        assert_eq!(p(query), Ok(expected.clone()), "help: query {query:?} parsed wrongly");
        assert_eq!(
            strict(query),
            Ok(expected),
            "help: query {query:?} parsed wrongly when strict"
        );
    }
}

#[test]
fn default_and() {
    let node = parse(
        "a b",
        &ParseOptions {
            default_and: true,
            ..ParseOptions::default()
        },
    )
    .unwrap();
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
        let got = strict(query);
        assert_eq!(
            got,
            Err(expected),
            "help: query {:?} should be refused when strict",
            query.get(..40).unwrap_or(query)
        );
        // Every error has a message a person can read.
        assert!(!got.unwrap_err().to_string().is_empty());
        // Read leniently (the default), it is never an error.
        assert!(
            p(query).is_ok(),
            "help: {:?} should be read as text",
            query.get(..40).unwrap_or(query)
        );
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
                for query in [format!("{a}{b}{c}"), format!("{a} {b} {c}")] {
                    let _ = strict(&query);
                    assert!(p(&query).is_ok(), "help: {query:?} should be read as text");
                }
            }
        }
    }
}

fn phrase(text: &str) -> Node {
    Node::Text {
        field: FieldRef::Default,
        text: text.into(),
        phrase: true,
    }
}

fn words(texts: &[&str]) -> Node {
    Node::Bool(texts.iter().map(|t| (Occur::Should, word(t))).collect())
}

#[test]
fn regression_pasted_headline_with_dash() {
    // ``-` needs something to search for`: a headline pasted with its dash.
    let headline = "سوريا - روسيا تتفقان على هدنة";
    assert!(strict(headline).is_err());
    assert_eq!(p(headline), Ok(words(&["سوريا", "روسيا", "تتفقان", "على", "هدنة"])));
    // A dash at the end, and one glued to nothing but a bracket.
    assert_eq!(p("هدنة في حلب -"), Ok(words(&["هدنة", "في", "حلب"])));
    assert_eq!(p("هدنة -)"), Ok(word("هدنة")));
    // A lone dash has nothing to search for (the search says so), but it parses.
    assert_eq!(p("-"), Ok(Node::Bool(Vec::new())));
    assert_eq!(p(" - "), Ok(Node::Bool(Vec::new())));
    // A dash glued to a word still excludes it.
    assert_eq!(
        p("استانا -جنيف \""),
        Ok(Node::Bool(vec![
            (Occur::Should, word("استانا")),
            (Occur::MustNot, word("جنيف"))
        ]))
    );
}

#[test]
fn regression_unclosed_quote_while_typing() {
    assert_eq!(p("\"محادثات السلام"), Ok(phrase("محادثات السلام")));
    assert_eq!(p("«محادثات"), Ok(phrase("محادثات")));
    assert_eq!(
        p("استانا \"جولة جديدة"),
        Ok(Node::Bool(vec![
            (Occur::Should, word("استانا")),
            (Occur::Should, phrase("جولة جديدة"))
        ]))
    );
    // The quote just typed, nothing after it yet.
    assert_eq!(p("استانا \""), Ok(word("استانا")));
    assert_eq!(strict("\"محادثات السلام"), Err(QueryError::UnclosedQuote { at: 0 }));
}

#[test]
fn regression_unbalanced_parentheses() {
    let either = Node::Bool(vec![(Occur::Should, word("a")), (Occur::Should, word("b"))]);
    assert_eq!(p("(a OR b"), Ok(either.clone()));
    assert_eq!(p("a OR b)"), Ok(either.clone()));
    assert_eq!(p(")a OR b("), Ok(either.clone()));
    assert_eq!(p("((a OR b)"), Ok(either));
    assert_eq!(p("()"), Ok(Node::Bool(Vec::new())));
    assert_eq!(p("a ()"), Ok(word("a")));
    // Deeper than allowed: the brackets beyond the limit are dropped.
    let deep = format!("{}a{}", "(".repeat(MAX_DEPTH + 5), ")".repeat(MAX_DEPTH + 5));
    assert_eq!(p(&deep), Ok(word("a")));
}

#[test]
fn regression_stray_operator_at_either_end() {
    use Occur::*;
    assert_eq!(p("AND a"), Ok(words(&["AND", "a"])));
    assert_eq!(p("a AND"), Ok(words(&["a", "AND"])));
    assert_eq!(p("a OR"), Ok(words(&["a", "OR"])));
    assert_eq!(p("OR"), Ok(word("OR")));
    assert_eq!(p("a NOT"), Ok(words(&["a", "NOT"])));
    assert_eq!(p("NOT"), Ok(word("NOT")));
    assert_eq!(p("(a NOT)"), Ok(words(&["a", "NOT"])));
    // Doubled: the first is a word, the second still an operator.
    assert_eq!(
        p("a OR OR b"),
        Ok(Node::Bool(vec![
            (Should, Node::Bool(vec![(Should, word("a")), (Should, word("OR"))])),
            (Should, word("b")),
        ]))
    );
    // What is well formed keeps its meaning.
    assert_eq!(p("a AND b"), Ok(Node::Bool(vec![(Must, word("a")), (Must, word("b"))])));
}

#[test]
fn regression_colon_in_pasted_text() {
    // `BBC: …`, `Update: …` and a bad date are text, not unknown fields.
    assert_eq!(p("BBC: محادثات"), Ok(words(&["bbc:", "محادثات"])));
    assert_eq!(p("published:yesterday a"), Ok(words(&["published:yesterday", "a"])));
    assert_eq!(p("source: youm7"), Ok(words(&["source:", "youm7"])));
    assert_eq!(p("source:a..b"), Ok(word("source:a..b")));
    // A field with a good value stays a field beside the repairs.
    assert_eq!(
        p("source:youm7 \"هدنة"),
        Ok(Node::Bool(vec![
            (
                Occur::Should,
                Node::Text {
                    field: FieldRef::Source,
                    text: "youm7".into(),
                    phrase: false
                }
            ),
            (Occur::Should, phrase("هدنة")),
        ]))
    );
}

#[test]
fn regression_long_pasted_text_is_cut_not_refused() {
    let long = "ا".repeat(10_000);
    assert_eq!(p(&long), Ok(word(&"ا".repeat(MAX_QUERY_CHARS))));
    let many = "كلمة ".repeat(MAX_CLAUSES + 10);
    let Ok(Node::Bool(clauses)) = p(&many) else {
        panic!("{:?}", p(&many));
    };
    assert_eq!(clauses.len(), MAX_CLAUSES);
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2_000))]

    /// Any string parses in lenient mode, without error or panic.
    #[test]
    fn any_string_parses_leniently(query in "\\PC{0,80}") {
        proptest::prop_assert!(p(&query).is_ok());
    }

    /// Strings made of the query language's own pieces, the hardest to repair.
    #[test]
    fn any_mix_of_operators_parses_leniently(
        pieces in proptest::collection::vec(
            proptest::sample::select(vec![
                "\"", "(", ")", "+", "-", ":", "AND", "OR", "NOT", "&&", "source:", "published:",
                "title:", "foo:", "..", "«", "»", "“", "”", "ا", "a", "2017", " ", "  ", "\u{200f}",
            ]),
            0..24,
        )
    ) {
        let query: String = pieces.concat();
        proptest::prop_assert!(p(&query).is_ok(), "{:?}", query);
    }
}
