"""Helpers for the consumer-group compatibility tests: topics, records, member processes, polling with deadlines."""
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time

from confluent_kafka import Producer
from confluent_kafka.admin import AdminClient, NewTopic

from conftest import SAMSA

MEMBER_SCRIPT = os.path.join(os.path.dirname(__file__), "group_member.py")


def wait_until(condition, timeout, what):
    """Polls `condition` until it holds; fails naming `what` after `timeout` seconds."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError(f"timed out after {timeout}s waiting until {what}")


def create_topic(bootstrap, name, partitions):
    admin = AdminClient({"bootstrap.servers": bootstrap})
    admin.create_topics([NewTopic(name, num_partitions=partitions, replication_factor=1)])[name].result(30)


def produce(bootstrap, topic, values, partitions):
    """Writes values round-robin over the partitions (value i to partition i % partitions)."""
    p = Producer({"bootstrap.servers": bootstrap, "linger.ms": 5})
    for i, value in enumerate(values):
        p.produce(topic, value=value.encode(), partition=i % partitions)
    assert p.flush(60) == 0


def committed_offsets(bootstrap, group, topic, partitions):
    """The group's committed offsets, read with confluent-kafka's admin client (-1001 where none)."""
    from confluent_kafka import ConsumerGroupTopicPartitions, TopicPartition
    admin = AdminClient({"bootstrap.servers": bootstrap})
    request = ConsumerGroupTopicPartitions(group, [TopicPartition(topic, p) for p in range(partitions)])
    result = admin.list_consumer_group_offsets([request])[group].result(30)
    return {tp.partition: tp.offset for tp in result.topic_partitions}


class Member:
    """A group member in its own process (group_member.py), observed through its JSON event lines."""

    def __init__(self, kind, bootstrap, group, topic):
        self.stderr = tempfile.TemporaryFile()
        self.proc = subprocess.Popen([sys.executable, MEMBER_SCRIPT, kind, bootstrap, group, topic],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.stderr, text=True)
        self.assignment = None
        self.records = []
        self.lock = threading.Lock()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self):
        for line in self.proc.stdout:
            event = json.loads(line)
            with self.lock:
                if "assignment" in event:
                    self.assignment = event["assignment"]
                elif "record" in event:
                    self.records.append(tuple(event["record"]))

    def values(self):
        with self.lock:
            return [value for _, _, value in self.records]

    def close(self, timeout=30):
        """Asks the member to close cleanly (commit, leave the group) and waits for it."""
        self.proc.stdin.write("close\n")
        self.proc.stdin.flush()
        code = self.proc.wait(timeout)
        self.reader.join(5)
        assert code == 0, self.errors()

    def kill(self):
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(10)

    def stop(self):
        if self.proc.poll() is None:
            self.kill()

    def errors(self):
        self.stderr.seek(0)
        return self.stderr.read().decode(errors="replace")[-3000:]


def disjoint_cover(members, partitions):
    """True when the members' assignments are disjoint and together cover every partition."""
    assignments = [m.assignment or [] for m in members]
    flat = [p for a in assignments for p in a]
    return len(flat) == len(set(flat)) and set(flat) == set(range(partitions))


class SamsaProcess:
    """A long-running samsa CLI command (e.g. console-consumer --group), its output collected."""

    def __init__(self, *args):
        self.out = tempfile.TemporaryFile()
        self.err = tempfile.TemporaryFile()
        self.proc = subprocess.Popen([SAMSA, *args], stdout=self.out, stderr=self.err)

    def stdout(self):
        self.out.seek(0)
        return self.out.read().decode(errors="replace")

    def stderr(self):
        self.err.seek(0)
        return self.err.read().decode(errors="replace")

    def interrupt(self, timeout=30):
        """Ctrl-C, then waits for a clean exit."""
        self.proc.send_signal(signal.SIGINT)
        return self.proc.wait(timeout)

    def stop(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
