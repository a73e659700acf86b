//! One pathway replayed over the iterations of a Monte Carlo run, stream for stream.
//!
//! Iteration `i` of a pathway draws from a stream that depends only on (seed, pathway,
//! `i`) (see [`crate::engine::monte_carlo`]), so any analysis can run the pathway again
//! and see exactly the applications of the main run: the sensitivity analysis holds
//! one stage at a value and keeps every other draw (common random numbers), and
//! `regsim explain --at p80` finds and replays one iteration. The main run's hot loop
//! is left alone; this runner is for the analyses that come after it.

use rayon::prelude::*;

use crate::engine::application::{gap_key, held_application, random_application, stream_key};
use crate::engine::monte_carlo::submitted_day;
use crate::engine::schedule::{PathwayTimes, ScheduleError};
use crate::model::Model;
use crate::random::Xoshiro256pp;

/// Iterations per parallel block (as the main run's).
const BLOCK: u64 = 16_384;

/// One pathway of a model over iterations `0..iterations` of the run seeded `seed`.
#[derive(Debug, Clone, Copy)]
pub struct Replay<'m> {
    /// The model.
    pub model: &'m Model,
    /// Index of the pathway in the model.
    pub pathway: usize,
    /// The run's seed.
    pub seed: u64,
    /// The run's iterations.
    pub iterations: u64,
    /// A stage held at a number of days of work: (stage index, days).
    pub hold: Option<(usize, f64)>,
}

impl Replay<'_> {
    /// The pass of iteration `i`.
    pub fn iteration(&self, i: u64, out: &mut PathwayTimes) -> Result<(), ScheduleError> {
        let model = self.model;
        let pathway = &model.pathways[self.pathway];
        let mut rng = Xoshiro256pp::for_iteration(self.seed ^ stream_key(model, pathway), i);
        let gap = (self.seed ^ gap_key(model, pathway), i);
        let ready = submitted_day(model, self.seed, i);
        match self.hold {
            None => random_application(model, pathway, ready, &mut rng, gap, out),
            Some(h) => held_application(model, pathway, ready, &mut rng, gap, h, out),
        }
    }

    /// Folds every iteration into an accumulator: `step` sees each iteration's index and
    /// pass; blocks run in parallel, each from `init()`, and are merged in block order,
    /// so the result does not depend on the number of threads when `merge` is exact.
    pub fn fold<A: Send>(
        &self,
        init: impl Fn() -> A + Sync,
        step: impl Fn(&mut A, u64, &PathwayTimes) + Sync,
        merge: impl Fn(&mut A, A),
    ) -> Result<A, ScheduleError> {
        let blocks = self.iterations.div_ceil(BLOCK);
        let batch = (rayon::current_num_threads() as u64 * 4).max(1);
        let mut total = init();
        let mut first = 0;
        while first < blocks {
            let last = (first + batch).min(blocks);
            let done: Vec<Result<A, ScheduleError>> = (first..last)
                .into_par_iter()
                .map(|b| {
                    let mut acc = init();
                    let mut times = PathwayTimes::default();
                    for i in b * BLOCK..((b + 1) * BLOCK).min(self.iterations) {
                        self.iteration(i, &mut times)?;
                        step(&mut acc, i, &times);
                    }
                    Ok(acc)
                })
                .collect();
            for acc in done {
                merge(&mut total, acc?);
            }
            first = last;
        }
        Ok(total)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::monte_carlo::MonteCarlo;
    use crate::engine::stats::DayHistogram;
    use crate::model::Clock;
    use crate::model::calendar::HolidaySet;
    use crate::model::duration::Duration;
    use crate::model::testing::{date, model, pathway, stage};

    fn two_stage_model() -> Model {
        let mut a = stage("a", Clock::Regulator, 0.0, &[]);
        a.duration = Some(Duration::Uniform {
            min: 10.0,
            max: 50.0,
        });
        let mut b = stage("b", Clock::Applicant, 0.0, &[0]);
        b.duration = Some(Duration::Exponential { mean: 20.0 });
        b.probability = 0.6;
        let mut m = model(
            date(2024, 4, 1),
            HolidaySet::None,
            vec![],
            vec![
                pathway("x", "x", vec![stage("c", Clock::Regulator, 5.0, &[])]),
                pathway("p", "p", vec![a, b]),
            ],
        );
        m.submission_window_days = 30;
        m
    }

    fn review_histogram(r: &Replay) -> DayHistogram {
        r.fold(
            DayHistogram::new,
            |h, _, t| h.add(t.review_days),
            |a, b| a.merge(&b),
        )
        .unwrap()
    }

    #[test]
    fn a_replay_sees_the_main_runs_applications() {
        let m = two_stage_model();
        let mc = MonteCarlo {
            iterations: 40_000,
            seed: 9,
            keep_rows: false,
        };
        let main = mc.run(&m, |_| Ok::<(), ()>(()), |_| {}).unwrap();
        let replay = Replay {
            model: &m,
            pathway: 1,
            seed: 9,
            iterations: 40_000,
            hold: None,
        };
        assert_eq!(review_histogram(&replay), main.pathways[1].review_days);
    }

    #[test]
    fn holding_a_stage_keeps_the_other_draws() {
        let m = two_stage_model();
        let free = Replay {
            model: &m,
            pathway: 1,
            seed: 3,
            iterations: 2_000,
            hold: None,
        };
        let held = Replay {
            hold: Some((0, 30.0)),
            ..free
        };
        let (mut f, mut h) = (PathwayTimes::default(), PathwayTimes::default());
        for i in 0..2_000 {
            free.iteration(i, &mut f).unwrap();
            held.iteration(i, &mut h).unwrap();
            assert_eq!(h.submitted_day, f.submitted_day);
            assert_eq!(h.stages[1].ran, f.stages[1].ran, "the same occurrence draw");
            let a = h.stages[0].end - h.stages[0].start;
            assert!((a - 30.0).abs() < 1e-9);
            let (bf, bh) = (&f.stages[1], &h.stages[1]);
            assert!(
                ((bf.end - bf.start) - (bh.end - bh.start)).abs() < 1e-9,
                "the same draw for b"
            );
        }
    }
}
