//! The Kaplan-Meier estimate of the survival curve S(t) = P(review lasts longer than t)
//! from durations some of which are right-censored (still pending at the cut-off), with
//! Greenwood's variance and the log-log ("exponential Greenwood") confidence band that R's
//! `survfit(conf.type = "log-log")` and lifelines give. It is the observed curve every
//! fitted distribution and every simulated one is held against.

use crate::observed::Duration;

/// z for a two-sided 95% interval.
pub const Z95: f64 = 1.959_963_984_540_054;

/// One step of the curve: at `time`, `events` approvals among `at_risk` applications.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Step {
    pub time: f64,
    /// Applications still under review just before `time`.
    pub at_risk: usize,
    /// Approvals at `time`.
    pub events: usize,
    /// Pending applications censored at `time` (they leave the risk set after it).
    pub censored: usize,
    /// S just after `time`.
    pub survival: f64,
    /// The 95% log-log band around `survival`.
    pub lower: f64,
    pub upper: f64,
}

/// The curve: one step per distinct time with an approval or a censoring, ascending.
#[derive(Debug, Clone, PartialEq)]
pub struct KaplanMeier {
    pub steps: Vec<Step>,
    /// Number of durations, and how many of them were censored.
    pub n: usize,
    pub n_censored: usize,
}

impl KaplanMeier {
    /// The estimate from `durations` (non-finite days are left out). Censoring at a time
    /// with approvals counts the censored ones as at risk at that time, the usual
    /// convention (R, lifelines).
    pub fn new(durations: &[Duration]) -> KaplanMeier {
        let mut d: Vec<Duration> = durations
            .iter()
            .copied()
            .filter(|d| d.days.is_finite())
            .collect();
        d.sort_by(|a, b| a.days.total_cmp(&b.days));
        let n = d.len();
        let n_censored = d.iter().filter(|d| !d.approved).count();
        let mut steps = Vec::new();
        let (mut at_risk, mut survival, mut greenwood) = (n, 1.0_f64, 0.0_f64);
        let mut i = 0;
        while i < d.len() {
            let time = d[i].days;
            let same = d[i..].iter().take_while(|x| x.days == time).count();
            let events = d[i..i + same].iter().filter(|x| x.approved).count();
            if events > 0 {
                survival *= 1.0 - events as f64 / at_risk as f64;
                greenwood += if events < at_risk {
                    events as f64 / (at_risk as f64 * (at_risk - events) as f64)
                } else {
                    f64::INFINITY
                };
            }
            let (lower, upper) = log_log_band(survival, greenwood, Z95);
            steps.push(Step {
                time,
                at_risk,
                events,
                censored: same - events,
                survival,
                lower,
                upper,
            });
            at_risk -= same;
            i += same;
        }
        KaplanMeier {
            steps,
            n,
            n_censored,
        }
    }

    /// S(t): the share still under review after `t` days (1 before the first approval).
    pub fn survival(&self, t: f64) -> f64 {
        self.steps
            .iter()
            .take_while(|s| s.time <= t)
            .last()
            .map_or(1.0, |s| s.survival)
    }

    /// The smallest time at which the estimated share approved reaches `q` (0..1), or
    /// `None` when the curve never gets there (too many pending).
    pub fn quantile(&self, q: f64) -> Option<f64> {
        self.steps
            .iter()
            .find(|s| s.events > 0 && 1.0 - s.survival >= q - 1e-12)
            .map(|s| s.time)
    }

    /// The Kolmogorov-Smirnov distance between the estimated CDF 1 - S and a continuous
    /// `cdf`: the largest gap on either side of every step, up to the last observed time
    /// (beyond it the data say nothing).
    pub fn ks_distance(&self, cdf: impl Fn(f64) -> f64) -> f64 {
        self.ks_distance_with(|t| {
            let f = cdf(t);
            (f, f)
        })
    }

    /// [`KaplanMeier::ks_distance`] against a CDF that may jump (a simulated distribution
    /// of whole days): `cdf(t)` gives its left limit F(t-) and its value F(t), held against
    /// the curve just before and just after each step.
    pub fn ks_distance_with(&self, cdf: impl Fn(f64) -> (f64, f64)) -> f64 {
        let mut before = 0.0_f64;
        let mut worst = 0.0_f64;
        for s in &self.steps {
            let (left, at) = cdf(s.time);
            let after = 1.0 - s.survival;
            worst = worst.max((left - before).abs()).max((at - after).abs());
            before = after;
        }
        worst
    }
}

/// The log-log band: a symmetric interval for log(-log S) mapped back, which stays
/// inside 0..1. Where S is 1 (no approval yet) or 0 the band collapses onto it.
fn log_log_band(survival: f64, greenwood: f64, z: f64) -> (f64, f64) {
    if survival <= 0.0 || survival >= 1.0 || !greenwood.is_finite() {
        return (survival, survival);
    }
    let log_s = survival.ln();
    let theta = (-log_s).ln();
    let se = greenwood.sqrt() / log_s.abs();
    (
        (-(theta + z * se).exp()).exp(),
        (-(theta - z * se).exp()).exp(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(days: f64, approved: bool) -> Duration {
        Duration { days, approved }
    }

    /// lifelines' KM test against R (tests/test_estimation.py, the `g3` control group:
    /// time/event 34/1, 32/1, 9/1, 19/1, 50/0, 48/0), survival and 95% log-log band.
    #[test]
    fn lifelines_g3_control_group() {
        let km = KaplanMeier::new(&crate::stats::g3_control());
        let events: Vec<&Step> = km.steps.iter().filter(|s| s.events > 0).collect();
        let want = [
            (9.0, 0.8333, 0.2731, 0.975),
            (19.0, 0.6667, 0.1946, 0.904),
            (32.0, 0.5, 0.1109, 0.804),
            (34.0, 0.3333, 0.0461, 0.676),
        ];
        assert_eq!(events.len(), want.len());
        for (s, (t, surv, lo, hi)) in events.iter().zip(want) {
            assert_eq!(s.time, t);
            assert!((s.survival - surv).abs() < 1e-4, "S({t}) = {}", s.survival);
            assert!((s.lower - lo).abs() < 1e-3, "lower at {t}: {}", s.lower);
            assert!((s.upper - hi).abs() < 1e-3, "upper at {t}: {}", s.upper);
        }
        assert_eq!((km.n, km.n_censored), (6, 2));
        assert_eq!(km.survival(33.0), 0.5);
        assert_eq!(km.survival(8.0), 1.0);
        assert_eq!(km.quantile(0.5), Some(32.0));
        assert_eq!(km.quantile(0.9), None);
    }

    /// The same test's RIT group: 53E, 28C, 69C, 58C, 54C, 25E, 51C, 61C, 57C, 57C, 50C.
    #[test]
    fn lifelines_g3_rit_group() {
        let data: Vec<Duration> = [
            (53, true),
            (28, false),
            (69, false),
            (58, false),
            (54, false),
            (25, true),
            (51, false),
            (61, false),
            (57, false),
            (57, false),
            (50, false),
        ]
        .iter()
        .map(|&(t, e)| d(t as f64, e))
        .collect();
        let km = KaplanMeier::new(&data);
        assert!((km.survival(25.0) - 0.909).abs() < 1e-3);
        assert!((km.survival(53.0) - 0.779).abs() < 1e-3);
    }

    #[test]
    fn without_censoring_it_is_the_empirical_curve() {
        let data: Vec<Duration> = (1..=4).map(|t| d(t as f64, true)).collect();
        let km = KaplanMeier::new(&data);
        assert_eq!(km.survival(2.5), 0.5);
        assert_eq!(km.survival(4.0), 0.0);
        // Against the continuous uniform CDF on 0..4 (a quarter off at each step), and against
        // the empirical step CDF itself, with its left limits.
        assert_eq!(km.ks_distance(|t| (t / 4.0).clamp(0.0, 1.0)), 0.25);
        let steps = |t: f64| {
            let left = ((t.ceil() - 1.0) / 4.0).clamp(0.0, 1.0);
            (left, (t.floor() / 4.0).clamp(0.0, 1.0))
        };
        assert_eq!(km.ks_distance_with(steps), 0.0);
    }

    #[test]
    fn empty_and_all_censored() {
        assert!(KaplanMeier::new(&[]).steps.is_empty());
        let km = KaplanMeier::new(&[d(5.0, false), d(f64::NAN, true)]);
        assert_eq!((km.n, km.survival(10.0), km.quantile(0.5)), (1, 1.0, None));
    }
}
