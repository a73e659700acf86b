//! The command line: clap definitions and the dispatch to each command (in
//! [`crate::commands`]), with `check`. `main` stays a one-liner; errors are printed
//! once, here, and mapped to an exit code.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Parser, Subcommand};

pub use crate::failure::{EXIT_BAD_INPUT, EXIT_FAILURE, EXIT_OK, Failure};
use crate::pipeline::load_all;
use crate::scenario::{self, Overrides};

/// What `--help` ends with: the exit codes (see [`crate::failure`]) and the environment.
const AFTER_HELP: &str = "Exit codes: 0 success; 1 failure (a file could not be written, ...); \
2 bad input (usage, an unreadable or invalid scenario).\n\
Environment: NO_COLOR turns off the colours of help and usage errors \
(regsim's own output has none).";

/// regsim: simulate regulatory-approval timelines.
#[derive(Debug, Parser)]
#[command(
    name = "regsim",
    version,
    about,
    long_about = None,
    max_term_width = 100,
    after_help = AFTER_HELP
)]
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
    /// The outputs of a run, comparison or sweep split with `--shard K/N`, from its
    /// shards' folders.
    Merge(crate::commands::merge::MergeArgs),
    /// The parameters a variant (or --set) changes: path, before, after.
    Diff(crate::commands::diff::DiffArgs),
    /// Print the JSON Schema of the scenario format.
    Schema,
    /// A calendar's days off in a year, with their names, and its business days.
    Calendar(crate::commands::calendar::CalendarArgs),
    /// A pathway's goal date and milestone dates for a filing date, with the rules applied.
    Date(crate::commands::date::DateArgs),
    /// Simulated review days against observed applications, per pathway: validation.csv,
    /// validation.png/.svg and a verdict per pathway.
    Validate(crate::commands::validate::ValidateArgs),
    /// Fit a stage's duration to observed applications (pending ones right-censored):
    /// a table of fits, fit.csv, fit.png/.svg and the best fit as a scenario line.
    Fit(crate::commands::fit::FitArgs),
    /// Print a shell completion script, e.g. `regsim completions bash >
    /// /etc/bash_completion.d/regsim`.
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), e.g. `regsim man > regsim.1; man ./regsim.1`.
    Man,
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
            None => crate::commands::explain::explain(&scenario, submitted, &set, at.lang),
        },
        Command::Compare(args) => crate::commands::compare::compare(&args),
        Command::Sweep(args) => crate::commands::sweep::sweep(&args),
        Command::Merge(args) => crate::commands::merge::merge(&args),
        Command::Diff(args) => crate::commands::diff::diff(&args),
        Command::Schema => {
            println!("{}", scenario::json_schema());
            Ok(())
        }
        Command::Calendar(args) => crate::commands::calendar::run(&args).map_err(Failure::BadInput),
        Command::Date(args) => crate::commands::date::run(&args).map_err(Failure::BadInput),
        Command::Validate(args) => crate::commands::validate::validate(&args),
        Command::Fit(args) => crate::commands::fit::fit(&args),
        Command::Completions { shell } => {
            let mut cmd = <Cli as clap::CommandFactory>::command();
            clap_complete::generate(shell, &mut cmd, "regsim", &mut std::io::stdout());
            Ok(())
        }
        Command::Man => man(),
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

/// `regsim man`: the manual page of the command line, from the same definitions as
/// `--help`.
fn man() -> Result<(), Failure> {
    let page = clap_mangen::Man::new(<Cli as clap::CommandFactory>::command());
    let mut out = Vec::new();
    page.render(&mut out)
        .map_err(|e| Failure::Other(anyhow::anyhow!("cannot render the manual page: {e}")))?;
    use std::io::Write;
    std::io::stdout()
        .write_all(&out)
        .map_err(|e| Failure::Other(anyhow::anyhow!("cannot write the manual page: {e}")))?;
    Ok(())
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
