//! placeholder
#[derive(Debug, clap::Args)]
pub struct SweepArgs {}
pub fn sweep(_a: &SweepArgs) -> Result<(), crate::cli::Failure> { Ok(()) }
