//! Raw text to events on one thread, over ../shared/corpus/ (skipped when absent).
//! Reports sentences per second through criterion's throughput (elements = sentences).
//!
//! Run: `cargo bench -p petrel-coder --bench code`

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use petrel_coder::Coder;
use petrel_core::Document;
use petrel_dict::KnowledgeBase;

fn corpus() -> Vec<Document> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus");
    let mut docs = Vec::new();
    for name in [
        "agnews_world_test.jsonl",
        "bbc_politics.jsonl",
        "wikinews_2019_2020.jsonl",
    ] {
        let Ok(text) = std::fs::read_to_string(dir.join(name)) else {
            continue;
        };
        for line in text.lines().take(300) {
            let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
                continue;
            };
            let body = v["text"].as_str().unwrap_or("");
            let title = v["title"].as_str().unwrap_or("");
            let mut d = Document::from_text(
                v["id"].as_str().unwrap_or("x"),
                format!("{title}\n\n{body}"),
            );
            d.date = v["date"]
                .as_str()
                .and_then(|s| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").ok());
            docs.push(d);
        }
    }
    docs
}

fn bench(c: &mut Criterion) {
    let docs = corpus();
    if docs.is_empty() {
        eprintln!("note: ../shared/corpus absent, bench skipped");
        return;
    }
    let kb = match KnowledgeBase::builtin() {
        Ok(kb) => kb,
        Err(e) => {
            eprintln!("built-in knowledge base failed to load: {e:?}");
            return;
        }
    };
    let coder = Coder::new(&kb);
    let sentences: usize = docs
        .iter()
        .map(|d| petrel_text::analyze(d).sentences.len())
        .sum();
    let mut g = c.benchmark_group("code");
    g.sample_size(10);
    g.throughput(Throughput::Elements(sentences as u64));
    g.bench_function(format!("{} docs, {sentences} sentences", docs.len()), |b| {
        b.iter(|| {
            let mut n = 0;
            for d in &docs {
                n += coder.code(black_box(d)).len();
            }
            black_box(n)
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
