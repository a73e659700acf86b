//! The simulated distribution of review days as a CDF, and what `regsim validate`
//! measures with it against observed durations: the Kolmogorov-Smirnov distance to the
//! Kaplan-Meier curve, the share of observations inside the simulated P5 to P95, and the
//! verdict those numbers lead to (its thresholds are here, in one place).
//!
//! The engine counts whole days, so the simulated CDF is a step function: it jumps at
//! every whole day (and a lot at a gate's date, when approvals come in batches). The KS
//! distance is taken against both sides of each jump (F(t-) and F(t)), as
//! [`KaplanMeier::ks_distance_with`] does; against F(t) alone, an observation on a day
//! where the simulation also has mass would count the jump as a misfit.

use crate::engine::stats::DayHistogram;
use crate::observed::Duration;
use crate::random::Xoshiro256pp;
use crate::stats::KaplanMeier;

/// The simulated distribution of a pathway's review days, as cumulative counts by day.
#[derive(Debug, Clone, PartialEq)]
pub struct SimulatedCdf {
    /// `cumulative[d]`: iterations approved in at most `d` days.
    cumulative: Vec<u64>,
    total: u64,
}

impl SimulatedCdf {
    /// The CDF of `histogram`; `None` when it is empty (no iteration ended in approval).
    pub fn new(histogram: &DayHistogram) -> Option<SimulatedCdf> {
        let max = histogram.max()?;
        let mut sum = 0;
        let cumulative = (0..=max)
            .map(|d| {
                sum += histogram.count_of(d);
                sum
            })
            .collect();
        Some(SimulatedCdf {
            cumulative,
            total: sum,
        })
    }

    /// F(t): the share of iterations approved in at most `t` days.
    pub fn at(&self, t: f64) -> f64 {
        if t < 0.0 {
            return 0.0;
        }
        let d = (t.floor() as usize).min(self.cumulative.len() - 1);
        self.cumulative[d] as f64 / self.total as f64
    }

    /// F(t-): the share approved in fewer than `t` days.
    pub fn left(&self, t: f64) -> f64 {
        // Fewer than t days is at most ceil(t) - 1 whole days.
        self.at(t.ceil() - 1.0)
    }

    /// (F(t-), F(t)), what [`KaplanMeier::ks_distance_with`] takes.
    pub fn limits(&self, t: f64) -> (f64, f64) {
        (self.left(t), self.at(t))
    }

    /// The smallest whole day with F at least `q` (0..1).
    pub fn quantile(&self, q: f64) -> f64 {
        let k = (q.clamp(0.0, 1.0) * self.total as f64).ceil() as u64;
        self.cumulative.partition_point(|&c| c < k.max(1)) as f64
    }

    /// One draw of review days, exactly as likely as in the simulation.
    pub fn sample(&self, rng: &mut Xoshiro256pp) -> f64 {
        let k = rng.next_index(self.total as usize) as u64;
        self.cumulative.partition_point(|&c| c <= k) as f64
    }
}

/// The KS distance between the Kaplan-Meier curve of `durations` and `cdf`, up to the
/// last observed time.
pub fn ks_statistic(durations: &[Duration], cdf: &SimulatedCdf) -> f64 {
    KaplanMeier::new(durations).ks_distance_with(|t| cdf.limits(t))
}

/// How many of the approved `durations` lie inside `low..=high` (the simulated P5 to
/// P95), and how many were approved. Pending rows are left out: their review is only
/// known to exceed the days so far.
pub fn inside(durations: &[Duration], low: f64, high: f64) -> (usize, usize) {
    let approved: Vec<f64> = durations
        .iter()
        .filter(|d| d.approved)
        .map(|d| d.days)
        .collect();
    let within = approved.iter().filter(|&&d| low <= d && d <= high).count();
    (within, approved.len())
}

/// Below this p-value the observations are called inconsistent with the simulation.
pub const INCONSISTENT_BELOW: f64 = 0.01;
/// Below this (and at or above [`INCONSISTENT_BELOW`]), doubtful; at or above it,
/// consistent.
pub const DOUBTFUL_BELOW: f64 = 0.05;

/// What the KS test says of a pathway. The coverage is reported beside it, not folded
/// in: with a handful of observations it swings by a whole observation at a time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// p at or above [`DOUBTFUL_BELOW`]: the data give no reason to doubt the route.
    Consistent,
    /// p from [`INCONSISTENT_BELOW`] to [`DOUBTFUL_BELOW`]: worth a look.
    Doubtful,
    /// p below [`INCONSISTENT_BELOW`]: the route does not describe these reviews.
    Inconsistent,
}

impl Verdict {
    /// The verdict of a p-value.
    pub fn of(p_value: f64) -> Verdict {
        if p_value < INCONSISTENT_BELOW {
            Verdict::Inconsistent
        } else if p_value < DOUBTFUL_BELOW {
            Verdict::Doubtful
        } else {
            Verdict::Consistent
        }
    }

    /// The word printed and written to validation.csv.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Consistent => "consistent",
            Verdict::Doubtful => "doubtful",
            Verdict::Inconsistent => "inconsistent",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn histogram(values: &[(u32, u64)]) -> DayHistogram {
        let mut h = DayHistogram::new();
        for &(d, c) in values {
            h.add_many(d, c);
        }
        h
    }

    fn approved(days: f64) -> Duration {
        Duration {
            days,
            approved: true,
        }
    }

    #[test]
    fn the_cdf_and_its_left_limits() {
        let cdf = SimulatedCdf::new(&histogram(&[(2, 1), (5, 3)])).unwrap();
        assert_eq!(cdf.limits(1.0), (0.0, 0.0));
        assert_eq!(cdf.limits(2.0), (0.0, 0.25));
        assert_eq!(cdf.limits(3.5), (0.25, 0.25));
        assert_eq!(cdf.limits(5.0), (0.25, 1.0));
        assert_eq!(cdf.limits(99.0), (1.0, 1.0));
        assert_eq!(cdf.at(-1.0), 0.0);
        assert_eq!(
            (cdf.quantile(0.0), cdf.quantile(0.25), cdf.quantile(0.26)),
            (2.0, 2.0, 5.0)
        );
        assert!(SimulatedCdf::new(&DayHistogram::new()).is_none());
    }

    #[test]
    fn draws_follow_the_histogram() {
        let cdf = SimulatedCdf::new(&histogram(&[(3, 1), (10, 3)])).unwrap();
        let mut rng = Xoshiro256pp::from_seed(1);
        let draws: Vec<f64> = (0..40_000).map(|_| cdf.sample(&mut rng)).collect();
        assert!(draws.iter().all(|&d| d == 3.0 || d == 10.0));
        let share = draws.iter().filter(|&&d| d == 3.0).count() as f64 / 40_000.0;
        assert!((share - 0.25).abs() < 0.01, "{share}");
    }

    /// Observations on the simulation's own support are at distance 0 when their shares
    /// match, whatever the ties; against F(t) alone they would be a whole jump off.
    #[test]
    fn ties_on_a_jump_are_no_misfit() {
        let cdf = SimulatedCdf::new(&histogram(&[(2, 1), (5, 3)])).unwrap();
        let obs = [approved(2.0), approved(5.0), approved(5.0), approved(5.0)];
        assert!(ks_statistic(&obs, &cdf) < 1e-12);
        let off = [approved(5.0); 4];
        assert!((ks_statistic(&off, &cdf) - 0.25).abs() < 1e-12);
    }

    #[test]
    fn coverage_counts_approved_rows_only() {
        let mut d = vec![approved(1.0), approved(5.0), approved(9.0)];
        d.push(Duration {
            days: 3.0,
            approved: false,
        });
        assert_eq!(inside(&d, 2.0, 9.0), (2, 3));
    }

    #[test]
    fn verdict_thresholds() {
        assert_eq!(Verdict::of(0.2), Verdict::Consistent);
        assert_eq!(Verdict::of(0.05), Verdict::Consistent);
        assert_eq!(Verdict::of(0.02), Verdict::Doubtful);
        assert_eq!(Verdict::of(0.009), Verdict::Inconsistent);
    }
}
