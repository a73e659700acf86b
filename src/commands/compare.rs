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

use anyhow::Context;
use clap::ValueEnum;

use super::whatif::{PerIteration, Sampling, load_runs, simulate};
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
use crate::scenario::validate::MAX_ITERATIONS;
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
    /// Output folder [default: output/<scenario file name>/compare].
    #[arg(short, long, value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// Monte Carlo iterations [default: the baseline's].
    #[arg(short = 'n', long, value_name = "N")]
    pub iterations: Option<u64>,
    /// Random seed [default: the baseline's].
    #[arg(long, value_name = "N")]
    pub seed: Option<u64>,
    /// Which outputs to write.
    #[arg(long, value_delimiter = ',', default_value = "csv,png,svg")]
    pub format: Vec<Output>,
    /// Worker threads [default: all cores]. Results do not depend on it.
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
    /// Print only errors.
    #[arg(short, long)]
    pub quiet: bool,
}

/// An output of `compare` and `sweep`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Output {
    /// The CSV table.
    Csv,
    /// The chart as PNG.
    Png,
    /// The chart as SVG.
    Svg,
}

/// One simulated run.
struct Simulated {
    label: String,
    run: ScenarioRun,
    results: RunResults,
    per: PerIteration,
}

/// Checks `-n` and `--threads` as `run` does.
pub fn check_sampling(iterations: Option<u64>, threads: Option<usize>) -> Result<(), Failure> {
    if let Some(n) = iterations.filter(|&n| n == 0 || n > MAX_ITERATIONS) {
        return Err(Failure::BadInput(format!(
            "error: --iterations must be between 1 and {MAX_ITERATIONS}, not {n}\n"
        )));
    }
    if threads == Some(0) {
        return Err(Failure::BadInput(
            "error: --threads must be at least 1\n".into(),
        ));
    }
    Ok(())
}

/// A rayon pool of `threads` workers (all cores by default).
pub fn pool(threads: Option<usize>) -> Result<rayon::ThreadPool, Failure> {
    let threads =
        threads.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    Ok(rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .context("cannot start the worker threads")?)
}

/// Runs `regsim compare`.
pub fn compare(args: &CompareArgs) -> Result<(), Failure> {
    check_sampling(args.iterations, args.threads)?;
    let set = parse_set(&args.set).map_err(Failure::BadInput)?;
    let first = &args.scenarios[0];
    let mut runs: Vec<(String, ScenarioRun)> = Vec::new();
    let base_loaded;
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
        base_loaded = loaded;
        runs.extend(list.into_iter().map(|r| (r.variant.clone(), r)));
    } else {
        if !args.variant.is_empty() {
            return Err(Failure::BadInput(
                "error: --variant picks variants of one file; with several files the first is compared with each of the others\n".into(),
            ));
        }
        let mut loaded_first = None;
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
                    loaded_first.get_or_insert(loaded);
                }
                Err(Failure::BadInput(e)) => errors.push_str(&e),
                Err(e) => return Err(e),
            }
        }
        if !errors.is_empty() {
            return Err(Failure::BadInput(errors));
        }
        base_loaded = loaded_first.expect("at least one file");
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
        iterations: Some(args.iterations.unwrap_or(base_model.iterations)),
        seed: args.seed,
    };
    let base_seed = args.seed.unwrap_or(base_model.seed);
    let pool = pool(args.threads)?;
    let started = Instant::now();
    let mut simulated = Vec::new();
    for (label, run) in runs {
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

    let rows = pool.install(|| rows(&simulated));
    let dir = args.output.clone().unwrap_or_else(|| {
        std::path::Path::new("output")
            .join(&base_loaded.stem)
            .join("compare")
    });
    let mut out = OutputFolder::open(&dir)?;
    let base = &simulated[0];
    if args.format.contains(&Output::Csv) {
        out.write("compare.csv", &compare_csv(&base.run.model.name, &rows)?)?;
    }
    let chart = chart(&simulated);
    for (wanted, format) in [
        (Output::Png, ImageFormat::Png),
        (Output::Svg, ImageFormat::Svg),
    ] {
        if args.format.contains(&wanted) {
            let p = out.stage(&format!("compare.{}", format.extension()));
            render_compare(&chart, format, &p)?;
        }
    }
    let dir = out.dir().to_path_buf();
    out.commit()?;
    if !args.quiet {
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
    let t = p.target.filter(|t| match t.clock {
        TargetClock::Total => metric == Metric::ReviewDays,
        TargetClock::Regulator => metric == Metric::RegulatorDays,
    })?;
    let met = values.iter().filter(|&&v| v as f64 <= t.days).count();
    Some((t.days, met as f64 / values.len().max(1) as f64))
}

fn rows(sim: &[Simulated]) -> Vec<CompareRow> {
    let base = &sim[0];
    let mut rows = Vec::new();
    for v in &sim[1..] {
        for (vi, vp) in v.run.model.pathways.iter().enumerate() {
            let Some((bi, bp)) = same_pathway(&base.run.model, &v.run.model, vp) else {
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

fn chart(sim: &[Simulated]) -> CompareChart<'_> {
    let base = &sim[0];
    let model = &base.run.model;
    let mut shown: Vec<usize> = (0..model.pathways.len())
        .filter(|&i| changed(sim, i))
        .collect();
    let unchanged = model.pathways.len() - shown.len();
    if shown.is_empty() {
        shown = (0..model.pathways.len()).collect();
    }
    let hidden = shown.len().saturating_sub(MAX_PANELS);
    shown.truncate(MAX_PANELS);
    let panels = shown
        .iter()
        .map(|&bi| {
            let p = &model.pathways[bi];
            let (hists, targets) = sim
                .iter()
                .map(|s| match same_pathway(&s.run.model, model, p) {
                    Some((i, q)) => (
                        Some(&s.results.pathways[i].review_days),
                        q.target
                            .filter(|t| t.clock == TargetClock::Total)
                            .map(|t| t.days),
                    ),
                    None => (None, None),
                })
                .unzip();
            ComparePanel {
                title: p.title.clone(),
                hists,
                targets,
            }
        })
        .collect();
    let mut subtitle = format!(
        "Review days, baseline and {} with common random numbers: {} (seed {})",
        if sim.len() == 2 {
            "variant".to_string()
        } else {
            format!("{} variants", sim.len() - 1)
        },
        crate::export::chart::iterations(base.results.iterations),
        base.results.seed
    );
    if unchanged > 0 && unchanged < model.pathways.len() {
        let s = if unchanged == 1 { "" } else { "s" };
        subtitle.push_str(&format!("; {unchanged} unchanged pathway{s} not shown"));
    }
    if hidden > 0 {
        subtitle.push_str(&format!("; {hidden} more changed pathways in compare.csv"));
    }
    CompareChart {
        title: model.title.clone(),
        subtitle,
        runs: sim
            .iter()
            .map(|s| {
                if s.label.is_empty() {
                    "Baseline".to_string()
                } else if s.run.title == s.label || s.run.title == "baseline" {
                    s.run.model.title.clone()
                } else {
                    s.run.title.clone()
                }
            })
            .collect(),
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

fn interval(i: &paired::Interval) -> String {
    if i.low.is_finite() {
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
            r.paired.faster_share + r.paired.slower_share > 0.0
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
                format!("{} → {}", num(p.baseline_p50), num(p.variant_p50)),
                interval(&p.p50_change),
                format!("{} → {}", num(p.baseline_p80), num(p.variant_p80)),
                interval(&p.p80_change),
                format!("{:.1}%", p.faster_share * 100.0),
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
