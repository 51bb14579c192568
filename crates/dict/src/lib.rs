//! petrel-dict: the knowledge base (actors, agents, verb and noun patterns, CAMEO table).
//!
//! Dictionaries are text files (format: `dict/FORMAT.md`), the built-in ones embedded in the
//! binary. [`KnowledgeBase::builtin`] loads them; [`KnowledgeBase::load`] adds user folders on
//! top; [`KbBuilder`] lets other readers (the PETRARCH-format reader in `petrel-petrarch`) fill
//! the same structures, so the coder works the same whatever the dictionaries' origin.
//!
//! Architecture invariant: the knowledge base knows nothing of sentences or syntax; it answers
//! lookups over normalised words.
//!
//! PUBLIC API CONTRACT (the coder and the PETRARCH reader build on these names):
//! [`KnowledgeBase`] with `builtin`, `load`, `actors_in`, `actor`, `agents_in`, `agent`,
//! `verb_lemma`, `verb`, `noun_lemma`, `noun`, `cameo`, `cameo_codes`, `lookup`;
//! [`KbBuilder`]; [`normalize`]; the entry types below; [`DictError`].

use chrono::NaiveDate;

/// Where an entry came from, for error messages and for the `rule` of events.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Origin {
    /// File path (built-ins: `dict/actors/countries.txt`).
    pub file: String,
    /// 1-based line.
    pub line: usize,
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}

/// Kinds of actor entries (the `[section]` of actor files).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ActorKind {
    /// A state or territory.
    Country,
    /// A region or bloc ("the West", "the Middle East").
    Region,
    /// An international organisation.
    Igo,
    /// A news agency or outlet.
    Media,
    /// A person.
    Person,
    /// An armed group, party or movement.
    Group,
    /// A city, seat of power or other place used as a metonym.
    Place,
}

/// A date-bounded role: `code` applies from `from` (inclusive) to `to` (exclusive).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Role {
    /// First day, or open.
    pub from: Option<NaiveDate>,
    /// Day the role ends (exclusive), or open.
    pub to: Option<NaiveDate>,
    /// Actor code during the role.
    pub code: String,
    /// Where the role line is.
    pub origin: Origin,
}

/// An actor: its names, its code(s), where it was defined.
#[derive(Debug, Clone, PartialEq)]
pub struct ActorEntry {
    /// Canonical name (the first name of the entry).
    pub name: String,
    /// All names as written in the file.
    pub names: Vec<String>,
    /// Kind of actor.
    pub kind: ActorKind,
    /// Code on dates no role covers (the `= CODE` of the entry line).
    pub default_code: Option<String>,
    /// Date-bounded roles.
    pub roles: Vec<Role>,
    /// Where the entry is.
    pub origin: Origin,
}

impl ActorEntry {
    /// The code on `date` (or the default code when `date` is `None` or no role covers it),
    /// with the role that gave it, if any.
    pub fn code_on(&self, date: Option<NaiveDate>) -> Option<(&str, Option<&Role>)> {
        if let Some(d) = date {
            for r in &self.roles {
                if r.from.is_none_or(|f| f <= d) && r.to.is_none_or(|t| d < t) {
                    return Some((&r.code, Some(r)));
                }
            }
        }
        self.default_code.as_deref().map(|c| (c, None))
    }
}

/// A role noun ("troops", "foreign ministry") and the sector code it adds.
#[derive(Debug, Clone, PartialEq)]
pub struct AgentEntry {
    /// Canonical name.
    pub name: String,
    /// Code segment(s) it adds ("MIL", "GOV").
    pub code: String,
    /// Where the entry is.
    pub origin: Origin,
}

/// One element of a pattern, after (or before) its head word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PatternElem {
    /// Literal words: alternatives, each a sequence of normalised words.
    Words(Vec<Vec<String>>),
    /// Where the target noun phrase stands (`+`).
    Target,
    /// Where the source stands (`$`).
    Source,
}

/// A verb or noun pattern and the CAMEO code it gives.
#[derive(Debug, Clone, PartialEq)]
pub struct Pattern {
    /// CAMEO code, or `None` for `---` (matches, codes nothing).
    pub code: Option<String>,
    /// Lemma of the head word.
    pub lemma: String,
    /// Elements before the head word, in order (rare; PETRARCH patterns use them).
    pub before: Vec<PatternElem>,
    /// Elements after the head word, in order.
    pub after: Vec<PatternElem>,
    /// The pattern as written, for `rule` and `explain`.
    pub text: String,
    /// Where it is.
    pub origin: Origin,
}

impl Pattern {
    /// Number of literal elements: higher is more specific.
    pub fn specificity(&self) -> usize {
        self.before
            .iter()
            .chain(&self.after)
            .filter(|e| matches!(e, PatternElem::Words(_)))
            .count()
    }
}

/// A verb or noun with its patterns.
#[derive(Debug, Clone, PartialEq)]
pub struct HeadEntry {
    /// Lemma.
    pub lemma: String,
    /// All its forms (generated and listed).
    pub forms: Vec<String>,
    /// Its patterns, most specific first.
    pub patterns: Vec<Pattern>,
    /// Where the block starts.
    pub origin: Origin,
}

/// One CAMEO event code.
#[derive(Debug, Clone, PartialEq)]
pub struct CameoCode {
    /// Code ("1312").
    pub code: String,
    /// Name.
    pub name: String,
    /// Goldstein score.
    pub goldstein: f64,
    /// QuadClass 1..=4.
    pub quad_class: u8,
    /// PLOVER type.
    pub plover_type: String,
    /// PLOVER mode (may be empty).
    pub plover_mode: String,
}

/// A dictionary match over a word sequence: words `start..end` name entry `id`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Match {
    /// First word index.
    pub start: usize,
    /// One past the last word index.
    pub end: usize,
    /// Index of the entry (for [`KnowledgeBase::actor`] or [`KnowledgeBase::agent`]).
    pub id: usize,
}

/// Errors of the loader, each naming file and line.
#[derive(Debug, thiserror::Error)]
pub enum DictError {
    /// Placeholder variant; the loader defines the real ones.
    #[error("{origin}: {message}")]
    Invalid {
        /// Where.
        origin: Origin,
        /// What is wrong.
        message: String,
    },
}

/// Normalises one token's text for matching: lowercase, curly quotes and apostrophes straight.
pub fn normalize(token: &str) -> String {
    token
        .chars()
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' | '\u{02bc}' => '\'',
            '\u{201c}' | '\u{201d}' => '"',
            c => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// The compiled knowledge base. Cheap to share across threads (`&KnowledgeBase` is `Sync`).
pub struct KnowledgeBase {
    _private: (),
}

/// Fills a knowledge base from any reader, then compiles it.
pub struct KbBuilder {
    _private: (),
}
