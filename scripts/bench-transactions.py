#!/usr/bin/env python3
"""Transactions' cost on `samsa server` (or, with --bootstrap, any broker), measured with librdkafka:

- produce: idempotent acks=all, then transactional with a commit every 1,000 records, then transactional with
  a commit every 100 ms, each into a fresh topic (100-byte records by default);
- consume: the transactional topic read back read_uncommitted, then read_committed;
- EndTxn-to-visible: one record per transaction, the time from commit_transaction() being called until a
  read_committed consumer (already polling) has it; p50 and p99.

Prints one JSON line. usage: scripts/bench-transactions.py path/to/samsa [--brokers 3] [--messages N] [--size B]
"""
import argparse, json, shutil, socket, statistics, subprocess, tempfile, threading, time, uuid

from confluent_kafka import Consumer, Producer, TopicPartition
from confluent_kafka.admin import AdminClient, NewTopic

ap = argparse.ArgumentParser()
ap.add_argument("samsa", nargs="?")
ap.add_argument("--bootstrap", help="measure this broker instead of starting samsa")
ap.add_argument("--brokers", type=int, default=3)
ap.add_argument("--messages", type=int, default=500_000)
ap.add_argument("--size", type=int, default=100)
ap.add_argument("--partitions", type=int, default=3)
ap.add_argument("--visible-samples", type=int, default=300)
a = ap.parse_args()

server, data = None, None
if a.bootstrap:
    boot = a.bootstrap
else:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    data = tempfile.mkdtemp(prefix="samsa-bench-txn-")
    server = subprocess.Popen([a.samsa, "server", "--port", str(port), "--brokers", str(a.brokers),
                               "--data-dir", data, "--log-level", "warning"])
    boot = f"127.0.0.1:{port}"
payload = b"x" * a.size


def new_topic():
    name = "txn-bench-" + uuid.uuid4().hex[:6]
    admin = AdminClient({"bootstrap.servers": boot})
    admin.create_topics([NewTopic(name, a.partitions, min(a.brokers, 3))])[name].result(60)
    return name


def producer(extra):
    config = {"bootstrap.servers": boot, "linger.ms": 5, "batch.num.messages": 10000,
              "queue.buffering.max.messages": 2_000_000, "enable.idempotence": True, "acks": "all"}
    config.update(extra)
    return Producer(config)


def send(p, topic):
    while True:
        try:
            p.produce(topic, payload)
            return
        except BufferError:
            p.poll(0.01)


def produce_idempotent(topic):
    p = producer({})
    start = time.perf_counter()
    for _ in range(a.messages):
        send(p, topic)
    p.flush(300)
    return round(a.messages / (time.perf_counter() - start))


def produce_transactional(topic, every_records=None, every_seconds=None):
    p = producer({"transactional.id": "bench-" + uuid.uuid4().hex[:6]})
    p.init_transactions(60)
    start = time.perf_counter()
    p.begin_transaction()
    in_txn, opened, transactions = 0, time.perf_counter(), 0
    for _ in range(a.messages):
        send(p, topic)
        in_txn += 1
        if (every_records and in_txn >= every_records) or (every_seconds and time.perf_counter() - opened >= every_seconds):
            p.commit_transaction(60)
            transactions += 1
            p.begin_transaction()
            in_txn, opened = 0, time.perf_counter()
    p.commit_transaction(60)
    return round(a.messages / (time.perf_counter() - start)), transactions + 1


def consume(topic, isolation):
    c = Consumer({"bootstrap.servers": boot, "group.id": "g-" + uuid.uuid4().hex[:6], "enable.auto.commit": False,
                  "isolation.level": isolation, "fetch.max.bytes": 52428800})
    c.assign([TopicPartition(topic, p, 0) for p in range(a.partitions)])
    got, start, deadline = 0, time.perf_counter(), time.time() + 300
    while got < a.messages and time.time() < deadline:
        got += sum(1 for m in c.consume(10000, 1.0) if not m.error())
    seconds = time.perf_counter() - start
    c.close()
    return {"records": got, "records_s": round(got / seconds)}


def end_to_visible():
    topic = new_topic()
    seen = {}
    stop = threading.Event()
    c = Consumer({"bootstrap.servers": boot, "group.id": "g-" + uuid.uuid4().hex[:6], "isolation.level": "read_committed",
                  "fetch.wait.max.ms": 100, "auto.offset.reset": "earliest"})
    c.assign([TopicPartition(topic, p, 0) for p in range(a.partitions)])

    def poll():
        while not stop.is_set():
            m = c.poll(0.05)
            if m is not None and not m.error():
                seen[m.value()] = time.perf_counter()
    reader = threading.Thread(target=poll)
    reader.start()
    p = producer({"transactional.id": "bench-vis-" + uuid.uuid4().hex[:6], "linger.ms": 0})
    p.init_transactions(60)
    called = {}
    for i in range(a.visible_samples):
        key = f"v{i}".encode()
        p.begin_transaction()
        p.produce(topic, key)
        p.flush(30)
        called[key] = time.perf_counter()
        p.commit_transaction(60)
    deadline = time.time() + 60
    while len(seen) < len(called) and time.time() < deadline:
        time.sleep(0.05)
    stop.set()
    reader.join()
    c.close()
    latencies = sorted((seen[k] - t) * 1000 for k, t in called.items() if k in seen)
    return {"samples": len(latencies), "p50_ms": round(statistics.median(latencies), 2),
            "p99_ms": round(latencies[int(len(latencies) * 0.99) - 1], 2)}


try:
    time.sleep(2)
    idempotent = produce_idempotent(new_topic())
    txn_topic = new_topic()
    per_1000, _ = produce_transactional(txn_topic, every_records=1000)
    per_100ms, count = produce_transactional(new_topic(), every_seconds=0.1)
    uncommitted, committed = consume(txn_topic, "read_uncommitted"), consume(txn_topic, "read_committed")
    print(json.dumps({
        "size": a.size, "brokers": a.brokers,
        "produce_idempotent_acks_all_rec_s": idempotent,
        "produce_txn_every_1000_rec_s": per_1000, "ratio_1000": round(per_1000 / idempotent, 3),
        "produce_txn_every_100ms_rec_s": per_100ms, "transactions_100ms": count, "ratio_100ms": round(per_100ms / idempotent, 3),
        "consume_read_uncommitted": uncommitted, "consume_read_committed": committed,
        "consume_ratio": round(committed["records_s"] / uncommitted["records_s"], 3),
        "end_txn_to_visible": end_to_visible()}))
finally:
    if server:
        server.terminate()
        server.wait(30)
        shutil.rmtree(data, ignore_errors=True)
