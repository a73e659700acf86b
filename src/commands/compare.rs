//! `regsim compare`: the baseline against its variants (or the first file against the
//! others), with common random numbers, pathway by pathway.
//!
//! Every run uses the baseline's seed and number of iterations (unless a variant sets
//! its own seed, which it then means), so iteration i of every run draws the same
//! random numbers and the differences are paired (see
//! [`crate::commands::whatif`] for when that pairing holds stage by stage). Writes
//! compare.csv (see [`crate::export::compare`]) and compare.png/.svg into
//! `output/<scenario>/compare/` unless `-o` says otherwise.

use std::path::PathBuf;
use std::time::Instant;

use super::whatif::{
    Output, PerIteration, RunOptions, Sampling, check_sampling, load_runs, pool, simulate,
};
use crate::cli::Failure;
use crate::engine::monte_carlo::MonteCarlo;
use crate::engine::paired::{self, Paired};
use crate::engine::results::{METRICS, Metric, RunResults};
use crate::export::chart::ImageFormat;
use crate::export::chart::compare::{CompareChart, ComparePanel, render_compare};
use crate::export::compare::{CompareRow, compare_csv};
use crate::export::csv::num;
use crate::export::files::OutputFolder;
use crate::model::{Model, Pathway, TargetClock};
use crate::scenario::variants::{ScenarioRun, parse_set};
use crate::scenario::{self, Overrides};

/// Arguments of `regsim compare`.
#[derive(Debug, clap::Args)]
pub struct CompareArgs {
    /// Scenario file (TOML); with several, the first is the baseline and each other
    /// file is compared with it.
    #[arg(required = true)]
    pub scenarios: Vec<PathBuf>,
    /// A variant of the file to compare with its baseline (repeatable) [default: every
    /// variant of the file].
    #[arg(long = "variant", value_name = "ID")]
    pub variant: Vec<String>,
    /// Override a field in the baseline and every variant alike: PATH=VALUE,
    /// PATH=*FACTOR or PATH=+DAYS (repeatable).
    #[arg(long = "set", value_name = "PATH=VALUE")]
    pub set: Vec<String>,
    /// Output, sampling and threads.
    #[command(flatten)]
    pub options: RunOptions,
}

/// One simulated run.
struct Simulated {
    label: String,
    run: ScenarioRun,
    results: RunResults,
    per: PerIteration,
}

/// Runs `regsim compare`.
pub fn compare(args: &CompareArgs) -> Result<(), Failure> {
    check_sampling(args.options.iterations, args.options.threads)?;
    let set = parse_set(&args.set).map_err(Failure::BadInput)?;
    let load_started = Instant::now();
    let first = &args.scenarios[0];
    let mut runs: Vec<(String, ScenarioRun)> = Vec::new();
    let mut loaded_all = Vec::new();
    if args.scenarios.len() == 1 {
        let loaded = scenario::load(first, &Overrides::default())
            .map_err(|d| Failure::BadInput(d.to_string()))?;
        let ids: Vec<String> = if args.variant.is_empty() {
            loaded.variants.iter().map(|v| v.id.clone()).collect()
        } else {
            args.variant.clone()
        };
        if ids.is_empty() {
            return Err(Failure::BadInput(format!(
                "error: {} has no [[variant]] to compare with its baseline\n  = help: add a [[variant]] (see docs/what-if.md), or give several scenario files to compare them\n",
                first.display()
            )));
        }
        let (loaded, list) = load_runs(first, &set, &ids, &Overrides::default())?;
        loaded_all.push(loaded);
        runs.extend(list.into_iter().map(|r| (r.variant.clone(), r)));
    } else {
        if !args.variant.is_empty() {
            return Err(Failure::BadInput(
                "error: --variant picks variants of one file; with several files the first is compared with each of the others\n".into(),
            ));
        }
        let mut errors = String::new();
        for path in &args.scenarios {
            match load_runs(path, &set, &[], &Overrides::default()) {
                Ok((loaded, mut list)) => {
                    let run = list.remove(0);
                    let label = if runs.is_empty() {
                        String::new()
                    } else {
                        loaded.stem.clone()
                    };
                    runs.push((label, run));
                    loaded_all.push(loaded);
                }
                Err(Failure::BadInput(e)) => errors.push_str(&e),
                Err(e) => return Err(e),
            }
        }
        if !errors.is_empty() {
            return Err(Failure::BadInput(errors));
        }
        let stems: Vec<&str> = runs.iter().skip(1).map(|(l, _)| l.as_str()).collect();
        if let Some(dup) = stems
            .iter()
            .enumerate()
            .find(|(i, s)| stems[..*i].contains(s))
        {
            return Err(Failure::BadInput(format!(
                "error: two files are named `{}`; compared files are told apart by their names\n",
                dup.1
            )));
        }
    }

    let several_files = args.scenarios.len() > 1;
    let base_model = &runs[0].1.model;
    let sampling = Sampling {
        iterations: Some(args.options.iterations.unwrap_or(base_model.iterations)),
        seed: args.options.seed,
    };
    let base_seed = args.options.seed.unwrap_or(base_model.seed);
    let base_loaded = &loaded_all[0];
    let threads = args.options.thread_count();
    let pool = pool(threads)?;
    let dir = super::whatif::output_dir(&args.options.output, base_loaded, "compare");
    // Open the folder before the long work, so that a bad path fails at once.
    let mut out = OutputFolder::open(&dir)?;
    let load_seconds = load_started.elapsed().as_secs_f64();
    let started = Instant::now();
    let mut simulated = Vec::new();
    let mut overrides: Vec<String> = args.set.clone();
    for (label, run) in runs {
        if !label.is_empty() && !several_files {
            overrides.push(format!("variant {label}: {}", run.overrides.join("; ")));
        }
        let mut mc: MonteCarlo = sampling.for_model(&run.model, true);
        if several_files {
            mc.seed = base_seed;
        }
        let (results, per) = pool.install(|| simulate(first, &run.model, mc, true))?;
        simulated.push(Simulated {
            label,
            run,
            results,
            per,
        });
    }
    let seconds = started.elapsed().as_secs_f64();

    let export_started = Instant::now();
    let rows = pool.install(|| rows(&simulated));
    let base = &simulated[0];
    let mut files = Vec::new();
    if args.options.format.contains(&Output::Csv) {
        out.write("compare.csv", &compare_csv(&base.run.model.name, &rows)?)?;
        files.push("compare.csv".to_string());
    }
    let chart = chart(&simulated);
    for (wanted, format) in [
        (Output::Png, ImageFormat::Png),
        (Output::Svg, ImageFormat::Svg),
    ] {
        if args.options.format.contains(&wanted) {
            let name = format!("compare.{}", format.extension());
            let p = out.stage(&name);
            render_compare(&chart, format, &p)?;
            files.push(name);
        }
    }
    let manifest = super::whatif::manifest(super::whatif::ManifestFacts {
        scenarios: args
            .scenarios
            .iter()
            .map(PathBuf::as_path)
            .zip(&loaded_all)
            .collect(),
        mc: MonteCarlo {
            iterations: base.results.iterations,
            seed: base.results.seed,
            keep_rows: true,
        },
        submitted: base.run.model.submitted.to_string(),
        overrides,
        threads,
        timings: crate::export::manifest::Timings {
            load_seconds,
            simulate_seconds: seconds,
            export_seconds: export_started.elapsed().as_secs_f64(),
            sensitivity_seconds: None,
        },
        files,
    });
    out.write("manifest.json", &manifest)?;
    let dir = out.dir().to_path_buf();
    out.commit()?;
    if !args.options.quiet {
        print_table(&simulated, &rows, seconds);
        println!("  outputs in {}", dir.display());
    }
    Ok(())
}

/// The pathway of `model` that is `p` of another model: the same product and id.
fn same_pathway<'m>(model: &'m Model, other: &Model, p: &Pathway) -> Option<(usize, &'m Pathway)> {
    model
        .pathways
        .iter()
        .enumerate()
        .find(|(_, q)| q.id == p.id && q.product_id(model) == p.product_id(other))
}

/// The target on `metric` and the share of `values` meeting it.
fn target(p: &Pathway, metric: Metric, values: &[u32]) -> Option<(f64, f64)> {
    let t = metric.target(p.target)?;
    let met = values.iter().filter(|&&v| v as f64 <= t.days).count();
    Some((t.days, met as f64 / values.len().max(1) as f64))
}

fn rows(sim: &[Simulated]) -> Vec<CompareRow> {
    let base = &sim[0];
    let mut rows = Vec::new();
    for v in &sim[1..] {
        // A pathway open in one run only (a variant that changes eligibility): its
        // own percentiles, the other side's columns empty.
        for (bi, bp) in base.run.model.pathways.iter().enumerate() {
            if same_pathway(&v.run.model, &base.run.model, bp).is_none() {
                rows.extend(one_sided(
                    &v.label,
                    &base.run.model,
                    bp,
                    &base.per.values[bi],
                    false,
                ));
            }
        }
        for (vi, vp) in v.run.model.pathways.iter().enumerate() {
            let Some((bi, bp)) = same_pathway(&base.run.model, &v.run.model, vp) else {
                rows.extend(one_sided(
                    &v.label,
                    &v.run.model,
                    vp,
                    &v.per.values[vi],
                    true,
                ));
                continue;
            };
            let bs: Vec<&[u32]> = base.per.values[bi].iter().map(Vec::as_slice).collect();
            let xs: Vec<&[u32]> = v.per.values[vi].iter().map(Vec::as_slice).collect();
            let all = paired::compare_metrics(&bs, &xs);
            for (m, (metric, paired)) in METRICS.iter().zip(all).enumerate() {
                let (b, x) = (bs[m], xs[m]);
                let Some(paired) = paired else {
                    continue;
                };
                rows.push(CompareRow {
                    variant: v.label.clone(),
                    product: vp.product_id(&v.run.model).to_string(),
                    pathway: vp.id.clone(),
                    metric: *metric,
                    paired,
                    baseline_target: target(bp, *metric, b),
                    variant_target: target(vp, *metric, x),
                });
            }
        }
    }
    rows
}

/// Rows for a pathway that only the variant (`in_variant`) or only the baseline has.
fn one_sided(
    label: &str,
    model: &Model,
    p: &Pathway,
    values: &[Vec<u32>; 4],
    in_variant: bool,
) -> Vec<CompareRow> {
    let none = paired::Interval {
        estimate: f64::NAN,
        low: f64::NAN,
        high: f64::NAN,
    };
    METRICS
        .iter()
        .zip(values)
        .filter(|(_, v)| !v.is_empty())
        .map(|(metric, v)| {
            let h = |q: f64| {
                let mut hist = crate::engine::stats::DayHistogram::new();
                v.iter().for_each(|&d| hist.add(d));
                hist.percentile(q).unwrap_or(f64::NAN)
            };
            let (p50, p80) = (h(50.0), h(80.0));
            let side = |x: f64| {
                if in_variant {
                    (f64::NAN, x)
                } else {
                    (x, f64::NAN)
                }
            };
            let t = target(p, *metric, v);
            CompareRow {
                variant: label.to_string(),
                product: p.product_id(model).to_string(),
                pathway: p.id.clone(),
                metric: *metric,
                paired: Paired {
                    iterations: v.len() as u64,
                    baseline_p50: side(p50).0,
                    variant_p50: side(p50).1,
                    p50_change: none,
                    baseline_p80: side(p80).0,
                    variant_p80: side(p80).1,
                    p80_change: none,
                    mean_change: none,
                    faster_share: f64::NAN,
                    slower_share: f64::NAN,
                },
                baseline_target: if in_variant { None } else { t },
                variant_target: if in_variant { t } else { None },
            }
        })
        .collect()
}

/// Whether any run's review days differ from the baseline's in some iteration.
fn changed(sim: &[Simulated], bi: usize) -> bool {
    let base = &sim[0];
    let p = &base.run.model.pathways[bi];
    sim[1..]
        .iter()
        .any(|v| match same_pathway(&v.run.model, &base.run.model, p) {
            Some((vi, vp)) => {
                v.per.values[vi][0] != base.per.values[bi][0] || vp.target != p.target
            }
            None => true,
        })
}

/// At most this many pathways in the chart: rows stay legible on a slide.
const MAX_PANELS: usize = 4;

/// One run as the comparison chart shows it.
pub struct ChartRun<'a> {
    /// The legend's label.
    pub legend: String,
    /// The model simulated.
    pub model: &'a Model,
    /// Its results.
    pub results: &'a RunResults,
}

/// The legend label of a run: "Baseline", a variant's title, or a compared file's
/// scenario title.
fn legend(label: &str, run: &ScenarioRun) -> String {
    if label.is_empty() {
        "Baseline".to_string()
    } else if run.title == label || run.title == "baseline" {
        run.model.title.clone()
    } else {
        run.title.clone()
    }
}

fn chart(sim: &[Simulated]) -> CompareChart<'_> {
    let runs: Vec<ChartRun> = sim
        .iter()
        .map(|s| ChartRun {
            legend: legend(&s.label, &s.run),
            model: &s.run.model,
            results: &s.results,
        })
        .collect();
    comparison_chart(&runs, &|bi| changed(sim, bi), "compare.csv")
}

/// The comparison chart of `run --variant`: the baseline and its variants, from their
/// histograms (a pathway is shown when some variant's distribution or target differs).
pub fn run_chart<'a>(
    model: &'a Model,
    results: &'a RunResults,
    variants: &[(&'a ScenarioRun, &'a RunResults)],
) -> CompareChart<'a> {
    let mut runs = vec![ChartRun {
        legend: "Baseline".into(),
        model,
        results,
    }];
    runs.extend(variants.iter().map(|&(v, r)| ChartRun {
        legend: legend(&v.variant, v),
        model: &v.model,
        results: r,
    }));
    let changed = |bi: usize| {
        let p = &model.pathways[bi];
        variants
            .iter()
            .any(|&(v, r)| match same_pathway(&v.model, model, p) {
                Some((vi, vp)) => {
                    r.pathways[vi].review_days != results.pathways[bi].review_days
                        || vp.target != p.target
                }
                None => true,
            })
    };
    comparison_chart(&runs, &changed, "summary.csv")
}

/// S-curves and boxes of review days, per pathway that `changed` (by the baseline's
/// index) says some run changes, at most `MAX_PANELS`; `more_in` names the file that
/// has the rest.
pub fn comparison_chart<'a>(
    runs: &[ChartRun<'a>],
    changed: &dyn Fn(usize) -> bool,
    more_in: &str,
) -> CompareChart<'a> {
    let base = &runs[0];
    let model = base.model;
    // Pathways some variant changes, then those only a variant has (a change of
    // eligibility), each as (run, index) of the run that has it.
    let mut shown: Vec<(usize, usize)> = (0..model.pathways.len())
        .filter(|&i| changed(i))
        .map(|i| (0, i))
        .collect();
    for (r, run) in runs.iter().enumerate().skip(1) {
        for (i, p) in run.model.pathways.iter().enumerate() {
            let known = shown.iter().any(|&(k, j)| {
                let q = &runs[k].model.pathways[j];
                q.id == p.id && q.product_id(runs[k].model) == p.product_id(run.model)
            });
            if !known && same_pathway(model, run.model, p).is_none() {
                shown.push((r, i));
            }
        }
    }
    let unchanged = model.pathways.len() - shown.iter().filter(|(k, _)| *k == 0).count();
    let only_new = !shown.is_empty() && unchanged == model.pathways.len();
    if shown.is_empty() {
        shown = (0..model.pathways.len()).map(|i| (0, i)).collect();
    }
    let hidden = shown.len().saturating_sub(MAX_PANELS);
    shown.truncate(MAX_PANELS);
    let panels = shown
        .iter()
        .map(|&(k, i)| {
            let owner = runs[k].model;
            let p = &owner.pathways[i];
            let (hists, targets) = runs
                .iter()
                .map(|s| match same_pathway(s.model, owner, p) {
                    Some((i, q)) => (
                        Some(&s.results.pathways[i].review_days),
                        q.target
                            .filter(|t| t.clock == TargetClock::Total)
                            .map(|t| t.days),
                    ),
                    None => (None, None),
                })
                .unzip();
            let title = if k > 0 {
                format!("{} (not open in the baseline)", p.title)
            } else {
                p.title.clone()
            };
            ComparePanel {
                title,
                hists,
                targets,
            }
        })
        .collect();
    let mut subtitle = format!(
        "Review days, baseline and {} with common random numbers: {} (seed {})",
        if runs.len() == 2 {
            "variant".to_string()
        } else {
            format!("{} variants", runs.len() - 1)
        },
        crate::export::chart::iterations(base.results.iterations),
        base.results.seed
    );
    if only_new {
        subtitle.push_str("; the baseline's pathways are unchanged");
    } else if unchanged > 0 && unchanged < model.pathways.len() {
        let s = if unchanged == 1 { "" } else { "s" };
        subtitle.push_str(&format!("; {unchanged} unchanged pathway{s} not shown"));
    }
    if hidden > 0 {
        subtitle.push_str(&format!("; {hidden} more changed pathways in {more_in}"));
    }
    CompareChart {
        title: model.title.clone(),
        subtitle,
        runs: runs.iter().map(|r| r.legend.clone()).collect(),
        panels,
    }
}

/// A change with its sign, to a tenth of a day.
fn signed(x: f64) -> String {
    let s = format!("{x:.1}");
    let s = s.trim_end_matches(".0");
    match s {
        "0" | "-0" => "0".into(),
        s if s.starts_with('-') => s.into(),
        s => format!("+{s}"),
    }
}

/// Days as the table shows them: "-" for a pathway the run does not have.
fn days(x: f64) -> String {
    if x.is_nan() { "-".into() } else { num(x) }
}

fn interval(i: &paired::Interval) -> String {
    if i.estimate.is_nan() {
        "-".into()
    } else if i.low.is_finite() {
        format!(
            "{} ({} to {})",
            signed(i.estimate),
            signed(i.low),
            signed(i.high)
        )
    } else {
        signed(i.estimate)
    }
}

fn print_table(sim: &[Simulated], rows: &[CompareRow], seconds: f64) {
    let base = &sim[0];
    println!(
        "{}: {} iterations, seed {}, common random numbers, {:.2} s",
        base.run.model.title, base.results.iterations, base.results.seed, seconds
    );
    let shown: Vec<&CompareRow> = rows
        .iter()
        .filter(|r| r.metric == Metric::ReviewDays)
        .filter(|r| {
            // NaN for a pathway in one run only: shown too.
            r.paired.faster_share + r.paired.slower_share != 0.0
                || r.baseline_target != r.variant_target
        })
        .collect();
    let head = [
        "variant",
        "pathway",
        "p50",
        "change (95% CI)",
        "p80",
        "change (95% CI)",
        "faster",
        "target met",
    ];
    let cells: Vec<[String; 8]> = shown
        .iter()
        .map(|r| {
            let p: &Paired = &r.paired;
            let pathway = if r.product.is_empty() {
                r.pathway.clone()
            } else {
                format!("{}/{}", r.product, r.pathway)
            };
            let target = match (r.baseline_target, r.variant_target) {
                (None, None) => "-".to_string(),
                (b, v) => {
                    let s = |t: Option<(f64, f64)>| {
                        t.map_or("-".into(), |(_, s)| format!("{:.1}%", s * 100.0))
                    };
                    format!("{} → {}", s(b), s(v))
                }
            };
            [
                r.variant.clone(),
                pathway,
                format!("{} → {}", days(p.baseline_p50), days(p.variant_p50)),
                interval(&p.p50_change),
                format!("{} → {}", days(p.baseline_p80), days(p.variant_p80)),
                interval(&p.p80_change),
                if p.faster_share.is_nan() {
                    "-".to_string()
                } else {
                    format!("{:.1}%", p.faster_share * 100.0)
                },
                target,
            ]
        })
        .collect();
    let widths: Vec<usize> = (0..8)
        .map(|k| {
            cells
                .iter()
                .map(|c| c[k].chars().count())
                .chain([head[k].len()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |c: &[&str]| {
        let parts: Vec<String> = c
            .iter()
            .zip(&widths)
            .map(|(s, w)| format!("{s}{}", " ".repeat(w - s.chars().count())))
            .collect();
        println!("  {}", parts.join("  ").trim_end());
    };
    line(&head);
    for c in &cells {
        line(&c.iter().map(String::as_str).collect::<Vec<_>>());
    }
    if shown.is_empty() {
        println!("  no pathway's review days change");
    }
    println!(
        "  review days, submission to approval; change = variant - baseline, paired by iteration"
    );
}
