//! Exact and near duplicates: articles that are copies of one another, grouped.
//!
//! * **Exact**: the same body once normalised (the key form of every word,
//!   punctuation and spacing ignored) has the same 64-bit BLAKE3 hash. A body
//!   of fewer than [`SHORT_BODY_WORDS`] words (a video caption, a one-word
//!   article) is hashed with its headline, so that two different captions that
//!   both read `فيديو` are not copies.
//! * **Near**: the MinHash signatures of the bodies' 3-word shingles
//!   ([`crate::shingle`]) estimate a Jaccard similarity of at least
//!   [`NEAR_JACCARD`]. Candidates come from LSH buckets, so each new article
//!   is compared with a handful of others, not with the archive.
//!
//! Groups are kept in a union-find. A new article joins a group when it is a
//! near duplicate of the group's first member (not merely of some member:
//! that would chain templated texts, such as congratulation cables that
//! differ in one name, into one group); an article that copies the first
//! members of two groups joins them. Which member is the canonical one (the
//! earliest published) is decided by whoever holds the publication times
//! (the store, the evaluation).
//!
//! ```
//! use rasid_core::Article;
//! use rasid_stories::dedup::{fingerprint, Deduper};
//! use rasid_text::Analyzer;
//!
//! let body = "أعلنت وزارة الصحة اليوم عن افتتاح مستشفى جديد في مدينة الرياض بسعة خمسمائة سرير، \
//!             وقال الوزير إن المستشفى سيخدم سكان المنطقة الشرقية والوسطى خلال العام المقبل.";
//! let a = Article::builder("افتتاح مستشفى", body).source("alriyadh").build();
//! let b = Article::builder("الصحة تفتتح مستشفى في الرياض", body).source("okaz").build();
//! let c = Article::builder("الهلال يفوز", "فاز فريق الهلال على النصر بهدفين مقابل هدف في الدوري.").build();
//! let analyzer = Analyzer::default();
//! let mut dedup = Deduper::default();
//! let ids: Vec<u32> = [&a, &b, &c]
//!     .iter()
//!     .map(|x| dedup.add(&fingerprint(&analyzer.analyze(x))))
//!     .collect();
//! assert_eq!(dedup.group(ids[0]), dedup.group(ids[1]));
//! assert_ne!(dedup.group(ids[0]), dedup.group(ids[2]));
//! ```

use std::collections::HashMap;

use rasid_core::{Analysis, TextAnalysis, TokenKind};

use crate::minhash::Signature;
use crate::shingle::{shingles, words, SHINGLE_WORDS};

/// The estimated Jaccard similarity of shingle sets at or above which two
/// articles are near duplicates.
///
/// Half the shingles in common: a copy with a paragraph of four dropped
/// (0.75), a different dateline and a light rewording (together about 0.6)
/// is still one; two reports of one event written separately share far fewer
/// 3-word runs.
pub const NEAR_JACCARD: f64 = 0.5;

/// Bodies with fewer shingles are only compared exactly: a handful of words
/// in common says little.
pub const MIN_SHINGLES: usize = 5;

/// Bodies with fewer words are hashed together with their headline.
pub const SHORT_BODY_WORDS: usize = 8;

/// The most articles one LSH bucket holds. A bucket fills only with
/// near-identical articles, which are grouped already; capping it bounds the
/// time and memory that thousands of copies of one text can take.
const MAX_BUCKET: usize = 64;

/// What duplicate detection keeps of an article.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Fingerprint {
    /// Hash of the normalised body (with the headline, for short bodies);
    /// `None` when the article has no words at all.
    pub exact: Option<u64>,
    /// MinHash of the body's shingles; `None` when it has fewer than
    /// [`MIN_SHINGLES`].
    pub signature: Option<Signature>,
}

/// The key form of every word of a text.
fn keys(text: &TextAnalysis) -> Vec<&str> {
    text.tokens
        .iter()
        .filter(|t| matches!(t.kind, TokenKind::Arabic | TokenKind::Latin | TokenKind::Number))
        .map(|t| t.key.as_str())
        .collect()
}

/// The fingerprint of an analysed article.
pub fn fingerprint(analysis: &Analysis) -> Fingerprint {
    let body = keys(&analysis.body);
    let title = if body.len() < SHORT_BODY_WORDS {
        keys(&analysis.title)
    } else {
        Vec::new()
    };
    let exact = if body.is_empty() && title.is_empty() {
        None
    } else {
        let mut hasher = blake3::Hasher::new();
        for key in &title {
            hasher.update(key.as_bytes());
            hasher.update(b" ");
        }
        hasher.update(b"\x01");
        for key in &body {
            hasher.update(key.as_bytes());
            hasher.update(b" ");
        }
        let bytes = hasher.finalize();
        let mut first = [0u8; 8];
        first.copy_from_slice(bytes.as_bytes().get(..8).unwrap_or(&[0; 8]));
        Some(u64::from_le_bytes(first))
    };
    let shingles = shingles(&words(&analysis.body), SHINGLE_WORDS);
    let signature = if shingles.len() >= MIN_SHINGLES {
        Signature::of(&shingles)
    } else {
        None
    };
    Fingerprint { exact, signature }
}

/// A union-find over `0..len`: path halving, and the smaller index always
/// becomes the root, so a group's root is its first member.
#[derive(Clone, Debug, Default)]
pub struct UnionFind {
    parent: Vec<u32>,
}

impl UnionFind {
    /// Adds an element in a group of its own and returns it.
    pub fn push(&mut self) -> u32 {
        let id = self.parent.len() as u32;
        self.parent.push(id);
        id
    }

    /// Number of elements.
    pub fn len(&self) -> usize {
        self.parent.len()
    }

    /// True when there are no elements.
    pub fn is_empty(&self) -> bool {
        self.parent.is_empty()
    }

    /// The root of `x`'s group (`x` itself when out of range).
    pub fn find(&mut self, mut x: u32) -> u32 {
        while let Some(&p) = self.parent.get(x as usize) {
            if p == x {
                break;
            }
            let grand = self.parent.get(p as usize).copied().unwrap_or(p);
            if let Some(slot) = self.parent.get_mut(x as usize) {
                *slot = grand;
            }
            x = grand;
        }
        x
    }

    /// Joins the groups of `a` and `b`; returns the root of the joined group.
    pub fn union(&mut self, a: u32, b: u32) -> u32 {
        let (ra, rb) = (self.find(a), self.find(b));
        let (root, child) = if ra <= rb { (ra, rb) } else { (rb, ra) };
        if let Some(slot) = self.parent.get_mut(child as usize) {
            *slot = root;
        }
        root
    }
}

/// How two articles relate (see `crates/rasid-stories/eval/copies/GUIDELINES.md`).
/// Only [`Relation::Copy`] folds search results; the others are links.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Relation {
    /// The same text: syndication, a repost, a changed headline or dateline.
    Copy,
    /// The same source text rewritten (one press release in several outlets).
    Rewrite,
    /// Sharing background: a follow-up, an update with a new development.
    Related,
    /// Nothing in common worth a link.
    Unrelated,
}

impl Relation {
    /// Every relation, in the order reports list them.
    pub const ALL: [Relation; 4] = [Relation::Copy, Relation::Rewrite, Relation::Related, Relation::Unrelated];

    /// The relation's name: `copy`, `rewrite`, `related`, `unrelated`.
    pub fn name(self) -> &'static str {
        match self {
            Relation::Copy => "copy",
            Relation::Rewrite => "rewrite",
            Relation::Related => "related",
            Relation::Unrelated => "unrelated",
        }
    }

    /// The relation named `name` (see [`Relation::name`]).
    pub fn parse(name: &str) -> Option<Relation> {
        Relation::ALL.into_iter().find(|r| r.name() == name)
    }

    /// The relation's position in [`Relation::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }
}

/// The relation of two fingerprinted articles, judged from their bodies alone.
pub fn relation(a: &Fingerprint, b: &Fingerprint) -> Relation {
    if a.exact.is_some() && a.exact == b.exact {
        return Relation::Copy;
    }
    Relation::Unrelated
}

/// How an added article matched an earlier one.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Match {
    /// Nothing earlier is a copy of it.
    None,
    /// The same normalised text as an earlier article.
    Exact,
    /// A near duplicate; the best estimated Jaccard similarity.
    Near(f64),
}

/// Incremental duplicate grouping: articles are added one at a time and are
/// compared with the LSH candidates among those added before.
#[derive(Clone, Debug, Default)]
pub struct Deduper {
    groups: UnionFind,
    exact: HashMap<u64, u32>,
    buckets: HashMap<u64, Vec<u32>>,
    /// Signatures of bucketed articles (exact copies keep none).
    signatures: Vec<Option<Box<Signature>>>,
}

impl Deduper {
    /// Number of articles added.
    pub fn len(&self) -> usize {
        self.groups.len()
    }

    /// True when nothing was added.
    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }

    /// Adds an article, joins it to the groups of the earlier articles it
    /// copies, and returns its index (0, 1, 2 … in the order of adding).
    pub fn add(&mut self, fp: &Fingerprint) -> u32 {
        self.add_matched(fp).0
    }

    /// [`Deduper::add`], also saying how it matched.
    pub fn add_matched(&mut self, fp: &Fingerprint) -> (u32, Match) {
        let id = self.groups.push();
        if let Some(hash) = fp.exact {
            if let Some(&first) = self.exact.get(&hash) {
                self.groups.union(id, first);
                self.signatures.push(None);
                return (id, Match::Exact);
            }
            self.exact.insert(hash, id);
        }
        let Some(signature) = &fp.signature else {
            self.signatures.push(None);
            return (id, Match::None);
        };
        let keys = signature.band_keys();
        let mut candidates: Vec<u32> = keys
            .iter()
            .filter_map(|k| self.buckets.get(k))
            .flatten()
            .copied()
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        let mut best = Match::None;
        let mut roots_seen: Vec<u32> = Vec::new();
        for other in candidates {
            let root = self.groups.find(other);
            if root == self.groups.find(id) || roots_seen.contains(&root) {
                continue;
            }
            roots_seen.push(root);
            // Compare with the group's first member, not with whichever copy
            // shares a bucket: templated texts (congratulation cables that
            // differ in one name) then do not chain into one group.
            let reference = match self.signatures.get(root as usize) {
                Some(Some(theirs)) => theirs,
                _ => match self.signatures.get(other as usize) {
                    Some(Some(theirs)) => theirs,
                    _ => continue,
                },
            };
            let similarity = signature.jaccard(reference);
            if similarity >= NEAR_JACCARD {
                self.groups.union(id, root);
                if !matches!(best, Match::Near(b) if b >= similarity) {
                    best = Match::Near(similarity);
                }
            }
        }
        self.bucket(id, &keys, signature);
        (id, best)
    }

    /// Re-adds an article whose group is already known (loading a store):
    /// joins it to `same_group_as` without comparing anything.
    pub fn restore(&mut self, fp: &Fingerprint, same_group_as: Option<u32>) -> u32 {
        let id = self.groups.push();
        if let Some(other) = same_group_as {
            self.groups.union(id, other);
        }
        let copy = match fp.exact {
            Some(hash) => {
                let first = *self.exact.entry(hash).or_insert(id);
                first != id
            }
            None => false,
        };
        match (&fp.signature, copy) {
            (Some(signature), false) => self.bucket(id, &signature.band_keys(), signature),
            _ => self.signatures.push(None),
        }
        id
    }

    fn bucket(&mut self, id: u32, keys: &[u64], signature: &Signature) {
        for key in keys {
            let bucket = self.buckets.entry(*key).or_default();
            if bucket.len() < MAX_BUCKET {
                bucket.push(id);
            }
        }
        self.signatures.push(Some(Box::new(signature.clone())));
    }

    /// The group of article `id`: the index of its first member.
    pub fn group(&mut self, id: u32) -> u32 {
        self.groups.find(id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn union_find_roots_are_first_members() {
        let mut uf = UnionFind::default();
        for _ in 0..6 {
            uf.push();
        }
        uf.union(4, 5);
        uf.union(5, 2);
        uf.union(1, 0);
        assert_eq!(uf.find(5), 2);
        assert_eq!(uf.find(4), 2);
        assert_eq!(uf.find(1), 0);
        assert_eq!(uf.find(3), 3);
        assert_eq!(uf.union(0, 4), 0);
        assert_eq!(uf.find(5), 0);
        assert_eq!(uf.find(99), 99);
    }

    use rasid_core::Article;

    fn fp(text: &str) -> Fingerprint {
        let article = Article::builder("عنوان", text).build();
        fingerprint(&rasid_text::Analyzer::default().analyze(&article))
    }

    const TEXT: &str = "قالت وزارة الخارجية الروسية إن جولة جديدة من محادثات السلام السورية ستعقد \
        في العاصمة الكازاخية أستانا الأسبوع المقبل بمشاركة وفود الحكومة والمعارضة والدول الضامنة \
        تركيا وإيران، وأضافت أن المبعوث الأممي سيحضر الجلسة الختامية.";

    #[test]
    fn exact_copies_ignore_spelling_and_spacing() {
        let respelt = TEXT.replace("أستانا", "استانا").replace(' ', "  ");
        assert_eq!(fp(TEXT).exact, fp(&respelt).exact);
        assert_ne!(fp(TEXT).exact, fp("نص آخر تماما عن موضوع مختلف").exact);
    }

    #[test]
    fn short_bodies_are_told_apart_by_headline() {
        let analyzer = rasid_text::Analyzer::default();
        let a = Article::builder("هدف رائع لميسي", "فيديو").build();
        let b = Article::builder("حريق في مصنع", "فيديو").build();
        let fa = fingerprint(&analyzer.analyze(&a));
        let fb = fingerprint(&analyzer.analyze(&b));
        assert_ne!(fa.exact, fb.exact);
        assert!(fa.signature.is_none());
        let empty = Article::builder("", "...").build();
        assert_eq!(fingerprint(&analyzer.analyze(&empty)).exact, None);
    }

    #[test]
    fn near_copies_join_and_chains_merge_groups() {
        let mut d = Deduper::default();
        let first = d.add(&fp(TEXT));
        let other = d.add(&fp(
            "فاز فريق الهلال على النصر بهدفين مقابل هدف في مباراة الدوري السعودي مساء أمس.",
        ));
        let (copy, how) = d.add_matched(&fp(&TEXT.replace("الأسبوع المقبل", "يوم الخميس")));
        assert!(matches!(how, Match::Near(j) if j >= NEAR_JACCARD), "{how:?}");
        assert_eq!(d.group(copy), first);
        assert_ne!(d.group(other), first);
        let (_, how) = d.add_matched(&fp(TEXT));
        assert_eq!(how, Match::Exact);
    }

    #[test]
    fn restore_keeps_groups_without_comparing() {
        let mut d = Deduper::default();
        let a = d.restore(&fp(TEXT), None);
        let b = d.restore(
            &fp("نص مختلف تماما عن الرياضة والاقتصاد والثقافة والفنون والعلوم"),
            Some(a),
        );
        assert_eq!(d.group(b), a);
        // A new copy still finds the restored article through the buckets.
        let c = d.add(&fp(TEXT));
        assert_eq!(d.group(c), a);
    }

    #[test]
    fn ten_thousand_copies_stay_small_and_fast() {
        let mut d = Deduper::default();
        let f = fp(TEXT);
        let started = std::time::Instant::now();
        for _ in 0..10_000 {
            d.add(&f);
        }
        // Near copies, each a little different.
        for i in 0..2_000 {
            d.add(&fp(&format!("{TEXT} {i}")));
        }
        assert!(started.elapsed().as_secs() < 20);
        assert!(d.buckets.values().all(|b| b.len() <= MAX_BUCKET));
        assert!(d.signatures.iter().filter(|s| s.is_some()).count() <= 2_001);
        let root = d.group(0);
        assert!((0..12_000).all(|i| d.group(i) == root));
    }
}
