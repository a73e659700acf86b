//! Gate rules through the binary: `regsim date` on tests/data/good/gate-rules.toml, one
//! pathway per gate, whose only stage takes no time and so ends on the gate's first
//! date on or after the submission.

use crate::support::{data, regsim};

/// The date on which the gated stage of `pathway` ends for a submission on `submitted`.
fn gate_date(pathway: &str, submitted: &str) -> String {
    let out = regsim()
        .arg("date")
        .arg(data("good/gate-rules.toml"))
        .args(["--pathway", pathway, "--submitted", submitted])
        .assert()
        .success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let line = text
        .lines()
        .find(|l| l.split_whitespace().next() == Some("gate"))
        .unwrap_or_else(|| panic!("no gate line in\n{text}"));
    line.split_whitespace().nth(1).unwrap().to_string()
}

fn check(pathway: &str, cases: &[(&str, &str)]) {
    for (submitted, want) in cases {
        assert_eq!(
            gate_date(pathway, submitted),
            *want,
            "{pathway}, submitted {submitted}"
        );
    }
}

#[test]
fn the_fourth_thursday_of_the_month() {
    check(
        "fourth-thursday",
        &[
            // April 2024 begins on a Monday: Thursdays 4, 11, 18, 25.
            ("2024-04-01", "2024-04-25"),
            ("2024-04-25", "2024-04-25"),
            ("2024-04-26", "2024-05-23"),
            // November 2024 begins on a Friday: the 4th Thursday is the 28th.
            ("2024-11-01", "2024-11-28"),
        ],
    );
}

#[test]
fn the_last_monday_moved_past_the_year_end_closure() {
    check(
        "last-monday",
        &[
            ("2024-04-01", "2024-06-24"),
            ("2024-09-21", "2024-09-30"),
            // 30 December 2024 is a Monday in the government offices' closure (29 Dec
            // to 3 Jan): the next business day is Monday 6 January 2025.
            ("2024-12-25", "2025-01-06"),
        ],
    );
}

#[test]
fn business_days_before_the_end_of_the_month() {
    check(
        "three-before-end",
        &[
            // Last business day Friday 28 June 2024; three before it, the 25th.
            ("2024-04-01", "2024-06-25"),
            // Last business day Monday 30 September; back over the weekend to the 25th.
            ("2024-09-21", "2024-09-25"),
            // December 2024's last business day is the 27th (the closure); three
            // before it is the 24th, before this submission: March 2025's, the 26th.
            ("2024-12-25", "2025-03-26"),
        ],
    );
}

#[test]
fn listed_dates_then_the_rule_after_the_last_of_them() {
    check(
        "listed-then-rule",
        &[
            // The listed dates, not the rule's 28 June and 30 September.
            ("2024-04-01", "2024-06-18"),
            ("2024-06-19", "2024-09-20"),
            // After the last listed date the rule gives the dates: 30 September, then
            // 27 December (the last business day before the closure).
            ("2024-09-21", "2024-09-30"),
            ("2024-10-01", "2024-12-27"),
            ("2025-01-01", "2025-03-31"),
        ],
    );
}

#[test]
fn recorded_dates_replace_the_rules_date_in_their_month() {
    check(
        "recorded",
        &[
            // The rule's June date (25 June, as in `three-before-end`).
            ("2024-04-01", "2024-06-25"),
            // 1 July 2024 is on record, in a month without a rule date.
            ("2024-06-26", "2024-07-01"),
            // 20 September on record replaces the rule's 25 September.
            ("2024-07-02", "2024-09-20"),
            ("2024-09-21", "2024-12-24"),
        ],
    );
}
