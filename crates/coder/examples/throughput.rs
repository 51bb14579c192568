//! Development helper: sentences per second of CPU time, raw text to events, one thread, over
//! ../shared/corpus (the criterion bench `benches/code.rs` measures wall time; on a loaded
//! machine CPU time is the fairer figure). Linux only for the CPU clock; elsewhere it prints
//! wall time.
//!
//! `cargo run --release -p petrel-coder --example throughput`

use petrel_coder::Coder;
use petrel_dict::KnowledgeBase;
use std::time::Instant;

#[path = "../benches/common/corpus.rs"]
mod corpus;

fn cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let docs = corpus::sample();
    if docs.is_empty() {
        eprintln!("../shared/corpus absent");
        return Ok(());
    }
    let kb = KnowledgeBase::builtin().map_err(|e| format!("{e:?}"))?;
    let coder = Coder::new(&kb);
    let sentences: usize = docs
        .iter()
        .map(|d| petrel_text::analyze(d).sentences.len())
        .sum();
    let rounds = 3;
    let (c0, t0) = (cpu_ns(), Instant::now());
    let mut records = 0;
    for _ in 0..rounds {
        for d in &docs {
            records += coder.code(d).len();
        }
    }
    let wall = t0.elapsed().as_secs_f64();
    let total = (sentences * rounds) as f64;
    println!(
        "{} docs, {sentences} sentences x {rounds}, {} records",
        docs.len(),
        records / rounds
    );
    let c1 = cpu_ns();
    for _ in 0..rounds {
        for d in &docs {
            std::hint::black_box(petrel_text::analyze(d));
        }
    }
    if let (Some(a), Some(b)) = (c1, cpu_ns()) {
        let cpu = (b - a) as f64 / 1e9;
        println!(
            "text layer alone: {:.0} sentences/s of CPU",
            (sentences * rounds) as f64 / cpu
        );
    }
    println!("wall: {:.0} sentences/s", total / wall);
    if let (Some(a), Some(b)) = (c0, cpu_ns()) {
        let cpu = (b - a) as f64 / 1e9;
        println!("cpu:  {:.0} sentences/s ({cpu:.2} s of CPU)", total / cpu);
    }
    Ok(())
}
