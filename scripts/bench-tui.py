#!/usr/bin/env python3
"""Key-to-screen latency of the real workbench, idle and while librdkafka pushes records into its embedded cluster.

Runs `samsa tui` in tmux (as the end-to-end tests do), selects a six-partition topic's partitions, and times j/k:
from just before `tmux send-keys` until `tmux capture-pane` shows the selection moved. That includes tmux's own
work and the polling (each capture is a tmux client process), so it is an upper bound on what a person waits for;
the same round trip with no redraw to wait for is printed as the floor. A separate process produces at --rate
records/s (confluent-kafka, acks=1, 100-byte values) during the loaded half.

    scripts/bench-tui.py --samsa .build/release/samsa [--rate 100000] [--presses 200]
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "../Tests/compat"))


def produce(bootstrap, topic, rate, seconds):
    """Producer process: `rate` records/s for `seconds`; prints the rate acknowledged."""
    from confluent_kafka import Producer
    acked = [0]

    def delivered(err, _msg):
        if err is None:
            acked[0] += 1
    producer = Producer({"bootstrap.servers": bootstrap, "acks": 1, "linger.ms": 5, "batch.num.messages": 10000,
                         "queue.buffering.max.messages": 2000000})
    value = b"x" * 100
    start = time.monotonic()
    sent = 0
    while time.monotonic() - start < seconds:
        due = int((time.monotonic() - start) * rate)
        while sent < due:
            try:
                producer.produce(topic, value, on_delivery=delivered)
                sent += 1
            except BufferError:
                producer.poll(0.001)
        producer.poll(0)
        time.sleep(0.0005)
    producer.flush(30)
    print(f"{acked[0] / (time.monotonic() - start):.0f}", flush=True)


def press_latencies(screen, presses):
    """Milliseconds from sending j or k until the selected partition's detail line changes."""
    samples = []
    for i in range(presses):
        key, want = ("j", "Partition 1 · epoch") if i % 2 == 0 else ("k", "Partition 0 · epoch")
        start = time.monotonic()
        screen.keys(key)
        while want not in screen.text():
            if time.monotonic() - start > 10:
                raise RuntimeError("the workbench did not redraw within 10 s:\n" + screen.last)
        samples.append((time.monotonic() - start) * 1000)
    return samples


def floor_latencies(screen, count):
    """The same round trip (send a key nothing reacts to, capture once): tmux's own cost."""
    samples = []
    for _ in range(count):
        start = time.monotonic()
        screen.keys("F12")
        screen.text()
        samples.append((time.monotonic() - start) * 1000)
    return samples


def summary(samples):
    ordered = sorted(samples)
    p99 = ordered[min(len(ordered) - 1, len(ordered) * 99 // 100)]
    return f"p50 {statistics.median(ordered):.1f} ms, p99 {p99:.1f} ms, max {ordered[-1]:.1f} ms ({len(ordered)} presses)"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--samsa", default=os.path.join(os.path.dirname(__file__), "../.build/release/samsa"))
    parser.add_argument("--rate", type=int, default=100_000)
    parser.add_argument("--presses", type=int, default=200)
    parser.add_argument("--produce", nargs=3, metavar=("BOOTSTRAP", "TOPIC", "SECONDS"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.produce:
        produce(args.produce[0], args.produce[1], args.rate, float(args.produce[2]))
        return
    os.environ["SAMSA_BIN"] = os.path.abspath(args.samsa)
    from conftest import free_port, samsa
    from tmux_screen import TmuxScreen
    port, data_dir = free_port(3), tempfile.mkdtemp(prefix="samsa-bench-tui-")
    bootstrap = ",".join(f"127.0.0.1:{port + i}" for i in range(3))
    screen = TmuxScreen([os.path.abspath(args.samsa), "tui", "--data-dir", data_dir, "--port", str(port)]).start()
    try:
        screen.wait_for("?/F1 help", 30)
        samsa("topics", "--create", "--topic", "load", "--partitions", "6", "--replication-factor", "3",
              "--bootstrap-server", bootstrap)
        screen.wait_for("Partitions of load")
        screen.keys("Enter")  # focus the partitions
        screen.wait_for("Partition 0 · epoch")
        print("tmux floor (send-keys + one capture):", summary(floor_latencies(screen, 50)))
        print("idle:", summary(press_latencies(screen, args.presses)))
        seconds = 8 + args.presses * 0.05
        producer = subprocess.Popen([sys.executable, __file__, "--rate", str(args.rate), "--produce", bootstrap, "load",
                                     str(seconds)], stdout=subprocess.PIPE, text=True)
        time.sleep(3)  # the producer reaches its rate
        loaded = press_latencies(screen, args.presses)
        achieved = producer.communicate(timeout=120)[0].strip()
        print(f"while producing ({achieved} records/s acknowledged, aiming at {args.rate}):", summary(loaded))
    finally:
        screen.keys("q")  # let the workbench close its logs before the directory goes
        try:
            screen.wait_exit(30)
        finally:
            screen.close()
            shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
