//! What the what-if commands (`compare`, `sweep`) share: their options, and why the
//! runs of a scenario (its baseline and variants, each simulated with the same seed)
//! have paired draws (common random numbers).
//!
//! Why the draws are paired: every pathway draws from its own stream per iteration,
//! keyed by (seed, pathway id, iteration) (see [`crate::engine::application`]), and
//! stages draw from it in order, by inverse distribution functions (monotone in the
//! uniform number) or, for gamma and PERT, by rejection whose number of draws depends on
//! the shape only. So a variant that scales or shifts durations (`*F`, `+D`), or changes
//! targets, gates, calendars or titles, draws the same random numbers as the baseline in
//! every iteration, stage by stage. A variant that changes a stage's probability, the
//! kind of a distribution, or a PERT/gamma shape changes how many numbers that stage
//! consumes, and the stages after it in the pathway then draw different (equally valid,
//! no longer paired) numbers in the iterations concerned; the comparison stays unbiased,
//! only less precise. docs/what-if.md says so for analysts.

use std::path::{Path, PathBuf};

use clap::ValueEnum;

use crate::pipeline::{Formats, Sampling};
use crate::scenario::LoadedScenario;

/// Options shared by `compare` and `sweep`.
#[derive(Debug, clap::Args)]
pub struct RunOptions {
    // The help text is an attribute, not a doc comment: rustdoc would read its
    // `<scenario file name>` as an HTML tag.
    #[arg(
        short,
        long,
        value_name = "DIR",
        help = "Output folder [default: output/<scenario file name>/<command>]"
    )]
    pub output: Option<PathBuf>,
    /// Monte Carlo iterations per run [default: the scenario's].
    #[arg(short = 'n', long, value_name = "N")]
    pub iterations: Option<u64>,
    /// Random seed [default: the scenario's].
    #[arg(long, value_name = "N")]
    pub seed: Option<u64>,
    /// Which outputs to write (manifest.json is always written).
    #[arg(long, value_delimiter = ',', default_value = "csv,png,svg")]
    pub format: Vec<Output>,
    /// Worker threads [default: all cores]. Results do not depend on it.
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
    /// Print only errors.
    #[arg(short, long)]
    pub quiet: bool,
    /// Language of the text for people: the chart and the terminal table (CSV headers
    /// stay English; titles come from the file's title_ja fields).
    #[arg(long, value_enum, default_value = "en")]
    pub lang: crate::lang::Lang,
    /// Print the table (compare.csv's or sweep.csv's rows) as JSON on stdout instead of
    /// the terminal table, for scripts (implies csv).
    #[arg(long)]
    pub json: bool,
}

impl RunOptions {
    /// `-n` and `--seed`.
    pub fn sampling(&self) -> Sampling {
        Sampling {
            iterations: self.iterations,
            seed: self.seed,
        }
    }

    /// What the command line changes before validation: the language titles are
    /// chosen in.
    pub fn overrides(&self) -> crate::scenario::Overrides {
        crate::scenario::Overrides {
            lang: self.lang,
            ..Default::default()
        }
    }

    /// The files built from the written ones and the manifest: summary.xlsx when asked.
    pub fn pages(&self) -> Vec<(&'static str, crate::pipeline::outputs::ReportPage<'static>)> {
        if self.format.contains(&Output::Xlsx) {
            vec![("summary.xlsx", &xlsx_page)]
        } else {
            Vec::new()
        }
    }

    /// The outputs asked for.
    pub fn formats(&self) -> Formats {
        Formats {
            csv: self.json
                || self.format.contains(&Output::Csv)
                || self.format.contains(&Output::Xlsx),
            png: self.format.contains(&Output::Png),
            svg: self.format.contains(&Output::Svg),
            html: false,
        }
    }
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
    /// summary.xlsx: the table as a sheet, and the manifest (implies csv)
    Xlsx,
}

/// The output folder: `-o DIR`, else `output/<file name>/<command>`.
pub fn output_dir(output: &Option<PathBuf>, loaded: &LoadedScenario, command: &str) -> PathBuf {
    output
        .clone()
        .unwrap_or_else(|| Path::new("output").join(&loaded.stem).join(command))
}

/// summary.xlsx of the folder's staged tables and its manifest.
fn xlsx_page(
    out: &crate::export::files::OutputFolder,
    manifest: &crate::export::manifest::Manifest,
) -> Result<Vec<u8>, crate::failure::Failure> {
    Ok(crate::export::xlsx::from_folder(out, manifest)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::schedule::{Draws, PathwayTimes, run_pathway_from};
    use crate::model::Model;
    use crate::pipeline::load_runs;
    use crate::random::Xoshiro256pp;
    use crate::scenario::{self, Overrides, variants};

    #[test]
    fn a_scaled_stage_draws_its_baseline_draw_times_the_factor_and_the_next_the_same() {
        let path = Path::new("tests/data/good/whatif.toml");
        let set = variants::parse_set(&["two-stage.review.duration=*0.7".into()]).unwrap();
        let (_, runs) = load_runs(path, &set, &[], &Overrides::default())
            .ok()
            .unwrap();
        let base = scenario::load(path, &Overrides::default()).unwrap().model;
        let scaled = &runs[0].model;
        let (p, q) = (&base.pathways[1], &scaled.pathways[1]);
        assert_eq!(p.id, "two-stage");
        for i in 0..2000 {
            let work = |m: &Model, pw, t: &mut PathwayTimes| {
                let mut rng = Xoshiro256pp::for_iteration(1 ^ i, i);
                run_pathway_from(m, pw, 0, Draws::Random(&mut rng), t).unwrap();
                t.stages
                    .iter()
                    .map(|s| s.work_end - s.start)
                    .collect::<Vec<f64>>()
            };
            let (mut a, mut b) = (PathwayTimes::default(), PathwayTimes::default());
            let (x, y) = (work(&base, p, &mut a), work(scaled, q, &mut b));
            assert!(
                (y[0] - 0.7 * x[0]).abs() < 1e-9,
                "iteration {i}: {x:?} {y:?}"
            );
            assert!((x[1] - y[1]).abs() < 1e-9, "iteration {i}: {x:?} {y:?}");
        }
    }

    /// The limit docs/what-if.md states: a stage that may not happen draws one more
    /// number (whether it happens), so the stages after it in the pathway draw other
    /// numbers than the baseline's. Should the engine move to a stream per stage, this
    /// test fails and the documentation must change with it.
    #[test]
    fn a_new_probability_shifts_the_draws_of_the_stages_after_it_as_documented() {
        let path = Path::new("tests/data/good/whatif.toml");
        let set = variants::parse_set(&["two-stage.review.probability=0.9".into()]).unwrap();
        let (_, runs) = load_runs(path, &set, &[], &Overrides::default())
            .ok()
            .unwrap();
        let base = scenario::load(path, &Overrides::default()).unwrap().model;
        let changed = &runs[0].model;
        let mut differ = 0;
        for i in 0..500 {
            let answers = |m: &Model| {
                let mut rng = Xoshiro256pp::for_iteration(7, i);
                let mut t = PathwayTimes::default();
                run_pathway_from(m, &m.pathways[1], 0, Draws::Random(&mut rng), &mut t).unwrap();
                t.stages[1].work_end - t.stages[1].start
            };
            differ += ((answers(&base) - answers(changed)).abs() > 1e-9) as u32;
        }
        assert!(differ > 400, "{differ} of 500 iterations differ");
    }
}
