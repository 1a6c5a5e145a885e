#!/usr/bin/env python3
"""Replication benchmark on `samsa server --brokers 3`, driven by librdkafka (confluent-kafka):
produce throughput with acks=all on replication factor 3 against acks=1 on replication factor 1, and the
time from killing a partition's leader until the first record produced after the kill is acknowledged by
the new leader. Prints one JSON line per measurement.

usage: scripts/bench-replication.py path/to/samsa [--messages N] [--size B] [--failovers K] [--override k=v ...]
"""
import argparse, json, os, shutil, socket, statistics, subprocess, sys, tempfile, time, uuid
from confluent_kafka import Producer
from confluent_kafka.admin import AdminClient, NewTopic

ap = argparse.ArgumentParser()
ap.add_argument("samsa")
ap.add_argument("--messages", type=int, default=1_000_000)
ap.add_argument("--size", type=int, default=100)
ap.add_argument("--failovers", type=int, default=5)
ap.add_argument("--override", action="append", default=[], help="a broker property, key=value (repeatable)")
a = ap.parse_args()


def free_base(count=3):
    while True:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            base = s.getsockname()[1]
        if base + count < 65000:
            return base


base = free_base()
data = tempfile.mkdtemp(prefix="samsa-bench-repl-")
overrides = [arg for item in a.override for arg in ("--override", item)]
server = subprocess.Popen([a.samsa, "server", "--brokers", "3", "--port", str(base), "--data-dir", data, "--log-level", "warning"]
                          + overrides)
boot = ",".join(f"127.0.0.1:{base + i}" for i in range(3))


def samsa(*args):
    return subprocess.run([a.samsa, *args, "--bootstrap-server", boot], capture_output=True, text=True, check=True).stdout


def create(topic, partitions, rf, configs=None):
    admin = AdminClient({"bootstrap.servers": boot})
    admin.create_topics([NewTopic(topic, partitions, rf, config=configs or {})])[topic].result(30)
    time.sleep(0.5)


def throughput(topic, acks):
    p = Producer({"bootstrap.servers": boot, "acks": acks, "linger.ms": 5, "batch.num.messages": 10000,
                  "queue.buffering.max.messages": 2_000_000, "compression.type": "none"})
    errors = [0]
    payload = b"x" * a.size
    t0 = time.perf_counter()
    for i in range(a.messages):
        while True:
            try:
                p.produce(topic, payload, on_delivery=lambda err, msg: errors.__setitem__(0, errors[0] + (err is not None)))
                break
            except BufferError:
                p.poll(0.01)
        if i % 10000 == 0:
            p.poll(0)
    p.flush(120)
    seconds = time.perf_counter() - t0
    return {"topic_rf": 3 if "rf3" in topic else 1, "acks": acks, "messages": a.messages, "size": a.size,
            "produce_msgs_s": round(a.messages / seconds), "produce_MB_s": round(a.messages * a.size / 1e6 / seconds, 1),
            "errors": errors[0]}


def leader(topic, partition=0):
    for line in samsa("topics", "--describe", "--topic", topic).splitlines():
        if f"Partition: {partition}\t" in line:
            return int(line.split("Leader: ")[1].split("\t")[0])


def in_sync(topic):
    described = samsa("topics", "--describe", "--topic", topic)
    return all(len(line.split("Isr: ")[1].split()[0].split(",")) == 3 for line in described.splitlines() if "Isr: " in line)


def failover(topic, how):
    """The outage of partition 0 when its leader is killed (or cleanly stopped): the longest time between
    two acknowledgements of records written to it, while a producer writes to all three partitions (led by
    all three brokers) the whole time, as a real application would."""
    victim = leader(topic)
    p = Producer({"bootstrap.servers": boot, "acks": "all", "linger.ms": 1, "retry.backoff.ms": 10,
                  "topic.metadata.refresh.fast.interval.ms": 10})
    acks = []

    def on_delivery(err, msg):
        if err is None and msg.partition() == 0:
            acks.append(time.perf_counter())

    def produce_for(seconds):
        end = time.perf_counter() + seconds
        i = 0
        while time.perf_counter() < end:
            i += 1
            try:
                p.produce(topic, b"probe", partition=i % 3, on_delivery=on_delivery)
            except BufferError:
                pass
            p.poll(0.0005)

    produce_for(1.0)
    via = (victim + 1) % 3
    cut = time.perf_counter()
    killer = subprocess.Popen([a.samsa, "cluster", f"--{how}-broker", str(victim), "--bootstrap-server", f"127.0.0.1:{base + via}"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while killer.poll() is None:
        produce_for(0.01)
    produce_for(3.0)
    p.flush(30)
    window = [t for t in acks if t >= cut - 0.05]
    gaps = [b - a for a, b in zip(window, window[1:])]
    elapsed = max(gaps) * 1000 if gaps else None
    subprocess.run([a.samsa, "cluster", "--start-broker", str(victim), "--bootstrap-server", f"127.0.0.1:{base + via}"],
                   check=True, capture_output=True)
    for _ in range(300):  # wait until the restarted broker is back in sync, then give it its leadership back
        if in_sync(topic):
            break
        time.sleep(0.1)
    samsa("cluster", "--elect-leaders")
    time.sleep(0.5)
    return elapsed


try:
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", base), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.1)
    suffix = uuid.uuid4().hex[:6]
    create(f"rf1-{suffix}", 3, 1)
    create(f"rf3-{suffix}", 3, 3, {"min.insync.replicas": "2"})
    print(json.dumps(throughput(f"rf1-{suffix}", "1")), flush=True)
    print(json.dumps(throughput(f"rf3-{suffix}", "all")), flush=True)
    create(f"failover-{suffix}", 3, 3, {"min.insync.replicas": "2"})
    for how in ["kill", "stop"]:
        times = [failover(f"failover-{suffix}", how) for _ in range(a.failovers)]
        measured = [t for t in times if t is not None]
        print(json.dumps({"leader": how, "failover_ms": [round(t, 1) for t in measured],
                          "median_ms": round(statistics.median(measured), 1) if measured else None,
                          "max_ms": round(max(measured), 1) if measured else None,
                          "failed_runs": len(times) - len(measured)}), flush=True)
finally:
    server.terminate()
    server.wait(30)
    shutil.rmtree(data, ignore_errors=True)
