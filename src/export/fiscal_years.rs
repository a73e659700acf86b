//! fiscal_years.csv: approvals grouped by the fiscal year of their date, as PMDA (April
//! to March) and the FDA (October to September) report them.
//!
//! One row per (product,) pathway and fiscal year in which any iteration's approval
//! falls: the share of iterations approved in that year. With a submission window or a
//! long review, one application's approval spreads over several fiscal years; the
//! shares of a pathway add up to its approved share.

use anyhow::Result;
use chrono::NaiveDate;

use crate::engine::results::RunResults;
use crate::export::csv::{num, text};
use crate::model::Model;
use crate::model::calendar::fiscal::FiscalYear;

/// Columns of fiscal_years.csv, in order.
pub const COLUMNS: [&str; 9] = [
    "scenario",
    "variant",
    "product",
    "pathway",
    "fiscal_year",
    "first_day",
    "last_day",
    "approvals",
    "approved_share",
];

/// Approvals of one pathway per fiscal year: (fiscal year, approvals), ascending.
pub fn per_year(
    model: &Model,
    fy: FiscalYear,
    approval_day: &crate::engine::stats::DayHistogram,
) -> Vec<(i32, u64)> {
    let mut out: Vec<(i32, u64)> = Vec::new();
    let Some(max) = approval_day.max() else {
        return out;
    };
    for day in 0..=max {
        let n = approval_day.count_of(day);
        if n == 0 {
            continue;
        }
        let year = fy.of(model.date_of(day as i64));
        match out.last_mut() {
            Some((y, c)) if *y == year => *c += n,
            _ => out.push((year, n)),
        }
    }
    out
}

/// fiscal_years.csv, or `None` when the scenario asks for no fiscal years.
pub fn fiscal_years_csv(model: &Model, results: &RunResults) -> Result<Option<Vec<u8>>> {
    let Some(fy) = model.fiscal_year else {
        return Ok(None);
    };
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(COLUMNS)?;
    let n = results.iterations.max(1) as f64;
    for (pathway, res) in model.pathways.iter().zip(&results.pathways) {
        for (year, count) in per_year(model, fy, &res.approval_day) {
            let (first, last): (NaiveDate, NaiveDate) =
                fy.range(year).expect("a year of a simulated date");
            w.write_record([
                text(&model.name),
                String::new(),
                text(pathway.product_id(model)),
                text(&pathway.id),
                format!("FY{year}"),
                first.to_string(),
                last.to_string(),
                count.to_string(),
                num(count as f64 / n),
            ])?;
        }
    }
    Ok(Some(w.into_inner()?))
}
