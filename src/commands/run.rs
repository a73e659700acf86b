//! `regsim run`: the Monte Carlo run of one or more scenarios, with their variants, and
//! every output of the run (CSV, charts, the sensitivity analysis, report.html and the
//! manifest), staged and committed together.

use std::path::Path;
use std::time::Instant;

use anyhow::Context;

mod args;
mod shard;

use super::summary::print_summary;
use crate::engine::precision::{PRECISION_PERCENTILE, Precision};
use crate::engine::sensitivity::PathwaySensitivity;
use crate::export::chart;
use crate::export::comparison::{VariantRun, run_chart};
use crate::export::csv::{RunsWriter, num, stages_csv, summary_csv};
use crate::export::files::OutputFolder;
use crate::export::manifest::{Manifest, PrecisionRecord, Timings};
use crate::failure::Failure;
use crate::lang::Msg;
use crate::model::Model;
use crate::pipeline::{
    self, Checked, Executed, Formats, ManifestFacts, OutputPlan, Sampling, Study, load_all,
    outputs::ReportPage, schedule_failure, study::Shard,
};
use crate::scenario::Overrides;
use crate::scenario::validate::MAX_ITERATIONS;
use crate::scenario::variants::ScenarioRun;
pub(crate) use args::Format;
pub use args::RunArgs;
pub(crate) use shard::{Merged, write_merged};
use shard::{refuse_shard, write_state};

/// `regsim run`: validates every scenario (and variant) first, then simulates and writes
/// each one's outputs in turn.
pub fn run(args: &RunArgs) -> Result<(), Failure> {
    let started = Instant::now();
    let sampling = Sampling {
        iterations: args.iterations,
        seed: args.seed,
    };
    sampling.check(args.threads)?;
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
    let overrides = Overrides {
        submitted: args.submitted,
        lang: args.lang,
        ..Default::default()
    };
    let shard = args.shard.as_deref().map(Shard::parse).transpose()?;
    let loaded = load_all(&args.scenarios, &overrides, &args.set)?;
    let mut studies = Vec::new();
    for (path, checked) in args.scenarios.iter().zip(&loaded) {
        let mut study = study_of(args, path, checked)?;
        study.shard = shard;
        studies.push(study);
    }
    refuse_single_application_outputs(args, &loaded)?;
    if shard.is_some() {
        refuse_shard(args, &loaded)?;
    }
    let load_seconds = started.elapsed().as_secs_f64();
    let threads = pipeline::thread_count(args.threads);
    let pool = pipeline::pool(threads)?;
    let several = loaded.len() > 1;
    for (checked, study) in loaded.iter().zip(&studies) {
        let stem = &checked.scenario.stem;
        let dir = match (&args.output, several) {
            (Some(o), false) => o.clone(),
            (Some(o), true) => o.join(stem),
            (None, _) => Path::new("output").join(stem),
        };
        let ctx = RunContext {
            args,
            checked,
            study,
            dir: &dir,
            threads,
            load_seconds,
        };
        pool.install(|| run_one(&ctx))?;
    }
    Ok(())
}

/// The study of one scenario: its baseline and the variants asked for, with `-n`,
/// `--seed`, `--runs` and `--precision`.
fn study_of(args: &RunArgs, path: &Path, checked: &Checked) -> Result<Study, Failure> {
    let sampling = Sampling {
        iterations: args.iterations,
        seed: args.seed,
    };
    let overrides = Overrides {
        submitted: args.submitted,
        ..Default::default()
    };
    let set = crate::scenario::variants::parse_set(&args.set).map_err(Failure::BadInput)?;
    let runs = if args.variant.is_empty() {
        vec![ScenarioRun::baseline(checked.scenario.model.clone(), &set)]
    } else {
        crate::scenario::variants::runs(path, &checked.scenario, &set, &args.variant, &overrides)
            .map_err(|d| Failure::BadInput(d.to_string()))?
    };
    let mut study = Study::of_runs(path.to_path_buf(), runs, sampling);
    study.rows = args.runs;
    study.precision = args.precision.map(|days| Precision {
        days,
        cap: args.max_iterations,
    });
    Ok(study)
}

/// runs.csv, `--precision` and the sensitivity analysis follow single applications: an
/// agency's scenario is refused them with what to use instead.
fn refuse_single_application_outputs(args: &RunArgs, loaded: &[Checked]) -> Result<(), Failure> {
    let Some(c) = loaded.iter().find(|c| c.scenario.model.agency.is_some()) else {
        return Ok(());
    };
    let asked = [
        (args.runs, "--runs"),
        (args.precision.is_some(), "--precision"),
        (args.sensitivity, "--sensitivity"),
    ];
    match asked.iter().find(|(on, _)| *on) {
        Some((_, flag)) => Err(Failure::BadInput(format!(
            "error: {flag} follows single applications, and {} simulates an agency ([agency]): queue.csv has its figures year by year; set the replications with -n\n",
            c.scenario.stem
        ))),
        None => Ok(()),
    }
}

struct RunContext<'a> {
    args: &'a RunArgs,
    checked: &'a Checked,
    /// The baseline and the variants asked for with `--variant`.
    study: &'a Study,
    dir: &'a Path,
    threads: usize,
    load_seconds: f64,
}

impl RunContext<'_> {
    fn formats(&self) -> Formats {
        let f = &self.args.format;
        let html = f.contains(&Format::Html);
        Formats {
            csv: self.args.json || f.contains(&Format::Csv) || f.contains(&Format::Xlsx),
            png: f.contains(&Format::Png),
            svg: f.contains(&Format::Svg) || html,
            html,
        }
    }
}

fn run_one(ctx: &RunContext) -> Result<(), Failure> {
    let args = ctx.args;
    let study = ctx.study;
    let model = &study.baseline().model;
    let mut out = OutputFolder::open(ctx.dir)?;
    let mut runs = if args.runs {
        let tmp = out.stage("runs.csv");
        let file = std::fs::File::create(&tmp)
            .with_context(|| format!("cannot create {}", tmp.display()))?;
        Some(RunsWriter::new(model, std::io::BufWriter::new(file))?)
    } else {
        None
    };
    let executed = pipeline::execute(study, args.quiet, |rows| {
        runs.as_mut().map_or(Ok(()), |w| w.write(rows))
    })?;
    if let Some(w) = runs {
        use std::io::Write;
        let mut file = w.finish()?;
        file.flush().context("cannot write runs.csv")?;
    }
    if let Some(shard) = study.shard {
        return write_state(ctx, out, &executed, shard);
    }
    write_outputs(ctx, out, &executed)
}

/// Every output of a run, from its results: the unsplit run's, or the merged shards'.
fn write_outputs(ctx: &RunContext, out: OutputFolder, executed: &Executed) -> Result<(), Failure> {
    let args = ctx.args;
    let study = ctx.study;
    let model = &study.baseline().model;
    let results = &executed.runs[0];

    let t1 = Instant::now();
    let formats = ctx.formats();
    let sensitivity = if (args.sensitivity || formats.html) && model.agency.is_none() {
        let t = Instant::now();
        let s = crate::engine::sensitivity::analyse(model, results)
            .map_err(|e| schedule_failure(&study.path, &study.baseline().applied, &e))?;
        Some((s, t.elapsed().as_secs_f64()))
    } else {
        None
    };
    let mut plan = plan(ctx, executed, &formats)?;
    if let Some((s, _)) = &sensitivity {
        plan_sensitivity(&mut plan, model, s, results.iterations, &formats)?;
    }
    let facts = || facts(ctx, executed, t1, sensitivity.as_ref().map(|s| s.1));
    let report = |out: &OutputFolder, manifest: &Manifest| {
        let sensitivity = sensitivity.as_ref().map(|s| s.0.as_slice());
        report_page(out, ctx, executed, sensitivity, manifest)
    };
    let xlsx = |out: &OutputFolder, manifest: &Manifest| {
        crate::export::xlsx::from_folder(out, manifest).map_err(Failure::from)
    };
    let mut pages: Vec<(&str, ReportPage)> = Vec::new();
    if args.format.contains(&Format::Xlsx) {
        pages.push(("summary.xlsx", &xlsx));
    }
    if formats.html {
        pages.push(("report.html", &report));
    }
    let dir = pipeline::outputs::finish_pages(out, plan, facts, &pages)?;
    if let Some(p) = executed.precision.as_ref().filter(|p| !p.met) {
        let wide: Vec<String> = model
            .pathways
            .iter()
            .zip(&p.half_widths)
            .filter(|(_, w)| **w > p.rule.days)
            .map(|(pw, w)| format!("{} ±{}", pw.label(model), num(*w)))
            .collect();
        eprintln!(
            "warning: P80 of review days not known within ±{} days after {} iterations \
             (--max-iterations): {}; the outputs hold these {} iterations",
            num(p.rule.days),
            results.iterations,
            wide.join(", "),
            results.iterations
        );
    }
    if args.json {
        println!(
            "{}",
            crate::export::json::line(&dir, "summary.csv", "summary")?
        );
    } else if !args.quiet {
        if !args.set.is_empty() {
            let set = args.set.join(" --set ");
            println!("{}", model.lang.fill(Msg::WithSet, &[&set]));
        }
        print_summary(model, results, &dir, executed.seconds);
        if let Some(q) = executed.queues.first() {
            print!("{}", crate::export::queue::summary_lines(model, results, q));
        }
        if let Some((s, _)) = &sensitivity {
            print!("{}", crate::export::sensitivity::largest_swings(model, s));
        }
        for (k, (v, r)) in study.runs.iter().zip(&executed.runs).enumerate().skip(1) {
            println!();
            println!(
                "{}",
                v.model
                    .lang
                    .fill(Msg::VariantHeading, &[&v.label, &v.title])
            );
            print_summary(&v.model, r, &dir, executed.seconds);
            if let Some(q) = executed.queues.get(k) {
                print!("{}", crate::export::queue::summary_lines(&v.model, r, q));
            }
        }
    }
    Ok(())
}

/// The tables and charts of a run, from its results and the formats asked for.
fn plan<'a>(
    ctx: &'a RunContext,
    executed: &'a Executed,
    formats: &Formats,
) -> Result<OutputPlan<'a>, Failure> {
    let study = ctx.study;
    let model = &study.baseline().model;
    let results = &executed.runs[0];
    let mut plan = OutputPlan::new();
    if formats.csv {
        let mut summaries = Vec::new();
        let mut stages = Vec::new();
        for (run, r) in study.runs.iter().zip(&executed.runs) {
            summaries.push((run.label.as_str(), summary_csv(&run.model, r)?));
            stages.push((run.label.as_str(), stages_csv(&run.model, r)?));
        }
        let label = crate::export::variants::label_variants;
        plan.bytes("summary.csv", label(&summaries)?);
        plan.bytes("stages.csv", label(&stages)?);
        if !model.products.is_empty() {
            let csv = crate::export::eligibility::eligibility_csv(model)?;
            plan.bytes("eligibility.csv", csv);
        }
        if model.pathways.iter().any(|p| p.follow_up.is_some()) {
            let csv = crate::export::follow_up::follow_up_csv(model, results)?;
            plan.bytes("follow_up.csv", csv);
        }
        if model.agency.is_none()
            && let Some(bytes) = crate::export::fiscal_years::fiscal_years_csv(model, results)?
        {
            plan.bytes("fiscal_years.csv", bytes);
        }
    }
    if !executed.queues.is_empty() {
        let runs = study
            .runs
            .iter()
            .zip(&executed.queues)
            .map(|(r, q)| (r.label.as_str(), r.title.clone(), &r.model, q))
            .collect();
        crate::export::queue::plan(&mut plan, runs, formats)?;
    }
    let schedules = &ctx.checked.schedules;
    plan.chart("distribution", formats, move |f, p| {
        chart::render_distribution(model, results, f, p)
    });
    // The timeline and the fiscal years of single applications; an agency's years are
    // in queue.csv and the backlog chart.
    if model.agency.is_none() {
        plan.chart("timeline", formats, move |f, p| {
            chart::render_timeline(model, schedules, results, f, p)
        });
    }
    if model.fiscal_year.is_some() && model.agency.is_none() {
        plan.chart("fiscal_years", formats, move |f, p| {
            chart::fiscal::render_fiscal_years(model, results, f, p)
        });
    }
    // With variants: the baseline and each variant overlaid.
    if study.runs.len() > 1 {
        let variants: Vec<VariantRun> = study.runs[1..]
            .iter()
            .zip(&executed.runs[1..])
            .map(|(v, r)| (v.label.as_str(), v.title.as_str(), &v.model, r))
            .collect();
        let compare = run_chart(model, results, &variants);
        plan.chart("compare", formats, move |f, p| {
            crate::export::chart::compare::render_compare(&compare, f, p)
        });
    }
    Ok(plan)
}

/// sensitivity.csv and the tornado charts, in the formats asked for.
fn plan_sensitivity<'a>(
    plan: &mut OutputPlan<'a>,
    model: &'a Model,
    sensitivity: &'a [PathwaySensitivity],
    iterations: u64,
    formats: &Formats,
) -> Result<(), Failure> {
    if formats.csv {
        let csv = crate::export::sensitivity::sensitivity_csv(model, sensitivity)?;
        plan.bytes("sensitivity.csv", csv);
    }
    plan.chart("tornado", formats, move |f, p| {
        chart::render_tornado(model, sensitivity, iterations, f, p)
    });
    Ok(())
}

/// What the manifest records of a run; `export_started` times the outputs, less the
/// sensitivity analysis's `sensitivity_seconds`.
fn facts(
    ctx: &RunContext,
    executed: &Executed,
    export_started: Instant,
    sensitivity_seconds: Option<f64>,
) -> ManifestFacts {
    let study = ctx.study;
    let base = study.baseline();
    let model = &base.model;
    let results = &executed.runs[0];
    ManifestFacts {
        scenarios: vec![(
            study.path.display().to_string(),
            ctx.checked.scenario.sha256.clone(),
        )],
        observed: Vec::new(),
        seed: base.seed,
        iterations: results.iterations,
        precision: executed.precision.as_ref().map(|p| PrecisionRecord {
            metric: "review_days".into(),
            percentile: PRECISION_PERCENTILE,
            days: p.rule.days,
            max_iterations: p.rule.cap,
            met: p.met,
            half_widths: model
                .pathways
                .iter()
                .zip(&p.half_widths)
                .map(|(pw, w)| (pw.label(model), *w))
                .collect(),
        }),
        submitted: model.submitted.to_string(),
        overrides: ctx
            .args
            .submitted
            .map(|d| format!("submitted={d}"))
            .into_iter()
            .chain(ctx.args.set.iter().cloned())
            .chain(
                study.runs[1..]
                    .iter()
                    .map(|v| format!("variant {}: {}", v.label, v.overrides.join("; "))),
            )
            .collect(),
        threads: ctx.threads,
        timings: Timings {
            load_seconds: ctx.load_seconds,
            simulate_seconds: executed.seconds,
            export_seconds: export_started.elapsed().as_secs_f64()
                - sensitivity_seconds.unwrap_or(0.0),
            sensitivity_seconds,
        },
    }
}

/// report.html, embedding the SVG charts staged so far and the manifest.
fn report_page(
    out: &OutputFolder,
    ctx: &RunContext,
    executed: &Executed,
    sensitivity: Option<&[PathwaySensitivity]>,
    manifest: &Manifest,
) -> Result<Vec<u8>, Failure> {
    use crate::export::report::{CHARTS, Report, ReportChart, ReportRun, render};
    let read = |p: &Path| {
        std::fs::read_to_string(p).with_context(|| format!("cannot read {}", p.display()))
    };
    let mut charts = Vec::new();
    let lang = ctx.study.baseline().model.lang;
    for (file, caption) in CHARTS {
        if let Some(p) = out.staged(file) {
            charts.push(ReportChart {
                file: file.into(),
                caption: lang.text(caption).into(),
                svg: read(p)?,
            });
        }
    }
    let study = ctx.study;
    let scenario_text = read(&study.path)?;
    let model = &study.baseline().model;
    let results = &executed.runs;
    let mut at_p80 = Vec::new();
    // The P80 application is a single application's: an agency's are in queue.csv.
    let single = if model.agency.is_none() {
        model.pathways.len()
    } else {
        0
    };
    for i in 0..single {
        let at = crate::engine::at_percentile::at_percentile(
            model,
            i,
            results[0].seed,
            results[0].iterations,
            80.0,
        )
        .map_err(|e| schedule_failure(&study.path, &study.baseline().applied, &e))?;
        at_p80.push(crate::export::explain_at::iteration_table(model, i, &at));
    }
    let manifest_json = String::from_utf8_lossy(&manifest.to_json()).into_owned();
    // The baseline, then each variant with what it changes.
    let labels: Vec<(String, String)> = study.runs[1..]
        .iter()
        .map(|v| {
            (
                lang.fill(Msg::VariantLabel, &[&v.label]),
                format!("{}: {}", v.title, v.overrides.join("; ")),
            )
        })
        .collect();
    let mut runs = vec![ReportRun {
        label: lang.text(Msg::Baseline),
        description: "",
        model,
        results: &results[0],
    }];
    for ((v, r), (label, description)) in study.runs[1..].iter().zip(&results[1..]).zip(&labels) {
        runs.push(ReportRun {
            label,
            description,
            model: &v.model,
            results: r,
        });
    }
    let queue = study
        .runs
        .iter()
        .zip(results)
        .zip(&executed.queues)
        .map(|((r, res), q)| {
            let label = if r.label.is_empty() {
                lang.text(Msg::Baseline).to_string()
            } else {
                lang.fill(Msg::VariantLabel, &[&r.label])
            };
            (label, crate::export::queue::summary_lines(&r.model, res, q))
        })
        .collect();
    let report = Report {
        queue,
        runs,
        sensitivity,
        charts,
        at_p80,
        scenario_path: &study.path.display().to_string(),
        scenario_text: &scenario_text,
        overrides: &manifest.overrides,
        manifest_json: &manifest_json,
    };
    Ok(render(&report).into_bytes())
}
