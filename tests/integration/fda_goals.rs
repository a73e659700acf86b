//! The PDUFA goal dates of the shipped `scenarios/us/fda.toml`, for every submission day
//! of a year, against the goals letter's rule computed here with chrono; and dated
//! public cases.
//!
//! The rule (PDUFA V goals letter, the same text in PDUFA VI and VII): "Review and act on
//! 90 percent of standard NME NDA and original BLA submissions within 10 months of the
//! 60 day filing date" (priority: 6 months), the filing review beginning on the date of
//! receipt, which the FDA sets as 12 (standard) or 8 (priority) months from receipt; for
//! non-NME NDAs, "within 10 months of the receipt date" (priority: 6 months). A month is
//! a calendar month: the same day of the month, or the month's last day when it is
//! shorter (docs/scenario-format.md, `duration_months`).

use chrono::{Datelike, Days, Months, NaiveDate};

use crate::support::regsim;

const FILE: &str = "scenarios/us/fda.toml";

/// `regsim date scenarios/us/fda.toml --pathway ID --submitted DATE`: the goal date and,
/// if the pathway has one, the filing date.
fn goal_and_filing(pathway: &str, submitted: NaiveDate) -> (NaiveDate, Option<NaiveDate>) {
    let out = regsim()
        .args(["date", FILE, "--pathway", pathway, "--submitted"])
        .arg(submitted.to_string())
        .assert()
        .success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let date_on = |line: &str| -> NaiveDate {
        let word = line
            .split_whitespace()
            .find(|w| w.len() == 10 && w.as_bytes()[4] == b'-')
            .unwrap_or_else(|| panic!("no date on {line}"));
        NaiveDate::parse_from_str(word, "%Y-%m-%d").unwrap()
    };
    let goal = text
        .lines()
        .find(|l| l.starts_with("goal date:"))
        .map(date_on)
        .unwrap_or_else(|| panic!("no goal date in\n{text}"));
    let filing = text
        .lines()
        .find(|l| l.split_whitespace().next() == Some("filing"))
        .map(date_on);
    (goal, filing)
}

/// Every submission day of 2025, each route: NMEs 12 / 8 months from receipt with the
/// filing date on day 60; non-NMEs 10 / 6 months from receipt with no filing stage.
#[test]
fn every_submission_day_of_2025_gets_the_goals_letter_date() {
    let routes: [(&str, u32, bool); 4] = [
        ("fda-standard", 12, true),
        ("fda-priority", 8, true),
        ("fda-standard-non-nme", 10, false),
        ("fda-priority-non-nme", 6, false),
    ];
    let first = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
    let mut checked = 0;
    for day in first.iter_days().take_while(|d| d.year() == 2025) {
        for (pathway, months, nme) in routes {
            let (goal, filing) = goal_and_filing(pathway, day);
            let want = day.checked_add_months(Months::new(months)).unwrap();
            assert_eq!(goal, want, "{pathway} submitted {day}");
            if nme {
                assert_eq!(
                    filing,
                    Some(day.checked_add_days(Days::new(60)).unwrap()),
                    "{pathway} submitted {day}"
                );
            } else {
                assert_eq!(filing, None, "{pathway} submitted {day}");
            }
            checked += 1;
        }
    }
    assert_eq!(checked, 365 * 4);
}

/// The month-end rule on the shipped routes, written out by hand: 31 March 2025 + 8
/// months is 30 November 2025; 31 January 2024 + 12 months is 31 January 2025, + 10
/// months 30 November 2024; 31 August 2024 + 6 months is 28 February 2025.
#[test]
fn goals_from_a_month_end_fall_on_the_shorter_months_last_day() {
    let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    assert_eq!(
        goal_and_filing("fda-priority", d("2025-03-31")).0,
        d("2025-11-30")
    );
    assert_eq!(
        goal_and_filing("fda-standard", d("2024-01-31")).0,
        d("2025-01-31")
    );
    assert_eq!(
        goal_and_filing("fda-standard-non-nme", d("2024-01-31")).0,
        d("2024-11-30")
    );
    assert_eq!(
        goal_and_filing("fda-priority-non-nme", d("2024-08-31")).0,
        d("2025-02-28")
    );
}

/// `regsim date` on the shipped file: the whole text.
fn date_text(pathway: &str, submitted: &str) -> String {
    let out = regsim()
        .args(["date", FILE, "--pathway", pathway, "--submitted", submitted])
        .assert()
        .success();
    String::from_utf8(out.get_output().stdout.clone()).unwrap()
}

/// Aducanumab, an original BLA under priority review. Biogen and Eisai, press release of
/// 8 July 2020: Biogen "has completed the submission" of the BLA; press release of
/// 7 August 2020: accepted with priority review, "a Prescription Drug User Fee Act
/// action date on 7 March 2021"; press release of 29 January 2021: a major amendment,
/// the review period "extended by three months", "The updated ... PDUFA action date is
/// June 7, 2021". The releases do not give the day of receipt: 7 March 2021 is 8 months
/// from 7 July 2020, the day before the announcement (an inference). The old rule,
/// the filing date plus 6 months, gives 5 March from that receipt (6 March from a
/// receipt of 8 July), the published date from neither.
#[test]
fn aducanumab_priority_goal_and_its_major_amendment() {
    let t = date_text("fda-priority", "2020-07-07");
    assert!(t.contains("goal date: 2021-03-07 (Sun)"), "{t}");
    assert!(
        t.contains("if it happens: the goal date becomes 2021-06-07 (Mon)"),
        "{t}"
    );
}

/// Ciltacabtagene autoleucel, an original BLA under priority review (rolling submission
/// begun 21 December 2020, Janssen press release). Legend Biotech, 26 May 2021:
/// accepted for priority review, "target action date has been set for 29 November
/// 2021"; Janssen, press release of 1 November 2021: the FDA "has extended the
/// Prescription Drug User Fee Act (PDUFA) date to February 28, 2022". The receipt of the
/// last part is not in these releases; 29 November 2021 is 8 months from 29 March 2021
/// (an inference). The extension checks the month-end rule: 29 November + 3 months has
/// no 29 February in 2022, so 28 February.
#[test]
fn cilta_cel_extension_falls_on_the_last_day_of_february() {
    let t = date_text("fda-priority", "2021-03-29");
    assert!(t.contains("goal date: 2021-11-29 (Mon)"), "{t}");
    assert!(
        t.contains("if it happens: the goal date becomes 2022-02-28 (Mon)"),
        "{t}"
    );
}
