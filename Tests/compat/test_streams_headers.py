"""Records keep their headers, keys and timestamps through a Streams application, as Kafka Streams forwards them:
produced with kafka-python, piped by `samsa streams pipe`, read back by kafka-python and kcat (librdkafka)."""
import subprocess
import time

from kafka import KafkaConsumer, KafkaProducer, TopicPartition

from streams_kit import StreamsApp, samsa_topics_create


def test_pipe_keeps_headers_keys_and_timestamps(server_factory):
    cluster = server_factory(brokers=1).start()
    samsa_topics_create(cluster, "streams-plaintext-input", 1)
    samsa_topics_create(cluster, "streams-pipe-output", 1)
    app = StreamsApp(cluster, "pipe").start()
    try:
        app.wait_for("RUNNING")
        producer = KafkaProducer(bootstrap_servers=cluster.bootstrap, acks="all")
        producer.send("streams-plaintext-input", key=b"order-7", value=b"shipped", timestamp_ms=1_700_000_000_000,
                      headers=[("trace-id", b"abc123"), ("attempt", b"\x00\x02"), ("empty", b"")])
        producer.flush()
        producer.close()

        consumer = KafkaConsumer(bootstrap_servers=cluster.bootstrap, auto_offset_reset="earliest", enable_auto_commit=False)
        consumer.assign([TopicPartition("streams-pipe-output", 0)])
        records, deadline = [], time.time() + 90
        while not records and time.time() < deadline:
            for batch in consumer.poll(timeout_ms=500).values():
                records += batch
        consumer.close()
        assert len(records) == 1
        record = records[0]
        assert (record.key, record.value, record.timestamp) == (b"order-7", b"shipped", 1_700_000_000_000)
        assert record.headers == [("trace-id", b"abc123"), ("attempt", b"\x00\x02"), ("empty", b"")]

        kcat = subprocess.run(["kcat", "-b", cluster.bootstrap, "-C", "-t", "streams-pipe-output", "-o", "beginning", "-e",
                               "-f", "%k %s %h\n"], capture_output=True, text=True, timeout=60)
        assert kcat.returncode == 0, kcat.stderr
        assert kcat.stdout.startswith("order-7 shipped trace-id=abc123,attempt=")
    finally:
        app.cleanup()
