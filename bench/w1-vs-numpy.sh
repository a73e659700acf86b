#!/usr/bin/env bash
# Workload W1 at 1,000,000 iterations, CSV only: regsim's whole process against the
# numpy baseline's whole process (shared/bench/w1_numpy.py), run side by side, best of
# N rounds each, in the same session. Prints both times and the ratio.
#
#   bench/w1-vs-numpy.sh [ROUNDS]
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

best() {  # best wall time in seconds of "$@" over $rounds rounds
  python3 - "$rounds" "$@" <<'PY'
import subprocess, sys, time
rounds, cmd = int(sys.argv[1]), sys.argv[2:]
times = []
for _ in range(rounds):
    t = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    times.append(time.perf_counter() - t)
print(f"{min(times):.3f}")
PY
}

regsim=$(best ./target/release/regsim run scenarios/bench/w1.toml -n 1000000 --format csv --quiet -o "$out")
numpy=$(best "$venv/bin/python" "$shared/bench/w1_numpy.py" 1000000)
echo "regsim: $(sed -n 2p "$out/summary.csv" | cut -d, -f11,13,15,16) (p10,p50,p80,p90)"
echo "numpy:  $("$venv/bin/python" "$shared/bench/w1_numpy.py" 1000000 | head -1)"
echo "W1, 1,000,000 iterations, whole process, best of $rounds:"
echo "  regsim $regsim s   numpy $numpy s   ratio $(python3 -c "print(f'{$numpy / $regsim:.2f}')")x"
