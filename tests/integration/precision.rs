//! Monte Carlo standard errors in summary.csv, and `run --precision`.

use std::fs;

use crate::support::{col, read_csv, regsim, run_into_tempdir};

const TINY: &str = "tests/data/good/tiny.toml";

/// p80_se of review days on the `fast` pathway after a run with `args`.
fn fast_p80_se(args: &[&str]) -> f64 {
    let out = run_into_tempdir(TINY, &[&["--format", "csv"], args].concat());
    let (h, rows) = read_csv(&out.path().join("summary.csv"));
    let row = rows
        .iter()
        .find(|r| col(&h, r, "pathway") == "fast" && col(&h, r, "metric") == "review_days")
        .unwrap();
    col(&h, row, "p80_se").parse().unwrap()
}

#[test]
fn standard_errors_shrink_as_one_over_the_root_of_the_iterations() {
    let few = fast_p80_se(&["-n", "4000"]);
    let many = fast_p80_se(&["-n", "64000"]);
    // 16 times the iterations: a quarter of the error, within whole-day steps
    assert!(few > 0.0 && many < few / 2.5, "{few} then {many}");
}

#[test]
fn precision_samples_until_p80_is_known_and_is_reproducible() {
    let run = || {
        let out = run_into_tempdir(TINY, &["--format", "csv", "--precision", "0.6", "--runs"]);
        let summary = fs::read(out.path().join("summary.csv")).unwrap();
        // runs.csv has every iteration of every chunk, in order
        let (h, runs) = read_csv(&out.path().join("runs.csv"));
        let fast: Vec<&str> = runs
            .iter()
            .filter(|r| col(&h, r, "pathway") == "fast")
            .map(|r| col(&h, r, "iteration"))
            .collect();
        assert!(fast.iter().enumerate().all(|(i, it)| *it == i.to_string()));
        assert_eq!(runs.len(), 2 * fast.len());
        let rows = fast.len() as u64;
        let manifest: serde_json::Value =
            serde_json::from_slice(&fs::read(out.path().join("manifest.json")).unwrap()).unwrap();
        assert_eq!(manifest["iterations"].as_u64(), Some(rows));
        (summary, manifest)
    };
    let (summary, manifest) = run();
    let n = manifest["iterations"].as_u64().unwrap();
    // chunks of the scenario's 1000 iterations, more than one needed
    assert!(n > 1000 && n % 1000 == 0, "{n}");
    let p = &manifest["precision"];
    assert_eq!(p["met"], true);
    assert_eq!(p["metric"], "review_days");
    for pathway in ["fast", "gated"] {
        assert!(p["half_widths"][pathway].as_f64().unwrap() <= 0.6, "{p}");
    }
    // the 95% half-width is 1.96 standard errors
    let (h, rows) = read_csv(
        &run_into_tempdir(TINY, &["--format", "csv", "-n", &n.to_string()])
            .path()
            .join("summary.csv"),
    );
    let se: f64 = col(&h, &rows[0], "p80_se").parse().unwrap();
    assert!(se * 1.96 <= 0.6 + 1e-3, "{se}");
    // same seed, same precision: the same iterations and the same bytes
    let (again, manifest_again) = run();
    assert_eq!(summary, again);
    assert_eq!(manifest_again["iterations"], n);
}

#[test]
fn precision_stops_at_the_cap_with_a_warning() {
    let out = tempfile::tempdir().unwrap();
    regsim()
        .args([
            "run",
            TINY,
            "--quiet",
            "--precision",
            "0.01",
            "--max-iterations",
            "3000",
            "-o",
        ])
        .arg(out.path())
        .assert()
        .success()
        .stderr(predicates::str::contains(
            "not known within ±0.01 days after 3000 iterations",
        ));
    let manifest = fs::read_to_string(out.path().join("manifest.json")).unwrap();
    assert!(manifest.contains("\"met\": false") && manifest.contains("\"iterations\": 3000"));
}

#[test]
fn a_precision_that_is_not_a_positive_number_is_bad_input() {
    for bad in ["0", "nan", "inf"] {
        regsim()
            .args(["run", TINY, "--precision", bad])
            .assert()
            .code(2)
            .stderr(predicates::str::contains(
                "--precision must be a positive number of days",
            ));
    }
}
