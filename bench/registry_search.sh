#!/usr/bin/env bash
# Benchmark: registry search latency (p50/p99 through the JSON API) over the bundled registry
# and over a synthetic registry (default 100,000 LMOs and 500,000 decisions), each against
# `grep -F -c` over the exported LMO file in the same run. Also reports the import time.
# Usage: bench/registry_search.sh [LMOS] [DECISIONS]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --test >/dev/null
scripts/build.sh release >/dev/null
lmos="${1:-100000}"
decisions="${2:-500000}"
work="$(mktemp -d)"
trap 'kill "${pid1:-}" "${pid2:-}" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT
source bench/lib.sh

port1="$(free_port)"
build/bin/lmo-portal serve --port "$port1" --data "$work/bundled" --access-log off >/dev/null 2>&1 &
pid1=$!
wait_for "http://127.0.0.1:$port1"
build/bin/lmo-portal export --data "$work/bundled" --out "$work/bundled-export" >/dev/null
node bench/registry_search.mjs "http://127.0.0.1:$port1" "$work/bundled-export/lmos.json" "bundled registry"

node bench/generate_registry.mjs "$lmos" "$decisions" "$work/synthetic" >/dev/null
start=$(date +%s%N)
build/bin/lmo-portal import --data "$work/synthetic-db" "$work/synthetic" >/dev/null
echo
echo "import of $lmos LMOs and $decisions decisions: $(( ($(date +%s%N) - start) / 1000000 )) ms"
port2="$(free_port)"
build/bin/lmo-portal serve --port "$port2" --data "$work/synthetic-db" --access-log off >/dev/null 2>&1 &
pid2=$!
wait_for "http://127.0.0.1:$port2"
node bench/registry_search.mjs "http://127.0.0.1:$port2" "$work/synthetic/lmos.json" "synthetic registry ($decisions decisions)"
