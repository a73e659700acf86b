//! `regsim date`: goal and milestone dates on dated examples written from each rule's
//! text (tests/data/good/clock-rules.toml holds the rules with their sources).

use crate::support::{data, regsim};

const FILE: &str = "good/clock-rules.toml";

/// `regsim date FILE --pathway ID --submitted DATE`, stdout.
fn dates(pathway: &str, submitted: &str) -> String {
    let out = regsim()
        .arg("date")
        .arg(data(FILE))
        .args(["--pathway", pathway, "--submitted", submitted])
        .assert()
        .success();
    String::from_utf8(out.get_output().stdout.clone()).unwrap()
}

/// The date on the line of stage `id` (or "goal date:"), e.g. "2025-01-15".
fn date_of(text: &str, id: &str) -> String {
    let line = text
        .lines()
        .find(|l| {
            l.split_whitespace().next() == Some(id) || (id == "goal" && l.starts_with("goal date:"))
        })
        .unwrap_or_else(|| panic!("no line for {id} in\n{text}"));
    line.split_whitespace()
        .find(|w| w.len() == 10 && w.as_bytes()[4] == b'-')
        .unwrap_or_else(|| panic!("no date on {line}"))
        .to_string()
}

fn goal(text: &str) -> String {
    let line = text.lines().find(|l| l.starts_with("goal date:")).unwrap();
    line.split_whitespace().nth(2).unwrap().to_string()
}

/// PMDA's busy-month rule (PMDA digital book, index14): "an application filed on or
/// after the 16th of March, June, September or December has its start date counted as
/// the 1st of the next month"; the standard target is 12 months from the start date.
#[test]
fn pmda_busy_month_rule_moves_the_start_and_the_target_date() {
    // Filed Monday 18 March 2024, after the 16th of a busy month: the clock starts on
    // 1 April 2024 and the 12-month target date is 1 April 2025.
    let t = dates("pmda-standard", "2024-03-18");
    assert!(
        t.contains("the clock starts on the 1st of the next month, 2024-04-01"),
        "{t}"
    );
    assert_eq!(goal(&t), "2025-04-01");
    // PMDA counts its review time from the start date: 365 days, not 379.
    assert!(
        t.contains("goal date: 2025-04-01 (Tue), 365 days after the clock start"),
        "{t}"
    );
    // The 16th itself is "on or after the 16th".
    assert_eq!(goal(&dates("pmda-standard", "2024-06-16")), "2025-07-01");
    // Filed on the 15th of a busy month: the clock starts that day.
    let t = dates("pmda-standard", "2024-03-15");
    assert!(t.contains("the clock starts on the submission date"), "{t}");
    assert_eq!(goal(&t), "2025-03-15");
    // A busy December moves the start into the next year.
    assert_eq!(goal(&dates("pmda-standard", "2024-12-20")), "2026-01-01");
    // April is not a busy month.
    assert_eq!(goal(&dates("pmda-standard", "2024-04-20")), "2025-04-20");
}

/// PDUFA goals letter: for NME NDAs and original BLAs under "the Program", the filing
/// date is 60 days after receipt and the goal is 10 months after the filing date
/// (standard) or 6 months (priority), which the FDA sets as 12 or 8 months from receipt:
/// the filing review runs inside the review clock.
#[test]
fn fda_filing_date_and_pdufa_goal_dates_for_nmes() {
    // Received Monday 15 January 2024: day 60 is Friday 15 March 2024 (16 days left in
    // January, 29 in February, 15 in March); the standard goal is 15 January 2025.
    let t = dates("fda-standard-nme", "2024-01-15");
    assert_eq!(date_of(&t, "filing"), "2024-03-15");
    assert_eq!(date_of(&t, "goal"), "2025-01-15");
    assert_eq!(goal(&t), "2025-01-15");
    // Priority: 8 months from receipt, 15 September 2024.
    let t = dates("fda-priority-nme", "2024-01-15");
    assert_eq!(date_of(&t, "filing"), "2024-03-15");
    assert_eq!(goal(&t), "2024-09-15");
    // Received 31 December 2023: day 60 is 29 February 2024 (leap year); the goal,
    // 12 months from receipt, 31 December 2024 (10 months from the filing date would
    // give 29 December).
    let t = dates("fda-standard-nme", "2023-12-31");
    assert_eq!(date_of(&t, "filing"), "2024-02-29");
    assert_eq!(goal(&t), "2024-12-31");
}

/// PDUFA: a major amendment in the last 3 months of the review extends the goal date by
/// 3 months; the median schedule leaves it out (it happens in 20% of reviews in the
/// file) and says what it would do.
#[test]
fn fda_major_amendment_extends_the_goal_by_three_months() {
    let t = dates("fda-standard-nme", "2024-01-15");
    assert!(
        t.contains("if it happens: the goal date becomes 2025-04-15 (Tue), 90 days later"),
        "{t}"
    );
}

/// PDUFA: other original NDAs (not NMEs): the goal is 10 months from receipt, with no
/// filing period in front of it.
#[test]
fn fda_non_nme_goal_counts_from_receipt() {
    let t = dates("fda-standard-non-nme", "2024-01-15");
    assert_eq!(goal(&t), "2024-11-15");
}

/// EMA's centralised procedure (Reg. 726/2004; EMA's timetable): Day 1 on 15 January
/// 2024; Day 120 is 119 days later, 13 May 2024; the 3-month clock stop restarts the
/// clock on Day 121, 13 August 2024; Day 180 is 59 days later, 11 October 2024; a
/// 30-day clock stop restarts it on Day 181, 10 November 2024; Day 210 (the CHMP
/// opinion) is 29 days later, 9 December 2024; the Commission decides within 67 days,
/// by 14 February 2025. Active days: Days 1-120, 121-180 and 181-210, 210 in all.
#[test]
fn ema_timetable_day_120_180_210_and_commission_decision() {
    let t = dates("ema-standard", "2024-01-15");
    assert_eq!(date_of(&t, "day-120"), "2024-05-13");
    assert_eq!(date_of(&t, "day-120-clock-stop"), "2024-08-13");
    assert_eq!(date_of(&t, "day-180"), "2024-10-11");
    assert_eq!(date_of(&t, "day-180-clock-stop"), "2024-11-10");
    assert_eq!(date_of(&t, "day-210"), "2024-12-09");
    assert_eq!(date_of(&t, "commission-decision"), "2025-02-14");
}

#[test]
fn an_unknown_pathway_is_bad_input_with_a_suggestion() {
    let out = regsim()
        .arg("date")
        .arg(data(FILE))
        .args(["--pathway", "fda-standard-nm"])
        .assert()
        .code(2);
    let err = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(err.contains("no pathway `fda-standard-nm`"), "{err}");
    assert!(err.contains("did you mean `fda-standard-nme`?"), "{err}");
}

/// A pathway with a performance target states the target's date for the submission: the
/// PMD Act's normal route has "80% of reviews within 12 months (365 days), total time"
/// (scenarios/japan/pmd-act-2022.toml cites MHLW's material for PMDA's 5th mid-term plan), so a
/// review submitted on 17 March 2025 meets it if approved by 17 March 2026.
#[test]
fn a_target_is_dated_from_the_submission() {
    let out = regsim()
        .arg("date")
        .arg("scenarios/japan/pmd-act-2022.toml")
        .args(["--pathway", "normal", "--submitted", "2025-03-17"])
        .assert()
        .success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(
        text.contains(
            "target date: 2026-03-17 (Tue), 365 days after submission: 80% of reviews are to be approved by then"
        ),
        "{text}"
    );
}

/// The README's examples of `regsim date` and `regsim calendar` are what the binary
/// prints.
#[test]
fn the_readme_examples_are_real_output() {
    let readme = std::fs::read_to_string(crate::support::repo_root().join("README.md")).unwrap();
    let fda = regsim()
        .args([
            "date",
            "scenarios/us/fda.toml",
            "--pathway",
            "fda-standard",
            "--submitted",
            "2024-01-15",
        ])
        .assert()
        .success();
    let fda = String::from_utf8(fda.get_output().stdout.clone()).unwrap();
    assert!(readme.contains(&fda), "README lacks\n{fda}");
    let pmda = dates("pmda-standard", "2024-03-18");
    assert!(readme.contains(&pmda), "README lacks\n{pmda}");
    let cal = regsim()
        .args(["calendar", "jp-gov", "2024", "--fiscal"])
        .assert()
        .success();
    let cal = String::from_utf8(cal.get_output().stdout.clone()).unwrap();
    // The README elides the middle of the list with "...": its first and last lines.
    let lines: Vec<&str> = cal.lines().collect();
    for part in [lines[..8].join("\n"), lines[lines.len() - 12..].join("\n")] {
        assert!(readme.contains(&part), "README lacks\n{part}");
    }
}
