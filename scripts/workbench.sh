#!/usr/bin/env bash
# Builds and opens the workbench: installs the C libraries the build needs if they are missing, then runs
# `samsa` (arguments are passed on, e.g. --lang ko or --bootstrap-server host:9092).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-build-deps.sh
exec swift run -c release samsa "$@"
