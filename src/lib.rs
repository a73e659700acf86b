//! regsim: a simulator of regulatory-approval timelines.
//!
//! A policy team describes approval pathways in a scenario file; regsim computes how long
//! review takes, as one dated deterministic schedule and as a Monte Carlo distribution.
//!
//! ```text
//! scenario.toml ─► scenario  (parse, spans)              src/scenario/
//!               ─► validate  (references, cycles, ranges) ─► diagnostics, exit 2
//!               ─► model     (pathways, stages in topological order, calendars, gates)
//!               ─► study     (baseline, variants, sweep values)      src/pipeline/
//!               ─► engine    (deterministic schedule | Monte Carlo)   src/engine/
//!               ─► results   (statistics streamed from iterations)
//!               ─► export    (csv, charts png/svg, manifest)          src/export/
//! ```
//!
//! Each arrow is a module boundary: the engine never reads files, exporters never sample.
//! Every command that simulates takes the same path, [`pipeline`]: load, study,
//! execute, output plan. Another program can take it too, without the command line:
//!
//! ```
//! use std::path::Path;
//!
//! let sampling = regsim::Sampling { iterations: Some(10_000), seed: Some(7) };
//! let sim = regsim::simulate(Path::new("scenarios/bench/w1.toml"), sampling)?;
//! for (pathway, results) in sim.model.pathways.iter().zip(&sim.results.pathways) {
//!     let p50 = results.review_days.percentile(50.0).unwrap_or(f64::NAN);
//!     println!("{}: median review {p50} days", pathway.id);
//! }
//! # Ok::<(), regsim::Failure>(())
//! ```

pub mod cli;
pub mod commands;
pub mod diagnostic;
pub mod engine;
pub mod export;
pub mod failure;
pub mod lang;
pub mod model;
pub mod observed;
pub mod pipeline;
pub mod random;
pub mod scenario;
pub mod stats;

pub use failure::Failure;
pub use pipeline::{Sampling, Simulation, simulate};
