//! `regsim compare`: the baseline against its variants (or the first file against the
//! others), with common random numbers, pathway by pathway.
//!
//! Every run uses the baseline's seed and number of iterations (see
//! [`crate::pipeline::study`] for the rule, and [`crate::commands::whatif`] for when
//! the pairing holds stage by stage); the runs go through the engine side by side, so
//! memory does not grow with the iterations. Writes compare.csv (see
//! [`crate::export::compare`]) and compare.png/.svg into `output/<scenario>/compare/`
//! unless `-o` says otherwise.

use crate::export::text_table::columns;
use crate::lang::Msg;
use std::path::PathBuf;
use std::time::Instant;

use super::whatif::{RunOptions, output_dir};
use crate::engine::lockstep::PathwayPairs;
use crate::engine::paired::{self, Paired};
use crate::engine::results::Metric;
use crate::engine::results::RunResults;
use crate::export::chart::compare::render_compare;
use crate::export::compare::{CompareRow, compare_csv};
use crate::export::comparison::{self, ComparedRun};
use crate::export::csv::num;
use crate::export::files::OutputFolder;
use crate::export::manifest::Timings;
use crate::export::state::{Recipe, STATE_FILE};
use crate::failure::Failure;
use crate::pipeline::{self, Executed, ManifestFacts, OutputPlan, Study, load_runs, study::Shard};
use crate::scenario::variants::{self, ScenarioRun, parse_set};
use crate::scenario::{self, LoadedScenario};

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
    /// Run only the K-th of N slices of the iterations (K from 1) and write state.json
    /// for `regsim merge`, which writes the comparison of the whole run.
    #[arg(long, value_name = "K/N")]
    pub shard: Option<String>,
}

/// Runs `regsim compare`.
pub fn compare(args: &CompareArgs) -> Result<(), Failure> {
    let sampling = args.options.sampling();
    sampling.check(args.options.threads)?;
    let load_started = Instant::now();
    let shard = args.shard.as_deref().map(Shard::parse).transpose()?;
    let (loaded, mut study) = study(args, sampling)?;
    study.shard = shard;
    if shard.is_some() && study.baseline().model.agency.is_some() {
        return Err(Failure::BadInput(
            "error: --shard does not split an agency's queue: compare pairs its replications as wholes\n  = help: run it without --shard, with fewer replications (-n) if it is too long\n".into(),
        ));
    }
    let threads = pipeline::thread_count(args.options.threads);
    let pool = pipeline::pool(threads)?;
    let dir = output_dir(&args.options.output, &loaded[0], "compare");
    // Open the folder before the long work, so that a bad path fails at once.
    let out = OutputFolder::open(&dir)?;
    let load_seconds = load_started.elapsed().as_secs_f64();
    let executed = pool.install(|| pipeline::execute(&study, args.options.quiet, |_| Ok(())))?;
    let ctx = Context {
        args,
        loaded: &loaded,
        study: &study,
        threads,
        load_seconds,
    };
    match shard {
        Some(_) => write_state(&ctx, out, &executed),
        None => pool.install(|| write_outputs(&ctx, out, &executed)),
    }
}

/// The comparison of the unsplit run from merged shards (see `regsim merge`): the files
/// loaded again as the shards were given them (refused if one changed since), the
/// study rebuilt from the same arguments, the merged runs and pairs written by the same
/// plan as `compare`'s.
pub(crate) fn write_merged(
    recipe: &Recipe,
    runs: Vec<RunResults>,
    pairs: Vec<Vec<PathwayPairs>>,
    options: RunOptions,
    seconds: f64,
) -> Result<(), Failure> {
    let args = CompareArgs {
        scenarios: std::iter::once(&recipe.scenario)
            .chain(recipe.compared.iter().map(|[p, _]| p))
            .map(PathBuf::from)
            .collect(),
        variant: recipe.variants.clone(),
        set: recipe.set.clone(),
        options: RunOptions {
            iterations: recipe.iterations,
            seed: recipe.seed,
            ..options
        },
        shard: None,
    };
    args.options.sampling().check(args.options.threads)?;
    let (loaded, study) = study(&args, args.options.sampling())?;
    let hashes = std::iter::once(&recipe.sha256).chain(recipe.compared.iter().map(|[_, h]| h));
    for ((path, l), want) in args.scenarios.iter().zip(&loaded).zip(hashes) {
        if &l.sha256 != want {
            return Err(Failure::BadInput(format!(
                "error: {} has changed since the shards ran (SHA-256 {}, the shards' {want})\n  = help: merge shards with the scenario files they were run from, or run the shards again\n",
                path.display(),
                l.sha256
            )));
        }
    }
    let fits = study.is_shape_of(&runs)
        && pairs.len() == runs.len()
        && runs
            .iter()
            .zip(&pairs)
            .all(|(r, p)| p.len() == r.pathways.len());
    if !fits {
        return Err(Failure::BadInput(format!(
            "error: the shards' results do not fit the comparison of {} (its runs, seeds, iterations or pathways differ)\n  = help: merge shards with the regsim and the scenarios they were run with\n",
            recipe.scenario
        )));
    }
    let executed = Executed {
        runs,
        pairs,
        precision: None,
        queues: Vec::new(),
        seconds,
    };
    let threads = pipeline::thread_count(args.options.threads);
    let dir = output_dir(&args.options.output, &loaded[0], "compare");
    let out = OutputFolder::open(&dir)?;
    let ctx = Context {
        args: &args,
        loaded: &loaded,
        study: &study,
        threads,
        load_seconds: 0.0,
    };
    pipeline::pool(threads)?.install(|| write_outputs(&ctx, out, &executed))
}

/// What the outputs of a comparison are written from.
struct Context<'a> {
    args: &'a CompareArgs,
    loaded: &'a [LoadedScenario],
    study: &'a Study,
    threads: usize,
    load_seconds: f64,
}

impl Context<'_> {
    fn facts(&self, executed: &Executed, export_started: Instant) -> ManifestFacts {
        let (args, study) = (self.args, self.study);
        let several_files = args.scenarios.len() > 1;
        let mut overrides: Vec<String> = args.set.clone();
        if !several_files {
            for r in &study.runs[1..] {
                overrides.push(format!("variant {}: {}", r.label, r.overrides.join("; ")));
            }
        }
        let base = study.baseline();
        ManifestFacts {
            scenarios: args
                .scenarios
                .iter()
                .zip(self.loaded)
                .map(|(p, l)| (p.display().to_string(), l.sha256.clone()))
                .collect(),
            seed: base.seed,
            iterations: study.range(0).end - study.range(0).start,
            submitted: base.model.submitted.to_string(),
            overrides,
            threads: self.threads,
            timings: Timings {
                load_seconds: self.load_seconds,
                simulate_seconds: executed.seconds,
                export_seconds: export_started.elapsed().as_secs_f64(),
                sensitivity_seconds: None,
            },
            ..Default::default()
        }
    }
}

/// A shard's folder: state.json (with the pairs) and the manifest.
fn write_state(ctx: &Context, out: OutputFolder, executed: &Executed) -> Result<(), Failure> {
    let t = Instant::now();
    let args = ctx.args;
    let recipe = Recipe {
        scenario: args.scenarios[0].display().to_string(),
        sha256: ctx.loaded[0].sha256.clone(),
        submitted: None,
        set: args.set.clone(),
        variants: args.variant.clone(),
        iterations: args.options.iterations,
        seed: args.options.seed,
        compared: args.scenarios[1..]
            .iter()
            .zip(&ctx.loaded[1..])
            .map(|(p, l)| [p.display().to_string(), l.sha256.clone()])
            .collect(),
    };
    let mut plan = OutputPlan::new();
    plan.state(ctx.study, executed, "compare", recipe);
    let dir = pipeline::finish(out, plan, || ctx.facts(executed, t), None)?;
    if !args.options.quiet {
        println!("compare shard: state in {}", dir.join(STATE_FILE).display());
    }
    Ok(())
}

/// compare.csv and the chart, from the paired results: the unsplit run's or the merged
/// shards'.
fn write_outputs(ctx: &Context, out: OutputFolder, executed: &Executed) -> Result<(), Failure> {
    let (args, study) = (ctx.args, ctx.study);
    let export_started = Instant::now();
    let sim: Vec<ComparedRun> = study
        .runs
        .iter()
        .zip(&executed.runs)
        .zip(&executed.pairs)
        .enumerate()
        .map(|(k, ((r, results), pairs))| ComparedRun {
            label: &r.label,
            title: &r.title,
            model: &r.model,
            results,
            pairs,
            queue: executed.queues.get(k),
        })
        .collect();
    let rows = comparison::rows(&sim);
    let formats = args.options.formats();
    let mut plan = OutputPlan::new();
    if formats.csv {
        plan.bytes("compare.csv", compare_csv(&sim[0].model.name, &rows)?);
    }
    let chart = comparison::compare_chart(&sim);
    plan.chart("compare", &formats, move |f, p| {
        render_compare(&chart, f, p)
    });
    let facts = || ctx.facts(executed, export_started);
    let pages = args.options.pages();
    let dir = pipeline::outputs::finish_pages(out, plan, facts, &pages)?;
    if args.options.json {
        println!(
            "{}",
            crate::export::json::line(&dir, "compare.csv", "compare")?
        );
    } else if !args.options.quiet {
        print_table(&sim[0], &rows, executed.seconds);
        let lang = args.options.lang;
        println!(
            "{}",
            lang.fill(crate::lang::Msg::OutputsIn, &[&dir.display()])
        );
    }
    Ok(())
}

/// The study `compare` runs: the file's baseline and its variants, or the first file
/// and the others (on the first's seed and iterations); paired.
fn study(
    args: &CompareArgs,
    sampling: pipeline::Sampling,
) -> Result<(Vec<LoadedScenario>, Study), Failure> {
    let set = parse_set(&args.set).map_err(Failure::BadInput)?;
    let first = &args.scenarios[0];
    if args.scenarios.len() == 1 {
        let loaded = scenario::load(first, &args.options.overrides())
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
        // The file read once: its variants built on the document already loaded.
        let runs = variants::runs(first, &loaded, &set, &ids, &args.options.overrides())
            .map_err(|d| Failure::BadInput(d.to_string()))?;
        let study = Study::of_runs(first.clone(), runs, sampling).paired()?;
        return Ok((vec![loaded], study));
    }
    if !args.variant.is_empty() {
        return Err(Failure::BadInput(
            "error: --variant picks variants of one file; with several files the first is compared with each of the others\n".into(),
        ));
    }
    let mut runs: Vec<ScenarioRun> = Vec::new();
    let mut loaded_all = Vec::new();
    let mut errors = String::new();
    for path in &args.scenarios {
        match load_runs(path, &set, &[], &args.options.overrides()) {
            Ok((loaded, mut list)) => {
                let mut run = list.remove(0);
                // The other files are told apart by their names.
                if !runs.is_empty() {
                    run.variant = loaded.stem.clone();
                }
                runs.push(run);
                loaded_all.push(loaded);
            }
            Err(Failure::BadInput(e)) => errors.push_str(&e),
            Err(e) => return Err(e),
        }
    }
    if !errors.is_empty() {
        return Err(Failure::BadInput(errors));
    }
    let stems: Vec<&str> = runs.iter().skip(1).map(|r| r.variant.as_str()).collect();
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
    let study = Study::of_runs(first.clone(), runs, sampling)
        .align_to_baseline()
        .paired()?;
    Ok((loaded_all, study))
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

fn print_table(base: &ComparedRun, rows: &[CompareRow], seconds: f64) {
    let lang = base.model.lang;
    let seconds = format!("{seconds:.2}");
    let r = base.results;
    println!(
        "{}",
        lang.fill(
            Msg::CompareHeadline,
            &[&base.model.title, &r.iterations, &r.seed, &seconds]
        )
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
        lang.text(Msg::ColVariant),
        lang.text(Msg::ColPathway),
        "p50",
        lang.text(Msg::ColChangeCi),
        "p80",
        lang.text(Msg::ColChangeCi),
        lang.text(Msg::ColFaster),
        lang.text(Msg::ColTargetMet),
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
                .map(|c| columns(&c[k]))
                .chain([columns(head[k])])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |c: &[&str]| {
        let parts: Vec<String> = c
            .iter()
            .zip(&widths)
            .map(|(s, w)| format!("{s}{}", " ".repeat(w - columns(s))))
            .collect();
        println!("  {}", parts.join("  ").trim_end());
    };
    line(&head);
    for c in &cells {
        line(&c.iter().map(String::as_str).collect::<Vec<_>>());
    }
    if shown.is_empty() {
        println!("{}", lang.text(Msg::NoReviewDaysChange));
    }
    if base.queue.is_some() {
        println!(
            "  review days, submission to approval, waits for reviewers included; change = variant - baseline, paired by replication"
        );
        for r in rows.iter().filter(|r| r.metric == Metric::QueueWaitDays) {
            let c = &r.paired.mean_change;
            println!(
                "  {} {}: the mean wait for reviewers changes by {} days ({} to {})",
                r.variant,
                r.pathway,
                signed(c.estimate),
                signed(c.low),
                signed(c.high)
            );
        }
    } else {
        println!(
            "  review days, submission to approval; change = variant - baseline, paired by iteration"
        );
    }
}
