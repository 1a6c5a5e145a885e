#!/usr/bin/env bash
# Installs what the tests need: the build's C libraries, kcat (librdkafka 2.0.2) and tmux from Debian, the Python
# Kafka clients from PyPI.
set -euo pipefail
cd "$(dirname "$0")/.."
extra=()
command -v kcat >/dev/null 2>&1 || extra+=(kcat)
command -v tmux >/dev/null 2>&1 || extra+=(tmux)
scripts/install-build-deps.sh "${extra[@]}"
python3 -m pip install -q --disable-pip-version-check confluent-kafka kafka-python aiokafka pytest pytest-timeout
