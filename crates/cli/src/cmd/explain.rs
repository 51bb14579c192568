//! `petrel explain "a sentence"`: how the coder reads a sentence (tags, chunks, clauses, actors,
//! patterns) and why each event was or was not produced.

use super::kb::{self, KbArgs};
use anyhow::Context;
use chrono::NaiveDate;
use petrel_coder::Coder;
use petrel_core::Document;
use petrel_events::Record;
use std::io::Read;
use std::process::ExitCode;

/// Options of `petrel explain`.
#[derive(clap::Args)]
#[command(after_help = "Examples:
  petrel explain \"Putin denies planning an invasion.\" --date 2021-12-15
  petrel explain --json \"Russian troops massed on the border.\"
  echo \"NATO condemned Russia.\" | petrel explain -")]
pub struct Args {
    /// The text to explain (one or more sentences); `-` reads standard input.
    text: String,
    /// Publication date (YYYY-MM-DD), for date-bounded roles and relative dates.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    date: Option<NaiveDate>,
    /// Print the records as JSON Lines after the explanation.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    kb: KbArgs,
}

fn parse_date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|e| format!("bad date `{s}` ({e}); expected YYYY-MM-DD"))
}

/// Runs `petrel explain`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let text = if args.text == "-" {
        let mut s = String::new();
        std::io::stdin()
            .read_to_string(&mut s)
            .context("reading standard input")?;
        s
    } else {
        args.text.clone()
    };
    if text.trim().is_empty() {
        anyhow::bail!("nothing to explain: the text is empty");
    }
    let kb = kb::load_kb(&args.kb)?;
    let coder = Coder::new(&kb);
    let mut doc = Document::from_text("explain", text);
    doc.date = args.date;
    let (records, trace) = coder.explain(&doc);
    print!("{}", petrel_coder::explain::render(&trace, &records));
    if records.iter().all(|r| !matches!(r, Record::Event(_))) {
        println!("no event: see the notes above for each verb and noun");
    }
    if args.json {
        for r in &records {
            println!("{}", serde_json::to_string(r)?);
        }
    }
    Ok(ExitCode::SUCCESS)
}
