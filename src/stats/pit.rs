//! The probability integral transform (PIT) of observed reviews under the simulated
//! route: u = F(x) for each approved review x. If the route describes the reviews, the
//! u are uniform on 0..1 and their histogram is flat; a hump in the middle says the
//! simulation is too wide, a U too narrow, a slope that it is too slow or too fast.
//!
//! The simulated CDF jumps at whole days, so F(x) alone is not uniform (it piles up at
//! the top of each jump). regsim uses the **randomized** PIT: u uniform between F(x-)
//! and F(x), which is exactly uniform under the route for any discrete CDF (Czado,
//! Gneiting & Held 2009, Biometrics 65:1254). Its randomness comes from the seed and the
//! observation's index, so the chart is reproducible. Pending rows have no x and are
//! left out: with many of them the histogram leans towards short reviews by
//! construction (the KS bootstrap accounts for censoring; this chart does not).

use super::ks::SimulatedCdf;
use crate::observed::Duration;
use crate::random::Xoshiro256pp;

/// The randomized PIT of each approved duration, in the order given.
pub fn randomized_pit(durations: &[Duration], cdf: &SimulatedCdf, seed: u64) -> Vec<f64> {
    durations
        .iter()
        .enumerate()
        .filter(|(_, d)| d.approved)
        .map(|(i, d)| {
            let (left, at) = cdf.limits(d.days);
            let v = Xoshiro256pp::for_iteration(seed, i as u64).next_f64();
            left + v * (at - left)
        })
        .collect()
}

/// Bins for a PIT histogram of `n` values: 10, or 5 below 30 values (fewer than three
/// a bin say little).
pub fn bins_for(n: usize) -> usize {
    if n < 30 { 5 } else { 10 }
}

/// How many of `values` (0..1) fall in each of `bins` equal bins (1.0 in the last).
pub fn histogram(values: &[f64], bins: usize) -> Vec<usize> {
    let mut counts = vec![0; bins];
    for &u in values {
        let k = ((u * bins as f64).floor() as usize).min(bins - 1);
        counts[k] += 1;
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::stats::DayHistogram;

    #[test]
    fn randomized_pit_is_uniform_on_a_discrete_route() {
        // Three values only: F(x) alone would take just the values 0.5, 0.75 and 1.
        let mut h = DayHistogram::new();
        h.add_many(10, 2);
        h.add_many(20, 1);
        h.add_many(30, 1);
        let cdf = SimulatedCdf::new(&h).unwrap();
        let mut rng = Xoshiro256pp::from_seed(5);
        let obs: Vec<Duration> = (0..8_000)
            .map(|_| Duration {
                days: cdf.sample(&mut rng),
                approved: true,
            })
            .collect();
        let u = randomized_pit(&obs, &cdf, 9);
        let counts = histogram(&u, 10);
        assert!(
            counts.iter().all(|&c| (700..900).contains(&c)),
            "{counts:?}"
        );
        // Each u lies in its observation's jump.
        for (d, u) in obs.iter().zip(&u) {
            let (l, a) = cdf.limits(d.days);
            assert!(l <= *u && *u <= a);
        }
    }

    #[test]
    fn pending_rows_are_left_out_and_bins_follow_n() {
        let mut h = DayHistogram::new();
        h.add_many(5, 1);
        let cdf = SimulatedCdf::new(&h).unwrap();
        let obs = [
            Duration {
                days: 5.0,
                approved: true,
            },
            Duration {
                days: 2.0,
                approved: false,
            },
        ];
        assert_eq!(randomized_pit(&obs, &cdf, 1).len(), 1);
        assert_eq!(histogram(&[0.0, 0.5, 1.0], 5), vec![1, 0, 1, 0, 1]);
        assert_eq!((bins_for(19), bins_for(200)), (5, 10));
    }
}
