//! Commands that stand beside the simulation: each in its own file, called from
//! [`crate::cli`].

pub mod calendar;
pub mod date;
