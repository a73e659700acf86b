//! The p-value of the KS distance between observed reviews and a simulated route, by a
//! parametric bootstrap that repeats the observation process under the simulation.
//!
//! Why not Kolmogorov's asymptotic p-value: it holds for a continuous CDF and complete
//! data, and here neither holds.
//! - **Ties.** The simulated CDF jumps at whole days and at gate dates (a quarterly
//!   approval batch puts much of a route's mass on a few days). Against a discrete CDF
//!   the KS distance is smaller than against a continuous one, so Kolmogorov's p comes
//!   out too large (the test too lenient).
//! - **Censoring.** An application still pending at the cut-off is known only to last
//!   longer than its days so far, and the Kaplan-Meier curve of censored data has a
//!   wider spread than an empirical CDF of as many complete reviews, so the complete-data
//!   distribution of the distance is too narrow (the test too severe).
//! - **Small n.** The shipped files hold 1 to 19 reviews a route.
//!
//! - **Censoring that depends on the review time.** Where approvals come in batches,
//!   the review time depends on the day of submission, and so does the censoring (the
//!   days from submission to the cut-off): the Kaplan-Meier curve is then biased even
//!   under the route, and a test that assumed independent censoring would reject a
//!   route against its own draws.
//!
//! The bootstrap makes no such assumption: each draw takes, for every observation, a
//! review from the simulated reviews submitted on its day (or, without those, from all)
//! and censors it where that observation was censored (a pending row at its days so
//! far, an approved row at the days from its start to the cut-off: it would have been
//! pending had it lasted longer), then recomputes the Kaplan-Meier curve and its
//! distance to the route's CDF. The p-value is the share of draws
//! at least as far as the observed, (k + 1) / (B + 1), so that it is never 0 (Davison &
//! Hinkley 1997, eq. 4.11). Each draw has its own random stream from the seed and its
//! index, so the p-value depends on the seed only, not on the threads.

use rayon::prelude::*;

use super::ks::{SimulatedCdf, ks_statistic};
use crate::observed::Duration;
use crate::random::Xoshiro256pp;

/// Bootstrap draws per pathway: p-values to 1/10,000, fast enough for a few hundred
/// observations.
pub const DRAWS: usize = 9_999;

/// The distance observed and its bootstrap p-value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct KsTest {
    /// The KS distance of the observed Kaplan-Meier curve to the simulated CDF.
    pub statistic: f64,
    /// (k + 1) / (B + 1).
    pub p_value: f64,
    /// B.
    pub draws: usize,
    /// k: draws at least as far as the observed.
    pub as_far: usize,
}

/// One observation as the bootstrap repeats it: the days at which it would have been
/// censored, and the simulated reviews it is drawn from (the route's reviews submitted
/// on its day, where the review time depends on the day of submission; else all).
#[derive(Debug, Clone, Copy)]
pub struct Redraw<'a> {
    pub censor_at: f64,
    pub from: &'a SimulatedCdf,
}

/// The KS test of `durations` against `cdf`, each redrawn as `redraw` says (the same
/// length as `durations`).
pub fn ks_test(
    durations: &[Duration],
    redraw: &[Redraw],
    cdf: &SimulatedCdf,
    draws: usize,
    seed: u64,
) -> KsTest {
    debug_assert_eq!(durations.len(), redraw.len());
    let statistic = ks_statistic(durations, cdf);
    // A draw as far as the observed, up to rounding of equal sums.
    let threshold = statistic - 1e-12;
    let as_far = (0..draws as u64)
        .into_par_iter()
        .map_init(
            || Vec::with_capacity(redraw.len()),
            |sample: &mut Vec<Duration>, b| {
                let mut rng = Xoshiro256pp::for_iteration(seed, b);
                sample.clear();
                sample.extend(redraw.iter().map(|r| {
                    let (t, c) = (r.from.sample(&mut rng), r.censor_at);
                    match t <= c {
                        true => Duration {
                            days: t,
                            approved: true,
                        },
                        false => Duration {
                            days: c,
                            approved: false,
                        },
                    }
                }));
                (ks_statistic(sample, cdf) >= threshold) as usize
            },
        )
        .sum::<usize>();
    KsTest {
        statistic,
        p_value: (as_far + 1) as f64 / (draws + 1) as f64,
        draws,
        as_far,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::stats::DayHistogram;

    /// A lumpy route: a third of its reviews end on day 90 (a batch), the rest spread.
    fn lumpy() -> SimulatedCdf {
        let mut h = DayHistogram::new();
        h.add_many(90, 3_000);
        for d in 40..200 {
            h.add_many(d, 40 + (d % 7) as u64);
        }
        SimulatedCdf::new(&h).unwrap()
    }

    /// `n` reviews drawn from `cdf` (plus `shift` days), each censored with probability
    /// `censored` at a cut-off from 40 to 160 days.
    fn sample(
        cdf: &SimulatedCdf,
        n: usize,
        shift: f64,
        censored: f64,
        rng: &mut Xoshiro256pp,
    ) -> (Vec<Duration>, Vec<f64>) {
        (0..n)
            .map(|_| {
                let t = cdf.sample(rng) + shift;
                let c = if rng.next_f64() < censored {
                    (40.0 + rng.next_f64() * 120.0).floor()
                } else {
                    10_000.0
                };
                let d = Duration {
                    days: t.min(c),
                    approved: t <= c,
                };
                (d, c)
            })
            .unzip()
    }

    fn redraws<'a>(censor_at: &[f64], cdf: &'a SimulatedCdf) -> Vec<Redraw<'a>> {
        censor_at
            .iter()
            .map(|&c| Redraw {
                censor_at: c,
                from: cdf,
            })
            .collect()
    }

    /// Under the null, with ties and heavy censoring (60% of the reviews censored at 40
    /// to 160 days), p is about uniform: about 5% of data sets fall below 0.05 and about
    /// 20% below 0.2. (Draws that ignored the censoring put 19% below 0.05.)
    #[test]
    fn p_values_are_calibrated_under_the_null_with_ties_and_censoring() {
        let cdf = lumpy();
        let mut rng = Xoshiro256pp::from_seed(11);
        let sets = 300;
        let p: Vec<f64> = (0..sets)
            .map(|k| {
                let (d, c) = sample(&cdf, 25, 0.0, 0.6, &mut rng);
                ks_test(&d, &redraws(&c, &cdf), &cdf, 499, k).p_value
            })
            .collect();
        let below = |x: f64| p.iter().filter(|&&v| v < x).count() as f64 / sets as f64;
        assert!((below(0.05) - 0.05).abs() < 0.035, "{}", below(0.05));
        assert!((below(0.2) - 0.2).abs() < 0.06, "{}", below(0.2));
    }

    #[test]
    fn a_shifted_sample_is_rejected_and_the_result_is_deterministic() {
        let cdf = lumpy();
        let mut rng = Xoshiro256pp::from_seed(3);
        let (d, c) = sample(&cdf, 40, 60.0, 0.0, &mut rng);
        let r = redraws(&c, &cdf);
        let t = ks_test(&d, &r, &cdf, 999, 7);
        assert!(t.p_value < 0.002, "{t:?}");
        assert_eq!(t.p_value, 1.0 / 1000.0);
        assert_eq!(t, ks_test(&d, &r, &cdf, 999, 7));
    }

    fn cdf_of(values: &[(u32, u64)]) -> SimulatedCdf {
        let mut h = DayHistogram::new();
        for &(d, c) in values {
            h.add_many(d, c);
        }
        SimulatedCdf::new(&h).unwrap()
    }

    /// Reviews that depend on the day of submission, as with batches: early rows take
    /// 100 or 250 days and are seen to the end (censored at 300), late rows take 300 and
    /// are all pending at 200. The curve then climbs to 1 at 250 where the route is at
    /// 0.5, yet that is what the route gives on those days: redrawn from the reviews of
    /// each row's day the test passes; redrawn from the route's whole distribution, as
    /// if censoring were independent, it would reject the route.
    #[test]
    fn reviews_that_depend_on_the_day_are_redrawn_from_that_day() {
        let early = cdf_of(&[(100, 1), (250, 1)]);
        let late = cdf_of(&[(300, 1)]);
        let route = cdf_of(&[(100, 1), (250, 1), (300, 2)]);
        let mut d = Vec::new();
        for k in 0..20 {
            let days = if k % 2 == 0 { 100.0 } else { 250.0 };
            d.push((days, true, 300.0, &early));
            d.push((200.0, false, 200.0, &late));
        }
        let durations: Vec<Duration> = d
            .iter()
            .map(|&(days, approved, _, _)| Duration { days, approved })
            .collect();
        let by_day: Vec<Redraw> = d
            .iter()
            .map(|&(_, _, censor_at, from)| Redraw { censor_at, from })
            .collect();
        let pooled: Vec<Redraw> = by_day
            .iter()
            .map(|r| Redraw { from: &route, ..*r })
            .collect();
        let right = ks_test(&durations, &by_day, &route, 999, 1);
        assert!((right.statistic - 0.5).abs() < 1e-12, "{right:?}");
        assert!(right.p_value > 0.2, "{right:?}");
        let wrong = ks_test(&durations, &pooled, &route, 999, 1);
        assert!(wrong.p_value < 0.01, "{wrong:?}");
    }
}
