//! The commands, each in its own file, called from [`crate::cli`] (which keeps `check`
//! and `schema`, and the loading they share):
//!
//! - [`run`]: `regsim run`, the Monte Carlo run and all its outputs;
//! - [`explain`]: `regsim explain`, the median schedule or the application at a percentile;
//! - [`calendar`]: `regsim calendar`, a calendar's days off and business days;
//! - [`date`]: `regsim date`, a pathway's milestone and goal dates;
//! - [`whatif`]: the runs of a scenario (baseline and variants) and their results, what
//!   every what-if command and report builds on;
//! - [`compare`]: `regsim compare`, paired differences of variants or files;
//! - [`sweep`]: `regsim sweep`, one run per value of a knob;
//! - [`diff`]: `regsim diff`, the parameter changes a variant makes;
//! - [`validate`]: `regsim validate`, a scenario held against observed applications.
//! - [`fit`]: `regsim fit`, distributions fitted to observed applications.

pub mod calendar;
pub mod compare;
pub mod date;
pub mod diff;
pub mod explain;
pub mod fit;
pub mod run;
mod summary;
pub mod sweep;
pub mod validate;
pub mod whatif;
