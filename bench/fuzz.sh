#!/usr/bin/env bash
# Mutation fuzzing of every command on the shipped scenarios and tests/data/good:
#   bench/fuzz.sh [--cases N] [--seed S] [--jobs J] [--timeout SECS] [--findings DIR]
# Failing cases are written to target/fuzz-findings (or --findings); exit 1 if any.
set -eu
cd "$(dirname "$0")/.."
exec cargo run --release --quiet --example fuzz -- "$@"
