"""TLS listeners with real clients: confluent-kafka (librdkafka) and kafka-python over SSL, the server verified
with the test CA, client certificates (ssl.client.auth=required), a plaintext client on the TLS port, two
listeners whose Metadata answers with each listener's own ports, and keystores refused at start."""
import os
import socket
import subprocess
import time

import pytest
from confluent_kafka import KafkaException
from confluent_kafka.admin import AdminClient

from conftest import SAMSA, free_port
from security_certs import certs, produce_and_consume, write_properties  # noqa: F401  (certs: a fixture)


def tls_server(server_factory, certs, brokers=1, **extra):
    """A server whose first listener is SSL (conftest's --port sets its port), plus `extra` properties."""
    properties = {"listeners": "SSL://127.0.0.1:9093", "ssl.keystore.type": "PEM",
                  "ssl.keystore.location": certs.server_keystore}
    properties.update({k.replace("_", "."): v for k, v in extra.items()})
    return server_factory(brokers=brokers, extra=["--config", write_properties(properties, certs.dir)]).start()


def ssl_client_config(server, certs, cert=None, **more):
    config = {"bootstrap.servers": server.bootstrap, "security.protocol": "SSL", "ssl.ca.location": certs.ca}
    if cert:
        config["ssl.certificate.location"], config["ssl.key.location"] = cert
    config.update(more)
    return config


def refused(config):
    """True if a client with `config` cannot get metadata (the TLS handshake is refused)."""
    try:
        AdminClient({**config, "socket.timeout.ms": 5000}).list_topics(timeout=8)
        return False
    except KafkaException:
        return True


def test_confluent_kafka_produces_and_consumes_over_ssl(server_factory, certs, topic_name):
    server = tls_server(server_factory, certs)
    produce_and_consume(ssl_client_config(server, certs), topic_name)


def test_kafka_python_produces_and_consumes_over_ssl(server_factory, certs, topic_name):
    from kafka import KafkaConsumer, KafkaProducer
    from kafka.admin import KafkaAdminClient, NewTopic as KNewTopic
    server = tls_server(server_factory, certs, ssl_client_auth="required", ssl_truststore_location=certs.ca)
    cert, key = certs.client("carol")
    common = dict(bootstrap_servers=server.bootstrap, security_protocol="SSL", ssl_cafile=certs.ca,
                  ssl_certfile=cert, ssl_keyfile=key, ssl_check_hostname=True)
    admin = KafkaAdminClient(**common)
    admin.create_topics([KNewTopic(topic_name, 1, 1)])
    admin.close()
    producer = KafkaProducer(**common)
    for i in range(10):
        producer.send(topic_name, f"k{i}".encode()).get(timeout=30)
    producer.close()
    consumer = KafkaConsumer(topic_name, auto_offset_reset="earliest", consumer_timeout_ms=15000, **common)
    got = {m.value.decode() for m in consumer}
    consumer.close()
    assert got == {f"k{i}" for i in range(10)}


def test_client_certificate_required(server_factory, certs, topic_name):
    server = tls_server(server_factory, certs, ssl_client_auth="required", ssl_truststore_location=certs.ca)
    produce_and_consume(ssl_client_config(server, certs, cert=certs.client("alice")), topic_name, count=5)
    assert refused(ssl_client_config(server, certs))
    assert refused(ssl_client_config(server, certs, cert=certs.client("bob", expired=True)))
    # After the refusals the broker still serves good clients.
    assert not refused(ssl_client_config(server, certs, cert=certs.client("alice")))
    assert server.alive()


def test_plaintext_client_on_the_tls_port_fails_cleanly(server_factory, certs):
    server = tls_server(server_factory, certs)
    assert refused({"bootstrap.servers": server.bootstrap})
    # Raw garbage too: the connection is closed, the broker goes on.
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as raw:
        raw.sendall(b"\x00\x00\x00\x0a" + b"\x00" * 10)
        raw.settimeout(10)
        try:
            while raw.recv(4096):
                pass
        except OSError:
            pass
    assert not refused(ssl_client_config(server, certs))
    assert server.alive()


def test_two_listeners_answer_with_their_own_ports(server_factory, certs, topic_name):
    ssl_port = free_port(3)
    properties = {"listeners": f"PLAINTEXT://127.0.0.1:9092,SSL://127.0.0.1:{ssl_port}",
                  "ssl.keystore.location": certs.server_keystore}
    server = server_factory(brokers=3, extra=["--config", write_properties(properties, certs.dir)]).start()
    plain = AdminClient({"bootstrap.servers": server.bootstrap}).list_topics(timeout=30)
    assert sorted(b.port for b in plain.brokers.values()) == server.ports
    secured_config = ssl_client_config(server, certs, **{"bootstrap.servers": f"127.0.0.1:{ssl_port}"})
    secured = AdminClient(secured_config).list_topics(timeout=30)
    assert sorted(b.port for b in secured.brokers.values()) == [ssl_port + i for i in range(3)]
    # Produce to every partition (leaders on all three brokers) over SSL.
    produce_and_consume(secured_config, topic_name, count=30, partitions=6)


def start_failure(certs, properties):
    """`samsa server` with `properties`: its exit code and last output line."""
    data = os.path.join(certs.dir, f"data-{time.time_ns()}")
    result = subprocess.run([SAMSA, "server", "--port", str(free_port()), "--data-dir", data, "--config",
                             write_properties(properties, certs.dir)], capture_output=True, text=True, timeout=60)
    lines = [line for line in (result.stdout + result.stderr).splitlines() if line.strip()]
    return result.returncode, lines[-1] if lines else ""


@pytest.mark.parametrize("case", ["mismatched", "garbage", "wrong-password", "no-password", "missing", "no-keystore", "jks"])
def test_bad_keystores_are_refused_at_start(certs, case):
    properties = {"listeners": "SSL://127.0.0.1:9093"}
    expected = {
        "mismatched": ("ssl.keystore.location", certs.mismatched_keystore, "does not match its private key"),
        "garbage": ("ssl.keystore.location", certs.garbage_keystore, "holds no PEM certificate"),
        "wrong-password": ("ssl.keystore.location", certs.server_keystore_encrypted, "ssl.key.password does not decrypt"),
        "no-password": ("ssl.keystore.location", certs.server_keystore_encrypted, "ssl.key.password is not set"),
        "missing": ("ssl.keystore.location", os.path.join(certs.dir, "nope.pem"), "cannot read ssl.keystore.location"),
        "no-keystore": (None, None, "needs a keystore"),
        "jks": ("ssl.keystore.location", os.path.join(certs.dir, "x.jks"), "JKS is not supported"),
    }[case]
    key, value, sentence = expected
    if key:
        properties[key] = value
    if case == "wrong-password":
        properties["ssl.key.password"] = "not-the-password"
    code, said = start_failure(certs, properties)
    assert code != 0
    assert sentence in said and "Listener SSL" in said, said
    assert said.count(". ") == 0 or said.endswith("."), said


def test_encrypted_key_with_its_password_serves(server_factory, certs, topic_name):
    server = tls_server(server_factory, certs, ssl_keystore_location=certs.server_keystore_encrypted,
                        ssl_key_password="secret")
    assert not refused(ssl_client_config(server, certs))
