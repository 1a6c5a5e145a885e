#!/usr/bin/env python3
"""Consume-only cost on `samsa server` (or any broker): fills a topic with librdkafka, then reads it back twice
with a fresh consumer each time, and reports the broker's CPU seconds per GB served for each read (the first
comes partly from disk-cache misses, the second from the page cache) and the consumer's records/s.

usage: scripts/bench-consume.py path/to/samsa [--messages N] [--size B] [--override k=v ...]
"""
import argparse, json, os, shutil, socket, subprocess, tempfile, time, uuid

from confluent_kafka import Consumer, Producer, TopicPartition

ap = argparse.ArgumentParser()
ap.add_argument("samsa")
ap.add_argument("--messages", type=int, default=1_000_000)
ap.add_argument("--size", type=int, default=1000)
ap.add_argument("--partitions", type=int, default=3)
ap.add_argument("--override", action="append", default=[])
a = ap.parse_args()

with socket.socket() as s:
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
data = tempfile.mkdtemp(prefix="samsa-bench-consume-")
overrides = [arg for item in a.override for arg in ("--override", item)]
server = subprocess.Popen([a.samsa, "server", "--port", str(port), "--data-dir", data, "--log-level", "warning"] + overrides)
boot = f"127.0.0.1:{port}"


def cpu():
    fields = open(f"/proc/{server.pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def read_all(topic):
    c = Consumer({"bootstrap.servers": boot, "group.id": f"g-{uuid.uuid4().hex[:6]}", "enable.auto.commit": False,
                  "fetch.max.bytes": 52428800, "max.partition.fetch.bytes": 10485760})
    c.assign([TopicPartition(topic, p, 0) for p in range(a.partitions)])
    got, start, before = 0, time.perf_counter(), cpu()
    deadline = time.time() + 300
    while got < a.messages and time.time() < deadline:
        got += sum(1 for m in c.consume(10000, 1.0) if not m.error())
    seconds, used = time.perf_counter() - start, cpu() - before
    c.close()
    gigabytes = got * a.size / 1e9
    return {"records": got, "records_s": round(got / seconds), "broker_cpu_s_per_GB": round(used / gigabytes, 3)}


try:
    time.sleep(1.5)
    topic = "consume-" + uuid.uuid4().hex[:6]
    subprocess.run([a.samsa, "topics", "--create", "--topic", topic, "--partitions", str(a.partitions),
                    "--bootstrap-server", boot], check=True, capture_output=True)
    p = Producer({"bootstrap.servers": boot, "linger.ms": 5, "batch.num.messages": 10000,
                  "queue.buffering.max.messages": 2_000_000})
    payload = b"x" * a.size
    for i in range(a.messages):
        while True:
            try:
                p.produce(topic, payload)
                break
            except BufferError:
                p.poll(0.01)
    p.flush(120)
    first, second = read_all(topic), read_all(topic)
    print(json.dumps({"size": a.size, "first_read": first, "second_read": second}))
finally:
    server.terminate()
    server.wait(30)
    shutil.rmtree(data, ignore_errors=True)
