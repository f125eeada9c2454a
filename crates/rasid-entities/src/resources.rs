//! What the extractor runs with: the model, the gazetteer and two sets of
//! word clusters, embedded or read from a directory.

use std::path::Path;
use std::sync::{Arc, LazyLock};

use crate::accurate::Ensemble;
use crate::clusters::{Clusters, CLUSTERS, CLUSTERS_SGNS};
use crate::gazetteer::{Gazetteer, GAZETTEER};
use crate::model::Model;
use crate::NerError;

/// File name of the model weights in a resources directory (and `data/`).
pub const MODEL_FILE: &str = "ner.bin";
/// File name of the accurate tagger's weights (optional in a resources directory).
pub const ACCURATE_MODEL_FILE: &str = "ner-accurate.bin";
/// File name of the gazetteer source.
pub const GAZETTEER_FILE: &str = "gazetteer.tsv";
/// File name of the PPMI word clusters.
pub const CLUSTERS_FILE: &str = "clusters.tsv";
/// File name of the skip-gram word clusters.
pub const CLUSTERS_SGNS_FILE: &str = "clusters-sgns.tsv";

/// The shipped weights.
const EMBEDDED_MODEL: &[u8] = include_bytes!("../data/ner.bin");

/// The shipped accurate tagger's weights.
const EMBEDDED_ACCURATE: &[u8] = include_bytes!("../data/ner-accurate.bin");

/// The shipped accurate tagger, parsed on first use. Bytes that fail to parse
/// (they cannot, for the bytes this crate is built with; a test checks it)
/// give the fast model as the only member.
pub(crate) static ACCURATE: LazyLock<Arc<Ensemble>> = LazyLock::new(|| {
    Arc::new(Ensemble::from_bytes(EMBEDDED_ACCURATE).unwrap_or_else(|_| Ensemble::single(Model::clone(&MODEL))))
});

/// The shipped model, parsed once. A model that fails to parse (it cannot, for
/// the bytes this crate is built with; a test checks it) gives a tagger that
/// finds nothing.
pub(crate) static MODEL: LazyLock<Arc<Model>> =
    LazyLock::new(|| Arc::new(Model::from_bytes(EMBEDDED_MODEL).unwrap_or_else(|_| Model::empty(4))));

/// The data a [`Ner`](crate::Ner) runs with. The model's weights are tied to
/// the gazetteer and clusters it was trained with: load them together.
///
/// ```
/// use rasid_entities::{Ner, NerResources};
/// use rasid_text::Analyzer;
///
/// let ner = Ner::with_resources(NerResources::embedded(), Analyzer::default());
/// assert!(!ner.extract_text("وصل الوفد إلى موسكو.").entities.is_empty());
/// ```
#[derive(Clone, Debug)]
pub struct NerResources {
    /// The tagger's weights.
    pub model: Arc<Model>,
    /// The accurate tagger's weights; `None`: the shipped ones, when the
    /// accurate mode is asked for.
    pub accurate: Option<Arc<Ensemble>>,
    /// Places, demonyms, name lists and actors.
    pub gazetteer: Arc<Gazetteer>,
    /// The PPMI word clusters (first cluster feature).
    pub clusters: Arc<Clusters>,
    /// The skip-gram word clusters (second cluster feature).
    pub clusters_sgns: Arc<Clusters>,
}

impl Default for NerResources {
    fn default() -> Self {
        NerResources::embedded()
    }
}

impl NerResources {
    /// The shipped model, gazetteer and clusters, parsed once per process and
    /// shared by every extractor that uses them.
    pub fn embedded() -> NerResources {
        NerResources {
            model: Arc::clone(&MODEL),
            accurate: None,
            gazetteer: Arc::clone(&GAZETTEER),
            clusters: Arc::clone(&CLUSTERS),
            clusters_sgns: Arc::clone(&CLUSTERS_SGNS),
        }
    }

    /// Reads `ner.bin`, `gazetteer.tsv`, `clusters.tsv` and
    /// `clusters-sgns.tsv` from `dir` (the layout of this crate's `data/`),
    /// and `ner-accurate.bin` when it is there.
    ///
    /// # Errors
    /// [`NerError::Io`] naming a file that is missing or unreadable (or not
    /// UTF-8); [`NerError::File`] naming `ner.bin` or `ner-accurate.bin` when
    /// it is not a model this build reads (wrong magic, format version or
    /// shape, truncated).
    pub fn from_dir(dir: &Path) -> Result<NerResources, NerError> {
        let path = dir.join(MODEL_FILE);
        let bytes = std::fs::read(&path).map_err(|source| NerError::Io {
            path: path.display().to_string(),
            source,
        })?;
        let model = Model::from_bytes(&bytes).map_err(|e| NerError::File {
            path: path.display().to_string(),
            reason: match e {
                NerError::Model(reason) => reason,
                other => other.to_string(),
            },
        })?;
        let path = dir.join(ACCURATE_MODEL_FILE);
        let accurate = match std::fs::read(&path) {
            Ok(bytes) => Some(Arc::new(Ensemble::from_bytes(&bytes).map_err(|e| NerError::File {
                path: path.display().to_string(),
                reason: match e {
                    NerError::Model(reason) => reason,
                    other => other.to_string(),
                },
            })?)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(source) => {
                return Err(NerError::Io {
                    path: path.display().to_string(),
                    source,
                })
            }
        };
        let text = |file: &str| {
            let path = dir.join(file);
            std::fs::read_to_string(&path).map_err(|source| NerError::Io {
                path: path.display().to_string(),
                source,
            })
        };
        let gazetteer = Gazetteer::parse(&text(GAZETTEER_FILE)?);
        let clusters = Clusters::parse(&text(CLUSTERS_FILE)?);
        let clusters_sgns = Clusters::parse(&text(CLUSTERS_SGNS_FILE)?);
        Ok(NerResources {
            model: Arc::new(model),
            accurate,
            gazetteer: Arc::new(gazetteer),
            clusters: Arc::new(clusters),
            clusters_sgns: Arc::new(clusters_sgns),
        })
    }

    /// These resources with another model (a retrained one, say).
    pub fn with_model(self, model: Arc<Model>) -> NerResources {
        NerResources { model, ..self }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_model_parses() {
        assert!(
            Model::from_bytes(EMBEDDED_MODEL).is_ok(),
            "help: data/ner.bin is not a model this build reads"
        );
        assert!(MODEL.nonzero_rows() > 1000);
    }

    #[test]
    fn the_embedded_accurate_model_parses() {
        assert!(
            Ensemble::from_bytes(EMBEDDED_ACCURATE).is_ok(),
            "help: data/ner-accurate.bin is not an accurate model this build reads"
        );
    }
}
