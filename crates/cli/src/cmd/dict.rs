//! Not implemented yet (owned by the knowledge-base issue).
use std::process::ExitCode;

/// `petrel dict ...`
#[derive(clap::Subcommand)]
pub enum DictCommand {
    /// Validate dictionaries.
    Check,
}

/// Runs the command.
pub fn run(_args: DictCommand) -> anyhow::Result<ExitCode> {
    anyhow::bail!("not implemented yet")
}
