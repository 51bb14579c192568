//! What the coder asks of a knowledge base. [`petrel_dict::KnowledgeBase`] answers it; tests
//! and other front ends may bring their own.

use petrel_dict::{ActorEntry, AgentEntry, CameoCode, HeadEntry, Match};

/// Lookups the coder needs, over normalised words (lowercase, straight quotes).
pub trait Knowledge: Sync {
    /// Actor names found in `words`, longest first at each start, not overlapping.
    fn actors_in(&self, words: &[&str]) -> Vec<Match>;
    /// The actor entry `id` of a match.
    fn actor(&self, id: usize) -> Option<&ActorEntry>;
    /// Agent (role noun) names found in `words`.
    fn agents_in(&self, words: &[&str]) -> Vec<Match>;
    /// The agent entry `id` of a match.
    fn agent(&self, id: usize) -> Option<&AgentEntry>;
    /// The lemma of a verb form the dictionary knows.
    fn verb_lemma(&self, form: &str) -> Option<&str>;
    /// The verb block of a lemma.
    fn verb(&self, lemma: &str) -> Option<&HeadEntry>;
    /// The lemma of a noun form the dictionary knows (event nouns).
    fn noun_lemma(&self, form: &str) -> Option<&str>;
    /// The noun block of a lemma.
    fn noun(&self, lemma: &str) -> Option<&HeadEntry>;
    /// A CAMEO code's entry.
    fn cameo(&self, code: &str) -> Option<&CameoCode>;
    /// All verb and noun blocks (for the coder's pattern pre-filter; may be empty).
    fn heads(&self) -> Vec<&HeadEntry> {
        Vec::new()
    }
}

impl Knowledge for petrel_dict::KnowledgeBase {
    fn actors_in(&self, words: &[&str]) -> Vec<Match> {
        petrel_dict::KnowledgeBase::actors_in(self, words)
    }
    fn actor(&self, id: usize) -> Option<&ActorEntry> {
        self.actors().get(id)
    }
    fn agents_in(&self, words: &[&str]) -> Vec<Match> {
        petrel_dict::KnowledgeBase::agents_in(self, words)
    }
    fn agent(&self, id: usize) -> Option<&AgentEntry> {
        self.agents().get(id)
    }
    fn verb_lemma(&self, form: &str) -> Option<&str> {
        petrel_dict::KnowledgeBase::verb_lemma(self, form)
    }
    fn verb(&self, lemma: &str) -> Option<&HeadEntry> {
        petrel_dict::KnowledgeBase::verb(self, lemma)
    }
    fn noun_lemma(&self, form: &str) -> Option<&str> {
        petrel_dict::KnowledgeBase::noun_lemma(self, form)
    }
    fn noun(&self, lemma: &str) -> Option<&HeadEntry> {
        petrel_dict::KnowledgeBase::noun(self, lemma)
    }
    fn cameo(&self, code: &str) -> Option<&CameoCode> {
        petrel_dict::KnowledgeBase::cameo(self, code)
    }
    fn heads(&self) -> Vec<&HeadEntry> {
        self.verbs().iter().chain(self.nouns()).collect()
    }
}
