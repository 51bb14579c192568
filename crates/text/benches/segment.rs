//! Segmentation and tokenization throughput over real news.
//!
//! Reads the texts of `../shared/corpus/*.jsonl` (from the repository root); when that folder
//! is absent, the repository's `examples/` (text files, and the `text` of JSON Lines); when
//! both are absent, nothing is measured. Compares with a naive split on ". " over the same
//! input. Run: `cargo bench -p petrel-text --bench segment`.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use petrel_core::{Document, Span};
use std::hint::black_box;
use std::path::Path;

fn texts_of_jsonl(data: &str, out: &mut String) {
    for line in data.lines() {
        if let Ok(v) = serde_json::from_str::<serde_json::Value>(line) {
            if let Some(t) = v.get("text").and_then(|t| t.as_str()) {
                out.push_str(t);
                out.push_str("\n\n");
            }
        }
    }
}

fn load_dir(dir: &Path, out: &mut String) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<_> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        let Ok(data) = std::fs::read_to_string(&p) else {
            continue;
        };
        match p.extension().and_then(|e| e.to_str()) {
            Some("jsonl") => texts_of_jsonl(&data, out),
            Some("txt") => {
                out.push_str(&data);
                out.push_str("\n\n");
            }
            _ => {}
        }
    }
}

fn corpus() -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut text = String::new();
    load_dir(&root.join("../shared/corpus"), &mut text);
    if text.is_empty() {
        eprintln!("note: ../shared/corpus absent; benchmarking on examples/");
        load_dir(&root.join("examples"), &mut text);
    }
    text
}

/// The baseline: split on ". " and on blank lines, nothing else.
fn naive_split(text: &str) -> usize {
    text.split("\n\n")
        .flat_map(|p| p.split(". "))
        .filter(|s| !s.trim().is_empty())
        .count()
}

fn bench(c: &mut Criterion) {
    let text = corpus();
    if text.is_empty() {
        eprintln!("note: no corpus and no examples found; nothing to benchmark");
        return;
    }
    let mut g = c.benchmark_group("text");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.sample_size(20);
    g.bench_function("naive_split_dot_space", |b| {
        b.iter(|| naive_split(black_box(&text)))
    });
    g.bench_function("segment", |b| {
        b.iter(|| petrel_text::segment(black_box(&text)).len())
    });
    let spans = petrel_text::segment(&text);
    g.bench_function("segment_and_tokenize", |b| {
        b.iter(|| {
            let mut n = 0;
            for s in petrel_text::segment(black_box(&text)) {
                n += petrel_text::tokenize(&text, s).len();
            }
            n
        })
    });
    g.bench_function("tokenize_only", |b| {
        b.iter(|| {
            spans
                .iter()
                .map(|&s: &Span| petrel_text::tokenize(black_box(&text), s).len())
                .sum::<usize>()
        })
    });
    let doc = Document {
        date: chrono::NaiveDate::from_ymd_opt(2021, 12, 15),
        ..Document::from_text("bench", text.clone())
    };
    g.bench_function("analyze", |b| {
        b.iter(|| petrel_text::analyze(black_box(&doc)).sentences.len())
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
