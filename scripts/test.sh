#!/usr/bin/env bash
# Installs what is missing (Debian packages, npm test tools from package-lock.json), builds,
# and runs every test: unit tests (ctest), catalog completeness, HTTP tests against the real
# binary, and browser tests in Chromium with axe-core. Ends with "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
set -e
scripts/install-deps.sh --test
scripts/build.sh release
set +e

passed=0
failed=0
count() {  # count NAME PASSED FAILED
  passed=$((passed + $2))
  failed=$((failed + $3))
  echo "== $1: $2 passed, $3 failed"
}

echo "== unit tests (ctest)"
ctest --test-dir build --output-on-failure -j"$(nproc)" 2>&1 | tee build/ctest.log | tail -n 5
total=$(sed -n 's/.*tests passed, \([0-9]*\) tests failed out of \([0-9]*\).*/\2/p' build/ctest.log)
bad=$(sed -n 's/.*tests passed, \([0-9]*\) tests failed out of \([0-9]*\).*/\1/p' build/ctest.log)
if [[ -z "$total" ]]; then total=0; bad=1; fi
count "unit tests" $((total - bad)) "$bad"

echo "== message catalogs"
if build/bin/lmo-portal i18n check; then count "catalogs" 1 0; else count "catalogs" 0 1; fi

run_node() {  # run_node NAME FILES...
  local name="$1"; shift
  local log="build/node-${name}.log"
  node --test --test-reporter=tap --test-concurrency=2 "$@" >"$log" 2>&1
  grep -E "^not ok|^# (pass|fail)" "$log" | sed 's/^/   /'
  local p f
  p=$(sed -n 's/^# pass \([0-9]*\)$/\1/p' "$log" | tail -n 1)
  f=$(sed -n 's/^# fail \([0-9]*\)$/\1/p' "$log" | tail -n 1)
  if [[ -z "$p" ]]; then p=0; f=$((f + 1)); cat "$log"; fi
  [[ "$f" != 0 ]] && grep -A30 "^not ok" "$log" | head -n 120
  count "$name" "$p" "${f:-0}"
}

echo "== HTTP tests (real binary on loopback)"
run_node http tests/http/*.test.mjs
echo "== browser tests (Chromium, playwright-core, axe-core)"
run_node browser tests/browser/*.test.mjs

echo "== fuzz smoke run (libFuzzer, ${FUZZ_SECONDS:-10}s per parser; long runs: scripts/fuzz.sh SECONDS)"
scripts/fuzz.sh "${FUZZ_SECONDS:-10}" | tee build/fuzz.log
count "fuzzers" "$(grep -c 'no crash' build/fuzz.log)" "$(grep -c 'FAILED' build/fuzz.log)"

echo
echo "$passed passed, $failed failed"
[[ "$failed" == 0 ]]
