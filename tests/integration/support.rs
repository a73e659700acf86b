//! Helpers shared by the integration tests.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// The `regsim` binary, with a clean environment for stable messages.
pub fn regsim() -> Command {
    let mut cmd = Command::cargo_bin("regsim").expect("the regsim binary is built");
    cmd.env_remove("RUST_BACKTRACE").env_remove("RUST_LOG");
    cmd.current_dir(repo_root());
    cmd
}

/// The repository's top folder (tests run the binary from here so that paths in
/// messages read as an analyst would type them).
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A file under tests/data, relative to the repository root.
pub fn data(name: &str) -> PathBuf {
    Path::new("tests/data").join(name)
}

/// Parses a CSV file into its header and rows.
pub fn read_csv(path: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let mut r = csv::Reader::from_path(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let header = r.headers().unwrap().iter().map(String::from).collect();
    let rows = r
        .records()
        .map(|rec| rec.unwrap().iter().map(String::from).collect())
        .collect();
    (header, rows)
}

/// The value of column `name` in `row`.
pub fn col<'a>(header: &[String], row: &'a [String], name: &str) -> &'a str {
    let i = header
        .iter()
        .position(|h| h == name)
        .unwrap_or_else(|| panic!("no column {name} in {header:?}"));
    &row[i]
}

/// Runs `regsim run SCENARIO --quiet -o TMP ARGS...`, asserts it succeeds, and returns
/// the temporary output folder.
pub fn run_into_tempdir(scenario: &str, args: &[&str]) -> tempfile::TempDir {
    let out = tempfile::tempdir().unwrap();
    regsim()
        .args(["run", scenario, "--quiet", "-o"])
        .arg(out.path())
        .args(args)
        .assert()
        .success();
    out
}
