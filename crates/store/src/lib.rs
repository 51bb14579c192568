//! petrel-store: the embedded SQLite store of documents, events, quotes and actors.
//!
//! A [`Store`] is one SQLite database file (WAL journal, schema versioned with migrations in
//! `PRAGMA user_version`). [`Store::put_document`] stores a document with its sentence spans and
//! coded records in one transaction: the same content twice changes nothing, changed content
//! replaces the document's old rows. Near-duplicate articles (the same wire story in several
//! outlets) are found with word shingles and MinHash and linked in a cluster, and every event
//! belongs to an event group that counts its mentions, articles, sources and distinct stories
//! (GDELT's NumMentions / NumArticles / NumSources).
//!
//! Queries ([`EventFilter`], [`Store::events`], [`Store::timeline`], [`Store::actors`],
//! [`Store::network`], [`Store::document`]) and exports ([`export`]) aggregate in SQL, so they
//! stay fast on hundreds of thousands of events.
//!
//! Architecture invariant: the store never codes text; callers hand it records made by the
//! coder, and every offset it keeps is a byte offset into the stored document text.

use chrono::NaiveDate;
use petrel_core::{Document, Span};
use petrel_events::{Modality, Record};
use rusqlite::{params, Connection, OptionalExtension};
use std::path::{Path, PathBuf};

mod dedup;
pub mod export;
mod query;
mod schema;

pub use dedup::{minhash, shingles, similarity, MINHASH_LEN};
pub use query::{
    ActorCount, ActorPattern, DocumentView, DuplicateLink, EventFilter, EventPage, Interval,
    Mention, NetworkEdge, Page, SortKey, StoredEvent, StoredQuote, TimelinePoint, MAX_PAGE_SIZE,
};
pub use schema::SCHEMA_VERSION;

/// Errors of the store. Each names the file, field or value at fault.
///
/// Each message is complete: it carries its cause's message, and `source()` is `None`, so that
/// printing the error with its chain (`anyhow`'s `{:#}`) does not say the cause twice.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database file could not be opened or migrated.
    #[error("cannot open database {path}: {error}")]
    Open {
        /// The database file.
        path: PathBuf,
        /// What SQLite said.
        error: rusqlite::Error,
    },
    /// The database was written by a newer petrel (or its schema version is not one petrel
    /// writes, such as a negative one).
    #[error(
        "database {path} has schema version {found}; this petrel knows versions up to {supported}"
    )]
    TooNew {
        /// The database file.
        path: PathBuf,
        /// Its `user_version`.
        found: i64,
        /// The newest version this build knows.
        supported: i64,
    },
    /// A statement failed.
    #[error("database error: {0}")]
    Sql(rusqlite::Error),
    /// A parameter (filter, page, format) is not valid.
    #[error("invalid {field}: {message}")]
    Invalid {
        /// The parameter ("source", "from", "per_page").
        field: &'static str,
        /// What is wrong with it.
        message: String,
    },
    /// Stored JSON (attribution, location) could not be read back.
    #[error("corrupt stored JSON in {field}: {error}")]
    Json {
        /// The column.
        field: &'static str,
        /// The parser's error.
        error: serde_json::Error,
    },
    /// Writing an export failed.
    #[error("cannot write export: {0}")]
    Io(std::io::Error),
    /// Writing CSV failed.
    #[error("cannot write CSV: {0}")]
    Csv(csv::Error),
    /// Parquet export requested from a build without the `parquet` feature.
    #[error("this petrel was built without Parquet support; rebuild with `cargo build --release --features parquet`, or export csv, jsonl or gdelt")]
    ParquetDisabled,
    /// Writing Parquet failed.
    #[error("cannot write Parquet: {0}")]
    Parquet(String),
}

impl StoreError {
    /// Whether an export's reader went away (`petrel export ... | head`): a normal end for a
    /// command-line tool rather than a failure.
    pub fn is_broken_pipe(&self) -> bool {
        let kind = match self {
            StoreError::Io(e) => Some(e.kind()),
            StoreError::Csv(e) => match e.kind() {
                csv::ErrorKind::Io(e) => Some(e.kind()),
                _ => None,
            },
            StoreError::Json { error, .. } => error.io_error_kind(),
            _ => None,
        };
        kind == Some(std::io::ErrorKind::BrokenPipe)
    }
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        StoreError::Sql(e)
    }
}

impl From<std::io::Error> for StoreError {
    fn from(e: std::io::Error) -> Self {
        StoreError::Io(e)
    }
}

impl From<csv::Error> for StoreError {
    fn from(e: csv::Error) -> Self {
        StoreError::Csv(e)
    }
}

/// Result of the store's operations.
pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// What storing a document did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PutOutcome {
    /// A new document was stored.
    Inserted,
    /// The same document (same id, same content hash) was already there: nothing changed.
    Unchanged,
    /// A document with this id but other content was there; its rows were replaced.
    Replaced,
    /// Another document (other id) has exactly this content; nothing was stored.
    Duplicate {
        /// The id of the stored document with the same content.
        of: String,
    },
}

/// What the store holds for a document id, before coding it (to skip coding unchanged ones).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DocStatus {
    /// No document with this id or content.
    New,
    /// Same id and content hash: storing it again would change nothing.
    Unchanged,
    /// Same id, other content: storing it would replace the old rows.
    Changed,
    /// Another id holds exactly this content.
    Duplicate {
        /// That document's id.
        of: String,
    },
}

/// Row counts of the main tables (for tests, `petrel ingest`'s summary and `/api/stats`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
pub struct Counts {
    /// Documents.
    pub documents: u64,
    /// Sentence spans.
    pub sentences: u64,
    /// Events.
    pub events: u64,
    /// Event groups (events counted once across mentions).
    pub event_groups: u64,
    /// Quotes.
    pub quotes: u64,
    /// Actor mentions (sources, targets, speakers, locations).
    pub mentions: u64,
    /// Distinct actor codes.
    pub actors: u64,
    /// Near-duplicate links between documents.
    pub duplicate_links: u64,
}

/// One document ready to store: the document, its sentence spans, its coded records.
#[derive(Debug, Clone, Copy)]
pub struct Coded<'a> {
    /// The document.
    pub doc: &'a Document,
    /// Its sentences, in order (the indices events and quotes refer to).
    pub sentences: &'a [Span],
    /// Its events and quotes.
    pub records: &'a [Record],
}

/// The store: one SQLite connection. Open one per thread.
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

/// The content hash of a document: SHA-256 over its text and metadata (hex).
pub fn content_hash(doc: &Document) -> String {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    let field = |h: &mut Sha256, s: Option<&str>| {
        match s {
            Some(s) => {
                h.update(b"1");
                h.update((s.len() as u64).to_le_bytes());
                h.update(s.as_bytes());
            }
            None => h.update(b"0"),
        };
    };
    field(&mut h, doc.title.as_deref());
    let date = doc.date.map(|d| d.to_string());
    field(&mut h, date.as_deref());
    field(&mut h, doc.url.as_deref());
    field(&mut h, doc.source.as_deref());
    field(&mut h, Some(&doc.text));
    let digest = h.finalize();
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

impl Store {
    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    pub fn open(path: impl AsRef<Path>) -> Result<Store> {
        let path = path.as_ref().to_path_buf();
        let err = |source| StoreError::Open {
            path: path.clone(),
            error: source,
        };
        let conn = Connection::open(&path).map_err(err)?;
        Self::setup(conn, path)
    }

    /// An in-memory store (tests, benches).
    pub fn open_in_memory() -> Result<Store> {
        let conn = Connection::open_in_memory().map_err(|source| StoreError::Open {
            path: PathBuf::from(":memory:"),
            error: source,
        })?;
        Self::setup(conn, PathBuf::from(":memory:"))
    }

    fn setup(mut conn: Connection, path: PathBuf) -> Result<Store> {
        let err = |source| StoreError::Open {
            path: path.clone(),
            error: source,
        };
        conn.busy_timeout(std::time::Duration::from_secs(10))
            .map_err(err)?;
        conn.execute_batch(
            "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;",
        )
        .map_err(err)?;
        query::register_functions(&conn).map_err(err)?;
        schema::migrate(&mut conn, &path)?;
        Ok(Store { conn, path })
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The underlying connection (read-only use; the schema is documented in `schema.rs`).
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    /// What storing `doc` would do, by id and content hash.
    pub fn status(&self, doc: &Document) -> Result<DocStatus> {
        status_in(&self.conn, doc, &content_hash(doc))
    }

    /// Stores one document with its sentences and records, in one transaction.
    pub fn put_document(
        &mut self,
        doc: &Document,
        sentences: &[Span],
        records: &[Record],
    ) -> Result<PutOutcome> {
        let mut out = self.put_batch(&[Coded {
            doc,
            sentences,
            records,
        }])?;
        Ok(out.pop().unwrap_or(PutOutcome::Unchanged))
    }

    /// Stores several documents in one transaction (all or none), faster than one by one.
    /// Outcomes are in input order.
    pub fn put_batch(&mut self, batch: &[Coded<'_>]) -> Result<Vec<PutOutcome>> {
        self.put_batch_with(batch, false)
    }

    /// Like [`Store::put_batch`]; with `recode`, documents already stored with the same
    /// content are replaced too (after a dictionary or coder change), and report
    /// [`PutOutcome::Replaced`].
    pub fn put_batch_with(&mut self, batch: &[Coded<'_>], recode: bool) -> Result<Vec<PutOutcome>> {
        let tx = self.conn.transaction()?;
        let mut outcomes = Vec::with_capacity(batch.len());
        let mut groups = std::collections::BTreeSet::new();
        let now = chrono::Utc::now().format("%Y%m%d%H%M%S").to_string();
        for c in batch {
            outcomes.push(put_in(&tx, c, &now, recode, &mut groups)?);
        }
        refresh_groups(&tx, &groups)?;
        tx.commit()?;
        Ok(outcomes)
    }

    /// Removes a document and all its rows. Returns false when there was none.
    pub fn delete_document(&mut self, id: &str) -> Result<bool> {
        let tx = self.conn.transaction()?;
        let mut groups = std::collections::BTreeSet::new();
        let found = match doc_rowid(&tx, id)? {
            Some(rowid) => {
                delete_rows(&tx, rowid, &mut groups)?;
                true
            }
            None => false,
        };
        refresh_groups(&tx, &groups)?;
        tx.commit()?;
        Ok(found)
    }

    /// Row counts of the main tables.
    pub fn counts(&self) -> Result<Counts> {
        let n = |table: &str| -> Result<u64> {
            let sql = format!("SELECT COUNT(*) FROM {table}");
            Ok(self.conn.query_row(&sql, [], |r| r.get::<_, i64>(0))? as u64)
        };
        Ok(Counts {
            documents: n("documents")?,
            sentences: n("sentences")?,
            events: n("events")?,
            event_groups: n("event_groups")?,
            quotes: n("quotes")?,
            mentions: n("mentions")?,
            actors: n("actors")?,
            duplicate_links: n("doc_links")?,
        })
    }

    /// Checks the database's own consistency (SQLite's integrity and foreign-key checks, and
    /// that event-group counts match the events). Returns the problems found.
    pub fn check(&self) -> Result<Vec<String>> {
        let mut problems = Vec::new();
        let mut st = self.conn.prepare("PRAGMA integrity_check")?;
        for r in st.query_map([], |r| r.get::<_, String>(0))? {
            let r = r?;
            if r != "ok" {
                problems.push(format!("integrity: {r}"));
            }
        }
        let mut st = self.conn.prepare("PRAGMA foreign_key_check")?;
        let mut rows = st.query([])?;
        while let Some(r) = rows.next()? {
            problems.push(format!(
                "foreign key: table {} row {}",
                r.get::<_, String>(0)?,
                r.get::<_, Option<i64>>(1)?.unwrap_or(-1)
            ));
        }
        let bad: i64 = self.conn.query_row(
            "SELECT COUNT(*) FROM event_groups g WHERE num_mentions <>
               (SELECT COUNT(*) FROM events e WHERE e.group_id = g.id)",
            [],
            |r| r.get(0),
        )?;
        if bad > 0 {
            problems.push(format!("{bad} event groups with wrong mention counts"));
        }
        let dup: i64 = self.conn.query_row(
            "SELECT COUNT(*) FROM (SELECT hash FROM documents GROUP BY hash HAVING COUNT(*) > 1)",
            [],
            |r| r.get(0),
        )?;
        if dup > 0 {
            problems.push(format!("{dup} content hashes stored twice"));
        }
        Ok(problems)
    }
}

fn doc_rowid(conn: &Connection, key: &str) -> Result<Option<i64>> {
    Ok(conn
        .query_row("SELECT id FROM documents WHERE doc_key = ?1", [key], |r| {
            r.get(0)
        })
        .optional()?)
}

fn status_in(conn: &Connection, doc: &Document, hash: &str) -> Result<DocStatus> {
    let by_key: Option<String> = conn
        .query_row(
            "SELECT hash FROM documents WHERE doc_key = ?1",
            [&doc.id],
            |r| r.get(0),
        )
        .optional()?;
    if by_key.as_deref() == Some(hash) {
        return Ok(DocStatus::Unchanged);
    }
    let other: Option<String> = conn
        .query_row(
            "SELECT doc_key FROM documents WHERE hash = ?1",
            [hash],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(of) = other {
        return Ok(DocStatus::Duplicate { of });
    }
    Ok(if by_key.is_some() {
        DocStatus::Changed
    } else {
        DocStatus::New
    })
}

/// Deletes a document's rows, remembering the event groups they belonged to.
fn delete_rows(
    conn: &Connection,
    rowid: i64,
    groups: &mut std::collections::BTreeSet<i64>,
) -> Result<()> {
    let mut st = conn.prepare_cached("SELECT DISTINCT group_id FROM events WHERE doc_id = ?1")?;
    for g in st.query_map([rowid], |r| r.get::<_, i64>(0))? {
        groups.insert(g?);
    }
    // Children go by ON DELETE CASCADE.
    conn.execute("DELETE FROM documents WHERE id = ?1", [rowid])?;
    Ok(())
}

fn put_in(
    conn: &Connection,
    c: &Coded<'_>,
    now: &str,
    recode: bool,
    groups: &mut std::collections::BTreeSet<i64>,
) -> Result<PutOutcome> {
    let doc = c.doc;
    if doc.id.is_empty() {
        return Err(StoreError::Invalid {
            field: "id",
            message: format!("document from {:?} has an empty id", doc.origin),
        });
    }
    let hash = content_hash(doc);
    let outcome = match status_in(conn, doc, &hash)? {
        DocStatus::Unchanged if !recode => return Ok(PutOutcome::Unchanged),
        DocStatus::Unchanged => {
            if let Some(rowid) = doc_rowid(conn, &doc.id)? {
                delete_rows(conn, rowid, groups)?;
            }
            PutOutcome::Replaced
        }
        DocStatus::Duplicate { of } => return Ok(PutOutcome::Duplicate { of }),
        DocStatus::Changed => {
            if let Some(rowid) = doc_rowid(conn, &doc.id)? {
                delete_rows(conn, rowid, groups)?;
            }
            PutOutcome::Replaced
        }
        DocStatus::New => PutOutcome::Inserted,
    };
    insert_document(conn, c, &hash, now, groups)?;
    Ok(outcome)
}

fn insert_document(
    conn: &Connection,
    c: &Coded<'_>,
    hash: &str,
    now: &str,
    groups: &mut std::collections::BTreeSet<i64>,
) -> Result<()> {
    let doc = c.doc;
    let sig = dedup::minhash(&doc.text);
    let sig_blob: Option<Vec<u8>> = sig
        .as_ref()
        .map(|s| s.iter().flat_map(|v| v.to_le_bytes()).collect());
    conn.prepare_cached(
        "INSERT INTO documents (doc_key, hash, title, date, url, source, origin, text, minhash, added)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?
    .execute(params![
        doc.id,
        hash,
        doc.title,
        doc.date.map(|d| d.to_string()),
        doc.url,
        doc.source,
        doc.origin,
        doc.text,
        sig_blob,
        now,
    ])?;
    let rowid = conn.last_insert_rowid();

    // Near-duplicates: LSH bands of the MinHash signature find candidates; the estimated
    // Jaccard similarity decides. The document joins the oldest matching cluster.
    let mut cluster = rowid;
    if let Some(sig) = &sig {
        let bands = dedup::band_keys(sig);
        let mut candidates = std::collections::BTreeSet::new();
        {
            let mut st =
                conn.prepare_cached("SELECT doc_id FROM doc_bands WHERE band_key = ?1 LIMIT 64")?;
            for b in &bands {
                for d in st.query_map([b], |r| r.get::<_, i64>(0))? {
                    candidates.insert(d?);
                }
            }
        }
        let mut get =
            conn.prepare_cached("SELECT minhash, cluster FROM documents WHERE id = ?1")?;
        let mut link = conn.prepare_cached(
            "INSERT OR IGNORE INTO doc_links (doc_id, other_id, similarity) VALUES (?1, ?2, ?3)",
        )?;
        for cand in candidates {
            let (blob, cl): (Option<Vec<u8>>, i64) =
                get.query_row([cand], |r| Ok((r.get(0)?, r.get(1)?)))?;
            let Some(other) = blob.as_deref().and_then(dedup::decode) else {
                continue;
            };
            let sim = dedup::similarity(sig, &other);
            if sim >= dedup::NEAR_DUPLICATE {
                link.execute(params![rowid, cand, sim])?;
                cluster = cluster.min(cl);
            }
        }
        let mut ins =
            conn.prepare_cached("INSERT INTO doc_bands (band_key, doc_id) VALUES (?1, ?2)")?;
        for b in bands {
            ins.execute(params![b, rowid])?;
        }
    }
    conn.execute(
        "UPDATE documents SET cluster = ?1 WHERE id = ?2",
        params![cluster, rowid],
    )?;

    {
        let mut st = conn.prepare_cached(
            "INSERT INTO sentences (doc_id, idx, start, end) VALUES (?1, ?2, ?3, ?4)",
        )?;
        for (i, s) in c.sentences.iter().enumerate() {
            st.execute(params![rowid, i as i64, s.start as i64, s.end as i64])?;
        }
    }

    let mut ev = conn.prepare_cached(
        "INSERT INTO events (doc_id, ord, sentence, date, source_code, source_text, source_name,
           source_start, source_end, target_code, target_text, target_name, target_start,
           target_end, cameo, cameo_name, goldstein, quad_class, plover_type, plover_mode,
           modality, attribution, evidence_text, evidence_start, evidence_end, rule, location,
           group_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
           ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28)",
    )?;
    let mut grp_ins = conn.prepare_cached(
        "INSERT OR IGNORE INTO event_groups (date, source_code, target_code, cameo, modality)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    let mut grp_get = conn.prepare_cached(
        "SELECT id FROM event_groups WHERE date = ?1 AND source_code = ?2 AND target_code = ?3
           AND cameo = ?4 AND modality = ?5",
    )?;
    let mut qt = conn.prepare_cached(
        "INSERT INTO quotes (doc_id, ord, sentence, text, direct, speaker_text, speaker_code,
           speaker_name, speaker_start, speaker_end, via, evidence_text, evidence_start,
           evidence_end)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
    )?;
    let mut men = conn.prepare_cached(
        "INSERT INTO mentions (doc_id, event_id, quote_id, role, code, text, name, start, end)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?;
    let mut actor = conn.prepare_cached(
        "INSERT INTO actors (code, name) VALUES (?1, ?2)
         ON CONFLICT(code) DO UPDATE SET name = COALESCE(excluded.name, actors.name)",
    )?;
    for (ord, rec) in c.records.iter().enumerate() {
        match rec {
            Record::Event(e) => {
                let attribution =
                    serde_json::to_string(&e.attribution).map_err(|source| StoreError::Json {
                        field: "attribution",
                        error: source,
                    })?;
                let location = match &e.location {
                    Some(l) => {
                        Some(serde_json::to_string(l).map_err(|source| StoreError::Json {
                            field: "location",
                            error: source,
                        })?)
                    }
                    None => None,
                };
                let t = e.target.as_ref();
                let target_code = t.map(|t| t.code.as_str()).unwrap_or("");
                let key = params![
                    e.date,
                    e.source.code,
                    target_code,
                    e.cameo,
                    e.modality.as_str()
                ];
                grp_ins.execute(key)?;
                let group: i64 = grp_get.query_row(key, |r| r.get(0))?;
                groups.insert(group);
                ev.execute(params![
                    rowid,
                    ord as i64,
                    e.sentence as i64,
                    e.date,
                    e.source.code,
                    e.source.text,
                    e.source.name,
                    e.source.start as i64,
                    e.source.end as i64,
                    target_code,
                    t.map(|t| t.text.as_str()),
                    t.and_then(|t| t.name.as_deref()),
                    t.map(|t| t.start as i64),
                    t.map(|t| t.end as i64),
                    e.cameo,
                    e.cameo_name,
                    e.goldstein,
                    e.quad_class as i64,
                    e.plover.kind,
                    e.plover.mode,
                    e.modality.as_str(),
                    attribution,
                    e.evidence.text,
                    e.evidence.start as i64,
                    e.evidence.end as i64,
                    e.rule,
                    location,
                    group,
                ])?;
                let event_id = conn.last_insert_rowid();
                let mut mention = |role: &str, a: &petrel_events::ActorRef| -> Result<()> {
                    men.execute(params![
                        rowid,
                        event_id,
                        Option::<i64>::None,
                        role,
                        a.code,
                        a.text,
                        a.name,
                        a.start as i64,
                        a.end as i64
                    ])?;
                    if !a.code.is_empty() {
                        actor.execute(params![a.code, a.name])?;
                    }
                    Ok(())
                };
                mention("source", &e.source)?;
                if let Some(t) = &e.target {
                    mention("target", t)?;
                }
                if let Some(l) = &e.location {
                    mention("location", l)?;
                }
            }
            Record::Quote(q) => {
                let via = serde_json::to_string(&q.via).map_err(|source| StoreError::Json {
                    field: "via",
                    error: source,
                })?;
                qt.execute(params![
                    rowid,
                    ord as i64,
                    q.sentence as i64,
                    q.text,
                    q.direct,
                    q.speaker.text,
                    q.speaker.code,
                    q.speaker.name,
                    q.speaker.start as i64,
                    q.speaker.end as i64,
                    via,
                    q.evidence.text,
                    q.evidence.start as i64,
                    q.evidence.end as i64,
                ])?;
                let quote_id = conn.last_insert_rowid();
                men.execute(params![
                    rowid,
                    Option::<i64>::None,
                    quote_id,
                    "speaker",
                    q.speaker.code,
                    q.speaker.text,
                    q.speaker.name,
                    q.speaker.start as i64,
                    q.speaker.end as i64
                ])?;
                if !q.speaker.code.is_empty() {
                    actor.execute(params![q.speaker.code, q.speaker.name])?;
                }
            }
        }
    }
    Ok(())
}

/// Recomputes the counts of event groups touched by a transaction; drops empty ones.
fn refresh_groups(conn: &Connection, groups: &std::collections::BTreeSet<i64>) -> Result<()> {
    let mut upd = conn.prepare_cached(
        "UPDATE event_groups SET (num_mentions, num_articles, num_sources, num_stories) =
           (SELECT COUNT(*), COUNT(DISTINCT e.doc_id), COUNT(DISTINCT COALESCE(d.source, d.doc_key)),
                   COUNT(DISTINCT d.cluster)
            FROM events e JOIN documents d ON d.id = e.doc_id WHERE e.group_id = ?1)
         WHERE id = ?1",
    )?;
    let mut del =
        conn.prepare_cached("DELETE FROM event_groups WHERE id = ?1 AND num_mentions = 0")?;
    for g in groups {
        upd.execute([g])?;
        del.execute([g])?;
    }
    Ok(())
}

/// Parses a `YYYY-MM-DD` date for the parameter `field`.
pub fn parse_date(field: &'static str, s: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").map_err(|_| StoreError::Invalid {
        field,
        message: format!("{s:?} is not a date of the form YYYY-MM-DD"),
    })
}

/// Parses a modality name ("asserted", "negated", ...), or `factual` for asserted and
/// reported, or `all`.
pub fn parse_modalities(s: &str) -> Result<Vec<Modality>> {
    let mut out = Vec::new();
    for part in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        match part {
            "all" => return Ok(Vec::new()),
            "factual" => out.extend([Modality::Asserted, Modality::Reported]),
            _ => match Modality::ALL.iter().find(|m| m.as_str() == part) {
                Some(m) => out.push(*m),
                None => {
                    return Err(StoreError::Invalid {
                        field: "modality",
                        message: format!(
                            "unknown modality {part:?} (expected all, factual, {})",
                            Modality::ALL.map(|m| m.as_str()).join(", ")
                        ),
                    })
                }
            },
        }
    }
    out.sort();
    out.dedup();
    Ok(out)
}

#[cfg(test)]
mod tests;
