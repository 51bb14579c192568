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
//! Inside: `build.rs` embeds every `dict/**/*.txt` file; `parse` reads the text format into a
//! [`KbBuilder`] layer by layer (segments, cameo.txt, actors, agents, verbs), collecting every
//! error with its file and line; `builder` checks conflicts per layer and compiles; `matcher`
//! holds the compiled phrase tries over interned word ids (leftmost-longest matching);
//! `inflect` generates verb forms and noun plurals. Beyond the contract below, the base also
//! offers [`KnowledgeBase::resolve`] (actor + agent descriptions such as "Russia's Foreign
//! Ministry"), [`KnowledgeBase::combine`], [`KnowledgeBase::counts`] and [`words`].
//!
//! PUBLIC API CONTRACT (the coder and the PETRARCH reader build on these names):
//! [`KnowledgeBase`] with `builtin`, `load`, `actors_in`, `actor`, `agents_in`, `agent`,
//! `verb_lemma`, `verb`, `noun_lemma`, `noun`, `cameo`, `cameo_codes`, `lookup`;
//! [`KbBuilder`]; [`normalize`]; the entry types below; [`DictError`].

use chrono::NaiveDate;
use std::collections::BTreeMap;
use std::path::PathBuf;

mod builder;
mod error;
mod hash;
mod inflect;
mod matcher;
mod parse;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded.rs"));
}

pub use builder::KbBuilder;
pub use error::{DictError, DictErrors};
use hash::FxMap;
use matcher::{Interner, PhraseTrie};

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
    /// All names as written (regular plurals of the last word are generated on top).
    pub names: Vec<String>,
    /// Code segment(s) it adds ("MIL", "GOV").
    pub code: String,
    /// Where the entry is.
    pub origin: Origin,
}

/// One element of a pattern, after (or before) its head word.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum PatternElem {
    /// Literal words: alternatives, each a sequence of normalised words.
    Words(Vec<Vec<String>>),
    /// Where the target noun phrase stands (`+`).
    Target,
    /// Where the source stands (`$`).
    Source,
    /// `^`: one noun phrase, whatever it names (PETRARCH: "celebrated Iftar in ^ with +"
    /// skips the place to reach the target).
    SkipNp,
    /// `%` before the head: the subject is coordinated actors ("Gondor and Arnor agree"),
    /// each acting on the others.
    Mutual,
    /// `...`: any words may stand here, up to the end of the head's clause and its
    /// complements (PETRARCH's space between pattern words; between other elements only
    /// noun-phrase material may stand).
    Any,
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
    /// When not empty, the pattern holds only for these forms of the head word (normalised):
    /// PETRARCH lists `LEFT` apart from `LEAVE`, with its own code.
    pub forms: Vec<String>,
    /// The pattern as written, for `rule` and `explain`.
    pub text: String,
    /// Where it is.
    pub origin: Origin,
}

impl Pattern {
    /// Number of literal words (the shortest alternative of each element), plus one for a `%`
    /// or a form condition: higher is more specific.
    pub fn specificity(&self) -> usize {
        self.before
            .iter()
            .chain(&self.after)
            .map(|e| match e {
                PatternElem::Words(alts) => alts.iter().map(Vec::len).min().unwrap_or(0).max(1),
                PatternElem::Mutual => 1,
                _ => 0,
            })
            .sum::<usize>()
            + usize::from(!self.forms.is_empty())
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

/// Normalises one token's text for matching: lowercase, curly quotes and apostrophes straight.
pub fn normalize(token: &str) -> String {
    if token.is_ascii() {
        return token.to_ascii_lowercase();
    }
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

/// The normalised words of `text`, tokenised like news text (`petrel_text::tokenize`).
/// Dictionary names and lookups go through this, so both sides agree.
pub fn words(text: &str) -> Vec<String> {
    petrel_text::tokenize(text, petrel_core::Span::new(0, text.len()))
        .iter()
        .map(|t| normalize(t.span.slice(text)))
        .filter(|w| !w.is_empty())
        .collect()
}

/// The normalised words of `text` joined by single spaces (the key of a name).
pub(crate) fn name_key(text: &str) -> String {
    let mut key = String::with_capacity(text.len() + 4);
    for t in petrel_text::tokenize(text, petrel_core::Span::new(0, text.len())) {
        let w = t.span.slice(text);
        if w.is_empty() {
            continue;
        }
        if !key.is_empty() {
            key.push(' ');
        }
        if w.is_ascii() {
            key.extend(w.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        } else {
            key.push_str(&normalize(w));
        }
    }
    key
}

/// What a 3-letter code segment is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SegmentKind {
    /// A state or territory (RUS).
    Country,
    /// A region or bloc (WST, MEA).
    Region,
    /// An international organisation (NAT, UNO).
    Igo,
    /// A sector or role (GOV, MIL).
    Sector,
    /// Anything else (religions, ethnic groups).
    Other,
}

/// A known actor-code segment (`segments/*.txt`).
#[derive(Debug, Clone, PartialEq)]
pub struct Segment {
    /// The three letters.
    pub code: String,
    /// What it is.
    pub kind: SegmentKind,
    /// What it means.
    pub description: String,
    /// Where it is defined.
    pub origin: Origin,
}

/// Verb or noun heads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HeadKind {
    /// `verb LEMMA` blocks.
    Verb,
    /// `noun LEMMA` blocks.
    Noun,
}

/// Sizes of a knowledge base, per kind.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Counts {
    /// Actor entries per kind.
    pub actors_by_kind: BTreeMap<ActorKind, usize>,
    /// Actor entries.
    pub actors: usize,
    /// Distinct actor names (normalised word sequences).
    pub actor_names: usize,
    /// Agent entries.
    pub agents: usize,
    /// Distinct agent names, generated plurals included.
    pub agent_names: usize,
    /// Verb lemmas.
    pub verbs: usize,
    /// Verb patterns.
    pub verb_patterns: usize,
    /// Noun lemmas.
    pub nouns: usize,
    /// Noun patterns.
    pub noun_patterns: usize,
    /// CAMEO codes.
    pub cameo_codes: usize,
    /// Code segments.
    pub segments: usize,
}

impl std::fmt::Display for Counts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(
            f,
            "actors        {} entries, {} names",
            self.actors, self.actor_names
        )?;
        for (k, n) in &self.actors_by_kind {
            writeln!(f, "  {:<11} {n}", format!("{k:?}").to_lowercase())?;
        }
        writeln!(
            f,
            "agents        {} entries, {} names",
            self.agents, self.agent_names
        )?;
        writeln!(
            f,
            "verbs         {} lemmas, {} patterns",
            self.verbs, self.verb_patterns
        )?;
        writeln!(
            f,
            "nouns         {} lemmas, {} patterns",
            self.nouns, self.noun_patterns
        )?;
        writeln!(f, "cameo codes   {}", self.cameo_codes)?;
        write!(f, "segments      {}", self.segments)
    }
}

/// A phrase resolved to an actor code: an actor name, an agent, or both combined
/// ("Russia's Foreign Ministry" = Russia + foreign ministry = RUSGOV).
#[derive(Debug, Clone, PartialEq)]
pub struct Resolution<'a> {
    /// The resulting code.
    pub code: String,
    /// The actor named, if any.
    pub actor: Option<&'a ActorEntry>,
    /// The role of the actor that gave its code, if a role did.
    pub role: Option<&'a Role>,
    /// The agent named, if any.
    pub agent: Option<&'a AgentEntry>,
}

/// Words that may stand around an actor and an agent in a description without changing it.
const FILLER: &[&str] = &[
    "the", "a", "an", "his", "her", "its", "their", "our", "your", "my", "'s", "'", "s", "\"",
    "of", "-",
];

/// The compiled knowledge base. Cheap to share across threads (`&KnowledgeBase` is `Sync`).
pub struct KnowledgeBase {
    pub(crate) segments: FxMap<String, Segment>,
    pub(crate) cameo: Vec<CameoCode>,
    pub(crate) cameo_index: FxMap<String, usize>,
    pub(crate) actors: Vec<ActorEntry>,
    pub(crate) agents: Vec<AgentEntry>,
    pub(crate) interner: Interner,
    pub(crate) actor_trie: PhraseTrie,
    pub(crate) agent_trie: PhraseTrie,
    pub(crate) verbs: Vec<HeadEntry>,
    pub(crate) verb_index: FxMap<String, usize>,
    pub(crate) verb_forms: FxMap<String, usize>,
    pub(crate) nouns: Vec<HeadEntry>,
    pub(crate) noun_index: FxMap<String, usize>,
    pub(crate) noun_forms: FxMap<String, usize>,
    pub(crate) counts: Counts,
}

impl std::fmt::Debug for KnowledgeBase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KnowledgeBase")
            .field("counts", &self.counts)
            .finish_non_exhaustive()
    }
}

/// Paths (relative to `dict/`) of the built-in dictionary files embedded in the binary.
pub fn builtin_files() -> impl Iterator<Item = (&'static str, &'static str)> {
    embedded::FILES.iter().copied()
}

impl KnowledgeBase {
    /// The built-in knowledge base (the files of `dict/`, embedded at build time).
    pub fn builtin() -> Result<Self, DictErrors> {
        Self::load(&[])
    }

    /// The built-in base, then each folder in `extra_dirs` (laid out like `dict/`) on top:
    /// later layers override earlier ones. Reports every error found, each with file and line.
    pub fn load(extra_dirs: &[PathBuf]) -> Result<Self, DictErrors> {
        let mut b = KbBuilder::new();
        Self::load_builtin_into(&mut b);
        for dir in extra_dirs {
            Self::load_dir_into(&mut b, dir);
        }
        b.build()
    }

    /// Loads the built-in files as a new layer of `b`.
    pub fn load_builtin_into(b: &mut KbBuilder) {
        let files: Vec<parse::SourceFile> = embedded::FILES
            .iter()
            .map(|(rel, text)| parse::SourceFile {
                rel: (*rel).to_string(),
                display: format!("dict/{rel}"),
                text: std::borrow::Cow::Borrowed(*text),
            })
            .collect();
        parse::load_layer(b, &files);
    }

    /// Loads the folder `dir` (laid out like `dict/`) as a new layer of `b`.
    pub fn load_dir_into(b: &mut KbBuilder, dir: &std::path::Path) {
        match parse::read_dir(dir) {
            Ok(files) => parse::load_layer(b, &files),
            Err(e) => b.push_error(e),
        }
    }

    /// Sizes per kind.
    pub fn counts(&self) -> &Counts {
        &self.counts
    }

    /// Actor names in `words` (tokens, normalised or not): leftmost-longest, non-overlapping.
    /// `Match::id` is for [`KnowledgeBase::actor`].
    pub fn actors_in(&self, words: &[&str]) -> Vec<Match> {
        self.interner
            .with_ids(words, |ids| self.actor_trie.find_all(ids))
    }

    /// Actor and agent names in `words` in one pass over the words (the same results as
    /// [`KnowledgeBase::actors_in`] and [`KnowledgeBase::agents_in`]).
    pub fn actors_and_agents_in(&self, words: &[&str]) -> (Vec<Match>, Vec<Match>) {
        self.interner.with_ids(words, |ids| {
            (self.actor_trie.find_all(ids), self.agent_trie.find_all(ids))
        })
    }

    /// The actor with id `id` (from a [`Match`]). Panics if `id` did not come from this base.
    pub fn actor(&self, id: usize) -> &ActorEntry {
        &self.actors[id]
    }

    /// All actor entries, by id.
    pub fn actors(&self) -> &[ActorEntry] {
        &self.actors
    }

    /// Agent names in `words`: leftmost-longest, non-overlapping.
    /// `Match::id` is for [`KnowledgeBase::agent`].
    pub fn agents_in(&self, words: &[&str]) -> Vec<Match> {
        self.interner
            .with_ids(words, |ids| self.agent_trie.find_all(ids))
    }

    /// The agent with id `id` (from a [`Match`]). Panics if `id` did not come from this base.
    pub fn agent(&self, id: usize) -> &AgentEntry {
        &self.agents[id]
    }

    /// All agent entries, by id.
    pub fn agents(&self) -> &[AgentEntry] {
        &self.agents
    }

    /// The lemma of a verb form ("sent" -> "send"), for verbs with a block.
    pub fn verb_lemma(&self, form: &str) -> Option<&str> {
        let f = matcher::normalized(form);
        self.verb_forms
            .get(f.as_ref())
            .map(|&i| self.verbs[i].lemma.as_str())
    }

    /// The verb block of `lemma`.
    pub fn verb(&self, lemma: &str) -> Option<&HeadEntry> {
        self.verb_index.get(lemma).map(|&i| &self.verbs[i])
    }

    /// All verb blocks.
    pub fn verbs(&self) -> &[HeadEntry] {
        &self.verbs
    }

    /// The lemma of a noun form ("talks" -> "talk"), for nouns with a block.
    pub fn noun_lemma(&self, form: &str) -> Option<&str> {
        let f = matcher::normalized(form);
        self.noun_forms
            .get(f.as_ref())
            .map(|&i| self.nouns[i].lemma.as_str())
    }

    /// The noun block of `lemma`.
    pub fn noun(&self, lemma: &str) -> Option<&HeadEntry> {
        self.noun_index.get(lemma).map(|&i| &self.nouns[i])
    }

    /// All noun blocks.
    pub fn nouns(&self) -> &[HeadEntry] {
        &self.nouns
    }

    /// The CAMEO code `code` ("1312").
    pub fn cameo(&self, code: &str) -> Option<&CameoCode> {
        self.cameo_index.get(code).map(|&i| &self.cameo[i])
    }

    /// All CAMEO codes, in file order.
    pub fn cameo_codes(&self) -> &[CameoCode] {
        &self.cameo
    }

    /// CAMEO codes (3 and 4 digits) that no verb or noun pattern gives.
    pub fn cameo_without_patterns(&self) -> Vec<&str> {
        let mut used: std::collections::HashSet<&str> = std::collections::HashSet::new();
        for h in self.verbs.iter().chain(&self.nouns) {
            for p in &h.patterns {
                if let Some(c) = &p.code {
                    used.insert(c);
                }
            }
        }
        self.cameo
            .iter()
            .filter(|c| c.code.len() > 2 && !used.contains(c.code.as_str()))
            .map(|c| c.code.as_str())
            .collect()
    }

    /// The segment `code` ("GOV", "RUS").
    pub fn segment(&self, code: &str) -> Option<&Segment> {
        self.segments.get(code)
    }

    /// The actor named exactly `name` and its code on `date` (or its default code), with the
    /// role that gave it.
    pub fn lookup(
        &self,
        name: &str,
        date: Option<NaiveDate>,
    ) -> Option<(&ActorEntry, &str, Option<&Role>)> {
        let w = words(name);
        let refs: Vec<&str> = w.iter().map(String::as_str).collect();
        let ids = self.interner.ids(&refs);
        let id = self.actor_trie.get(&ids)?;
        let a = &self.actors[id];
        let (code, role) = a.code_on(date)?;
        Some((a, code, role))
    }

    /// The agent named exactly `name`.
    pub fn lookup_agent(&self, name: &str) -> Option<&AgentEntry> {
        let w = words(name);
        let refs: Vec<&str> = w.iter().map(String::as_str).collect();
        let id = self.agent_trie.get(&self.interner.ids(&refs))?;
        Some(&self.agents[id])
    }

    /// Combines an actor's code with an agent's sector code: a state or region actor keeps
    /// its first segment and takes the agent's ("RUS" or "RUSGOV" + "MIL" = "RUSMIL");
    /// other actors get the agent's code appended ("IGOWSTNAT" + "MIL" = "IGOWSTNATMIL")
    /// unless they already end with it. A named group inside a state code (a segment of kind
    /// `other` after the first, as in Hamas's PSEREBHAM) keeps its code: "Hamas fighters" are
    /// Hamas, not Palestinian armed forces in general.
    pub fn combine(&self, actor_code: &str, agent_code: &str) -> String {
        let named_group = (3..actor_code.len()).step_by(3).any(|i| {
            actor_code
                .get(i..i + 3)
                .and_then(|seg| self.segment(seg))
                .is_some_and(|s| s.kind == SegmentKind::Other)
        });
        if named_group {
            return actor_code.to_string();
        }
        let first = actor_code.get(..3).unwrap_or(actor_code);
        let state = self
            .segment(first)
            .is_some_and(|s| matches!(s.kind, SegmentKind::Country | SegmentKind::Region));
        if state {
            format!("{first}{agent_code}")
        } else if actor_code.ends_with(agent_code) {
            actor_code.to_string()
        } else {
            format!("{actor_code}{agent_code}")
        }
    }

    /// Resolves a short description to a code: an actor name ("Sergei Ryabkov"), an agent
    /// ("police"), or an actor with an agent ("Russia's Foreign Ministry", "Russian troops",
    /// "his Finnish counterpart", "Putin's aide"). Determiners, possessives and `of` may stand
    /// around them; any other word makes the description unresolved (`None`).
    pub fn resolve(&self, phrase: &str, date: Option<NaiveDate>) -> Option<Resolution<'_>> {
        let w = words(phrase);
        let refs: Vec<&str> = w.iter().map(String::as_str).collect();
        let ids = self.interner.ids(&refs);
        let mut actor: Option<(&ActorEntry, &str, Option<&Role>)> = None;
        let mut agent: Option<&AgentEntry> = None;
        let mut i = 0;
        while i < ids.len() {
            let a = self.actor_trie.longest_at(&ids, i);
            let g = self.agent_trie.longest_at(&ids, i);
            // Prefer the longer match; on a tie, the actor ("Foreign Ministry" may be both).
            match (a, g) {
                (Some((ae, aid)), g) if g.is_none_or(|(ge, _)| ae >= ge) && actor.is_none() => {
                    let e = &self.actors[aid];
                    let (code, role) = e.code_on(date)?;
                    actor = Some((e, code, role));
                    i = ae;
                }
                (_, Some((ge, gid))) if agent.is_none() => {
                    agent = Some(&self.agents[gid]);
                    i = ge;
                }
                _ if FILLER.contains(&refs[i]) => i += 1,
                _ => return None,
            }
        }
        match (actor, agent) {
            (Some((e, code, role)), None) => Some(Resolution {
                code: code.to_string(),
                actor: Some(e),
                role,
                agent: None,
            }),
            (Some((e, code, role)), Some(g)) => Some(Resolution {
                code: self.combine(code, &g.code),
                actor: Some(e),
                role,
                agent: Some(g),
            }),
            (None, Some(g)) => Some(Resolution {
                code: g.code.clone(),
                actor: None,
                role: None,
                agent: Some(g),
            }),
            (None, None) => None,
        }
    }
}
