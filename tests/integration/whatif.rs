//! What-if analysis: `--set`, variants, `compare`, `sweep` and `diff` on real files.

use std::path::Path;

use crate::support::{col, read_csv, regsim, run_into_tempdir};

const WHATIF: &str = "tests/data/good/whatif.toml";
const PMD: &str = "scenarios/japan/pmd-act-2022.toml";

/// The value of `column` in the summary.csv row of (variant, pathway, metric).
fn summary(dir: &Path, variant: &str, pathway: &str, metric: &str, column: &str) -> f64 {
    let (h, rows) = read_csv(&dir.join("summary.csv"));
    let row = rows
        .iter()
        .find(|r| {
            col(&h, r, "variant") == variant
                && col(&h, r, "pathway") == pathway
                && col(&h, r, "metric") == metric
        })
        .unwrap_or_else(|| panic!("no row {variant}/{pathway}/{metric}"));
    col(&h, row, column).parse().unwrap()
}

#[test]
fn a_faster_team_review_lowers_the_normal_routes_p50_in_the_shipped_scenario() {
    let base = run_into_tempdir(PMD, &["-n", "20000", "--format", "csv"]);
    let faster = run_into_tempdir(
        PMD,
        &[
            "-n",
            "20000",
            "--format",
            "csv",
            "--set",
            "normal.team-review.duration=*0.8",
        ],
    );
    let p50 = |d: &Path, p: &str| summary(d, "", p, "review_days", "p50");
    assert!(
        p50(faster.path(), "normal") < p50(base.path(), "normal"),
        "{} vs {}",
        p50(faster.path(), "normal"),
        p50(base.path(), "normal")
    );
    // Other routes draw from their own streams and do not move at all.
    assert_eq!(p50(faster.path(), "priority"), p50(base.path(), "priority"));
    let manifest = std::fs::read_to_string(faster.path().join("manifest.json")).unwrap();
    assert!(
        manifest.contains("normal.team-review.duration=*0.8"),
        "{manifest}"
    );
}

#[test]
fn scaling_a_uniform_stage_by_0_8_moves_its_percentiles_by_the_analytic_amount() {
    // One stage, uniform from 100 to 200 days: the review takes ceil(U) whole days, so
    // P50 is 150 (up to a day of rounding) and P80 180; scaled by 0.8, 120 and 144. The
    // change must be -30 and -36 days within the rounding and four Monte Carlo standard
    // errors of a percentile: sqrt(p (1 - p) / n) / density, density 1/100 per day.
    let n = 20_000.0;
    let out = run_into_tempdir(
        WHATIF,
        &["--format", "csv", "--variant", "faster", "-n", "20000"],
    );
    for (p, q, expected) in [("p50", 0.5, -30.0), ("p80", 0.8, -36.0)] {
        let se = (q * (1.0f64 - q) / n).sqrt() / 0.01;
        let tolerance = 1.0 + 4.0 * se * 2f64.sqrt();
        let change = summary(out.path(), "faster", "simple", "review_days", p)
            - summary(out.path(), "", "simple", "review_days", p);
        assert!(
            (change - expected).abs() <= tolerance,
            "{p}: change {change}, expected {expected} ± {tolerance}"
        );
    }
    // The other pathway is untouched, to the digit.
    for p in ["p10", "p50", "p90", "mean"] {
        assert_eq!(
            summary(out.path(), "faster", "two-stage", "review_days", p),
            summary(out.path(), "", "two-stage", "review_days", p)
        );
    }
}

#[test]
fn scaling_one_stage_leaves_the_draws_of_the_stages_after_it_unchanged() {
    // Common random numbers stage by stage: the lognormal `answers` stage after the
    // scaled `review` draws the same durations in every iteration (exactly: see the unit
    // test in commands::whatif; here in whole days, whose rounding can move the mean in
    // its last digit as the stage starts at another time of day).
    let base = run_into_tempdir(WHATIF, &["--format", "csv"]);
    let scaled = run_into_tempdir(
        WHATIF,
        &["--format", "csv", "--set", "two-stage.review.duration=*0.7"],
    );
    let stage_row = |d: &Path, stage: &str| {
        let (h, rows) = read_csv(&d.join("stages.csv"));
        let r = rows
            .iter()
            .find(|r| col(&h, r, "pathway") == "two-stage" && col(&h, r, "stage") == stage)
            .unwrap()
            .clone();
        ["p50", "p90"].map(|c| col(&h, &r, c).to_string())
    };
    assert_eq!(
        stage_row(base.path(), "answers"),
        stage_row(scaled.path(), "answers")
    );
    assert_ne!(
        stage_row(base.path(), "review"),
        stage_row(scaled.path(), "review")
    );
}

#[test]
fn run_with_variants_labels_their_rows_and_keeps_the_baseline_first() {
    let out = run_into_tempdir(
        WHATIF,
        &[
            "--format",
            "csv",
            "--variant",
            "faster-target",
            "-n",
            "2000",
        ],
    );
    let (h, rows) = read_csv(&out.path().join("summary.csv"));
    let variants: Vec<&str> = rows.iter().map(|r| col(&h, r, "variant")).collect();
    assert_eq!(variants.first(), Some(&""));
    assert!(variants.contains(&"faster-target"));
    // Stacked on `faster`: its duration and its own target.
    assert_eq!(
        summary(
            out.path(),
            "faster-target",
            "simple",
            "review_days",
            "target_days"
        ),
        150.0
    );
    assert!(
        summary(out.path(), "faster-target", "simple", "review_days", "p50")
            < summary(out.path(), "", "simple", "review_days", "p50")
    );
    let (h, rows) = read_csv(&out.path().join("stages.csv"));
    assert!(
        rows.iter()
            .any(|r| col(&h, r, "variant") == "faster-target")
    );
    // With charts: the baseline and the variant overlaid.
    let out = run_into_tempdir(WHATIF, &["--variant", "faster", "-n", "2000"]);
    for f in ["compare.png", "compare.svg", "distribution.png"] {
        assert!(out.path().join(f).exists(), "{f}");
    }
}

#[test]
fn compare_writes_paired_differences_and_a_zero_effect_interval_contains_zero() {
    let out = tempfile::tempdir().unwrap();
    regsim()
        .args(["compare", WHATIF, "--quiet", "-o"])
        .arg(out.path())
        .assert()
        .success();
    for f in ["compare.csv", "compare.png", "compare.svg", "manifest.json"] {
        assert!(out.path().join(f).exists(), "{f}");
    }
    let manifest = std::fs::read_to_string(out.path().join("manifest.json")).unwrap();
    assert!(
        manifest.contains("variant faster: simple.review.duration=*0.8"),
        "{manifest}"
    );
    let (h, rows) = read_csv(&out.path().join("compare.csv"));
    let row = |variant: &str, pathway: &str| {
        rows.iter()
            .find(|r| {
                col(&h, r, "variant") == variant
                    && col(&h, r, "pathway") == pathway
                    && col(&h, r, "metric") == "review_days"
            })
            .unwrap_or_else(|| panic!("no row {variant}/{pathway}"))
    };
    let num = |r: &[String], c: &str| col(&h, r, c).parse::<f64>().unwrap();
    // Another seed: the same distribution, independent draws; the true change is zero.
    for pathway in ["simple", "two-stage"] {
        let r = row("reseeded", pathway);
        for p in ["p50", "p80"] {
            let (lo, hi) = (
                num(r, &format!("{p}_change_low")),
                num(r, &format!("{p}_change_high")),
            );
            assert!(lo <= 0.0 && 0.0 <= hi, "{pathway} {p}: [{lo}, {hi}]");
            assert!(hi > lo, "a real interval, not a point");
        }
        assert!(num(r, "mean_change_low") <= 0.0 && num(r, "mean_change_high") >= 0.0);
    }
    // A title changes nothing: exactly zero, every iteration tied.
    let r = row("renamed", "simple");
    assert_eq!(
        (num(r, "p50_change_low"), num(r, "p50_change_high")),
        (0.0, 0.0)
    );
    assert_eq!(num(r, "faster_share") + num(r, "slower_share"), 0.0);
    // 20% faster: every iteration is faster, the interval excludes zero.
    let r = row("faster", "simple");
    assert_eq!(num(r, "faster_share"), 1.0);
    assert!(num(r, "p50_change_high") < 0.0);
    assert!(num(r, "variant_target_met_share") > num(r, "baseline_target_met_share"));
    // Paired: the untouched pathway does not move in the `faster` run.
    assert_eq!(num(row("faster", "two-stage"), "p50_change"), 0.0);
}

#[test]
fn compare_pairs_two_files_by_pathway() {
    let work = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(crate::support::repo_root().join(WHATIF)).unwrap();
    let slower = work.path().join("slower.toml");
    std::fs::write(
        &slower,
        text.replace("min = 100, max = 200", "min = 100, max = 250"),
    )
    .unwrap();
    let out = work.path().join("out");
    regsim()
        .args(["compare", WHATIF])
        .arg(&slower)
        .args(["--quiet", "-n", "5000", "-o"])
        .arg(&out)
        .assert()
        .success();
    let (h, rows) = read_csv(&out.join("compare.csv"));
    let r = rows
        .iter()
        .find(|r| col(&h, r, "pathway") == "simple" && col(&h, r, "metric") == "review_days")
        .unwrap();
    assert_eq!(col(&h, r, "variant"), "slower");
    // Median 150 -> 175 and the same uniform numbers: every iteration slower or tied.
    let change: f64 = col(&h, r, "p50_change").parse().unwrap();
    assert!((change - 25.0).abs() <= 2.0, "{change}");
    assert_eq!(col(&h, r, "faster_share"), "0");
}

#[test]
fn a_sweep_of_a_duration_gives_a_monotone_p50_and_of_a_target_a_monotone_attainment() {
    let out = tempfile::tempdir().unwrap();
    regsim()
        .args([
            "sweep",
            WHATIF,
            "--quiet",
            "-n",
            "5000",
            "--set",
            "simple.review.duration=*0.5:1.5:0.25",
            "-o",
        ])
        .arg(out.path())
        .assert()
        .success();
    for f in ["sweep.csv", "sweep.png", "sweep.svg"] {
        assert!(out.path().join(f).exists(), "{f}");
    }
    let (h, rows) = read_csv(&out.path().join("sweep.csv"));
    let series = |pathway: &str, c: &str| -> Vec<f64> {
        rows.iter()
            .filter(|r| col(&h, r, "pathway") == pathway && col(&h, r, "metric") == "review_days")
            .map(|r| col(&h, r, c).parse().unwrap())
            .collect()
    };
    let values: Vec<&str> = rows
        .iter()
        .filter(|r| col(&h, r, "pathway") == "simple" && col(&h, r, "metric") == "review_days")
        .map(|r| col(&h, r, "value"))
        .collect();
    assert_eq!(values, ["*0.5", "*0.75", "*1", "*1.25", "*1.5"]);
    let p50 = series("simple", "p50");
    assert!(p50.windows(2).all(|w| w[0] < w[1]), "{p50:?}");
    let met = series("simple", "target_met_share");
    assert!(met.windows(2).all(|w| w[0] >= w[1]), "{met:?}");
    // The knob does not touch the other pathway.
    let other = series("two-stage", "p50");
    assert!(other.windows(2).all(|w| w[0] == w[1]), "{other:?}");

    let out = tempfile::tempdir().unwrap();
    regsim()
        .args([
            "sweep",
            WHATIF,
            "--quiet",
            "-n",
            "5000",
            "--format",
            "csv",
            "--set",
            "simple.target.days=120,150,180",
            "-o",
        ])
        .arg(out.path())
        .assert()
        .success();
    let (h, rows) = read_csv(&out.path().join("sweep.csv"));
    let met: Vec<f64> = rows
        .iter()
        .filter(|r| col(&h, r, "pathway") == "simple" && col(&h, r, "metric") == "review_days")
        .map(|r| col(&h, r, "target_met_share").parse().unwrap())
        .collect();
    assert!(met.windows(2).all(|w| w[0] < w[1]), "{met:?}");
}

#[test]
fn diff_lists_each_changed_field_with_before_and_after() {
    let out = regsim()
        .args(["diff", WHATIF, "--variant", "faster-target"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("based on `faster`"), "{text}");
    let line = text
        .lines()
        .find(|l| l.trim_start().starts_with("simple.review.duration"))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(
        line.contains("min = 100, max = 200") && line.contains("min = 80, max = 160"),
        "{line}"
    );
    assert!(
        text.lines()
            .any(|l| l.contains("simple.target.days") && l.contains("170") && l.contains("150")),
        "{text}"
    );
}

#[test]
fn check_counts_variants_and_set_applies_to_check_and_explain() {
    regsim()
        .args(["check", WHATIF])
        .assert()
        .success()
        .stdout(predicates::str::contains("4 variants"));
    let out = regsim()
        .args([
            "explain",
            WHATIF,
            "--set",
            "simple.review.duration={ distribution = \"fixed\", days = 42 }",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(out.status.success(), "{text}");
    assert!(text.contains("42 days from submission"), "{text}");
}

/// (arguments after the scenario, the first line of stderr expected, a text the help must hold)
const BAD_SET: &[(&[&str], &str, &str)] = &[
    (
        &["--set", "simple.reveiw.duration=*0.8"],
        "error: --set `simple.reveiw.duration=*0.8`: `simple` has no `reveiw`",
        "`simple.review.duration`",
    ),
    (
        &["--set", "simple.review.duration=*zero"],
        "error: --set `simple.review.duration=*zero`: `*zero` is not a valid factor",
        "a factor is a positive number",
    ),
    (
        &["--set", "simple.review.duration=*-2"],
        "error: --set `simple.review.duration=*-2`: `*-2` is not a valid factor",
        "positive",
    ),
    (
        &["--set", "simple.review.duration"],
        "error: --set `simple.review.duration`: `simple.review.duration` is not PATH=VALUE",
        "normal.team-review.duration=*0.8",
    ),
    (
        &["--set", "simple.review.duration=[1,"],
        "error: --set `simple.review.duration=[1,`: `[1,` is not a value",
        "TOML value",
    ),
    (
        &["--set", "simple.target.days=-5"],
        "error: --set `simple.target.days=-5`: target days must be a positive number, not -5",
        "",
    ),
    (
        &["--set", "two-stage.answers.duration=+10"],
        "error: --set `two-stage.answers.duration=+10`: `+` cannot be applied to `two-stage.answers.duration`: a lognormal duration starts at zero and has no location to shift",
        "use *factor",
    ),
    (
        &["--set", "simple.title=*2"],
        "error: --set `simple.title=*2`: `*` applies to a number or a duration, and `simple.title` is the text \"One uniform stage\"",
        "",
    ),
    (
        &["--variant", "fastr"],
        "error: variant `fastr` is not defined",
        "did you mean `faster`?",
    ),
];

#[test]
fn every_bad_override_is_refused_with_exit_2_and_a_clear_message() {
    for (args, first, help) in BAD_SET {
        let out = regsim()
            .args([
                "run",
                WHATIF,
                "--quiet",
                "-n",
                "10",
                "-o",
                "/nonexistent/never-written",
            ])
            .args(*args)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert_eq!(
            stderr.lines().next().unwrap_or_default(),
            *first,
            "{args:?}"
        );
        assert!(stderr.contains(help), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
}

#[test]
fn a_bad_sweep_or_compare_is_refused_with_exit_2() {
    for args in [
        &["sweep", WHATIF, "--set", "simple.target.days=100"][..],
        &["sweep", WHATIF, "--set", "simple.target.days=100:200:0"][..],
        &[
            "sweep",
            WHATIF,
            "--set",
            "simple.target.days=100:200:10",
            "--set",
            "seed=1,2",
        ][..],
        &[
            "sweep",
            WHATIF,
            "--set",
            "simple.reveiw.duration=*0.5:1:0.1",
        ][..],
        &["compare", "tests/data/good/tiny.toml"][..],
        &["compare", WHATIF, "--variant", "nope"][..],
    ] {
        let out = regsim().args(args).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.starts_with("error: "), "{args:?}: {stderr}");
    }
}

/// The README's worked what-if shows the binary's real output: every line of the
/// comparison and the sweep but the timing and the output folder.
#[test]
fn the_readme_worked_what_if_is_the_binarys_output() {
    let readme = std::fs::read_to_string(crate::support::repo_root().join("README.md")).unwrap();
    let out = tempfile::tempdir().unwrap();
    for args in [
        &[
            "compare",
            PMD,
            "--variant",
            "bigger-team",
            "--variant",
            "priority-6-months",
        ][..],
        &[
            "sweep",
            PMD,
            "--set",
            "normal.team-review.duration=*0.5:1.3:0.1",
        ][..],
    ] {
        let output = regsim()
            .args(args)
            .args(["--format", "csv", "-o"])
            .arg(out.path())
            .output()
            .unwrap();
        assert!(output.status.success());
        let text = String::from_utf8(output.stdout).unwrap();
        for line in text.lines().skip(1).filter(|l| !l.contains("outputs in")) {
            assert!(readme.contains(line), "README lacks the line\n{line}");
        }
    }
}

#[test]
fn a_pathway_opened_by_a_change_of_eligibility_is_reported_on_its_own() {
    // Approved overseas, the antiviral may take special approval (Art. 14-3).
    let work = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(
        crate::support::repo_root().join("scenarios/japan/covid-2022.toml"),
    )
    .unwrap();
    let b = work.path().join("overseas.toml");
    std::fs::write(
        &b,
        text.replacen("approved_overseas = false", "approved_overseas = true", 1),
    )
    .unwrap();
    let out = work.path().join("out");
    regsim()
        .args(["compare", "scenarios/japan/covid-2022.toml"])
        .arg(&b)
        .args(["--quiet", "-n", "2000", "--format", "csv", "-o"])
        .arg(&out)
        .assert()
        .success();
    let (h, rows) = read_csv(&out.join("compare.csv"));
    let r = rows
        .iter()
        .find(|r| {
            col(&h, r, "product") == "antiviral"
                && col(&h, r, "pathway") == "special"
                && col(&h, r, "metric") == "review_days"
        })
        .expect("a row for the newly open route");
    assert_eq!(col(&h, r, "baseline_p50"), "");
    assert!(col(&h, r, "variant_p50").parse::<f64>().unwrap() > 0.0);
    assert_eq!(col(&h, r, "p50_change"), "");
}

#[test]
fn compare_and_sweep_give_the_same_bytes_on_any_number_of_threads() {
    let csv = |command: &str, file: &str, extra: &[&str], threads: &str| {
        let out = tempfile::tempdir().unwrap();
        regsim()
            .args([
                command,
                WHATIF,
                "--quiet",
                "--format",
                "csv",
                "-n",
                "3000",
                "--threads",
                threads,
                "-o",
            ])
            .arg(out.path())
            .args(extra)
            .assert()
            .success();
        std::fs::read(out.path().join(file)).unwrap()
    };
    assert_eq!(
        csv("compare", "compare.csv", &[], "1"),
        csv("compare", "compare.csv", &[], "2")
    );
    let knob = ["--set", "simple.review.duration=*0.8:1.2:0.2"];
    assert_eq!(
        csv("sweep", "sweep.csv", &knob, "1"),
        csv("sweep", "sweep.csv", &knob, "2")
    );
}
