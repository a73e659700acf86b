//! Commands beyond `run`, `check` and `explain`: the what-if analysis. Each is a clap
//! `Args` struct and a function from it to the result `cli` maps to an exit code.
//!
//! - [`whatif`]: the runs of a scenario (baseline and variants) and their results, what
//!   every what-if command and report builds on;
//! - [`compare`]: `regsim compare`, paired differences of variants or files;
//! - [`sweep`]: `regsim sweep`, one run per value of a knob;
//! - [`diff`]: `regsim diff`, the parameter changes a variant makes.

pub mod compare;
pub mod diff;
pub mod sweep;
pub mod whatif;
