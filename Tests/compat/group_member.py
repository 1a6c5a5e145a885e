"""One consumer-group member in a process of its own, for the takeover tests in test_group_clients.py.

Usage: group_member.py KIND BOOTSTRAP GROUP TOPIC, KIND one of confluent, kafka-python, aiokafka.
It prints one JSON line per event: {"assignment": [partitions]} whenever its assignment changes, and
{"record": [partition, offset, value]} for each record, before committing that batch synchronously.
"close" on stdin (or stdin closing) makes it close cleanly, leaving the group; SIGKILL kills it silently,
so the coordinator only notices when its session times out.
"""
import json
import select
import sys

KIND, BOOTSTRAP, GROUP, TOPIC = sys.argv[1:5]
SESSION_MS = 6000     # the broker's minimum: a killed member is noticed quickly
HEARTBEAT_MS = 300    # members notice rebalances quickly


def emit(**event):
    print(json.dumps(event), flush=True)


def asked_to_close():
    readable, _, _ = select.select([sys.stdin], [], [], 0)
    return bool(readable) and sys.stdin.readline().strip() in ("close", "")


def run_confluent():
    from confluent_kafka import Consumer, KafkaException
    c = Consumer({"bootstrap.servers": BOOTSTRAP, "group.id": GROUP, "client.id": "confluent-member",
                  "session.timeout.ms": SESSION_MS, "heartbeat.interval.ms": HEARTBEAT_MS,
                  "enable.auto.commit": False, "auto.offset.reset": "earliest"})
    c.subscribe([TOPIC])
    last = None
    while not asked_to_close():
        batch = [m for m in c.consume(num_messages=100, timeout=0.2) if m.error() is None]
        for m in batch:
            emit(record=[m.partition(), m.offset(), m.value().decode()])
        if batch:
            try:
                c.commit(asynchronous=False)
            except KafkaException as e:  # the group rebalanced meanwhile: another member re-reads (at least once)
                print(f"commit failed: {e}", file=sys.stderr)
        assignment = sorted(tp.partition for tp in c.assignment())
        if assignment != last:
            emit(assignment=assignment)
            last = assignment
    c.close()


def run_kafka_python():
    from kafka import KafkaConsumer
    from kafka.errors import KafkaError
    c = KafkaConsumer(TOPIC, bootstrap_servers=BOOTSTRAP, group_id=GROUP, client_id="kafka-python-member",
                      session_timeout_ms=SESSION_MS, heartbeat_interval_ms=HEARTBEAT_MS,
                      enable_auto_commit=False, auto_offset_reset="earliest")
    last = None
    while not asked_to_close():
        batch = c.poll(timeout_ms=200)
        for records in batch.values():
            for m in records:
                emit(record=[m.partition, m.offset, m.value.decode()])
        if batch:
            try:
                c.commit()
            except KafkaError as e:
                print(f"commit failed: {e}", file=sys.stderr)
        assignment = sorted(tp.partition for tp in c.assignment())
        if assignment != last:
            emit(assignment=assignment)
            last = assignment
    c.close()


def run_aiokafka():
    import asyncio
    from aiokafka import AIOKafkaConsumer
    from aiokafka.errors import KafkaError

    async def main():
        c = AIOKafkaConsumer(TOPIC, bootstrap_servers=BOOTSTRAP, group_id=GROUP, client_id="aiokafka-member",
                             session_timeout_ms=SESSION_MS, heartbeat_interval_ms=HEARTBEAT_MS,
                             enable_auto_commit=False, auto_offset_reset="earliest")
        await c.start()
        last = None
        while not asked_to_close():
            batch = await c.getmany(timeout_ms=200)
            for records in batch.values():
                for m in records:
                    emit(record=[m.partition, m.offset, m.value.decode()])
            if batch:
                try:
                    await c.commit()
                except KafkaError as e:
                    print(f"commit failed: {e}", file=sys.stderr)
            assignment = sorted(tp.partition for tp in c.assignment())
            if assignment != last:
                emit(assignment=assignment)
                last = assignment
        await c.stop()

    asyncio.run(main())


{"confluent": run_confluent, "kafka-python": run_kafka_python, "aiokafka": run_aiokafka}[KIND]()
emit(closed=True)
