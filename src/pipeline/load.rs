//! Loading: every scenario file read, validated, with `--set` and the variants applied,
//! and its median schedule computed (the last check, since a gate can run out of
//! dates). The problems of every file are reported together, before any work starts.

use std::path::{Path, PathBuf};

use crate::diagnostic::FileDiagnostics;
use crate::engine::application::median_application;
use crate::engine::schedule::{PathwayTimes, ScheduleError};
use crate::failure::Failure;
use crate::model::Model;
use crate::scenario::locate;
use crate::scenario::overrides::Override;
use crate::scenario::variants::{self, Origin, ScenarioRun};
use crate::scenario::{self, LoadedScenario, Overrides};

/// A scenario that loaded, with its median schedule.
pub struct Checked {
    /// The file as loaded (with `--set` applied to its model).
    pub scenario: LoadedScenario,
    /// The median schedule of every pathway, in the model's order.
    pub schedules: Vec<PathwayTimes>,
}

/// The message of a schedule that the scenario cannot give (a gate that runs out of
/// dates, a stage past the horizon), at the value to blame in the file at `path`, or at
/// the override in `applied` that changed it.
pub fn schedule_failure(path: &Path, applied: &[(Override, Origin)], e: &ScheduleError) -> Failure {
    Failure::BadInput(locate::render_applied(path, e, applied))
}

/// Loads every file, with the `--set` overrides applied, reporting the problems of all
/// of them before giving up.
pub fn load_all(
    paths: &[PathBuf],
    overrides: &Overrides,
    set: &[String],
) -> Result<Vec<Checked>, Failure> {
    let set = variants::parse_set(set).map_err(Failure::BadInput)?;
    let mut loaded = Vec::new();
    let mut errors = String::new();
    for path in paths {
        let with_set = scenario::load(path, overrides).and_then(|mut s| {
            if !set.is_empty() {
                let mut runs = variants::runs(path, &s, &set, &[], overrides)?;
                s.model = runs.swap_remove(0).model;
            }
            Ok(s)
        });
        match with_set {
            Ok(scenario) => match median_schedules(&scenario.model) {
                Ok(schedules) => loaded.push(Checked {
                    scenario,
                    schedules,
                }),
                Err(e) => {
                    if !errors.is_empty() {
                        errors.push('\n');
                    }
                    // Here the `--set` list is known: an error its override caused
                    // points at the argument.
                    let origins: Vec<_> = set.iter().map(|o| (o, Origin::CommandLine)).collect();
                    let d = locate::schedule_diagnostic(&scenario.text, &e, &origins);
                    let shown = FileDiagnostics::new(path, &scenario.text, vec![d]);
                    errors.push_str(&shown.to_string());
                }
            },
            Err(d) => {
                if !errors.is_empty() {
                    errors.push('\n');
                }
                errors.push_str(&d.to_string());
            }
        }
    }
    if errors.is_empty() {
        Ok(loaded)
    } else {
        Err(Failure::BadInput(errors))
    }
}

/// The deterministic schedule of every pathway.
pub fn median_schedules(model: &Model) -> Result<Vec<PathwayTimes>, ScheduleError> {
    model
        .pathways
        .iter()
        .map(|p| {
            let mut t = PathwayTimes::default();
            median_application(model, p, 0, &mut t).map(|_| t)
        })
        .collect()
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
