//! Word clusters learned by rasid from unlabelled news (see `xtask ner-clusters`):
//! a cluster id per frequent base form, used as a tagger feature so that words
//! unseen in the labelled data share weights with words that behave alike.

use std::sync::{Arc, LazyLock};

/// The embedded clusters (`form<TAB>id` lines, `#` comments).
pub(crate) const EMBEDDED: &str = include_str!("../data/clusters.tsv");

/// The embedded clusters, parsed once per process.
pub(crate) static CLUSTERS: LazyLock<Arc<Clusters>> = LazyLock::new(|| Arc::new(Clusters::parse(EMBEDDED)));

/// The embedded skip-gram clusters (`xtask ner-clusters --method sgns`).
pub(crate) const EMBEDDED_SGNS: &str = include_str!("../data/clusters-sgns.tsv");

/// The skip-gram clusters, parsed once per process.
pub(crate) static CLUSTERS_SGNS: LazyLock<Arc<Clusters>> = LazyLock::new(|| Arc::new(Clusters::parse(EMBEDDED_SGNS)));

/// Word clusters: a cluster id by key form of a word's base, a feature of
/// the tagger (the model is trained with a given set; tag with the same).
/// Ids are 12-bit paths in a 16-way tree: `id >> 8` is the coarsest level,
/// `id >> 4` the next. The shipped sets (PPMI and skip-gram) are embedded;
/// [`Clusters::parse`] reads the `form<TAB>id` format of `data/clusters.tsv`.
#[derive(Clone, Debug, Default)]
pub struct Clusters {
    map: foldhash::HashMap<String, u32>,
}

impl Clusters {
    /// Parses `form<TAB>id` lines; other lines are skipped.
    pub fn parse(src: &str) -> Clusters {
        let map = src
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| {
                let (w, id) = l.split_once('\t')?;
                Some((w.to_string(), id.trim().parse().ok()?))
            })
            .collect();
        Clusters { map }
    }

    /// The cluster of a base form.
    pub fn get(&self, base: &str) -> Option<u32> {
        self.map.get(base).copied()
    }

    /// Number of forms.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// True when there are none.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}
