//! sensitivity.csv: one row per uncertain stage of each pathway, the largest swing
//! first within a pathway (see [`crate::engine::sensitivity`] for the method).

use crate::lang::Msg;
use anyhow::Result;

use crate::engine::sensitivity::PathwaySensitivity;
use crate::export::csv::{num, text};
use crate::model::Model;

/// Columns of sensitivity.csv, in order.
pub const SENSITIVITY_COLUMNS: [&str; 14] = [
    "scenario",
    "variant",
    "product",
    "pathway",
    "rank",
    "stage",
    "p10_days",
    "p90_days",
    "base_p80",
    "p80_at_p10",
    "p80_at_p90",
    "swing_days",
    "rank_correlation",
    "title",
];

/// sensitivity.csv for `model` and its analysis.
pub fn sensitivity_csv(model: &Model, sensitivity: &[PathwaySensitivity]) -> Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(SENSITIVITY_COLUMNS)?;
    for s in sensitivity {
        let pathway = &model.pathways[s.pathway];
        for (rank, st) in s.stages.iter().enumerate() {
            let stage = &pathway.stages[st.stage];
            w.write_record([
                text(&model.name),
                String::new(),
                text(pathway.product_id(model)),
                text(&pathway.id),
                (rank + 1).to_string(),
                text(&stage.id),
                num(st.low_days),
                num(st.high_days),
                num(s.base_p80),
                num(st.p80_at_low),
                num(st.p80_at_high),
                num(st.swing()),
                st.rank_correlation.map(num).unwrap_or_default(),
                text(&stage.title),
            ])?;
        }
    }
    Ok(w.into_inner()?)
}

/// For the terminal: per pathway, the stage with the largest swing.
pub fn largest_swings(model: &Model, sensitivity: &[PathwaySensitivity]) -> String {
    let names: Vec<String> = sensitivity
        .iter()
        .map(|s| model.pathways[s.pathway].label(model))
        .collect();
    let w = names.iter().map(|n| n.chars().count()).max().unwrap_or(0);
    let lang = model.lang;
    let mut out = String::from(lang.text(Msg::LargestSwingsHeading));
    for (s, name) in sensitivity.iter().zip(&names) {
        let line = match s.stages.first() {
            Some(st) => lang.fill(
                Msg::SwingLine,
                &[
                    &model.pathways[s.pathway].stages[st.stage].id,
                    &num(st.p80_at_low),
                    &num(st.p80_at_high),
                    &num(st.swing()),
                ],
            ),
            None => lang.text(Msg::NoUncertainStageShort).into(),
        };
        let name = crate::export::text_table::pad_right(name, w);
        out.push_str(&format!("    {name}  {line}\n"));
    }
    out
}
