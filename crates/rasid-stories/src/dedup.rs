//! Exact and near duplicates: articles that are copies of one another, grouped.
//!
//! * **Exact**: the same body once normalised (the key form of every word,
//!   punctuation and spacing ignored) has the same 64-bit BLAKE3 hash. A body
//!   of fewer than [`SHORT_BODY_WORDS`] words (a video caption, a one-word
//!   article) is hashed with its headline, so that two different captions that
//!   both read `فيديو` are not copies.
//! * **Near**: the same text with light changes (a headline, a dateline, a
//!   byline, a word here and there, a last paragraph dropped). The MinHash
//!   signatures of the bodies' 3-word shingles ([`crate::shingle`]) estimate
//!   how much of each body lies in the other; a copy needs at least
//!   [`COPY_CONTAINMENT`] both ways. Candidates come from LSH buckets, so each
//!   new article is compared with a handful of others, not with the archive.
//!
//! Lower overlap is not a copy: [`relation`] calls one body lying largely in
//! the other a [`Relation::Rewrite`] (one press release rewritten, a cut
//! reprint, a text inside a compilation) and some shared text
//! [`Relation::Related`] (background, a follow-up). Only copies are grouped
//! (and fold search results). The thresholds were chosen on the dev part of a
//! gold of 530 real pairs judged by hand (`crates/rasid-stories/eval/copies/`,
//! `rasid eval copies`).
//!
//! Groups are kept in a union-find. A new article joins the group whose first
//! member it copies best (not merely some member, and never two groups at
//! once: that would chain A ~ B ~ C where A and C are not copies, such as
//! templated congratulation cables that differ in one name, or an update that
//! copies two earlier versions). Which member is the canonical one (the
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

/// A copy: each body's shingles lie at least this much in the other's
/// (estimated from the MinHash signatures).
///
/// About three quarters: a copy with a changed dateline, a byline, honorifics
/// dropped and a word changed here and there, or a last paragraph of four
/// dropped, is still one; a reprint cut to two thirds, a press release with a
/// new lead, an update with added paragraphs are rewrites. Chosen on the copies
/// gold's dev split (pair precision 0.988, recall 0.971 there, 0.75 and 0.80
/// on either side give 0.966/0.977 and 0.994/0.954).
pub const COPY_CONTAINMENT: f64 = 0.77;

/// A cut copy: one body lies at least this much in the other ...
pub const CUT_COPY_WHOLE: f64 = 0.9;

/// ... and the other keeps at least this much of its shingles in the first:
/// a copy with its last paragraph of four dropped. Chosen on the dev split
/// with [`COPY_CONTAINMENT`] (copy pair precision 0.988, recall 0.977 there,
/// against 0.988 and 0.971 without this rule).
pub const CUT_COPY_KEPT: f64 = 0.7;

/// Whether two containments (each body in the other) make a copy.
pub fn is_copy(a_in_b: f64, b_in_a: f64) -> bool {
    let (low, high) = (a_in_b.min(b_in_a), a_in_b.max(b_in_a));
    low >= COPY_CONTAINMENT || (high >= CUT_COPY_WHOLE && low >= CUT_COPY_KEPT)
}

/// A rewrite: one body's shingles lie at least this much in the other's.
///
/// Rewrites of one source text keep most of its 3-word runs somewhere; two
/// reports sharing background paragraphs keep fewer. Chosen on the dev split
/// (0.5 finds more rewrites, 0.886 of them, at precision 0.66; 0.6 finds 0.843
/// at 0.776).
pub const REWRITE_CONTAINMENT: f64 = 0.6;

/// Related: one body's shingles lie at least this much in the other's (a
/// shared sentence or two of background). Boilerplate (teaser blocks, a shared
/// dateline line) reaches it too: related links are a hint, not a decision.
pub const RELATED_CONTAINMENT: f64 = 0.1;

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
    pub const ALL: [Relation; 4] = [
        Relation::Copy,
        Relation::Rewrite,
        Relation::Related,
        Relation::Unrelated,
    ];

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

/// The estimated containment of each body's shingles in the other's:
/// `(a in b, b in a)`; `(1, 1)` for exact copies, `(0, 0)` without signatures.
pub fn containment(a: &Fingerprint, b: &Fingerprint) -> (f64, f64) {
    if a.exact.is_some() && a.exact == b.exact {
        return (1.0, 1.0);
    }
    match (&a.signature, &b.signature) {
        (Some(x), Some(y)) => x.containment(y),
        _ => (0.0, 0.0),
    }
}

/// The relation of two fingerprinted articles, judged from their bodies
/// alone: a copy when each body's shingles lie mostly in the other's
/// ([`is_copy`]), a rewrite when one lies largely in the
/// other ([`REWRITE_CONTAINMENT`]), related when they share some text
/// ([`RELATED_CONTAINMENT`]).
pub fn relation(a: &Fingerprint, b: &Fingerprint) -> Relation {
    let (ab, ba) = containment(a, b);
    classify(ab, ba)
}

/// The relation that two containments (each body in the other) make: what
/// [`relation`] decides once the containments are estimated.
pub fn classify(ab: f64, ba: f64) -> Relation {
    let high = ab.max(ba);
    if is_copy(ab, ba) {
        Relation::Copy
    } else if high >= REWRITE_CONTAINMENT {
        Relation::Rewrite
    } else if high >= RELATED_CONTAINMENT {
        Relation::Related
    } else {
        Relation::Unrelated
    }
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
/// compared with the LSH candidates among the articles held.
///
/// Each article has an id (0, 1, 2 … in the order of adding, or the caller's
/// own with [`Deduper::add_as`], increasing in processing order). Articles can
/// be let go ([`Deduper::evict`]): a build keeps only the articles within its
/// time window (see [`crate::build`]), so that what it holds is a function of
/// the articles per window, not of the archive. What the candidates are is a
/// function of the articles held alone, whatever order they were added or let
/// go in:
/// - of each distinct text (exact hash) the earliest article held stands for it
///   in the LSH buckets (its exact copies are found through the hash);
/// - an LSH bucket keeps the latest [`MAX_BUCKET`] of them.
#[derive(Clone, Debug, Default)]
pub struct Deduper {
    /// The id [`Deduper::add`] gives next.
    next: u32,
    held: HashMap<u32, Held>,
    /// The articles held having each exact hash, earliest first.
    exact: HashMap<u64, Vec<u32>>,
    /// The one article of each LSH bucket that has one. Most buckets hold one article (a band
    /// of an article with no copy), so the others live apart in `more`: a `Vec` per bucket cost
    /// about 2.8 kB per article over its 32 bands (issue 19).
    buckets: HashMap<u64, u32>,
    /// The buckets that have several articles (at most [`MAX_BUCKET`], the latest), in
    /// ascending order.
    more: HashMap<u64, Vec<u32>>,
}

/// What the deduper keeps of an article it holds.
#[derive(Clone, Debug)]
struct Held {
    /// Its group: the id of the group's first member.
    group: u32,
    exact: Option<u64>,
    signature: Option<Box<Signature>>,
    /// In the LSH buckets: the earliest article held of its exact hash.
    bucketed: bool,
}

impl Deduper {
    /// Number of articles held.
    pub fn len(&self) -> usize {
        self.held.len()
    }

    /// True when none is held.
    pub fn is_empty(&self) -> bool {
        self.held.is_empty()
    }

    /// Adds an article, joins it to the group of the earlier article it
    /// copies, and returns its id (0, 1, 2 … in the order of adding).
    pub fn add(&mut self, fp: &Fingerprint) -> u32 {
        self.add_matched(fp).0
    }

    /// [`Deduper::add`], also saying how it matched.
    pub fn add_matched(&mut self, fp: &Fingerprint) -> (u32, Match) {
        let id = self.next;
        let (_, how) = self.add_as(id, fp, &mut |_| None);
        (id, how)
    }

    /// Adds article `id` (greater than every id added before), joins it to
    /// the group of the earlier article held it copies, and returns its group
    /// and how it matched. It is compared with a group's first member, which
    /// `first_member(id)` gives when it is no longer held (`None`: compared
    /// with the copy that is).
    pub fn add_as(
        &mut self,
        id: u32,
        fp: &Fingerprint,
        first_member: &mut dyn FnMut(u32) -> Option<Signature>,
    ) -> (u32, Match) {
        self.next = self.next.max(id.saturating_add(1));
        let signature = fp.signature.clone().map(Box::new);
        if let Some(hash) = fp.exact {
            if let Some(&first) = self.exact.get(&hash).and_then(|ids| ids.first()) {
                let group = self.group(first);
                self.hold(id, group, fp.exact, signature);
                return (group, Match::Exact);
            }
        }
        let Some(signature) = signature else {
            self.hold(id, id, fp.exact, None);
            return (id, Match::None);
        };
        let mut candidates: Vec<u32> = Vec::new();
        for key in &signature.band_keys() {
            if let Some(&first) = self.buckets.get(key) {
                candidates.push(first);
                candidates.extend(self.more.get(key).into_iter().flatten());
            }
        }
        candidates.sort_unstable();
        candidates.dedup();
        // The group whose first member this article copies best; it joins
        // that one group only, so groups never chain.
        let mut best: Option<(f64, f64, u32)> = None;
        let mut roots_seen: Vec<u32> = Vec::new();
        for other in candidates {
            let root = self.group(other);
            if roots_seen.contains(&root) {
                continue;
            }
            roots_seen.push(root);
            // Compare with the group's first member, not with whichever copy
            // shares a bucket: templated texts (congratulation cables that
            // differ in one name) then do not chain into one group.
            let gone = (!self.held.contains_key(&root)).then(|| first_member(root)).flatten();
            let reference = match (self.held.get(&root), &gone) {
                (
                    Some(Held {
                        signature: Some(theirs),
                        ..
                    }),
                    _,
                ) => theirs.as_ref(),
                (_, Some(theirs)) => theirs,
                _ => match self.held.get(&other) {
                    Some(Held {
                        signature: Some(theirs),
                        ..
                    }) => theirs.as_ref(),
                    _ => continue,
                },
            };
            let (x, y) = signature.containment(reference);
            let with_first = x.min(y);
            if is_copy(x, y) && best.is_none_or(|(b, _, _)| with_first > b) {
                best = Some((with_first, signature.jaccard(reference), root));
            }
        }
        match best {
            Some((_, similarity, root)) => {
                self.hold(id, root, fp.exact, Some(signature));
                (root, Match::Near(similarity))
            }
            None => {
                self.hold(id, id, fp.exact, Some(signature));
                (id, Match::None)
            }
        }
    }

    /// Holds again an article whose group is already known (loading a store):
    /// puts it in group `group` without comparing anything.
    pub fn restore(&mut self, id: u32, fp: &Fingerprint, group: u32) {
        self.next = self.next.max(id.saturating_add(1));
        self.hold(id, group, fp.exact, fp.signature.clone().map(Box::new));
    }

    /// Lets article `id` go: it is no longer a candidate. When it stood for
    /// its text in the LSH buckets, the next article held with the same text
    /// takes its place.
    /// Returns its signature.
    pub fn evict(&mut self, id: u32) -> Option<Box<Signature>> {
        let gone = self.held.remove(&id)?;
        if gone.bucketed {
            if let Some(signature) = &gone.signature {
                for key in signature.band_keys() {
                    self.unbucket(key, id);
                }
            }
        }
        if let Some(ids) = gone.exact.and_then(|hash| Some((hash, self.exact.get_mut(&hash)?))) {
            let (hash, ids) = ids;
            ids.retain(|&other| other != id);
            let next = ids.first().copied();
            if ids.is_empty() {
                self.exact.remove(&hash);
            }
            if let Some(next) = next.filter(|_| gone.bucketed) {
                self.bucket(next);
            }
        }
        gone.signature
    }

    /// Puts an article among those held: in the buckets when it is the
    /// earliest held of its text.
    fn hold(&mut self, id: u32, group: u32, exact: Option<u64>, signature: Option<Box<Signature>>) {
        let first_of_text = match exact {
            Some(hash) => {
                let ids = self.exact.entry(hash).or_default();
                let at = ids.partition_point(|&other| other < id);
                ids.insert(at, id);
                let replaced = (at == 0).then(|| ids.get(1).copied()).flatten();
                if let Some(other) = replaced {
                    self.unbucket_article(other);
                }
                at == 0
            }
            None => true,
        };
        self.held.insert(
            id,
            Held {
                group,
                exact,
                signature,
                bucketed: false,
            },
        );
        if first_of_text {
            self.bucket(id);
        }
    }

    /// Puts a held article with a signature into its LSH buckets.
    fn bucket(&mut self, id: u32) {
        let Some(held) = self.held.get_mut(&id) else { return };
        let Some(signature) = &held.signature else { return };
        held.bucketed = true;
        for key in signature.band_keys() {
            let Some(&first) = self.buckets.get(&key) else {
                self.buckets.insert(key, id);
                continue;
            };
            let rest = self.more.entry(key).or_default();
            let at = rest.partition_point(|&other| other < id);
            rest.insert(at, id);
            if rest.len() + 1 > MAX_BUCKET {
                // The latest MAX_BUCKET are kept: the earliest of the bucket goes.
                let next = rest.remove(0);
                if next > first {
                    self.buckets.insert(key, next);
                }
            }
        }
    }

    /// Takes a held article out of its LSH buckets.
    fn unbucket_article(&mut self, id: u32) {
        let Some(held) = self.held.get_mut(&id) else { return };
        if !std::mem::take(&mut held.bucketed) {
            return;
        }
        let keys = held.signature.as_ref().map(|s| s.band_keys());
        for key in keys.into_iter().flatten() {
            self.unbucket(key, id);
        }
    }

    fn unbucket(&mut self, key: u64, id: u32) {
        if self.buckets.get(&key) == Some(&id) {
            let next = self
                .more
                .get_mut(&key)
                .and_then(|rest| (!rest.is_empty()).then(|| rest.remove(0)));
            match next {
                Some(next) => {
                    self.buckets.insert(key, next);
                }
                None => {
                    self.buckets.remove(&key);
                }
            }
        } else if let Some(rest) = self.more.get_mut(&key) {
            rest.retain(|&other| other != id);
        }
        if self.more.get(&key).is_some_and(Vec::is_empty) {
            self.more.remove(&key);
        }
    }

    /// The articles held that share an LSH bucket with `signature` (likely
    /// to share much of their text), in order of adding.
    pub fn candidates(&self, signature: &Signature) -> Vec<u32> {
        let mut out: Vec<u32> = Vec::new();
        for key in signature.band_keys().iter() {
            if let Some(&first) = self.buckets.get(key) {
                out.push(first);
                out.extend(self.more.get(key).into_iter().flatten());
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The signature of article `id` when it stands for its text: `None`
    /// for an exact copy of an earlier article held (that one stands for
    /// it), for bodies too short to have one and for articles not held.
    pub fn signature(&self, id: u32) -> Option<&Signature> {
        self.held
            .get(&id)
            .filter(|h| h.bucketed)
            .and_then(|h| h.signature.as_deref())
    }

    /// The group of article `id`: the id of its first member (`id` itself
    /// when it is not held).
    pub fn group(&self, id: u32) -> u32 {
        self.held.get(&id).map_or(id, |h| h.group)
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
    fn near_copies_join_their_group() {
        let mut d = Deduper::default();
        let first = d.add(&fp(TEXT));
        let other = d.add(&fp(
            "فاز فريق الهلال على النصر بهدفين مقابل هدف في مباراة الدوري السعودي مساء أمس.",
        ));
        let (copy, how) = d.add_matched(&fp(&TEXT.replace("الأسبوع المقبل", "يوم الخميس")));
        assert!(matches!(how, Match::Near(j) if j > 0.5), "{how:?}");
        assert_eq!(d.group(copy), first);
        assert_ne!(d.group(other), first);
        let (_, how) = d.add_matched(&fp(TEXT));
        assert_eq!(how, Match::Exact);
    }

    /// Sentences of a wire story, to build copies, rewrites and follow-ups from.
    const SENTENCES: [&str; 8] = [
        "أعلنت وزارة الصحة اليوم عن افتتاح مستشفى جديد في مدينة الرياض بسعة خمسمائة سرير لخدمة سكان العاصمة.",
        "وقال وزير الصحة إن المستشفى سيخدم سكان المنطقة الوسطى والشرقية خلال العام المقبل بعد اكتمال تجهيزاته.",
        "وأضاف الوزير أن العمل في المشروع استغرق ثلاث سنوات بتكلفة بلغت مليار ريال من ميزانية الوزارة.",
        "ويضم المستشفى أقساما للطوارئ والعناية المركزة وجراحة القلب ومركزا متخصصا لعلاج أمراض السرطان.",
        "وأشار المتحدث الرسمي إلى أن المستشفى سيوفر ألفي وظيفة للكوادر الطبية والفنية والإدارية من المواطنين.",
        "وكانت الوزارة قد وقعت عقد إنشاء المستشفى مع شركة وطنية للمقاولات قبل أربعة أعوام في حفل رسمي.",
        "ويأتي افتتاح المستشفى ضمن خطة الوزارة لرفع عدد الأسرة في المملكة إلى خمسين ألف سرير بحلول عام ألفين وعشرين.",
        "ودعت الوزارة المواطنين إلى مراجعة المراكز الصحية القريبة قبل التوجه إلى أقسام الطوارئ في المستشفيات الكبرى.",
    ];

    #[test]
    fn regression_rewrite_is_not_a_copy() {
        // A reprint cut to its first half is the same source text, not the same text.
        let whole = fp(&SENTENCES.join(" "));
        let half = fp(&SENTENCES[..4].join(" "));
        assert_eq!(relation(&whole, &half), Relation::Rewrite);
        let mut d = Deduper::default();
        let (a, b) = (d.add(&whole), d.add(&half));
        assert_ne!(d.group(a), d.group(b));
        // The whole text with a new dateline and one sentence dropped is a copy.
        let copy = fp(&format!("الرياض - واس: {}", SENTENCES[..7].join(" ")));
        assert_eq!(relation(&whole, &copy), Relation::Copy);
        let c = d.add(&copy);
        assert_eq!(d.group(c), d.group(a));
    }

    #[test]
    fn regression_follow_up_is_related_not_a_copy() {
        // A follow-up repeats one background sentence under new news.
        let first = fp(&SENTENCES[..4].join(" "));
        let follow_up = fp(&format!(
            "استقبل المستشفى الجديد في الرياض أول مرضاه صباح اليوم وسط إقبال كبير من سكان الأحياء المجاورة. \
             وأكد مدير المستشفى أن الأقسام كلها تعمل بكامل طاقتها منذ الساعات الأولى وأن المواعيد متاحة إلكترونيا. \
             وقال عدد من المرضى إن الخدمة كانت سريعة وإن المواعيد أقرب مما اعتادوه في المستشفيات الأخرى. {}",
            SENTENCES[3]
        ));
        assert_eq!(relation(&first, &follow_up), Relation::Related);
        let unrelated =
            fp("فاز فريق الهلال على النصر بهدفين مقابل هدف في مباراة الدوري السعودي مساء أمس على ملعب الملك فهد.");
        assert_eq!(relation(&first, &unrelated), Relation::Unrelated);
    }

    #[test]
    fn regression_groups_do_not_chain() {
        // Sixteen sentences; A, B and C are windows of twelve, two apart: A ~ B
        // and B ~ C are copies (ten in twelve shared), A and C share eight.
        let more = [
            "وفي سياق آخر أعلنت أمانة المنطقة عن مشروع لتوسعة الطرق المؤدية إلى المستشفى الجديد خلال الصيف.",
            "وتبلغ كلفة مشروع الطرق مئتي مليون ريال وتنفذه شركة محلية خلال ثمانية عشر شهرا من توقيع العقد.",
            "كما تعمل الأمانة على إنشاء مواقف متعددة الطوابق تتسع لثلاثة آلاف سيارة بجوار المبنى الرئيسي.",
            "وأوضح رئيس البلدية أن المشروع يشمل إنارة الشوارع وزراعة الأشجار على جانبي الطريق الرئيسي.",
            "وطالب سكان الحي بإنشاء جسر للمشاة يربط المستشفى بمحطة الحافلات القريبة منه.",
            "وردت الأمانة بأن دراسة الجسر جارية وستعلن نتائجها قبل نهاية العام الحالي.",
            "وشهد الحفل حضور عدد من رجال الأعمال الذين تبرعوا بتجهيز جناح كامل للأطفال في المستشفى.",
            "واختتم الحفل بجولة للضيوف على مختبرات المستشفى وغرف العمليات المزودة بأحدث الأجهزة.",
        ];
        let all: Vec<&str> = SENTENCES.iter().chain(more.iter()).copied().collect();
        let window = |from: usize| all.get(from..from + 12).map(|s| s.join(" ")).unwrap_or_default();
        let (fa, fb, fc) = (fp(&window(0)), fp(&window(2)), fp(&window(4)));
        assert_eq!(relation(&fa, &fb), Relation::Copy);
        assert_eq!(relation(&fb, &fc), Relation::Copy);
        assert_ne!(relation(&fa, &fc), Relation::Copy);
        // A and C first, then B, which copies both: B joins one group, and
        // A and C stay apart (they were joined into one group before).
        let mut d = Deduper::default();
        let (ia, ic) = (d.add(&fa), d.add(&fc));
        let ib = d.add(&fb);
        assert_ne!(d.group(ia), d.group(ic), "A and C chained through B");
        assert!(d.group(ib) == d.group(ia) || d.group(ib) == d.group(ic));
    }

    #[test]
    fn restore_keeps_groups_without_comparing() {
        let mut d = Deduper::default();
        let a = 0;
        d.restore(a, &fp(TEXT), a);
        let b = 1;
        d.restore(b, &fp("نص مختلف تماما عن الرياضة والاقتصاد والثقافة والفنون والعلوم"), a);
        assert_eq!(d.group(b), a);
        // A new copy still finds the restored article through the buckets.
        let c = d.add(&fp(TEXT));
        assert_eq!(d.group(c), a);
    }

    /// Issue 19: an article without copies takes one small map entry per band, no `Vec`
    /// (a `Vec` per band was about 2.8 kB per article, the most of a stories build's memory).
    #[test]
    fn regression_buckets_of_single_articles_hold_no_vec() {
        let mut d = Deduper::default();
        // Words of four letters that are no clitic and no suffix, a new one each time.
        let letters: Vec<char> = "ثجحخدذرزشصضطظعغق".chars().collect();
        let word = |n: usize| -> String { (0..4).map(|k| letters[(n >> (4 * k)) % 16]).collect() };
        for i in 0..200 {
            let text: Vec<String> = (0..40).map(|k| word(i * 40 + k)).collect();
            d.add(&fp(&text.join(" ")));
        }
        assert!(
            d.buckets.len() >= 200 * crate::minhash::BANDS * 9 / 10,
            "{}",
            d.buckets.len()
        );
        assert!(d.more.len() < 5, "{} buckets with several articles", d.more.len());
    }

    #[test]
    fn ten_thousand_copies_stay_small() {
        // Their cost is bounded by the bucket cap (no bucket grows with the
        // copies); the time is measured by the stories benchmarks, not here.
        let mut d = Deduper::default();
        let f = fp(TEXT);
        for _ in 0..10_000 {
            d.add(&f);
        }
        // Near copies, each a little different.
        for i in 0..2_000 {
            d.add(&fp(&format!("{TEXT} {i}")));
        }
        assert!(d.more.values().all(|b| b.len() < MAX_BUCKET));
        assert!(d.held.values().filter(|h| h.bucketed).count() <= 2_001);
        let root = d.group(0);
        assert!((0..12_000).all(|i| d.group(i) == root));
    }

    /// Issue 19: what a deduper holds is what a build keeps in memory. Articles let go are no
    /// longer candidates, an exact copy held takes the place of its text's first article, and
    /// what the candidates are does not depend on the order articles were held and let go in.
    #[test]
    fn evicted_articles_are_no_candidates_and_copies_stand_in() {
        let other = "فاز فريق الهلال على النصر بهدفين مقابل هدف في مباراة الدوري السعودي مساء أمس.";
        let near = TEXT.replace("الأسبوع المقبل", "يوم الخميس");
        let mut d = Deduper::default();
        let first = d.add(&fp(TEXT));
        let copy = d.add(&fp(TEXT));
        let unrelated = d.add(&fp(other));
        assert_eq!(d.group(copy), first);
        assert!(d.signature(copy).is_none(), "an exact copy does not stand for its text");
        d.evict(first);
        assert_eq!(d.len(), 2);
        // The copy now stands for the text: a near copy still finds the group.
        assert!(d.signature(copy).is_some());
        let (late, how) = d.add_matched(&fp(&near));
        assert!(matches!(how, Match::Near(_)), "{how:?}");
        assert_eq!(d.group(late), first);
        d.evict(copy);
        d.evict(late);
        let (again, how) = d.add_matched(&fp(&near));
        assert_eq!((how, d.group(again)), (Match::None, again));
        assert_eq!(d.candidates(d.signature(unrelated).unwrap()), [unrelated]);

        // The same articles held in another order give the same candidates.
        let mut e = Deduper::default();
        e.restore(again, &fp(&near), again);
        e.restore(unrelated, &fp(other), unrelated);
        let probe = fp(TEXT).signature.unwrap();
        assert_eq!(d.candidates(&probe), e.candidates(&probe));
    }

    #[test]
    fn buckets_keep_their_latest_articles() {
        // Distinct texts with one signature: every band's bucket holds them all.
        let signature = fp(TEXT).signature.unwrap();
        let mut d = Deduper::default();
        let ids: Vec<u32> = (0..MAX_BUCKET as u64 + 10)
            .map(|i| {
                d.add(&Fingerprint {
                    exact: Some(i),
                    signature: Some(signature.clone()),
                })
            })
            .collect();
        assert_eq!(d.candidates(&signature), ids[10..]);
        // Letting the earliest go changes nothing; letting the latest go shrinks the buckets.
        for &id in &ids[..10] {
            d.evict(id);
        }
        assert_eq!(d.candidates(&signature), ids[10..]);
        for &id in &ids[10..20] {
            d.evict(id);
        }
        assert_eq!(d.candidates(&signature), ids[20..]);
        assert!(d.more.values().all(|b| b.len() < MAX_BUCKET));
    }
}
