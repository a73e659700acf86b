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

use crate::cli::Failure;
use crate::engine::monte_carlo::{MonteCarlo, RunError, RunRow};
use crate::engine::results::RunResults;
use crate::model::Model;
use crate::scenario::overrides::Override;
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
            RunError::Schedule(e) => {
                Failure::BadInput(format!("error: {e}\n  --> {}\n", path.display()))
            }
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

/// The output folder: `-o DIR`, else `output/<file name>`.
pub fn output_dir(output: &Option<PathBuf>, loaded: &LoadedScenario) -> PathBuf {
    output
        .clone()
        .unwrap_or_else(|| Path::new("output").join(&loaded.stem))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::rng::Xoshiro256pp;
    use crate::engine::schedule::{Draws, PathwayTimes, run_pathway_from};

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
}
