//! The iteration at a percentile: which simulated application sits at, say, the P80 of
//! a pathway's review days, replayed stage by stage (`regsim explain --at p80`).
//!
//! One replay of the pathway (the same streams as `regsim run` with the same seed and
//! iterations) records the distribution of review days, each stage's elapsed days, and
//! the first iteration to give each whole number of review days. The iteration shown is
//! the first one whose review days are nearest the percentile (the lower day on a tie):
//! deterministic, and replayed exactly from its stream.

use crate::engine::replay::Replay;
use crate::engine::results::PathwayResults;
use crate::engine::schedule::{PathwayTimes, ScheduleError};
use crate::model::Model;

/// The iteration nearest a percentile, and what it is compared with.
#[derive(Debug, Clone)]
pub struct AtPercentile {
    /// The percentile asked for (0 to 100).
    pub percentile: f64,
    /// Its value over all iterations, in review days.
    pub value: f64,
    /// The iteration shown (0-based).
    pub iteration: u64,
    /// Its pass through the pathway.
    pub times: PathwayTimes,
    /// The distributions over all iterations (review days, each stage's elapsed days).
    pub results: PathwayResults,
    /// Iterations run.
    pub iterations: u64,
}

struct Scan {
    results: PathwayResults,
    /// The first iteration with each number of review days (`u64::MAX`: none).
    first: Vec<u64>,
}

/// Finds and replays the iteration at percentile `p` of review days of pathway
/// `pathway`, over `iterations` iterations seeded `seed`.
pub fn at_percentile(
    model: &Model,
    pathway: usize,
    seed: u64,
    iterations: u64,
    p: f64,
) -> Result<AtPercentile, ScheduleError> {
    let replay = Replay {
        model,
        pathway,
        seed,
        iterations,
        hold: None,
    };
    let scan = replay.fold(
        || Scan {
            results: PathwayResults::new(&model.pathways[pathway]),
            first: Vec::new(),
        },
        |s, i, t| {
            s.results.record(t);
            if t.withdrawn {
                // no review days: never the iteration shown
                return;
            }
            let d = t.review_days as usize;
            if s.first.len() <= d {
                s.first.resize(d + 1, u64::MAX);
            }
            s.first[d] = s.first[d].min(i);
        },
        |a, b| {
            a.results.merge(&b.results);
            if a.first.len() < b.first.len() {
                a.first.resize(b.first.len(), u64::MAX);
            }
            for (x, y) in a.first.iter_mut().zip(b.first) {
                *x = (*x).min(y);
            }
        },
    )?;
    let value = scan.results.review_days.percentile(p).unwrap_or(0.0);
    let day = (0..scan.first.len())
        .filter(|&d| scan.first[d] != u64::MAX)
        .min_by(|&a, &b| {
            (a as f64 - value)
                .abs()
                .total_cmp(&(b as f64 - value).abs())
        })
        .unwrap_or(0);
    let iteration = scan.first.get(day).copied().unwrap_or(0);
    let mut times = PathwayTimes::default();
    replay.iteration(iteration, &mut times)?;
    Ok(AtPercentile {
        percentile: p,
        value,
        iteration,
        times,
        results: scan.results,
        iterations,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::monte_carlo::MonteCarlo;
    use crate::model::Clock;
    use crate::model::calendar::HolidaySet;
    use crate::model::duration::Duration;
    use crate::model::testing::{date, model, pathway, stage};

    #[test]
    fn the_iteration_found_sits_at_the_percentile_of_the_main_run() {
        let mut a = stage("a", Clock::Regulator, 0.0, &[]);
        a.duration = Some(Duration::Uniform {
            min: 10.0,
            max: 300.0,
        });
        let mut b = stage("b", Clock::Applicant, 0.0, &[0]);
        b.duration = Some(Duration::Exponential { mean: 30.0 });
        let m = model(
            date(2024, 4, 1),
            HolidaySet::None,
            vec![],
            vec![pathway("p", "p", vec![a, b])],
        );
        let main = MonteCarlo {
            iterations: 30_000,
            seed: 4,
            keep_rows: true,
        };
        let mut rows = Vec::new();
        main.run(
            &m,
            |r| {
                rows.extend_from_slice(r);
                Ok::<(), ()>(())
            },
            |_| {},
        )
        .unwrap();
        let at = at_percentile(&m, 0, 4, 30_000, 80.0).unwrap();
        // the same P80 as the main run, and the iteration's own row there says the same
        let p80 = at.results.review_days.percentile(80.0).unwrap();
        assert_eq!(at.value, p80);
        assert!((at.times.review_days as f64 - p80).abs() <= 0.5);
        assert_eq!(
            rows[at.iteration as usize].review_days,
            at.times.review_days
        );
        // the first such iteration
        assert!(
            rows[..at.iteration as usize]
                .iter()
                .all(|r| r.review_days != at.times.review_days)
        );
    }
}
