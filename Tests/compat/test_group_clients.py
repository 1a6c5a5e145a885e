"""Consumer groups with real clients against samsa's group coordinator: confluent-kafka (librdkafka),
kafka-python and aiokafka members share partitions, take over from a member that leaves and from one
that is killed, and resume at their committed offsets after a broker restart; kcat's balanced consumer;
two groups on one topic."""
import subprocess

import pytest
from confluent_kafka import Consumer

from groupkit import Member, committed_offsets, create_topic, disjoint_cover, produce, wait_until

PARTITIONS = 6


@pytest.mark.parametrize("kind", ["confluent", "kafka-python", "aiokafka"])
def test_members_share_take_over_and_resume_after_restart(server, topic_name, kind):
    create_topic(server.bootstrap, topic_name, PARTITIONS)
    first = [f"v{i}" for i in range(120)]
    produce(server.bootstrap, topic_name, first, PARTITIONS)
    group = f"takeover-{kind}"
    members = [Member(kind, server.bootstrap, group, topic_name) for _ in range(3)]
    try:
        wait_until(lambda: disjoint_cover(members, PARTITIONS) and all(len(m.assignment) == 2 for m in members), 60,
                   "three members hold two disjoint partitions each")

        members[1].close()
        wait_until(lambda: disjoint_cover([members[0], members[2]], PARTITIONS), 60,
                   "the two remaining members took over the partitions of the one that left")

        members[2].kill()
        wait_until(lambda: members[0].assignment == list(range(PARTITIONS)), 60,
                   "the last member took over the killed member's partitions once its session timed out")
        wait_until(lambda: set(sum((m.values() for m in members), [])) == set(first), 30, "every record was consumed")
        members[0].close()
    finally:
        for m in members:
            m.stop()
    assert committed_offsets(server.bootstrap, group, topic_name, PARTITIONS) == {p: 20 for p in range(PARTITIONS)}

    server.stop()
    server.start()
    assert committed_offsets(server.bootstrap, group, topic_name, PARTITIONS) == {p: 20 for p in range(PARTITIONS)}, \
        "commits survive a broker restart"
    second = [f"w{i}" for i in range(60)]
    produce(server.bootstrap, topic_name, second, PARTITIONS)
    resumed = Member(kind, server.bootstrap, group, topic_name)
    try:
        wait_until(lambda: len(resumed.values()) >= len(second), 60, "the restarted group read the new records")
        resumed.close()
    finally:
        resumed.stop()
    assert sorted(resumed.values()) == sorted(second), "resumed exactly at the committed offsets: no gap, no repeat"


def test_kcat_balanced_consumer_consumes_and_commits(server, topic_name):
    create_topic(server.bootstrap, topic_name, 3)
    values = [f"k{i}" for i in range(30)]
    produce(server.bootstrap, topic_name, values, 3)

    def kcat_group(*args):
        r = subprocess.run(["kcat", "-b", server.bootstrap, "-G", "kcat-group", "-X", "auto.offset.reset=earliest",
                            "-f", "%s\\n", *args, topic_name], capture_output=True, timeout=60)
        assert r.returncode == 0, r.stderr.decode(errors="replace")
        return r.stdout.decode().split()

    first = kcat_group("-c", "10")
    assert len(first) == 10
    committed = committed_offsets(server.bootstrap, "kcat-group", topic_name, 3)
    assert sum(max(0, o) for o in committed.values()) == 10, committed
    rest = kcat_group("-e")
    assert sorted(first + rest) == sorted(values), "the second run resumed where the first committed"


def test_two_groups_read_the_same_topic_independently(server, topic_name):
    create_topic(server.bootstrap, topic_name, 3)
    produce(server.bootstrap, topic_name, [f"r{i}" for i in range(30)], 3)

    def read(group, expected):
        c = Consumer({"bootstrap.servers": server.bootstrap, "group.id": group, "auto.offset.reset": "earliest",
                      "enable.auto.commit": False, "heartbeat.interval.ms": 300})
        c.subscribe([topic_name])
        got = []
        wait_until(lambda: got.extend(m.value().decode() for m in c.consume(100, 0.2) if m.error() is None)
                   or len(got) >= expected, 30, f"group {group} read {expected} records")
        c.commit(asynchronous=False)
        c.close()
        return got

    assert sorted(read("alpha", 30)) == sorted(f"r{i}" for i in range(30))
    assert sorted(read("beta", 30)) == sorted(f"r{i}" for i in range(30)), "alpha's commits do not move beta"
    produce(server.bootstrap, topic_name, [f"s{i}" for i in range(6)], 3)
    assert sorted(read("alpha", 6)) == sorted(f"s{i}" for i in range(6))
    assert committed_offsets(server.bootstrap, "alpha", topic_name, 3) == {0: 12, 1: 12, 2: 12}
    assert committed_offsets(server.bootstrap, "beta", topic_name, 3) == {0: 10, 1: 10, 2: 10}
