//! Integration tests: the real `regsim` binary on real files.

mod bad_input;
mod cli;
mod library;
mod shipped;
mod support;
mod whatif;
