"""Records written by one client are read back byte for byte by the others: keys, values, headers, timestamps."""
import subprocess
import time

from confluent_kafka import Consumer, Producer, TopicPartition
from kafka import KafkaConsumer, KafkaProducer
from kafka import TopicPartition as KTP

from conftest import samsa

KEY = "ключ-🔑".encode()
VALUE = bytes(range(256)) + "값 안녕".encode()
HEADERS = [("trace", b"\x00\x01\xff"), ("empty", b"")]
TS = 1_700_000_000_123


def read_confluent(bootstrap, topic, n):
    c = Consumer({"bootstrap.servers": bootstrap, "group.id": "x", "enable.auto.commit": False})
    c.assign([TopicPartition(topic, 0, 0)])
    got, deadline = [], time.time() + 60
    while len(got) < n and time.time() < deadline:
        m = c.poll(0.5)
        if m is not None and m.error() is None:
            got.append((m.key(), m.value(), m.headers() or [], m.timestamp()[1]))
    c.close()
    return got


def read_kafka_python(bootstrap, topic, n):
    c = KafkaConsumer(bootstrap_servers=bootstrap, consumer_timeout_ms=30000, enable_auto_commit=False)
    c.assign([KTP(topic, 0)])
    c.seek_to_beginning()
    got = []
    for m in c:
        got.append((m.key, m.value, list(m.headers), m.timestamp))
        if len(got) == n:
            break
    c.close()
    return got


def read_kcat(bootstrap, topic, n):
    out = subprocess.run(["kcat", "-b", bootstrap, "-C", "-t", topic, "-p", "0", "-o", "beginning", "-c", str(n),
                          "-f", "%k\\x1f%T\\x1f%h\\x1e"], capture_output=True, timeout=30).stdout
    return [tuple(rec.split(b"\x1f")) for rec in out.split(b"\x1e") if rec]


def check_all_readers(bootstrap, topic):
    expected = (KEY, VALUE, HEADERS, TS)
    assert read_confluent(bootstrap, topic, 1) == [expected]
    assert read_kafka_python(bootstrap, topic, 1) == [expected]
    kcat_rows = read_kcat(bootstrap, topic, 1)
    assert kcat_rows[0][0] == KEY and kcat_rows[0][1] == str(TS).encode()
    printed = samsa("console-consumer", "--topic", topic, "--from-beginning", "--max-messages", "1",
                    "--property", "print.timestamp=true", "--property", "print.key=true",
                    "--bootstrap-server", bootstrap).stdout
    assert printed == f"CreateTime:{TS}\t{KEY.decode()}\t{VALUE.decode(errors='replace')}\n" or printed.startswith(f"CreateTime:{TS}\t{KEY.decode()}\t")


def test_confluent_writes_everyone_reads(server, topic_name):
    p = Producer({"bootstrap.servers": server.bootstrap})
    p.produce(topic_name, key=KEY, value=VALUE, headers=HEADERS, timestamp=TS, partition=0)
    assert p.flush(30) == 0
    check_all_readers(server.bootstrap, topic_name)


def test_kafka_python_writes_everyone_reads(server, topic_name):
    p = KafkaProducer(bootstrap_servers=server.bootstrap)
    p.send(topic_name, key=KEY, value=VALUE, headers=HEADERS, timestamp_ms=TS, partition=0).get(30)
    p.close()
    check_all_readers(server.bootstrap, topic_name)


def test_keyed_records_land_where_samsa_puts_them(server, topic_name):
    """confluent-kafka with Kafka's partitioner (murmur2) and samsa's producer agree on every key's partition."""
    samsa("topics", "--create", "--topic", topic_name, "--partitions", "6", "--bootstrap-server", server.bootstrap)
    keys = [f"customer-{i}" for i in range(40)]
    samsa("console-producer", "--topic", topic_name, "--property", "parse.key=true", "--property", "key.separator=:",
          "--bootstrap-server", server.bootstrap, input="".join(f"{k}:samsa\n" for k in keys))
    p = Producer({"bootstrap.servers": server.bootstrap, "partitioner": "murmur2_random", "acks": "all"})
    landed = {}
    for k in keys:
        p.produce(topic_name, key=k.encode(), value=b"confluent",
                  on_delivery=lambda err, msg: landed.__setitem__(msg.key().decode(), msg.partition()))
    assert p.flush(30) == 0
    out = samsa("console-consumer", "--topic", topic_name, "--from-beginning", "--max-messages", "80",
                "--property", "print.key=true", "--property", "print.partition=true",
                "--bootstrap-server", server.bootstrap).stdout.splitlines()
    samsa_partitions = {}
    for line in out:
        part, key, value = line.split("\t")
        if value == "samsa":
            samsa_partitions[key] = int(part.split(":")[1])
    assert samsa_partitions == landed
    assert len(set(landed.values())) > 1
