//! state.json: what one shard of a run (`regsim run --shard K/N`) hands to
//! `regsim merge`. It holds the exact accumulators behind every output (the whole-day
//! histograms and the counts, see [`crate::engine::results`]), never a rounded figure,
//! so that the merged outputs are byte for byte those of the unsplit run; and what the
//! shard was run from (the scenario's path and hash, the command-line inputs, seed,
//! iterations and slice), so that merge can refuse shards that do not belong together.
//!
//! The format is versioned ([`STATE_VERSION`]): a merge refuses a state of another
//! version rather than guess at it.

use serde::{Deserialize, Serialize};

use crate::engine::lockstep::PathwayPairs;
use crate::engine::paired::JointHistogram;
use crate::engine::results::{PathwayResults, RunResults, StageResults};
use crate::engine::stats::DayHistogram;

/// The `format` field of every state file.
pub const STATE_FORMAT: &str = "regsim-state";
/// The version of the layout below; raise it on any change.
pub const STATE_VERSION: u32 = 1;
/// The file's name in a shard's output folder.
pub const STATE_FILE: &str = "state.json";

/// One shard's state.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct State {
    /// Always [`STATE_FORMAT`].
    pub format: String,
    /// [`STATE_VERSION`] when written.
    pub version: u32,
    /// The regsim version that wrote it (merge needs the same: the engine's numbers
    /// may change between versions).
    pub regsim_version: String,
    /// The command whose outputs it merges into (`run`).
    pub command: String,
    /// What the run was given.
    pub recipe: Recipe,
    /// K (from 1) and N of `--shard K/N`.
    pub shard: [u64; 2],
    /// Wall-clock seconds the shard sampled for (a merge's manifest sums them).
    pub seconds: f64,
    /// Each run of the study (the baseline, then the variants), with its slice.
    pub runs: Vec<RunState>,
}

/// The inputs of the run, as given on the command line: merge rebuilds the same study
/// from them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Recipe {
    /// The scenario file, as given.
    pub scenario: String,
    /// SHA-256 of its bytes when the shard ran.
    pub sha256: String,
    /// `--submitted`, ISO.
    pub submitted: Option<String>,
    /// `--set`, in order.
    pub set: Vec<String>,
    /// `--variant`, in order.
    pub variants: Vec<String>,
    /// `-n`.
    pub iterations: Option<u64>,
    /// `--seed`.
    pub seed: Option<u64>,
    /// `compare` of several files: the other files, each as [path, SHA-256].
    #[serde(default)]
    pub compared: Vec<[String; 2]>,
}

/// One run's slice.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RunState {
    /// The run's label (empty for the baseline).
    pub label: String,
    /// Its seed.
    pub seed: u64,
    /// Its iterations in the unsplit run.
    pub iterations: u64,
    /// The iterations this shard simulated: `first..end`.
    pub first: u64,
    /// End of the slice (exclusive).
    pub end: u64,
    /// Each pathway's accumulators, in the model's order.
    pub pathways: Vec<PathwayState>,
    /// A paired study's (`compare`): each pathway's pairs, in the model's order.
    #[serde(default)]
    pub pairs: Vec<PairsState>,
}

/// [`PathwayPairs`]: the metrics' day counts and, when paired with a baseline pathway,
/// its index and the joint histograms' cells as (baseline days, days, iterations).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct PairsState {
    pub metrics: [Vec<u64>; 4],
    pub baseline: Option<usize>,
    pub joints: Vec<Vec<(u32, u32, u64)>>,
}

impl From<&PathwayPairs> for PairsState {
    fn from(p: &PathwayPairs) -> Self {
        PairsState {
            metrics: p.metrics.clone().map(|h| h.counts().to_vec()),
            baseline: p.with_baseline.as_ref().map(|(b, _)| *b),
            joints: p
                .with_baseline
                .as_ref()
                .map_or_else(Vec::new, |(_, j)| j.iter().map(|j| j.sorted()).collect()),
        }
    }
}

impl PairsState {
    /// The pairs back; `None` for a damaged state (a paired pathway without four joint
    /// histograms).
    pub fn pairs(&self) -> Option<PathwayPairs> {
        let with_baseline = match self.baseline {
            None => None,
            Some(b) => {
                let joints: Vec<JointHistogram> = self
                    .joints
                    .iter()
                    .map(|c| JointHistogram::from_cells(c))
                    .collect();
                Some((b, <[JointHistogram; 4]>::try_from(joints).ok()?))
            }
        };
        Some(PathwayPairs {
            metrics: self.metrics.clone().map(DayHistogram::from_counts),
            with_baseline,
        })
    }
}

/// [`PathwayResults`], histograms as their day counts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct PathwayState {
    pub review_days: Vec<u64>,
    pub time_to_approval_days: Vec<u64>,
    pub regulator_days: Vec<u64>,
    pub applicant_days: Vec<u64>,
    pub stages: Vec<StageState>,
    pub outcomes: [u64; 4],
    pub second_approval_days: Vec<u64>,
    pub update_days: Vec<u64>,
    pub withdrawn: u64,
    pub approval_day: Vec<u64>,
    pub queue_wait_days: Vec<u64>,
    pub unfinished: u64,
}

/// [`StageResults`], histograms as their day counts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct StageState {
    pub ran: u64,
    pub critical: u64,
    pub elapsed_days: Vec<u64>,
    pub end_day: Vec<u64>,
}

fn counts(h: &DayHistogram) -> Vec<u64> {
    h.counts().to_vec()
}

fn hist(c: &[u64]) -> DayHistogram {
    DayHistogram::from_counts(c.to_vec())
}

impl From<&PathwayResults> for PathwayState {
    fn from(p: &PathwayResults) -> Self {
        PathwayState {
            review_days: counts(&p.review_days),
            time_to_approval_days: counts(&p.time_to_approval_days),
            regulator_days: counts(&p.regulator_days),
            applicant_days: counts(&p.applicant_days),
            stages: p
                .stages
                .iter()
                .map(|s| StageState {
                    ran: s.ran,
                    critical: s.critical,
                    elapsed_days: counts(&s.elapsed_days),
                    end_day: counts(&s.end_day),
                })
                .collect(),
            outcomes: p.outcomes,
            second_approval_days: counts(&p.second_approval_days),
            update_days: counts(&p.update_days),
            withdrawn: p.withdrawn,
            approval_day: counts(&p.approval_day),
            queue_wait_days: counts(&p.queue_wait_days),
            unfinished: p.unfinished,
        }
    }
}

impl From<&PathwayState> for PathwayResults {
    fn from(p: &PathwayState) -> Self {
        PathwayResults {
            review_days: hist(&p.review_days),
            time_to_approval_days: hist(&p.time_to_approval_days),
            regulator_days: hist(&p.regulator_days),
            applicant_days: hist(&p.applicant_days),
            stages: p
                .stages
                .iter()
                .map(|s| StageResults {
                    ran: s.ran,
                    critical: s.critical,
                    elapsed_days: hist(&s.elapsed_days),
                    end_day: hist(&s.end_day),
                })
                .collect(),
            outcomes: p.outcomes,
            second_approval_days: hist(&p.second_approval_days),
            update_days: hist(&p.update_days),
            withdrawn: p.withdrawn,
            approval_day: hist(&p.approval_day),
            queue_wait_days: hist(&p.queue_wait_days),
            unfinished: p.unfinished,
        }
    }
}

impl RunState {
    /// The state of a run's slice `range` of `iterations`, from its results.
    pub fn of(
        label: &str,
        iterations: u64,
        range: std::ops::Range<u64>,
        r: &RunResults,
    ) -> RunState {
        RunState {
            label: label.to_string(),
            seed: r.seed,
            iterations,
            first: range.start,
            end: range.end,
            pathways: r.pathways.iter().map(PathwayState::from).collect(),
            pairs: Vec::new(),
        }
    }

    /// The slice's results.
    pub fn results(&self) -> RunResults {
        RunResults {
            iterations: self.end - self.first,
            seed: self.seed,
            pathways: self.pathways.iter().map(PathwayResults::from).collect(),
        }
    }
}

impl State {
    /// The file's bytes: compact JSON and a newline.
    pub fn to_json(&self) -> Vec<u8> {
        let mut v = serde_json::to_vec(self).expect("a state serialises");
        v.push(b'\n');
        v
    }

    /// Reads a state from its bytes; the message says what is wrong.
    pub fn from_json(bytes: &[u8]) -> Result<State, String> {
        // The format and version first, so that a file of another version is named as
        // such rather than as a field it does not have.
        #[derive(Deserialize)]
        struct Head {
            format: Option<String>,
            version: Option<u32>,
        }
        let head: Head = serde_json::from_slice(bytes)
            .map_err(|e| format!("not a regsim state file (not JSON: {e})"))?;
        if head.format.as_deref() != Some(STATE_FORMAT) {
            return Err(format!(
                "not a regsim state file (no \"format\": \"{STATE_FORMAT}\")"
            ));
        }
        if head.version != Some(STATE_VERSION) {
            return Err(format!(
                "state file version {} is not the version {STATE_VERSION} this regsim reads",
                head.version.map_or("(none)".into(), |v| v.to_string())
            ));
        }
        serde_json::from_slice(bytes).map_err(|e| format!("damaged state file: {e}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::monte_carlo::MonteCarlo;
    use crate::scenario::{self, Overrides};

    #[test]
    fn results_survive_the_state_file_exactly() {
        let model = scenario::load(
            std::path::Path::new("tests/data/good/whatif.toml"),
            &Overrides::default(),
        )
        .unwrap()
        .model;
        let mc = MonteCarlo {
            iterations: 3_000,
            seed: 11,
            keep_rows: false,
        };
        let r = mc
            .run_from(&model, 500, |_| Ok::<(), ()>(()), |_| {})
            .unwrap();
        let state = State {
            format: STATE_FORMAT.into(),
            version: STATE_VERSION,
            regsim_version: "x".into(),
            command: "run".into(),
            recipe: Recipe {
                scenario: "s.toml".into(),
                sha256: "00".into(),
                submitted: None,
                set: vec![],
                variants: vec![],
                iterations: Some(9_000),
                seed: None,
                compared: vec![],
            },
            shard: [2, 3],
            seconds: 0.5,
            runs: vec![RunState::of("", 9_000, 500..3_500, &r)],
        };
        let back = State::from_json(&state.to_json()).unwrap();
        assert_eq!(back, state);
        let again = back.runs[0].results();
        assert_eq!(again.pathways, r.pathways);
        assert_eq!(again.iterations, 3_000);
    }

    #[test]
    fn other_files_and_versions_are_named() {
        assert!(State::from_json(b"{").unwrap_err().contains("not JSON"));
        assert!(State::from_json(b"{}").unwrap_err().contains("format"));
        let v2 = br#"{"format":"regsim-state","version":2}"#;
        assert!(State::from_json(v2).unwrap_err().contains("version 2"));
        let damaged = br#"{"format":"regsim-state","version":1,"runs":3}"#;
        assert!(State::from_json(damaged).unwrap_err().contains("damaged"));
    }
}
