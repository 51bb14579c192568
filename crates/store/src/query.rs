//! Queries: event filters, pages of events, dyad timelines, actor counts, the actor network and
//! annotated documents. Aggregation happens in SQL.

use crate::{parse_date, Result, Store, StoreError};
use chrono::NaiveDate;
use petrel_events::{ActorRef, Attribution, Event, Evidence, Modality, Plover, Quote};
use rusqlite::functions::FunctionFlags;
use rusqlite::types::Value;
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::Serialize;

/// The largest page [`Store::events`] returns.
pub const MAX_PAGE_SIZE: u32 = 1000;

/// Registers `actor_match(code, pattern)`: true when `pattern` is a prefix of `code`, or a run of
/// whole three-letter segments of it (`GOV` matches `RUSGOV`, `WSTNAT` matches `IGOWSTNAT`).
pub(crate) fn register_functions(conn: &Connection) -> rusqlite::Result<()> {
    conn.create_scalar_function(
        "actor_match",
        2,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        |ctx| {
            let code = ctx.get_raw(0).as_str().unwrap_or("");
            let pat = ctx.get_raw(1).as_str().unwrap_or("");
            Ok(actor_matches(code, pat))
        },
    )
}

/// The rule of `actor_match`, in Rust.
pub(crate) fn actor_matches(code: &str, pat: &str) -> bool {
    if pat.is_empty() {
        return false;
    }
    if code.starts_with(pat) {
        return true;
    }
    if !pat.len().is_multiple_of(3) {
        return false;
    }
    let mut i = 3;
    while i + pat.len() <= code.len() {
        if code.get(i..i + pat.len()) == Some(pat) {
            return true;
        }
        i += 3;
    }
    false
}

/// An actor code pattern in a filter: a code prefix ("RUS" matches "RUSGOV") or whole
/// three-letter segments ("GOV" matches every government). Letters and digits only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ActorPattern(String);

impl ActorPattern {
    /// Parses a pattern for the parameter `field`; lowercase letters are uppercased.
    pub fn parse(field: &'static str, s: &str) -> Result<ActorPattern> {
        let s = s.trim().to_ascii_uppercase();
        if s.is_empty() || s.len() > 30 || !s.chars().all(|c| c.is_ascii_alphanumeric()) {
            return Err(StoreError::Invalid {
                field,
                message: format!(
                    "{s:?} is not an actor code (1 to 30 letters or digits, such as RUS or USAGOV)"
                ),
            });
        }
        Ok(ActorPattern(s))
    }

    /// The pattern text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// True when `code` matches.
    pub fn matches(&self, code: &str) -> bool {
        actor_matches(code, &self.0)
    }
}

/// Which events a query selects. Empty fields select everything.
#[derive(Debug, Clone, Default)]
pub struct EventFilter {
    /// Source actor pattern.
    pub source: Option<ActorPattern>,
    /// Target actor pattern.
    pub target: Option<ActorPattern>,
    /// Both actors of a dyad; see `directed`.
    pub dyad: Option<(ActorPattern, ActorPattern)>,
    /// With `dyad`: only events from the first to the second (else both directions).
    pub directed: bool,
    /// First event date (inclusive).
    pub from: Option<NaiveDate>,
    /// Last event date (inclusive).
    pub to: Option<NaiveDate>,
    /// CAMEO code prefix ("13" threats, "1312").
    pub cameo: Option<String>,
    /// QuadClass 1-4.
    pub quad: Option<u8>,
    /// Modalities to keep; empty keeps all.
    pub modalities: Vec<Modality>,
    /// Only events of this document id.
    pub doc: Option<String>,
    /// Only events whose evidence contains this text (case-insensitive for ASCII).
    pub text: Option<String>,
}

impl EventFilter {
    /// Sets the CAMEO prefix after checking it is 1 to 4 digits.
    pub fn with_cameo(mut self, s: &str) -> Result<Self> {
        let s = s.trim();
        if s.is_empty() || s.len() > 4 || !s.chars().all(|c| c.is_ascii_digit()) {
            return Err(StoreError::Invalid {
                field: "cameo",
                message: format!("{s:?} is not a CAMEO code prefix (1 to 4 digits, such as 13)"),
            });
        }
        self.cameo = Some(s.to_string());
        Ok(self)
    }

    /// Sets the QuadClass after checking it is 1 to 4.
    pub fn with_quad(mut self, q: i64) -> Result<Self> {
        if !(1..=4).contains(&q) {
            return Err(StoreError::Invalid {
                field: "quad",
                message: format!("{q} is not a QuadClass (1 to 4)"),
            });
        }
        self.quad = Some(q as u8);
        Ok(self)
    }

    /// Sets the dates, checking that `from` is not after `to`.
    pub fn with_dates(mut self, from: Option<&str>, to: Option<&str>) -> Result<Self> {
        self.from = from.map(|s| parse_date("from", s)).transpose()?;
        self.to = to.map(|s| parse_date("to", s)).transpose()?;
        if let (Some(f), Some(t)) = (self.from, self.to) {
            if f > t {
                return Err(StoreError::Invalid {
                    field: "from",
                    message: format!("{f} is after the end date {t}"),
                });
            }
        }
        Ok(self)
    }

    /// The SQL condition over `events e` and its parameters.
    pub(crate) fn to_sql(&self) -> (String, Vec<Value>) {
        let mut w: Vec<String> = vec!["1".into()];
        let mut v: Vec<Value> = Vec::new();
        // Patterns are resolved against the small `actors` table (every stored code is there),
        // so the events are found through the (source, target) index instead of a scan.
        const IN_ACTORS: &str = "IN (SELECT code FROM actors WHERE actor_match(code, ?))";
        if let Some(s) = &self.source {
            w.push(format!("e.source_code {IN_ACTORS}"));
            v.push(Value::Text(s.0.clone()));
        }
        if let Some(t) = &self.target {
            w.push(format!("e.target_code {IN_ACTORS}"));
            v.push(Value::Text(t.0.clone()));
        }
        if let Some((a, b)) = &self.dyad {
            if self.directed {
                w.push(format!(
                    "(e.source_code {IN_ACTORS} AND e.target_code {IN_ACTORS})"
                ));
                v.extend([Value::Text(a.0.clone()), Value::Text(b.0.clone())]);
            } else {
                w.push(format!(
                    "((e.source_code {IN_ACTORS} AND e.target_code {IN_ACTORS}) OR \
                      (e.source_code {IN_ACTORS} AND e.target_code {IN_ACTORS}))"
                ));
                v.extend([
                    Value::Text(a.0.clone()),
                    Value::Text(b.0.clone()),
                    Value::Text(b.0.clone()),
                    Value::Text(a.0.clone()),
                ]);
            }
        }
        if let Some(f) = self.from {
            w.push("e.date >= ?".into());
            v.push(Value::Text(f.to_string()));
        }
        if let Some(t) = self.to {
            w.push("e.date <> '' AND e.date <= ?".into());
            v.push(Value::Text(t.to_string()));
        }
        if let Some(c) = &self.cameo {
            w.push("e.cameo GLOB ?".into());
            v.push(Value::Text(format!("{c}*")));
        }
        if let Some(q) = self.quad {
            w.push("e.quad_class = ?".into());
            v.push(Value::Integer(q.into()));
        }
        if !self.modalities.is_empty() {
            let marks = vec!["?"; self.modalities.len()].join(", ");
            w.push(format!("e.modality IN ({marks})"));
            v.extend(
                self.modalities
                    .iter()
                    .map(|m| Value::Text(m.as_str().into())),
            );
        }
        if let Some(d) = &self.doc {
            w.push("e.doc_id = (SELECT id FROM documents WHERE doc_key = ?)".into());
            v.push(Value::Text(d.clone()));
        }
        if let Some(t) = &self.text {
            w.push("instr(lower(e.evidence_text), lower(?)) > 0".into());
            v.push(Value::Text(t.clone()));
        }
        (w.join(" AND "), v)
    }
}

/// Orders of an event page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortKey {
    /// By date, then storage order.
    #[default]
    Date,
    /// By Goldstein score.
    Goldstein,
    /// By number of mentions of the event.
    Mentions,
    /// By CAMEO code.
    Cameo,
    /// By source code.
    Source,
    /// By target code.
    Target,
    /// By storage order.
    Id,
}

impl SortKey {
    /// Parses `date`, `goldstein`, `mentions`, `cameo`, `source`, `target` or `id`.
    pub fn parse(s: &str) -> Result<SortKey> {
        Ok(match s {
            "date" => SortKey::Date,
            "goldstein" => SortKey::Goldstein,
            "mentions" => SortKey::Mentions,
            "cameo" => SortKey::Cameo,
            "source" => SortKey::Source,
            "target" => SortKey::Target,
            "id" => SortKey::Id,
            _ => {
                return Err(StoreError::Invalid {
                    field: "sort",
                    message: format!(
                        "unknown sort key {s:?} (expected date, goldstein, mentions, cameo, source, target or id)"
                    ),
                })
            }
        })
    }

    fn column(self) -> &'static str {
        match self {
            SortKey::Date => "e.date",
            SortKey::Goldstein => "e.goldstein",
            SortKey::Mentions => "g.num_mentions",
            SortKey::Cameo => "e.cameo",
            SortKey::Source => "e.source_code",
            SortKey::Target => "e.target_code",
            SortKey::Id => "e.id",
        }
    }
}

/// Which page of events, in which order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Page {
    /// 1-based page number.
    pub page: u32,
    /// Events per page, 1 to [`MAX_PAGE_SIZE`].
    pub per_page: u32,
    /// Sort key.
    pub sort: SortKey,
    /// Descending order.
    pub descending: bool,
}

impl Default for Page {
    fn default() -> Self {
        Page {
            page: 1,
            per_page: 50,
            sort: SortKey::Date,
            descending: false,
        }
    }
}

impl Page {
    /// Checks the page number and size.
    pub fn validate(&self) -> Result<()> {
        if self.page == 0 || self.page > 10_000_000 {
            return Err(StoreError::Invalid {
                field: "page",
                message: format!("{} is not a page number (1 or more)", self.page),
            });
        }
        if self.per_page == 0 || self.per_page > MAX_PAGE_SIZE {
            return Err(StoreError::Invalid {
                field: "per_page",
                message: format!(
                    "{} is not a page size (1 to {MAX_PAGE_SIZE})",
                    self.per_page
                ),
            });
        }
        Ok(())
    }
}

/// A stored event: the coded event plus its storage id, its group's counts and its document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoredEvent {
    /// Storage id (stable while the document is not replaced).
    pub id: i64,
    /// The event as the coder made it.
    #[serde(flatten)]
    pub event: Event,
    /// Mentions of the same event (same date, actors, code and modality) in all documents.
    pub num_mentions: u64,
    /// Documents mentioning it.
    pub num_articles: u64,
    /// Distinct outlets (documents' `source`, else their id) mentioning it.
    pub num_sources: u64,
    /// Distinct stories mentioning it: near-duplicate copies of one story count once.
    pub num_stories: u64,
    /// The document's title.
    pub doc_title: Option<String>,
    /// The document's outlet.
    pub doc_source: Option<String>,
    /// The document's address.
    pub doc_url: Option<String>,
    /// When the document was stored, `YYYYMMDDHHMMSS` UTC.
    pub added: String,
    /// True when the event is in the document's headline or first sentence.
    pub is_root: bool,
}

/// A page of events and the total number matching.
#[derive(Debug, Clone, Serialize)]
pub struct EventPage {
    /// Events matching the filter (all pages).
    pub total: u64,
    /// This page's number.
    pub page: u32,
    /// The page size.
    pub per_page: u32,
    /// The events of this page.
    pub events: Vec<StoredEvent>,
}

/// Time buckets of a timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Interval {
    /// Calendar days.
    Day,
    /// ISO weeks, labelled by their Monday.
    #[default]
    Week,
    /// Calendar months, labelled by their first day.
    Month,
}

impl std::str::FromStr for Interval {
    type Err = StoreError;
    fn from_str(s: &str) -> Result<Interval> {
        match s {
            "day" => Ok(Interval::Day),
            "week" => Ok(Interval::Week),
            "month" => Ok(Interval::Month),
            _ => Err(StoreError::Invalid {
                field: "by",
                message: format!("unknown interval {s:?} (expected day, week or month)"),
            }),
        }
    }
}

impl Interval {
    pub(crate) fn sql(self) -> &'static str {
        match self {
            Interval::Day => "e.date",
            Interval::Week => "date(e.date, 'weekday 0', '-6 days')",
            Interval::Month => "substr(e.date, 1, 7) || '-01'",
        }
    }
}

/// One bucket of a timeline.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TimelinePoint {
    /// First day of the bucket, YYYY-MM-DD.
    pub period: String,
    /// Events in the bucket.
    pub events: u64,
    /// Events per QuadClass: verbal cooperation, material cooperation, verbal conflict,
    /// material conflict.
    pub quad: [u64; 4],
    /// Sum of Goldstein scores.
    pub goldstein_sum: f64,
    /// Mean Goldstein score.
    pub goldstein_mean: f64,
}

/// An actor code and how many events it takes part in.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActorCount {
    /// Actor code (or its first segments, at a coarser level).
    pub code: String,
    /// A name seen for it, if any.
    pub name: Option<String>,
    /// Events where it is the source.
    pub as_source: u64,
    /// Events where it is the target.
    pub as_target: u64,
    /// Both.
    pub events: u64,
}

/// A directed edge of the actor network.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NetworkEdge {
    /// Source actor code.
    pub source: String,
    /// Target actor code.
    pub target: String,
    /// Events from source to target.
    pub events: u64,
    /// Conflict events (QuadClass 3 or 4) among them.
    pub conflict: u64,
    /// Mean Goldstein score.
    pub goldstein_mean: f64,
}

/// A stored quote.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoredQuote {
    /// Storage id.
    pub id: i64,
    /// The quote.
    #[serde(flatten)]
    pub quote: Quote,
}

/// An actor mention in a document (for highlighting).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Mention {
    /// `source`, `target`, `location` or `speaker`.
    pub role: String,
    /// Actor code, empty when unresolved.
    pub code: String,
    /// The mention as written.
    pub text: String,
    /// Resolved name.
    pub name: Option<String>,
    /// Byte offset in the document text.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// The event it belongs to.
    pub event: Option<i64>,
    /// The quote it belongs to.
    pub quote: Option<i64>,
}

/// A near-duplicate of a document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DuplicateLink {
    /// The other document's id.
    pub doc: String,
    /// Its title.
    pub title: Option<String>,
    /// Its outlet.
    pub source: Option<String>,
    /// Estimated Jaccard similarity of their shingles.
    pub similarity: f64,
}

/// A document with everything stored about it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocumentView {
    /// Document id.
    pub id: String,
    /// Headline.
    pub title: Option<String>,
    /// Publication date.
    pub date: Option<String>,
    /// Address.
    pub url: Option<String>,
    /// Outlet.
    pub source: Option<String>,
    /// Where it was read from.
    pub origin: String,
    /// Content hash.
    pub hash: String,
    /// When it was stored.
    pub added: String,
    /// The analysed text; every offset below is a byte offset into it.
    pub text: String,
    /// Sentence spans `[start, end]`.
    pub sentences: Vec<[usize; 2]>,
    /// Its events.
    pub events: Vec<StoredEvent>,
    /// Its quotes.
    pub quotes: Vec<StoredQuote>,
    /// Actor mentions of its events and quotes.
    pub mentions: Vec<Mention>,
    /// Near-duplicate documents.
    pub duplicates: Vec<DuplicateLink>,
}

const EVENT_SELECT: &str = "SELECT e.id, d.doc_key, e.sentence, e.date, e.source_code,
    e.source_text, e.source_name, e.source_start, e.source_end, e.target_code, e.target_text,
    e.target_name, e.target_start, e.target_end, e.cameo, e.cameo_name, e.goldstein,
    e.quad_class, e.plover_type, e.plover_mode, e.modality, e.attribution, e.evidence_text,
    e.evidence_start, e.evidence_end, e.rule, e.location, g.num_mentions, g.num_articles,
    g.num_sources, g.num_stories, d.title, d.source, d.url, d.added
  FROM events e JOIN documents d ON d.id = e.doc_id JOIN event_groups g ON g.id = e.group_id";

fn usize_at(r: &Row<'_>, i: usize) -> rusqlite::Result<usize> {
    Ok(r.get::<_, i64>(i)?.max(0) as usize)
}

/// Errors while decoding a row: SQL errors, or stored JSON that does not parse.
enum RowError {
    Sql(rusqlite::Error),
    Json(&'static str, serde_json::Error),
}

impl From<rusqlite::Error> for RowError {
    fn from(e: rusqlite::Error) -> Self {
        RowError::Sql(e)
    }
}

impl From<RowError> for StoreError {
    fn from(e: RowError) -> Self {
        match e {
            RowError::Sql(e) => StoreError::Sql(e),
            RowError::Json(field, source) => StoreError::Json {
                field,
                error: source,
            },
        }
    }
}

fn event_from_row(r: &Row<'_>) -> std::result::Result<StoredEvent, RowError> {
    let modality_s: String = r.get(20)?;
    let modality = Modality::ALL
        .into_iter()
        .find(|m| m.as_str() == modality_s)
        .unwrap_or(Modality::Asserted);
    let attribution: Vec<Attribution> = serde_json::from_str(&r.get::<_, String>(21)?)
        .map_err(|e| RowError::Json("attribution", e))?;
    let location: Option<ActorRef> = match r.get::<_, Option<String>>(26)? {
        Some(s) => Some(serde_json::from_str(&s).map_err(|e| RowError::Json("location", e))?),
        None => None,
    };
    let target = match r.get::<_, Option<String>>(10)? {
        Some(text) => Some(ActorRef {
            text,
            code: r.get(9)?,
            start: r.get::<_, Option<i64>>(12)?.unwrap_or(0).max(0) as usize,
            end: r.get::<_, Option<i64>>(13)?.unwrap_or(0).max(0) as usize,
            name: r.get(11)?,
        }),
        None => None,
    };
    let sentence = usize_at(r, 2)?;
    Ok(StoredEvent {
        id: r.get(0)?,
        event: Event {
            doc: r.get(1)?,
            sentence,
            date: r.get(3)?,
            source: ActorRef {
                code: r.get(4)?,
                text: r.get(5)?,
                name: r.get(6)?,
                start: usize_at(r, 7)?,
                end: usize_at(r, 8)?,
            },
            target,
            cameo: r.get(14)?,
            cameo_name: r.get(15)?,
            goldstein: r.get(16)?,
            quad_class: r.get::<_, i64>(17)?.clamp(0, 255) as u8,
            plover: Plover {
                kind: r.get(18)?,
                mode: r.get(19)?,
            },
            modality,
            attribution,
            evidence: Evidence {
                text: r.get(22)?,
                start: usize_at(r, 23)?,
                end: usize_at(r, 24)?,
            },
            rule: r.get(25)?,
            location,
        },
        num_mentions: r.get::<_, i64>(27)? as u64,
        num_articles: r.get::<_, i64>(28)? as u64,
        num_sources: r.get::<_, i64>(29)? as u64,
        num_stories: r.get::<_, i64>(30)? as u64,
        doc_title: r.get(31)?,
        doc_source: r.get(32)?,
        doc_url: r.get(33)?,
        added: r.get(34)?,
        // Sentence 0 is the headline when there is one; the lead sentence follows it.
        is_root: sentence == 0 || (sentence == 1 && r.get::<_, Option<String>>(31)?.is_some()),
    })
}

impl Store {
    /// One page of events matching `filter`, with the total count.
    pub fn events(&self, filter: &EventFilter, page: Page) -> Result<EventPage> {
        page.validate()?;
        let (w, mut v) = filter.to_sql();
        let total: i64 = self.conn.query_row(
            &format!("SELECT COUNT(*) FROM events e WHERE {w}"),
            rusqlite::params_from_iter(v.iter()),
            |r| r.get(0),
        )?;
        let dir = if page.descending { "DESC" } else { "ASC" };
        // With an actor filter, find the events through the actor index and sort the few
        // found (`+` keeps SQLite from walking the whole date index instead).
        let by_actor = filter.source.is_some() || filter.target.is_some() || filter.dyad.is_some();
        let sql = format!(
            "{EVENT_SELECT} WHERE {w} ORDER BY {}{} {dir}, e.id {dir} LIMIT ? OFFSET ?",
            if by_actor { "+" } else { "" },
            page.sort.column()
        );
        v.push(Value::Integer(page.per_page.into()));
        v.push(Value::Integer(
            i64::from(page.page - 1) * i64::from(page.per_page),
        ));
        let mut st = self.conn.prepare(&sql)?;
        let mut rows = st.query(rusqlite::params_from_iter(v.iter()))?;
        let mut events = Vec::new();
        while let Some(r) = rows.next()? {
            events.push(event_from_row(r)?);
        }
        Ok(EventPage {
            total: total as u64,
            page: page.page,
            per_page: page.per_page,
            events,
        })
    }

    /// Calls `f` on every event matching `filter`, in date then storage order, without loading
    /// them all (exports).
    pub fn for_each_event(
        &self,
        filter: &EventFilter,
        mut f: impl FnMut(&StoredEvent) -> Result<()>,
    ) -> Result<u64> {
        let (w, v) = filter.to_sql();
        let sql = format!("{EVENT_SELECT} WHERE {w} ORDER BY e.date, e.id");
        let mut st = self.conn.prepare(&sql)?;
        let mut rows = st.query(rusqlite::params_from_iter(v.iter()))?;
        let mut n = 0;
        while let Some(r) = rows.next()? {
            f(&event_from_row(r)?)?;
            n += 1;
        }
        Ok(n)
    }

    /// True when some stored actor code (event source, target or quote speaker) matches.
    pub fn actor_known(&self, pattern: &ActorPattern) -> Result<bool> {
        Ok(self
            .conn
            .query_row(
                "SELECT 1 FROM actors WHERE actor_match(code, ?1) LIMIT 1",
                [pattern.as_str()],
                |_| Ok(()),
            )
            .optional()?
            .is_some())
    }

    /// Events of `filter` per time bucket: counts per QuadClass, summed and mean Goldstein.
    /// Events without a date are left out. The dyad commands and endpoints use this.
    pub fn timeline(&self, filter: &EventFilter, by: Interval) -> Result<Vec<TimelinePoint>> {
        let (w, v) = filter.to_sql();
        let sql = format!(
            "SELECT {b} AS period, COUNT(*), SUM(e.quad_class = 1), SUM(e.quad_class = 2),
               SUM(e.quad_class = 3), SUM(e.quad_class = 4), SUM(e.goldstein), AVG(e.goldstein)
             FROM events e WHERE e.date <> '' AND {w} GROUP BY period ORDER BY period",
            b = by.sql()
        );
        let mut st = self.conn.prepare(&sql)?;
        let rows = st.query_map(rusqlite::params_from_iter(v.iter()), |r| {
            Ok(TimelinePoint {
                period: r.get::<_, Option<String>>(0)?.unwrap_or_default(),
                events: r.get::<_, i64>(1)? as u64,
                quad: [
                    r.get::<_, i64>(2)? as u64,
                    r.get::<_, i64>(3)? as u64,
                    r.get::<_, i64>(4)? as u64,
                    r.get::<_, i64>(5)? as u64,
                ],
                goldstein_sum: r.get(6)?,
                goldstein_mean: r.get(7)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// The actors taking part in most events of `filter`. `level` 0 keeps whole codes; 1, 2, ...
    /// cut codes to their first segments (1: countries and organisations).
    pub fn actors(&self, filter: &EventFilter, level: u8, limit: u32) -> Result<Vec<ActorCount>> {
        let (w, v) = filter.to_sql();
        let cut = |col: &str| {
            if level == 0 {
                col.to_string()
            } else {
                format!("substr({col}, 1, {})", 3 * u32::from(level))
            }
        };
        // Group by whole codes first (in index order, no sort), then cut the few groups left.
        let sql = format!(
            "SELECT c.code, a.name, SUM(c.s), SUM(c.t), SUM(c.s + c.t) AS n FROM (
               SELECT {sc} AS code, SUM(n) AS s, 0 AS t FROM (
                 SELECT e.source_code AS x, COUNT(*) AS n FROM events e
                   WHERE {w} AND e.source_code <> '' GROUP BY e.source_code) GROUP BY 1
               UNION ALL
               SELECT {tc} AS code, 0 AS s, SUM(n) AS t FROM (
                 SELECT e.target_code AS x, COUNT(*) AS n FROM events e
                   WHERE {w} AND e.target_code <> '' GROUP BY e.target_code) GROUP BY 1
             ) c LEFT JOIN actors a ON a.code = c.code
             GROUP BY c.code ORDER BY n DESC, c.code LIMIT ?",
            sc = cut("x"),
            tc = cut("x"),
        );
        let mut params: Vec<Value> = v.clone();
        params.extend(v);
        params.push(Value::Integer(limit.into()));
        let mut st = self.conn.prepare(&sql)?;
        let rows = st.query_map(rusqlite::params_from_iter(params.iter()), |r| {
            Ok(ActorCount {
                code: r.get(0)?,
                name: r.get(1)?,
                as_source: r.get::<_, i64>(2)? as u64,
                as_target: r.get::<_, i64>(3)? as u64,
                events: r.get::<_, i64>(4)? as u64,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// The heaviest directed actor pairs of `filter` (see [`Store::actors`] for `level`).
    pub fn network(&self, filter: &EventFilter, level: u8, limit: u32) -> Result<Vec<NetworkEdge>> {
        let (w, mut v) = filter.to_sql();
        let cut = |col: &str| {
            if level == 0 {
                col.to_string()
            } else {
                format!("substr({col}, 1, {})", 3 * u32::from(level))
            }
        };
        // Group by whole codes first (in index order, no sort), then cut the few pairs left.
        let sql = format!(
            "SELECT {sc} AS s, {tc} AS t, SUM(n) AS m, SUM(c), SUM(g) / SUM(n) FROM (
               SELECT e.source_code AS x, e.target_code AS y, COUNT(*) AS n,
                 SUM(e.quad_class >= 3) AS c, SUM(e.goldstein) AS g
               FROM events e WHERE {w} AND e.source_code <> '' AND e.target_code <> ''
               GROUP BY e.source_code, e.target_code)
             GROUP BY s, t HAVING s <> t ORDER BY m DESC, s, t LIMIT ?",
            sc = cut("x"),
            tc = cut("y"),
        );
        v.push(Value::Integer(limit.into()));
        let mut st = self.conn.prepare(&sql)?;
        let rows = st.query_map(rusqlite::params_from_iter(v.iter()), |r| {
            Ok(NetworkEdge {
                source: r.get(0)?,
                target: r.get(1)?,
                events: r.get::<_, i64>(2)? as u64,
                conflict: r.get::<_, i64>(3)? as u64,
                goldstein_mean: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// The first and last event dates, if any event has a date.
    pub fn date_range(&self) -> Result<Option<(String, String)>> {
        Ok(self.conn.query_row(
            "SELECT MIN(date), MAX(date) FROM events WHERE date <> ''",
            [],
            |r| {
                Ok(match (r.get::<_, Option<String>>(0)?, r.get(1)?) {
                    (Some(a), Some(b)) => Some((a, b)),
                    _ => None,
                })
            },
        )?)
    }

    /// A stored document with its sentences, events, quotes, mentions and near-duplicates.
    pub fn document(&self, id: &str) -> Result<Option<DocumentView>> {
        let row = self
            .conn
            .query_row(
                "SELECT id, doc_key, title, date, url, source, origin, hash, added, text
                 FROM documents WHERE doc_key = ?1",
                [id],
                |r| {
                    Ok((
                        r.get::<_, i64>(0)?,
                        DocumentView {
                            id: r.get(1)?,
                            title: r.get(2)?,
                            date: r.get(3)?,
                            url: r.get(4)?,
                            source: r.get(5)?,
                            origin: r.get(6)?,
                            hash: r.get(7)?,
                            added: r.get(8)?,
                            text: r.get(9)?,
                            sentences: Vec::new(),
                            events: Vec::new(),
                            quotes: Vec::new(),
                            mentions: Vec::new(),
                            duplicates: Vec::new(),
                        },
                    ))
                },
            )
            .optional()?;
        let Some((rowid, mut view)) = row else {
            return Ok(None);
        };
        let mut st = self
            .conn
            .prepare("SELECT start, end FROM sentences WHERE doc_id = ?1 ORDER BY idx")?;
        view.sentences = st
            .query_map([rowid], |r| Ok([usize_at(r, 0)?, usize_at(r, 1)?]))?
            .collect::<rusqlite::Result<_>>()?;

        let mut st = self.conn.prepare(&format!(
            "{EVENT_SELECT} WHERE e.doc_id = ?1 ORDER BY e.ord"
        ))?;
        let mut rows = st.query([rowid])?;
        while let Some(r) = rows.next()? {
            view.events.push(event_from_row(r)?);
        }

        let mut st = self.conn.prepare(
            "SELECT id, sentence, text, direct, speaker_text, speaker_code, speaker_name,
               speaker_start, speaker_end, via, evidence_text, evidence_start, evidence_end
             FROM quotes WHERE doc_id = ?1 ORDER BY ord",
        )?;
        let mut rows = st.query([rowid])?;
        while let Some(r) = rows.next()? {
            let via: Vec<Attribution> =
                serde_json::from_str(&r.get::<_, String>(9)?).map_err(|source| {
                    StoreError::Json {
                        field: "via",
                        error: source,
                    }
                })?;
            view.quotes.push(StoredQuote {
                id: r.get(0)?,
                quote: Quote {
                    doc: view.id.clone(),
                    sentence: usize_at(r, 1)?,
                    text: r.get(2)?,
                    direct: r.get(3)?,
                    speaker: ActorRef {
                        text: r.get(4)?,
                        code: r.get(5)?,
                        name: r.get(6)?,
                        start: usize_at(r, 7)?,
                        end: usize_at(r, 8)?,
                    },
                    via,
                    evidence: Evidence {
                        text: r.get(10)?,
                        start: usize_at(r, 11)?,
                        end: usize_at(r, 12)?,
                    },
                },
            });
        }

        let mut st = self.conn.prepare(
            "SELECT role, code, text, name, start, end, event_id, quote_id
             FROM mentions WHERE doc_id = ?1 ORDER BY start, end, id",
        )?;
        view.mentions = st
            .query_map([rowid], |r| {
                Ok(Mention {
                    role: r.get(0)?,
                    code: r.get(1)?,
                    text: r.get(2)?,
                    name: r.get(3)?,
                    start: usize_at(r, 4)?,
                    end: usize_at(r, 5)?,
                    event: r.get(6)?,
                    quote: r.get(7)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;

        let mut st = self.conn.prepare(
            "SELECT d.doc_key, d.title, d.source, l.similarity FROM doc_links l
               JOIN documents d ON d.id = l.other_id WHERE l.doc_id = ?1
             UNION ALL
             SELECT d.doc_key, d.title, d.source, l.similarity FROM doc_links l
               JOIN documents d ON d.id = l.doc_id WHERE l.other_id = ?1
             ORDER BY 4 DESC, 1",
        )?;
        view.duplicates = st
            .query_map(params![rowid], |r| {
                Ok(DuplicateLink {
                    doc: r.get(0)?,
                    title: r.get(1)?,
                    source: r.get(2)?,
                    similarity: r.get(3)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(Some(view))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actor_patterns_match_prefixes_and_segments() {
        assert!(actor_matches("RUSGOV", "RUS"));
        assert!(actor_matches("RUSGOV", "GOV"));
        assert!(actor_matches("IGOWSTNAT", "WSTNAT"));
        assert!(actor_matches("IGOWSTNAT", "NAT"));
        assert!(actor_matches("RUSGOV", "RU"));
        assert!(!actor_matches("RUSGOV", "SGO"));
        assert!(!actor_matches("USAGOV", "RUS"));
        assert!(!actor_matches("RUS", "RUSGOV"));
        assert!(!actor_matches("RUS", ""));
        assert!(ActorPattern::parse("source", "rus").is_ok());
        assert!(ActorPattern::parse("source", "RUS;DROP").is_err());
        assert!(ActorPattern::parse("source", "").is_err());
    }
}
