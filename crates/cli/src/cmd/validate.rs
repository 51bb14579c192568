//! `petrel validate RECORDS.xml`: codes PETRARCH validation records and reports pass/fail
//! per record and per category.

use crate::cmd::kb_petrarch::{load_files, PetrarchArgs};
use anyhow::bail;
use petrel_petrarch::validate::{read_suite, run as run_suite, RunOptions};
use std::path::PathBuf;
use std::process::ExitCode;

/// Options.
#[derive(clap::Args)]
pub struct Args {
    /// PETRARCH validation file (`<Validation>` XML); its `<Environment>` names the
    /// dictionaries, relative to the file.
    #[arg(value_name = "RECORDS.xml")]
    pub records: PathBuf,
    /// Print one JSON object: total, passed, categories, records.
    #[arg(long)]
    pub json: bool,
    /// Count only factual events (asserted, reported), as `petrel code` prints by default.
    /// PETRARCH codes future, hypothetical and negated events alike, so by default all count.
    #[arg(long = "factual-only")]
    pub factual_only: bool,
    /// Exit with status 1 when fewer than PCT percent of the records pass.
    #[arg(long = "fail-under", value_name = "PCT")]
    pub fail_under: Option<f64>,
    /// Dictionaries overriding the environment's.
    #[command(flatten)]
    pub dicts: PetrarchArgs,
}

/// Runs the command.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let suite = read_suite(&args.records)?;
    if suite.records.is_empty() {
        bail!("{}: no <Sentence> records", args.records.display());
    }
    let files = args.dicts.files(suite.files.clone())?;
    let loaded = load_files(&files, args.dicts.with_builtin)?;
    let opts = RunOptions {
        factual_only: args.factual_only,
    };
    let rep = run_suite(&suite, &loaded.kb, &loaded.discards, opts);
    if args.json {
        println!("{}", serde_json::to_string(&rep)?);
    } else {
        for r in &rep.records {
            let expected = match &r.expected_error {
                Some(e) => format!("parse error {e}"),
                None => show(&r.expected),
            };
            println!(
                "{} {:<14} {:<10} expected {} got {}",
                if r.passed { "PASS" } else { "FAIL" },
                r.id,
                r.category,
                expected,
                show(&r.got)
            );
        }
        println!();
        for (c, n) in &rep.categories {
            println!(
                "{c:<12} {:>4}/{:<4} {:5.1}%",
                n.passed,
                n.total,
                pct(n.passed, n.total)
            );
        }
        println!(
            "{:<12} {:>4}/{:<4} {:5.1}%",
            "all",
            rep.passed,
            rep.total,
            pct(rep.passed, rep.total)
        );
    }
    if let Some(min) = args.fail_under {
        if pct(rep.passed, rep.total) < min {
            eprintln!(
                "petrel: {:.1}% of records passed, under --fail-under {min}",
                pct(rep.passed, rep.total)
            );
            return Ok(ExitCode::from(1));
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn pct(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        100.0 * a as f64 / b as f64
    }
}

fn show(t: &[petrel_petrarch::validate::Triple]) -> String {
    if t.is_empty() {
        return "(none)".into();
    }
    t.iter()
        .map(|t| format!("{} {} {}", t.source, t.target, t.code))
        .collect::<Vec<_>>()
        .join("; ")
}
