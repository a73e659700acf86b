//! Calendars and clock rules in a run: custom calendars, business days counted in a
//! named calendar, a batch exception, a capped clock stop, fiscal-year reporting
//! (tests/data/good/calendars.toml).

use crate::support::{col, data, read_csv, regsim, run_into_tempdir};

const FILE: &str = "tests/data/good/calendars.toml";

fn dates(args: &[&str]) -> String {
    let out = regsim()
        .arg("date")
        .arg(data("good/calendars.toml"))
        .args(args)
        .assert()
        .success();
    String::from_utf8(out.get_output().stdout.clone()).unwrap()
}

/// From Friday 20 December 2024, ten business days of `agency` (jp-gov, plus 6 January
/// 2025 closed, minus 13 January 2025 (成人の日) open): 23, 24, 25, 26, 27 December; 29
/// December to 3 January closed (jp-gov), 4-5 January a weekend, 6 January added; then
/// 7, 8, 9, 10 and 13 January. jp-gov alone would end on 10 January.
#[test]
fn a_custom_calendar_adds_and_removes_days() {
    let t = dates(&["--pathway", "agency-days"]);
    assert!(t.contains("goal date: 2025-01-13 (Mon), 24 days"), "{t}");
}

/// From Friday 20 December 2024, ten business days of us-federal: 23, 24, 26, 27, 30,
/// 31 December, 2, 3, 6, 7 January (Christmas and New Year's Day are federal holidays).
#[test]
fn a_stage_counts_business_days_in_its_own_calendar() {
    let t = dates(&["--pathway", "us-days"]);
    assert!(t.contains("goal date: 2025-01-07 (Tue), 18 days"), "{t}");
}

/// The batch meets on the 20th of March, June, September and December (the previous
/// jp-gov business day when that is a day off); in 2025, listed as a revision year, the
/// December batch moves to 20 January 2026. Work done on 10 December 2025 therefore
/// waits for 20 January 2026, not 19 December 2025 (the 20th being a Saturday).
#[test]
fn the_december_batch_moves_to_january_in_a_listed_year() {
    let t = dates(&["--pathway", "capped", "--submitted", "2025-09-01"]);
    assert!(t.contains("approval  2026-01-20 (Tue)"), "{t}");
    assert!(
        t.contains("this date replaces the rule's 2025-12-19 (drug price revision)"),
        "{t}"
    );
    // In 2024, not listed, the December batch stays: work done on 10 December 2024
    // (submitted 1 September, 100 days) is approved on Friday 20 December.
    let t = dates(&["--pathway", "capped", "--submitted", "2024-09-01"]);
    assert!(t.contains("approval  2024-12-20 (Fri)"), "{t}");
    // March 2025: the 20th is 春分の日, so the batch is on Wednesday 19 March.
    let t = dates(&["--pathway", "capped", "--submitted", "2024-12-01"]);
    assert!(t.contains("approval  2025-03-19 (Wed)"), "{t}");
}

/// The applicant's answer takes uniform(0, 200) days with a cap of 150: a quarter of
/// the applications run past it and are withdrawn, so approved_share is about 0.75 and
/// runs.csv marks them `false` with no approval date.
#[test]
fn a_capped_clock_stop_withdraws_the_applications_past_it() {
    let out = run_into_tempdir(FILE, &["--runs", "--format", "csv"]);
    let (h, rows) = read_csv(&out.path().join("summary.csv"));
    let capped = rows
        .iter()
        .find(|r| col(&h, r, "pathway") == "capped" && col(&h, r, "metric") == "review_days")
        .unwrap();
    let share: f64 = col(&h, capped, "approved_share").parse().unwrap();
    assert!((0.72..0.78).contains(&share), "{share}");
    let uncapped = rows
        .iter()
        .find(|r| col(&h, r, "pathway") == "us-days")
        .unwrap();
    assert_eq!(col(&h, uncapped, "approved_share"), "1");
    // No approved review took longer than the cap plus the wait for the next batch.
    let max: f64 = col(&h, capped, "max").parse().unwrap();
    assert!(max <= 150.0 + 92.0, "{max}");
    let (h, rows) = read_csv(&out.path().join("runs.csv"));
    let capped: Vec<_> = rows
        .iter()
        .filter(|r| col(&h, r, "pathway") == "capped")
        .collect();
    let withdrawn = capped
        .iter()
        .filter(|r| col(&h, r, "approved") == "false")
        .count();
    assert!(
        (withdrawn as f64 / capped.len() as f64 - (1.0 - share)).abs() < 1e-9,
        "runs.csv and summary.csv agree: {withdrawn} of {}, {share}",
        capped.len()
    );
    assert!(
        capped
            .iter()
            .filter(|r| col(&h, r, "approved") == "false")
            .all(|r| col(&h, r, "approval_date").is_empty())
    );
}

/// `fiscal_year = "jp"`: fiscal_years.csv groups approval dates by Japanese fiscal
/// year, the shares of a pathway adding up to its approved share; the chart is drawn.
#[test]
fn approvals_are_grouped_by_fiscal_year() {
    let out = run_into_tempdir(FILE, &[]);
    let (h, rows) = read_csv(&out.path().join("fiscal_years.csv"));
    assert_eq!(
        h,
        [
            "scenario",
            "variant",
            "product",
            "pathway",
            "fiscal_year",
            "first_day",
            "last_day",
            "approvals",
            "approved_share"
        ]
    );
    // Every application of `us-days` is approved on 7 January 2025: FY2024.
    let us: Vec<_> = rows
        .iter()
        .filter(|r| col(&h, r, "pathway") == "us-days")
        .collect();
    assert_eq!(us.len(), 1);
    assert_eq!(col(&h, us[0], "fiscal_year"), "FY2024");
    assert_eq!(col(&h, us[0], "first_day"), "2024-04-01");
    assert_eq!(col(&h, us[0], "last_day"), "2025-03-31");
    assert_eq!(col(&h, us[0], "approved_share"), "1");
    // `capped`: batches on 19 March 2025 (FY2024) and from 20 June 2025 (FY2025).
    let capped: Vec<(String, f64)> = rows
        .iter()
        .filter(|r| col(&h, r, "pathway") == "capped")
        .map(|r| {
            (
                col(&h, r, "fiscal_year").to_string(),
                col(&h, r, "approved_share").parse().unwrap(),
            )
        })
        .collect();
    assert_eq!(capped.len(), 2, "{capped:?}");
    assert_eq!(
        (capped[0].0.as_str(), capped[1].0.as_str()),
        ("FY2024", "FY2025")
    );
    // Answers within 89 days (by 19 March) out of uniform(0, 200): about 45%.
    assert!((0.40..0.50).contains(&capped[0].1), "{capped:?}");
    for ext in ["png", "svg"] {
        let chart = out.path().join(format!("fiscal_years.{ext}"));
        assert!(std::fs::metadata(&chart).unwrap().len() > 1000, "{ext}");
    }
    let manifest = std::fs::read_to_string(out.path().join("manifest.json")).unwrap();
    assert!(manifest.contains("fiscal_years.csv"));
}

/// Without `fiscal_year`, no fiscal-year outputs.
#[test]
fn no_fiscal_year_no_fiscal_outputs() {
    let out = run_into_tempdir("tests/data/good/tiny.toml", &[]);
    assert!(!out.path().join("fiscal_years.csv").exists());
    assert!(!out.path().join("fiscal_years.png").exists());
}

/// `regsim schema` stays in step with the calendar and clock fields.
#[test]
fn schema_names_the_calendar_and_clock_fields() {
    let out = regsim().arg("schema").assert().success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    for field in [
        "custom_calendar",
        "duration_months",
        "max_days",
        "clock_start",
        "busy_months",
        "from_day",
        "review_days_from",
        "exceptions",
        "moves_to_month",
        "fiscal_year",
    ] {
        assert!(
            text.contains(&format!("\"{field}\"")),
            "schema lacks {field}"
        );
    }
}

/// The run's summary on the terminal says how many applications were withdrawn.
#[test]
fn the_run_summary_reports_withdrawals() {
    let dir = tempfile::tempdir().unwrap();
    let out = regsim()
        .args(["run", FILE, "--format", "csv", "-o"])
        .arg(dir.path())
        .assert()
        .success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let line = text
        .lines()
        .find(|l| l.trim_start().starts_with("capped:"))
        .unwrap_or_else(|| panic!("no withdrawal line in\n{text}"));
    assert!(line.contains("% withdrawn"), "{line}");
    assert!(!text.contains("us-days:"), "{text}");
}
