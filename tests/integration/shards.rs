//! `run --shard K/N` and `regsim merge`: any number of shards, merged in any order,
//! give the very files of the unsplit run; shards that do not belong together, overlap
//! or leave a gap are refused with exit 2 and a message saying which.

use std::path::Path;

use super::support::{regsim, run_into_tempdir};

/// Runs shard `k` of `n` of `scenario` with `args` into `dir`.
fn shard(scenario: &str, k: u64, n: u64, args: &[&str], dir: &Path) {
    regsim()
        .args(["run", scenario, "--quiet", "-o"])
        .arg(dir)
        .args(["--shard", &format!("{k}/{n}")])
        .args(args)
        .assert()
        .success();
}

/// Every file of `a` (but the manifest) is in `b`, byte for byte, and `b` has no other.
fn assert_same_files(a: &Path, b: &Path) {
    let names = |d: &Path| {
        let mut v: Vec<String> = std::fs::read_dir(d)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n != "manifest.json")
            .collect();
        v.sort();
        v
    };
    assert_eq!(names(a), names(b));
    for n in names(a) {
        let (x, y) = (
            std::fs::read(a.join(&n)).unwrap(),
            std::fs::read(b.join(&n)).unwrap(),
        );
        assert!(x == y, "{n} differs between the unsplit run and the merge");
    }
}

/// A fixed shuffle of 1..=n (no randomness in tests): odd ones descending, then even.
fn shuffled(n: u64) -> Vec<u64> {
    let mut v: Vec<u64> = (1..=n).filter(|k| k % 2 == 1).rev().collect();
    v.extend((1..=n).filter(|k| k % 2 == 0));
    v
}

fn merge_of(scenario: &str, n: u64, run_args: &[&str], merge_args: &[&str]) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    for k in 1..=n {
        shard(scenario, k, n, run_args, &tmp.path().join(format!("s{k}")));
    }
    let out = tmp.path().join("merged");
    let mut cmd = regsim();
    cmd.args(["merge", "--quiet", "-o"])
        .arg(&out)
        .args(merge_args);
    for k in shuffled(n) {
        cmd.arg(tmp.path().join(format!("s{k}")));
    }
    cmd.assert().success();
    tmp
}

#[test]
fn csv_of_any_number_of_shards_in_any_order_is_the_unsplit_runs() {
    let scenario = "scenarios/japan/pmd-act-2022.toml";
    let args = ["-n", "3001", "--seed", "7", "--variant", "bigger-team"];
    let whole = run_into_tempdir(scenario, &[&args[..], &["--format", "csv"]].concat());
    for n in [1, 2, 3, 7] {
        let tmp = merge_of(scenario, n, &args, &["--format", "csv"]);
        assert_same_files(whole.path(), &tmp.path().join("merged"));
    }
}

#[test]
fn charts_and_products_merge_byte_identical_too() {
    let scenario = "scenarios/japan/covid-2022.toml";
    let args = ["-n", "2000", "--set", "normal.team-review.duration=*0.8"];
    let whole = run_into_tempdir(scenario, &args);
    let tmp = merge_of(scenario, 4, &args, &[]);
    assert_same_files(whole.path(), &tmp.path().join("merged"));
    // the manifest differs only in what honestly differs (threads, timings)
    let manifest = std::fs::read_to_string(tmp.path().join("merged/manifest.json")).unwrap();
    assert!(manifest.contains("\"iterations\": 2000"), "{manifest}");
}

#[test]
fn merge_draws_in_the_language_it_is_given() {
    let scenario = "scenarios/japan/pmd-act-2022.toml";
    let args = ["-n", "1200"];
    let whole = run_into_tempdir(
        scenario,
        &["-n", "1200", "--lang", "ja", "--format", "csv,png"],
    );
    let tmp = merge_of(scenario, 2, &args, &["--lang", "ja", "--format", "csv,png"]);
    assert_same_files(whole.path(), &tmp.path().join("merged"));
    let english = merge_of(scenario, 2, &args, &["--format", "png"]);
    let png = |d: &Path| std::fs::read(d.join("distribution.png")).unwrap();
    assert!(png(&english.path().join("merged")) != png(&tmp.path().join("merged")));
}

#[test]
fn merge_runs_the_sensitivity_analysis_of_the_whole_run() {
    let scenario = "tests/data/good/whatif.toml";
    let args = ["-n", "1500"];
    let whole = run_into_tempdir(
        scenario,
        &["-n", "1500", "--format", "csv", "--sensitivity"],
    );
    let tmp = merge_of(scenario, 3, &args, &["--format", "csv", "--sensitivity"]);
    assert!(whole.path().join("sensitivity.csv").exists());
    assert_same_files(whole.path(), &tmp.path().join("merged"));
}

#[test]
fn a_comparison_merges_byte_identical_for_variants_and_for_files() {
    let out = |tmp: &tempfile::TempDir| tmp.path().join("merged");
    // a file's variants, with the chart
    let scenario = "scenarios/japan/pmd-act-2022.toml";
    let tmp = tempfile::tempdir().unwrap();
    let whole = tmp.path().join("whole");
    let args = ["-n", "2001", "--seed", "3", "--quiet"];
    regsim()
        .args(["compare", scenario])
        .args(args)
        .arg("-o")
        .arg(&whole)
        .assert()
        .success();
    for n in [2u64, 3] {
        let shards = tempfile::tempdir().unwrap();
        let mut merge = regsim();
        merge.args(["merge", "--quiet", "-o"]).arg(out(&shards));
        for k in shuffled(n) {
            let dir = shards.path().join(format!("s{k}"));
            regsim()
                .args(["compare", scenario, "--shard", &format!("{k}/{n}"), "-o"])
                .arg(&dir)
                .args(args)
                .assert()
                .success();
            merge.arg(dir);
        }
        merge.assert().success();
        assert_same_files(&whole, &out(&shards));
    }
    // two files, CSV only; a run's shard does not merge with a comparison's
    let files = ["tests/data/good/whatif.toml", "tests/data/good/tiny.toml"];
    let args = ["-n", "1001", "--quiet", "--format", "csv"];
    regsim()
        .arg("compare")
        .args(files)
        .args(args)
        .arg("-o")
        .arg(&whole)
        .assert()
        .success();
    let shards = tempfile::tempdir().unwrap();
    for k in 1..=2 {
        regsim()
            .arg("compare")
            .args(files)
            .args(["--shard", &format!("{k}/2"), "-o"])
            .arg(shards.path().join(format!("s{k}")))
            .args(args)
            .assert()
            .success();
    }
    let dirs = [shards.path().join("s2"), shards.path().join("s1")];
    regsim()
        .args(["merge", "--quiet", "--format", "csv", "-o"])
        .arg(out(&shards))
        .args(&dirs)
        .assert()
        .success();
    let names = |d: &Path| std::fs::read(d.join("compare.csv")).unwrap();
    assert!(names(&whole) == names(&out(&shards)), "compare.csv differs");
    shard(files[0], 2, 2, &["-n", "1001"], &shards.path().join("run2"));
    let err = refused(&[&dirs[1], &shards.path().join("run2")]);
    assert!(
        err.contains("commands (run, compare, sweep) differ"),
        "{err}"
    );
}

#[test]
fn a_sweep_merges_byte_identical() {
    let scenario = "scenarios/japan/pmd-act-2022.toml";
    let args = [
        "--set",
        "normal.team-review.duration=*0.8:1.2:0.2",
        "-n",
        "1501",
        "--quiet",
    ];
    let tmp = tempfile::tempdir().unwrap();
    let whole = tmp.path().join("whole");
    regsim()
        .args(["sweep", scenario])
        .args(args)
        .arg("-o")
        .arg(&whole)
        .assert()
        .success();
    let mut merge = regsim();
    merge
        .args(["merge", "--quiet", "-o"])
        .arg(tmp.path().join("merged"));
    for k in shuffled(3) {
        let dir = tmp.path().join(format!("s{k}"));
        regsim()
            .args(["sweep", scenario, "--shard", &format!("{k}/3"), "-o"])
            .arg(&dir)
            .args(args)
            .assert()
            .success();
        merge.arg(dir);
    }
    merge.assert().success();
    assert_same_files(&whole, &tmp.path().join("merged"));
}

#[test]
fn a_shard_writes_its_state_and_the_manifest_only() {
    let tmp = tempfile::tempdir().unwrap();
    shard(
        "tests/data/good/whatif.toml",
        2,
        3,
        &["-n", "900"],
        tmp.path(),
    );
    let mut names: Vec<_> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(names, ["manifest.json", "state.json"]);
    let state = std::fs::read_to_string(tmp.path().join("state.json")).unwrap();
    for want in [
        "\"format\":\"regsim-state\"",
        "\"version\":1",
        "\"shard\":[2,3]",
        "\"first\":300,\"end\":600",
    ] {
        assert!(state.contains(want), "{want} not in {state}");
    }
}

/// Runs `merge` on these folders and returns its stderr, asserting exit 2.
fn refused(dirs: &[&Path]) -> String {
    let out = regsim().arg("merge").args(dirs).assert().code(2);
    String::from_utf8(out.get_output().stderr.clone()).unwrap()
}

#[test]
fn gaps_overlaps_and_strangers_are_refused() {
    let s = "tests/data/good/whatif.toml";
    let tmp = tempfile::tempdir().unwrap();
    let d = |name: &str| tmp.path().join(name);
    for k in 1..=3 {
        shard(s, k, 3, &["-n", "900"], &d(&format!("s{k}")));
    }
    shard(s, 2, 3, &["-n", "900", "--seed", "5"], &d("seed5"));
    shard(s, 1, 2, &["-n", "900"], &d("half"));
    let err = refused(&[&d("s1"), &d("s3")]);
    assert!(err.contains("shard 2/3 missing"), "{err}");
    let err = refused(&[&d("s1"), &d("s2"), &d("s2"), &d("s3")]);
    assert!(err.contains("shard 2/3 is given twice"), "{err}");
    let err = refused(&[&d("s1"), &d("seed5"), &d("s3")]);
    assert!(err.contains("not shards of the same run"), "{err}");
    let err = refused(&[&d("s1"), &d("half")]);
    assert!(err.contains("number of shards N differ"), "{err}");
    // an unsplit run's folder holds no state
    let whole = run_into_tempdir(s, &["-n", "900", "--format", "csv"]);
    let err = refused(&[whole.path()]);
    assert!(err.contains("state.json"), "{err}");
    // a damaged state, a state of another version, a shard whose slice is not its own
    let state = std::fs::read_to_string(d("s1").join("state.json")).unwrap();
    for (bad, want) in [
        (state[..state.len() / 2].to_string(), "not JSON"),
        (state.replace("\"version\":1", "\"version\":9"), "version 9"),
        (state.replace("\"end\":300", "\"end\":301"), "damaged"),
        (state.replace("\"review_days\"", "\"review\""), "damaged"),
    ] {
        std::fs::write(d("bad.json"), bad).unwrap();
        let err = refused(&[&d("bad.json"), &d("s2"), &d("s3")]);
        assert!(err.contains(want), "{want}: {err}");
    }
}

#[test]
fn a_scenario_changed_since_the_shards_ran_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let scenario = tmp.path().join("s.toml");
    std::fs::copy("tests/data/good/whatif.toml", &scenario).unwrap();
    let s = scenario.to_str().unwrap();
    shard(s, 1, 2, &["-n", "100"], &tmp.path().join("a"));
    shard(s, 2, 2, &["-n", "100"], &tmp.path().join("b"));
    let text = std::fs::read_to_string(&scenario).unwrap();
    std::fs::write(&scenario, format!("{text}\n# edited\n")).unwrap();
    let err = refused(&[&tmp.path().join("a"), &tmp.path().join("b")]);
    assert!(err.contains("has changed since the shards ran"), "{err}");
}

#[test]
fn what_a_shard_cannot_do_is_refused_with_what_to_do() {
    let s = "tests/data/good/whatif.toml";
    for (args, want) in [
        (vec!["--shard", "0/3"], "K must be between 1 and N"),
        (vec!["--shard", "4/3"], "K must be between 1 and N"),
        (vec!["--shard", "x"], "expected K/N"),
        (vec!["--shard", "1/2", "--runs"], "--runs"),
        (vec!["--shard", "1/2", "--precision", "5"], "--precision"),
        (vec!["--shard", "1/2", "--sensitivity"], "--sensitivity"),
    ] {
        let out = regsim()
            .args(["run", s, "-n", "100"])
            .args(&args)
            .assert()
            .code(2);
        let err = String::from_utf8(out.get_output().stderr.clone()).unwrap();
        assert!(err.contains(want), "{args:?}: {err}");
    }
    let out = regsim()
        .args([
            "run",
            "scenarios/bench/mmc.toml",
            "-n",
            "2",
            "--shard",
            "1/2",
        ])
        .assert()
        .code(2);
    let err = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(err.contains("does not split an agency"), "{err}");
}
