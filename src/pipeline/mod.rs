//! The one path every simulating command takes:
//!
//! ```text
//! load (scenario files, --set, variants, median schedules)   load.rs
//!   ─► study (the runs, their seeds and iterations)          study.rs
//!   ─► execute (the engine: one run, chunks, or runs paired) execute.rs
//!   ─► output plan (files from results and options,          outputs.rs
//!      then the report and the manifest from what was written)
//! ```
//!
//! A command builds its study and its plan; it does not drive the engine or write
//! files itself. A new kind of study (the capacity queue) is one more engine behind
//! [`execute()`], not another copy of a command.

pub mod execute;
pub mod load;
pub mod outputs;
pub mod study;

pub use execute::{Executed, execute, pool, thread_count};
pub use load::{Checked, load_all, load_runs, median_schedules, schedule_failure};
pub use outputs::{Formats, ManifestFacts, OutputPlan, finish};
pub use study::{Sampling, Study, StudyRun};

use std::path::Path;

use crate::engine::results::{PathwayResults, RunResults};
use crate::failure::Failure;
use crate::model::Model;
use crate::scenario::Overrides;

/// A scenario simulated: its model and the distributions of its baseline run.
#[derive(Debug, Clone)]
pub struct Simulation {
    /// The validated model.
    pub model: Model,
    /// The Monte Carlo results, one entry per pathway in the model's order.
    pub results: RunResults,
}

impl Simulation {
    /// The results of the pathway labelled `label` ("normal", or "product/normal"
    /// with products), if the scenario has it.
    pub fn pathway(&self, label: &str) -> Option<&PathwayResults> {
        let i = self
            .model
            .pathways
            .iter()
            .position(|p| p.label(&self.model) == label)?;
        self.results.pathways.get(i)
    }
}

/// Loads the scenario at `path`, validates it and runs its Monte Carlo through the same
/// pipeline as `regsim run` (seed and iterations: `sampling`'s, else the scenario's),
/// on every core, writing nothing. Bad input is [`Failure::BadInput`], with the
/// message `regsim check` prints.
///
/// ```
/// use std::path::Path;
/// use regsim::pipeline::{Sampling, simulate};
///
/// let sampling = Sampling { iterations: Some(20_000), seed: None };
/// let sim = simulate(Path::new("scenarios/japan/pmd-act-2022.toml"), sampling)?;
/// let normal = sim.pathway("normal").expect("the scenario has a normal route");
/// let p80 = normal.review_days.percentile(80.0).unwrap();
/// assert!(300.0 < p80 && p80 < 420.0, "P80 of normal review: {p80} days");
/// # Ok::<(), regsim::failure::Failure>(())
/// ```
pub fn simulate(path: &Path, sampling: Sampling) -> Result<Simulation, Failure> {
    sampling.check(None)?;
    let mut checked = load_all(&[path.to_path_buf()], &Overrides::default(), &[])?;
    let model = checked.swap_remove(0).scenario.model;
    let run = crate::scenario::variants::ScenarioRun::baseline(model, &[]);
    let mut study = Study::of_runs(path.to_path_buf(), vec![run], sampling);
    let pool = pool(thread_count(None))?;
    let mut executed = pool.install(|| execute(&study, true, |_| Ok(())))?;
    Ok(Simulation {
        model: study.runs.swap_remove(0).model,
        results: executed.runs.swap_remove(0),
    })
}
