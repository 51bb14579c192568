//! Modality and attribution cue words (`dict/cues.txt`), embedded at build time.

use std::collections::HashMap;

use crate::tagger::FxBuild;

/// The built-in cue file.
pub const BUILTIN_CUES: &str = include_str!("../../../dict/cues.txt");

/// An error in a cue file, naming the line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CueError {
    /// An entry before any `[section]` line.
    #[error("{file}:{line}: entry outside a [section]")]
    NoSection {
        /// File name.
        file: String,
        /// 1-based line.
        line: usize,
    },
    /// An unknown `[section]` name.
    #[error("{file}:{line}: unknown section [{name}]")]
    UnknownSection {
        /// File name.
        file: String,
        /// 1-based line.
        line: usize,
        /// The section name.
        name: String,
    },
    /// A malformed line (empty alternative, bad reference kind, missing `=`).
    #[error("{file}:{line}: {message}")]
    Malformed {
        /// File name.
        file: String,
        /// 1-based line.
        line: usize,
        /// What is wrong.
        message: String,
    },
}

/// What a cue section marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CueKind {
    /// Verbs of saying.
    Say,
    /// Verbs by which an outlet relays a speaker.
    Report,
    /// Verbs of denial.
    Deny,
    /// Negation words.
    Negation,
    /// Future modals.
    Future,
    /// Modals of possibility.
    Hypothetical,
    /// Conditional conjunctions.
    Condition,
    /// Fear nouns and verbs.
    Fear,
    /// Intention verbs and nouns.
    Intend,
    /// Past adverbs.
    Past,
    /// Place nouns whose country is the target ("the Ukrainian border").
    Place,
    /// Verbs whose complement did not happen: "refused to send".
    Refuse,
    /// Verbs that keep their object from doing something: "prevent Russia from invading".
    Prevent,
    /// Verbs that lay a deed on their object: "accused Moscow of shelling" (Moscow shelled,
    /// according to the accuser).
    Allege,
    /// Reciprocal verbs: coordinated subjects with no other target act on each other
    /// ("Russia and China signed a deal").
    Mutual,
}

const SECTIONS: [(&str, CueKind); 15] = [
    ("refuse", CueKind::Refuse),
    ("mutual", CueKind::Mutual),
    ("allege", CueKind::Allege),
    ("prevent", CueKind::Prevent),
    ("place", CueKind::Place),
    ("say", CueKind::Say),
    ("report", CueKind::Report),
    ("deny", CueKind::Deny),
    ("negation", CueKind::Negation),
    ("future", CueKind::Future),
    ("hypothetical", CueKind::Hypothetical),
    ("condition", CueKind::Condition),
    ("fear", CueKind::Fear),
    ("intend", CueKind::Intend),
    ("past", CueKind::Past),
];

/// Kinds of actors a reference noun can point back to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RefKind {
    /// International organisation.
    Igo,
    /// Country.
    Country,
    /// Person.
    Person,
    /// Media outlet.
    Media,
    /// Armed group, party, movement.
    Group,
}

/// The loaded cues.
#[derive(Debug, Clone, Default)]
pub struct Cues {
    /// Single words per kind (lowercase).
    words: HashMap<String, Vec<CueKind>, FxBuild>,
    /// Multi-word phrases per kind.
    phrases: Vec<(Vec<String>, CueKind)>,
    /// First words of the multi-word phrases.
    phrase_starts: HashMap<String, (), FxBuild>,
    /// Reference nouns (possibly multi-word, space separated) and the kind they refer to.
    references: HashMap<String, RefKind, FxBuild>,
}

impl Cues {
    /// The built-in cues.
    pub fn builtin() -> &'static Cues {
        static C: std::sync::OnceLock<Cues> = std::sync::OnceLock::new();
        C.get_or_init(|| {
            // The built-in file is tested; an error here is a build defect, so fall back to an
            // empty set rather than panic.
            Cues::parse("dict/cues.txt", BUILTIN_CUES).unwrap_or_default()
        })
    }

    /// Parses a cue file; `file` names it in errors.
    pub fn parse(file: &str, text: &str) -> Result<Cues, CueError> {
        let mut cues = Cues::default();
        let mut section: Option<Option<CueKind>> = None; // Some(None) = [reference]
        for (n, raw) in text.lines().enumerate() {
            let line_no = n + 1;
            let line = strip_comment(raw).trim();
            if line.is_empty() {
                continue;
            }
            if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                let name = name.trim();
                section = if name == "reference" {
                    Some(None)
                } else {
                    match SECTIONS.iter().find(|(s, _)| *s == name) {
                        Some((_, k)) => Some(Some(*k)),
                        None => {
                            return Err(CueError::UnknownSection {
                                file: file.into(),
                                line: line_no,
                                name: name.into(),
                            })
                        }
                    }
                };
                continue;
            }
            let malformed = |message: String| CueError::Malformed {
                file: file.into(),
                line: line_no,
                message,
            };
            match section {
                None => {
                    return Err(CueError::NoSection {
                        file: file.into(),
                        line: line_no,
                    })
                }
                Some(None) => {
                    let (noun, kind) = line
                        .split_once('=')
                        .ok_or_else(|| malformed("expected `noun = kind`".into()))?;
                    let kind = match kind.trim() {
                        "igo" => RefKind::Igo,
                        "country" => RefKind::Country,
                        "person" => RefKind::Person,
                        "media" => RefKind::Media,
                        "group" => RefKind::Group,
                        other => {
                            return Err(malformed(format!(
                            "unknown reference kind `{other}` (igo, country, person, media, group)"
                        )))
                        }
                    };
                    let noun = normalize_phrase(noun);
                    if noun.is_empty() {
                        return Err(malformed("empty reference noun".into()));
                    }
                    cues.references.insert(noun, kind);
                }
                Some(Some(kind)) => {
                    for alt in line.split('|') {
                        let words: Vec<String> =
                            alt.split_whitespace().map(|w| w.to_lowercase()).collect();
                        match words.len() {
                            0 => return Err(malformed("empty alternative between `|`".into())),
                            1 => cues
                                .words
                                .entry(words.into_iter().next().unwrap_or_default())
                                .or_default()
                                .push(kind),
                            _ => {
                                cues.phrase_starts.insert(words[0].clone(), ());
                                cues.phrases.push((words, kind));
                            }
                        }
                    }
                }
            }
        }
        Ok(cues)
    }

    /// True when the single word (lowercase form or lemma) is a cue of `kind`.
    pub fn is(&self, word: &str, kind: CueKind) -> bool {
        self.words.get(word).is_some_and(|k| k.contains(&kind))
    }

    /// Length in words of a multi-word cue of `kind` starting at `words[0]`, if any
    /// (single-word cues count too).
    pub fn phrase_at<'a>(
        &self,
        words: impl Fn(usize) -> Option<&'a str>,
        kind: CueKind,
    ) -> Option<usize> {
        let first = words(0)?;
        if !self.phrase_starts.contains_key(first) {
            return self.is(first, kind).then_some(1);
        }
        let mut best = None;
        for (p, k) in &self.phrases {
            if *k == kind && p.iter().enumerate().all(|(i, w)| words(i) == Some(w)) {
                best = best.max(Some(p.len()));
            }
        }
        if best.is_none() && words(0).is_some_and(|w| self.is(w, kind)) {
            best = Some(1);
        }
        best
    }

    /// The kind of actor a reference noun (lemma, or two-word phrase) points back to.
    pub fn reference(&self, noun: &str) -> Option<RefKind> {
        self.references.get(noun).copied()
    }
}

fn strip_comment(line: &str) -> &str {
    let b = line.as_bytes();
    for (i, &c) in b.iter().enumerate() {
        if c == b'#' && (i == 0 || b[i - 1].is_ascii_whitespace()) {
            return &line[..i];
        }
    }
    line
}

fn normalize_phrase(s: &str) -> String {
    s.split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_parses() {
        let c = Cues::parse("dict/cues.txt", BUILTIN_CUES).unwrap();
        assert!(c.is("say", CueKind::Say));
        assert!(c.is("deny", CueKind::Deny));
        assert!(c.is("could", CueKind::Hypothetical));
        assert_eq!(c.reference("alliance"), Some(RefKind::Igo));
        let words = ["no", "longer", "x"];
        assert_eq!(
            c.phrase_at(|i| words.get(i).copied(), CueKind::Negation),
            Some(2)
        );
    }

    #[test]
    fn errors_name_the_line() {
        let e = Cues::parse("c.txt", "say\n").unwrap_err();
        assert_eq!(e.to_string(), "c.txt:1: entry outside a [section]");
        let e = Cues::parse("c.txt", "# x\n[sya]\n").unwrap_err();
        assert_eq!(e.to_string(), "c.txt:2: unknown section [sya]");
        let e = Cues::parse("c.txt", "[say]\nsay | | tell\n").unwrap_err();
        assert!(e.to_string().starts_with("c.txt:2: empty alternative"));
        let e = Cues::parse("c.txt", "[reference]\nalliance = planet\n").unwrap_err();
        assert!(e.to_string().starts_with("c.txt:2: unknown reference kind"));
        let e = Cues::parse("c.txt", "[reference]\nalliance\n").unwrap_err();
        assert!(e.to_string().contains("expected `noun = kind`"));
    }
}
