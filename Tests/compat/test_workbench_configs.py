"""Topic detail and the topic forms of the workbench, driven in tmux: retention.ms changed in topic detail
(`i`) is what kafka-python's and confluent-kafka's describe_configs see, its row says DYNAMIC_TOPIC_CONFIG, the
log start moves once retention drops the old records, `d` reverts it, and a bad value shows the broker's
INVALID_CONFIG sentence; a topic created from the form with cleanup.policy=compact has it; delete asks for
the topic's name typed exactly. Run on the embedded cluster and attached to a `samsa server`."""
import re
import time

import pytest
from confluent_kafka.admin import AdminClient, ConfigResource as CKResource, ConfigSource
from kafka import KafkaProducer
from kafka.admin import ConfigResource, ConfigResourceType, KafkaAdminClient

from conftest import samsa

TOPIC = "events"


def produce_old(bootstrap, count):
    """`count` records over two partitions stamped an hour ago, so a short retention drops them."""
    producer = KafkaProducer(bootstrap_servers=bootstrap, linger_ms=0)
    stamp = int(time.time() * 1000) - 3600_000
    for i in range(count):
        # One batch per record (waiting for each), so the small segments roll.
        producer.send(TOPIC, value=f"event {i}".encode(), partition=i % 2, timestamp_ms=stamp).get(30)
    producer.flush(30)
    producer.close()


def kafka_python_config(bootstrap, topic, name):
    """(value, source) of one config as kafka-python's admin describes it."""
    admin = KafkaAdminClient(bootstrap_servers=bootstrap)
    try:
        found = admin.describe_configs([ConfigResource(ConfigResourceType.TOPIC, topic)], config_filter="all")
        config = found["topic"][topic][name]
        return config["value"], config.get("config_source")
    finally:
        admin.close()


def confluent_config(bootstrap, topic, name):
    """(value, source) of one config as confluent-kafka's AdminClient describes it."""
    admin = AdminClient({"bootstrap.servers": bootstrap})
    futures = admin.describe_configs([CKResource(CKResource.Type.TOPIC, topic)])
    entries = list(futures.values())[0].result(30)
    return entries[name].value, entries[name].source


def select_topic(wb, name):
    """Moves the Topics pane's selection to `name` (the Partitions pane then names it)."""
    wb.screen.keys("g")
    for _ in range(20):
        if f"Partitions of {name} ·" in wb.screen.text():
            return
        wb.screen.keys("j")
        time.sleep(0.2)
    wb.screen.wait_for(f"Partitions of {name} ·", 10)


def select_config(wb, name):
    """Moves topic detail's selection down to `name` (its hint line names the selected config)."""
    wb.screen.keys("g")
    for _ in range(80):
        if f"{name}: Enter edit" in wb.screen.text():
            return
        wb.screen.keys("j")
        time.sleep(0.1)
    wb.screen.wait_for(f"{name}: Enter edit", 10)


def config_row(text, name):
    """(value, source) from topic detail's row of `name`."""
    match = re.search(rf"[● ] {re.escape(name)}\s+(\S+)\s+([A-Z_]+_CONFIG)", text)
    return (match.group(1), match.group(2)) if match else None


@pytest.fixture(params=["embedded", "attached"])
def bench(request, workbench_factory, server_factory):
    if request.param == "embedded":
        wb = workbench_factory()
        return wb, wb.bootstrap
    server = server_factory().start()
    return workbench_factory(attach=server.bootstrap), server.bootstrap


def test_retention_changed_in_topic_detail_is_what_clients_see_and_moves_the_log_start(bench):
    wb, bootstrap = bench
    # Small segments: retention removes whole segments and never the active one, so some are needed.
    samsa("topics", "--create", "--topic", TOPIC, "--partitions", "2", "--config", "segment.bytes=256",
          "--bootstrap-server", bootstrap)
    produce_old(bootstrap, 100)
    wb.wait_topic(TOPIC, lambda r: r["records"] == "100")
    select_topic(wb, TOPIC)

    wb.screen.keys("i")
    wb.screen.wait_all(f"Topic {TOPIC} · configs", "2 partitions · 100 records", "p0  log start 0  end 50")
    assert config_row(wb.screen.text(), "retention.ms") == ("604800000", "DEFAULT_CONFIG")

    select_config(wb, "retention.ms")
    wb.screen.keys("Enter")
    wb.screen.wait_for(f"Set retention.ms on {TOPIC} ─")
    wb.fill_form("1000")
    wb.screen.wait_for(f"Set retention.ms=1000 on {TOPIC}.", 60)
    wb.screen.wait_for(lambda text: config_row(text, "retention.ms") == ("1000", "DYNAMIC_TOPIC_CONFIG"), 30,
                       what="retention.ms 1000 from DYNAMIC_TOPIC_CONFIG")
    assert kafka_python_config(bootstrap, TOPIC, "retention.ms")[0] == "1000"
    assert str(kafka_python_config(bootstrap, TOPIC, "retention.ms")[1]) in ("1", "DYNAMIC_TOPIC_CONFIG", "ConfigSourceType.DYNAMIC_TOPIC_CONFIG")
    assert confluent_config(bootstrap, TOPIC, "retention.ms") == ("1000", ConfigSource.DYNAMIC_TOPIC_CONFIG.value)

    # Retention drops the segments of hour-old records (all but the active one); refreshing (r) shows each
    # partition's log start moved past 0, with fewer records left.
    def log_starts(text):
        return {int(p): int(s.replace(",", "")) for p, s in re.findall(r"p(\d)  log start ([\d,]+)  end 50", text)}
    deadline = time.time() + 120
    while not (len(log_starts(wb.screen.text())) == 2 and all(s > 0 for s in log_starts(wb.screen.text()).values())):
        assert time.time() < deadline, "the log start never moved:\n" + wb.screen.text()
        wb.screen.keys("r")
        time.sleep(2)
    left = re.search(r"2 partitions · (\d+) records", wb.screen.text())
    assert left and int(left.group(1)) < 100

    # A bad value: the broker's INVALID_CONFIG sentence, and nothing changed.
    wb.screen.keys("Enter")
    wb.screen.wait_for(f"Set retention.ms on {TOPIC} ─")
    wb.fill_form("soon")
    # Worded as Kafka's broker words it.
    wb.screen.wait_for(lambda text: "Invalid value soon for configuration retention.ms" in wb.status(text), 60,
                       what="the broker's INVALID_CONFIG sentence on the status line")
    assert confluent_config(bootstrap, TOPIC, "retention.ms")[0] == "1000"

    # d reverts to the default (IncrementalAlterConfigs DELETE).
    wb.screen.keys("d")
    wb.screen.wait_for(f"Reverted retention.ms on {TOPIC} to its default.", 60)
    wb.screen.wait_for(lambda text: config_row(text, "retention.ms") == ("604800000", "DEFAULT_CONFIG"), 30,
                       what="retention.ms back to its default")
    assert confluent_config(bootstrap, TOPIC, "retention.ms") == ("604800000", ConfigSource.DEFAULT_CONFIG.value)
    wb.screen.keys("Escape")
    wb.screen.wait_gone(f"Topic {TOPIC} · configs")


def test_create_with_cleanup_policy_compact_then_delete_by_typed_name(bench):
    wb, bootstrap = bench
    wb.screen.keys("c")
    wb.screen.wait_all("Create topic ─", "cleanup.policy:", "compression.type:")
    wb.screen.keys("C-u")
    wb.screen.type("compacted")
    wb.screen.keys("Tab", "C-u")
    wb.screen.type("1")
    wb.screen.keys("Tab", "C-u")
    wb.screen.type("1")
    wb.screen.keys("Tab", "Right", "Right")  # cleanup.policy: default, delete, compact
    wb.screen.wait_for("◂ compact ▸")
    wb.screen.keys("Enter")
    wb.screen.wait_for("Created topic compacted (1 partition, replication factor 1, cleanup.policy=compact).", 60)
    wb.wait_topic("compacted")
    assert confluent_config(bootstrap, "compacted", "cleanup.policy") == ("compact", ConfigSource.DYNAMIC_TOPIC_CONFIG.value)
    assert kafka_python_config(bootstrap, "compacted", "cleanup.policy")[0] == "compact"

    # Delete asks for the name typed exactly; a wrong one says so and deletes nothing.
    select_topic(wb, "compacted")
    wb.screen.keys("d")
    wb.screen.wait_for("Delete topic compacted and all its records ─")
    wb.screen.type("compacte")
    wb.screen.keys("Enter")
    wb.screen.wait_for("\"compacte\" is not compacted: type its name exactly.")
    assert "compacted" in samsa("topics", "--list", "--bootstrap-server", bootstrap).stdout
    wb.fill_form("compacted")
    wb.screen.wait_for("Deleted topic compacted.", 60)
    deadline = time.time() + 60
    while "compacted" in samsa("topics", "--list", "--bootstrap-server", bootstrap).stdout.split():
        assert time.time() < deadline, "the topic was not deleted"
        time.sleep(0.5)
