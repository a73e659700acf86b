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

use std::path::PathBuf;

use crate::engine::precision::Precision;
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
        }
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
