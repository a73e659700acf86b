//! The approval batch of the shipped PMD Act scenario against the public record
//! ([BATCH] in scenarios/japan/pmd-act-2022.toml): its recorded days, its rule for the
//! batches not recorded, and what the rule alone would give on the recorded months.

use chrono::{Datelike, NaiveDate};
use regsim::scenario::{Overrides, load};

const PMD: &str = "scenarios/japan/pmd-act-2022.toml";

/// [BATCH]: the recorded batch days, and the day the rule alone gives in their month.
const RECORDED: [(&str, &str); 12] = [
    ("2018-09-21", "2018-09-21"),
    ("2019-06-18", "2019-06-24"),
    ("2020-03-25", "2020-03-25"),
    ("2020-06-30", "2020-06-24"),
    ("2020-09-25", "2020-09-24"),
    ("2023-03-27", "2023-03-27"),
    ("2023-09-25", "2023-09-25"),
    ("2024-03-26", "2024-03-25"),
    ("2024-09-24", "2024-09-24"),
    ("2024-12-27", "2024-12-23"),
    ("2025-03-27", "2025-03-25"),
    ("2025-12-22", "2025-12-22"),
];

fn ymd(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// The dates of the approval-batch gate of the scenario at `path`, for schedules from
/// `from` (default: the file's submission date).
fn batch_dates(path: &std::path::Path, from: Option<&str>) -> Vec<NaiveDate> {
    let overrides = Overrides {
        submitted: from.map(ymd),
        ..Default::default()
    };
    let loaded = load(path, &overrides)
        .unwrap_or_else(|e| panic!("{path:?}: {:?}", e.items.first().map(|d| &d.message)));
    let origin = loaded.model.submitted;
    let gate = loaded
        .model
        .gates
        .iter()
        .find(|g| g.id == "approval-batch")
        .expect("an approval-batch gate");
    gate.days()
        .iter()
        .map(|&d| origin + chrono::Days::new(d as u64))
        .collect()
}

fn shipped(file: &str, from: Option<&str>) -> Vec<NaiveDate> {
    batch_dates(&crate::support::repo_root().join(file), from)
}

/// The gate's dates in the month of `day`.
fn in_month(dates: &[NaiveDate], day: NaiveDate) -> Vec<NaiveDate> {
    dates
        .iter()
        .copied()
        .filter(|d| d.year() == day.year() && d.month() == day.month())
        .collect()
}

#[test]
fn the_recorded_batches_are_the_simulated_batch_days() {
    // Schedules from 2018 (the file's window then spans 2018 to March 2025).
    let dates = shipped(PMD, Some("2018-01-01"));
    for (real, _) in RECORDED {
        assert_eq!(in_month(&dates, ymd(real)), [ymd(real)], "batch of {real}");
    }
    // Batches only in March, June, September and December, one in each.
    assert!(dates.iter().all(|d| d.month() % 3 == 0), "{dates:?}");
    for w in dates.windows(2) {
        assert!(
            (w[1] - w[0]).num_days() > 31,
            "two batches close together: {w:?}"
        );
    }
    // The COVID scenario has the same schedule.
    let covid = shipped("scenarios/japan/covid-2022.toml", None);
    for day in covid.iter().take(20) {
        assert!(dates.contains(day), "{day}");
    }
}

#[test]
fn batches_not_recorded_follow_the_rule() {
    let dates = shipped(PMD, Some("2018-01-01"));
    // Four business days before the last business day (jp-gov) of the month: Fri 28
    // June 2024; Mon 30 June and Tue 30 September 2025; in 2026 Tue 31 March, Tue 30
    // June, Wed 30 September and Mon 28 December (29 December to 3 January closed).
    for want in [
        "2024-06-24",
        "2025-06-24",
        "2025-09-24",
        "2026-03-25",
        "2026-06-24",
        "2026-09-24",
        "2026-12-22",
    ] {
        assert_eq!(in_month(&dates, ymd(want)), [ymd(want)], "{want}");
    }
}

#[test]
fn the_rule_alone_gives_the_recorded_day_in_half_the_months() {
    // The file's comment: without its recorded dates, the rule would give these days.
    let text = std::fs::read_to_string(crate::support::repo_root().join(PMD)).unwrap();
    let start = text.find("recorded_dates = [").expect("recorded_dates");
    let end = start + text[start..].find("\n]").unwrap() + 2;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rule-only.toml");
    std::fs::write(&path, format!("{}{}", &text[..start], &text[end..])).unwrap();
    let dates = batch_dates(&path, Some("2018-01-01"));
    let mut same = 0;
    for (real, rule) in RECORDED {
        assert_eq!(in_month(&dates, ymd(real)), [ymd(rule)], "batch of {real}");
        same += usize::from(real == rule);
    }
    assert_eq!(same, 6);
}
