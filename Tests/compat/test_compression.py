"""Compressed record batches between real clients and Samsa's own tools: librdkafka's gzip, snappy, lz4 and zstd
read by `samsa console-consumer`, and Samsa's compressed batches read by librdkafka."""
import glob
import os
import time

import pytest
from confluent_kafka import Consumer, Producer, TopicPartition

from conftest import samsa

CODECS = ["gzip", "snappy", "lz4", "zstd"]


@pytest.mark.parametrize("codec", CODECS)
def test_samsa_reads_what_librdkafka_compressed(server, topic_name, codec):
    p = Producer({"bootstrap.servers": server.bootstrap, "compression.type": codec, "linger.ms": 20})
    expected = [(f"k{i}", f"{codec} record {i} " + "x" * 300) for i in range(200)]
    for key, value in expected:
        p.produce(topic_name, key=key.encode(), value=value.encode(), partition=0)
    assert p.flush(60) == 0
    out = samsa("console-consumer", "--topic", topic_name, "--from-beginning", "--max-messages", "200",
                "--property", "print.key=true", "--bootstrap-server", server.bootstrap, timeout=60).stdout
    assert [tuple(line.split("\t", 1)) for line in out.splitlines()] == expected
    log = sum(os.path.getsize(f) for f in glob.glob(os.path.join(server.data_dir, f"{topic_name}-0", "*.log")))
    assert log < 200 * 300 / 4, f"the broker stored librdkafka's compressed batches as they came ({log} bytes)"


@pytest.mark.parametrize("codec", CODECS)
def test_librdkafka_reads_what_samsa_compressed(server, topic_name, codec):
    lines = "".join(f"key{i}:{codec} value {i} {'y' * 300}\n" for i in range(100))
    samsa("console-producer", "--topic", topic_name, "--bootstrap-server", server.bootstrap,
          "--property", "parse.key=true", "--property", "key.separator=:",
          "--producer-property", f"compression.type={codec}", input=lines)
    c = Consumer({"bootstrap.servers": server.bootstrap, "group.id": "check", "enable.auto.commit": False,
                  "check.crcs": True})
    c.assign([TopicPartition(topic_name, p, 0) for p in range(1)])
    got, deadline = [], time.time() + 60
    while len(got) < 100 and time.time() < deadline:
        m = c.poll(0.5)
        if m is not None and m.error() is None:
            got.append((m.key().decode(), m.value().decode()))
    c.close()
    assert got == [(f"key{i}", f"{codec} value {i} {'y' * 300}") for i in range(100)]
    log = sum(os.path.getsize(f) for f in glob.glob(os.path.join(server.data_dir, f"{topic_name}-0", "*.log")))
    assert log < 100 * 300 / 4, f"Samsa's producer compressed its batches ({log} bytes on disk)"


def test_an_unknown_compression_type_is_one_clear_sentence(server, topic_name):
    result = samsa("console-producer", "--topic", topic_name, "--bootstrap-server", server.bootstrap,
                   "--producer-property", "compression.type=brotli", input="x\n", check=False)
    assert result.returncode != 0
    assert "compression.type must be none, gzip, snappy, lz4 or zstd" in result.stderr
