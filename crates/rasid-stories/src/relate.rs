//! Finding an article's rewrites and related articles among thousands:
//! candidates that share text with it, which [`crate::dedup::classify`] then
//! tells apart.
//!
//! LSH bands ([`crate::dedup::Deduper::candidates`]) find articles sharing
//! most of their text; two articles sharing a paragraph of background share
//! too little for a band of four values to match. A [`SlotIndex`] keys each
//! article by single MinHash values at [`SLOTS`] of the signature's
//! positions: two bodies agree on a position with probability equal to their
//! Jaccard similarity, so one sharing a quarter of its text with another of
//! the same length (J ≈ 0.14) is a candidate with probability 0.99, one
//! sharing a tenth (J ≈ 0.05) with 0.8. A value held by [`COMMON`] or more
//! of the articles held (a shingle of an outlet's boilerplate, a set phrase)
//! stops being a key: like a stopword, it says nothing about one article.
//! Articles can be let go ([`SlotIndex::remove`]): a build holds those of its
//! time window only, and a value is common when [`COMMON`] of those hold it.
//!
//! ```
//! use rasid_stories::minhash::Signature;
//! use rasid_stories::relate::SlotIndex;
//!
//! let a: Vec<u64> = (0..100).collect();
//! let b: Vec<u64> = (70..170).collect(); // 30 of 100 shared: J = 0.18
//! let c: Vec<u64> = (1_000..1_100).collect();
//! let mut index = SlotIndex::default();
//! index.add(0, &Signature::of(&a).unwrap());
//! index.add(1, &Signature::of(&c).unwrap());
//! assert_eq!(index.candidates(&Signature::of(&b).unwrap()), [0]);
//! ```

use std::collections::HashMap;

use crate::minhash::{Signature, HASHES};
use crate::shingle::mix;

/// Signature positions used as keys (every fourth of [`HASHES`]).
pub const SLOTS: usize = 32;

/// Articles holding one key beyond which it is too common to be one.
pub const COMMON: usize = 64;

/// Single MinHash values, each with the articles holding it.
#[derive(Clone, Debug, Default)]
pub struct SlotIndex {
    keys: HashMap<u64, Holders>,
}

/// The articles holding one key: how many, and the latest of them (all of
/// them while fewer than [`COMMON`]).
#[derive(Clone, Debug, Default)]
struct Holders {
    count: u32,
    latest: Vec<u32>,
}

fn keys(signature: &Signature) -> impl Iterator<Item = u64> + '_ {
    let step = HASHES / SLOTS;
    signature
        .0
        .iter()
        .enumerate()
        .step_by(step)
        .map(|(position, &value)| mix(((position as u64) << 32) | u64::from(value)))
}

impl SlotIndex {
    /// Adds article `id` under its signature's keys.
    pub fn add(&mut self, id: u32, signature: &Signature) {
        for key in keys(signature) {
            let holders = self.keys.entry(key).or_default();
            holders.count += 1;
            let at = holders.latest.partition_point(|&other| other < id);
            holders.latest.insert(at, id);
            // Past COMMON the key is ignored: only the latest are kept, to
            // be all of them again once enough earlier ones are let go.
            if holders.latest.len() > COMMON {
                holders.latest.remove(0);
            }
        }
    }

    /// Lets article `id` (added under `signature`) go.
    pub fn remove(&mut self, id: u32, signature: &Signature) {
        for key in keys(signature) {
            let Some(holders) = self.keys.get_mut(&key) else {
                continue;
            };
            holders.count = holders.count.saturating_sub(1);
            holders.latest.retain(|&other| other != id);
            if holders.count == 0 {
                self.keys.remove(&key);
            }
        }
    }

    /// Number of keys held.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// True when no key is held.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// The articles sharing a key (not too common) with `signature`, in
    /// order of adding.
    pub fn candidates(&self, signature: &Signature) -> Vec<u32> {
        let mut out: Vec<u32> = keys(signature)
            .filter_map(|key| self.keys.get(&key))
            .filter(|holders| (holders.count as usize) < COMMON)
            .flat_map(|holders| holders.latest.iter())
            .copied()
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_keys_give_no_candidates() {
        let boilerplate: Vec<u64> = (0..50).collect();
        let mut index = SlotIndex::default();
        for id in 0..=COMMON as u32 {
            index.add(id, &Signature::of(&boilerplate).unwrap());
        }
        let signature = Signature::of(&boilerplate).unwrap();
        assert!(index.candidates(&signature).is_empty());
        assert!(index.keys.values().all(|h| h.latest.len() <= COMMON));
        // Common among the articles held: once enough are let go, a key again.
        index.remove(0, &signature);
        assert!(index.candidates(&signature).is_empty());
        index.remove(1, &signature);
        assert_eq!(index.candidates(&signature).len(), COMMON - 1);
        for id in 2..=COMMON as u32 {
            index.remove(id, &signature);
        }
        assert!(index.is_empty());
    }
}
