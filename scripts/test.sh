#!/usr/bin/env bash
# Runs every test: installs what they need, the Swift unit and integration tests, then the compatibility
# tests that drive a freshly built `samsa` with real Kafka clients (kcat, confluent-kafka, kafka-python, aiokafka).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-test-deps.sh
swift build --build-tests
swift test --skip-build
export SAMSA_BIN="$(swift build --show-bin-path)/samsa"
python3 -m pytest -q -p no:cacheprovider --timeout=300 Tests/compat "$@"
