//! Store benchmarks: ingest throughput (documents per second, 10 events each) and the latency of
//! the dyad timeline, the event page and the actor counts on a store of 100,000 synthetic events.
//!
//! `cargo bench -p petrel-store --bench store`
//!
//! With `PETREL_BENCH_DB=FILE`, the 100,000-event store is written to FILE and kept (to serve it
//! with `petrel serve --db FILE` and try the dashboard on it).

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use petrel_core::{Document, Span};
use petrel_events::{ActorRef, Attribution, Event, Evidence, Modality, Plover, Record};
use petrel_store::{ActorPattern, Coded, EventFilter, Interval, Page, SortKey, Store};
use std::hint::black_box;

const ACTORS: &[(&str, &str)] = &[
    ("Russia", "RUSGOV"),
    ("the United States", "USAGOV"),
    ("Ukraine", "UKRGOV"),
    ("Ukrainian troops", "UKRMIL"),
    ("Russian forces", "RUSMIL"),
    ("NATO", "IGOWSTNAT"),
    ("China", "CHNGOV"),
    ("France", "FRAGOV"),
    ("Germany", "DEUGOV"),
    ("Turkey", "TURGOV"),
    ("Poland", "POLGOV"),
    ("Belarus", "BLRGOV"),
    ("the European Union", "IGOEUREEC"),
    ("Japan", "JPNGOV"),
    ("Iran", "IRNGOV"),
    ("Israel", "ISRGOV"),
];

const CODES: &[(&str, &str, u8, f64)] = &[
    ("036", "met", 1, 4.0),
    ("040", "consulted", 1, 1.0),
    ("0311", "asked for aid from", 1, 3.4),
    ("057", "signed an agreement with", 1, 8.0),
    ("071", "gave aid to", 2, 7.4),
    ("112", "accused", 3, -2.0),
    ("130", "threatened", 3, -4.4),
    ("1382", "warned", 3, -7.0),
    ("163", "sanctioned", 4, -8.0),
    ("190", "attacked", 4, -10.0),
];

/// A small deterministic generator (no dependency on `rand`).
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
    fn pick<T: Copy>(&mut self, v: &[T]) -> T {
        v[self.next() as usize % v.len()]
    }
}

/// Document `i` with `per_doc` events, one sentence each.
fn synthetic(i: usize, per_doc: usize, rng: &mut Lcg) -> (Document, Vec<Span>, Vec<Record>) {
    let day =
        chrono::NaiveDate::from_ymd_opt(2021, 1, 1).unwrap() + chrono::Days::new(rng.next() % 730);
    let date = day.to_string();
    let mut text = format!("Report {i} on regional tensions\n\n");
    let mut sentences = vec![Span::new(0, text.len() - 2)];
    let mut records = Vec::with_capacity(per_doc);
    for k in 0..per_doc {
        let (sname, scode) = rng.pick(ACTORS);
        let (mut tname, mut tcode) = rng.pick(ACTORS);
        if tcode == scode {
            (tname, tcode) = ACTORS[(i + k + 1) % ACTORS.len()];
        }
        let (cameo, verb, quad, gold) = rng.pick(CODES);
        let start = text.len();
        text.push_str(&format!("{sname} {verb} {tname} in dispatch {i}-{k}. "));
        let end = text.len() - 1;
        sentences.push(Span::new(start, end));
        let s_end = start + sname.len();
        let t_start = s_end + 1 + verb.len() + 1;
        records.push(Record::Event(Event {
            doc: format!("doc{i}"),
            sentence: k + 1,
            date: date.clone(),
            source: ActorRef {
                text: sname.into(),
                code: scode.into(),
                start,
                end: s_end,
                name: None,
            },
            target: Some(ActorRef {
                text: tname.into(),
                code: tcode.into(),
                start: t_start,
                end: t_start + tname.len(),
                name: None,
            }),
            cameo: cameo.into(),
            cameo_name: verb.into(),
            goldstein: gold,
            quad_class: quad,
            plover: Plover {
                kind: "X".into(),
                mode: String::new(),
            },
            modality: if k % 7 == 3 {
                Modality::Hypothetical
            } else {
                Modality::Asserted
            },
            attribution: vec![Attribution {
                text: "officials".into(),
                code: None,
                name: None,
            }],
            evidence: Evidence {
                text: text[start..end].to_string(),
                start,
                end,
            },
            rule: "bench".into(),
            location: None,
        }));
    }
    let mut doc = Document::from_text(format!("doc{i}"), text);
    doc.date = Some(day);
    doc.source = Some(format!("Outlet {}", i % 40));
    doc.title = Some(format!("Report {i} on regional tensions"));
    (doc, sentences, records)
}

fn fill(store: &mut Store, docs: std::ops::Range<usize>, per_doc: usize, seed: u64) {
    let mut rng = Lcg(seed);
    let items: Vec<_> = docs.map(|i| synthetic(i, per_doc, &mut rng)).collect();
    for chunk in items.chunks(256) {
        let batch: Vec<Coded<'_>> = chunk
            .iter()
            .map(|(doc, sentences, records)| Coded {
                doc,
                sentences,
                records,
            })
            .collect();
        store.put_batch(&batch).unwrap();
    }
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();

    // Ingest: 200 documents of 10 events into a store that already holds 2,000 documents.
    let mut g = c.benchmark_group("ingest");
    g.sample_size(10);
    g.throughput(Throughput::Elements(200));
    let mut run = 0u64;
    g.bench_function("200_docs_10_events_each", |b| {
        b.iter_batched(
            || {
                run += 1;
                let path = dir.path().join(format!("ingest-{run}.db"));
                let mut s = Store::open(&path).unwrap();
                fill(&mut s, 0..2000, 10, 7);
                let mut rng = Lcg(run);
                let docs: Vec<_> = (100_000..100_200)
                    .map(|i| synthetic(i, 10, &mut rng))
                    .collect();
                (s, docs)
            },
            |(mut s, docs)| {
                let batch: Vec<Coded<'_>> = docs
                    .iter()
                    .map(|(doc, sentences, records)| Coded {
                        doc,
                        sentences,
                        records,
                    })
                    .collect();
                black_box(s.put_batch(&batch).unwrap());
            },
            BatchSize::PerIteration,
        )
    });
    g.finish();

    // Queries on 100,000 events (10,000 documents of 10 events).
    let path = std::env::var_os("PETREL_BENCH_DB")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| dir.path().join("big.db"));
    let mut store = Store::open(&path).unwrap();
    if store.counts().unwrap().events == 0 {
        fill(&mut store, 0..10_000, 10, 42);
    }
    assert_eq!(store.counts().unwrap().events, 100_000);
    let dyad = EventFilter {
        dyad: Some((
            ActorPattern::parse("a", "RUS").unwrap(),
            ActorPattern::parse("b", "USA").unwrap(),
        )),
        modalities: petrel_store::parse_modalities("factual").unwrap(),
        ..Default::default()
    };
    let mut g = c.benchmark_group("query_100k_events");
    g.bench_function("timeline_rus_usa_week", |b| {
        b.iter(|| black_box(store.timeline(&dyad, Interval::Week).unwrap()))
    });
    g.bench_function("timeline_all_month", |b| {
        b.iter(|| {
            black_box(
                store
                    .timeline(&EventFilter::default(), Interval::Month)
                    .unwrap(),
            )
        })
    });
    let page = Page {
        page: 3,
        per_page: 25,
        sort: SortKey::Date,
        descending: true,
    };
    g.bench_function("events_page_dyad", |b| {
        b.iter(|| black_box(store.events(&dyad, page).unwrap()))
    });
    g.bench_function("events_page_all", |b| {
        b.iter(|| black_box(store.events(&EventFilter::default(), page).unwrap()))
    });
    g.bench_function("actors_top50", |b| {
        b.iter(|| black_box(store.actors(&EventFilter::default(), 0, 50).unwrap()))
    });
    g.bench_function("network_top40", |b| {
        b.iter(|| black_box(store.network(&EventFilter::default(), 1, 40).unwrap()))
    });
    g.bench_function("document_view", |b| {
        b.iter(|| black_box(store.document("doc777").unwrap()))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
