//! follow_up.csv: how the conditions that approvals carry end, as shares of iterations.

use anyhow::Result;

use crate::engine::results::RunResults;
use crate::export::csv::{num, text};
use crate::model::Model;
use crate::model::after_approval::Outcome;

/// Columns of follow_up.csv, in order.
pub const FOLLOW_UP_COLUMNS: [&str; 9] = [
    "scenario",
    "variant",
    "product",
    "pathway",
    "follow_up",
    "outcome",
    "iterations",
    "share",
    "p50_days_to_second_approval",
];

/// One row per pathway with a follow-up and outcome; the median days from submission
/// to the second approval on the rows that end in one.
pub fn follow_up_csv(model: &Model, results: &RunResults) -> Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(FOLLOW_UP_COLUMNS)?;
    let n = results.iterations.max(1) as f64;
    for (pathway, res) in model.pathways.iter().zip(&results.pathways) {
        let Some(f) = &pathway.follow_up else {
            continue;
        };
        let p50 = res
            .second_approval_days
            .percentile(50.0)
            .map(num)
            .unwrap_or_default();
        for (k, outcome) in Outcome::ALL.into_iter().enumerate() {
            // A term makes "not met" a lapse; without one nothing lapses.
            let possible = match outcome {
                Outcome::ConvertedAfterExtension => f.term_days.is_some() && f.extension_days > 0.0,
                Outcome::Lapsed => f.term_days.is_some(),
                Outcome::NotMet => f.term_days.is_none(),
                Outcome::Converted => true,
            };
            if !possible {
                continue;
            }
            w.write_record([
                text(&model.name),
                String::new(),
                text(pathway.product_id(model)),
                text(&pathway.id),
                text(&f.title),
                outcome.as_str().to_string(),
                results.iterations.to_string(),
                num(res.outcomes[k] as f64 / n),
                if outcome.approved() {
                    p50.clone()
                } else {
                    String::new()
                },
            ])?;
        }
    }
    Ok(w.into_inner()?)
}
