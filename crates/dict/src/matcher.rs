//! Compiled phrase matching over interned, normalised words.
//!
//! Every dictionary word gets a `u32` id; every name becomes a path in a trie whose edges are
//! keyed by (node, word id) in one hash table. Matching a sentence maps each word to its id
//! (one hash lookup) and walks the trie from each start position, keeping the longest name
//! that ends there: leftmost-longest, non-overlapping matches in O(words x longest name).

use crate::hash::FxMap;
use crate::Match;
use std::borrow::Cow;

/// Id of a word that no dictionary name uses.
pub(crate) const UNKNOWN: u32 = u32::MAX;

/// Word -> id table.
#[derive(Default, Debug, Clone)]
pub(crate) struct Interner {
    ids: FxMap<Box<str>, u32>,
}

impl Interner {
    /// The id of `word`, adding it when new.
    pub(crate) fn intern(&mut self, word: &str) -> u32 {
        if let Some(&id) = self.ids.get(word) {
            return id;
        }
        let id = u32::try_from(self.ids.len()).unwrap_or(UNKNOWN - 1);
        self.ids.insert(word.into(), id);
        id
    }

    /// The id of `word` (normalised on the fly when needed), or [`UNKNOWN`].
    #[inline]
    pub(crate) fn get(&self, word: &str) -> u32 {
        let w = normalized(word);
        self.ids.get(w.as_ref()).copied().unwrap_or(UNKNOWN)
    }

    /// Ids of all `words`.
    pub(crate) fn ids(&self, words: &[&str]) -> Vec<u32> {
        words.iter().map(|w| self.get(w)).collect()
    }

    /// Calls `f` with the ids of `words`, without allocating for sentences of up to 96 words.
    #[inline]
    pub(crate) fn with_ids<R>(&self, words: &[&str], f: impl FnOnce(&[u32]) -> R) -> R {
        const N: usize = 96;
        if words.len() <= N {
            let mut buf = [UNKNOWN; N];
            for (slot, w) in buf.iter_mut().zip(words) {
                *slot = self.get(w);
            }
            f(&buf[..words.len()])
        } else {
            f(&self.ids(words))
        }
    }
}

/// `word` normalised with [`crate::normalize`], without allocating when it already is.
#[inline]
pub(crate) fn normalized(word: &str) -> Cow<'_, str> {
    let clean = word
        .bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase());
    if clean {
        Cow::Borrowed(word)
    } else {
        Cow::Owned(crate::normalize(word))
    }
}

/// A trie of word-id sequences, each ending node carrying an entry id.
#[derive(Debug, Clone)]
pub(crate) struct PhraseTrie {
    edges: FxMap<u64, u32>,
    value: Vec<u32>,
    names: usize,
}

const NONE: u32 = u32::MAX;

impl Default for PhraseTrie {
    fn default() -> Self {
        PhraseTrie {
            edges: FxMap::default(),
            value: vec![NONE],
            names: 0,
        }
    }
}

#[inline]
fn key(node: u32, word: u32) -> u64 {
    (u64::from(node) << 32) | u64::from(word)
}

impl PhraseTrie {
    /// Adds `words -> id` (replacing an earlier id for the same words).
    pub(crate) fn insert(&mut self, words: &[u32], id: u32) {
        let mut node = 0u32;
        for &w in words {
            node = match self.edges.get(&key(node, w)) {
                Some(&n) => n,
                None => {
                    let n = self.value.len() as u32;
                    self.value.push(NONE);
                    self.edges.insert(key(node, w), n);
                    n
                }
            };
        }
        if self.value[node as usize] == NONE {
            self.names += 1;
        }
        self.value[node as usize] = id;
    }

    /// Number of distinct names.
    pub(crate) fn len(&self) -> usize {
        self.names
    }

    /// The id stored for exactly `words`.
    pub(crate) fn get(&self, words: &[u32]) -> Option<usize> {
        let mut node = 0u32;
        for &w in words {
            node = *self.edges.get(&key(node, w))?;
        }
        let v = self.value[node as usize];
        (v != NONE).then_some(v as usize)
    }

    /// The longest name starting at `ids[start]`: (end, id).
    #[inline]
    pub(crate) fn longest_at(&self, ids: &[u32], start: usize) -> Option<(usize, usize)> {
        let mut node = 0u32;
        let mut best = None;
        for (i, &w) in ids.iter().enumerate().skip(start) {
            if w == UNKNOWN {
                break;
            }
            match self.edges.get(&key(node, w)) {
                Some(&n) => {
                    node = n;
                    let v = self.value[n as usize];
                    if v != NONE {
                        best = Some((i + 1, v as usize));
                    }
                }
                None => break,
            }
        }
        best
    }

    /// Leftmost-longest, non-overlapping matches over `ids`.
    pub(crate) fn find_all(&self, ids: &[u32]) -> Vec<Match> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < ids.len() {
            match self.longest_at(ids, i) {
                Some((end, id)) => {
                    out.push(Match { start: i, end, id });
                    i = end;
                }
                None => i += 1,
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leftmost_longest_non_overlapping() {
        let mut int = Interner::default();
        let mut t = PhraseTrie::default();
        let p = |int: &mut Interner, s: &str| -> Vec<u32> {
            s.split(' ').map(|w| int.intern(w)).collect()
        };
        let a = p(&mut int, "new york");
        let b = p(&mut int, "new york times");
        let c = p(&mut int, "york");
        let d = p(&mut int, "times square");
        t.insert(&a, 0);
        t.insert(&b, 1);
        t.insert(&c, 2);
        t.insert(&d, 3);
        let words = ["the", "New", "York", "times", "square", "york"];
        let ids = int.ids(&words);
        let m = t.find_all(&ids);
        assert_eq!(
            m,
            vec![
                Match {
                    start: 1,
                    end: 4,
                    id: 1
                },
                Match {
                    start: 5,
                    end: 6,
                    id: 2
                }
            ]
        );
        assert_eq!(t.get(&a), Some(0));
        assert_eq!(t.get(&a[..1]), None);
        assert_eq!(t.len(), 4);
    }
}
