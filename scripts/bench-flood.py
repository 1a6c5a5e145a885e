#!/usr/bin/env python3
"""A hostile client against `samsa server`: one connection pipelines Metadata requests (all topics) and never
reads the answers, while another client times ApiVersions round trips on fresh connections. Prints one JSON
line: the other client's latency before and during the flood, how much of the flood the broker let in, and
the broker's resident memory before, at its peak and after.

usage: scripts/bench-flood.py path/to/samsa [--requests N] [--seconds S] [--topics T]
"""
import argparse, json, os, shutil, socket, subprocess, sys, tempfile, threading, time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "Tests", "compat"))
import rawkafka  # noqa: E402

ap = argparse.ArgumentParser()
ap.add_argument("samsa")
ap.add_argument("--requests", type=int, default=100_000)
ap.add_argument("--seconds", type=float, default=10)
ap.add_argument("--topics", type=int, default=20)
a = ap.parse_args()

with socket.socket() as s:
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
data = tempfile.mkdtemp(prefix="samsa-bench-flood-")
server = subprocess.Popen([a.samsa, "server", "--port", str(port), "--data-dir", data, "--log-level", "warning"])
try:
    rawkafka.wait_until_serving("127.0.0.1", port)
    for i in range(a.topics):
        subprocess.run([a.samsa, "topics", "--create", "--topic", f"flood-{i}", "--partitions", "3",
                        "--bootstrap-server", f"127.0.0.1:{port}"], check=True, capture_output=True)
    quiet = [rawkafka.api_versions_latency("127.0.0.1", port) for _ in range(50)]
    rss_before = rawkafka.rss_bytes(server.pid)
    peak = [rss_before]
    result = {}
    flooding = threading.Event()

    def flood():
        flooding.set()
        result["sock"], result["sent"] = rawkafka.flood("127.0.0.1", port, a.requests, a.seconds)

    watching = threading.Event()

    def watch_memory():
        while not watching.is_set():
            peak[0] = max(peak[0], rawkafka.rss_bytes(server.pid))
            time.sleep(0.05)

    flooder = threading.Thread(target=flood)
    watcher = threading.Thread(target=watch_memory)
    flooder.start()
    flooding.wait()
    watcher.start()
    during = []
    start = time.time()
    while time.time() - start < a.seconds:
        during.append(rawkafka.api_versions_latency("127.0.0.1", port))
        time.sleep(0.02)
    flooder.join()
    watching.set()
    watcher.join()
    rss_after = rawkafka.rss_bytes(server.pid)
    result["sock"].close()

    def ms(values, q):
        values = sorted(values)
        return round(values[min(len(values) - 1, int(q * len(values)))] * 1000, 3)

    print(json.dumps({
        "flood_requests_offered": a.requests, "flood_bytes_offered": a.requests * 27,
        "flood_bytes_accepted": result["sent"],
        "apiversions_quiet_p50_ms": ms(quiet, 0.5),
        "apiversions_during_flood_p50_ms": ms(during, 0.5), "apiversions_during_flood_p99_ms": ms(during, 0.99),
        "apiversions_during_flood_max_ms": round(max(during) * 1000, 3), "samples": len(during),
        "rss_before_mb": round(rss_before / 2**20, 1), "rss_peak_mb": round(peak[0] / 2**20, 1),
        "rss_after_mb": round(rss_after / 2**20, 1),
    }))
finally:
    server.terminate()
    server.wait(30)
    shutil.rmtree(data, ignore_errors=True)
