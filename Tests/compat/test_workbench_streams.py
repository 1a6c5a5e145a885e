"""Kafka Streams in the workbench, driven in tmux: the word count started from the menu runs in the workbench's
process, counts the lines typed in the producer pane (its store shows them, its output topic has them as
8-byte big-endian longs), keeps counting after a broker is killed, and stops from the Streams view; and a
Streams application the workbench did not start (a group whose members use the "stream" assignor) is listed
with its members, the partitions each owns, its lag and its internal topics, embedded and attached — and, for
a SamsaStreams process, the real task ids and the topology its members publish in the group protocol."""
import re
import struct
import subprocess
import threading
import time

import pytest
from kafka import KafkaConsumer
from kafka.coordinator.assignors.range import RangePartitionAssignor
from confluent_kafka import Consumer, Producer

from conftest import SAMSA, samsa


def output_counts(bootstrap, topic, want, timeout=90):
    """{word: count} read from `topic` (String keys, 8-byte big-endian Long values), the latest per word, once
    it holds `want` (a dict of the counts expected at least); fails after `timeout` seconds."""
    consumer = Consumer({"bootstrap.servers": bootstrap, "group.id": f"check-{time.time_ns()}",
                         "auto.offset.reset": "earliest", "enable.auto.commit": False})
    consumer.subscribe([topic])
    counts = {}
    deadline = time.time() + timeout
    try:
        while time.time() < deadline:
            for message in consumer.consume(100, timeout=1):
                if message.error():
                    continue
                assert len(message.value()) == 8, f"a count is 8 bytes, got {message.value()!r}"
                counts[message.key().decode()] = struct.unpack(">q", message.value())[0]
            if all(counts.get(word, 0) >= count for word, count in want.items()):
                return counts
    finally:
        consumer.close()
    raise AssertionError(f"{topic} never held {want}; it held {counts}")


def test_the_word_count_started_from_the_menu_counts_typed_lines_through_a_broker_failure(workbench_factory):
    wb = workbench_factory()
    # The Streams view opens on it, and the producer writes to its input topic.
    wb.start_word_count()
    wb.screen.wait_all("Sub-topology 1", "[counts-store]")
    wb.screen.keys("p")
    for line in ("Hello Kafka Streams", "All streams lead to Kafka", "Join Kafka Summit"):
        wb.screen.type(line)
        wb.screen.keys("Enter")
        wb.screen.wait_for("Wrote partition", 60)
    # kafka appears three times in the three lines: its count reaches 3 in the store the view shows.
    wb.wait_word_count("kafka", 3)
    counts = output_counts(wb.bootstrap, "streams-wordcount-output", {"kafka": 3, "streams": 2, "hello": 1})
    assert counts["lead"] == 1 and counts["summit"] == 1

    # Kill a broker: the app keeps counting what is typed.
    wb.kill_a_broker_then_type("kafka survives")
    wb.wait_word_count("kafka", 4, timeout=180)
    assert output_counts(wb.bootstrap, "streams-wordcount-output", {"kafka": 4, "survives": 1})["survives"] == 1

    # Stop it from the view.
    # Leaving the producer focuses the Streams view (the Topics pane is not shown while it is).
    wb.screen.keys("Escape")
    wb.screen.wait_for(lambda text: "x stop" in wb.footer(text), 30, what="the Streams view focused")
    wb.screen.keys("x")
    wb.screen.wait_for("Stop Streams app streams-wordcount?")
    wb.screen.keys("y")
    wb.screen.wait_for("Stopped Streams app streams-wordcount.", 90)

    # Started again, its state directory gone with the stop: the store is restored from its changelog (a bar at
    # 100% and an event), and the counts are those from before, with nothing typed since.
    wb.screen.keys("s")
    wb.choose("Start the word count demo")
    wb.screen.wait_for("Start the word count demo ─")
    wb.screen.keys("Enter")
    wb.screen.wait_for("Streams app streams-wordcount started", 90)
    wb.screen.wait_for(lambda text: re.search(r"restored counts-store \S+ 100% [\d,]+/[\d,]+ from streams-wordcount-counts-store-changelog-\d",
                                              text), 120, what="a finished restore bar")
    wb.wait_word_count("kafka", 4)
    wb.screen.wait_for("restored counts-store (", 30)  # told in the event log


@pytest.mark.parametrize("attached", [False, True], ids=["embedded", "attached"])
def test_a_samsa_streams_process_is_listed_from_its_group(attached, request, workbench_factory, tmp_path):
    if attached:
        bootstrap = request.getfixturevalue("server").bootstrap
        wb = workbench_factory(attach=bootstrap)
    else:
        wb = workbench_factory()
        bootstrap = wb.bootstrap
    app = subprocess.Popen([SAMSA, "streams", "wordcount", "--bootstrap-server", bootstrap, "--application-id", "outside-wc",
                            "--input", "outside-lines", "--output", "outside-counts", "--state-dir", str(tmp_path)],
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        wb.screen.keys("S")
        text = wb.screen.wait_for(lambda text: "outside-wc  Stable" in text and "on the cluster" in text
                                  and "outside-wc-counts-store-changelog" in text and text, 120,
                                  what="the outside word count in the Streams view")
        assert "outside-wc-counts-store-repartition · 3 partitions" in text or "outside-wc-counts-store-repartition · " in text
        # The members publish what SamsaStreams knows in the group protocol: the real task ids from the
        # assignment's user data, the topology from the subscription's.
        assert re.search(r"outside-wc-[0-9a-f-]+-StreamThread-1\S* @ /\S+\s+\d+ tasks?", text)
        assert "0_0: outside-lines-0" in text
        assert "1_0: outside-wc-counts-store-repartition-0" in text
        assert "topology not published" not in text
        wb.screen.wait_all("Sub-topology 0", "KSTREAM-SOURCE-0000000000", "outside-lines", "Sub-topology 1",
                           "KSTREAM-AGGREGATE-0000000003 [counts-store]", "KSTREAM-SINK-0000000008", timeout=30)
        # Nothing here runs it: it cannot be stopped from the workbench.
        wb.screen.keys("x")
        wb.screen.wait_for("Only apps started here can be stopped", 30)
    finally:
        app.terminate()
        try:
            app.wait(60)
        except subprocess.TimeoutExpired:
            app.kill()


class StreamAssignor(RangePartitionAssignor):
    """Kafka Streams' assignor name ("stream") over the range assignment: DescribeGroups then reports the group
    as a Streams application."""
    name = "stream"


@pytest.mark.parametrize("attached", [False, True], ids=["embedded", "attached"])
def test_a_streams_app_the_workbench_did_not_start_is_listed_from_its_group(attached, request, workbench_factory):
    if attached:
        bootstrap = request.getfixturevalue("server").bootstrap
        wb = workbench_factory(attach=bootstrap)
    else:
        wb = workbench_factory()
        bootstrap = wb.bootstrap
    for topic in ("clicks", "clicks-app-agg-repartition", "clicks-app-agg-changelog"):
        samsa("topics", "--create", "--topic", topic, "--partitions", "3", "--bootstrap-server", bootstrap)
    producer = Producer({"bootstrap.servers": bootstrap, "linger.ms": 0})
    for i in range(6):
        producer.produce("clicks", value=f"click {i}".encode(), partition=i % 3)
    assert producer.flush(15) == 0

    stop = threading.Event()
    consumers = []

    def member(client_id):
        consumer = KafkaConsumer(bootstrap_servers=bootstrap, group_id="clicks-app", client_id=client_id,
                                 partition_assignment_strategy=[StreamAssignor], auto_offset_reset="earliest",
                                 enable_auto_commit=False)
        consumer.subscribe(["clicks", "clicks-app-agg-repartition"])
        consumers.append(consumer)
        read = 0
        while not stop.is_set():
            batch = consumer.poll(timeout_ms=200)
            read += sum(len(records) for records in batch.values())
            if read >= 2 and batch:
                consumer.commit()
        consumer.close()

    threads = [threading.Thread(target=member, args=(f"clicks-app-{n}-StreamThread-1-consumer",), daemon=True) for n in (1, 2)]
    for thread in threads:
        thread.start()
    try:
        wb.screen.keys("S")
        # Two members; range over 3 partitions gives the first member partitions 0 and 1 of both topics.
        text = wb.screen.wait_for(lambda text: "clicks-app  Stable" in text and "2 members" in text
                                  and "partition 2: clicks, clicks-app-agg-repartition" in text and text, 120,
                                  what="clicks-app with two members in the Streams view")
        assert "on the cluster" in text
        assert "seen through its consumer group (assignor \"stream\")" in text
        # kafka-python's members carry no SamsaStreams user data: no topology, tasks by partition number.
        assert "topology not published by this client" in text
        assert "partition 0: clicks, clicks-app-agg-repartition" in text
        assert re.search(r"clicks-app-[12]-StreamThread-1-consumer @ /\S+\s+2 partition groups", text)
        assert re.search(r"clicks-app-[12]-StreamThread-1-consumer @ /\S+\s+1 partition group\b", text)
        wb.screen.wait_all("Internal topics", "clicks-app-agg-changelog · 3 partitions", "clicks-app-agg-repartition · 3 partitions")
        # Everything read is committed: no lag on clicks.
        wb.screen.wait_for("lag clicks 0", 60)
    finally:
        stop.set()
        for thread in threads:
            thread.join(30)


def test_the_windowed_page_views_demo_counts_views_per_region(workbench_factory):
    wb = workbench_factory()
    wb.screen.keys("S", "s")
    wb.choose("Start the page views (windowed) demo")
    wb.screen.wait_all("Start the page views (windowed) demo ─", "Inputs (views, users): streams-pageview-input,")
    wb.screen.keys("Enter")
    wb.screen.wait_for("Streams app streams-pageviews started", 90)
    wb.screen.wait_all("streams-pageviews  RUNNING", "[pageviews-per-region]", timeout=90)
    producer = Producer({"bootstrap.servers": wb.bootstrap, "linger.ms": 0})
    producer.produce("streams-userprofile-input", key=b"alice", value=b"europe")
    assert producer.flush(15) == 0
    # The profile must be in the table before the views join it; then two views in one minute.
    wb.screen.wait_for(lambda text: re.search(r"streams-userprofile-input-\d \(lag 0\)", text), 60, what="the profile read")
    now = int(time.time() * 1000)
    for page in ("/home", "/pricing"):
        producer.produce("streams-pageview-input", key=b"alice", value=page.encode(), timestamp=now)
    assert producer.flush(15) == 0
    counts = {}
    consumer = Consumer({"bootstrap.servers": wb.bootstrap, "group.id": "pv-check", "auto.offset.reset": "earliest"})
    consumer.subscribe(["streams-pageviews-per-region-output"])
    deadline = time.time() + 90
    while time.time() < deadline and 2 not in counts.values():
        for message in consumer.consume(10, timeout=1):
            if not message.error():
                counts[message.key().decode()] = struct.unpack(">q", message.value())[0]
    consumer.close()
    window = now - now % 60000
    assert counts.get(f"[europe@{window}/{window + 60000}]") == 2, counts
    wb.screen.wait_for(lambda text: re.search(r"pageviews-per-region \d_\d · [1-9]", text), 60, what="the window store with an entry")


def test_the_word_count_runs_exactly_once_when_the_form_says_so(workbench_factory):
    wb = workbench_factory()
    wb.screen.keys("m")
    wb.choose("Start the word count demo")
    wb.screen.wait_for("◂ at_least_once ▸")
    wb.screen.keys("Tab", "Tab", "Tab", "Right")
    wb.screen.wait_for("◂ exactly_once_v2 ▸")
    wb.screen.keys("Enter")
    wb.screen.wait_for("Streams app streams-wordcount started", 90)
    wb.screen.wait_all("streams-wordcount  RUNNING  word count, exactly_once_v2", "Produce → streams-plaintext-input", timeout=90)
    wb.screen.keys("p")
    wb.screen.type("once and only once")
    wb.screen.keys("Enter")
    wb.wait_word_count("once", 2)
    # The counts are written in transactions: a read_committed consumer reads them once they commit.
    consumer = Consumer({"bootstrap.servers": wb.bootstrap, "group.id": "eos-check", "auto.offset.reset": "earliest",
                         "isolation.level": "read_committed"})
    consumer.subscribe(["streams-wordcount-output"])
    counts, deadline = {}, time.time() + 90
    while time.time() < deadline and counts.get("once") != 2:
        for message in consumer.consume(10, timeout=1):
            if not message.error():
                counts[message.key().decode()] = struct.unpack(">q", message.value())[0]
    consumer.close()
    assert counts == {"once": 2, "and": 1, "only": 1}, counts
    # Its transactional producer shows in the Transactions pane once the view is hidden.
    wb.screen.keys("Escape")
    wb.screen.wait_for(lambda text: "x stop" in wb.footer(text), 30, what="the Streams view focused")
    wb.screen.keys("S")
    wb.screen.wait_for(lambda text: re.search(r"│streams-wordcount-[0-9a-f]+…?\s+\d+/\d+ ", text), 60,
                       what="the app's transactional producer in the Transactions pane")
