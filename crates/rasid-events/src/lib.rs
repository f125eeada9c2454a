//! Events and quotes for rasid: who did what to whom, where and when, coded
//! natively in Arabic in CAMEO and PLOVER, and quotes with their speakers.
//!
//! The types are [`rasid_core::Event`] and [`rasid_core::Quote`]; the
//! pipeline (`rasid-pipeline`) runs this crate's [`Coder`] after the entities
//! and times, and stores what it finds in `Extractions::events` and `quotes`.
//!
//! How it codes, without a parser (one pass over the analyzer's tokens, linear
//! in the text):
//! * **Actors** come from the entities (a person's role gives country + agent:
//!   `وزير الخارجية الروسى سيرغى لافروف` → `RUSGOV`; a capital stands for its
//!   government), the groups (`النظام السورى` → `SYRGOV`, `الفصائل المعارضة` →
//!   `SYRREB`), demonyms, the CAMEO actor dictionary (date-limited codes
//!   resolved against the article's date) and the agent nouns (`الجيش` →
//!   `MIL`, joined to the country that follows it). The same lookup gives
//!   each entity its own code ([`Coder::entity_codes`]), which the pipeline
//!   stores in `Entity::cameo`.
//! * **Triggers** are verbs, matched by lemma through their inflections and
//!   clitics (`وسيلتقى` → `التقى`), event nouns (`مقتل`, `محادثات`), and light
//!   verbs that take the code of the noun after them (`توصلت … الى اتفاق` →
//!   057). rasid's own trigger table comes first; the CAMEO Arabic verb
//!   dictionary and its patterns fill in.
//! * **Source and target** from word order: an actor right before the verb
//!   (SVO), else the first actor after it (VSO) with the actors joined to it
//!   by `و` (one event each), then the object; an object pronoun refers back
//!   (`ما ترفضه انقرة`); for nouns, `بين X و Y`, the genitive, or the actor
//!   before. Places named after `في` are places, not actors.
//! * **Modality**: negated (`لم`, `لن`, inside what `نفى` denies), intended
//!   (`سـ`, `سوف`, `يعتزم`), threatened (`هدد بـ`); reported inside a quote.
//! * **Quotes**: a speech cue (`قال`, `اعلنت`, `واضافت`, `مشيرا` …), then the
//!   speaker, then `ان …` (indirect), a quotation mark (direct), or `ان` with
//!   quoted words (mixed). A cue with no subject continues the previous
//!   speaker. Each quote is also a statement event (`010`, or the cue's code:
//!   `016` for `نفى`).
//!
//! ```
//! use rasid_core::{Article, ArticleEntities, Analysis};
//! use rasid_events::Coder;
//!
//! let coder = Coder::embedded();
//! let article = Article::builder("", "").build();
//! let (events, quotes) = coder.code(&article, &Analysis::default(), &ArticleEntities::default(), &[]);
//! assert!(events.is_empty() && quotes.is_empty());
//! assert_eq!(coder.dictionaries().plover("046"), Some(("CONSULT", None)));
//! assert_eq!(coder.dictionaries().goldstein("046"), 7.0);
//! ```
//!
//! The pipeline gives it real input: see `rasid_pipeline::Extractor::Events`.
#![deny(missing_docs)]

mod actors;
mod coder;
mod dict;
#[cfg(feature = "eval")]
pub mod eval;
mod quotes;

use std::path::Path;
use std::sync::Arc;

use rasid_core::{Analysis, Article, ArticleEntities, Event, Modality, Quote, TextAnalysis, TextPart, TimeExpr};

pub use crate::dict::{Dictionaries, FILES};

use crate::actors::{ArticleContext, Cand};
use crate::coder::Part;

/// The CAMEO code of a denial (`نفى`): what it denies is negated.
const DENY: &str = "016";

/// What [`Coder::code_all`] finds in an article.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Coded {
    /// The events; `Event::quote` indexes `quotes`.
    pub events: Vec<Event>,
    /// The quotes.
    pub quotes: Vec<Quote>,
    /// Each entity's CAMEO actor code, by entity index, as
    /// [`Coder::entity_codes`] gives them.
    pub entity_codes: Vec<Option<String>>,
}

/// The codes an article's entity mentions get, counted per entity, in text
/// order of first use.
struct Votes(Vec<Vec<(String, usize)>>);

impl Votes {
    fn new(entities: &ArticleEntities) -> Votes {
        Votes(vec![Vec::new(); entities.entities.len()])
    }

    /// Counts the codes of one part's mention candidates (cities have none).
    fn add(&mut self, mentions: &[Cand]) {
        for c in mentions {
            let Some(v) = c.entity.and_then(|e| self.0.get_mut(e)) else {
                continue;
            };
            if c.code.is_empty() || c.city {
                continue;
            }
            match v.iter_mut().find(|(code, _)| *code == c.code) {
                Some((_, n)) => *n += 1,
                None => v.push((c.code.clone(), 1)),
            }
        }
    }

    /// The most frequent code of each entity, the first of those on a tie.
    fn codes(self) -> Vec<Option<String>> {
        self.0
            .into_iter()
            .map(|v| {
                let best = v.iter().map(|(_, n)| *n).max()?;
                v.into_iter().find(|(_, n)| *n == best).map(|(code, _)| code)
            })
            .collect()
    }
}

/// What can go wrong while loading the dictionaries (coding never fails).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum EventsError {
    /// A dictionary file could not be read.
    #[error("{path}: {source}")]
    Read {
        /// The file.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// A dictionary file has a line the coder cannot read.
    #[error("{path}: line {line}: {reason}")]
    Malformed {
        /// The file.
        path: String,
        /// Its line, from 1.
        line: usize,
        /// What is wrong.
        reason: String,
    },
}

/// The event coder and quote finder. Cheap to clone; share it between threads.
#[derive(Clone, Debug)]
pub struct Coder {
    dict: Arc<Dictionaries>,
}

impl Default for Coder {
    fn default() -> Self {
        Coder::embedded()
    }
}

impl Coder {
    /// A coder with these dictionaries.
    pub fn new(dict: Arc<Dictionaries>) -> Coder {
        Coder { dict }
    }

    /// The coder with the dictionaries compiled into rasid.
    pub fn embedded() -> Coder {
        Coder::new(Dictionaries::embedded())
    }

    /// A coder whose dictionaries are the files of `dir` where present (see
    /// [`FILES`]), the embedded ones elsewhere.
    ///
    /// # Errors
    /// [`EventsError`] naming the file (and line) that cannot be read.
    pub fn from_dir(dir: &Path) -> Result<Coder, EventsError> {
        Ok(Coder::new(Arc::new(Dictionaries::from_dir(dir)?)))
    }

    /// The dictionaries.
    pub fn dictionaries(&self) -> &Dictionaries {
        &self.dict
    }

    /// The events and quotes of an article, from its analysis (with tokens),
    /// its entities and its time expressions. `Event::quote` indexes the
    /// quotes returned.
    pub fn code(
        &self,
        article: &Article,
        analysis: &Analysis,
        entities: &ArticleEntities,
        times: &[TimeExpr],
    ) -> (Vec<Event>, Vec<Quote>) {
        let coded = self.code_all(article, analysis, entities, times);
        (coded.events, coded.quotes)
    }

    /// [`Coder::code`] and [`Coder::entity_codes`] at once: the entities'
    /// mentions are looked up once for both.
    pub fn code_all(
        &self,
        article: &Article,
        analysis: &Analysis,
        entities: &ArticleEntities,
        times: &[TimeExpr],
    ) -> Coded {
        let published = article.published.map(|p| p.datetime().date().to_string());
        let date = yyyymmdd(published.as_deref());
        let main_country = ArticleContext::main_country(entities);
        let mut coded = Coded::default();
        let mut votes = Votes::new(entities);
        for (part, text, ta) in parts(article, analysis) {
            let ctx = ArticleContext {
                dict: &self.dict,
                entities,
                date,
                main_country: main_country.clone(),
                countries: ArticleContext::countries_of(entities, part),
            };
            let mentions = ctx.mention_candidates(part, text, &ta.tokens);
            votes.add(&mentions);
            self.code_part(
                &ctx,
                part,
                text,
                ta,
                mentions,
                times,
                published.as_deref(),
                &mut coded.events,
                &mut coded.quotes,
            );
        }
        coded.entity_codes = votes.codes();
        coded
    }

    /// The CAMEO actor code of each entity of an article, by entity index
    /// (`RUS` for `روسيا`, `RUSGOV` for a Russian minister, `UNO` for the UN
    /// and its envoy, date-limited dictionary codes resolved against the
    /// article's date): the code the events give its mentions, the most
    /// frequent where they differ (the first of those in text order on a
    /// tie). `None` where no mention has a code, and for a place that is not
    /// a country or a capital (a city is where things happen, not an actor).
    ///
    /// `analysis` must hold the tokens, as for [`Coder::code`].
    pub fn entity_codes(
        &self,
        article: &Article,
        analysis: &Analysis,
        entities: &ArticleEntities,
    ) -> Vec<Option<String>> {
        let published = article.published.map(|p| p.datetime().date().to_string());
        let date = yyyymmdd(published.as_deref());
        let mut votes = Votes::new(entities);
        for (part, text, ta) in parts(article, analysis) {
            let ctx = ArticleContext {
                dict: &self.dict,
                entities,
                date,
                main_country: None,
                countries: ArticleContext::countries_of(entities, part),
            };
            votes.add(&ctx.mention_candidates(part, text, &ta.tokens));
        }
        votes.codes()
    }

    #[allow(clippy::too_many_arguments)]
    fn code_part(
        &self,
        ctx: &ArticleContext<'_>,
        part: TextPart,
        text: &str,
        ta: &TextAnalysis,
        mentions: Vec<Cand>,
        times: &[TimeExpr],
        dateline: Option<&str>,
        events: &mut Vec<Event>,
        quotes: &mut Vec<Quote>,
    ) {
        let p = Part::new(ctx, part, text, &ta.tokens, &ta.sentences, times, mentions);
        let mut previous = quotes::Previous::default();
        // The content of each quote, and whether its cue denies it.
        let mut spans: Vec<(usize, usize, bool)> = Vec::new();
        let first_event = events.len();
        for (sentence, start, end) in p.sentence_ranges() {
            let mut found = Vec::new();
            coder::sentence_events(&self.dict, &p, sentence, start, end, &mut found);
            // The sentence's subject, for a participle cue (`اتهم X … مشيرا`).
            let subject = found.iter().find_map(|f| f.sources.first().copied());
            let mut head = Vec::new();
            quotes::sentence_quotes(&p, sentence, start, end, subject, &mut previous, &mut head);
            for f in &found {
                events.extend(coder::events(ctx, &p, f, start, end, dateline));
            }
            for q in head {
                let index = quotes.len();
                if let Some(code) = q.speaker_code.as_ref().filter(|c| !c.is_empty()) {
                    let speaker = q.quote.speaker.as_ref();
                    let f = coder::Found {
                        trigger: q.cue,
                        code: q.code.clone(),
                        sources: Vec::new(),
                        target: None,
                        modality: Modality::Asserted,
                        confidence: 0.7,
                        sentence,
                    };
                    for mut e in coder::events(ctx, &p, &f, start, end, dateline) {
                        e.source = speaker.map(|s| rasid_core::Actor {
                            span: s.span,
                            text: s.text.clone(),
                            code: code.clone(),
                            entity: s.entity.or(s.organization),
                        });
                        e.quote = Some(index);
                        events.push(e);
                    }
                }
                spans.push((q.quote.content.start, q.quote.content.end, q.code == DENY));
                quotes.push(q.quote);
            }
        }
        // Events told inside a quote are reported; inside a denial, negated.
        spans.sort_unstable();
        for e in events.get_mut(first_event..).unwrap_or_default() {
            if e.quote.is_some() {
                continue;
            }
            let at = e.action.span.start;
            let k = spans.partition_point(|s| s.0 <= at);
            if let Some(&(_, end, denies)) = k.checked_sub(1).and_then(|k| spans.get(k)) {
                if at < end {
                    e.reported = true;
                    if denies {
                        e.modality = Modality::Negated;
                    }
                }
            }
        }
    }
}

/// The title and the body of an article, each with its analysis.
fn parts<'a>(article: &'a Article, analysis: &'a Analysis) -> [(TextPart, &'a str, &'a TextAnalysis); 2] {
    [
        (TextPart::Title, article.title.as_str(), &analysis.title),
        (TextPart::Body, article.body.as_str(), &analysis.body),
    ]
}

/// YYYYMMDD of a date written `YYYY-MM-DD…`, for date-limited actor codes.
fn yyyymmdd(date: Option<&str>) -> Option<u32> {
    date.and_then(|d| d.get(..10))
        .and_then(|d| d.replace('-', "").parse::<u32>().ok())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // test code

    use rasid_core::{Entity, EntityKind, Mention, PlaceLink, Role, Span, Timestamp};

    use super::*;

    /// One entity of a test article: its kind, its text (found in the body),
    /// a place link (feature, country) and a role (title, country, organisation).
    type Spec<'a> = (
        EntityKind,
        &'a str,
        Option<(&'a str, &'a str)>,
        Option<(&'a str, Option<&'a str>, Option<&'a str>)>,
    );

    /// The codes `entity_codes` gives the entities of `body`, published on
    /// `date`; `code_all`, which codes the events too, must give the same.
    fn codes(body: &str, date: &str, specs: &[Spec<'_>]) -> Vec<Option<String>> {
        let article = Article::builder("", body)
            .published(format!("{date}T10:00").parse::<Timestamp>().unwrap())
            .build();
        let mut entities = ArticleEntities::default();
        for (id, (kind, text, place, role)) in specs.iter().enumerate() {
            let start = body.find(text).expect("the entity is in the body");
            let span = Span::new(start, start + text.len());
            entities.mentions.push(Mention {
                part: TextPart::Body,
                span,
                text: text.to_string(),
                kind: *kind,
                entity: id,
            });
            entities.entities.push(Entity {
                id,
                kind: *kind,
                canonical: text.to_string(),
                key: String::new(),
                name_en: None,
                mentions: vec![id],
                role: role.map(|(title, country, organization)| Role {
                    title: title.into(),
                    text: String::new(),
                    part: TextPart::Body,
                    span: Span::new(0, 0),
                    country: country.map(str::to_string),
                    organization: organization.map(str::to_string),
                }),
                place: place.map(|(feature, country)| PlaceLink {
                    geonames_id: 1,
                    name_en: String::new(),
                    country: country.into(),
                    lat: None,
                    lon: None,
                    feature: feature.into(),
                    population: None,
                }),
                cameo: None,
            });
        }
        let analysis = rasid_text::Analyzer::default().analyze(&article);
        let codes = Coder::embedded().entity_codes(&article, &analysis, &entities);
        let with_events = Coder::embedded().code_all(&article, &analysis, &entities, &[]);
        assert_eq!(with_events.entity_codes, codes, "code_all and entity_codes disagree");
        codes
    }

    #[test]
    fn entity_codes_come_from_places_roles_and_the_actor_dictionary() {
        let body = "وقال وزير الخارجية الروسي سيرغي لافروف ان روسيا وموسكو والامم المتحدة وحماس لن تقبل ما جرى في حلب وان نوري المالكي ومحمد الفلاني";
        let specs: [Spec<'_>; 8] = [
            (
                EntityKind::Per,
                "سيرغي لافروف",
                None,
                Some(("foreign minister", Some("RU"), None)),
            ),
            (EntityKind::Loc, "روسيا", Some(("PCLI", "RU")), None),
            (EntityKind::Loc, "موسكو", Some(("PPLC", "RU")), None),
            (EntityKind::Org, "الامم المتحدة", None, None),
            (EntityKind::Org, "حماس", None, None),
            (EntityKind::Loc, "حلب", Some(("PPLA", "SY")), None),
            (EntityKind::Per, "نوري المالكي", None, None),
            (EntityKind::Per, "محمد الفلاني", None, None),
        ];
        let found = codes(body, "2010-01-01", &specs);
        let found: Vec<Option<&str>> = found.iter().map(Option::as_deref).collect();
        assert_eq!(
            found,
            [
                Some("RUSGOV"),
                Some("RUS"),
                Some("RUSGOV"),
                Some("UNO"),
                Some("PSEREB"),
                // A city is a place, not an actor.
                None,
                Some("IRQGOV"),
                // Not in the dictionary, no role: no code.
                None,
            ]
        );
        // Date-limited codes resolve against the article's date.
        // (The dictionary has Hamas as a government until 2007, rebels from 2009.)
        let earlier = codes(body, "2005-01-01", &specs);
        assert_eq!(earlier[4].as_deref(), Some("PSEGOV"));
    }

    #[test]
    fn an_entity_missing_from_the_dictionary_takes_the_code_its_mentions_give() {
        // No role, no dictionary entry for the full name: each mention is looked up as written.
        let body = "قال المالكي ان المالكي والرجل نوري كامل المالكي";
        let article = Article::builder("", body)
            .published("2010-01-01T10:00".parse::<Timestamp>().unwrap())
            .build();
        let mut entities = ArticleEntities::default();
        let mut mentions = Vec::new();
        for (i, (start, _)) in body.match_indices("المالكي").enumerate() {
            mentions.push(i);
            entities.mentions.push(Mention {
                part: TextPart::Body,
                span: Span::new(start, start + "المالكي".len()),
                text: "المالكي".into(),
                kind: EntityKind::Per,
                entity: 0,
            });
        }
        entities.entities.push(Entity {
            id: 0,
            kind: EntityKind::Per,
            canonical: "نوري كامل المالكي".into(),
            key: String::new(),
            name_en: None,
            mentions,
            role: None,
            place: None,
            cameo: None,
        });
        let analysis = rasid_text::Analyzer::default().analyze(&article);
        let found = Coder::embedded().entity_codes(&article, &analysis, &entities);
        assert_eq!(found, vec![Some("IRQGOV".to_string())]);
        // No entities, no codes; an article without a date still codes.
        let undated = Article::builder("", body).build();
        assert!(Coder::embedded()
            .entity_codes(&undated, &analysis, &ArticleEntities::default())
            .is_empty());
    }
}
