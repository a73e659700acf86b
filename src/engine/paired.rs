//! Paired differences between two runs drawn with common random numbers: the same
//! iteration of both runs used the same random numbers, so each iteration gives one
//! difference, far less noisy than comparing two independent runs.
//!
//! **What is kept.** Not every iteration: a [`JointHistogram`] counts the iterations
//! per pair (baseline days, variant days). Days are whole, and the two runs of an
//! iteration are close, so the pairs fall on a band of cells around the diagonal whose
//! number stops growing long before the iterations do: a paired comparison of two
//! million iterations holds what one of a hundred thousand does. Every statistic below
//! is a function of those counts, exactly as it would be of the iterations.
//!
//! Confidence intervals (95%):
//!
//! - the change in a percentile (P50, P80: the variant's percentile minus the
//!   baseline's) by the **paired percentile bootstrap** (Efron and Tibshirani, *An
//!   Introduction to the Bootstrap*, 1993, ch. 13), resampling pairs, so that the
//!   pairing is kept. The resample is drawn as the **Poisson bootstrap** (Hanley and
//!   MacGibbon, "Creating non-parametric bootstrap samples using Poisson frequencies",
//!   *Computer Methods and Programs in Biomedicine* 83, 2006; Chamandy et al.,
//!   "Estimating uncertainty for massive data streams", Google, 2012): each iteration
//!   enters a resample a Poisson(1) number of times, so a cell of c iterations enters
//!   it Poisson(c) times, and a resample costs one draw per cell instead of one per
//!   iteration. [`RESAMPLES`] resamples; the interval runs from the 2.5th to the 97.5th
//!   percentile of their changes. Review days are whole days, so a percentile jumps
//!   from one day to the next; the bootstrap sees those jumps, where intervals from a
//!   normal approximation (sectioning, batch means) were tried and came out too narrow.
//!   The resampling draws from its own fixed stream, cells in a fixed order, so the
//!   interval is reproducible.
//! - the mean change by the paired t interval on the per-iteration differences.
//!
//! A variant identical to the baseline gives exactly zero differences and an interval
//! of [0, 0]; one that changes nothing but the random numbers gives an interval that
//! contains zero about 95% of the time (tested below).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use rayon::prelude::*;

use crate::engine::poisson::poisson;
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

/// A multiplicative hash for the cells' keys: they are two small numbers packed in a
/// u64, which SipHash (the default, built to resist chosen keys) hashes five times
/// slower for no gain here.
#[derive(Default)]
struct CellHasher(u64);

impl Hasher for CellHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(b as u64);
        }
    }

    fn write_u64(&mut self, x: u64) {
        self.0 = (self.0 ^ x).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }

    fn finish(&self) -> u64 {
        self.0 ^ (self.0 >> 29)
    }
}

/// Counts of iterations per pair (baseline days, variant days): all that paired
/// statistics need, in memory bounded by the distinct pairs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct JointHistogram {
    cells: HashMap<u64, u64, BuildHasherDefault<CellHasher>>,
}

impl JointHistogram {
    /// An empty histogram.
    pub fn new() -> Self {
        Self::default()
    }

    /// Records one iteration: the baseline's and the variant's days.
    #[inline]
    pub fn add(&mut self, base: u32, variant: u32) {
        *self
            .cells
            .entry(((base as u64) << 32) | variant as u64)
            .or_insert(0) += 1;
    }

    /// Adds every iteration of `other`.
    pub fn merge(&mut self, other: &JointHistogram) {
        for (&k, &c) in &other.cells {
            *self.cells.entry(k).or_insert(0) += c;
        }
    }

    /// Iterations recorded.
    pub fn count(&self) -> u64 {
        self.cells.values().sum()
    }

    /// Whether both runs took the same days in every iteration.
    pub fn all_equal(&self) -> bool {
        self.cells.keys().all(|&k| k >> 32 == k & 0xffff_ffff)
    }

    /// A histogram of these cells, as [`Self::sorted`] gave them: how a shard's state
    /// file gives its joint histograms back.
    pub fn from_cells(cells: &[(u32, u32, u64)]) -> Self {
        let mut h = Self::new();
        for &(base, variant, c) in cells {
            *h.cells
                .entry(((base as u64) << 32) | variant as u64)
                .or_insert(0) += c;
        }
        h
    }

    /// The cells as (baseline days, variant days, iterations), in a fixed order.
    pub fn sorted(&self) -> Vec<(u32, u32, u64)> {
        let mut cells: Vec<(u32, u32, u64)> = self
            .cells
            .iter()
            .map(|(&k, &c)| ((k >> 32) as u32, k as u32, c))
            .collect();
        cells.sort_unstable();
        cells
    }

    /// The baseline's and the variant's own distributions.
    pub fn marginals(&self) -> (DayHistogram, DayHistogram) {
        let (mut b, mut v) = (DayHistogram::new(), DayHistogram::new());
        for (&k, &c) in &self.cells {
            b.add_many((k >> 32) as u32, c);
            v.add_many(k as u32, c);
        }
        (b, v)
    }
}

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

/// The bootstrap bounds of the P50 and P80 changes; `None` with too few iterations.
fn bootstrap(joint: &JointHistogram) -> Option<[(f64, f64); 2]> {
    if joint.count() < MIN_ITERATIONS as u64 {
        return None;
    }
    let cells = joint.sorted();
    let changes: Vec<[f64; 2]> = (0..RESAMPLES)
        .into_par_iter()
        .map(|b| {
            let mut rng = Xoshiro256pp::for_iteration(BOOTSTRAP_STREAM, b);
            let (mut hb, mut hv) = (DayHistogram::new(), DayHistogram::new());
            for &(base, variant, c) in &cells {
                let w = poisson(&mut rng, c);
                if w > 0 {
                    hb.add_many(base, w);
                    hv.add_many(variant, w);
                }
            }
            let d = |p| hv.percentile(p).unwrap_or(f64::NAN) - hb.percentile(p).unwrap_or(f64::NAN);
            [d(50.0), d(80.0)]
        })
        .collect();
    let bounds = |k: usize| {
        let mut h: Vec<f64> = changes.iter().map(|c| c[k]).collect();
        h.sort_by(f64::total_cmp);
        let q = |p: f64| {
            let rank = p * (h.len() - 1) as f64;
            let (lo, frac) = (rank.floor() as usize, rank.fract());
            h[lo] + (h[(lo + 1).min(h.len() - 1)] - h[lo]) * frac
        };
        (q(0.025), q(0.975))
    };
    Some([bounds(0), bounds(1)])
}

/// Compares `variant` with `base`, iteration by iteration (the same length, the same
/// iteration order). `None` when there is nothing to compare.
pub fn compare(base: &[u32], variant: &[u32]) -> Option<Paired> {
    if base.len() != variant.len() {
        return None;
    }
    let mut joint = JointHistogram::new();
    base.iter()
        .zip(variant)
        .for_each(|(&b, &v)| joint.add(b, v));
    compare_metrics(&[&joint]).pop().flatten()
}

/// Compares several metrics of one pathway, one joint histogram each. A metric equal
/// in every iteration differs by exactly nothing, and one whose histogram equals an
/// earlier metric's (review days and time to approval without products) takes that
/// one's interval: only the others are resampled.
pub fn compare_metrics(joints: &[&JointHistogram]) -> Vec<Option<Paired>> {
    let mut intervals: Vec<Option<[(f64, f64); 2]>> = Vec::with_capacity(joints.len());
    for (m, joint) in joints.iter().enumerate() {
        let earlier = joints[..m].iter().position(|j| j == joint);
        intervals.push(match earlier {
            _ if joint.all_equal() => Some([(0.0, 0.0); 2]),
            Some(k) => intervals[k],
            None => bootstrap(joint),
        });
    }
    joints
        .iter()
        .zip(intervals)
        .map(|(joint, ci)| (joint.count() > 0).then(|| point(joint, ci)))
        .collect()
}

fn point(joint: &JointHistogram, ci: Option<[(f64, f64); 2]>) -> Paired {
    let n = joint.count();
    let (hb, hv) = joint.marginals();
    let (mut sum, mut sum_sq, mut faster, mut slower) = (0f64, 0f64, 0u64, 0u64);
    for (b, v, c) in joint.sorted() {
        let d = v as f64 - b as f64;
        sum += d * c as f64;
        sum_sq += d * d * c as f64;
        faster += (v < b) as u64 * c;
        slower += (v > b) as u64 * c;
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
        iterations: n,
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
