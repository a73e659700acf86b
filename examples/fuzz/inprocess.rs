//! Runs a fuzz case's command lines in this process through `regsim::cli::main_from`,
//! each under `catch_unwind`, with a panic hook that records the message and place
//! instead of printing them. Shared by the fuzz example and the `cargo test` sample.

#![allow(dead_code)]

use std::panic::{self, AssertUnwindSafe};
use std::path::Path;
use std::sync::Mutex;

use super::mutate::Case;

/// How one command line ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// It returned this exit code.
    Exit(i32),
    /// It panicked: the message and where.
    Panic(String),
}

static LAST_PANIC: Mutex<Option<String>> = Mutex::new(None);

/// Replaces the panic hook by one that records the panic (the first of a command, on
/// whichever thread) and prints nothing.
pub fn silence_panics() {
    panic::set_hook(Box::new(|info| {
        let message = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "(no message)".into());
        // Some messages quote the whole input: the first line's start is enough.
        let message: String = message
            .lines()
            .next()
            .unwrap_or_default()
            .chars()
            .take(200)
            .collect();
        let place = info
            .location()
            .map_or_else(String::new, |l| format!("{}:{}", l.file(), l.line()));
        if let Ok(mut last) = LAST_PANIC.lock()
            && last.is_none()
        {
            *last = Some(format!("{place}: {message}"));
        }
    }));
}

/// Writes the case's file into `dir` and runs each of its command lines.
pub fn run_case(case: &Case, dir: &Path) -> Vec<(String, Outcome)> {
    let file = dir.join("case.toml");
    let observed = dir.join("observed.csv");
    let data = dir.join("case.csv");
    if std::fs::write(&file, &case.text).is_err()
        || std::fs::write(&observed, &case.observed).is_err()
        || std::fs::write(&data, &case.data).is_err()
    {
        return vec![];
    }
    let mut out = Vec::new();
    for (k, command) in case.commands.iter().enumerate() {
        let out_dir = dir.join(format!("out{k}"));
        let args: Vec<String> = command
            .iter()
            .map(|a| {
                a.replace("{FILE}", &file.to_string_lossy())
                    .replace("{OBS}", &observed.to_string_lossy())
                    .replace("{DATA}", &data.to_string_lossy())
                    .replace("{OUT}", &out_dir.to_string_lossy())
            })
            .collect();
        if let Ok(mut last) = LAST_PANIC.lock() {
            *last = None;
        }
        let result = panic::catch_unwind(AssertUnwindSafe(|| {
            regsim::cli::main_from(std::iter::once("regsim".to_string()).chain(args.clone()))
        }));
        let outcome = match result {
            Ok(code) => Outcome::Exit(code),
            Err(_) => Outcome::Panic(
                LAST_PANIC
                    .lock()
                    .ok()
                    .and_then(|mut l| l.take())
                    .unwrap_or_else(|| "(unknown)".into()),
            ),
        };
        let _ = std::fs::remove_dir_all(&out_dir);
        out.push((command.join(" "), outcome));
    }
    out
}
