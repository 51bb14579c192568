//! petrel-store: the embedded SQLite store of documents, events, quotes and actors.
