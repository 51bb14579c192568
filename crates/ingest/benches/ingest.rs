//! Ingestion throughput: JSON Lines (../shared/corpus, skipped when absent), plain text and
//! HTML (the bundled examples). `cargo bench -p petrel-ingest`.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use petrel_ingest::{read_bytes, InputFormat, Item, Options};
use std::hint::black_box;
use std::path::Path;

fn count_docs(items: Vec<Item>) -> usize {
    items
        .into_iter()
        .filter(|i| matches!(i, Item::Document(_)))
        .count()
}

fn bench(c: &mut Criterion) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut g = c.benchmark_group("ingest");
    let corpus = root.join("../shared/corpus/bbc_politics.jsonl");
    match std::fs::read(&corpus) {
        Ok(data) => {
            let opts = Options {
                format: InputFormat::Jsonl,
                ..Default::default()
            };
            g.throughput(Throughput::Bytes(data.len() as u64));
            g.bench_function("jsonl_bbc_politics", |b| {
                b.iter(|| count_docs(read_bytes(black_box(&data), "bbc.jsonl", &opts)))
            });
        }
        Err(_) => eprintln!(
            "note: {} absent, skipping the JSON Lines bench",
            corpus.display()
        ),
    }
    let text = std::fs::read(root.join("examples/moscow-proposals.txt")).unwrap_or_default();
    // many articles in one buffer, so the bench measures reading, not set-up
    let big: Vec<u8> = text.repeat(200);
    g.throughput(Throughput::Bytes(big.len() as u64));
    g.bench_function("text_200_articles", |b| {
        b.iter(|| count_docs(read_bytes(black_box(&big), "big.txt", &Options::default())))
    });
    let html = std::fs::read(root.join("examples/kyiv-talks.html")).unwrap_or_default();
    g.throughput(Throughput::Bytes(html.len() as u64));
    g.bench_function("html_page", |b| {
        b.iter(|| {
            count_docs(read_bytes(
                black_box(&html),
                "page.html",
                &Options::default(),
            ))
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
