"""kafka-python against samsa: admin, producer, consumer by partition."""
from kafka import KafkaConsumer, KafkaProducer, TopicPartition
from kafka.admin import ConfigResource, ConfigResourceType, KafkaAdminClient, NewTopic


def test_admin_create_describe(server, topic_name):
    admin = KafkaAdminClient(bootstrap_servers=server.bootstrap, request_timeout_ms=30000)
    admin.create_topics([NewTopic(topic_name, num_partitions=2, replication_factor=1,
                                  topic_configs={"retention.ms": "3600000"})])
    described = admin.describe_topics([topic_name])
    assert described[0]["name"] == topic_name and described[0]["error_code"] == 0
    assert sorted(p["partition_index"] for p in described[0]["partitions"]) == [0, 1]
    assert all(p["leader_id"] == 0 and p["isr_nodes"] == [0] for p in described[0]["partitions"])
    configs = admin.describe_configs([ConfigResource(ConfigResourceType.TOPIC, topic_name)])
    retention = configs["topic"][topic_name]["retention.ms"]
    assert retention["value"] == "3600000" and retention["config_source"] == "DYNAMIC_TOPIC_CONFIG"
    assert topic_name in admin.list_topics()
    admin.close()


def test_producer_and_consumer_by_partition(server, topic_name):
    admin = KafkaAdminClient(bootstrap_servers=server.bootstrap)
    admin.create_topics([NewTopic(topic_name, num_partitions=2, replication_factor=1)])
    admin.close()
    producer = KafkaProducer(bootstrap_servers=server.bootstrap, acks="all")
    futures = [producer.send(topic_name, value=f"v{i}".encode(), key=b"same", partition=1,
                             headers=[("h", b"x")]) for i in range(50)]
    producer.flush()
    metas = [f.get(timeout=30) for f in futures]
    assert [m.offset for m in metas] == list(range(50))
    producer.close()
    consumer = KafkaConsumer(bootstrap_servers=server.bootstrap, consumer_timeout_ms=30000,
                             auto_offset_reset="earliest", enable_auto_commit=False)
    consumer.assign([TopicPartition(topic_name, 1)])
    consumer.seek_to_beginning()
    got = []
    for msg in consumer:
        got.append(msg)
        if len(got) == 50:
            break
    consumer.close()
    assert [m.value for m in got] == [f"v{i}".encode() for i in range(50)]
    assert all(m.key == b"same" and m.headers == [("h", b"x")] for m in got)
