#!/usr/bin/env python3
"""Word count throughput of `samsa streams wordcount` beside a Python stream processor (quixstreams), on the
same `samsa server` (3 brokers by default) and the same machine, and the restore speed of the word count's
changelog.

Method: N lines (8 words each from a 2,000-word vocabulary, seeded) are loaded into a fresh 3-partition input
topic first. Then each processor in turn is started with a fresh application id and output topic, and timed
from its start until a reader (librdkafka, read_committed under exactly_once_v2) has seen the final count of
every word on the output topic; lines/s and input MB/s are N and the input's bytes over that time (start-up
included; the time to the first output record is printed too). Both repartition by word through an internal
topic. The demo runs without Kafka's record cache (as Kafka's WordCountDemo), writing one output record per word
occurrence like the peer; `--samsa-config F` with `cache.max.bytes.buffering=10485760` in F turns the cache on,
and then Samsa writes each word's count once per commit (so the commit interval bounds the time measured).

Restore: the at_least_once word count is stopped, its state directory deleted and it is started again with no
new input; the speed is the changelog records it reports restoring over the time between its "Restoring" and
"Restored" log lines.

usage: scripts/bench-streams.py path/to/samsa [--lines 200000] [--brokers 3] [--quix-python V/bin/python]
       [--guarantees at_least_once,exactly_once_v2] [--skip-peer]
The peer needs quixstreams in its own virtualenv (it pins an older confluent-kafka):
    python3 -m venv /tmp/quix-venv && /tmp/quix-venv/bin/pip install quixstreams
Prints one JSON line per measurement and a summary.
"""
import argparse, json, os, random, re, shutil, signal, socket, struct, subprocess, sys, tempfile, threading, time, uuid

from confluent_kafka import Consumer, Producer, TopicPartition
from confluent_kafka.admin import AdminClient, NewTopic

HERE = os.path.dirname(os.path.abspath(__file__))
ap = argparse.ArgumentParser()
ap.add_argument("samsa")
ap.add_argument("--bootstrap", help="use this cluster instead of starting samsa server")
ap.add_argument("--brokers", type=int, default=3)
ap.add_argument("--lines", type=int, default=200_000)
ap.add_argument("--partitions", type=int, default=3)
ap.add_argument("--quix-python", default="/tmp/quix-venv/bin/python")
ap.add_argument("--guarantees", default="at_least_once,exactly_once_v2")
ap.add_argument("--skip-peer", action="store_true")
ap.add_argument("--skip-samsa", action="store_true")
ap.add_argument("--timeout", type=float, default=900)
ap.add_argument("--samsa-config", help="a Kafka Streams properties file passed to samsa streams with --config")
a = ap.parse_args()

WORD = re.compile(r"\W+", re.ASCII)


def free_port(count):
    while True:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            base = s.getsockname()[1]
        if base + count < 65000:
            return base


def make_lines(n):
    rng = random.Random(42)
    vocab = ["".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(3, 9))) for _ in range(2000)]
    lines, counts = [], {}
    for _ in range(n):
        words = [rng.choice(vocab) for _ in range(8)]
        line = " ".join(w.capitalize() if rng.random() < 0.1 else w for w in words) + rng.choice([".", "!", ",", ""])
        lines.append(line.encode())
        for w in WORD.split(line.lower()):
            if w:
                counts[w] = counts.get(w, 0) + 1
    return lines, counts


def create(admin, name, partitions=None, configs=None):
    admin.create_topics([NewTopic(name, partitions or a.partitions, min(a.brokers, 3), config=configs or {})])[name].result(60)


def load(boot, topic, lines):
    p = Producer({"bootstrap.servers": boot, "linger.ms": 5, "batch.num.messages": 10000, "queue.buffering.max.messages": 2_000_000})
    for i, line in enumerate(lines):
        while True:
            try:
                p.produce(topic, line, key=str(i).encode())
                break
            except BufferError:
                p.poll(0.01)
    p.flush(300)


class Reader(threading.Thread):
    """Follows the output topic; done when every word's latest count equals the expected one."""

    def __init__(self, boot, topic, expected, committed):
        super().__init__(daemon=True)
        self.expected, self.latest, self.wrong = expected, {}, len(expected)
        self.first = self.done = None
        self.stop = False
        self.c = Consumer({"bootstrap.servers": boot, "group.id": "bench-reader-" + uuid.uuid4().hex[:6],
                           "enable.auto.commit": False, "auto.offset.reset": "earliest", "fetch.wait.max.ms": 50,
                           "isolation.level": "read_committed" if committed else "read_uncommitted"})
        self.c.assign([TopicPartition(topic, p, 0) for p in range(a.partitions)])

    def run(self):
        expected, latest = self.expected, self.latest
        while not self.stop and self.done is None:
            for m in self.c.consume(10000, 0.2):
                if m.error():
                    continue
                if self.first is None:
                    self.first = time.perf_counter()
                word = m.key().decode()
                value = struct.unpack(">q", m.value())[0]
                before = latest.get(word)
                latest[word] = value
                goal = expected.get(word)
                if before != goal and value == goal:
                    self.wrong -= 1
                elif before == goal and value != goal:
                    self.wrong += 1
            if self.wrong == 0:
                self.done = time.perf_counter()
        self.c.close()


def run_processor(name, command, boot, admin, input_topic, lines, expected, committed, input_bytes):
    output = "bench-counts-" + uuid.uuid4().hex[:6]
    create(admin, output)
    reader = Reader(boot, output, expected, committed)
    reader.start()
    log = tempfile.NamedTemporaryFile(prefix="bench-streams-", suffix=".log", delete=False)
    start = time.perf_counter()
    proc = subprocess.Popen(command(output), stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.time() + a.timeout
        while reader.done is None and time.time() < deadline and proc.poll() is None:
            time.sleep(0.05)
    finally:
        reader.stop = True
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(60)
        except subprocess.TimeoutExpired:
            proc.kill()
    reader.join(30)
    if reader.done is None:
        print(open(log.name, errors="replace").read()[-3000:], file=sys.stderr)
        raise SystemExit(f"{name}: the final counts did not all arrive ({reader.wrong} words wrong or missing)")
    seconds = reader.done - start
    result = {"processor": name, "lines": len(lines), "seconds": round(seconds, 2),
              "lines_s": round(len(lines) / seconds), "input_mb_s": round(input_bytes / seconds / 1e6, 2),
              "first_output_s": round(reader.first - start, 2), "log": log.name}
    print(json.dumps(result), flush=True)
    return result


def samsa_command(boot, input_topic, app_id, state_dir, guarantee, log_level="warning"):
    return lambda output: [a.samsa, "streams", "wordcount", "--bootstrap-server", boot, "--application-id", app_id,
                           "--input", input_topic, "--output", output, "--state-dir", state_dir,
                           "--processing-guarantee", guarantee, "--log-level", log_level, "--status-interval-ms", "60000"] \
        + (["--config", a.samsa_config] if a.samsa_config else [])


def restore_speed(boot, input_topic, app_id, state_dir, output):
    """Restart the finished word count with an empty state dir; time its restore from the changelog."""
    shutil.rmtree(state_dir, ignore_errors=True)
    command = samsa_command(boot, input_topic, app_id, state_dir, "at_least_once", "info")(output)
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    began, restored, records = None, None, 0
    pattern = re.compile(r"Restored store \S+ of task \S+: (\d+) records")
    deadline = time.time() + a.timeout
    try:
        for line in proc.stderr:
            if "Restoring store" in line and began is None:
                began = time.perf_counter()
            m = pattern.search(line)
            if m:
                records += int(m.group(1))
                restored = time.perf_counter()
            if "to RUNNING" in line or time.time() > deadline:
                break
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(60)
    if began is None or restored is None:
        return {"restore": "no restore was logged"}
    seconds = max(restored - began, 1e-6)
    result = {"restore_records": records, "restore_seconds": round(seconds, 3), "restore_records_s": round(records / seconds)}
    print(json.dumps(result), flush=True)
    return result


server, data = None, None
if a.bootstrap:
    boot = a.bootstrap
else:
    port = free_port(a.brokers)
    data = tempfile.mkdtemp(prefix="samsa-bench-streams-")
    server = subprocess.Popen([a.samsa, "server", "--port", str(port), "--brokers", str(a.brokers), "--data-dir", data,
                               "--log-level", "warning"])
    boot = f"127.0.0.1:{port}"
results = []
try:
    time.sleep(3)
    admin = AdminClient({"bootstrap.servers": boot})
    lines, expected = make_lines(a.lines)
    input_bytes = sum(len(x) for x in lines)
    input_topic = "bench-lines-" + uuid.uuid4().hex[:6]
    create(admin, input_topic)
    load(boot, input_topic, lines)
    print(json.dumps({"lines": len(lines), "input_bytes": input_bytes, "words": sum(expected.values()),
                      "distinct_words": len(expected), "brokers": a.brokers, "partitions": a.partitions}), flush=True)
    for guarantee in a.guarantees.split(","):
        committed = guarantee == "exactly_once_v2"
        if not a.skip_samsa:
            app_id = "bench-wc-" + uuid.uuid4().hex[:6]
            state_dir = tempfile.mkdtemp(prefix="bench-streams-state-")
            command = samsa_command(boot, input_topic, app_id, state_dir, guarantee)
            result = run_processor(f"samsa {guarantee}", command, boot, admin, input_topic, lines, expected, committed, input_bytes)
            results.append(result)
            if guarantee == "at_least_once":
                results.append(restore_speed(boot, input_topic, app_id, state_dir, "bench-restore-" + uuid.uuid4().hex[:6]))
            shutil.rmtree(state_dir, ignore_errors=True)
        if not a.skip_peer:
            state_dir = tempfile.mkdtemp(prefix="bench-quix-state-")
            app_id = "bench-quix-" + uuid.uuid4().hex[:6]
            peer = lambda output, g=guarantee, s=state_dir, i=app_id: [
                a.quix_python, os.path.join(HERE, "streams-peer-wordcount.py"), boot, "--application-id", i,
                "--input", input_topic, "--output", output, "--state-dir", s, "--processing-guarantee", g]
            results.append(run_processor(f"quixstreams {guarantee}", peer, boot, admin, input_topic, lines, expected, committed, input_bytes))
            shutil.rmtree(state_dir, ignore_errors=True)
    by = {r["processor"]: r for r in results if "processor" in r}
    for guarantee in a.guarantees.split(","):
        s, q = by.get(f"samsa {guarantee}"), by.get(f"quixstreams {guarantee}")
        if s and q:
            print(json.dumps({"guarantee": guarantee, "samsa_lines_s": s["lines_s"], "quixstreams_lines_s": q["lines_s"],
                              "ratio": round(s["lines_s"] / q["lines_s"], 2)}), flush=True)
finally:
    admin = None  # its librdkafka threads would complain once the server is gone
    if server:
        server.terminate()
        server.wait(30)
        shutil.rmtree(data, ignore_errors=True)
