#!/usr/bin/env bash
# Configures (once) and builds a CMake preset; the release binary lands in build/bin/lmo-portal.
# Usage: scripts/build.sh [preset]   (release by default; see CMakePresets.json)
set -euo pipefail
cd "$(dirname "$0")/.."
preset="${1:-release}"
case "$preset" in
  release) dir=build ;;
  debug) dir=build-debug ;;
  asan-ubsan) dir=build-asan ;;
  fuzz) dir=build-fuzz ;;
  *) echo "unknown preset $preset" >&2; exit 2 ;;
esac
if [[ ! -f "$dir/build.ninja" ]]; then
  cmake --preset "$preset" >/dev/null
fi
cmake --build "$dir" -j"$(nproc)"
