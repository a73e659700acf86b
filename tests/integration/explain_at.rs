//! `regsim explain --at p80`: the simulated application at a percentile, stage by stage.

use crate::support::{col, read_csv, regsim, run_into_tempdir};

const TINY: &str = "tests/data/good/tiny.toml";

#[test]
fn the_iteration_at_p80_is_the_runs_own_and_sits_at_its_p80() {
    let out = regsim()
        .args([
            "explain",
            TINY,
            "--at",
            "p80",
            "--pathway",
            "gated",
            "-n",
            "3000",
        ])
        .assert()
        .success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    // "iteration N (0-based) takes D days"
    let line = text
        .lines()
        .find(|l| l.contains("(0-based) takes"))
        .expect(&text);
    let words: Vec<&str> = line.split_whitespace().collect();
    let at = |w: &str| words[words.iter().position(|x| *x == w).unwrap() + 1];
    let iteration: usize = at("iteration").parse().unwrap();
    let days: f64 = at("takes").parse().unwrap();
    // the same seed and iterations in `regsim run`: P80 and that iteration's row agree
    let run = run_into_tempdir(TINY, &["-n", "3000", "--runs", "--format", "csv"]);
    let (h, rows) = read_csv(&run.path().join("summary.csv"));
    let row = rows
        .iter()
        .find(|r| col(&h, r, "pathway") == "gated" && col(&h, r, "metric") == "review_days")
        .unwrap();
    let p80: f64 = col(&h, row, "p80").parse().unwrap();
    assert!((days - p80).abs() <= 0.5, "{days} vs P80 {p80}");
    let (h, runs) = read_csv(&run.path().join("runs.csv"));
    let own = runs
        .iter()
        .find(|r| {
            col(&h, r, "pathway") == "gated" && col(&h, r, "iteration") == iteration.to_string()
        })
        .unwrap();
    assert_eq!(col(&h, own, "review_days").parse::<f64>().unwrap(), days);
    // every stage, the critical path and the reasons
    for stage in ["review", "answers", "council"] {
        assert!(text.contains(stage), "{text}");
    }
    assert!(text.contains("what made it long:") && text.contains("its pct"));
    assert!(!text.contains("fast —"), "only the pathway asked for");
}

#[test]
fn explain_at_rejects_a_bad_percentile_or_pathway() {
    regsim()
        .args(["explain", TINY, "--at", "p180"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("not a percentile"));
    regsim()
        .args(["explain", TINY, "--at", "p80", "--pathway", "slow"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("the pathways are fast, gated"));
}
