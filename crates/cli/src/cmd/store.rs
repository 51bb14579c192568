//! Not implemented yet (owned by the store issue).
use std::process::ExitCode;

/// Options of `ingest`.
#[derive(clap::Args)]
pub struct IngestArgs {}
/// Options of `query`.
#[derive(clap::Args)]
pub struct QueryArgs {}
/// Options of `dyad`.
#[derive(clap::Args)]
pub struct DyadArgs {}
/// Options of `export`.
#[derive(clap::Args)]
pub struct ExportArgs {}
/// Options of `serve`.
#[derive(clap::Args)]
pub struct ServeArgs {}

/// `petrel ingest`.
pub fn ingest(_a: IngestArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("not implemented yet")
}
/// `petrel query`.
pub fn query(_a: QueryArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("not implemented yet")
}
/// `petrel dyad`.
pub fn dyad(_a: DyadArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("not implemented yet")
}
/// `petrel export`.
pub fn export(_a: ExportArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("not implemented yet")
}
/// `petrel serve`.
pub fn serve(_a: ServeArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("not implemented yet")
}
