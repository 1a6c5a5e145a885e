"""Consumers started from the workbench, driven in tmux: the group appears with its members, committed
offsets and lag; what it reads shows in the record tail; lag built up while it is stopped falls back to zero
when another member starts."""
import re

from confluent_kafka import Producer

from conftest import samsa


def produce(bootstrap, topic, values, partitions):
    producer = Producer({"bootstrap.servers": bootstrap, "linger.ms": 0})
    for i, value in enumerate(values):
        producer.produce(topic, value=value.encode(), partition=i % partitions)
    assert producer.flush(15) == 0


def group_row(wb, group, text):
    """(state, members, lag) from the group's row in the Consumer groups pane."""
    match = re.search(rf"│{re.escape(group)}\s+(\w+)\s+(\d+)\s+(\S+) ", text)
    return (match.group(1), int(match.group(2)), match.group(3)) if match else None


def offsets(text, topic):
    """{partition: (committed, log end, lag)} from the selected group's detail."""
    rows = {}
    for match in re.finditer(rf"│ {re.escape(topic)}-(\d+)\s+(\S+)\s+(\S+)\s+(\S+) │", text):
        rows[int(match.group(1))] = tuple(match.group(i) for i in (2, 3, 4))
    return rows


def described(bootstrap, group):
    """{partition: (current offset, log end)} from `samsa consumer-groups --describe`."""
    out = samsa("consumer-groups", "--describe", "--group", group, "--bootstrap-server", bootstrap).stdout
    rows = {}
    for line in out.splitlines()[1:]:
        cols = line.split()
        if len(cols) >= 5 and cols[2].isdigit():
            rows[int(cols[2])] = (cols[3], cols[4])
    return rows


def test_a_consumer_started_here_reads_commits_and_catches_up(workbench_factory):
    wb = workbench_factory()
    samsa("topics", "--create", "--topic", "orders", "--partitions", "3", "--replication-factor", "3",
          "--bootstrap-server", wb.bootstrap)
    produce(wb.bootstrap, "orders", [f"order {i}" for i in range(30)], 3)
    wb.wait_topic("orders", lambda r: r["records"] == "30")

    wb.tab(2, "s start")
    wb.screen.keys("s")
    wb.screen.wait_for("Start a consumer ─")
    wb.screen.wait_all("Topic: orders")  # the selected topic is offered
    wb.fill_form("billing")
    wb.screen.wait_for("joined billing reading orders.")

    def caught_up(text):
        row = group_row(wb, "billing", text)
        rows = offsets(text, "orders")
        done = row and row[0] == "Stable" and row[1] == 1 and row[2] == "0" and len(rows) == 3 \
            and all(committed == end == "10" and lag == "0" for committed, end, lag in rows.values())
        return done
    wb.screen.wait_for(caught_up, 60, what="group billing Stable with 1 member, every partition committed at 10")
    wb.screen.wait_all("Members (1)")
    # The committed offsets are the group's real ones, as any Kafka tool reads them.
    assert described(wb.bootstrap, "billing") == {p: ("10", "10") for p in range(3)}
    # The tail shows what the member read, with its group and client id.
    wb.screen.wait_for("Record tail (30)")
    wb.screen.wait_for(lambda text: re.search(r"orders-\d@9 order \d+  billing/workbench-consumer-1", text),
                       what="the last record of a partition in the tail, read by billing's member")

    # Stop it (x): the group empties and keeps its offsets; new records become lag.
    wb.screen.keys("x")
    wb.screen.wait_for("workbench-consumer-1 in billing on orders")
    wb.screen.keys("Enter")
    wb.screen.wait_for("Stopped consumer workbench-consumer-1")
    wb.screen.wait_for(lambda text: group_row(wb, "billing", text) == ("Empty", 0, "0"), what="billing Empty")
    produce(wb.bootstrap, "orders", [f"late {i}" for i in range(12)], 3)
    wb.screen.wait_for(lambda text: group_row(wb, "billing", text) == ("Empty", 0, "12"), what="lag 12 on billing")
    wb.screen.wait_for(lambda text: offsets(text, "orders") == {p: ("10", "14", "4") for p in range(3)},
                       what="committed 10, log end 14, lag 4 on each partition")

    # Enter on the group offers another member; it starts from the committed offsets and the lag falls to 0.
    wb.screen.keys("Enter")
    wb.screen.wait_for("Group billing ─")
    wb.choose("Start another consumer in billing")
    wb.screen.wait_for("Start a consumer ─")
    wb.screen.wait_all("Group: billing")
    wb.screen.keys("Enter")
    wb.screen.wait_for(lambda text: group_row(wb, "billing", text) == ("Stable", 1, "0"), 60,
                       what="billing Stable again with lag 0")
    wb.screen.wait_for("Record tail (42)")
    wb.screen.wait_for(lambda text: re.search(r"late \d+  billing/workbench-consumer-2", text),
                       what="the late records read by the new member")
    assert described(wb.bootstrap, "billing") == {p: ("14", "14") for p in range(3)}

    # Quitting asks first while a consumer started here runs; yes stops it and exits cleanly.
    wb.screen.keys("q")
    wb.screen.wait_for("1 consumer started here will stop. Quit anyway?")
    wb.screen.keys("y")
    assert wb.screen.wait_exit() == 0
