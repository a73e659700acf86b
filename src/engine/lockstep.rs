//! Several models through the same iterations, block by block: the one loop behind
//! every Monte Carlo run. A single run is the case of one model; `compare` runs the
//! baseline and its variants side by side, so that iteration i of each is drawn,
//! recorded and paired with the baseline's at once, and nothing per iteration has to be
//! kept.
//!
//! Iterations are cut into fixed blocks that the rayon workers share by work stealing,
//! each worker adding its blocks into its own accumulators, which are merged once at
//! the end: no barrier between batches, no merge per block. The accumulators are
//! integer counts, whose sums do not depend on the order they are added in. Only when
//! the per-iteration rows are asked for (runs.csv, written in iteration order) do the
//! blocks run in batches, each block with its own rows, handed on in block order.
//! Each pass draws from its own
//! stream, a function of (seed, product and pathway ids, iteration index) only, so the
//! results are byte-identical whatever the number of threads, and a model's results do
//! not depend on which other models run beside it.

use std::sync::atomic::{AtomicU64, Ordering};

use rayon::prelude::*;

use crate::engine::application::{gap_key, random_application, stream_key};
use crate::engine::monte_carlo::{RunError, RunRow, submitted_day};
use crate::engine::paired::JointHistogram;
use crate::engine::results::{PathwayResults, RunResults};
use crate::engine::schedule::{PathwayTimes, ScheduleError};
use crate::engine::stats::DayHistogram;
use crate::model::{Model, Pathway};
use crate::random::Xoshiro256pp;

/// Iterations per block: large enough to amortise the per-block accumulators, small
/// enough to keep both cores busy and the progress bar moving.
const BLOCK: u64 = 16_384;

/// Iterations per block when no rows are kept: a worker adds its blocks into one
/// accumulator, so a block costs only a progress update, and small blocks leave the
/// workers at most a small block apart at the end of the run.
const SHARED_BLOCK: u64 = 2_048;

/// The four metrics of [`METRICS`](crate::engine::results::METRICS) of one iteration of one pathway, in that order. A
/// withdrawn application counts at the length its capped clock stop gave it, as
/// `compare` and `sweep` document.
type MetricDays = [u32; 4];

fn metric_days(t: &PathwayTimes) -> MetricDays {
    [
        t.review_days,
        t.review_days + t.submitted_day - t.ready_day,
        t.regulator_days,
        t.applicant_days,
    ]
}

/// Models run side by side over the same iterations.
#[derive(Debug, Clone)]
pub struct Lockstep<'a> {
    /// Each model with the seed it draws with; the first is the baseline.
    pub runs: Vec<(&'a Model, u64)>,
    /// Pair every other run's pathways with the baseline's (the same product and
    /// pathway id), iteration by iteration.
    pub paired: bool,
    /// Hand the baseline's per-iteration rows to the caller (runs.csv).
    pub keep_rows: bool,
}

/// What pairing keeps of one pathway of one run.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PathwayPairs {
    /// Every iteration's days per metric of [`METRICS`](crate::engine::results::METRICS) (withdrawn ones too).
    pub metrics: [DayHistogram; 4],
    /// The baseline's pathway it is paired with, and the joint histogram of each
    /// metric (baseline days, this run's days); `None` for the baseline itself and for
    /// a pathway the baseline does not have.
    pub with_baseline: Option<(usize, [JointHistogram; 4])>,
}

/// The results of a lockstep run.
#[derive(Debug, Clone)]
pub struct LockstepResults {
    /// Each run's results, in the order of [`Lockstep::runs`].
    pub runs: Vec<RunResults>,
    /// With pairing: per run, per pathway, what pairing keeps; empty without.
    pub pairs: Vec<Vec<PathwayPairs>>,
}

/// One run's set-up: its streams' keys per pathway and the baseline pathway each
/// pathway is paired with.
struct Prepared<'a> {
    model: &'a Model,
    seed: u64,
    keys: Vec<(u64, u64)>,
    partner: Vec<Option<usize>>,
}

struct Block {
    runs: Vec<Vec<PathwayResults>>,
    pairs: Vec<Vec<PathwayPairs>>,
    rows: Vec<RunRow>,
}

/// The pathway of `model` that is `p` of `other`: the same product and id.
pub fn same_pathway<'m>(
    model: &'m Model,
    other: &Model,
    p: &Pathway,
) -> Option<(usize, &'m Pathway)> {
    model
        .pathways
        .iter()
        .enumerate()
        .find(|(_, q)| q.id == p.id && q.product_id(model) == p.product_id(other))
}

impl<'a> Lockstep<'a> {
    fn prepare(&self) -> Vec<Prepared<'a>> {
        let base = self.runs[0].0;
        self.runs
            .iter()
            .enumerate()
            .map(|(r, &(model, seed))| Prepared {
                model,
                seed,
                keys: model
                    .pathways
                    .iter()
                    .map(|p| (seed ^ stream_key(model, p), seed ^ gap_key(model, p)))
                    .collect(),
                partner: model
                    .pathways
                    .iter()
                    .map(|p| match r {
                        0 => None,
                        _ => same_pathway(base, model, p).map(|(i, _)| i),
                    })
                    .collect(),
            })
            .collect()
    }

    fn empty_block(&self, runs: &[Prepared]) -> Block {
        Block {
            runs: runs
                .iter()
                .map(|r| r.model.pathways.iter().map(PathwayResults::new).collect())
                .collect(),
            pairs: if self.paired {
                runs.iter()
                    .map(|r| {
                        r.partner
                            .iter()
                            .map(|p| PathwayPairs {
                                with_baseline: p.map(|b| (b, Default::default())),
                                ..Default::default()
                            })
                            .collect()
                    })
                    .collect()
            } else {
                Vec::new()
            },
            rows: Vec::new(),
        }
    }

    /// Runs iterations `start..start + iterations` of every model on the current rayon
    /// pool. `on_rows` receives the baseline's rows in iteration order, a batch at a
    /// time (only with `keep_rows`); `on_progress` the iterations done so far, from 0.
    ///
    /// A schedule that a model cannot give is an error naming that model's index in
    /// [`Lockstep::runs`] (a failed write of rows names the baseline).
    pub fn run_from<E>(
        &self,
        start: u64,
        iterations: u64,
        mut on_rows: impl FnMut(&[RunRow]) -> Result<(), E>,
        on_progress: impl Fn(u64) + Sync,
    ) -> Result<LockstepResults, (usize, RunError<E>)> {
        let runs = self.prepare();
        let total = if self.keep_rows {
            self.in_batches(&runs, start, iterations, &mut on_rows, &on_progress)?
        } else {
            self.shared(&runs, start, iterations, &on_progress)
                .map_err(|(_, r, e)| (r, RunError::Schedule(e)))?
        };
        Ok(LockstepResults {
            runs: runs
                .iter()
                .zip(total.runs)
                .map(|(r, pathways)| RunResults {
                    iterations,
                    seed: r.seed,
                    pathways,
                })
                .collect(),
            pairs: total.pairs,
        })
    }

    /// Every block on the pool by work stealing, each worker's into its own
    /// accumulators, merged at the end. A schedule error is the first in iteration
    /// order, as a run in order would meet it: each worker stops at its first, and the
    /// earliest of those is kept.
    fn shared(
        &self,
        runs: &[Prepared],
        start: u64,
        iterations: u64,
        on_progress: &(impl Fn(u64) + Sync),
    ) -> Result<Block, (u64, usize, ScheduleError)> {
        let done = AtomicU64::new(0);
        let blocks = iterations.div_ceil(SHARED_BLOCK);
        // Not rayon's try_fold: it stops at whichever error comes first in time, and
        // the error reported must be the first in iteration order.
        (0..blocks)
            .into_par_iter()
            .fold(
                || Ok(self.empty_block(runs)),
                |acc: Result<Block, (u64, usize, ScheduleError)>, b| {
                    let mut acc = acc?;
                    let begin = start + b * SHARED_BLOCK;
                    let end = (begin + SHARED_BLOCK).min(start + iterations);
                    self.run_block_into(runs, begin..end, &mut acc)?;
                    let n = end - begin;
                    on_progress(done.fetch_add(n, Ordering::Relaxed) + n);
                    Ok(acc)
                },
            )
            .reduce(
                || Ok(self.empty_block(runs)),
                |a, b| match (a, b) {
                    (Ok(mut a), Ok(b)) => {
                        merge(&mut a, &b);
                        Ok(a)
                    }
                    (Err(a), Err(b)) => Err(if b.0 < a.0 { b } else { a }),
                    (Err(e), Ok(_)) | (Ok(_), Err(e)) => Err(e),
                },
            )
    }

    /// The blocks in batches, each block with its own rows, merged and handed on in
    /// block order.
    fn in_batches<E>(
        &self,
        runs: &[Prepared],
        start: u64,
        iterations: u64,
        on_rows: &mut impl FnMut(&[RunRow]) -> Result<(), E>,
        on_progress: &impl Fn(u64),
    ) -> Result<Block, (usize, RunError<E>)> {
        let mut total = self.empty_block(runs);
        let blocks = iterations.div_ceil(BLOCK);
        let batch = (rayon::current_num_threads() as u64 * 4).max(1);
        let mut first = 0;
        while first < blocks {
            let last = (first + batch).min(blocks);
            let results: Vec<Result<Block, (usize, ScheduleError)>> = (first..last)
                .into_par_iter()
                .map(|b| {
                    let begin = start + b * BLOCK;
                    let end = (begin + BLOCK).min(start + iterations);
                    self.run_block(runs, begin..end)
                })
                .collect();
            for block in results {
                let block = block.map_err(|(r, e)| (r, RunError::Schedule(e)))?;
                merge(&mut total, &block);
                if self.keep_rows {
                    on_rows(&block.rows).map_err(|e| (0, RunError::Sink(e)))?;
                }
            }
            on_progress((last * BLOCK).min(iterations));
            first = last;
        }
        Ok(total)
    }

    fn run_block(
        &self,
        runs: &[Prepared],
        range: std::ops::Range<u64>,
    ) -> Result<Block, (usize, ScheduleError)> {
        let mut out = self.empty_block(runs);
        if self.keep_rows {
            let n = (range.end - range.start) as usize;
            out.rows.reserve(n * runs[0].model.pathways.len());
        }
        self.run_block_into(runs, range, &mut out)
            .map_err(|(_, r, e)| (r, e))?;
        Ok(out)
    }

    /// The iterations of `range` added into `out`; an error names its iteration and run.
    fn run_block_into(
        &self,
        runs: &[Prepared],
        range: std::ops::Range<u64>,
        out: &mut Block,
    ) -> Result<(), (u64, usize, ScheduleError)> {
        let mut times = PathwayTimes::default();
        let mut base_days: Vec<MetricDays> = vec![[0; 4]; runs[0].model.pathways.len()];
        for i in range {
            for (r, run) in runs.iter().enumerate() {
                self.pass(run, r, i, out, &mut times, &mut base_days)
                    .map_err(|e| (i, r, e))?;
            }
        }
        Ok(())
    }
}

impl Lockstep<'_> {
    /// Iteration `i` of run `r`: every pathway drawn and recorded (and paired).
    #[inline]
    fn pass(
        &self,
        run: &Prepared,
        r: usize,
        i: u64,
        out: &mut Block,
        times: &mut PathwayTimes,
        base_days: &mut [MetricDays],
    ) -> Result<(), ScheduleError> {
        let model = run.model;
        let submitted_day = submitted_day(model, run.seed, i);
        let accumulators = &mut out.runs[r];
        for (p, (pathway, acc)) in model.pathways.iter().zip(accumulators).enumerate() {
            let (key, gap_key) = run.keys[p];
            let mut rng = Xoshiro256pp::for_iteration(key, i);
            random_application(model, pathway, submitted_day, &mut rng, (gap_key, i), times)?;
            acc.record(times);
            acc.record_after_approval(pathway, times, &mut rng);
            if self.keep_rows && r == 0 {
                out.rows.push(RunRow {
                    iteration: i,
                    pathway: p,
                    ready_day: times.ready_day,
                    submitted_day: times.submitted_day,
                    review_days: times.review_days,
                    regulator_days: times.regulator_days,
                    applicant_days: times.applicant_days,
                    withdrawn: times.withdrawn,
                });
            }
            if self.paired {
                let days = metric_days(times);
                let pairs = &mut out.pairs[r][p];
                for (h, &d) in pairs.metrics.iter_mut().zip(&days) {
                    h.add(d);
                }
                if r == 0 {
                    base_days[p] = days;
                } else if let Some((b, joints)) = &mut pairs.with_baseline {
                    for (m, joint) in joints.iter_mut().enumerate() {
                        joint.add(base_days[*b][m], days[m]);
                    }
                }
            }
        }
        Ok(())
    }
}

fn merge(total: &mut Block, block: &Block) {
    for (t, b) in total.runs.iter_mut().zip(&block.runs) {
        for (t, b) in t.iter_mut().zip(b) {
            t.merge(b);
        }
    }
    for (t, b) in total.pairs.iter_mut().zip(&block.pairs) {
        for (t, b) in t.iter_mut().zip(b) {
            t.merge(b);
        }
    }
}

impl PathwayPairs {
    /// Adds another block's (or shard's) pairs.
    pub fn merge(&mut self, other: &PathwayPairs) {
        for (h, o) in self.metrics.iter_mut().zip(&other.metrics) {
            h.merge(o);
        }
        if let (Some((_, t)), Some((_, b))) = (&mut self.with_baseline, &other.with_baseline) {
            for (j, o) in t.iter_mut().zip(b) {
                j.merge(o);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::monte_carlo::MonteCarlo;
    use crate::scenario::{self, Overrides};

    fn load(path: &str) -> Model {
        scenario::load(std::path::Path::new(path), &Overrides::default())
            .unwrap()
            .model
    }

    #[test]
    fn a_model_run_beside_others_gives_what_it_gives_alone() {
        let a = load("tests/data/good/whatif.toml");
        let b = load("tests/data/good/tiny.toml");
        let alone = |m: &Model, seed| {
            MonteCarlo {
                iterations: 20_000,
                seed,
                keep_rows: false,
            }
            .run(m, |_| Ok::<(), ()>(()), |_| {})
            .unwrap()
        };
        let together = Lockstep {
            runs: vec![(&a, 5), (&b, 9)],
            paired: true,
            keep_rows: false,
        }
        .run_from(0, 20_000, |_| Ok::<(), ()>(()), |_| {})
        .unwrap();
        assert_eq!(together.runs[0].pathways, alone(&a, 5).pathways);
        assert_eq!(together.runs[1].pathways, alone(&b, 9).pathways);
    }

    #[test]
    fn a_run_paired_with_itself_lies_on_the_diagonal_and_its_marginals_are_its_own() {
        let a = load("tests/data/good/whatif.toml");
        let r = Lockstep {
            runs: vec![(&a, 3), (&a, 3)],
            paired: true,
            keep_rows: false,
        }
        .run_from(0, 5_000, |_| Ok::<(), ()>(()), |_| {})
        .unwrap();
        for (p, pairs) in r.pairs[1].iter().enumerate() {
            let (b, joints) = pairs.with_baseline.as_ref().unwrap();
            assert_eq!(*b, p);
            for (m, j) in joints.iter().enumerate() {
                assert!(j.all_equal());
                assert_eq!(j.count(), 5_000);
                let (base, variant) = j.marginals();
                assert_eq!(base, r.pairs[0][p].metrics[m]);
                assert_eq!(variant, r.pairs[1][p].metrics[m]);
            }
        }
        assert!(r.pairs[0].iter().all(|p| p.with_baseline.is_none()));
    }
}
