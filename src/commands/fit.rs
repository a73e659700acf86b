//! `regsim fit DATA.csv`: fits a stage's duration to dated observed applications
//! (docs/observed-data.md), pending ones right-censored at the cut-off, and prints the
//! best fit as a line that pastes into a scenario.
//!
//! Without `--pathway`, every pathway of the file is fitted on its own: pooling routes
//! (standard and priority reviews) gives a mixture that no single family fits.
//!
//! fit reads no scenario, so it skips the pipeline's load, study and execute steps: there
//! is no model to build, nothing to simulate, no seed. It joins the pipeline where the
//! outputs are written: fit.csv and fit.png/.svg go through the same [`OutputPlan`] and
//! [`OutputFolder`] (staged, renamed into place together, stale files removed), and the
//! manifest lists the data file under `observed` with its SHA-256 and the options
//! under `overrides` (`clock=total`, `as-of=2022-11-01`, ...); seed and iterations are
//! 0 and `submitted` empty: nothing is drawn.

use std::path::{Path, PathBuf};
use std::time::Instant;

use chrono::NaiveDate;

use super::whatif::Output;
use crate::export::chart::fit::{FitChart, render_fit};
use crate::export::files::OutputFolder;
use crate::export::fit::{FitSource, fit_csv, table};
use crate::failure::Failure;
use crate::observed::{Clock, Duration, MAX_DAYS, Observed};
use crate::pipeline::{self, Formats, ManifestFacts, OutputPlan};
use crate::stats::fit::{Family, FittedPathway, Sample};

/// Arguments of `regsim fit`.
#[derive(Debug, clap::Args)]
pub struct FitArgs {
    /// Observed applications, one row per application (docs/observed-data.md).
    pub data: PathBuf,
    /// Fit this pathway's rows only [default: each pathway of the file on its own].
    #[arg(long, value_name = "ID")]
    pub pathway: Option<String>,
    /// The data's cut-off: applications not approved by then are pending
    /// (right-censored) [default: the latest date in the file].
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<NaiveDate>,
    /// Which span to fit: total (submission or clock_start to approval), or the
    /// regulator_days or applicant_days column.
    #[arg(long, value_enum, default_value = "total")]
    pub clock: Clock,
    /// A family to fit (repeatable) [default: all five].
    #[arg(long = "distribution", value_enum, value_name = "KIND")]
    pub distributions: Vec<Family>,
    // The help text is an attribute: rustdoc would read `<data file name>` as a tag.
    #[arg(
        short,
        long,
        value_name = "DIR",
        help = "Output folder [default: output/<data file name>/fit]"
    )]
    pub output: Option<PathBuf>,
    /// Which outputs to write (manifest.json is always written).
    #[arg(long, value_delimiter = ',', default_value = "csv,png,svg")]
    pub format: Vec<Output>,
    /// Print only errors.
    #[arg(short, long)]
    pub quiet: bool,
}

/// Runs `regsim fit`.
pub fn fit(args: &FitArgs) -> Result<(), Failure> {
    let started = Instant::now();
    let bytes = std::fs::read(&args.data)
        .map_err(|e| Failure::BadInput(format!("cannot read {}: {e}", args.data.display())))?;
    let shown = args.data.display().to_string();
    let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    if text.iter().all(u8::is_ascii_whitespace) {
        return Err(Failure::BadInput(format!(
            "{shown}: the file is empty: an observed-data file has a header row (id,pathway,submitted,approved) and one row per application (docs/observed-data.md)"
        )));
    }
    if let Some(d) = args.as_of.filter(|d| !plausible(*d)) {
        return Err(Failure::BadInput(format!(
            "error: --as-of {d} is outside {FIRST_YEAR} to {LAST_YEAR}: check the date"
        )));
    }
    let observed = Observed::parse(&args.data, &bytes, args.as_of)?;
    check_dates(&observed)?;
    let pathways: Vec<String> = match &args.pathway {
        Some(p) if observed.pathways().contains(&p.as_str()) => vec![p.clone()],
        Some(p) => {
            return Err(Failure::BadInput(format!(
                "error: --pathway `{p}`: {shown} has no row of that pathway submitted by the cut-off {}\n  = help: its pathways are {}\n",
                observed.as_of,
                observed
                    .pathways()
                    .iter()
                    .map(|p| format!("`{p}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )));
        }
        None => observed.pathways().iter().map(|p| p.to_string()).collect(),
    };
    let families = if args.distributions.is_empty() {
        Family::ALL.to_vec()
    } else {
        args.distributions.clone()
    };
    let fitted = pathways
        .iter()
        .map(|p| {
            let durations = checked_durations(&observed, p, args.clock)?;
            Ok(FittedPathway::new(p, Sample::new(&durations), &families))
        })
        .collect::<Result<Vec<_>, Failure>>()?;
    if fitted.iter().all(|p| p.fits.is_empty()) {
        return Err(Failure::BadInput(format!(
            "error: {shown}: nothing could be fitted\n{}",
            fitted.iter().map(refusals).collect::<String>()
        )));
    }
    let source = FitSource {
        file: shown.clone(),
        clock: args.clock,
        as_of: observed.as_of,
    };
    let dir = args.output.clone().unwrap_or_else(|| {
        let stem = args.data.file_stem().unwrap_or_default();
        Path::new("output").join(stem).join("fit")
    });
    let out = OutputFolder::open(&dir)?;
    let formats = Formats {
        csv: args.format.contains(&Output::Csv),
        png: args.format.contains(&Output::Png),
        svg: args.format.contains(&Output::Svg),
        html: false,
    };
    let mut plan = OutputPlan::new();
    if formats.csv {
        plan.bytes("fit.csv", fit_csv(&source, &fitted)?);
    }
    let chart = chart(&source, &fitted, &args.data);
    plan.chart("fit", &formats, move |f, p| render_fit(&chart, f, p));
    let load_seconds = started.elapsed().as_secs_f64();
    let export_started = Instant::now();
    let facts = || ManifestFacts {
        observed: vec![(shown.clone(), observed.sha256.clone())],
        overrides: fit_options(args, observed.as_of),
        threads: 1,
        timings: crate::export::manifest::Timings {
            load_seconds,
            export_seconds: export_started.elapsed().as_secs_f64(),
            ..Default::default()
        },
        ..Default::default()
    };
    let dir = pipeline::finish(out, plan, facts, None)?;
    if !args.quiet {
        for p in &fitted {
            print!("{}", table(&source, p));
        }
        println!("outputs in {}", dir.display());
    }
    Ok(())
}

/// The durations of `pathway`'s rows on `clock`, each at most [`MAX_DAYS`]: a longer one
/// is a wrong date, refused with its line.
fn checked_durations(
    observed: &Observed,
    pathway: &str,
    clock: Clock,
) -> Result<Vec<Duration>, Failure> {
    let durations = observed.durations(Some(pathway), clock)?;
    for (row, d) in observed.of(Some(pathway)).zip(&durations) {
        if d.days > MAX_DAYS {
            return Err(Failure::BadInput(format!(
                "{}:{}: row `{}` has {} days on the {} clock, more than 100 years: check its dates",
                observed.path.display(),
                row.line,
                row.id,
                d.days,
                clock.name()
            )));
        }
    }
    Ok(durations)
}

/// A pathway's refused families, one line each, or one line when they share a reason.
fn refusals(p: &FittedPathway) -> String {
    let first = p.refused.first().map(|(_, why)| why);
    if let Some(why) = first
        && p.refused.iter().all(|(_, w)| w == why)
    {
        return format!("  pathway {}: {why}\n", p.pathway);
    }
    p.refused
        .iter()
        .map(|(f, why)| format!("  pathway {}, {}: {why}\n", p.pathway, f.name()))
        .collect()
}

/// The years a date may fall in: a date outside them is a typing error (a year of five
/// digits parses, and would make a review thousands of years long).
const FIRST_YEAR: i32 = 1900;
const LAST_YEAR: i32 = 2100;

fn plausible(d: NaiveDate) -> bool {
    (FIRST_YEAR..=LAST_YEAR).contains(&chrono::Datelike::year(&d))
}

/// Every date of every row inside [`FIRST_YEAR`] to [`LAST_YEAR`], else the row's line.
fn check_dates(observed: &Observed) -> Result<(), Failure> {
    for r in &observed.rows {
        let dates = [
            ("submitted", Some(r.submitted)),
            ("approved", r.approved),
            ("clock_start", r.clock_start),
        ];
        for (name, d) in dates {
            if let Some(d) = d.filter(|d| !plausible(*d)) {
                return Err(Failure::BadInput(format!(
                    "{}:{}: row `{}`: `{name}` is {d}, outside {FIRST_YEAR} to {LAST_YEAR}: check the date",
                    observed.path.display(),
                    r.line,
                    r.id
                )));
            }
        }
    }
    Ok(())
}

/// The options that shaped the fit, for the manifest.
/// The cut-off is recorded whether given or taken from the file.
fn fit_options(args: &FitArgs, as_of: NaiveDate) -> Vec<String> {
    let mut v = vec![
        format!("clock={}", args.clock.name()),
        format!("as-of={as_of}"),
    ];
    if let Some(p) = &args.pathway {
        v.push(format!("pathway={p}"));
    }
    v.extend(
        args.distributions
            .iter()
            .map(|f| format!("distribution={}", f.name())),
    );
    v
}

fn chart<'a>(source: &FitSource, fitted: &'a [FittedPathway], data: &Path) -> FitChart<'a> {
    let name = data
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let hidden = fitted
        .len()
        .saturating_sub(crate::export::chart::fit::MAX_PANELS);
    let mut subtitle = format!(
        "Share approved by day: observed (Kaplan-Meier, pending censored at {}) and fitted",
        source.as_of
    );
    if hidden > 0 {
        subtitle.push_str(&format!("; {hidden} more pathways in fit.csv"));
    }
    let x_label = match source.clock {
        Clock::Total => {
            "Days from submission (or clock start) to approval; curves: cumulative % approved"
        }
        Clock::Regulator => {
            "Regulator days (the regulator_days column); curves: cumulative % approved"
        }
        Clock::Applicant => {
            "Applicant days (the applicant_days column); curves: cumulative % approved"
        }
    };
    FitChart {
        title: format!("Fitted review times: {name}"),
        subtitle,
        x_label: x_label.to_string(),
        pathways: fitted,
    }
}
