//! The source tree's layout rules (issue 10), checked so that they hold after it: no
//! file in `src/` over 600 lines (test modules aside), the model never reaches into the
//! engine, and only the binary's entry points know the command line.

use std::fs;
use std::path::{Path, PathBuf};

use crate::support::repo_root;

/// The most lines a source file may have, its trailing test module aside.
const MAX_LINES: usize = 600;

/// Every `.rs` file under `dir`, sorted.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut dirs = vec![dir.to_path_buf()];
    while let Some(d) = dirs.pop() {
        for entry in fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// The lines of `text` before a trailing `#[cfg(test)] mod tests {` block.
fn lines_before_tests(text: &str) -> usize {
    let lines: Vec<&str> = text.lines().collect();
    let start = lines.windows(2).position(|w| {
        w[0].trim() == "#[cfg(test)]" && w[1].trim_start().starts_with("mod tests {")
    });
    start.unwrap_or(lines.len())
}

/// The path of `file` relative to the repository, with `/` separators.
fn relative(root: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(root).unwrap();
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

#[test]
#[ignore = "enabled when the rest of issue 10 lands"]
fn no_source_file_is_over_600_lines_and_no_layer_reaches_up() {
    let root = repo_root();
    let mut problems = Vec::new();
    for file in rust_files(&root.join("src")) {
        let rel = relative(&root, &file);
        let text = fs::read_to_string(&file).unwrap();
        let name = file.file_name().unwrap().to_string_lossy();
        if name != "tests.rs" && name != "testing.rs" {
            let n = lines_before_tests(&text);
            if n > MAX_LINES {
                problems.push(format!("{rel} has {n} lines (at most {MAX_LINES})"));
            }
        }
        if rel.starts_with("src/model/") && text.contains("crate::engine") {
            problems.push(format!(
                "{rel} uses crate::engine: the model is below the engine"
            ));
        }
        let entry_points = ["src/cli.rs", "src/main.rs", "src/lib.rs"];
        if !entry_points.contains(&rel.as_str()) && text.contains("crate::cli") {
            problems.push(format!(
                "{rel} uses crate::cli: only the entry points know the command line"
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
