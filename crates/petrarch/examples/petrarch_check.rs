//! Loads PETRARCH dictionaries and prints what was read and every diagnostic.
//! `cargo run -p petrel-petrarch --example petrarch_check -- CONFIG_OR_XML [--records]`
//! (a `.xml` validation file loads the dictionaries its environment names and runs it).

use petrel_petrarch::{load, validate, LoadOptions, PetrarchFiles};
use std::path::Path;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.first() else {
        eprintln!("usage: petrarch_check CONFIG|RECORDS.xml [--records]");
        std::process::exit(2);
    };
    let path = Path::new(path);
    let suite = if path.extension().is_some_and(|e| e == "xml") {
        Some(validate::read_suite(path)?)
    } else {
        None
    };
    let files = match &suite {
        Some(s) => s.files.clone(),
        None => PetrarchFiles::from_config(path)?,
    };
    let t = std::time::Instant::now();
    let l = load(&files, LoadOptions::default())?;
    eprintln!("loaded in {:?}: {:?}", t.elapsed(), l.stats);
    eprintln!("{}", l.kb.counts());
    for d in &l.diagnostics {
        println!("{:?} {d}", d.severity);
    }
    if let Some(s) = suite {
        let opts = validate::RunOptions {
            factual_only: args.iter().any(|a| a == "--factual"),
        };
        let rep = validate::run(&s, &l.kb, &l.discards, opts);
        if args.iter().any(|a| a == "--records") {
            for r in &rep.records {
                println!(
                    "{} {} {}\n   want {:?}\n   got  {:?}",
                    if r.passed { "PASS" } else { "FAIL" },
                    r.id,
                    s.records
                        .iter()
                        .find(|x| x.id == r.id)
                        .map(|x| x.text.as_str())
                        .unwrap_or(""),
                    r.expected
                        .iter()
                        .map(|t| format!("{} {} {}", t.source, t.target, t.code))
                        .collect::<Vec<_>>(),
                    r.got
                        .iter()
                        .map(|t| format!("{} {} {}", t.source, t.target, t.code))
                        .collect::<Vec<_>>()
                );
            }
        }
        for (c, n) in &rep.categories {
            println!("{c:<10} {}/{}", n.passed, n.total);
        }
        println!("total {}/{}", rep.passed, rep.total);
    }
    Ok(())
}
