//! The rasid pipeline: article → analysis → extractions, assembled once.
//!
//! A [`Pipeline`] holds one [`Analyzer`], the [`Resources`] its extractors
//! read (the entity model, gazetteer, word clusters, the analyzer's lexicon)
//! and the list of [`Extractor`]s that are switched on. Every door of rasid
//! calls it: `rasid analyze`, the index writer behind `rasid index` and
//! `POST /api/articles`, the stories build, the server's article view and the
//! Python package. None of them assembles extraction itself, so the same
//! article gives the same [`Extractions`] whichever door it came through.
//!
//! ```
//! use rasid_core::{Article, EntityKind};
//! use rasid_pipeline::{Extractor, Pipeline};
//!
//! let pipeline = Pipeline::builder().without(Extractor::Summary).build();
//! let article = Article::builder(
//!     "لافروف فى موسكو",
//!     "وقال وزير الخارجية الروسى سيرغى لافروف فى موسكو الخميس إن المحادثات تستمر يومين.",
//! )
//! .published("2017-12-21T10:57".parse::<rasid_core::Timestamp>().unwrap())
//! .build();
//! let analysed = pipeline.analyze(&article);
//! let found = &analysed.extractions;
//! assert!(found.entities.entities.iter().any(|e| e.kind == EntityKind::Per && e.canonical == "سيرغى لافروف"));
//! assert!(found.times.iter().any(|t| t.text == "الخميس" && t.value == "2017-12-21"));
//! assert!(found.summary.is_none());
//! // Tokens are left out of what `analyze` returns unless asked for.
//! assert!(analysed.analysis.body.tokens.is_empty());
//! assert!(analysed.analysis.body.token_count > 10);
//! ```
#![deny(missing_docs)]

pub mod summary;

use std::fmt;
use std::path::Path;
use std::sync::Arc;

use rasid_core::{Analysis, AnalyzedArticle, Article, Extractions};
pub use rasid_entities::NerMode;
use rasid_entities::{Ner, NerError, NerResources};
use rasid_events::{Coder, EventsError};
use rasid_text::{Analyzer, AnalyzerConfig, Lexicon, TextError};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

/// What can go wrong while loading resources (running a pipeline never fails).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum PipelineError {
    /// The analyzer's lexicon files are missing, unreadable or malformed.
    #[error("resources: {0}")]
    Lexicon(#[from] TextError),
    /// The entity model, gazetteer or clusters are missing, unreadable or malformed.
    #[error("resources: {0}")]
    Entities(#[from] NerError),
    /// An event dictionary file is unreadable or malformed.
    #[error("resources: {0}")]
    Events(#[from] EventsError),
}

/// One extractor of the pipeline. Each can be switched off; the lists it
/// fills in [`Extractions`] are then left empty (the summary `None`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Extractor {
    /// People, places, organisations, demonyms and groups ([`rasid_entities`]),
    /// each entity with its CAMEO actor code where one applies
    /// ([`rasid_events::Coder::entity_codes`], the lookup the events use).
    Entities,
    /// Time expressions resolved against the dateline ([`rasid_times`]).
    Times,
    /// Numbers with what they count ([`rasid_times`]).
    Numbers,
    /// An extractive summary of the body ([`summary`]).
    Summary,
    /// Events: who did what to whom, where and when, in CAMEO and PLOVER
    /// ([`rasid_events`]; needs the entities and times, which it runs itself
    /// when they are switched off).
    Events,
    /// Quotes with their speakers ([`rasid_events`]); each is also a
    /// statement event when [`Extractor::Events`] is on.
    Quotes,
}

impl Extractor {
    /// Every extractor, in the order they run.
    pub const ALL: [Extractor; 6] = [
        Extractor::Entities,
        Extractor::Times,
        Extractor::Numbers,
        Extractor::Summary,
        Extractor::Events,
        Extractor::Quotes,
    ];

    /// The extractor's name: `entities`, `times`, `numbers`, `summary`, `events`, `quotes`.
    pub fn name(self) -> &'static str {
        match self {
            Extractor::Entities => "entities",
            Extractor::Times => "times",
            Extractor::Numbers => "numbers",
            Extractor::Summary => "summary",
            Extractor::Events => "events",
            Extractor::Quotes => "quotes",
        }
    }
}

impl fmt::Display for Extractor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl std::str::FromStr for Extractor {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Extractor::ALL
            .into_iter()
            .find(|e| e.name() == s.trim())
            .ok_or_else(|| {
                format!("unknown extractor {s:?}; expected one of entities, times, numbers, summary, events, quotes")
            })
    }
}

/// Sentences in an article's summary unless the builder says otherwise.
pub const DEFAULT_SUMMARY_SENTENCES: usize = 3;

/// The read-only data the analyzer and the extractors use. Loaded once and
/// shared by every thread (and every clone of a [`Pipeline`]).
///
/// A resources directory holds one file for each part, by these names:
///
/// | file | what | read by |
/// |---|---|---|
/// | `lexicon.tsv`, `stopwords.txt`, `whole.txt` | word forms with counts, function words, words that look like clitic + word | the analyzer ([`rasid_text::Lexicon`]) |
/// | `ner.bin` | the entity tagger's weights | [`rasid_entities`] |
/// | `ner-accurate.bin` (optional) | the accurate tagger's weights (else the embedded ones) | [`rasid_entities`] |
/// | `gazetteer.tsv` | places, demonyms and names with GeoNames ids | [`rasid_entities`] |
/// | `clusters.tsv`, `clusters-sgns.tsv` | word clusters learned from news | [`rasid_entities`] |
/// | `event-*.tsv` (optional, each one replaces the embedded file of that name) | trigger words, CAMEO verbs, actors, agents, countries, PLOVER, Goldstein | [`rasid_events`] |
///
/// The embedded ones are the files of `crates/rasid-text/data` and
/// `crates/rasid-entities/data`; copy those directories' files into one to
/// start from them. The event dictionaries are `crates/rasid-events/data`'s
/// files under the names [`rasid_events::FILES`] gives (`event-verbs.tsv` for
/// `verbs.tsv`, …).
///
/// ```
/// let dir = tempfile::tempdir().unwrap();
/// let err = rasid_pipeline::Resources::from_dir(dir.path()).unwrap_err();
/// assert!(err.to_string().contains("lexicon.tsv"), "{err}");
/// ```
#[derive(Clone, Debug)]
pub struct Resources {
    lexicon: Arc<Lexicon>,
    ner: NerResources,
    events: Coder,
}

impl Resources {
    /// The resources compiled into rasid (the default): nothing is read from
    /// disk, and they are parsed once per process.
    pub fn embedded() -> Resources {
        Resources {
            lexicon: Lexicon::embedded(),
            ner: NerResources::embedded(),
            events: Coder::embedded(),
        }
    }

    /// Loads every resource from the files of `dir` (see the table above).
    ///
    /// # Errors
    /// [`PipelineError`] naming the file that is missing, unreadable or malformed.
    pub fn from_dir(dir: &Path) -> Result<Resources, PipelineError> {
        Ok(Resources {
            lexicon: Arc::new(Lexicon::from_dir(dir)?),
            ner: NerResources::from_dir(dir)?,
            events: if rasid_events::Dictionaries::present_in(dir) {
                Coder::from_dir(dir)?
            } else {
                Coder::embedded()
            },
        })
    }

    /// The analyzer's lexicon.
    pub fn lexicon(&self) -> &Arc<Lexicon> {
        &self.lexicon
    }

    /// The entity tagger's model, gazetteer and clusters.
    pub fn entities(&self) -> &NerResources {
        &self.ner
    }

    /// The event coder and its dictionaries.
    pub fn events(&self) -> &Coder {
        &self.events
    }
}

impl Default for Resources {
    fn default() -> Self {
        Resources::embedded()
    }
}

/// Builds a [`Pipeline`]: every extractor on, the default analyzer, the
/// embedded resources, a 3-sentence summary, no tokens in the output.
#[derive(Clone, Debug)]
pub struct PipelineBuilder {
    config: AnalyzerConfig,
    resources: Option<Resources>,
    extractors: Vec<Extractor>,
    summary_sentences: usize,
    tokens: bool,
    ner_mode: NerMode,
}

impl Default for PipelineBuilder {
    fn default() -> Self {
        PipelineBuilder {
            config: AnalyzerConfig::default(),
            resources: None,
            extractors: Extractor::ALL.to_vec(),
            summary_sentences: DEFAULT_SUMMARY_SENTENCES,
            tokens: false,
            ner_mode: NerMode::default(),
        }
    }
}

impl PipelineBuilder {
    /// The analyzer's configuration (all steps on by default).
    pub fn analyzer(mut self, config: AnalyzerConfig) -> Self {
        self.config = config;
        self
    }

    /// The resources to use instead of the embedded ones.
    pub fn resources(mut self, resources: Resources) -> Self {
        self.resources = Some(resources);
        self
    }

    /// Exactly these extractors (`[]`: analysis only, as `rasid index --no-extract`).
    pub fn extractors(mut self, extractors: impl IntoIterator<Item = Extractor>) -> Self {
        self.extractors = extractors.into_iter().collect();
        self.extractors.sort_unstable();
        self.extractors.dedup();
        self
    }

    /// Switches one extractor off.
    pub fn without(mut self, extractor: Extractor) -> Self {
        self.extractors.retain(|&e| e != extractor);
        self
    }

    /// Sentences in an article's summary; `0` switches the summary off.
    pub fn summary_sentences(mut self, n: usize) -> Self {
        self.summary_sentences = n;
        if n == 0 {
            self = self.without(Extractor::Summary);
        }
        self
    }

    /// Keep every token in what [`Pipeline::analyze`] returns (off by default:
    /// the token count is always given).
    pub fn tokens(mut self, keep: bool) -> Self {
        self.tokens = keep;
        self
    }

    /// The entity tagger: [`NerMode::Fast`] (the default) or
    /// [`NerMode::Accurate`] (the resources' `ner-accurate.bin`, or the
    /// embedded one when they have none).
    pub fn ner_mode(mut self, mode: NerMode) -> Self {
        self.ner_mode = mode;
        self
    }

    /// The pipeline.
    pub fn build(self) -> Pipeline {
        let resources = self.resources.unwrap_or_default();
        let analyzer = Analyzer::with_lexicon(self.config, resources.lexicon);
        Pipeline {
            ner: Ner::with_resources(resources.ner, analyzer.clone()).with_mode(self.ner_mode),
            coder: resources.events,
            analyzer,
            extractors: self.extractors,
            summary_sentences: self.summary_sentences,
            tokens: self.tokens,
        }
    }
}

/// Article → analysis → extractions. Cheap to clone; share it between threads.
#[derive(Clone)]
pub struct Pipeline {
    analyzer: Analyzer,
    ner: Ner,
    coder: Coder,
    extractors: Vec<Extractor>,
    summary_sentences: usize,
    tokens: bool,
}

impl fmt::Debug for Pipeline {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pipeline")
            .field("analyzer", self.analyzer.config())
            .field("extractors", &self.extractors)
            .field("summary_sentences", &self.summary_sentences)
            .field("tokens", &self.tokens)
            .finish_non_exhaustive()
    }
}

impl Default for Pipeline {
    fn default() -> Self {
        Pipeline::builder().build()
    }
}

impl Pipeline {
    /// A builder, with every extractor on.
    pub fn builder() -> PipelineBuilder {
        PipelineBuilder::default()
    }

    /// The analyzer every text goes through (the search index's too).
    pub fn analyzer(&self) -> &Analyzer {
        &self.analyzer
    }

    /// The extractors switched on, in the order they run.
    pub fn extractors(&self) -> &[Extractor] {
        &self.extractors
    }

    /// Whether `extractor` is switched on.
    pub fn runs(&self, extractor: Extractor) -> bool {
        self.extractors.contains(&extractor)
    }

    /// The entity tagger's mode.
    pub fn ner_mode(&self) -> NerMode {
        self.ner.mode()
    }

    /// Whether any extractor is switched on.
    pub fn extracts(&self) -> bool {
        !self.extractors.is_empty()
    }

    /// Parses the resources now rather than on first use.
    pub fn warm_up(&self) {
        self.analyzer.warm_up();
        if self.runs(Extractor::Entities) || self.runs(Extractor::Events) || self.runs(Extractor::Quotes) {
            self.ner.warm_up();
        }
    }

    /// Everything rasid finds in an article: its analysis (tokens only when the
    /// builder asked for them) and its extractions.
    pub fn analyze(&self, article: &Article) -> AnalyzedArticle {
        self.analyze_owned(article.clone())
    }

    /// [`Pipeline::analyze`], taking the article.
    pub fn analyze_owned(&self, article: Article) -> AnalyzedArticle {
        let (analysis, extractions) = self.run(&article);
        self.finish(article, analysis, extractions)
    }

    /// [`Pipeline::analyze`] for many articles, in parallel on the rayon pool;
    /// the results are in the order of the input.
    pub fn analyze_batch(&self, articles: &[Article]) -> Vec<AnalyzedArticle> {
        articles.par_iter().map(|a| self.analyze(a)).collect()
    }

    /// [`Pipeline::analyze_batch`], taking the articles.
    pub fn analyze_batch_owned(&self, articles: Vec<Article>) -> Vec<AnalyzedArticle> {
        articles.into_par_iter().map(|a| self.analyze_owned(a)).collect()
    }

    /// The analysis of an article, with every token, and its extractions:
    /// what the index writer and the stories build work from.
    pub fn run(&self, article: &Article) -> (Analysis, Extractions) {
        let analysis = self.analyzer.analyze(article);
        let extractions = self.extract(article, &analysis);
        (analysis, extractions)
    }

    /// The extractions of an article whose analysis (with tokens, by this
    /// pipeline's analyzer) is known.
    pub fn extract(&self, article: &Article, analysis: &Analysis) -> Extractions {
        let mut found = Extractions::default();
        let events = self.runs(Extractor::Events) || self.runs(Extractor::Quotes);
        // Events read the entities and times: found either way when events are on.
        let entities = (self.runs(Extractor::Entities) || events).then(|| self.ner.extract(article, analysis));
        let times_and_numbers = (self.runs(Extractor::Times) || self.runs(Extractor::Numbers) || events)
            // Numbers leave out the parts of dates, so times are found either way.
            .then(|| rasid_times::extract_article(article, analysis));
        // Each entity's CAMEO actor code comes from the coder's own lookup, so
        // that an entity and the events it acts in carry the same code; with
        // events on, the coder gives them with the events.
        let mut entity_codes = None;
        if events {
            let coded = self.coder.code_all(
                article,
                analysis,
                entities.as_ref().unwrap_or(&found.entities),
                times_and_numbers.as_ref().map_or(&[][..], |t| &t.times[..]),
            );
            if self.runs(Extractor::Events) {
                found.events = coded.events;
            }
            if self.runs(Extractor::Quotes) {
                found.quotes = coded.quotes;
            }
            if !self.runs(Extractor::Quotes) {
                for e in &mut found.events {
                    e.quote = None;
                }
            }
            entity_codes = Some(coded.entity_codes);
        }
        if let Some(mut entities) = entities.filter(|_| self.runs(Extractor::Entities)) {
            let codes = entity_codes.unwrap_or_else(|| self.coder.entity_codes(article, analysis, &entities));
            for (entity, code) in entities.entities.iter_mut().zip(codes) {
                entity.cameo = code;
            }
            found.entities = entities;
        }
        if let Some(t) = times_and_numbers {
            if self.runs(Extractor::Times) {
                found.times = t.times;
            }
            if self.runs(Extractor::Numbers) {
                found.numbers = t.numbers;
            }
        }
        if self.runs(Extractor::Summary) {
            found.summary = Some(summary::article_summary(article, analysis, self.summary_sentences));
        }
        found
    }

    /// The [`AnalyzedArticle`] of an article whose extractions are known (stored
    /// in the index when it was ingested): only the text is analysed again, and
    /// the summary made when the stored extractions lack it (the index does not
    /// keep it) and this pipeline makes summaries.
    pub fn with_extractions(&self, article: Article, mut extractions: Extractions) -> AnalyzedArticle {
        let analysis = self.analyzer.analyze(&article);
        if extractions.summary.is_none() && self.runs(Extractor::Summary) {
            extractions.summary = Some(summary::article_summary(&article, &analysis, self.summary_sentences));
        }
        self.finish(article, analysis, extractions)
    }

    fn finish(&self, article: Article, mut analysis: Analysis, extractions: Extractions) -> AnalyzedArticle {
        if !self.tokens {
            analysis.title.tokens = Vec::new();
            analysis.body.tokens = Vec::new();
        }
        AnalyzedArticle::new(article, analysis, extractions)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article() -> Article {
        Article::builder(
            "بدء جولة محادثات سلام جديدة حول سوريا فى استانا",
            "بدأت فى استانا الخميس جولة جديدة من محادثات السلام حول سوريا بمشاركة روسيا وتركيا وإيران. \
             وقال المبعوث الدولى ستافان دى ميستورا إن المحادثات ستستمر يومين وتبحث ملف 20 معتقلا.",
        )
        .published("2017-12-21T10:57".parse::<rasid_core::Timestamp>().expect("timestamp"))
        .build()
    }

    #[test]
    fn every_extractor_runs_by_default() {
        let found = Pipeline::default().analyze(&article()).extractions;
        assert!(!found.entities.entities.is_empty());
        assert!(!found.times.is_empty());
        assert!(!found.numbers.is_empty());
        assert_eq!(found.summary.as_ref().map(Vec::len), Some(2));
    }

    #[test]
    fn switched_off_extractors_leave_their_lists_empty() {
        let none = Pipeline::builder().extractors([]).build();
        assert!(!none.extracts());
        assert_eq!(none.analyze(&article()).extractions, Extractions::default());
        let numbers = Pipeline::builder().extractors([Extractor::Numbers]).build();
        let found = numbers.analyze(&article()).extractions;
        assert!(found.times.is_empty() && found.entities.entities.is_empty() && found.summary.is_none());
        // The date's 21 is not a number, whether or not times are reported.
        assert_eq!(
            found.numbers,
            Pipeline::default().analyze(&article()).extractions.numbers
        );
    }

    #[test]
    fn batch_keeps_the_order_and_equals_one_by_one() {
        let pipeline = Pipeline::default();
        let articles: Vec<Article> = (0..20)
            .map(|i| Article::builder(format!("عنوان {i}"), format!("قال لافروف فى موسكو إن {i} شخصا وصلوا.")).build())
            .collect();
        let batch = pipeline.analyze_batch(&articles);
        let one_by_one: Vec<AnalyzedArticle> = articles.iter().map(|a| pipeline.analyze(a)).collect();
        assert_eq!(batch, one_by_one);
        assert!(batch.iter().zip(&articles).all(|(b, a)| b.article.id == a.id));
    }

    #[test]
    fn tokens_only_when_asked() {
        let with = Pipeline::builder().tokens(true).build().analyze(&article());
        assert_eq!(with.analysis.body.tokens.len(), with.analysis.body.token_count);
        let (analysis, _) = Pipeline::default().run(&article());
        assert!(!analysis.body.tokens.is_empty(), "run keeps tokens for the index");
    }

    #[test]
    fn summary_zero_switches_it_off() {
        let p = Pipeline::builder().summary_sentences(0).build();
        assert!(!p.runs(Extractor::Summary));
        assert_eq!("times".parse::<Extractor>(), Ok(Extractor::Times));
        assert_eq!("events".parse::<Extractor>(), Ok(Extractor::Events));
        assert!("event".parse::<Extractor>().is_err());
    }

    #[test]
    fn stored_extractions_come_back_with_a_fresh_analysis() {
        let pipeline = Pipeline::default();
        let full = pipeline.analyze(&article());
        let again = pipeline.with_extractions(article(), full.extractions.clone());
        assert_eq!(again, full);
    }

    #[test]
    fn regression_stored_extractions_without_a_summary_get_one() {
        let pipeline = Pipeline::default();
        let full = pipeline.analyze(&article());
        assert!(full.extractions.summary.as_ref().is_some_and(|s| !s.is_empty()));
        let mut stored = full.extractions.clone();
        stored.summary = None;
        assert_eq!(pipeline.with_extractions(article(), stored.clone()), full);
        let without = Pipeline::builder().without(Extractor::Summary).build();
        assert!(without
            .with_extractions(article(), stored)
            .extractions
            .summary
            .is_none());
    }
}
