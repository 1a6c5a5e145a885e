#!/usr/bin/env python3
"""Kafka Connect throughput of `samsa connect-standalone`, on a `samsa server` (3 brokers by default) and on the
peer broker (`../shared/bench/peer-tansu`), side by side on the same machine.

1. File pipeline (Kafka's STEP 6 at scale): N lines of B bytes (default 200,000 × 100 B, newline included) in
   a file; one worker runs FileStreamSource (file → topic) and FileStreamSink (topic → file) with Kafka's
   quick-start converters (JsonConverter, schemas enabled; `--converter string` for StringConverter). Timed
   from the worker's start until the sink file holds every line (the content is checked); lines/s and MB/s are
   end to end, start-up included; "steady" is measured from the first line written out.
2. Generator: GeneratorSource (quickstart `users`, `max.interval=0`, unlimited) into a topic; after a warm-up
   the topic's end offset is sampled over `--generator-seconds`: records/s sustained, MB/s from the average
   key+value size of the records produced.

The worker's CPU seconds (user+sys, from /proc) are reported for each. Topics are created first (1 partition by
default; replication factor `--rf` on Samsa, 1 on the single-broker peer).

usage: scripts/bench-connect.py path/to/samsa [--lines 200000] [--line-bytes 100] [--brokers 3] [--rf 3]
       [--generator-seconds 20] [--converter json|string] [--skip-peer] [--skip-samsa]
Prints one JSON line per measurement and a summary table.
"""
import argparse, json, os, shutil, signal, socket, subprocess, sys, tempfile, time, uuid

from confluent_kafka import Consumer, TopicPartition
from confluent_kafka.admin import AdminClient, NewTopic

HERE = os.path.dirname(os.path.abspath(__file__))
PEER = os.path.join(HERE, "..", "..", "shared", "bench", "peer-tansu")
if not os.path.exists(PEER):
    PEER = "/work/shared/bench/peer-tansu"

ap = argparse.ArgumentParser()
ap.add_argument("samsa")
ap.add_argument("--lines", type=int, default=200_000)
ap.add_argument("--line-bytes", type=int, default=100, help="bytes per line, newline included")
ap.add_argument("--brokers", type=int, default=3)
ap.add_argument("--rf", type=int, default=3, help="replication factor of the topics on Samsa")
ap.add_argument("--partitions", type=int, default=1)
ap.add_argument("--generator-seconds", type=float, default=20)
ap.add_argument("--warmup", type=float, default=3)
ap.add_argument("--quickstart", default="users")
ap.add_argument("--converter", choices=["json", "string"], default="json")
ap.add_argument("--skip-peer", action="store_true")
ap.add_argument("--skip-samsa", action="store_true")
ap.add_argument("--skip-generator", action="store_true")
ap.add_argument("--skip-file", action="store_true")
ap.add_argument("--timeout", type=float, default=600)
a = ap.parse_args()

CLK = os.sysconf("SC_CLK_TCK")


def free_port(count=1):
    while True:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            base = s.getsockname()[1]
        if base + count < 65000:
            return base


def wait_port(port, timeout=120):
    end = time.time() + timeout
    while time.time() < end:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"nothing listens on port {port} after {timeout}s")


def cpu_seconds(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / CLK  # utime, stime
    except OSError:
        return None


def create_topic(admin, name, rf):
    for f in admin.create_topics([NewTopic(name, num_partitions=a.partitions, replication_factor=rf)]).values():
        f.result(30)


def worker_properties(directory, boot):
    converter = {"json": "org.apache.kafka.connect.json.JsonConverter",
                 "string": "org.apache.kafka.connect.storage.StringConverter"}[a.converter]
    path = os.path.join(directory, "worker.properties")
    with open(path, "w") as f:
        f.write(f"bootstrap.servers={boot}\nkey.converter={converter}\nvalue.converter={converter}\n"
                "key.converter.schemas.enable=true\nvalue.converter.schemas.enable=true\n"
                f"offset.storage.file.filename={directory}/connect.offsets\noffset.flush.interval.ms=1000\n"
                f"listeners=http://127.0.0.1:{free_port()}\n")
    return path


def connector_file(directory, name, props):
    path = os.path.join(directory, name + ".properties")
    with open(path, "w") as f:
        f.write("".join(f"{k}={v}\n" for k, v in {"name": name, "tasks.max": "1", **props}.items()))
    return path


def start_worker(directory, files):
    log = open(os.path.join(directory, "connect.log"), "w")
    return subprocess.Popen([a.samsa, "connect-standalone", *files, "--log-level", "warning"], stdout=log, stderr=subprocess.STDOUT)


def stop(proc):
    if proc and proc.poll() is None:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def make_input(path):
    body = a.line_bytes - 1
    with open(path, "wb") as f:
        for i in range(a.lines):
            head = f"line {i:09d} "
            f.write((head + "x" * max(0, body - len(head)))[:body].encode() + b"\n")
    return os.path.getsize(path)


def file_pipeline(cluster, boot, admin, rf):
    directory = tempfile.mkdtemp(prefix="bench-connect-file-")
    source, sink = os.path.join(directory, "input.txt"), os.path.join(directory, "output.txt")
    size = make_input(source)
    topic = "bench-connect-file-" + uuid.uuid4().hex[:6]
    create_topic(admin, topic, rf)
    files = [worker_properties(directory, boot),
             connector_file(directory, "bench-file-source", {"connector.class": "FileStreamSource", "file": source, "topic": topic}),
             connector_file(directory, "bench-file-sink", {"connector.class": "FileStreamSink", "file": sink, "topics": topic})]
    start = time.time()
    proc = start_worker(directory, files)
    first, written = None, 0
    try:
        while time.time() - start < a.timeout:
            written = os.path.getsize(sink) if os.path.exists(sink) else 0
            if written and first is None:
                first = time.time()
            if written >= size or proc.poll() is not None:
                break
            time.sleep(0.05)
        end = time.time()
        cpu = cpu_seconds(proc.pid)
    finally:
        stop(proc)
    ok = written == size and open(source, "rb").read() == open(sink, "rb").read()
    elapsed = end - start
    result = {"measure": "file source -> topic -> file sink", "cluster": cluster, "converter": a.converter, "rf": rf,
              "lines": a.lines, "bytes": size, "complete_and_equal": ok, "seconds": round(elapsed, 2),
              "lines_s": round(a.lines / elapsed), "mb_s": round(size / elapsed / 1e6, 2),
              "first_line_s": round(first - start, 2) if first else None,
              "steady_lines_s": round(a.lines / (end - first)) if first and end - first > 0.5 else None,
              "worker_cpu_s": cpu}
    if not ok:
        result["error"] = f"sink has {written} of {size} bytes (see {directory}/connect.log)"
    else:
        shutil.rmtree(directory, ignore_errors=True)
    print(json.dumps(result), flush=True)
    return result


def end_offset(consumer, topic):
    return sum(consumer.get_watermark_offsets(TopicPartition(topic, p), timeout=10)[1] for p in range(a.partitions))


def average_record_bytes(boot, topic, sample=2000):
    c = Consumer({"bootstrap.servers": boot, "group.id": "bench-sizer-" + uuid.uuid4().hex[:6], "auto.offset.reset": "earliest",
                  "enable.auto.commit": False})
    c.subscribe([topic])
    total, n, end = 0, 0, time.time() + 30
    while n < sample and time.time() < end:
        for m in c.consume(500, 1.0):
            if m.error() is None:
                total += len(m.value() or b"") + len(m.key() or b"")
                n += 1
    c.close()
    return total / n if n else 0


def generator(cluster, boot, admin, rf):
    directory = tempfile.mkdtemp(prefix="bench-connect-gen-")
    topic = "bench-connect-gen-" + uuid.uuid4().hex[:6]
    create_topic(admin, topic, rf)
    files = [worker_properties(directory, boot),
             connector_file(directory, "bench-generator", {"connector.class": "GeneratorSource", "kafka.topic": topic,
                                                           "quickstart": a.quickstart, "max.interval": "0", "iterations": "-1"})]
    consumer = Consumer({"bootstrap.servers": boot, "group.id": "bench-watermarks"})
    proc = start_worker(directory, files)
    try:
        end = time.time() + 120
        while end_offset(consumer, topic) == 0 and time.time() < end and proc.poll() is None:
            time.sleep(0.2)
        time.sleep(a.warmup)
        t1, n1, c1 = time.time(), end_offset(consumer, topic), cpu_seconds(proc.pid)
        time.sleep(a.generator_seconds)
        t2, n2, c2 = time.time(), end_offset(consumer, topic), cpu_seconds(proc.pid)
    finally:
        stop(proc)
        consumer.close()
    size = average_record_bytes(boot, topic)
    rate = (n2 - n1) / (t2 - t1)
    result = {"measure": "generator sustained", "cluster": cluster, "quickstart": a.quickstart, "converter": a.converter, "rf": rf,
              "records": n2 - n1, "seconds": round(t2 - t1, 2), "records_s": round(rate), "avg_record_bytes": round(size, 1),
              "mb_s": round(rate * size / 1e6, 2),
              "worker_cpu_s_per_100k": round((c2 - c1) / max(1, n2 - n1) * 100_000, 3) if c1 is not None and c2 is not None else None}
    if n2 == n1:
        result["error"] = f"no records produced (see {directory}/connect.log)"
    else:
        shutil.rmtree(directory, ignore_errors=True)
    print(json.dumps(result), flush=True)
    return result


clusters, procs, data = [], [], None
try:
    if not a.skip_samsa:
        port = free_port(a.brokers)
        data = tempfile.mkdtemp(prefix="samsa-bench-connect-")
        procs.append(subprocess.Popen([a.samsa, "server", "--port", str(port), "--brokers", str(a.brokers), "--data-dir", data,
                                       "--log-level", "warning"]))
        wait_port(port)
        clusters.append((f"samsa server --brokers {a.brokers}", f"127.0.0.1:{port}", min(a.rf, a.brokers)))
    if not a.skip_peer:
        peer_port = free_port()
        procs.append(subprocess.Popen([PEER, str(peer_port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        wait_port(peer_port, timeout=300)
        clusters.append(("peer (tansu)", f"127.0.0.1:{peer_port}", 1))
    time.sleep(2)
    results = []
    for name, boot, rf in clusters:
        admin = AdminClient({"bootstrap.servers": boot})
        if not a.skip_file:
            results.append(file_pipeline(name, boot, admin, rf))
        if not a.skip_generator:
            results.append(generator(name, boot, admin, rf))
        admin = None  # its librdkafka threads would complain once the broker is gone
    print("\n| measure | cluster | rf | throughput | MB/s | worker CPU |")
    print("|---|---|---|---|---|---|")
    for r in results:
        if r["measure"].startswith("file"):
            print(f"| file → topic → file, {r['lines']:,} × {a.line_bytes} B | {r['cluster']} | {r['rf']} | "
                  f"{r['lines_s']:,} lines/s end to end (steady {r['steady_lines_s'] or '–'}) | {r['mb_s']} | {r['worker_cpu_s']} s |")
        else:
            print(f"| generator `{r['quickstart']}` | {r['cluster']} | {r['rf']} | {r['records_s']:,} records/s | {r['mb_s']} | "
                  f"{r['worker_cpu_s_per_100k']} s per 100k |")
finally:
    for p in reversed(procs):
        p.terminate()
        try:
            p.wait(30)
        except subprocess.TimeoutExpired:
            p.kill()
    if data:
        shutil.rmtree(data, ignore_errors=True)
