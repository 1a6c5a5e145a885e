"""Transactions in the workbench, driven in tmux: the producer pane begins a transaction (^T), sends inside it and
commits (^E) or aborts (^R); the Partitions pane shows the LSO held below the HW while it is open, the
Transactions pane shows the coordinator's state, and a read_committed consumer started from the menu shows only
what committed while a read_uncommitted one marks open records [pending] and aborted ones [aborted]."""
import re

from confluent_kafka import Producer

from conftest import samsa

# "│workbench-tx      4/0 Ongoing         12s txn[0] │" in the Transactions pane.
TRANSACTION_ROW = re.compile(r"│([^\s│]+)\s+(\d+)/(\d+) (Empty|Ongoing|PrepareCommit|PrepareAbort|CompleteCommit|CompleteAbort|"
                             r"Dead|PrepareEpochFence)\s+(\S+) (\S+)")
# A record in the tail: its value (with its mark), then who read it and at which isolation level.
TAIL_ROW = re.compile(r"@(\d+) (.*?)  (workbench-\w+)/(workbench-consumer-\d+) · (read_\w+)")


def transactions(text):
    """{transactional id: {"producer", "epoch", "state", "age", "partitions"}} from the Transactions pane."""
    rows = {}
    for line in text.split("\n"):
        for match in TRANSACTION_ROW.finditer(line):
            rows[match.group(1)] = {"producer": int(match.group(2)), "epoch": int(match.group(3)),
                                    "state": match.group(4), "age": match.group(5), "partitions": match.group(6)}
    return rows


def tail(text, isolation):
    """[(offset, value with its mark)] the consumers at `isolation` show in the Record tail."""
    return [(int(m.group(1)), m.group(2).strip()) for line in text.split("\n") for m in TAIL_ROW.finditer(line)
            if m.group(5) == isolation]


def wait_transaction(wb, predicate, what, transactional_id="workbench-tx"):
    def check(text):
        row = transactions(text).get(transactional_id)
        return row if row and predicate(row) else None
    return wb.screen.wait_for(check, 60, what=what)


def start_consumers(wb, topic):
    """One read_uncommitted consumer (s in Consumer groups) and one read_committed (from the menu)."""
    wb.tab(2, "s start")
    wb.screen.keys("s")
    wb.screen.wait_for("◂ read_uncommitted ▸")
    wb.screen.keys("Enter")
    wb.screen.wait_for(f"joined workbench-group reading {topic}.", 60)
    wb.screen.keys("m")
    wb.choose("Start a read_committed consumer")
    wb.screen.wait_for("◂ read_committed ▸")
    wb.screen.keys("Enter")
    wb.screen.wait_for(f"joined workbench-committed reading {topic} (read_committed).", 60)


def test_a_transaction_holds_the_lso_until_it_commits_and_an_abort_shows_nothing(workbench_factory):
    wb = workbench_factory()
    samsa("topics", "--create", "--topic", "txn", "--partitions", "1", "--replication-factor", "3",
          "--bootstrap-server", wb.bootstrap)
    wb.wait_topic("txn")
    wb.screen.wait_for("Produce → txn · acks=1 · sticky")
    start_consumers(wb, "txn")

    # Begin, and send two lines inside the transaction.
    wb.screen.keys("p", "C-t")
    began = wb.screen.wait_for(lambda text: re.search(r"Began transaction workbench-tx \(producer (\d+), epoch (\d+)\)", text),
                               60, what="the transaction begun")
    producer, epoch = int(began.group(1)), int(began.group(2))
    for count, value in enumerate(("first", "second"), start=1):
        wb.screen.type(value)
        wb.screen.keys("Enter")
        wb.screen.wait_for(f"in transaction workbench-tx ({count} record{'s' if count > 1 else ''} pending)", 60)

    # Open: the LSO stays at the transaction's first record, below the HW; the coordinator says Ongoing.
    rows = wb.wait_partitions(lambda rows: rows[0]["hw"] == 2 and rows[0]["lso"] == 0, "the LSO held at 0 below HW 2")
    assert rows[0]["lso"] < rows[0]["hw"]
    row = wait_transaction(wb, lambda r: r["state"] == "Ongoing", "workbench-tx Ongoing in the Transactions pane")
    assert (row["producer"], row["epoch"], row["partitions"]) == (producer, epoch, "txn[0]")
    # The read_uncommitted consumer reads the records as pending; the read_committed one reads nothing yet.
    text = wb.screen.wait_for(lambda text: (0, "first [pending]") in tail(text, "read_uncommitted")
                              and (1, "second [pending]") in tail(text, "read_uncommitted") and text, 60,
                              what="both records pending in the read_uncommitted tail")
    assert tail(text, "read_committed") == []

    # Commit: the LSO catches up with the HW (past the commit marker), the state is CompleteCommit, and the
    # read_committed consumer now reads both records.
    wb.screen.keys("C-e")
    wb.screen.wait_for(f"Committed 2 records in transaction workbench-tx (producer {producer}, epoch {epoch}).", 60)
    wb.wait_partitions(lambda rows: rows[0]["hw"] == 3 and rows[0]["lso"] is None, "LSO == HW (3) after the commit")
    wait_transaction(wb, lambda r: r["state"] == "CompleteCommit", "workbench-tx CompleteCommit")
    text = wb.screen.wait_for(lambda text: tail(text, "read_committed") == [(0, "first"), (1, "second")] and text, 60,
                              what="the committed records in the read_committed tail")
    assert (1, "second") in tail(text, "read_uncommitted")  # no longer pending
    wb.screen.wait_for("commit Transaction", 60)  # the Events pane narrates it

    # Abort: the read_uncommitted consumer marks the record aborted; the read_committed one never shows it.
    wb.screen.keys("C-t")
    wb.screen.wait_for("in transaction workbench-tx (0 records pending)", 60)
    wb.screen.type("doomed")
    wb.screen.keys("Enter")
    wb.screen.wait_for("in transaction workbench-tx (1 record pending)", 60)
    wb.screen.keys("C-r")
    wb.screen.wait_for("Aborted 1 record in transaction workbench-tx", 60)
    wait_transaction(wb, lambda r: r["state"] == "CompleteAbort", "workbench-tx CompleteAbort")
    wb.screen.wait_for(lambda text: (3, "doomed [aborted]") in tail(text, "read_uncommitted"), 60,
                       what="the aborted record marked in the read_uncommitted tail")
    # A record written after it shows the read_committed consumer has read past the aborted one.
    wb.screen.type("after")
    wb.screen.keys("Enter")
    wb.screen.wait_for("✓ Wrote partition 0, offset 5.", 60)
    text = wb.screen.wait_for(lambda text: (5, "after") in tail(text, "read_committed") and text, 60,
                              what="the record after the abort in the read_committed tail")
    assert [value for _, value in tail(text, "read_committed")] == ["first", "second", "after"]


def test_attached_the_workbench_shows_another_clients_transaction(server, workbench_factory):
    """librdkafka's transactional producer on a separate `samsa server`, seen over the wire: ListTransactions and
    DescribeTransactions for the Transactions pane, ListOffsets at read_committed for the LSO."""
    samsa("topics", "--create", "--topic", "remote-txn", "--partitions", "1", "--bootstrap-server", server.bootstrap)
    wb = workbench_factory(attach=server.bootstrap)
    wb.screen.wait_for("Partitions of remote-txn")
    start_consumers(wb, "remote-txn")

    producer = Producer({"bootstrap.servers": server.bootstrap, "transactional.id": "remote-tx", "linger.ms": 0})
    producer.init_transactions(30)
    producer.begin_transaction()
    for i in range(3):
        producer.produce("remote-txn", value=f"remote {i}".encode())
    assert producer.flush(30) == 0

    wb.wait_partitions(lambda rows: rows[0]["hw"] == 3 and rows[0]["lso"] == 0, "the LSO held at 0 below HW 3")
    row = wait_transaction(wb, lambda r: r["state"] == "Ongoing", "remote-tx Ongoing", "remote-tx")
    assert row["partitions"] == "remote-txn[0]"
    text = wb.screen.wait_for(lambda text: len(tail(text, "read_uncommitted")) == 3 and text, 60,
                              what="three records in the read_uncommitted tail")
    assert all(value.endswith("[pending]") for _, value in tail(text, "read_uncommitted"))
    assert tail(text, "read_committed") == []

    producer.commit_transaction(30)
    wb.wait_partitions(lambda rows: rows[0]["hw"] == 4 and rows[0]["lso"] is None, "LSO == HW (4) after the commit")
    wait_transaction(wb, lambda r: r["state"] == "CompleteCommit", "remote-tx CompleteCommit", "remote-tx")
    wb.screen.wait_for(lambda text: tail(text, "read_committed") == [(i, f"remote {i}") for i in range(3)], 60,
                       what="the committed records in the read_committed tail")
    wb.screen.wait_for("commit Transaction remote-tx committed", 60)  # told from two looks at the coordinator
