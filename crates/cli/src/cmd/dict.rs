//! `petrel dict`: check, query and list the knowledge base.

use super::kb::{load_kb, KbArgs};
use chrono::NaiveDate;
use petrel_dict::KnowledgeBase;
use std::path::PathBuf;
use std::process::ExitCode;

/// `petrel dict ...`
#[derive(clap::Subcommand)]
pub enum DictCommand {
    /// Validate the built-in dictionaries plus DIRs; print counts per kind, or every error
    /// with file:line (exit status 1).
    Check {
        /// Dictionary folders to load on top of the built-in base, in order.
        dirs: Vec<PathBuf>,
    },
    /// Show the actor code of a name or short description ("Sergei Ryabkov",
    /// "Russia's Foreign Ministry") on a date, and the dictionary lines that gave it.
    Lookup {
        /// The name or description.
        name: String,
        /// The date (YYYY-MM-DD) for date-bounded roles; without it, the entry's default code.
        #[arg(long)]
        date: Option<NaiveDate>,
        #[command(flatten)]
        kb: KbArgs,
    },
    /// Print the CAMEO table: code, Goldstein, QuadClass, PLOVER type and mode, name.
    Codes {
        /// Only codes starting with this prefix (a root such as 13).
        prefix: Option<String>,
        #[command(flatten)]
        kb: KbArgs,
    },
}

/// Runs the command.
pub fn run(args: DictCommand) -> anyhow::Result<ExitCode> {
    match args {
        DictCommand::Check { dirs } => check(&dirs),
        DictCommand::Lookup { name, date, kb } => lookup(&load_kb(&kb)?, &name, date),
        DictCommand::Codes { prefix, kb } => codes(&load_kb(&kb)?, prefix.as_deref()),
    }
}

fn check(dirs: &[PathBuf]) -> anyhow::Result<ExitCode> {
    match KnowledgeBase::load(dirs) {
        Ok(kb) => {
            println!("{}", kb.counts());
            let missing = kb.cameo_without_patterns();
            if !missing.is_empty() {
                println!(
                    "note: {} CAMEO code(s) without a pattern: {}",
                    missing.len(),
                    missing.join(" ")
                );
            }
            println!("ok");
            Ok(ExitCode::SUCCESS)
        }
        Err(errors) => {
            for e in errors.errors() {
                eprintln!("{e}");
            }
            eprintln!("{} error(s)", errors.len());
            Ok(ExitCode::from(1))
        }
    }
}

fn lookup(kb: &KnowledgeBase, name: &str, date: Option<NaiveDate>) -> anyhow::Result<ExitCode> {
    let Some(r) = kb.resolve(name, date) else {
        eprintln!("petrel: no actor or agent named {name:?}");
        return Ok(ExitCode::from(1));
    };
    match date {
        Some(d) => println!("{} on {d}", r.code),
        None => println!("{}", r.code),
    }
    if let Some(a) = r.actor {
        println!(
            "  actor  {} [{}] = {}  {}",
            a.name,
            format!("{:?}", a.kind).to_lowercase(),
            a.default_code.as_deref().unwrap_or("-"),
            a.origin
        );
        match r.role {
            Some(role) => {
                let show = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
                println!(
                    "  role   {}..{} {}  {}",
                    show(role.from),
                    show(role.to),
                    role.code,
                    role.origin
                );
            }
            None if !a.roles.is_empty() => {
                println!("  role   none on this date: the entry's default code applies")
            }
            None => {}
        }
    }
    if let Some(g) = r.agent {
        println!("  agent  {} = {}  {}", g.name, g.code, g.origin);
    }
    Ok(ExitCode::SUCCESS)
}

fn codes(kb: &KnowledgeBase, prefix: Option<&str>) -> anyhow::Result<ExitCode> {
    println!(
        "{:<5} {:>9} {:>4}  {:<10} {:<14} name",
        "code", "goldstein", "quad", "plover", "mode"
    );
    for c in kb.cameo_codes() {
        if prefix.is_some_and(|p| !c.code.starts_with(p)) {
            continue;
        }
        let ptype = if c.plover_type.is_empty() {
            "-"
        } else {
            &c.plover_type
        };
        println!(
            "{:<5} {:>9.1} {:>4}  {:<10} {:<14} {}",
            c.code, c.goldstein, c.quad_class, ptype, c.plover_mode, c.name
        );
    }
    Ok(ExitCode::SUCCESS)
}
