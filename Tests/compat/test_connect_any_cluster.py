"""Samsa Connect is a client: Kafka's STEP 6 runs unchanged against another Kafka-protocol broker (the peer,
Tansu, from ../shared/bench). The quick-start files come from `samsa connect-standalone --example-config DIR`
(Kafka 3.8.0's, byte for byte); only what a user changes for their machine is rewritten: bootstrap.servers, the
offsets file and a free REST port. Records are read back with kafka-python (the peer rejects Debian's kcat).
`samsa connect-distributed` against the peer is exercised too: two workers with Kafka's distributed file."""
import os
import shutil
import subprocess
import tempfile
import time

import pytest
from kafka import KafkaConsumer, TopicPartition

from conftest import SAMSA, free_port
from connect_kit import Process, rest, wait_for
import test_streams_any_cluster
from test_streams_any_cluster import PeerBroker


def find_peer():
    """../shared/bench/peer-tansu beside the checkout (a clone may sit one level deeper than main: look upwards)."""
    here = os.path.dirname(os.path.abspath(__file__))
    while os.path.dirname(here) != here:
        here = os.path.dirname(here)
        candidate = os.path.join(here, "shared", "bench", "peer-tansu")
        if os.path.exists(candidate):
            return candidate
    return None


class Peer(PeerBroker):
    """test_streams_any_cluster's peer broker (free port, retried), on the binary find_peer() found."""

    def __init__(self, path):
        self.path = path

    def start(self):
        # PeerBroker.start runs that module's PEER path: point it here for this start only.
        saved, test_streams_any_cluster.PEER = test_streams_any_cluster.PEER, self.path
        try:
            return super().start()
        finally:
            test_streams_any_cluster.PEER = saved


@pytest.fixture
def peer():
    path = find_peer()
    if path is None:
        pytest.skip("the peer broker (shared/bench/peer-tansu) is not beside this checkout")
    broker = Peer(path).start()
    yield broker
    broker.stop()


FOO = b'{"schema":{"type":"string","optional":false},"payload":"foo"}'


def envelope(line):
    return b'{"schema":{"type":"string","optional":false},"payload":"' + line.encode() + b'"}'


class QuickStart:
    """Kafka's layout: config/ written by --example-config, test.txt beside it, a standalone worker."""

    def __init__(self, bootstrap):
        self.dir = tempfile.mkdtemp(prefix="samsa-connect-peer-")
        subprocess.run([SAMSA, "connect-standalone", "--example-config", "config"], cwd=self.dir, check=True,
                       capture_output=True, timeout=60)
        self.rest_port = free_port()
        worker = self.path("config/connect-standalone.properties")
        with open(worker) as f:
            text = f.read()
        assert "bootstrap.servers=localhost:9092\n" in text and "offset.storage.file.filename=/tmp/connect.offsets\n" in text
        text = text.replace("bootstrap.servers=localhost:9092", f"bootstrap.servers={bootstrap}")
        text = text.replace("offset.storage.file.filename=/tmp/connect.offsets",
                            f"offset.storage.file.filename={self.dir}/connect.offsets")
        with open(worker, "w") as f:
            f.write(text + f"\nlisteners=http://127.0.0.1:{self.rest_port}\n")
        self.worker = None

    def path(self, name):
        return os.path.join(self.dir, name)

    def append(self, *lines):
        with open(self.path("test.txt"), "a") as f:
            f.write("".join(line + "\n" for line in lines))

    def start(self):
        self.worker = Process(self.dir, "connect", "connect-standalone", "config/connect-standalone.properties",
                              "config/connect-file-source.properties", "config/connect-file-sink.properties")

    def stop(self):
        code = self.worker.stop() if self.worker else None
        self.worker = None
        return code

    def sink_lines(self):
        try:
            with open(self.path("test.sink.txt")) as f:
                return f.read().splitlines()
        except FileNotFoundError:
            return []

    def wait_sink(self, expected, timeout=120):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if sorted(self.sink_lines()) == sorted(expected):  # lines of different partitions may interleave
                return
            if self.worker.proc.poll() is not None:
                raise AssertionError(f"connect-standalone exited with {self.worker.proc.returncode}: {self.worker.output()}")
            time.sleep(0.1)
        raise AssertionError(f"test.sink.txt is {self.sink_lines()}, not {expected}; log: {self.worker.output()[-3000:]}")

    def cleanup(self):
        self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)


def read_values(bootstrap, topic, expect, timeout=60):
    """Every value on `topic` from the beginning (reads on for a moment after `expect` to see any duplicate)."""
    consumer = KafkaConsumer(bootstrap_servers=bootstrap, auto_offset_reset="earliest", enable_auto_commit=False)
    try:
        partitions = [TopicPartition(topic, p) for p in sorted(consumer.partitions_for_topic(topic) or [0])]
        consumer.assign(partitions)
        consumer.seek_to_beginning(*partitions)
        values = []
        deadline = time.time() + timeout
        while time.time() < deadline and len(values) < expect:
            for batch in consumer.poll(timeout_ms=500).values():
                values.extend(r.value for r in batch)
        settle = time.time() + 2
        while time.time() < settle:
            for batch in consumer.poll(timeout_ms=500).values():
                values.extend(r.value for r in batch)
        return values
    finally:
        consumer.close()


@pytest.fixture
def quickstart(peer):
    qs = QuickStart(peer.bootstrap)
    yield qs
    qs.cleanup()


def test_quick_start_on_another_broker_and_a_restart_copies_none_twice(peer, quickstart):
    quickstart.append("foo", "bar")
    quickstart.start()
    quickstart.wait_sink(["foo", "bar"])
    # The peer auto-creates connect-test with several partitions: order holds only within one.
    assert sorted(read_values(peer.bootstrap, "connect-test", 2)) == sorted([FOO, envelope("bar")])

    status, connectors = rest("GET", f"http://127.0.0.1:{quickstart.rest_port}/connectors?expand=status")
    assert status == 200 and sorted(connectors) == ["local-file-sink", "local-file-source"]
    for name in ("local-file-sink", "local-file-source"):
        assert connectors[name]["status"]["connector"]["state"] == "RUNNING"
        assert [t["state"] for t in connectors[name]["status"]["tasks"]] == ["RUNNING"]

    quickstart.append("baz")
    quickstart.wait_sink(["foo", "bar", "baz"])
    # SIGTERM commits the source offsets (file) and the sink group's offsets (on the peer's coordinator).
    assert quickstart.stop() == 0
    quickstart.append("qux")
    quickstart.start()
    quickstart.wait_sink(["foo", "bar", "baz", "qux"])
    time.sleep(3)  # a line replayed from an uncommitted offset would arrive now
    assert sorted(quickstart.sink_lines()) == ["bar", "baz", "foo", "qux"]
    assert sorted(read_values(peer.bootstrap, "connect-test", 4)) == sorted(envelope(v) for v in ("foo", "bar", "baz", "qux"))
    assert quickstart.stop() == 0
    # The sink's group committed on the peer, read with kafka-python: the next offset after qux on every partition.
    consumer = KafkaConsumer(bootstrap_servers=peer.bootstrap, group_id="connect-local-file-sink", enable_auto_commit=False)
    try:
        partitions = [TopicPartition("connect-test", p) for p in sorted(consumer.partitions_for_topic("connect-test"))]
        end = consumer.end_offsets(partitions)
        assert sum(end.values()) == 4
        assert {tp: consumer.committed(tp) or 0 for tp in partitions} == end
    finally:
        consumer.close()


def test_distributed_workers_form_a_group_on_another_broker(peer, tmp_path):
    """Two `samsa connect-distributed` workers with Kafka's distributed file: they create their compacted
    topics on the peer, form group connect-cluster there, run a connector created over REST, and when the worker
    running it is killed the survivor takes it over."""
    from test_connect_distributed import PROTOCOL_SETTINGS, Worker, read_topic
    # Eager, not Kafka's default sessioned protocol: under sessioned a departed worker's work waits
    # scheduled.rebalance.max.delay.ms and then the leader rejoins alone to hand it out, which Kafka answers with
    # a new generation but the peer broker answers with the old generation and its stored assignment, so the
    # work would never move there. The sessioned takeover is tested on Samsa's broker (test_connect_distributed).
    extra = PROTOCOL_SETTINGS["eager"]
    workers = []
    try:
        first = Worker(peer.bootstrap, str(tmp_path), "worker1", extra)
        workers.append(first)
        wait_for("worker 1's REST API", lambda: rest("GET", first.url + "/")[0] == 200, log=first.output)
        second = Worker(peer.bootstrap, str(tmp_path), "worker2", extra)
        workers.append(second)
        wait_for("worker 2's REST API", lambda: rest("GET", second.url + "/")[0] == 200, log=second.output)
        status, info = rest("GET", first.url + "/")
        assert info["version"] == "3.8.0" and info["kafka_cluster_id"]

        source = str(tmp_path / "test.txt")
        with open(source, "w") as f:
            f.write("foo\nbar\n")
        config = {"connector.class": "FileStreamSource", "tasks.max": "1", "file": source, "topic": "connect-test"}
        status, body = rest("POST", second.url + "/connectors", {"name": "peer-source", "config": config})
        assert status == 201, body

        def running_on(ids):
            def check():
                status, body = rest("GET", next(w for w in workers if w.id in ids).url + "/connectors/peer-source/status")
                if status != 200 or len(body["tasks"]) != 1:
                    return None
                c, t = body["connector"], body["tasks"][0]
                return c["state"] == t["state"] == "RUNNING" and {c["worker_id"], t["worker_id"]} <= ids and body
            return check

        both = {first.id, second.id}
        before = wait_for("the connector RUNNING on the peer", running_on(both), log=lambda: first.output() + second.output())
        assert sorted(r.value for r in read_topic(peer.bootstrap, "connect-test", 2)) == sorted([FOO, envelope("bar")])

        victim = first if before["tasks"][0]["worker_id"] == first.id else second
        survivor = second if victim is first else first
        victim.proc.kill()
        victim.proc.wait(30)
        wait_for("the connector RUNNING on the survivor", running_on({survivor.id}), timeout=180, log=survivor.output)
        with open(source, "a") as f:
            f.write("after the kill\n")
        wait_for("the line written after the kill", lambda: envelope("after the kill") in
                 [r.value for r in read_topic(peer.bootstrap, "connect-test", 3, timeout=5)], log=survivor.output)
        configs = {r.key: r.value for r in read_topic(peer.bootstrap, "connect-configs", 3)}
        assert configs[b"commit-peer-source"] == b'{"tasks":1}'
    finally:
        for worker in workers:
            worker.stop()
