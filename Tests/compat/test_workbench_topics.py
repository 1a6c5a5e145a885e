"""Topics and the producer pane of the workbench, driven in tmux: a topic created from the form shows its
partitions as the cluster really has them, and what is typed into the producer pane lands in the topic byte
for byte (checked with librdkafka)."""
import re

from confluent_kafka import Consumer, TopicPartition

from conftest import samsa


def describe(bootstrap, topic):
    """{partition: (leader, replicas, isr)} as `samsa topics --describe` reports it."""
    out = samsa("topics", "--describe", "--topic", topic, "--bootstrap-server", bootstrap).stdout
    rows = {}
    for line in out.splitlines():
        match = re.search(r"Partition: (\d+)\tLeader: (-?\d+)\tReplicas: ([\d,]+)\tIsr: ([\d,]*)", line)
        if match:
            rows[int(match.group(1))] = (int(match.group(2)), [int(b) for b in match.group(3).split(",")],
                                         sorted(int(b) for b in match.group(4).split(",") if b))
    return rows


def read_all(bootstrap, topic, partitions, expected):
    """The first `expected` records of `topic`, as (partition, offset, key bytes, value bytes)."""
    consumer = Consumer({"bootstrap.servers": bootstrap, "group.id": "verify", "enable.auto.commit": False})
    consumer.assign([TopicPartition(topic, p, 0) for p in range(partitions)])
    records = []
    try:
        for _ in range(100):
            for msg in consumer.consume(expected - len(records), timeout=0.2):
                assert not msg.error(), msg.error()
                records.append((msg.partition(), msg.offset(), msg.key(), msg.value()))
            if len(records) >= expected:
                break
    finally:
        consumer.close()
    return sorted(records)


def test_create_a_topic_from_the_form_and_see_its_partitions(workbench_factory):
    wb = workbench_factory()
    samsa("topics", "--create", "--topic", "another-topic", "--bootstrap-server", wb.bootstrap)
    wb.wait_topic("another-topic")

    wb.screen.keys("c")
    wb.screen.wait_all("Create topic ─", "Name:                quickstart-events")  # labels padded to min.insync.replicas
    wb.fill_form("quickstart-events", "3", "2")
    wb.screen.wait_for("Created topic quickstart-events (3 partitions, replication factor 2).")
    row = wb.wait_topic("quickstart-events")
    assert (row["partitions"], row["rf"], row["records"]) == (3, 2, "0")

    # The new topic is selected: its partitions show as the cluster describes them to any client.
    wb.screen.wait_for("Partitions of quickstart-events · RF 2")
    truth = describe(wb.bootstrap, "quickstart-events")
    rows = wb.wait_partitions(lambda rows: len(rows) == 3 and all(len(r["isr"]) == 2 for r in rows),
                              "three partitions with two in-sync replicas each")
    for r in rows:
        leader, replicas, isr = truth[r["partition"]]
        assert r["leader"] == leader and sorted(r["isr"]) == isr and r["hw"] == 0 and r["epoch"] == 0
        assert r["leader"] in replicas
    assert len({r["leader"] for r in rows}) > 1, "leaders should be spread over the brokers"
    # Below the table, the selected partition's replicas one per line.
    wb.screen.wait_all("Partition 0 · epoch 0 · high watermark 0", f"★ broker {rows[0]['leader']}  leader")

    # Selection moves with the keys: up to the other topic and back.
    wb.screen.keys("k")
    wb.screen.wait_for("Partitions of another-topic · RF 3")
    wb.screen.keys("j")
    wb.screen.wait_for("Partitions of quickstart-events · RF 2")

    # A form that cannot be submitted says why and stays open.
    wb.screen.keys("c")
    wb.screen.wait_for("Create topic ─")
    wb.fill_form("bad-topic", "")
    wb.screen.wait_for("Partitions must be a whole number of at least 1.")
    wb.screen.keys("Escape")
    wb.screen.wait_gone("Create topic ─")
    assert "bad-topic" not in wb.topics()


def test_records_typed_in_the_producer_pane_land_in_the_topic_byte_for_byte(workbench_factory):
    wb = workbench_factory()
    samsa("topics", "--create", "--topic", "typed", "--partitions", "1", "--replication-factor", "3",
          "--bootstrap-server", wb.bootstrap)
    wb.wait_topic("typed")
    wb.screen.wait_for("Produce → typed · acks=1 · sticky")

    typed = [
        ("This is my first event", None, "This is my first event"),
        ("user-1:second event", "user-1", "second event"),
        ("사용자:안녕하세요, 카프카!", "사용자", "안녕하세요, 카프카!"),
        ("time\\: 12\\:30", None, "time: 12:30"),  # \: is a literal colon
    ]
    wb.screen.keys("p")
    wb.screen.wait_for(lambda text: "Enter send" in wb.footer(text), what="the producer's key hints")
    for offset, (text, _, _) in enumerate(typed):
        wb.screen.type(text)
        wb.screen.wait_for(text + "▏", what="the typed text in the input")
        wb.screen.keys("Enter")
        wb.screen.wait_for(f"✓ Wrote partition 0, offset {offset}.")
        # The high watermark and the record count rise with each receipt.
        wb.wait_partitions(lambda rows: rows[0]["hw"] == offset + 1, f"the high watermark at {offset + 1}")
        wb.wait_topic("typed", lambda r: r["records"] == str(offset + 1))

    # acks=all and an explicit partition, switched with their keys, show in the pane's title.
    wb.screen.keys("C-a", "C-p", "C-p")
    wb.screen.wait_for("Produce → typed · acks=all · partition 0")
    wb.screen.type("k:acked by all")
    wb.screen.keys("Enter")
    wb.screen.wait_for("✓ Wrote partition 0, offset 4.")
    typed.append(("k:acked by all", "k", "acked by all"))

    records = read_all(wb.bootstrap, "typed", 1, len(typed))
    assert [(p, o) for p, o, _, _ in records] == [(0, i) for i in range(len(typed))]
    for (_, _, key, value), (_, want_key, want_value) in zip(records, typed):
        assert key == (want_key.encode() if want_key else None)
        assert value == want_value.encode("utf-8")
