//! Loads the built-in knowledge base plus the folders given, and prints counts per kind or
//! every error with file:line.
//!
//! `cargo run -p petrel-dict --example check -- [DIR...]`

use petrel_dict::KnowledgeBase;
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let dirs: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    match KnowledgeBase::load(&dirs) {
        Ok(kb) => {
            println!("{}", kb.counts());
            let missing = kb.cameo_without_patterns();
            if !missing.is_empty() {
                println!(
                    "CAMEO codes without a pattern: {} ({})",
                    missing.len(),
                    missing.join(" ")
                );
            }
            ExitCode::SUCCESS
        }
        Err(errors) => {
            for e in errors.errors() {
                eprintln!("{e}");
            }
            eprintln!("{} error(s)", errors.len());
            ExitCode::from(1)
        }
    }
}
