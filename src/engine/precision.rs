//! How precisely a run knows its percentiles: Monte Carlo standard errors, and runs
//! that go on until P80 is known to a given number of days.
//!
//! **Standard error of a percentile.** A Monte Carlo percentile is an estimate; its
//! sampling error shrinks as 1/√n. For the p-quantile of n independent iterations, the
//! estimate's standard error is √(p(1−p)/n) / f(x_p), with f the density at the
//! quantile (the asymptotic normality of sample quantiles; e.g. Serfling 1980, §2.3.3).
//! regsim estimates the density over the very range that sampling error spans: with
//! δ = z·√(p(1−p)/n) and z = 1.96, f ≈ 2δ / (Q(p+δ) − Q(p−δ)), Q being the percentile
//! of the iterations (interpolated as in summary.csv). Then
//!
//! ```text
//! SE = (Q(p + δ) − Q(p − δ)) / (2z)
//! ```
//!
//! which is also half the width of the distribution-free order-statistic confidence
//! interval for the quantile (the ranks n(p ± δ); Conover, "Practical Nonparametric
//! Statistics", 3rd ed., §3.2), divided by z. It needs nothing but the whole-day
//! histogram the run already keeps, holds for any shape of distribution, and is exactly
//! reproducible. Where the percentile falls on a heap of equal values (a gate date that
//! many iterations share), Q(p − δ) = Q(p + δ) and the standard error is 0: the estimate
//! really would not move between seeds. A test compares it with the spread of P80 over
//! many seeds.
//!
//! **Running to a precision.** `regsim run --precision DAYS` samples in chunks of the
//! run's iteration count, each iteration from its own stream as always (so a run
//! extended chunk by chunk is the same as one run of the final length), and stops after
//! the first chunk at which the 95% half-width (z·SE) of P80 of review days is at most
//! DAYS on every pathway, or when the iterations reach the cap. Same seed and precision,
//! same iterations, byte-identical outputs.

use crate::engine::monte_carlo::{MonteCarlo, RunError, RunRow};
use crate::engine::results::RunResults;
use crate::engine::stats::DayHistogram;
use crate::model::Model;

/// The standard normal quantile of a two-sided 95% interval.
pub const Z95: f64 = 1.959_963_984_540_054;

/// The percentile whose precision `--precision` controls, of review days.
pub const PRECISION_PERCENTILE: f64 = 80.0;

/// The Monte Carlo standard error of the `p`-th percentile (p in 0..=100) of the values
/// in `h`, in days; `None` with fewer than two values.
pub fn percentile_se(h: &DayHistogram, p: f64) -> Option<f64> {
    half_width95(h, p).map(|w| w / Z95)
}

/// The half-width of the 95% confidence interval of the `p`-th percentile: z·SE.
pub fn half_width95(h: &DayHistogram, p: f64) -> Option<f64> {
    let n = h.count();
    if n < 2 {
        return None;
    }
    let q = (p / 100.0).clamp(0.0, 1.0);
    let delta = Z95 * (q * (1.0 - q) / n as f64).sqrt();
    let lo = h.percentile(100.0 * (q - delta).max(0.0))?;
    let hi = h.percentile(100.0 * (q + delta).min(1.0))?;
    Some((hi - lo) / 2.0)
}

/// When to stop sampling.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Precision {
    /// The largest acceptable 95% half-width of P80 of review days, in days.
    pub days: f64,
    /// The most iterations to run.
    pub cap: u64,
}

/// A run that went on until its P80s were precise enough, or hit the cap.
#[derive(Debug, Clone)]
pub struct Converged {
    /// All the iterations run.
    pub results: RunResults,
    /// Whether every pathway's P80 is known within [`Precision::days`].
    pub met: bool,
    /// The 95% half-width of each pathway's P80 of review days, in the model's order.
    pub half_widths: Vec<f64>,
}

impl Precision {
    /// Runs `mc` (its `iterations` the chunk size) chunk after chunk until the
    /// precision is met or the cap reached. Rows and progress are passed on as from a
    /// single run.
    pub fn run<E>(
        &self,
        mc: &MonteCarlo,
        model: &Model,
        mut on_rows: impl FnMut(&[RunRow]) -> Result<(), E>,
        on_progress: impl Fn(u64) + Sync,
    ) -> Result<Converged, RunError<E>> {
        let chunk = mc.iterations.max(1);
        let mut total: Option<RunResults> = None;
        let mut done = 0;
        loop {
            let part = MonteCarlo {
                iterations: chunk.min(self.cap.saturating_sub(done)).max(1),
                ..*mc
            };
            let results = part.run_from(model, done, &mut on_rows, |d| on_progress(done + d))?;
            done += part.iterations;
            let total = match &mut total {
                None => total.insert(results),
                Some(t) => {
                    t.iterations += results.iterations;
                    for (a, b) in t.pathways.iter_mut().zip(&results.pathways) {
                        a.merge(b);
                    }
                    t
                }
            };
            let half_widths: Vec<f64> = total
                .pathways
                .iter()
                .map(|p| {
                    half_width95(&p.review_days, PRECISION_PERCENTILE).unwrap_or(f64::INFINITY)
                })
                .collect();
            let met = half_widths.iter().all(|&w| w <= self.days);
            if met || done >= self.cap {
                return Ok(Converged {
                    results: total.clone(),
                    met,
                    half_widths,
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Clock;
    use crate::model::calendar::HolidaySet;
    use crate::model::duration::Duration;
    use crate::model::testing::{date, model, pathway, stage};

    fn one_stage(duration: Duration) -> Model {
        let mut s = stage("s", Clock::Regulator, 0.0, &[]);
        s.duration = Some(duration);
        model(
            date(2024, 4, 1),
            HolidaySet::None,
            vec![],
            vec![pathway("p", "p", vec![s])],
        )
    }

    /// The standard deviation of P80 over `seeds` runs of `n`, and the mean estimated SE.
    fn spread_and_estimate(m: &Model, n: u64, seeds: u64) -> (f64, f64) {
        let (mut p80s, mut ses) = (Vec::new(), Vec::new());
        for seed in 0..seeds {
            let mc = MonteCarlo {
                iterations: n,
                seed: 1000 + seed,
                keep_rows: false,
            };
            let r = mc.run(m, |_| Ok::<(), ()>(()), |_| {}).unwrap();
            let h = &r.pathways[0].review_days;
            p80s.push(h.percentile(80.0).unwrap());
            ses.push(percentile_se(h, 80.0).unwrap());
        }
        let mean = p80s.iter().sum::<f64>() / seeds as f64;
        let var = p80s.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (seeds - 1) as f64;
        (var.sqrt(), ses.iter().sum::<f64>() / seeds as f64)
    }

    #[test]
    fn the_standard_error_matches_the_spread_over_seeds() {
        // Uniform(0, 1000): SE of P80 = sqrt(0.8 * 0.2 / 2000) * 1000 = 8.94 days.
        let (spread, se) = spread_and_estimate(
            &one_stage(Duration::Uniform {
                min: 0.0,
                max: 1000.0,
            }),
            2000,
            400,
        );
        assert!((se - 8.94).abs() < 0.9, "estimated {se}");
        assert!(
            (spread / se - 1.0).abs() < 0.15,
            "spread {spread} vs SE {se}"
        );
        // Exponential(mean 100): f(x_0.8) = 0.2 / 100, SE = sqrt(0.16 / 2000) / 0.002 = 4.47.
        let (spread, se) =
            spread_and_estimate(&one_stage(Duration::Exponential { mean: 100.0 }), 2000, 400);
        assert!((se - 4.47).abs() < 0.6, "estimated {se}");
        assert!(
            (spread / se - 1.0).abs() < 0.2,
            "spread {spread} vs SE {se}"
        );
    }

    #[test]
    fn a_heap_of_equal_values_has_no_error_and_one_value_no_estimate() {
        let mut h = DayHistogram::new();
        h.add(5);
        assert_eq!(percentile_se(&h, 80.0), None);
        for _ in 0..999 {
            h.add(5);
        }
        assert_eq!(percentile_se(&h, 80.0), Some(0.0));
    }

    /// A uniform (0, 1000) stage, run in chunks of 1000 iterations.
    fn uniform_in_chunks() -> (Model, MonteCarlo) {
        let m = one_stage(Duration::Uniform {
            min: 0.0,
            max: 1000.0,
        });
        let mc = MonteCarlo {
            iterations: 1000,
            seed: 5,
            keep_rows: false,
        };
        (m, mc)
    }

    #[test]
    fn sampling_stops_at_the_precision_reproducibly() {
        let (m, mc) = uniform_in_chunks();
        let precision = Precision {
            days: 10.0,
            cap: 1_000_000,
        };
        let run = || {
            precision
                .run(&mc, &m, |_| Ok::<(), ()>(()), |_| {})
                .unwrap()
        };
        let a = run();
        // half-width 1.96 * sqrt(0.16 / n) * 1000 <= 10 needs n >= 6147: 7 chunks
        assert!(a.met);
        assert_eq!(a.results.iterations, 7000, "{:?}", a.half_widths);
        assert!(a.half_widths[0] <= 10.0);
        // the same as one run of that length, and the same again
        let whole = MonteCarlo {
            iterations: 7000,
            ..mc
        }
        .run(&m, |_| Ok::<(), ()>(()), |_| {})
        .unwrap();
        assert_eq!(a.results.pathways, whole.pathways);
        assert_eq!(run().results.pathways, a.results.pathways);
    }

    #[test]
    fn sampling_stops_at_the_cap_and_says_so() {
        let (m, mc) = uniform_in_chunks();
        let c = Precision {
            days: 0.5,
            cap: 2500,
        }
        .run(&mc, &m, |_| Ok::<(), ()>(()), |_| {})
        .unwrap();
        assert!(!c.met);
        assert_eq!(c.results.iterations, 2500);
        assert!(c.half_widths[0] > 0.5);
    }
}
