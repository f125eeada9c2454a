//! From tags to an article's entities, in the order of the steps:
//!
//! * [`mentions`]: the tagger's chunks as mentions without clitics, widened to
//!   listed place names, and places the gazetteer is sure of;
//! * [`linking`]: demonyms, the countries the article names, and the choice
//!   among the places a name may be;
//! * [`fixes`]: rules for classes of the tagger's errors (names cut short,
//!   titles and verbal nouns inside names, wires and headed organisations,
//!   nisba adjectives taken as places);
//! * [`merge`]: mentions merged into entities (a short form into the full
//!   name, a place with the place it is linked to), in linear time;
//! * [`entities`]: the output, entities and mentions in text order, with
//!   canonical names, identity keys ([`identity`]), links and roles ([`roles`]);
//! * [`groups`]: governments, forces, oppositions and peoples.

mod entities;
mod fixes;
mod groups;
mod identity;
mod linking;
mod mentions;
mod merge;
mod roles;
#[cfg(test)]
mod tests;

pub(crate) use identity::word_skeletons;

use std::collections::HashSet;

use rasid_core::{ArticleEntities, EntityKind, Span, TextAnalysis, TextPart};

use crate::gazetteer::Gazetteer;
use crate::word::Word;
use crate::Ner;

/// One analysed text of the article, with the tagger's labels.
struct Part<'a> {
    part: TextPart,
    text: &'a str,
    words: Vec<Word>,
    /// Sentence index of every word.
    sentence: Vec<usize>,
}

/// A mention before resolution: words `start..end` of part `p`.
#[derive(Clone, Debug)]
struct Raw {
    p: usize,
    start: usize,
    end: usize,
    kind: EntityKind,
}

impl Part<'_> {
    fn span(&self, start: usize, end: usize) -> Span {
        let s = self.words.get(start).map_or(0, |w| w.name_span.start);
        let e = end
            .checked_sub(1)
            .and_then(|i| self.words.get(i))
            .map_or(s, |w| w.span.end);
        Span::new(s, e.max(s))
    }

    fn slice(&self, span: Span) -> String {
        span.slice(self.text).unwrap_or("").to_string()
    }

    /// The lookup name of words `start..end`: the first word's lookup form, then keys.
    fn name(&self, start: usize, end: usize) -> String {
        let mut out = String::new();
        for (i, w) in self.words.iter().enumerate().take(end).skip(start) {
            if i > start {
                out.push(' ');
                out.push_str(&w.key);
            } else {
                out.push_str(&w.lookup);
            }
        }
        out
    }

    fn lookup(&self, i: usize) -> &str {
        self.words.get(i).map_or("", |w| w.lookup.as_str())
    }

    /// The word right before word `i`, when it is in the same sentence.
    fn before(&self, i: usize) -> Option<usize> {
        i.checked_sub(1)
            .filter(|&b| self.sentence.get(b).is_some() && self.sentence.get(b) == self.sentence.get(i))
    }
}

/// Words of a rule's list in key form, the form [`Word::lookup`] and
/// [`Word::key`] take.
fn key_set<'a>(words: impl IntoIterator<Item = &'a str>) -> HashSet<String> {
    let n = rasid_text::NormalizerConfig::default();
    words.into_iter().map(|w| n.key(w).into_owned()).collect()
}

/// Resolves the mentions of an article's parts.
pub(crate) fn resolve(ner: &Ner, inputs: &[(TextPart, &str, &TextAnalysis)]) -> ArticleEntities {
    let mut raws = Vec::new();
    let gaz = &ner.resources().gazetteer;
    let mut parts: Vec<Part> = inputs
        .iter()
        .enumerate()
        .map(|(p, (part, text, a))| mentions::tag_part(ner, *part, text, a, &mut raws, p))
        .collect();
    for (p, part) in parts.iter_mut().enumerate() {
        fixes::whole_word_names(gaz, part, p, &raws);
    }
    resolve_mentions(gaz, &parts, raws)
}

/// Everything after tagging: the tagger's mentions (`raws`) of the parts
/// become the article's entities, demonyms and groups.
fn resolve_mentions(gaz: &Gazetteer, parts: &[Part], mut raws: Vec<Raw>) -> ArticleEntities {
    for (p, part) in parts.iter().enumerate() {
        mentions::widen_places(gaz, part, p, &mut raws);
        fixes::fix_part(gaz, part, p, &mut raws);
        mentions::add_gazetteer_places(gaz, part, p, &mut raws);
    }
    raws.sort_by_key(|r| (r.p, r.start));

    let mut out = ArticleEntities::default();
    let evidence = linking::evidence(gaz, parts, &raws, &mut out.demonyms);
    let drafts = merge::merge(gaz, parts, &raws, &evidence);
    entities::write(gaz, parts, &raws, drafts, &mut out);
    out.groups = groups::groups(gaz, parts, &evidence.counts());
    out
}
