"""kafka-python's and aiokafka's transactional producers against samsa: a committed transaction is seen by a
read_committed consumer, an aborted one only by a read_uncommitted consumer, and consume-transform-produce
commits the input offsets with the output records, in the same transaction."""
import asyncio
import uuid

from kafka import KafkaConsumer, KafkaProducer, TopicPartition
from kafka.admin import KafkaAdminClient, NewTopic
from kafka.structs import OffsetAndMetadata

TIMEOUT_MS = 60000


def create_topics(server, *names, partitions=2):
    admin = KafkaAdminClient(bootstrap_servers=server.bootstrap, request_timeout_ms=TIMEOUT_MS)
    admin.create_topics([NewTopic(n, num_partitions=partitions, replication_factor=1) for n in names])
    admin.close()


def read_all(server, topic, isolation, expect_at_least, partitions=2):
    """Every value in `topic` from the start, read until `expect_at_least` arrived and then until the
    consumer has been idle a while (so extra records, which would fail the test, are seen too)."""
    consumer = KafkaConsumer(bootstrap_servers=server.bootstrap, isolation_level=isolation,
                             auto_offset_reset="earliest", enable_auto_commit=False, consumer_timeout_ms=3000)
    consumer.assign([TopicPartition(topic, p) for p in range(partitions)])
    consumer.seek_to_beginning()
    values = []
    for _ in range(40):
        batch = consumer.poll(timeout_ms=1000)
        for records in batch.values():
            values += [r.value.decode() for r in records]
        if len(values) >= expect_at_least and not batch:
            break
    consumer.close()
    return sorted(values)


def test_kafka_python_commit_and_abort(server):
    topic = "kp-txn-" + uuid.uuid4().hex[:8]
    create_topics(server, topic)
    producer = KafkaProducer(bootstrap_servers=server.bootstrap, transactional_id="kp-" + uuid.uuid4().hex[:6],
                             request_timeout_ms=TIMEOUT_MS)
    producer.init_transactions()
    producer.begin_transaction()
    for i in range(10):
        producer.send(topic, value=f"committed-{i}".encode(), partition=i % 2)
    producer.commit_transaction()
    producer.begin_transaction()
    for i in range(5):
        producer.send(topic, value=f"aborted-{i}".encode(), partition=i % 2)
    producer.flush()
    producer.abort_transaction()
    producer.close()

    committed = sorted(f"committed-{i}" for i in range(10))
    assert read_all(server, topic, "read_committed", 10) == committed
    assert read_all(server, topic, "read_uncommitted", 15) == sorted(committed + [f"aborted-{i}" for i in range(5)])


def test_kafka_python_consume_transform_produce(server):
    source, sink = "kp-in-" + uuid.uuid4().hex[:8], "kp-out-" + uuid.uuid4().hex[:8]
    group = "kp-ctp-" + uuid.uuid4().hex[:6]
    create_topics(server, source, sink, partitions=1)
    plain = KafkaProducer(bootstrap_servers=server.bootstrap)
    for i in range(20):
        plain.send(source, value=f"in-{i}".encode())
    plain.flush()
    plain.close()

    consumer = KafkaConsumer(source, bootstrap_servers=server.bootstrap, group_id=group,
                             auto_offset_reset="earliest", enable_auto_commit=False,
                             isolation_level="read_committed")
    producer = KafkaProducer(bootstrap_servers=server.bootstrap, transactional_id="kp-ctp-" + uuid.uuid4().hex[:6])
    producer.init_transactions()
    seen = []
    for _ in range(60):
        batch = consumer.poll(timeout_ms=1000)
        if not batch:
            if len(seen) >= 20:
                break
            continue
        producer.begin_transaction()
        offsets = {}
        for tp, records in batch.items():
            for r in records:
                producer.send(sink, value=r.value.upper())
                seen.append(r.value)
            offsets[tp] = OffsetAndMetadata(records[-1].offset + 1, "", -1)
        producer.send_offsets_to_transaction(offsets, consumer.group_metadata())
        producer.commit_transaction()
    consumer.close()
    producer.close()

    assert len(seen) == 20
    assert read_all(server, sink, "read_committed", 20, partitions=1) == sorted(f"IN-{i}" for i in range(20))
    admin = KafkaAdminClient(bootstrap_servers=server.bootstrap)
    committed = admin.list_group_offsets(group)[group]
    admin.close()
    assert committed[TopicPartition(source, 0)].offset == 20


def test_aiokafka_commit_and_abort(server):
    from aiokafka import AIOKafkaConsumer, AIOKafkaProducer

    topic = "aio-txn-" + uuid.uuid4().hex[:8]
    create_topics(server, topic)

    async def produce():
        producer = AIOKafkaProducer(bootstrap_servers=server.bootstrap, transactional_id="aio-" + uuid.uuid4().hex[:6],
                                    request_timeout_ms=TIMEOUT_MS)
        await producer.start()
        try:
            async with producer.transaction():
                for i in range(10):
                    await producer.send(topic, value=f"committed-{i}".encode(), partition=i % 2)
            await producer.begin_transaction()
            for i in range(5):
                await producer.send_and_wait(topic, value=f"aborted-{i}".encode(), partition=i % 2)
            await producer.abort_transaction()
        finally:
            await producer.stop()

    async def consume(isolation, expect):
        consumer = AIOKafkaConsumer(bootstrap_servers=server.bootstrap, isolation_level=isolation,
                                    auto_offset_reset="earliest", enable_auto_commit=False)
        await consumer.start()
        try:
            consumer.assign([TopicPartition(topic, 0), TopicPartition(topic, 1)])
            await consumer.seek_to_beginning()
            values, idle = [], 0
            while idle < 3 and len(values) <= expect:
                batch = await consumer.getmany(timeout_ms=1000)
                idle = 0 if batch else idle + (1 if len(values) >= expect else 0)
                for records in batch.values():
                    values += [r.value.decode() for r in records]
            return sorted(values)
        finally:
            await consumer.stop()

    asyncio.run(produce())
    committed = sorted(f"committed-{i}" for i in range(10))
    assert asyncio.run(consume("read_committed", 10)) == committed
    assert asyncio.run(consume("read_uncommitted", 15)) == sorted(committed + [f"aborted-{i}" for i in range(5)])
