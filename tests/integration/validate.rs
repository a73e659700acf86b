//! `regsim validate`: a scenario passes against its own draws (made into an observed
//! file from `regsim run --runs`'s runs.csv with another seed), fails against the same
//! durations a year longer, accounts for pending rows, gives its honest verdicts on the
//! shipped Japanese data, and refuses bad input with exit 2.

use std::path::Path;

use chrono::{Days, NaiveDate};

use crate::support::{col, read_csv, regsim, run_into_tempdir};

const SCENARIO: &str = "scenarios/japan/pmd-act-2022.toml";

/// Writes an observed file of `runs.csv`'s approved rows, each approval `shift` days
/// later; rows approved after `drop_after` (if given) are left out.
fn observed_from_runs(runs: &Path, out: &Path, shift: u64, drop_after: Option<NaiveDate>) {
    let (h, rows) = read_csv(runs);
    let mut text = String::from("id,pathway,submitted,approved\n");
    for r in rows.iter().filter(|r| col(&h, r, "approved") == "true") {
        let approved: NaiveDate = col(&h, r, "approval_date").parse().unwrap();
        let approved = approved + Days::new(shift);
        if drop_after.is_some_and(|d| approved > d) {
            continue;
        }
        let pathway = col(&h, r, "pathway");
        text.push_str(&format!(
            "{}-{pathway},{pathway},{},{approved}\n",
            col(&h, r, "iteration"),
            col(&h, r, "submitted")
        ));
    }
    std::fs::write(out, text).unwrap();
}

/// 200 draws per pathway of the shipped scenario with seed 1, as an observed file.
fn own_draws(dir: &Path, shift: u64, drop_after: Option<NaiveDate>) -> std::path::PathBuf {
    let run = run_into_tempdir(
        SCENARIO,
        &["-n", "200", "--seed", "1", "--runs", "--format", "csv"],
    );
    let path = dir.join(format!("own-{shift}.csv"));
    observed_from_runs(&run.path().join("runs.csv"), &path, shift, drop_after);
    path
}

/// Runs validate against `observed` with seed 42 and returns validation.csv and stdout.
fn validate(observed: &Path, extra: &[&str]) -> (Vec<String>, Vec<Vec<String>>, String) {
    let out = tempfile::tempdir().unwrap();
    let output = regsim()
        .args(["validate", SCENARIO, "--observed"])
        .arg(observed)
        .args(["-n", "10000", "--seed", "42", "--format", "csv", "-o"])
        .arg(out.path())
        .args(extra)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        output.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let (h, rows) = read_csv(&out.path().join("validation.csv"));
    (h, rows, stdout)
}

fn number(h: &[String], r: &[String], name: &str) -> f64 {
    col(h, r, name)
        .parse()
        .unwrap_or_else(|_| panic!("{name} {:?}", col(h, r, name)))
}

#[test]
fn a_scenario_passes_against_its_own_draws_and_fails_a_year_later() {
    let dir = tempfile::tempdir().unwrap();
    let (h, rows, stdout) = validate(&own_draws(dir.path(), 0, None), &[]);
    assert_eq!(rows.len(), 6, "{stdout}");
    for r in &rows {
        let (name, n) = (col(&h, r, "pathway"), number(&h, r, "n"));
        let (coverage, p) = (
            number(&h, r, "coverage_p5_p95"),
            number(&h, r, "ks_p_value"),
        );
        assert_eq!(n, 200.0, "{name}");
        assert!((0.85..=0.95).contains(&coverage), "{name}: {coverage}");
        assert!(p > 0.01, "{name}: p {p}\n{stdout}");
        assert_ne!(col(&h, r, "verdict"), "inconsistent", "{name}");
        let (o, s) = (
            number(&h, r, "observed_p80"),
            number(&h, r, "simulated_p80"),
        );
        assert!((o - s).abs() < 0.1 * s, "{name}: P80 {o} against {s}");
    }
    let (h, rows, stdout) = validate(&own_draws(dir.path(), 365, None), &[]);
    for r in &rows {
        let name = col(&h, r, "pathway");
        let p = number(&h, r, "ks_p_value");
        assert!(p < 0.001, "{name}: p {p}\n{stdout}");
        assert_eq!(col(&h, r, "verdict"), "inconsistent", "{name}");
        assert!(number(&h, r, "coverage_p5_p95") < 0.05, "{name}");
        assert!(
            stdout.contains(&format!("  {name}: inconsistent (KS ")),
            "{stdout}"
        );
    }
    assert!(stdout.contains("p < 0.001"), "{stdout}");
}

/// A cut-off (1 June 2025) at which most normal reviews of the fiscal year's
/// applications are still open: kept as pending, every route passes; left out (the
/// approved ones only, as an approved-only sample has them), the quick ones fail against
/// the emergency route, whose reviews do not wait for batches.
#[test]
fn pending_rows_are_censored_not_dropped() {
    let dir = tempfile::tempdir().unwrap();
    let as_of = "2025-06-01";
    let file = own_draws(dir.path(), 0, None);
    let (h, rows, stdout) = validate(&file, &["--as-of", as_of]);
    let pending = |rows: &[Vec<String>], name: &str| {
        let r = rows.iter().find(|r| col(&h, r, "pathway") == name).unwrap();
        number(&h, r, "pending")
    };
    let normal = pending(&rows, "normal");
    assert!((100.0..=190.0).contains(&normal), "{normal} pending");
    assert!(pending(&rows, "emergency") >= 20.0, "{stdout}");
    assert!(stdout.contains(&format!("{normal} pending)")), "{stdout}");
    for r in &rows {
        let p = number(&h, r, "ks_p_value");
        assert!(p > 0.01, "{}: p {p}\n{stdout}", col(&h, r, "pathway"));
    }
    let cut: NaiveDate = as_of.parse().unwrap();
    let approved_only = own_draws(dir.path(), 0, Some(cut));
    let (h, rows, stdout) = validate(&approved_only, &["--as-of", as_of]);
    assert_eq!(pending(&rows, "normal"), 0.0);
    let emergency = rows
        .iter()
        .find(|r| col(&h, r, "pathway") == "emergency")
        .unwrap();
    assert!(number(&h, emergency, "ks_p_value") < 0.001, "{stdout}");
}

/// The shipped data against the shipped scenarios. The special route was fitted to the
/// 19 special approvals (its comments say how), and the FDA's EUA route's median to six
/// of its eight rows, so their consistency is mostly in-sample; the emergency route was
/// not fitted to Xocova, its one case.
#[test]
fn the_shipped_data_against_the_shipped_scenarios() {
    let cases = [
        (
            SCENARIO,
            "data/observed/japan-special-approvals.csv",
            "special",
            19.0,
        ),
        (
            SCENARIO,
            "data/observed/japan-emergency-approvals.csv",
            "emergency",
            1.0,
        ),
        (
            "scenarios/us/fda.toml",
            "data/observed/us-emergency-use-authorizations.csv",
            "fda-eua",
            8.0,
        ),
    ];
    for (scenario, file, pathway, n) in cases {
        let (h, rows) = read_csv(&crate::support::repo_root().join(file));
        for r in &rows {
            let source = col(&h, r, "source");
            assert!(
                source.contains("applied: ") && source.contains("; approved: "),
                "{file}: {}",
                col(&h, r, "id")
            );
        }
        let out = tempfile::tempdir().unwrap();
        let output = regsim()
            .args(["validate", scenario, "--observed", file, "-o"])
            .arg(out.path())
            .output()
            .unwrap();
        assert!(output.status.success(), "{file}");
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(
            stdout.contains(&format!("  {pathway}: consistent (KS ")),
            "{stdout}"
        );
        assert!(stdout.contains("skipped, no observations: "), "{stdout}");
        let (h, rows) = read_csv(&out.path().join("validation.csv"));
        let r = rows
            .iter()
            .find(|r| col(&h, r, "pathway") == pathway)
            .unwrap();
        assert_eq!(number(&h, r, "n"), n);
        assert_eq!(number(&h, r, "inside_p5_p95"), n, "{stdout}");
        assert!(number(&h, r, "ks_p_value") >= 0.05, "{stdout}");
        for name in ["validation.png", "validation.svg", "manifest.json"] {
            assert!(out.path().join(name).is_file(), "{name}");
        }
    }
}

/// Bad input: each with its exact first line and exit 2.
#[test]
fn bad_input_is_refused_with_its_message() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| {
        let p = dir.path().join(name);
        std::fs::write(&p, text).unwrap();
        p.to_string_lossy().into_owned()
    };
    let head = "id,pathway,submitted,approved\n";
    let unknown = write(
        "unknown.csv",
        &format!("{head}a,special,2022-01-01,2022-02-01\nb,fast,2022-01-01,\n"),
    );
    let bad_date = write(
        "date.csv",
        &format!("{head}a,special,2022-13-01,2022-02-01\n"),
    );
    let reversed = write(
        "reversed.csv",
        &format!("{head}a,special,2022-03-01,2022-02-01\n"),
    );
    let no_column = write(
        "columns.csv",
        "id,pathway,submitted\na,special,2022-01-01\n",
    );
    let missing = dir.path().join("none.csv").to_string_lossy().into_owned();
    let cases: Vec<(Vec<&str>, String)> = vec![
        (
            vec![SCENARIO, "--observed", &unknown],
            format!("error: {unknown}:3: pathway `fast` is not in {SCENARIO}, whose pathways are normal, priority, sakigake, conditional, special, emergency"),
        ),
        (
            vec![SCENARIO, "--observed", &bad_date],
            format!("error: {bad_date}:2: `submitted` is `2022-13-01`, not a date like 2024-04-01"),
        ),
        (
            vec![SCENARIO, "--observed", &reversed],
            format!("error: {reversed}:2: row `a` was approved on 2022-02-01, before it was submitted on 2022-03-01"),
        ),
        (
            vec![SCENARIO, "--observed", &no_column],
            format!("error: {no_column}:1: the header has no column `approved`: an observed-data file needs `id`, `pathway`, `submitted`, `approved` (and may have clock_start, regulator_days, applicant_days, product)"),
        ),
        (
            vec![SCENARIO, "--observed", &missing],
            format!("error: cannot read {missing}: No such file or directory (os error 2)"),
        ),
        (
            vec![SCENARIO, "--observed", &unknown, "--as-of", "2021-01-01"],
            format!("error: {unknown}: no application was submitted on or before the cut-off 2021-01-01"),
        ),
        (
            vec!["scenarios/bench/mmc.toml", "--observed", &unknown],
            "error: scenarios/bench/mmc.toml simulates an agency ([agency]), and validate holds single applications' review days against observed ones".into(),
        ),
        (
            vec![SCENARIO, "--observed", &unknown, "-n", "0"],
            "error: --iterations must be between 1 and 100000000, not 0".into(),
        ),
    ];
    for (args, want) in cases {
        let output = regsim()
            .arg("validate")
            .args(&args)
            .args(["-o"])
            .arg(dir.path().join("out"))
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
        assert_eq!(stderr.lines().next().unwrap_or_default(), want, "{args:?}");
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
    assert!(
        !dir.path().join("out").exists(),
        "nothing written on bad input"
    );
}

/// The README's worked example is what the binary prints (run into a temporary folder,
/// whose name the README gives as the default one).
#[test]
fn the_readme_example_is_real_output() {
    let out = tempfile::tempdir().unwrap();
    let file = "data/observed/japan-special-approvals.csv";
    let output = regsim()
        .args([
            "validate",
            SCENARIO,
            "--observed",
            file,
            "--format",
            "csv",
            "-o",
        ])
        .arg(out.path())
        .output()
        .unwrap();
    assert!(output.status.success());
    let stdout = String::from_utf8(output.stdout).unwrap().replace(
        &out.path().display().to_string(),
        "output/pmd-act-2022/validate",
    );
    let readme = std::fs::read_to_string(crate::support::repo_root().join("README.md")).unwrap();
    let shown = format!("$ regsim validate {SCENARIO} --observed {file}\n{stdout}```");
    assert!(readme.contains(&shown), "README lacks\n{shown}");
}
