//! Plain-text tables for the terminal, shared by `regsim explain` and its `--at` form.

use std::fmt::Write;

use crate::engine::schedule::PathwayTimes;
use crate::model::{Model, Pathway};

/// `rows` as aligned columns, each cell after two spaces, the columns `right` names
/// right-aligned (day counts read best so), trailing spaces trimmed; a line per row.
pub fn aligned<const N: usize>(rows: &[[String; N]], right: impl Fn(usize) -> bool) -> String {
    let mut widths = [0usize; N];
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let mut out = String::new();
    for row in rows {
        let mut line = String::new();
        for (i, (cell, w)) in row.iter().zip(widths).enumerate() {
            if right(i) {
                let _ = write!(line, "  {cell:>w$}");
            } else {
                let _ = write!(line, "  {cell:<w$}");
            }
        }
        let _ = writeln!(out, "{}", line.trim_end());
    }
    out
}

/// "approval 2025-04-03 (Thu): 367 days from submission (regulator 317, applicant 50)";
/// "from the clock start" where the pathway counts its review days from it.
pub fn approval_line(model: &Model, pathway: &Pathway, times: &PathwayTimes) -> String {
    let approval = model.date_of(times.approval_day() as i64);
    format!(
        "approval {approval} ({}): {} days from {} (regulator {}, applicant {})\n",
        approval.format("%a"),
        times.review_days,
        counted_from(pathway),
        times.regulator_days,
        times.applicant_days
    )
}

/// Where the pathway's review days count from: "the clock start" where it counts them
/// from there (PMDA's way), else "submission".
pub fn counted_from(pathway: &Pathway) -> &'static str {
    if pathway
        .clock_start
        .is_some_and(|r| r.review_days_from_start)
    {
        "the clock start"
    } else {
        "submission"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_align_and_lines_end_clean() {
        let rows = [
            ["stage".to_string(), "days".into(), String::new()],
            ["a-long-stage".into(), "7".into(), String::new()],
        ];
        assert_eq!(
            aligned(&rows, |i| i == 1),
            "  stage         days\n  a-long-stage     7\n"
        );
    }
}
