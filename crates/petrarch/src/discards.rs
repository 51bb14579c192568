//! Reader of PETRARCH2 discard lists (Phoenix.discards.txt): one phrase a line; a phrase
//! marked `+` discards the whole story, the others the sentence that holds them.

use crate::error::Sink;
use crate::lines::{content_lines, phrase_text, Line};
use crate::Diagnostic;

/// One discard phrase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Discard {
    /// The phrase's normalised words (as `petrel_dict::words` gives them).
    pub words: Vec<String>,
    /// True for `+` phrases: the whole story is discarded.
    pub whole_story: bool,
    /// 1-based line.
    pub line: usize,
}

/// A discard list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Discards {
    /// Phrases in file order.
    pub phrases: Vec<Discard>,
}

impl Discards {
    /// Reads a discard list.
    pub fn parse(file: &str, text: &str) -> (Discards, Vec<Diagnostic>) {
        let mut sink = Sink::new(file);
        let mut d = Discards::default();
        for Line { no, text } in content_lines(text) {
            let t = text.trim();
            let (whole, p) = match t.strip_prefix('+') {
                Some(p) => (true, p),
                None => (false, t),
            };
            let w = petrel_dict::words(&phrase_text(p));
            if w.is_empty() {
                sink.unreadable(no, "empty discard phrase");
                continue;
            }
            d.phrases.push(Discard {
                words: w,
                whole_story: whole,
                line: no,
            });
        }
        (d, sink.out)
    }

    /// The first phrase that occurs in `words` (normalised words of a sentence or story).
    pub fn find(&self, words: &[String]) -> Option<&Discard> {
        self.phrases.iter().find(|d| {
            words
                .windows(d.words.len())
                .any(|w| w.iter().zip(&d.words).all(|(a, b)| a == b))
        })
    }

    /// True when `text` holds a discard phrase.
    pub fn matches(&self, text: &str) -> bool {
        self.find(&petrel_dict::words(text)).is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_phrases() {
        let (d, diags) = Discards::parse("t", "MONTHS LATER\n+Manchester United # club\n1914\n");
        assert!(diags.is_empty());
        assert_eq!(d.phrases.len(), 3);
        assert!(d.phrases[1].whole_story);
        assert!(d.matches("Two months later, the talks resumed."));
        assert!(d.matches("manchester united won"));
        assert!(!d.matches("Months passed later."));
    }
}
