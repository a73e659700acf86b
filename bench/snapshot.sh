#!/usr/bin/env bash
# Every CSV of every shipped scenario (scenarios/**.toml), at -n ITERATIONS, on 1 and
# 2 threads, into DIR: the byte-identity check of an engine change.
#
#   bench/snapshot.sh DIR [ITERATIONS] [BINARY]      write a snapshot
#   diff -r BEFORE AFTER                              compare two
#
# With --runs for single applications, so that runs.csv is compared too.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=$1
n=${2:-20000}
bin=${3:-target/release/regsim}
mkdir -p "$dir"
for f in $(find scenarios -name '*.toml' | sort); do
  stem=$(echo "$f" | sed 's|^scenarios/||; s|\.toml$||; s|/|-|g')
  for t in 1 2; do
    o="$dir/$stem-t$t"
    extra=()
    # --runs only for single applications (an agency refuses it)
    if ! grep -q '^\[agency\]' "$f"; then extra+=(--runs); fi
    "$bin" run "$f" -n "$n" --threads "$t" --format csv --quiet -o "$o" "${extra[@]}"
    rm -f "$o/manifest.json"
  done
done
echo "snapshot of $(find "$dir" -name '*.csv' | wc -l) CSV files in $dir"
