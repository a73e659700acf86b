//! A fixed-seed sample of the fuzz harness (examples/fuzz): mutated shipped scenarios
//! through every command, in-process; none may panic or hang. The full run is
//! `cargo run --release --example fuzz`.

#[path = "../../examples/fuzz/inprocess.rs"]
mod inprocess;
#[path = "../../examples/fuzz/mutate.rs"]
mod mutate;
#[path = "../../examples/fuzz/observed.rs"]
mod observed;

use std::sync::mpsc;
use std::time::Duration;

#[test]
fn a_fixed_sample_of_mutated_scenarios_never_panics_or_hangs() {
    let corpus = mutate::corpus(&crate::support::repo_root());
    assert!(
        corpus.len() >= 10,
        "the shipped scenarios and tests/data/good"
    );
    inprocess::silence_panics();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let dir = tempfile::tempdir().unwrap();
        let mut failures = Vec::new();
        for i in 0..300 {
            let case = mutate::case(&corpus, 10, i);
            for (command, outcome) in inprocess::run_case(&case, dir.path()) {
                if let inprocess::Outcome::Panic(msg) = outcome {
                    failures.push(format!(
                        "case {i} ({}; {}): regsim {command}: {msg}",
                        case.source,
                        case.mutations.join("; ")
                    ));
                }
            }
        }
        let _ = tx.send(failures);
    });
    let failures = rx
        .recv_timeout(Duration::from_secs(300))
        .expect("the sample hangs: no result within 300 s");
    let _ = std::panic::take_hook();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
