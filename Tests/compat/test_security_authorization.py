"""Authorization with Kafka's StandardAuthorizer on a PLAINTEXT `samsa server`, with real clients
(confluent-kafka / librdkafka 2.x and kafka-python) connecting as User:ANONYMOUS. ACLs are set only through
server.properties here (`allow.everyone.if.no.acl.found`, `super.users`); per-ACL cases over CreateAcls are
in test_security_acls_admin.py."""
import os
import tempfile

import pytest
from confluent_kafka import Consumer, KafkaError, Producer
from confluent_kafka.admin import AdminClient
from kafka import KafkaConsumer, KafkaProducer
from kafka.errors import GroupAuthorizationFailedError, TopicAuthorizationFailedError

AUTHORIZER = "org.apache.kafka.metadata.authorizer.StandardAuthorizer"


def properties(**settings):
    fd, path = tempfile.mkstemp(prefix="samsa-authz-", suffix=".properties")
    with os.fdopen(fd, "w") as f:
        f.write(f"authorizer.class.name={AUTHORIZER}\n")
        for key, value in settings.items():
            f.write(f"{key.replace('_', '.')}={value}\n")
    return path


def start(server_factory, data_dir=None, port=None, **settings):
    return server_factory(extra=["--config", properties(**settings)], data_dir=data_dir, port=port).start()


def produce_confluent(bootstrap, topic):
    """Delivers one record; returns the delivery error (None when it was written)."""
    errors = []
    producer = Producer({"bootstrap.servers": bootstrap, "message.timeout.ms": 10000})
    producer.produce(topic, b"v", on_delivery=lambda err, msg: errors.append(err))
    producer.flush(20)
    assert errors, "the delivery report never came"
    return errors[0]


@pytest.fixture
def locked(server_factory):
    """Topics written while everyone was allowed, then the same data served with no ACL allowing anything."""
    open_server = start(server_factory, allow_everyone_if_no_acl_found="true")
    for topic in ("orders", "payments"):
        assert produce_confluent(open_server.bootstrap, topic) is None
    open_server.stop()
    return start(server_factory, data_dir=open_server.data_dir, port=open_server.port,
                 allow_everyone_if_no_acl_found="false")


def test_everyone_allowed_when_no_acl_is_found(server_factory):
    server = start(server_factory, allow_everyone_if_no_acl_found="true")
    assert produce_confluent(server.bootstrap, "open") is None
    consumer = Consumer({"bootstrap.servers": server.bootstrap, "group.id": "g", "auto.offset.reset": "earliest"})
    consumer.subscribe(["open"])
    try:
        message = None
        for _ in range(60):
            message = consumer.poll(1)
            if message is not None and not message.error():
                break
        assert message is not None and message.value() == b"v"
    finally:
        consumer.close()


def test_confluent_is_refused_topics_and_groups(locked):
    admin = AdminClient({"bootstrap.servers": locked.bootstrap})
    assert admin.list_topics(timeout=20).topics == {}  # topics it may not describe are left out
    assert produce_confluent(locked.bootstrap, "orders").code() == KafkaError.TOPIC_AUTHORIZATION_FAILED
    consumer = Consumer({"bootstrap.servers": locked.bootstrap, "group.id": "readers", "auto.offset.reset": "earliest"})
    consumer.subscribe(["orders"])
    try:
        codes = set()
        for _ in range(30):
            message = consumer.poll(1)
            if message is not None and message.error():
                codes.add(message.error().code())
            if KafkaError.GROUP_AUTHORIZATION_FAILED in codes:
                break
        assert KafkaError.GROUP_AUTHORIZATION_FAILED in codes, codes
    finally:
        consumer.close()


def test_kafka_python_is_refused_topics_and_groups(locked):
    producer = KafkaProducer(bootstrap_servers=locked.bootstrap, max_block_ms=10000)
    try:
        with pytest.raises(TopicAuthorizationFailedError):
            producer.send("orders", b"v").get(timeout=20)
    finally:
        producer.close(timeout=5)
    consumer = KafkaConsumer(bootstrap_servers=locked.bootstrap, group_id="readers", auto_offset_reset="earliest",
                             consumer_timeout_ms=10000)
    try:
        assert consumer.topics() == set()
        consumer.subscribe(["orders"])
        with pytest.raises(GroupAuthorizationFailedError):
            for _ in range(20):
                consumer.poll(timeout_ms=1000)
    finally:
        consumer.close()


def test_super_user_may_do_anything(server_factory):
    server = start(server_factory, allow_everyone_if_no_acl_found="false", super_users="User:ANONYMOUS")
    assert produce_confluent(server.bootstrap, "anything") is None
    assert "anything" in AdminClient({"bootstrap.servers": server.bootstrap}).list_topics(timeout=20).topics
