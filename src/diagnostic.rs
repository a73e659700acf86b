//! Errors about a scenario file, each pointing at the file, line and column.
//!
//! A scenario is written by hand, so an error has to say where the problem is, what is
//! wrong and how to fix it, and all problems are reported at once. The rendering follows
//! the compiler-style layout analysts see in other tools:
//!
//! ```text
//! error: stage `reveiw` does not exist in pathway `normal`
//!   --> scenarios/japan.toml:12:10
//!    |
//! 12 | after = ["reveiw"]
//!    |          ^^^^^^^^
//!    = help: did you mean `review`?
//! ```

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// One problem in one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// What is wrong, in one sentence.
    pub message: String,
    /// Byte range in the file's text, if the problem has a place.
    pub span: Option<Range<usize>>,
    /// How to fix it, if there is something to say.
    pub help: Option<String>,
}

impl Diagnostic {
    /// A problem at a place in the file.
    pub fn at(span: Range<usize>, message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            span: Some(span),
            help: None,
        }
    }

    /// A problem of the file as a whole.
    pub fn whole_file(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            span: None,
            help: None,
        }
    }

    /// Adds advice on how to fix it.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

/// Every problem found in one scenario file, with the text needed to show them.
#[derive(Debug, Clone)]
pub struct FileDiagnostics {
    /// The file, as named on the command line.
    pub path: PathBuf,
    /// The file's text (empty when it could not be read).
    pub source: String,
    /// The problems, in the order found.
    pub items: Vec<Diagnostic>,
}

impl FileDiagnostics {
    /// Problems of `path`, whose text is `source`.
    pub fn new(path: &Path, source: &str, items: Vec<Diagnostic>) -> Self {
        Self {
            path: path.to_path_buf(),
            source: source.to_string(),
            items,
        }
    }

    /// The 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        line_col(&self.source, offset)
    }
}

/// The 1-based line and column (in characters, not bytes) of a byte offset in `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(text, offset.min(text.len()));
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = text[line_start..offset].chars().count() + 1;
    (line, col)
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

impl fmt::Display for FileDiagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (n, d) in self.items.iter().enumerate() {
            if n > 0 {
                writeln!(f)?;
            }
            writeln!(f, "error: {}", d.message)?;
            match &d.span {
                Some(span) => {
                    let (line, col) = self.line_col(span.start);
                    let gutter = line.to_string().len();
                    let pad = " ".repeat(gutter);
                    writeln!(f, "{pad}--> {}:{line}:{col}", self.path.display())?;
                    let text = self.source.lines().nth(line - 1).unwrap_or("");
                    let text = text.trim_end_matches('\r');
                    // Underline the span's part on its first line, at least one caret.
                    let line_chars = text.chars().count();
                    let span_chars = self.source[floor_char_boundary(
                        &self.source,
                        span.start.min(self.source.len()),
                    )
                        ..floor_char_boundary(&self.source, span.end.min(self.source.len()))]
                        .split('\n')
                        .next()
                        .unwrap_or("")
                        .chars()
                        .count();
                    let width = span_chars.clamp(1, line_chars.saturating_sub(col - 1).max(1));
                    writeln!(f, "{pad} |")?;
                    writeln!(f, "{line} | {text}")?;
                    writeln!(f, "{pad} | {}{}", " ".repeat(col - 1), "^".repeat(width))?;
                    if let Some(help) = &d.help {
                        writeln!(f, "{pad} = help: {help}")?;
                    }
                }
                None => {
                    writeln!(f, "  --> {}", self.path.display())?;
                    if let Some(help) = &d.help {
                        writeln!(f, "   = help: {help}")?;
                    }
                }
            }
        }
        Ok(())
    }
}

impl std::error::Error for FileDiagnostics {}

/// The candidate nearest to `word` by edit distance, if it is near enough to be a typo.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (edit_distance(word, c), c))
        .filter(|&(d, c)| {
            d <= (c.chars().count().max(word.chars().count()) / 3).max(1) && d < c.chars().count()
        })
        .min_by_key(|&(d, _)| d)
        .map(|(_, c)| c)
}

/// Levenshtein distance in characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + (ca != cb) as usize).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters_not_bytes() {
        let text = "a = 1\ntitle = \"通常承認\" x\n";
        let offset = text.find('x').unwrap();
        assert_eq!(line_col(text, offset), (2, 16));
    }

    #[test]
    fn renders_file_line_column_and_caret() {
        let text = "[scenario]\nseed = -1\n";
        let start = text.find("-1").unwrap();
        let d = FileDiagnostics::new(
            Path::new("s.toml"),
            text,
            vec![
                Diagnostic::at(start..start + 2, "seed must not be negative").help("use 0 or more"),
            ],
        );
        let shown = d.to_string();
        assert!(
            shown.contains("error: seed must not be negative"),
            "{shown}"
        );
        assert!(shown.contains("--> s.toml:2:8"), "{shown}");
        assert!(shown.contains("2 | seed = -1\n  |        ^^"), "{shown}");
        assert!(shown.contains("= help: use 0 or more"), "{shown}");
    }

    #[test]
    fn suggests_near_names_only() {
        let ids = ["acceptance", "review", "council"];
        assert_eq!(did_you_mean("reveiw", ids), Some("review"));
        assert_eq!(did_you_mean("zzz", ids), None);
    }
}
