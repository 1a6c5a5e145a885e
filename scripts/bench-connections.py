#!/usr/bin/env python3
"""Many idle clients against `samsa server`: an active librdkafka producer (one record in flight, linger 0)
is timed record by record, first alone, then while N other connections sit idle (each has asked for
ApiVersions once, as a client would). Prints one JSON line: the producer's latency p50/p99 both ways and
the broker's resident memory with and without the idle connections.

usage: scripts/bench-connections.py path/to/samsa [--connections N] [--records R]
"""
import argparse, json, os, resource, shutil, socket, subprocess, sys, tempfile, time

from confluent_kafka import Producer

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "Tests", "compat"))
import rawkafka  # noqa: E402

ap = argparse.ArgumentParser()
ap.add_argument("samsa")
ap.add_argument("--connections", type=int, default=10_000)
ap.add_argument("--records", type=int, default=5_000)
a = ap.parse_args()

soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
if hard < a.connections + 100:
    sys.exit(f"the open-file limit ({hard}) is below {a.connections + 100}: raise it with ulimit -Hn")

with socket.socket() as s:
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
data = tempfile.mkdtemp(prefix="samsa-bench-conns-")
server = subprocess.Popen([a.samsa, "server", "--port", str(port), "--data-dir", data, "--log-level", "warning"])
boot = f"127.0.0.1:{port}"


def producer_latencies():
    p = Producer({"bootstrap.servers": boot, "acks": "1", "linger.ms": 0, "max.in.flight": 1})
    for _ in range(200):  # warm up: metadata, connections
        p.produce("active", b"x" * 100)
    p.flush(30)
    samples = []
    for _ in range(a.records):
        done = []
        start = time.perf_counter()
        p.produce("active", b"x" * 100, on_delivery=lambda err, msg: done.append(err))
        while not done:
            p.poll(0.001)
        samples.append(time.perf_counter() - start)
    p.flush(30)
    samples.sort()
    return {q: round(samples[int(q * (len(samples) - 1))] * 1000, 3) for q in (0.5, 0.99)}


try:
    rawkafka.wait_until_serving("127.0.0.1", port)
    subprocess.run([a.samsa, "topics", "--create", "--topic", "active", "--bootstrap-server", boot], check=True,
                   capture_output=True)
    alone = producer_latencies()
    rss_alone = rawkafka.rss_bytes(server.pid)
    idle = []
    for i in range(a.connections):
        sock = socket.create_connection(("127.0.0.1", port))
        sock.sendall(rawkafka.api_versions(i))
        idle.append(sock)
    for sock in idle:
        rawkafka.read_frame(sock)
    rss_idle = rawkafka.rss_bytes(server.pid)
    crowded = producer_latencies()
    print(json.dumps({
        "idle_connections": len(idle),
        "producer_alone_p50_ms": alone[0.5], "producer_alone_p99_ms": alone[0.99],
        "producer_with_idle_p50_ms": crowded[0.5], "producer_with_idle_p99_ms": crowded[0.99],
        "rss_without_idle_mb": round(rss_alone / 2**20, 1), "rss_with_idle_mb": round(rss_idle / 2**20, 1),
    }))
    for sock in idle:
        sock.close()
finally:
    server.terminate()
    server.wait(60)
    shutil.rmtree(data, ignore_errors=True)
