"""The fault soak's producer, in a process of its own so that its callbacks never hold up the fault driver.

Usage: soak_producer.py BOOTSTRAP TOPIC PARTITIONS PREFIX RATE RESULT_FILE
An idempotent acks=all librdkafka producer writes PREFIX-00000000, PREFIX-00000001, ... round-robin over the
partitions at RATE records a second until a line arrives on stdin (or stdin closes), then flushes (up to 60 s)
and writes RESULT_FILE as JSON: {"sent", "unflushed", "acked": {value: [partition, offset]}, "failed": {value:
error}, "errors": [[fatal, error]]}. librdkafka logs to stderr.
"""
import json
import os
import select
import sys
import time

from confluent_kafka import Producer

BOOTSTRAP, TOPIC, PARTITIONS, PREFIX, RATE, RESULT = sys.argv[1:7]
PARTITIONS, RATE = int(PARTITIONS), int(RATE)
acked, failed, errors = {}, {}, []


def value(i):
    return f"{PREFIX}-{i:08d}"


def report(err, msg):
    if err is None:
        acked[msg.value().decode()] = [msg.partition(), msg.offset()]
    else:
        failed[msg.value().decode()] = str(err)


def stop_asked():
    return bool(select.select([sys.stdin], [], [], 0)[0])


p = Producer({"bootstrap.servers": BOOTSTRAP, "enable.idempotence": True, "acks": "all", "linger.ms": 5,
              "message.timeout.ms": 25000, "request.timeout.ms": 10000,
              "error_cb": lambda e: errors.append([e.fatal(), str(e)])})
sent, began = 0, time.time()
while not stop_asked():
    due = int((time.time() - began) * RATE)  # paced: RATE records a second, however fast acks come
    while sent < due:
        try:
            p.produce(TOPIC, value=value(sent).encode(), partition=sent % PARTITIONS, on_delivery=report)
            sent += 1
        except BufferError:
            break
    p.poll(0.01)
unflushed = p.flush(60)
with open(RESULT + ".tmp", "w") as f:
    json.dump({"sent": sent, "unflushed": unflushed, "acked": acked, "failed": failed, "errors": errors}, f)
os.replace(RESULT + ".tmp", RESULT)
