//! petrel-coder: from analysed text and a knowledge base to events and quotes.
//!
//! PUBLIC API CONTRACT (the CLI, the store and the PETRARCH validator build on these names):
//! [`Coder::new`], [`Coder::code`], [`Coder::explain`].
//!
//! The pipeline, one module a stage: [`words`] (clitics split, normalised, tagged by the
//! Brill-style [`tagger`], lemmatised), [`syntax`] (noun phrases, verb groups, clauses and
//! roles), [`refs`] (the article's memory for references), [`engine`] (actors, quotes and
//! attribution, events from verb and noun patterns, modality), with cue words from
//! `dict/cues.txt` ([`cues`]).
//!
//! Architecture invariant: the coder never does I/O.

pub mod cues;
pub mod engine;
pub mod explain;
pub mod filter;
pub mod kb;
pub mod refs;
pub mod syntax;
pub mod tagger;
pub mod words;

use petrel_core::Document;
use petrel_dict::KnowledgeBase;
use petrel_events::Record;

pub use cues::{CueError, Cues};
pub use engine::{Mention, SentenceTrace, Trace};
pub use kb::Knowledge;

/// Codes documents with one knowledge base. `Sync`: share one across threads.
pub struct Coder<'kb> {
    kb: &'kb dyn Knowledge,
    cues: &'kb Cues,
    filter: filter::PatternFilter,
    petrarch_targets: bool,
}

impl<'kb> Coder<'kb> {
    /// A coder over `kb` with the built-in cue words.
    pub fn new(kb: &'kb KnowledgeBase) -> Self {
        Coder::with_knowledge(kb, Cues::builtin())
    }

    /// A coder over any [`Knowledge`] and cue set.
    pub fn with_knowledge(kb: &'kb dyn Knowledge, cues: &'kb Cues) -> Self {
        let filter = filter::PatternFilter::new(kb.heads());
        // Dictionaries that tell places (cities, seats of power) from countries let a
        // locative phrase name where an event happened; dictionaries with no places at all
        // (PETRARCH's) cannot, and follow PETRARCH's convention instead.
        let has_places = (0..)
            .map_while(|i| kb.actor(i))
            .any(|a| a.kind == petrel_dict::ActorKind::Place);
        Coder {
            kb,
            cues,
            filter,
            petrarch_targets: !has_places,
        }
    }

    /// Whether PETRARCH's conventions for targets apply when the verb's complements name no
    /// actor in its object or a prepositional object: an actor in a locative phrase ("shells
    /// at Seoul", "asylum in Gondor") or modifying a noun ("an anti- Gondor parade") is the
    /// target, and coordinated subjects with no target act on each other ("Gondor and
    /// Osgiliath have delayed their meeting"). On by default only for dictionaries with no
    /// place entries (PETRARCH's); petrel's own dictionaries mark places, a place in a
    /// locative phrase is where the event happened, and a joint act has no target.
    pub fn with_petrarch_targets(mut self, on: bool) -> Self {
        self.petrarch_targets = on;
        self
    }

    /// See [`Coder::with_petrarch_targets`].
    pub fn petrarch_targets(&self) -> bool {
        self.petrarch_targets
    }

    fn engine(&self, explain: bool) -> engine::Engine<'_> {
        engine::Engine {
            kb: self.kb,
            cues: self.cues,
            filter: &self.filter,
            explain,
            petrarch_targets: self.petrarch_targets,
        }
    }

    /// Events (of every modality) and quotes of `doc`, in text order. Callers that want only
    /// the factual ones keep events whose `modality.is_factual()`.
    pub fn code(&self, doc: &Document) -> Vec<Record> {
        let analysis = petrel_text::analyze(doc);
        self.engine(false).code(doc, &analysis, None)
    }

    /// Codes `doc` and returns, with the records, a trace of every sentence: tags, chunks,
    /// clauses, actors, patterns tried, and why each event was or was not produced.
    pub fn explain(&self, doc: &Document) -> (Vec<Record>, Trace) {
        let analysis = petrel_text::analyze(doc);
        let mut trace = Trace::default();
        let records = self.engine(true).code(doc, &analysis, Some(&mut trace));
        (records, trace)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coder_is_shared_across_threads() {
        fn assert_sync<T: Sync + Send>() {}
        assert_sync::<Coder<'static>>();
    }
}
