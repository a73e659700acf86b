//! The engine: turns a validated [`Model`](crate::model::Model) into schedules and
//! statistics. It never reads or writes files.

pub mod application;
pub mod at_percentile;
pub mod lockstep;
pub mod monte_carlo;
pub mod paired;
pub mod poisson;
pub mod precision;
pub mod queue;
pub mod replay;
pub mod results;
pub mod schedule;
pub mod sensitivity;
pub mod stats;
