//! Integration tests: the real `regsim` binary on real files.

mod bad_input;
mod batch_days;
mod calendars;
mod cli;
mod clocks;
mod dates;
mod explain_at;
mod fda_goals;
mod fit;
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
mod shards;
mod shipped;
mod support;
mod validate;
mod whatif;
