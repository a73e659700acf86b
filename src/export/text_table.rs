//! Plain-text tables for the terminal, shared by `regsim explain` and its `--at` form.

use crate::lang::Msg;
use std::fmt::Write;

use crate::engine::schedule::PathwayTimes;
use crate::model::{Model, Pathway};

/// How many terminal columns `text` takes: two for a wide (East Asian) character such
/// as 審 or （, one for any other, so that Japanese cells line up.
pub fn columns(text: &str) -> usize {
    text.chars()
        .map(|c| match c as u32 {
            0x1100..=0x115F
            | 0x2E80..=0x303E
            | 0x3041..=0x33FF
            | 0x3400..=0x4DBF
            | 0x4E00..=0x9FFF
            | 0xA000..=0xA4CF
            | 0xAC00..=0xD7A3
            | 0xF900..=0xFAFF
            | 0xFE30..=0xFE4F
            | 0xFF00..=0xFF60
            | 0xFFE0..=0xFFE6
            | 0x20000..=0x3FFFD => 2,
            _ => 1,
        })
        .sum()
}

/// `text` padded with spaces on the right to `width` columns (as `{:<width$}` would,
/// but for any width: the formatter refuses widths above 65535, and a cell is as wide
/// as the id a scenario gives it).
pub fn pad_right(text: &str, width: usize) -> String {
    let mut out = String::from(text);
    out.extend(std::iter::repeat_n(
        ' ',
        width.saturating_sub(columns(text)),
    ));
    out
}

/// `text` padded with spaces on the left to `width` characters, as `{:>width$}` would.
pub fn pad_left(text: &str, width: usize) -> String {
    let mut out: String = std::iter::repeat_n(' ', width.saturating_sub(columns(text))).collect();
    out.push_str(text);
    out
}

/// `rows` as aligned columns, each cell after two spaces, the columns `right` names
/// right-aligned (day counts read best so), trailing spaces trimmed; a line per row.
pub fn aligned<const N: usize>(rows: &[[String; N]], right: impl Fn(usize) -> bool) -> String {
    let mut widths = [0usize; N];
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(columns(cell));
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
    let lang = model.lang;
    let approval = lang.date_weekday(model.date_of(times.approval_day() as i64));
    lang.fill(
        Msg::ApprovalLine,
        &[
            &approval,
            &times.review_days,
            &lang.text(counted_from(pathway)),
            &times.regulator_days,
            &times.applicant_days,
        ],
    )
}

/// Where the pathway's review days count from: "the clock start" where it counts them
/// from there (PMDA's way), else "submission".
pub fn counted_from(pathway: &Pathway) -> Msg {
    if pathway
        .clock_start
        .is_some_and(|r| r.review_days_from_start)
    {
        Msg::FromClockStart
    } else {
        Msg::FromSubmission
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
        assert_eq!(pad_right("通常", 5), "通常 ");
        assert_eq!(pad_right("通常", 3), "通常");
        assert_eq!(columns("審査 p80"), 8);
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
