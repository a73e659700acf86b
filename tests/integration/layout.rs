//! The source tree's layout rules (issue 10), checked so that they hold after it: no
//! file in `src/` over 600 lines and no function over 150 (test modules aside), the
//! model never reaches into the engine, and only the binary's entry points know the
//! command line.

use std::fs;
use std::path::{Path, PathBuf};

use crate::support::repo_root;

/// The most lines a source file may have, its trailing test module aside.
const MAX_LINES: usize = 600;
/// The most lines a function may have, tests aside.
const MAX_FN_LINES: usize = 150;

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

/// `text` with every comment, string literal and character literal blanked to spaces
/// (newlines kept), so that the braces and words left are code.
fn code_only(text: &str) -> Vec<char> {
    let c: Vec<char> = text.chars().collect();
    let mut out = c.clone();
    let blank = |out: &mut Vec<char>, from: usize, to: usize| {
        for ch in out.iter_mut().take(to.min(c.len())).skip(from) {
            if *ch != '\n' {
                *ch = ' ';
            }
        }
    };
    let mut i = 0;
    while i < c.len() {
        let next = c.get(i + 1).copied();
        let word_before = i > 0 && (c[i - 1].is_alphanumeric() || c[i - 1] == '_');
        if c[i] == '/' && next == Some('/') {
            let end = (i..c.len()).find(|&k| c[k] == '\n').unwrap_or(c.len());
            blank(&mut out, i, end);
            i = end;
        } else if c[i] == '/' && next == Some('*') {
            let (mut depth, mut k) = (1, i + 2);
            while k < c.len() && depth > 0 {
                if c[k] == '/' && c.get(k + 1) == Some(&'*') {
                    depth += 1;
                    k += 1;
                } else if c[k] == '*' && c.get(k + 1) == Some(&'/') {
                    depth -= 1;
                    k += 1;
                }
                k += 1;
            }
            blank(&mut out, i, k);
            i = k;
        } else if c[i] == 'r' && !word_before && matches!(next, Some('"') | Some('#')) {
            // A raw string: r"..." or r#"..."#, any number of #.
            let hashes = (i + 1..c.len()).take_while(|&k| c[k] == '#').count();
            let open = i + 1 + hashes;
            if c.get(open) != Some(&'"') {
                i += 1;
                continue;
            }
            let mut k = open + 1;
            while k < c.len() && !(c[k] == '"' && (1..=hashes).all(|h| c.get(k + h) == Some(&'#')))
            {
                k += 1;
            }
            blank(&mut out, i, k + 1 + hashes);
            i = k + 1 + hashes;
        } else if c[i] == '"' {
            let mut k = i + 1;
            while k < c.len() && c[k] != '"' {
                k += if c[k] == '\\' { 2 } else { 1 };
            }
            blank(&mut out, i, k + 1);
            i = k + 1;
        } else if c[i] == '\'' && !word_before {
            // A character literal ('x', '\n', '\u{7f}'), or else a lifetime ('a).
            let end = if next == Some('\\') {
                (i + 3..c.len()).find(|&k| c[k] == '\'')
            } else if c.get(i + 2) == Some(&'\'') {
                Some(i + 2)
            } else {
                None
            };
            match end {
                Some(end) => {
                    blank(&mut out, i, end + 1);
                    i = end + 1;
                }
                None => i += 1,
            }
        } else {
            i += 1;
        }
    }
    out
}

/// (name, first line, lines) of every function with a body in `code` (as
/// [`code_only`] gives it), from its `fn` to its closing brace.
fn functions(code: &[char]) -> Vec<(String, usize, usize)> {
    let is_word = |ch: char| ch.is_alphanumeric() || ch == '_';
    let line_of = |at: usize| code[..at].iter().filter(|&&ch| ch == '\n').count() + 1;
    let mut found = Vec::new();
    for i in 0..code.len().saturating_sub(2) {
        let keyword = code[i] == 'f'
            && code[i + 1] == 'n'
            && code[i + 2].is_whitespace()
            && (i == 0 || !is_word(code[i - 1]));
        if !keyword {
            continue;
        }
        let name: String = code[i + 2..]
            .iter()
            .skip_while(|ch| ch.is_whitespace())
            .take_while(|&&ch| is_word(ch))
            .collect();
        // The body opens at the first `{` before any `;` (a declaration has none).
        let Some(open) = (i..code.len()).find(|&k| code[k] == '{' || code[k] == ';') else {
            continue;
        };
        if code[open] == ';' {
            continue;
        }
        let mut depth = 0;
        let close = (open..code.len()).find(|&k| {
            match code[k] {
                '{' => depth += 1,
                '}' => depth -= 1,
                _ => {}
            }
            depth == 0
        });
        if let Some(close) = close {
            found.push((name, line_of(i), line_of(close) - line_of(i) + 1));
        }
    }
    found
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
fn no_source_file_or_function_is_too_long_and_no_layer_reaches_up() {
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
            let code: String = text.lines().take(n).collect::<Vec<_>>().join("\n");
            for (f, line, len) in functions(&code_only(&code)) {
                if len > MAX_FN_LINES {
                    problems.push(format!(
                        "{rel}:{line}: fn {f} has {len} lines (at most {MAX_FN_LINES})"
                    ));
                }
            }
        }
        // Imports and paths in code, not mentions in doc comments.
        let code: String = code_only(&text).into_iter().collect();
        if rel.starts_with("src/model/") && code.contains("crate::engine") {
            problems.push(format!(
                "{rel} uses crate::engine: the model is below the engine"
            ));
        }
        let entry_points = ["src/cli.rs", "src/main.rs", "src/lib.rs"];
        if !entry_points.contains(&rel.as_str()) && code.contains("crate::cli") {
            problems.push(format!(
                "{rel} uses crate::cli: only the entry points know the command line"
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
