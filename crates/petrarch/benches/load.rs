//! Load plus compile of the full Phoenix dictionaries and CAMEO.2.0 from `../shared/petrarch/`
//! (skipped when that folder is absent). Run: `cargo bench -p petrel-petrarch --bench load`.

use criterion::{criterion_group, criterion_main, Criterion};
use petrel_petrarch::{load, LoadOptions, PetrarchFiles};
use std::path::PathBuf;

fn files() -> Option<PetrarchFiles> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/petrarch");
    if !dir.join("CAMEO.2.0.txt").exists() {
        return None;
    }
    Some(PetrarchFiles {
        verbs: Some(dir.join("CAMEO.2.0.txt")),
        actors: [
            "Phoenix.Countries.actors.txt",
            "Phoenix.International.actors.txt",
            "Phoenix.MilNonState.actors.txt",
        ]
        .iter()
        .map(|f| dir.join(f))
        .collect(),
        agents: Some(dir.join("Phoenix.agents.txt")),
        discards: Some(dir.join("Phoenix.discards.txt")),
        issues: Some(dir.join("Phoenix.IssueCoding.txt")),
    })
}

fn bench(c: &mut Criterion) {
    let Some(f) = files() else {
        eprintln!("../shared/petrarch absent: skipping the PETRARCH load bench");
        return;
    };
    let mut g = c.benchmark_group("petrarch");
    g.sample_size(10);
    g.bench_function("load_phoenix_cameo2", |b| {
        b.iter(|| load(&f, LoadOptions::default()).expect("loads"))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
