//! Plain-text tables for the terminal, shared by `regsim explain` and its `--at` form.

use std::fmt::Write;

use crate::engine::schedule::PathwayTimes;
use crate::model::{Model, Pathway};

/// `text` padded with spaces on the right to `width` characters (as `{:<width$}` would,
/// but for any width: the formatter refuses widths above 65535, and a cell is as wide
/// as the id a scenario gives it).
pub fn pad_right(text: &str, width: usize) -> String {
    let mut out = String::from(text);
    out.extend(std::iter::repeat_n(
        ' ',
        width.saturating_sub(text.chars().count()),
    ));
    out
}

/// `text` padded with spaces on the left to `width` characters, as `{:>width$}` would.
pub fn pad_left(text: &str, width: usize) -> String {
    let mut out: String =
        std::iter::repeat_n(' ', width.saturating_sub(text.chars().count())).collect();
    out.push_str(text);
    out
}

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
                let _ = write!(line, "  {}", pad_left(cell, w));
            } else {
                let _ = write!(line, "  {}", pad_right(cell, w));
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

    /// The formatter panics on a width above 65535; a stage id can be longer.
    #[test]
    fn any_width_pads() {
        let wide = "x".repeat(70_000);
        let rows = [[wide.clone(), "1".into()], ["a".into(), "22".into()]];
        let table = aligned(&rows, |i| i == 1);
        assert!(table.ends_with(&format!("  a{}  22\n", " ".repeat(69_999))));
        assert_eq!(pad_left("ab", 4), "  ab");
        assert_eq!(pad_right("通常", 3), "通常 ");
    }

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
