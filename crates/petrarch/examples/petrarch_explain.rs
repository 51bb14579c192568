//! Codes one sentence with the dictionaries a PETRARCH validation file names, and prints each
//! event with the rule that fired.
//! `cargo run -p petrel-petrarch --example petrarch_explain -- RECORDS.xml "sentence"`

use petrel_petrarch::{load, validate, LoadOptions};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 2 {
        eprintln!("usage: petrarch_explain RECORDS.xml SENTENCE");
        std::process::exit(2);
    }
    let suite = validate::read_suite(std::path::Path::new(&args[0]))?;
    let l = load(&suite.files, LoadOptions::default())?;
    let doc = petrel_core::Document::from_text("s", args[1].clone());
    for r in petrel_coder::Coder::new(&l.kb).code(&doc) {
        if let petrel_events::Record::Event(e) = r {
            println!(
                "{} -> {} {} {:?} [{}] rule {}",
                e.source.code,
                e.target.as_ref().map(|t| t.code.as_str()).unwrap_or("-"),
                e.cameo,
                e.modality,
                e.evidence.text,
                e.rule
            );
        }
    }
    Ok(())
}
