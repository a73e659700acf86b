#!/usr/bin/env bash
# Workload W1 at 1,000,000 iterations, CSV only: regsim's whole process against the
# numpy baseline's whole process (shared/bench/w1_numpy.py), run side by side in
# alternating rounds. Prints the median times and the median of the per-round ratios.
#
#   bench/w1-vs-numpy.sh [ROUNDS]
#
# REGSIM=path/to/regsim times another build (e.g. main's) instead of this one's. Each
# side's CPU seconds and the load average are printed too: on a machine shared with
# other work the wall-clock ratio falls with the load, the CPU ratio much less.
#
# Needs python3; installs numpy into a virtual environment under target/ on first use.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-5}
shared=${REGSIM_SHARED:-../shared}
venv=target/bench-venv
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet numpy
fi
cargo build --release --quiet
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# Alternate the two commands round by round and compare within each round: on a shared
# machine whose speed drifts, the ratio of neighbouring runs is steadier than either
# time. Prints the median time of each and the median of the per-round ratios.
python3 - "$rounds" "$out" "$venv/bin/python" "$shared/bench/w1_numpy.py" "${REGSIM:-./target/release/regsim}" <<'PY'
import resource, statistics, subprocess, sys, time
rounds, out, python, script, binary = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5]
regsim = [binary, "run", "scenarios/bench/w1.toml", "-n", "1000000",
          "--format", "csv", "--quiet", "-o", out]
numpy = [python, script, "1000000"]
cpu = {"r": [], "n": []}
loads = []
def wall(cmd, side):
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    w = time.perf_counter() - t
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu[side].append(r1.ru_utime - r0.ru_utime + r1.ru_stime - r0.ru_stime)
    return w
r_times, n_times, ratios = [], [], []
for _ in range(rounds):
    r, n = wall(regsim, "r"), wall(numpy, "n")
    r_times.append(r); n_times.append(n); ratios.append(n / r)
    loads.append(float(open("/proc/loadavg").read().split()[0]))
row = open(f"{out}/summary.csv").read().splitlines()[1].split(",")
print("regsim p10 p50 p80 p90:", *(row[i] for i in (10, 12, 14, 15)))
print(f"W1, 1,000,000 iterations, whole process, {rounds} alternating rounds (median):")
print(f"  regsim {statistics.median(r_times):.3f} s   numpy {statistics.median(n_times):.3f} s"
      f"   ratio {statistics.median(ratios):.2f}x (range {min(ratios):.2f} to {max(ratios):.2f})")
print(f"  CPU seconds: regsim {statistics.median(cpu['r']):.3f}   numpy {statistics.median(cpu['n']):.3f}"
      f"   load average {min(loads):.1f} to {max(loads):.1f}")
PY
