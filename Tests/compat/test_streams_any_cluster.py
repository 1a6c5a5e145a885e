"""Samsa Streams is a client: the word count runs unchanged against another Kafka-protocol broker (the peer,
Tansu, from ../shared/bench), at exactly_once_v2, and a read_committed reader sees every count exactly once."""
import os
import signal
import socket
import subprocess
import time

import pytest

from conftest import SAMSA, free_port
from streams_kit import StreamsApp, counts_of, produce_lines, read_counts

PEER = os.path.join(os.path.dirname(__file__), "../../../shared/bench/peer-tansu")
LINES = ["all streams lead to kafka", "hello kafka streams", "join kafka summit", "kafka streams counts words"]


class PeerBroker:
    """The peer broker on a free port (retried on a fresh port if another process took it first)."""
    brokers = 1

    def start(self):
        for _ in range(3):
            self.port = free_port()
            self.bootstrap = f"127.0.0.1:{self.port}"
            self.proc = subprocess.Popen([PEER, str(self.port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            deadline = time.time() + 30
            while time.time() < deadline and self.proc.poll() is None:
                with socket.socket() as s:
                    if s.connect_ex(("127.0.0.1", self.port)) == 0:
                        return self
                time.sleep(0.1)
            self.stop()
        raise AssertionError("the peer broker did not start")

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(30)


@pytest.fixture
def peer():
    if not os.path.exists(PEER):
        pytest.skip("the peer broker (../shared/bench/peer-tansu) is not beside this clone")
    broker = PeerBroker().start()
    yield broker
    broker.stop()


def create(peer, topic, *configs):
    args = [SAMSA, "topics", "--create", "--topic", topic, "--partitions", "3", "--replication-factor", "1",
            "--bootstrap-server", peer.bootstrap]
    for config in configs:
        args += ["--config", config]
    subprocess.run(args, check=True, capture_output=True, timeout=60)


def test_word_count_exactly_once_on_another_broker(peer):
    create(peer, "streams-plaintext-input")
    create(peer, "streams-wordcount-output", "cleanup.policy=compact")
    app = StreamsApp(peer, "wordcount", "--processing-guarantee", "exactly_once_v2").start()
    try:
        app.wait_for("RUNNING", timeout=120)
        produce_lines(peer, "streams-plaintext-input", LINES)
        expected = counts_of(LINES)
        updates, latest = read_counts(peer, "streams-wordcount-output", isolation="read_committed", until=expected)
        assert latest == expected
        # Counts only grow: a count written twice (a transaction replayed) would repeat or exceed the true count.
        for word, total in expected.items():
            seen = [c for w, c in updates if w == word]
            assert seen == sorted(set(seen)) and seen[-1] == total, (word, seen)
        assert app.stop() == 0, app.output()
    finally:
        app.cleanup()


def test_second_interrupt_quits_at_once_when_the_cluster_is_gone(peer):
    """With the broker gone, a clean close waits for it; a second Ctrl-C/SIGTERM quits at once (exit 130)."""
    create(peer, "streams-plaintext-input")
    create(peer, "streams-pipe-output")
    app = StreamsApp(peer, "pipe").start()
    try:
        app.wait_for("RUNNING", timeout=120)
        peer.stop()
        app.proc.send_signal(signal.SIGTERM)
        app.wait_for("Ctrl-C again")
        app.proc.send_signal(signal.SIGTERM)
        assert app.proc.wait(30) == 130
        assert "Stopped without closing" in app.output()
    finally:
        app.cleanup()
