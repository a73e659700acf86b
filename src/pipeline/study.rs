//! A study: what to simulate. The baseline and the runs beside it (variants, compared
//! files, a sweep's values), each with its model, seed and iteration count, resolved
//! here once by one rule for every command:
//!
//! - the seed is `--seed`, else the run's own scenario's (a variant that sets `seed`
//!   means it); a compared file takes the baseline file's, since files are compared on
//!   common random numbers;
//! - the iterations are `-n`, else the run's own scenario's (a variant that sets
//!   `iterations` gets them under `run --variant`, in the report and in a sweep alike);
//!   a compared file takes the baseline file's. A paired study (`compare`) needs one
//!   count for all its runs, so a variant that sets another count than the baseline's is
//!   refused there with a message saying how to pair it, instead of being quietly run
//!   with the baseline's.
//! - with `--shard K/N`, each run simulates the K-th of N consecutive slices of its
//!   iterations ([`Shard::range`]); every iteration's streams depend on its index alone,
//!   so the slices' results merge into exactly those of the whole run.

use std::path::PathBuf;

use crate::engine::precision::Precision;
use crate::engine::results::RunResults;
use crate::failure::Failure;
use crate::model::Model;
use crate::scenario::overrides::Override;
use crate::scenario::validate::MAX_ITERATIONS;
use crate::scenario::variants::{Origin, ScenarioRun};

/// `-n` and `--seed` as given on the command line.
#[derive(Debug, Clone, Copy, Default)]
pub struct Sampling {
    /// `-n`.
    pub iterations: Option<u64>,
    /// `--seed`.
    pub seed: Option<u64>,
}

impl Sampling {
    /// Checks `-n` (and `--threads`) as every command does.
    pub fn check(&self, threads: Option<usize>) -> Result<(), Failure> {
        if let Some(n) = self.iterations.filter(|&n| n == 0 || n > MAX_ITERATIONS) {
            return Err(Failure::BadInput(format!(
                "error: --iterations must be between 1 and {MAX_ITERATIONS}, not {n}\n"
            )));
        }
        if threads == Some(0) {
            return Err(Failure::BadInput(
                "error: --threads must be at least 1\n".into(),
            ));
        }
        Ok(())
    }
}

/// `--shard K/N`: the K-th (1-based, as Slurm array indices and GNU parallel's `{#}`
/// count) of N slices of every run's iterations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    /// K, from 1.
    pub index: u64,
    /// N.
    pub count: u64,
}

/// The most shards a run may be cut into.
pub const MAX_SHARDS: u64 = 1_000_000;

impl Shard {
    /// Parses `K/N`.
    pub fn parse(text: &str) -> Result<Shard, Failure> {
        let bad = |why: &str| {
            Failure::BadInput(format!(
                "error: --shard `{text}`: {why}\n  = help: write K/N with 1 <= K <= N <= {MAX_SHARDS}, e.g. --shard 3/8 for the third of eight shards\n"
            ))
        };
        let (k, n) = text.split_once('/').ok_or_else(|| bad("expected K/N"))?;
        let parse = |v: &str| v.trim().parse::<u64>().ok();
        let (Some(index), Some(count)) = (parse(k), parse(n)) else {
            return Err(bad("K and N must be whole numbers"));
        };
        if count == 0 || count > MAX_SHARDS {
            return Err(bad("N is out of range"));
        }
        if index == 0 || index > count {
            return Err(bad("K must be between 1 and N"));
        }
        Ok(Shard { index, count })
    }

    /// The iterations of this shard of a run of `total`: consecutive slices whose sizes
    /// differ by at most one, together covering `0..total` once.
    pub fn range(&self, total: u64) -> std::ops::Range<u64> {
        let at = |k: u64| (k as u128 * total as u128 / self.count as u128) as u64;
        at(self.index - 1)..at(self.index)
    }
}

/// One run of a study.
#[derive(Debug, Clone)]
pub struct StudyRun {
    /// What the run is called in the outputs: a variant's id, a compared file's name, a
    /// sweep's value; empty for the baseline.
    pub label: String,
    /// The variant's title, or "baseline".
    pub title: String,
    /// Every override applied, in order, as written.
    pub overrides: Vec<String>,
    /// The same, with where each comes from (for errors that point at one).
    pub applied: Vec<(Override, Origin)>,
    /// The model simulated.
    pub model: Model,
    /// The seed its streams derive from.
    pub seed: u64,
    /// Its iterations (with `--precision`, the first chunk's).
    pub iterations: u64,
}

/// What to simulate, baseline first.
#[derive(Debug, Clone)]
pub struct Study {
    /// The scenario file the baseline comes from (for messages and the manifest).
    pub path: PathBuf,
    /// The runs; the first is the baseline.
    pub runs: Vec<StudyRun>,
    /// Pair every run with the baseline iteration by iteration (`compare`).
    pub paired: bool,
    /// Stream the baseline's per-iteration rows (runs.csv).
    pub rows: bool,
    /// Sample the baseline in chunks until its P80s are this precise; the other runs
    /// then take its final count.
    pub precision: Option<Precision>,
    /// With `--shard`: the slice of every run's iterations to simulate.
    pub shard: Option<Shard>,
}

impl Study {
    /// A study of a scenario's runs (the baseline and its variants, as built by
    /// [`crate::scenario::variants::runs`]), each with its seed and iterations by the
    /// rule of this module.
    pub fn of_runs(path: PathBuf, runs: Vec<ScenarioRun>, sampling: Sampling) -> Study {
        let runs = runs
            .into_iter()
            .map(|r| StudyRun {
                seed: sampling.seed.unwrap_or(r.model.seed),
                iterations: sampling.iterations.unwrap_or(r.model.iterations),
                label: r.variant,
                title: r.title,
                overrides: r.overrides,
                applied: r.applied,
                model: r.model,
            })
            .collect();
        Study {
            path,
            runs,
            paired: false,
            rows: false,
            precision: None,
            shard: None,
        }
    }

    /// The iterations run `k` simulates: all of them, or its shard's slice.
    pub fn range(&self, k: usize) -> std::ops::Range<u64> {
        let total = self.runs[k].iterations;
        self.shard.map_or(0..total, |s| s.range(total))
    }

    /// Whether merged `results` have this study's shape: a result per run, each with the
    /// run's seed, iterations, pathways and stages (what `regsim merge` checks before
    /// it writes shards' results through the study's output plan).
    pub fn is_shape_of(&self, results: &[RunResults]) -> bool {
        self.runs.len() == results.len()
            && self.runs.iter().zip(results).all(|(s, r)| {
                s.seed == r.seed
                    && s.iterations == r.iterations
                    && s.model.pathways.len() == r.pathways.len()
                    && s.model
                        .pathways
                        .iter()
                        .zip(&r.pathways)
                        .all(|(p, q)| p.stages.len() == q.stages.len())
            })
    }

    /// The baseline.
    pub fn baseline(&self) -> &StudyRun {
        &self.runs[0]
    }

    /// Gives every run the baseline's seed and iterations (compared files).
    pub fn align_to_baseline(mut self) -> Study {
        let (seed, iterations) = (self.runs[0].seed, self.runs[0].iterations);
        for r in &mut self.runs {
            r.seed = seed;
            r.iterations = iterations;
        }
        self
    }

    /// Pairs every run with the baseline; each must run as many iterations.
    pub fn paired(mut self) -> Result<Study, Failure> {
        let n = self.runs[0].iterations;
        if let Some(r) = self.runs.iter().find(|r| r.iterations != n) {
            return Err(Failure::BadInput(format!(
                "error: variant `{}` runs {} iterations and the baseline {n}; a comparison pairs every iteration of a variant with the baseline's, so both need the same count\n  = help: give -n to run every variant for the same count, or remove `iterations` from the variant\n",
                r.label, r.iterations
            )));
        }
        self.paired = true;
        Ok(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_cover_every_iteration_once_in_order() {
        for total in [0u64, 1, 7, 100, 1_000_003] {
            for count in [1u64, 2, 3, 8, 13] {
                let mut next = 0;
                for index in 1..=count {
                    let r = Shard { index, count }.range(total);
                    assert_eq!(r.start, next, "{index}/{count} of {total}");
                    assert!(r.end - r.start <= total.div_ceil(count));
                    next = r.end;
                }
                assert_eq!(next, total);
            }
        }
    }

    #[test]
    fn shard_parses_k_of_n_and_refuses_the_rest() {
        assert_eq!(Shard::parse("3/8").ok(), Some(Shard { index: 3, count: 8 }));
        for bad in [
            "",
            "3",
            "0/4",
            "5/4",
            "1/0",
            "a/b",
            "1/2/3",
            "-1/4",
            "1/9999999",
        ] {
            let Err(Failure::BadInput(m)) = Shard::parse(bad) else {
                panic!("{bad} accepted");
            };
            assert!(m.contains("--shard"), "{m}");
        }
    }
}
