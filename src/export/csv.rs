//! summary.csv, stages.csv and runs.csv.
//!
//! UTF-8, a header row, ISO dates, numbers with at most four decimals and no exponent.
//! Text cells that a spreadsheet would read as a formula (starting with `=`, `+`, `-`,
//! `@`, tab or carriage return) are prefixed with an apostrophe, so no formula can be
//! smuggled in through a name.

use std::io::Write;

use anyhow::Result;

use crate::engine::monte_carlo::RunRow;
use crate::engine::precision::percentile_se;
use crate::engine::results::{Metric, RunResults};
use crate::model::Model;

/// Columns of summary.csv, in order: the contract in DESIGN.md, then the Monte Carlo
/// standard error of each percentile ([`crate::engine::precision`]).
pub const SUMMARY_COLUMNS: [&str; 26] = [
    "scenario",
    "variant",
    "product",
    "pathway",
    "metric",
    "iterations",
    "approved_share",
    "mean",
    "sd",
    "min",
    "p10",
    "p25",
    "p50",
    "p75",
    "p80",
    "p90",
    "max",
    "target_days",
    "target_percentile",
    "target_met_share",
    "p10_se",
    "p25_se",
    "p50_se",
    "p75_se",
    "p80_se",
    "p90_se",
];

/// The percentiles of summary.csv, in its column order.
const PERCENTILES: [f64; 6] = [10.0, 25.0, 50.0, 75.0, 80.0, 90.0];

/// Columns of stages.csv, in order.
pub const STAGE_COLUMNS: [&str; 13] = [
    "scenario",
    "variant",
    "product",
    "pathway",
    "stage",
    "clock",
    "days",
    "ran_share",
    "mean",
    "p50",
    "p90",
    "critical_share",
    "title",
];

/// Columns of runs.csv, in order.
pub const RUN_COLUMNS: [&str; 11] = [
    "iteration",
    "variant",
    "product",
    "pathway",
    "approved",
    "submitted",
    "approval_date",
    "review_days",
    "time_to_approval_days",
    "regulator_days",
    "applicant_days",
];

/// A number as CSV shows it: rounded to four decimals, no trailing zeros, no exponent.
pub fn num(x: f64) -> String {
    let s = format!("{:.4}", x);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" { "0".into() } else { s.to_string() }
}

/// A text cell that no spreadsheet will evaluate.
pub fn text(s: &str) -> String {
    match s.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{s}"),
        _ => s.to_string(),
    }
}

/// A number, or an empty cell for none.
pub fn opt(x: Option<f64>) -> String {
    x.map(num).unwrap_or_default()
}

/// summary.csv: one row per pathway and metric.
pub fn summary_csv(model: &Model, results: &RunResults) -> Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(SUMMARY_COLUMNS)?;
    for (pathway, res) in model.pathways.iter().zip(&results.pathways) {
        let n = res.applications().max(1) as f64;
        let queue = (res.queue_wait_days.count() > 0).then_some(Metric::QueueWaitDays);
        for metric in Metric::of(pathway).into_iter().chain(queue) {
            let h = res.metric(metric);
            // A review ends in approval unless it was withdrawn (a clock stop past its
            // cap); a second approval comes only sometimes.
            let approved = match metric {
                Metric::SecondApprovalDays => h.count() as f64 / n,
                _ => 1.0 - res.not_approved() as f64 / n,
            };
            let target = metric.target(pathway.target);
            let p = |q: f64| opt(h.percentile(q));
            let se = PERCENTILES.map(|q| opt(percentile_se(h, q)));
            let contract = [
                text(&model.name),
                String::new(),
                text(pathway.product_id(model)),
                text(&pathway.id),
                metric.as_str().to_string(),
                results.iterations.to_string(),
                num(approved),
                opt(h.mean()),
                opt(h.sd()),
                opt(h.min().map(f64::from)),
                p(10.0),
                p(25.0),
                p(50.0),
                p(75.0),
                p(80.0),
                p(90.0),
                opt(h.max().map(f64::from)),
                target.map(|t| num(t.days)).unwrap_or_default(),
                target.map(|t| num(t.percentile)).unwrap_or_default(),
                opt(target.and_then(|t| h.share_at_most(t.days))),
            ];
            w.write_record(contract.iter().chain(&se))?;
        }
    }
    Ok(w.into_inner()?)
}

/// stages.csv: one row per pathway and stage.
pub fn stages_csv(model: &Model, results: &RunResults) -> Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(STAGE_COLUMNS)?;
    for (pathway, res) in model.pathways.iter().zip(&results.pathways) {
        // Every application recorded: one per iteration, or with an agency every
        // reported one that ended (approved or withdrawn).
        let n = (res.review_days.count() + res.withdrawn).max(1) as f64;
        for (stage, s) in pathway.stages.iter().zip(&res.stages) {
            w.write_record([
                text(&model.name),
                String::new(),
                text(pathway.product_id(model)),
                text(&pathway.id),
                text(&stage.id),
                stage.clock.as_str().to_string(),
                stage.days.as_str().to_string(),
                num(s.ran as f64 / n),
                opt(s.elapsed_days.mean()),
                opt(s.elapsed_days.percentile(50.0)),
                opt(s.elapsed_days.percentile(90.0)),
                num(s.critical as f64 / n),
                text(&stage.title),
            ])?;
        }
    }
    Ok(w.into_inner()?)
}

/// runs.csv, streamed: the header, then rows a batch at a time.
pub struct RunsWriter<W: Write> {
    w: csv::Writer<W>,
    pathway_ids: Vec<String>,
    product_ids: Vec<String>,
    model_submitted: chrono::NaiveDate,
}

impl<W: Write> RunsWriter<W> {
    /// Writes the header.
    pub fn new(model: &Model, out: W) -> Result<Self> {
        let mut w = csv::Writer::from_writer(out);
        w.write_record(RUN_COLUMNS)?;
        Ok(Self {
            w,
            pathway_ids: model.pathways.iter().map(|p| text(&p.id)).collect(),
            product_ids: model
                .pathways
                .iter()
                .map(|p| text(p.product_id(model)))
                .collect(),
            model_submitted: model.submitted,
        })
    }

    /// Appends rows.
    pub fn write(&mut self, rows: &[RunRow]) -> Result<()> {
        for r in rows {
            let submitted = self.model_submitted + chrono::Days::new(r.submitted_day as u64);
            let approval = submitted + chrono::Days::new(r.review_days as u64);
            // A withdrawn application has no approval date and no review days.
            let days = |d: u32| {
                if r.withdrawn {
                    String::new()
                } else {
                    d.to_string()
                }
            };
            self.w.write_record([
                r.iteration.to_string().as_str(),
                "",
                &self.product_ids[r.pathway],
                &self.pathway_ids[r.pathway],
                if r.withdrawn { "false" } else { "true" },
                &submitted.to_string(),
                &if r.withdrawn {
                    String::new()
                } else {
                    approval.to_string()
                },
                &days(r.review_days),
                &days(r.review_days + r.submitted_day - r.ready_day),
                &days(r.regulator_days),
                &days(r.applicant_days),
            ])?;
        }
        Ok(())
    }

    /// Flushes and returns the underlying writer.
    pub fn finish(self) -> Result<W> {
        self.w
            .into_inner()
            .map_err(|e| anyhow::anyhow!("cannot finish runs.csv: {}", e.error()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_short_and_plain() {
        assert_eq!(num(365.0), "365");
        assert_eq!(num(365.25), "365.25");
        assert_eq!(num(1.0 / 3.0), "0.3333");
        assert_eq!(num(-0.00001), "0");
        assert_eq!(num(1e7), "10000000");
    }

    #[test]
    fn formulas_cannot_be_smuggled_in() {
        assert_eq!(text("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(text("+1"), "'+1");
        assert_eq!(text("-2"), "'-2");
        assert_eq!(text("@SUM"), "'@SUM");
        assert_eq!(text("normal"), "normal");
    }
}
