"""SASL on a SASL_PLAINTEXT listener with real clients: confluent-kafka (librdkafka) and kafka-python log in with
PLAIN (users from the listener's JAAS line) and produce and consume; a wrong password and an unknown user are
refused with an authentication error; a client that does not speak SASL gets nothing; no password reaches the
server's log. SCRAM users are created with `samsa server --add-scram` (kafka-storage's syntax) when the binary
has it. SASL_SSL is covered where TLS listeners are tested."""
import logging
import subprocess
import uuid

import pytest
from confluent_kafka import KafkaError

from conftest import SAMSA, Server
from security_certs import librdkafka_error, produce_and_consume, write_properties

JAAS = ('org.apache.kafka.common.security.plain.PlainLoginModule required username="admin" password="admin-secret" '
        'user_admin="admin-secret" user_alice="alice-secret";')


@pytest.fixture
def servers():
    made = []
    yield made
    for s in made:
        s.cleanup()


def sasl_server(servers, extra=(), **properties):
    """A server whose only listener is SASL_PLAINTEXT (conftest's --port sets its port), with PLAIN users."""
    settings = {"listeners": "SASL_PLAINTEXT://127.0.0.1:9092",
                "sasl.enabled.mechanisms": "PLAIN,SCRAM-SHA-256,SCRAM-SHA-512",
                "listener.name.sasl_plaintext.plain.sasl.jaas.config": JAAS}
    settings.update(properties)
    server = Server(extra=["--config", write_properties(settings), *extra])
    servers.append(server)
    return server.start()


def sasl_config(server, user, password, mechanism="PLAIN", **more):
    return {"bootstrap.servers": server.bootstrap, "security.protocol": "SASL_PLAINTEXT", "sasl.mechanism": mechanism,
            "sasl.username": user, "sasl.password": password, **more}


def topic_name():
    return "t-" + uuid.uuid4().hex[:10]


def test_confluent_kafka_plain_produces_and_consumes(servers):
    server = sasl_server(servers)
    produce_and_consume(sasl_config(server, "alice", "alice-secret"), topic_name())


def test_kafka_python_plain_produces_and_consumes(servers):
    from kafka import KafkaConsumer, KafkaProducer
    server = sasl_server(servers)
    security = dict(bootstrap_servers=server.bootstrap, security_protocol="SASL_PLAINTEXT", sasl_mechanism="PLAIN",
                    sasl_plain_username="alice", sasl_plain_password="alice-secret")
    topic = topic_name()
    producer = KafkaProducer(**security)
    for i in range(10):
        producer.send(topic, f"m{i}".encode()).get(timeout=60)
    producer.close()
    consumer = KafkaConsumer(topic, group_id="g-" + topic, auto_offset_reset="earliest", consumer_timeout_ms=20000, **security)
    seen = {m.value.decode() for _, m in zip(range(10), consumer)}
    consumer.close()
    assert seen == {f"m{i}" for i in range(10)}


@pytest.mark.parametrize("user,password", [("alice", "wrong-password"), ("mallory", "alice-secret")])
def test_confluent_kafka_bad_credentials_are_refused(servers, user, password):
    server = sasl_server(servers)
    error = librdkafka_error(sasl_config(server, user, password))
    assert error is not None and error.code() == KafkaError._AUTHENTICATION, error
    assert "Invalid username or password" in error.str()
    assert "wrong-password" not in server.output(0) and "alice-secret" not in server.output(0)
    assert "1 failed PLAIN login since start" in server.output(0)  # failed logins are counted


@pytest.mark.parametrize("user,password", [("alice", "wrong-password"), ("mallory", "alice-secret")])
def test_kafka_python_bad_credentials_are_refused(servers, user, password, caplog):
    from kafka import KafkaProducer
    from kafka.errors import KafkaError as PythonKafkaError
    server = sasl_server(servers)
    # kafka-python gives up bootstrapping; it logs the broker's refusal. It drops an answer that arrives in the
    # same read as the connection's close ("socket disconnected"), so the broker leaves the close to the client.
    with caplog.at_level(logging.WARNING), pytest.raises(PythonKafkaError):
        KafkaProducer(bootstrap_servers=server.bootstrap, security_protocol="SASL_PLAINTEXT", sasl_mechanism="PLAIN",
                      sasl_plain_username=user, sasl_plain_password=password, request_timeout_ms=10000,
                      max_block_ms=10000, bootstrap_timeout_ms=10000).close()
    assert "Invalid username or password" in caplog.text
    assert "socket disconnected" not in caplog.text


def test_a_client_without_sasl_gets_nothing(servers):
    server = sasl_server(servers)
    error = librdkafka_error({"bootstrap.servers": server.bootstrap})
    # Its Metadata before authenticating closes the connection, as Kafka does: it never learns the cluster.
    assert error is not None
    assert server.alive()


def test_gssapi_is_refused_at_start(servers):
    with pytest.raises(RuntimeError) as failure:
        sasl_server(servers, **{"sasl.enabled.mechanisms": "GSSAPI"})
    assert "SASL mechanism GSSAPI in sasl.enabled.mechanisms is not served by samsa" in str(failure.value)


def has_add_scram():
    help_text = subprocess.run([SAMSA, "server", "--help"], capture_output=True, text=True).stdout
    return "--add-scram" in help_text


@pytest.mark.skipif(not has_add_scram(), reason="samsa server --add-scram (SCRAM users at start) is not in this build")
@pytest.mark.parametrize("mechanism", ["SCRAM-SHA-256", "SCRAM-SHA-512"])
def test_scram_logins(servers, mechanism):
    server = sasl_server(servers, extra=["--add-scram", f"{mechanism}=[name=bob,password=bob-secret]"])
    produce_and_consume(sasl_config(server, "bob", "bob-secret", mechanism), topic_name(), count=5)
    error = librdkafka_error(sasl_config(server, "bob", "not-bobs", mechanism))
    assert error is not None and error.code() == KafkaError._AUTHENTICATION, error
    from kafka import KafkaProducer
    producer = KafkaProducer(bootstrap_servers=server.bootstrap, security_protocol="SASL_PLAINTEXT", sasl_mechanism=mechanism,
                             sasl_plain_username="bob", sasl_plain_password="bob-secret")
    producer.send(topic_name(), b"x").get(timeout=60)
    producer.close()
