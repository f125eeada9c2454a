//! The accurate tagger: an ensemble of two-pass perceptron taggers that see
//! the text through different feature sets, their scores summed.
//!
//! Each member is a [`Model`] trained like the fast tagger, on the same data,
//! with a feature set of its own (bits of [`extra`](crate::extra)) and a seed
//! of its own. Tagging sums the members' first-pass scores (in the models'
//! own units, so members trained apart add up), decodes once, counts how the
//! document's other occurrences of each word were labelled, then sums the
//! members' second-pass scores and decodes again. The cost is one feature
//! extraction per member and pass.

use std::fmt;

use crate::features::{extra, gazetteer_tags, Context, DocCounts, GazTags};
use crate::model::{viterbi, Model, LABELS};
use crate::word::Word;
use crate::{NerError, NerResources};

/// One member: a feature set and its two-pass model.
#[derive(Clone, PartialEq)]
pub struct Member {
    /// The optional feature templates it was trained with.
    pub features: u8,
    /// Its weights (a second-pass model holding its first pass, or one pass).
    pub model: Model,
}

/// The accurate tagger's weights.
#[derive(Clone, PartialEq)]
pub struct Ensemble {
    members: Vec<Member>,
}

impl fmt::Debug for Ensemble {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list()
            .entries(self.members.iter().map(|m| (m.features, &m.model)))
            .finish()
    }
}

const MAGIC: &[u8; 8] = b"RASIDNEA";
/// Version of the accurate tagger's binary format.
pub const ENSEMBLE_FORMAT_VERSION: u32 = 1;
/// Most members a file may hold.
pub const MAX_MEMBERS: usize = 16;

impl Ensemble {
    /// An ensemble of these members.
    ///
    /// # Errors
    /// [`NerError::Model`] for no members, more than [`MAX_MEMBERS`], or a
    /// feature set this build does not know.
    pub fn new(members: Vec<Member>) -> Result<Ensemble, NerError> {
        if members.is_empty() || members.len() > MAX_MEMBERS {
            return Err(NerError::Model(format!(
                "an accurate model has 1 to {MAX_MEMBERS} members, not {}",
                members.len()
            )));
        }
        if let Some(m) = members.iter().find(|m| m.features & !extra::ALL != 0) {
            return Err(NerError::Model(format!(
                "feature set {:#04x} has bits this build does not know (it knows {:#04x})",
                m.features,
                extra::ALL
            )));
        }
        Ok(Ensemble { members })
    }

    /// The fast tagger's model as the only member.
    pub fn single(model: Model) -> Ensemble {
        Ensemble {
            members: vec![Member { features: 0, model }],
        }
    }

    /// The members.
    pub fn members(&self) -> &[Member] {
        &self.members
    }

    /// Bytes of the weights held in memory (quantised tables, all members and passes).
    pub fn memory_bytes(&self) -> usize {
        self.members.iter().map(|m| m.model.memory_bytes()).sum()
    }

    /// Serialises: magic `RASIDNEA`, format version, member count (u32), then
    /// per member its feature set (u8), its model's byte length (u32) and the
    /// model's bytes ([`Model::to_bytes`]), all little-endian.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&ENSEMBLE_FORMAT_VERSION.to_le_bytes());
        out.extend_from_slice(&(self.members.len() as u32).to_le_bytes());
        for m in &self.members {
            let bytes = m.model.to_bytes();
            out.push(m.features);
            out.extend_from_slice(&(bytes.len() as u32).to_le_bytes());
            out.extend_from_slice(&bytes);
        }
        out
    }

    /// Reads what [`Ensemble::to_bytes`] wrote.
    ///
    /// # Errors
    /// [`NerError::Model`] naming what is wrong: another file kind (the fast
    /// tagger's `ner.bin` is named as such), another format version, a member
    /// count or feature set out of range, a member that is not a model of
    /// this build's shape, bytes cut short or left over. Never panics.
    pub fn from_bytes(bytes: &[u8]) -> Result<Ensemble, NerError> {
        let magic = bytes.get(..8).ok_or_else(|| {
            NerError::Model(format!(
                "truncated: {} bytes, not an accurate tagger model",
                bytes.len()
            ))
        })?;
        if magic == b"RASIDNER" {
            return Err(NerError::Model(
                "this is the fast tagger's model (ner.bin), not the accurate tagger's ensemble".into(),
            ));
        }
        if magic != MAGIC {
            return Err(NerError::Model("not a rasid-entities accurate tagger model".into()));
        }
        let mut at = 8usize;
        let u32_at = |at: &mut usize| -> Result<u32, NerError> {
            let b: [u8; 4] = bytes
                .get(*at..at.saturating_add(4))
                .and_then(|b| b.try_into().ok())
                .ok_or_else(|| {
                    NerError::Model(format!("truncated: {} bytes, wanted 4 more at byte {at}", bytes.len()))
                })?;
            *at += 4;
            Ok(u32::from_le_bytes(b))
        };
        let version = u32_at(&mut at)?;
        if version != ENSEMBLE_FORMAT_VERSION {
            return Err(NerError::Model(format!(
                "accurate model format {version}, this build reads {ENSEMBLE_FORMAT_VERSION}"
            )));
        }
        let count = u32_at(&mut at)? as usize;
        if count == 0 || count > MAX_MEMBERS {
            return Err(NerError::Model(format!(
                "an accurate model has 1 to {MAX_MEMBERS} members, this one says {count}"
            )));
        }
        let mut members = Vec::with_capacity(count);
        for k in 0..count {
            let features = *bytes
                .get(at)
                .ok_or_else(|| NerError::Model(format!("truncated before member {k} at byte {at}")))?;
            at += 1;
            let len = u32_at(&mut at)? as usize;
            let body = bytes.get(at..at.saturating_add(len)).ok_or_else(|| {
                NerError::Model(format!(
                    "member {k} says {len} bytes at byte {at}, the file has {}",
                    bytes.len()
                ))
            })?;
            at += len;
            let model = Model::from_bytes(body).map_err(|e| match e {
                NerError::Model(reason) => NerError::Model(format!("member {k}: {reason}")),
                other => other,
            })?;
            members.push(Member { features, model });
        }
        if at != bytes.len() {
            return Err(NerError::Model(format!(
                "{} bytes left after the last member at byte {at}",
                bytes.len() - at
            )));
        }
        Ensemble::new(members)
    }

    /// Label indexes for a stream of sentences; each sentence's document is
    /// itself and the `window` sentences on either side.
    pub(crate) fn tag_stream<S: AsRef<[Word]>>(
        &self,
        res: &NerResources,
        sentences: &[S],
        window: usize,
    ) -> Vec<Vec<usize>> {
        let gaz: Vec<Vec<GazTags>> = sentences
            .iter()
            .map(|w| gazetteer_tags(&res.gazetteer, w.as_ref()))
            .collect();
        let two_pass = self.members.iter().any(|m| m.model.first_pass().is_some());
        if !two_pass {
            return sentences
                .iter()
                .zip(&gaz)
                .map(|(w, g)| self.decode(res, w.as_ref(), g, &[], false))
                .collect();
        }
        let firsts: Vec<Vec<usize>> = sentences
            .iter()
            .zip(&gaz)
            .map(|(w, g)| self.decode(res, w.as_ref(), g, &[], true))
            .collect();
        crate::doc_counts(sentences, &firsts, window)
            .into_iter()
            .zip(sentences)
            .zip(&gaz)
            .map(|((doc, w), g)| self.decode(res, w.as_ref(), g, &doc, false))
            .collect()
    }

    /// Sums the members' scores for one sentence (their first passes when
    /// `first`) and decodes.
    fn decode(
        &self,
        res: &NerResources,
        words: &[Word],
        gaz: &[GazTags],
        doc: &[DocCounts],
        first: bool,
    ) -> Vec<usize> {
        if words.is_empty() {
            return Vec::new();
        }
        let mut emissions = vec![[0f32; LABELS]; words.len()];
        let mut transitions = [0f32; (LABELS + 1) * LABELS];
        let mut feats = Vec::with_capacity(128);
        for m in &self.members {
            let model = if first {
                match m.model.first_pass() {
                    Some(f) => f,
                    None => continue,
                }
            } else {
                &m.model
            };
            let ctx = Context::new(words, gaz, &res.clusters, &res.clusters_sgns, doc, m.features);
            let mask = model.mask();
            for (i, e) in emissions.iter_mut().enumerate() {
                feats.clear();
                ctx.features(i, mask, &mut feats);
                model.add_scaled(&feats, e);
            }
            model.add_scaled_transitions(&mut transitions);
        }
        // Fixed point for the shared Viterbi.
        let fix = |x: f32| (f64::from(x) * 65_536.0) as i64;
        viterbi(
            &emissions,
            |p, c| {
                fix(transitions
                    .get(p.unwrap_or(LABELS) * LABELS + c)
                    .copied()
                    .unwrap_or(0.0))
            },
            |e| e.map(fix),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn member(features: u8, weight: f32) -> Member {
        let mut w = vec![0f32; 16 * LABELS];
        w[3 * LABELS + 1] = weight;
        Member {
            features,
            model: Model::from_floats(4, &w, &[0.25; (LABELS + 1) * LABELS]),
        }
    }

    fn read_error(bytes: &[u8]) -> String {
        match Ensemble::from_bytes(bytes) {
            Ok(_) => "read".to_string(),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn the_shipped_ensemble_holds_only_its_trained_rows() {
        let started = std::time::Instant::now();
        let e = Ensemble::from_bytes(include_bytes!("../data/ner-accurate.bin")).unwrap();
        let took = started.elapsed();
        let bytes = e.memory_bytes();
        eprintln!("ner-accurate.bin: {bytes} bytes in memory, read in {took:?}");
        // Dense, its three two-pass members took 108 MiB.
        assert!(bytes < 48 << 20, "{bytes} bytes");
    }

    #[test]
    fn bytes_round_trip() {
        let e = Ensemble::new(vec![member(0, 1.0), member(extra::WIDE, -2.0)]).unwrap();
        let back = Ensemble::from_bytes(&e.to_bytes()).unwrap();
        assert_eq!(e, back);
        assert_eq!(back.members().len(), 2);
        assert_eq!(back.members()[1].features, extra::WIDE);
        assert!(e.memory_bytes() >= 2 * 16 * LABELS * 2);
    }

    #[test]
    fn models_of_the_wrong_shape_are_errors() {
        let good = Ensemble::new(vec![member(0, 1.0), member(extra::TRIGRAMS, 0.5)])
            .unwrap()
            .to_bytes();
        // The fast tagger's file given as the accurate one.
        let fast = member(0, 1.0).model.to_bytes();
        assert!(
            read_error(&fast).contains("fast tagger's model"),
            "{}",
            read_error(&fast)
        );
        // Another file.
        assert!(read_error(b"garbage!garbage").contains("not a rasid-entities accurate"));
        // Another version.
        let mut b = good.clone();
        b[8..12].copy_from_slice(&(ENSEMBLE_FORMAT_VERSION + 1).to_le_bytes());
        assert!(read_error(&b).contains("accurate model format"), "{}", read_error(&b));
        // No members, too many members.
        for count in [0u32, MAX_MEMBERS as u32 + 1] {
            let mut b = good.clone();
            b[12..16].copy_from_slice(&count.to_le_bytes());
            assert!(read_error(&b).contains("members"), "{}", read_error(&b));
        }
        // A feature set this build does not know.
        let mut b = good.clone();
        b[16] = 0x80;
        assert!(read_error(&b).contains("feature set"), "{}", read_error(&b));
        // A member that is not a model of this shape (its label count differs:
        // one row byte too many for its declared length).
        let mut b = good.clone();
        let len = u32::from_le_bytes([b[17], b[18], b[19], b[20]]);
        b[17..21].copy_from_slice(&(len - 2).to_le_bytes());
        assert!(read_error(&b).contains("member 0"), "{}", read_error(&b));
        // Cut anywhere, or with bytes left over: an error, never a panic.
        for n in 0..good.len() {
            assert_ne!(read_error(&good[..n]), "read", "cut at {n}");
        }
        let mut b = good.clone();
        b.push(0);
        assert!(read_error(&b).contains("bytes left"), "{}", read_error(&b));
    }

    #[test]
    fn a_one_member_ensemble_tags_like_the_fast_tagger() {
        let words: Vec<Word> = ["زار", "بوتين"]
            .iter()
            .map(|t| Word::from_str(&rasid_text::Analyzer::default(), t))
            .collect();
        let res = NerResources::embedded();
        let one = Ensemble::single(res.model.as_ref().clone());
        let two = Ensemble::new(vec![
            Member {
                features: 0,
                model: res.model.as_ref().clone(),
            },
            Member {
                features: extra::ALL,
                model: res.model.as_ref().clone(),
            },
        ])
        .unwrap();
        let a = one.tag_stream(&res, &[words.as_slice()], 1);
        let b = two.tag_stream(&res, &[words.as_slice()], 1);
        assert_eq!(a.len(), 1);
        assert_eq!(a[0].len(), 2);
        assert_eq!(b[0].len(), 2);
        // The fast tagger and its one-member ensemble agree.
        let ner = crate::Ner::new();
        assert_eq!(a[0], ner.tag_words(&words));
    }
}
