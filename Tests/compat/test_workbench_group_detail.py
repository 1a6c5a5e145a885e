"""Group detail and the reset-offsets form of the workbench, driven in tmux against kafka-python: a group of
two kafka-python members shows each member's client id and assigned partitions; the reset is refused while
they run; once they stop, resets by shift-by, to a timestamp and to-earliest on one partition are previewed,
applied, and read back as committed offsets by kafka-python."""
import re
import threading
import time

from kafka import KafkaConsumer, KafkaProducer, TopicPartition

from conftest import samsa

TOPIC = "payments"
GROUP = "audit"


def produce_with_times(bootstrap, old, new):
    """Five records per partition stamped `old`, then five stamped `new` (4 partitions)."""
    producer = KafkaProducer(bootstrap_servers=bootstrap, linger_ms=0)
    for i in range(40):
        producer.send(TOPIC, value=f"payment {i}".encode(), partition=i % 4, timestamp_ms=old if i < 20 else new)
    producer.flush(30)
    producer.close()


class Member(threading.Thread):
    """A kafka-python group member with its own client id, committing what it reads, until stopped."""

    def __init__(self, bootstrap, client_id):
        super().__init__(daemon=True)
        self.consumer = KafkaConsumer(TOPIC, bootstrap_servers=bootstrap, group_id=GROUP, client_id=client_id,
                                      enable_auto_commit=False, auto_offset_reset="earliest",
                                      session_timeout_ms=10000, heartbeat_interval_ms=500)
        self.stopping = threading.Event()
        self.lock = threading.Lock()
        self.assigned = []

    def run(self):
        while not self.stopping.is_set():
            batch = self.consumer.poll(timeout_ms=200)
            with self.lock:
                self.assigned = sorted(tp.partition for tp in self.consumer.assignment())
            if batch:
                self.consumer.commit()
        self.consumer.close()  # leaves the group

    def partitions(self):
        with self.lock:
            return list(self.assigned)


def committed(bootstrap):
    """{partition: committed offset} as kafka-python reads the group's commits (OffsetFetch, no join)."""
    reader = KafkaConsumer(bootstrap_servers=bootstrap, group_id=GROUP, enable_auto_commit=False)
    try:
        return {p: reader.committed(TopicPartition(TOPIC, p)) for p in range(4)}
    finally:
        reader.close()


def member_line(text, client_id):
    """The detail line of the member with `client_id`: its partitions as "payments[0,1]"."""
    match = re.search(rf"{re.escape(client_id)}@\S+\s+{TOPIC}\[([\d,]+)\]", text)
    return sorted(int(p) for p in match.group(1).split(",")) if match else None


def wait_committed(bootstrap, expected, timeout=60):
    deadline = time.time() + timeout
    while True:
        seen = committed(bootstrap)
        if seen == expected or time.time() > deadline:
            assert seen == expected
            return
        time.sleep(0.5)


def reset(wb, scenario_steps, value, scope_steps, preview_row):
    """Opens the form, picks the scenario and scope (Right presses), types the value, checks the preview
    shows `preview_row` (partition, current, new), then applies."""
    wb.screen.keys("r")
    wb.screen.wait_for(f"Reset offsets of {GROUP} ─")
    wb.screen.keys(*["Right"] * scenario_steps)
    wb.screen.keys("Tab")
    if value:
        wb.screen.keys("--", value)  # after "--", tmux takes "-3" as text, not a flag
    wb.screen.keys("Tab")
    wb.screen.keys(*["Right"] * scope_steps)
    wb.screen.keys("Enter")
    partition, current, new = preview_row
    wb.screen.wait_for(lambda text: "NEW-OFFSET" in text and re.search(
        rf"{TOPIC}\s+{partition}\s+{current}\s+{new}\s", text), 60, what=f"the preview of partition {partition}: {current} → {new}")
    wb.screen.keys("Enter")
    wb.screen.wait_for(f"Reset {GROUP} ", 60)


def test_members_with_client_ids_and_partitions_then_resets_read_back_by_kafka_python(workbench_factory):
    wb = workbench_factory()
    samsa("topics", "--create", "--topic", TOPIC, "--partitions", "4", "--replication-factor", "3",
          "--bootstrap-server", wb.bootstrap)
    now = int(time.time() * 1000)
    old, new = now - 2 * 3600_000, now - 3600_000
    produce_with_times(wb.bootstrap, old, new)
    wb.wait_topic(TOPIC, lambda r: r["records"] == "40")

    members = [Member(wb.bootstrap, "audit-a"), Member(wb.bootstrap, "audit-b")]
    for member in members:
        member.start()
    try:
        wb.tab(2, "s start")

        def both_shown(text):
            a, b = member_line(text, "audit-a"), member_line(text, "audit-b")
            truth = [m.partitions() for m in members]
            return (a, b) if a and b and [a, b] == truth and sorted(a + b) == [0, 1, 2, 3] else None
        wb.screen.wait_for(both_shown, 90, what="both members with their client ids and the partitions kafka-python holds")
        wb.screen.wait_for(lambda text: re.search(rf"│{GROUP}\s+Stable\s+2\s+0 ", text), 60, what="the group caught up")

        # While members are active, Kafka refuses a reset, and so does the form.
        wb.screen.keys("r")
        wb.screen.wait_for(f"Assignments can only be reset if the group '{GROUP}' is inactive")
        assert f"Reset offsets of {GROUP} ─" not in wb.screen.text()
    finally:
        for member in members:
            member.stopping.set()
        for member in members:
            member.join(30)
    wb.screen.wait_for(lambda text: re.search(rf"│{GROUP}\s+Empty\s+0 ", text), 60, what="the group empty")
    assert committed(wb.bootstrap) == {0: 10, 1: 10, 2: 10, 3: 10}

    # shift-by -3 on every topic of the group (scenario 6th: Right ×5).
    reset(wb, 5, "-3", 0, (0, 10, 7))
    wait_committed(wb.bootstrap, {0: 7, 1: 7, 2: 7, 3: 7})

    # To the timestamp of the newer records (epoch ms): the first record at or after it, offset 5.
    reset(wb, 4, str(new), 0, (1, 7, 5))
    wait_committed(wb.bootstrap, {0: 5, 1: 5, 2: 5, 3: 5})

    # To the earliest on one partition only (scope: all topics, payments, payments:0, payments:1, payments:2).
    reset(wb, 0, "", 4, (2, 5, 0))
    wait_committed(wb.bootstrap, {0: 5, 1: 5, 2: 0, 3: 5})

    # Esc on a preview commits nothing.
    wb.screen.keys("r")
    wb.screen.wait_for(f"Reset offsets of {GROUP} ─")
    wb.screen.keys("Right", "Enter")  # to-latest, all topics
    wb.screen.wait_for("NEW-OFFSET")
    wb.screen.keys("Escape")
    wb.screen.wait_for(f"Reset of {GROUP} cancelled: nothing was committed.")
    assert committed(wb.bootstrap) == {0: 5, 1: 5, 2: 0, 3: 5}
