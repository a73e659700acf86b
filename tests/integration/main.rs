//! Integration tests: the real `regsim` binary on real files.

mod bad_input;
mod batch_days;
mod calendars;
mod cli;
mod clocks;
mod conventions;
mod dates;
mod explain_at;
mod fda_goals;
mod fuzz;
mod gates;
mod japan_routes;
mod layout;
mod library;
mod observed;
mod pipeline;
mod precision;
mod queue;
mod record;
mod report;
mod sensitivity;
mod shipped;
mod support;
mod whatif;
mod xlsx;
