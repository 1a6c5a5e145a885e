"""Helpers for the `samsa streams` compatibility tests: run a demo as a real process, produce lines, and read
the word count's output (String key -> 8-byte big-endian Long) with kafka-python."""
import os
import shutil
import signal
import struct
import subprocess
import tempfile
import time

from kafka import KafkaConsumer, KafkaProducer, TopicPartition

from conftest import SAMSA

TIMEOUT_MS = 60000


class StreamsApp:
    """`samsa streams <demo> …` in the background, its stdout and stderr in one log file."""

    def __init__(self, server, demo="wordcount", *extra, state_dir=None):
        self.server, self.demo, self.extra = server, demo, list(extra)
        self.state_dir = state_dir or tempfile.mkdtemp(prefix="samsa-streams-state-")
        self.log_path = self.state_dir.rstrip("/") + f"-{demo}.log"
        self.proc = None

    def start(self):
        self.log = open(self.log_path, "ab")
        self.since = self.log.tell()
        self.proc = subprocess.Popen(
            [SAMSA, "streams", self.demo, "--bootstrap-server", self.server.bootstrap, "--state-dir", self.state_dir,
             "--status-interval-ms", "1000"] + self.extra, stdout=self.log, stderr=subprocess.STDOUT)
        return self

    def output(self, everything=False):
        with open(self.log_path, "rb") as f:
            if not everything:
                f.seek(self.since)
            return f.read().decode(errors="replace")

    def wait_for(self, text, timeout=90):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if text in self.output():
                return
            assert self.proc.poll() is None, f"samsa streams {self.demo} exited {self.proc.returncode}: {self.output()}"
            time.sleep(0.1)
        raise AssertionError(f"no {text!r} from samsa streams {self.demo} within {timeout} s: {self.output()[-3000:]}")

    def stop(self, sig=signal.SIGTERM, timeout=90):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(sig)
            self.proc.wait(timeout)
        code = self.proc.returncode if self.proc else None
        self.proc = None
        return code

    def cleanup(self):
        if self.proc and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        shutil.rmtree(self.state_dir, ignore_errors=True)
        try:
            os.remove(self.log_path)
        except OSError:
            pass


def samsa_topics_create(server, topic, partitions=3, *configs):
    args = [SAMSA, "topics", "--create", "--topic", topic, "--partitions", str(partitions), "--replication-factor",
            str(min(server.brokers, 3)), "--bootstrap-server", server.bootstrap]
    for config in configs:
        args += ["--config", config]
    subprocess.run(args, check=True, capture_output=True, timeout=60)


def produce_lines(server, topic, lines, key=None):
    producer = KafkaProducer(bootstrap_servers=server.bootstrap, request_timeout_ms=TIMEOUT_MS, acks="all")
    for line in lines:
        producer.send(topic, value=line.encode(), key=key.encode() if key else None)
    producer.flush()
    producer.close()


def read_counts(server, topic, isolation="read_uncommitted", partitions=3, until=None, timeout=120):
    """Every (word, count) on the word count's output in offset order per partition; reads until `until`
    (a dict) is what the latest count per word says, then until idle a moment."""
    consumer = KafkaConsumer(bootstrap_servers=server.bootstrap, isolation_level=isolation, auto_offset_reset="earliest",
                             enable_auto_commit=False, request_timeout_ms=TIMEOUT_MS)
    consumer.assign([TopicPartition(topic, p) for p in range(partitions)])
    consumer.seek_to_beginning()
    updates, latest = [], {}
    deadline = time.time() + timeout
    reached = None
    while time.time() < deadline:
        batch = consumer.poll(timeout_ms=500)
        for records in batch.values():
            for r in records:
                assert len(r.value) == 8, f"a count is not an 8-byte Long: {r.value!r}"
                word, count = r.key.decode(), struct.unpack(">q", r.value)[0]
                updates.append((word, count))
                latest[word] = count
        if until is not None and latest == until:
            reached = reached or time.time()
            if not batch and time.time() - reached > 2:
                break
        elif until is None and not batch and updates:
            break
    consumer.close()
    return updates, latest


def counts_of(lines):
    """Kafka's WordCountDemo semantics: lower-cased, split on non-word characters (ASCII \\W)."""
    import re
    counts = {}
    for line in lines:
        for word in re.split(r"\W+", line.lower(), flags=re.ASCII):
            if word:
                counts[word] = counts.get(word, 0) + 1
    return counts
