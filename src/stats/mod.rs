//! Statistics of observed durations, for `regsim fit` and `regsim validate`: the
//! Kaplan-Meier curve of right-censored data (pending applications) and what is
//! measured against it.

pub mod kaplan_meier;

pub use kaplan_meier::KaplanMeier;
