//! `regsim merge DIR...`: the outputs of a run (a comparison, a sweep) split with
//! `--shard K/N`, from the shards' state files. The shards must belong together (the same regsim, scenario file
//! and hash, arguments, seed, iterations and N) and cover every iteration once (each K
//! from 1 to N exactly once); anything else is refused with what is wrong. Their
//! accumulators are whole-day histograms and counts, so the merge is exact and the
//! outputs are byte for byte those of the unsplit run, in whatever order the folders
//! are given.

use std::path::{Path, PathBuf};

use super::run::{Format, Merged, write_merged};
use super::whatif::{Output, RunOptions};
use crate::engine::lockstep::PathwayPairs;
use crate::engine::results::RunResults;
use crate::export::state::{STATE_FILE, State};
use crate::failure::Failure;

#[derive(Debug, clap::Args)]
pub struct MergeArgs {
    /// The shards' output folders (or their state.json files), in any order.
    #[arg(required = true, value_name = "DIR")]
    shards: Vec<PathBuf>,
    #[arg(
        short,
        long,
        value_name = "DIR",
        help = "Output folder [default: the unsplit command's, e.g. output/<scenario file name>]"
    )]
    output: Option<PathBuf>,
    /// Which outputs to write; manifest.json is always written (html and the
    /// sensitivity analysis are for shards of `run`).
    #[arg(long, value_delimiter = ',', default_value = "csv,png,svg")]
    format: Vec<Format>,
    /// Also run the sensitivity analysis (on this machine, over every iteration).
    #[arg(long)]
    sensitivity: bool,
    /// Worker threads for the sensitivity analysis and the report [default: all cores].
    #[arg(long, value_name = "N")]
    threads: Option<usize>,
    /// Print only errors.
    #[arg(short, long)]
    quiet: bool,
    /// Language of the charts, tables and report (the shards hold numbers only, so the
    /// merge chooses it).
    #[arg(long, value_enum, default_value = "en")]
    lang: crate::lang::Lang,
}

/// `regsim merge`.
pub fn merge(args: &MergeArgs) -> Result<(), Failure> {
    let mut states = Vec::new();
    for p in &args.shards {
        states.push((p.clone(), read_state(p)?));
    }
    check_together(&states)?;
    states.sort_by_key(|(_, s)| s.shard[0]);
    let mut seconds = 0.0;
    let mut runs: Vec<RunResults> = Vec::new();
    let mut pairs: Vec<Vec<PathwayPairs>> = Vec::new();
    for (path, state) in &states {
        for (k, run) in state.runs.iter().enumerate() {
            let slice = run.results();
            let slice_pairs = run
                .pairs
                .iter()
                .map(|p| p.pairs())
                .collect::<Option<Vec<_>>>()
                .ok_or_else(|| damaged(path))?;
            match runs.get_mut(k) {
                None => {
                    runs.push(RunResults {
                        iterations: run.iterations,
                        ..slice
                    });
                    pairs.push(slice_pairs);
                }
                Some(total) => {
                    for (t, p) in total.pathways.iter_mut().zip(&slice.pathways) {
                        t.merge(p);
                    }
                    for (t, p) in pairs[k].iter_mut().zip(&slice_pairs) {
                        t.merge(p);
                    }
                }
            }
        }
        seconds += state.seconds;
    }
    match states[0].1.command.as_str() {
        "compare" => return merge_compare(args, &states[0].1, runs, pairs, seconds),
        "sweep" => return merge_sweep(args, &states[0].1, runs, seconds),
        _ => {}
    }
    write_merged(Merged {
        recipe: &states[0].1.recipe,
        runs,
        output: args.output.clone(),
        format: args.format.clone(),
        sensitivity: args.sensitivity,
        threads: args.threads,
        quiet: args.quiet,
        lang: args.lang,
        seconds,
    })
}

/// The comparison of merged `compare --shard` states.
fn merge_compare(
    args: &MergeArgs,
    state: &State,
    runs: Vec<RunResults>,
    pairs: Vec<Vec<PathwayPairs>>,
    seconds: f64,
) -> Result<(), Failure> {
    let options = what_if_options(args, "compare")?;
    super::compare::write_merged(&state.recipe, runs, pairs, options, seconds)
}

/// The sweep of merged `sweep --shard` states.
fn merge_sweep(
    args: &MergeArgs,
    state: &State,
    runs: Vec<RunResults>,
    seconds: f64,
) -> Result<(), Failure> {
    let options = what_if_options(args, "sweep")?;
    super::sweep::write_merged(&state.recipe, runs, options, seconds)
}

/// Merge's options as those of `compare` and `sweep`, which have no report.html and
/// no sensitivity analysis.
fn what_if_options(args: &MergeArgs, command: &str) -> Result<RunOptions, Failure> {
    if args.sensitivity {
        return Err(Failure::BadInput(format!(
            "error: --sensitivity is for shards of `regsim run`; these are shards of `regsim {command}`\n"
        )));
    }
    let mut format = Vec::new();
    for f in &args.format {
        format.push(match f {
            Format::Csv => Output::Csv,
            Format::Png => Output::Png,
            Format::Svg => Output::Svg,
            Format::Xlsx => Output::Xlsx,
            Format::Html => {
                return Err(Failure::BadInput(format!(
                    "error: `regsim {command}` writes no report.html: give --format csv, png or svg\n"
                )));
            }
        });
    }
    Ok(RunOptions {
        output: args.output.clone(),
        iterations: None,
        seed: None,
        format,
        threads: args.threads,
        quiet: args.quiet,
        lang: args.lang,
        json: false,
    })
}

fn damaged(path: &Path) -> Failure {
    Failure::BadInput(format!(
        "error: {}: damaged state file: a paired pathway without its four joint histograms\n",
        path.display()
    ))
}

/// The state in the folder `path` (or the file).
fn read_state(path: &Path) -> Result<State, Failure> {
    let file = if path.is_dir() {
        path.join(STATE_FILE)
    } else {
        path.to_path_buf()
    };
    let bytes = std::fs::read(&file).map_err(|e| {
        Failure::BadInput(format!(
            "error: cannot read {}: {e}\n  = help: give the output folders of `regsim run --shard K/N`, each holding {STATE_FILE}\n",
            file.display()
        ))
    })?;
    let state = State::from_json(&bytes)
        .map_err(|e| Failure::BadInput(format!("error: {}: {e}\n", file.display())))?;
    let [k, n] = state.shard;
    let runs_fit = state.runs.iter().all(|r| {
        let want = crate::pipeline::study::Shard { index: k, count: n }.range(r.iterations);
        r.first == want.start && r.end == want.end
    });
    if n == 0 || k == 0 || k > n || state.runs.is_empty() || !runs_fit {
        return Err(Failure::BadInput(format!(
            "error: {}: damaged state file: shard {k}/{n} does not hold the iterations of shard {k}/{n}\n",
            file.display()
        )));
    }
    let ours = env!("CARGO_PKG_VERSION");
    if state.regsim_version != ours {
        return Err(Failure::BadInput(format!(
            "error: {}: written by regsim {}, and this is regsim {ours}: the numbers of one version do not merge with another's\n  = help: run every shard and the merge with the same regsim\n",
            file.display(),
            state.regsim_version
        )));
    }
    if !["run", "compare", "sweep"].contains(&state.command.as_str()) {
        return Err(Failure::BadInput(format!(
            "error: {}: a state of `regsim {}`, which merge does not read\n",
            file.display(),
            state.command
        )));
    }
    Ok(state)
}

/// Refuses states that are not the shards of one run, each once.
fn check_together(states: &[(PathBuf, State)]) -> Result<(), Failure> {
    let (first_path, first) = &states[0];
    let n = first.shard[1];
    let same_runs = |s: &State| {
        s.runs.len() == first.runs.len()
            && s.runs
                .iter()
                .zip(&first.runs)
                .all(|(a, b)| (&a.label, a.seed, a.iterations) == (&b.label, b.seed, b.iterations))
    };
    for (path, s) in &states[1..] {
        let differs = if s.command != first.command {
            Some("commands (run, compare, sweep)")
        } else if s.recipe.scenario != first.recipe.scenario
            || s.recipe.sha256 != first.recipe.sha256
        {
            Some("scenario file")
        } else if s.recipe != first.recipe {
            Some("arguments (--set, --variant, -n, --seed or --submitted)")
        } else if s.shard[1] != n {
            Some("number of shards N")
        } else if !same_runs(s) {
            Some("runs, seeds or iterations")
        } else {
            None
        };
        if let Some(what) = differs {
            return Err(Failure::BadInput(format!(
                "error: {} and {} are not shards of the same run: their {what} differ\n  = help: merge the shards of one `regsim run --shard K/N` command, run with the same arguments for K = 1 to N\n",
                first_path.display(),
                path.display()
            )));
        }
    }
    let mut seen: Vec<Option<&Path>> = vec![None; n as usize];
    for (path, s) in states {
        let k = s.shard[0];
        if let Some(other) = seen[(k - 1) as usize] {
            return Err(Failure::BadInput(format!(
                "error: shard {k}/{n} is given twice ({} and {}): its iterations would be counted twice\n  = help: give each shard's folder once\n",
                other.display(),
                path.display()
            )));
        }
        seen[(k - 1) as usize] = Some(path);
    }
    let missing: Vec<String> = (1..=n)
        .filter(|k| seen[(*k - 1) as usize].is_none())
        .map(|k| format!("{k}/{n}"))
        .collect();
    if !missing.is_empty() {
        let shown = match missing.len() {
            m if m > 10 => format!("{} and {} more", missing[..10].join(", "), m - 10),
            _ => missing.join(", "),
        };
        return Err(Failure::BadInput(format!(
            "error: the shards leave iterations out: shard {shown} missing ({} of {n} given)\n  = help: run the missing shards with --shard K/{n}, or give their folders\n",
            states.len()
        )));
    }
    Ok(())
}
