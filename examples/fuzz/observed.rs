//! The observed-data side of a fuzz case: a shipped or bad observed-data CSV
//! (data/observed, tests/data/bad-observed, tests/data/fixtures/fit-*.csv) mutated like a scenario (numbers and dates
//! pushed to extremes, lines deleted or duplicated, bytes flipped), and a `regsim fit`
//! command line on it with random options.

#![allow(dead_code)]

use std::path::Path;

use super::mutate::{DATES, Prng};

/// The observed-data files under `root`, as (path, text), sorted.
pub fn seeds(root: &Path) -> Vec<(String, String)> {
    let mut files = Vec::new();
    for dir in [
        "data/observed",
        "tests/data/bad-observed",
        "tests/data/fixtures",
    ] {
        if let Ok(entries) = std::fs::read_dir(root.join(dir)) {
            files.extend(entries.flatten().map(|e| e.path()).filter(|p| {
                let name = p.file_name().unwrap_or_default().to_string_lossy();
                name.ends_with(".csv") && (!dir.ends_with("fixtures") || name.starts_with("fit-"))
            }));
        }
    }
    files.sort();
    files
        .into_iter()
        .filter_map(|p| {
            // Bytes, not text: the not-UTF-8 file is a seed too.
            let bytes = std::fs::read(&p).ok()?;
            let name = p.strip_prefix(root).unwrap_or(&p).display().to_string();
            Some((name, String::from_utf8_lossy(&bytes).into_owned()))
        })
        .collect()
}

/// `regsim fit {DATA} -q -o {OUT}` with some of its options.
pub fn fit_command(rng: &mut Prng) -> Vec<String> {
    let mut c: Vec<String> = ["fit", "{DATA}", "-q", "-o", "{OUT}", "--format"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    c.push(if rng.one_in(20) { "csv,png" } else { "csv" }.into());
    if rng.one_in(3) {
        c.push("--as-of".into());
        let extreme = DATES[rng.below(DATES.len())];
        let date = *rng.pick(&["2020-01-01", "2021-06-30", "2022-11-22", extreme]);
        c.push(date.to_string());
    }
    if rng.one_in(4) {
        c.push("--clock".into());
        c.push(rng.pick(&["total", "regulator", "applicant"]).to_string());
    }
    if rng.one_in(4) {
        c.push("--pathway".into());
        c.push(
            rng.pick(&["special", "emergency", "normal", ""])
                .to_string(),
        );
    }
    for _ in 0..rng.below(3) {
        c.push("--distribution".into());
        c.push(
            rng.pick(&["lognormal", "gamma", "weibull", "exponential", "empirical"])
                .to_string(),
        );
    }
    c
}
