"""Kafka Connect distributed mode: two `samsa connect-distributed` workers run with Kafka's own
config/connect-distributed.properties (only bootstrap.servers and listeners rewritten) form one group; a
FileStreamSource connector created over REST runs on one of them; after that worker is killed with SIGKILL the
connector and its task are RUNNING on the survivor and lines still flow. The config topic's records, read with
kafka-python, are in Kafka's formats.

Run twice: under Kafka's default `connect.protocol` (sessioned: incremental cooperative, where a departed
worker's work waits `scheduled.rebalance.max.delay.ms` — 5 minutes unless set, so the test sets 5000 as a Kafka
user would) and with `connect.protocol=eager` (everything reassigned as soon as the session times out)."""
import json
import os
import subprocess
import tempfile
import time

import pytest
from kafka import KafkaConsumer, TopicPartition

from conftest import SAMSA, free_port
from connect_kit import rest, wait_for

KAFKA_PROPERTIES = """\
# Kafka 3.8's config/connect-distributed.properties (comments dropped), unchanged but for bootstrap.servers
# and listeners.
bootstrap.servers={bootstrap}
group.id=connect-cluster
key.converter=org.apache.kafka.connect.json.JsonConverter
value.converter=org.apache.kafka.connect.json.JsonConverter
key.converter.schemas.enable=true
value.converter.schemas.enable=true
offset.storage.topic=connect-offsets
offset.storage.replication.factor=1
config.storage.topic=connect-configs
config.storage.replication.factor=1
status.storage.topic=connect-status
status.storage.replication.factor=1
offset.flush.interval.ms=10000
listeners=HTTP://127.0.0.1:{port}
"""


# What each run adds to the file, as a user of Kafka would.
PROTOCOL_SETTINGS = {
    "sessioned": "scheduled.rebalance.max.delay.ms=5000\n",
    "eager": "connect.protocol=eager\n",
}


class Worker:
    def __init__(self, bootstrap, directory, name, extra=""):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.properties = os.path.join(directory, f"{name}.properties")
        with open(self.properties, "w") as f:
            f.write(KAFKA_PROPERTIES.format(bootstrap=bootstrap, port=self.port) + extra)
        self.log_path = os.path.join(directory, f"{name}.log")
        self.log = open(self.log_path, "w")
        self.proc = subprocess.Popen([SAMSA, "connect-distributed", self.properties], stdout=self.log,
                                     stderr=subprocess.STDOUT)
        self.id = f"127.0.0.1:{self.port}"

    def output(self):
        with open(self.log_path) as f:
            return f.read()

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        self.log.close()


def read_topic(bootstrap, topic, expect, timeout=60):
    consumer = KafkaConsumer(bootstrap_servers=bootstrap, auto_offset_reset="earliest", enable_auto_commit=False,
                             consumer_timeout_ms=2000)
    partitions = [TopicPartition(topic, p) for p in sorted(consumer.partitions_for_topic(topic) or [0])]
    consumer.assign(partitions)
    consumer.seek_to_beginning(*partitions)
    records = []
    deadline = time.time() + timeout
    while time.time() < deadline and len(records) < expect:
        for batch in consumer.poll(timeout_ms=500).values():
            records.extend(batch)
    consumer.close()
    return records


@pytest.fixture
def cluster(server):
    workers = []
    yield server, workers
    for worker in workers:
        worker.stop()


@pytest.mark.parametrize("protocol", ["sessioned", "eager"])
def test_two_workers_one_killed_the_connector_moves_and_data_flows(cluster, protocol):
    server, workers = cluster
    directory = tempfile.mkdtemp(prefix="samsa-connect-distributed-")
    first = Worker(server.bootstrap, directory, "worker1", PROTOCOL_SETTINGS[protocol])
    workers.append(first)
    wait_for("worker 1's REST API", lambda: rest("GET", first.url + "/")[0] == 200)
    second = Worker(server.bootstrap, directory, "worker2", PROTOCOL_SETTINGS[protocol])
    workers.append(second)
    wait_for("worker 2's REST API", lambda: rest("GET", second.url + "/")[0] == 200)

    source_file = os.path.join(directory, "test.txt")
    with open(source_file, "w") as f:
        f.write("foo\nbar\n")
    config = {"connector.class": "FileStreamSource", "tasks.max": "1", "file": source_file, "topic": "connect-test"}
    # Created through the second worker (not necessarily the leader): both see it.
    status, body = rest("POST", second.url + "/connectors", {"name": "local-file-source", "config": config})
    assert status == 201, body
    assert body["name"] == "local-file-source" and body["config"]["file"] == source_file
    assert rest("GET", first.url + "/connectors") == (200, ["local-file-source"])

    def running_everywhere():
        status, body = rest("GET", first.url + "/connectors/local-file-source/status")
        if status != 200 or body["connector"]["state"] != "RUNNING" or len(body["tasks"]) != 1:
            return None
        return body if body["tasks"][0]["state"] == "RUNNING" else None

    before = wait_for("the connector and its task RUNNING", running_everywhere)
    assert {before["connector"]["worker_id"], before["tasks"][0]["worker_id"]} <= {first.id, second.id}
    records = read_topic(server.bootstrap, "connect-test", 2)
    assert [r.value for r in records[:2]] == [b'{"schema":{"type":"string","optional":false},"payload":"foo"}',
                                             b'{"schema":{"type":"string","optional":false},"payload":"bar"}']

    # Kill the worker running the task, with no chance to leave the group: its session times out.
    victim = first if before["tasks"][0]["worker_id"] == first.id else second
    survivor = second if victim is first else first
    victim.proc.kill()
    victim.proc.wait(30)

    def moved():
        status, body = rest("GET", survivor.url + "/connectors/local-file-source/status")
        if status != 200 or len(body["tasks"]) != 1:
            return None
        states = (body["connector"]["state"], body["connector"]["worker_id"], body["tasks"][0]["state"], body["tasks"][0]["worker_id"])
        return body if states == ("RUNNING", survivor.id, "RUNNING", survivor.id) else None

    wait_for("the connector and its task RUNNING on the survivor", moved, timeout=180)
    with open(source_file, "a") as f:
        f.write("after the kill\n")

    def flowed():
        values = [r.value for r in read_topic(server.bootstrap, "connect-test", 3, timeout=5)]
        return b'{"schema":{"type":"string","optional":false},"payload":"after the kill"}' in values

    wait_for("the line written after the kill in connect-test", flowed)

    # The config topic, read with kafka-python: Kafka's keys and schemaless JSON values.
    configs = {r.key.decode(): r.value for r in read_topic(server.bootstrap, "connect-configs", 3)}
    assert json.loads(configs["connector-local-file-source"]) == {"properties": dict(config, name="local-file-source")}
    assert configs["connector-local-file-source"].startswith(b'{"properties":{')
    assert configs["commit-local-file-source"] == b'{"tasks":1}'
    task = json.loads(configs["task-local-file-source-0"])
    assert task["properties"]["file"] == source_file and task["properties"]["topic"] == "connect-test"
    # Offsets and statuses, too.
    offsets = read_topic(server.bootstrap, "connect-offsets", 1)
    assert any(r.key == json.dumps(["local-file-source", {"filename": source_file}], separators=(",", ":")).encode()
               for r in offsets)
    statuses = {r.key.decode(): json.loads(r.value) for r in read_topic(server.bootstrap, "connect-status", 2) if r.value}
    assert statuses["status-connector-local-file-source"]["state"] in ("RUNNING", "UNASSIGNED")
    assert set(statuses["status-task-local-file-source-0"]) == {"state", "trace", "worker_id", "generation"}
