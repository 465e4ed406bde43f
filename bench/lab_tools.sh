#!/usr/bin/env bash
# Benchmarks of the laboratory tools (Google Benchmark), each against a baseline in the same
# run: the plan search against an exhaustive search of the same bounded grid; matrix
# interpretation with exact minimum explanations (500 events × 300 methods) against an
# exhaustive enumeration; panel design for 300 target events against greedy set cover.
# Usage: bench/lab_tools.sh [extra Google Benchmark flags]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --bench >/dev/null
cmake -S . -B build-bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DLMO_BUILD_TESTS=OFF -DLMO_BUILD_BENCHMARKS=ON >/dev/null
cmake --build build-bench --target plan_search_bench matrix_bench >/dev/null
for program in plan_search_bench matrix_bench; do
  echo "== $program"
  build-bench/bench/"$program" --benchmark_counters_tabular=true "$@"
done
