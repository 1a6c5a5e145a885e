#!/usr/bin/env bash
# Side-by-side benchmark: samsa (release build, durable disk log) and the peer broker (Tansu, in-memory),
# driven by the same librdkafka client (../shared/bench/kbench.py). Prints one JSON line per run.
# With --baseline BIN, another samsa binary (e.g. the previous commit's release build) runs beside them.
#   usage: scripts/bench.sh [--messages N] [--runs R] [--sizes "100 1000"] [--baseline path/to/samsa]
set -euo pipefail
cd "$(dirname "$0")/.."
messages=1000000; runs=1; sizes="100 1000"; baseline=""; extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --messages) messages=$2; shift 2;;
    --runs) runs=$2; shift 2;;
    --sizes) sizes=$2; shift 2;;
    --baseline) baseline=$2; shift 2;;
    *) extra+=("$1"); shift;;
  esac
done
bench=${SAMSA_BENCH_KIT:-../shared/bench}  # the peer broker and kbench.py
[ -x "$bench/peer-tansu" ] && [ -f "$bench/kbench.py" ] || {
  echo "bench.sh: no benchmark kit at $bench (peer-tansu, kbench.py); set SAMSA_BENCH_KIT to its directory." >&2; exit 1; }
python3 -m pip install -q --disable-pip-version-check confluent-kafka >/dev/null
swift build -c release --product samsa >/dev/null
bin="$(swift build -c release --show-bin-path)/samsa"
data=$(mktemp -d /tmp/samsa-bench-XXXX)
"$bin" server --port 29092 --data-dir "$data/now" --log-level warning & samsa_pid=$!
before_pid=""
if [ -n "$baseline" ]; then "$baseline" server --port 39092 --data-dir "$data/before" --log-level warning & before_pid=$!; fi
"$bench/peer-tansu" 19092 >/dev/null 2>&1 & peer_pid=$!
trap 'kill $samsa_pid $peer_pid $before_pid 2>/dev/null; wait 2>/dev/null; rm -rf "$data"' EXIT
sleep 2
tansu_pid=$(pgrep -n tansu || echo $peer_pid)
for size in $sizes; do
  for run in $(seq "$runs"); do
    # The peer answers a lone record only after ~250 ms, so it gets fewer latency samples.
    python3 "$bench/kbench.py" 127.0.0.1:19092 --messages "$messages" --size "$size" --latency-messages 100 \
      --broker-pid "$tansu_pid" "${extra[@]}" 2>/dev/null | sed 's/^/peer   /'
    if [ -n "$before_pid" ]; then
      python3 "$bench/kbench.py" 127.0.0.1:39092 --messages "$messages" --size "$size" --latency-messages 2000 \
        --broker-pid "$before_pid" "${extra[@]}" 2>/dev/null | sed 's/^/before /'
    fi
    python3 "$bench/kbench.py" 127.0.0.1:29092 --messages "$messages" --size "$size" --latency-messages 2000 \
      --broker-pid "$samsa_pid" "${extra[@]}" 2>/dev/null | sed 's/^/samsa  /'
  done
done
