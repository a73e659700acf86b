//! Mutation fuzzing of regsim's input handling.
//!
//! ```text
//! cargo run --release --example fuzz -- [--cases N] [--seed S] [--jobs J]
//!                                       [--timeout SECS] [--findings DIR]
//! ```
//!
//! Each case mutates a shipped scenario or a tests/data/good file (numbers and dates
//! pushed to extremes, strings emptied, made huge or given formula characters, lines
//! deleted, duplicated or swapped, bytes flipped, arrays made huge) and runs `check`,
//! `run` (a few iterations, CSV mostly, sometimes charts, the report, --runs,
//! --sensitivity, a variant or a --set), `explain`, `explain --at p80`, `date`,
//! `compare`, `sweep` (of the seed) and `validate` (against a small observed file of
//! its pathways, sometimes mutated) on it, and `fit` on a mutated observed-data CSV
//! (data/observed, tests/data/bad-observed) with random options.
//!
//! The cases run in worker processes (this program with `--worker`), in batches, each
//! command in-process under `catch_unwind`. The supervisor counts exit codes (0, 2,
//! other), panics, hangs (no progress within the timeout: the worker is killed) and
//! crashes (a worker killed by a signal: an abort, a stack overflow), restarts the
//! worker after the case, and writes every failing case's file and command lines into
//! the findings folder (default target/fuzz-findings).

#[path = "inprocess.rs"]
mod inprocess;
#[path = "mutate.rs"]
mod mutate;
#[path = "observed.rs"]
mod observed;

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use inprocess::Outcome;

#[derive(Debug, Clone)]
struct Options {
    cases: u64,
    seed: u64,
    jobs: usize,
    timeout: u64,
    findings: PathBuf,
    batch: u64,
    worker: Option<(u64, u64)>,
}

fn options() -> Result<Options, String> {
    let mut o = Options {
        cases: 100_000,
        seed: 1,
        jobs: std::thread::available_parallelism().map_or(2, |n| n.get()),
        timeout: 30,
        findings: PathBuf::from("target/fuzz-findings"),
        batch: 1000,
        worker: None,
    };
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut i = 0;
    let num = |i: usize| -> Result<u64, String> {
        args.get(i)
            .and_then(|v| v.parse().ok())
            .ok_or_else(|| format!("`{}` needs a number", args[i - 1]))
    };
    while i < args.len() {
        match args[i].as_str() {
            "--cases" => o.cases = num(i + 1)?,
            "--seed" => o.seed = num(i + 1)?,
            "--jobs" => o.jobs = num(i + 1)?.max(1) as usize,
            "--timeout" => o.timeout = num(i + 1)?.max(1),
            "--batch" => o.batch = num(i + 1)?.max(1),
            "--findings" => {
                o.findings = PathBuf::from(args.get(i + 1).ok_or("--findings needs a folder")?)
            }
            "--worker" => {
                o.worker = Some((num(i + 1)?, num(i + 2)?));
                i += 1;
            }
            other => return Err(format!("unknown argument `{other}`")),
        }
        i += 2;
    }
    Ok(o)
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn main() {
    let o = match options() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("fuzz: {e}");
            std::process::exit(2);
        }
    };
    match o.worker {
        Some((from, to)) => worker(&o, from, to),
        None => supervise(&o),
    }
}

/// Runs cases `from..to`, reporting on a protocol stream while regsim's own output
/// goes to /dev/null.
fn worker(o: &Options, from: u64, to: u64) {
    let corpus = mutate::corpus(&root());
    let mut report = protocol_stream();
    inprocess::silence_panics();
    let dir = tempfile::tempdir().expect("a temporary folder");
    for i in from..to {
        let case = mutate::case(&corpus, o.seed, i);
        let _ = writeln!(report, "S {i}");
        let _ = report.flush();
        for (k, (_, outcome)) in inprocess::run_case(&case, dir.path()).iter().enumerate() {
            let _ = match outcome {
                Outcome::Exit(code) => writeln!(report, "R {i} {k} {code}"),
                Outcome::Panic(msg) => writeln!(report, "P {i} {k} {}", msg.replace('\n', " ")),
            };
        }
        let _ = writeln!(report, "D {i}");
        let _ = report.flush();
    }
}

/// The process's stdout as the protocol stream; stdout and stderr themselves then go
/// to /dev/null, so regsim's printing costs little and shows nothing.
#[cfg(unix)]
fn protocol_stream() -> std::fs::File {
    use std::os::fd::FromRawFd;
    // SAFETY: plain descriptor calls on descriptors this process owns; the duplicate
    // is owned by the File returned.
    unsafe {
        let fd = libc::dup(1);
        let null = libc::open(c"/dev/null".as_ptr(), libc::O_WRONLY);
        libc::dup2(null, 1);
        libc::dup2(null, 2);
        libc::close(null);
        std::fs::File::from_raw_fd(fd)
    }
}

#[cfg(not(unix))]
fn protocol_stream() -> std::fs::File {
    unimplemented!("the fuzz harness runs on unix")
}

/// What the run found.
#[derive(Default)]
struct Tally {
    cases: u64,
    /// Per command kind: exit 0, exit 2, other exit, panic, hang, crash.
    per_command: BTreeMap<&'static str, [u64; 6]>,
    /// Panic place and message, with the number of times and the first case.
    panics: BTreeMap<String, (u64, u64)>,
    hangs: Vec<u64>,
    crashes: Vec<(u64, String)>,
}

const KINDS: [&str; 9] = [
    "check",
    "run",
    "explain",
    "explain --at",
    "date",
    "compare",
    "sweep",
    "validate",
    "fit",
];

fn supervise(o: &Options) {
    let start = Instant::now();
    let corpus = mutate::corpus(&root());
    if corpus.is_empty() {
        eprintln!("fuzz: no scenario found under {}", root().display());
        std::process::exit(2);
    }
    let _ = std::fs::create_dir_all(&o.findings);
    let exe = std::env::current_exe().expect("the program's path");
    let next = Arc::new(AtomicU64::new(0));
    let tally = Arc::new(Mutex::new(Tally::default()));
    eprintln!(
        "fuzz: {} cases from {} files, seed {}, {} jobs",
        o.cases,
        corpus.len(),
        o.seed,
        o.jobs
    );
    std::thread::scope(|s| {
        for _ in 0..o.jobs {
            let (next, tally, exe, corpus) = (next.clone(), tally.clone(), &exe, &corpus);
            s.spawn(move || {
                loop {
                    let from = next.fetch_add(o.batch, Ordering::SeqCst);
                    if from >= o.cases {
                        break;
                    }
                    let to = (from + o.batch).min(o.cases);
                    batch(o, exe, corpus, from, to, &tally);
                    let done = tally.lock().map_or(0, |t| t.cases);
                    eprintln!(
                        "fuzz: {done}/{} cases, {:.0} s",
                        o.cases,
                        start.elapsed().as_secs_f64()
                    );
                }
            });
        }
    });
    let t = tally.lock().expect("the tally");
    let mut totals = [0u64; 6];
    println!("command       exit0   exit2   other   panic    hang   crash");
    for kind in KINDS {
        let c = t.per_command.get(kind).copied().unwrap_or_default();
        for (a, b) in totals.iter_mut().zip(c) {
            *a += b;
        }
        println!(
            "{kind:<12} {:>6}  {:>6}  {:>6}  {:>6}  {:>6}  {:>6}",
            c[0], c[1], c[2], c[3], c[4], c[5]
        );
    }
    println!(
        "{:<12} {:>6}  {:>6}  {:>6}  {:>6}  {:>6}  {:>6}",
        "all", totals[0], totals[1], totals[2], totals[3], totals[4], totals[5]
    );
    println!(
        "{} cases ({} command lines) in {:.1} s, seed {}",
        t.cases,
        totals.iter().sum::<u64>(),
        start.elapsed().as_secs_f64(),
        o.seed
    );
    for (place, (n, first)) in &t.panics {
        println!("panic x{n} (first: case {first}): {place}");
    }
    for i in &t.hangs {
        println!("hang: case {i}");
    }
    for (i, why) in &t.crashes {
        println!("crash: case {i}: {why}");
    }
    let failed = !t.panics.is_empty() || !t.hangs.is_empty() || !t.crashes.is_empty();
    if failed {
        println!("findings in {}", o.findings.display());
    }
    std::process::exit(i32::from(failed));
}

/// Runs cases `from..to` in worker processes, one after another, restarting after a hang
/// or crash.
fn batch(
    o: &Options,
    exe: &Path,
    corpus: &[mutate::Seed],
    mut from: u64,
    to: u64,
    tally: &Mutex<Tally>,
) {
    while from < to {
        let mut child = match Command::new(exe)
            .args(["--seed", &o.seed.to_string()])
            .args(["--worker", &from.to_string(), &to.to_string()])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
        {
            Ok(c) => c,
            Err(e) => {
                eprintln!("fuzz: cannot start a worker: {e}");
                return;
            }
        };
        let (tx, rx) = mpsc::channel();
        let stdout = child.stdout.take().expect("piped");
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let mut current: Option<u64> = None;
        let mut next_command = 0usize;
        let mut finished = from;
        loop {
            match rx.recv_timeout(Duration::from_secs(o.timeout)) {
                Ok(line) => {
                    let mut parts = line.splitn(4, ' ');
                    let tag = parts.next().unwrap_or_default();
                    let i: u64 = parts.next().and_then(|v| v.parse().ok()).unwrap_or(0);
                    match tag {
                        "S" => {
                            current = Some(i);
                            next_command = 0;
                        }
                        "D" => {
                            current = None;
                            finished = i + 1;
                            if let Ok(mut t) = tally.lock() {
                                t.cases += 1;
                            }
                        }
                        "R" | "P" => {
                            let k: usize = parts.next().and_then(|v| v.parse().ok()).unwrap_or(0);
                            let rest = parts.next().unwrap_or_default();
                            let kind = KINDS.get(k).copied().unwrap_or("other");
                            next_command = k + 1;
                            let mut t = tally.lock().expect("the tally");
                            let counts = t.per_command.entry(kind).or_default();
                            if tag == "R" {
                                match rest.parse::<i32>() {
                                    Ok(0) => counts[0] += 1,
                                    Ok(2) => counts[1] += 1,
                                    _ => counts[2] += 1,
                                }
                            } else {
                                counts[3] += 1;
                                let entry = t.panics.entry(rest.to_string()).or_insert((0, i));
                                entry.0 += 1;
                                drop(t);
                                finding(o, corpus, i, "panic", &format!("{kind}: {rest}"));
                            }
                        }
                        _ => {}
                    }
                }
                Err(mpsc::RecvTimeoutError::Timeout) => {
                    let _ = child.kill();
                    let _ = child.wait();
                    let i = current.unwrap_or(finished);
                    if let Ok(mut t) = tally.lock() {
                        t.cases += 1;
                        t.hangs.push(i);
                        let kind = KINDS.get(next_command).copied().unwrap_or("other");
                        t.per_command.entry(kind).or_default()[4] += 1;
                    }
                    finding(o, corpus, i, "hang", "no progress within the timeout");
                    from = i + 1;
                    break;
                }
                Err(mpsc::RecvTimeoutError::Disconnected) => {
                    let status = wait(&mut child);
                    if finished >= to {
                        from = to;
                        break;
                    }
                    let i = current.unwrap_or(finished);
                    if let Ok(mut t) = tally.lock() {
                        t.cases += 1;
                        t.crashes.push((i, status.clone()));
                        let kind = KINDS.get(next_command).copied().unwrap_or("other");
                        t.per_command.entry(kind).or_default()[5] += 1;
                    }
                    finding(o, corpus, i, "crash", &status);
                    from = i + 1;
                    break;
                }
            }
        }
        let _ = child.wait();
    }
}

fn wait(child: &mut Child) -> String {
    match child.wait() {
        Ok(status) => {
            #[cfg(unix)]
            {
                use std::os::unix::process::ExitStatusExt;
                if let Some(sig) = status.signal() {
                    return format!("killed by signal {sig}");
                }
            }
            format!("worker ended with {status}")
        }
        Err(e) => format!("worker lost: {e}"),
    }
}

/// Writes case `i`'s file and what happened into the findings folder.
fn finding(o: &Options, corpus: &[mutate::Seed], i: u64, kind: &str, what: &str) {
    let case = mutate::case(corpus, o.seed, i);
    let stem = o.findings.join(format!("{kind}-{i}"));
    let _ = std::fs::write(stem.with_extension("toml"), &case.text);
    let _ = std::fs::write(stem.with_extension("observed.csv"), &case.observed);
    let _ = std::fs::write(stem.with_extension("csv"), &case.data);
    let mut notes = format!(
        "seed {} case {i}\nfrom {} and {}\nmutations: {}\n{kind}: {what}\ncommands:\n",
        o.seed,
        case.source,
        case.data_source,
        case.mutations.join("; ")
    );
    for c in &case.commands {
        notes.push_str(&format!("  regsim {}\n", c.join(" ")));
    }
    let _ = std::fs::write(stem.with_extension("txt"), notes);
}
