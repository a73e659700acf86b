//! The output plan: the files a command writes, listed from its results and options,
//! then written into the output folder in one go. The manifest's list of files is what
//! was written, not a second list kept by hand, and a finished folder holds this run's
//! files only (see [`OutputFolder::commit`]).
//!
//! A shard of a study (`--shard K/N`) writes its state instead of the outputs
//! ([`OutputPlan::state`]): `regsim merge` reads the states of all shards and hands
//! their merged results to the same plan as the unsplit run's.

use std::path::Path;

use crate::export::chart::ImageFormat;
use crate::export::files::OutputFolder;
use crate::export::manifest::{GENERATOR, Manifest, PrecisionRecord, ScenarioRecord, Timings};
use crate::export::state::{
    PairsState, Recipe, RunState, STATE_FILE, STATE_FORMAT, STATE_VERSION, State,
};
use crate::failure::Failure;
use crate::pipeline::{Executed, Study};

/// Which kinds of output to write.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Formats {
    /// The CSV tables.
    pub csv: bool,
    /// Charts as PNG.
    pub png: bool,
    /// Charts as SVG.
    pub svg: bool,
    /// report.html.
    pub html: bool,
}

impl Formats {
    /// The image formats asked for, PNG first.
    pub fn images(&self) -> Vec<ImageFormat> {
        let mut v = Vec::new();
        if self.png {
            v.push(ImageFormat::Png);
        }
        if self.svg {
            v.push(ImageFormat::Svg);
        }
        v
    }
}

/// Draws a chart into the file at the path, in the format given.
type Render<'a> = Box<dyn Fn(ImageFormat, &Path) -> anyhow::Result<()> + 'a>;

enum Content<'a> {
    Bytes(Vec<u8>),
    Chart(ImageFormat, std::rc::Rc<Render<'a>>),
}

/// The files to write, in order.
#[derive(Default)]
pub struct OutputPlan<'a> {
    files: Vec<(String, Content<'a>)>,
}

impl<'a> OutputPlan<'a> {
    /// An empty plan.
    pub fn new() -> Self {
        Self { files: Vec::new() }
    }

    /// A file of `bytes`.
    pub fn bytes(&mut self, name: &str, bytes: Vec<u8>) {
        self.files.push((name.to_string(), Content::Bytes(bytes)));
    }

    /// A chart `stem.png` and/or `stem.svg`, as `formats` asks, drawn by `render`.
    pub fn chart(
        &mut self,
        stem: &str,
        formats: &Formats,
        render: impl Fn(ImageFormat, &Path) -> anyhow::Result<()> + 'a,
    ) {
        let render: std::rc::Rc<Render<'a>> = std::rc::Rc::new(Box::new(render));
        for f in formats.images() {
            let name = format!("{stem}.{}", f.extension());
            self.files.push((name, Content::Chart(f, render.clone())));
        }
    }

    /// In place of a shard's outputs: state.json, the exact accumulators of each run
    /// of `study` over its shard's iterations, and what the shard was run from.
    pub fn state(&mut self, study: &Study, executed: &Executed, command: &str, recipe: Recipe) {
        let shard = study.shard.expect("a state is written by a shard");
        let state = State {
            format: STATE_FORMAT.into(),
            version: STATE_VERSION,
            regsim_version: env!("CARGO_PKG_VERSION").into(),
            command: command.into(),
            recipe,
            shard: [shard.index, shard.count],
            seconds: executed.seconds,
            runs: study
                .runs
                .iter()
                .zip(&executed.runs)
                .enumerate()
                .map(|(k, (run, r))| {
                    let mut state = RunState::of(&run.label, run.iterations, study.range(k), r);
                    if let Some(pairs) = executed.pairs.get(k) {
                        state.pairs = pairs.iter().map(PairsState::from).collect();
                    }
                    state
                })
                .collect(),
        };
        self.bytes(STATE_FILE, state.to_json());
    }

    /// Writes every file (staged until the folder is committed).
    pub fn write(self, out: &mut OutputFolder) -> Result<(), Failure> {
        for (name, content) in self.files {
            match content {
                Content::Bytes(b) => out.write(&name, &b)?,
                Content::Chart(format, render) => {
                    let p = out.stage(&name);
                    render(format, &p)?;
                }
            }
        }
        Ok(())
    }
}

/// What a manifest records besides the files.
#[derive(Debug, Default)]
pub struct ManifestFacts {
    /// The scenario files read: path as given and SHA-256.
    pub scenarios: Vec<(String, String)>,
    /// The observed-data files read: path as given and SHA-256.
    pub observed: Vec<(String, String)>,
    /// The baseline's seed.
    pub seed: u64,
    /// The baseline's iterations.
    pub iterations: u64,
    /// With `--precision`, its rule and what it reached.
    pub precision: Option<PrecisionRecord>,
    /// The baseline's submission date (ISO).
    pub submitted: String,
    /// Every override, as written, with the run it belongs to.
    pub overrides: Vec<String>,
    /// Worker threads.
    pub threads: usize,
    /// Seconds per phase.
    pub timings: Timings,
}

impl ManifestFacts {
    fn manifest(self, files: Vec<String>) -> Manifest {
        Manifest {
            regsim_version: env!("CARGO_PKG_VERSION").into(),
            scenarios: self
                .scenarios
                .into_iter()
                .map(|(path, sha256)| ScenarioRecord { path, sha256 })
                .collect(),
            observed: self
                .observed
                .into_iter()
                .map(|(path, sha256)| ScenarioRecord { path, sha256 })
                .collect(),
            seed: self.seed,
            iterations: self.iterations,
            precision: self.precision,
            submitted: self.submitted,
            overrides: self.overrides,
            threads: self.threads,
            generator: GENERATOR.into(),
            timings: self.timings,
            files,
        }
    }
}

/// Builds report.html from the folder's staged charts and the manifest.
pub type ReportPage<'a> = &'a dyn Fn(&OutputFolder, &Manifest) -> Result<Vec<u8>, Failure>;

/// Writes the plan, then the report (when `report` is given: it builds the page from
/// the folder's staged files and the manifest) and manifest.json, and commits the
/// folder. The manifest lists every file staged, in the order written; its facts are
/// gathered once the plan is written, so that they can time it.
pub fn finish(
    out: OutputFolder,
    plan: OutputPlan,
    facts: impl FnOnce() -> ManifestFacts,
    report: Option<ReportPage>,
) -> Result<std::path::PathBuf, Failure> {
    let pages: Vec<(&str, ReportPage)> = report.map(|r| ("report.html", r)).into_iter().collect();
    finish_pages(out, plan, facts, &pages)
}

/// [`finish`] with any files built, like report.html, from the staged files and the
/// manifest: `pages` are (file name, builder), written in order after the plan.
pub fn finish_pages(
    mut out: OutputFolder,
    plan: OutputPlan,
    facts: impl FnOnce() -> ManifestFacts,
    pages: &[(&str, ReportPage)],
) -> Result<std::path::PathBuf, Failure> {
    plan.write(&mut out)?;
    let facts = facts();
    let mut files = out.staged_names();
    files.extend(pages.iter().map(|(name, _)| name.to_string()));
    files.push("manifest.json".into());
    let manifest = facts.manifest(files);
    for (name, page) in pages {
        let bytes = page(&out, &manifest)?;
        out.write(name, &bytes)?;
    }
    out.write("manifest.json", &manifest.to_json())?;
    let dir = out.dir().to_path_buf();
    out.commit()?;
    Ok(dir)
}
