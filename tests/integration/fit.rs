//! `regsim fit`: the real binary on observed-data files. Bad inputs give their exact
//! message and exit 2; the best fit's line pastes into a scenario that `regsim check`
//! accepts, for every family; several pathways are fitted apart; a mixture of routes
//! pooled in one pathway is flagged; fit.csv, the charts and the manifest are written.

use std::fmt::Write as _;
use std::path::Path;

use regsim::model::duration::Duration;
use regsim::random::Xoshiro256pp;

use crate::support::{col, read_csv, regsim};

const SPECIAL: &str = "data/observed/japan-special-approvals.csv";
const BAD: &str = "tests/data/bad-observed";

/// Runs `regsim fit ARGS -o TMP`, asserts success, returns stdout and the folder.
fn fit(args: &[&str]) -> (String, tempfile::TempDir) {
    let out = tempfile::tempdir().unwrap();
    let a = regsim()
        .arg("fit")
        .args(args)
        .arg("-o")
        .arg(out.path())
        .assert()
        .success();
    (
        String::from_utf8(a.get_output().stdout.clone()).unwrap(),
        out,
    )
}

#[test]
fn every_bad_input_gives_its_message_and_exit_2() {
    let cases: &[(&[&str], &str)] = &[
        (
            &["empty.csv"],
            "tests/data/bad-observed/empty.csv: the file is empty: an observed-data file has a header row (id,pathway,submitted,approved) and one row per application (docs/observed-data.md)\n",
        ),
        (
            &["header-only.csv"],
            "tests/data/bad-observed/header-only.csv:1: the file has no application rows\n",
        ),
        (
            &["bad-date.csv"],
            "tests/data/bad-observed/bad-date.csv:3: `submitted` is `2024-02-30`, not a date like 2024-04-01\n",
        ),
        (
            &["approved-before-submitted.csv"],
            "tests/data/bad-observed/approved-before-submitted.csv:3: row `b` was approved on 2024-02-01, before it was submitted on 2024-03-01\n",
        ),
        (
            &["not-utf8.csv"],
            "tests/data/bad-observed/not-utf8.csv:3: the row cannot be read: it is not UTF-8 text\n",
        ),
        (
            &["huge-span.csv"],
            "tests/data/bad-observed/huge-span.csv:3: row `b` has 72683 days on the total clock, more than 100 years: check its dates\n",
        ),
        (
            &["huge-year.csv"],
            "tests/data/bad-observed/huge-year.csv:3: row `b`: `submitted` is +12345-03-01, outside 1900 to 2100: check the date\n",
        ),
        (
            &["huge-days.csv", "--clock", "regulator"],
            "tests/data/bad-observed/huge-days.csv:3: `regulator_days` is `1e308`, not a number of days from 0 to 36525\n",
        ),
        (
            &["missing-column.csv"],
            "tests/data/bad-observed/missing-column.csv:1: the header has no column `approved`: an observed-data file needs `id`, `pathway`, `submitted`, `approved` (and may have clock_start, regulator_days, applicant_days, product)\n",
        ),
        (
            &["duplicate-id.csv"],
            "tests/data/bad-observed/duplicate-id.csv:3: id `a` is used twice\n",
        ),
        (
            &["extra-field.csv"],
            "tests/data/bad-observed/extra-field.csv:2: the row cannot be read: it has 5 fields where the header has 4\n",
        ),
        (
            &["all-pending.csv"],
            "error: tests/data/bad-observed/all-pending.csv: nothing could be fitted\n  pathway normal: no application was approved by the cut-off (2 pending): there is no duration to fit\n",
        ),
        (
            &["two-rows.csv", "--pathway", "priority"],
            "error: --pathway `priority`: tests/data/bad-observed/two-rows.csv has no row of that pathway submitted by the cut-off 2024-09-01\n  = help: its pathways are `normal`\n",
        ),
        (
            &["two-rows.csv", "--as-of", "2023-01-01"],
            "tests/data/bad-observed/two-rows.csv: no application was submitted on or before the cut-off 2023-01-01\n",
        ),
        (
            &["two-rows.csv", "--as-of", "1800-01-01"],
            "error: --as-of 1800-01-01 is outside 1900 to 2100: check the date\n",
        ),
        (
            &["two-rows.csv", "--clock", "regulator"],
            "tests/data/bad-observed/two-rows.csv:2: `regulator_days` is empty: the regulator clock needs it on every row\n",
        ),
        (
            &["no-such-file.csv"],
            "cannot read tests/data/bad-observed/no-such-file.csv: No such file or directory (os error 2)\n",
        ),
    ];
    for (args, want) in cases {
        let out = tempfile::tempdir().unwrap();
        let file = format!("{BAD}/{}", args[0]);
        let a = regsim()
            .arg("fit")
            .arg(&file)
            .args(&args[1..])
            .arg("-o")
            .arg(out.path())
            .assert()
            .code(2);
        let stderr = String::from_utf8_lossy(&a.get_output().stderr).into_owned();
        assert_eq!(stderr, *want, "{args:?}");
        assert_eq!(
            std::fs::read_dir(out.path()).unwrap().count(),
            0,
            "{args:?}: a refused fit writes nothing"
        );
    }
    // Command-line values clap refuses: exit 2 with its message.
    for (args, start) in [
        (
            &["--as-of", "2024-13-01"][..],
            "error: invalid value '2024-13-01' for '--as-of <DATE>'",
        ),
        (
            &["--distribution", "normal"][..],
            "error: invalid value 'normal' for '--distribution <KIND>'",
        ),
    ] {
        let a = regsim()
            .args(["fit", "tests/data/bad-observed/two-rows.csv"])
            .args(args)
            .assert()
            .code(2);
        let stderr = String::from_utf8_lossy(&a.get_output().stderr).into_owned();
        assert!(stderr.starts_with(start), "{stderr}");
    }
}

/// A minimal scenario with one stage whose duration is `line`, after its comment.
fn scenario_with(comment: &str, line: &str) -> String {
    format!(
        "[scenario]\ntitle = \"Fitted\"\nseed = 1\niterations = 100\nsubmitted = 2024-04-01\n\n\
         [[pathway]]\nid = \"special\"\ntitle = \"Special approval\"\n\n\
         [[pathway.stage]]\nid = \"review\"\nclock = \"regulator\"\n{comment}\n{line}\n"
    )
}

/// The provenance comment and the scenario line at the end of the output.
fn best_lines(stdout: &str) -> (String, String) {
    let lines: Vec<&str> = stdout.lines().collect();
    let at = lines
        .iter()
        .rposition(|l| l.starts_with("duration = {"))
        .unwrap_or_else(|| panic!("no scenario line in\n{stdout}"));
    assert!(lines[at - 1].starts_with("# regsim fit "), "{stdout}");
    (lines[at - 1].to_string(), lines[at].to_string())
}

#[test]
fn the_best_fit_of_every_family_pastes_into_a_scenario_that_checks() {
    for family in ["lognormal", "gamma", "weibull", "exponential", "empirical"] {
        let (stdout, _out) = fit(&[SPECIAL, "--distribution", family]);
        let (comment, line) = best_lines(&stdout);
        assert!(
            line.starts_with(&format!("duration = {{ distribution = \"{family}\", ")),
            "{line}"
        );
        assert!(
            comment.starts_with(&format!(
                "# regsim fit {SPECIAL}: pathway special, total clock, 19 applications (0 pending) as of "
            )),
            "{comment}"
        );
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("fitted.toml");
        std::fs::write(&path, scenario_with(&comment, &line)).unwrap();
        regsim().arg("check").arg(&path).assert().success();
    }
}

#[test]
fn the_special_approvals_table_csv_chart_and_manifest() {
    let (stdout, out) = fit(&[SPECIAL]);
    assert!(stdout.starts_with(&format!("{SPECIAL}, pathway special: 19 applications (0 pending), total clock, as of 2022-11-01\n  fit  ")), "{stdout}");
    assert!(stdout.contains("note: no application is pending at the cut-off"));
    assert!(
        !stdout.contains("warning: the empirical fit"),
        "nothing is pending"
    );
    let (h, rows) = read_csv(&out.path().join("fit.csv"));
    assert_eq!(h.len(), 21);
    assert_eq!(rows.len(), 5, "one row per family");
    let ranks: Vec<&str> = rows.iter().map(|r| col(&h, r, "rank")).collect();
    assert_eq!(ranks, ["1", "2", "3", "4", "5"]);
    let aic: Vec<f64> = rows[..4]
        .iter()
        .map(|r| col(&h, r, "aic").parse().unwrap())
        .collect();
    assert!(aic.windows(2).all(|w| w[0] <= w[1]), "best first: {aic:?}");
    assert_eq!(col(&h, &rows[4], "distribution"), "empirical");
    assert_eq!(col(&h, &rows[4], "aic"), "");
    let (_, line) = best_lines(&stdout);
    assert_eq!(col(&h, &rows[0], "scenario_line"), line);
    for f in ["fit.png", "fit.svg", "manifest.json"] {
        assert!(out.path().join(f).exists(), "{f}");
    }
    let manifest = std::fs::read_to_string(out.path().join("manifest.json")).unwrap();
    let json: serde_json::Value = serde_json::from_str(&manifest).unwrap();
    assert_eq!(json["observed"][0]["path"], SPECIAL);
    assert_eq!(json["observed"][0]["sha256"].as_str().unwrap().len(), 64);
    assert_eq!(
        json["overrides"],
        serde_json::json!(["clock=total", "as-of=2022-11-01"])
    );
    assert_eq!(
        json["files"],
        serde_json::json!(["fit.csv", "fit.png", "fit.svg", "manifest.json"])
    );
    // --format csv writes the table only, and removes the charts of the last run.
    regsim()
        .args(["fit", SPECIAL, "--format", "csv", "-q", "-o"])
        .arg(out.path())
        .assert()
        .success()
        .stdout("");
    assert!(!out.path().join("fit.png").exists());
}

/// `n` applications per route, as a CSV: review days drawn by regsim's own lognormal,
/// submissions spread over four years before 2024-12-31, those not approved by then
/// pending. `pooled` writes every row under one pathway.
fn two_routes(n: usize, pooled: bool) -> String {
    let cut = chrono::NaiveDate::from_ymd_opt(2024, 12, 31).unwrap();
    let mut rng = Xoshiro256pp::from_seed(2024);
    let mut text = String::from("id,pathway,submitted,approved\n");
    for i in 0..2 * n {
        let (route, median, p90) = if i % 2 == 0 {
            ("priority", 180.0, 215.0)
        } else {
            ("standard", 365.0, 435.0)
        };
        let days = Duration::lognormal_from_median_p90(median, p90)
            .sample(&mut rng)
            .round() as i64;
        let age = (rng.next_f64() * 4.0 * 365.0) as i64;
        let submitted = cut - chrono::Duration::days(age);
        let approved = submitted + chrono::Duration::days(days);
        let approved = if approved <= cut {
            approved.to_string()
        } else {
            String::new()
        };
        let pathway = if pooled { "all" } else { route };
        let _ = writeln!(text, "a{i},{pathway},{submitted},{approved}");
    }
    text
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p.display().to_string()
}

#[test]
fn routes_are_fitted_apart_and_a_pooled_mixture_is_flagged() {
    let dir = tempfile::tempdir().unwrap();
    let apart = write(dir.path(), "routes.csv", &two_routes(300, false));
    let pooled = write(dir.path(), "pooled.csv", &two_routes(300, true));
    let (stdout, out) = fit(&[&apart, "--as-of", "2024-12-31"]);
    for route in ["priority", "standard"] {
        assert!(
            stdout.contains(&format!("{apart}, pathway {route}: 300 applications (")),
            "{stdout}"
        );
    }
    assert!(!stdout.contains("no single distribution fits"), "{stdout}");
    assert!(stdout.contains("warning: the empirical fit resamples the "));
    let (h, rows) = read_csv(&out.path().join("fit.csv"));
    assert_eq!(rows.len(), 10);
    let medians: Vec<f64> = rows
        .iter()
        .filter(|r| col(&h, r, "rank") == "1")
        .map(|r| col(&h, r, "median").parse().unwrap())
        .collect();
    assert!((medians[0] / 180.0 - 1.0).abs() < 0.04, "{medians:?}");
    assert!((medians[1] / 365.0 - 1.0).abs() < 0.04, "{medians:?}");

    let (stdout, _out) = fit(&[&pooled, "--as-of", "2024-12-31"]);
    assert!(
        stdout.contains("warning: no single distribution fits: the best fit ("),
        "{stdout}"
    );
    assert!(stdout.contains("the 1% critical value for "), "{stdout}");
    // --pathway keeps one route.
    let (stdout, _out) = fit(&[&apart, "--pathway", "standard"]);
    assert!(!stdout.contains("pathway priority"), "{stdout}");
}

#[test]
fn degenerate_files_fit_what_can_be_fitted_and_say_why_not_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let head = "id,pathway,submitted,approved\n";
    let one = write(
        dir.path(),
        "one.csv",
        &format!("{head}a,p,2024-01-01,2024-03-01\n"),
    );
    let (stdout, _out) = fit(&[&one]);
    assert!(stdout.contains("  gamma: not fitted: one approval: a two-parameter gamma fit needs at least two different approved durations\n"), "{stdout}");
    assert!(
        stdout.contains("duration = { distribution = \"exponential\", mean = 60 }"),
        "{stdout}"
    );
    let equal = write(
        dir.path(),
        "equal.csv",
        &format!("{head}a,p,2024-01-01,2024-03-01\nb,p,2024-02-01,2024-04-01\n"),
    );
    let (stdout, _out) = fit(&[&equal]);
    assert!(
        stdout.contains("  lognormal: not fitted: all 2 approved durations are 60 days"),
        "{stdout}"
    );
    let zeros = write(
        dir.path(),
        "zeros.csv",
        &format!(
            "{head}a,p,2024-01-01,2024-01-01\nb,p,2024-01-01,2024-01-09\nc,p,2024-01-01,2024-01-30\n"
        ),
    );
    let (stdout, _out) = fit(&[&zeros]);
    assert!(
        stdout.contains(
            "warning: 1 approval on the day of submission (0 days) was counted as half a day"
        ),
        "{stdout}"
    );
    assert!(
        !stdout.contains("NaN") && !stdout.contains("inf"),
        "{stdout}"
    );
}

/// The README's worked fit is the binary's real output, line for line.
#[test]
fn the_readme_shows_the_real_output() {
    let readme = std::fs::read_to_string(crate::support::repo_root().join("README.md")).unwrap();
    let (stdout, _out) = fit(&[SPECIAL]);
    let block = format!("$ regsim fit {SPECIAL}\n");
    let at = readme.find(&block).expect("the README's worked fit");
    let shown = &readme[at + block.len()..];
    for line in stdout.lines().filter(|l| !l.starts_with("outputs in ")) {
        assert!(
            shown.contains(&format!("{line}\n")),
            "README lacks the line\n{line}"
        );
    }
    assert!(shown.contains("outputs in output/japan-special-approvals/fit\n```"));
}

/// `--as-of` cuts the file as it stood on that day: later submissions left out, later
/// approvals pending. The counts are recomputed from the file here.
#[test]
fn as_of_censors_the_reviews_still_open_on_that_day() {
    let cut = chrono::NaiveDate::from_ymd_opt(2021, 2, 1).unwrap();
    let (h, rows) = read_csv(&crate::support::repo_root().join(SPECIAL));
    let date = |r: &[String], c: &str| col(&h, r, c).parse::<chrono::NaiveDate>().unwrap();
    let known: Vec<&Vec<String>> = rows
        .iter()
        .filter(|r| date(r, "submitted") <= cut)
        .collect();
    let pending = known.iter().filter(|r| date(r, "approved") > cut).count();
    assert!(pending >= 1, "the test needs a review open on {cut}");
    let (stdout, out) = fit(&[SPECIAL, "--as-of", "2021-02-01"]);
    assert!(
        stdout.starts_with(&format!(
            "{SPECIAL}, pathway special: {} applications ({pending} pending), total clock, as of 2021-02-01\n",
            known.len()
        )),
        "{stdout}"
    );
    assert!(
        stdout.contains("warning: the empirical fit resamples the "),
        "{stdout}"
    );
    let (h, rows) = read_csv(&out.path().join("fit.csv"));
    assert!(rows.iter().all(
        |r| col(&h, r, "pending") == pending.to_string() && col(&h, r, "as_of") == "2021-02-01"
    ));
}

/// `--clock regulator` fits the regulator_days column, pending rows censored at the days
/// counted so far, and says so in the table and the provenance line.
#[test]
fn the_regulator_clock_fits_its_column() {
    let file = "tests/data/fixtures/fit-two-routes.csv";
    let (stdout, out) = fit(&[file, "--clock", "regulator", "--pathway", "standard"]);
    assert!(
        stdout.starts_with(&format!(
            "{file}, pathway standard: 40 applications (16 pending), regulator clock, as of "
        )),
        "{stdout}"
    );
    let (comment, _) = best_lines(&stdout);
    assert!(
        comment.contains(": pathway standard, regulator clock, 40 applications (16 pending)"),
        "{comment}"
    );
    let median = |dir: &Path| {
        let (h, rows) = read_csv(&dir.join("fit.csv"));
        col(&h, &rows[0], "median").parse::<f64>().unwrap()
    };
    // The regulator's share (80% of each review) fits shorter than the total.
    let regulator = median(out.path());
    let (_, out_total) = fit(&[file, "--pathway", "standard"]);
    let total = median(out_total.path());
    assert!(regulator < 0.85 * total, "{regulator} against {total}");
}
