"""The generator source and the SQLite connectors through the real `samsa connect-standalone`, against a 3-broker
`samsa server`: Datagen-style `users` records (structs in JsonConverter envelopes) read with confluent-kafka and
upserted by key into SQLite (read back with python's sqlite3); rows inserted with python's sqlite3 picked up by
the SQLite source (incrementing mode) and read with kcat."""
import json
import os
import shutil
import sqlite3
import subprocess
import tempfile
import time

import pytest
from confluent_kafka import Consumer, Producer, TopicPartition

from conftest import SAMSA, free_port
from connect_kit import Process, rest, wait_for

WORKER = """\
bootstrap.servers={bootstrap}
key.converter=org.apache.kafka.connect.json.JsonConverter
value.converter=org.apache.kafka.connect.json.JsonConverter
key.converter.schemas.enable=true
value.converter.schemas.enable=true
offset.storage.file.filename={dir}/connect.offsets
offset.flush.interval.ms=1000
listeners=http://127.0.0.1:{port}
"""

GENERATOR = """\
name=datagen-users
connector.class=io.samsa.connect.generator.GeneratorSourceConnector
tasks.max=1
kafka.topic=users
quickstart=users
max.interval=5
iterations={iterations}
random.seed=7
"""

SQLITE_SINK = """\
name=sqlite-sink
connector.class=io.samsa.connect.sqlite.SqliteSinkConnector
tasks.max=1
topics=users
connection.url=jdbc:sqlite:{db}
insert.mode=upsert
pk.mode=record_key
pk.fields=userid
auto.create=true
delete.enabled=true
"""

SQLITE_SOURCE = """\
name=sqlite-source
connector.class=io.samsa.connect.sqlite.SqliteSourceConnector
tasks.max=1
connection.url=jdbc:sqlite:{db}
mode=incrementing
incrementing.column.name=id
table.whitelist=accounts
topic.prefix=sqlite-
poll.interval.ms=200
"""

USERS_SCHEMA = {"type": "struct", "fields": [
    {"type": "int64", "optional": False, "field": "registertime"},
    {"type": "string", "optional": False, "field": "userid"},
    {"type": "string", "optional": False, "field": "regionid"},
    {"type": "string", "optional": False, "field": "gender"}], "optional": False, "name": "ksql.users"}


class Standalone:
    def __init__(self, bootstrap):
        self.dir = tempfile.mkdtemp(prefix="samsa-connect-gen-")
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.write("worker.properties", WORKER.format(bootstrap=bootstrap, dir=self.dir, port=self.port))
        self.worker = None

    def path(self, name):
        return os.path.join(self.dir, name)

    def write(self, name, text):
        with open(self.path(name), "w") as f:
            f.write(text)
        return name

    def start(self, *connector_files):
        self.worker = Process(self.dir, "connect", "connect-standalone", "worker.properties", *connector_files)

    def cleanup(self):
        if self.worker:
            self.worker.stop()
        shutil.rmtree(self.dir, ignore_errors=True)


@pytest.fixture
def cluster(server_factory):
    server = server_factory(brokers=3).start()
    connect = Standalone(server.bootstrap)
    yield server, connect
    connect.cleanup()
    assert server.alive(), server.output()


def read_all(bootstrap, topic, expect, timeout=90):
    consumer = Consumer({"bootstrap.servers": bootstrap, "group.id": "reader-" + topic, "enable.auto.commit": False,
                         "auto.offset.reset": "earliest"})
    try:
        metadata = consumer.list_topics(topic, timeout=30)
        consumer.assign([TopicPartition(topic, p, 0) for p in metadata.topics[topic].partitions])
        got = []
        deadline = time.time() + timeout
        while time.time() < deadline and len(got) < expect:
            message = consumer.poll(0.5)
            if message is not None and not message.error():
                got.append(message)
        return got
    finally:
        consumer.close()


def test_generator_users_upserted_into_sqlite_by_key(cluster):
    server, connect = cluster
    subprocess.run([SAMSA, "topics", "--create", "--topic", "users", "--partitions", "3", "--replication-factor", "3",
                    "--bootstrap-server", server.bootstrap], check=True, capture_output=True, timeout=60)
    iterations = 60
    db = connect.path("users.db")
    connect.start(connect.write("datagen.properties", GENERATOR.format(iterations=iterations)),
                  connect.write("sqlite-sink.properties", SQLITE_SINK.format(db=db)))

    messages = read_all(server.bootstrap, "users", iterations)
    assert len(messages) == iterations, connect.worker.output()[-3000:]
    latest = {}
    for message in messages:  # one key lives in one partition, so per-key order is the partition's order
        key = json.loads(message.key())
        value = json.loads(message.value())
        assert key == {"schema": {"type": "string", "optional": False}, "payload": value["payload"]["userid"]}
        assert value["schema"] == USERS_SCHEMA
        payload = value["payload"]
        assert payload["userid"].startswith("User_") and payload["regionid"].startswith("Region_")
        latest[key["payload"]] = payload
    assert len(latest) < iterations  # keys repeat, so the sink had to update rows

    def rows():
        try:
            with sqlite3.connect(db) as conn:
                got = conn.execute("SELECT userid, registertime, regionid, gender FROM users").fetchall()
        except sqlite3.Error:
            return None
        table = {u: {"userid": u, "registertime": t, "regionid": r, "gender": g} for u, t, r, g in got}
        return table == latest and len(got) == len(latest) and table

    wait_for("the SQLite table to hold the latest user per key", rows, log=connect.worker.output)
    with sqlite3.connect(db) as conn:
        keys = [row[5] for row in conn.execute("PRAGMA table_info(users)").fetchall() if row[1] == "userid"]
    assert keys == [1]  # userid is the table's primary key

    # A tombstone for one user (the key as JsonConverter writes it, a null value) deletes its row.
    gone = sorted(latest)[0]
    producer = Producer({"bootstrap.servers": server.bootstrap, "partitioner": "murmur2_random"})  # as Java keys
    producer.produce("users", key=json.dumps({"schema": {"type": "string", "optional": False}, "payload": gone},
                                             separators=(",", ":")).encode(), value=None)
    assert producer.flush(30) == 0
    del latest[gone]
    wait_for(f"{gone}'s row deleted by the tombstone", rows, log=connect.worker.output)


def kcat(bootstrap, topic):
    out = subprocess.run(["kcat", "-b", bootstrap, "-C", "-t", topic, "-o", "beginning", "-e", "-q", "-f", "%s\\n"],
                         capture_output=True, timeout=60)
    return [json.loads(line) for line in out.stdout.splitlines() if line.strip()]


def test_sqlite_source_picks_up_inserted_rows_in_incrementing_mode(cluster):
    server, connect = cluster
    db = connect.path("app.db")
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE accounts (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL, balance INTEGER)")
        conn.executemany("INSERT INTO accounts (name, balance) VALUES (?, ?)", [("alice", 10), ("bob", None)])
    connect.start(connect.write("sqlite-source.properties", SQLITE_SOURCE.format(db=db)))

    def payloads(count):
        def check():
            values = kcat(server.bootstrap, "sqlite-accounts")
            return len(values) >= count and values
        return wait_for(f"{count} records on sqlite-accounts", check, log=connect.worker.output)

    values = payloads(2)
    assert [v["payload"] for v in values] == [{"id": 1, "name": "alice", "balance": 10}, {"id": 2, "name": "bob", "balance": None}]
    schema = values[0]["schema"]
    assert schema["type"] == "struct" and schema["name"] == "accounts"
    assert [(f["field"], f["type"]) for f in schema["fields"]] == [("id", "int64"), ("name", "string"), ("balance", "int64")]
    # NOT NULL columns are required fields, the others optional.
    assert [f["optional"] for f in schema["fields"][1:]] == [False, True]

    with sqlite3.connect(db) as conn:
        conn.execute("INSERT INTO accounts (name, balance) VALUES ('carol', 30)")
        conn.execute("UPDATE accounts SET balance = 99 WHERE name = 'alice'")  # incrementing mode sees no update
    values = payloads(3)
    time.sleep(2)  # a row read twice would show up now
    values = kcat(server.bootstrap, "sqlite-accounts")
    assert [v["payload"]["id"] for v in values] == [1, 2, 3]
    assert values[2]["payload"] == {"id": 3, "name": "carol", "balance": 30}
    status, body = rest("GET", connect.url + "/connectors/sqlite-source/offsets")
    assert status == 200 and [o["offset"] for o in body["offsets"]] == [{"incrementing": 3}]
