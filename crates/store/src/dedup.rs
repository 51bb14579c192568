//! Near-duplicate detection: word shingles, MinHash signatures and LSH bands.
//!
//! Two documents whose shingle sets have an estimated Jaccard similarity of at least
//! [`NEAR_DUPLICATE`] are the same story (a wire report in several outlets, a lightly edited
//! copy). Signatures are [`MINHASH_LEN`] 32-bit minima; [`BANDS`] bands of [`ROWS`] values each
//! are indexed, so candidates are found without comparing every pair (at similarity 0.7 a pair
//! shares a band with probability about 0.99; at 0.3 about 0.12).
//!
//! Hashes are computed here (FNV-1a and a SplitMix64 finaliser), not with the standard
//! library's hasher, so signatures stay the same across Rust versions and stored databases
//! stay comparable.

/// Number of values in a MinHash signature.
pub const MINHASH_LEN: usize = 64;
/// Number of LSH bands.
pub const BANDS: usize = 16;
/// Values per band.
pub const ROWS: usize = MINHASH_LEN / BANDS;
/// Words per shingle.
pub const SHINGLE_WORDS: usize = 4;
/// Fewest shingles a document needs to take part (shorter texts match too easily).
pub const MIN_SHINGLES: usize = 8;
/// Estimated Jaccard similarity from which two documents are near-duplicates.
pub const NEAR_DUPLICATE: f64 = 0.5;

fn fnv1a(bytes: &[u8], mut h: u64) -> u64 {
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Hashes of the text's word shingles ([`SHINGLE_WORDS`] lowercased alphanumeric words each),
/// sorted and without repeats.
pub fn shingles(text: &str) -> Vec<u64> {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let mut out: Vec<u64> = words
        .windows(SHINGLE_WORDS.min(words.len().max(1)))
        .map(|w| {
            let mut h = 0xcbf2_9ce4_8422_2325;
            for word in w {
                h = fnv1a(word.as_bytes(), h);
                h = fnv1a(b" ", h);
            }
            h
        })
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// The MinHash signature of a text, or `None` when it has fewer than [`MIN_SHINGLES`]
/// shingles.
pub fn minhash(text: &str) -> Option<[u32; MINHASH_LEN]> {
    let sh = shingles(text);
    if sh.len() < MIN_SHINGLES {
        return None;
    }
    let mut sig = [u32::MAX; MINHASH_LEN];
    for h in sh {
        for (i, slot) in sig.iter_mut().enumerate() {
            let v = (mix(h ^ mix(i as u64 + 1)) >> 32) as u32;
            if v < *slot {
                *slot = v;
            }
        }
    }
    Some(sig)
}

/// Estimated Jaccard similarity of two signatures (the share of equal values).
pub fn similarity(a: &[u32; MINHASH_LEN], b: &[u32; MINHASH_LEN]) -> f64 {
    let same = a.iter().zip(b).filter(|(x, y)| x == y).count();
    same as f64 / MINHASH_LEN as f64
}

/// The LSH band keys of a signature (one per band, the band number mixed in).
pub(crate) fn band_keys(sig: &[u32; MINHASH_LEN]) -> Vec<i64> {
    sig.chunks(ROWS)
        .enumerate()
        .map(|(b, rows)| {
            let mut h = mix(b as u64 + 0x5eed);
            for r in rows {
                h = mix(h ^ u64::from(*r));
            }
            h as i64
        })
        .collect()
}

/// Decodes a stored signature (little-endian `u32`s).
pub(crate) fn decode(blob: &[u8]) -> Option<[u32; MINHASH_LEN]> {
    if blob.len() != MINHASH_LEN * 4 {
        return None;
    }
    let mut sig = [0u32; MINHASH_LEN];
    for (i, c) in blob.chunks_exact(4).enumerate() {
        sig[i] = u32::from_le_bytes([c[0], c[1], c[2], c[3]]);
    }
    Some(sig)
}

#[cfg(test)]
mod tests {
    use super::*;

    const STORY: &str = "MOSCOW (Reuters) - Russia handed the United States draft security \
        proposals on Wednesday, demanding that NATO rule out membership for Ukraine and roll \
        back its military deployments in eastern Europe, as tensions over a troop build-up \
        near the Ukrainian border continued to soar. Deputy Foreign Minister Sergei Ryabkov \
        said Moscow expected talks to begin soon in Geneva.";

    #[test]
    fn wire_copy_is_near_duplicate() {
        let copy = format!(
            "Russia sends security demands to U.S.\n\n{} Reporting by staff; editing by desk.",
            STORY.replace("Wednesday", "Wednesday,")
        );
        let a = minhash(STORY).unwrap();
        let b = minhash(&copy).unwrap();
        assert!(
            similarity(&a, &b) >= NEAR_DUPLICATE,
            "{}",
            similarity(&a, &b)
        );
        let shared = band_keys(&a)
            .iter()
            .zip(band_keys(&b))
            .filter(|(x, y)| **x == *y)
            .count();
        assert!(shared > 0);
    }

    #[test]
    fn different_story_is_not() {
        let other = "The Bank of England raised interest rates for the first time in more \
            than three years on Thursday, as inflation in Britain climbed to its highest level \
            in a decade and policymakers voted eight to one for the increase.";
        let a = minhash(STORY).unwrap();
        let b = minhash(other).unwrap();
        assert!(similarity(&a, &b) < 0.2);
    }

    #[test]
    fn short_texts_have_no_signature_and_decode_round_trips() {
        assert!(minhash("Putin met Biden.").is_none());
        let a = minhash(STORY).unwrap();
        let blob: Vec<u8> = a.iter().flat_map(|v| v.to_le_bytes()).collect();
        assert_eq!(decode(&blob), Some(a));
        assert_eq!(decode(&blob[1..]), None);
    }
}
