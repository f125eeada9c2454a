//! Word shingles: the overlapping runs of normalised words that near-duplicate
//! detection compares.
//!
//! The words are the analyzer's search terms (the light stem of each word's
//! key form, stopwords left out), so spelling variants (`أستانا`/`استانا`),
//! clitics (`وروسيا`/`روسيا`) and function words do not tell two copies apart.
//!
//! ```
//! use rasid_stories::shingle::{shingles, words};
//! use rasid_text::Analyzer;
//!
//! let a = Analyzer::default().analyze_text("بدأت فى أستانا جولة محادثات جديدة");
//! let b = Analyzer::default().analyze_text("وبدأت في استانا جولة المحادثات الجديدة");
//! assert_eq!(shingles(&words(&a), 3), shingles(&words(&b), 3));
//! ```

use rasid_core::{TextAnalysis, TokenKind};

/// Words per shingle.
///
/// Three, not the five of the corpus' own duplicate list: a reworded word
/// breaks as many shingles as it has words, and with three a light rewording
/// of one word in twenty still leaves about 85 % of the shingles whole.
pub const SHINGLE_WORDS: usize = 3;

/// The words of a text that shingles are made of: the search term of every
/// word that is not a stopword, in order.
pub fn words(analysis: &TextAnalysis) -> Vec<&str> {
    analysis
        .tokens
        .iter()
        .filter(|t| matches!(t.kind, TokenKind::Arabic | TokenKind::Latin | TokenKind::Number) && !t.stop)
        .map(|t| t.stem.as_str())
        .collect()
}

/// The distinct `k`-word shingles of `words`, hashed, sorted. A text shorter
/// than `k` words gives one shingle of all its words; an empty one, none.
pub fn shingles(words: &[&str], k: usize) -> Vec<u64> {
    let k = k.max(1);
    let hashes: Vec<u64> = words.iter().map(|w| hash(w.as_bytes())).collect();
    let mut out: Vec<u64> = if hashes.is_empty() {
        Vec::new()
    } else if hashes.len() < k {
        vec![combine(&hashes)]
    } else {
        hashes.windows(k).map(combine).collect()
    };
    out.sort_unstable();
    out.dedup();
    out
}

/// An order-sensitive hash of a run of word hashes.
fn combine(run: &[u64]) -> u64 {
    run.iter()
        .fold(0x243F_6A88_85A3_08D3_u64, |acc, &h| mix(acc.rotate_left(21) ^ h))
}

/// A stable 64-bit hash of bytes: FNV-1a, then a finaliser that spreads every
/// input bit over the output. Stable across builds and platforms, because
/// signatures made from it are stored.
pub fn hash(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    mix(h)
}

/// The MurmurHash3 64-bit finaliser.
pub(crate) fn mix(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shingles_overlap_and_keep_order() {
        let s = shingles(&["a", "b", "c", "d"], 3);
        assert_eq!(s.len(), 2);
        // Order matters: the same words in another order are other shingles.
        let t = shingles(&["c", "b", "a", "d"], 3);
        assert!(s.iter().all(|x| !t.contains(x)));
    }

    #[test]
    fn short_and_empty_texts() {
        assert_eq!(shingles(&["a"], 3).len(), 1);
        assert_eq!(shingles(&["a", "b"], 3).len(), 1);
        assert!(shingles(&[], 3).is_empty());
        assert_ne!(shingles(&["a"], 3), shingles(&["b"], 3));
    }

    #[test]
    fn repeated_shingles_count_once() {
        assert_eq!(shingles(&["a", "b", "c", "a", "b", "c", "a", "b", "c"], 3).len(), 3);
    }

    #[test]
    fn hash_is_stable() {
        // Stored signatures depend on these values never changing.
        assert_eq!(hash(b""), mix(0xcbf2_9ce4_8422_2325));
        assert_eq!(hash("استانا".as_bytes()), hash("استانا".as_bytes()));
        assert_ne!(hash(b"ab"), hash(b"ba"));
    }

    #[test]
    fn words_skip_stopwords_and_punctuation() {
        let a = rasid_text::Analyzer::default().analyze_text("قال إنه فى القاهرة، اليوم.");
        let w = words(&a);
        assert!(!w.contains(&"فى") && !w.contains(&"،"), "{w:?}");
        assert!(w.contains(&"قاهره") || w.iter().any(|x| x.starts_with("قاهر")), "{w:?}");
    }
}
