"""Helpers for the fault soak (test_fault_soak.py): a seeded fault driver that works through `samsa cluster`,
an idempotent acks=all producer in its own process that remembers every acknowledgement, and readers of what the cluster kept
(over the wire, and each replica's segment files on disk)."""
import glob
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time

from confluent_kafka import OFFSET_BEGINNING, Consumer, KafkaError, TopicPartition
from kafka.record import MemoryRecords

from conftest import SAMSA

CLI_TIMEOUT = 30  # a `samsa cluster` command that takes longer counts as a hang
PRODUCER = os.path.join(os.path.dirname(__file__), "soak_producer.py")


class Hang(AssertionError):
    pass


class FaultDriver:
    """Random kill/stop/isolate/start/heal from a seeded RNG, through `samsa cluster`, keeping a model of each
    broker: "online", "down" (killed or stopped) or "isolated". At most two brokers are faulted at once, so one
    broker is always online to take the command (a down or isolated broker does not answer)."""

    def __init__(self, server, seed):
        self.server = server
        self.rng = random.Random(seed)
        self.state = {b: "online" for b in range(server.brokers)}
        self.log = []  # (seconds since start, seconds taken, command, via, exit status, first line of output)
        self.started = time.time()

    def mark(self, what):
        """Notes a phase of the test in the story, between the commands."""
        self.log.append((time.time() - self.started, 0.0, f"({what})", "-", "", ""))

    def commands(self):
        return [entry for entry in self.log if not entry[2].startswith("(")]

    def online(self):
        return [b for b, s in self.state.items() if s == "online"]

    def cluster(self, *args, via=None):
        via = self.rng.choice(self.online()) if via is None else via
        command = ["cluster", *args, "--bootstrap-server", f"127.0.0.1:{self.server.port + via}"]
        began = time.time()
        try:
            r = subprocess.run([SAMSA, *command], capture_output=True, text=True, timeout=CLI_TIMEOUT)
        except subprocess.TimeoutExpired:
            self.log.append((began - self.started, time.time() - began, " ".join(args), via, "timeout", ""))
            raise Hang(f"`samsa {' '.join(command)}` did not answer within {CLI_TIMEOUT} s")
        said = (r.stdout.strip() or r.stderr.strip()).splitlines()
        self.log.append((began - self.started, time.time() - began, " ".join(args), via, r.returncode,
                         said[0] if said else ""))
        return r

    def choices(self):
        """(weight, action, broker) for every fault or repair the model allows now."""
        online, faulted = self.online(), [b for b, s in self.state.items() if s != "online"]
        moves = []
        if len(online) > 1:  # never fault the last broker that can take commands
            for b in online:
                moves += [(3, "kill", b), (2, "stop", b), (2, "isolate", b)]
            for b in faulted:
                if self.state[b] == "isolated":
                    moves += [(1, "kill", b), (1, "stop", b)]
        repair = 2 if len(faulted) == 1 else 6  # with two brokers out, mostly bring one back
        for b in faulted:
            moves.append((repair, "start" if self.state[b] == "down" else "heal", b))
        return moves

    def step(self):
        moves = self.choices()
        weight, action, broker = self.rng.choices(moves, weights=[m[0] for m in moves])[0]
        self.do(action, broker)

    def do(self, action, broker):
        if action == "heal":
            r = self.cluster("--heal")
            if r.returncode == 0:
                for b, s in self.state.items():
                    if s == "isolated":
                        self.state[b] = "online"
            return
        via = self.rng.choice([b for b in self.online() if b != broker])
        for _ in range(20):
            r = self.cluster(f"--{action}-broker", str(broker), via=via)
            if r.returncode == 0 or "still shutting down" not in r.stderr:
                break
            time.sleep(0.2)  # a broker stopped a moment ago finishes its controlled shutdown first
        if r.returncode == 0:
            self.state[broker] = {"kill": "down", "stop": "down", "start": "online", "isolate": "isolated"}[action]
        else:
            self.resync()

    def resync(self):
        """After a refused command, takes each broker's status from `samsa cluster --describe`."""
        out = self.cluster("--describe").stdout
        for line in out.splitlines()[1:]:
            cells = line.split()
            if len(cells) >= 3 and cells[0].isdigit():
                self.state[int(cells[0])] = {"online": "online", "isolated": "isolated"}.get(cells[2], "down")

    def restore_all(self):
        """Heals every partition and starts every broker."""
        if "isolated" in self.state.values():
            self.do("heal", None)
        for b in sorted(self.state):
            if self.state[b] == "down":
                self.do("start", b)
        self.resync()
        return self.state

    def story(self):
        return "\n".join(f"  {t:6.1f}s  {cmd:<20} via {via}  -> {rc} in {took:.1f}s  {said}"
                         for t, took, cmd, via, rc, said in self.log)


class Producing:
    """soak_producer.py in a process of its own: an idempotent acks=all librdkafka producer writing numbered
    unique values round-robin over the partitions until stopped, then flushing. After stop(): `acked`
    {value: (partition, offset)}, `failed` {value: error}, `sent`, `unflushed` and `errors` [(fatal, error)]."""

    def __init__(self, bootstrap, topic, partitions, prefix, rate=2000):
        self.prefix = prefix
        self.result = tempfile.mktemp(prefix="samsa-soak-producer-", suffix=".json")
        self.stderr = tempfile.TemporaryFile()
        self.proc = subprocess.Popen([sys.executable, PRODUCER, bootstrap, topic, str(partitions), prefix, str(rate),
                                      self.result], stdin=subprocess.PIPE, stderr=self.stderr)
        self.acked, self.failed, self.errors, self.sent, self.unflushed = {}, {}, [], 0, None
        self.finished = False

    def value(self, i):
        return f"{self.prefix}-{i:08d}"

    def halt(self):
        """Stops producing; the process goes on to flush."""
        if self.proc.stdin and not self.proc.stdin.closed:
            self.proc.stdin.close()

    def stop(self, timeout=75):
        """Waits for the flush and reads what was acknowledged; False if the producer did not finish."""
        self.halt()
        try:
            self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            return False
        if not os.path.exists(self.result):
            return False
        with open(self.result) as f:
            result = json.load(f)
        os.remove(self.result)
        self.acked = {v: tuple(at) for v, at in result["acked"].items()}
        self.failed, self.errors = result["failed"], result["errors"]
        self.sent, self.unflushed = result["sent"], result["unflushed"]
        self.finished = True
        return True

    def fatal(self):
        return [e for fatal, e in self.errors if fatal]

    def kill(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()

    def log_tail(self, lines=30):
        """The last lines librdkafka logged."""
        self.stderr.seek(0)
        return "\n".join(self.stderr.read().decode(errors="replace").splitlines()[-lines:])


def read_back(bootstrap, topic, partitions, ends, timeout=45):
    """Every record of every partition from the beginning up to `ends[p]` (at least), as {p: {offset: value}},
    plus any offset read twice with different values."""
    c = Consumer({"bootstrap.servers": bootstrap, "group.id": "soak-check", "enable.auto.commit": False,
                  "enable.partition.eof": True, "check.crcs": True, "auto.offset.reset": "earliest"})
    c.assign([TopicPartition(topic, p, OFFSET_BEGINNING) for p in range(partitions)])
    records, conflicts, eof = {p: {} for p in range(partitions)}, [], {}
    deadline = time.time() + timeout
    while time.time() < deadline and not all(eof.get(p, -1) >= ends[p] for p in range(partitions)):
        for m in c.consume(1000, 0.5):
            if m.error():
                if m.error().code() == KafkaError._PARTITION_EOF:
                    eof[m.partition()] = m.offset()
                continue
            seen = records[m.partition()].setdefault(m.offset(), m.value().decode())
            if seen != m.value().decode():
                conflicts.append((m.partition(), m.offset(), seen, m.value().decode()))
    c.close()
    return records, conflicts


def high_watermarks(bootstrap, topic, partitions, timeout=30):
    c = Consumer({"bootstrap.servers": bootstrap, "group.id": "soak-check"})
    try:
        deadline = time.time() + timeout
        while True:
            try:
                return {p: c.get_watermark_offsets(TopicPartition(topic, p), timeout=5)[1] for p in range(partitions)}
            except Exception:
                if time.time() > deadline:
                    raise
                time.sleep(0.5)
    finally:
        c.close()


def isr_sizes(server, topic):
    """{partition: size of its in-sync replica set} from `samsa topics --describe`, or {} if it did not answer."""
    bootstrap = ",".join(f"127.0.0.1:{port}" for port in server.ports)
    r = subprocess.run([SAMSA, "topics", "--describe", "--topic", topic, "--bootstrap-server", bootstrap],
                       capture_output=True, text=True, timeout=CLI_TIMEOUT)
    return {int(p): len(isr.split(",")) for p, isr in re.findall(r"Partition: (\d+)\t.*Isr: ([\d,]+)", r.stdout)}


def replica_on_disk(data_dir, broker, topic, partition):
    """{offset: value} from one replica's segment files (read after a clean stop)."""
    out = {}
    for path in sorted(glob.glob(os.path.join(data_dir, f"broker-{broker}", f"{topic}-{partition}", "*.log"))):
        with open(path, "rb") as f:
            records = MemoryRecords(f.read())
        while True:
            batch = records.next_batch()
            if batch is None:
                break
            for record in batch:
                out[record.offset] = record.value.decode()
    return out
