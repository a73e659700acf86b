//! The approval batch of the shipped PMD Act scenario against the public record: the
//! gate's date in each batch month that [BATCH] in scenarios/japan/pmd-act-2022.toml
//! dates, and the rule's dates for the years after the record.

use chrono::{Datelike, NaiveDate};
use regsim::scenario::{Overrides, load};

fn ymd(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// The dates of the scenario's approval-batch gate, for a schedule starting on `from`
/// (default: the file's submission date).
fn batch_dates(file: &str, from: Option<&str>) -> Vec<NaiveDate> {
    let path = crate::support::repo_root().join(file);
    let overrides = Overrides {
        submitted: from.map(ymd),
    };
    let loaded = load(&path, &overrides).unwrap_or_else(|e| panic!("{file}: {e:?}"));
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

/// The gate's date in the month of `day`.
fn in_month(dates: &[NaiveDate], day: NaiveDate) -> NaiveDate {
    *dates
        .iter()
        .find(|d| d.year() == day.year() && d.month() == day.month())
        .unwrap_or_else(|| panic!("no batch in the month of {day}"))
}

#[test]
fn batch_days_follow_the_record_where_the_rule_matches_it() {
    // Schedules from 2018 (the file's window then spans 2018 to March 2025).
    let dates = batch_dates("scenarios/japan/pmd-act-2022.toml", Some("2018-01-01"));
    // [BATCH]: dated batches the rule gives exactly.
    for real in [
        "2018-09-21",
        "2020-03-25",
        "2023-03-27",
        "2023-09-25",
        "2024-09-24",
        "2025-12-22",
    ] {
        assert_eq!(in_month(&dates, ymd(real)), ymd(real), "batch of {real}");
    }
    // [BATCH]: dated batches the rule misses, by the days the file's comment states.
    for (real, rule) in [
        ("2019-06-18", "2019-06-24"),
        ("2020-06-30", "2020-06-24"),
        ("2020-09-25", "2020-09-24"),
        ("2025-03-27", "2025-03-25"),
    ] {
        assert_eq!(in_month(&dates, ymd(real)), ymd(rule), "batch of {real}");
    }
    // Batches only in March, June, September and December.
    assert!(dates.iter().all(|d| d.month() % 3 == 0), "{dates:?}");
}

#[test]
fn after_the_record_the_rule_counts_four_business_days_back_from_the_months_last() {
    let dates = batch_dates("scenarios/japan/pmd-act-2022.toml", Some("2018-01-01"));
    // Last business days (jp-gov) in 2026: Tue 31 Mar, Tue 30 Jun, Wed 30 Sep and
    // Mon 28 Dec (29 Dec to 3 Jan closed); four business days before each.
    for (month_of, want) in [
        ("2026-03-01", "2026-03-25"),
        ("2026-06-01", "2026-06-24"),
        ("2026-09-01", "2026-09-24"),
        ("2026-12-01", "2026-12-22"),
    ] {
        assert_eq!(in_month(&dates, ymd(month_of)), ymd(want), "{month_of}");
    }
    // The COVID scenario uses the same rule.
    let covid = batch_dates("scenarios/japan/covid-2022.toml", None);
    for month_of in ["2022-03-01", "2022-06-01", "2026-12-01"] {
        assert_eq!(
            in_month(&covid, ymd(month_of)),
            in_month(&dates, ymd(month_of)),
            "{month_of}"
        );
    }
}
