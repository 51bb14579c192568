//! A quick pre-test for verb and noun patterns: a pattern can only match a sentence that holds
//! a first word of some alternative of each of its literal elements. Words are hashed into a
//! 256-bit set per sentence and per element, so most patterns are rejected without comparing
//! strings.

use std::collections::HashMap;
use std::hash::Hasher;

use petrel_dict::{HeadEntry, PatternElem};

use crate::tagger::{FxBuild, FxHasher};

/// A 256-bit set of word hashes.
pub type WordSet = [u64; 4];

/// Adds `word` to `set`.
pub fn add(set: &mut WordSet, word: &str) {
    let mut h = FxHasher::default();
    h.write(word.as_bytes());
    let v = h.finish();
    set[((v >> 6) & 3) as usize] |= 1u64 << (v & 63);
}

fn meets(a: &WordSet, b: &WordSet) -> bool {
    a.iter().zip(b).any(|(x, y)| x & y != 0)
}

/// Per head entry (by address), per pattern, the word sets of its literal elements.
#[derive(Default)]
pub struct PatternFilter {
    by_head: HashMap<usize, Vec<Vec<WordSet>>, FxBuild>,
}

impl PatternFilter {
    /// Builds the filter over `heads` (verb and noun blocks).
    pub fn new<'a>(heads: impl IntoIterator<Item = &'a HeadEntry>) -> Self {
        let mut by_head: HashMap<usize, Vec<Vec<WordSet>>, FxBuild> = HashMap::default();
        for h in heads {
            let pats = h
                .patterns
                .iter()
                .map(|p| {
                    p.before
                        .iter()
                        .chain(&p.after)
                        .filter_map(|e| match e {
                            PatternElem::Words(alts) => {
                                let mut set = [0u64; 4];
                                for alt in alts {
                                    if let Some(w) = alt.first() {
                                        add(&mut set, w);
                                    }
                                }
                                Some(set)
                            }
                            _ => None,
                        })
                        .collect()
                })
                .collect();
            by_head.insert(h as *const HeadEntry as usize, pats);
        }
        PatternFilter { by_head }
    }

    /// False when pattern `i` of `head` cannot match a sentence whose words are `sentence`.
    /// True when the filter does not know the head.
    pub fn may_match(&self, head: &HeadEntry, i: usize, sentence: &WordSet) -> bool {
        match self
            .by_head
            .get(&(head as *const HeadEntry as usize))
            .and_then(|p| p.get(i))
        {
            Some(elems) => elems.iter().all(|e| meets(e, sentence)),
            None => true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sets_meet_on_shared_words() {
        let mut a = [0u64; 4];
        add(&mut a, "sanction");
        add(&mut a, "embargo");
        let mut s = [0u64; 4];
        add(&mut s, "warned");
        assert!(!meets(&a, &s) || a == s);
        add(&mut s, "sanction");
        assert!(meets(&a, &s));
    }
}
