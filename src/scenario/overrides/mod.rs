//! Overrides: `PATH=VALUE`, the one grammar of the command line's `--set` and of a
//! variant's `set = [...]` in a scenario file.
//!
//! An override is applied to the scenario file's parsed TOML document, before
//! validation, so that an overridden scenario is validated exactly like a file written
//! by hand: an override can make no value that a file could not hold.
//!
//! - PATH names a field by ids, dot-separated: `normal.team-review.duration` (pathway,
//!   stage, field), `normal.target.days`, `special.eligibility.approved_overseas`,
//!   `seed` or `iterations` (the `[scenario]` header; `scenario.seed` also works),
//!   `gate.council.months`, `product.antiviral.evidence`, `evidence.phase3.duration`,
//!   `calendar.holidays`. A segment names a field of a table, or the id of an element
//!   of one of its arrays of tables (`[[pathway]]`, `[[pathway.stage]]`, `[[gate]]`,
//!   `[[product]]`, `[[evidence]]`); the words `pathway`, `gate`, `product` and
//!   `evidence` may be written before an id to be explicit. A field that the file
//!   leaves out but the format knows (a stage's `probability`) is added.
//! - VALUE is a TOML value (`0.8`, `"business"`, `[3, 9]`, `{ distribution = "fixed",
//!   days = 30 }`, `2025-01-15`; a bare word is taken as a string), `*F` to multiply by
//!   F > 0, or `+D` to add D days (`+-10` subtracts). On a duration, `*F` scales every
//!   parameter that is a time and `+D` shifts its location, as [`scale_duration`] and
//!   [`shift_duration`] say (the table is in docs/what-if.md).
//!
//! The grammar (reading `PATH=VALUE`) is in `grammar`; the schema walked beside the
//! document in `schema`; walking a path through the document and changing the value at
//! its end in `apply`; the error for a path that names nothing, with the nearest valid
//! paths, in `suggest`; `*F` and `+D` on a duration in `duration`.

mod apply;
mod duration;
mod grammar;
mod schema;
mod suggest;

use std::fmt;

use toml::Value;

pub use apply::apply;
pub use duration::{scale_duration, shift_duration};
pub use grammar::{parse, parse_value};
pub use schema::Schema;

/// One `PATH=VALUE`, parsed.
#[derive(Debug, Clone, PartialEq)]
pub struct Override {
    /// The text as given, e.g. `normal.team-review.duration=*0.8`.
    pub text: String,
    /// The path's segments, split at dots (ids containing dots are matched whole).
    pub path: Vec<String>,
    /// What to do there.
    pub op: Op,
}

/// What an override does to the value at its path.
#[derive(Debug, Clone, PartialEq)]
pub enum Op {
    /// Replace it (or add it) with this value.
    Set(Value),
    /// `*F`: multiply a number, scale a duration's times.
    Scale(f64),
    /// `+D`: add days to a number, shift a duration's location.
    Shift(f64),
}

/// Why an override cannot be parsed or applied: what is wrong and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OverrideError {
    /// What is wrong, in one sentence.
    pub message: String,
    /// How to fix it.
    pub help: Option<String>,
}

impl OverrideError {
    fn new(message: impl Into<String>, help: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            help: Some(help.into()),
        }
    }
}

impl fmt::Display for OverrideError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

#[cfg(test)]
mod tests;
