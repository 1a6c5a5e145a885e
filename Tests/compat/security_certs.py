"""Test certificates made at test time with Debian's openssl (never committed): a CA, a server certificate for
127.0.0.1/localhost, client certificates, an expired one, and bad keystores. Reusable by every security test:

    certs = make_certs()            # or the `certs` fixture below (one set per test session)
    certs.ca, certs.server_keystore, certs.client("alice")  -> paths

Also the helpers every security test shares: write_properties, produce_and_consume, librdkafka_error.
"""
import os
import shutil
import subprocess
import tempfile
import time

import pytest
from confluent_kafka import Consumer, KafkaException, Producer
from confluent_kafka.admin import AdminClient, NewTopic

OPENSSL = shutil.which("openssl")


def _run(*args, cwd):
    subprocess.run([OPENSSL, *args], cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


class Certs:
    """Paths of PEM files in a temp dir. Subjects: CA `CN=Samsa Test CA`, server `CN=localhost` (SAN
    IP:127.0.0.1, DNS:localhost), clients `CN=<name>,OU=eng,O=Samsa` (Kafka's principal `User:CN=<name>,OU=eng,O=Samsa`)."""

    def __init__(self, directory):
        self.dir = directory
        self.ca = self.path("ca.pem")
        self.ca_key = self.path("ca.key")
        _run("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "3",
             "-subj", "/CN=Samsa Test CA", cwd=directory)
        with open(self.path("ca.cnf"), "w") as f:
            f.write(CA_CONFIG.format(dir=directory))
        open(self.path("index.txt"), "w").close()
        with open(self.path("serial"), "w") as f:
            f.write("1000\n")
        self.server_key, self.server_cert = self.sign("server", "/CN=localhost", san="IP:127.0.0.1,DNS:localhost")
        self.server_keystore = self.keystore("server")
        # The same key, encrypted with a password (ssl.key.password).
        _run("pkcs8", "-topk8", "-in", "server.key", "-out", "server-enc.key", "-passout", "pass:secret", "-v2", "aes-256-cbc",
             cwd=directory)
        self.server_keystore_encrypted = self.concat("server-enc-keystore.pem", "server-enc.key", "server.pem")
        # A certificate with someone else's key: must be refused at start.
        _run("genrsa", "-out", "other.key", "2048", cwd=directory)
        self.mismatched_keystore = self.concat("mismatched-keystore.pem", "other.key", "server.pem")
        self.garbage_keystore = self.path("garbage.pem")
        with open(self.garbage_keystore, "w") as f:
            f.write("-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----\n")
        self._clients = {}

    def path(self, name):
        return os.path.join(self.dir, name)

    def concat(self, name, *parts):
        with open(self.path(name), "w") as out:
            for part in parts:
                with open(self.path(part)) as f:
                    out.write(f.read())
        return self.path(name)

    def sign(self, name, subject, san=None, expired=False):
        """A key and a CA-signed certificate (`expired`: valid only in 2020)."""
        _run("req", "-newkey", "rsa:2048", "-nodes", "-keyout", f"{name}.key", "-out", f"{name}.csr", "-subj", subject,
             cwd=self.dir)
        ext = self.path(f"{name}.ext")
        with open(ext, "w") as f:
            f.write("basicConstraints=CA:FALSE\n")
            if san:
                f.write(f"subjectAltName={san}\n")
        if expired:
            _run("ca", "-batch", "-config", "ca.cnf", "-cert", "ca.pem", "-keyfile", "ca.key", "-in", f"{name}.csr",
                 "-out", f"{name}.pem", "-startdate", "20200101000000Z", "-enddate", "20200102000000Z", "-notext",
                 "-extfile", ext, cwd=self.dir)
        else:
            _run("x509", "-req", "-in", f"{name}.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                 "-out", f"{name}.pem", "-days", "3", "-extfile", ext, cwd=self.dir)
        return self.path(f"{name}.key"), self.path(f"{name}.pem")

    def keystore(self, name):
        """A PEM keystore as Kafka's ssl.keystore.location takes it: private key, then certificate chain."""
        return self.concat(f"{name}-keystore.pem", f"{name}.key", f"{name}.pem")

    def client(self, name="alice", expired=False):
        """(certificate, key) of a client whose subject is CN=<name>,OU=eng,O=Samsa."""
        key = (name, expired)
        if key not in self._clients:
            file = f"client-{name}" + ("-expired" if expired else "")
            self._clients[key] = self.sign(file, f"/O=Samsa/OU=eng/CN={name}", expired=expired)[::-1]
        return self._clients[key]


CA_CONFIG = """
[ ca ]
default_ca = test_ca
[ test_ca ]
dir = {dir}
database = {dir}/index.txt
new_certs_dir = {dir}
serial = {dir}/serial
default_md = sha256
policy = any
unique_subject = no
[ any ]
commonName = supplied
organizationName = optional
organizationalUnitName = optional
"""


def make_certs(directory=None):
    if OPENSSL is None:
        pytest.skip("openssl is not installed")
    return Certs(directory or tempfile.mkdtemp(prefix="samsa-certs-"))


@pytest.fixture(scope="session")
def certs():
    made = make_certs()
    yield made
    shutil.rmtree(made.dir, ignore_errors=True)


def write_properties(properties, directory=None):
    """A new .properties file (in `directory`, or the temp dir) holding `properties`; its path."""
    fd, path = tempfile.mkstemp(prefix="samsa-", suffix=".properties", dir=directory)
    with os.fdopen(fd, "w") as f:
        for key, value in properties.items():
            f.write(f"{key}={value}\n")
    return path


def produce_and_consume(config, topic, count=20, partitions=1):
    """Creates `topic`, writes `count` records and reads them all back in a group, all with client `config`."""
    admin = AdminClient(config)
    for future in admin.create_topics([NewTopic(topic, num_partitions=partitions, replication_factor=1)]).values():
        future.result(30)
    producer = Producer(config)
    failures = []
    for i in range(count):
        producer.produce(topic, value=f"m{i}".encode(), partition=i % partitions,
                         on_delivery=lambda err, msg: err and failures.append(err))
    assert producer.flush(60) == 0 and not failures, failures
    consumer = Consumer({**config, "group.id": "g-" + topic, "auto.offset.reset": "earliest"})
    consumer.subscribe([topic])
    seen = set()
    deadline = time.time() + 60
    try:
        while len(seen) < count and time.time() < deadline:
            message = consumer.poll(1)
            if message is not None and not message.error():
                seen.add(message.value().decode())
    finally:
        consumer.close()
    assert seen == {f"m{i}" for i in range(count)}


def librdkafka_error(config):
    """The first error librdkafka reports for a client with `config` (None if metadata comes back)."""
    errors = []
    admin = AdminClient({**config, "error_cb": errors.append, "socket.timeout.ms": 5000})
    try:
        admin.list_topics(timeout=8)
        return None
    except KafkaException as failure:
        deadline = time.time() + 10
        while not errors and time.time() < deadline:
            admin.poll(0.2)
        return errors[0] if errors else failure.args[0]
