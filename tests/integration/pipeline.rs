//! The one pipeline every command takes: the output plan and its manifest, the folder
//! left holding one run's files, and seeds and iterations resolved by one rule.

use std::collections::BTreeSet;
use std::path::Path;

use crate::support::{col, data, read_csv, regsim};

/// The files in a folder, hidden ones aside.
fn files_in(dir: &Path) -> BTreeSet<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('.'))
        .collect()
}

/// The files manifest.json lists.
fn listed(dir: &Path) -> BTreeSet<String> {
    let text = std::fs::read_to_string(dir.join("manifest.json")).unwrap();
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    json["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f.as_str().unwrap().to_string())
        .collect()
}

#[test]
fn the_manifest_lists_exactly_the_files_a_run_leaves() {
    let out = tempfile::tempdir().unwrap();
    regsim()
        .args([
            "run",
            "-q",
            "-n",
            "500",
            "--runs",
            "--sensitivity",
            "--format",
        ])
        .arg("csv,png,svg,html")
        .arg(data("good/calendars.toml"))
        .arg("-o")
        .arg(out.path())
        .assert()
        .success();
    let files = files_in(out.path());
    assert_eq!(listed(out.path()), files);
    for f in [
        "fiscal_years.csv",
        "fiscal_years.png",
        "runs.csv",
        "report.html",
    ] {
        assert!(files.contains(f), "{f} missing from {files:?}");
    }
}

#[test]
fn a_run_without_fiscal_years_into_a_folder_that_had_them_leaves_none_behind() {
    let out = tempfile::tempdir().unwrap();
    let run = |file: &str| {
        regsim()
            .args(["run", "-q", "-n", "300"])
            .arg(data(file))
            .arg("-o")
            .arg(out.path())
            .assert()
            .success();
    };
    run("good/calendars.toml");
    assert!(out.path().join("fiscal_years.csv").exists());
    run("good/tiny.toml");
    let files = files_in(out.path());
    assert!(
        !files.iter().any(|f| f.starts_with("fiscal_years")),
        "stale files: {files:?}"
    );
    assert_eq!(listed(out.path()), files);
}

#[test]
fn a_file_the_previous_manifest_listed_is_removed_and_an_analysts_file_is_kept() {
    let out = tempfile::tempdir().unwrap();
    regsim()
        .args(["run", "-q", "-n", "300"])
        .arg(data("good/tiny.toml"))
        .arg("-o")
        .arg(out.path())
        .assert()
        .success();
    // A file regsim may write in a later version, listed by the manifest, and a note
    // of the analyst's, listed by nothing.
    std::fs::write(out.path().join("queue.csv"), "old").unwrap();
    std::fs::write(out.path().join("notes.txt"), "mine").unwrap();
    let manifest = out.path().join("manifest.json");
    let text = std::fs::read_to_string(&manifest).unwrap();
    std::fs::write(
        &manifest,
        text.replace("\"manifest.json\"", "\"queue.csv\", \"manifest.json\""),
    )
    .unwrap();
    regsim()
        .args(["run", "-q", "-n", "300", "--format", "csv"])
        .arg(data("good/tiny.toml"))
        .arg("-o")
        .arg(out.path())
        .assert()
        .success();
    assert!(!out.path().join("queue.csv").exists());
    assert!(!out.path().join("distribution.png").exists());
    assert!(out.path().join("notes.txt").exists());
}

#[test]
fn a_variant_that_sets_its_iterations_runs_them_under_run_variant() {
    let out = tempfile::tempdir().unwrap();
    regsim()
        .args(["run", "-q", "--format", "csv", "--variant", "short-run"])
        .arg(data("good/variant-iterations.toml"))
        .arg("-o")
        .arg(out.path())
        .assert()
        .success();
    let (header, rows) = read_csv(&out.path().join("summary.csv"));
    let iterations = |variant: &str| -> BTreeSet<String> {
        rows.iter()
            .filter(|r| col(&header, r, "variant") == variant)
            .map(|r| col(&header, r, "iterations").to_string())
            .collect()
    };
    assert_eq!(iterations(""), BTreeSet::from(["1000".to_string()]));
    assert_eq!(iterations("short-run"), BTreeSet::from(["500".to_string()]));
}

#[test]
fn compare_refuses_to_pair_a_variant_with_another_iteration_count_and_pairs_it_with_n() {
    let out = tempfile::tempdir().unwrap();
    regsim()
        .args(["compare", "-q", "--format", "csv"])
        .arg(data("good/variant-iterations.toml"))
        .arg("-o")
        .arg(out.path())
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "error: variant `short-run` runs 500 iterations and the baseline 1000",
        ))
        .stderr(predicates::str::contains("give -n"));
    regsim()
        .args(["compare", "-q", "--format", "csv", "-n", "800"])
        .arg(data("good/variant-iterations.toml"))
        .arg("-o")
        .arg(out.path())
        .assert()
        .success();
    let (header, rows) = read_csv(&out.path().join("compare.csv"));
    assert!(!rows.is_empty());
    assert!(rows.iter().all(|r| col(&header, r, "iterations") == "800"));
}

#[test]
fn compare_gives_the_same_bytes_on_one_thread_and_two() {
    let csv = |threads: &str| {
        let out = tempfile::tempdir().unwrap();
        regsim()
            .args([
                "compare",
                "-q",
                "--format",
                "csv",
                "-n",
                "30000",
                "--threads",
                threads,
            ])
            .arg(data("good/whatif.toml"))
            .arg("-o")
            .arg(out.path())
            .assert()
            .success();
        std::fs::read(out.path().join("compare.csv")).unwrap()
    };
    assert_eq!(csv("1"), csv("2"));
}
