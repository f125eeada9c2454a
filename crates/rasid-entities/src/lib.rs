//! Named entities for rasid: a statistical BIO tagger for PER, LOC, ORG and
//! MISC trained on ANERcorp, gazetteers compiled into a finite-state
//! automaton, GeoNames linking, and within-article resolution (merged
//! mentions, roles, demonyms, groups).
//!
//! ```
//! use rasid_core::EntityKind;
//! use rasid_entities::Ner;
//!
//! let ner = Ner::new();
//! let found = ner.extract_text("وقال وزير الخارجية الروسى سيرغى لافروف فى موسكو ان روسيا تدعم الحل.");
//! let lavrov = found.entities.iter().find(|e| e.canonical == "سيرغى لافروف").unwrap();
//! assert_eq!(lavrov.kind, EntityKind::Per);
//! assert_eq!(lavrov.role.as_ref().unwrap().country.as_deref(), Some("RU"));
//! let moscow = found.entities.iter().find(|e| e.canonical == "موسكو").unwrap();
//! assert_eq!(moscow.place.as_ref().unwrap().geonames_id, 524901);
//! ```
//!
//! The tagger is an averaged structured perceptron over hashed sparse
//! features (key form, clitic-stripped base, stem, affixes, shape, a ±2 word
//! context, gazetteer membership — GeoNames places, demonyms, ANERGazet and
//! CAMEO actor names — and two sets of word clusters, PPMI and skip-gram,
//! learned from unlabelled news) with first-order label transitions and
//! Viterbi decoding under the BIO constraint, in two passes (the second sees
//! how the first labelled the word's other occurrences in the article). It
//! labels whole tokens, as ANERcorp does; mentions in the output leave
//! proclitics out (`وروسيا` → `روسيا`).
//!
//! The weights (`data/ner.bin`), the gazetteer (`data/gazetteer.tsv`) and
//! the clusters (`data/clusters.tsv`, `data/clusters-sgns.tsv`) are embedded
//! and parsed once per process ([`NerResources::embedded`], what
//! [`Ner::new`] uses); [`NerResources::from_dir`] loads others, and
//! [`Ner::with_resources`] runs with them. Extraction is infallible and never
//! panics.
//!
//! # Features
//!
//! * `train` (off by default): the `train`, `eval` and `conll`
//!   modules — training the tagger, scoring it against CoNLL gold, reading
//!   CoNLL files. `rasid train ner`, `rasid eval ner`, xtask and the
//!   `ner_errors` example enable it; the library a user links for extraction
//!   does not contain them.
#![deny(missing_docs)]

mod accurate;
mod clusters;
#[cfg(feature = "train")]
pub mod conll;
#[cfg(feature = "train")]
pub mod eval;
mod features;
mod gazetteer;
mod model;
mod resolve;
mod resources;
#[cfg(feature = "train")]
pub mod train;
mod word;

use std::sync::Arc;

use rasid_core::{Analysis, Article, ArticleEntities, TextAnalysis, TextPart};
use rasid_text::Analyzer;

pub use crate::accurate::{Ensemble, Member, ENSEMBLE_FORMAT_VERSION, MAX_MEMBERS};
pub use crate::clusters::Clusters;
#[cfg(feature = "train")]
pub use crate::conll::Sentence;
#[cfg(feature = "train")]
pub use crate::eval::Report;
pub use crate::features::{extra, inputs_fingerprint, inputs_record};
pub use crate::gazetteer::Gazetteer;
pub use crate::model::{chunks, Model, Tag, FORMAT_VERSION, LABELS};
pub use crate::resources::{
    NerResources, ACCURATE_MODEL_FILE, CLUSTERS_FILE, CLUSTERS_SGNS_FILE, GAZETTEER_FILE, MODEL_FILE,
};
#[cfg(feature = "train")]
pub use crate::train::TrainOptions;
pub use crate::word::lemma_phrase;

use crate::features::{gazetteer_tags, Context, DocCounts, DocIndex, GazTags};
use crate::word::Word;

/// Errors of loading resources, training and evaluation (extraction never fails).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum NerError {
    /// A file could not be read.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// A CoNLL file is malformed.
    #[error("line {line}: {reason}")]
    Conll {
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        reason: String,
    },
    /// Model bytes are not a model this build reads.
    #[error("model: {0}")]
    Model(String),
    /// A resource file was read but is not what it should be.
    #[error("{path}: {reason}")]
    File {
        /// The file.
        path: String,
        /// What is wrong.
        reason: String,
    },
}

/// Which tagger labels the tokens.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum NerMode {
    /// The two-pass averaged perceptron (`ner.bin`).
    #[default]
    Fast,
    /// The ensemble of perceptrons over several feature sets
    /// (`ner-accurate.bin`): higher recall, several times the cost.
    Accurate,
}

impl NerMode {
    /// Both modes.
    pub const ALL: [NerMode; 2] = [NerMode::Fast, NerMode::Accurate];

    /// `fast` or `accurate`.
    pub fn name(self) -> &'static str {
        match self {
            NerMode::Fast => "fast",
            NerMode::Accurate => "accurate",
        }
    }
}

impl std::fmt::Display for NerMode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl std::str::FromStr for NerMode {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        NerMode::ALL
            .into_iter()
            .find(|m| m.name() == s.trim())
            .ok_or_else(|| format!("unknown tagger mode {s:?}; expected fast or accurate"))
    }
}

/// The entity extractor. Cheap to clone (its resources are shared); share it
/// between threads.
#[derive(Clone, Debug)]
pub struct Ner {
    resources: NerResources,
    analyzer: Analyzer,
    /// The accurate tagger, when that is the mode.
    accurate: Option<Arc<Ensemble>>,
}

impl Default for Ner {
    fn default() -> Self {
        Ner::new()
    }
}

impl Ner {
    /// The extractor with the shipped model, gazetteer and clusters and the
    /// default analyzer.
    pub fn new() -> Ner {
        Ner::with_resources(NerResources::embedded(), Analyzer::default())
    }

    /// The extractor with another model (a retrained one, say) and the
    /// shipped gazetteer and clusters.
    pub fn with_model(model: Arc<Model>) -> Ner {
        Ner::with_resources(NerResources::embedded().with_model(model), Analyzer::default())
    }

    /// The extractor with these resources, analysing with `analyzer` (the
    /// analyzer the model was trained with: its key forms are the features).
    pub fn with_resources(resources: NerResources, analyzer: Analyzer) -> Ner {
        Ner {
            resources,
            analyzer,
            accurate: None,
        }
    }

    /// This extractor tagging in `mode`. The accurate mode uses the
    /// resources' accurate model, or the shipped one when they have none
    /// (parsed on first use).
    pub fn with_mode(mut self, mode: NerMode) -> Ner {
        self.accurate = match mode {
            NerMode::Fast => None,
            NerMode::Accurate => Some(
                self.resources
                    .accurate
                    .clone()
                    .unwrap_or_else(|| Arc::clone(&resources::ACCURATE)),
            ),
        };
        self
    }

    /// The mode it tags in.
    pub fn mode(&self) -> NerMode {
        if self.accurate.is_some() {
            NerMode::Accurate
        } else {
            NerMode::Fast
        }
    }

    /// The accurate tagger's weights, in the accurate mode.
    pub fn ensemble(&self) -> Option<&Ensemble> {
        self.accurate.as_deref()
    }

    /// The model in use.
    pub fn model(&self) -> &Model {
        &self.resources.model
    }

    /// The resources in use.
    pub fn resources(&self) -> &NerResources {
        &self.resources
    }

    /// The analyzer it analyses with.
    pub fn analyzer(&self) -> &Analyzer {
        &self.analyzer
    }

    /// Builds the tables the tagger shares between extractors (the trigger
    /// words) now rather than on first use; the resources are already loaded.
    pub fn warm_up(&self) {
        crate::features::warm_up();
        self.analyzer.warm_up();
    }

    /// Tags one sentence given as tokens (a CoNLL sentence), one tag per token.
    pub fn tag(&self, tokens: &[&str]) -> Vec<Tag> {
        let words: Vec<Word> = tokens.iter().map(|t| Word::from_str(&self.analyzer, t)).collect();
        self.tag_words(&words).into_iter().map(Tag::from_index).collect()
    }

    /// Tags the sentences of one document, one tag per token. With a
    /// two-pass model the second pass sees how the first labelled the other
    /// occurrences of each word in the document.
    pub fn tag_document(&self, sentences: &[Vec<&str>]) -> Vec<Vec<Tag>> {
        let words: Vec<Vec<Word>> = sentences
            .iter()
            .map(|s| s.iter().map(|t| Word::from_str(&self.analyzer, t)).collect())
            .collect();
        self.tag_stream(&words, usize::MAX)
            .into_iter()
            .map(|l| l.into_iter().map(Tag::from_index).collect())
            .collect()
    }

    /// Label indexes for a sentence of words (the sentence is its own document).
    pub(crate) fn tag_words(&self, words: &[Word]) -> Vec<usize> {
        if let Some(ens) = &self.accurate {
            return ens.tag_stream(&self.resources, &[words], 1).pop().unwrap_or_default();
        }
        let model = &*self.resources.model;
        let Some(first) = model.first_pass() else {
            return self.tag_with(model, words, &[]);
        };
        let labels = self.tag_with(first, words, &[]);
        let mut index = DocIndex::default();
        index.update(words, &labels, true);
        self.tag_with(model, words, &index.counts(words, &labels))
    }

    /// Label indexes for a stream of sentences; each sentence's document is
    /// itself and the `window` sentences on either side (`usize::MAX`: all).
    pub(crate) fn tag_stream<S: AsRef<[Word]>>(&self, sentences: &[S], window: usize) -> Vec<Vec<usize>> {
        if let Some(ens) = &self.accurate {
            return ens.tag_stream(&self.resources, sentences, window);
        }
        let model = &*self.resources.model;
        let Some(first) = model.first_pass() else {
            return sentences
                .iter()
                .map(|w| self.tag_with(model, w.as_ref(), &[]))
                .collect();
        };
        // The gazetteer tags and the cluster look-ups of a sentence serve both passes.
        let res = &self.resources;
        let gaz: Vec<Vec<GazTags>> = sentences
            .iter()
            .map(|w| gazetteer_tags(&res.gazetteer, w.as_ref()))
            .collect();
        let contexts: Vec<Context<'_>> = sentences
            .iter()
            .zip(&gaz)
            .map(|(w, g)| Context::new(w.as_ref(), g, &res.clusters, &res.clusters_sgns, &[], 0))
            .collect();
        let Some(pair) = model.paired() else {
            let firsts: Vec<Vec<usize>> = contexts.iter().map(|c| tag_context(first, c)).collect();
            let docs = doc_counts(sentences, &firsts, window);
            return contexts
                .into_iter()
                .zip(&docs)
                .map(|(mut c, doc)| {
                    c.doc = doc;
                    tag_context(model, &c)
                })
                .collect();
        };
        // Both passes see the same word features: hashed once, each token's
        // weights for both passes read in one look-up; the second pass adds
        // its document features to the scores kept from the first.
        let mask = model.mask();
        let mut seconds: Vec<Vec<[i32; LABELS]>> = Vec::with_capacity(contexts.len());
        let mut feats = Vec::with_capacity(128);
        let firsts: Vec<Vec<usize>> = contexts
            .iter()
            .map(|c| {
                let n = c.words.len();
                let mut one = Vec::with_capacity(n);
                let mut two = Vec::with_capacity(n);
                for i in 0..n {
                    feats.clear();
                    c.word_features(i, mask, &mut feats);
                    let (mut a, mut b) = ([0i32; LABELS], [0i32; LABELS]);
                    pair.score(&feats, &mut a, &mut b);
                    one.push(a);
                    two.push(b);
                }
                seconds.push(two);
                if n == 0 {
                    Vec::new()
                } else {
                    first.viterbi(&one)
                }
            })
            .collect();
        let docs = doc_counts(sentences, &firsts, window);
        contexts
            .into_iter()
            .zip(&docs)
            .zip(seconds)
            .map(|((mut c, doc), mut emissions)| {
                if emissions.is_empty() {
                    return Vec::new();
                }
                c.doc = doc;
                for (i, e) in emissions.iter_mut().enumerate() {
                    feats.clear();
                    c.doc_features(i, mask, &mut feats);
                    model.score(&feats, e);
                }
                model.viterbi(&emissions)
            })
            .collect()
    }

    /// Entities of an article already analysed (title and body), resolved
    /// across both.
    pub fn extract(&self, article: &Article, analysis: &Analysis) -> ArticleEntities {
        let parts = [
            (TextPart::Title, article.title.as_str(), &analysis.title),
            (TextPart::Body, article.body.as_str(), &analysis.body),
        ];
        resolve::resolve(self, &parts)
    }

    /// Entities of one text (analysed here; spans point into `text`, part `Body`).
    pub fn extract_text(&self, text: &str) -> ArticleEntities {
        let analysis = self.analyzer.analyze_text(text);
        self.extract_analyzed(text, &analysis)
    }

    /// Entities of one analysed text (spans point into `text`, part `Body`).
    pub fn extract_analyzed(&self, text: &str, analysis: &TextAnalysis) -> ArticleEntities {
        resolve::resolve(self, &[(TextPart::Body, text, analysis)])
    }

    /// Label indexes for a sentence under one model (this extractor's, or its
    /// first pass), given document counts (empty for a first pass).
    fn tag_with(&self, model: &Model, words: &[Word], doc: &[DocCounts]) -> Vec<usize> {
        tag_with(&self.resources, model, 0, words, doc)
    }
}

/// Label indexes for a sentence under one model, with the gazetteer and
/// clusters of `res`, given document counts (empty for a first pass).
pub(crate) fn tag_with(res: &NerResources, model: &Model, extra: u8, words: &[Word], doc: &[DocCounts]) -> Vec<usize> {
    if words.is_empty() {
        return Vec::new();
    }
    let gaz = gazetteer_tags(&res.gazetteer, words);
    let ctx = Context::new(words, &gaz, &res.clusters, &res.clusters_sgns, doc, extra);
    tag_context(model, &ctx)
}

/// Label indexes for a sentence's context under one model.
fn tag_context(model: &Model, ctx: &Context<'_>) -> Vec<usize> {
    if ctx.words.is_empty() {
        return Vec::new();
    }
    let words = ctx.words;
    let mask = model.mask();
    let mut feats = Vec::with_capacity(96);
    let emissions: Vec<[i32; LABELS]> = (0..words.len())
        .map(|i| {
            feats.clear();
            ctx.features(i, mask, &mut feats);
            let mut s = [0i32; LABELS];
            model.score(&feats, &mut s);
            s
        })
        .collect();
    model.viterbi(&emissions)
}

/// Document counts for every sentence of a stream, from first-pass labels,
/// over a sliding window of `window` sentences on either side.
pub(crate) fn doc_counts<S: AsRef<[Word]>>(
    sentences: &[S],
    labels: &[Vec<usize>],
    window: usize,
) -> Vec<Vec<DocCounts>> {
    let n = sentences.len();
    let mut index = DocIndex::default();
    let mut hi = 0usize;
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let want_hi = i.saturating_add(window).saturating_add(1).min(n);
        while hi < want_hi {
            if let (Some(w), Some(l)) = (sentences.get(hi), labels.get(hi)) {
                index.update(w.as_ref(), l, true);
            }
            hi += 1;
        }
        if window < n && i > window {
            let gone = i - window - 1;
            if let (Some(w), Some(l)) = (sentences.get(gone), labels.get(gone)) {
                index.update(w.as_ref(), l, false);
            }
        }
        match (sentences.get(i), labels.get(i)) {
            (Some(w), Some(l)) => out.push(index.counts(w.as_ref(), l)),
            _ => out.push(Vec::new()),
        }
    }
    out
}

#[cfg(test)]
mod tests;
