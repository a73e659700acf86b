//! Paired differences between two runs drawn with common random numbers: the same
//! iteration of both runs used the same random numbers, so each iteration gives one
//! difference, far less noisy than comparing two independent runs.
//!
//! Confidence intervals (95%):
//!
//! - the change in a percentile (P50, P80: the variant's percentile minus the
//!   baseline's) by **sectioning** (Asmussen and Glynn, *Stochastic Simulation*, 2007,
//!   III.5a; Law, *Simulation Modeling and Analysis*, batch means): the iterations are
//!   cut into [`SECTIONS`] consecutive sections, which are independent because every
//!   iteration is; the change is computed in each section, and the interval is the
//!   change over all iterations ± t(0.975, sections − 1) · sd(section changes) /
//!   √sections. It needs no resampling, so it is cheap and reproducible, and it keeps
//!   the pairing (both runs are cut the same way).
//! - the mean change by the paired t interval on the per-iteration differences.
//!
//! A variant identical to the baseline gives exactly zero differences and an interval
//! of [0, 0]; one that changes nothing but the random numbers gives an interval that
//! contains zero 95% of the time (tested below).

use crate::engine::stats::DayHistogram;

/// Sections of the sectioning interval.
pub const SECTIONS: usize = 20;

/// Fewest iterations for an interval: ten per section.
pub const MIN_ITERATIONS: usize = 10 * SECTIONS;

/// Student's t quantile 0.975 with 19 degrees of freedom ([`SECTIONS`] − 1).
const T_975_19: f64 = 2.093_024_054_408_263;

/// The normal quantile 0.975, for the paired t interval of the mean on many iterations.
const Z_975: f64 = 1.959_963_984_540_054;

/// An estimate with its 95% confidence interval (`low`, `high` are NaN with too few
/// iterations).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Interval {
    /// The estimate.
    pub estimate: f64,
    /// Lower bound.
    pub low: f64,
    /// Upper bound.
    pub high: f64,
}

impl Interval {
    /// Whether the interval contains `x`.
    pub fn contains(&self, x: f64) -> bool {
        self.low <= x && x <= self.high
    }
}

/// The paired comparison of one metric of one pathway.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Paired {
    /// Iterations compared.
    pub iterations: u64,
    /// The baseline's P50, days.
    pub baseline_p50: f64,
    /// The variant's P50, days.
    pub variant_p50: f64,
    /// The variant's P50 minus the baseline's, days.
    pub p50_change: Interval,
    /// The baseline's P80, days.
    pub baseline_p80: f64,
    /// The variant's P80, days.
    pub variant_p80: f64,
    /// The variant's P80 minus the baseline's, days.
    pub p80_change: Interval,
    /// The mean of the per-iteration differences (variant − baseline), days.
    pub mean_change: Interval,
    /// Share of iterations in which the variant took fewer days.
    pub faster_share: f64,
    /// Share of iterations in which it took more.
    pub slower_share: f64,
}

fn histogram(values: &[u32]) -> DayHistogram {
    let mut h = DayHistogram::new();
    values.iter().for_each(|&v| h.add(v));
    h
}

fn change(base: &[u32], variant: &[u32], p: f64) -> f64 {
    let q = |v: &[u32]| histogram(v).percentile(p).unwrap_or(f64::NAN);
    q(variant) - q(base)
}

fn sectioned(base: &[u32], variant: &[u32], p: f64) -> Interval {
    let estimate = change(base, variant, p);
    let n = base.len();
    if n < MIN_ITERATIONS {
        return Interval {
            estimate,
            low: f64::NAN,
            high: f64::NAN,
        };
    }
    let per: Vec<f64> = (0..SECTIONS)
        .map(|k| {
            let (a, b) = (k * n / SECTIONS, (k + 1) * n / SECTIONS);
            change(&base[a..b], &variant[a..b], p)
        })
        .collect();
    let mean = per.iter().sum::<f64>() / SECTIONS as f64;
    let var = per.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (SECTIONS - 1) as f64;
    let half = T_975_19 * var.sqrt() / (SECTIONS as f64).sqrt();
    Interval {
        estimate,
        low: estimate - half,
        high: estimate + half,
    }
}

/// Compares `variant` with `base`, iteration by iteration (the same length, the same
/// iteration order). `None` when there is nothing to compare.
pub fn compare(base: &[u32], variant: &[u32]) -> Option<Paired> {
    let n = base.len();
    if n == 0 || variant.len() != n {
        return None;
    }
    let (hb, hv) = (histogram(base), histogram(variant));
    let (mut sum, mut sum_sq, mut faster, mut slower) = (0f64, 0f64, 0u64, 0u64);
    for (&b, &v) in base.iter().zip(variant) {
        let d = v as f64 - b as f64;
        sum += d;
        sum_sq += d * d;
        faster += (v < b) as u64;
        slower += (v > b) as u64;
    }
    let nf = n as f64;
    let mean = sum / nf;
    let mean_change = if n >= 2 {
        let sd = ((sum_sq - nf * mean * mean).max(0.0) / (nf - 1.0)).sqrt();
        let half = Z_975 * sd / nf.sqrt();
        Interval {
            estimate: mean,
            low: mean - half,
            high: mean + half,
        }
    } else {
        Interval {
            estimate: mean,
            low: f64::NAN,
            high: f64::NAN,
        }
    };
    let q = |h: &DayHistogram, p| h.percentile(p).unwrap_or(f64::NAN);
    Some(Paired {
        iterations: n as u64,
        baseline_p50: q(&hb, 50.0),
        variant_p50: q(&hv, 50.0),
        p50_change: sectioned(base, variant, 50.0),
        baseline_p80: q(&hb, 80.0),
        variant_p80: q(&hv, 80.0),
        p80_change: sectioned(base, variant, 80.0),
        mean_change,
        faster_share: faster as f64 / nf,
        slower_share: slower as f64 / nf,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::rng::Xoshiro256pp;

    fn draws(seed: u64, n: usize, f: impl Fn(f64) -> f64) -> Vec<u32> {
        (0..n as u64)
            .map(|i| f(Xoshiro256pp::for_iteration(seed, i).next_f64()).ceil() as u32)
            .collect()
    }

    #[test]
    fn the_same_run_differs_by_exactly_nothing() {
        let a = draws(1, 5000, |u| 100.0 + 100.0 * u);
        let p = compare(&a, &a).unwrap();
        assert_eq!(p.p50_change, Interval { estimate: 0.0, low: 0.0, high: 0.0 });
        assert_eq!((p.faster_share, p.slower_share), (0.0, 0.0));
    }

    #[test]
    fn a_scaled_run_moves_every_percentile_by_the_factor() {
        // Uniform(100, 200) days against 0.8 of the same draws: P50 150 -> 120, P80 180 ->
        // 144 (up to the day's rounding); every iteration is faster.
        let a = draws(2, 20_000, |u| 100.0 + 100.0 * u);
        let b = draws(2, 20_000, |u| 0.8 * (100.0 + 100.0 * u));
        let p = compare(&a, &b).unwrap();
        assert!((p.p50_change.estimate + 30.0).abs() <= 1.5, "{p:?}");
        assert!((p.p80_change.estimate + 36.0).abs() <= 1.5, "{p:?}");
        assert!(p.p50_change.contains(p.p50_change.estimate) && p.p50_change.high < 0.0);
        assert_eq!(p.faster_share, 1.0);
    }

    #[test]
    fn the_interval_of_a_zero_effect_covers_zero_about_95_percent_of_the_time() {
        // Two independent runs of the same distribution: the true change is zero.
        let trials = 200;
        let mut covered = 0;
        for t in 0..trials {
            let a = draws(1000 + t, 2000, |u| 50.0 + 300.0 * u * u);
            let b = draws(5000 + t, 2000, |u| 50.0 + 300.0 * u * u);
            covered += compare(&a, &b).unwrap().p50_change.contains(0.0) as u32;
        }
        let rate = covered as f64 / trials as f64;
        assert!((0.88..=0.995).contains(&rate), "coverage {rate}");
    }

    #[test]
    fn too_few_iterations_give_no_interval() {
        let a = draws(3, 50, |u| 10.0 * u);
        let p = compare(&a, &a).unwrap();
        assert!(p.p50_change.low.is_nan());
        assert!(compare(&a, &a[..10]).is_none());
    }
}
