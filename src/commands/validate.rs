//! `regsim validate SCENARIO --observed DATA.csv`: the scenario's simulated review days
//! held against the applications that really happened, pathway by pathway, so that an
//! analyst can say whether a route's timing is borne out by the record before quoting
//! its P80.
//!
//! It takes the one pipeline (load, a study of the baseline, the Monte Carlo engine, an
//! output plan), then, for each pathway the file has rows of, compares the simulated
//! distribution of `review_days` (submission to approval, the total clock) with the
//! observed durations on the same clock, pending rows right-censored at the cut-off:
//! the share inside the simulated P5 to P95, the KS distance of the Kaplan-Meier curve
//! and its bootstrap p-value ([`crate::stats::bootstrap`]: why not Kolmogorov's), the
//! observed and simulated P50 and P80, and a verdict ([`crate::stats::ks::Verdict`]).
//! Writes validation.csv and validation.png/.svg (see docs/validation.md) into
//! `output/<scenario>/validate/` unless `-o` says otherwise.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::time::Instant;

use chrono::{Datelike, NaiveDate};

use super::whatif::{RunOptions, output_dir};
use crate::engine::results::PathwayResults;
use crate::engine::stats::DayHistogram;
use crate::export::chart::validation::{ValidationChart, render_validation};
use crate::export::files::OutputFolder;
use crate::export::manifest::Timings;
use crate::export::validation::{
    Measured, PathwayValidation, percentiles_line, validation_csv, verdict_line,
};
use crate::failure::Failure;
use crate::observed::{Clock, Observed};
use crate::pipeline::{self, ManifestFacts, OutputPlan, Study, load_all};
use crate::random::Xoshiro256pp;
use crate::scenario::Overrides;
use crate::scenario::variants::{self, ScenarioRun};
use crate::stats::bootstrap::{DRAWS, Redraw, ks_test};
use crate::stats::ks::{SimulatedCdf, Verdict, inside};
use crate::stats::{KaplanMeier, pit};

/// Arguments of `regsim validate`.
#[derive(Debug, clap::Args)]
pub struct ValidateArgs {
    /// Scenario file (TOML).
    pub scenario: PathBuf,
    /// Observed applications: a CSV with id, pathway, submitted, approved (empty while
    /// pending), as in data/observed/.
    #[arg(long, value_name = "DATA.csv")]
    pub observed: PathBuf,
    /// The data's cut-off [default: the latest date in the file]: rows submitted later
    /// are left out, approvals after it count as pending.
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<NaiveDate>,
    /// Override a field of the scenario: PATH=VALUE, PATH=*FACTOR or PATH=+DAYS
    /// (repeatable).
    #[arg(long = "set", value_name = "PATH=VALUE")]
    pub set: Vec<String>,
    /// Output, sampling and threads.
    #[command(flatten)]
    pub options: RunOptions,
}

/// Keys that set the bootstrap's and the PIT's streams apart from the engine's.
const BOOTSTRAP_KEY: u64 = 0x6B73_5F62_6F6F_7473;
const PIT_KEY: u64 = 0x7069_745F_6869_7374;

/// Runs `regsim validate`.
pub fn validate(args: &ValidateArgs) -> Result<(), Failure> {
    let started = Instant::now();
    let sampling = args.options.sampling();
    sampling.check(args.options.threads)?;
    let path = &args.scenario;
    let checked =
        load_all(std::slice::from_ref(path), &Overrides::default(), &args.set)?.swap_remove(0);
    let scenario = &checked.scenario;
    let model = &scenario.model;
    if model.agency.is_some() {
        return Err(Failure::BadInput(format!(
            "error: {} simulates an agency ([agency]), and validate holds single applications' review days against observed ones\n  = help: validate a scenario without [agency]; an agency's figures are in queue.csv of regsim run\n",
            path.display()
        )));
    }
    let observed = Observed::read(&args.observed, args.as_of).map_err(as_error)?;
    let labels: Vec<String> = model.pathways.iter().map(|p| p.label(model)).collect();
    for name in observed.pathways() {
        if !labels.iter().any(|l| l == name) {
            let line = observed.of(Some(name)).next().map_or(0, |r| r.line);
            return Err(Failure::BadInput(format!(
                "error: {}:{line}: pathway `{name}` is not in {}, whose pathways are {}\n  = help: name one of them in the `pathway` column, or validate against the scenario that has `{name}`\n",
                args.observed.display(),
                path.display(),
                labels.join(", ")
            )));
        }
    }
    let set = variants::parse_set(&args.set).map_err(Failure::BadInput)?;
    let run = ScenarioRun::baseline(model.clone(), &set);
    let mut study = Study::of_runs(path.clone(), vec![run], sampling);
    // Each observation's day of submission in the simulation's terms, per pathway; the
    // simulated reviews of those days are kept for the bootstrap's redraws.
    let days: Vec<Vec<Option<u32>>> = labels
        .iter()
        .map(|label| {
            observed
                .of(Some(label))
                .map(|r| submission_day(model.submitted, model.submission_window_days, r.submitted))
                .collect()
        })
        .collect();
    let wanted: Vec<HashSet<u32>> = days
        .iter()
        .map(|d| d.iter().flatten().copied().collect())
        .collect();
    study.rows = wanted.iter().any(|w| !w.is_empty());
    let mut by_day: Vec<HashMap<u32, DayHistogram>> = vec![HashMap::new(); labels.len()];
    let threads = pipeline::thread_count(args.options.threads);
    let pool = pipeline::pool(threads)?;
    let dir = output_dir(&args.options.output, scenario, "validate");
    // Open the folder before the long work, so that a bad path fails at once.
    let out = OutputFolder::open(&dir)?;
    let load_seconds = started.elapsed().as_secs_f64();
    let executed = pool.install(|| {
        pipeline::execute(&study, args.options.quiet, |rows| {
            for r in rows.iter().filter(|r| !r.withdrawn) {
                if wanted[r.pathway].contains(&r.submitted_day) {
                    let h = by_day[r.pathway].entry(r.submitted_day).or_default();
                    h.add(r.review_days);
                }
            }
            Ok(())
        })
    })?;
    let base = study.baseline();
    let results = &executed.runs[0];
    let export_started = Instant::now();
    let rows = pool.install(|| {
        labels
            .iter()
            .zip(&model.pathways)
            .zip(&results.pathways)
            .enumerate()
            .map(|(k, ((label, p), r))| {
                let measured = match observed.of(Some(label)).next() {
                    None => None,
                    Some(_) => {
                        let redraw = Redraws {
                            days: &days[k],
                            by_day: &by_day[k],
                        };
                        Some(measure(
                            &observed,
                            label,
                            r,
                            &redraw,
                            (base.seed, k as u64),
                        )?)
                    }
                };
                Ok(PathwayValidation {
                    pathway: label.clone(),
                    title: p.title.clone(),
                    measured,
                })
            })
            .collect::<Result<Vec<_>, Failure>>()
    })?;

    let formats = args.options.formats();
    let mut plan = OutputPlan::new();
    if formats.csv {
        plan.bytes("validation.csv", validation_csv(&model.name, &rows)?);
    }
    let chart = ValidationChart {
        title: model.title.clone(),
        subtitle: format!(
            "Review days, submission to approval: {} (cut-off {}) against {}, seed {}",
            args.observed.display(),
            observed.as_of,
            crate::export::chart::iterations(model.lang, results.iterations),
            base.seed
        ),
        rows: &rows,
    };
    plan.chart("validation", &formats, move |f, p| {
        render_validation(&chart, f, p)
    });
    let facts = || ManifestFacts {
        scenarios: vec![(path.display().to_string(), scenario.sha256.clone())],
        observed: vec![(args.observed.display().to_string(), observed.sha256.clone())],
        seed: base.seed,
        iterations: base.iterations,
        submitted: base.model.submitted.to_string(),
        overrides: args.set.clone(),
        threads,
        timings: Timings {
            load_seconds,
            simulate_seconds: executed.seconds,
            export_seconds: export_started.elapsed().as_secs_f64(),
            sensitivity_seconds: None,
        },
        ..Default::default()
    };
    let dir = pipeline::finish(out, plan, facts, None)?;
    if !args.options.quiet {
        print_verdicts(args, &observed, results.iterations, base.seed, &rows);
        println!("  outputs in {}", dir.display());
    }
    Ok(())
}

/// Where a pathway's observations are redrawn from: each one's day of submission in
/// the simulation ([`submission_day`]) and the simulated reviews of each such day.
struct Redraws<'a> {
    days: &'a [Option<u32>],
    by_day: &'a HashMap<u32, DayHistogram>,
}

/// The day of the simulation's submission window (days after `first`, up to `window`)
/// that an application submitted on `date` stands for: that date itself when it falls
/// in the window; else, for a window of a year or more, the same day of the year in the
/// window (the quarterly batches fall in the same months every year); else none (it is
/// redrawn from the route's whole distribution).
pub fn submission_day(first: NaiveDate, window: u32, date: NaiveDate) -> Option<u32> {
    let inside = |d: NaiveDate| {
        let k = (d - first).num_days();
        (0..=i64::from(window)).contains(&k).then_some(k as u32)
    };
    if let Some(k) = inside(date) {
        return Some(k);
    }
    if window < 364 {
        return None;
    }
    [first.year(), first.year() + 1].into_iter().find_map(|y| {
        let same = date
            .with_year(y)
            .or_else(|| NaiveDate::from_ymd_opt(y, date.month(), 28));
        same.and_then(inside)
    })
}

/// Measures one pathway's observations against its simulated review days; the
/// bootstrap and the PIT draw from streams of `(seed, index)`.
fn measure(
    observed: &Observed,
    pathway: &str,
    results: &PathwayResults,
    redraws: &Redraws,
    (seed, index): (u64, u64),
) -> Result<Measured, Failure> {
    let durations = observed
        .durations(Some(pathway), Clock::Total)
        .map_err(as_error)?;
    // Where each row would have been censored: at the cut-off, counted from its start.
    let censor_at: Vec<f64> = observed
        .of(Some(pathway))
        .map(|r| {
            let start = r.clock_start.unwrap_or(r.submitted).min(observed.as_of);
            (observed.as_of - start).num_days() as f64
        })
        .collect();
    let h = &results.review_days;
    let Some(cdf) = SimulatedCdf::new(h) else {
        return Err(Failure::BadInput(format!(
            "error: pathway `{pathway}`: no simulated application was approved (all withdrawn), so there is no review time to hold {} against\n",
            observed.path.display()
        )));
    };
    let q = |p: f64| h.percentile(p).unwrap_or(f64::NAN);
    let simulated = [q(5.0), q(50.0), q(80.0), q(95.0)];
    let stream = |key: u64| Xoshiro256pp::for_iteration(seed ^ key, index).next_u64();
    let of_day: HashMap<u32, SimulatedCdf> = redraws
        .by_day
        .iter()
        .filter_map(|(&d, h)| SimulatedCdf::new(h).map(|c| (d, c)))
        .collect();
    let redraw: Vec<Redraw> = censor_at
        .iter()
        .zip(redraws.days)
        .map(|(&censor_at, day)| Redraw {
            censor_at,
            from: day.and_then(|d| of_day.get(&d)).unwrap_or(&cdf),
        })
        .collect();
    let ks = ks_test(&durations, &redraw, &cdf, DRAWS, stream(BOOTSTRAP_KEY));
    let km = KaplanMeier::new(&durations);
    let (within, _) = inside(&durations, simulated[0], simulated[3]);
    Ok(Measured {
        n: durations.len(),
        pending: durations.iter().filter(|d| !d.approved).count(),
        inside: within,
        simulated,
        observed_p50: km.quantile(0.5),
        observed_p80: km.quantile(0.8),
        verdict: Verdict::of(ks.p_value),
        ks,
        pit: pit::randomized_pit(&durations, &cdf, stream(PIT_KEY)),
        km,
        cdf,
        iterations: h.count(),
    })
}

/// The observed file's messages, headed `error:` as every other message of regsim.
fn as_error(f: Failure) -> Failure {
    match f {
        Failure::BadInput(m) if !m.starts_with("error:") => {
            Failure::BadInput(format!("error: {}\n", m.trim_end()))
        }
        other => other,
    }
}

fn print_verdicts(
    args: &ValidateArgs,
    observed: &Observed,
    iterations: u64,
    seed: u64,
    rows: &[PathwayValidation],
) {
    println!(
        "{}: validation against {} (cut-off {}), {iterations} iterations, seed {seed}",
        args.scenario.display(),
        args.observed.display(),
        observed.as_of
    );
    for r in rows {
        if let Some(m) = &r.measured {
            println!("  {}", verdict_line(r));
            println!("    {}", percentiles_line(m));
        }
    }
    let skipped: Vec<&str> = rows
        .iter()
        .filter(|r| r.measured.is_none())
        .map(|r| r.pathway.as_str())
        .collect();
    if !skipped.is_empty() {
        println!("  skipped, no observations: {}", skipped.join(", "));
    }
    println!(
        "  review days, submission to approval (calendar days); p from {DRAWS} bootstrap draws censored as the data are"
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn a_submission_stands_for_its_day_of_the_window() {
        let first = date("2024-04-01");
        assert_eq!(submission_day(first, 364, date("2024-04-11")), Some(10));
        // Another year: the same day of the year in the window.
        assert_eq!(submission_day(first, 364, date("2021-04-11")), Some(10));
        assert_eq!(submission_day(first, 364, date("2020-01-05")), Some(279));
        assert_eq!(submission_day(first, 364, date("2020-02-29")), Some(333));
        // A shorter window, or a single day: only its own days.
        assert_eq!(submission_day(first, 30, date("2023-04-11")), None);
        assert_eq!(submission_day(first, 0, date("2024-04-01")), Some(0));
        assert_eq!(submission_day(first, 0, date("2024-04-02")), None);
    }
}
