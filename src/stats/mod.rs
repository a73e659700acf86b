//! Statistics of observed durations, for `regsim fit` and `regsim validate`: the
//! Kaplan-Meier curve of right-censored data (pending applications), what is measured
//! against it, and the maximum-likelihood fits of [`fit`].

pub mod fit;
pub mod kaplan_meier;

pub use kaplan_meier::KaplanMeier;
