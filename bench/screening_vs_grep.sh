#!/usr/bin/env bash
# Benchmark: declaration-stream screening against `grep -F -c -f patterns.txt` on the same
# file and the same patterns (every registry identifier, in plain-zero spelling, and every
# event name, alias and trade name), in one run. Reports both throughputs and the ratio.
# Usage: bench/screening_vs_grep.sh [SIZE_MB]   (default 1024)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --test >/dev/null
scripts/build.sh release >/dev/null
size="${1:-1024}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
node bench/generate_declarations.mjs "$size" "$work/declarations.csv"
build/bin/lmo-portal export --data "$work/var" --out "$work/export" >/dev/null 2>&1 || true
build/bin/lmo-portal import --data "$work/var" data/registry >/dev/null
build/bin/lmo-portal export --data "$work/var" --out "$work/export" >/dev/null
node -e '
const l = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
const p = new Set();
for (const x of l) {
  if (x.uid && !x.kind.startsWith("stack")) { p.add(x.uid); p.add(x.uid.replaceAll("Ø", "0")); }
  for (const n of [x.event_name, ...x.aliases, ...x.trade_names]) if (n.replace(/[^A-Za-z0-9]/g, "").length >= 4) p.add(n);
}
console.log([...p].join("\n"));' "$work/export/lmos.json" > "$work/patterns.txt"
bytes=$(stat -c %s "$work/declarations.csv")
patterns=$(wc -l < "$work/patterns.txt")
cat "$work/declarations.csv" > /dev/null  # warm the page cache for both
# Both write to a pipe that discards the bytes, so the disk is not measured: grep writes one
# number, the screener a JSON verdict for every line (about 1.5 bytes of output per input byte).
time_of() { local s e; s=$(date +%s%N); "$@" 2> "$work/err" | cat > /dev/null; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }
grep_count=$(grep -F -c -f "$work/patterns.txt" "$work/declarations.csv")
grep_ms=$(time_of grep -F -c -f "$work/patterns.txt" "$work/declarations.csv")
build/bin/lmo-portal screen --data "$work/var" "$work/declarations.csv" > /dev/null 2>&1  # builds the database once
screen_ms=$(time_of build/bin/lmo-portal screen --data "$work/var" "$work/declarations.csv")
summary=$(tail -n 1 "$work/err")
mbps() { awk -v b="$bytes" -v ms="$1" 'BEGIN {printf "%.0f", b / 1048576 / (ms / 1000)}'; }
echo "file: $((bytes / 1048576)) MiB, $patterns patterns"
echo "grep -F -c -f: ${grep_ms} ms ($(mbps "$grep_ms") MiB/s), $grep_count matching lines"
echo "lmo-portal screen: ${screen_ms} ms ($(mbps "$screen_ms") MiB/s), NDJSON verdict per line; $summary"
echo "ratio screen/grep throughput: $(awk -v g="$grep_ms" -v s="$screen_ms" 'BEGIN {printf "%.2f", g / s}')"
