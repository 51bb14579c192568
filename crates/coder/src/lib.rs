//! petrel-coder: from analysed text and a knowledge base to events and quotes.
//!
//! PUBLIC API CONTRACT (the CLI, the store and the PETRARCH validator build on these names):
//! [`Coder::new`], [`Coder::code`].
//!
//! Architecture invariant: the coder never does I/O.

use petrel_core::Document;
use petrel_dict::KnowledgeBase;
use petrel_events::Record;

/// Codes documents with one knowledge base. `Sync`: share one across threads.
pub struct Coder<'kb> {
    _kb: &'kb KnowledgeBase,
}

impl<'kb> Coder<'kb> {
    /// A coder over `kb`.
    pub fn new(kb: &'kb KnowledgeBase) -> Self {
        Coder { _kb: kb }
    }

    /// Events (of every modality) and quotes of `doc`, in text order. Callers that want only
    /// the factual ones keep events whose `modality.is_factual()`.
    /// (Placeholder until the coder lands: returns no records.)
    pub fn code(&self, _doc: &Document) -> Vec<Record> {
        Vec::new()
    }
}
