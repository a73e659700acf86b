//! Throughput of the engine on the reference workload W1 (`cargo bench`).
//!
//! Measures, on one thread, the parts of an iteration separately (drawing the durations,
//! one pass through the pathway, recording it) and then a whole Monte Carlo run on all
//! cores, so a change in speed can be traced to its part. The whole-process comparison
//! with the numpy baseline is `bench/w1-vs-numpy.sh`.

use std::hint::black_box;
use std::path::Path;
use std::time::Instant;

use regsim::engine::monte_carlo::MonteCarlo;
use regsim::engine::results::PathwayResults;
use regsim::engine::schedule::{Draws, PathwayTimes, run_pathway};
use regsim::random::Xoshiro256pp;
use regsim::scenario::{Overrides, load};

fn per_iteration(label: &str, n: u64, mut f: impl FnMut(u64)) {
    // a short warm-up, then the best of three timed rounds
    (0..n / 10).for_each(&mut f);
    let best = (0..3)
        .map(|_| {
            let t = Instant::now();
            (0..n).for_each(&mut f);
            t.elapsed().as_secs_f64()
        })
        .fold(f64::INFINITY, f64::min);
    println!(
        "{label:<40} {:>8.1} ns per iteration",
        best / n as f64 * 1e9
    );
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let model = load(&root.join("scenarios/bench/w1.toml"), &Overrides::default())
        .expect("W1 loads")
        .model;
    let pathway = &model.pathways[0];
    let n = 1_000_000;

    per_iteration("seed a stream per iteration", n, |i| {
        black_box(Xoshiro256pp::for_iteration(1, i).next_u64());
    });
    per_iteration("draw every stage's duration", n, |i| {
        let mut rng = Xoshiro256pp::for_iteration(1, i);
        let mut total = 0.0;
        for s in &pathway.stages {
            if let Some(d) = &s.duration {
                total += d.sample(&mut rng);
            }
        }
        black_box(total);
    });
    let mut times = PathwayTimes::default();
    per_iteration("one pass (draws, dates, critical path)", n, |i| {
        let mut rng = Xoshiro256pp::for_iteration(1, i);
        run_pathway(&model, pathway, Draws::Random(&mut rng), &mut times).unwrap();
        black_box(times.review_days);
    });
    let mut acc = PathwayResults::new(pathway);
    per_iteration("one pass and recording it", n, |i| {
        let mut rng = Xoshiro256pp::for_iteration(1, i);
        run_pathway(&model, pathway, Draws::Random(&mut rng), &mut times).unwrap();
        acc.record(&times);
    });
    black_box(&acc);

    let threads = rayon::current_num_threads();
    let t = Instant::now();
    let mc = MonteCarlo {
        iterations: n,
        seed: 1,
        keep_rows: false,
    };
    let results = mc.run(&model, |_| Ok::<(), ()>(()), |_| {}).unwrap();
    let secs = t.elapsed().as_secs_f64();
    println!(
        "Monte Carlo, {n} iterations, {threads} threads    {secs:>8.3} s ({:.1} ns per iteration; p50 {} days)",
        secs / n as f64 * 1e9,
        results.pathways[0].review_days.percentile(50.0).unwrap()
    );
}
