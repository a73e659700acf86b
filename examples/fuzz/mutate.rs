//! The fuzz cases: a shipped scenario or a good test file, mutated a few times, and the
//! command lines to run on it. Shared by the fuzz example (examples/fuzz/main.rs) and the
//! fixed-seed sample in `cargo test` (tests/integration/fuzz.rs).
//!
//! Every case is a pure function of (corpus, seed, index), so a finding is reproduced
//! from its index alone, and workers regenerate the cases they are given.

#![allow(dead_code)]

use std::path::Path;

/// A small deterministic generator (SplitMix64): the cases must not change when a
/// dependency does.
#[derive(Debug, Clone)]
pub struct Prng(u64);

impl Prng {
    /// The generator for case `index` of run `seed`.
    pub fn for_case(seed: u64, index: u64) -> Self {
        let mut p = Prng(seed ^ index.wrapping_mul(0x9e37_79b9_7f4a_7c15));
        p.next();
        p.next();
        p
    }

    /// The next 64 random bits.
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number below `n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }

    /// True with probability 1/`n`.
    pub fn one_in(&mut self, n: usize) -> bool {
        self.below(n) == 0
    }

    /// One element of `items`.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// One file the cases start from, with the ids the command lines may name.
#[derive(Debug, Clone)]
pub struct Seed {
    /// Its path, for the report.
    pub name: String,
    /// Its text.
    pub text: String,
    /// `pathway.stage` ids.
    pub stages: Vec<(String, String)>,
    /// Variant ids.
    pub variants: Vec<String>,
    /// An observed-data CSV (for `fit`) rather than a scenario.
    pub csv: bool,
}

/// The shipped scenarios (`scenarios/*/*.toml`) and tests/data/good/*.toml under `root`.
pub fn corpus(root: &Path) -> Vec<Seed> {
    let mut files = Vec::new();
    if let Ok(dirs) = std::fs::read_dir(root.join("scenarios")) {
        for dir in dirs.flatten() {
            files.extend(tomls(&dir.path()));
        }
    }
    files.extend(tomls(&root.join("tests/data/good")));
    files.sort();
    files
        .into_iter()
        .filter_map(|p| {
            let text = std::fs::read_to_string(&p).ok()?;
            let name = p
                .strip_prefix(root)
                .unwrap_or(&p)
                .to_string_lossy()
                .into_owned();
            Some(seed_of(name, text))
        })
        .chain(
            super::observed::seeds(root)
                .into_iter()
                .map(|(name, text)| Seed {
                    name,
                    text,
                    stages: Vec::new(),
                    variants: Vec::new(),
                    csv: true,
                }),
        )
        .collect()
}

fn tomls(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out: Vec<_> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    out.sort();
    out
}

fn seed_of(name: String, text: String) -> Seed {
    let doc: toml::Table = toml::from_str(&text).unwrap_or_default();
    let mut stages = Vec::new();
    for p in doc
        .get("pathway")
        .and_then(|v| v.as_array())
        .into_iter()
        .flatten()
    {
        let pid = p.get("id").and_then(|v| v.as_str()).unwrap_or_default();
        for s in p
            .get("stage")
            .and_then(|v| v.as_array())
            .into_iter()
            .flatten()
        {
            if let Some(sid) = s.get("id").and_then(|v| v.as_str()) {
                stages.push((pid.to_string(), sid.to_string()));
            }
        }
    }
    let variants = doc
        .get("variant")
        .and_then(|v| v.as_array())
        .into_iter()
        .flatten()
        .filter_map(|v| v.get("id").and_then(|v| v.as_str()).map(String::from))
        .collect();
    Seed {
        name,
        text,
        stages,
        variants,
        csv: false,
    }
}

/// Numbers at the extremes, as TOML text.
pub const NUMBERS: &[&str] = &[
    "0",
    "-1",
    "1",
    "9223372036854775807",
    "-9223372036854775808",
    "18446744073709551615",
    "18446744073709551616",
    "4294967296",
    "1e308",
    "-1e308",
    "1e-308",
    "nan",
    "inf",
    "-inf",
    "0.5",
    "-0.0",
    "1e15",
    "365000",
    "99999999999",
];

/// Dates at the extremes, as TOML text (some are not valid TOML dates on purpose).
pub const DATES: &[&str] = &[
    "9999-12-31",
    "9999-01-01",
    "9000-06-30",
    "0001-01-01",
    "0000-01-01",
    "1900-02-28",
    "1970-01-01",
    "2024-02-29",
    "2023-02-29",
    "2100-12-31",
    "262143-12-31",
    "262142-12-31",
    "2024-04-01T10:00:00",
];

/// Dates for `--submitted`: mostly ordinary, sometimes at the end of chrono's range.
pub const SUBMITTED: &[&str] = &[
    "2024-04-01",
    "2025-01-15",
    "2030-12-31",
    "1999-06-30",
    "9999-12-31",
    "9990-01-01",
    "262142-12-31",
    "+262142-12-01",
    "+262000-01-01",
    "-262143-01-01",
    "0001-01-01",
    "1971-01-01",
];

/// Strings: empty, huge, unicode, formula characters.
pub fn string_value(rng: &mut Prng) -> String {
    match rng.below(10) {
        0 => String::new(),
        1 => "x".repeat(1 + rng.below(200_000)),
        2 => "通常承認🙂\u{202e}ÅΩ".repeat(1 + rng.below(50)),
        3 => "=HYPERLINK(\\\"http://x\\\")".into(),
        4 => "+cmd|' /C calc'!A0".into(),
        5 => "@SUM(1)".into(),
        6 => "-1".into(),
        7 => "<script>alert(1)</script>".into(),
        8 => "a\\nb\\tc\\u0000".into(),
        _ => "\u{0301}\u{fe0f}".repeat(1 + rng.below(3000)),
    }
}

/// Byte ranges of number tokens (outside strings and comments) in `text`.
fn number_spans(text: &str) -> Vec<(usize, usize)> {
    tokens(text, |b| {
        b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'_' | b'+')
    })
    .into_iter()
    .filter(|&(s, e)| {
        let t = &text[s..e];
        t.bytes().next().is_some_and(|b| b.is_ascii_digit()) && !t.contains('-')
    })
    .collect()
}

/// Byte ranges of date tokens (YYYY-MM-DD) in `text`.
fn date_spans(text: &str) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i + 10 <= b.len() {
        let w = &b[i..i + 10];
        if w[4] == b'-'
            && w[7] == b'-'
            && w.iter()
                .enumerate()
                .all(|(k, c)| k == 4 || k == 7 || c.is_ascii_digit())
        {
            out.push((i, i + 10));
            i += 10;
        } else {
            i += 1;
        }
    }
    out
}

/// Runs of bytes for which `keep` holds, starting at a digit, outside strings and
/// comments.
fn tokens(text: &str, keep: impl Fn(u8) -> bool) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let (mut i, mut in_str, mut in_comment) = (0, false, false);
    while i < b.len() {
        let c = b[i];
        if in_comment {
            in_comment = c != b'\n';
        } else if in_str {
            if c == b'\\' {
                i += 1;
            } else if c == b'"' || c == b'\n' {
                in_str = false;
            }
        } else if c == b'#' {
            in_comment = true;
        } else if c == b'"' {
            in_str = true;
        } else if c.is_ascii_digit() && (i == 0 || !b[i - 1].is_ascii_alphanumeric()) {
            let start = if i > 0 && b[i - 1] == b'-' { i - 1 } else { i };
            let mut j = i;
            while j < b.len() && (keep(b[j]) || (b[j] == b'-' && j > i)) {
                j += 1;
            }
            out.push((start.max(i), j));
            i = j;
            continue;
        }
        i += 1;
    }
    out
}

/// Byte ranges of the contents of basic strings ("...") on value lines.
fn string_spans(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let t = line.trim_start();
        if !t.starts_with('#')
            && !t.starts_with('[')
            && let Some(eq) = line.find('=')
            && let Some(q) = line[eq..].find('"')
        {
            let from = eq + q + 1;
            if let Some(len) = line[from..].find('"') {
                out.push((offset + from, offset + from + len));
            }
        }
        offset += line.len();
    }
    out
}

fn replace(text: &mut Vec<u8>, (s, e): (usize, usize), with: &str) {
    text.splice(s..e, with.bytes());
}

/// A huge array, of numbers or dates.
fn huge_array(rng: &mut Prng) -> String {
    let n = 1 + rng.below(20_000);
    let items: Vec<String> = if rng.one_in(2) {
        (0..n).map(|i| format!("{}", i % 1000)).collect()
    } else {
        (0..n)
            .map(|i| format!("{:04}-{:02}-{:02}", 2024 + i / 300, 1 + i % 12, 1 + i % 28))
            .collect()
    };
    format!("[{}]", items.join(", "))
}

/// Applies one random mutation to `text`; returns what it did.
pub fn mutate_once(rng: &mut Prng, text: &mut Vec<u8>) -> String {
    // Spans are byte ranges of the text: after a byte flip made it invalid UTF-8, only
    // byte flips are left.
    let s = match std::str::from_utf8(text) {
        Ok(s) => s.to_string(),
        Err(_) => String::new(),
    };
    let choice = if s.is_empty() { 8 } else { rng.below(12) };
    match choice {
        0..=2 => {
            let spans = number_spans(&s);
            if spans.is_empty() {
                return "no number".into();
            }
            let span = *rng.pick(&spans);
            let with = rng.pick(NUMBERS);
            replace(text, span, with);
            format!("number at {} -> {with}", span.0)
        }
        3 | 4 => {
            let spans = date_spans(&s);
            if spans.is_empty() {
                return "no date".into();
            }
            let span = *rng.pick(&spans);
            let with = rng.pick(DATES);
            replace(text, span, with);
            format!("date at {} -> {with}", span.0)
        }
        5 => {
            let spans = string_spans(&s);
            if spans.is_empty() {
                return "no string".into();
            }
            let span = *rng.pick(&spans);
            let with = string_value(rng);
            replace(text, span, &with);
            format!("string at {} -> {} bytes", span.0, with.len())
        }
        6 | 7 => {
            let lines: Vec<&str> = s.split_inclusive('\n').collect();
            if lines.is_empty() {
                return "empty".into();
            }
            let i = rng.below(lines.len());
            let mut out: Vec<&str> = lines.clone();
            let what = if rng.one_in(2) {
                out.remove(i);
                "deleted"
            } else {
                out.insert(i, lines[i]);
                "duplicated"
            };
            *text = out.concat().into_bytes();
            format!("line {} {what}", i + 1)
        }
        8 => {
            if text.is_empty() {
                return "empty".into();
            }
            let i = rng.below(text.len());
            let bit = 1u8 << rng.below(8);
            text[i] ^= bit;
            format!("byte {i} ^= {bit:#x}")
        }
        9 => {
            // an array replaced by a huge one
            let opens: Vec<usize> = s
                .match_indices("= [")
                .map(|(i, _)| i + 2)
                .filter(|&i| s[i..].find(']').is_some_and(|e| !s[i..i + e].contains('[')))
                .collect();
            if opens.is_empty() {
                return "no array".into();
            }
            let i = *rng.pick(&opens);
            let end = i + s[i..].find(']').unwrap_or(0) + 1;
            let with = huge_array(rng);
            replace(text, (i, end), &with);
            format!("array at {i} -> {} bytes", with.len())
        }
        10 => {
            // a number made huge or tiny by hand: a duration of centuries
            let spans = number_spans(&s);
            if spans.is_empty() {
                return "no number".into();
            }
            let span = *rng.pick(&spans);
            let with = format!("{}", 10u64.pow(rng.below(19) as u32));
            replace(text, span, &with);
            format!("number at {} -> {with}", span.0)
        }
        _ => {
            // two lines swapped
            let mut lines: Vec<&str> = s.split_inclusive('\n').collect();
            if lines.len() < 2 {
                return "short".into();
            }
            let (a, b) = (rng.below(lines.len()), rng.below(lines.len()));
            lines.swap(a, b);
            *text = lines.concat().into_bytes();
            format!("lines {} and {} swapped", a + 1, b + 1)
        }
    }
}

/// One fuzz case.
#[derive(Debug, Clone)]
pub struct Case {
    /// Its index in the run.
    pub index: u64,
    /// The corpus file it starts from.
    pub source: String,
    /// The mutated file.
    pub text: Vec<u8>,
    /// The mutated observed-data file for `fit` (`{DATA}`), and where it came from.
    pub data: Vec<u8>,
    pub data_source: String,
    /// What was done to it.
    pub mutations: Vec<String>,
    /// An observed-data CSV for `validate`, of the file's pathways (sometimes mutated).
    pub observed: Vec<u8>,
    /// Command lines, without the program name; `{FILE}`, `{OBS}` and `{OUT}` stand for
    /// the case's file, its observed data and a fresh output folder.
    pub commands: Vec<Vec<String>>,
}

/// A `--set` argument that may push values to extremes.
fn set_arg(rng: &mut Prng, seed: &Seed) -> String {
    const VALUES: &[&str] = &[
        "*1e308",
        "+1e308",
        "*1e-300",
        "+-1e308",
        "*0.5",
        "+36500",
        "18446744073709551616",
        "9223372036854775807",
        "-1",
        "nan",
        "{ distribution = \"fixed\", days = 1e300 }",
        "{ distribution = \"lognormal\", median = 10, p90 = 1e300 }",
        "{ distribution = \"uniform\", min = 0, max = 9e15 }",
        "0",
    ];
    match rng.below(4) {
        0 => format!("submitted={}", rng.pick(DATES)),
        1 => format!(
            "{}={}",
            rng.pick(&["seed", "iterations", "scenario.seed"]),
            rng.pick(NUMBERS)
        ),
        _ if !seed.stages.is_empty() => {
            let (p, s) = rng.pick(&seed.stages);
            let field = rng.pick(&["duration", "probability", "planned_within", "max_days"]);
            format!("{p}.{s}.{field}={}", rng.pick(VALUES))
        }
        _ => format!("seed={}", rng.pick(NUMBERS)),
    }
}

fn strings(args: &[&str]) -> Vec<String> {
    args.iter().map(|s| s.to_string()).collect()
}

/// Case `index` of run `seed` over `corpus`.
pub fn case(corpus: &[Seed], seed: u64, index: u64) -> Case {
    let mut rng = Prng::for_case(seed, index);
    let (scenarios, observed): (Vec<&Seed>, Vec<&Seed>) = corpus.iter().partition(|s| !s.csv);
    let base = *rng.pick(&scenarios);
    let mut text = base.text.clone().into_bytes();
    let n = 1 + rng.below(3);
    let mutations = (0..n).map(|_| mutate_once(&mut rng, &mut text)).collect();
    let mut commands = Vec::new();
    let set = |rng: &mut Prng| -> Vec<String> {
        if rng.one_in(8) {
            vec!["--set".into(), set_arg(rng, base)]
        } else {
            vec![]
        }
    };
    let mut check = strings(&["check", "{FILE}"]);
    check.extend(set(&mut rng));
    commands.push(check);
    let mut run = strings(&["run", "{FILE}", "-q", "--threads", "1", "-o", "{OUT}", "-n"]);
    run.push((1 + rng.below(40)).to_string());
    run.push("--format".into());
    run.push(
        match rng.below(40) {
            0 => "png",
            1 => "svg",
            2 => "html",
            3 => "csv,png,svg",
            4 => "xlsx",
            5 => "html,xlsx",
            _ => "csv",
        }
        .into(),
    );
    if rng.one_in(8) {
        run.push("--runs".into());
    }
    if rng.one_in(15) {
        run.push("--sensitivity".into());
    }
    // Japanese text and JSON on stdout go through every exporter too.
    if rng.one_in(4) {
        run.extend(strings(&["--lang", "ja"]));
    }
    if rng.one_in(10) {
        run.push("--json".into());
    }
    if !base.variants.is_empty() && rng.one_in(3) {
        run.push("--variant".into());
        run.push(rng.pick(&base.variants).clone());
    }
    run.extend(set(&mut rng));
    commands.push(run);
    let mut explain = strings(&["explain", "{FILE}"]);
    if rng.one_in(6) {
        explain.push("--submitted".into());
        explain.push(rng.pick(SUBMITTED).to_string());
    }
    if rng.one_in(4) {
        explain.extend(strings(&["--lang", "ja"]));
    }
    explain.extend(set(&mut rng));
    commands.push(explain);
    let mut at = strings(&["explain", "{FILE}", "--at", "p80", "-n"]);
    at.push((1 + rng.below(30)).to_string());
    at.extend(set(&mut rng));
    commands.push(at);
    let mut date = strings(&["date", "{FILE}"]);
    if !rng.one_in(5) {
        date.push("--submitted".into());
        date.push(rng.pick(SUBMITTED).to_string());
    }
    if rng.one_in(4) {
        date.extend(strings(&["--lang", "ja"]));
    }
    commands.push(date);
    // compare pairs the baseline with every variant (a file without one is refused);
    // sweep runs one value per knob setting, here the seed.
    let mut compare = strings(&["compare", "{FILE}", "-q", "--threads", "1", "-o", "{OUT}"]);
    compare.extend(strings(&["--format", "csv", "-n"]));
    compare.push((1 + rng.below(40)).to_string());
    if rng.one_in(4) {
        compare.extend(strings(&["--lang", "ja", "--format", "xlsx"]));
    }
    compare.extend(set(&mut rng));
    commands.push(compare);
    let mut sweep = strings(&["sweep", "{FILE}", "-q", "--threads", "1", "-o", "{OUT}"]);
    sweep.extend(strings(&["--format", "csv", "--set", "seed=1,2", "-n"]));
    sweep.push((1 + rng.below(20)).to_string());
    sweep.extend(set(&mut rng));
    commands.push(sweep);
    let mut observed_file = observed_rows(&mut rng, base).into_bytes();
    if rng.one_in(3) {
        mutate_once(&mut rng, &mut observed_file);
    }
    let mut validate = strings(&["validate", "{FILE}", "--observed", "{OBS}", "-q"]);
    validate.extend(strings(&[
        "--threads",
        "1",
        "-o",
        "{OUT}",
        "--format",
        "csv",
    ]));
    validate.push("-n".into());
    validate.push((1 + rng.below(30)).to_string());
    if rng.one_in(4) {
        validate.push("--as-of".into());
        validate.push(rng.pick(SUBMITTED).to_string());
    }
    validate.extend(set(&mut rng));
    commands.push(validate);
    let (mut data, mut data_source) = (Vec::new(), String::new());
    let mut mutations: Vec<String> = mutations;
    if !observed.is_empty() {
        let csv = *rng.pick(&observed);
        data = csv.text.clone().into_bytes();
        data_source = csv.name.clone();
        for _ in 0..rng.below(3) {
            mutations.push(format!("csv: {}", mutate_once(&mut rng, &mut data)));
        }
    }
    // Always pushed, so each command keeps its place in the harness's table.
    commands.push(super::observed::fit_command(&mut rng));
    // a shard, then merge of the previous command's folder (a gap when it is 1/2)
    let mut shard = strings(&["run", "{FILE}", "-q", "--threads", "1", "-o", "{OUT}", "-n"]);
    shard.push((1 + rng.below(40)).to_string());
    shard.push("--shard".into());
    shard.push(if rng.one_in(4) { "1/2" } else { "1/1" }.into());
    shard.extend(set(&mut rng));
    commands.push(shard);
    let mut merge = strings(&["merge", "{PREV}", "-q", "--threads", "1", "-o", "{OUT}"]);
    merge.extend(strings(&[
        "--format",
        if rng.one_in(10) { "csv,svg" } else { "csv" },
    ]));
    commands.push(merge);
    Case {
        index,
        source: base.name.clone(),
        text,
        data,
        data_source,
        mutations,
        observed: observed_file,
        commands,
    }
}

/// A few dated applications of the seed's pathways (approved, pending, on the same day),
/// for `validate`.
fn observed_rows(rng: &mut Prng, seed: &Seed) -> String {
    let mut text = String::from("id,pathway,submitted,approved,clock_start\n");
    let pathways: Vec<&String> = seed.stages.iter().map(|(p, _)| p).collect();
    for k in 0..(1 + rng.below(6)) {
        let pathway = pathways.get(rng.below(pathways.len().max(1)));
        let pathway = pathway.map_or("p", |p| p.as_str());
        let approved = match rng.below(4) {
            0 => "",
            1 => "2024-04-01",
            _ => "2025-01-15",
        };
        let start = if rng.one_in(5) { "2024-05-01" } else { "" };
        text.push_str(&format!("r{k},{pathway},2024-04-01,{approved},{start}\n"));
    }
    text
}
