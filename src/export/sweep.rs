//! sweep.csv: one row per knob value, pathway and metric.

use anyhow::Result;

use super::csv::{num, text};
use crate::engine::results::{METRICS, RunResults};
use crate::model::Model;

/// Columns of sweep.csv, in order.
pub const SWEEP_COLUMNS: [&str; 15] = [
    "scenario",
    "knob",
    "value",
    "product",
    "pathway",
    "metric",
    "iterations",
    "mean",
    "p10",
    "p50",
    "p80",
    "p90",
    "target_days",
    "target_percentile",
    "target_met_share",
];

/// One point of a sweep: the knob's value as written and the run it gave.
pub struct SweepPoint<'a> {
    /// The value as given after `=` (`*0.8`, `300`).
    pub value: String,
    /// The model run.
    pub model: &'a Model,
    /// Its results.
    pub results: &'a RunResults,
}

/// sweep.csv for the knob `knob` (its path).
pub fn sweep_csv(knob: &str, points: &[SweepPoint]) -> Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(SWEEP_COLUMNS)?;
    for pt in points {
        for (p, r) in pt.model.pathways.iter().zip(&pt.results.pathways) {
            for metric in METRICS {
                let h = r.metric(metric);
                let q = |x: f64| h.percentile(x).map(num).unwrap_or_default();
                let target = metric.target(p.target);
                w.write_record([
                    text(&pt.model.name),
                    text(knob),
                    text(&pt.value),
                    text(p.product_id(pt.model)),
                    text(&p.id),
                    metric.as_str().to_string(),
                    pt.results.iterations.to_string(),
                    h.mean().map(num).unwrap_or_default(),
                    q(10.0),
                    q(50.0),
                    q(80.0),
                    q(90.0),
                    target.map(|t| num(t.days)).unwrap_or_default(),
                    target.map(|t| num(t.percentile)).unwrap_or_default(),
                    target
                        .and_then(|t| h.share_at_most(t.days))
                        .map(num)
                        .unwrap_or_default(),
                ])?;
            }
        }
    }
    Ok(w.into_inner()?)
}
