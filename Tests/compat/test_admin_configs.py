"""Config admin APIs against samsa with real clients: confluent-kafka's AdminClient (librdkafka 2.x:
IncrementalAlterConfigs, AlterConfigs, DescribeConfigs with sources and synonyms), kafka-python's
KafkaAdminClient, and `samsa configs` (kafka-configs' flags and output)."""
import time

from confluent_kafka import Consumer, Producer, TopicPartition
from confluent_kafka.admin import (AdminClient, AlterConfigOpType, ConfigEntry, ConfigResource, ConfigSource,
                                   NewTopic, ResourceType)
from kafka.admin import ConfigResource as KafkaPythonResource
from kafka.admin import ConfigResourceType, KafkaAdminClient

from conftest import samsa


def describe(admin, resource):
    return admin.describe_configs([resource])[resource].result(30)


def incremental(admin, kind, name, *ops):
    resource = ConfigResource(kind, name, incremental_configs=[
        ConfigEntry(key, value, incremental_operation=op) for key, value, op in ops])
    return admin.incremental_alter_configs([resource])[resource].result(30)


def test_confluent_incremental_alter_and_describe(server, topic_name):
    admin = AdminClient({"bootstrap.servers": server.bootstrap})
    admin.create_topics([NewTopic(topic_name, num_partitions=1, replication_factor=1)])[topic_name].result(30)
    incremental(admin, ResourceType.TOPIC, topic_name,
                ("retention.ms", "3600000", AlterConfigOpType.SET),
                ("cleanup.policy", "compact", AlterConfigOpType.APPEND))
    configs = describe(admin, ConfigResource(ResourceType.TOPIC, topic_name))
    assert configs["retention.ms"].value == "3600000"
    assert configs["retention.ms"].source == ConfigSource.DYNAMIC_TOPIC_CONFIG.value
    synonyms = [(s.name, s.source) for s in configs["retention.ms"].synonyms.values()]
    assert synonyms[0] == ("retention.ms", ConfigSource.DYNAMIC_TOPIC_CONFIG.value)
    assert configs["cleanup.policy"].value == "delete,compact"
    assert configs["segment.ms"].source == ConfigSource.DEFAULT_CONFIG.value

    incremental(admin, ResourceType.TOPIC, topic_name,
                ("retention.ms", "", AlterConfigOpType.DELETE),
                ("cleanup.policy", "delete", AlterConfigOpType.SUBTRACT))
    configs = describe(admin, ConfigResource(ResourceType.TOPIC, topic_name))
    assert configs["retention.ms"].source == ConfigSource.DEFAULT_CONFIG.value
    assert configs["retention.ms"].value == "604800000"
    assert configs["cleanup.policy"].value == "compact"

    try:
        incremental(admin, ResourceType.TOPIC, topic_name, ("retention.ms", "soon", AlterConfigOpType.SET))
        assert False, "a bad value was accepted"
    except Exception as e:  # KafkaException carrying INVALID_CONFIG and the broker's sentence
        assert "INVALID_CONFIG" in str(e) and "Invalid value soon for configuration retention.ms: Not a number of type LONG" in str(e), str(e)
    try:
        incremental(admin, ResourceType.TOPIC, topic_name, ("no.such.config", "1", AlterConfigOpType.SET))
        assert False, "an unknown key was accepted"
    except Exception as e:
        assert "INVALID_CONFIG" in str(e) and "Unknown topic config name: no.such.config" in str(e), str(e)


def test_confluent_broker_configs_and_legacy_alter(server_factory, topic_name):
    server = server_factory(brokers=2).start()
    admin = AdminClient({"bootstrap.servers": server.bootstrap})
    admin.create_topics([NewTopic(topic_name, num_partitions=1, replication_factor=2)])[topic_name].result(30)
    incremental(admin, ResourceType.BROKER, "1", ("log.retention.ms", "7000000", AlterConfigOpType.SET))
    broker = describe(admin, ConfigResource(ResourceType.BROKER, "1"))
    assert broker["log.retention.ms"].value == "7000000"
    assert broker["log.retention.ms"].source == ConfigSource.DYNAMIC_BROKER_CONFIG.value
    assert broker["num.partitions"].is_read_only
    try:
        incremental(admin, ResourceType.BROKER, "1", ("num.partitions", "4", AlterConfigOpType.SET))
        assert False, "a read-only broker config was accepted"
    except Exception as e:
        assert "INVALID_REQUEST" in str(e) and "Cannot update these configs dynamically" in str(e), str(e)

    resource = ConfigResource(ResourceType.TOPIC, topic_name, set_config={"retention.bytes": "1048576"})
    admin.alter_configs([resource])[resource].result(30)
    assert describe(admin, ConfigResource(ResourceType.TOPIC, topic_name))["retention.bytes"].value == "1048576"


def test_kafka_python_admin(server, topic_name):
    admin = KafkaAdminClient(bootstrap_servers=server.bootstrap)
    try:
        from kafka.admin import NewTopic as KafkaPythonTopic
        admin.create_topics([KafkaPythonTopic(topic_name, 1, 1)])
        admin.alter_configs([KafkaPythonResource(ConfigResourceType.TOPIC, topic_name, configs={"retention.ms": "120000"})])
        described = admin.describe_configs([KafkaPythonResource(ConfigResourceType.TOPIC, topic_name)], include_synonyms=True)
        entry = described["topic"][topic_name]["retention.ms"]
        assert entry["value"] == "120000"
        assert entry["config_source"] == "DYNAMIC_TOPIC_CONFIG"
        broker = admin.describe_configs([KafkaPythonResource(ConfigResourceType.BROKER, "0")], config_filter="all")
        assert broker["broker"]["0"]["log.retention.hours"]["value"] == "168"
        assert broker["broker"]["0"]["log.retention.hours"]["config_source"] == "DEFAULT_CONFIG"
        # Its default filter keeps only values set somewhere: the topic's own.
        modified = admin.describe_configs([KafkaPythonResource(ConfigResourceType.TOPIC, topic_name)])
        assert list(modified["topic"][topic_name]) == ["retention.ms"]
    finally:
        admin.close()


def test_cli_alter_describe_and_effect(server_factory, topic_name):
    server = server_factory(brokers=2).start()
    b = server.bootstrap
    samsa("topics", "--bootstrap-server", b, "--create", "--topic", topic_name, "--partitions", "1",
          "--replication-factor", "2", "--config", "segment.bytes=1024")
    producer = Producer({"bootstrap.servers": b, "acks": "all", "linger.ms": 0})
    for i in range(40):
        producer.produce(topic_name, value=b"x" * 200 + str(i).encode())
        producer.flush(30)
    out = samsa("configs", "--bootstrap-server", b, "--alter", "--entity-type", "topics", "--entity-name", topic_name,
                "--add-config", "retention.bytes=1,cleanup.policy=[delete]").stdout
    assert out.strip() == f"Completed updating config for topic {topic_name}."
    # The log start moved at once, on the leader and the follower alike.
    out = samsa("topics", "--bootstrap-server", b, "--describe", "--topic", topic_name).stdout
    assert "retention.bytes=1" in out
    c = Consumer({"bootstrap.servers": b, "group.id": "unused"})
    low, high = c.get_watermark_offsets(TopicPartition(topic_name, 0), timeout=30)
    c.close()
    assert high == 40 and low > 30, (low, high)

    out = samsa("configs", "--bootstrap-server", b, "--describe", "--entity-type", "topics", "--entity-name", topic_name).stdout
    lines = out.splitlines()
    assert lines[0] == f"Dynamic configs for topic {topic_name} are:"
    assert "  retention.bytes=1 sensitive=false synonyms={DYNAMIC_TOPIC_CONFIG:retention.bytes=1, " \
           "DEFAULT_CONFIG:log.retention.bytes=-1}" in lines
    assert any(line.startswith("  segment.bytes=1024 ") for line in lines)

    out = samsa("configs", "--bootstrap-server", b, "--alter", "--entity-type", "brokers", "--entity-default",
                "--add-config", "log.retention.ms=86400000").stdout
    assert out.strip() == "Completed updating default config for brokers in the cluster."
    out = samsa("configs", "--bootstrap-server", b, "--describe", "--entity-type", "brokers", "--entity-default").stdout
    assert out.splitlines() == ["Default configs for brokers in the cluster are:",
                                "  log.retention.ms=86400000 sensitive=false synonyms={DYNAMIC_DEFAULT_BROKER_CONFIG:"
                                "log.retention.ms=86400000, DEFAULT_CONFIG:log.retention.ms=604800000}"]
    out = samsa("configs", "--bootstrap-server", b, "--describe", "--all", "--entity-type", "topics",
                "--entity-name", topic_name).stdout
    assert f"All configs for topic {topic_name} are:" in out
    assert "  retention.ms=86400000 sensitive=false synonyms={DYNAMIC_DEFAULT_BROKER_CONFIG:log.retention.ms=86400000" in out

    out = samsa("configs", "--bootstrap-server", b, "--alter", "--entity-type", "topics", "--entity-name", topic_name,
                "--delete-config", "retention.bytes").stdout
    assert "Completed updating config" in out
    bad = samsa("configs", "--bootstrap-server", b, "--alter", "--entity-type", "topics", "--entity-name", topic_name,
                "--delete-config", "retention.bytes", check=False)
    assert bad.returncode != 0 and "Invalid config(s): retention.bytes." in bad.stderr
    bad = samsa("configs", "--bootstrap-server", b, "--alter", "--entity-type", "topics", "--entity-name", topic_name,
                "--add-config", "max.message.bytes=huge", check=False)
    assert bad.returncode != 0
    assert bad.stderr.strip().count("\n") == 0 and "Invalid value huge for configuration max.message.bytes: Not a number of type INT" in bad.stderr, bad.stderr
    bad = samsa("configs", "--bootstrap-server", b, "--describe", "--entity-type", "groups", check=False)
    assert bad.returncode != 0 and "--entity-type must be topics, brokers or users" in bad.stderr


def test_configs_survive_restart(server_factory, topic_name):
    server = server_factory(brokers=1).start()
    admin = AdminClient({"bootstrap.servers": server.bootstrap})
    admin.create_topics([NewTopic(topic_name, num_partitions=1, replication_factor=1)])[topic_name].result(30)
    incremental(admin, ResourceType.TOPIC, topic_name, ("min.insync.replicas", "1", AlterConfigOpType.SET),
                ("message.timestamp.type", "LogAppendTime", AlterConfigOpType.SET))
    server.stop()
    server.start()
    deadline = time.time() + 60
    while True:
        try:
            configs = describe(AdminClient({"bootstrap.servers": server.bootstrap}), ConfigResource(ResourceType.TOPIC, topic_name))
            break
        except Exception:
            if time.time() > deadline:
                raise
            time.sleep(0.5)
    assert configs["message.timestamp.type"].value == "LogAppendTime"
    assert configs["message.timestamp.type"].source == ConfigSource.DYNAMIC_TOPIC_CONFIG.value
