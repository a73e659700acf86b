//! placeholder
#[derive(Debug, clap::Args)]
pub struct CompareArgs {}
pub fn compare(_a: &CompareArgs) -> Result<(), crate::cli::Failure> { Ok(()) }
