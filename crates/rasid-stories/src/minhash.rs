//! MinHash signatures of shingle sets and LSH banding over them.
//!
//! A signature keeps, for each of [`HASHES`] hash functions, the smallest
//! hash of any shingle; two sets agree on a given position with probability
//! equal to their Jaccard similarity, so the share of equal positions
//! estimates it (standard error about `sqrt(J(1-J)/128)`, 0.044 at J = 0.5).
//! Banding splits the signature into [`BANDS`] bands of [`ROWS`] values: two
//! sets become candidates when any band is equal, which happens with
//! probability `1 - (1 - J^4)^32`: 87 % at J = 0.5, 99.96 % at J = 0.7,
//! 2.5 % at J = 0.2.
//!
//! ```
//! use rasid_stories::minhash::Signature;
//! let a: Vec<u64> = (0..100).collect();
//! let b: Vec<u64> = (20..120).collect(); // Jaccard 80/120 = 0.67
//! let (sa, sb) = (Signature::of(&a).unwrap(), Signature::of(&b).unwrap());
//! assert!((sa.jaccard(&sb) - 0.67).abs() < 0.15);
//! assert!(sa.band_keys().iter().zip(sb.band_keys()).any(|(x, y)| *x == y));
//! ```

use crate::shingle::mix;

/// Hash functions per signature.
pub const HASHES: usize = 128;
/// LSH bands.
pub const BANDS: usize = 32;
/// Signature values per band.
pub const ROWS: usize = HASHES / BANDS;

/// The (multiplier, offset) of each hash function: odd 64-bit multipliers
/// for multiply-shift hashing, from a fixed seed (stored signatures depend
/// on them).
// Indexing in a const block: an index out of range fails the build, it cannot panic at run time.
#[allow(clippy::indexing_slicing)]
const PARAMS: [(u64, u64); HASHES] = {
    let mut out = [(0u64, 0u64); HASHES];
    let mut state: u64 = 0x5EED_2A51_D0F0_0001;
    let mut i = 0;
    while i < HASHES {
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let a = splitmix(state) | 1;
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let b = splitmix(state);
        out[i] = (a, b);
        i += 1;
    }
    out
};

const fn splitmix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A MinHash signature: [`HASHES`] 32-bit minima.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Signature(pub [u32; HASHES]);

impl Signature {
    /// The signature of a set of shingle hashes; `None` for an empty set.
    pub fn of(shingles: &[u64]) -> Option<Signature> {
        if shingles.is_empty() {
            return None;
        }
        let mut mins = [u32::MAX; HASHES];
        for &s in shingles {
            for (m, (a, b)) in mins.iter_mut().zip(PARAMS.iter()) {
                // Multiply-shift: the high 32 bits of a·s + b.
                let h = (a.wrapping_mul(s).wrapping_add(*b) >> 32) as u32;
                *m = (*m).min(h);
            }
        }
        Some(Signature(mins))
    }

    /// The estimated Jaccard similarity of the two sets: the share of equal minima.
    pub fn jaccard(&self, other: &Signature) -> f64 {
        let equal = self.0.iter().zip(other.0.iter()).filter(|(a, b)| a == b).count();
        equal as f64 / HASHES as f64
    }

    /// The estimated containment of each set in the other: `(|A∩B|/|A|,
    /// |A∩B|/|B|)` for `self` = A. At a position where the minima differ, the
    /// union's minimum lies in the set with the smaller one and outside the
    /// other, so the positions split the union into A∩B, A∖B and B∖A in
    /// proportion; `(0, 0)` when nothing is shared.
    pub fn containment(&self, other: &Signature) -> (f64, f64) {
        let (mut equal, mut only_self, mut only_other) = (0usize, 0usize, 0usize);
        for (a, b) in self.0.iter().zip(other.0.iter()) {
            match a.cmp(b) {
                std::cmp::Ordering::Equal => equal += 1,
                std::cmp::Ordering::Less => only_self += 1,
                std::cmp::Ordering::Greater => only_other += 1,
            }
        }
        let share = |rest: usize| {
            if equal == 0 {
                0.0
            } else {
                equal as f64 / (equal + rest) as f64
            }
        };
        (share(only_self), share(only_other))
    }

    /// One key per band: a hash of the band's number and values. Two
    /// signatures with an equal key in the same position are LSH candidates.
    pub fn band_keys(&self) -> [u64; BANDS] {
        let mut keys = [0u64; BANDS];
        for (band, (key, rows)) in keys.iter_mut().zip(self.0.chunks_exact(ROWS)).enumerate() {
            let mut h = mix(band as u64 + 1);
            for &v in rows {
                h = mix(h ^ u64::from(v));
            }
            *key = h;
        }
        keys
    }

    /// The signature as bytes (little-endian), for storage.
    pub fn to_bytes(&self) -> Vec<u8> {
        self.0.iter().flat_map(|v| v.to_le_bytes()).collect()
    }

    /// A signature from [`Signature::to_bytes`]; `None` when the length is wrong.
    pub fn from_bytes(bytes: &[u8]) -> Option<Signature> {
        if bytes.len() != HASHES * 4 {
            return None;
        }
        let mut mins = [0u32; HASHES];
        for (m, chunk) in mins.iter_mut().zip(bytes.chunks_exact(4)) {
            *m = u32::from_le_bytes(chunk.try_into().ok()?);
        }
        Some(Signature(mins))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two sets of shingle hashes with exactly this Jaccard similarity
    /// (`shared / (shared + 2·own)`), drawn from `seed`.
    fn pair(shared: usize, own: usize, seed: u64) -> (Vec<u64>, Vec<u64>) {
        let h = |i: usize, tag: u64| mix(mix(seed + 1) ^ (tag << 40) ^ i as u64);
        let common: Vec<u64> = (0..shared).map(|i| h(i, 1)).collect();
        let mut a = common.clone();
        let mut b = common;
        a.extend((0..own).map(|i| h(i, 2)));
        b.extend((0..own).map(|i| h(i, 3)));
        (a, b)
    }

    fn true_jaccard(a: &[u64], b: &[u64]) -> f64 {
        let sa: std::collections::HashSet<_> = a.iter().collect();
        let sb: std::collections::HashSet<_> = b.iter().collect();
        sa.intersection(&sb).count() as f64 / sa.union(&sb).count() as f64
    }

    #[test]
    fn containment_of_a_part_in_the_whole() {
        // A is 100 shingles, B is A plus 200 more: A lies wholly in B, B a third in A.
        let (a, _) = pair(100, 0, 7);
        let mut b = a.clone();
        b.extend(pair(0, 200, 8).1);
        let (sa, sb) = (Signature::of(&a).unwrap(), Signature::of(&b).unwrap());
        let (a_in_b, b_in_a) = sa.containment(&sb);
        assert!(a_in_b > 0.99, "{a_in_b}");
        assert!((b_in_a - 1.0 / 3.0).abs() < 0.12, "{b_in_a}");
        let (c, d) = pair(0, 50, 9);
        let (sc, sd) = (Signature::of(&c).unwrap(), Signature::of(&d).unwrap());
        assert_eq!(sc.containment(&sd), (0.0, 0.0));
    }

    #[test]
    fn estimate_tracks_true_jaccard() {
        for (shared, own) in [(20, 40), (100, 50), (200, 25), (300, 5), (50, 200)] {
            let mut errors = Vec::new();
            for seed in 0..20 {
                let (a, b) = pair(shared, own, seed);
                let truth = true_jaccard(&a, &b);
                let est = Signature::of(&a).unwrap().jaccard(&Signature::of(&b).unwrap());
                errors.push((est - truth).abs());
            }
            let mean = errors.iter().sum::<f64>() / errors.len() as f64;
            // The standard error is at most 0.044; the mean absolute error is below it.
            assert!(mean < 0.05, "shared {shared}, own {own}: mean error {mean}");
        }
    }

    #[test]
    fn identical_sets_agree_everywhere() {
        let (a, _) = pair(50, 0, 1);
        let s = Signature::of(&a).unwrap();
        assert_eq!(s.jaccard(&s.clone()), 1.0);
        assert!(Signature::of(&[]).is_none());
    }

    #[test]
    fn lsh_finds_similar_pairs_and_few_dissimilar_ones() {
        let collide = |shared, own, seed| {
            let (a, b) = pair(shared, own, seed);
            let (ka, kb) = (
                Signature::of(&a).unwrap().band_keys(),
                Signature::of(&b).unwrap().band_keys(),
            );
            ka.iter().zip(kb.iter()).any(|(x, y)| x == y)
        };
        // J = 0.8: the theory says 99.999 %.
        let high = (0..200).filter(|&s| collide(160, 20, s)).count();
        assert!(high >= 199, "J=0.8: {high}/200 pairs were candidates");
        // J = 0.6: 98.6 %.
        let mid = (0..200).filter(|&s| collide(120, 40, s)).count();
        assert!(mid >= 190, "J=0.6: {mid}/200");
        // J = 0.1: 0.3 %.
        let low = (0..200).filter(|&s| collide(20, 90, s)).count();
        assert!(low <= 6, "J=0.1: {low}/200");
    }

    #[test]
    fn bytes_round_trip() {
        let (a, _) = pair(30, 0, 9);
        let s = Signature::of(&a).unwrap();
        assert_eq!(Signature::from_bytes(&s.to_bytes()), Some(s));
        assert_eq!(Signature::from_bytes(&[1, 2, 3]), None);
    }
}
