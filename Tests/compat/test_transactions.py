"""Transactions (KIP-98, KIP-447) with confluent-kafka (librdkafka 2.x) against samsa: commit and abort,
read_committed against read_uncommitted, consume-transform-produce with send_offsets_to_transaction, zombie
fencing, the timeout abort, a coordinator broker killed mid-transaction; and the transactional producers of
aiokafka and kafka-python."""
import re
import time
import uuid

import pytest
from confluent_kafka import Consumer, KafkaError, KafkaException, Producer, TopicPartition
from confluent_kafka.admin import AdminClient, NewTopic

from conftest import samsa
from groupkit import wait_until


def create_topic(bootstrap, name, partitions=1, replication=1):
    admin = AdminClient({"bootstrap.servers": bootstrap})
    config = {"min.insync.replicas": "2"} if replication > 1 else {}
    admin.create_topics([NewTopic(name, num_partitions=partitions, replication_factor=replication, config=config)])[name].result(30)


def transactional(bootstrap, txn_id, **extra):
    producer = Producer({"bootstrap.servers": bootstrap, "transactional.id": txn_id, "linger.ms": 5, **extra})
    producer.init_transactions(60)
    return producer


def values(bootstrap, topic, isolation, partitions=1, timeout=60):
    """Every value the topic holds for a consumer at `isolation`, read until the end of each partition."""
    consumer = Consumer({"bootstrap.servers": bootstrap, "group.id": "reader-" + uuid.uuid4().hex[:8],
                         "isolation.level": isolation, "enable.partition.eof": True, "auto.offset.reset": "earliest",
                         "enable.auto.commit": False})
    consumer.assign([TopicPartition(topic, p, 0) for p in range(partitions)])
    seen, ended = [], set()
    deadline = time.time() + timeout
    try:
        while len(ended) < partitions and time.time() < deadline:
            message = consumer.poll(0.5)
            if message is None:
                continue
            if message.error():
                if message.error().code() == KafkaError._PARTITION_EOF:
                    ended.add(message.partition())
                    continue
                raise KafkaException(message.error())
            ended.discard(message.partition())
            seen.append(message.value().decode())
    finally:
        consumer.close()
    assert len(ended) == partitions, f"did not reach the end of {topic} within {timeout}s"
    return seen


def send(producer, topic, items):
    for item in items:
        producer.produce(topic, value=item.encode())
    producer.flush(30)


def test_commit_and_abort_and_read_committed(server, topic_name):
    create_topic(server.bootstrap, topic_name)
    producer = transactional(server.bootstrap, "tx-" + topic_name)
    producer.begin_transaction()
    send(producer, topic_name, [f"c{i}" for i in range(10)])
    producer.commit_transaction(30)
    producer.begin_transaction()
    send(producer, topic_name, [f"a{i}" for i in range(5)])
    producer.abort_transaction(30)
    producer.begin_transaction()
    send(producer, topic_name, ["open"])  # still open: read_committed stops before it
    assert values(server.bootstrap, topic_name, "read_committed") == [f"c{i}" for i in range(10)]
    uncommitted = values(server.bootstrap, topic_name, "read_uncommitted")
    assert uncommitted == [f"c{i}" for i in range(10)] + [f"a{i}" for i in range(5)] + ["open"]
    producer.commit_transaction(30)
    assert values(server.bootstrap, topic_name, "read_committed")[-1] == "open"


def test_consume_transform_produce_commits_offsets_with_the_output(server, topic_name):
    source, sink = topic_name + "-in", topic_name + "-out"
    create_topic(server.bootstrap, source)
    create_topic(server.bootstrap, sink)
    plain = Producer({"bootstrap.servers": server.bootstrap})
    send(plain, source, [f"m{i}" for i in range(10)])
    consumer = Consumer({"bootstrap.servers": server.bootstrap, "group.id": "g-" + topic_name, "auto.offset.reset": "earliest",
                         "enable.auto.commit": False, "isolation.level": "read_committed"})
    consumer.subscribe([source])
    producer = transactional(server.bootstrap, "ctp-" + topic_name)
    producer.begin_transaction()
    taken = []
    deadline = time.time() + 60
    while len(taken) < 10 and time.time() < deadline:
        message = consumer.poll(0.5)
        if message is None or message.error():
            continue
        taken.append(message.value().decode())
        producer.produce(sink, value=message.value().upper())
    assert len(taken) == 10
    producer.send_offsets_to_transaction(consumer.position(consumer.assignment()), consumer.consumer_group_metadata(), 30)
    producer.commit_transaction(30)
    committed = consumer.committed([TopicPartition(source, 0)], timeout=30)
    assert committed[0].offset == 10
    consumer.close()
    assert values(server.bootstrap, sink, "read_committed") == [f"M{i}" for i in range(10)]


def test_an_aborted_transaction_leaves_the_group_offsets_alone(server, topic_name):
    create_topic(server.bootstrap, topic_name)
    plain = Producer({"bootstrap.servers": server.bootstrap})
    send(plain, topic_name, ["x"] * 3)
    consumer = Consumer({"bootstrap.servers": server.bootstrap, "group.id": "g-" + topic_name, "auto.offset.reset": "earliest",
                         "enable.auto.commit": False})
    consumer.assign([TopicPartition(topic_name, 0, 0)])
    producer = transactional(server.bootstrap, "abort-" + topic_name)
    producer.begin_transaction()
    producer.send_offsets_to_transaction([TopicPartition(topic_name, 0, 3)], consumer.consumer_group_metadata(), 30)
    producer.abort_transaction(30)
    assert consumer.committed([TopicPartition(topic_name, 0)], timeout=30)[0].offset < 0
    consumer.close()


def test_a_second_producer_with_the_same_id_fences_the_first(server, topic_name):
    create_topic(server.bootstrap, topic_name)
    txn_id = "zombie-" + topic_name
    zombie = transactional(server.bootstrap, txn_id)
    zombie.begin_transaction()
    send(zombie, topic_name, ["zombie"])
    successor = transactional(server.bootstrap, txn_id)  # fences the zombie and aborts its transaction
    successor.begin_transaction()
    send(successor, topic_name, ["successor"])
    successor.commit_transaction(30)
    with pytest.raises(KafkaException) as raised:
        zombie.commit_transaction(30)
    assert raised.value.args[0].fatal() or raised.value.args[0].code() in (KafkaError.PRODUCER_FENCED,
                                                                        KafkaError.INVALID_PRODUCER_EPOCH)
    assert values(server.bootstrap, topic_name, "read_committed") == ["successor"]


def test_a_transaction_left_open_past_its_timeout_is_aborted(server_factory, topic_name):
    server = server_factory(extra=["--override", "transaction.abort.timed.out.transaction.cleanup.interval.ms=200"]).start()
    create_topic(server.bootstrap, topic_name)
    stale = transactional(server.bootstrap, "slow-" + topic_name, **{"transaction.timeout.ms": 2000})
    stale.begin_transaction()
    send(stale, topic_name, ["late"])
    after = Producer({"bootstrap.servers": server.bootstrap})
    send(after, topic_name, ["plain"])
    # Once the coordinator aborts it, read_committed reads past it (the LSO moves) and never sees "late".
    wait_until(lambda: values(server.bootstrap, topic_name, "read_committed", timeout=30) == ["plain"], 60,
               "the timed-out transaction is aborted")
    with pytest.raises(KafkaException):
        stale.commit_transaction(30)
    assert values(server.bootstrap, topic_name, "read_uncommitted") == ["late", "plain"]


def java_hash(text):
    """Java's String.hashCode (over UTF-16 code units), as an unsigned 32-bit value."""
    data, h = text.encode("utf-16-be"), 0
    for i in range(0, len(data), 2):
        h = (h * 31 + int.from_bytes(data[i:i + 2], "big")) & 0xFFFFFFFF
    return h


def coordinator_of(server, txn_id):
    """The broker leading txn_id's __transaction_state partition, from `samsa topics --describe`."""
    partition = (java_hash(txn_id) & 0x7FFFFFFF) % 50
    out = samsa("topics", "--describe", "--topic", "__transaction_state", "--bootstrap-server",
                ",".join(f"127.0.0.1:{port}" for port in server.ports)).stdout
    return int(re.search(rf"Partition: {partition}\tLeader: (-?\d+)", out).group(1))


def test_the_transaction_survives_a_kill_of_its_coordinator(server_factory, topic_name):
    server = server_factory(brokers=3).start()
    bootstrap = ",".join(f"127.0.0.1:{port}" for port in server.ports)
    create_topic(bootstrap, topic_name, partitions=2, replication=3)
    txn_id = "kill-" + topic_name
    producer = transactional(bootstrap, txn_id)
    producer.begin_transaction()
    send(producer, topic_name, [f"k{i}" for i in range(6)])
    victim = coordinator_of(server, txn_id)
    survivor = f"127.0.0.1:{server.port + (victim + 1) % 3}"
    samsa("cluster", "--kill-broker", str(victim), "--bootstrap-server", survivor)
    producer.commit_transaction(60)
    assert sorted(values(bootstrap, topic_name, "read_committed", partitions=2)) == [f"k{i}" for i in range(6)]
    assert coordinator_of(server, txn_id) != victim


def test_a_restarted_server_keeps_an_open_and_a_committed_transaction(server, topic_name):
    create_topic(server.bootstrap, topic_name)
    done = transactional(server.bootstrap, "done-" + topic_name)
    done.begin_transaction()
    send(done, topic_name, ["committed"])
    done.commit_transaction(30)
    open_one = transactional(server.bootstrap, "open-" + topic_name)
    open_one.begin_transaction()
    send(open_one, topic_name, ["pending"])
    server.stop()
    server.start()
    assert values(server.bootstrap, topic_name, "read_committed") == ["committed"]
    open_one.commit_transaction(60)  # the reloaded coordinator still knows the open transaction
    assert values(server.bootstrap, topic_name, "read_committed") == ["committed", "pending"]


def test_aiokafka_transactional_producer(server, topic_name):
    import asyncio
    from aiokafka import AIOKafkaProducer

    create_topic(server.bootstrap, topic_name)

    async def run():
        producer = AIOKafkaProducer(bootstrap_servers=server.bootstrap, transactional_id="aio-" + topic_name)
        await producer.start()
        try:
            async with producer.transaction():
                await producer.send_and_wait(topic_name, b"kept")
            await producer.begin_transaction()
            await producer.send_and_wait(topic_name, b"dropped")
            await producer.abort_transaction()
        finally:
            await producer.stop()

    asyncio.run(run())
    assert values(server.bootstrap, topic_name, "read_committed") == ["kept"]
    assert values(server.bootstrap, topic_name, "read_uncommitted") == ["kept", "dropped"]


def test_kafka_python_transactional_producer(server, topic_name):
    from kafka import KafkaProducer

    create_topic(server.bootstrap, topic_name)
    producer = KafkaProducer(bootstrap_servers=server.bootstrap, transactional_id="kp-" + topic_name)
    producer.init_transactions()
    producer.begin_transaction()
    producer.send(topic_name, b"kept")
    producer.commit_transaction()
    producer.begin_transaction()
    producer.send(topic_name, b"dropped")
    producer.flush()  # an abort drops what is still unsent
    producer.abort_transaction()
    producer.close()
    assert values(server.bootstrap, topic_name, "read_committed") == ["kept"]
    assert values(server.bootstrap, topic_name, "read_uncommitted") == ["kept", "dropped"]
