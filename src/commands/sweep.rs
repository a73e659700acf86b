//! `regsim sweep SCENARIO --set PATH=START:END:STEP`: one run per value of a knob,
//! every run with the same seed (common random numbers), so the curve against the knob
//! is smooth and a monotone knob gives monotone percentiles wherever the pairing holds.
//!
//! The knob is the one `--set` whose value is a range `START:END:STEP` or a list
//! `A,B,C`, optionally after `*` or `+` (`PATH=*0.6:1.0:0.1` scales by 0.6, 0.7, ...,
//! 1.0); other `--set` overrides apply to every run. Writes sweep.csv (see
//! [`crate::export::sweep`]) and sweep.png/.svg into `output/<scenario>/sweep/` unless
//! `-o` says otherwise.

use crate::lang::Msg;
use std::path::PathBuf;
use std::time::Instant;

use super::whatif::RunOptions;
use crate::engine::results::RunResults;
use crate::export::chart::sweep::{SweepChart, SweepPanel, render_sweep};
use crate::export::csv::num;
use crate::export::files::OutputFolder;
use crate::export::state::{Recipe, STATE_FILE};
use crate::export::sweep::{SweepPoint, sweep_csv};
use crate::failure::Failure;
use crate::model::Model;
use crate::pipeline::{self, Executed, ManifestFacts, OutputPlan, Study, study::Shard};
use crate::scenario::overrides::{self, Override};
use crate::scenario::variants::{self, Origin, ScenarioRun};
use crate::scenario::{self, LoadedScenario};

/// The most values a sweep may have.
pub const MAX_VALUES: usize = 101;

/// Arguments of `regsim sweep`.
#[derive(Debug, clap::Args)]
pub struct SweepArgs {
    /// Scenario file (TOML).
    pub scenario: PathBuf,
    /// The knob, PATH=START:END:STEP or PATH=A,B,C (optionally *START:END:STEP to scale,
    /// +START:END:STEP to add days), and any fixed overrides PATH=VALUE (repeatable).
    #[arg(long = "set", value_name = "PATH=VALUES", required = true)]
    pub set: Vec<String>,
    /// Output, sampling and threads.
    #[command(flatten)]
    pub options: RunOptions,
    /// Run only the K-th of N slices of every value's iterations (K from 1) and write
    /// state.json for `regsim merge`, which writes the sweep of the whole run.
    #[arg(long, value_name = "K/N")]
    pub shard: Option<String>,
}

/// A knob: its path and the values it takes, each as written after `=`.
#[derive(Debug, Clone, PartialEq)]
pub struct Knob {
    /// The path, as given.
    pub path: String,
    /// `*`, `+` or nothing: what each value does.
    pub prefix: String,
    /// The values, as texts (numbers formatted without float noise).
    pub values: Vec<String>,
}

fn bad(arg: &str, message: impl std::fmt::Display, help: &str) -> String {
    format!("error: --set `{arg}`: {message}\n  = help: {help}\n")
}

/// Reads a `--set` as a knob, if its value is a range or a list; `Ok(None)` for a plain
/// override.
pub fn parse_knob(arg: &str) -> Result<Option<Knob>, String> {
    let Some((path, spec)) = arg.split_once('=') else {
        return Ok(None);
    };
    let spec = spec.trim();
    let (prefix, body) = match spec.chars().next() {
        Some(c @ ('*' | '+')) => (c.to_string(), &spec[1..]),
        _ => ("".to_string(), spec),
    };
    let list_like = body.contains(',') && !body.starts_with(['[', '{', '"', '\'']);
    let range_like =
        body.contains(':') && !body.starts_with(['[', '{', '"', '\'']) && !body.contains('T');
    let help = "a range is START:END:STEP (e.g. *0.6:1.0:0.1 or 180:365:30), a list A,B,C";
    let values: Vec<String> = if range_like {
        let parts: Vec<&str> = body.split(':').map(str::trim).collect();
        let nums: Vec<f64> = parts.iter().filter_map(|p| p.parse::<f64>().ok()).collect();
        if parts.len() != 3 || nums.len() != 3 || nums.iter().any(|x| !x.is_finite()) {
            return Err(bad(
                arg,
                format!("`{body}` is not a range of numbers"),
                help,
            ));
        }
        let (a, b, step) = (nums[0], nums[1], nums[2]);
        if step == 0.0 || (b - a) * step < 0.0 {
            return Err(bad(
                arg,
                format!(
                    "the step {} does not lead from {} to {}",
                    num(step),
                    num(a),
                    num(b)
                ),
                "the step must be non-zero and go in the direction from START to END, e.g. 100:50:-10",
            ));
        }
        let count = ((b - a) / step + 1e-9).floor() as usize + 1;
        if count > MAX_VALUES {
            return Err(bad(
                arg,
                format!("the range has {count} values, more than {MAX_VALUES}"),
                "use a larger step",
            ));
        }
        (0..count).map(|k| num(a + k as f64 * step)).collect()
    } else if list_like {
        let items: Vec<String> = body.split(',').map(|s| s.trim().to_string()).collect();
        if items.iter().any(String::is_empty) {
            return Err(bad(arg, "the list has an empty value", help));
        }
        if items.len() > MAX_VALUES {
            return Err(bad(
                arg,
                format!("the list has more than {MAX_VALUES} values"),
                help,
            ));
        }
        items
    } else {
        return Ok(None);
    };
    Ok(Some(Knob {
        path: path.trim().to_string(),
        prefix,
        values,
    }))
}

/// Runs `regsim sweep`.
pub fn sweep(args: &SweepArgs) -> Result<(), Failure> {
    let shard = args.shard.as_deref().map(Shard::parse).transpose()?;
    let load_started = Instant::now();
    let (knob, loaded, mut study) = prepare(args)?;
    study.shard = shard;
    if shard.is_some() && study.baseline().model.agency.is_some() {
        return Err(Failure::BadInput(
            "error: --shard does not split an agency's queue\n  = help: run the sweep without --shard, with fewer replications (-n) if it is too long\n".into(),
        ));
    }
    let threads = pipeline::thread_count(args.options.threads);
    let pool = pipeline::pool(threads)?;
    let dir = super::whatif::output_dir(&args.options.output, &loaded, "sweep");
    // Open the folder before the long work, so that a bad path fails at once.
    let out = OutputFolder::open(&dir)?;
    let load_seconds = load_started.elapsed().as_secs_f64();
    let executed = pool.install(|| pipeline::execute(&study, args.options.quiet, |_| Ok(())))?;
    let ctx = Context {
        args,
        knob: &knob,
        loaded: &loaded,
        study: &study,
        threads,
        load_seconds,
    };
    match shard {
        None => write_outputs(&ctx, out, &executed),
        Some(_) => {
            let t = Instant::now();
            let recipe = Recipe {
                scenario: args.scenario.display().to_string(),
                sha256: loaded.sha256.clone(),
                submitted: None,
                set: args.set.clone(),
                variants: Vec::new(),
                iterations: args.options.iterations,
                seed: args.options.seed,
                compared: Vec::new(),
            };
            let mut plan = OutputPlan::new();
            plan.state(&study, &executed, "sweep", recipe);
            let dir = pipeline::finish(out, plan, || ctx.facts(&executed, t), None)?;
            if !args.options.quiet {
                println!("sweep shard: state in {}", dir.join(STATE_FILE).display());
            }
            Ok(())
        }
    }
}

/// The sweep of the unsplit run from merged shards (see `regsim merge`): the scenario
/// loaded again (refused if it changed since the shards ran), the study rebuilt from the
/// same arguments, the merged runs written by the same plan as `sweep`'s.
pub(crate) fn write_merged(
    recipe: &Recipe,
    runs: Vec<RunResults>,
    options: RunOptions,
    seconds: f64,
) -> Result<(), Failure> {
    let args = SweepArgs {
        scenario: PathBuf::from(&recipe.scenario),
        set: recipe.set.clone(),
        options: RunOptions {
            iterations: recipe.iterations,
            seed: recipe.seed,
            ..options
        },
        shard: None,
    };
    let (knob, loaded, study) = prepare(&args)?;
    if loaded.sha256 != recipe.sha256 {
        return Err(Failure::BadInput(format!(
            "error: {} has changed since the shards ran (SHA-256 {}, the shards' {})\n  = help: merge shards with the scenario file they were run from, or run the shards again\n",
            recipe.scenario, loaded.sha256, recipe.sha256
        )));
    }
    if !study.is_shape_of(&runs) {
        return Err(Failure::BadInput(format!(
            "error: the shards' results do not fit the sweep of {} (its values, seeds, iterations or pathways differ)\n  = help: merge shards with the regsim and the scenario they were run with\n",
            recipe.scenario
        )));
    }
    let executed = Executed {
        runs,
        pairs: Vec::new(),
        precision: None,
        queues: Vec::new(),
        seconds,
    };
    let threads = pipeline::thread_count(args.options.threads);
    let dir = super::whatif::output_dir(&args.options.output, &loaded, "sweep");
    let out = OutputFolder::open(&dir)?;
    let ctx = Context {
        args: &args,
        knob: &knob,
        loaded: &loaded,
        study: &study,
        threads,
        load_seconds: 0.0,
    };
    write_outputs(&ctx, out, &executed)
}

/// What a sweep's outputs are written from.
struct Context<'a> {
    args: &'a SweepArgs,
    knob: &'a Knob,
    loaded: &'a LoadedScenario,
    study: &'a Study,
    threads: usize,
    load_seconds: f64,
}

impl Context<'_> {
    fn facts(&self, executed: &Executed, export_started: Instant) -> ManifestFacts {
        let base = self.study.baseline();
        ManifestFacts {
            scenarios: vec![(
                self.args.scenario.display().to_string(),
                self.loaded.sha256.clone(),
            )],
            seed: base.seed,
            iterations: self.study.range(0).end - self.study.range(0).start,
            submitted: base.model.submitted.to_string(),
            overrides: self.args.set.clone(),
            threads: self.threads,
            timings: crate::export::manifest::Timings {
                load_seconds: self.load_seconds,
                simulate_seconds: executed.seconds,
                export_seconds: export_started.elapsed().as_secs_f64(),
                sensitivity_seconds: None,
            },
            ..Default::default()
        }
    }
}

/// The knob, the scenario and the study of a sweep: one run per value.
fn prepare(args: &SweepArgs) -> Result<(Knob, LoadedScenario, Study), Failure> {
    args.options.sampling().check(args.options.threads)?;
    let mut knob = None;
    let mut fixed = Vec::new();
    for arg in &args.set {
        match parse_knob(arg).map_err(Failure::BadInput)? {
            Some(k) if knob.is_none() => knob = Some((arg.clone(), k)),
            Some(_) => {
                return Err(Failure::BadInput(format!(
                    "error: --set `{arg}`: a sweep has one knob, and `{}` is one already\n  = help: sweep one knob at a time; fix the others with PATH=VALUE\n",
                    knob.as_ref().map(|(a, _)| a.as_str()).unwrap_or_default()
                )));
            }
            None => fixed.push(arg.clone()),
        }
    }
    let Some((knob_arg, knob)) = knob else {
        return Err(Failure::BadInput(
            "error: a sweep needs a knob: --set PATH=START:END:STEP or --set PATH=A,B,C\n  = help: e.g. regsim sweep scenario.toml --set normal.team-review.duration=*0.6:1.0:0.1\n".into(),
        ));
    };
    let fixed = variants::parse_set(&fixed).map_err(Failure::BadInput)?;
    let point_overrides: Vec<Override> = knob
        .values
        .iter()
        .map(|v| {
            overrides::parse(&format!("{}={}{}", knob.path, knob.prefix, v)).map_err(|e| {
                Failure::BadInput(format!(
                    "error: --set `{knob_arg}`: value `{}{v}`: {}\n{}",
                    knob.prefix,
                    e.message,
                    e.help
                        .map(|h| format!("  = help: {h}\n"))
                        .unwrap_or_default()
                ))
            })
        })
        .collect::<Result<_, _>>()?;

    let path = &args.scenario;
    let loaded = scenario::load(path, &args.options.overrides())
        .map_err(|d| Failure::BadInput(d.to_string()))?;
    let doc = variants::base_document(&loaded.text).map_err(|d| {
        let shown = crate::diagnostic::FileDiagnostics::new(path, &loaded.text, vec![d]);
        Failure::BadInput(shown.to_string())
    })?;
    let mut models = Vec::new();
    let mut applied = Vec::new();
    for o in &point_overrides {
        let mut list: Vec<(&Override, Origin)> =
            fixed.iter().map(|f| (f, Origin::CommandLine)).collect();
        list.push((o, Origin::CommandLine));
        let model = variants::build(&loaded.stem, &doc, &list, &args.options.overrides()).map_err(
            |items| {
                Failure::BadInput(
                    crate::diagnostic::FileDiagnostics::new(path, &loaded.text, items).to_string(),
                )
            },
        )?;
        models.push(model);
        applied.push(
            list.iter()
                .map(|(o, w)| ((*o).clone(), w.clone()))
                .collect(),
        );
    }
    // Each value's seed and iterations by the study's rule: `-n` and `--seed`, else the
    // scenario's (unless the knob is the seed or the iterations themselves).
    let runs = knob
        .values
        .iter()
        .zip(models.into_iter().zip(applied))
        .map(|(v, (model, applied))| ScenarioRun {
            variant: format!("{}{v}", knob.prefix),
            title: format!("{}={}{v}", knob.path, knob.prefix),
            overrides: args.set.clone(),
            applied,
            model,
        })
        .collect();
    let study = Study::of_runs(path.clone(), runs, args.options.sampling());
    Ok((knob, loaded, study))
}

/// sweep.csv and the chart, from the results: the unsplit run's or the merged shards'.
fn write_outputs(ctx: &Context, out: OutputFolder, executed: &Executed) -> Result<(), Failure> {
    let (args, knob, loaded, study) = (ctx.args, ctx.knob, ctx.loaded, ctx.study);
    let seconds = executed.seconds;
    let results = &executed.runs;
    let models: Vec<&Model> = study.runs.iter().map(|r| &r.model).collect();

    let points: Vec<SweepPoint> = study
        .runs
        .iter()
        .zip(results)
        .map(|(r, results)| SweepPoint {
            value: r.label.clone(),
            model: &r.model,
            results,
        })
        .collect();
    let export_started = Instant::now();
    let formats = args.options.formats();
    let mut plan = OutputPlan::new();
    if formats.csv {
        plan.bytes("sweep.csv", sweep_csv(&knob.path, &points)?);
    }
    let chart = chart(&loaded.model.title, knob, &models, results);
    plan.chart("sweep", &formats, move |f, p| render_sweep(&chart, f, p));
    let facts = || ctx.facts(executed, export_started);
    let pages = args.options.pages();
    let dir = pipeline::outputs::finish_pages(out, plan, facts, &pages)?;
    if args.options.json {
        println!("{}", crate::export::json::line(&dir, "sweep.csv", "sweep")?);
    } else if !args.options.quiet {
        print_table(&loaded.model.title, knob, &models, results, seconds);
        println!(
            "{}",
            loaded.model.lang.fill(Msg::OutputsIn, &[&dir.display()])
        );
    }
    Ok(())
}

/// Per value, the pathway's P10, P50, P80, P90 of review days and target met share.
fn series(
    models: &[&Model],
    results: &[RunResults],
    i: usize,
) -> (Vec<[f64; 4]>, Vec<Option<f64>>) {
    models
        .iter()
        .zip(results)
        .map(|(m, r)| {
            let r = &r.pathways[i];
            let h = &r.review_days;
            let q = |p| h.percentile(p).unwrap_or(f64::NAN);
            let met = m.pathways[i].target.and_then(|t| r.target_met_share(t));
            ([q(10.0), q(50.0), q(80.0), q(90.0)], met)
        })
        .unzip()
}

/// At most this many pathways in the chart.
const MAX_PANELS: usize = 4;

fn chart(title: &str, knob: &Knob, models: &[&Model], results: &[RunResults]) -> SweepChart {
    let numbers: Option<Vec<f64>> = knob.values.iter().map(|v| v.parse::<f64>().ok()).collect();
    let (x, x_names) = match numbers {
        Some(x) => (x, None),
        None => (
            (0..knob.values.len()).map(|k| k as f64).collect(),
            Some(knob.values.clone()),
        ),
    };
    let base = &models[0];
    // Pathways whose numbers move with the knob (all, if none does).
    let mut moving: Vec<usize> = (0..base.pathways.len())
        .filter(|&i| {
            let (q, met) = series(models, results, i);
            q.windows(2).any(|w| w[0] != w[1]) || met.windows(2).any(|w| w[0] != w[1])
        })
        .collect();
    let still = base.pathways.len() - moving.len();
    if moving.is_empty() {
        moving = (0..base.pathways.len()).collect();
    }
    let hidden = moving.len().saturating_sub(MAX_PANELS);
    moving.truncate(MAX_PANELS);
    let panels = moving
        .iter()
        .map(|&i| {
            let (percentiles, met) = series(models, results, i);
            SweepPanel {
                title: base.pathways[i].title.clone(),
                percentiles,
                met,
                required: base.pathways[i].target.map(|t| t.percentile),
            }
        })
        .collect();
    let lang = base.lang;
    let sampled = crate::export::chart::iterations(lang, results[0].iterations);
    let mut subtitle = lang.fill(Msg::SweepSubtitle, &[&knob.path, &sampled]);
    if still > 0 && still < base.pathways.len() {
        let (one, many) = (Msg::OneStillNotShown, Msg::NStillNotShown);
        subtitle.push_str(&lang.count(still, still == 1, one, many));
    }
    if hidden > 0 {
        subtitle.push_str(&lang.fill(Msg::MoreInSweepCsv, &[&hidden]));
    }
    let x_label = match knob.prefix.as_str() {
        "*" => lang.fill(Msg::MultipliedBy, &[&knob.path]),
        "+" => lang.fill(Msg::DaysAddedTo, &[&knob.path]),
        _ => knob.path.clone(),
    };
    SweepChart {
        title: title.to_string(),
        subtitle,
        x_label,
        x,
        x_names,
        panels,
        lang,
    }
}

fn print_table(title: &str, knob: &Knob, models: &[&Model], results: &[RunResults], seconds: f64) {
    let base = &models[0];
    let lang = base.lang;
    let seeds = if results.iter().all(|r| r.seed == results[0].seed) {
        lang.fill(Msg::SeedN, &[&results[0].seed])
    } else {
        lang.text(Msg::SeedByKnob).to_string()
    };
    let seconds = format!("{seconds:.2}");
    let headline = lang.fill(
        Msg::SweepHeadline,
        &[
            &title,
            &knob.path,
            &knob.values.len(),
            &results[0].iterations,
            &seeds,
            &seconds,
        ],
    );
    println!("{headline}");
    for (i, p) in base.pathways.iter().enumerate() {
        let (q, met) = series(models, results, i);
        if q.windows(2).all(|w| w[0] == w[1]) && met.windows(2).all(|w| w[0] == w[1]) {
            continue;
        }
        let name = p.label(base);
        println!("  {name}");
        println!(
            "    {}  {:>6} {:>6} {:>6} {:>6}  {}",
            crate::export::text_table::pad_left(lang.text(Msg::ColValue), 10),
            "p10",
            "p50",
            "p80",
            "p90",
            lang.text(Msg::ColTargetMet)
        );
        for ((v, q), m) in knob.values.iter().zip(&q).zip(&met) {
            println!(
                "    {:>10}  {:>6} {:>6} {:>6} {:>6}  {}",
                format!("{}{v}", knob.prefix),
                num(q[0]),
                num(q[1]),
                num(q[2]),
                num(q[3]),
                m.map_or("-".into(), |m| format!("{:.1}%", m * 100.0))
            );
        }
    }
    println!("{}", lang.text(Msg::ReviewDaysFooter));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_and_lists_become_values() {
        let k = parse_knob("a.b=*0.6:1.0:0.1").unwrap().unwrap();
        assert_eq!(k.prefix, "*");
        assert_eq!(k.values, ["0.6", "0.7", "0.8", "0.9", "1"]);
        let k = parse_knob("a.target.days=365:183:-91").unwrap().unwrap();
        assert_eq!(k.values, ["365", "274", "183"]);
        let k = parse_knob("a.days=calendar,business").unwrap().unwrap();
        assert_eq!(k.values, ["calendar", "business"]);
        assert_eq!(parse_knob("a=300").unwrap(), None);
        assert_eq!(parse_knob("a=[1, 2]").unwrap(), None);
        assert!(parse_knob("a=1:2:0").is_err());
        assert!(parse_knob("a=1:2:-1").is_err());
        assert!(parse_knob("a=1:x:1").is_err());
        assert!(parse_knob("a=0:1000:1").is_err());
    }
}
