//! Paired differences between two runs drawn with common random numbers: the same
//! iteration of both runs used the same random numbers, so each iteration gives one
//! difference, far less noisy than comparing two independent runs.
//!
//! Confidence intervals (95%):
//!
//! - the change in a percentile (P50, P80: the variant's percentile minus the
//!   baseline's) by the **paired percentile bootstrap** (Efron and Tibshirani, *An
//!   Introduction to the Bootstrap*, 1993, ch. 13): [`RESAMPLES`] times, iterations are
//!   drawn with replacement, the same iterations for both runs (which keeps the
//!   pairing), the change is recomputed, and the interval runs from the 2.5th to the
//!   97.5th percentile of those changes. Review days are whole days, so a percentile
//!   jumps from one day to the next; the bootstrap sees those jumps, where intervals from
//!   a normal approximation (sectioning, batch means) were tried and came out too
//!   narrow. The resampling draws from its own fixed stream, so the interval is
//!   reproducible.
//! - the mean change by the paired t interval on the per-iteration differences.
//!
//! A variant identical to the baseline gives exactly zero differences and an interval
//! of [0, 0]; one that changes nothing but the random numbers gives an interval that
//! contains zero about 95% of the time (tested below).

use rayon::prelude::*;

use crate::engine::stats::DayHistogram;
use crate::random::Xoshiro256pp;

/// Bootstrap resamples per comparison.
pub const RESAMPLES: u64 = 250;

/// Fewest iterations for an interval.
pub const MIN_ITERATIONS: usize = 100;

/// The key of the resampling stream ("Bootstrp").
const BOOTSTRAP_STREAM: u64 = 0x426f_6f74_7374_7270;

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

/// The bootstrap intervals of the P50 and P80 changes of every metric at once: the
/// same resampled iterations serve all metrics (each metric's interval is what it would
/// be alone; sharing the draws only saves time). `None` per metric with too few
/// iterations.
fn bootstrap(base: &[&[u32]], variant: &[&[u32]]) -> Vec<Option<[(f64, f64); 2]>> {
    let n = base[0].len();
    if n < MIN_ITERATIONS {
        return vec![None; base.len()];
    }
    // Per resample, per metric, the P50 and P80 changes.
    let changes: Vec<Vec<[f64; 2]>> = (0..RESAMPLES)
        .into_par_iter()
        .map(|b| {
            let mut rng = Xoshiro256pp::for_iteration(BOOTSTRAP_STREAM, b);
            let mut hb: Vec<DayHistogram> = vec![DayHistogram::new(); base.len()];
            let mut hv: Vec<DayHistogram> = vec![DayHistogram::new(); base.len()];
            for _ in 0..n {
                let j = rng.next_index(n);
                for m in 0..base.len() {
                    hb[m].add(base[m][j]);
                    hv[m].add(variant[m][j]);
                }
            }
            hb.iter()
                .zip(&hv)
                .map(|(b, v)| {
                    let d = |p| {
                        v.percentile(p).unwrap_or(f64::NAN) - b.percentile(p).unwrap_or(f64::NAN)
                    };
                    [d(50.0), d(80.0)]
                })
                .collect()
        })
        .collect();
    (0..base.len())
        .map(|m| {
            let bounds = |k: usize| {
                let mut h: Vec<f64> = changes.iter().map(|c| c[m][k]).collect();
                h.sort_by(f64::total_cmp);
                let q = |p: f64| {
                    let rank = p * (h.len() - 1) as f64;
                    let (lo, frac) = (rank.floor() as usize, rank.fract());
                    h[lo] + (h[(lo + 1).min(h.len() - 1)] - h[lo]) * frac
                };
                (q(0.025), q(0.975))
            };
            Some([bounds(0), bounds(1)])
        })
        .collect()
}

/// Compares `variant` with `base`, iteration by iteration (the same length, the same
/// iteration order). `None` when there is nothing to compare.
pub fn compare(base: &[u32], variant: &[u32]) -> Option<Paired> {
    compare_metrics(&[base], &[variant]).pop().flatten()
}

/// Compares several metrics of one pathway (`base[m]` with `variant[m]`, all the same
/// length), resampling the same iterations for all of them.
pub fn compare_metrics(base: &[&[u32]], variant: &[&[u32]]) -> Vec<Option<Paired>> {
    let n = base.first().map_or(0, |b| b.len());
    if n == 0 || base.iter().chain(variant).any(|v| v.len() != n) {
        return vec![None; base.len()];
    }
    // A metric identical in both runs differs by exactly nothing, and one equal to an
    // earlier metric on both sides (review and time to approval without products) has
    // its interval: only the others are resampled.
    let mut source: Vec<Option<usize>> = Vec::new();
    let mut resampled: Vec<usize> = Vec::new();
    for m in 0..base.len() {
        source.push(if base[m] == variant[m] {
            None
        } else {
            Some(
                resampled
                    .iter()
                    .position(|&k| base[k] == base[m] && variant[k] == variant[m])
                    .unwrap_or_else(|| {
                        resampled.push(m);
                        resampled.len() - 1
                    }),
            )
        });
    }
    let boot = if resampled.is_empty() {
        Vec::new()
    } else {
        let b: Vec<&[u32]> = resampled.iter().map(|&m| base[m]).collect();
        let v: Vec<&[u32]> = resampled.iter().map(|&m| variant[m]).collect();
        bootstrap(&b, &v)
    };
    let intervals: Vec<Option<[(f64, f64); 2]>> = source
        .iter()
        .map(|s| match s {
            None => Some([(0.0, 0.0); 2]),
            Some(k) => boot[*k],
        })
        .collect();
    base.iter()
        .zip(variant)
        .zip(intervals)
        .map(|((b, v), ci)| Some(point(b, v, ci)))
        .collect()
}

fn point(base: &[u32], variant: &[u32], ci: Option<[(f64, f64); 2]>) -> Paired {
    let n = base.len();
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
    let interval = |p: f64, k: usize| {
        let estimate = q(&hv, p) - q(&hb, p);
        let (low, high) = ci.map_or((f64::NAN, f64::NAN), |c| c[k]);
        Interval {
            estimate,
            low,
            high,
        }
    };
    Paired {
        iterations: n as u64,
        baseline_p50: q(&hb, 50.0),
        variant_p50: q(&hv, 50.0),
        p50_change: interval(50.0, 0),
        baseline_p80: q(&hb, 80.0),
        variant_p80: q(&hv, 80.0),
        p80_change: interval(80.0, 1),
        mean_change,
        faster_share: faster as f64 / nf,
        slower_share: slower as f64 / nf,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::random::Xoshiro256pp;

    fn draws(seed: u64, n: usize, f: impl Fn(f64) -> f64) -> Vec<u32> {
        (0..n as u64)
            .map(|i| f(Xoshiro256pp::for_iteration(seed, i).next_f64()).ceil() as u32)
            .collect()
    }

    #[test]
    fn the_same_run_differs_by_exactly_nothing() {
        let a = draws(1, 5000, |u| 100.0 + 100.0 * u);
        let p = compare(&a, &a).unwrap();
        assert_eq!(
            p.p50_change,
            Interval {
                estimate: 0.0,
                low: 0.0,
                high: 0.0
            }
        );
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
        // Whole days over a narrow range, so that percentiles jump between days.
        let trials = 120;
        let mut covered = [0, 0];
        for t in 0..trials {
            let a = draws(1000 + t, 1000, |u| 20.0 + 15.0 * u * u);
            let b = draws(5000 + t, 1000, |u| 20.0 + 15.0 * u * u);
            let p = compare(&a, &b).unwrap();
            covered[0] += p.p50_change.contains(0.0) as u32;
            covered[1] += p.p80_change.contains(0.0) as u32;
        }
        for c in covered {
            let rate = c as f64 / trials as f64;
            assert!((0.88..=1.0).contains(&rate), "coverage {rate}");
        }
    }

    #[test]
    fn too_few_iterations_give_no_interval() {
        let a = draws(3, 50, |u| 10.0 * u);
        let b = draws(4, 50, |u| 10.0 * u);
        assert!(compare(&a, &b).unwrap().p50_change.low.is_nan());

        assert!(compare(&a, &a[..10]).is_none());
    }
}
