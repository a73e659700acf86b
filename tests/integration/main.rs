//! Integration tests: the real `regsim` binary on real files.

mod bad_input;
mod calendars;
mod cli;
mod clocks;
mod dates;
mod library;
mod shipped;
mod support;
mod whatif;
