#!/usr/bin/env bash
# Installs what the tests need: kcat (librdkafka 2.0.2) and tmux from Debian, the Python Kafka clients from PyPI.
set -euo pipefail
need_apt=()
command -v kcat >/dev/null 2>&1 || need_apt+=(kcat)
command -v tmux >/dev/null 2>&1 || need_apt+=(tmux)
dpkg -s libncurses-dev >/dev/null 2>&1 || need_apt+=(libncurses-dev)
if [ ${#need_apt[@]} -gt 0 ]; then
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi
python3 -m pip install -q --disable-pip-version-check confluent-kafka kafka-python aiokafka pytest pytest-timeout
