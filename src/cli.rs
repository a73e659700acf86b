//! The command line: clap definitions and the dispatch to each command (in
//! [`crate::commands`]), with `check` and the loading every command shares. `main`
//! stays a one-liner; errors are printed once, here, and mapped to an exit code.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Parser, Subcommand};

use crate::engine::application::median_application;
use crate::engine::schedule::PathwayTimes;
use crate::model::Model;
use crate::scenario::{self, LoadedScenario, Overrides};

/// Exit code for success.
pub const EXIT_OK: i32 = 0;
/// Exit code for any failure that is not bad input.
pub const EXIT_FAILURE: i32 = 1;
/// Exit code for bad input: usage, an unreadable or invalid scenario.
pub const EXIT_BAD_INPUT: i32 = 2;

/// regsim: simulate regulatory-approval timelines.
#[derive(Debug, Parser)]
#[command(name = "regsim", version, about, long_about = None, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Monte Carlo run: summary.csv, stages.csv, charts and manifest.json per scenario.
    Run(crate::commands::run::RunArgs),
    /// Validate scenario files only; print every problem with its file, line and column.
    Check {
        /// Scenario files (TOML).
        #[arg(required = true)]
        scenarios: Vec<PathBuf>,
        /// Override a field: PATH=VALUE, PATH=*FACTOR or PATH=+DAYS (repeatable).
        #[arg(long = "set", value_name = "PATH=VALUE")]
        set: Vec<String>,
    },
    /// The deterministic schedule: each stage's dates at its median, the critical path;
    /// with --at p80, the simulated application at that percentile, stage by stage.
    Explain {
        /// Scenario file (TOML).
        scenario: PathBuf,
        /// Submission date instead of the scenario's, e.g. 2025-01-15.
        #[arg(long, value_name = "DATE")]
        submitted: Option<NaiveDate>,
        /// Override a field: PATH=VALUE, PATH=*FACTOR or PATH=+DAYS (repeatable).
        #[arg(long = "set", value_name = "PATH=VALUE")]
        set: Vec<String>,
        #[command(flatten)]
        at: crate::commands::explain::ExplainAt,
    },
    /// Paired comparison of variants (or of files) with the baseline: compare.csv and
    /// compare.png/.svg.
    Compare(crate::commands::compare::CompareArgs),
    /// One run per value of a knob: sweep.csv and sweep.png/.svg.
    Sweep(crate::commands::sweep::SweepArgs),
    /// The parameters a variant (or --set) changes: path, before, after.
    Diff(crate::commands::diff::DiffArgs),
    /// Print the JSON Schema of the scenario format.
    Schema,
    /// A calendar's days off in a year, with their names, and its business days.
    Calendar(crate::commands::calendar::CalendarArgs),
    /// A pathway's goal date and milestone dates for a filing date, with the rules applied.
    Date(crate::commands::date::DateArgs),
}

/// A failure, sorted by exit code.
pub enum Failure {
    /// Bad input; the text is already formatted.
    BadInput(String),
    /// Anything else.
    Other(anyhow::Error),
}

impl From<anyhow::Error> for Failure {
    fn from(e: anyhow::Error) -> Self {
        Failure::Other(e)
    }
}

/// Parses the command line, runs the command, prints any error; returns the exit code.
pub fn main() -> i32 {
    main_from(std::env::args_os())
}

/// [`main`] on these arguments (the first is the program's name): the library's entry
/// point, for running regsim in-process (the fuzz harness in examples/fuzz).
pub fn main_from<I, T>(args: I) -> i32
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                EXIT_BAD_INPUT
            } else {
                EXIT_OK
            };
        }
    };
    let result = match cli.command {
        Command::Run(args) => crate::commands::run::run(&args),
        Command::Check { scenarios, set } => check(&scenarios, &set),
        Command::Explain {
            scenario,
            submitted,
            set,
            at,
        } => match at.at {
            Some(p) => crate::commands::explain::explain_at(&scenario, submitted, &set, p, &at),
            None => crate::commands::explain::explain(&scenario, submitted, &set),
        },
        Command::Compare(args) => crate::commands::compare::compare(&args),
        Command::Sweep(args) => crate::commands::sweep::sweep(&args),
        Command::Diff(args) => crate::commands::diff::diff(&args),
        Command::Schema => {
            println!("{}", scenario::json_schema());
            Ok(())
        }
        Command::Calendar(args) => crate::commands::calendar::run(&args).map_err(Failure::BadInput),
        Command::Date(args) => crate::commands::date::run(&args).map_err(Failure::BadInput),
    };
    match result {
        Ok(()) => EXIT_OK,
        Err(Failure::BadInput(text)) => {
            eprint!("{text}");
            if !text.ends_with('\n') {
                eprintln!();
            }
            EXIT_BAD_INPUT
        }
        Err(Failure::Other(e)) => {
            eprintln!("error: {e:#}");
            EXIT_FAILURE
        }
    }
}

/// A scenario that loaded, with its median schedule: computing the schedule is the
/// last check, since a gate can run out of dates.
pub(crate) struct Checked {
    pub(crate) scenario: LoadedScenario,
    pub(crate) schedules: Vec<PathwayTimes>,
}

/// Loads every file, with the `--set` overrides applied, reporting the problems of all
/// of them before giving up.
pub(crate) fn load_all(
    paths: &[PathBuf],
    overrides: &Overrides,
    set: &[String],
) -> Result<Vec<Checked>, Failure> {
    let set = crate::scenario::variants::parse_set(set).map_err(Failure::BadInput)?;
    let mut loaded = Vec::new();
    let mut errors = String::new();
    for path in paths {
        let with_set = scenario::load(path, overrides).and_then(|mut s| {
            if !set.is_empty() {
                let runs = crate::scenario::variants::runs(path, &s, &set, &[], overrides)?;
                s.model = runs.into_iter().next().expect("the baseline").model;
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
                    let origins: Vec<_> = set
                        .iter()
                        .map(|o| (o, crate::scenario::variants::Origin::CommandLine))
                        .collect();
                    let d = scenario::locate::schedule_diagnostic(&scenario.text, &e, &origins);
                    let shown =
                        crate::diagnostic::FileDiagnostics::new(path, &scenario.text, vec![d]);
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
pub fn median_schedules(
    model: &Model,
) -> Result<Vec<PathwayTimes>, crate::engine::schedule::ScheduleError> {
    model
        .pathways
        .iter()
        .map(|p| {
            let mut t = PathwayTimes::default();
            median_application(model, p, 0, &mut t).map(|_| t)
        })
        .collect()
}

fn check(paths: &[PathBuf], set: &[String]) -> Result<(), Failure> {
    let loaded = load_all(paths, &Overrides::default(), set)?;
    for (path, checked) in paths.iter().zip(&loaded) {
        let model = &checked.scenario.model;
        let summary = if model.products.is_empty() {
            let stages: usize = model.pathways.iter().map(|p| p.stages.len()).sum();
            format!(
                "{}, {}, {}",
                count(model.pathways.len(), "pathway"),
                count(stages, "stage"),
                count(model.gates.len(), "gate")
            )
        } else {
            // A decision per product and pathway of the file; a pathway is simulated once
            // per product eligible for it.
            format!(
                "{}, {}, {} on {}",
                count(model.decisions.len() / model.products.len(), "pathway"),
                count(model.gates.len(), "gate"),
                count(model.products.len(), "product"),
                count(model.pathways.len(), "eligible pathway")
            )
        };
        let variants = &checked.scenario.variants;
        let summary = match variants.len() {
            0 => summary,
            n => format!("{summary}, {}", count(n, "variant")),
        };
        println!("ok: {} ({summary})", path.display());
    }
    Ok(())
}

/// "1 gate", "2 gates".
fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}
