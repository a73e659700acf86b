//! The agency as a queue: many applications over years competing for reviewers (an
//! `[agency]` table in the scenario). Each Monte Carlo iteration is one replication of
//! the whole horizon (the `replication` module); replications run in parallel on rayon in fixed
//! blocks merged in order, so results are byte-identical for any number of threads.
//!
//! The per-pathway results are those of a single-application run (review days now
//! include the waits for reviewers, and the metric `queue_wait_days` is kept beside
//! them), pooled over every reported application of every replication; the queue's own
//! figures (per year, per pool, the backlog over time) are in [`QueueResults`].

pub mod compare;
mod replication;
pub mod results;

use rayon::prelude::*;

use crate::engine::application::stream_key;
use crate::engine::results::{PathwayResults, RunResults};
use crate::engine::schedule::ScheduleError;
use crate::model::agency::Agency;
use crate::model::{Model, add_days};
pub use results::{PoolYear, QueueResults, Year};

/// Replications per block: a block runs on one thread and is merged in order.
const BLOCK: u64 = 4;

/// Blocks run in parallel before they are merged.
const BATCH: usize = 16;

/// The most days past the horizon that reported applications are followed: a queue
/// that has not drained ten years after its last reported arrival has more work than
/// reviewers, and what is still in review then is counted as unfinished.
pub const DRAIN_DAYS: u32 = 3653;

/// What every replication of a model shares.
pub struct Setup<'a> {
    model: &'a Model,
    agency: &'a Agency,
    seed: u64,
    /// Per pathway, the key of its streams.
    keys: Vec<u64>,
    /// Per pathway, per stage: the stages that wait for it.
    successors: Vec<Vec<Vec<u32>>>,
    /// Empty queue results, shaped.
    empty: QueueResults,
    /// The day the simulation stops following applications.
    stop_day: f64,
}

impl<'a> Setup<'a> {
    /// The set-up of `model`'s agency, drawn with `seed`. `None` without an agency.
    pub fn new(model: &'a Model, seed: u64) -> Option<Self> {
        let agency = model.agency.as_ref()?;
        let successors = model
            .pathways
            .iter()
            .map(|p| {
                let mut next = vec![Vec::new(); p.stages.len()];
                for (i, s) in p.stages.iter().enumerate() {
                    for &j in &s.after {
                        next[j].push(i as u32);
                    }
                }
                next
            })
            .collect();
        let empty = QueueResults::new(
            years(model, agency),
            sample_days(model, agency),
            model.pathways.len(),
            agency.pools.len(),
        );
        Some(Self {
            model,
            agency,
            seed,
            keys: model
                .pathways
                .iter()
                .map(|p| stream_key(model, p))
                .collect(),
            successors,
            empty,
            stop_day: (agency.horizon_days + DRAIN_DAYS) as f64,
        })
    }

    /// Runs replications `0..n`, reporting the replications done to `on_progress`;
    /// with `keep`, each replication's days too (for a paired comparison).
    pub fn run(
        &self,
        n: u64,
        keep: bool,
        on_progress: impl Fn(u64) + Sync,
    ) -> Result<(RunResults, QueueResults), ScheduleError> {
        let blocks: Vec<u64> = (0..n.div_ceil(BLOCK)).collect();
        let done = std::sync::atomic::AtomicU64::new(0);
        let mut total = self.accumulators();
        // A batch of blocks at a time, merged in block order: memory stays flat in the
        // replications, and the sums the same for any number of threads.
        for batch in blocks.chunks(BATCH) {
            let parts: Vec<_> = batch
                .par_iter()
                .map(|&b| {
                    let mut part = self.accumulators();
                    for r in b * BLOCK..((b + 1) * BLOCK).min(n) {
                        let (p, mut q) = replication::replicate(self, r)?;
                        if keep {
                            q.per_replication
                                .push(p.iter().map(sparse_metrics).collect());
                        }
                        merge(&mut part, (&p, &q));
                        let d = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
                        on_progress(d);
                    }
                    Ok(part)
                })
                .collect::<Result<Vec<_>, ScheduleError>>()?;
            for (p, q) in &parts {
                merge(&mut total, (p, q));
            }
        }
        let (pathways, queue) = total;
        Ok((
            RunResults {
                iterations: n,
                seed: self.seed,
                pathways,
            },
            queue,
        ))
    }
}

impl Setup<'_> {
    /// Empty accumulators: per pathway, and the queue's figures.
    fn accumulators(&self) -> (Vec<PathwayResults>, QueueResults) {
        let pathways = self
            .model
            .pathways
            .iter()
            .map(PathwayResults::new)
            .collect();
        (pathways, self.empty.clone())
    }
}

/// Adds a replication's (or a block's) results to `into`.
fn merge(
    into: &mut (Vec<PathwayResults>, QueueResults),
    (p, q): (&[PathwayResults], &QueueResults),
) {
    for (a, b) in into.0.iter_mut().zip(p) {
        a.merge(b);
    }
    into.1.merge(q);
}

/// One replication's days of each metric of [`compare::METRICS`] for one pathway, as
/// (day, count).
fn sparse_metrics(p: &PathwayResults) -> [compare::Sparse; 5] {
    compare::METRICS.map(|m| {
        let h = p.metric(m);
        let top = h.max().unwrap_or(0);
        (0..=top)
            .map(|d| (d, h.count_of(d)))
            .filter(|&(_, c)| c > 0)
            .collect()
    })
}

/// The years reported: the fiscal years (or calendar years) from the warm-up's end to
/// the horizon's end, the first and last cut there.
fn years(model: &Model, agency: &Agency) -> Vec<Year> {
    let mut years = Vec::new();
    let mut day = agency.warm_up_days;
    while day < agency.horizon_days {
        let Ok(date) = add_days(model.submitted, day as i64) else {
            break;
        };
        let (year, last) = match model.fiscal_year {
            Some(fy) => {
                let y = fy.of(date);
                (y, fy.range(y).map(|(_, last)| last))
            }
            None => {
                use chrono::Datelike;
                (
                    date.year(),
                    chrono::NaiveDate::from_ymd_opt(date.year(), 12, 31),
                )
            }
        };
        let Some(last) = last else {
            break;
        };
        let last_day = ((last - model.submitted).num_days() as u32).min(agency.horizon_days - 1);
        years.push(Year {
            year,
            first_day: day,
            last_day,
        });
        day = last_day + 1;
    }
    years
}

/// The backlog's sample days: the warm-up's end, the first of every month after it, and
/// the horizon's end.
fn sample_days(model: &Model, agency: &Agency) -> Vec<u32> {
    use chrono::Datelike;
    let mut days = vec![agency.warm_up_days];
    let mut day = agency.warm_up_days + 1;
    while day < agency.horizon_days {
        if add_days(model.submitted, day as i64).is_ok_and(|d| d.day() == 1) {
            days.push(day);
        }
        day += 1;
    }
    days.push(agency.horizon_days);
    days
}
