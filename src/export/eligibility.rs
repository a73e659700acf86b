//! Which pathways each product may take, and why: the table `regsim explain` prints and
//! eligibility.csv.

use std::fmt::Write;

use anyhow::Result;

use crate::export::csv::text;
use crate::model::Model;

/// Columns of eligibility.csv, in order.
pub const ELIGIBILITY_COLUMNS: [&str; 6] = [
    "scenario",
    "product",
    "pathway",
    "eligible",
    "evidence_to_obtain",
    "reasons",
];

/// Per product: each pathway of the file, eligible yes or no, and the reasons.
pub fn decision_table(model: &Model) -> String {
    let mut out = String::new();
    for (k, product) in model.products.iter().enumerate() {
        let has: Vec<&str> = product
            .evidence
            .iter()
            .map(|&e| model.evidence[e].id.as_str())
            .collect();
        let _ = writeln!(
            out,
            "{} — {} ({}; evidence: {}; approved overseas: {}; emergency declared: {}; ready {})",
            product.id,
            product.title,
            product.kind.as_str(),
            if has.is_empty() {
                "none".to_string()
            } else {
                has.join(", ")
            },
            yes_no(product.approved_overseas),
            yes_no(product.emergency_declared),
            product.ready
        );
        let rows: Vec<_> = model.decisions.iter().filter(|d| d.product == k).collect();
        let w = rows
            .iter()
            .map(|d| d.pathway.chars().count())
            .max()
            .unwrap_or(0);
        for d in rows {
            let _ = writeln!(
                out,
                "  {}  {:3}  {}",
                crate::export::text_table::pad_right(&d.pathway, w),
                yes_no(d.decision.eligible),
                d.decision.reasons.join("; ")
            );
        }
        out.push('\n');
    }
    out
}

fn yes_no(b: bool) -> &'static str {
    if b { "yes" } else { "no" }
}

/// eligibility.csv: one row per product and pathway of the file.
pub fn eligibility_csv(model: &Model) -> Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(ELIGIBILITY_COLUMNS)?;
    for d in &model.decisions {
        w.write_record([
            text(&model.name),
            text(&model.products[d.product].id),
            text(&d.pathway),
            d.decision.eligible.to_string(),
            d.decision
                .gap
                .map(|e| text(&model.evidence[e].id))
                .unwrap_or_default(),
            text(&d.decision.reasons.join("; ")),
        ])?;
    }
    Ok(w.into_inner()?)
}
