//! The command line of `regsim run`: its arguments and the output formats.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::ValueEnum;

#[derive(Debug, clap::Args)]
pub struct RunArgs {
    /// Scenario files (TOML).
    #[arg(required = true)]
    pub(super) scenarios: Vec<PathBuf>,
    // The help text is an attribute, not a doc comment: rustdoc would read its
    // `<scenario file name>` as an HTML tag.
    #[arg(
        short,
        long,
        value_name = "DIR",
        help = "Output folder [default: output/<scenario file name>]; with several scenarios, each gets a sub-folder named after its file"
    )]
    pub(super) output: Option<PathBuf>,
    /// Monte Carlo iterations [default: the scenario's].
    #[arg(short = 'n', long, value_name = "N")]
    pub(super) iterations: Option<u64>,
    /// Random seed [default: the scenario's].
    #[arg(long, value_name = "N")]
    pub(super) seed: Option<u64>,
    /// Submission date instead of the scenario's, e.g. 2025-01-15.
    #[arg(long, value_name = "DATE")]
    pub(super) submitted: Option<NaiveDate>,
    /// Which outputs to write; manifest.json is always written.
    #[arg(long, value_delimiter = ',', default_value = "csv,png,svg")]
    pub(super) format: Vec<Format>,
    /// Also write runs.csv: one row per iteration and pathway.
    #[arg(long)]
    pub(super) runs: bool,
    /// Also run the sensitivity analysis: sensitivity.csv and the tornado chart (two
    /// more runs of a pathway per uncertain stage; always done for the html report).
    #[arg(long)]
    pub(super) sensitivity: bool,
    /// Keep sampling, in chunks of the run's iterations, until P80 of review days is
    /// known within ±DAYS (95% confidence) on every pathway, or --max-iterations.
    #[arg(long, value_name = "DAYS")]
    pub(super) precision: Option<f64>,
    /// The most iterations --precision may run.
    #[arg(
        long,
        value_name = "N",
        default_value_t = 10_000_000,
        requires = "precision"
    )]
    pub(super) max_iterations: u64,
    /// Worker threads [default: all cores]. Results do not depend on it.
    #[arg(long, value_name = "N")]
    pub(super) threads: Option<usize>,
    /// Print only errors.
    #[arg(short, long)]
    pub(super) quiet: bool,
    /// Override a field: PATH=VALUE, PATH=*FACTOR or PATH=+DAYS (repeatable), e.g.
    /// normal.team-review.duration=*0.8.
    #[arg(long = "set", value_name = "PATH=VALUE")]
    pub(super) set: Vec<String>,
    /// Also run this variant of the scenario (repeatable); summary.csv and stages.csv
    /// get its rows, labelled in the `variant` column.
    #[arg(long = "variant", value_name = "ID")]
    pub(super) variant: Vec<String>,
    /// Run only the K-th of N slices of the iterations (K from 1) and write state.json
    /// for `regsim merge`, which writes the outputs of the whole run (--format is then
    /// merge's); for a batch system's array job (docs/scale-out.md).
    #[arg(long, value_name = "K/N")]
    pub(super) shard: Option<String>,
    /// Language of the text for people: charts, terminal tables, report.html (CSV
    /// headers stay English; titles come from the file's title_ja fields).
    #[arg(long, value_enum, default_value = "en")]
    pub(super) lang: crate::lang::Lang,
    /// Print the summary (summary.csv's rows) as JSON on stdout instead of the terminal
    /// summary, a line per scenario, for scripts (implies csv).
    #[arg(long)]
    pub(super) json: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    /// summary.csv and stages.csv (and runs.csv with --runs, sensitivity.csv with
    /// --sensitivity)
    Csv,
    /// distribution.png and timeline.png (and tornado.png with --sensitivity)
    Png,
    /// distribution.svg and timeline.svg (and tornado.svg with --sensitivity)
    Svg,
    /// report.html, one self-contained page (implies svg and the sensitivity analysis)
    Html,
    /// summary.xlsx: every table as a sheet, and the manifest (implies csv)
    Xlsx,
}
