//! Writing an output folder so that nothing is lost.
//!
//! Every file of a run is first written under a temporary name inside the output folder,
//! and only when all of them are complete are they renamed over the previous outputs.
//! A run that fails, or is interrupted, before that point leaves the previous outputs as
//! they were (and removes its temporary files when it can). Nothing is written outside
//! the output folder.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

/// Every file name regsim writes into an output folder. A finished run removes the ones
/// it did not write this time, and those the folder's previous manifest.json lists, so
/// a folder never mixes two runs' results.
pub const OUTPUT_FILES: [&str; 22] = [
    "summary.csv",
    "stages.csv",
    "eligibility.csv",
    "follow_up.csv",
    "runs.csv",
    "distribution.png",
    "distribution.svg",
    "timeline.png",
    "timeline.svg",
    "manifest.json",
    "report.html",
    "compare.csv",
    "sensitivity.csv",
    "tornado.png",
    "tornado.svg",
    "fiscal_years.csv",
    "fiscal_years.png",
    "fiscal_years.svg",
    "queue.csv",
    "backlog.png",
    "backlog.svg",
    "summary.xlsx",
];

/// The what-if outputs (`compare`, `sweep`, `run --variant`), regsim's own files too.
pub const WHATIF_FILES: [&str; 5] = [
    "compare.png",
    "compare.svg",
    "sweep.csv",
    "sweep.png",
    "sweep.svg",
];

/// An output folder being written.
#[derive(Debug)]
pub struct OutputFolder {
    dir: PathBuf,
    staged: Vec<(PathBuf, PathBuf)>,
    /// The files the folder's manifest.json listed when it was opened.
    previous: Vec<String>,
}

impl OutputFolder {
    /// Creates the folder if needed and checks that it can be written to, before any
    /// long work starts.
    pub fn open(dir: &Path) -> Result<Self> {
        fs::create_dir_all(dir)
            .with_context(|| format!("cannot create the output folder {}", dir.display()))?;
        let probe = dir.join(format!(".regsim-probe-{}", std::process::id()));
        fs::write(&probe, b"")
            .with_context(|| format!("cannot write into the output folder {}", dir.display()))?;
        let _ = fs::remove_file(&probe);
        Ok(Self {
            dir: dir.to_path_buf(),
            staged: Vec::new(),
            previous: previously_listed(dir),
        })
    }

    /// The folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The temporary path to write `name` to; it becomes `name` on [`commit`](Self::commit).
    pub fn stage(&mut self, name: &str) -> PathBuf {
        let tmp = self.dir.join(format!(".{name}.tmp-{}", std::process::id()));
        self.staged.push((tmp.clone(), self.dir.join(name)));
        tmp
    }

    /// The names of the files staged so far, in the order they were staged.
    pub fn staged_names(&self) -> Vec<String> {
        self.staged
            .iter()
            .filter_map(|(_, d)| d.file_name())
            .map(|n| n.to_string_lossy().into_owned())
            .collect()
    }

    /// The temporary path `name` is being written to, if it was staged.
    pub fn staged(&self, name: &str) -> Option<&Path> {
        let dest = self.dir.join(name);
        self.staged
            .iter()
            .find(|(_, d)| *d == dest)
            .map(|(tmp, _)| tmp.as_path())
    }

    /// Writes `bytes` as `name` (staged).
    pub fn write(&mut self, name: &str, bytes: &[u8]) -> Result<()> {
        let tmp = self.stage(name);
        let mut f =
            fs::File::create(&tmp).with_context(|| format!("cannot create {}", tmp.display()))?;
        f.write_all(bytes)
            .and_then(|_| f.sync_all())
            .with_context(|| format!("cannot write {}", tmp.display()))
    }

    /// Renames every staged file into place and removes outputs of earlier runs that
    /// this run did not produce. Returns the final paths.
    pub fn commit(mut self) -> Result<Vec<PathBuf>> {
        let staged = std::mem::take(&mut self.staged);
        for (tmp, _) in &staged {
            if !tmp.exists() {
                anyhow::bail!("{} was not written", tmp.display());
            }
        }
        let mut done = Vec::new();
        for (tmp, dest) in &staged {
            fs::rename(tmp, dest)
                .with_context(|| format!("cannot move {} into place", dest.display()))?;
            done.push(dest.clone());
        }
        let known = OUTPUT_FILES
            .iter()
            .chain(&WHATIF_FILES)
            .map(|s| s.to_string());
        for name in known.chain(std::mem::take(&mut self.previous)) {
            let path = self.dir.join(&name);
            if !done.contains(&path) && path.exists() {
                fs::remove_file(&path)
                    .with_context(|| format!("cannot remove the stale {}", path.display()))?;
            }
        }
        Ok(done)
    }
}

/// The files the folder's manifest.json lists, as plain names inside the folder (a
/// name with a path separator, or a hidden one, is not regsim's and is left alone).
fn previously_listed(dir: &Path) -> Vec<String> {
    let Ok(text) = fs::read_to_string(dir.join("manifest.json")) else {
        return Vec::new();
    };
    let Ok(json) = serde_json::from_str::<serde_json::Value>(&text) else {
        return Vec::new();
    };
    let plain = |n: &&str| {
        !n.is_empty()
            && !n.starts_with('.')
            && n.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
    };
    json.get("files")
        .and_then(|f| f.as_array())
        .map(|files| {
            files
                .iter()
                .filter_map(|f| f.as_str())
                .filter(plain)
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

impl Drop for OutputFolder {
    /// A folder dropped without `commit` (an error on the way) removes its temporary
    /// files and leaves the previous outputs untouched.
    fn drop(&mut self) {
        for (tmp, _) in &self.staged {
            let _ = fs::remove_file(tmp);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_abandoned_run_leaves_previous_outputs() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("summary.csv"), "old").unwrap();
        {
            let mut out = OutputFolder::open(dir.path()).unwrap();
            out.write("summary.csv", b"new").unwrap();
            // dropped without commit
        }
        assert_eq!(
            fs::read_to_string(dir.path().join("summary.csv")).unwrap(),
            "old"
        );
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            1,
            "temporary files removed"
        );
    }

    #[test]
    fn a_finished_run_replaces_outputs_and_removes_stale_ones() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("runs.csv"), "old rows").unwrap();
        fs::write(dir.path().join("notes.txt"), "the analyst's").unwrap();
        let mut out = OutputFolder::open(dir.path()).unwrap();
        out.write("summary.csv", b"new").unwrap();
        out.commit().unwrap();
        assert_eq!(
            fs::read_to_string(dir.path().join("summary.csv")).unwrap(),
            "new"
        );
        assert!(!dir.path().join("runs.csv").exists());
        assert!(
            dir.path().join("notes.txt").exists(),
            "only regsim's own files are removed"
        );
    }

    #[test]
    fn a_finished_run_removes_what_the_previous_manifest_listed_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        for f in ["queue.csv", "notes.txt", "manifest.json"] {
            fs::write(dir.path().join(f), "old").unwrap();
        }
        let outside = tempfile::tempdir().unwrap();
        fs::write(outside.path().join("keep.csv"), "not ours").unwrap();
        let escape = format!("{}/keep.csv", outside.path().display());
        fs::write(
            dir.path().join("manifest.json"),
            serde_json::json!({ "files": ["queue.csv", "manifest.json", escape, ".hidden"] })
                .to_string(),
        )
        .unwrap();
        let mut out = OutputFolder::open(dir.path()).unwrap();
        out.write("summary.csv", b"new").unwrap();
        out.write("manifest.json", b"{}").unwrap();
        assert_eq!(out.staged_names(), ["summary.csv", "manifest.json"]);
        out.commit().unwrap();
        assert!(!dir.path().join("queue.csv").exists());
        assert!(dir.path().join("notes.txt").exists());
        assert!(outside.path().join("keep.csv").exists());
    }
}
