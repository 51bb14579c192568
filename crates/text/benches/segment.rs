//! Segmentation and tokenization throughput over real news.
//!
//! Reads the texts of `../shared/corpus/*.jsonl` (from the repository root); when that folder
//! is absent, the repository's `examples/` (text files, and the `text` of JSON Lines); when
//! both are absent, nothing is measured. Compares with a naive split on ". " over the same
//! input. Run: `cargo bench -p petrel-text --bench segment`.
//!
//! Two groups: `text` measures the CPU time of the benchmarking thread (one core's throughput,
//! unaffected by other processes competing for the machine), `text_wall` wall-clock time.

use criterion::measurement::{Measurement, ValueFormatter, WallTime};
use criterion::{criterion_group, criterion_main, BenchmarkGroup, Criterion, Throughput};
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

/// CPU time of the calling thread, in nanoseconds.
struct ThreadCpuTime;

fn thread_cpu_ns() -> u64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid, writable timespec; the call only writes into it.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    if rc != 0 {
        return 0;
    }
    ts.tv_sec as u64 * 1_000_000_000 + ts.tv_nsec as u64
}

static WALL: WallTime = WallTime;

impl Measurement for ThreadCpuTime {
    type Intermediate = u64;
    type Value = u64;
    fn start(&self) -> u64 {
        thread_cpu_ns()
    }
    fn end(&self, start: u64) -> u64 {
        thread_cpu_ns().saturating_sub(start)
    }
    fn add(&self, a: &u64, b: &u64) -> u64 {
        a + b
    }
    fn zero(&self) -> u64 {
        0
    }
    fn to_f64(&self, v: &u64) -> f64 {
        *v as f64
    }
    fn formatter(&self) -> &dyn ValueFormatter {
        WALL.formatter()
    }
}

fn cpu_bench(c: &mut Criterion<ThreadCpuTime>) {
    let text = corpus();
    if text.is_empty() {
        eprintln!("note: no corpus and no examples found; nothing to benchmark");
        return;
    }
    let mut g = c.benchmark_group("text");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.sample_size(20);
    run_all(&mut g, &text);
    g.finish();
}

fn wall_bench(c: &mut Criterion) {
    let text = corpus();
    if text.is_empty() {
        return;
    }
    let mut g = c.benchmark_group("text_wall");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.sample_size(10);
    g.bench_function("naive_split_dot_space", |b| {
        b.iter(|| naive_split(black_box(&text)))
    });
    g.bench_function("segment", |b| {
        b.iter(|| petrel_text::segment(black_box(&text)).len())
    });
    g.finish();
}

fn run_all<M: Measurement>(g: &mut BenchmarkGroup<'_, M>, text: &str) {
    g.bench_function("naive_split_dot_space", |b| {
        b.iter(|| naive_split(black_box(text)))
    });
    g.bench_function("segment", |b| {
        b.iter(|| petrel_text::segment(black_box(text)).len())
    });
    let spans = petrel_text::segment(text);
    g.bench_function("segment_and_tokenize", |b| {
        b.iter(|| {
            let mut n = 0;
            for s in petrel_text::segment(black_box(text)) {
                n += petrel_text::tokenize(text, s).len();
            }
            n
        })
    });
    g.bench_function("tokenize_only", |b| {
        b.iter(|| {
            spans
                .iter()
                .map(|&s: &Span| petrel_text::tokenize(black_box(text), s).len())
                .sum::<usize>()
        })
    });
    let doc = Document {
        date: chrono::NaiveDate::from_ymd_opt(2021, 12, 15),
        ..Document::from_text("bench", text)
    };
    g.bench_function("analyze", |b| {
        b.iter(|| petrel_text::analyze(black_box(&doc)).sentences.len())
    });
}

criterion_group! {
    name = cpu;
    config = Criterion::default().with_measurement(ThreadCpuTime);
    targets = cpu_bench
}
criterion_group!(wall, wall_bench);
criterion_main!(cpu, wall);
