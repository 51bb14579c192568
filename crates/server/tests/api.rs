//! The API in-process: filters, paging, timelines, documents, posting, and JSON 4xx errors.

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use http_body_util::BodyExt;
use petrel_core::{Document, Span};
use petrel_events::{ActorRef, Attribution, Event, Evidence, Modality, Plover, Record};
use petrel_server::{router, AppState, CodeFn};
use petrel_store::Store;
use serde_json::{json, Value};
use std::sync::Arc;
use tower::ServiceExt;

const TEXT: &str = "Russia threatens U.S.\n\nRussia threatened the United States on Monday, \
    Interfax reported. The United States criticized Russia. Russia met Ukraine.";

fn actor(text: &str, code: &str, hay: &str) -> ActorRef {
    let start = hay.find(text).unwrap();
    ActorRef {
        text: text.into(),
        code: code.into(),
        start,
        end: start + text.len(),
        name: None,
    }
}

#[allow(clippy::too_many_arguments)]
fn ev(
    doc: &Document,
    s: &str,
    sc: &str,
    t: &str,
    tc: &str,
    cameo: &str,
    quad: u8,
    g: f64,
    date: &str,
) -> Record {
    let sentence = doc.text.find(&format!("{s} ")).unwrap();
    let end = doc.text[sentence..]
        .find('.')
        .map(|i| sentence + i + 1)
        .unwrap();
    Record::Event(Event {
        doc: doc.id.clone(),
        sentence: 1,
        date: date.into(),
        source: actor(s, sc, &doc.text),
        target: Some(actor(t, tc, &doc.text)),
        cameo: cameo.into(),
        cameo_name: "test".into(),
        goldstein: g,
        quad_class: quad,
        plover: Plover {
            kind: "X".into(),
            mode: String::new(),
        },
        modality: Modality::Reported,
        attribution: vec![Attribution {
            text: "Interfax".into(),
            code: Some("RUSMED".into()),
            name: None,
        }],
        evidence: Evidence {
            text: doc.text[sentence..end].into(),
            start: sentence,
            end,
        },
        rule: "test".into(),
        location: None,
    })
}

/// A coder for posted documents: one event per sentence naming Russia and the U.S.
fn test_coder() -> Arc<CodeFn> {
    Arc::new(|doc: &Document| {
        let mut recs = Vec::new();
        if doc.text.contains("Russia warned the United States") {
            recs.push(ev(
                doc,
                "Russia",
                "RUS",
                "United States",
                "USA",
                "130",
                3,
                -4.4,
                "2021-12-20",
            ));
        }
        (vec![Span::new(0, doc.text.len())], recs)
    })
}

fn setup(token: Option<&str>) -> (tempfile::TempDir, axum::Router) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    {
        let mut s = Store::open(&db).unwrap();
        let mut d = Document::from_text("doc1", TEXT);
        d.title = Some("Russia threatens U.S.".into());
        d.date = chrono::NaiveDate::from_ymd_opt(2021, 12, 15);
        let recs = vec![
            ev(
                &d,
                "Russia",
                "RUSGOV",
                "United States",
                "USAGOV",
                "138",
                3,
                -7.0,
                "2021-12-13",
            ),
            ev(
                &d,
                "The United States",
                "USA",
                "Russia",
                "RUS",
                "111",
                3,
                -2.0,
                "2021-12-15",
            ),
            ev(
                &d,
                "Russia",
                "RUS",
                "Ukraine",
                "UKR",
                "040",
                1,
                1.0,
                "2021-12-16",
            ),
        ];
        s.put_document(&d, &[Span::new(0, 21)], &recs).unwrap();
    }
    let state = AppState::new(&db, token.map(String::from), Some(test_coder())).unwrap();
    (dir, router(Arc::new(state)))
}

async fn call(app: &axum::Router, req: Request<Body>) -> (StatusCode, Value) {
    let resp = app.clone().oneshot(req).await.unwrap();
    let status = resp.status();
    let bytes = resp.into_body().collect().await.unwrap().to_bytes();
    let v = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    (status, v)
}

async fn get(app: &axum::Router, uri: &str) -> (StatusCode, Value) {
    call(app, Request::get(uri).body(Body::empty()).unwrap()).await
}

fn post(uri: &str, token: Option<&str>, body: String) -> Request<Body> {
    let mut r = Request::post(uri).header(header::CONTENT_TYPE, "application/json");
    if let Some(t) = token {
        r = r.header(header::AUTHORIZATION, format!("Bearer {t}"));
    }
    r.body(Body::from(body)).unwrap()
}

fn assert_error(status: StatusCode, v: &Value, want: StatusCode, field: Option<&str>) {
    assert_eq!(status, want, "{v}");
    assert_eq!(v["error"]["status"], want.as_u16(), "{v}");
    assert!(
        v["error"]["message"]
            .as_str()
            .is_some_and(|m| !m.is_empty()),
        "{v}"
    );
    if let Some(f) = field {
        assert_eq!(v["error"]["field"], f, "{v}");
    }
}

#[tokio::test]
async fn events_filter_page_and_sort() {
    let (_d, app) = setup(None);
    let (s, v) = get(&app, "/api/events").await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v["total"], 3);
    let (_, v) = get(&app, "/api/events?dyad=RUS,USA").await;
    assert_eq!(v["total"], 2);
    let (_, v) = get(&app, "/api/events?source=RUS&target=USA").await;
    assert_eq!(v["total"], 1);
    let (_, v) = get(
        &app,
        "/api/events?quad=3&sort=goldstein&order=desc&per_page=1&page=1",
    )
    .await;
    assert_eq!(v["total"], 2);
    assert_eq!(v["events"].as_array().unwrap().len(), 1);
    assert_eq!(v["events"][0]["goldstein"], -2.0);
    let (_, v) = get(&app, "/api/events?from=2021-12-14&to=2021-12-31&cameo=04").await;
    assert_eq!(v["total"], 1);
    assert_eq!(v["events"][0]["target"]["code"], "UKR");
    assert_eq!(v["events"][0]["num_mentions"], 1);
    assert_eq!(v["events"][0]["attribution"][0]["text"], "Interfax");
}

#[tokio::test]
async fn bad_parameters_get_json_4xx() {
    let (_d, app) = setup(None);
    for (uri, field) in [
        ("/api/events?per_page=100000", "per_page"),
        ("/api/events?per_page=0", "per_page"),
        ("/api/events?page=0", "page"),
        ("/api/events?page=abc", "page"),
        ("/api/events?from=2021-02-30", "from"),
        ("/api/events?to=yesterday", "to"),
        ("/api/events?from=2021-12-31&to=2021-12-01", "from"),
        ("/api/events?quad=7", "quad"),
        ("/api/events?cameo=abc", "cameo"),
        ("/api/events?modality=maybe", "modality"),
        ("/api/events?sort=price", "sort"),
        ("/api/events?order=sideways", "order"),
        ("/api/events?source=R%24S", "source"),
        ("/api/events?dyad=RUS", "dyad"),
        ("/api/events?colour=red", "colour"),
        ("/api/actors?limit=100000", "limit"),
        ("/api/network?level=9", "level"),
        ("/api/dyads/RUS/USA/timeline?by=year", "by"),
        ("/api/dyads/RUS/USA/timeline?from=15-12-2021", "from"),
        ("/api/dyads/R!S/USA/timeline", "a"),
    ] {
        let (s, v) = get(&app, uri).await;
        assert_error(s, &v, StatusCode::BAD_REQUEST, Some(field));
    }
    let (s, v) = get(&app, "/api/dyads/RUS/ZZZ/timeline").await;
    assert_error(s, &v, StatusCode::NOT_FOUND, Some("b"));
    assert_eq!(v["error"]["code"], "unknown_actor");
    let (s, v) = get(&app, "/api/documents/nope").await;
    assert_error(s, &v, StatusCode::NOT_FOUND, None);
    let (s, v) = get(&app, "/api/nothing").await;
    assert_error(s, &v, StatusCode::NOT_FOUND, None);
    let (s, v) = call(
        &app,
        Request::delete("/api/events").body(Body::empty()).unwrap(),
    )
    .await;
    assert_error(s, &v, StatusCode::METHOD_NOT_ALLOWED, None);
}

#[tokio::test]
async fn timeline_matches_the_store() {
    let (dir, app) = setup(None);
    let (s, v) = get(&app, "/api/dyads/RUS/USA/timeline?by=day&modality=all").await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let pts = v["points"].as_array().unwrap();
    assert_eq!(pts.len(), 2);
    assert_eq!(pts[0]["period"], "2021-12-13");
    assert_eq!(pts[0]["quad"], json!([0, 0, 1, 0]));
    assert_eq!(pts[0]["goldstein_sum"], -7.0);
    let store = Store::open(dir.path().join("t.db")).unwrap();
    let f = petrel_store::EventFilter {
        dyad: Some((
            petrel_store::ActorPattern::parse("a", "RUS").unwrap(),
            petrel_store::ActorPattern::parse("b", "USA").unwrap(),
        )),
        ..Default::default()
    };
    let want = store.timeline(&f, petrel_store::Interval::Day).unwrap();
    assert_eq!(v["points"], serde_json::to_value(want).unwrap());
    let (_, v) = get(&app, "/api/dyads/RUS/USA/timeline?by=week&directed=true").await;
    assert_eq!(v["points"][0]["events"], 1);
    assert_eq!(v["points"][0]["period"], "2021-12-13");
}

#[tokio::test]
async fn documents_actors_network_stats() {
    let (_d, app) = setup(None);
    let (s, v) = get(&app, "/api/documents/doc1").await;
    assert_eq!(s, StatusCode::OK);
    let text = v["text"].as_str().unwrap();
    let e = &v["events"][0]["evidence"];
    let (a, b) = (
        e["start"].as_u64().unwrap() as usize,
        e["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&text[a..b], e["text"].as_str().unwrap());
    assert!(v["mentions"].as_array().unwrap().len() >= 6);
    let (_, v) = get(&app, "/api/actors?level=1").await;
    assert_eq!(v["actors"][0]["code"], "RUS");
    assert_eq!(v["actors"][0]["events"], 3);
    let (_, v) = get(&app, "/api/network?level=1&limit=5").await;
    assert_eq!(v["edges"].as_array().unwrap().len(), 3);
    let (_, v) = get(&app, "/api/stats").await;
    assert_eq!(v["counts"]["events"], 3);
    assert_eq!(v["first_date"], "2021-12-13");
    let (s, v) = get(&app, "/api/openapi.json").await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v["openapi"], "3.1.0");
    for p in [
        "/api/events",
        "/api/dyads/{a}/{b}/timeline",
        "/api/actors",
        "/api/documents/{id}",
        "/api/documents",
    ] {
        assert!(v["paths"][p].is_object(), "{p} missing");
    }
}

#[tokio::test]
async fn dashboard_is_embedded() {
    let (_d, app) = setup(None);
    for (uri, needle) in [
        ("/", "/assets/app.js"),
        ("/assets/app.js", "drawTimeline"),
        ("/assets/app.css", "mark.evidence"),
    ] {
        let resp = app
            .clone()
            .oneshot(Request::get(uri).body(Body::empty()).unwrap())
            .await
            .unwrap();
        assert_eq!(resp.status(), StatusCode::OK, "{uri}");
        let body = resp.into_body().collect().await.unwrap().to_bytes();
        let s = String::from_utf8(body.to_vec()).unwrap();
        assert!(s.contains(needle), "{uri}");
        assert!(
            !s.contains("https://"),
            "{uri} loads something from the network"
        );
    }
}

#[tokio::test]
async fn posting_needs_the_token() {
    let body = json!({"title": "Russia warns U.S.", "text": "Russia warned the United States on Monday.", "date": "2021-12-20", "source": "Test"}).to_string();
    let (_d, app) = setup(None);
    let (s, v) = call(&app, post("/api/documents", Some("x"), body.clone())).await;
    assert_error(s, &v, StatusCode::FORBIDDEN, None);

    let (_d, app) = setup(Some("sekret"));
    let (s, v) = call(&app, post("/api/documents", None, body.clone())).await;
    assert_error(s, &v, StatusCode::UNAUTHORIZED, None);
    let (s, v) = call(&app, post("/api/documents", Some("sekreT"), body.clone())).await;
    assert_error(s, &v, StatusCode::UNAUTHORIZED, None);
    let (s, v) = call(&app, post("/api/documents", Some("sekret"), body.clone())).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    assert_eq!(v["documents"][0]["outcome"], "inserted");
    assert_eq!(v["documents"][0]["events"], 1);
    let id = v["documents"][0]["id"].as_str().unwrap().to_string();
    let (s, v) = call(&app, post("/api/documents", Some("sekret"), body)).await;
    assert_eq!(s, StatusCode::CREATED);
    assert_eq!(v["documents"][0]["outcome"], "unchanged");
    let (s, v) = get(&app, &format!("/api/documents/{id}")).await;
    assert_eq!(s, StatusCode::OK);
    assert!(v["text"]
        .as_str()
        .unwrap()
        .starts_with("Russia warns U.S.\n\nRussia warned"));
    assert_eq!(v["events"][0]["cameo"], "130");
    let (_, v) = get(&app, "/api/events?cameo=130").await;
    assert_eq!(v["total"], 1);

    for bad in [
        "not json".to_string(),
        json!({"text": ""}).to_string(),
        json!({"text": "x", "date": "2021-13-01"}).to_string(),
        json!({"text": "x", "colour": "red"}).to_string(),
        json!([]).to_string(),
    ] {
        let (s, v) = call(&app, post("/api/documents", Some("sekret"), bad.clone())).await;
        assert!(s.is_client_error(), "{bad}: {s}");
        assert!(v["error"]["message"].is_string(), "{bad}: {v}");
    }
    let huge = json!({"text": "a".repeat(petrel_server::MAX_BODY_BYTES + 10)}).to_string();
    let (s, v) = call(&app, post("/api/documents", Some("sekret"), huge)).await;
    assert_error(s, &v, StatusCode::PAYLOAD_TOO_LARGE, Some("body"));
}
