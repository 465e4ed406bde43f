#!/usr/bin/env bash
# Installs what is missing, builds the release binary and starts the portal on the embedded
# SQLite database in ./var with the bundled data. Extra arguments go to `lmo-portal serve`
# (e.g. --port 9000). Stop it with Ctrl-C (SIGINT) or SIGTERM.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --runtime
scripts/build.sh release
exec build/bin/lmo-portal serve "$@"
