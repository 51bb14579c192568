//! petrel-server: the HTTP API and the tension dashboard.
//!
//! [`router`] builds the axum application over an [`AppState`] (a store file, an optional
//! bearer token and an optional coder); [`serve`] runs it. Tests call the router in-process.
//!
//! Read endpoints are open; `POST /api/documents` (code and store stories) needs the bearer
//! token. Every error is JSON (`{"error": {"status", "code", "field", "message"}}`) with a 4xx
//! status for bad input. The dashboard's HTML, JavaScript and CSS are embedded in the binary
//! and load nothing from elsewhere, so it works offline.
//!
//! Architecture invariant: the server neither codes text nor writes SQL; it validates
//! parameters, calls `petrel-store`, and calls the coder it was given.

use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::extract::{DefaultBodyLimit, Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use petrel_core::{Document, Span};
use petrel_events::Record;
use petrel_store::{
    content_hash, parse_modalities, ActorPattern, EventFilter, Interval, Page, PutOutcome, SortKey,
    Store, StoreError,
};
use serde::Deserialize;
use serde_json::{json, Value};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

mod openapi;

/// Largest request body `POST /api/documents` accepts (bytes).
pub const MAX_BODY_BYTES: usize = 4 * 1024 * 1024;
/// Most documents one `POST /api/documents` may carry.
pub const MAX_POST_DOCUMENTS: usize = 100;
/// Most actors or network edges one request returns.
pub const MAX_LIMIT: u32 = 500;

/// Codes one document: its sentence spans and records. The CLI passes petrel's coder.
pub type CodeFn = dyn Fn(&Document) -> (Vec<Span>, Vec<Record>) + Send + Sync;

/// Errors while starting the server.
#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    /// The store could not be opened.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The address could not be bound or the server failed.
    #[error("cannot serve on {addr}: {source}")]
    Io {
        /// The address.
        addr: String,
        /// The cause.
        source: std::io::Error,
    },
}

/// What the handlers share: the store file (a small pool of connections), the token, the coder.
pub struct AppState {
    db: PathBuf,
    pool: Mutex<Vec<Store>>,
    token: Option<String>,
    coder: Option<Arc<CodeFn>>,
}

impl AppState {
    /// State over the store at `db` (created and migrated if needed). `token`: the bearer
    /// token `POST /api/documents` needs (`None` refuses every post). `coder`: codes posted
    /// documents (`None` refuses posts too).
    pub fn new(
        db: impl Into<PathBuf>,
        token: Option<String>,
        coder: Option<Arc<CodeFn>>,
    ) -> Result<AppState, ServerError> {
        let db = db.into();
        let first = Store::open(&db)?;
        Ok(AppState {
            db,
            pool: Mutex::new(vec![first]),
            token: token.filter(|t| !t.is_empty()),
            coder,
        })
    }

    /// Runs `f` with a store connection on a blocking thread.
    async fn with_store<T: Send + 'static>(
        self: &Arc<Self>,
        f: impl FnOnce(&mut Store) -> Result<T, ApiError> + Send + 'static,
    ) -> Result<T, ApiError> {
        let st = self.clone();
        tokio::task::spawn_blocking(move || {
            let taken = st.pool.lock().map(|mut p| p.pop()).unwrap_or(None);
            let mut store = match taken {
                Some(s) => s,
                None => Store::open(&st.db).map_err(ApiError::from)?,
            };
            let out = f(&mut store);
            if let Ok(mut p) = st.pool.lock() {
                if p.len() < 8 {
                    p.push(store);
                }
            }
            out
        })
        .await
        .map_err(|e| ApiError::internal(format!("worker failed: {e}")))?
    }
}

/// A JSON error response.
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    code: &'static str,
    field: Option<String>,
    message: String,
}

impl ApiError {
    fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        ApiError {
            status,
            code,
            field: None,
            message: message.into(),
        }
    }
    fn bad(field: &str, message: impl Into<String>) -> Self {
        ApiError {
            field: Some(field.to_string()),
            ..ApiError::new(StatusCode::BAD_REQUEST, "invalid_parameter", message)
        }
    }
    fn internal(message: impl Into<String>) -> Self {
        ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", message)
    }
    fn not_found(message: impl Into<String>) -> Self {
        ApiError::new(StatusCode::NOT_FOUND, "not_found", message)
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Invalid { field, message } => ApiError::bad(field, message),
            e => ApiError::internal(e.to_string()),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = json!({"error": {
            "status": self.status.as_u16(),
            "code": self.code,
            "field": self.field,
            "message": self.message,
        }});
        let mut resp = (self.status, Json(body)).into_response();
        if self.status == StatusCode::UNAUTHORIZED {
            resp.headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        resp
    }
}

impl From<QueryRejection> for ApiError {
    fn from(r: QueryRejection) -> Self {
        ApiError::bad("query", r.body_text())
    }
}

impl From<PathRejection> for ApiError {
    fn from(r: PathRejection) -> Self {
        ApiError::bad("path", r.body_text())
    }
}

impl From<JsonRejection> for ApiError {
    fn from(r: JsonRejection) -> Self {
        let status = r.status();
        let code = if status == StatusCode::PAYLOAD_TOO_LARGE {
            "body_too_large"
        } else {
            "invalid_body"
        };
        ApiError {
            field: Some("body".into()),
            ..ApiError::new(status, code, r.body_text())
        }
    }
}

type Params = HashMap<String, String>;

/// Query parameters, checked against the names an endpoint knows.
struct Q(Params);

impl Q {
    fn new(q: Result<Query<Params>, QueryRejection>, known: &[&str]) -> Result<Q, ApiError> {
        let Query(p) = q?;
        for k in p.keys() {
            if !known.contains(&k.as_str()) {
                return Err(ApiError::bad(
                    k,
                    format!("unknown parameter {k:?} (known: {})", known.join(", ")),
                ));
            }
        }
        Ok(Q(p))
    }
    fn get(&self, k: &str) -> Option<&str> {
        self.0.get(k).map(String::as_str).filter(|s| !s.is_empty())
    }
    fn num<T: std::str::FromStr>(&self, k: &str, default: T) -> Result<T, ApiError> {
        match self.get(k) {
            None => Ok(default),
            Some(s) => s
                .parse()
                .map_err(|_| ApiError::bad(k, format!("{s:?} is not a number"))),
        }
    }
    fn flag(&self, k: &str) -> Result<bool, ApiError> {
        match self.get(k) {
            None | Some("false") | Some("0") => Ok(false),
            Some("true") | Some("1") => Ok(true),
            Some(s) => Err(ApiError::bad(k, format!("{s:?} is not true or false"))),
        }
    }
}

const FILTER_PARAMS: &[&str] = &[
    "source", "target", "dyad", "directed", "from", "to", "cameo", "quad", "modality", "doc", "q",
];

/// Builds an event filter from query parameters.
fn filter_from(q: &Q, default_modality: &str) -> Result<EventFilter, ApiError> {
    let mut f = EventFilter::default().with_dates(q.get("from"), q.get("to"))?;
    f.source = q
        .get("source")
        .map(|s| ActorPattern::parse("source", s))
        .transpose()?;
    f.target = q
        .get("target")
        .map(|s| ActorPattern::parse("target", s))
        .transpose()?;
    if let Some(d) = q.get("dyad") {
        let (a, b) = d
            .split_once(',')
            .ok_or_else(|| ApiError::bad("dyad", format!("{d:?} is not two codes like RUS,USA")))?;
        f.dyad = Some((
            ActorPattern::parse("dyad", a)?,
            ActorPattern::parse("dyad", b)?,
        ));
    }
    f.directed = q.flag("directed")?;
    if let Some(c) = q.get("cameo") {
        f = f.with_cameo(c)?;
    }
    if let Some(s) = q.get("quad") {
        let n: i64 = s
            .parse()
            .map_err(|_| ApiError::bad("quad", format!("{s:?} is not a QuadClass (1 to 4)")))?;
        f = f.with_quad(n)?;
    }
    f.modalities = parse_modalities(q.get("modality").unwrap_or(default_modality))?;
    f.doc = q.get("doc").map(str::to_string);
    f.text = q.get("q").map(str::to_string);
    Ok(f)
}

/// The application: API routes, dashboard, JSON fallbacks, body limit.
pub fn router(state: Arc<AppState>) -> Router {
    Router::new()
        .route("/", get(index))
        .route("/assets/{file}", get(asset))
        .route("/api/openapi.json", get(openapi_json))
        .route("/api/stats", get(stats))
        .route("/api/events", get(events))
        .route("/api/dyads/{a}/{b}/timeline", get(timeline))
        .route("/api/actors", get(actors))
        .route("/api/network", get(network))
        .route("/api/documents", axum::routing::post(post_documents))
        .route("/api/documents/{id}", get(document))
        .fallback(fallback)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .with_state(state)
}

/// Serves `router(state)` on `addr` until Ctrl-C; `on_ready` gets the bound address (useful
/// with port 0).
pub async fn serve(
    state: Arc<AppState>,
    addr: &str,
    on_ready: impl FnOnce(std::net::SocketAddr),
) -> Result<(), ServerError> {
    let io = |source| ServerError::Io {
        addr: addr.to_string(),
        source,
    };
    let listener = tokio::net::TcpListener::bind(addr).await.map_err(io)?;
    on_ready(listener.local_addr().map_err(io)?);
    axum::serve(listener, router(state))
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
        .map_err(io)
}

/// Runs [`serve`] on a new multi-threaded runtime, blocking until Ctrl-C.
pub fn serve_blocking(
    state: Arc<AppState>,
    addr: &str,
    on_ready: impl FnOnce(std::net::SocketAddr),
) -> Result<(), ServerError> {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|source| ServerError::Io {
            addr: addr.to_string(),
            source,
        })?;
    rt.block_on(serve(state, addr, on_ready))
}

async fn fallback(uri: Uri) -> ApiError {
    ApiError::not_found(format!("no such page: {}", uri.path()))
}

async fn method_not_allowed(method: Method, uri: Uri) -> ApiError {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
        format!("{method} is not allowed on {}", uri.path()),
    )
}

const INDEX_HTML: &str = include_str!("../assets/index.html");
const APP_JS: &str = include_str!("../assets/app.js");
const APP_CSS: &str = include_str!("../assets/app.css");

async fn index() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (
                header::CONTENT_SECURITY_POLICY,
                "default-src 'self'; img-src 'self' data:; style-src 'self'",
            ),
        ],
        INDEX_HTML,
    )
        .into_response()
}

async fn asset(path: Result<Path<String>, PathRejection>) -> Result<Response, ApiError> {
    let Path(file) = path?;
    let (ctype, body) = match file.as_str() {
        "app.js" => ("text/javascript; charset=utf-8", APP_JS),
        "app.css" => ("text/css; charset=utf-8", APP_CSS),
        _ => return Err(ApiError::not_found(format!("no such asset: {file}"))),
    };
    Ok(([(header::CONTENT_TYPE, ctype)], body).into_response())
}

async fn openapi_json() -> Json<Value> {
    Json(openapi::document())
}

async fn stats(State(st): State<Arc<AppState>>) -> Result<Json<Value>, ApiError> {
    let posting = st.token.is_some() && st.coder.is_some();
    st.with_store(move |s| {
        let counts = s.counts()?;
        let range = s.date_range()?;
        Ok(Json(json!({
            "counts": counts,
            "first_date": range.as_ref().map(|r| r.0.clone()),
            "last_date": range.map(|r| r.1),
            "schema_version": petrel_store::SCHEMA_VERSION,
            "posting_enabled": posting,
        })))
    })
    .await
}

async fn events(
    State(st): State<Arc<AppState>>,
    q: Result<Query<Params>, QueryRejection>,
) -> Result<Json<Value>, ApiError> {
    let known: Vec<&str> = FILTER_PARAMS
        .iter()
        .copied()
        .chain(["page", "per_page", "sort", "order"])
        .collect();
    let q = Q::new(q, &known)?;
    let filter = filter_from(&q, "all")?;
    let page = Page {
        page: q.num("page", 1u32)?,
        per_page: q.num("per_page", 50u32)?,
        sort: SortKey::parse(q.get("sort").unwrap_or("date"))?,
        descending: match q.get("order").unwrap_or("asc") {
            "asc" => false,
            "desc" => true,
            o => return Err(ApiError::bad("order", format!("{o:?} is not asc or desc"))),
        },
    };
    page.validate()?;
    st.with_store(move |s| {
        Ok(Json(
            serde_json::to_value(s.events(&filter, page)?).unwrap_or_default(),
        ))
    })
    .await
}

async fn timeline(
    State(st): State<Arc<AppState>>,
    path: Result<Path<(String, String)>, PathRejection>,
    q: Result<Query<Params>, QueryRejection>,
) -> Result<Json<Value>, ApiError> {
    let Path((a, b)) = path?;
    let q = Q::new(
        q,
        &["by", "from", "to", "modality", "directed", "cameo", "quad"],
    )?;
    let a = ActorPattern::parse("a", &a)?;
    let b = ActorPattern::parse("b", &b)?;
    let by: Interval = q.get("by").unwrap_or("week").parse()?;
    let mut filter = filter_from(&q, "factual")?;
    filter.dyad = Some((a.clone(), b.clone()));
    let modality = q.get("modality").unwrap_or("factual").to_string();
    st.with_store(move |s| {
        for (field, p) in [("a", &a), ("b", &b)] {
            if !s.actor_known(p)? {
                return Err(ApiError {
                    field: Some(field.into()),
                    ..ApiError::new(
                        StatusCode::NOT_FOUND,
                        "unknown_actor",
                        format!("no stored actor code matches {:?}", p.as_str()),
                    )
                });
            }
        }
        let points = s.timeline(&filter, by)?;
        Ok(Json(json!({
            "a": a.as_str(),
            "b": b.as_str(),
            "by": q.get("by").unwrap_or("week"),
            "directed": filter.directed,
            "modality": modality,
            "points": points,
        })))
    })
    .await
}

fn level_and_limit(q: &Q, default_limit: u32) -> Result<(u8, u32), ApiError> {
    let level: u8 = q.num("level", 0u8)?;
    if level > 5 {
        return Err(ApiError::bad("level", format!("{level} is not 0 to 5")));
    }
    let limit: u32 = q.num("limit", default_limit)?;
    if limit == 0 || limit > MAX_LIMIT {
        return Err(ApiError::bad(
            "limit",
            format!("{limit} is not a limit (1 to {MAX_LIMIT})"),
        ));
    }
    Ok((level, limit))
}

/// The filter, code level and limit of `/api/actors` and `/api/network`.
fn ranking_params(
    q: Result<Query<Params>, QueryRejection>,
    default_limit: u32,
) -> Result<(EventFilter, u8, u32), ApiError> {
    let known: Vec<&str> = FILTER_PARAMS
        .iter()
        .copied()
        .chain(["level", "limit"])
        .collect();
    let q = Q::new(q, &known)?;
    let filter = filter_from(&q, "all")?;
    let (level, limit) = level_and_limit(&q, default_limit)?;
    Ok((filter, level, limit))
}

async fn actors(
    State(st): State<Arc<AppState>>,
    q: Result<Query<Params>, QueryRejection>,
) -> Result<Json<Value>, ApiError> {
    let (filter, level, limit) = ranking_params(q, 50)?;
    st.with_store(move |s| Ok(Json(json!({ "actors": s.actors(&filter, level, limit)? }))))
        .await
}

async fn network(
    State(st): State<Arc<AppState>>,
    q: Result<Query<Params>, QueryRejection>,
) -> Result<Json<Value>, ApiError> {
    let (filter, level, limit) = ranking_params(q, 60)?;
    st.with_store(move |s| Ok(Json(json!({ "edges": s.network(&filter, level, limit)? }))))
        .await
}

async fn document(
    State(st): State<Arc<AppState>>,
    path: Result<Path<String>, PathRejection>,
) -> Result<Json<Value>, ApiError> {
    let Path(id) = path?;
    st.with_store(move |s| match s.document(&id)? {
        Some(v) => Ok(Json(serde_json::to_value(v).unwrap_or_default())),
        None => Err(ApiError::not_found(format!("no document with id {id:?}"))),
    })
    .await
}

/// A story posted to `POST /api/documents`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PostedDocument {
    id: Option<String>,
    title: Option<String>,
    text: String,
    date: Option<String>,
    url: Option<String>,
    source: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum PostBody {
    Many(Vec<PostedDocument>),
    One(PostedDocument),
}

fn authorize(st: &AppState, headers: &HeaderMap) -> Result<(), ApiError> {
    let Some(token) = &st.token else {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "posting_disabled",
            "posting is disabled: start the server with --token or PETREL_TOKEN",
        ));
    };
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim);
    let Some(given) = given else {
        return Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            "missing Authorization: Bearer <token> header",
        ));
    };
    // Compare without stopping at the first difference.
    let ok = given.len() == token.len()
        && given
            .bytes()
            .zip(token.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0;
    if ok {
        Ok(())
    } else {
        Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            "wrong bearer token",
        ))
    }
}

fn to_document(i: usize, p: PostedDocument) -> Result<Document, ApiError> {
    let field = |f: &str| format!("documents[{i}].{f}");
    if p.text.trim().is_empty() {
        return Err(ApiError::bad(&field("text"), "the text is empty"));
    }
    let date = match p.date.as_deref().filter(|d| !d.is_empty()) {
        Some(d) => Some(
            chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").map_err(|_| {
                ApiError::bad(
                    &field("date"),
                    format!("{d:?} is not a date of the form YYYY-MM-DD"),
                )
            })?,
        ),
        None => None,
    };
    let title = p
        .title
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty());
    // The headline is the text's first paragraph, as ingestion makes documents. A text that
    // already opens with the whole title (not merely with its letters: "Talks end" does not
    // open "Talks endanger ...") keeps it in place.
    let opens_with = |t: &str| {
        p.text
            .strip_prefix(t)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(char::is_whitespace))
    };
    let (text, title_span) = match &title {
        Some(t) if !opens_with(t) => (format!("{t}\n\n{}", p.text), Some(Span::new(0, t.len()))),
        Some(t) => (p.text.clone(), Some(Span::new(0, t.len()))),
        None => (p.text.clone(), None),
    };
    let mut doc = Document::from_text(String::new(), text);
    doc.title = title;
    doc.title_span = title_span;
    doc.date = date;
    doc.url = p.url;
    doc.source = p.source;
    doc.origin = "api".into();
    doc.id = match p.id.map(|s| s.trim().to_string()).filter(|s| !s.is_empty()) {
        Some(id) if id.len() <= 200 => id,
        Some(_) => return Err(ApiError::bad(&field("id"), "ids are at most 200 bytes")),
        None => format!("api-{}", &content_hash(&doc)[..16]),
    };
    Ok(doc)
}

async fn post_documents(
    State(st): State<Arc<AppState>>,
    headers: HeaderMap,
    body: Result<Json<Value>, JsonRejection>,
) -> Result<Response, ApiError> {
    authorize(&st, &headers)?;
    let Json(body) = body?;
    let body: PostBody = serde_json::from_value(body).map_err(|e| {
        ApiError::bad(
            "body",
            format!("expected a document {{\"text\", \"title\", \"date\", \"url\", \"source\", \"id\"}} or an array of them: {e}"),
        )
    })?;
    let posted = match body {
        PostBody::One(d) => vec![d],
        PostBody::Many(v) => v,
    };
    if posted.is_empty() || posted.len() > MAX_POST_DOCUMENTS {
        return Err(ApiError::bad(
            "body",
            format!(
                "post 1 to {MAX_POST_DOCUMENTS} documents, not {}",
                posted.len()
            ),
        ));
    }
    let docs = posted
        .into_iter()
        .enumerate()
        .map(|(i, p)| to_document(i, p))
        .collect::<Result<Vec<_>, _>>()?;
    let Some(coder) = st.coder.clone() else {
        return Err(ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "no_coder",
            "this server has no coder to code posted documents",
        ));
    };
    let results = st
        .with_store(move |s| {
            let coded: Vec<(Vec<Span>, Vec<Record>)> = docs.iter().map(|d| coder(d)).collect();
            let batch: Vec<petrel_store::Coded<'_>> = docs
                .iter()
                .zip(&coded)
                .map(|(doc, (sentences, records))| petrel_store::Coded {
                    doc,
                    sentences,
                    records,
                })
                .collect();
            let outcomes = s.put_batch(&batch)?;
            Ok(docs
                .iter()
                .zip(&coded)
                .zip(outcomes)
                .map(|((d, (_, recs)), o)| {
                    let (outcome, of) = match o {
                        PutOutcome::Inserted => ("inserted", None),
                        PutOutcome::Unchanged => ("unchanged", None),
                        PutOutcome::Replaced => ("replaced", None),
                        PutOutcome::Duplicate { of } => ("duplicate", Some(of)),
                    };
                    json!({
                        "id": d.id,
                        "outcome": outcome,
                        "duplicate_of": of,
                        "events": recs.iter().filter(|r| matches!(r, Record::Event(_))).count(),
                        "quotes": recs.iter().filter(|r| matches!(r, Record::Quote(_))).count(),
                    })
                })
                .collect::<Vec<_>>())
        })
        .await?;
    Ok((StatusCode::CREATED, Json(json!({ "documents": results }))).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn posted(title: &str, text: &str) -> PostedDocument {
        PostedDocument {
            id: None,
            title: Some(title.into()),
            text: text.into(),
            date: None,
            url: None,
            source: None,
        }
    }

    #[test]
    fn the_title_is_its_own_paragraph_unless_the_text_opens_with_it() {
        let d = to_document(0, posted("Talks end", "Talks end\n\nDiplomats left.")).unwrap();
        assert_eq!(d.text, "Talks end\n\nDiplomats left.");
        assert_eq!(d.title_span.unwrap().slice(&d.text), "Talks end");
        // The text opens with the title's letters but not with the title: a word is not cut.
        let d = to_document(0, posted("Talks end", "Talks endanger the truce.")).unwrap();
        assert_eq!(d.text, "Talks end\n\nTalks endanger the truce.");
        assert_eq!(d.title_span.unwrap().slice(&d.text), "Talks end");
    }
}
