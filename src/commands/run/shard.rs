//! `run --shard K/N` and what `regsim merge` asks of `run`: a shard's folder (its
//! state in place of the outputs), what a shard cannot do, and the outputs of the
//! unsplit run written from merged shards by the same plan as `run`'s.

use std::path::{Path, PathBuf};
use std::time::Instant;

use chrono::NaiveDate;

use super::{Format, RunArgs, RunContext, facts, study_of, write_outputs};
use crate::engine::results::RunResults;
use crate::export::files::OutputFolder;
use crate::export::state::{Recipe, STATE_FILE};
use crate::failure::Failure;
use crate::pipeline::{self, Checked, Executed, OutputPlan, Sampling, load_all, study::Shard};
use crate::scenario::Overrides;

/// What `regsim merge` hands back: the shards' recipe, their merged results, and how
/// to write the outputs.
pub(crate) struct Merged<'a> {
    /// What every shard was run from.
    pub recipe: &'a Recipe,
    /// Each run's merged results, in the study's order.
    pub runs: Vec<RunResults>,
    /// `-o`.
    pub output: Option<PathBuf>,
    /// `--format`.
    pub format: Vec<Format>,
    /// `--sensitivity`.
    pub sensitivity: bool,
    /// `--threads`.
    pub threads: Option<usize>,
    /// `--quiet`.
    pub quiet: bool,
    /// `--lang`.
    pub lang: crate::lang::Lang,
    /// The shards' sampling seconds, summed.
    pub seconds: f64,
}

/// The outputs of the unsplit run, from merged shards: the scenario is loaded again as
/// the shards were given it (and refused if it changed since), the study rebuilt from
/// the same arguments, and the merged results written by the same plan as `run`'s.
pub(crate) fn write_merged(m: Merged) -> Result<(), Failure> {
    let r = m.recipe;
    let submitted = match &r.submitted {
        None => None,
        Some(d) => Some(d.parse::<NaiveDate>().map_err(|_| {
            Failure::BadInput(format!(
                "error: the shards' --submitted `{d}` is not a date\n"
            ))
        })?),
    };
    let args = RunArgs {
        scenarios: vec![PathBuf::from(&r.scenario)],
        output: m.output,
        iterations: r.iterations,
        seed: r.seed,
        submitted,
        format: m.format,
        runs: false,
        sensitivity: m.sensitivity,
        precision: None,
        max_iterations: 10_000_000,
        threads: m.threads,
        quiet: m.quiet,
        set: r.set.clone(),
        variant: r.variants.clone(),
        shard: None,
        lang: m.lang,
        json: false,
    };
    Sampling::default().check(args.threads)?;
    let overrides = Overrides {
        submitted,
        lang: m.lang,
        ..Default::default()
    };
    let loaded = load_all(&args.scenarios, &overrides, &args.set)?;
    let checked = &loaded[0];
    if checked.scenario.sha256 != r.sha256 {
        return Err(Failure::BadInput(format!(
            "error: {} has changed since the shards ran (SHA-256 {}, the shards' {})\n  = help: merge shards with the scenario file they were run from, or run the shards again\n",
            r.scenario, checked.scenario.sha256, r.sha256
        )));
    }
    let study = study_of(&args, &args.scenarios[0], checked)?;
    refuse_agency(&loaded)?;
    if !study.is_shape_of(&m.runs) {
        return Err(Failure::BadInput(format!(
            "error: the shards' results do not fit the study of {} (its runs, seeds, iterations or pathways differ)\n  = help: merge shards with the regsim and the scenario they were run with\n",
            r.scenario
        )));
    }
    let executed = Executed {
        runs: m.runs,
        pairs: Vec::new(),
        precision: None,
        queues: Vec::new(),
        seconds: m.seconds,
    };
    let dir = match &args.output {
        Some(o) => o.clone(),
        None => Path::new("output").join(&checked.scenario.stem),
    };
    let threads = pipeline::thread_count(args.threads);
    let ctx = RunContext {
        args: &args,
        checked,
        study: &study,
        dir: &dir,
        threads,
        load_seconds: 0.0,
    };
    let out = OutputFolder::open(&dir)?;
    pipeline::pool(threads)?.install(|| write_outputs(&ctx, out, &executed))
}

/// What a shard cannot do: the outputs that follow the whole run, not a slice of it
/// (`--precision` decides the iterations as it goes; runs.csv and the sensitivity
/// analysis are merge's or the unsplit run's), and an agency, whose replications share
/// one queue each.
pub(super) fn refuse_shard(args: &RunArgs, loaded: &[Checked]) -> Result<(), Failure> {
    let asked = [
        (args.runs, "--runs", "run without --shard to get runs.csv"),
        (
            args.precision.is_some(),
            "--precision",
            "give the iterations with -n",
        ),
        (
            args.sensitivity,
            "--sensitivity",
            "give --sensitivity to regsim merge",
        ),
    ];
    if let Some((_, flag, help)) = asked.iter().find(|(on, _, _)| *on) {
        return Err(Failure::BadInput(format!(
            "error: --shard cannot be combined with {flag}: a shard simulates a slice of the iterations\n  = help: {help}\n"
        )));
    }
    refuse_agency(loaded)
}

/// An agency's replications share one queue each: they are not split.
fn refuse_agency(loaded: &[Checked]) -> Result<(), Failure> {
    if let Some(c) = loaded.iter().find(|c| c.scenario.model.agency.is_some()) {
        return Err(Failure::BadInput(format!(
            "error: --shard does not split an agency's queue: {} simulates an agency ([agency])\n  = help: run it without --shard, with fewer replications (-n) if it is too long\n",
            c.scenario.stem
        )));
    }
    Ok(())
}

/// A shard's folder: state.json and the manifest.
pub(super) fn write_state(
    ctx: &RunContext,
    out: OutputFolder,
    executed: &Executed,
    shard: Shard,
) -> Result<(), Failure> {
    let t1 = Instant::now();
    let mut plan = OutputPlan::new();
    plan.state(ctx.study, executed, "run", recipe(ctx));
    let dir = pipeline::finish(out, plan, || facts(ctx, executed, t1, None), None)?;
    if !ctx.args.quiet {
        let r = ctx.study.range(0);
        println!(
            "shard {}/{}: iterations {} to {} of {}, state in {}",
            shard.index,
            shard.count,
            r.start,
            r.end,
            ctx.study.baseline().iterations,
            dir.join(STATE_FILE).display()
        );
    }
    Ok(())
}

/// What a shard was run from, for merge to run the same study.
fn recipe(ctx: &RunContext) -> Recipe {
    let a = ctx.args;
    Recipe {
        scenario: ctx.study.path.display().to_string(),
        sha256: ctx.checked.scenario.sha256.clone(),
        submitted: a.submitted.map(|d| d.to_string()),
        set: a.set.clone(),
        variants: a.variant.clone(),
        iterations: a.iterations,
        seed: a.seed,
        compared: Vec::new(),
    }
}
