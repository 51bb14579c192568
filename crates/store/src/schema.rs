//! The schema and its migrations. `PRAGMA user_version` holds the number of migrations applied;
//! each migration runs in its own transaction, so a killed upgrade leaves the old version.
//!
//! Tables:
//! - `documents`: one row per stored document (`doc_key` is `Document::id`, `hash` the content
//!   hash, `minhash` the near-duplicate signature, `cluster` the id of the first document of its
//!   near-duplicate cluster, `added` when it was stored, `YYYYMMDDHHMMSS` UTC).
//! - `sentences`: sentence spans per document.
//! - `events`: every field of `petrel_events::Event` (attribution and location as JSON), and
//!   `group_id`, the event group it counts in.
//! - `event_groups`: one event counted once: (date, source code, target code, CAMEO code,
//!   modality) with its mentions, articles, sources and distinct stories.
//! - `quotes`, `mentions` (actor mentions of events and quotes, for annotated documents),
//!   `actors` (distinct actor codes and a name), `doc_bands` (MinHash LSH bands), `doc_links`
//!   (near-duplicate pairs with their estimated similarity).

use crate::{Result, StoreError};
use rusqlite::Connection;
use std::path::Path;

/// The migrations, in order. Never edit a released one: add a new one.
pub(crate) const MIGRATIONS: &[&str] = &[
    // 1: the first schema.
    "CREATE TABLE documents (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        doc_key TEXT NOT NULL UNIQUE,
        hash TEXT NOT NULL UNIQUE,
        title TEXT,
        date TEXT,
        url TEXT,
        source TEXT,
        origin TEXT NOT NULL DEFAULT '',
        text TEXT NOT NULL,
        minhash BLOB,
        cluster INTEGER,
        added TEXT NOT NULL
    );
    CREATE INDEX documents_cluster ON documents(cluster);
    CREATE TABLE sentences (
        doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        PRIMARY KEY (doc_id, idx)
    ) WITHOUT ROWID;
    CREATE TABLE event_groups (
        id INTEGER PRIMARY KEY,
        date TEXT NOT NULL,
        source_code TEXT NOT NULL,
        target_code TEXT NOT NULL,
        cameo TEXT NOT NULL,
        modality TEXT NOT NULL,
        num_mentions INTEGER NOT NULL DEFAULT 0,
        num_articles INTEGER NOT NULL DEFAULT 0,
        num_sources INTEGER NOT NULL DEFAULT 0,
        num_stories INTEGER NOT NULL DEFAULT 0,
        UNIQUE (date, source_code, target_code, cameo, modality)
    );
    CREATE TABLE events (
        id INTEGER PRIMARY KEY,
        doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        ord INTEGER NOT NULL,
        sentence INTEGER NOT NULL,
        date TEXT NOT NULL,
        source_code TEXT NOT NULL,
        source_text TEXT NOT NULL,
        source_name TEXT,
        source_start INTEGER NOT NULL,
        source_end INTEGER NOT NULL,
        target_code TEXT NOT NULL,
        target_text TEXT,
        target_name TEXT,
        target_start INTEGER,
        target_end INTEGER,
        cameo TEXT NOT NULL,
        cameo_name TEXT NOT NULL,
        goldstein REAL NOT NULL,
        quad_class INTEGER NOT NULL,
        plover_type TEXT NOT NULL,
        plover_mode TEXT NOT NULL,
        modality TEXT NOT NULL,
        attribution TEXT NOT NULL,
        evidence_text TEXT NOT NULL,
        evidence_start INTEGER NOT NULL,
        evidence_end INTEGER NOT NULL,
        rule TEXT NOT NULL,
        location TEXT,
        group_id INTEGER NOT NULL REFERENCES event_groups(id)
    );
    CREATE INDEX events_doc ON events(doc_id);
    CREATE INDEX events_date ON events(date);
    CREATE INDEX events_source ON events(source_code, target_code);
    CREATE INDEX events_target ON events(target_code);
    CREATE INDEX events_group ON events(group_id);
    CREATE TABLE quotes (
        id INTEGER PRIMARY KEY,
        doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        ord INTEGER NOT NULL,
        sentence INTEGER NOT NULL,
        text TEXT NOT NULL,
        direct INTEGER NOT NULL,
        speaker_text TEXT NOT NULL,
        speaker_code TEXT NOT NULL,
        speaker_name TEXT,
        speaker_start INTEGER NOT NULL,
        speaker_end INTEGER NOT NULL,
        via TEXT NOT NULL,
        evidence_text TEXT NOT NULL,
        evidence_start INTEGER NOT NULL,
        evidence_end INTEGER NOT NULL
    );
    CREATE INDEX quotes_doc ON quotes(doc_id);
    CREATE TABLE mentions (
        id INTEGER PRIMARY KEY,
        doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        event_id INTEGER REFERENCES events(id) ON DELETE CASCADE,
        quote_id INTEGER REFERENCES quotes(id) ON DELETE CASCADE,
        role TEXT NOT NULL,
        code TEXT NOT NULL,
        text TEXT NOT NULL,
        name TEXT,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL
    );
    CREATE INDEX mentions_doc ON mentions(doc_id);
    CREATE INDEX mentions_event ON mentions(event_id);
    CREATE INDEX mentions_quote ON mentions(quote_id);
    CREATE TABLE actors (
        code TEXT PRIMARY KEY,
        name TEXT
    ) WITHOUT ROWID;
    CREATE TABLE doc_bands (
        band_key INTEGER NOT NULL,
        doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        PRIMARY KEY (band_key, doc_id)
    ) WITHOUT ROWID;
    CREATE INDEX doc_bands_doc ON doc_bands(doc_id);
    CREATE TABLE doc_links (
        doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        other_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        similarity REAL NOT NULL,
        PRIMARY KEY (doc_id, other_id)
    ) WITHOUT ROWID;
    CREATE INDEX doc_links_other ON doc_links(other_id);",
    // 2: a covering index for dyad timelines and actor counts (events rows are wide: reading
    // the index instead of the table makes aggregates several times faster).
    "DROP INDEX events_source;
    CREATE INDEX events_dyad ON events(source_code, target_code, date, modality, quad_class, goldstein);",
];

/// The schema version this build writes (the number of migrations).
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// Applies the migrations the database lacks.
pub(crate) fn migrate(conn: &mut Connection, path: &Path) -> Result<()> {
    let open_err = |source| StoreError::Open {
        path: path.to_path_buf(),
        error: source,
    };
    let found: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(open_err)?;
    // A negative version is no petrel's: without this check no migration would apply and
    // every later statement would fail on a missing table.
    if !(0..=SCHEMA_VERSION).contains(&found) {
        return Err(StoreError::TooNew {
            path: path.to_path_buf(),
            found,
            supported: SCHEMA_VERSION,
        });
    }
    if found == SCHEMA_VERSION {
        // Up to date: no write lock needed (readers open while an ingest writes).
        return Ok(());
    }
    // Each step re-reads the version inside an immediate (write-locked) transaction, so two
    // processes opening a new database at once do not both run a migration.
    loop {
        let tx = conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(open_err)?;
        let v: i64 = tx
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(open_err)?;
        let Some(sql) = MIGRATIONS.get(v as usize) else {
            break;
        };
        tx.execute_batch(sql).map_err(open_err)?;
        tx.pragma_update(None, "user_version", v + 1)
            .map_err(open_err)?;
        tx.commit().map_err(open_err)?;
    }
    Ok(())
}
