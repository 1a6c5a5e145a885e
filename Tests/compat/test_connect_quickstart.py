"""Kafka's STEP 6 with samsa: `samsa connect-standalone` runs Kafka's UNCHANGED quick-start files
(Tests/compat/connect/, copied from Kafka 3.8.0's config/), with only what a user would change for their
machine rewritten at test time: bootstrap.servers, the offsets file's path, and a free REST port.
Records on connect-test are read back with kafka-python and kcat."""
import os
import shutil
import signal
import subprocess
import tempfile
import time

import pytest
from kafka import KafkaConsumer

from conftest import SAMSA, free_port

HERE = os.path.dirname(os.path.abspath(__file__))
FOO = b'{"schema":{"type":"string","optional":false},"payload":"foo"}'
BAR = b'{"schema":{"type":"string","optional":false},"payload":"bar"}'


class QuickStart:
    """A directory laid out as Kafka's: config/ with the three files, test.txt beside it."""

    def __init__(self, bootstrap):
        self.dir = tempfile.mkdtemp(prefix="samsa-connect-qs-")
        os.mkdir(os.path.join(self.dir, "config"))
        for name in ("connect-standalone.properties", "connect-file-source.properties", "connect-file-sink.properties"):
            shutil.copy(os.path.join(HERE, "connect", name), os.path.join(self.dir, "config", name))
        self.port = free_port()
        self.worker = os.path.join(self.dir, "config", "connect-standalone.properties")
        with open(self.worker) as f:
            text = f.read()
        text = text.replace("bootstrap.servers=localhost:9092", f"bootstrap.servers={bootstrap}")
        text = text.replace("offset.storage.file.filename=/tmp/connect.offsets",
                            f"offset.storage.file.filename={self.dir}/connect.offsets")
        with open(self.worker, "w") as f:
            f.write(text + f"\nlisteners=http://127.0.0.1:{self.port}\n")
        self.proc = None
        self.log_path = os.path.join(self.dir, "connect.log")

    def path(self, name):
        return os.path.join(self.dir, name)

    def start(self, *connector_files):
        files = connector_files or ("config/connect-file-source.properties", "config/connect-file-sink.properties")
        self.log = open(self.log_path, "ab")
        self.proc = subprocess.Popen([SAMSA, "connect-standalone", "config/connect-standalone.properties", *files],
                                     cwd=self.dir, stdout=self.log, stderr=subprocess.STDOUT)

    def output(self):
        with open(self.log_path, "rb") as f:
            return f.read().decode(errors="replace")

    def stop(self, sig=signal.SIGTERM):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(60)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if self.proc:
            self.log.close()
        return self.proc.returncode if self.proc else None

    def sink_lines(self):
        try:
            with open(self.path("test.sink.txt")) as f:
                return f.read().splitlines()
        except FileNotFoundError:
            return []

    def wait_sink(self, expected, timeout=90):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.sink_lines() == expected:
                return
            if self.proc.poll() is not None:
                raise AssertionError(f"connect-standalone exited with {self.proc.returncode}: {self.output()}")
            time.sleep(0.1)
        raise AssertionError(f"test.sink.txt is {self.sink_lines()}, not {expected}; log: {self.output()[-3000:]}")

    def cleanup(self):
        self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)


@pytest.fixture
def quickstart(server):
    qs = QuickStart(server.bootstrap)
    yield qs
    qs.cleanup()


def read_topic(bootstrap, count, timeout=60):
    consumer = KafkaConsumer("connect-test", bootstrap_servers=bootstrap, auto_offset_reset="earliest",
                             consumer_timeout_ms=2000, enable_auto_commit=False)
    values = []
    deadline = time.time() + timeout
    while len(values) < count and time.time() < deadline:
        for message in consumer:
            values.append((message.key, message.value))
    # Anything more than `count` would be a duplicate: read on briefly to see it.
    for message in consumer:
        values.append((message.key, message.value))
    consumer.close()
    return values


def kcat_values(bootstrap):
    out = subprocess.run(["kcat", "-b", bootstrap, "-C", "-t", "connect-test", "-o", "beginning", "-e", "-q", "-f", "%s\\n"],
                         capture_output=True, timeout=60, check=True)
    return out.stdout.splitlines()


def test_quick_start_moves_lines_and_a_restart_copies_none_twice(server, quickstart):
    with open(quickstart.path("test.txt"), "w") as f:
        f.write("foo\nbar\n")  # echo -e "foo\nbar" > test.txt
    quickstart.start()
    quickstart.wait_sink(["foo", "bar"])

    assert read_topic(server.bootstrap, 2) == [(None, FOO), (None, BAR)]
    assert kcat_values(server.bootstrap) == [FOO, BAR]

    with open(quickstart.path("test.txt"), "a") as f:
        f.write("baz\n")
    quickstart.wait_sink(["foo", "bar", "baz"])
    said = quickstart.output()
    assert "Created connector local-file-source" in said and "Created connector local-file-sink" in said

    # kill (SIGTERM) commits the source offsets and the sink group's offsets; lines appended meanwhile follow.
    assert quickstart.stop() == 0
    with open(quickstart.path("test.txt"), "a") as f:
        f.write("qux\n")
    quickstart.start()
    quickstart.wait_sink(["foo", "bar", "baz", "qux"])
    time.sleep(2)
    assert quickstart.sink_lines() == ["foo", "bar", "baz", "qux"]
    values = [v for _, v in read_topic(server.bootstrap, 4)]
    assert values == [FOO, BAR, b'{"schema":{"type":"string","optional":false},"payload":"baz"}',
                      b'{"schema":{"type":"string","optional":false},"payload":"qux"}']


def test_json_connector_files_are_accepted_as_kafka_38_does(server, quickstart):
    with open(quickstart.path("test.txt"), "w") as f:
        f.write("foo\n")
    with open(quickstart.path("source.json"), "w") as f:
        f.write('{"name":"json-source","config":{"connector.class":"org.apache.kafka.connect.file.FileStreamSourceConnector",'
                '"tasks.max":"1","file":"test.txt","topic":"connect-test"}}')
    with open(quickstart.path("sink.json"), "w") as f:
        f.write('{"name":"json-sink","connector.class":"FileStreamSink","tasks.max":"1","file":"test.sink.txt","topics":"connect-test"}')
    quickstart.start("source.json", "sink.json")
    quickstart.wait_sink(["foo"])


def test_an_unknown_setting_warns_and_the_worker_runs(server, quickstart):
    with open(quickstart.worker, "a") as f:
        f.write("offset.flush.intervall.ms=5000\n")
    with open(quickstart.path("test.txt"), "w") as f:
        f.write("foo\n")
    quickstart.start()
    quickstart.wait_sink(["foo"])
    assert "The configuration 'offset.flush.intervall.ms' was supplied but isn't a known config." in quickstart.output()


def test_a_missing_required_setting_fails_with_one_sentence(server, quickstart):
    with open(quickstart.worker) as f:
        text = f.read()
    with open(quickstart.worker, "w") as f:
        f.write(text.replace("key.converter=org.apache.kafka.connect.json.JsonConverter\n", ""))
    result = subprocess.run([SAMSA, "connect-standalone", "config/connect-standalone.properties"], cwd=quickstart.dir,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert lines == ['Error: config/connect-standalone.properties: Missing required configuration "key.converter" which has no default value.']


def test_a_connector_missing_its_topics_fails_with_kafkas_sentence(server, quickstart):
    with open(quickstart.path("bad-sink.properties"), "w") as f:
        f.write("name=bad-sink\nconnector.class=FileStreamSink\nfile=test.sink.txt\n")
    result = subprocess.run([SAMSA, "connect-standalone", "config/connect-standalone.properties", "bad-sink.properties"],
                            cwd=quickstart.dir, capture_output=True, text=True, timeout=60)
    assert result.returncode == 3
    assert "Failed to create connector for bad-sink: Connector configuration is invalid and contains the following 2 error(s):\nMust configure one of topics or topics.regex" in result.stderr


def test_example_config_writes_kafkas_files_unchanged(tmp_path):
    subprocess.run([SAMSA, "connect-standalone", "--example-config", str(tmp_path)], check=True, capture_output=True, timeout=60)
    for name in ("connect-standalone.properties", "connect-file-source.properties", "connect-file-sink.properties"):
        with open(os.path.join(HERE, "connect", name), "rb") as a, open(tmp_path / name, "rb") as b:
            assert a.read() == b.read()
