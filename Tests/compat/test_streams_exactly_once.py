"""`samsa streams wordcount --processing-guarantee exactly_once_v2` killed with SIGKILL again and again while
lines arrive: a read_committed consumer (kafka-python) sees every word's counts go 1, 2, 3, … exactly, with
no count repeated or skipped, and ends at the true count. With the record cache on (Kafka's library default,
10 MB; the demo turns it off as Kafka's WordCountDemo does) intermediate counts are skipped, but each word's
counts still only rise, never pass the true count, and end at it: a double count would show."""
import os
import random
import signal
import threading
import time

import pytest

from streams_kit import StreamsApp, counts_of, produce_lines, read_counts, samsa_topics_create

VOCABULARY = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet", "kilo", "lima",
              "mike", "november", "oscar", "papa", "quebec", "romeo", "sierra", "tango"]


@pytest.mark.parametrize("cache_bytes", [0, 10485760], ids=["no-cache", "record-cache"])
def test_kill_minus_nine_never_double_counts(server_factory, cache_bytes):
    cluster = server_factory(brokers=3).start()
    samsa_topics_create(cluster, "streams-plaintext-input", 3)
    samsa_topics_create(cluster, "streams-wordcount-output", 3, "cleanup.policy=compact")
    rng = random.Random(7)
    # Each line holds distinct words, so every line adds exactly one to each of its words' counts.
    lines = [" ".join(rng.sample(VOCABULARY, 5)) for _ in range(600)]
    expected = counts_of(lines)

    app = StreamsApp(cluster, "wordcount", "--processing-guarantee", "exactly_once_v2")
    # Shorter timeouts than Kafka's defaults, so a killed instance's group membership and open transaction
    # are cleared in seconds rather than 45 s (Kafka's session timeout).
    config = app.state_dir.rstrip("/") + ".properties"
    with open(config, "w") as f:
        f.write("consumer.session.timeout.ms=6000\nconsumer.heartbeat.interval.ms=1000\nproducer.transaction.timeout.ms=6000\n")
        f.write(f"cache.max.bytes.buffering={cache_bytes}\n")
    app.extra += ["--config", config]
    try:
        app.start()
        app.wait_for("RUNNING", timeout=120)
        done = threading.Event()

        def produce():
            for i in range(0, len(lines), 20):
                produce_lines(cluster, "streams-plaintext-input", lines[i:i + 20])
                time.sleep(0.15)
            done.set()

        producer = threading.Thread(target=produce)
        producer.start()
        kills = 0
        while not done.is_set() or kills < 3:
            time.sleep(2.5)
            app.stop(signal.SIGKILL)
            kills += 1
            app.start()
            app.wait_for("RUNNING", timeout=150)
        producer.join()

        updates, latest = read_counts(cluster, "streams-wordcount-output", isolation="read_committed", until=expected,
                                      timeout=240)
        assert latest == expected, f"after {kills} kills: {app.output(everything=True)[-2000:]}"
        for word, total in expected.items():
            seen = [c for w, c in updates if w == word]
            if cache_bytes == 0:
                assert seen == list(range(1, total + 1)), word
            else:
                assert seen == sorted(set(seen)) and seen[-1] == total, (word, seen)
        if cache_bytes:
            # The cache collapsed repeated updates of a word within a commit interval.
            assert len(updates) < sum(expected.values()), len(updates)
        assert app.stop() == 0
    finally:
        app.cleanup()
        os.remove(config)
