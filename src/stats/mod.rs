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

/// lifelines' `g3` control group (tests/test_estimation.py), the fixture of the
/// Kaplan-Meier and censored-fit reference values (capacity-and-calibration's C1 and
/// C2): time/event 34/1, 32/1, 9/1, 19/1, 50/0, 48/0.
#[cfg(test)]
pub(crate) fn g3_control() -> [crate::observed::Duration; 6] {
    use crate::observed::Duration;
    let d = |days: f64, approved| Duration { days, approved };
    [
        d(34.0, true),
        d(32.0, true),
        d(9.0, true),
        d(19.0, true),
        d(50.0, false),
        d(48.0, false),
    ]
}
