//! The index schema: which field holds what, and how an article becomes a document.
//!
//! | field | kind | for |
//! |---|---|---|
//! | `id` | raw term, stored | delete, update, `id:` queries, duplicate checks |
//! | `title`, `body` | `rasid_ar` terms with positions | BM25, phrases |
//! | `lead` | `rasid_ar` terms with positions | the body's first [`LEAD_WORDS`] words, ranked on their own |
//! | `title_text`, `body_text` | stored only | the original text, for display and snippets |
//! | `source`, `category`, `author`, `url` | lower-cased raw terms, stored | `source:youm7` |
//! | `published` | date, indexed and fast | ranges, sort by date |
//! | `published_text` | stored | the timestamp as the source wrote it |
//! | `published_day` | date, indexed and fast | the article's own calendar day (in its UTC offset; UTC when it has none), for `--from`/`--to`, `published:` and day timelines |
//! | `facets` | facet paths `/source/…`, `/category/…`, `/month/YYYY-MM`, `/event/<root>`, `/actor/<code>`, `/target/<code>` | facet counts |
//! | `person_facet`, `org_facet`, `place_facet` | identity keys (`geonames:ID`, `PER:skeleton`), raw terms and fast columns | people, organisation and place counts by identity (see [`crate::facets`]) |
//! | `entity_keys` | raw terms | the identity keys of all three kinds, for filters by key |
//! | `entity_names` | raw terms `KEY␟LABEL` | the name each key is shown with (its most frequent canonical name) |
//! | `entity_labels` | raw terms `LABEL␟KEY` | every name of an entity with its key, for autocomplete |
//! | `entities` | `rasid_ar` terms with positions | every entity name found by extraction |
//! | `persons`, `orgs`, `locations` | `rasid_ar` terms with positions | the names of one kind |
//! | `places` | raw terms | GeoNames ids of linked places |
//! | `times`, `times_month`, `times_year` | dates, indexed | the days, months (first day) and years (1 January) the article mentions |
//! | `event_codes` | raw terms | CAMEO codes of the events and their prefixes (`0871`, `087`, `08`) |
//! | `actors`, `targets` | raw terms | source and target actor codes of the events, and their countries (`SYRGOV`, `SYR`) |
//! | `dyads` | raw terms | `SOURCE>TARGET` of each event with both codes |
//! | `extraction` | stored only | the [`Extractions`] as JSON |
//!
//! The entity, place and time fields are filled from an [`Extractions`] (see
//! [`crate::extraction`]); articles indexed without one leave them empty.
//! Any change to the schema bumps [`SCHEMA_VERSION`].

use jiff::civil::{Date, Time};
use rasid_core::{Analysis, Article, Timestamp};
use rasid_text::Analyzer;
use tantivy::schema::document::{ReferenceValue, ReferenceValueLeaf, Value};
use tantivy::schema::{
    DateOptions, DateTimePrecision, Facet, FacetOptions, Field, IndexRecordOption, Schema, TextFieldIndexing,
    TextOptions, STORED, STRING,
};
use tantivy::DateTime;

use crate::extraction::{entity_terms, mentioned, Mentioned};
use crate::facets::NAME_FIELDS;
use crate::tokenizer::{packed_search_tokens, packed_search_tokens_of, PackedTokens, ANALYZER_NAME, KEYWORD_NAME};
use rasid_core::Extractions;

/// The version of the schema this build writes and reads. An index with a higher
/// version is refused with [`crate::IndexError::FutureVersion`], one with a lower
/// version with [`crate::IndexError::OldVersion`] (re-index it).
///
/// Version 2 added the extraction: `persons`, `orgs`, `locations`,
/// `times_month`, `times_year` and the stored `extraction`. Version 3 stores
/// the pipeline's [`rasid_core::Extractions`] (with the article's summary) and
/// records the analyzer's settings in the metadata file. Version 4 adds
/// `published_day`, the article's own calendar day (issue 17). Version 5
/// indexes the events: `event_codes`, `actors`, `targets`, `dyads` and the
/// `/event`, `/actor`, `/target` facets. Version 6 adds the `lead`. Version 7
/// counts entities by identity (issue 16): the name columns hold keys, with
/// `entity_keys`, `entity_names` and `entity_labels` beside them.
pub const SCHEMA_VERSION: u32 = 7;

/// How many words of the body, from its start, the `lead` field holds: the
/// first paragraph of most news articles, where the headline's words come back.
pub const LEAD_WORDS: usize = 50;

/// Handles to the fields of the schema.
#[derive(Clone, Debug)]
pub struct Fields {
    /// The article id (raw).
    pub id: Field,
    /// The analysed headline.
    pub title: Field,
    /// The analysed body.
    pub body: Field,
    /// The analysed first [`LEAD_WORDS`] words of the body.
    pub lead: Field,
    /// The headline as written (stored only).
    pub title_text: Field,
    /// The body as written (stored only).
    pub body_text: Field,
    /// The outlet (lower-cased raw term; stored as written).
    pub source: Field,
    /// The outlet's section.
    pub category: Field,
    /// The byline.
    pub author: Field,
    /// The URL (raw).
    pub url: Field,
    /// The id the input gave the record (stored only).
    pub external_id: Field,
    /// Publication time (indexed, fast) for ranges and sorting.
    pub published: Field,
    /// Publication time as the source wrote it (stored only).
    pub published_text: Field,
    /// The article's own publication day (midnight of its civil date in its
    /// own offset, written as UTC; indexed, fast): what day filters compare.
    pub published_day: Field,
    /// Facet paths.
    pub facets: Field,
    /// Every entity name (analysed).
    pub entities: Field,
    /// Names of people (analysed).
    pub persons: Field,
    /// Names of organisations (analysed).
    pub orgs: Field,
    /// Names of places (analysed).
    pub locations: Field,
    /// GeoNames ids of linked places (raw).
    pub places: Field,
    /// Days the article mentions.
    pub times: Field,
    /// Months the article mentions, as their first day.
    pub times_month: Field,
    /// Years the article mentions, as their 1 January.
    pub times_year: Field,
    /// The extraction as JSON (stored only).
    pub extraction: Field,
    /// Identity keys of people (fast column).
    pub person_facet: Field,
    /// Identity keys of organisations (fast column).
    pub org_facet: Field,
    /// Identity keys of places (fast column).
    pub place_facet: Field,
    /// Identity keys of all kinds (raw), for filters.
    pub entity_keys: Field,
    /// `KEY␟LABEL` terms (raw): the names keys are shown with.
    pub entity_names: Field,
    /// `LABEL␟KEY` terms (raw): every name with its key, for autocomplete.
    pub entity_labels: Field,
    /// CAMEO codes of the events and their prefixes (raw).
    pub event_codes: Field,
    /// Source actor codes and their countries (raw).
    pub actors: Field,
    /// Target actor codes and their countries (raw).
    pub targets: Field,
    /// `SOURCE>TARGET` pairs (raw).
    pub dyads: Field,
}

/// The fields a query may name, with what they hold.
pub const QUERY_FIELDS: &[&str] = &[
    "title",
    "body",
    "source",
    "category",
    "author",
    "url",
    "id",
    "published",
    "entities",
    "persons",
    "orgs",
    "locations",
    "places",
    "times",
    "event_codes",
    "actors",
    "targets",
    "dyads",
];

impl Fields {
    /// Builds the schema and returns it with the field handles.
    pub fn build() -> (Schema, Fields) {
        let mut b = Schema::builder();
        let analysed = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(ANALYZER_NAME)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        );
        let keyword = TextOptions::default()
            .set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer(KEYWORD_NAME)
                    .set_index_option(IndexRecordOption::Basic)
                    .set_fieldnorms(false),
            )
            .set_stored();
        let date = DateOptions::default()
            .set_indexed()
            .set_fast()
            .set_precision(DateTimePrecision::Seconds);
        let mentioned = DateOptions::default()
            .set_indexed()
            .set_precision(DateTimePrecision::Seconds);
        let raw = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer("raw")
                .set_index_option(IndexRecordOption::Basic)
                .set_fieldnorms(false),
        );
        let fields = Fields {
            id: b.add_text_field("id", STRING | STORED),
            title: b.add_text_field("title", analysed.clone()),
            body: b.add_text_field("body", analysed.clone()),
            lead: b.add_text_field("lead", analysed.clone()),
            title_text: b.add_text_field("title_text", STORED),
            body_text: b.add_text_field("body_text", STORED),
            source: b.add_text_field("source", keyword.clone()),
            category: b.add_text_field("category", keyword.clone()),
            author: b.add_text_field("author", keyword.clone()),
            url: b.add_text_field("url", STRING | STORED),
            external_id: b.add_text_field("external_id", STORED),
            published: b.add_date_field("published", date.clone()),
            published_text: b.add_text_field("published_text", STORED),
            published_day: b.add_date_field("published_day", date.clone()),
            facets: b.add_facet_field("facets", FacetOptions::default()),
            entities: b.add_text_field("entities", analysed.clone()),
            persons: b.add_text_field("persons", analysed.clone()),
            orgs: b.add_text_field("orgs", analysed.clone()),
            locations: b.add_text_field("locations", analysed),
            places: b.add_text_field("places", raw.clone()),
            times: b.add_date_field("times", mentioned.clone()),
            times_month: b.add_date_field("times_month", mentioned.clone()),
            times_year: b.add_date_field("times_year", mentioned),
            extraction: b.add_text_field("extraction", STORED),
            person_facet: b.add_text_field(NAME_FIELDS[0], raw.clone().set_fast("raw")),
            org_facet: b.add_text_field(NAME_FIELDS[1], raw.clone().set_fast("raw")),
            place_facet: b.add_text_field(NAME_FIELDS[2], raw.clone().set_fast("raw")),
            entity_keys: b.add_text_field("entity_keys", raw.clone()),
            entity_names: b.add_text_field("entity_names", raw.clone()),
            entity_labels: b.add_text_field("entity_labels", raw.clone()),
            event_codes: b.add_text_field("event_codes", raw.clone()),
            actors: b.add_text_field("actors", raw.clone()),
            targets: b.add_text_field("targets", raw.clone()),
            dyads: b.add_text_field("dyads", raw),
        };
        (b.build(), fields)
    }

    /// Finds the handles in a schema read back from disk.
    pub fn from_schema(schema: &Schema) -> tantivy::Result<Fields> {
        let f = |name: &str| schema.get_field(name);
        Ok(Fields {
            id: f("id")?,
            title: f("title")?,
            body: f("body")?,
            lead: f("lead")?,
            title_text: f("title_text")?,
            body_text: f("body_text")?,
            source: f("source")?,
            category: f("category")?,
            author: f("author")?,
            url: f("url")?,
            external_id: f("external_id")?,
            published: f("published")?,
            published_text: f("published_text")?,
            published_day: f("published_day")?,
            facets: f("facets")?,
            entities: f("entities")?,
            persons: f("persons")?,
            orgs: f("orgs")?,
            locations: f("locations")?,
            places: f("places")?,
            times: f("times")?,
            times_month: f("times_month")?,
            times_year: f("times_year")?,
            extraction: f("extraction")?,
            person_facet: f(NAME_FIELDS[0])?,
            org_facet: f(NAME_FIELDS[1])?,
            place_facet: f(NAME_FIELDS[2])?,
            entity_keys: f("entity_keys")?,
            entity_names: f("entity_names")?,
            entity_labels: f("entity_labels")?,
            event_codes: f("event_codes")?,
            actors: f("actors")?,
            targets: f("targets")?,
            dyads: f("dyads")?,
        })
    }

    /// The document for an article, analysed here (search terms only: the fast path).
    pub fn document(&self, article: &Article, analyzer: &Analyzer) -> IndexDoc {
        let title = packed_search_tokens(analyzer, &article.title);
        let body = packed_search_tokens(analyzer, &article.body);
        self.document_with(article, title, body, None)
    }

    /// The document for an article whose full analysis is at hand, with what
    /// extraction found in it, if it ran.
    pub fn document_from_analysis(
        &self,
        article: &Article,
        analysis: &Analysis,
        extraction: Option<&Extractions>,
    ) -> IndexDoc {
        self.document_with(
            article,
            packed_search_tokens_of(&analysis.title),
            packed_search_tokens_of(&analysis.body),
            extraction,
        )
    }

    fn document_with(
        &self,
        article: &Article,
        title: PackedTokens,
        body: PackedTokens,
        extraction: Option<&Extractions>,
    ) -> IndexDoc {
        let mut doc = IndexDoc::default();
        doc.add_text(self.id, article.id.as_str());
        doc.add_tokens(self.title, title);
        doc.add_tokens(self.lead, body.before_position(LEAD_WORDS));
        doc.add_tokens(self.body, body);
        doc.add_text(self.title_text, &article.title);
        doc.add_text(self.body_text, &article.body);
        if let Some(source) = non_empty(&article.source) {
            doc.add_text(self.source, source);
            doc.add_facet(self.facets, Facet::from_path(["source", source]));
        }
        if let Some(category) = non_empty(&article.category) {
            doc.add_text(self.category, category);
            doc.add_facet(self.facets, Facet::from_path(["category", category]));
        }
        if let Some(author) = non_empty(&article.author) {
            doc.add_text(self.author, author);
        }
        if let Some(url) = non_empty(&article.url) {
            doc.add_text(self.url, url);
        }
        if let Some(external) = non_empty(&article.external_id) {
            doc.add_text(self.external_id, external);
        }
        if let Some(published) = article.published {
            doc.add_date(self.published, to_date(published));
            doc.add_text(self.published_text, published.to_string());
            doc.add_date(self.published_day, day_start(own_day(published)));
            doc.add_facet(self.facets, Facet::from_path(["month", &month_of(published)]));
        }
        if let Some(extraction) = extraction {
            self.add_extraction(&mut doc, extraction);
        }
        doc
    }

    /// Adds the entity, place and time terms of an extraction, and the extraction itself.
    fn add_extraction(&self, doc: &mut IndexDoc, extraction: &Extractions) {
        let terms = entity_terms(&extraction.entities);
        for (field, names) in [
            (self.entities, terms.all),
            (self.persons, terms.persons),
            (self.orgs, terms.orgs),
            (self.locations, terms.locations),
            (self.places, terms.place_ids),
        ] {
            for name in names {
                doc.add_text(field, name);
            }
        }
        for (root, key) in terms.facets {
            let field = match root {
                "person" => self.person_facet,
                "org" => self.org_facet,
                _ => self.place_facet,
            };
            doc.add_text(self.entity_keys, &key);
            doc.add_text(field, key);
        }
        for (field, values) in [(self.entity_names, terms.names), (self.entity_labels, terms.labels)] {
            for value in values {
                doc.add_text(field, value);
            }
        }
        for period in mentioned(&extraction.times) {
            let (field, day) = match period {
                Mentioned::Day(day) => (self.times, day),
                Mentioned::Month(first) => (self.times_month, first),
                Mentioned::Year(first) => (self.times_year, first),
            };
            doc.add_date(field, day_start(day));
        }
        let events = crate::events::event_terms(&extraction.events);
        for (field, values) in [
            (self.event_codes, &events.codes),
            (self.actors, &events.actors),
            (self.targets, &events.targets),
            (self.dyads, &events.dyads),
        ] {
            for value in values {
                doc.add_text(field, value);
            }
        }
        for (root, values) in [
            ("event", &events.roots),
            ("actor", &events.source_codes),
            ("target", &events.target_codes),
        ] {
            for value in values {
                doc.add_facet(self.facets, Facet::from_path([root, value.as_str()]));
            }
        }
        // Serialising plain data cannot fail; if it ever did, the article is
        // still indexed, without its stored extraction.
        if let Ok(json) = serde_json::to_string(extraction) {
            doc.add_text(self.extraction, json);
        }
    }
}

/// A document on its way into the index.
///
/// tantivy's own document type stores a pre-tokenised text as JSON and parses it
/// back when indexing; this one hands the tokens over as they are, packed
/// ([`PackedTokens`]) until tantivy's indexing thread reads them.
#[derive(Clone, Debug, Default)]
pub struct IndexDoc {
    values: Vec<(Field, DocValue)>,
}

/// A value of an [`IndexDoc`]: the kinds rasid's schema uses.
#[derive(Clone, Debug)]
pub enum DocValue {
    /// A text, stored or analysed by the field's tokenizer.
    Str(String),
    /// Search tokens of a text (an analysed, not stored, field).
    Tokens(PackedTokens),
    /// A date.
    Date(DateTime),
    /// A facet path.
    Facet(Facet),
}

impl IndexDoc {
    /// Adds a text value.
    pub fn add_text(&mut self, field: Field, text: impl Into<String>) {
        self.values.push((field, DocValue::Str(text.into())));
    }

    /// Adds the search tokens of a text.
    pub fn add_tokens(&mut self, field: Field, tokens: PackedTokens) {
        self.values.push((field, DocValue::Tokens(tokens)));
    }

    /// Adds a date.
    pub fn add_date(&mut self, field: Field, date: DateTime) {
        self.values.push((field, DocValue::Date(date)));
    }

    /// Adds a facet path.
    pub fn add_facet(&mut self, field: Field, facet: Facet) {
        self.values.push((field, DocValue::Facet(facet)));
    }

    /// The values, in the order added.
    pub fn values(&self) -> &[(Field, DocValue)] {
        &self.values
    }
}

impl<'a> Value<'a> for &'a DocValue {
    type ArrayIter = std::iter::Empty<Self>;
    type ObjectIter = std::iter::Empty<(&'a str, Self)>;

    fn as_value(&self) -> ReferenceValue<'a, Self> {
        match self {
            DocValue::Str(text) => ReferenceValueLeaf::Str(text).into(),
            DocValue::Tokens(tokens) => ReferenceValueLeaf::PreTokStr(Box::new(tokens.to_pre_tokenized())).into(),
            DocValue::Date(date) => ReferenceValueLeaf::Date(*date).into(),
            DocValue::Facet(facet) => ReferenceValueLeaf::Facet(facet.encoded_str()).into(),
        }
    }
}

/// The field-value pairs of an [`IndexDoc`].
pub type IndexDocIter<'a> =
    std::iter::Map<std::slice::Iter<'a, (Field, DocValue)>, fn(&'a (Field, DocValue)) -> (Field, &'a DocValue)>;

impl tantivy::Document for IndexDoc {
    type Value<'a> = &'a DocValue;
    type FieldsValuesIter<'a> = IndexDocIter<'a>;

    fn iter_fields_and_values(&self) -> Self::FieldsValuesIter<'_> {
        fn pair(value: &(Field, DocValue)) -> (Field, &DocValue) {
            (value.0, &value.1)
        }
        self.values.iter().map(pair)
    }
}

/// `Some(trimmed)` for a non-blank value.
fn non_empty(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

/// The instant a timestamp stands for (offset-less times read as UTC).
pub fn to_date(timestamp: Timestamp) -> DateTime {
    date_time(timestamp.unix_seconds())
}

/// The calendar day of a timestamp as the source wrote it: in its own UTC
/// offset (`2018-06-01T00:06:00+01:00` is 1 June, not 31 May), the date as
/// written when it has no offset (read as UTC).
pub fn own_day(timestamp: Timestamp) -> Date {
    timestamp.datetime().date()
}

/// Midnight UTC of a day.
pub fn day_start(date: Date) -> DateTime {
    let seconds = jiff::tz::Offset::UTC
        .to_timestamp(date.to_datetime(Time::midnight()))
        .map(|t| t.as_second())
        .unwrap_or_default();
    date_time(seconds)
}

/// tantivy keeps dates in nanoseconds as an `i64` (the years 1677 to 2262): seconds
/// outside that range are clamped to its ends rather than overflowing.
fn date_time(seconds: i64) -> DateTime {
    const LIMIT: i64 = i64::MAX / 1_000_000_000;
    DateTime::from_timestamp_secs(seconds.clamp(-LIMIT, LIMIT))
}

/// `YYYY-MM` of the timestamp as the source wrote it.
pub fn month_of(timestamp: Timestamp) -> String {
    let dt = timestamp.datetime();
    format!("{:04}-{:02}", dt.year(), dt.month())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_outside_tantivys_range_are_clamped() {
        let early = day_start(Date::constant(1000, 1, 1));
        let late = day_start(Date::constant(9000, 1, 1));
        assert!(early < day_start(Date::constant(1700, 1, 1)));
        assert!(late > day_start(Date::constant(2200, 1, 1)));
    }

    #[test]
    fn schema_round_trips_field_handles() {
        let (schema, fields) = Fields::build();
        let again = Fields::from_schema(&schema).unwrap();
        assert_eq!(fields.body, again.body);
        assert_eq!(fields.times, again.times);
        for name in QUERY_FIELDS {
            assert!(
                schema.get_field(name).is_ok(),
                "query field {name} missing from the schema"
            );
        }
    }

    #[test]
    fn month_is_as_written() {
        let t: Timestamp = "2017-12-31T23:30:00-05:00".parse().unwrap();
        assert_eq!(month_of(t), "2017-12");
    }
}
