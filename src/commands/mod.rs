//! Commands beside the simulation, each in its own file, called from [`crate::cli`]:
//!
//! - [`calendar`] and [`date`]: calendars and dated milestones;
//! - [`whatif`]: the runs of a scenario (baseline and variants) and their results, what
//!   every what-if command and report builds on;
//! - [`compare`]: `regsim compare`, paired differences of variants or files;
//! - [`sweep`]: `regsim sweep`, one run per value of a knob;
//! - [`diff`]: `regsim diff`, the parameter changes a variant makes.

pub mod calendar;
pub mod compare;
pub mod date;
pub mod diff;
pub mod sweep;
pub mod whatif;
