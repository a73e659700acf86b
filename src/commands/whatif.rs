//! The runs of a scenario: its baseline and variants, each simulated with the same seed
//! so that their draws are paired (common random numbers).
//!
//! Why the draws are paired: every pathway draws from its own stream per iteration,
//! keyed by (seed, pathway id, iteration) (see [`crate::engine::application`]), and
//! stages draw from it in order, by inverse distribution functions (monotone in the
//! uniform number) or, for gamma and PERT, by rejection whose number of draws depends on
//! the shape only. So a variant that scales or shifts durations (`*F`, `+D`), or changes
//! targets, gates, calendars or titles, draws the same random numbers as the baseline in
//! every iteration, stage by stage. A variant that changes a stage's probability, the
//! kind of a distribution, or a PERT/gamma shape changes how many numbers that stage
//! consumes, and the stages after it in the pathway then draw different (equally valid,
//! no longer paired) numbers in the iterations concerned; the comparison stays unbiased,
//! only less precise. docs/what-if.md says so for analysts.

use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::ValueEnum;

use crate::cli::Failure;
use crate::engine::monte_carlo::{MonteCarlo, RunError, RunRow};
use crate::engine::results::RunResults;
use crate::model::Model;
use crate::scenario::overrides::Override;
use crate::scenario::validate::MAX_ITERATIONS;
use crate::scenario::variants::{self, ScenarioRun};
use crate::scenario::{self, LoadedScenario, Overrides};

/// One run of a scenario and its results: what the report and `compare` show.
#[derive(Debug, Clone)]
pub struct LabelledRun {
    /// The variant's id; empty for the baseline.
    pub variant: String,
    /// The variant's title, or "baseline".
    pub title: String,
    /// Every override applied, as written, in order.
    pub overrides: Vec<String>,
    /// The model simulated.
    pub model: Model,
    /// Its Monte Carlo results.
    pub results: RunResults,
}

/// Per iteration, per pathway of a model: the four metrics of summary.csv, in
/// iteration order (what paired statistics need).
#[derive(Debug, Clone, Default)]
pub struct PerIteration {
    /// `[pathway][metric][iteration]`, metrics in [`crate::engine::results::METRICS`] order.
    pub values: Vec<[Vec<u32>; 4]>,
}

/// Options shared by `compare` and `sweep`.
#[derive(Debug, clap::Args)]
pub struct RunOptions {
    /// Output folder [default: output/<scenario file name>/<command>].
    #[arg(short, long, value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// Monte Carlo iterations per run [default: the scenario's].
    #[arg(short = 'n', long, value_name = "N")]
    pub iterations: Option<u64>,
    /// Random seed [default: the scenario's].
    #[arg(long, value_name = "N")]
    pub seed: Option<u64>,
    /// Which outputs to write (manifest.json is always written).
    #[arg(long, value_delimiter = ',', default_value = "csv,png,svg")]
    pub format: Vec<Output>,
    /// Worker threads [default: all cores]. Results do not depend on it.
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
    /// Print only errors.
    #[arg(short, long)]
    pub quiet: bool,
}

impl RunOptions {
    /// Worker threads: `--threads`, else every core.
    pub fn thread_count(&self) -> usize {
        self.threads
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
    }
}

/// An output of `compare` and `sweep`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Output {
    /// The CSV table.
    Csv,
    /// The chart as PNG.
    Png,
    /// The chart as SVG.
    Svg,
}

/// Checks `-n` and `--threads` as `run` does.
pub fn check_sampling(iterations: Option<u64>, threads: Option<usize>) -> Result<(), Failure> {
    if let Some(n) = iterations.filter(|&n| n == 0 || n > MAX_ITERATIONS) {
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

/// A rayon pool of `threads` workers.
pub fn pool(threads: usize) -> Result<rayon::ThreadPool, Failure> {
    Ok(rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .context("cannot start the worker threads")?)
}

/// How many iterations and which seed: the command line's, else the run's model's.
#[derive(Debug, Clone, Copy, Default)]
pub struct Sampling {
    /// `-n`.
    pub iterations: Option<u64>,
    /// `--seed`.
    pub seed: Option<u64>,
}

impl Sampling {
    /// The Monte Carlo set-up for `model`.
    pub fn for_model(&self, model: &Model, keep_rows: bool) -> MonteCarlo {
        MonteCarlo {
            iterations: self.iterations.unwrap_or(model.iterations),
            seed: self.seed.unwrap_or(model.seed),
            keep_rows,
        }
    }
}

/// Loads a scenario and builds its runs: the baseline, then `variant_ids` in order,
/// each with `set` applied. Bad input is [`Failure::BadInput`].
pub fn load_runs(
    path: &Path,
    set: &[Override],
    variant_ids: &[String],
    overrides: &Overrides,
) -> Result<(LoadedScenario, Vec<ScenarioRun>), Failure> {
    let loaded = scenario::load(path, overrides).map_err(|d| Failure::BadInput(d.to_string()))?;
    let runs = variants::runs(path, &loaded, set, variant_ids, overrides)
        .map_err(|d| Failure::BadInput(d.to_string()))?;
    Ok((loaded, runs))
}

/// Simulates one model; with `paired`, also keeps every iteration's metrics.
pub fn simulate(
    path: &Path,
    model: &Model,
    mc: MonteCarlo,
    paired: bool,
) -> Result<(RunResults, PerIteration), Failure> {
    let mc = MonteCarlo {
        keep_rows: paired,
        ..mc
    };
    let mut per = PerIteration {
        values: model.pathways.iter().map(|_| Default::default()).collect(),
    };
    let results = mc
        .run(
            model,
            |rows: &[RunRow]| {
                for r in rows {
                    let v = &mut per.values[r.pathway];
                    v[0].push(r.review_days);
                    v[1].push(r.review_days + r.submitted_day - r.ready_day);
                    v[2].push(r.regulator_days);
                    v[3].push(r.applicant_days);
                }
                Ok::<(), ()>(())
            },
            |_| {},
        )
        .map_err(|e| match e {
            RunError::Schedule(e) => Failure::BadInput(crate::scenario::locate::render(path, &e)),
            RunError::Sink(()) => unreachable!("collecting rows cannot fail"),
        })?;
    Ok((results, per))
}

/// The baseline and each of `variant_ids` of the scenario at `path`, with `set`
/// (`PATH=VALUE` texts) applied to all, simulated with common random numbers: each
/// run's label and results. The report builds its tables from this.
pub fn run_variants(
    path: &Path,
    set: &[String],
    variant_ids: &[String],
    sampling: Sampling,
) -> Result<Vec<LabelledRun>, Failure> {
    let set = variants::parse_set(set).map_err(Failure::BadInput)?;
    let (_, runs) = load_runs(path, &set, variant_ids, &Overrides::default())?;
    runs.into_iter()
        .map(|r| {
            let mc = sampling.for_model(&r.model, false);
            let (results, _) = simulate(path, &r.model, mc, false)?;
            Ok(LabelledRun {
                variant: r.variant,
                title: r.title,
                overrides: r.overrides,
                model: r.model,
                results,
            })
        })
        .collect()
}

/// The output folder: `-o DIR`, else `output/<file name>/<command>`.
pub fn output_dir(output: &Option<PathBuf>, loaded: &LoadedScenario, command: &str) -> PathBuf {
    output
        .clone()
        .unwrap_or_else(|| Path::new("output").join(&loaded.stem).join(command))
}

/// What a what-if command's manifest.json records.
pub struct ManifestFacts<'a> {
    /// The scenario files read, with their loaded forms.
    pub scenarios: Vec<(&'a Path, &'a LoadedScenario)>,
    /// The seed and iterations of the baseline (every run's, unless a variant sets its
    /// own seed).
    pub mc: MonteCarlo,
    /// The baseline's submission date.
    pub submitted: String,
    /// Every override, as written, with the run it belongs to.
    pub overrides: Vec<String>,
    /// Worker threads.
    pub threads: usize,
    /// Seconds per phase.
    pub timings: crate::export::manifest::Timings,
    /// Files written (manifest.json is added).
    pub files: Vec<String>,
}

/// manifest.json of a what-if command, so that its figures trace back to their inputs.
/// Fields that concern other commands (a record of `--precision`, say) keep their
/// defaults, hence the struct update even where it adds nothing today.
#[allow(clippy::needless_update)]
pub fn manifest(f: ManifestFacts) -> Vec<u8> {
    use crate::export::manifest::{GENERATOR, Manifest, ScenarioRecord};
    let mut files = f.files;
    files.push("manifest.json".into());
    Manifest {
        regsim_version: env!("CARGO_PKG_VERSION").into(),
        scenarios: f
            .scenarios
            .iter()
            .map(|(p, l)| ScenarioRecord {
                path: p.display().to_string(),
                sha256: l.sha256.clone(),
            })
            .collect(),
        seed: f.mc.seed,
        iterations: f.mc.iterations,
        submitted: f.submitted,
        overrides: f.overrides,
        threads: f.threads,
        generator: GENERATOR.into(),
        timings: f.timings,
        files,
        ..Default::default()
    }
    .to_json()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::schedule::{Draws, PathwayTimes, run_pathway_from};
    use crate::random::Xoshiro256pp;

    #[test]
    fn a_scaled_stage_draws_its_baseline_draw_times_the_factor_and_the_next_the_same() {
        let path = Path::new("tests/data/good/whatif.toml");
        let set = variants::parse_set(&["two-stage.review.duration=*0.7".into()]).unwrap();
        let (_, runs) = load_runs(path, &set, &[], &Overrides::default())
            .ok()
            .unwrap();
        let base = scenario::load(path, &Overrides::default()).unwrap().model;
        let scaled = &runs[0].model;
        let (p, q) = (&base.pathways[1], &scaled.pathways[1]);
        assert_eq!(p.id, "two-stage");
        for i in 0..2000 {
            let work = |m: &Model, pw, t: &mut PathwayTimes| {
                let mut rng = Xoshiro256pp::for_iteration(1 ^ i, i);
                run_pathway_from(m, pw, 0, Draws::Random(&mut rng), t).unwrap();
                t.stages
                    .iter()
                    .map(|s| s.work_end - s.start)
                    .collect::<Vec<f64>>()
            };
            let (mut a, mut b) = (PathwayTimes::default(), PathwayTimes::default());
            let (x, y) = (work(&base, p, &mut a), work(scaled, q, &mut b));
            assert!(
                (y[0] - 0.7 * x[0]).abs() < 1e-9,
                "iteration {i}: {x:?} {y:?}"
            );
            assert!((x[1] - y[1]).abs() < 1e-9, "iteration {i}: {x:?} {y:?}");
        }
    }

    /// The limit docs/what-if.md states: a stage that may not happen draws one more
    /// number (whether it happens), so the stages after it in the pathway draw other
    /// numbers than the baseline's. Should the engine move to a stream per stage, this
    /// test fails and the documentation must change with it.
    #[test]
    fn a_new_probability_shifts_the_draws_of_the_stages_after_it_as_documented() {
        let path = Path::new("tests/data/good/whatif.toml");
        let set = variants::parse_set(&["two-stage.review.probability=0.9".into()]).unwrap();
        let (_, runs) = load_runs(path, &set, &[], &Overrides::default())
            .ok()
            .unwrap();
        let base = scenario::load(path, &Overrides::default()).unwrap().model;
        let changed = &runs[0].model;
        let mut differ = 0;
        for i in 0..500 {
            let answers = |m: &Model| {
                let mut rng = Xoshiro256pp::for_iteration(7, i);
                let mut t = PathwayTimes::default();
                run_pathway_from(m, &m.pathways[1], 0, Draws::Random(&mut rng), &mut t).unwrap();
                t.stages[1].work_end - t.stages[1].start
            };
            differ += ((answers(&base) - answers(changed)).abs() > 1e-9) as u32;
        }
        assert!(differ > 400, "{differ} of 500 iterations differ");
    }
}
