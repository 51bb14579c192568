use super::*;
use crate::export::{export, ExportFormat, GDELT_COLUMNS};
use petrel_events::{ActorRef, Attribution, Event, Evidence, Plover, Quote};

pub(crate) const STORY: &str = "Russia sends security proposals to U.S.\n\nMOSCOW - Russia handed \
    the United States draft security proposals on Wednesday, demanding that NATO rule out \
    membership for Ukraine. Deputy Foreign Minister Sergei Ryabkov said Moscow expected talks \
    to begin soon. The United States criticized the demands.";

fn actor(text: &str, code: &str, doc: &str) -> ActorRef {
    let start = doc.find(text).unwrap_or(0);
    ActorRef {
        text: text.into(),
        code: code.into(),
        start,
        end: start + text.len(),
        name: None,
    }
}

pub(crate) fn event(
    doc: &Document,
    src: (&str, &str),
    tgt: Option<(&str, &str)>,
    cameo: &str,
    date: &str,
) -> Record {
    let (quad, gold) = match &cameo[..2] {
        "01" | "02" | "03" | "04" | "05" => (1, 3.0),
        "06" | "07" | "08" => (2, 6.0),
        "09" | "10" | "11" | "12" | "13" => (3, -4.0),
        _ => (4, -9.0),
    };
    let ev_text = doc.text.lines().last().unwrap_or("");
    let ev_start = doc.text.find(ev_text).unwrap_or(0);
    Record::Event(Event {
        doc: doc.id.clone(),
        sentence: 1,
        date: date.into(),
        source: actor(src.0, src.1, &doc.text),
        target: tgt.map(|t| actor(t.0, t.1, &doc.text)),
        cameo: cameo.into(),
        cameo_name: format!("code {cameo}"),
        goldstein: gold,
        quad_class: quad,
        plover: Plover {
            kind: "CONSULT".into(),
            mode: String::new(),
        },
        modality: Modality::Asserted,
        attribution: vec![Attribution {
            text: "Interfax".into(),
            code: Some("RUSMED".into()),
            name: None,
        }],
        evidence: Evidence {
            text: ev_text.into(),
            start: ev_start,
            end: ev_start + ev_text.len(),
        },
        rule: "verbs/test.txt:1".into(),
        location: None,
    })
}

pub(crate) fn doc(id: &str, text: &str, source: &str) -> Document {
    let mut d = Document::from_text(id, text);
    d.source = Some(source.into());
    d.date = NaiveDate::from_ymd_opt(2021, 12, 15);
    d.title = text.lines().next().map(str::to_string);
    d
}

fn quote(doc: &Document) -> Record {
    Record::Quote(Quote {
        doc: doc.id.clone(),
        sentence: 2,
        text: "expected talks to begin soon".into(),
        direct: false,
        speaker: actor("Sergei Ryabkov", "RUSGOV", &doc.text),
        via: vec![],
        evidence: Evidence {
            text: "Sergei Ryabkov said".into(),
            start: 0,
            end: 5,
        },
    })
}

#[test]
fn same_document_twice_changes_nothing() {
    let mut s = Store::open_in_memory().unwrap();
    let d = doc("a", STORY, "Moscow Times");
    let recs = vec![
        event(
            &d,
            ("Russia", "RUS"),
            Some(("United States", "USA")),
            "0311",
            "2021-12-15",
        ),
        quote(&d),
    ];
    let spans = [Span::new(0, 39), Span::new(41, 100)];
    assert_eq!(
        s.put_document(&d, &spans, &recs).unwrap(),
        PutOutcome::Inserted
    );
    let before = s.counts().unwrap();
    assert_eq!(before.documents, 1);
    assert_eq!(before.events, 1);
    assert_eq!(before.quotes, 1);
    assert_eq!(before.sentences, 2);
    assert_eq!(s.status(&d).unwrap(), DocStatus::Unchanged);
    assert_eq!(
        s.put_document(&d, &spans, &recs).unwrap(),
        PutOutcome::Unchanged
    );
    assert_eq!(s.counts().unwrap(), before);
    assert!(s.check().unwrap().is_empty());
    // Recoding replaces the rows even though the content is the same.
    let c = Coded {
        doc: &d,
        sentences: &spans,
        records: &recs[..1],
    };
    assert_eq!(
        s.put_batch_with(&[c], true).unwrap(),
        [PutOutcome::Replaced]
    );
    let after = s.counts().unwrap();
    assert_eq!((after.documents, after.events, after.quotes), (1, 1, 0));
    assert!(s.check().unwrap().is_empty());
}

#[test]
fn changed_document_replaces_its_rows() {
    let mut s = Store::open_in_memory().unwrap();
    let d = doc("a", STORY, "Moscow Times");
    let recs = vec![
        event(
            &d,
            ("Russia", "RUS"),
            Some(("United States", "USA")),
            "0311",
            "2021-12-15",
        ),
        event(
            &d,
            ("Russia", "RUS"),
            Some(("NATO", "IGOWSTNAT")),
            "1312",
            "2021-12-15",
        ),
    ];
    s.put_document(&d, &[], &recs).unwrap();
    let mut d2 = d.clone();
    d2.text.push_str(" Later, NATO answered.");
    assert_eq!(s.status(&d2).unwrap(), DocStatus::Changed);
    let recs2 = vec![event(
        &d2,
        ("NATO", "IGOWSTNAT"),
        Some(("Russia", "RUS")),
        "0411",
        "2021-12-16",
    )];
    assert_eq!(
        s.put_document(&d2, &[], &recs2).unwrap(),
        PutOutcome::Replaced
    );
    let c = s.counts().unwrap();
    assert_eq!((c.documents, c.events, c.event_groups), (1, 1, 1));
    let page = s.events(&EventFilter::default(), Page::default()).unwrap();
    assert_eq!(page.events[0].event.cameo, "0411");
    assert!(s.check().unwrap().is_empty());
    assert!(s.delete_document("a").unwrap());
    let c = s.counts().unwrap();
    assert_eq!(
        (c.documents, c.events, c.event_groups, c.mentions),
        (0, 0, 0, 0)
    );
}

#[test]
fn exact_copy_under_other_id_is_a_duplicate() {
    let mut s = Store::open_in_memory().unwrap();
    let d = doc("a", STORY, "Moscow Times");
    s.put_document(&d, &[], &[]).unwrap();
    let mut copy = d.clone();
    copy.id = "b".into();
    assert_eq!(
        s.put_document(&copy, &[], &[]).unwrap(),
        PutOutcome::Duplicate { of: "a".into() }
    );
    assert_eq!(s.counts().unwrap().documents, 1);
}

#[test]
fn wire_copies_are_linked_and_counted() {
    let mut s = Store::open_in_memory().unwrap();
    let a = doc("a", STORY, "Moscow Times");
    let b = doc("b", &format!("{STORY} Reporting by the desk."), "Reuters");
    let c = doc(
        "c",
        "Bank of England raises rates\n\nLONDON - The Bank of England raised interest rates on \
         Thursday for the first time in three years as inflation climbed, and Russia said \
         nothing about it while the United States criticized the demands.",
        "BBC",
    );
    let key = |d: &Document| {
        vec![event(
            d,
            ("Russia", "RUS"),
            Some(("United States", "USA")),
            "0311",
            "2021-12-15",
        )]
    };
    s.put_document(&a, &[], &key(&a)).unwrap();
    s.put_document(&b, &[], &key(&b)).unwrap();
    s.put_document(&c, &[], &key(&c)).unwrap();
    let c_ = s.counts().unwrap();
    assert_eq!(c_.duplicate_links, 1);
    assert_eq!(c_.event_groups, 1);
    let e = &s
        .events(&EventFilter::default(), Page::default())
        .unwrap()
        .events[0];
    assert_eq!(
        (e.num_mentions, e.num_articles, e.num_sources, e.num_stories),
        (3, 3, 3, 2)
    );
    let view = s.document("b").unwrap().unwrap();
    assert_eq!(view.duplicates.len(), 1);
    assert_eq!(view.duplicates[0].doc, "a");
    assert!(s.document("c").unwrap().unwrap().duplicates.is_empty());
    // Removing a copy updates the counts of the events it mentioned.
    s.delete_document("b").unwrap();
    let e = &s
        .events(&EventFilter::default(), Page::default())
        .unwrap()
        .events[0];
    assert_eq!((e.num_mentions, e.num_stories), (2, 2));
    assert!(s.check().unwrap().is_empty());
}

/// The schema version a store's database records.
fn user_version(s: &Store) -> i64 {
    s.connection()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap()
}

/// The RUS-USA dyad filter of the tests.
fn rus_usa() -> Option<(ActorPattern, ActorPattern)> {
    Some((
        ActorPattern::parse("a", "RUS").unwrap(),
        ActorPattern::parse("b", "USA").unwrap(),
    ))
}

fn filled() -> Store {
    let mut s = Store::open_in_memory().unwrap();
    let d = doc("a", STORY, "Moscow Times");
    let mut recs = vec![
        event(
            &d,
            ("Russia", "RUSGOV"),
            Some(("United States", "USAGOV")),
            "0311",
            "2021-12-13",
        ),
        event(
            &d,
            ("Russia", "RUSGOV"),
            Some(("United States", "USA")),
            "1312",
            "2021-12-15",
        ),
        event(
            &d,
            ("United States", "USAGOV"),
            Some(("Russia", "RUS")),
            "1121",
            "2021-12-20",
        ),
        event(
            &d,
            ("Russia", "RUSMIL"),
            Some(("Ukraine", "UKR")),
            "190",
            "2022-01-03",
        ),
        event(
            &d,
            ("NATO", "IGOWSTNAT"),
            Some(("Russia", "RUS")),
            "040",
            "",
        ),
    ];
    if let Record::Event(e) = &mut recs[3] {
        e.modality = Modality::Hypothetical;
    }
    s.put_document(&d, &[], &recs).unwrap();
    s
}

#[test]
fn filters_select_events() {
    let s = filled();
    let n = |f: EventFilter| s.events(&f, Page::default()).unwrap().total;
    let pat = |x: &str| Some(ActorPattern::parse("source", x).unwrap());
    assert_eq!(n(EventFilter::default()), 5);
    assert_eq!(
        n(EventFilter {
            source: pat("RUS"),
            ..Default::default()
        }),
        3
    );
    assert_eq!(
        n(EventFilter {
            source: pat("GOV"),
            ..Default::default()
        }),
        3
    );
    assert_eq!(
        n(EventFilter {
            target: pat("NAT"),
            ..Default::default()
        }),
        0
    );
    assert_eq!(
        n(EventFilter {
            source: pat("NAT"),
            ..Default::default()
        }),
        1
    );
    let dyad = rus_usa();
    assert_eq!(
        n(EventFilter {
            dyad: dyad.clone(),
            ..Default::default()
        }),
        3
    );
    assert_eq!(
        n(EventFilter {
            dyad,
            directed: true,
            ..Default::default()
        }),
        2
    );
    assert_eq!(n(EventFilter::default().with_cameo("13").unwrap()), 1);
    assert_eq!(n(EventFilter::default().with_quad(3).unwrap()), 2);
    assert_eq!(
        n(EventFilter::default()
            .with_dates(Some("2021-12-14"), Some("2021-12-31"))
            .unwrap()),
        2
    );
    assert_eq!(
        n(EventFilter {
            modalities: parse_modalities("factual").unwrap(),
            ..Default::default()
        }),
        4
    );
    assert_eq!(
        n(EventFilter {
            text: Some("CRITICIZED".into()),
            ..Default::default()
        }),
        5
    );
    assert!(EventFilter::default()
        .with_dates(Some("2021-13-01"), None)
        .is_err());
    assert!(EventFilter::default()
        .with_dates(Some("2021-12-02"), Some("2021-12-01"))
        .is_err());
    assert!(EventFilter::default().with_cameo("1a").is_err());
    assert!(EventFilter::default().with_quad(5).is_err());
    assert!(parse_modalities("maybe").is_err());
    assert!(s
        .actor_known(&ActorPattern::parse("a", "UKR").unwrap())
        .unwrap());
    assert!(!s
        .actor_known(&ActorPattern::parse("a", "ZZZ").unwrap())
        .unwrap());
}

#[test]
fn pages_sort_and_limit() {
    let s = filled();
    let p = Page {
        page: 2,
        per_page: 2,
        sort: SortKey::Goldstein,
        descending: true,
    };
    let page = s.events(&EventFilter::default(), p).unwrap();
    assert_eq!(page.total, 5);
    assert_eq!(page.events.len(), 2);
    assert!(page.events[0].event.goldstein >= page.events[1].event.goldstein);
    let bad = Page {
        per_page: MAX_PAGE_SIZE + 1,
        ..Page::default()
    };
    assert!(matches!(
        s.events(&EventFilter::default(), bad),
        Err(StoreError::Invalid {
            field: "per_page",
            ..
        })
    ));
}

#[test]
fn timeline_buckets() {
    let s = filled();
    let f = EventFilter {
        dyad: rus_usa(),
        ..Default::default()
    };
    let days = s.timeline(&f, Interval::Day).unwrap();
    assert_eq!(days.len(), 3);
    let weeks = s.timeline(&f, Interval::Week).unwrap();
    // 2021-12-13 and -15 are in the week of Monday 13th; the 20th is a Monday itself.
    assert_eq!(
        weeks.iter().map(|p| p.period.as_str()).collect::<Vec<_>>(),
        ["2021-12-13", "2021-12-20"]
    );
    assert_eq!(weeks[0].events, 2);
    assert_eq!(weeks[0].quad, [1, 0, 1, 0]);
    assert_eq!(weeks[0].goldstein_sum, -1.0);
    assert_eq!(weeks[0].goldstein_mean, -0.5);
    let months = s
        .timeline(&EventFilter::default(), Interval::Month)
        .unwrap();
    assert_eq!(
        months
            .iter()
            .map(|p| (p.period.as_str(), p.events))
            .collect::<Vec<_>>(),
        [("2021-12-01", 3), ("2022-01-01", 1)]
    );
}

#[test]
fn actors_and_network() {
    let s = filled();
    let a = s.actors(&EventFilter::default(), 0, 10).unwrap();
    assert_eq!(a[0].code, "RUS");
    assert_eq!(a[0].events, 2);
    let a1 = s.actors(&EventFilter::default(), 1, 10).unwrap();
    let rus = a1.iter().find(|a| a.code == "RUS").unwrap();
    assert_eq!((rus.as_source, rus.as_target, rus.events), (3, 2, 5));
    let net = s.network(&EventFilter::default(), 1, 10).unwrap();
    let ru_us = net
        .iter()
        .find(|e| e.source == "RUS" && e.target == "USA")
        .unwrap();
    assert_eq!((ru_us.events, ru_us.conflict), (2, 1));
}

#[test]
fn document_view_has_spans() {
    let s = filled();
    let v = s.document("a").unwrap().unwrap();
    assert_eq!(v.events.len(), 5);
    assert!(v
        .mentions
        .iter()
        .any(|m| m.role == "target" && m.code == "UKR"));
    let e = &v.events[0].event;
    assert_eq!(&v.text[e.evidence.start..e.evidence.end], e.evidence.text);
    assert_eq!(&v.text[e.source.start..e.source.end], e.source.text);
    assert!(s.document("nope").unwrap().is_none());
}

#[test]
fn exports() {
    let s = filled();
    let mut buf = Vec::new();
    assert_eq!(
        export(&s, &EventFilter::default(), ExportFormat::Gdelt, &mut buf).unwrap(),
        5
    );
    let text = String::from_utf8(buf).unwrap();
    let first = text.lines().next().unwrap();
    let cols: Vec<&str> = first.split('\t').collect();
    assert_eq!(cols.len(), GDELT_COLUMNS.len());
    // Undated event sorts first.
    let row = text.lines().nth(1).unwrap().split('\t').collect::<Vec<_>>();
    assert_eq!(row[1], "20211213");
    assert_eq!(row[5], "RUSGOV");
    assert_eq!(row[7], "RUS");
    assert_eq!(row[12], "GOV");
    assert_eq!(row[26], "0311");
    assert_eq!(row[27], "031");
    assert_eq!(row[28], "03");
    assert_eq!(row[29], "1");
    let mut buf = Vec::new();
    export(&s, &EventFilter::default(), ExportFormat::Csv, &mut buf).unwrap();
    let text = String::from_utf8(buf).unwrap();
    assert!(text.starts_with("id,doc,sentence,date,source_code"));
    assert_eq!(text.lines().count(), 6);
    let mut buf = Vec::new();
    export(&s, &EventFilter::default(), ExportFormat::Jsonl, &mut buf).unwrap();
    let v: serde_json::Value =
        serde_json::from_str(String::from_utf8(buf).unwrap().lines().nth(1).unwrap()).unwrap();
    assert_eq!(v["type"], "event");
    assert_eq!(v["source"]["code"], "RUSGOV");
    assert_eq!(v["num_mentions"], 1);
    #[cfg(not(feature = "parquet"))]
    assert!(matches!(
        export(
            &s,
            &EventFilter::default(),
            ExportFormat::Parquet,
            Vec::new()
        ),
        Err(StoreError::ParquetDisabled)
    ));
    #[cfg(feature = "parquet")]
    {
        use parquet::file::reader::{FileReader, SerializedFileReader};
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("e.parquet");
        let f = std::fs::File::create(&path).unwrap();
        assert_eq!(
            export(&s, &EventFilter::default(), ExportFormat::Parquet, f).unwrap(),
            5
        );
        let r = SerializedFileReader::new(std::fs::File::open(&path).unwrap()).unwrap();
        let meta = r.metadata().file_metadata();
        assert_eq!(meta.num_rows(), 5);
        assert_eq!(
            meta.schema_descr().num_columns(),
            crate::export::CSV_COLUMNS.len()
        );
    }
}

#[test]
fn migrations_and_newer_databases() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    {
        let s = Store::open(&path).unwrap();
        assert_eq!(user_version(&s), SCHEMA_VERSION);
        let mode: String = s
            .connection()
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "wal");
    }
    Store::open(&path).unwrap();
    {
        let c = rusqlite::Connection::open(&path).unwrap();
        c.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
            .unwrap();
    }
    let err = Store::open(&path).err().unwrap();
    assert!(matches!(err, StoreError::TooNew { .. }), "{err}");
    assert!(err.to_string().contains("t.db"));
    {
        let c = rusqlite::Connection::open(&path).unwrap();
        c.pragma_update(None, "user_version", -1).unwrap();
    }
    let err = Store::open(&path).err().unwrap();
    assert!(matches!(err, StoreError::TooNew { found: -1, .. }), "{err}");
}

#[test]
fn dyad_queries_use_the_covering_index() {
    let s = filled();
    let f = EventFilter {
        dyad: rus_usa(),
        ..Default::default()
    };
    let (w, v) = f.to_sql();
    let sql = format!(
        "EXPLAIN QUERY PLAN SELECT {} AS period, COUNT(*), SUM(e.goldstein) FROM events e
         WHERE e.date <> '' AND {w} GROUP BY period",
        Interval::Week.sql()
    );
    let mut st = s.connection().prepare(&sql).unwrap();
    let plan: Vec<String> = st
        .query_map(rusqlite::params_from_iter(v.iter()), |r| {
            r.get::<_, String>(3)
        })
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let plan = plan.join("\n");
    assert!(plan.contains("events_dyad"), "{plan}");
    assert!(!plan.contains("SCAN e"), "{plan}");
    assert!(
        plan.contains("MULTI-INDEX OR") || plan.contains("SEARCH e"),
        "{plan}"
    );
}

#[test]
fn readers_open_while_a_writer_holds_the_lock() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    let mut writer = Store::open(&path).unwrap();
    let d = doc("a", STORY, "Moscow Times");
    writer.put_document(&d, &[], &[]).unwrap();
    let tx = writer
        .conn
        .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
        .unwrap();
    tx.execute("DELETE FROM actors", []).unwrap();
    // A second connection opens and reads the committed state (WAL) without waiting.
    let reader = Store::open(&path).unwrap();
    assert_eq!(reader.counts().unwrap().documents, 1);
    tx.rollback().unwrap();
}

#[test]
fn an_old_database_is_migrated() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    {
        // A version-1 database: the first migration only.
        let c = rusqlite::Connection::open(&path).unwrap();
        c.execute_batch(schema::MIGRATIONS[0]).unwrap();
        c.pragma_update(None, "user_version", 1).unwrap();
    }
    let s = Store::open(&path).unwrap();
    assert_eq!(user_version(&s), SCHEMA_VERSION);
    let idx: i64 = s
        .connection()
        .query_row(
            "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name = 'events_dyad'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(idx, 1);
}
