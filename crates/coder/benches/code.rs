//! Raw text to events on one thread, over ../shared/corpus/ (skipped when absent).
//! Reports sentences per second through criterion's throughput (elements = sentences).
//!
//! Run: `cargo bench -p petrel-coder --bench code`

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use petrel_coder::Coder;
use petrel_dict::KnowledgeBase;

mod common;
use common::corpus;

fn bench(c: &mut Criterion) {
    let docs = corpus::sample();
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
