//! petrel-petrarch: readers for PETRARCH2 dictionaries and validation records.
