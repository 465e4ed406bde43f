#!/usr/bin/env bash
# Builds the libFuzzer targets (preset "fuzz": clang-14 with ASan and UBSan) and runs each for
# a while on a copy of its seed corpus. Prints executions per target; fails on any crash.
# Usage: scripts/fuzz.sh [seconds-per-target]   (default 10)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-10}"
if [[ ! -f build-fuzz/build.ninja ]]; then cmake --preset fuzz >/dev/null; fi
cmake --build build-fuzz --target fuzzers -j"$(nproc)" >/dev/null
status=0
for target in build-fuzz/fuzz/fuzz_*; do
  name="$(basename "$target")"
  work="build-fuzz/corpus/$name"
  mkdir -p "$work"
  cp -n tests/fuzz/corpus/"$name"/* "$work"/ 2>/dev/null || true
  log="build-fuzz/$name.log"
  if "$target" -max_total_time="$seconds" -max_len=65536 -print_final_stats=1 \
      -artifact_prefix="build-fuzz/$name-" "$work" >"$log" 2>&1; then
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    echo "fuzz $name: ${runs:-?} executions in ${seconds}s, no crash"
  else
    echo "fuzz $name: FAILED (see $log)"; tail -n 30 "$log"; status=1
  fi
done
exit $status
