//! petrel-ingest: reads news in the forms analysts have it into [`petrel_core::Document`]s.
