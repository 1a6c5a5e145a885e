"""`samsa streams pageviews`: page views (kafka-python, with event timestamps) joined with a user-profile table,
counted per region per 1-minute window, read back by kafka-python as `[region@start/end]` -> 8-byte Long."""
import struct
import time

from kafka import KafkaConsumer, KafkaProducer, TopicPartition

from streams_kit import StreamsApp, samsa_topics_create

BASE = 1_700_000_040_000  # a minute boundary (epoch ms)


def test_pageviews_per_region_per_minute(server_factory):
    cluster = server_factory(brokers=3).start()
    for topic in ("streams-pageview-input", "streams-userprofile-input"):
        samsa_topics_create(cluster, topic, 2)
    app = StreamsApp(cluster, "pageviews").start()
    try:
        app.wait_for("RUNNING")
        producer = KafkaProducer(bootstrap_servers=cluster.bootstrap, acks="all")
        for user, region in (("alice", "europe"), ("bob", "asia")):
            producer.send("streams-userprofile-input", key=user.encode(), value=region.encode(), timestamp_ms=BASE)
        producer.flush()
        time.sleep(2)  # the table is read before the views that look it up
        views = [("alice", "/home", 1_000), ("bob", "/home", 2_000), ("alice", "/cart", 59_999), ("carol", "/home", 5_000),
                 ("alice", "/pay", 60_000), ("bob", "/pay", 61_000)]
        for user, page, at in views:
            producer.send("streams-pageview-input", key=user.encode(), value=page.encode(), timestamp_ms=BASE + at)
        producer.flush()
        producer.close()

        w0, w1 = f"{BASE}/{BASE + 60_000}", f"{BASE + 60_000}/{BASE + 120_000}"
        expected = {f"[europe@{w0}]": 2, f"[asia@{w0}]": 1, f"[unknown@{w0}]": 1, f"[europe@{w1}]": 1, f"[asia@{w1}]": 1}
        consumer = KafkaConsumer(bootstrap_servers=cluster.bootstrap, auto_offset_reset="earliest", enable_auto_commit=False)
        consumer.assign([TopicPartition("streams-pageviews-per-region-output", 0)])
        latest, deadline = {}, time.time() + 90
        while latest != expected and time.time() < deadline:
            for records in consumer.poll(timeout_ms=500).values():
                for r in records:
                    latest[r.key.decode()] = struct.unpack(">q", r.value)[0]
        consumer.close()
        assert latest == expected, app.output()[-2000:]
        assert app.stop() == 0
    finally:
        app.cleanup()
