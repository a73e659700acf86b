//! `regsim run`: the Monte Carlo run of one or more scenarios, with their variants, and
//! every output of the run (CSV, charts, the sensitivity analysis, report.html and the
//! manifest), staged and committed together.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::Context;
use chrono::NaiveDate;
use clap::ValueEnum;

use crate::cli::{Checked, Failure, load_all};
use crate::engine::monte_carlo::{MonteCarlo, RunError};
use crate::engine::precision::{PRECISION_PERCENTILE, Precision};
use crate::engine::results::RunResults;
use crate::export::chart::{self, ImageFormat};
use crate::export::csv::{RunsWriter, num, stages_csv, summary_csv};
use crate::export::files::OutputFolder;
use crate::export::manifest::{Manifest, PrecisionRecord, ScenarioRecord, Timings};
use crate::model::Model;
use crate::scenario::Overrides;
use crate::scenario::validate::MAX_ITERATIONS;

#[derive(Debug, clap::Args)]
pub struct RunArgs {
    /// Scenario files (TOML).
    #[arg(required = true)]
    scenarios: Vec<PathBuf>,
    /// Output folder [default: output/<scenario file name>]; with several scenarios,
    /// each gets a sub-folder named after its file.
    #[arg(short, long, value_name = "DIR")]
    output: Option<PathBuf>,
    /// Monte Carlo iterations [default: the scenario's].
    #[arg(short = 'n', long, value_name = "N")]
    iterations: Option<u64>,
    /// Random seed [default: the scenario's].
    #[arg(long, value_name = "N")]
    seed: Option<u64>,
    /// Submission date instead of the scenario's, e.g. 2025-01-15.
    #[arg(long, value_name = "DATE")]
    submitted: Option<NaiveDate>,
    /// Which outputs to write; manifest.json is always written.
    #[arg(long, value_delimiter = ',', default_value = "csv,png,svg")]
    format: Vec<Format>,
    /// Also write runs.csv: one row per iteration and pathway.
    #[arg(long)]
    runs: bool,
    /// Also run the sensitivity analysis: sensitivity.csv and the tornado chart (two
    /// more runs of a pathway per uncertain stage; always done for the html report).
    #[arg(long)]
    sensitivity: bool,
    /// Keep sampling, in chunks of the run's iterations, until P80 of review days is
    /// known within ±DAYS (95% confidence) on every pathway, or --max-iterations.
    #[arg(long, value_name = "DAYS")]
    precision: Option<f64>,
    /// The most iterations --precision may run.
    #[arg(
        long,
        value_name = "N",
        default_value_t = 10_000_000,
        requires = "precision"
    )]
    max_iterations: u64,
    /// Worker threads [default: all cores]. Results do not depend on it.
    #[arg(long, value_name = "N")]
    threads: Option<usize>,
    /// Print only errors.
    #[arg(short, long)]
    quiet: bool,
    /// Override a field: PATH=VALUE, PATH=*FACTOR or PATH=+DAYS (repeatable), e.g.
    /// normal.team-review.duration=*0.8.
    #[arg(long = "set", value_name = "PATH=VALUE")]
    set: Vec<String>,
    /// Also run this variant of the scenario (repeatable); summary.csv and stages.csv
    /// get its rows, labelled in the `variant` column.
    #[arg(long = "variant", value_name = "ID")]
    variant: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// summary.csv and stages.csv (and runs.csv with --runs, sensitivity.csv with
    /// --sensitivity)
    Csv,
    /// distribution.png and timeline.png (and tornado.png with --sensitivity)
    Png,
    /// distribution.svg and timeline.svg (and tornado.svg with --sensitivity)
    Svg,
    /// report.html, one self-contained page (implies svg and the sensitivity analysis)
    Html,
}

/// `regsim run`: validates every scenario (and variant) first, then simulates and writes
/// each one's outputs in turn.
pub fn run(args: &RunArgs) -> Result<(), Failure> {
    let started = Instant::now();
    if let Some(n) = args.iterations.filter(|&n| n == 0 || n > MAX_ITERATIONS) {
        return Err(Failure::BadInput(format!(
            "error: --iterations must be between 1 and {MAX_ITERATIONS}, not {n}\n"
        )));
    }
    if let Some(d) = args.precision.filter(|d| !(d.is_finite() && *d > 0.0)) {
        return Err(Failure::BadInput(format!(
            "error: --precision must be a positive number of days, not {d}\n"
        )));
    }
    if args.max_iterations == 0 || args.max_iterations > MAX_ITERATIONS {
        return Err(Failure::BadInput(format!(
            "error: --max-iterations must be between 1 and {MAX_ITERATIONS}, not {}\n",
            args.max_iterations
        )));
    }
    if args.threads == Some(0) {
        return Err(Failure::BadInput(
            "error: --threads must be at least 1\n".into(),
        ));
    }
    let overrides = Overrides {
        submitted: args.submitted,
    };
    let loaded = load_all(&args.scenarios, &overrides, &args.set)?;
    let set = crate::scenario::variants::parse_set(&args.set).map_err(Failure::BadInput)?;
    let mut variant_runs = Vec::new();
    for (path, checked) in args.scenarios.iter().zip(&loaded) {
        if args.variant.is_empty() {
            variant_runs.push(Vec::new());
            continue;
        }
        let runs = crate::scenario::variants::runs(
            path,
            &checked.scenario,
            &set,
            &args.variant,
            &overrides,
        )
        .map_err(|d| Failure::BadInput(d.to_string()))?;
        variant_runs.push(runs.into_iter().skip(1).collect());
    }
    let load_seconds = started.elapsed().as_secs_f64();
    let threads = args
        .threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .context("cannot start the worker threads")?;
    let several = loaded.len() > 1;
    for ((path, checked), variants) in args.scenarios.iter().zip(&loaded).zip(&variant_runs) {
        let stem = &checked.scenario.stem;
        let dir = match (&args.output, several) {
            (Some(o), false) => o.clone(),
            (Some(o), true) => o.join(stem),
            (None, _) => Path::new("output").join(stem),
        };
        let ctx = RunContext {
            args,
            path,
            checked,
            dir: &dir,
            threads,
            load_seconds,
            variants,
        };
        pool.install(|| run_one(&ctx))?;
    }
    Ok(())
}

struct RunContext<'a> {
    args: &'a RunArgs,
    path: &'a Path,
    checked: &'a Checked,
    dir: &'a Path,
    threads: usize,
    load_seconds: f64,
    /// The variants asked for with `--variant`, simulated after the baseline.
    variants: &'a [crate::scenario::variants::ScenarioRun],
}

fn run_one(ctx: &RunContext) -> Result<(), Failure> {
    let args = ctx.args;
    let model = &ctx.checked.scenario.model;
    let mc = MonteCarlo {
        iterations: args.iterations.unwrap_or(model.iterations),
        seed: args.seed.unwrap_or(model.seed),
        keep_rows: args.runs,
    };
    let mut out = OutputFolder::open(ctx.dir)?;
    let wants = |f: Format| {
        args.format.contains(&f) || (f == Format::Svg && args.format.contains(&Format::Html))
    };

    let t0 = Instant::now();
    let progress = progress_bar(mc.iterations, args.quiet, &model.name);
    let mut runs = if args.runs {
        let tmp = out.stage("runs.csv");
        let file = std::fs::File::create(&tmp)
            .with_context(|| format!("cannot create {}", tmp.display()))?;
        Some(RunsWriter::new(model, std::io::BufWriter::new(file))?)
    } else {
        None
    };
    let on_rows = |rows: &[_]| runs.as_mut().map_or(Ok(()), |w| w.write(rows));
    let on_progress = |done| progress.set_position(done);
    let precision = args.precision.map(|days| Precision {
        days,
        cap: args.max_iterations,
    });
    let (results, converged) = match precision {
        None => mc.run(model, on_rows, on_progress).map(|r| (r, None)),
        Some(p) => p
            .run(&mc, model, on_rows, on_progress)
            .map(|c| (c.results, Some((p, c.met, c.half_widths)))),
    }
    .map_err(|e| match e {
        RunError::Schedule(e) => Failure::BadInput(crate::scenario::locate::render(ctx.path, &e)),
        RunError::Sink(e) => Failure::Other(e.context("cannot write runs.csv")),
    })?;
    progress.finish_and_clear();
    if let Some(w) = runs {
        use std::io::Write;
        let mut file = w.finish()?;
        file.flush().context("cannot write runs.csv")?;
    }
    // Variants: the same seed, so their draws pair with the baseline's.
    let mut variant_results = Vec::new();
    for v in ctx.variants {
        let vmc = MonteCarlo {
            keep_rows: false,
            // With --precision, the baseline's iterations, so that the runs pair.
            iterations: match converged {
                Some(_) => results.iterations,
                None => args.iterations.unwrap_or(v.model.iterations),
            },
            seed: args.seed.unwrap_or(v.model.seed),
        };
        let (r, _) = crate::commands::whatif::simulate(ctx.path, &v.model, vmc, false)?;
        variant_results.push(r);
    }
    let simulate_seconds = t0.elapsed().as_secs_f64();

    let t1 = Instant::now();
    if wants(Format::Csv) {
        let mut summaries = vec![("", summary_csv(model, &results)?)];
        let mut stages = vec![("", stages_csv(model, &results)?)];
        for (v, r) in ctx.variants.iter().zip(&variant_results) {
            summaries.push((v.variant.as_str(), summary_csv(&v.model, r)?));
            stages.push((v.variant.as_str(), stages_csv(&v.model, r)?));
        }
        let label = crate::export::variants::label_variants;
        out.write("summary.csv", &label(&summaries)?)?;
        out.write("stages.csv", &label(&stages)?)?;
        if !model.products.is_empty() {
            out.write(
                "eligibility.csv",
                &crate::export::eligibility::eligibility_csv(model)?,
            )?;
        }
        if model.pathways.iter().any(|p| p.follow_up.is_some()) {
            out.write(
                "follow_up.csv",
                &crate::export::follow_up::follow_up_csv(model, &results)?,
            )?;
        }
        if let Some(bytes) = crate::export::fiscal_years::fiscal_years_csv(model, &results)? {
            out.write("fiscal_years.csv", &bytes)?;
        }
    }
    let schedules = &ctx.checked.schedules;
    for (format, ext, wanted) in [
        (ImageFormat::Png, "png", wants(Format::Png)),
        (ImageFormat::Svg, "svg", wants(Format::Svg)),
    ] {
        if wanted {
            let p = out.stage(&format!("distribution.{ext}"));
            chart::render_distribution(model, &results, format, &p)?;
            let p = out.stage(&format!("timeline.{ext}"));
            chart::render_timeline(model, schedules, &results, format, &p)?;
            if model.fiscal_year.is_some() {
                let p = out.stage(&format!("fiscal_years.{ext}"));
                chart::fiscal::render_fiscal_years(model, &results, format, &p)?;
            }
            // With variants: the baseline and each variant overlaid.
            if !ctx.variants.is_empty() {
                let pairs: Vec<_> = ctx.variants.iter().zip(&variant_results).collect();
                let compare = crate::commands::compare::run_chart(model, &results, &pairs);
                let p = out.stage(&format!("compare.{ext}"));
                crate::export::chart::compare::render_compare(&compare, format, &p)?;
            }
        }
    }
    let sensitivity = if args.sensitivity || wants(Format::Html) {
        let t = Instant::now();
        let s = crate::engine::sensitivity::analyse(model, &results)
            .map_err(|e| Failure::BadInput(crate::scenario::locate::render(ctx.path, &e)))?;
        write_sensitivity(&mut out, model, &s, results.iterations, &wants)?;
        Some((s, t.elapsed().as_secs_f64()))
    } else {
        None
    };
    let export_seconds = t1.elapsed().as_secs_f64() - sensitivity.as_ref().map_or(0.0, |s| s.1);

    let mut files: Vec<String> = Vec::new();
    if wants(Format::Csv) {
        files.extend(["summary.csv".into(), "stages.csv".into()]);
        if !model.products.is_empty() {
            files.push("eligibility.csv".into());
        }
        if model.pathways.iter().any(|p| p.follow_up.is_some()) {
            files.push("follow_up.csv".into());
        }
        if model.fiscal_year.is_some() {
            files.push("fiscal_years.csv".into());
        }
    }
    if args.runs {
        files.push("runs.csv".into());
    }
    for (f, ext) in [(Format::Png, "png"), (Format::Svg, "svg")] {
        if wants(f) {
            files.extend([format!("distribution.{ext}"), format!("timeline.{ext}")]);
            if !ctx.variants.is_empty() {
                files.push(format!("compare.{ext}"));
            }
            if model.fiscal_year.is_some() {
                files.push(format!("fiscal_years.{ext}"));
            }
        }
    }
    if sensitivity.is_some() {
        files.extend(sensitivity_files(&wants));
    }
    if wants(Format::Html) {
        files.push("report.html".into());
    }
    files.push("manifest.json".into());
    let manifest = Manifest {
        regsim_version: env!("CARGO_PKG_VERSION").into(),
        scenarios: vec![ScenarioRecord {
            path: ctx.path.display().to_string(),
            sha256: ctx.checked.scenario.sha256.clone(),
        }],
        seed: mc.seed,
        iterations: results.iterations,
        precision: converged.as_ref().map(|(p, met, widths)| PrecisionRecord {
            metric: "review_days".into(),
            percentile: PRECISION_PERCENTILE,
            days: p.days,
            max_iterations: p.cap,
            met: *met,
            half_widths: model
                .pathways
                .iter()
                .zip(widths)
                .map(|(pw, w)| (pw.label(model), *w))
                .collect(),
        }),
        submitted: model.submitted.to_string(),
        overrides: args
            .submitted
            .map(|d| format!("submitted={d}"))
            .into_iter()
            .chain(args.set.iter().cloned())
            .chain(
                ctx.variants
                    .iter()
                    .map(|v| format!("variant {}: {}", v.variant, v.overrides.join("; "))),
            )
            .collect(),
        threads: ctx.threads,
        generator: crate::export::manifest::GENERATOR.into(),
        timings: Timings {
            load_seconds: ctx.load_seconds,
            simulate_seconds,
            export_seconds,
            sensitivity_seconds: sensitivity.as_ref().map(|s| s.1),
        },
        files,
    };
    let manifest_json = manifest.to_json();
    if wants(Format::Html) {
        let sensitivity = sensitivity.as_ref().map(|s| s.0.as_slice());
        let runs = (&results, variant_results.as_slice());
        write_report(&mut out, ctx, runs, sensitivity, &manifest)?;
    }
    out.write("manifest.json", &manifest_json)?;
    let dir = out.dir().to_path_buf();
    out.commit()?;
    if let Some((p, false, widths)) = &converged {
        let wide: Vec<String> = model
            .pathways
            .iter()
            .zip(widths)
            .filter(|(_, w)| **w > p.days)
            .map(|(pw, w)| format!("{} ±{}", pw.label(model), num(*w)))
            .collect();
        eprintln!(
            "warning: P80 of review days not known within ±{} days after {} iterations \
             (--max-iterations): {}; the outputs hold these {} iterations",
            num(p.days),
            results.iterations,
            wide.join(", "),
            results.iterations
        );
    }
    if !args.quiet {
        if !args.set.is_empty() {
            println!("with --set {}", args.set.join(" --set "));
        }
        print_summary(model, &results, &dir, simulate_seconds);
        if let Some((s, _)) = &sensitivity {
            print!("{}", crate::export::sensitivity::largest_swings(model, s));
        }
        for (v, r) in ctx.variants.iter().zip(&variant_results) {
            println!();
            println!("variant {}: {}", v.variant, v.title);
            print_summary(&v.model, r, &dir, simulate_seconds);
        }
    }
    Ok(())
}

/// report.html, embedding the SVG charts staged so far and the manifest.
fn write_report(
    out: &mut OutputFolder,
    ctx: &RunContext,
    (results, variant_results): (&RunResults, &[RunResults]),
    sensitivity: Option<&[crate::engine::sensitivity::PathwaySensitivity]>,
    manifest: &Manifest,
) -> Result<(), Failure> {
    use crate::export::report::{CHARTS, Report, ReportChart, ReportRun, render};
    let read = |p: &Path| {
        std::fs::read_to_string(p).with_context(|| format!("cannot read {}", p.display()))
    };
    let mut charts = Vec::new();
    for (file, caption) in CHARTS {
        if let Some(p) = out.staged(file) {
            charts.push(ReportChart {
                file: file.into(),
                caption: caption.into(),
                svg: read(p)?,
            });
        }
    }
    let scenario_text = read(ctx.path)?;
    let model = &ctx.checked.scenario.model;
    let mut at_p80 = Vec::new();
    for i in 0..model.pathways.len() {
        let at = crate::engine::at_percentile::at_percentile(
            model,
            i,
            results.seed,
            results.iterations,
            80.0,
        )
        .map_err(|e| Failure::BadInput(crate::scenario::locate::render(ctx.path, &e)))?;
        at_p80.push(crate::export::explain_at::iteration_table(model, i, &at));
    }
    let manifest_json = String::from_utf8_lossy(&manifest.to_json()).into_owned();
    // The baseline, then each variant with what it changes.
    let labels: Vec<(String, String)> = ctx
        .variants
        .iter()
        .map(|v| {
            (
                format!("Variant {}", v.variant),
                format!("{}: {}", v.title, v.overrides.join("; ")),
            )
        })
        .collect();
    let mut runs = vec![ReportRun {
        label: "Baseline",
        description: "",
        model,
        results,
    }];
    for ((v, r), (label, description)) in ctx.variants.iter().zip(variant_results).zip(&labels) {
        runs.push(ReportRun {
            label,
            description,
            model: &v.model,
            results: r,
        });
    }
    let report = Report {
        runs,
        sensitivity,
        charts,
        at_p80,
        scenario_path: &ctx.path.display().to_string(),
        scenario_text: &scenario_text,
        overrides: &manifest.overrides,
        manifest_json: &manifest_json,
    };
    out.write("report.html", render(&report).as_bytes())?;
    Ok(())
}

/// sensitivity.csv and the tornado charts, in the formats asked for.
fn write_sensitivity(
    out: &mut OutputFolder,
    model: &Model,
    sensitivity: &[crate::engine::sensitivity::PathwaySensitivity],
    iterations: u64,
    wants: &dyn Fn(Format) -> bool,
) -> Result<(), Failure> {
    if wants(Format::Csv) {
        let csv = crate::export::sensitivity::sensitivity_csv(model, sensitivity)?;
        out.write("sensitivity.csv", &csv)?;
    }
    for (format, f) in [
        (ImageFormat::Png, Format::Png),
        (ImageFormat::Svg, Format::Svg),
    ] {
        if wants(f) {
            let p = out.stage(&format!("tornado.{}", format.extension()));
            chart::render_tornado(model, sensitivity, iterations, format, &p)?;
        }
    }
    Ok(())
}

/// The files [`write_sensitivity`] writes.
fn sensitivity_files(wants: &dyn Fn(Format) -> bool) -> Vec<String> {
    [
        (Format::Csv, "sensitivity.csv"),
        (Format::Png, "tornado.png"),
        (Format::Svg, "tornado.svg"),
    ]
    .iter()
    .filter(|(f, _)| wants(*f))
    .map(|(_, name)| name.to_string())
    .collect()
}

fn progress_bar(iterations: u64, quiet: bool, name: &str) -> indicatif::ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(iterations);
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "{msg} [{bar:40}] {pos}/{len} iterations, {eta} left",
        )
        .expect("a valid template")
        .progress_chars("=> "),
    );
    bar.set_message(name.to_string());
    bar
}

fn print_summary(model: &Model, results: &RunResults, dir: &Path, seconds: f64) {
    println!(
        "{}: {} iterations, seed {}, {:.2} s",
        model.title, results.iterations, results.seed, seconds
    );
    let names: Vec<String> = model.pathways.iter().map(|p| p.label(model)).collect();
    let w = names
        .iter()
        .map(|n| n.chars().count())
        .max()
        .unwrap_or(7)
        .max(7);
    println!(
        "  {}  {:>6} {:>6} {:>6} {:>6}  target",
        crate::export::text_table::pad_right(
            if model.products.is_empty() {
                "pathway"
            } else {
                "product/pathway"
            },
            w
        ),
        "p10",
        "p50",
        "p80",
        "p90"
    );
    for ((p, r), name) in model.pathways.iter().zip(&results.pathways).zip(&names) {
        let h = &r.review_days;
        let q = |x| h.percentile(x).map(num).unwrap_or_default();
        let target = p.target.map(|t| {
            let met = r.target_met_share(t).unwrap_or(0.0) * 100.0;
            format!(
                "{}% within {} days ({}): met by {:.1}%",
                num(t.percentile),
                num(t.days),
                t.clock.as_str(),
                met
            )
        });
        println!(
            "  {}  {:>6} {:>6} {:>6} {:>6}  {}",
            crate::export::text_table::pad_right(name, w),
            q(10.0),
            q(50.0),
            q(80.0),
            q(90.0),
            target.unwrap_or_else(|| "-".into())
        );
    }
    for ((p, r), name) in model.pathways.iter().zip(&results.pathways).zip(&names) {
        if let Some(f) = &p.follow_up {
            let n = results.iterations.max(1) as f64;
            let shares: Vec<String> = crate::model::after_approval::Outcome::ALL
                .iter()
                .zip(r.outcomes)
                .filter(|(_, c)| *c > 0)
                .map(|(o, c)| format!("{} {:.1}%", o.as_str(), c as f64 * 100.0 / n))
                .collect();
            println!("  {name}, then {}: {}", f.title, shares.join(", "));
        }
    }
    for ((_, r), name) in model.pathways.iter().zip(&results.pathways).zip(&names) {
        if r.withdrawn > 0 {
            let share = r.withdrawn as f64 * 100.0 / results.iterations.max(1) as f64;
            println!(
                "  {name}: {share:.1}% withdrawn (a clock stop past its limit; not in the days above)"
            );
        }
    }
    println!(
        "  review days, submission to approval; outputs in {}",
        dir.display()
    );
}
