//! Comparing an agency's runs: paired by replication. The applications of one
//! replication share their queues, so they are not independent draws and cannot be
//! resampled one by one; a replication is. With common random numbers (the same seed),
//! replication r of a variant sees the same arrival streams and the same work as the
//! baseline's replication r, so the difference of the two is measured within each
//! replication. The intervals are a cluster bootstrap: replications resampled with
//! Poisson(1) weights, [`RESAMPLES`] times, each resample's P50, P80 and mean of the
//! pooled applications compared.

use rayon::prelude::*;

use super::results::QueueResults;
use crate::engine::paired::{Interval, Paired, RESAMPLES};
use crate::engine::poisson::poisson;
use crate::engine::results::Metric;
use crate::engine::stats::DayHistogram;
use crate::random::Xoshiro256pp;

/// Fewer replications than this give no interval.
pub const MIN_REPLICATIONS: usize = 10;

/// The stream of the bootstrap's weights (ASCII "Clusters").
const CLUSTER_STREAM: u64 = 0x436c_7573_7465_7273;

/// The metrics compared: those of every comparison, then the wait for reviewers.
pub const METRICS: [Metric; 5] = [
    Metric::ReviewDays,
    Metric::TimeToApprovalDays,
    Metric::RegulatorDays,
    Metric::ApplicantDays,
    Metric::QueueWaitDays,
];

/// Whole-day values with their counts, ascending: one replication's applications.
pub type Sparse = Vec<(u32, u64)>;

/// One metric's days of every replication, for the baseline's pathway and the
/// variant's.
pub struct Replicated<'a> {
    /// The baseline's, per replication.
    pub base: Vec<&'a Sparse>,
    /// The variant's, per replication (the same number).
    pub variant: Vec<&'a Sparse>,
}

impl<'a> Replicated<'a> {
    /// Metric `m` of pathway `bi` of `base` and `vi` of `variant`; `None` when either
    /// kept no replications or their numbers differ.
    pub fn of(
        base: &'a QueueResults,
        bi: usize,
        variant: &'a QueueResults,
        vi: usize,
        m: usize,
    ) -> Option<Self> {
        let (b, v) = (&base.per_replication, &variant.per_replication);
        (b.len() == v.len() && !b.is_empty()).then(|| Self {
            base: b.iter().map(|r| &r[bi][m]).collect(),
            variant: v.iter().map(|r| &r[vi][m]).collect(),
        })
    }
}

/// The pooled histogram of `reps`, each replication weighted.
fn pooled(reps: &[&Sparse], weights: impl Fn(usize) -> u64) -> DayHistogram {
    let mut h = DayHistogram::new();
    for (k, r) in reps.iter().enumerate() {
        let w = weights(k);
        if w > 0 {
            for &(day, c) in r.iter() {
                h.add_many(day, c * w);
            }
        }
    }
    h
}

/// The P50, P80 and mean of a histogram.
fn stats(h: &DayHistogram) -> [f64; 3] {
    let q = |p| h.percentile(p).unwrap_or(f64::NAN);
    [q(50.0), q(80.0), h.mean().unwrap_or(f64::NAN)]
}

/// The paired comparison of one metric; `None` when neither side approved anything.
pub fn compare(r: &Replicated) -> Option<Paired> {
    let (hb, hv) = (pooled(&r.base, |_| 1), pooled(&r.variant, |_| 1));
    if hb.count() == 0 && hv.count() == 0 {
        return None;
    }
    let (sb, sv) = (stats(&hb), stats(&hv));
    let n = r.base.len();
    let bounds: Option<Vec<(f64, f64)>> = (n >= MIN_REPLICATIONS).then(|| {
        let changes: Vec<[f64; 3]> = (0..RESAMPLES)
            .into_par_iter()
            .map(|b| {
                let mut rng = Xoshiro256pp::for_iteration(CLUSTER_STREAM, b);
                let w: Vec<u64> = (0..n).map(|_| poisson(&mut rng, 1)).collect();
                let (b, v) = (
                    stats(&pooled(&r.base, |k| w[k])),
                    stats(&pooled(&r.variant, |k| w[k])),
                );
                [v[0] - b[0], v[1] - b[1], v[2] - b[2]]
            })
            .collect();
        (0..3)
            .map(|k| {
                let mut d: Vec<f64> = changes
                    .iter()
                    .map(|c| c[k])
                    .filter(|x| x.is_finite())
                    .collect();
                d.sort_by(f64::total_cmp);
                if d.is_empty() {
                    return (f64::NAN, f64::NAN);
                }
                let q = |p: f64| {
                    let rank = p * (d.len() - 1) as f64;
                    let (lo, frac) = (rank.floor() as usize, rank.fract());
                    d[lo] + (d[(lo + 1).min(d.len() - 1)] - d[lo]) * frac
                };
                (q(0.025), q(0.975))
            })
            .collect()
    });
    let interval = |k: usize| {
        let (low, high) = bounds.as_ref().map_or((f64::NAN, f64::NAN), |b| b[k]);
        Interval {
            estimate: sv[k] - sb[k],
            low,
            high,
        }
    };
    Some(Paired {
        iterations: n as u64,
        baseline_p50: sb[0],
        variant_p50: sv[0],
        p50_change: interval(0),
        baseline_p80: sb[1],
        variant_p80: sv[1],
        p80_change: interval(1),
        mean_change: interval(2),
        // Applications are not paired one by one (a variant may change which arrive).
        faster_share: f64::NAN,
        slower_share: f64::NAN,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reps(days: &[&[u32]]) -> Vec<Sparse> {
        days.iter()
            .map(|d| {
                let mut h = DayHistogram::new();
                d.iter().for_each(|&x| h.add(x));
                (0..=h.max().unwrap_or(0))
                    .map(|x| (x, h.count_of(x)))
                    .filter(|&(_, c)| c > 0)
                    .collect()
            })
            .collect()
    }

    #[test]
    fn a_shift_of_every_replication_is_measured_exactly() {
        let base: Vec<Vec<u32>> = (0..40).map(|r| vec![10 + r % 7, 20 + r % 5, 30]).collect();
        let shifted: Vec<Vec<u32>> = base
            .iter()
            .map(|r| r.iter().map(|d| d + 5).collect())
            .collect();
        let b = reps(&base.iter().map(|v| v.as_slice()).collect::<Vec<_>>());
        let v = reps(&shifted.iter().map(|v| v.as_slice()).collect::<Vec<_>>());
        let r = Replicated {
            base: b.iter().collect(),
            variant: v.iter().collect(),
        };
        let p = compare(&r).unwrap();
        assert_eq!(p.iterations, 40);
        assert_eq!(p.mean_change.estimate, 5.0);
        // Every resample shifts by exactly 5 days too.
        assert_eq!((p.mean_change.low, p.mean_change.high), (5.0, 5.0));
        assert_eq!((p.p50_change.low, p.p50_change.high), (5.0, 5.0));
        assert!(p.faster_share.is_nan());
    }

    #[test]
    fn too_few_replications_give_estimates_without_intervals() {
        let b = reps(&[&[10, 20], &[12]]);
        let r = Replicated {
            base: b.iter().collect(),
            variant: b.iter().collect(),
        };
        let p = compare(&r).unwrap();
        assert_eq!(p.p80_change.estimate, 0.0);
        assert!(p.p80_change.low.is_nan());
    }
}
