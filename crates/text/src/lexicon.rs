//! The word lists the splitter and tokenizer read: abbreviations and sentence starters.
//!
//! Both lists are data files embedded in the crate (`data/abbreviations.txt`,
//! `data/sentence_starters.txt`) and parsed once, on first use.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

const ABBREVIATIONS: &str = include_str!("../data/abbreviations.txt");
const STARTERS: &str = include_str!("../data/sentence_starters.txt");

/// How an abbreviation behaves before a possible sentence end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AbbrevClass {
    /// Precedes a name; never ends a sentence ("Gen.", "Mr.").
    Title,
    /// Ends a sentence only before a common sentence starter ("Inc.", "Jan.", "U.S.").
    General,
    /// An abbreviation only before a number ("No. 5").
    Number,
}

struct Lexicon {
    abbrevs: HashMap<String, AbbrevClass>,
    starters: HashSet<String>,
}

fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(|| Lexicon {
        abbrevs: parse_abbreviations(ABBREVIATIONS),
        starters: parse_words(STARTERS)
            .map(|w| w.to_ascii_lowercase())
            .collect(),
    })
}

/// Non-empty, non-comment lines, trimmed.
fn parse_words(data: &str) -> impl Iterator<Item = &str> {
    data.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// Parses `CLASS WORD` lines. Each word is stored as written, in capitals, and (when written in
/// lower case) capitalised, so that "Gen" matches "Gen."/"GEN." but not "gen.", and "etc"
/// matches "etc."/"Etc."/"ETC."; one-letter words only as written. Lines with an unknown class are skipped (the embedded file is
/// checked by a unit test).
fn parse_abbreviations(data: &str) -> HashMap<String, AbbrevClass> {
    let mut map = HashMap::new();
    for line in parse_words(data) {
        let Some((class, word)) = parse_abbrev_line(line) else {
            continue;
        };
        // A one-letter entry ("p" for page) is matched as written: "P." is an initial.
        let one_letter = word.chars().count() == 1;
        let mut variants = vec![word.to_string()];
        if !one_letter {
            variants.push(word.to_uppercase());
        }
        if !one_letter && word.starts_with(|c: char| c.is_lowercase()) {
            let mut cap = String::with_capacity(word.len());
            let mut chars = word.chars();
            if let Some(f) = chars.next() {
                cap.extend(f.to_uppercase());
            }
            cap.push_str(chars.as_str());
            variants.push(cap);
        }
        for v in variants {
            map.entry(v).or_insert(class);
        }
    }
    map
}

fn parse_abbrev_line(line: &str) -> Option<(AbbrevClass, &str)> {
    let (class, word) = line.split_once(char::is_whitespace)?;
    let word = word.trim();
    if word.is_empty() || word.contains(char::is_whitespace) {
        return None;
    }
    let class = match class {
        "title" => AbbrevClass::Title,
        "general" => AbbrevClass::General,
        "number" => AbbrevClass::Number,
        _ => return None,
    };
    Some((class, word))
}

/// The class of a listed abbreviation (`word` without its final period).
pub(crate) fn listed_abbreviation(word: &str) -> Option<AbbrevClass> {
    if word.is_empty() || word.len() > 12 {
        return None;
    }
    lexicon().abbrevs.get(word).copied()
}

/// True for a word with inner periods made of short letter groups ("U.S", "a.m", "Ph.D",
/// "J.R.R"), written without its final period.
pub(crate) fn is_dotted(word: &str) -> bool {
    if !word.contains('.') {
        return false;
    }
    word.split('.').all(|g| {
        let n = g.chars().count();
        (1..=3).contains(&n) && g.chars().all(char::is_alphabetic)
    })
}

/// True for a single capital letter (an initial such as the "W" of "George W. Bush").
pub(crate) fn is_initial(word: &str) -> bool {
    let mut chars = word.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase())
}

/// The class of `word` (written without its final period) as an abbreviation, if it is one:
/// listed abbreviations first, then dotted words and initials, which behave as `General`.
pub(crate) fn abbreviation_class(word: &str) -> Option<AbbrevClass> {
    listed_abbreviation(word)
        .or_else(|| (is_dotted(word) || is_initial(word)).then_some(AbbrevClass::General))
}

/// True when `word` commonly starts a sentence (case-insensitive).
pub(crate) fn is_sentence_starter(word: &str) -> bool {
    if word.is_empty() || word.len() > 16 {
        return false;
    }
    let mut buf = [0u8; 16];
    let bytes = word.as_bytes();
    if !word.is_ascii() {
        return false;
    }
    buf[..bytes.len()].copy_from_slice(bytes);
    buf[..bytes.len()].make_ascii_lowercase();
    match std::str::from_utf8(&buf[..bytes.len()]) {
        Ok(lower) => lexicon().starters.contains(lower),
        Err(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_lists_parse_fully() {
        for line in parse_words(ABBREVIATIONS) {
            assert!(
                parse_abbrev_line(line).is_some(),
                "bad line in data/abbreviations.txt: {line:?}"
            );
        }
        assert!(lexicon().starters.len() > 100);
    }

    #[test]
    fn lookups() {
        assert_eq!(listed_abbreviation("Gen"), Some(AbbrevClass::Title));
        assert_eq!(listed_abbreviation("GEN"), Some(AbbrevClass::Title));
        assert_eq!(listed_abbreviation("gen"), None);
        assert_eq!(listed_abbreviation("etc"), Some(AbbrevClass::General));
        assert_eq!(listed_abbreviation("Etc"), Some(AbbrevClass::General));
        assert_eq!(listed_abbreviation("No"), Some(AbbrevClass::Number));
        assert_eq!(abbreviation_class("U.S"), Some(AbbrevClass::General));
        assert_eq!(abbreviation_class("W"), Some(AbbrevClass::General));
        assert_eq!(abbreviation_class("Russia"), None);
        assert!(is_dotted("a.m") && is_dotted("Ph.D") && !is_dotted("Amazon.com"));
        assert!(is_sentence_starter("The") && is_sentence_starter("THE"));
        assert!(!is_sentence_starter("Bush") && !is_sentence_starter("Président"));
    }
}
