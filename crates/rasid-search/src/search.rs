//! Searching: a parsed query turned into a tantivy query with the rasid analyzer,
//! ranked by BM25 (title boosted) or by date, with snippets, facet counts and
//! more-like-this.
//!
//! ```
//! use rasid_core::Article;
//! use rasid_search::{Index, SearchRequest, WriterOptions};
//!
//! let dir = tempfile::tempdir().unwrap();
//! let index = Index::create_or_open(dir.path()).unwrap();
//! let mut writer = index.writer(WriterOptions::small(), "doc test").unwrap();
//! writer.add_batch(vec![Article::builder("Astana talks", "A new round of talks began").source("youm7").build()]).unwrap();
//! writer.finish().unwrap();
//!
//! let results = index.search(&SearchRequest::new("source:youm7")).unwrap();
//! assert_eq!(results.total, 1);
//! assert_eq!(results.hits[0].source.as_deref(), Some("youm7"));
//! ```

use std::collections::{HashMap, HashSet};
use std::time::Instant;

use jiff::civil::Date;
use rasid_core::{Article, ArticleId, Extractions};
use serde::Serialize;
use tantivy::collector::{Count, TopDocs};
use tantivy::postings::Postings;
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, ExistsQuery, Occur as TOccur, Query, TermQuery, TermSetQuery,
};
use tantivy::schema::document::{DeserializeError, DocumentDeserialize, DocumentDeserializer};
use tantivy::schema::{Field, IndexRecordOption, OwnedValue, Value};
use tantivy::{DateTime, DocAddress, DocSet, Order, Score, TantivyDocument, Term};

use crate::error::{IndexError, QueryError, Result};
use crate::facets::{self, FacetCounts};
use crate::index::Index;
use crate::query::compile::{date_query, mentions_query, Compiler};
use crate::query::{self, DateRange, FieldRef, Node, Occur, ParseOptions};
use crate::schema::Fields;
use crate::snippet::{self, Snippet};
use crate::tokenizer::search_tokens;

/// Clauses of a boolean query, with how each counts.
type Clauses = Vec<(TOccur, Box<dyn Query>)>;

/// `query` weighted by `weight` (itself when the weight is 1).
pub(crate) fn boosted(query: Box<dyn Query>, weight: f32) -> Box<dyn Query> {
    if (weight - 1.0).abs() > f32::EPSILON {
        Box::new(BoostQuery::new(query, weight))
    } else {
        query
    }
}

/// Top documents (with scores when ranked by relevance), the total, the facets.
type Collected = (Vec<(Option<Score>, DocAddress)>, usize, Option<FacetCounts>);

/// How results are ordered.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Sort {
    /// By BM25 score.
    #[default]
    Relevance,
    /// Newest first; undated articles last.
    Newest,
    /// Oldest first; undated articles last.
    Oldest,
}

/// A search to run.
#[derive(Clone, Debug, PartialEq)]
pub struct SearchRequest {
    /// The query (see [`crate::query`]); may be empty with `like` or a date filter.
    pub query: String,
    /// Results to return.
    pub limit: usize,
    /// Results to skip (for paging).
    pub offset: usize,
    /// Order of results.
    pub sort: Sort,
    /// Only articles published on or after this day (`YYYY[-MM[-DD]]`), each
    /// article's own calendar day (in its UTC offset; UTC when it has none).
    pub from: Option<String>,
    /// Only articles published on or before this day (whole period included).
    pub to: Option<String>,
    /// Articles like the one with this id.
    pub like: Option<ArticleId>,
    /// Only articles with these entities, places and mentioned dates.
    pub filters: Filters,
    /// Compute facet counts.
    pub facets: bool,
    /// Compute snippets and title highlights.
    pub snippets: bool,
    /// Longest snippet, in bytes.
    pub snippet_bytes: usize,
    /// Query parser settings.
    pub parse: ParseOptions,
    /// How words typed without a field are ranked.
    pub ranking: Ranking,
    /// Only articles with these ids (a story's, say); `None`: no such filter.
    pub ids: Option<Vec<String>>,
    /// Hits carry their id and score only (the other fields empty, no
    /// snippets): the stored articles are not read, which is most of the
    /// cost of a page. What folding reads before it fills the page it keeps
    /// with [`Index::fill`].
    pub ids_only: bool,
}

/// The most results one request returns.
pub const MAX_LIMIT: usize = 10_000;

impl SearchRequest {
    /// A request for `query` with the defaults: 10 results by relevance, snippets
    /// and facets on, the default [`Ranking`].
    pub fn new(query: impl Into<String>) -> Self {
        SearchRequest {
            query: query.into(),
            limit: 10,
            offset: 0,
            sort: Sort::Relevance,
            from: None,
            to: None,
            like: None,
            filters: Filters::default(),
            facets: true,
            snippets: true,
            snippet_bytes: 300,
            parse: ParseOptions::default(),
            ranking: Ranking::default(),
            ids: None,
            ids_only: false,
        }
    }
}

/// How words typed without a field are ranked: BM25 (with its `k1` and `b`)
/// in each field, weighted, plus bonuses for words that stand together.
///
/// A word counts in the title, the body, the lead (the body's first words,
/// where a news article says what its headline says) and the names extraction
/// found, each with its weight, or in one of its other forms (a headline's
/// `يكشف`, `يرتفع`, `شابا` as an article's `كشف`/`كشفت`, `ارتفاع`, `شاب`)
/// with the `variants` weight. Typed side by side, words are alternatives, but an article
/// with all of them gets the all-words bonus once more, one with at least a
/// `share` of them the most-words bonus, and one in which two
/// neighbouring words of the query stand within `slop` words of each other (in
/// the title, the body or the lead) the proximity bonus for each such pair. The defaults
/// were chosen on a dev split of outlets the reported scores do not come from
/// (`rasid eval retrieval --ranking …`): the lead counts as much again as the
/// body, phrases in a pasted headline by their words too, and other forms of
/// a word at 0.8 of the word; proximity, the most-words bonus, names and
/// other BM25 parameters (also the lead's own `lk1`) did not help known-item
/// retrieval there.
///
/// ```
/// use rasid_search::Ranking;
/// let ranking: Ranking = "title=3,proximity=0".parse().unwrap();
/// assert_eq!(ranking.title, 3.0);
/// assert_eq!(ranking.body, Ranking::default().body);
/// assert_eq!(ranking.to_string().parse::<Ranking>(), Ok(ranking));
/// assert!("title=x".parse::<Ranking>().is_err());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Ranking {
    /// Weight of a word in the title.
    pub title: f32,
    /// Weight of a word in the body.
    pub body: f32,
    /// Weight of a word in the lead, the body's first words (counted besides the body).
    pub lead: f32,
    /// Weight of a word in the names extraction found (0: not searched).
    pub entities: f32,
    /// Weight of the all-words bonus (0: none).
    pub all_words: f32,
    /// Weight of each neighbouring pair found close together (0: none).
    pub proximity: f32,
    /// How far apart (in words, beyond where the query has them) a pair may stand.
    pub slop: u32,
    /// BM25's term frequency saturation (tantivy's: 1.2).
    pub k1: f32,
    /// BM25's length normalisation, 0 to 1 (tantivy's: 0.75).
    pub b: f32,
    /// BM25's term frequency saturation in the lead.
    pub lead_k1: f32,
    /// Among words typed side by side, a quoted phrase also counts by its words.
    pub loose_phrases: bool,
    /// Weight of the most-words bonus (0: none): an article with at least
    /// [`Ranking::share`] of the query's words gets their scores once more.
    pub most: f32,
    /// The share of the query's words the most-words bonus asks for, 0 to 1.
    pub share: f32,
    /// Weight of a word's other forms (a verb's past, an accusative's bare
    /// form), counted when they score better than the word itself, in a
    /// query of two words or more (a word alone finds only itself); above 0,
    /// a clitic written apart (`بـ`, `لـ`) is also left out there. 0: words
    /// are read as they are analysed, nothing more.
    pub variants: f32,
}

impl Default for Ranking {
    fn default() -> Self {
        Ranking {
            title: 2.0,
            body: 1.0,
            lead: 1.0,
            entities: 0.0,
            all_words: 1.0,
            proximity: 0.0,
            slop: 0,
            k1: 1.2,
            b: 0.75,
            lead_k1: 1.2,
            loose_phrases: true,
            most: 0.0,
            share: 0.6,
            variants: 0.8,
        }
    }
}

impl std::fmt::Display for Ranking {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "title={},body={},lead={},entities={},all={},proximity={},slop={},k1={},b={},loose={},lk1={},most={},share={},variants={}",
            self.title,
            self.body,
            self.lead,
            self.entities,
            self.all_words,
            self.proximity,
            self.slop,
            self.k1,
            self.b,
            u8::from(self.loose_phrases),
            self.lead_k1,
            self.most,
            self.share,
            self.variants
        )
    }
}

impl std::str::FromStr for Ranking {
    type Err = String;

    /// `name=value` pairs separated by commas, over the defaults: `title`,
    /// `body`, `lead`, `entities`, `all`, `proximity` (weights, 0 or more),
    /// `slop`, BM25's `k1` and `b`, and `loose` (0 or 1).
    fn from_str(text: &str) -> Result<Self, String> {
        let mut ranking = Ranking::default();
        for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (name, value) = part
                .split_once('=')
                .ok_or_else(|| format!("{part:?}: expected name=value"))?;
            let weight = || -> Result<f32, String> {
                value
                    .trim()
                    .parse::<f32>()
                    .ok()
                    .filter(|w| w.is_finite() && *w >= 0.0)
                    .ok_or_else(|| format!("{part:?}: a weight is a number, 0 or more"))
            };
            match name.trim() {
                "title" => ranking.title = weight()?,
                "body" => ranking.body = weight()?,
                "lead" => ranking.lead = weight()?,
                "entities" => ranking.entities = weight()?,
                "all" => ranking.all_words = weight()?,
                "proximity" => ranking.proximity = weight()?,
                "k1" => ranking.k1 = weight()?,
                "lk1" => ranking.lead_k1 = weight()?,
                "loose" => {
                    ranking.loose_phrases = match value.trim() {
                        "1" | "true" => true,
                        "0" | "false" => false,
                        _ => return Err(format!("{part:?}: loose is 0 or 1")),
                    }
                }
                "b" => ranking.b = weight()?.min(1.0),
                "most" => ranking.most = weight()?,
                "variants" => ranking.variants = weight()?,
                "share" => ranking.share = weight()?.min(1.0),
                "slop" => {
                    ranking.slop = value
                        .trim()
                        .parse()
                        .ok()
                        .filter(|s| *s <= 50)
                        .ok_or_else(|| format!("{part:?}: slop is a whole number from 0 to 50"))?;
                }
                other => {
                    return Err(format!(
                        "{other:?}: unknown; use title, body, lead, entities, all, proximity, slop, k1, b, lk1, loose, most, share, variants"
                    ))
                }
            }
        }
        Ok(ranking)
    }
}

/// Filters on the outlet, the category and what extraction found; every value
/// given must match (AND). Filters select; they do not change the ranking.
///
/// Outlets and categories are matched exactly (case ignored). Names are matched as the query language matches words: after the same
/// analysis (any spelling, clitics, light stems), as a phrase within one of the
/// entity's names: its canonical form, a mention as written, its English name.
/// `لافروف` finds `سيرغى لافروف`. A value that is an identity key, as facets
/// give them (`PER:سرجي لفرف`, `geonames:6252001`; see
/// [`crate::extraction::is_entity_key`]), matches the articles naming that
/// entity in any spelling.
///
/// ```
/// use rasid_search::{Filters, SearchRequest};
/// let mut request = SearchRequest::new("محادثات");
/// request.filters = Filters { persons: vec!["لافروف".into()], mentions: vec!["2017-05".into()], ..Filters::default() };
/// assert!(!request.filters.is_empty());
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filters {
    /// Outlets, exact (case ignored), as `source:` matches them.
    pub sources: Vec<String>,
    /// Categories, exact (case ignored), as `category:` matches them.
    pub categories: Vec<String>,
    /// Entities of any kind, by name or identity key.
    pub entities: Vec<String>,
    /// People, by name or identity key (`PER:بتن`).
    pub persons: Vec<String>,
    /// Organisations, by name or identity key.
    pub orgs: Vec<String>,
    /// Places, by name, GeoNames id (digits) or identity key (`geonames:6252001`).
    pub places: Vec<String>,
    /// Periods the article mentions a day, month or year within: `2017`,
    /// `2017-05`, `2017-05-21`, ranges `2017-05/2017-07` or `2017-05..2017-07`.
    /// A month mention matches `2017` and `2017-05`, not `2017-05-21`.
    pub mentions: Vec<String>,
    /// CAMEO event codes: an event with this code or a code starting with it
    /// (`04` finds `046`), as `event:` matches them.
    pub events: Vec<String>,
    /// Source actor codes of an event (who acts), or their countries (`SYR`), as `actor:`.
    pub actors: Vec<String>,
    /// Target actor codes of an event, or their countries, as `target:`.
    pub targets: Vec<String>,
    /// Only articles without a publication date (the source gave none, or
    /// none that could be read): what a date range never selects.
    pub undated: bool,
}

impl Filters {
    /// True when no filter is set.
    pub fn is_empty(&self) -> bool {
        self.sources.is_empty()
            && self.categories.is_empty()
            && self.entities.is_empty()
            && self.persons.is_empty()
            && self.orgs.is_empty()
            && self.places.is_empty()
            && self.mentions.is_empty()
            && self.events.is_empty()
            && self.actors.is_empty()
            && self.targets.is_empty()
            && !self.undated
    }
}

/// One result.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Hit {
    /// The article id.
    pub id: String,
    /// BM25 score (absent when sorted by date).
    pub score: Option<f32>,
    /// The headline as written.
    pub title: String,
    /// The headline with matches marked (when snippets were asked for).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title_highlight: Option<Snippet>,
    /// The best fragment of the body with matches marked (when snippets were asked for).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub snippet: Option<Snippet>,
    /// The outlet.
    pub source: Option<String>,
    /// The section.
    pub category: Option<String>,
    /// The URL.
    pub url: Option<String>,
    /// Publication time as the source wrote it.
    pub published: Option<String>,
}

/// What a search found.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SearchResults {
    /// All articles that match.
    pub total: usize,
    /// The requested page of them.
    pub hits: Vec<Hit>,
    /// Counts per source, category and month over all matches.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub facets: Option<FacetCounts>,
    /// The search terms (stems) that were highlighted.
    pub terms: Vec<String>,
    /// Time the search took, in milliseconds.
    pub took_ms: f64,
}

/// A stored article, as read back from the index.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StoredArticle {
    /// Its id.
    pub id: String,
    /// The headline.
    pub title: String,
    /// The body.
    pub body: String,
    /// The outlet.
    pub source: Option<String>,
    /// The section.
    pub category: Option<String>,
    /// The URL.
    pub url: Option<String>,
    /// Publication time as written.
    pub published: Option<String>,
    /// What extraction found, as it was when the article was indexed (absent
    /// when it was indexed without extraction).
    pub extraction: Option<Extractions>,
}

impl StoredArticle {
    /// The [`Article`] it stores (keeping the stored id) and its extractions.
    ///
    /// ```
    /// use rasid_core::Article;
    /// use rasid_search::{Index, WriterOptions};
    ///
    /// let dir = tempfile::tempdir().unwrap();
    /// let index = Index::create_or_open(dir.path()).unwrap();
    /// let article = Article::builder("عنوان", "نص").source("youm7").build();
    /// let mut writer = index.writer(WriterOptions::small(), "doc test").unwrap();
    /// writer.add_batch(vec![article.clone()]).unwrap();
    /// writer.finish().unwrap();
    /// let (back, found) = index.get(&article.id).unwrap().unwrap().into_parts();
    /// assert_eq!((back.id, back.source), (article.id, article.source));
    /// assert!(found.is_some());
    /// ```
    pub fn into_parts(self) -> (Article, Option<Extractions>) {
        let mut builder = Article::builder(self.title, self.body);
        if let Some(source) = self.source {
            builder = builder.source(source);
        }
        if let Some(url) = self.url {
            builder = builder.url(url);
        }
        if let Some(category) = self.category {
            builder = builder.category(category);
        }
        if let Some(published) = self.published.and_then(|p| p.parse::<rasid_core::Timestamp>().ok()) {
            builder = builder.published(published);
        }
        let mut article = builder.build();
        article.id = rasid_core::ArticleId::from_raw(self.id);
        (article, self.extraction)
    }

    /// The article in a stored document; its extraction is parsed only when
    /// asked for (search hits do not show it, and it is most of the document).
    pub(crate) fn from_doc(doc: &TantivyDocument, fields: &Fields, with_extraction: bool) -> StoredArticle {
        let text = |field: Field| doc.get_first(field).and_then(|v| v.as_str()).map(str::to_owned);
        let extraction = doc
            .get_first(fields.extraction)
            .filter(|_| with_extraction)
            .and_then(|v| v.as_str())
            .and_then(|json| serde_json::from_str(json).ok());
        StoredArticle {
            extraction,
            id: text(fields.id).unwrap_or_default(),
            title: text(fields.title_text).unwrap_or_default(),
            body: text(fields.body_text).unwrap_or_default(),
            source: text(fields.source),
            category: text(fields.category),
            url: text(fields.url),
            published: text(fields.published_text),
        }
    }
}

/// The id of a stored article, read without the rest of it: the id is the
/// first field of every document ([`Fields::document`]) and the schema's
/// first field, so reading stops there, before the text and the extraction.
struct StoredId(String);

impl DocumentDeserialize for StoredId {
    fn deserialize<'de, D: DocumentDeserializer<'de>>(mut doc: D) -> Result<Self, DeserializeError> {
        match doc.next_field::<OwnedValue>()? {
            Some((field, OwnedValue::Str(id))) if field == Field::from_field_id(0) => Ok(StoredId(id)),
            _ => Err(DeserializeError::custom("the first stored field is not the article id")),
        }
    }
}

/// A compiled query and the terms to highlight.
pub struct Compiled {
    /// The tantivy query.
    pub query: Box<dyn Query>,
    /// Stems of the positive text terms.
    pub terms: HashSet<String>,
}

impl std::fmt::Debug for Compiled {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Compiled")
            .field("query", &self.query)
            .field("terms", &self.terms)
            .finish()
    }
}

/// How many texts without a field a query holds (a phrase is one).
fn words_in(node: &Node) -> usize {
    match node {
        Node::Text {
            field: FieldRef::Default,
            ..
        } => 1,
        Node::Bool(clauses) => clauses.iter().map(|(_, n)| words_in(n)).sum(),
        _ => 0,
    }
}

/// Among words typed side by side (alternatives), a quoted phrase of several
/// words counts as the phrase or any of its words: a pasted headline with a
/// quotation in it (`«…»`) still finds articles that word the quotation
/// otherwise. A phrase alone, required, or in a group keeps its meaning.
fn loosen_phrases(node: &Node) -> Node {
    let Node::Bool(clauses) = node else {
        return node.clone();
    };
    if clauses.len() < 2 || clauses.iter().any(|(o, _)| *o != Occur::Should) {
        return node.clone();
    }
    let loosened = clauses
        .iter()
        .map(|(occur, child)| match child {
            Node::Text {
                field,
                text,
                phrase: true,
            } if text.split_whitespace().nth(1).is_some() => {
                let mut either = vec![(Occur::Should, child.clone())];
                either.extend(text.split_whitespace().map(|word| {
                    (
                        Occur::Should,
                        Node::Text {
                            field: *field,
                            text: word.to_owned(),
                            phrase: false,
                        },
                    )
                }));
                (*occur, Node::Bool(either))
            }
            _ => (*occur, child.clone()),
        })
        .collect();
    Node::Bool(loosened)
}

impl Index {
    /// Parses and compiles a query, with the same analysis documents get.
    ///
    /// # Errors
    /// [`QueryError`] for a malformed query (with [`ParseOptions::strict`]) or
    /// one with nothing to search for.
    pub fn compile(&self, query: &str, options: &ParseOptions, ranking: &Ranking) -> Result<Compiled, QueryError> {
        let node = query::parse(query, options)?;
        // Other forms of a word rank among other words (a pasted headline); a
        // word searched alone finds only itself, as it always did.
        let mut ranking = *ranking;
        if words_in(&node) < 2 {
            ranking.variants = 0.0;
        }
        let ranking = &ranking;
        let mut compiler = Compiler::new(self, *ranking);
        let main = if ranking.loose_phrases {
            loosen_phrases(&node)
        } else {
            node.clone()
        };
        let mut query = compiler.node(&main, false).ok_or(QueryError::Empty)?;
        // Words typed side by side are alternatives, but an article with all of
        // them, or with neighbouring ones close together, should rank above one
        // that repeats a single word: add those as optional clauses.
        let side_by_side = matches!(&node, Node::Bool(clauses) if clauses.len() >= 2
            && clauses.iter().all(|(o, n)| *o == Occur::Should && matches!(n, Node::Text { .. })));
        if let (true, Node::Bool(clauses)) = (side_by_side, &node) {
            let mut bonus: Clauses = vec![(TOccur::Should, query)];
            let all = Node::Bool(clauses.iter().map(|(_, n)| (Occur::Must, n.clone())).collect());
            if ranking.all_words > 0.0 {
                if let Some(all) = compiler.node(&all, false) {
                    bonus.push((TOccur::Should, boosted(all, ranking.all_words)));
                }
            }
            let words: Vec<&str> = clauses
                .iter()
                .filter_map(|(_, n)| match n {
                    Node::Text {
                        field: FieldRef::Default,
                        text,
                        ..
                    } => Some(text.as_str()),
                    _ => None,
                })
                .collect();
            if ranking.most > 0.0 {
                let each: Vec<Box<dyn Query>> = clauses.iter().filter_map(|(_, n)| compiler.node(n, false)).collect();
                let need = (each.len() as f32 * ranking.share).ceil() as usize;
                if need >= 2 && need < each.len() {
                    let most = BooleanQuery::union_with_minimum_required_clauses(each, need);
                    bonus.push((TOccur::Should, boosted(Box::new(most), ranking.most)));
                }
            }
            if ranking.proximity > 0.0 {
                if let Some(near) = compiler.proximity(&words) {
                    bonus.push((TOccur::Should, boosted(near, ranking.proximity)));
                }
            }
            query = if bonus.len() == 1 {
                bonus.pop().map(|(_, q)| q).ok_or(QueryError::Empty)?
            } else {
                Box::new(BooleanQuery::new(bonus))
            };
        }
        Ok(Compiled {
            query,
            terms: compiler.terms,
        })
    }

    /// Runs a search.
    ///
    /// # Errors
    /// [`IndexError::Query`] for a malformed query, [`IndexError::UnknownId`] for a
    /// `like` id not in the index, engine errors.
    pub fn search(&self, request: &SearchRequest) -> Result<SearchResults> {
        let started = Instant::now();
        let searcher = self.tantivy_searcher()?;
        let fields = self.fields();
        let mut terms = HashSet::new();
        let (mut clauses, mut filters) = self.request_clauses(&searcher, request, &mut terms)?;
        if let Some(dates) = self.published_filter(request)? {
            filters.push(dates);
        }
        if clauses.is_empty() && filters.is_empty() {
            return Err(QueryError::Empty.into());
        }
        // Filters select; only the query and `like` rank.
        let scored = !clauses.is_empty();
        for filter in filters {
            let filter: Box<dyn Query> = if scored {
                Box::new(ConstScoreQuery::new(filter, 0.0))
            } else {
                filter
            };
            clauses.push((TOccur::Must, filter));
        }
        let query: Box<dyn Query> = if clauses.len() == 1 {
            match clauses.pop() {
                Some((_, q)) => q,
                None => return Err(QueryError::Empty.into()),
            }
        } else {
            Box::new(BooleanQuery::new(clauses))
        };

        let limit = request.limit.clamp(1, MAX_LIMIT);
        let top = TopDocs::with_limit(limit).and_offset(request.offset);
        let facet_collector = facets::collector("facets");
        let (addresses, total, facet_counts): Collected = match (request.sort, request.facets) {
            (Sort::Relevance, true) => {
                let (top, count, f) = searcher.search(&query, &(top.order_by_score(), Count, facet_collector))?;
                (
                    top.into_iter().map(|(s, a)| (Some(s), a)).collect(),
                    count,
                    Some(facets::counts(&searcher, &f)?),
                )
            }
            (Sort::Relevance, false) => {
                let (top, count) = searcher.search(&query, &(top.order_by_score(), Count))?;
                (top.into_iter().map(|(s, a)| (Some(s), a)).collect(), count, None)
            }
            (sort, with_facets) => {
                let order = if sort == Sort::Newest { Order::Desc } else { Order::Asc };
                let by_date = top.order_by_fast_field::<DateTime>("published", order);
                if with_facets {
                    let (top, count, f) = searcher.search(&query, &(by_date, Count, facet_collector))?;
                    (
                        top.into_iter().map(|(_, a)| (None, a)).collect(),
                        count,
                        Some(facets::counts(&searcher, &f)?),
                    )
                } else {
                    let (top, count) = searcher.search(&query, &(by_date, Count))?;
                    (top.into_iter().map(|(_, a)| (None, a)).collect(), count, None)
                }
            }
        };
        let mut hits = Vec::with_capacity(addresses.len());
        for (score, address) in addresses {
            hits.push(if request.ids_only {
                let id = match searcher.doc::<StoredId>(address) {
                    Ok(StoredId(id)) => id,
                    Err(_) => StoredArticle::from_doc(&searcher.doc(address)?, fields, false).id,
                };
                Hit {
                    id,
                    score,
                    ..Hit::default()
                }
            } else {
                let stored = StoredArticle::from_doc(&searcher.doc(address)?, fields, false);
                self.hit(&searcher, address, stored, score, request, &terms)?
            });
        }
        let mut terms: Vec<String> = terms.into_iter().collect();
        terms.sort();
        Ok(SearchResults {
            total,
            hits,
            facets: facet_counts,
            terms,
            took_ms: started.elapsed().as_secs_f64() * 1000.0,
        })
    }

    /// The hit for a stored article (at `address`), with its snippets when
    /// `request` asks for them.
    fn hit(
        &self,
        searcher: &tantivy::Searcher,
        address: DocAddress,
        stored: StoredArticle,
        score: Option<Score>,
        request: &SearchRequest,
        terms: &HashSet<String>,
    ) -> Result<Hit> {
        let analyzer = self.analyzer();
        let (title_highlight, snippet) = if request.snippets {
            let title = snippet::highlight_all(&stored.title, &search_tokens(analyzer, &stored.title), terms);
            let max_bytes = request.snippet_bytes.max(40);
            let matched = self.body_positions(searcher, address, terms)?;
            let body = snippet::best_fragment_at(analyzer, &stored.body, &matched, max_bytes).unwrap_or_else(|| {
                snippet::best_fragment(&stored.body, &search_tokens(analyzer, &stored.body), terms, max_bytes)
            });
            (Some(title), Some(body))
        } else {
            (None, None)
        };
        Ok(Hit {
            id: stored.id,
            score,
            title: stored.title,
            title_highlight,
            snippet,
            source: stored.source,
            category: stored.category,
            url: stored.url,
            published: stored.published,
        })
    }

    /// Where each of `terms` occurs in the body of the article at `address`:
    /// `(position, term)`, read from the index's positions.
    fn body_positions<'t>(
        &self,
        searcher: &tantivy::Searcher,
        address: DocAddress,
        terms: &'t HashSet<String>,
    ) -> Result<Vec<(u32, &'t str)>> {
        let body = self.fields().body;
        let inverted = searcher.segment_reader(address.segment_ord).inverted_index(body)?;
        let mut out = Vec::new();
        let mut positions = Vec::new();
        for term in terms {
            let key = Term::from_field_text(body, term);
            let postings = inverted
                .read_postings(&key, IndexRecordOption::WithFreqsAndPositions)
                .map_err(tantivy::TantivyError::from)?;
            let Some(mut postings) = postings else {
                continue;
            };
            // Postings start at their first document, and seek only forward.
            if postings.doc() <= address.doc_id && postings.seek(address.doc_id) == address.doc_id {
                positions.clear();
                postings.positions(&mut positions);
                out.extend(positions.iter().map(|&p| (p, term.as_str())));
            }
        }
        Ok(out)
    }

    /// Fills `hits` found with [`SearchRequest::ids_only`] as `request`
    /// without it would have: their stored articles, and snippets marking
    /// `terms` (the results' [`SearchResults::terms`]) when it asks for them. A
    /// hit whose article has left the index since is dropped.
    ///
    /// # Errors
    /// Engine errors.
    pub fn fill(&self, hits: &mut Vec<Hit>, request: &SearchRequest, terms: &[String]) -> Result<()> {
        let searcher = self.tantivy_searcher()?;
        let terms: HashSet<String> = terms.iter().cloned().collect();
        let mut filled = Vec::with_capacity(hits.len());
        for hit in hits.drain(..) {
            if let Some(address) = self.address_of(&searcher, &ArticleId::from_raw(hit.id))? {
                let stored = StoredArticle::from_doc(&searcher.doc(address)?, self.fields(), false);
                filled.push(self.hit(&searcher, address, stored, hit.score, request, &terms)?);
            }
        }
        *hits = filled;
        Ok(())
    }

    /// What ranks (the query, `like`) and what selects (the filters, `ids`) in a
    /// request, without the publication date range; the query's and the names'
    /// terms go to `terms`, to be highlighted.
    pub(crate) fn request_clauses(
        &self,
        searcher: &tantivy::Searcher,
        request: &SearchRequest,
        terms: &mut HashSet<String>,
    ) -> Result<(Clauses, Vec<Box<dyn Query>>)> {
        let mut clauses: Vec<(TOccur, Box<dyn Query>)> = Vec::new();
        if !request.query.trim().is_empty() {
            let compiled = self.compile(&request.query, &request.parse, &request.ranking)?;
            terms.extend(compiled.terms);
            clauses.push((TOccur::Must, compiled.query));
        }
        let mut filters = self.filter_queries(&request.filters, terms)?;
        if let Some(id) = &request.like {
            let (like, like_terms) = self.more_like_this_query(searcher, id)?;
            terms.extend(like_terms);
            let occur = if clauses.is_empty() {
                TOccur::Must
            } else {
                TOccur::Should
            };
            clauses.push((occur, like));
        }
        if let Some(ids) = &request.ids {
            let terms = ids.iter().map(|id| Term::from_field_text(self.fields().id, id));
            filters.push(Box::new(TermSetQuery::new(terms)));
        }
        Ok((clauses, filters))
    }

    /// The request's `from` and `to` as a range on the publication date; `None`
    /// when neither is given.
    pub(crate) fn published_filter(&self, request: &SearchRequest) -> Result<Option<Box<dyn Query>>> {
        let (from, until) = self.published_range(request)?;
        if from.is_none() && until.is_none() {
            return Ok(None);
        }
        Ok(Some(
            date_query(self.fields().published_day, &DateRange { from, until }).ok_or(QueryError::Empty)?,
        ))
    }

    /// The request's `from` and `to` as `[from, until)` days.
    pub(crate) fn published_range(&self, request: &SearchRequest) -> Result<(Option<Date>, Option<Date>)> {
        let from = match &request.from {
            Some(text) => query::parse_date_range(text, 0)?.from,
            None => None,
        };
        let until = match &request.to {
            Some(text) => query::parse_date_range(text, 0)?.until,
            None => None,
        };
        if let (Some(f), Some(u)) = (from, until) {
            if f >= u {
                let text = format!(
                    "{}..{}",
                    request.from.as_deref().unwrap_or(""),
                    request.to.as_deref().unwrap_or("")
                );
                return Err(QueryError::EmptyRange { text, at: 0 }.into());
            }
        }
        Ok((from, until))
    }

    /// One query for the articles a request selects (its ranking clauses and its
    /// filters, all required but `like` beside a query), with the publication
    /// range when `with_dates`; every article when the request sets nothing.
    /// What counting routes (timelines, entity counts) run.
    pub(crate) fn selection_query(&self, request: &SearchRequest, with_dates: bool) -> Result<Box<dyn Query>> {
        let searcher = self.tantivy_searcher()?;
        let mut terms = HashSet::new();
        let (mut clauses, filters) = self.request_clauses(&searcher, request, &mut terms)?;
        clauses.extend(filters.into_iter().map(|f| (TOccur::Must, f)));
        if with_dates {
            if let Some(dates) = self.published_filter(request)? {
                clauses.push((TOccur::Must, dates));
            }
        }
        Ok(match clauses.len() {
            0 => Box::new(AllQuery),
            1 if clauses.iter().all(|(o, _)| *o == TOccur::Must) => match clauses.pop() {
                Some((_, q)) => q,
                None => Box::new(AllQuery),
            },
            _ => Box::new(BooleanQuery::new(clauses)),
        })
    }

    /// The queries of the filters, each required; the names' terms go to `terms`
    /// to be highlighted.
    fn filter_queries(&self, filters: &Filters, terms: &mut HashSet<String>) -> Result<Vec<Box<dyn Query>>> {
        let mut compiler = Compiler::new(self, Ranking::default());
        let mut out: Vec<Box<dyn Query>> = Vec::new();
        const EMPTY: &str = "empty";
        const NO_NAME: &str = "no name to search for (empty, or only stopwords)";
        let text_filters = [
            ("source", FieldRef::Source, &filters.sources, EMPTY),
            ("category", FieldRef::Category, &filters.categories, EMPTY),
            ("entity", FieldRef::Entities, &filters.entities, NO_NAME),
            ("person", FieldRef::Person, &filters.persons, NO_NAME),
            ("org", FieldRef::Org, &filters.orgs, NO_NAME),
            ("place", FieldRef::Place, &filters.places, NO_NAME),
            ("event", FieldRef::Event, &filters.events, EMPTY),
            ("actor", FieldRef::Actor, &filters.actors, EMPTY),
            ("target", FieldRef::Target, &filters.targets, EMPTY),
        ];
        for (filter, field, values, reason) in text_filters {
            for value in values {
                // An identity key (`PER:بتن`, `geonames:6252001`) from a facet
                // selects by identity: every spelling of the entity.
                let by_key = matches!(filter, "entity" | "person" | "org" | "place");
                if by_key && crate::extraction::is_entity_key(value) {
                    let term = Term::from_field_text(self.fields().entity_keys, value);
                    out.push(Box::new(TermQuery::new(term, IndexRecordOption::Basic)));
                    continue;
                }
                let query = compiler
                    .text(field, value, false)
                    .ok_or_else(|| QueryError::BadFilter {
                        filter: filter.to_owned(),
                        value: value.clone(),
                        reason: reason.to_owned(),
                    })?;
                out.push(query);
            }
        }
        for value in &filters.mentions {
            let range = query::parse_date_range(value, 0).map_err(|e| QueryError::BadFilter {
                filter: "mentions".to_owned(),
                value: value.clone(),
                reason: match e {
                    QueryError::EmptyRange { .. } => "the start is after the end".to_owned(),
                    _ => "use YYYY, YYYY-MM or YYYY-MM-DD, ranges as FROM/TO or FROM..TO".to_owned(),
                },
            })?;
            out.push(
                mentions_query(self.fields(), &range).ok_or_else(|| QueryError::BadFilter {
                    filter: "mentions".to_owned(),
                    value: value.clone(),
                    reason: "the range is open at both ends".to_owned(),
                })?,
            );
        }
        if filters.undated {
            // Every article but those with a publication day.
            let dated = ExistsQuery::new("published_day".to_owned(), false);
            out.push(Box::new(BooleanQuery::new(vec![
                (TOccur::Must, Box::new(AllQuery)),
                (TOccur::MustNot, Box::new(dated)),
            ])));
        }
        terms.extend(compiler.terms);
        Ok(out)
    }

    /// The stored article with this id, if the index holds it.
    pub fn get(&self, id: &ArticleId) -> Result<Option<StoredArticle>> {
        let searcher = self.tantivy_searcher()?;
        Ok(match self.address_of(&searcher, id)? {
            Some(address) => Some(StoredArticle::from_doc(&searcher.doc(address)?, self.fields(), true)),
            None => None,
        })
    }

    fn address_of(&self, searcher: &tantivy::Searcher, id: &ArticleId) -> Result<Option<DocAddress>> {
        let query = TermQuery::new(
            Term::from_field_text(self.fields().id, id.as_str()),
            IndexRecordOption::Basic,
        );
        let top = searcher.search(&query, &TopDocs::with_limit(1).order_by_score())?;
        Ok(top.first().map(|(_, address)| *address))
    }

    /// A query for articles like `id`: its most distinctive terms (tf·idf), the
    /// article itself excluded.
    fn more_like_this_query(
        &self,
        searcher: &tantivy::Searcher,
        id: &ArticleId,
    ) -> Result<(Box<dyn Query>, HashSet<String>)> {
        const MAX_TERMS: usize = 25;
        let fields = self.fields();
        let address = self
            .address_of(searcher, id)?
            .ok_or_else(|| IndexError::UnknownId(id.to_string()))?;
        let stored = StoredArticle::from_doc(&searcher.doc(address)?, fields, false);
        let analyzer = self.analyzer();
        let mut tf: HashMap<String, f32> = HashMap::new();
        for token in search_tokens(analyzer, &stored.title) {
            *tf.entry(token.text).or_default() += 2.0;
        }
        for token in search_tokens(analyzer, &stored.body) {
            *tf.entry(token.text).or_default() += 1.0;
        }
        let docs = searcher.num_docs().max(1) as f32;
        let mut scored: Vec<(f32, String)> = Vec::with_capacity(tf.len());
        for (term, freq) in tf {
            let df = searcher.doc_freq(&Term::from_field_text(fields.body, &term))? as f32;
            // A term only this article has finds nothing else; one most articles have says nothing.
            if df < 2.0 || df > docs * 0.5 {
                continue;
            }
            let idf = (1.0 + (docs - df + 0.5) / (df + 0.5)).ln();
            scored.push((freq.sqrt() * idf, term));
        }
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
        scored.truncate(MAX_TERMS);
        let mut clauses: Vec<(TOccur, Box<dyn Query>)> = Vec::with_capacity(scored.len() + 1);
        let mut terms = HashSet::new();
        for (weight, term) in scored {
            let q = TermQuery::new(Term::from_field_text(fields.body, &term), IndexRecordOption::WithFreqs);
            clauses.push((TOccur::Should, Box::new(BoostQuery::new(Box::new(q), weight))));
            terms.insert(term);
        }
        if clauses.is_empty() {
            return Ok((Box::new(tantivy::query::EmptyQuery), terms));
        }
        let itself = TermQuery::new(Term::from_field_text(fields.id, id.as_str()), IndexRecordOption::Basic);
        clauses.push((TOccur::MustNot, Box::new(itself)));
        Ok((Box::new(BooleanQuery::new(clauses)), terms))
    }
}

#[cfg(test)]
mod tests {
    use rasid_core::Article;

    use super::*;
    use crate::WriterOptions;

    /// Articles written the way Egyptian news sites write: `فى`, hamza dropped.
    fn corpus() -> Vec<Article> {
        vec![
            Article::builder(
                "بدء جولة محادثات سلام جديدة حول سوريا فى استانا",
                "انطلقت اليوم فى العاصمة الكازاخية استانا جولة جديدة من المحادثات بمشاركة تركيا وروسيا \
                 وإيران.\nوتبدأ الجولة الثامنة يوم ٢١ ديسمبر.",
            )
            .source("youm7")
            .published("2017-12-21T10:57".parse::<rasid_core::Timestamp>().unwrap())
            .build(),
            Article::builder(
                "مصر تستضيف مؤتمرا اقتصاديا",
                "عقدت الحكومة مؤتمرا للاستثمار فى القاهرة عام 2018.",
            )
            .source("ahram")
            .build(),
            Article::builder("افتتاح مستشفى جديد", "افتتح المحافظ مستشفى ومدرسه فى المدينة.")
                .source("bbc")
                .build(),
        ]
    }

    fn index() -> (tempfile::TempDir, Index, Vec<String>) {
        let dir = tempfile::tempdir().unwrap();
        let index = Index::create_or_open(dir.path()).unwrap();
        let articles = corpus();
        let ids = articles.iter().map(|a| a.id.to_string()).collect();
        let mut writer = index.writer(WriterOptions::small(), "test").unwrap();
        writer.add_batch(articles).unwrap();
        writer.finish().unwrap();
        (dir, index, ids)
    }

    fn found(index: &Index, query: &str) -> Vec<String> {
        let results = index
            .search(&SearchRequest::new(query))
            .unwrap_or_else(|e| panic!("{query:?}: {e}"));
        let mut ids: Vec<String> = results.hits.into_iter().map(|h| h.id).collect();
        ids.sort();
        ids
    }

    /// Folding reads ids first and the page's articles after: the two steps
    /// give what one full search gives.
    #[test]
    fn ids_only_then_fill_gives_the_full_hits() {
        let (_dir, index, _) = index();
        let full = index.search(&SearchRequest::new("مستشفى OR مؤتمرا OR استانا")).unwrap();
        assert_eq!(full.hits.len(), 3);
        let mut request = SearchRequest::new("مستشفى OR مؤتمرا OR استانا");
        request.ids_only = true;
        let ids = index.search(&request).unwrap();
        assert_eq!(ids.total, full.total);
        assert_eq!(ids.facets, full.facets);
        let shallow: Vec<_> = ids.hits.iter().map(|h| (h.id.clone(), h.score)).collect();
        let deep: Vec<_> = full.hits.iter().map(|h| (h.id.clone(), h.score)).collect();
        assert_eq!(shallow, deep);
        assert!(ids.hits.iter().all(|h| h.title.is_empty() && h.snippet.is_none()));
        let mut hits = ids.hits;
        index
            .fill(&mut hits, &SearchRequest::new("مستشفى OR مؤتمرا OR استانا"), &ids.terms)
            .unwrap();
        assert_eq!(hits, full.hits);
        assert!(hits.iter().all(|h| h.snippet.is_some()));
    }

    /// [`StoredId`] reads the first stored field as the id.
    #[test]
    fn the_id_is_the_schemas_first_field() {
        let (_, fields) = Fields::build();
        assert_eq!(fields.id, Field::from_field_id(0));
    }

    #[test]
    fn orthographic_variants_find_the_same_articles() {
        let (_dir, index, ids) = index();
        let astana = vec![ids[0].clone()];
        let groups: &[(&[&str], &Vec<String>)] = &[
            // Hamza on alef, madda, none; diacritics; tatweel.
            (
                &["أستانا", "استانا", "آستانا", "إستانا", "أَسْتَانَا", "استـــانا"],
                &astana,
            ),
            // The article and clitics.
            (&["المحادثات", "محادثات", "والمحادثات", "بالمحادثات"], &astana),
            (&["وروسيا", "روسيا", "لروسيا"], &astana),
            // Arabic-Indic and ASCII digits.
            (&["21", "٢١"], &astana),
            (&["2018", "٢٠١٨"], &vec![ids[1].clone()]),
            // Final ya and alef maqsura; ta marbuta and ha.
            (&["مستشفى", "مستشفي"], &vec![ids[2].clone()]),
            (&["مدرسة", "مدرسه"], &vec![ids[2].clone()]),
        ];
        for (variants, expected) in groups {
            for query in *variants {
                assert_eq!(
                    &found(&index, query),
                    *expected,
                    "help: {query:?} should find the same as {:?}",
                    variants[0]
                );
            }
        }
    }

    #[test]
    fn query_terms_are_highlighted_in_the_original() {
        let (_dir, index, _) = index();
        let results = index.search(&SearchRequest::new("أستانا روسيا")).unwrap();
        let hit = &results.hits[0];
        let snippet = hit.snippet.as_ref().unwrap();
        let marked = snippet.render("[", "]");
        assert!(marked.contains("[استانا]"), "{marked}");
        assert!(marked.contains("[وروسيا]"), "{marked}");
        let title = hit.title_highlight.as_ref().unwrap().render("[", "]");
        assert!(title.ends_with("[استانا]"), "{title}");
    }

    /// Snippets are cut from the index's positions of the matched words (only a
    /// few words analysed): the same fragments as analysing the whole body.
    #[test]
    fn snippets_from_the_indexs_positions_equal_those_of_the_whole_body() {
        let dir = tempfile::tempdir().unwrap();
        let index = Index::create_or_open(dir.path()).unwrap();
        let sentences = [
            "قال وزير الخارجية الروسي إن المحادثات فى استانا ستستمر،",
            "وأضاف أن روسيا وتركيا وإيران تدعم الحل السياسي فى سوريا.",
            "ولم يصدر عن الحكومة أي تعليق حتى الآن!",
            "وكانت الجولة السابقة من المحادثات قد انتهت دون اتفاق (بحسب مصادر).",
            "من جهته، أكد وزير الخارجية التركي أن بلاده لن تقبل بأي تقسيم لسوريا.",
        ];
        let mut articles = corpus();
        for n in 1..8 {
            let body: Vec<&str> = sentences.iter().cycle().skip(n).take(n * 7).copied().collect();
            articles.push(Article::builder(format!("تقرير رقم {n} عن المحادثات"), body.join(" ")).build());
        }
        let mut writer = index.writer(WriterOptions::small(), "test").unwrap();
        writer.add_batch(articles).unwrap();
        writer.finish().unwrap();
        let mut compared = 0;
        for query in [
            "روسيا",
            "استانا محادثات",
            "\"وزير الخارجية\"",
            "سوريا OR تركيا",
            "الحكومة",
        ] {
            for bytes in [40, 100, 300] {
                let mut request = SearchRequest::new(query);
                request.snippet_bytes = bytes;
                request.limit = 20;
                let results = index.search(&request).unwrap();
                let terms: HashSet<String> = results.terms.iter().cloned().collect();
                let ids: Vec<String> = results.hits.iter().map(|h| h.id.clone()).collect();
                for (hit, stored) in results.hits.iter().zip(index.get_many(&ids).unwrap()) {
                    let tokens = search_tokens(index.analyzer(), &stored.body);
                    let whole = snippet::best_fragment(&stored.body, &tokens, &terms, bytes);
                    assert_eq!(
                        hit.snippet.as_ref(),
                        Some(&whole),
                        "{query:?} at {bytes} bytes in {}",
                        hit.id
                    );
                    // ... and not by falling back to the whole body.
                    let searcher = index.tantivy_searcher().unwrap();
                    let address = index
                        .address_of(&searcher, &ArticleId::from_raw(hit.id.clone()))
                        .unwrap();
                    let matched = index.body_positions(&searcher, address.unwrap(), &terms).unwrap();
                    assert!(snippet::best_fragment_at(index.analyzer(), &stored.body, &matched, bytes).is_some());
                    compared += 1;
                }
            }
        }
        assert!(compared > 60, "{compared}");
    }

    #[test]
    fn own_bm25_scores_as_tantivy_does_with_its_parameters() {
        let (_dir, index, _) = index();
        let searcher = index.tantivy_searcher().unwrap();
        let stem = search_tokens(index.analyzer(), "المحادثات").remove(0).text;
        let term = Term::from_field_text(index.fields().body, &stem);
        let top = TopDocs::with_limit(10).order_by_score();
        let scores = |query: &dyn Query| -> Vec<f32> {
            searcher
                .search(query, &top)
                .unwrap()
                .into_iter()
                .map(|(s, _)| s)
                .collect()
        };
        let theirs = scores(&TermQuery::new(term.clone(), IndexRecordOption::WithFreqs));
        let ours = scores(&crate::bm25::Bm25Query::new(term.clone(), 1.2, 0.75));
        assert!(!theirs.is_empty());
        assert_eq!(theirs.len(), ours.len());
        for (a, b) in theirs.iter().zip(&ours) {
            assert!((a - b).abs() < 1e-4, "{theirs:?} {ours:?}");
        }
        let other = scores(&crate::bm25::Bm25Query::new(term, 2.0, 0.2));
        assert!((other[0] - ours[0]).abs() > 1e-3, "k1 and b count: {other:?} {ours:?}");
    }

    #[test]
    fn proximity_ranks_words_that_stand_together_first() {
        let dir = tempfile::tempdir().unwrap();
        let index = Index::create_or_open(dir.path()).unwrap();
        // The same words, so the same BM25; only their order differs.
        let near = Article::builder(
            "",
            "اجتمع وزير الخارجية مع نظيره فى العاصمة ثم عاد الى بلاده بعد الزيارة",
        )
        .build();
        let far = Article::builder(
            "",
            "وزير عاد الى بلاده بعد الزيارة ثم اجتمع فى العاصمة مع نظيره الخارجية",
        )
        .build();
        let mut writer = index.writer(WriterOptions::small(), "test").unwrap();
        writer.add_batch(vec![near.clone(), far.clone()]).unwrap();
        writer.finish().unwrap();
        let scores = |ranking: Ranking| -> (f32, f32) {
            let mut request = SearchRequest::new("وزير الخارجية");
            request.ranking = ranking;
            let hits = index.search(&request).unwrap().hits;
            let score = |id: &ArticleId| hits.iter().find(|h| h.id == id.as_str()).and_then(|h| h.score).unwrap();
            (score(&near.id), score(&far.id))
        };
        let (a, b) = scores(Ranking {
            proximity: 0.0,
            ..Ranking::default()
        });
        assert!(
            (a - b).abs() < 1e-4,
            "without proximity the order of words does not count: {a} {b}"
        );
        let (a, b) = scores(Ranking {
            proximity: 1.0,
            slop: 1,
            ..Ranking::default()
        });
        assert!(a > b + 0.1, "help: words side by side should rank first: {a} {b}");
    }

    #[test]
    fn a_headline_verb_finds_the_article_that_says_it_in_the_past() {
        let dir = tempfile::tempdir().unwrap();
        let index = Index::create_or_open(dir.path()).unwrap();
        // The same other words, so the same BM25 without other forms.
        let past = Article::builder("", "كشفت الشرطة تفاصيل الحادث فى المدينة").build();
        let other = Article::builder("", "نشرت الشرطة تفاصيل الحادث فى المدينة").build();
        let mut writer = index.writer(WriterOptions::small(), "test").unwrap();
        writer.add_batch(vec![past.clone(), other.clone()]).unwrap();
        writer.finish().unwrap();
        let scores = |variants: f32| -> (f32, f32) {
            let mut request = SearchRequest::new("الشرطة تكشف تفاصيل الحادث");
            request.ranking = Ranking {
                variants,
                ..Ranking::default()
            };
            let hits = index.search(&request).unwrap().hits;
            let score = |id: &ArticleId| hits.iter().find(|h| h.id == id.as_str()).and_then(|h| h.score).unwrap();
            (score(&past.id), score(&other.id))
        };
        let (a, b) = scores(0.0);
        assert!(
            (a - b).abs() < 1e-4,
            "without other forms `تكشف` matches neither: {a} {b}"
        );
        let (a, b) = scores(Ranking::default().variants);
        assert!(a > b + 0.1, "help: `تكشف` should find `كشفت`: {a} {b}");
    }

    #[test]
    fn a_word_alone_finds_only_itself() {
        let dir = tempfile::tempdir().unwrap();
        let index = Index::create_or_open(dir.path()).unwrap();
        let adjective = Article::builder("", "زار الوفد الروسي المدينة امس").build();
        let country = Article::builder("", "زارت روسيا المدينة امس").build();
        let mut writer = index.writer(WriterOptions::small(), "test").unwrap();
        writer.add_batch(vec![adjective, country.clone()]).unwrap();
        writer.finish().unwrap();
        // `روسيا` alone: no other forms (`روسي`), as a search for one word always was.
        let hits = index.search(&SearchRequest::new("روسيا")).unwrap().hits;
        let ids: Vec<&str> = hits.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, [country.id.as_str()]);
        // Among other words it ranks by itself first.
        let hits = index.search(&SearchRequest::new("روسيا المدينة")).unwrap().hits;
        assert_eq!(hits[0].id, country.id.as_str());
    }

    #[test]
    fn a_clitic_written_apart_is_no_search_word() {
        let (_dir, index, _) = index();
        let compiled = index
            .compile("محادثات بـ استانا", &ParseOptions::default(), &Ranking::default())
            .unwrap();
        assert!(!compiled.terms.contains("ب"), "{:?}", compiled.terms);
        assert!(compiled.terms.len() >= 2, "{:?}", compiled.terms);
    }

    #[test]
    fn regression_pasted_headline_with_dash_finds_its_article() {
        let (_dir, index, ids) = index();
        let results = index
            .search(&SearchRequest::new("مصر تستضيف - مؤتمرا \"اقتصاديا"))
            .unwrap();
        assert_eq!(results.hits[0].id, ids[1]);
        let mut strict = SearchRequest::new("مصر تستضيف - مؤتمرا");
        strict.parse.strict = true;
        assert!(index.search(&strict).unwrap_err().is_usage());
        // Nothing but a dash: nothing to search for, said as such.
        let err = index.search(&SearchRequest::new(" - ")).unwrap_err();
        assert!(matches!(err, IndexError::Query(QueryError::Empty)), "{err}");
    }

    #[test]
    fn undated_filter_selects_articles_without_a_date() {
        let (_dir, index, ids) = index();
        let mut request = SearchRequest::new("");
        request.filters.undated = true;
        let results = index.search(&request).unwrap();
        assert_eq!(results.total, 2, "the two articles without a date");
        assert!(results.hits.iter().all(|h| h.published.is_none()));
        assert!(
            !results.hits.iter().any(|h| h.id == ids[0]),
            "the dated one is left out"
        );
        // With a query, the query and the filter both hold.
        request.query = "استانا".into();
        let both = index.search(&request).unwrap();
        assert!(both.hits.iter().all(|h| h.published.is_none()));
        // Counting routes select the same articles: all of them undated.
        request.query.clear();
        let timeline = index.timeline_for(&request, crate::Interval::Day).unwrap();
        assert_eq!((timeline.total, timeline.undated, timeline.buckets.len()), (2, 2, 0));
        // A date range and "undated" select nothing together.
        request.from = Some("2000".into());
        assert_eq!(index.search(&request).unwrap().total, 0);
    }

    #[test]
    fn stopword_only_query_is_empty() {
        let (_dir, index, _) = index();
        let err = index.search(&SearchRequest::new("فى")).unwrap_err();
        assert!(matches!(err, IndexError::Query(QueryError::Empty)), "{err}");
        assert!(err.is_usage());
    }

    #[test]
    fn source_filters_select_like_the_source_field() {
        let (_dir, index, ids) = index();
        let typed = |sources: &[&str], query: &str| {
            let mut request = SearchRequest::new(query);
            request.filters.sources = sources.iter().map(|s| (*s).to_owned()).collect();
            let mut found: Vec<String> = index.search(&request).unwrap().hits.into_iter().map(|h| h.id).collect();
            found.sort();
            found
        };
        assert_eq!(
            typed(&["YOUM7"], ""),
            found(&index, "source:youm7"),
            "a filter alone is a search"
        );
        assert_eq!(typed(&["youm7"], ""), vec![ids[0].clone()]);
        assert!(
            typed(&["ahram"], "استانا").is_empty(),
            "filters and the query both hold"
        );
        assert!(typed(&["youm7", "ahram"], "").is_empty(), "every value must match");

        let mut request = SearchRequest::new("");
        request.filters.categories = vec!["sports".into()];
        assert_eq!(index.search(&request).unwrap().total, 0);

        // Counting routes select the same articles.
        let mut request = SearchRequest::new("");
        request.filters.sources = vec!["youm7".into()];
        let timeline = index.timeline_for(&request, crate::Interval::Day).unwrap();
        assert_eq!((timeline.total, timeline.buckets.len()), (1, 1));
        request.from = Some("2018".into());
        assert_eq!(index.timeline_for(&request, crate::Interval::Day).unwrap().total, 0);
        request.to = Some("2017".into());
        assert!(index
            .timeline_for(&request, crate::Interval::Day)
            .unwrap_err()
            .is_usage());
        let everything = index
            .timeline_for(&SearchRequest::new(""), crate::Interval::Day)
            .unwrap();
        assert_eq!((everything.total, everything.undated), (3, 2));
    }
}
