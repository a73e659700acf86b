//! Integration tests: the real `regsim` binary on real files.

mod bad_input;
mod calendars;
mod cli;
mod clocks;
mod dates;
mod explain_at;
mod fda_goals;
mod fuzz;
mod layout;
mod library;
mod pipeline;
mod precision;
mod queue;
mod report;
mod sensitivity;
mod shipped;
mod support;
mod whatif;
