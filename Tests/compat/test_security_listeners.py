"""Listener details with a real client (confluent-kafka, librdkafka inside): the ports of advertised.listeners
in Metadata (broker i advertises port + i), ssl.cipher.suites deciding which client suites are served, an
unknown suite refused at start in one sentence, and a keystore reloaded with `samsa configs --alter`."""
import os
import subprocess
import time

import pytest
from confluent_kafka import KafkaException
from confluent_kafka.admin import AdminClient

from conftest import SAMSA, free_port
from security_certs import certs  # noqa: F401  (fixture)


def start(server_factory, certs, brokers=1, **properties):
    """A server whose first listener is SSL (conftest's --port sets its port), with `properties` added."""
    values = {"listeners": "SSL://127.0.0.1:9093", "ssl.keystore.type": "PEM", "ssl.keystore.location": certs.server_keystore,
              **properties}
    path = os.path.join(certs.dir, f"listeners-{time.time_ns()}.properties")
    with open(path, "w") as f:
        f.writelines(f"{key}={value}\n" for key, value in values.items())
    return server_factory(brokers=brokers, extra=["--config", path])


def metadata(server, certs, **more):
    config = {"bootstrap.servers": server.bootstrap, "security.protocol": "SSL", "ssl.ca.location": certs.ca,
              "socket.timeout.ms": 5000, **more}
    return AdminClient(config).list_topics(timeout=10)


def test_advertised_ports_reach_librdkafka(server_factory, certs):
    advertised = free_port(2)
    server = start(server_factory, certs, brokers=2, **{"advertised.listeners": f"SSL://localhost:{advertised}"}).start()
    brokers = metadata(server, certs).brokers
    assert {b.id: (b.host, b.port) for b in brokers.values()} == {0: ("localhost", advertised), 1: ("localhost", advertised + 1)}


def test_cipher_suites_decide_which_clients_are_served(server_factory, certs):
    server = start(server_factory, certs, **{"ssl.cipher.suites": "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"}).start()
    assert metadata(server, certs, **{"ssl.cipher.suites": "ECDHE-RSA-AES256-GCM-SHA384"}).brokers
    # No TLS 1.3 suite listed: the listener speaks TLS 1.2 with the listed suite only.
    with pytest.raises(KafkaException):
        metadata(server, certs, **{"ssl.cipher.suites": "ECDHE-RSA-AES128-GCM-SHA256"})


def test_unknown_cipher_suite_stops_the_start(server_factory, certs):
    server = start(server_factory, certs, **{"ssl.cipher.suites": "TLS_NOT_A_SUITE"})
    with pytest.raises(RuntimeError) as refused:
        server.start(timeout=30)
    assert ("Listener SSL: ssl.cipher.suites names TLS_NOT_A_SUITE, which is not a cipher suite this broker's TLS library "
            "(BoringSSL) supports.") in str(refused.value)


def served_subject(port):
    """The subject of the certificate the TLS listener on `port` presents to a new connection (openssl s_client)."""
    said = subprocess.run(["openssl", "s_client", "-connect", f"127.0.0.1:{port}"], input=b"", capture_output=True, timeout=30)
    return next((line for line in said.stdout.decode().splitlines() if line.startswith("subject=")), "")


def test_keystore_reloads_with_samsa_configs(server_factory, certs, tmp_path):
    server = start(server_factory, certs).start()
    assert "CN = localhost" in served_subject(server.port)
    key, cert, keystore = (str(tmp_path / name) for name in ("new.key", "new.pem", "new-keystore.pem"))
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "2",
                    "-subj", "/CN=reloaded"], check=True, capture_output=True)
    with open(keystore, "w") as out:
        out.write(open(key).read() + open(cert).read())
    ssl_config = tmp_path / "client.properties"
    ssl_config.write_text(f"security.protocol=SSL\nssl.ca.location={certs.ca}\n")
    alter = [SAMSA, "configs", "--bootstrap-server", server.bootstrap, "--command-config", str(ssl_config), "--alter",
             "--entity-type", "brokers", "--entity-name", "0", "--add-config"]
    done = subprocess.run(alter + [f"listener.name.ssl.ssl.keystore.location={keystore}"], capture_output=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "CN = reloaded" in served_subject(server.port)
    # A certificate with another key is refused in one sentence; the listener keeps the reloaded keystore.
    # The broker now presents the self-signed certificate: the next client trusts that one.
    ssl_config.write_text(f"security.protocol=SSL\nssl.ca.location={cert}\nssl.endpoint.identification.algorithm=none\n")
    refused = subprocess.run(alter + [f"listener.name.ssl.ssl.keystore.location={certs.mismatched_keystore}"], capture_output=True,
                             timeout=60)
    assert refused.returncode != 0 and b"does not match its private key" in refused.stdout + refused.stderr
    assert "CN = reloaded" in served_subject(server.port)
