#!/usr/bin/env bash
# Installs what is missing (Debian packages, npm test tools from package-lock.json), builds,
# starts a throw-away PostgreSQL cluster on loopback, and runs every test: unit tests (ctest;
# the store tests against SQLite and PostgreSQL), catalog completeness, HTTP tests against the
# real binary, browser tests in Chromium with axe-core, a libFuzzer smoke run of every parser,
# a 60 s soak per backend, and then the unit, HTTP and browser tests again on the
# AddressSanitizer + UBSan build.
# Ends with "N passed, N failed". SANITIZERS=0 skips the sanitizer pass (a quicker local run).
set -uo pipefail
cd "$(dirname "$0")/.."
set -e
scripts/install-deps.sh --test
scripts/build.sh release
pg_dir="$(mktemp -d "${TMPDIR:-/tmp}/lmo-test-pg.XXXXXX")"
trap 'scripts/postgres.sh stop "$pg_dir"; rm -rf "$pg_dir"' EXIT
pg_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
LMO_TEST_POSTGRES_URL="$(scripts/postgres.sh start "$pg_dir" "$pg_port")"
export LMO_TEST_POSTGRES_URL
echo "== PostgreSQL test cluster: $LMO_TEST_POSTGRES_URL"
set +e

passed=0
failed=0
count() {  # count NAME PASSED FAILED
  passed=$((passed + $2))
  failed=$((failed + $3))
  echo "== $1: $2 passed, $3 failed"
}

run_ctest() {  # run_ctest NAME BUILD_DIR
  echo "== $1 (ctest)"
  ctest --test-dir "$2" --output-on-failure -j"$(nproc)" 2>&1 | tee "$2/ctest.log" | tail -n 5
  local total bad skipped
  total=$(sed -n 's/.*tests passed, \([0-9]*\) tests failed out of \([0-9]*\).*/\2/p' "$2/ctest.log")
  bad=$(sed -n 's/.*tests passed, \([0-9]*\) tests failed out of \([0-9]*\).*/\1/p' "$2/ctest.log")
  if [[ -z "$total" ]]; then total=0; bad=1; fi
  # A skipped store test means a backend was not tested: count it as a failure.
  skipped=$(grep -c "\*\*\*Skipped" "$2/ctest.log")
  count "$1" $((total - bad - skipped)) $((bad + skipped))
}

run_node() {  # run_node NAME LOG_DIR FILES...
  local name="$1" log="$2/node-${1// /-}.log"; shift 2
  node --test --test-reporter=tap --test-concurrency=2 "$@" >"$log" 2>&1
  grep -E "^not ok|^# (pass|fail)" "$log" | sed 's/^/   /'
  local p f
  p=$(sed -n 's/^# pass \([0-9]*\)$/\1/p' "$log" | tail -n 1)
  f=$(sed -n 's/^# fail \([0-9]*\)$/\1/p' "$log" | tail -n 1)
  if [[ -z "$p" ]]; then p=0; f=$((f + 1)); cat "$log"; fi
  [[ "$f" != 0 ]] && grep -A30 "^not ok" "$log" | head -n 120
  count "$name" "$p" "${f:-0}"
}

run_ctest "unit tests" build

echo "== message catalogs"
if build/bin/lmo-portal i18n check; then count "catalogs" 1 0; else count "catalogs" 0 1; fi

echo "== HTTP tests (real binary on loopback)"
run_node "HTTP tests" build tests/http/*.test.mjs
echo "== browser tests (Chromium, playwright-core, axe-core)"
run_node "browser tests" build tests/browser/*.test.mjs

echo "== fuzz smoke run (libFuzzer, ${FUZZ_SECONDS:-10}s per parser; long runs: scripts/fuzz.sh SECONDS)"
scripts/fuzz.sh "${FUZZ_SECONDS:-10}" | tee build/fuzz.log
count "fuzzers" "$(grep -c 'no crash' build/fuzz.log)" "$(grep -c 'FAILED' build/fuzz.log)"

echo "== soak (bench/soak.sh: 60 s of mixed traffic at 256 connections, 1000 idle ones held open)"
for backend in sqlite postgresql; do
  if bench/soak.sh --backend "$backend" >"build/soak-$backend.log" 2>&1; then
    count "soak on $backend" 1 0
  else
    tail -n 40 "build/soak-$backend.log"
    count "soak on $backend" 0 1
  fi
  sed -n '/soak summary/,$p' "build/soak-$backend.log" | sed 's/^/   /'
done

if [[ "${SANITIZERS:-1}" != 0 ]]; then
  echo "== AddressSanitizer + UndefinedBehaviorSanitizer build (preset asan-ubsan)"
  if scripts/build.sh asan-ubsan >build/asan-build.log 2>&1; then
    # Every process writes its sanitizer reports to build-asan/sanitizer/report.PID.
    rm -rf build-asan/sanitizer && mkdir -p build-asan/sanitizer
    export ASAN_OPTIONS="detect_leaks=1:exitcode=86:log_path=$PWD/build-asan/sanitizer/report"
    export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:log_path=$PWD/build-asan/sanitizer/report"
    run_ctest "unit tests under ASan+UBSan" build-asan
    LMO_PORTAL_BIN="$PWD/build-asan/bin/lmo-portal" run_node "HTTP tests under ASan+UBSan" build-asan tests/http/*.test.mjs
    LMO_PORTAL_BIN="$PWD/build-asan/bin/lmo-portal" run_node "browser tests under ASan+UBSan" build-asan tests/browser/*.test.mjs
    # A sanitizer report from any process (a server, a CLI run) fails the run even if its
    # test passed.
    reports=$(find build-asan/sanitizer -type f | wc -l)
    if [[ "$reports" == 0 ]]; then count "sanitizer reports" 1 0; else
      count "sanitizer reports" 0 "$reports"; head -n 60 build-asan/sanitizer/*
    fi
    unset ASAN_OPTIONS UBSAN_OPTIONS
  else
    tail -n 40 build/asan-build.log
    count "ASan+UBSan build" 0 1
  fi
fi

echo
echo "$passed passed, $failed failed"
[[ "$failed" == 0 ]]
