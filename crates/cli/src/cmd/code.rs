//! Not implemented yet (owned by the issue that builds it).
use std::process::ExitCode;

/// Options.
#[derive(clap::Args)]
pub struct Args {}

/// Runs the command.
pub fn run(_args: Args) -> anyhow::Result<ExitCode> {
    anyhow::bail!("not implemented yet")
}
