//! Running a [`Study`] on the engine: one path for every command, so that `run`,
//! `run --variant`, `--precision`, `compare` and `sweep` sample, pair and report
//! progress the same way.
//!
//! - A paired study runs all its runs side by side over the same iterations
//!   ([`Lockstep`]), keeping joint histograms, never the iterations themselves: its
//!   memory does not grow with `-n`.
//! - Otherwise the baseline runs first (in chunks with `--precision`, streaming its rows
//!   with `--runs`), then each other run with its own iterations, or the baseline's
//!   final count after `--precision`, so that the runs still pair.
//! - With `--shard`, each run simulates only its shard's slice of its iterations
//!   ([`Study::range`]); the results then hold that slice, for a state file.

use std::io::IsTerminal;
use std::time::Instant;

use anyhow::Context;

use super::load::schedule_failure;
use super::study::Study;
use crate::engine::lockstep::{Lockstep, PathwayPairs};
use crate::engine::monte_carlo::{MonteCarlo, RunError, RunRow};
use crate::engine::precision::Precision;
use crate::engine::queue::{self, QueueResults};
use crate::engine::results::RunResults;
use crate::failure::Failure;

/// What a study gave.
#[derive(Debug, Clone)]
pub struct Executed {
    /// Each run's results, in the study's order.
    pub runs: Vec<RunResults>,
    /// With pairing: per run, per pathway, what pairing keeps (see [`Lockstep`]).
    pub pairs: Vec<Vec<PathwayPairs>>,
    /// With `--precision`: the rule and what it reached.
    pub precision: Option<PrecisionReached>,
    /// With an `[agency]`: each run's queue figures, in the study's order; empty
    /// without.
    pub queues: Vec<QueueResults>,
    /// Wall-clock seconds of the sampling.
    pub seconds: f64,
}

/// What `--precision` reached.
#[derive(Debug, Clone)]
pub struct PrecisionReached {
    /// The rule.
    pub rule: Precision,
    /// Whether every pathway's P80 is known within the rule's days.
    pub met: bool,
    /// The 95% half-width of each pathway's P80 of review days, in the model's order.
    pub half_widths: Vec<f64>,
}

/// Worker threads: `--threads`, else every core.
pub fn thread_count(threads: Option<usize>) -> usize {
    threads.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
}

/// A rayon pool of `threads` workers.
pub fn pool(threads: usize) -> Result<rayon::ThreadPool, Failure> {
    Ok(rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .context("cannot start the worker threads")?)
}

/// Runs `study` on the current rayon pool. `on_rows` receives the baseline's rows in
/// iteration order when the study asks for them; a progress bar shows on a terminal
/// unless `quiet`.
pub fn execute(
    study: &Study,
    quiet: bool,
    mut on_rows: impl FnMut(&[RunRow]) -> anyhow::Result<()>,
) -> Result<Executed, Failure> {
    let started = Instant::now();
    let total: u64 = (0..study.runs.len())
        .map(|k| study.range(k).end - study.range(k).start)
        .sum();
    let progress = progress_bar(total, quiet, &study.baseline().model.name);
    let fail = |(run, e): (usize, RunError<anyhow::Error>)| match e {
        RunError::Schedule(e) => schedule_failure(&study.path, &study.runs[run].applied, &e),
        RunError::Sink(e) => Failure::Other(e.context("cannot write runs.csv")),
    };
    if study.baseline().model.agency.is_some() {
        let (runs, queues) = queue_runs(study, &progress)?;
        progress.finish_and_clear();
        // A paired study pairs an agency's runs by replication (see
        // `engine::queue::compare`); the per-pathway pairs stay empty.
        let pairs = match study.paired {
            true => runs
                .iter()
                .map(|r| vec![PathwayPairs::default(); r.pathways.len()])
                .collect(),
            false => Vec::new(),
        };
        return Ok(Executed {
            runs,
            pairs,
            precision: None,
            queues,
            seconds: started.elapsed().as_secs_f64(),
        });
    }
    let (runs, pairs, precision) = if study.paired {
        let lockstep = Lockstep {
            runs: study.runs.iter().map(|r| (&r.model, r.seed)).collect(),
            paired: true,
            keep_rows: study.rows,
        };
        let runs = study.runs.len() as u64;
        let range = study.range(0);
        let r = lockstep
            .run_from(range.start, range.end - range.start, &mut on_rows, |done| {
                progress.set_position(done * runs)
            })
            .map_err(fail)?;
        (r.runs, r.pairs, None)
    } else {
        let base = study.baseline();
        let range = study.range(0);
        let mc = MonteCarlo {
            iterations: range.end - range.start,
            seed: base.seed,
            keep_rows: study.rows,
        };
        let on_progress = |done| progress.set_position(done);
        let first = match study.precision {
            None => mc
                .run_from(&base.model, range.start, &mut on_rows, on_progress)
                .map(|r| (r, None)),
            Some(rule) => rule
                .run(&mc, &base.model, &mut on_rows, on_progress)
                .map(|c| {
                    let reached = PrecisionReached {
                        rule,
                        met: c.met,
                        half_widths: c.half_widths,
                    };
                    (c.results, Some(reached))
                }),
        };
        let (first, precision) = first.map_err(|e| fail((0, e)))?;
        let mut runs = vec![first];
        let mut done = runs[0].iterations;
        for (k, run) in study.runs.iter().enumerate().skip(1) {
            let range = match precision {
                Some(_) => 0..runs[0].iterations,
                None => study.range(k),
            };
            let mc = MonteCarlo {
                iterations: range.end - range.start,
                seed: run.seed,
                keep_rows: false,
            };
            let offset = done;
            let r = mc
                .run_from(
                    &run.model,
                    range.start,
                    |_| Ok::<(), anyhow::Error>(()),
                    |d| progress.set_position(offset + d),
                )
                .map_err(|e| fail((k, e)))?;
            done += r.iterations;
            runs.push(r);
        }
        (runs, Vec::new(), precision)
    };
    progress.finish_and_clear();
    Ok(Executed {
        runs,
        pairs,
        precision,
        queues: Vec::new(),
        seconds: started.elapsed().as_secs_f64(),
    })
}

/// A study of an agency: every run's replications on the queue engine, one run after
/// the other, each drawn with its own seed (the baseline's unless a run sets one), so
/// that runs see the same applications with the same work.
fn queue_runs(
    study: &Study,
    progress: &indicatif::ProgressBar,
) -> Result<(Vec<RunResults>, Vec<QueueResults>), Failure> {
    let (mut runs, mut queues) = (Vec::new(), Vec::new());
    let mut offset = 0;
    for (k, run) in study.runs.iter().enumerate() {
        let Some(setup) = queue::Setup::new(&run.model, run.seed) else {
            return Err(Failure::BadInput(format!(
                "error: run `{}` has no [agency] while the baseline has one: an agency can only be compared with an agency\n",
                run.label
            )));
        };
        let (r, q) = setup
            .run(run.iterations, study.paired, |d| {
                progress.set_position(offset + d)
            })
            .map_err(|e| schedule_failure(&study.path, &study.runs[k].applied, &e))?;
        offset += run.iterations;
        runs.push(r);
        queues.push(q);
    }
    Ok((runs, queues))
}

fn progress_bar(iterations: u64, quiet: bool, name: &str) -> indicatif::ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(iterations);
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "{msg} [{bar:40}] {pos}/{len} iterations, {eta} left",
        )
        .expect("a valid template")
        .progress_chars("=> "),
    );
    bar.set_message(name.to_string());
    bar
}
