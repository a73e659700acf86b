//! The run command's contract: outputs, determinism, statistics, exit codes.

use std::fs;

use crate::support::{col, data, read_csv, regsim, run_into_tempdir};

const TINY: &str = "tests/data/good/tiny.toml";

#[test]
fn run_writes_every_output_of_the_contract() {
    let out = run_into_tempdir(TINY, &["-n", "2000", "--runs"]);
    for f in [
        "summary.csv",
        "stages.csv",
        "runs.csv",
        "distribution.png",
        "distribution.svg",
        "timeline.png",
        "timeline.svg",
        "manifest.json",
    ] {
        assert!(out.path().join(f).is_file(), "{f} missing");
    }
    let (header, rows) = read_csv(&out.path().join("summary.csv"));
    assert_eq!(
        header.join(","),
        "scenario,variant,product,pathway,metric,iterations,approved_share,mean,sd,min,p10,p25,p50,p75,p80,p90,max,target_days,target_percentile,target_met_share,\
         p10_se,p25_se,p50_se,p75_se,p80_se,p90_se"
    );
    // two pathways, four metrics each
    assert_eq!(rows.len(), 8);
    let (header, rows) = read_csv(&out.path().join("runs.csv"));
    assert_eq!(
        header.join(","),
        "iteration,variant,product,pathway,approved,submitted,approval_date,review_days,time_to_approval_days,regulator_days,applicant_days"
    );
    assert_eq!(rows.len(), 4000);
    let manifest: serde_json::Value =
        serde_json::from_slice(&fs::read(out.path().join("manifest.json")).unwrap()).unwrap();
    assert_eq!(manifest["iterations"], 2000);
    assert_eq!(manifest["seed"], 7);
    assert_eq!(
        manifest["scenarios"][0]["sha256"].as_str().unwrap().len(),
        64
    );
}

/// The three CSV files of a run of the tiny scenario with `args`.
fn run_csv(args: &[&str]) -> (String, String, String) {
    let out = run_into_tempdir(TINY, &[&["--format", "csv", "--runs"], args].concat());
    let read = |f: &str| fs::read_to_string(out.path().join(f)).unwrap();
    (read("summary.csv"), read("stages.csv"), read("runs.csv"))
}

#[test]
fn same_seed_gives_identical_csv_on_one_and_two_threads() {
    // 40,000 iterations span several blocks, so the threads really share the work.
    let one = run_csv(&["-n", "40000", "--threads", "1"]);
    let two = run_csv(&["-n", "40000", "--threads", "2"]);
    assert_eq!(one, two);
}

#[test]
fn a_different_seed_changes_the_numbers() {
    let a = run_csv(&["-n", "5000", "--seed", "1"]);
    let b = run_csv(&["-n", "5000", "--seed", "2"]);
    assert_ne!(a.0, b.0);
    assert_ne!(a.2, b.2);
}

#[test]
fn summary_percentiles_equal_an_independent_computation_over_runs_csv() {
    let out = run_into_tempdir(TINY, &["-n", "3001", "--format", "csv", "--runs"]);
    let (rh, rows) = read_csv(&out.path().join("runs.csv"));
    let (sh, summary) = read_csv(&out.path().join("summary.csv"));
    for pathway in ["fast", "gated"] {
        for metric in ["review_days", "regulator_days", "applicant_days"] {
            let mut values: Vec<f64> = rows
                .iter()
                .filter(|r| col(&rh, r, "pathway") == pathway)
                .map(|r| col(&rh, r, metric).parse().unwrap())
                .collect();
            values.sort_by(f64::total_cmp);
            let n = values.len();
            assert_eq!(n, 3001);
            let row = summary
                .iter()
                .find(|r| col(&sh, r, "pathway") == pathway && col(&sh, r, "metric") == metric)
                .unwrap();
            for (name, p) in [
                ("p10", 10.0),
                ("p25", 25.0),
                ("p50", 50.0),
                ("p80", 80.0),
                ("p90", 90.0),
            ] {
                // numpy's default: linear interpolation between closest ranks
                let rank = p / 100.0 * (n - 1) as f64;
                let lo = rank.floor() as usize;
                let hi = (lo + 1).min(n - 1);
                let want = values[lo] + (values[hi] - values[lo]) * (rank - lo as f64);
                let got: f64 = col(&sh, row, name).parse().unwrap();
                assert!(
                    (got - want).abs() < 1e-4,
                    "{pathway} {metric} {name}: {got} vs {want}"
                );
            }
            let mean = values.iter().sum::<f64>() / n as f64;
            let got: f64 = col(&sh, row, "mean").parse().unwrap();
            assert!((got - mean).abs() < 1e-4);
            assert_eq!(col(&sh, row, "min").parse::<f64>().unwrap(), values[0]);
            assert_eq!(col(&sh, row, "max").parse::<f64>().unwrap(), values[n - 1]);
        }
    }
    // approval dates are the submission date plus the review days
    let first = &rows[0];
    let submitted =
        chrono::NaiveDate::parse_from_str(col(&rh, first, "submitted"), "%Y-%m-%d").unwrap();
    let approval =
        chrono::NaiveDate::parse_from_str(col(&rh, first, "approval_date"), "%Y-%m-%d").unwrap();
    let days: i64 = col(&rh, first, "review_days").parse().unwrap();
    assert_eq!((approval - submitted).num_days(), days);
}

#[test]
fn gated_stages_end_only_on_gate_dates() {
    let out = run_into_tempdir(TINY, &["-n", "500", "--format", "csv", "--runs"]);
    let (h, rows) = read_csv(&out.path().join("runs.csv"));
    let gate_dates = [
        "2024-06-03",
        "2024-09-02",
        "2024-12-02",
        "2025-03-03",
        "2025-06-02",
    ];
    for r in rows.iter().filter(|r| col(&h, r, "pathway") == "gated") {
        // the gated pathway's last stage is its gate: approval falls on a meeting day
        assert!(gate_dates.contains(&col(&h, r, "approval_date")), "{r:?}");
    }
}

#[test]
fn target_met_share_is_the_share_within_the_target() {
    let out = run_into_tempdir(TINY, &["-n", "4000", "--format", "csv", "--runs"]);
    let (rh, rows) = read_csv(&out.path().join("runs.csv"));
    let within = rows
        .iter()
        .filter(|r| col(&rh, r, "pathway") == "fast")
        .filter(|r| col(&rh, r, "review_days").parse::<f64>().unwrap() <= 40.0)
        .count();
    let (sh, summary) = read_csv(&out.path().join("summary.csv"));
    let row = summary
        .iter()
        .find(|r| col(&sh, r, "pathway") == "fast" && col(&sh, r, "metric") == "review_days")
        .unwrap();
    assert_eq!(col(&sh, row, "target_days"), "40");
    assert_eq!(col(&sh, row, "target_percentile"), "80");
    let share: f64 = col(&sh, row, "target_met_share").parse().unwrap();
    assert!((share - within as f64 / 4000.0).abs() < 1e-4);
}

#[test]
fn a_failed_run_leaves_the_previous_outputs_as_they_were() {
    let out = run_into_tempdir(TINY, &["-n", "300"]);
    let before = fs::read(out.path().join("summary.csv")).unwrap();
    // a scenario whose gate runs out of dates fails during the simulation
    regsim()
        .args(["run", "tests/data/gate-runs-out.toml", "--quiet", "-o"])
        .arg(out.path())
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "error: stage `council` of pathway `p` was ready on 2024-05-06, after the last date of gate `meeting` (2024-05-01)",
        ));
    assert_eq!(fs::read(out.path().join("summary.csv")).unwrap(), before);
    let leftovers: Vec<_> = fs::read_dir(out.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
}

#[test]
fn explain_prints_dated_stages_and_the_critical_path() {
    let assert = regsim().args(["explain", TINY]).assert().success();
    let text = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
    // fast: the median of triangular(5, 10, 20) is 20 - sqrt(75) = 11.34 days, the
    // answers' median 20 days: they end on day 31.34, so approval on day 32; the
    // applicant's stage runs from day 12 to day 32.
    assert!(
        text.contains(
            "approval 2024-05-03 (Fri): 32 days from submission (regulator 12, applicant 20)"
        ),
        "{text}"
    );
    assert!(text.contains("submitted 2024-04-01 (Mon)"), "{text}");
    // gated: 75 days (uniform median) + 6.93 (exponential median 10 ln 2) = day 82,
    // 2024-06-22; the next meeting is the first business day of September, Monday
    // 2024-09-02 (the 1st is a Sunday)
    assert!(text.contains("approval 2024-09-02"), "{text}");
}

#[test]
fn explain_takes_another_submission_date() {
    let assert = regsim()
        .args(["explain", TINY, "--submitted", "2024-07-01"])
        .assert()
        .success();
    let text = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
    assert!(text.contains("approval 2024-08-02"), "{text}");
    // day 82 is 2024-09-21; the next meeting is Monday 2024-12-02 (the 1st is a Sunday)
    assert!(text.contains("approval 2024-12-02"), "{text}");
}

#[test]
fn usage_errors_exit_with_two() {
    regsim().args(["run"]).assert().code(2);
    regsim().args(["frobnicate"]).assert().code(2);
    regsim().args(["run", TINY, "-n", "0"]).assert().code(2);
    regsim()
        .args(["run", TINY, "--threads", "0"])
        .assert()
        .code(2);
    regsim()
        .args(["run", TINY, "--format", "pdf"])
        .assert()
        .code(2);
}

#[test]
fn a_missing_file_is_named_with_exit_code_two() {
    regsim()
        .args(["check", "scenarios/nope.toml"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "error: cannot read the scenario file: no such file",
        ))
        .stderr(predicates::str::contains("--> scenarios/nope.toml"));
}

#[test]
fn schema_is_json_naming_the_scenario_fields() {
    let assert = regsim().arg("schema").assert().success();
    let schema: serde_json::Value = serde_json::from_slice(&assert.get_output().stdout).unwrap();
    let text = schema.to_string();
    for field in [
        "submitted",
        "pathway",
        "stage",
        "distribution",
        "probability",
        "gate",
        "after",
        "variant",
        "based_on",
    ] {
        assert!(text.contains(field), "schema lacks {field}");
    }
}

#[test]
fn output_defaults_to_the_output_folder_named_after_the_file() {
    let work = tempfile::tempdir().unwrap();
    fs::copy(data("good/tiny.toml"), work.path().join("my-scenario.toml")).unwrap();
    regsim()
        .current_dir(work.path())
        .args([
            "run",
            "my-scenario.toml",
            "-n",
            "100",
            "--quiet",
            "--format",
            "csv",
        ])
        .assert()
        .success();
    assert!(work.path().join("output/my-scenario/summary.csv").is_file());
}

#[test]
fn a_submission_window_spreads_submission_dates_over_it() {
    let out = run_into_tempdir(
        "tests/data/good/window.toml",
        &["-n", "3000", "--format", "csv", "--runs"],
    );
    let (h, rows) = read_csv(&out.path().join("runs.csv"));
    let mut dates: Vec<&str> = rows.iter().map(|r| col(&h, r, "submitted")).collect();
    dates.sort_unstable();
    assert_eq!(dates.first(), Some(&"2024-04-01"));
    assert_eq!(dates.last(), Some(&"2025-03-31"));
    dates.dedup();
    assert!(
        dates.len() > 300,
        "only {} distinct submission days",
        dates.len()
    );
    for r in &rows {
        let submitted =
            chrono::NaiveDate::parse_from_str(col(&h, r, "submitted"), "%Y-%m-%d").unwrap();
        let approval =
            chrono::NaiveDate::parse_from_str(col(&h, r, "approval_date"), "%Y-%m-%d").unwrap();
        let days: i64 = col(&h, r, "review_days").parse().unwrap();
        assert_eq!((approval - submitted).num_days(), days);
    }
    // every pathway sees the same application: one submission date per iteration
    for pair in rows.chunks(2) {
        assert_eq!(
            col(&h, &pair[0], "iteration"),
            col(&h, &pair[1], "iteration")
        );
        assert_eq!(
            col(&h, &pair[0], "submitted"),
            col(&h, &pair[1], "submitted")
        );
    }
}

#[test]
fn the_header_name_labels_the_csv_and_the_file_name_the_folder() {
    let work = tempfile::tempdir().unwrap();
    fs::copy(data("good/window.toml"), work.path().join("other.toml")).unwrap();
    fs::copy(data("good/tiny.toml"), work.path().join("plain.toml")).unwrap();
    regsim()
        .current_dir(work.path())
        .args([
            "run",
            "other.toml",
            "plain.toml",
            "-n",
            "100",
            "--quiet",
            "--format",
            "csv",
            "-o",
            "out",
        ])
        .assert()
        .success();
    let (h, rows) = read_csv(&work.path().join("out/other/summary.csv"));
    assert_eq!(col(&h, &rows[0], "scenario"), "fy2024-window");
    let (h, rows) = read_csv(&work.path().join("out/plain/summary.csv"));
    assert_eq!(col(&h, &rows[0], "scenario"), "plain");
}
