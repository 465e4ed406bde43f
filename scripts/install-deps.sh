#!/usr/bin/env bash
# Installs what the LMO Customs Portal needs to build, run and test on Debian 12.
# Idempotent: packages already present are not reinstalled; npm tools come from the lockfile.
# Usage: scripts/install-deps.sh [--runtime|--test|--bench]
set -euo pipefail
cd "$(dirname "$0")/.."

mode="${1:---test}"

build_packages=(
  cmake ninja-build g++ pkg-config gettext
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev libboost-locale1.81-dev
  libboost-math1.81-dev libkainjow-mustache-dev libsqlite3-dev libsodium-dev
  libfmt-dev libcli11-dev libpq-dev
)
test_packages=(libgtest-dev libgmock-dev clang-14 libclang-rt-14-dev nodejs npm chromium curl sqlite3
  postgresql postgresql-contrib wrk)
bench_packages=(wrk nginx-light hyperfine libbenchmark-dev)

wanted=("${build_packages[@]}")
case "$mode" in
  --runtime) ;;
  --test) wanted+=("${test_packages[@]}") ;;
  --bench) wanted+=("${test_packages[@]}" "${bench_packages[@]}") ;;
  *) echo "usage: $0 [--runtime|--test|--bench]" >&2; exit 2 ;;
esac

missing=()
for p in "${wanted[@]}"; do
  # node and npm may come from outside Debian on some images; accept any working install.
  if [[ "$p" == nodejs ]] && command -v node >/dev/null; then continue; fi
  if [[ "$p" == npm ]] && command -v npm >/dev/null; then continue; fi
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if ((${#missing[@]})); then
  echo "installing Debian packages: ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [[ "$mode" != --runtime ]]; then
  # node_modules/.lmo-lock records the lockfile it was installed from.
  if ! cmp -s package-lock.json node_modules/.lmo-lock 2>/dev/null; then
    echo "installing npm test tools from package-lock.json" >&2
    npm ci --no-audit --no-fund --loglevel=error >/dev/null
    cp package-lock.json node_modules/.lmo-lock
  fi
fi
