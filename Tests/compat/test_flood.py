"""A client that pipelines requests and never reads the answers cannot grow the broker's memory or starve
other clients: its connection is muted while its requests are in the broker, and the broker stops reading
it once its answers back up (Kafka's rule)."""
import threading
import time

from conftest import samsa
import rawkafka


def test_a_client_that_never_reads_cannot_take_the_broker_down(server):
    for i in range(40):
        samsa("topics", "--create", "--topic", f"flood-{i}", "--partitions", "3", "--bootstrap-server", server.bootstrap)
    before = rawkafka.rss_bytes(server.proc.pid)
    result = {}

    def run_flood():
        result["socket"], result["sent"] = rawkafka.flood("127.0.0.1", server.port, requests=200_000, seconds=15)

    flooder = threading.Thread(target=run_flood)
    flooder.start()
    try:
        # Another client is served while the flood goes on and after it, while the broker's memory is watched
        # for ten seconds: long enough for a broker that queues every answer to grow by hundreds of megabytes.
        peak = before
        watch_until = time.time() + 10
        while time.time() < watch_until:
            rawkafka.api_versions_latency("127.0.0.1", server.port)
            peak = max(peak, rawkafka.rss_bytes(server.proc.pid))
            time.sleep(0.1)
        flooder.join(60)
        rawkafka.api_versions_latency("127.0.0.1", server.port)
        growth = max(peak, rawkafka.rss_bytes(server.proc.pid)) - before
        # Before muting, this flood grew the broker by 800 MB; now what it sent waits in socket buffers.
        assert growth < 100 << 20, f"the broker grew by {growth >> 20} MB during the flood"
    finally:
        flooder.join(60)
        if "socket" in result:
            result["socket"].close()
    samsa("topics", "--describe", "--topic", "flood-0", "--bootstrap-server", server.bootstrap)
