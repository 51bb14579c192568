//! petrel-coder: from analysed text and a knowledge base to events and quotes.
