//! Statistics of observed durations, for `regsim fit` and `regsim validate`: the
//! Kaplan-Meier curve of right-censored data (pending applications) and what is
//! measured against it: the simulated CDF and the KS distance ([`ks`]), its bootstrap
//! p-value under censoring and ties ([`bootstrap`]), the PIT ([`pit`]), and the
//! maximum-likelihood fits of [`fit`].

pub mod bootstrap;
pub mod fit;
pub mod kaplan_meier;
pub mod ks;
pub mod pit;

pub use kaplan_meier::KaplanMeier;
