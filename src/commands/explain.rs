//! `regsim explain`: the deterministic schedule at the medians, or with `--at p80` the
//! simulated application at a percentile of review days, stage by stage.

use std::path::Path;

use chrono::NaiveDate;

use crate::failure::Failure;
use crate::pipeline::{Sampling, load_all};
use crate::scenario::Overrides;

/// `regsim explain --at`: a Monte Carlo iteration instead of the median schedule.
#[derive(Debug, clap::Args)]
pub struct ExplainAt {
    /// Show the simulated application at this percentile of review days instead of the
    /// median schedule, e.g. p80 (or 80), stage by stage.
    #[arg(long, value_name = "PERCENTILE", value_parser = parse_percentile)]
    pub at: Option<f64>,
    /// With --at: only this pathway (its id, or product/id with products).
    #[arg(long, value_name = "ID", requires = "at")]
    pub pathway: Option<String>,
    /// With --at: Monte Carlo iterations [default: the scenario's].
    #[arg(short = 'n', long, value_name = "N", requires = "at")]
    pub iterations: Option<u64>,
    /// With --at: random seed [default: the scenario's].
    #[arg(long, value_name = "N", requires = "at")]
    pub seed: Option<u64>,
    /// Language of the text for people: charts, terminal tables, report.html (CSV
    /// headers stay English; titles come from the file's title_ja fields).
    #[arg(long, value_enum, default_value = "en")]
    pub lang: crate::lang::Lang,
}

/// "p80", "P80" or "80" as a percentile from 0 to 100.
fn parse_percentile(s: &str) -> Result<f64, String> {
    let digits = s.strip_prefix(['p', 'P']).unwrap_or(s);
    match digits.parse::<f64>() {
        Ok(p) if (0.0..=100.0).contains(&p) => Ok(p),
        _ => Err(format!(
            "`{s}` is not a percentile; write e.g. p80 (0 to 100)"
        )),
    }
}

/// `regsim explain`: the title, the eligibility table with products, then each
/// pathway's median schedule.
pub fn explain(
    path: &Path,
    submitted: Option<NaiveDate>,
    set: &[String],
    lang: crate::lang::Lang,
) -> Result<(), Failure> {
    let loaded = load_all(
        &[path.to_path_buf()],
        &Overrides {
            submitted,
            lang,
            ..Default::default()
        },
        set,
    )?;
    let model = &loaded[0].scenario.model;
    println!("{}", model.title);
    if !model.description.is_empty() {
        println!("{}", model.description.trim());
    }
    if !set.is_empty() {
        let set = set.join(" --set ");
        println!("{}", lang.fill(crate::lang::Msg::WithSet, &[&set]));
    }
    if !model.products.is_empty() {
        println!();
        println!("{}", lang.text(crate::lang::Msg::WhichPathways));
        print!("{}", crate::export::eligibility::decision_table(model));
    }
    for (i, t) in loaded[0].schedules.iter().enumerate() {
        println!();
        print!("{}", crate::export::explain::schedule_table(model, i, t));
    }
    Ok(())
}

/// `regsim explain --at P`: the simulated application at percentile `p` of review days,
/// per pathway (or the one `--pathway` names).
pub fn explain_at(
    path: &Path,
    submitted: Option<NaiveDate>,
    set: &[String],
    p: f64,
    args: &ExplainAt,
) -> Result<(), Failure> {
    let sampling = Sampling {
        iterations: args.iterations,
        seed: args.seed,
    };
    sampling.check(None)?;
    let lang = args.lang;
    let loaded = load_all(
        &[path.to_path_buf()],
        &Overrides {
            submitted,
            lang,
            ..Default::default()
        },
        set,
    )?;
    let model = &loaded[0].scenario.model;
    // The same applications as `regsim run`: the study's rule for seed and iterations.
    let iterations = sampling.iterations.unwrap_or(model.iterations);
    let seed = sampling.seed.unwrap_or(model.seed);
    let chosen: Vec<usize> = (0..model.pathways.len())
        .filter(|&i| {
            let pw = &model.pathways[i];
            args.pathway
                .as_ref()
                .is_none_or(|id| *id == pw.id || *id == pw.label(model))
        })
        .collect();
    if chosen.is_empty() {
        let ids: Vec<String> = model.pathways.iter().map(|pw| pw.label(model)).collect();
        return Err(Failure::BadInput(format!(
            "error: no pathway `{}` in {}\n  = help: the pathways are {}\n",
            args.pathway.as_deref().unwrap_or_default(),
            path.display(),
            ids.join(", ")
        )));
    }
    println!("{}", model.title);
    println!(
        "{} Monte Carlo iterations, seed {seed}: the same applications as `regsim run` with them",
        iterations
    );
    for i in chosen {
        let at = crate::engine::at_percentile::at_percentile(model, i, seed, iterations, p)
            .map_err(|e| Failure::BadInput(crate::scenario::locate::render(path, &e)))?;
        println!();
        print!(
            "{}",
            crate::export::explain_at::iteration_table(model, i, &at)
        );
    }
    Ok(())
}
