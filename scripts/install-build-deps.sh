#!/usr/bin/env bash
# Installs the C libraries Samsa builds against, from Debian, if they are missing: ncursesw for the workbench,
# zlib, snappy, lz4 and zstd for Kafka's record codecs, RocksDB for Streams' state stores, SQLite for
# Connect's SQLite connectors.
set -euo pipefail
need_apt=()
for package in libncurses-dev zlib1g-dev libsnappy-dev liblz4-dev libzstd-dev librocksdb-dev libsqlite3-dev "$@"; do
  dpkg -s "$package" >/dev/null 2>&1 || need_apt+=("$package")
done
if [ ${#need_apt[@]} -gt 0 ]; then
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  echo "Installing ${need_apt[*]} (apt)…" >&2
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi
