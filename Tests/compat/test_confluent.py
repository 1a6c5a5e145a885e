"""confluent-kafka (librdkafka 2.x from PyPI) against samsa."""
import time

from confluent_kafka import Consumer, KafkaError, Producer, TopicPartition
from confluent_kafka.admin import AdminClient, NewTopic


def create_topic(bootstrap, name, partitions):
    admin = AdminClient({"bootstrap.servers": bootstrap})
    admin.create_topics([NewTopic(name, num_partitions=partitions, replication_factor=1)])[name].result(30)


def consume_all(bootstrap, topic, partitions, expected, timeout=60):
    c = Consumer({"bootstrap.servers": bootstrap, "group.id": "unused", "enable.auto.commit": False,
                  "auto.offset.reset": "earliest"})
    c.assign([TopicPartition(topic, p, 0) for p in partitions])
    got = []
    deadline = time.time() + timeout
    while len(got) < expected and time.time() < deadline:
        m = c.poll(0.5)
        if m is None:
            continue
        assert m.error() is None, m.error()
        got.append(m)
    c.close()
    return got


def test_admin_create_and_list(server, topic_name):
    admin = AdminClient({"bootstrap.servers": server.bootstrap})
    futures = admin.create_topics([NewTopic(topic_name, num_partitions=3, replication_factor=1)])
    futures[topic_name].result(30)
    md = admin.list_topics(timeout=30)
    assert topic_name in md.topics
    assert sorted(md.topics[topic_name].partitions) == [0, 1, 2]
    assert md.brokers[0].port == server.port
    again = admin.create_topics([NewTopic(topic_name, num_partitions=1, replication_factor=1)])
    try:
        again[topic_name].result(30)
        assert False, "creating an existing topic must fail"
    except Exception as e:
        assert "TOPIC_ALREADY_EXISTS" in str(e) or "already exists" in str(e)


def test_produce_acks_all_and_consume(server, topic_name):
    create_topic(server.bootstrap, topic_name, 3)
    for acks in ("1", "all"):
        p = Producer({"bootstrap.servers": server.bootstrap, "acks": acks, "linger.ms": 5})
        delivered = []
        for i in range(300):
            p.produce(topic_name, value=f"{acks}-{i}".encode(), key=f"k{i % 7}".encode(),
                      on_delivery=lambda err, msg: delivered.append((err, msg.partition(), msg.offset())))
        assert p.flush(60) == 0
        assert all(err is None for err, _, _ in delivered)
        assert len(delivered) == 300
    got = consume_all(server.bootstrap, topic_name, [0, 1, 2], 600)
    assert len(got) == 600
    # Per partition, offsets are dense and ordered.
    for part in range(3):
        offsets = [m.offset() for m in got if m.partition() == part]
        assert offsets == list(range(len(offsets)))
    # The same key always lands on the same partition.
    by_key = {}
    for m in got:
        by_key.setdefault(m.key(), set()).add(m.partition())
    assert all(len(parts) == 1 for parts in by_key.values())


def test_long_poll_wakes_on_produce(server, topic_name):
    create_topic(server.bootstrap, topic_name, 1)
    c = Consumer({"bootstrap.servers": server.bootstrap, "group.id": "unused", "fetch.wait.max.ms": 5000,
                  "enable.auto.commit": False, "enable.partition.eof": True})
    c.assign([TopicPartition(topic_name, 0, 0)])

    def at_end(m):
        return m is not None and m.error() is not None and m.error().code() == KafkaError._PARTITION_EOF
    # Once the consumer has seen the empty partition's end, its next fetch is a long poll parked at the broker.
    deadline = time.time() + 60
    while not at_end(c.poll(0.2)):
        assert time.time() < deadline, "the consumer never reached the end of the empty partition"
    p = Producer({"bootstrap.servers": server.bootstrap, "linger.ms": 0})
    p.produce(topic_name, value=b"wake")
    assert p.flush(30) == 0
    start = time.time()
    m = None
    while (m is None or at_end(m)) and time.time() - start < 10:
        m = c.poll(0.1)
    assert m is not None and m.error() is None and m.value() == b"wake"
    # Woken by the append, not by fetch.wait.max.ms running out (generous bound: not a timing test).
    assert time.time() - start < 4.0
    c.close()
