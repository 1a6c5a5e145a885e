#!/usr/bin/env bash
# The record browser on a 10-million-record partition: a one-broker samsa server (release build) gets a
# one-partition topic filled by `samsa perf produce` (100-byte records), then `samsa perf browse` times the first
# screen (at the earliest records, in the middle, at the latest) and page-down, reads over the wire included.
#   usage: scripts/bench-browser.sh [--records N] [--opens N] [--pages N] [--port P]
set -euo pipefail
cd "$(dirname "$0")/.."
records=10000000; opens=20; pages=500; port=29192
while [ $# -gt 0 ]; do
  case "$1" in
    --records) records=$2; shift 2;;
    --opens) opens=$2; shift 2;;
    --pages) pages=$2; shift 2;;
    --port) port=$2; shift 2;;
    *) echo "Unknown option $1 (use --records, --opens, --pages, --port)." >&2; exit 2;;
  esac
done
swift build -c release --product samsa >/dev/null
bin="$(swift build -c release --show-bin-path)/samsa"
data=$(mktemp -d /tmp/samsa-browse-bench-XXXX)
"$bin" server --port "$port" --data-dir "$data" --log-level warning & server_pid=$!
trap 'kill $server_pid 2>/dev/null; wait 2>/dev/null; rm -rf "$data"' EXIT
sleep 2
bootstrap="127.0.0.1:$port"
"$bin" topics --create --topic browse --partitions 1 --replication-factor 1 --bootstrap-server "$bootstrap"
"$bin" perf produce --bootstrap-server "$bootstrap" --topic browse --num-records "$records" --record-size 100 \
  --producer-props acks=1 | tail -1
"$bin" perf browse --bootstrap-server "$bootstrap" --topic browse --opens "$opens" --pages "$pages"
