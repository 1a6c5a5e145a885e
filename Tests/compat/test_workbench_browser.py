"""The workbench's record browser (`b`), driven in tmux against records kafka-python wrote: seek by offset and
by time, one record whole (headers, pretty JSON), search with `n`, copy-out to JSON lines, and re-produce to
another topic, read back with kafka-python."""
import json
import os
import re
import tempfile
import time

from kafka import KafkaConsumer, KafkaProducer, TopicPartition
from kafka.admin import KafkaAdminClient, NewTopic

# 2026-11-30 08:00:00 UTC; record i is written i minutes later.
BASE_MS = 1796025600000
JSON_VALUE = {"id": 42, "item": "needle-widget", "tags": ["a", "b"]}


def value_of(i):
    if i == 7:
        return json.dumps(JSON_VALUE, separators=(",", ":")).encode()
    return (f"needle-{i}" if i % 10 == 3 else f"plain-{i}").encode()


def seed(bootstrap):
    """orders: 2 partitions, 30 records (even i to partition 0, odd to 1); orders-copy: empty."""
    admin = KafkaAdminClient(bootstrap_servers=bootstrap)
    admin.create_topics([NewTopic("orders", 2, 3), NewTopic("orders-copy", 1, 3)])
    admin.close()
    producer = KafkaProducer(bootstrap_servers=bootstrap, acks="all")
    for i in range(30):
        headers = [("trace-id", b"abc-7"), ("origin", b"kafka-python")] if i == 7 else []
        producer.send("orders", key=f"k{i}".encode(), value=value_of(i), partition=i % 2,
                      timestamp_ms=BASE_MS + i * 60_000, headers=headers)
    producer.flush()
    producer.close()


def select_topic(wb, name):
    wb.screen.keys("/")
    wb.screen.type(name)
    wb.screen.keys("Enter")
    wb.wait_topic(name, lambda row: row["records"] == "30" if name == "orders" else True)


def clear_field(wb, length=80):
    wb.screen.keys(*["BSpace"] * length)


def status_line(text):
    return text.splitlines()[-2]


def test_browse_seek_detail_search_copy_and_reproduce(workbench_factory):
    wb = workbench_factory()
    seed(wb.bootstrap)
    select_topic(wb, "orders")
    wb.screen.keys("b")
    # Topic mode: both partitions merged by time, from the earliest.
    wb.screen.wait_all("Records of orders (2 partitions, by time)", "30 records", "orders-0@0", timeout=30)
    # Merged by timestamp: k0 (p0), k1 (p1), k2 (p0) in that order.
    screen = wb.screen.text()
    order = [screen.index(f" k{i} ") for i in range(4)]
    assert order == sorted(order), screen

    # Seek by offset on one partition: partition 1, offset 5 is record 11.
    wb.screen.keys("s")
    wb.screen.wait_for("Seek")
    wb.screen.type("5")
    wb.screen.keys("Tab")
    clear_field(wb, 5)
    wb.screen.type("1")
    wb.screen.keys("Enter")
    wb.screen.wait_all("Records of orders-1", "orders-1@5", timeout=30)
    assert "plain-11" in wb.screen.text()

    # Back to the whole topic and seek by time: 08:20 is record 20 (partition 0, offset 10).
    wb.screen.keys("Escape")
    wb.screen.wait_gone("Records of orders-1")
    wb.screen.keys("b")
    wb.screen.wait_for("orders-0@0", timeout=30)
    wb.screen.keys("s")
    wb.screen.wait_for("Seek")
    wb.screen.type("2026-11-30 08:20")
    wb.screen.keys("Enter")
    wb.screen.wait_for(lambda text: "orders-0@10" in status_line(text), timeout=30, what="the cursor on record 20")

    # Search: three values hold "needle" (3, 13, 23) and the JSON of 7 does too.
    wb.screen.keys("g")
    wb.screen.wait_for(lambda text: "orders-0@0" in status_line(text), timeout=30, what="the earliest record")
    wb.screen.keys("f")
    wb.screen.type("v:needle")
    wb.screen.keys("Enter")
    wb.screen.wait_for(lambda text: "match 1 of 4 in the loaded range" in status_line(text), timeout=15,
                       what="the first match")
    assert "orders-1@1" in status_line(wb.screen.text())  # record 3
    wb.screen.keys("n")
    wb.screen.wait_for(lambda text: "match 2 of 4" in status_line(text) and "orders-1@3" in status_line(text),
                       what="the second match: record 7")

    # Enter: record 7 whole, its headers and its JSON pretty-printed.
    wb.screen.keys("Enter")
    wb.screen.wait_all("trace-id", "abc-7", "origin", '"id": 42', '"item": "needle-widget"')
    detail = wb.screen.text()
    lines = detail.splitlines()
    assert any(line.strip() == "{" for line in lines), detail
    assert any(re.search(r'^\s+"tags": \[$', line) for line in lines), detail
    wb.screen.keys("Escape")
    wb.screen.wait_gone("trace-id")

    # w: the selected record to a file as JSON lines.
    out = tempfile.mkdtemp(prefix="samsa-browse-")
    one = os.path.join(out, "one.jsonl")
    wb.screen.keys("w")
    wb.screen.wait_for("File:")
    clear_field(wb)
    wb.screen.type(one)
    wb.screen.keys("Enter")
    wb.screen.wait_for("Wrote 1 record", timeout=15)
    with open(one) as f:
        rows = [json.loads(line) for line in f]
    assert len(rows) == 1
    assert rows[0]["topic"] == "orders" and rows[0]["partition"] == 1 and rows[0]["offset"] == 3
    assert rows[0]["key"] == "k7" and json.loads(rows[0]["value"]) == JSON_VALUE
    assert rows[0]["timestamp"] == BASE_MS + 7 * 60_000

    # W: the matches.
    many = os.path.join(out, "matches.jsonl")
    wb.screen.keys("W")
    wb.screen.wait_for("Write 4 matches")
    clear_field(wb)
    wb.screen.type(many)
    wb.screen.keys("Enter")
    wb.screen.wait_for("Wrote 4 records", timeout=15)
    with open(many) as f:
        keys = [json.loads(line)["key"] for line in f]
    assert keys == ["k3", "k7", "k13", "k23"]

    # P: record 7 again, with a new value, to orders-copy; headers kept.
    wb.screen.keys("P")
    wb.screen.wait_for("Re-produce orders-1@3")
    clear_field(wb, 20)
    wb.screen.type("orders-copy")
    wb.screen.keys("Tab", "Tab")
    clear_field(wb, 120)
    wb.screen.type("edited-value")
    wb.screen.keys("Enter")
    wb.screen.wait_for("Re-produced to orders-copy partition 0, offset 0", timeout=30)
    consumer = KafkaConsumer(bootstrap_servers=wb.bootstrap, enable_auto_commit=False, consumer_timeout_ms=10_000)
    consumer.assign([TopicPartition("orders-copy", 0)])
    consumer.seek_to_beginning()
    copied = next(iter(consumer))
    consumer.close()
    assert copied.key == b"k7" and copied.value == b"edited-value"
    assert sorted(copied.headers) == sorted([("trace-id", b"abc-7"), ("origin", b"kafka-python")])

    # Esc closes the browser: the panes are back.
    wb.screen.keys("Escape")
    wb.screen.wait_gone("Records of orders")
    wb.screen.wait_for("Topics")


def test_follow_mode_shows_new_records(workbench_factory):
    wb = workbench_factory()
    seed(wb.bootstrap)
    select_topic(wb, "orders")
    wb.screen.keys("b")
    wb.screen.wait_for("orders-0@0", timeout=30)
    wb.screen.keys("G")
    wb.screen.wait_all("following", timeout=30)
    wb.screen.wait_for(lambda text: "orders-1@14" in status_line(text), timeout=30, what="the newest record")
    producer = KafkaProducer(bootstrap_servers=wb.bootstrap, acks="all")
    producer.send("orders", key=b"late", value=b"arrived-later", partition=0, timestamp_ms=int(time.time() * 1000))
    producer.flush()
    producer.close()
    wb.screen.wait_for(lambda text: "orders-0@15" in status_line(text) and "arrived-later" in text, timeout=30,
                       what="the new record followed")
