//! regsim: a simulator of regulatory-approval timelines.
//!
//! A policy team describes approval pathways in a scenario file; regsim computes how long
//! review takes, as one dated deterministic schedule and as a Monte Carlo distribution.
//!
//! ```text
//! scenario.toml ─► scenario  (parse, spans)              src/scenario/
//!               ─► validate  (references, cycles, ranges) ─► diagnostics, exit 2
//!               ─► model     (pathways, stages in topological order, calendars, gates)
//!               ─► engine    (deterministic schedule | Monte Carlo)   src/engine/
//!               ─► results   (statistics streamed from iterations)
//!               ─► export    (csv, charts png/svg, manifest)          src/export/
//! ```
//!
//! Each arrow is a module boundary: the engine never reads files, exporters never sample.

pub mod cli;
pub mod commands;
pub mod diagnostic;
pub mod engine;
pub mod export;
pub mod model;
pub mod random;
pub mod scenario;
