#!/usr/bin/env bash
# Runs the fault soak (Tests/compat/test_fault_soak.py) several times and lists each run's seed and counts.
#
#   scripts/fault-soak.sh [--runs N] [--load] [--release]
#
# --load keeps every core busy with one spinning process per core (plus one) while the soak runs, as a loaded
# machine would. --release tests the release build (default: debug). A failing run keeps its server log and data directory under /tmp/samsa-soak-SEED-*;
# SAMSA_SOAK_SEED=N replays its fault choices.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=5 load=0 config=debug
while [ $# -gt 0 ]; do
    case "$1" in
        --runs) runs="$2"; shift 2 ;;
        --load) load=1; shift ;;
        --release) config=release; shift ;;
        *) echo "usage: scripts/fault-soak.sh [--runs N] [--load] [--release]" >&2; exit 2 ;;
    esac
done
swift build -c "$config" >/dev/null
export SAMSA_BIN="$(swift build -c "$config" --show-bin-path)/samsa"

spinners=()
stop_spinners() { for pid in "${spinners[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap stop_spinners EXIT
if [ "$load" = 1 ]; then
    for _ in $(seq 0 "$(nproc)"); do
        (while :; do :; done) &
        spinners+=($!)
    done
fi

# Each run's whole output (seed, fault sequence with timings, librdkafka's log) goes to a file of its own.
outputs="$(mktemp -d /tmp/samsa-soak-runs.XXXXXX)"
failed=0
for run in $(seq 1 "$runs"); do
    out="$outputs/run-$run.txt"
    python3 -m pytest -q -s -p no:cacheprovider --timeout=300 Tests/compat/test_fault_soak.py >"$out" 2>&1 || failed=$((failed + 1))
    echo "run $run: $(grep -E '^seed [0-9]+:' "$out" | tail -1) $(tail -1 "$out")"
    grep -A40 "problems (replay" "$out" || true
done
echo "$failed of $runs runs failed; outputs in $outputs"
[ "$failed" = 0 ]
