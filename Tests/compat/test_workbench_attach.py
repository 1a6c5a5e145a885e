"""The workbench attached to a separately started `samsa server` (`samsa tui --bootstrap-server`), driven in
tmux: it shows that cluster's topics and groups as seen over the wire, acts on it through the wire, and offers
no fault menu, since it does not own the brokers."""
import re

from confluent_kafka import Consumer, Producer

from conftest import free_port, samsa


def test_attach_mode_shows_another_clusters_topics_and_groups_without_faults(server, workbench_factory):
    samsa("topics", "--create", "--topic", "remote-events", "--partitions", "2", "--bootstrap-server", server.bootstrap)
    producer = Producer({"bootstrap.servers": server.bootstrap, "linger.ms": 0})
    for i in range(5):
        producer.produce("remote-events", value=f"remote {i}".encode(), partition=i % 2)
    assert producer.flush(15) == 0
    # A group that read three records and committed, then left: lag 2.
    consumer = Consumer({"bootstrap.servers": server.bootstrap, "group.id": "remote-readers",
                         "auto.offset.reset": "earliest", "enable.auto.commit": False})
    consumer.subscribe(["remote-events"])
    read = []
    while len(read) < 5:
        read += [m for m in consumer.consume(5, timeout=1) if not m.error()]
    consumer.commit(offsets=None, asynchronous=False)
    consumer.close()
    samsa("consumer-groups", "--reset-offsets", "--group", "remote-readers", "--topic", "remote-events:0",
          "--shift-by", "-2", "--execute", "--bootstrap-server", server.bootstrap)

    wb = workbench_factory(attach=server.bootstrap)
    assert f"attached to {server.bootstrap}" in wb.header()
    row = wb.wait_topic("remote-events", lambda r: r["records"] == "5")
    assert (row["partitions"], row["rf"]) == (2, 1)
    wb.screen.wait_for(lambda text: re.search(r"│remote-readers\s+Empty\s+0\s+2 ", text), 60,
                       what="group remote-readers, empty, lag 2")

    # The menu acts on topics and groups, but has no cluster faults.
    wb.screen.keys("m")
    # Wait for the whole menu (its last item) before checking what it lacks.
    wb.screen.wait_all("Actions ─", "Create topic…", "Stop a consumer…")
    for fault in ("Cluster", "Kill broker", "Start broker", "Isolate broker", "Heal"):
        assert fault not in wb.screen.last
    wb.choose("Create topic")
    wb.screen.wait_for("Create topic ─")
    wb.fill_form("made-while-attached", "1", "1")
    wb.screen.wait_for("Created topic made-while-attached (1 partition, replication factor 1).")
    wb.wait_topic("made-while-attached")
    assert "made-while-attached" in samsa("topics", "--list", "--bootstrap-server", server.bootstrap).stdout

    wb.screen.keys("q")
    assert wb.screen.wait_exit() == 0
    assert server.alive(), "quitting the attached workbench must leave the cluster alone"


def test_attaching_to_an_unreachable_cluster_says_so_then_follows_it_once_up(server_factory, workbench_factory):
    port = free_port(1)
    wb = workbench_factory(attach=f"127.0.0.1:{port}", start=False).start(ready=False)
    wb.screen.wait_all("brokers none known", f"Cannot read the cluster at 127.0.0.1:{port}", "q quit")
    server = server_factory(port=port).start()
    samsa("topics", "--create", "--topic", "late-arrival", "--bootstrap-server", server.bootstrap)
    wb.wait_ready()
    wb.wait_topic("late-arrival")
    assert "brokers ▲0♛ │" in wb.header()
