"""Single message transforms and the dead letter queue as a Kafka user configures them, through the real
`samsa connect-standalone` against a `samsa server`, with records written and read by kafka-python.

Source side: connector files with `transforms=` (HoistField, InsertField, a Filter with a TopicNameMatches
predicate and `negate`, a RegexRouter) over FileStreamSource with JsonConverter schemas disabled.
Sink side: FileStreamSink with `errors.tolerance=all` and a DLQ with context headers (Kafka's `__connect.errors.*`),
a Filter on HasHeaderKey, and with `errors.tolerance=none` the task FAILED over REST."""
import json
import os
import shutil
import tempfile
import time

import pytest
from kafka import KafkaConsumer, KafkaProducer, TopicPartition

from conftest import free_port
from connect_kit import Process, rest, wait_for

SMT = "org.apache.kafka.connect.transforms."
WORKER = """\
bootstrap.servers={bootstrap}
key.converter=org.apache.kafka.connect.storage.StringConverter
value.converter=org.apache.kafka.connect.json.JsonConverter
value.converter.schemas.enable=false
offset.storage.file.filename={dir}/connect.offsets
offset.flush.interval.ms=1000
listeners=http://127.0.0.1:{port}
"""

# What a user writes: wrap each line in a struct, stamp it, drop records of topics matching foo-.* (or, negated,
# keep only those), then route to routed-<topic>.
SOURCE = """\
name={name}
connector.class=FileStreamSource
tasks.max=1
file={file}
topic={topic}
transforms=Hoist,InsertField,DropFoo,Route
transforms.Hoist.type=org.apache.kafka.connect.transforms.HoistField$Value
transforms.Hoist.field=line
transforms.InsertField.type=org.apache.kafka.connect.transforms.InsertField$Value
transforms.InsertField.static.field=origin
transforms.InsertField.static.value=samsa-file
transforms.DropFoo.type=org.apache.kafka.connect.transforms.Filter
transforms.DropFoo.predicate=IsFoo
transforms.DropFoo.negate={negate}
transforms.Route.type=org.apache.kafka.connect.transforms.RegexRouter
transforms.Route.regex=(.*)
transforms.Route.replacement=routed-$1
predicates=IsFoo
predicates.IsFoo.type=org.apache.kafka.connect.transforms.predicates.TopicNameMatches
predicates.IsFoo.pattern=foo-.*
"""

SINK = """\
name={name}
connector.class=FileStreamSink
tasks.max=1
file={file}
topics={topic}
value.converter=org.apache.kafka.connect.json.JsonConverter
value.converter.schemas.enable=false
errors.tolerance={tolerance}
errors.deadletterqueue.topic.name=dlq
errors.deadletterqueue.topic.replication.factor=1
errors.deadletterqueue.context.headers.enable=true
transforms=DropSkipped
transforms.DropSkipped.type=org.apache.kafka.connect.transforms.Filter
transforms.DropSkipped.predicate=HasSkip
predicates=HasSkip
predicates.HasSkip.type=org.apache.kafka.connect.transforms.predicates.HasHeaderKey
predicates.HasSkip.name=skip
"""


class Standalone:
    def __init__(self, bootstrap):
        self.dir = tempfile.mkdtemp(prefix="samsa-connect-smt-")
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        with open(self.path("worker.properties"), "w") as f:
            f.write(WORKER.format(bootstrap=bootstrap, dir=self.dir, port=self.port))
        self.worker = None

    def path(self, name):
        return os.path.join(self.dir, name)

    def write(self, name, text):
        with open(self.path(name), "w") as f:
            f.write(text)
        return name

    def start(self, *connector_files):
        self.worker = Process(self.dir, "connect", "connect-standalone", "worker.properties", *connector_files)
        wait_for("the REST API", lambda: rest("GET", self.url + "/")[0] == 200 or self.worker.proc.poll() is not None,
                 log=self.worker.output)
        assert self.worker.proc.poll() is None, self.worker.output()

    def lines(self, name):
        try:
            with open(self.path(name)) as f:
                return f.read().splitlines()
        except FileNotFoundError:
            return []

    def cleanup(self):
        if self.worker:
            self.worker.stop()
        shutil.rmtree(self.dir, ignore_errors=True)


@pytest.fixture
def connect(server):
    standalone = Standalone(server.bootstrap)
    yield standalone
    standalone.cleanup()


def records(bootstrap, topic, expect, timeout=60):
    consumer = KafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False)
    try:
        partitions = [TopicPartition(topic, p) for p in sorted(consumer.partitions_for_topic(topic) or [0])]
        consumer.assign(partitions)
        consumer.seek_to_beginning(*partitions)
        got = []
        deadline = time.time() + timeout
        while time.time() < deadline and len(got) < expect:
            for batch in consumer.poll(timeout_ms=500).values():
                got.extend(batch)
        return got
    finally:
        consumer.close()


def topics(bootstrap):
    consumer = KafkaConsumer(bootstrap_servers=bootstrap)
    try:
        return consumer.topics()
    finally:
        consumer.close()


def test_source_transforms_insert_a_field_filter_by_topic_and_route(server, connect):
    connect.write("orders.txt", "first order\nsecond order\n")
    connect.write("foo.txt", "dropped one\ndropped two\n")
    connect.write("foo-kept.txt", "kept by negate\n")
    connect.write("bar.txt", "dropped by negate\n")
    files = [connect.write(f"{name}.properties", SOURCE.format(name=name, file=connect.path(src), topic=topic, negate=negate))
             for name, src, topic, negate in [("orders", "orders.txt", "orders", "false"),
                                              ("foo", "foo.txt", "foo-events", "false"),
                                              ("foo-kept", "foo-kept.txt", "foo-kept", "true"),
                                              ("bar", "bar.txt", "bar-events", "true")]]
    connect.start(*files)

    got = records(server.bootstrap, "routed-orders", 2)
    assert [(r.key, json.loads(r.value)) for r in got] == [
        (None, {"line": "first order", "origin": "samsa-file"}), (None, {"line": "second order", "origin": "samsa-file"})]
    assert got[0].value == b'{"line":"first order","origin":"samsa-file"}'  # Jackson's compact output
    kept = records(server.bootstrap, "routed-foo-kept", 1)
    assert [r.value for r in kept] == [b'{"line":"kept by negate","origin":"samsa-file"}']

    # Every source has been read (their offsets are in the offsets file), and nothing reached a topic from the
    # filtered ones: neither under their own names nor routed.
    def all_read():
        status, body = rest("GET", connect.url + "/connectors/foo/offsets")
        status2, body2 = rest("GET", connect.url + "/connectors/bar/offsets")
        return status == 200 and status2 == 200 and body["offsets"] and body2["offsets"] and (body, body2)

    foo_offsets, bar_offsets = wait_for("the filtered sources' offsets", all_read, log=connect.worker.output)
    assert foo_offsets["offsets"][0]["offset"] == {"position": len("dropped one\ndropped two\n")}
    assert bar_offsets["offsets"][0]["offset"] == {"position": len("dropped by negate\n")}
    names = topics(server.bootstrap)
    assert {"routed-orders", "routed-foo-kept"} <= names
    assert not names & {"orders", "foo-events", "routed-foo-events", "bar-events", "routed-bar-events", "foo-kept"}


def produce(bootstrap, topic, values):
    producer = KafkaProducer(bootstrap_servers=bootstrap)
    for value, headers in values:
        producer.send(topic, value=value, headers=headers, partition=0)
    producer.flush()
    producer.close()


INPUT = [(b'{"n":1}', []), (b"not json", []), (b'{"n":2}', [("skip", b"yes")]), (b"{oops", [("trace", b"t1")]),
         (b'{"n":3}', [])]


def test_sink_sends_unconvertible_records_to_the_dlq_with_kafkas_context_headers(server, connect):
    produce(server.bootstrap, "json-in", INPUT)
    connect.start(connect.write("sink.properties", SINK.format(name="json-sink", file=connect.path("sink.txt"),
                                                                topic="json-in", tolerance="all")))
    # Kafka's FileStreamSink writes the value's toString(): a schemaless JSON object is a java.util.Map.
    wait_for("the good records in sink.txt", lambda: connect.lines("sink.txt") == ["{n=1}", "{n=3}"],
             log=lambda: connect.worker.output() + str(connect.lines("sink.txt")))

    dead = records(server.bootstrap, "dlq", 2)
    assert [r.value for r in dead] == [b"not json", b"{oops"]
    for record, offset in zip(dead, (1, 3)):
        headers = dict((k, v) for k, v in record.headers if k.startswith("__connect.errors."))
        assert headers["__connect.errors.topic"] == b"json-in"
        assert headers["__connect.errors.partition"] == b"0"
        assert headers["__connect.errors.offset"] == str(offset).encode()
        assert headers["__connect.errors.connector.name"] == b"json-sink"
        assert headers["__connect.errors.task.id"] == b"0"
        assert headers["__connect.errors.stage"] == b"VALUE_CONVERTER"
        assert headers["__connect.errors.class.name"] == b"org.apache.kafka.connect.json.JsonConverter"
        assert headers["__connect.errors.exception.class.name"] == b"org.apache.kafka.connect.errors.DataException"
        assert headers["__connect.errors.exception.message"].startswith(
            b"Converting byte[] to Kafka Connect data failed due to serialization error")
        assert headers["__connect.errors.exception.stacktrace"].startswith(b"org.apache.kafka.connect.errors.DataException: ")
    # The original record's own headers travel with it, before the error context.
    assert dead[1].headers[0] == ("trace", b"t1")

    status, body = rest("GET", connect.url + "/connectors/json-sink/status")
    assert status == 200 and body["tasks"][0]["state"] == "RUNNING"


def test_with_tolerance_none_a_bad_record_fails_the_task(server, connect):
    produce(server.bootstrap, "strict-in", [(b'{"n":1}', []), (b"not json", []), (b'{"n":2}', [])])
    connect.start()
    config = dict(line.split("=", 1) for line in SINK.format(name="strict-sink", file=connect.path("strict.txt"),
                                                              topic="strict-in", tolerance="none").splitlines())
    name = config.pop("name")
    status, body = rest("POST", connect.url + "/connectors", {"name": name, "config": config})
    assert status == 201, body

    def failed():
        status, body = rest("GET", connect.url + "/connectors/strict-sink/status")
        return status == 200 and body["tasks"] and body["tasks"][0]["state"] == "FAILED" and body

    body = wait_for("the task FAILED", failed, log=connect.worker.output)
    assert body["connector"]["state"] == "RUNNING"
    trace = body["tasks"][0]["trace"].splitlines()
    assert trace[0] == "org.apache.kafka.connect.errors.ConnectException: Tolerance exceeded in error handler"
    assert any(line.startswith("Caused by: org.apache.kafka.connect.errors.DataException: Converting byte[] to Kafka Connect data failed due to serialization error")
               for line in trace), trace
    assert connect.lines("strict.txt") in ([], ["{n=1}"])  # nothing after the bad record


def test_a_record_a_transform_rejects_goes_to_the_dlq_from_the_transformation_stage(server, connect):
    produce(server.bootstrap, "extract-in", [(b'{"n":1}', []), (b'"just a string"', []), (b'{"n":2}', [])])
    text = SINK.format(name="extract-sink", file=connect.path("extract.txt"), topic="extract-in", tolerance="all")
    text = text.replace("transforms=DropSkipped\n", "transforms=DropSkipped,Extract\n")
    text += ("transforms.Extract.type=org.apache.kafka.connect.transforms.ExtractField$Value\n"
             "transforms.Extract.field=n\n")
    connect.start(connect.write("extract.properties", text))
    wait_for("the extracted fields in extract.txt", lambda: connect.lines("extract.txt") == ["1", "2"],
             log=lambda: connect.worker.output() + str(connect.lines("extract.txt")))
    dead = records(server.bootstrap, "dlq", 1)
    assert [r.value for r in dead] == [b'"just a string"']
    headers = dict(dead[0].headers)
    assert headers["__connect.errors.offset"] == b"1"
    assert headers["__connect.errors.stage"] == b"TRANSFORMATION"
    assert headers["__connect.errors.class.name"] == b"org.apache.kafka.connect.transforms.ExtractField$Value"
    assert headers["__connect.errors.exception.class.name"] == b"org.apache.kafka.connect.errors.DataException"
    assert headers["__connect.errors.exception.message"] == (
        b"Only Map objects supported in absence of schema for [field extraction], found: java.lang.String")


PLAIN_SOURCE = """\
name={name}
connector.class=FileStreamSource
tasks.max=1
file={file}
topic=plain
errors.tolerance={tolerance}
transforms=InsertField,Route
transforms.InsertField.type=org.apache.kafka.connect.transforms.InsertField$Value
transforms.InsertField.static.field=origin
transforms.InsertField.static.value=samsa-file
transforms.Route.type=org.apache.kafka.connect.transforms.RegexRouter
transforms.Route.regex=plain
transforms.Route.replacement=routed
"""


def test_insert_field_on_plain_lines_fails_the_task_as_kafkas_does(server, connect):
    """A newcomer's first try, InsertField straight on FileStreamSource's string lines: Kafka's InsertField
    takes only structs (or maps without a schema), so the task fails, with Kafka's sentence in the trace."""
    connect.write("plain.txt", "a line\n")
    connect.start(connect.write("plain.properties", PLAIN_SOURCE.format(name="plain", file=connect.path("plain.txt"),
                                                                        tolerance="none")))

    def failed():
        status, body = rest("GET", connect.url + "/connectors/plain/status")
        return status == 200 and body["tasks"] and body["tasks"][0]["state"] == "FAILED" and body

    trace = wait_for("the task FAILED", failed, log=connect.worker.output)["tasks"][0]["trace"].splitlines()
    assert trace[0] == "org.apache.kafka.connect.errors.ConnectException: Tolerance exceeded in error handler"
    assert ("Caused by: org.apache.kafka.connect.errors.DataException: "
            "Only Struct objects supported for [field insertion], found: java.lang.String") in trace, trace


def test_with_tolerance_all_a_source_skips_what_a_transform_rejects(server, connect):
    connect.write("plain.txt", "a line\nanother\n")
    connect.start(connect.write("plain.properties", PLAIN_SOURCE.format(name="plain", file=connect.path("plain.txt"),
                                                                        tolerance="all")))

    # Skipped records still move the source offset on (Kafka commits them), and the task keeps RUNNING.
    def skipped():
        status, body = rest("GET", connect.url + "/connectors/plain/offsets")
        return status == 200 and body["offsets"] and body["offsets"][0]["offset"] == {"position": len("a line\nanother\n")}

    wait_for("the source offset past both lines", skipped, log=connect.worker.output)
    status, body = rest("GET", connect.url + "/connectors/plain/status")
    assert body["tasks"][0]["state"] == "RUNNING"
    assert not topics(server.bootstrap) & {"plain", "routed"}


def test_plain_json_under_schemas_enable_gets_kafkas_hint_in_the_dlq(server, connect):
    """The classic newcomer mistake: plain JSON read with schemas.enable=true. Kafka's DataException tells them
    to set schemas.enable=false; the envelope beside it is accepted."""
    produce(server.bootstrap, "enveloped-in", [(b'{"n":1}', []), (b'{"schema":{"type":"int32","optional":false},"payload":7}', [])])
    text = SINK.format(name="enveloped-sink", file=connect.path("enveloped.txt"), topic="enveloped-in", tolerance="all")
    connect.start(connect.write("enveloped.properties", text.replace("value.converter.schemas.enable=false", "value.converter.schemas.enable=true")))
    wait_for("the enveloped value in enveloped.txt", lambda: connect.lines("enveloped.txt") == ["7"], log=connect.worker.output)
    dead = records(server.bootstrap, "dlq", 1)
    assert [r.value for r in dead] == [b'{"n":1}']
    headers = dict(dead[0].headers)
    assert headers["__connect.errors.exception.message"] == (
        b'JsonConverter with schemas.enable requires "schema" and "payload" fields and may not contain additional fields.'
        b' If you are trying to deserialize plain JSON data, set schemas.enable=false in your converter configuration.')
