//! compare.csv: per variant (or file), pathway and metric, the paired comparison with
//! the baseline (see [`crate::engine::paired`]).

use anyhow::Result;

use super::csv::{num, text};
use crate::engine::paired::Paired;
use crate::engine::results::Metric;

/// Columns of compare.csv, in order.
pub const COMPARE_COLUMNS: [&str; 25] = [
    "scenario",
    "variant",
    "product",
    "pathway",
    "metric",
    "iterations",
    "baseline_p50",
    "variant_p50",
    "p50_change",
    "p50_change_low",
    "p50_change_high",
    "baseline_p80",
    "variant_p80",
    "p80_change",
    "p80_change_low",
    "p80_change_high",
    "mean_change",
    "mean_change_low",
    "mean_change_high",
    "faster_share",
    "slower_share",
    "baseline_target_days",
    "baseline_target_met_share",
    "variant_target_days",
    "variant_target_met_share",
];

/// One row: a variant's pathway and metric against the baseline's.
#[derive(Debug, Clone)]
pub struct CompareRow {
    /// The variant's id, or the compared file's name.
    pub variant: String,
    /// The product's id, empty without products.
    pub product: String,
    /// The pathway's id.
    pub pathway: String,
    /// The metric.
    pub metric: Metric,
    /// The paired statistics.
    pub paired: Paired,
    /// The baseline's target on this metric (days) and the share meeting it.
    pub baseline_target: Option<(f64, f64)>,
    /// The variant's target on this metric (days) and the share meeting it.
    pub variant_target: Option<(f64, f64)>,
}

fn opt(x: f64) -> String {
    if x.is_finite() { num(x) } else { String::new() }
}

/// compare.csv for the baseline scenario named `scenario`.
pub fn compare_csv(scenario: &str, rows: &[CompareRow]) -> Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(COMPARE_COLUMNS)?;
    for r in rows {
        let p = &r.paired;
        let target = |t: Option<(f64, f64)>| {
            t.map_or([String::new(), String::new()], |(d, s)| [num(d), num(s)])
        };
        let [bd, bs] = target(r.baseline_target);
        let [vd, vs] = target(r.variant_target);
        w.write_record([
            text(scenario),
            text(&r.variant),
            text(&r.product),
            text(&r.pathway),
            r.metric.as_str().to_string(),
            p.iterations.to_string(),
            opt(p.baseline_p50),
            opt(p.variant_p50),
            opt(p.p50_change.estimate),
            opt(p.p50_change.low),
            opt(p.p50_change.high),
            opt(p.baseline_p80),
            opt(p.variant_p80),
            opt(p.p80_change.estimate),
            opt(p.p80_change.low),
            opt(p.p80_change.high),
            opt(p.mean_change.estimate),
            opt(p.mean_change.low),
            opt(p.mean_change.high),
            opt(p.faster_share),
            opt(p.slower_share),
            bd,
            bs,
            vd,
            vs,
        ])?;
    }
    Ok(w.into_inner()?)
}
