//! `petrel ingest / query / dyad / export / serve` end to end: idempotent ingest, a SIGKILL in the
//! middle of an ingest, `dyad` against the HTTP timeline, exports and bad input.

use petrel_store::{EventFilter, Store};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

const PETREL: &str = env!("CARGO_BIN_EXE_petrel");

fn examples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples")
}

fn petrel(args: &[&str]) -> Output {
    Command::new(PETREL)
        .args(args)
        .output()
        .expect("petrel runs")
}

fn ok(args: &[&str]) -> String {
    let out = petrel(args);
    assert!(
        out.status.success(),
        "petrel {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn ingest_examples(db: &Path) {
    ok(&[
        "ingest",
        examples().to_str().unwrap(),
        "--db",
        db.to_str().unwrap(),
        "--date",
        "2021-12-15",
        "--quiet",
    ]);
}

#[test]
fn ingesting_twice_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("news.db");
    ingest_examples(&db);
    let first = Store::open(&db).unwrap().counts().unwrap();
    assert!(first.documents >= 3, "{first:?}");
    ingest_examples(&db);
    let s = Store::open(&db).unwrap();
    assert_eq!(s.counts().unwrap(), first);
    assert!(s.check().unwrap().is_empty());
    // Every stored evidence span points at its text in the stored document.
    let page = s
        .events(
            &EventFilter::default(),
            petrel_store::Page {
                per_page: 1000,
                ..Default::default()
            },
        )
        .unwrap();
    for e in &page.events {
        let doc = s.document(&e.event.doc).unwrap().unwrap();
        let ev = &e.event.evidence;
        assert_eq!(doc.text.get(ev.start..ev.end), Some(ev.text.as_str()));
    }
}

/// A JSON Lines corpus of `n` distinct stories the coder finds events in.
fn corpus(path: &Path, n: usize) {
    let actors = [
        "Russia", "Ukraine", "France", "Germany", "China", "Japan", "Poland", "Turkey",
    ];
    let verbs = [
        "threatened",
        "accused",
        "met",
        "praised",
        "criticized",
        "attacked",
    ];
    let mut f = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    for i in 0..n {
        let a = actors[i % actors.len()];
        let b = actors[(i / actors.len() + 1 + i) % actors.len()];
        let v = verbs[(i / 3) % verbs.len()];
        let story = serde_json::json!({
            "id": format!("s{i}"),
            "title": format!("{a} {v} {b}, report {i} says"),
            "text": format!("{a} {v} {b} on Monday, officials said in report number {i}. \
                The foreign minister of {b} said the country would respond."),
            "date": format!("2022-{:02}-{:02}", 1 + i % 12, 1 + i % 28),
            "source": format!("Outlet {}", i % 5),
        });
        writeln!(f, "{story}").unwrap();
    }
}

#[test]
fn sigkill_during_ingest_then_rerun_is_consistent() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("stories.jsonl");
    let n = 1200;
    corpus(&input, n);
    let db = dir.path().join("killed.db");
    let args = |db: &Path| {
        vec![
            "ingest".to_string(),
            input.to_str().unwrap().to_string(),
            "--db".into(),
            db.to_str().unwrap().to_string(),
            "--batch".into(),
            "8".into(),
            "--quiet".into(),
        ]
    };
    let mut child = Command::new(PETREL)
        .args(args(&db))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Kill it once some (not all) documents are committed.
    let start = Instant::now();
    let mut killed_at = None;
    while start.elapsed() < Duration::from_secs(120) {
        if let Ok(Some(_)) = child.try_wait() {
            break;
        }
        let stored = Store::open(&db)
            .and_then(|s| s.counts())
            .map(|c| c.documents)
            .unwrap_or(0);
        if stored > 0 {
            child.kill().unwrap(); // SIGKILL
            killed_at = Some(stored);
            break;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    child.wait().unwrap();
    let killed_at = killed_at.expect("the ingest was killed while running");
    let partial = Store::open(&db).unwrap();
    assert!(partial.check().unwrap().is_empty());
    let c = partial.counts().unwrap();
    assert!(
        c.documents >= killed_at && (c.documents as usize) < n,
        "{c:?}"
    );
    drop(partial);

    let out = Command::new(PETREL).args(args(&db)).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    // A clean ingest of the same input is the reference.
    let clean = dir.path().join("clean.db");
    let out = Command::new(PETREL).args(args(&clean)).output().unwrap();
    assert!(out.status.success());
    let (a, b) = (Store::open(&db).unwrap(), Store::open(&clean).unwrap());
    assert!(a.check().unwrap().is_empty());
    let (ca, cb) = (a.counts().unwrap(), b.counts().unwrap());
    assert_eq!(ca.documents, n as u64);
    assert!(cb.events > 0, "the coder found no events in the corpus");
    assert_eq!(ca, cb);
    let keys = |s: &Store| -> Vec<(String, String, String, String)> {
        let mut st = s
            .connection()
            .prepare(
                "SELECT d.doc_key, e.source_code, e.target_code, e.cameo FROM events e
                 JOIN documents d ON d.id = e.doc_id ORDER BY 1, e.ord",
            )
            .unwrap();
        st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    };
    assert_eq!(keys(&a), keys(&b));
}

/// A GET over plain HTTP/1.1; returns the status and the body.
fn http_get(addr: &str, path: &str) -> (u16, String) {
    let mut s = std::net::TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut resp = String::new();
    s.read_to_string(&mut resp).unwrap();
    let status = resp[9..12].parse().unwrap();
    let body = resp.split_once("\r\n\r\n").map(|x| x.1).unwrap_or("");
    (status, body.to_string())
}

#[test]
fn dyad_command_and_timeline_endpoint_agree() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("news.db");
    ingest_examples(&db);
    let edge = Store::open(&db)
        .unwrap()
        .network(&EventFilter::default(), 1, 1)
        .unwrap()
        .pop()
        .expect("the examples have at least one actor pair");
    let mut server = Command::new(PETREL)
        .args([
            "serve",
            "--db",
            db.to_str().unwrap(),
            "--addr",
            "127.0.0.1:0",
        ])
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(server.stderr.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let addr = line
        .split("http://")
        .nth(1)
        .and_then(|r| r.split('/').next())
        .unwrap_or_else(|| panic!("no address in {line:?}"))
        .to_string();
    let result = std::panic::catch_unwind(|| {
        for by in ["day", "week", "month"] {
            for modality in ["all", "factual"] {
                let cli = ok(&[
                    "dyad",
                    &edge.source,
                    &edge.target,
                    "--db",
                    db.to_str().unwrap(),
                    "--by",
                    by,
                    "--modality",
                    modality,
                    "--format",
                    "jsonl",
                ]);
                let cli: Vec<serde_json::Value> = cli
                    .lines()
                    .map(|l| serde_json::from_str(l).unwrap())
                    .collect();
                let (status, body) = http_get(
                    &addr,
                    &format!(
                        "/api/dyads/{}/{}/timeline?by={by}&modality={modality}",
                        edge.source, edge.target
                    ),
                );
                assert_eq!(status, 200, "{body}");
                let api: serde_json::Value = serde_json::from_str(&body).unwrap();
                assert_eq!(
                    api["points"],
                    serde_json::Value::Array(cli.clone()),
                    "{by} {modality}"
                );
                if modality == "all" {
                    let total: u64 = cli.iter().map(|p| p["events"].as_u64().unwrap()).sum();
                    assert!(total >= edge.events, "{by}: {total} < {}", edge.events);
                }
            }
        }
        let (status, body) = http_get(&addr, "/api/dyads/ZZZ/QQQ/timeline");
        assert_eq!(status, 404, "{body}");
        assert!(body.contains("unknown_actor"));
    });
    server.kill().unwrap();
    server.wait().unwrap();
    if let Err(e) = result {
        std::panic::resume_unwind(e);
    }
}

#[test]
fn query_and_export_formats() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("news.db");
    ingest_examples(&db);
    let dbs = db.to_str().unwrap();
    let total = Store::open(&db).unwrap().counts().unwrap().events;

    let jsonl = ok(&["query", "--db", dbs, "--format", "jsonl"]);
    assert_eq!(jsonl.lines().count() as u64, total);
    for l in jsonl.lines() {
        let v: serde_json::Value = serde_json::from_str(l).unwrap();
        assert_eq!(v["type"], "event");
    }
    let table = ok(&["query", "--db", dbs, "--limit", "3", "--sort", "goldstein"]);
    assert_eq!(table.lines().count(), 4.min(total as usize + 1));
    assert!(table.starts_with("date"));
    let csv = ok(&[
        "query", "--db", dbs, "--format", "csv", "--quad", "1", "--desc",
    ]);
    assert!(csv.starts_with("id,doc,"));

    let out = dir.path().join("events.tsv");
    ok(&[
        "export",
        "--db",
        dbs,
        "--format",
        "gdelt",
        "-o",
        out.to_str().unwrap(),
    ]);
    let tsv = std::fs::read_to_string(&out).unwrap();
    assert_eq!(tsv.lines().count() as u64, total);
    assert!(tsv.lines().all(|l| l.split('\t').count() == 61));
    let csv = ok(&["export", "--db", dbs, "--format", "csv"]);
    assert_eq!(csv.lines().count() as u64, total + 1);

    let parquet = petrel(&[
        "export",
        "--db",
        dbs,
        "--format",
        "parquet",
        "-o",
        dir.path().join("e.parquet").to_str().unwrap(),
    ]);
    assert!(
        !parquet.status.success(),
        "this build has no parquet feature"
    );
    assert!(String::from_utf8_lossy(&parquet.stderr).contains("Parquet"));
    assert!(!dir.path().join("e.parquet").exists());
}

#[test]
fn bad_input_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("news.db");
    ingest_examples(&db);
    let dbs = db.to_str().unwrap();
    // Exit code 2 for a bad option value (usage error), 1 for what the data or the files lack.
    for (args, needle, code) in [
        (
            vec!["query", "--db", dbs, "--from", "2021-13-01"],
            "from",
            2,
        ),
        (vec!["query", "--db", dbs, "--quad", "9"], "QuadClass", 2),
        (
            vec!["query", "--db", dbs, "--source", "R$S"],
            "actor code",
            2,
        ),
        (
            vec!["query", "--db", dbs, "--modality", "maybe"],
            "modality",
            2,
        ),
        (vec!["query", "--db", dbs, "--limit", "0"], "--limit", 2),
        (vec!["dyad", "R$S", "USA", "--db", dbs], "actor code", 2),
        (vec!["dyad", "ZZZ", "USA", "--db", dbs], "ZZZ", 1),
        (
            vec!["dyad", "RUS", "USA", "--db", dbs, "--by", "year"],
            "interval",
            2,
        ),
        (vec!["export", "--db", dbs, "--format", "xlsx"], "xlsx", 2),
        (
            vec!["export", "--db", dbs, "--format", "csv", "--quad", "0"],
            "QuadClass",
            2,
        ),
        (vec!["query", "--db", "/nonexistent/x.db"], "no database", 1),
        // a mistyped database is not served empty
        (vec!["serve", "--db", "/nonexistent/x.db"], "--create", 1),
        (
            vec![
                "export",
                "--db",
                dbs,
                "--format",
                "csv",
                "-o",
                "/nonexistent/e.csv",
            ],
            "cannot create /nonexistent/e.csv",
            1,
        ),
    ] {
        let out = petrel(&args);
        assert_eq!(out.status.code(), Some(code), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(needle), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{args:?}: {err}");
    }
}

#[test]
fn a_file_that_is_not_a_database_is_named_once() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("notes.db");
    std::fs::write(&db, "not a database, just notes\n".repeat(100)).unwrap();
    let out = petrel(&["query", "--db", db.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("notes.db"), "{err}");
    assert_eq!(err.matches("not a database").count(), 1, "{err}");
    assert_eq!(err.matches("notes.db").count(), 1, "{err}");
}
