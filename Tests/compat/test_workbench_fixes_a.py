"""Issue 13's fixes 1-6, driven in tmux against the real binary: the bootstrap address in the header, pane keys
that act from the tour, one event line per cause, internal topics hidden and the consumer form's defaults,
what fits at 80x24, and attach mode when the cluster stops answering."""
import re

from confluent_kafka import Consumer, Producer

from conftest import free_port, samsa

# An ISR growth line: folded ("ISR of 53 partitions (50 internal) grew back to 3: orders-0, …"), an internal
# topic's own summary ("In-sync replicas of 50 partition(s) of __consumer_offsets grew to 3") or one partition.
ISR_GREW = re.compile(r"isr\+ (?:ISR of (?P<folded>\d+) (?:internal )?partitions?(?: \((?P<internal>\d+) internal\))? grew back to 3"
                      r"|In-sync replicas of (?:(?P<summary>\d+) partition\(s\) of )?\S+ grew to)")


def produce(bootstrap, topic, count):
    producer = Producer({"bootstrap.servers": bootstrap, "linger.ms": 0})
    for i in range(count):
        producer.produce(topic, value=f"record {i}".encode(), partition=i % 3)
    assert producer.flush(30) == 0


def commit_group(bootstrap, group, topic, records):
    """A group that reads `records` records of `topic`, commits and leaves (so __consumer_offsets exists)."""
    consumer = Consumer({"bootstrap.servers": bootstrap, "group.id": group, "auto.offset.reset": "earliest",
                         "enable.auto.commit": False})
    consumer.subscribe([topic])
    read = []
    for _ in range(120):
        read += [m for m in consumer.consume(10, timeout=1) if not m.error()]
        if len(read) >= records:
            break
    assert len(read) >= records
    consumer.commit(asynchronous=False)
    consumer.close()


def kill_and_start(wb, broker):
    wb.screen.keys("m")
    wb.choose("Kill broker (crash)")
    wb.choose(f"Broker {broker} ")
    wb.screen.wait_for(f"Killed broker {broker}.", 60)
    wb.screen.keys("m")
    wb.choose("Start broker")
    wb.choose(f"Broker {broker} ")
    wb.screen.wait_for(f"Started broker {broker}", 60)


def test_at_80x24_the_header_names_the_bootstrap_address_and_keeps_health_and_quit(workbench_factory):
    wb = workbench_factory("--tour", width=80, height=24)
    assert f"127.0.0.1:{wb.port}-{wb.port + 2}" in wb.header()
    samsa("topics", "--create", "--topic", "orders", "--partitions", "3", "--replication-factor", "3",
          "--bootstrap-server", wb.bootstrap)
    produce(wb.bootstrap, "orders", 9)
    commit_group(wb.bootstrap, "settlement-reconciliation-nightly", "orders", 9)
    produce(wb.bootstrap, "orders", 3)  # lag 3
    # The group's name is cut with "…" after its lag is placed, even in the narrow pane beside the tour.
    wb.screen.wait_for(lambda text: re.search(r"│settlement-\S*…(?:\s+\S+)*\s+3\s*│", text), 60,
                       what="the long group name cut before its lag of 3")
    wb.screen.keys("m")
    wb.choose("Kill broker (crash)")
    wb.choose("Broker 2 ")
    wb.screen.wait_for("Killed broker 2.", 60)
    wb.screen.wait_for(lambda text: re.search(r"\d+ under-replicated", text.split("\n")[0]), 60,
                       what="the under-replicated count in the 80-column header")
    for _ in range(8):  # every pane's footer, the tour's included, still offers quit
        assert "q quit" in wb.footer() or "send" in wb.footer(), wb.footer()
        wb.screen.keys("Tab")
    assert wb.screen.wait_for(lambda text: "q quit" in wb.footer(text), 30)


def test_pane_keys_act_from_the_tour_and_n_moves_the_tour_from_any_pane(workbench_factory):
    wb = workbench_factory("--tour")
    wb.screen.wait_for("Welcome to Kafka's quick start")
    wb.screen.keys("Tab")  # Topics (the tour is last in the focus order)
    wb.screen.wait_for(lambda text: "c create" in wb.footer(text), 30, what="Topics focused")
    wb.screen.keys("n")
    wb.screen.wait_for("Events and topics")
    wb.screen.keys("BTab")  # back to the tour
    wb.screen.wait_for(lambda text: "n/Enter next" in wb.footer(text), 30, what="the tour focused")
    wb.screen.keys("c")  # a Topics key, pressed in the tour
    wb.screen.wait_for("Create topic ─")
    wb.screen.keys("Escape")
    wb.screen.wait_gone("Create topic ─")
    wb.screen.keys("t", "n")  # the tour hidden: n says where it works
    wb.screen.wait_for("n works in the Tour pane")
    assert "t shows the tour" in wb.screen.last


def test_a_broker_restart_is_one_event_line_per_cause(workbench_factory):
    wb = workbench_factory()
    samsa("topics", "--create", "--topic", "orders", "--partitions", "3", "--replication-factor", "3",
          "--bootstrap-server", wb.bootstrap)
    produce(wb.bootstrap, "orders", 6)
    commit_group(wb.bootstrap, "readers", "orders", 6)
    wb.screen.wait_for("1 internal hidden", 60)
    kill_and_start(wb, 0)
    wb.wait_partitions(lambda rows: len(rows) == 3 and all(len(r["isr"]) == 3 for r in rows), "every ISR whole again")

    def folded(text):
        grown = [m for line in text.split("\n") for m in ISR_GREW.finditer(line)]
        total = sum(int(m.group("folded") or m.group("summary") or 1) for m in grown)
        return grown if total >= 53 else None
    grown = wb.screen.wait_for(folded, 90, what="the restart's ISR growth told for all 53 partitions")
    # 53 partitions (50 of __consumer_offsets, 3 of orders) grew back in a handful of lines, not 53.
    assert len(grown) <= 5, wb.screen.last
    assert any(m.group("internal") for m in grown), "a line gives the internal share"
    # (The event log's width may cut the end of a line: its start says it all.)
    assert re.search(r"isr− ISR of 53 partitions \(50 internal\) shrank to 2: orders-0", wb.screen.last), wb.screen.last
    assert "orders" in wb.screen.last


def test_internal_topics_hidden_and_the_consumer_form_joins_the_selected_group(workbench_factory):
    wb = workbench_factory()
    samsa("topics", "--create", "--topic", "orders", "--partitions", "3", "--replication-factor", "3",
          "--bootstrap-server", wb.bootstrap)
    produce(wb.bootstrap, "orders", 6)
    commit_group(wb.bootstrap, "billing", "orders", 6)
    wb.screen.wait_for("Topics (1) · 1 internal hidden", 60)
    assert "__consumer_offsets" not in wb.topics()
    assert "Partitions of orders" in wb.screen.last
    wb.screen.keys("a")
    wb.screen.wait_for("Showing 1 internal topic; a hides them again.")
    wb.screen.wait_for("│__consumer_offsets")
    wb.screen.keys("a")
    wb.screen.wait_for("Topics (1) · 1 internal hidden")
    assert "a internal" in wb.footer()

    wb.tab(2, "s start")
    wb.screen.keys("s")
    wb.screen.wait_all("Start a consumer ─", "Group: billing", "Topic: orders")
    wb.screen.keys("Escape")

    # After a restart the selection is a user topic, not the internal one that sorts first.
    wb.stop()
    again = workbench_factory(data_dir=wb.data_dir, port=wb.port)
    again.screen.wait_all("Partitions of orders", "1 internal hidden", timeout=60)


def test_attach_mode_says_when_the_cluster_stops_answering_and_when_it_is_back(server_factory, workbench_factory):
    server = server_factory(port=free_port(1)).start()
    samsa("topics", "--create", "--topic", "remote", "--bootstrap-server", server.bootstrap)
    wb = workbench_factory(attach=server.bootstrap)
    wb.wait_topic("remote")
    server.stop()
    silent = wb.screen.wait_for(lambda text: re.search(r"brokers \?0 │ not answering since (\d\d:\d\d:\d\d)", text.split("\n")[0]),
                                60, what="the header saying the cluster is not answering")
    assert "remote" in wb.topics(), "the last view stays on screen"
    server.start()
    wb.screen.wait_for(lambda text: "brokers ▲0♛ │" in text.split("\n")[0], 60, what="the brokers known again")
    wb.screen.wait_for(f"up Reconnected to {server.bootstrap} after not answering since {silent.group(1)}", 30)
