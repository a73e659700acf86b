//! The sensitivity analysis: sensitivity.csv, the tornado chart, what runs by default.

use std::fs;

use crate::support::{col, read_csv, run_into_tempdir};

const WIDE_AND_NARROW: &str = "tests/data/good/wide-and-narrow.toml";

#[test]
fn the_tornado_ranks_the_wide_stage_above_the_narrow_one() {
    let out = run_into_tempdir(WIDE_AND_NARROW, &["--sensitivity"]);
    let (h, rows) = read_csv(&out.path().join("sensitivity.csv"));
    let stages: Vec<&str> = rows.iter().map(|r| col(&h, r, "stage")).collect();
    // the fixed stage has nothing to swing; the wide stage first, the narrow one next
    assert_eq!(stages, ["wide", "narrow", "side"]);
    let swing = |r: &[String]| col(&h, r, "swing_days").parse::<f64>().unwrap();
    assert!(swing(&rows[0]) > 5.0 * swing(&rows[1]), "{rows:?}");
    assert_eq!(swing(&rows[2]), 0.0, "off the critical path");
    assert_eq!(col(&h, &rows[0], "rank"), "1");
    let rho: f64 = col(&h, &rows[0], "rank_correlation").parse().unwrap();
    assert!(rho > 0.9, "{rho}");
    // the base P80 is summary.csv's
    let (sh, summary) = read_csv(&out.path().join("summary.csv"));
    let review = summary
        .iter()
        .find(|r| col(&sh, r, "metric") == "review_days")
        .unwrap();
    assert_eq!(col(&h, &rows[0], "base_p80"), col(&sh, review, "p80"));
    for f in ["tornado.png", "tornado.svg"] {
        assert!(out.path().join(f).is_file(), "{f}");
    }
    let svg = fs::read_to_string(out.path().join("tornado.svg")).unwrap();
    assert!(svg.contains("wide") && svg.contains("What moves P80 most"));
    let manifest = fs::read_to_string(out.path().join("manifest.json")).unwrap();
    assert!(manifest.contains("sensitivity.csv") && manifest.contains("sensitivity_seconds"));
}

#[test]
fn the_terminal_names_the_stage_that_moves_p80_most() {
    let out = tempfile::tempdir().unwrap();
    crate::support::regsim()
        .args([
            "run",
            WIDE_AND_NARROW,
            "--sensitivity",
            "--format",
            "csv",
            "-o",
        ])
        .arg(out.path())
        .assert()
        .success()
        .stdout(predicates::str::contains("what moves P80 most"))
        .stdout(
            predicates::str::is_match(r"route\s+wide \d+(\.\d+)? to \d+(\.\d+)? days \(swing")
                .unwrap(),
        );
}

#[test]
fn sensitivity_runs_only_when_asked() {
    let out = run_into_tempdir(WIDE_AND_NARROW, &[]);
    for f in ["sensitivity.csv", "tornado.png", "tornado.svg"] {
        assert!(!out.path().join(f).exists(), "{f}");
    }
}

#[test]
fn sensitivity_is_the_same_on_one_and_two_threads() {
    let csv = |threads: &str| {
        let out = run_into_tempdir(
            WIDE_AND_NARROW,
            &[
                "--sensitivity",
                "--format",
                "csv",
                "-n",
                "40000",
                "--threads",
                threads,
            ],
        );
        fs::read(out.path().join("sensitivity.csv")).unwrap()
    };
    assert_eq!(csv("1"), csv("2"));
}
