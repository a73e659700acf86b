//! Every shipped scenario checks and runs, and the shipped numbers keep their sources.

use std::fs;
use std::path::{Path, PathBuf};

use crate::support::{col, read_csv, regsim, repo_root, run_into_tempdir};

fn shipped() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for e in fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "toml") {
                out.push(p.strip_prefix(repo_root()).unwrap().to_path_buf());
            }
        }
    }
    let mut out = Vec::new();
    walk(&repo_root().join("scenarios"), &mut out);
    out.sort();
    assert!(out.len() >= 2, "the scenario library is missing");
    out
}

#[test]
fn every_shipped_scenario_checks() {
    for s in shipped() {
        regsim().arg("check").arg(&s).assert().success();
    }
}

#[test]
fn every_shipped_scenario_runs() {
    for s in shipped() {
        let out = tempfile::tempdir().unwrap();
        regsim()
            .arg("run")
            .arg(&s)
            .args(["-n", "2000", "--quiet", "-o"])
            .arg(out.path())
            .assert()
            .success();
        assert!(out.path().join("summary.csv").is_file());
        // An agency's run draws its years as the backlog chart; a single application's
        // schedule as the timeline.
        let agency = fs::read_to_string(repo_root().join(&s))
            .unwrap()
            .contains("\n[agency]");
        let chart = if agency {
            "backlog.png"
        } else {
            "timeline.png"
        };
        assert!(
            out.path().join(chart).is_file(),
            "{}: no {chart}",
            s.display()
        );
    }
}

#[test]
fn every_shipped_pathway_cites_a_source() {
    // Each [[pathway]] block (up to the next one) must carry a comment naming a source:
    // a bracketed reference defined at the top of the file, a URL, or a shared document.
    for s in shipped() {
        let text = fs::read_to_string(repo_root().join(&s)).unwrap();
        let blocks: Vec<&str> = text.split("[[pathway]]").skip(1).collect();
        assert!(!blocks.is_empty());
        for (i, block) in blocks.iter().enumerate() {
            let comments: String = block
                .lines()
                .filter_map(|l| l.split_once('#').map(|(_, c)| c))
                .collect::<Vec<_>>()
                .join(" ");
            let cites = comments.contains('[') && comments.contains(']')
                || comments.contains("http")
                || comments.contains(".md");
            assert!(
                cites,
                "{}: pathway {} has no source comment",
                s.display(),
                i + 1
            );
        }
    }
}

/// W1's reference percentiles from shared/bench/W1.md (numpy and SimPy agree on them at
/// 1,000,000 iterations): p10 274, p50 365, p80 373, p90 378.
#[test]
fn w1_lands_on_the_reference_percentiles() {
    let out = run_into_tempdir(
        "scenarios/bench/w1.toml",
        &["-n", "200000", "--format", "csv"],
    );
    let (h, rows) = read_csv(&out.path().join("summary.csv"));
    let row = rows
        .iter()
        .find(|r| col(&h, r, "metric") == "review_days")
        .unwrap();
    for (name, want) in [
        ("p10", 274.0),
        ("p50", 365.0),
        ("p80", 373.0),
        ("p90", 378.0),
    ] {
        let got: f64 = col(&h, row, name).parse().unwrap();
        assert!(
            (got - want).abs() <= 2.0,
            "W1 {name}: {got}, reference {want}"
        );
    }
}
