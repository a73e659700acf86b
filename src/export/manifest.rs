//! manifest.json: what produced an output folder, so that a figure in a briefing can be
//! traced back to the exact inputs and reproduced.

use serde::Serialize;

/// The random generator and how its streams are derived, as the manifest states it.
pub const GENERATOR: &str = "Xoshiro256++; one stream per (seed ^ FNV-1a(pathway id, or product/pathway id), iteration), one per (seed ^ FNV-1a(evidence:product/evidence), iteration) for evidence gaps, seeded by SplitMix64";

/// The manifest of one run.
#[derive(Debug, Default, Serialize)]
pub struct Manifest {
    /// regsim's version.
    pub regsim_version: String,
    /// The scenario files read.
    pub scenarios: Vec<ScenarioRecord>,
    /// The observed-data files read (`regsim fit`, `regsim validate`), path as given and SHA-256.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub observed: Vec<ScenarioRecord>,
    /// The seed used.
    pub seed: u64,
    /// Iterations simulated.
    pub iterations: u64,
    /// With `--precision`: the rule that decided the iterations, and the precision
    /// reached.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub precision: Option<PrecisionRecord>,
    /// The submission date used (ISO).
    pub submitted: String,
    /// Overrides given on the command line, as written.
    pub overrides: Vec<String>,
    /// Worker threads.
    pub threads: usize,
    /// The random generator and how streams are derived.
    pub generator: String,
    /// Wall-clock seconds per phase.
    pub timings: Timings,
    /// Files written, by name.
    pub files: Vec<String>,
}

/// How `--precision` decided the number of iterations.
#[derive(Debug, Serialize)]
pub struct PrecisionRecord {
    /// The metric whose percentile was watched.
    pub metric: String,
    /// The percentile watched.
    pub percentile: f64,
    /// The largest 95% half-width asked for, in days.
    pub days: f64,
    /// The cap on iterations.
    pub max_iterations: u64,
    /// Whether every pathway reached the precision before the cap.
    pub met: bool,
    /// The 95% half-width reached per pathway, in days.
    pub half_widths: std::collections::BTreeMap<String, f64>,
}

/// One scenario file.
#[derive(Debug, Serialize)]
pub struct ScenarioRecord {
    /// The path as given.
    pub path: String,
    /// SHA-256 of its bytes.
    pub sha256: String,
}

/// Seconds spent per phase.
#[derive(Debug, Serialize, Default)]
pub struct Timings {
    /// Reading and validating the scenario.
    pub load_seconds: f64,
    /// The Monte Carlo run (including streaming runs.csv).
    pub simulate_seconds: f64,
    /// Writing CSV and charts.
    pub export_seconds: f64,
    /// The sensitivity analysis (its runs and outputs), when it was asked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sensitivity_seconds: Option<f64>,
}

impl Manifest {
    /// Pretty JSON with a final newline.
    pub fn to_json(&self) -> Vec<u8> {
        let mut s = serde_json::to_string_pretty(self).expect("a manifest serialises");
        s.push('\n');
        s.into_bytes()
    }
}
