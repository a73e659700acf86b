//! The agency queue against queueing theory: Erlang C for an M/M/3, Cobham's formula for
//! two priority classes, a deterministic change of headcount, Little's law on the PMDA
//! scenario; and its results independent of the number of threads.

use std::path::Path;

use crate::support::{col, read_csv, regsim, run_into_tempdir};

/// The mean of `metric` for `pathway` in summary.csv of `dir`.
fn mean(dir: &Path, pathway: &str, metric: &str) -> f64 {
    let (h, rows) = read_csv(&dir.join("summary.csv"));
    let row = rows
        .iter()
        .find(|r| col(&h, r, "pathway") == pathway && col(&h, r, "metric") == metric)
        .unwrap_or_else(|| panic!("no {pathway} {metric} row"));
    col(&h, row, "mean").parse().unwrap()
}

/// Erlang C: the probability that an arrival waits in an M/M/c with offered load `a`.
fn erlang_c(c: u32, a: f64) -> f64 {
    let mut term = 1.0;
    let mut sum = 0.0;
    for k in 0..c {
        if k > 0 {
            term *= a / k as f64;
        }
        sum += term;
    }
    let last = term * a / c as f64 * (c as f64 / (c as f64 - a));
    last / (sum + last)
}

#[test]
fn erlang_c_of_the_reference_cases() {
    // capacity-and-calibration.md V5 (M/M/2, a = 0.5) and V7 (M/M/4, a = 10/3).
    assert!((erlang_c(2, 0.5) - 0.1).abs() < 1e-9);
    assert!((erlang_c(4, 10.0 / 3.0) - 0.657722).abs() < 1e-6);
}

#[test]
fn the_mm3_mean_wait_is_erlang_cs() {
    // scenarios/bench/mmc.toml: λ = 0.5 a day, mean review 5 days, 3 reviewers.
    let (lambda, mean_work, c) = (0.5, 5.0, 3);
    let wq = erlang_c(c, lambda * mean_work) / (c as f64 / mean_work - lambda);
    assert!((wq - 7.022).abs() < 0.001, "Erlang C gives {wq}");
    let out = run_into_tempdir("scenarios/bench/mmc.toml", &["--format", "csv"]);
    let wait = mean(out.path(), "review", "queue_wait_days");
    assert!(
        (wait / wq - 1.0).abs() < 0.05,
        "simulated {wait} against {wq}"
    );
    let review = mean(out.path(), "review", "review_days");
    assert!((review / (wq + mean_work) - 1.0).abs() < 0.05, "W {review}");
}

/// A scenario file in a temporary folder.
fn scenario(text: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("queue.toml");
    std::fs::write(&path, text).unwrap();
    (dir, path)
}

#[test]
fn two_priority_classes_wait_as_cobhams_formula_says() {
    // capacity-and-calibration.md V8: non-preemptive M/M/1, λ = (0.2, 0.6) a day,
    // service rate 1: W = (2.0, 6.0) days. Cobham: W0 = R / (1 - σ1) / (1 - σ1 - σ2)
    // with R = Σ λ E[S²] / 2 = 0.8, so Wq = (1.0, 5.0) and W = Wq + 1.
    let (r, s1, s2): (f64, f64, f64) = (0.8, 0.2, 0.6);
    let wq_high = r / (1.0 - s1);
    let wq_low = r / ((1.0 - s1) * (1.0 - s1 - s2));
    assert!((wq_high - 1.0).abs() < 1e-12 && (wq_low - 5.0).abs() < 1e-12);
    let (_dir, path) = scenario(
        r#"
[scenario]
title = "Two priority classes"
seed = 7
iterations = 100
submitted = 2030-01-01

[agency]
years = 20
warm_up_years = 1

[[agency.pool]]
id = "one"
reviewers = 1
discipline = "priority"
priority_order = ["high"]

[[pathway]]
id = "high"
title = "High"
arrivals = { per_year = 73.05 }
stage = [{ id = "s", clock = "regulator", pool = "one", duration = { distribution = "exponential", mean = 1 } }]

[[pathway]]
id = "low"
title = "Low"
arrivals = { per_year = 219.15 }
stage = [{ id = "s", clock = "regulator", pool = "one", duration = { distribution = "exponential", mean = 1 } }]
"#,
    );
    let out = run_into_tempdir(path.to_str().unwrap(), &["--format", "csv"]);
    let high = mean(out.path(), "high", "review_days");
    let low = mean(out.path(), "low", "review_days");
    assert!((high / (wq_high + 1.0) - 1.0).abs() < 0.05, "high {high}");
    assert!((low / (wq_low + 1.0) - 1.0).abs() < 0.05, "low {low}");
}

#[test]
fn waiting_work_starts_when_headcount_rises_and_none_is_interrupted_when_it_falls() {
    // capacity-and-calibration.md V17 (simmer's schedule test): headcount 1 from day 0,
    // 3 from day 1, 1 from day 2; three applications on day 0, 2 days of work each:
    // they end on days 2, 3 and 3.
    let (_dir, path) = scenario(
        r#"
[scenario]
title = "Headcount changes"
iterations = 1
submitted = 2030-01-01

[agency]
years = 1

[[agency.pool]]
id = "one"
reviewers = 1
change = [{ date = 2030-01-02, reviewers = 3 }, { date = 2030-01-03, reviewers = 1 }]

[[pathway]]
id = "p"
title = "P"
arrivals = { dates = [2030-01-01, 2030-01-01, 2030-01-01] }
stage = [{ id = "s", clock = "regulator", pool = "one", duration = 2 }]
"#,
    );
    let out = run_into_tempdir(path.to_str().unwrap(), &["--format", "csv"]);
    let (h, rows) = read_csv(&out.path().join("summary.csv"));
    let row = rows
        .iter()
        .find(|r| col(&h, r, "metric") == "review_days")
        .unwrap();
    assert_eq!(col(&h, row, "min"), "2");
    assert_eq!(col(&h, row, "max"), "3");
    assert_eq!(col(&h, row, "mean"), "2.6667");
    let waits = rows
        .iter()
        .find(|r| col(&h, r, "metric") == "queue_wait_days")
        .unwrap();
    assert_eq!(col(&h, waits, "mean"), "0.6667", "two wait one day each");
}

#[test]
fn littles_law_holds_on_the_pmda_scenario() {
    // L = λ W per pathway: the mean number in review at the years' ends against the
    // arrivals a year times the mean days in review.
    let out = run_into_tempdir("scenarios/japan/pmda-capacity.toml", &["--format", "csv"]);
    let (h, rows) = read_csv(&out.path().join("queue.csv"));
    for pathway in ["normal", "priority"] {
        let years: Vec<&Vec<String>> = rows
            .iter()
            .filter(|r| col(&h, r, "pathway") == pathway)
            // Whole years only: the first may be cut by the warm-up.
            .filter(|r| {
                col(&h, r, "from").ends_with("-04-01") && col(&h, r, "to").ends_with("-03-31")
            })
            .collect();
        assert!(years.len() >= 5, "{pathway}: {} whole years", years.len());
        let avg = |name: &str| {
            years
                .iter()
                .map(|r| col(&h, r, name).parse::<f64>().unwrap())
                .sum::<f64>()
                / years.len() as f64
        };
        let l = avg("backlog_end_mean");
        let lambda = avg("arrived_mean") / 365.25;
        let w = mean(out.path(), pathway, "review_days");
        assert!(
            (l / (lambda * w) - 1.0).abs() < 0.05,
            "{pathway}: L {l}, λW {}",
            lambda * w
        );
    }
}

#[test]
fn results_do_not_depend_on_the_number_of_threads() {
    let one = run_into_tempdir(
        "scenarios/bench/mmc.toml",
        &["--format", "csv", "-n", "20", "--threads", "1"],
    );
    let two = run_into_tempdir(
        "scenarios/bench/mmc.toml",
        &["--format", "csv", "-n", "20", "--threads", "2"],
    );
    for file in ["summary.csv", "stages.csv", "queue.csv"] {
        let a = std::fs::read(one.path().join(file)).unwrap();
        let b = std::fs::read(two.path().join(file)).unwrap();
        assert_eq!(a, b, "{file} differs between 1 and 2 threads");
    }
}

#[test]
fn runs_csv_is_refused_for_an_agency_with_what_to_use_instead() {
    let out = tempfile::tempdir().unwrap();
    let assert = regsim()
        .args(["run", "scenarios/bench/mmc.toml", "--runs", "-o"])
        .arg(out.path())
        .assert()
        .code(2);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
    assert!(
        stderr.contains("--runs follows single applications"),
        "{stderr}"
    );
    assert!(stderr.contains("queue.csv"), "{stderr}");
}

#[test]
fn more_reviewers_shorten_and_doubled_applications_lengthen_the_waits() {
    let out = run_into_tempdir(
        "scenarios/japan/pmda-capacity.toml",
        &[
            "--format",
            "csv",
            "-n",
            "30",
            "--variant",
            "double-applications",
            "--variant",
            "more-reviewers",
        ],
    );
    let (h, rows) = read_csv(&out.path().join("summary.csv"));
    let get = |variant: &str, metric: &str| -> f64 {
        let r = rows
            .iter()
            .find(|r| {
                col(&h, r, "variant") == variant
                    && col(&h, r, "pathway") == "normal"
                    && col(&h, r, "metric") == metric
            })
            .unwrap_or_else(|| panic!("no {variant} {metric}"));
        col(&h, r, "p80").parse().unwrap()
    };
    let base = get("", "review_days");
    assert!(get("more-reviewers", "review_days") < base);
    // Twice the work on the same reviewers: the wait grows far more than twofold.
    assert!(get("double-applications", "review_days") > 2.0 * base);
}

#[test]
fn compare_pairs_an_agencys_variants_by_replication() {
    let out = tempfile::tempdir().unwrap();
    regsim()
        .args([
            "compare",
            "scenarios/japan/pmda-capacity.toml",
            "-n",
            "20",
            "--format",
            "csv",
            "-o",
        ])
        .arg(out.path())
        .assert()
        .success();
    let (h, rows) = read_csv(&out.path().join("compare.csv"));
    let row = |variant: &str, metric: &str| {
        rows.iter()
            .find(|r| {
                col(&h, r, "variant") == variant
                    && col(&h, r, "pathway") == "normal"
                    && col(&h, r, "metric") == metric
            })
            .unwrap_or_else(|| panic!("no {variant} {metric}"))
    };
    let f = |r: &Vec<String>, c: &str| col(&h, r, c).parse::<f64>().unwrap();
    let more = row("more-reviewers", "review_days");
    assert_eq!(col(&h, more, "iterations"), "20", "paired by replication");
    assert!(
        f(more, "p80_change_high") < 0.0,
        "more reviewers shorten P80 for certain"
    );
    let double = row("double-applications", "queue_wait_days");
    let base = run_into_tempdir(
        "scenarios/japan/pmda-capacity.toml",
        &["--format", "csv", "-n", "20"],
    );
    let base_wait = mean(base.path(), "normal", "queue_wait_days");
    // Twice the applications on the same reviewers: the wait grows far more than twice.
    assert!(
        f(double, "mean_change_low") > 2.0 * base_wait,
        "{} against {base_wait}",
        f(double, "mean_change_low")
    );
    assert!(
        col(&h, double, "faster_share").is_empty(),
        "applications are not paired one by one"
    );
}

#[test]
fn dated_applications_are_read_from_a_csv_beside_the_scenario() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("filings.csv"),
        "id,pathway,submitted,approved\na,p,2030-01-01,\nb,other,2030-01-01,\nc,p,2030-01-01,\nd,p,2030-01-01,\n",
    )
    .unwrap();
    let path = dir.path().join("queue.toml");
    std::fs::write(
        &path,
        r#"
[scenario]
title = "Dated filings"
iterations = 1
submitted = 2030-01-01

[agency]
years = 1

[[agency.pool]]
id = "one"
reviewers = 1

[[pathway]]
id = "p"
title = "P"
arrivals = { file = "filings.csv" }
stage = [{ id = "s", clock = "regulator", pool = "one", duration = 2 }]
"#,
    )
    .unwrap();
    let out = run_into_tempdir(path.to_str().unwrap(), &["--format", "csv"]);
    // Three of pathway p (not the other's), one reviewer: 2, 4 and 6 days.
    let (h, rows) = read_csv(&out.path().join("summary.csv"));
    let row = rows
        .iter()
        .find(|r| col(&h, r, "metric") == "review_days")
        .unwrap();
    assert_eq!(
        (
            col(&h, row, "min"),
            col(&h, row, "max"),
            col(&h, row, "mean")
        ),
        ("2", "6", "4")
    );
    // A row whose date does not parse is refused with its line.
    std::fs::write(
        dir.path().join("filings.csv"),
        "pathway,submitted\np,2030-13-01\n",
    )
    .unwrap();
    let assert = regsim().arg("check").arg(&path).assert().code(2);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
    assert!(
        stderr.contains("filings.csv line 2: `submitted` is `2030-13-01`, not a date"),
        "{stderr}"
    );
}
