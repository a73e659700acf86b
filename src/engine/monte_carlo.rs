//! The Monte Carlo run: many independent passes through every pathway.
//!
//! The iterations run in blocks on rayon ([`crate::engine::lockstep`], of which a
//! single run is the case of one model). Every pass draws from its own
//! stream, a function of (seed, product and pathway ids, iteration index) only (see
//! [`crate::engine::application`]), so the results are byte-identical whatever the
//! number of threads, and adding a pathway to a scenario does not change the numbers of
//! the others.

use crate::engine::lockstep::Lockstep;
use crate::engine::results::RunResults;
use crate::engine::schedule::ScheduleError;
use crate::model::Model;
use crate::random::Xoshiro256pp;

/// One iteration's outcome for one pathway: a row of runs.csv.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RunRow {
    /// 0-based iteration index.
    pub iteration: u64,
    /// Index of the pathway in the model.
    pub pathway: usize,
    /// Days from the model's submission date to the day the product was ready.
    pub ready_day: u32,
    /// Days from the model's submission date to this application's submission.
    pub submitted_day: u32,
    /// Submission to approval, in days.
    pub review_days: u32,
    /// Regulator time, in days.
    pub regulator_days: u32,
    /// Applicant time, in days.
    pub applicant_days: u32,
    /// Withdrawn instead of approved (a clock stop past its cap).
    pub withdrawn: bool,
}

/// How to run.
#[derive(Debug, Clone, Copy)]
pub struct MonteCarlo {
    /// Number of iterations.
    pub iterations: u64,
    /// The seed every stream derives from.
    pub seed: u64,
    /// Keep every iteration's row (for runs.csv).
    pub keep_rows: bool,
}

/// The key of the stream that draws each iteration's submission day: shared by all
/// pathways, so that every route is compared on the same application.
const SUBMISSION_STREAM: u64 = 0x5375_626d_6973_7369; // "Submissi"

/// The day iteration `i` submits its application, in days after the model's
/// submission date: 0 without a submission window.
#[inline]
pub fn submitted_day(model: &Model, seed: u64, i: u64) -> u32 {
    let window = model.submission_window_days as usize;
    if window == 0 {
        0
    } else {
        Xoshiro256pp::for_iteration(seed ^ SUBMISSION_STREAM, i).next_index(window + 1) as u32
    }
}

impl MonteCarlo {
    /// Runs on the current rayon pool. `on_rows` receives the per-iteration rows in
    /// iteration order, a batch at a time (only with `keep_rows`); `on_progress` the
    /// number of iterations done so far.
    pub fn run<E>(
        &self,
        model: &Model,
        on_rows: impl FnMut(&[RunRow]) -> Result<(), E>,
        on_progress: impl Fn(u64) + Sync,
    ) -> Result<RunResults, RunError<E>> {
        self.run_from(model, 0, on_rows, on_progress)
    }

    /// Runs iterations `first..first + self.iterations`, exactly as they are in a run
    /// of more iterations (each iteration's streams depend on its index alone): a run
    /// can be extended a chunk at a time and the chunks' results merged
    /// ([`crate::engine::precision`]). Progress counts from 0.
    pub fn run_from<E>(
        &self,
        model: &Model,
        start: u64,
        on_rows: impl FnMut(&[RunRow]) -> Result<(), E>,
        on_progress: impl Fn(u64) + Sync,
    ) -> Result<RunResults, RunError<E>> {
        let lockstep = Lockstep {
            runs: vec![(model, self.seed)],
            paired: false,
            keep_rows: self.keep_rows,
        };
        let mut results = lockstep
            .run_from(start, self.iterations, on_rows, on_progress)
            .map_err(|(_, e)| e)?;
        Ok(results.runs.remove(0))
    }
}

/// Why a run stopped.
#[derive(Debug)]
pub enum RunError<E> {
    /// The scenario asked for a date it does not define.
    Schedule(ScheduleError),
    /// The row sink failed (e.g. the disk is full).
    Sink(E),
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::engine::schedule::{Draws, PathwayTimes, run_pathway_from};
    use crate::model::calendar::HolidaySet;
    use crate::model::duration::Duration;
    use crate::model::testing::{date, gate, model as test_model, pathway};
    use crate::model::{Clock, DayCount, Stage};

    /// A stage drawn at random: a triangular duration, predecessors among the stages
    /// before it, sometimes a probability, business days or a gate.
    fn arb_stage(index: usize) -> impl Strategy<Value = Stage> {
        (
            0.0f64..60.0,
            0.0f64..1.0,
            0.0f64..90.0,
            prop::collection::vec(0..index.max(1), 0..3),
            prop_oneof![Just(1.0), 0.05f64..1.0],
            any::<bool>(),
            any::<bool>(),
            prop::bool::weighted(0.2),
        )
            .prop_map(
                move |(min, mode_at, width, after, probability, applicant, business, gated)| {
                    Stage {
                        id: format!("s{index}"),
                        title: String::new(),
                        clock: if applicant {
                            Clock::Applicant
                        } else {
                            Clock::Regulator
                        },
                        duration: Some(Duration::Triangular {
                            min,
                            mode: min + mode_at * width,
                            max: min + width,
                        }),
                        days: if business {
                            DayCount::Business
                        } else {
                            DayCount::Calendar
                        },
                        after: if index == 0 {
                            Vec::new()
                        } else {
                            let mut a = after;
                            a.sort_unstable();
                            a.dedup();
                            a
                        },
                        probability,
                        gate: gated.then_some(0),
                        planned_within: None,
                        calendar: None,
                        max_days: None,
                    }
                },
            )
    }

    fn arb_model() -> impl Strategy<Value = Model> {
        (1usize..8, 0u32..400)
            .prop_flat_map(|(n, window)| {
                let stages: Vec<_> = (0..n).map(arb_stage).collect();
                (stages, Just(window))
            })
            .prop_map(|(stages, window)| {
                let submitted = date(2024, 4, 1);
                // a monthly meeting on the 1st, for 50 years
                let meetings = (0..600).map(|m| date(2024 + m / 12, 1 + (m % 12) as u32, 1));
                let mut model = test_model(
                    submitted,
                    HolidaySet::Jp,
                    vec![gate("meeting", submitted, meetings)],
                    vec![pathway("p", "p", stages)],
                );
                model.submission_window_days = window;
                model
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn passes_keep_their_invariants(model in arb_model(), seed in any::<u64>(), submitted in 0u32..400) {
            let pathway = &model.pathways[0];
            for i in 0..50 {
                let mut rng = Xoshiro256pp::for_iteration(seed, i);
                let mut t = PathwayTimes::default();
                run_pathway_from(&model, pathway, submitted, Draws::Random(&mut rng), &mut t).unwrap();
                prop_assert_eq!(t.review_days, t.regulator_days + t.applicant_days);
                for (s, stage) in t.stages.iter().zip(&pathway.stages) {
                    // no negative durations, nothing before submission, nothing after approval
                    prop_assert!(s.end >= s.start && s.start >= submitted as f64);
                    prop_assert!(s.end_day >= s.start_day);
                    prop_assert!(s.end_day - submitted <= t.review_days);
                    // a stage starts only when all it waits for have ended
                    for &j in &stage.after {
                        prop_assert!(t.stages[j].end <= s.start);
                    }
                    if let (true, Some(g)) = (s.ran, stage.gate) {
                        prop_assert!(model.gates[g].days().contains(&(s.end_day as i64)));
                    }
                }
                // the critical path ends on the last day
                let last = t.stages.iter().filter(|s| s.critical).map(|s| s.end_day).max();
                if let Some(last) = last {
                    prop_assert_eq!(last - submitted, t.review_days);
                }
            }
        }

    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(12))]

        #[test]
        fn runs_are_identical_on_any_number_of_threads(model in arb_model(), seed in any::<u64>()) {
            let mc = MonteCarlo { iterations: 40_000, seed, keep_rows: true };
            let run = |threads: usize| {
                let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
                let mut rows = Vec::new();
                let results = pool
                    .install(|| mc.run(&model, |r| { rows.extend_from_slice(r); Ok::<(), ()>(()) }, |_| {}))
                    .unwrap();
                (results.pathways, rows)
            };
            let (one, rows_one) = run(1);
            let (two, rows_two) = run(2);
            prop_assert_eq!(&one, &two);
            prop_assert_eq!(rows_one, rows_two);
            let h = &one[0].review_days;
            let ps: Vec<f64> = [0.0, 10.0, 50.0, 80.0, 90.0, 100.0].iter().map(|&p| h.percentile(p).unwrap()).collect();
            prop_assert!(ps.windows(2).all(|w| w[0] <= w[1]));
        }
    }
}
