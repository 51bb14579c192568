//! Load plus compile of the built-in knowledge base (target: under 100 ms), and matching
//! speed over a sentence.

use criterion::{criterion_group, criterion_main, Criterion};
use petrel_dict::KnowledgeBase;
use std::hint::black_box;

fn load(c: &mut Criterion) {
    // The knowledge base lives for the whole run, so its drop is not part of the figure.
    c.bench_function("builtin load+compile", |b| {
        b.iter_with_large_drop(|| KnowledgeBase::builtin().expect("built-in base loads"))
    });
    let kb = KnowledgeBase::builtin().expect("built-in base loads");
    let sentence =
        "Russia on Wednesday sent the United States its proposals on security guarantees \
         , Deputy Foreign Minister Sergei Ryabkov said , as Russian troops massed near Ukraine \
         and NATO allies warned of sanctions against Moscow";
    let words: Vec<&str> = sentence.split(' ').collect();
    c.bench_function("actors_in+agents_in 30-word sentence", |b| {
        b.iter(|| {
            let a = kb.actors_in(black_box(&words));
            let g = kb.agents_in(black_box(&words));
            black_box((a, g))
        })
    });
    c.bench_function("actors_and_agents_in 30-word sentence", |b| {
        b.iter(|| black_box(kb.actors_and_agents_in(black_box(&words))))
    });
}

criterion_group!(benches, load);
criterion_main!(benches);
