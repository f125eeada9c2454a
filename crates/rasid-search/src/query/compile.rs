//! Compiling a parsed query ([`Node`]) to a tantivy query, with the same analysis documents get.

use std::collections::HashSet;
use std::ops::Bound;

use jiff::civil::Date;
use tantivy::query::{
    AllQuery, BooleanQuery, DisjunctionMaxQuery, Occur as TOccur, PhraseQuery, Query, RangeQuery, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::{TextAnalyzer, TokenStream};
use tantivy::Term;

use super::{DateRange, FieldRef, Node, Occur};
use crate::bm25::Bm25Query;
use crate::index::Index;
use crate::schema::{day_start, Fields};
use crate::search::{boosted, Ranking};
use crate::tokenizer::{keyword_term, ANALYZER_NAME};

/// Turns a parsed query into a tantivy query.
pub(crate) struct Compiler<'a> {
    fields: &'a Fields,
    analyzer: Option<TextAnalyzer>,
    ranking: Ranking,
    /// The analysed terms of the clauses that are not negated, to highlight.
    pub(crate) terms: HashSet<String>,
}

impl<'a> Compiler<'a> {
    pub(crate) fn new(index: &'a Index, ranking: Ranking) -> Self {
        Compiler {
            fields: index.fields(),
            analyzer: index.tantivy().tokenizers().get(ANALYZER_NAME),
            ranking,
            terms: HashSet::new(),
        }
    }

    /// `None` when the node has nothing to search for (only stopwords, say).
    pub(crate) fn node(&mut self, node: &Node, negated: bool) -> Option<Box<dyn Query>> {
        match node {
            Node::Text { field, text, .. } => self.text(*field, text, negated),
            // The article's own day (issue 17), like `--from`/`--to`.
            Node::Published(range) => date_query(self.fields.published_day, range),
            Node::Mentions(range) => mentions_query(self.fields, range),
            Node::Bool(clauses) => {
                let mut sub: Vec<(TOccur, Box<dyn Query>)> = Vec::with_capacity(clauses.len() + 1);
                for (occur, child) in clauses {
                    let child_negated = negated ^ (*occur == Occur::MustNot);
                    if let Some(q) = self.node(child, child_negated) {
                        let occur = match occur {
                            Occur::Must => TOccur::Must,
                            Occur::Should => TOccur::Should,
                            Occur::MustNot => TOccur::MustNot,
                        };
                        sub.push((occur, q));
                    }
                }
                if sub.is_empty() {
                    return None;
                }
                if sub.iter().all(|(o, _)| *o == TOccur::MustNot) {
                    sub.push((TOccur::Must, Box::new(AllQuery)));
                }
                if sub.len() == 1 && sub.iter().all(|(o, _)| *o != TOccur::MustNot) {
                    return sub.pop().map(|(_, q)| q);
                }
                Some(Box::new(BooleanQuery::new(sub)))
            }
        }
    }

    pub(crate) fn text(&mut self, field: FieldRef, text: &str, negated: bool) -> Option<Box<dyn Query>> {
        let f = self.fields;
        let exact = |field: Field, value: String| -> Option<Box<dyn Query>> {
            if value.is_empty() {
                return None;
            }
            Some(Box::new(TermQuery::new(
                Term::from_field_text(field, &value),
                IndexRecordOption::Basic,
            )))
        };
        let targets: Vec<(Field, f32, f32)> = match field {
            FieldRef::Default => {
                let r = &self.ranking;
                [
                    (f.title, r.title, r.k1),
                    (f.body, r.body, r.k1),
                    (f.lead, r.lead, r.lead_k1),
                    (f.entities, r.entities, r.k1),
                ]
                .into_iter()
                .filter(|(_, weight, _)| *weight > 0.0)
                .collect()
            }
            FieldRef::Title => vec![(f.title, 1.0, 1.2)],
            FieldRef::Body => vec![(f.body, 1.0, 1.2)],
            FieldRef::Entities => vec![(f.entities, 1.0, 1.2)],
            FieldRef::Person => vec![(f.persons, 1.0, 1.2)],
            FieldRef::Org => vec![(f.orgs, 1.0, 1.2)],
            FieldRef::Place => match geonames_id(text) {
                Some(id) => return exact(f.places, id),
                None => vec![(f.locations, 1.0, 1.2)],
            },
            FieldRef::Source => return exact(f.source, keyword_term(text)),
            FieldRef::Category => return exact(f.category, keyword_term(text)),
            FieldRef::Author => return exact(f.author, keyword_term(text)),
            FieldRef::Places => return exact(f.places, geonames_id(text).unwrap_or_else(|| keyword_term(text))),
            FieldRef::Url => return exact(f.url, text.trim().to_owned()),
            FieldRef::Id => return exact(f.id, text.trim().to_owned()),
            FieldRef::Event => return exact(f.event_codes, crate::events::code_term(text)),
            FieldRef::Actor => return exact(f.actors, crate::events::actor_term(text)),
            FieldRef::Target => return exact(f.targets, crate::events::actor_term(text)),
            FieldRef::Dyad => return exact(f.dyads, crate::events::dyad_term(text)),
        };
        let mut tokens = self.analyse(text);
        if field == FieldRef::Default && self.ranking.variants > 0.0 {
            // A clitic written apart (`بـ`, `لـ`, a lone `و`) is no word to rank by.
            tokens.retain(|(_, term)| !is_lone_letter(term));
        }
        let first = tokens.first()?.0;
        let variants: Vec<String> = if field == FieldRef::Default && tokens.len() == 1 && self.ranking.variants > 0.0 {
            let stem = tokens.first().map(|(_, t)| t.clone()).unwrap_or_default();
            variant_words(&stem)
                .into_iter()
                .filter_map(|v| {
                    let analysed = self.analyse(&v);
                    match analysed.as_slice() {
                        [(_, term)] if *term != stem => Some(term.clone()),
                        _ => None,
                    }
                })
                .collect::<std::collections::BTreeSet<String>>()
                .into_iter()
                .collect()
        } else {
            Vec::new()
        };
        if !negated {
            self.terms.extend(tokens.iter().map(|(_, t)| t.clone()));
            self.terms.extend(variants.iter().cloned());
        }
        let b = if field == FieldRef::Default {
            self.ranking.b
        } else {
            0.75
        };
        let mut per_field: Vec<(TOccur, Box<dyn Query>)> = Vec::with_capacity(targets.len());
        for (target, boost, k1) in targets {
            let term_query = |text: &str| -> Box<dyn Query> {
                let term = Term::from_field_text(target, text);
                // tantivy's term query (k1 1.2, b 0.75) where the ranking keeps those.
                if (k1 - 1.2).abs() > 1e-6 || (b - 0.75).abs() > 1e-6 {
                    Box::new(Bm25Query::new(term, k1, b))
                } else {
                    Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs))
                }
            };
            let q: Box<dyn Query> = if tokens.len() == 1 {
                let word = term_query(&tokens.first()?.1);
                if variants.is_empty() {
                    word
                } else {
                    // The word or one of its other forms, whichever scores best.
                    let mut either = vec![word];
                    either.extend(variants.iter().map(|v| boosted(term_query(v), self.ranking.variants)));
                    Box::new(DisjunctionMaxQuery::new(either))
                }
            } else {
                let terms = tokens
                    .iter()
                    .map(|(position, term)| (position - first, Term::from_field_text(target, term)))
                    .collect();
                Box::new(PhraseQuery::new_with_offset(terms))
            };
            per_field.push((TOccur::Should, boosted(q, boost)));
        }
        if per_field.len() == 1 {
            return per_field.pop().map(|(_, q)| q);
        }
        (!per_field.is_empty()).then(|| Box::new(BooleanQuery::new(per_field)) as Box<dyn Query>)
    }

    /// The proximity bonus of words typed side by side: for each two neighbouring
    /// search terms, the pair within [`Ranking::slop`] words of where the query
    /// has them, in the title or the body (weighted as words are there). `None`
    /// when fewer than two terms.
    pub(crate) fn proximity(&mut self, words: &[&str]) -> Option<Box<dyn Query>> {
        let tokens = self.analyse(&words.join(" "));
        let (f, r) = (self.fields, self.ranking);
        let mut pairs: Vec<(TOccur, Box<dyn Query>)> = Vec::new();
        for pair in tokens.windows(2) {
            let [(p1, t1), (p2, t2)] = pair else { continue };
            let gap = p2.saturating_sub(*p1);
            let mut near: Vec<(TOccur, Box<dyn Query>)> = Vec::with_capacity(2);
            for (field, weight) in [(f.title, r.title), (f.body, r.body), (f.lead, r.lead)] {
                if weight <= 0.0 {
                    continue;
                }
                let terms = vec![
                    (0, Term::from_field_text(field, t1)),
                    (gap, Term::from_field_text(field, t2)),
                ];
                let phrase = PhraseQuery::new_with_offset_and_slop(terms, r.slop);
                near.push((TOccur::Should, boosted(Box::new(phrase), weight)));
            }
            if !near.is_empty() {
                pairs.push((TOccur::Should, Box::new(BooleanQuery::new(near))));
            }
        }
        (!pairs.is_empty()).then(|| Box::new(BooleanQuery::new(pairs)) as Box<dyn Query>)
    }

    /// (position, term) of each search token of `text`.
    fn analyse(&mut self, text: &str) -> Vec<(usize, String)> {
        let Some(analyzer) = self.analyzer.as_mut() else {
            return Vec::new();
        };
        let mut out = Vec::new();
        let mut stream = analyzer.token_stream(text);
        while let Some(token) = stream.next() {
            out.push((token.position, token.text.clone()));
        }
        out
    }
}

/// True for a term of one Arabic letter: a clitic written apart from its
/// word (`بـ`, `لـ`, a lone `و`). A Latin letter (`فيتامين C`) stays a word.
fn is_lone_letter(term: &str) -> bool {
    let mut chars = term.chars();
    matches!((chars.next(), chars.next()), (Some('\u{0621}'..='\u{064A}'), None))
}

/// Other forms of a word, from its search term (normalised, light-stemmed),
/// to be analysed again: a headline says `يكشف` or `شابا` where the article
/// says `كشف`, `كشفت` or `شاب`. A verb in the present tense (`ي`, `ت`, `ن`
/// and three letters or more) gives its past (`كشف`, `كشفت`, `اعلن`,
/// `اعلنت`, `اكد` for `يوكد`) and, for the forms with a prefixed `ا`
/// (`يرتفع`, `يستقبل`), their verbal noun (`ارتفاع`, `استقبال`), and such a
/// verbal noun its past (`ارتفع`, `ارتفعت`); a word
/// ending in the alef of the accusative (`شابا`, `فلسطينيا`) gives the word
/// without it. Forms that are no word find nothing.
pub(crate) fn variant_words(term: &str) -> Vec<String> {
    let chars: Vec<char> = term.chars().collect();
    let mut out = Vec::new();
    if chars.len() >= 4 && chars.last() == Some(&'ا') && chars.get(chars.len() - 2) != Some(&'ا') {
        out.push(chars.iter().take(chars.len() - 1).collect());
    }
    // A verbal noun with a prefixed alef (ارتفاع, استقبال): its past.
    if chars.len() >= 5 && chars.first() == Some(&'ا') && chars.get(chars.len() - 2) == Some(&'ا') {
        let past: String = chars.iter().take(chars.len() - 2).chain(chars.last()).collect();
        out.push(format!("{past}ت"));
        out.push(past);
    }
    if let Some((&first, rest)) = chars.split_first() {
        if matches!(first, 'ي' | 'ت' | 'ن') && rest.len() >= 3 {
            let rest: String = rest.iter().collect();
            out.push(rest.clone());
            out.push(format!("{rest}ت"));
            if let Some(tail) = rest.strip_prefix('و') {
                // يؤكد, normalised يوكد: أكد.
                out.push(format!("ا{tail}"));
                out.push(format!("ا{tail}ت"));
            } else if !rest.starts_with('ت') {
                out.push(format!("ا{rest}"));
                out.push(format!("ا{rest}ت"));
                let letters: Vec<char> = rest.chars().collect();
                if let Some((last, stem)) = letters.split_last() {
                    if letters.len() >= 4 {
                        let stem: String = stem.iter().collect();
                        out.push(format!("ا{stem}ا{last}"));
                    }
                }
            }
        }
    }
    out
}

/// A GeoNames id typed in any digits (`169389`, `١٦٩٣٨٩`), without leading zeros.
fn geonames_id(text: &str) -> Option<String> {
    let digits: String = text
        .trim()
        .chars()
        .map(|c| c.to_digit(10).or_else(|| arabic_digit(c)))
        .map(|d| d.and_then(|d| char::from_digit(d, 10)))
        .collect::<Option<String>>()?;
    let id: u32 = digits.parse().ok()?;
    Some(id.to_string())
}

/// The value of an Arabic-Indic or Persian digit.
fn arabic_digit(c: char) -> Option<u32> {
    match c {
        '\u{0660}'..='\u{0669}' => Some(u32::from(c) - 0x0660),
        '\u{06F0}'..='\u{06F9}' => Some(u32::from(c) - 0x06F0),
        _ => None,
    }
}

/// Articles that mention a period lying within `range`: a day in it, a month
/// or a year wholly in it. A month's first day `m` is in when
/// `from <= m` and `m + 1 month <= until`, that is `m < (until - 1 month) + 1 day`.
pub(crate) fn mentions_query(fields: &Fields, range: &DateRange) -> Option<Box<dyn Query>> {
    let shrink = |span: jiff::Span| DateRange {
        from: range.from,
        until: range
            .until
            .map(|u| u.checked_sub(span).and_then(|d| d.tomorrow()).unwrap_or(Date::MIN)),
    };
    let clauses: Vec<(TOccur, Box<dyn Query>)> = [
        date_query(fields.times, range),
        date_query(fields.times_month, &shrink(jiff::Span::new().months(1))),
        date_query(fields.times_year, &shrink(jiff::Span::new().years(1))),
    ]
    .into_iter()
    .flatten()
    .map(|q| (TOccur::Should, q))
    .collect();
    (!clauses.is_empty()).then(|| Box::new(BooleanQuery::new(clauses)) as Box<dyn Query>)
}

/// A range query on a date field; `None` when both ends are open.
pub(crate) fn date_query(field: Field, range: &DateRange) -> Option<Box<dyn Query>> {
    let lower = range
        .from
        .map(|d| Bound::Included(Term::from_field_date(field, day_start(d))));
    let upper = range
        .until
        .map(|d| Bound::Excluded(Term::from_field_date(field, day_start(d))));
    if lower.is_none() && upper.is_none() {
        return None;
    }
    Some(Box::new(RangeQuery::new(
        lower.unwrap_or(Bound::Unbounded),
        upper.unwrap_or(Bound::Unbounded),
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn other_forms_of_headline_words() {
        let forms = |term: &str| variant_words(term);
        // Present tense: the past, masculine and feminine.
        assert!(forms("يكشف").contains(&"كشف".to_owned()));
        assert!(forms("يكشف").contains(&"كشفت".to_owned()));
        // Form VIII and X: the past with its alef and the verbal noun.
        assert!(forms("يرتفع").contains(&"ارتفع".to_owned()));
        assert!(forms("يرتفع").contains(&"ارتفاع".to_owned()));
        assert!(forms("يستقبل").contains(&"استقبال".to_owned()));
        // A hamza on waw (normalised to و) is an alef in the past.
        assert!(forms("يوكد").contains(&"اكد".to_owned()));
        // The verbal noun gives the past back.
        assert!(forms("ارتفاع").contains(&"ارتفع".to_owned()));
        // The accusative alef.
        assert_eq!(forms("شابا"), vec!["شاب".to_owned()]);
        // Short words and words of no such shape give nothing.
        assert!(forms("يد").is_empty());
        assert!(forms("سوريا").iter().all(|f| f == "سوري"));
        assert!(forms("حكوم").is_empty());
    }

    #[test]
    fn lone_letters() {
        assert!(is_lone_letter("ب"));
        assert!(is_lone_letter("و"));
        assert!(!is_lone_letter("3"));
        assert!(!is_lone_letter("c"));
        assert!(!is_lone_letter("بي"));
        assert!(!is_lone_letter(""));
    }
}
