#!/usr/bin/env bash
# The M/M/3 of scenarios/bench/mmc.toml (arrivals 0.5 a day, exponential reviews of mean
# 5 days, 3 reviewers, FIFO, 20 years with 2 of warm-up) for the same replications in
# regsim, Ciw (bench/mmc_ciw.py) and SimPy (bench/mmc_simpy.py): whole processes, run in
# alternating rounds. Prints the median times, the medians of the per-round ratios, the
# mean queue waits with their standard errors against Erlang C, whether regsim and Ciw
# agree, and regsim's peak memory at N and 4N replications.
#
#   bench/mmc-vs-ciw.sh [--replications N] [--rounds R]     (defaults 200 and 5)
#
# regsim counts a wait in whole days (the day work starts less the day it was ready,
# both rounded up), which leaves the mean unbiased for arrivals at random times; the
# Python scripts keep it exact. Needs python3; installs ciw and simpy into a virtual
# environment under target/ on first use. Not a test: CI does not run it
# (tests/integration/queue.rs checks Erlang C).
set -euo pipefail
cd "$(dirname "$0")/.."
replications=200
rounds=5
while [ $# -gt 0 ]; do
  case "$1" in
    --replications) replications=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    *) echo "usage: bench/mmc-vs-ciw.sh [--replications N] [--rounds R]" >&2; exit 2 ;;
  esac
done
venv=target/bench-venv
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
if ! "$venv/bin/python" -c "import ciw, simpy" 2>/dev/null; then
  "$venv/bin/pip" install --quiet ciw simpy
fi
cargo build --release --quiet
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

python3 - "$replications" "$rounds" "$out" "$venv/bin/python" <<'PY'
import math, statistics, subprocess, sys, time
n, rounds, out, python = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]
scenario = "scenarios/bench/mmc.toml"
def regsim_cmd(reps, dest, *extra):
    return ["./target/release/regsim", "run", scenario, "-n", str(reps), "--format", "csv",
            "-q", "-o", dest, *extra]
cmds = {
    "regsim": regsim_cmd(n, f"{out}/run"),
    "regsim-1t": regsim_cmd(n, f"{out}/run1", "--threads", "1"),
    "ciw": [python, "bench/mmc_ciw.py", str(n)],
    "simpy": [python, "bench/mmc_simpy.py", str(n)],
}
def wall(cmd):
    t = time.perf_counter()
    p = subprocess.run(cmd, check=True, stdout=subprocess.PIPE, text=True)
    return time.perf_counter() - t, p.stdout
def queue_wait_mean(dest):
    lines = open(f"{dest}/summary.csv").read().splitlines()
    head = lines[0].split(",")
    row = next(l.split(",") for l in lines[1:] if l.split(",")[head.index("metric")] == "queue_wait_days")
    return float(row[head.index("mean")])

# Alternate the commands round by round and compare within each round: on a shared
# machine whose speed drifts, the ratio of neighbouring runs is steadier than either time.
times = {k: [] for k in cmds}
ratios = {"regsim-1t": [], "ciw": [], "simpy": []}
printed = {}
for _ in range(rounds):
    for k, cmd in cmds.items():
        secs, stdout = wall(cmd)
        times[k].append(secs)
        printed[k] = stdout
    for k in ratios:
        ratios[k].append(times[k][-1] / times["regsim"][-1])

waits = {}
for k in ("ciw", "simpy"):
    f = printed[k].split()
    waits[k] = (float(f[f.index("mean_wait") + 1]), float(f[f.index("se") + 1]))
assert queue_wait_mean(f"{out}/run") == queue_wait_mean(f"{out}/run1"), "threads changed results"
# regsim reports the mean over all reported applications of all replications, not each
# replication's: its standard error comes from n more runs of one replication each
# (seeds 1001..1000+n), the same estimator the Python scripts use.
single = []
for i in range(n):
    dest = f"{out}/one"
    subprocess.run(regsim_cmd(1, dest, "--seed", str(1000 + i + 1), "--threads", "1"), check=True)
    single.append(queue_wait_mean(dest))
waits["regsim"] = (queue_wait_mean(f"{out}/run"), statistics.stdev(single) / math.sqrt(n))

def peak_rss_mb(reps):
    p = subprocess.run(["/usr/bin/time", "-f", "%M", *regsim_cmd(reps, f"{out}/mem")],
                       check=True, stderr=subprocess.PIPE, text=True)
    return int(p.stderr.strip().splitlines()[-1]) / 1024

# Erlang C for c = 3, offered load a = 0.5 x 5 = 2.5: Wq = C / (c mu - lambda).
c, a, lam, mu = 3, 2.5, 0.5, 0.2
top = a ** c / math.factorial(c) * c / (c - a)
erlang_c = top / (sum(a ** k / math.factorial(k) for k in range(c)) + top)
wq = erlang_c / (c * mu - lam)

print(f"M/M/3 of {scenario}: {n} replications of 7305 days (warm-up 731), "
      f"whole process, {rounds} alternating rounds (median)")
print(f"  {'':8} {'seconds':>8} {'x regsim':>9} {'(range)':>15} {'mean wait':>10} {'SE':>7} {'vs Erlang C':>12}")
for k in cmds:
    if k == "regsim-1t":
        print(f"  {'1 thread':8} {statistics.median(times[k]):8.3f} {statistics.median(ratios[k]):9.2f}"
              f" {f'({min(ratios[k]):.2f} to {max(ratios[k]):.2f})':>15}   (the same run on one core)")
        continue
    m, se = waits[k]
    if k == "regsim":
        ratio, rng = "1", ""
    else:
        ratio = f"{statistics.median(ratios[k]):.1f}"
        rng = f"({min(ratios[k]):.1f} to {max(ratios[k]):.1f})"
    print(f"  {k:8} {statistics.median(times[k]):8.3f} {ratio:>9} {rng:>15} {m:10.4f} {se:7.4f}"
          f" {(m - wq) / se:+11.2f}σ")
print(f"  {'Erlang C':8} {'':8} {'':9} {'':15} {wq:10.4f}")
(m1, s1), (m2, s2) = waits["regsim"], waits["ciw"]
bound = 3 * math.sqrt(s1 ** 2 + s2 ** 2)
verdict = "agree" if abs(m1 - m2) < bound else "DISAGREE"
print(f"regsim - ciw = {m1 - m2:+.4f} days; 3 x sqrt(se1^2 + se2^2) = {bound:.4f}: {verdict}")
one = statistics.median(t / r for t, r in zip(times["ciw"], times["regsim-1t"]))
print(f"ciw / regsim on one thread (median of rounds): {one:.1f}x")
print(f"regsim's SE from {n} one-replication runs (mean of their means {statistics.mean(single):.4f})")
print(f"regsim peak RSS: {peak_rss_mb(n):.1f} MB at {n} replications, "
      f"{peak_rss_mb(4 * n):.1f} MB at {4 * n}")
PY
