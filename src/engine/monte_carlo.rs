//! The Monte Carlo run: many independent passes through every pathway.
//!
//! Iterations are cut into fixed blocks. A batch of blocks runs in parallel on rayon;
//! each block fills its own accumulators (and, if asked, its per-iteration rows); the
//! blocks are then merged and handed on in block order. Every pass draws from its own
//! stream, a function of (seed, pathway id, iteration index) only, so the results are
//! byte-identical whatever the number of threads, and adding a pathway to a scenario
//! does not change the numbers of the others.

use rayon::prelude::*;

use crate::engine::results::{PathwayResults, RunResults};
use crate::engine::rng::Xoshiro256pp;
use crate::engine::schedule::{Draws, PathwayTimes, ScheduleError, run_pathway_from};
use crate::model::Model;

/// Iterations per block: large enough to amortise the per-block accumulators, small
/// enough to keep both cores busy and the progress bar moving.
const BLOCK: u64 = 16_384;

/// One iteration's outcome for one pathway: a row of runs.csv.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RunRow {
    /// 0-based iteration index.
    pub iteration: u64,
    /// Index of the pathway in the model.
    pub pathway: usize,
    /// Days from the model's submission date to this application's submission.
    pub submitted_day: u32,
    /// Submission to approval, in days.
    pub review_days: u32,
    /// Regulator time, in days.
    pub regulator_days: u32,
    /// Applicant time, in days.
    pub applicant_days: u32,
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

/// The 64-bit FNV-1a hash of a pathway id: its stream's key.
fn stream_key(id: &str) -> u64 {
    id.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ b as u64).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

struct Block {
    pathways: Vec<PathwayResults>,
    rows: Vec<RunRow>,
}

impl MonteCarlo {
    /// Runs on the current rayon pool. `on_rows` receives the per-iteration rows in
    /// iteration order, a batch at a time (only with `keep_rows`); `on_progress` the
    /// number of iterations done so far.
    pub fn run<E>(
        &self,
        model: &Model,
        mut on_rows: impl FnMut(&[RunRow]) -> Result<(), E>,
        on_progress: impl Fn(u64),
    ) -> Result<RunResults, RunError<E>> {
        let keys: Vec<u64> = model
            .pathways
            .iter()
            .map(|p| self.seed ^ stream_key(&p.id))
            .collect();
        let mut total: Vec<PathwayResults> =
            model.pathways.iter().map(PathwayResults::new).collect();
        let blocks = self.iterations.div_ceil(BLOCK);
        let batch = (rayon::current_num_threads() as u64 * 4).max(1);
        let mut first = 0;
        while first < blocks {
            let last = (first + batch).min(blocks);
            let results: Vec<Result<Block, ScheduleError>> = (first..last)
                .into_par_iter()
                .map(|b| self.run_block(model, &keys, b))
                .collect();
            for block in results {
                let block = block.map_err(RunError::Schedule)?;
                for (t, b) in total.iter_mut().zip(&block.pathways) {
                    t.merge(b);
                }
                if self.keep_rows {
                    on_rows(&block.rows).map_err(RunError::Sink)?;
                }
            }
            on_progress((last * BLOCK).min(self.iterations));
            first = last;
        }
        Ok(RunResults {
            iterations: self.iterations,
            seed: self.seed,
            pathways: total,
        })
    }

    fn run_block(&self, model: &Model, keys: &[u64], block: u64) -> Result<Block, ScheduleError> {
        let start = block * BLOCK;
        let end = (start + BLOCK).min(self.iterations);
        let mut out = Block {
            pathways: model.pathways.iter().map(PathwayResults::new).collect(),
            rows: Vec::new(),
        };
        if self.keep_rows {
            out.rows
                .reserve(((end - start) as usize) * model.pathways.len());
        }
        let mut times = PathwayTimes::default();
        let window = model.submission_window_days as usize;
        for i in start..end {
            let submitted_day = if window == 0 {
                0
            } else {
                Xoshiro256pp::for_iteration(self.seed ^ SUBMISSION_STREAM, i).next_index(window + 1)
                    as u32
            };
            for (p, pathway) in model.pathways.iter().enumerate() {
                let mut rng = Xoshiro256pp::for_iteration(keys[p], i);
                run_pathway_from(
                    model,
                    pathway,
                    submitted_day,
                    Draws::Random(&mut rng),
                    &mut times,
                )?;
                out.pathways[p].record(&times);
                if self.keep_rows {
                    out.rows.push(RunRow {
                        iteration: i,
                        pathway: p,
                        submitted_day,
                        review_days: times.review_days,
                        regulator_days: times.regulator_days,
                        applicant_days: times.applicant_days,
                    });
                }
            }
        }
        Ok(out)
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
