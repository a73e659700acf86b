#!/usr/bin/env bash
# Thread scaling: W1 at 2,000,000 iterations (CSV only), whole process, on 1 thread and
# on 2, run side by side in alternating rounds. Prints the median time of each and the
# median of the per-round ratios (1 thread / 2 threads), with each side's CPU seconds:
# on a machine shared with other work, the CPU seconds show whether a low ratio comes
# from the program (more CPU on 2 threads) or from cores taken by others (the same CPU,
# less wall-clock gained), and the load average says how busy the machine was.
#
#   bench/threads.sh [ROUNDS] [ITERATIONS]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-7}
n=${2:-2000000}
cargo build --release --quiet
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
python3 - "$rounds" "$n" "$out" <<'PY'
import resource, statistics, subprocess, sys, time
rounds, n, out = int(sys.argv[1]), sys.argv[2], sys.argv[3]
def cmd(t):
    return ["./target/release/regsim", "run", "scenarios/bench/w1.toml", "-n", n,
            "--format", "csv", "--quiet", "-o", f"{out}/t{t}", "--threads", str(t)]
def run(t):
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd(t), check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
one, two, ratios, loads = [], [], [], []
for _ in range(rounds):
    a, b = run(1), run(2)
    one.append(a); two.append(b); ratios.append(a[0] / b[0])
    loads.append(float(open("/proc/loadavg").read().split()[0]))
same = open(f"{out}/t1/summary.csv").read() == open(f"{out}/t2/summary.csv").read()
m = statistics.median
print(f"W1, {int(n):,} iterations, whole process, {rounds} alternating rounds (median):")
print(f"  1 thread  {m(w for w, _ in one):.3f} s wall, {m(c for _, c in one):.3f} s CPU")
print(f"  2 threads {m(w for w, _ in two):.3f} s wall, {m(c for _, c in two):.3f} s CPU")
print(f"  speed-up {m(ratios):.2f}x (range {min(ratios):.2f} to {max(ratios):.2f}); "
      f"load average {min(loads):.1f} to {max(loads):.1f}; summary.csv identical: {same}")
PY
