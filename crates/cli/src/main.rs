//! The `petrel` command: a thin layer of flags and wiring over the library crates.

use clap::{Parser, Subcommand};
use std::process::ExitCode;

mod cmd;

/// mimalloc: the coder makes many small short-lived allocations per sentence; the system
/// allocator spent about a tenth of coding time in malloc/free (perf, one thread, corpus).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// petrel turns news into political event data: who did what to whom (CAMEO actor and event
/// codes, PLOVER, Goldstein, QuadClass), how it was said, according to whom, when and where,
/// with the evidence for every event.
#[derive(Parser)]
#[command(name = "petrel", version, about, long_about = None, after_help = EXAMPLES)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

const EXAMPLES: &str = "\
Examples:
  petrel code --date 2021-12-15 examples/moscow-proposals.txt
  petrel code --format csv -o events.csv examples/
  petrel inspect examples/moscow-proposals.txt --date 2021-12-15
  petrel explain \"Putin denies planning an invasion.\" --date 2021-12-15
  petrel dict lookup \"Sergei Ryabkov\" --date 2021-12-15
  petrel ingest examples/ --db news.db && petrel dyad RUS USA --db news.db --by week";

#[derive(Subcommand)]
enum Command {
    /// Code news into events and quotes (JSON Lines, CSV or TSV).
    Code(cmd::code::Args),
    /// Show what petrel read: sentences with offsets, tokens and resolved dates.
    Inspect(cmd::inspect::Args),
    /// Explain how one sentence is coded: tags, chunks, clauses, matches, events.
    Explain(cmd::explain::Args),
    /// Check, query and list the knowledge base.
    #[command(subcommand)]
    Dict(cmd::dict::DictCommand),
    /// Code PETRARCH validation records and report pass/fail per record and category.
    Validate(cmd::validate::Args),
    /// Code documents and store them in a SQLite database.
    Ingest(cmd::store::IngestArgs),
    /// Query stored events.
    Query(cmd::store::QueryArgs),
    /// Tension between two actors over time: counts per QuadClass and Goldstein.
    Dyad(cmd::store::DyadArgs),
    /// Export stored events (CSV, JSON Lines, Parquet, GDELT-style TSV).
    Export(cmd::store::ExportArgs),
    /// Serve the HTTP API and the dashboard.
    Serve(cmd::store::ServeArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Code(a) => cmd::code::run(a),
        Command::Inspect(a) => cmd::inspect::run(a),
        Command::Explain(a) => cmd::explain::run(a),
        Command::Dict(a) => cmd::dict::run(a),
        Command::Validate(a) => cmd::validate::run(a),
        Command::Ingest(a) => cmd::store::ingest(a),
        Command::Query(a) => cmd::store::query(a),
        Command::Dyad(a) => cmd::store::dyad(a),
        Command::Export(a) => cmd::store::export(a),
        Command::Serve(a) => cmd::store::serve(a),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("petrel: error: {e:#}");
            ExitCode::from(1)
        }
    }
}
