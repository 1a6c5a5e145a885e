"""Security end to end, as a newcomer would set it up: one `samsa server` with a SASL_SSL listener (certificates
made now by openssl), PLAIN for the admin and SCRAM-SHA-256/512, Kafka's StandardAuthorizer with
`super.users=User:admin` and nothing allowed without an ACL. The admin adds SCRAM users and ACLs over the wire
with `samsa configs` / `samsa acls --command-config`; then real clients (confluent-kafka, kafka-python) and
the samsa CLI log in as those users and are allowed or refused what the ACLs say."""
import logging
import shutil
import subprocess
import time
import uuid

import pytest
from confluent_kafka import Consumer, KafkaError, KafkaException, Producer
from confluent_kafka.admin import (AclBinding, AclBindingFilter, AclOperation, AclPermissionType, AdminClient,
                                   NewTopic, ResourcePatternType, ResourceType)
from kafka import KafkaProducer
from kafka.errors import KafkaError as PythonKafkaError
from kafka.errors import TopicAuthorizationFailedError

from conftest import Server, samsa
from security_certs import librdkafka_error, make_certs, write_properties

AUTHORIZER = "org.apache.kafka.metadata.authorizer.StandardAuthorizer"
ADMIN_JAAS = ('org.apache.kafka.common.security.plain.PlainLoginModule required username="admin" '
              'password="admin-secret" user_admin="admin-secret";')
PASSWORDS = {"admin": "admin-secret", "alice": "alice-secret", "bob": "bob-secret"}
MECHANISMS = {"admin": "PLAIN", "alice": "SCRAM-SHA-256", "bob": "SCRAM-SHA-512"}
T, U, G, H = "orders", "payments", "billing", "hackers"  # alice writes T, not U; bob reads T in group G, not H


class Secured:
    """The running server, the CA and one client properties file per user."""

    def __init__(self, server, certs):
        self.server, self.certs, self.files = server, certs, {}
        for user in PASSWORDS:
            self.files[user] = write_properties(self.config(user, with_bootstrap=False), certs.dir)

    @property
    def bootstrap(self):
        return self.server.bootstrap

    def config(self, user, password=None, with_bootstrap=True, **more):
        """librdkafka's settings for `user` (also what --command-config files hold)."""
        config = {"security.protocol": "SASL_SSL", "ssl.ca.location": self.certs.ca,
                  "sasl.mechanism": MECHANISMS[user], "sasl.username": user,
                  "sasl.password": password or PASSWORDS[user], **more}
        return {"bootstrap.servers": self.bootstrap, **config} if with_bootstrap else config

    def kafka_python(self, user, password=None):
        return dict(bootstrap_servers=self.bootstrap, security_protocol="SASL_SSL", ssl_cafile=self.certs.ca,
                    sasl_mechanism=MECHANISMS[user], sasl_plain_username=user,
                    sasl_plain_password=password or PASSWORDS[user])

    def cli(self, command, user, *args, **kwargs):
        """`samsa <command> --bootstrap-server … --command-config <user's file> args…`."""
        return samsa(command, "--bootstrap-server", self.bootstrap, "--command-config", self.files[user], *args,
                     **kwargs)


@pytest.fixture(scope="module")
def secured():
    certs = make_certs()
    properties = {"listeners": "SASL_SSL://127.0.0.1:9093",  # conftest's --port sets the port
                  "ssl.keystore.type": "PEM", "ssl.keystore.location": certs.server_keystore,
                  "sasl.enabled.mechanisms": "PLAIN,SCRAM-SHA-256,SCRAM-SHA-512",
                  "listener.name.sasl_ssl.plain.sasl.jaas.config": ADMIN_JAAS,
                  "authorizer.class.name": AUTHORIZER, "super.users": "User:admin",
                  "allow.everyone.if.no.acl.found": "false"}
    server = Server(extra=["--config", write_properties(properties, certs.dir)])
    try:
        server.start()
        setup = Secured(server, certs)
        for user in ("alice", "bob"):  # SCRAM users, added over the wire by the super user
            mechanism = MECHANISMS[user]
            added = setup.cli("configs", "admin", "--alter", "--add-config",
                              f"{mechanism}=[iterations=8192,password={PASSWORDS[user]}]",
                              "--entity-type", "users", "--entity-name", user)
            assert added.stdout.strip() == f"Completed updating config for user {user}."
        for topic in (T, U):
            setup.cli("topics", "admin", "--create", "--topic", topic, "--partitions", "1")
        acls = [("alice", "Write", "--topic", T), ("alice", "Describe", "--topic", T), ("alice", "Create", "--cluster"),
                ("bob", "Read", "--topic", T), ("bob", "Describe", "--topic", T), ("bob", "Read", "--group", G)]
        for user, operation, *resource in acls:
            setup.cli("acls", "admin", "--add", "--allow-principal", f"User:{user}", "--operation", operation, *resource)
        yield setup
        assert server.alive(), "the broker crashed: " + server.output()
        assert not any(p in server.output() for p in PASSWORDS.values()), "a password reached the server's log"
    finally:
        server.cleanup()
        shutil.rmtree(certs.dir, ignore_errors=True)


def produce(config, topic, values):
    """Delivers `values` to `topic`; returns the delivery errors (empty when all were written)."""
    errors = []
    producer = Producer({**config, "message.timeout.ms": 15000})
    for value in values:
        producer.produce(topic, value.encode(), on_delivery=lambda err, msg: err and errors.append(err))
    assert producer.flush(30) == 0, "delivery reports never came"
    return errors


def consume(config, group, topic, until, seconds=60):
    """Polls `topic` in `group` until `until(values, error_codes)` holds or `seconds` pass; (values, codes)."""
    consumer = Consumer({**config, "group.id": group, "auto.offset.reset": "earliest"})
    consumer.subscribe([topic])
    values, codes = [], set()
    deadline = time.time() + seconds
    try:
        while not until(values, codes) and time.time() < deadline:
            message = consumer.poll(1)
            if message is None:
                continue
            if message.error():
                codes.add(message.error().code())
            else:
                values.append(message.value().decode())
    finally:
        consumer.close()
    return values, codes


def unique(prefix):
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


def test_scram_users_added_over_the_wire_log_in_with_librdkafka(secured):
    for user in ("alice", "bob"):
        topics = AdminClient(secured.config(user)).list_topics(timeout=30).topics
        assert set(topics) == {T}, (user, topics)  # U is left out: neither may describe it
        error = librdkafka_error(secured.config(user, password="wrong-password"))
        assert error is not None and error.code() == KafkaError._AUTHENTICATION, error
    # The admin sees every topic.
    assert {T, U} <= set(AdminClient(secured.config("admin")).list_topics(timeout=30).topics)


@pytest.mark.parametrize("user", ["alice", "bob", "admin"])
def test_scram_users_log_in_with_kafka_python(secured, user, caplog):
    """SCRAM-SHA-256 (alice), SCRAM-SHA-512 (bob) and PLAIN (admin) over SASL_SSL with kafka-python."""
    from kafka import KafkaConsumer
    consumer = KafkaConsumer(**secured.kafka_python(user), request_timeout_ms=30000)
    try:
        topics = consumer.topics()
        assert topics >= {T, U} if user == "admin" else topics == {T}, topics
    finally:
        consumer.close()
    with caplog.at_level(logging.WARNING), pytest.raises(PythonKafkaError):
        KafkaProducer(**secured.kafka_python(user, "wrong-password"), request_timeout_ms=10000,
                      max_block_ms=10000, bootstrap_timeout_ms=10000).close()
    assert "SaslAuthenticationFailedError: Authentication failed" in caplog.text, caplog.text


def test_alice_may_write_t_but_not_u(secured):
    written = unique("alice")
    assert produce(secured.config("alice"), T, [written]) == []
    refused = produce(secured.config("alice"), U, ["nope"])
    assert [e.code() for e in refused] == [KafkaError.TOPIC_AUTHORIZATION_FAILED]
    # kafka-python is told the same.
    producer = KafkaProducer(**secured.kafka_python("alice"), max_block_ms=15000)
    try:
        producer.send(T, b"from kafka-python").get(timeout=30)
        with pytest.raises(TopicAuthorizationFailedError):
            producer.send(U, b"nope").get(timeout=30)
    finally:
        producer.close(timeout=5)
    # Bob may read T but not write it.
    assert [e.code() for e in produce(secured.config("bob"), T, ["nope"])] == [KafkaError.TOPIC_AUTHORIZATION_FAILED]
    # What alice wrote is there, what was refused is not (the admin reads everything).
    values, _ = consume(secured.config("admin"), unique("audit"), T, lambda v, c: written in v)
    assert written in values and "nope" not in values
    values, _ = consume(secured.config("admin"), unique("audit"), U, lambda v, c: False, seconds=5)
    assert values == []


def test_bob_may_consume_t_in_group_g_but_not_join_h(secured):
    written = unique("for-bob")
    assert produce(secured.config("alice"), T, [written]) == []
    values, codes = consume(secured.config("bob"), G, T, lambda v, c: written in v)
    assert written in values, codes
    _, codes = consume(secured.config("bob"), H, T, lambda v, c: KafkaError.GROUP_AUTHORIZATION_FAILED in c)
    assert KafkaError.GROUP_AUTHORIZATION_FAILED in codes, codes
    # Alice has no Read on T nor on G.
    _, codes = consume(secured.config("alice"), G, T, lambda v, c: bool(c & {KafkaError.GROUP_AUTHORIZATION_FAILED,
                                                                          KafkaError.TOPIC_AUTHORIZATION_FAILED}))
    assert codes & {KafkaError.GROUP_AUTHORIZATION_FAILED, KafkaError.TOPIC_AUTHORIZATION_FAILED}, codes


def kcat(secured, user, *args, password=None, input=None):
    """Debian's kcat (librdkafka 2.0.2) as `user`, its settings from a librdkafka properties file (-F)."""
    config = secured.files[user] if password is None else write_properties(
        secured.config(user, password=password, with_bootstrap=False), secured.certs.dir)
    return subprocess.run(["kcat", "-F", config, "-b", secured.bootstrap, "-m", "30", *args], input=input,
                          capture_output=True, text=True, timeout=90)


def test_kcat_logs_in_with_plain_and_scram_and_is_held_to_the_acls(secured):
    # librdkafka before 2.1 logs in only when SaslHandshake's advertised range includes v0.
    listed = kcat(secured, "admin", "-L")  # PLAIN
    assert listed.returncode == 0 and f'topic "{T}"' in listed.stdout and f'topic "{U}"' in listed.stdout, listed.stderr
    written = unique("kcat")
    produced = kcat(secured, "alice", "-P", "-t", T, input=written + "\n")  # SCRAM-SHA-256
    assert produced.returncode == 0, produced.stderr
    refused = kcat(secured, "alice", "-P", "-t", U, input="nope-kcat\n")
    assert "Topic authorization failed" in refused.stderr, refused.stderr
    read = kcat(secured, "bob", "-C", "-t", T, "-o", "beginning", "-e", "-q")  # SCRAM-SHA-512
    assert read.returncode == 0 and written in read.stdout.split("\n"), read.stderr
    wrong = kcat(secured, "bob", "-L", password="wrong-password")
    assert wrong.returncode != 0 and "SASL authentication error" in wrong.stderr, wrong.stderr


def test_topic_create_allowed_for_alice_denied_for_bob(secured):
    mine, theirs = unique("alice-new"), unique("bob-new")
    alice = AdminClient(secured.config("alice"))
    assert alice.create_topics([NewTopic(mine, 1, 1)])[mine].result(30) is None
    bob = AdminClient(secured.config("bob"))
    with pytest.raises(KafkaException) as refused:
        bob.create_topics([NewTopic(theirs, 1, 1)])[theirs].result(30)
    assert refused.value.args[0].code() == KafkaError.TOPIC_AUTHORIZATION_FAILED, refused.value
    existing = set(AdminClient(secured.config("admin")).list_topics(timeout=30).topics)
    assert mine in existing and theirs not in existing


def test_acls_are_listed_back(secured):
    listed = secured.cli("acls", "admin", "--list", "--topic", T).stdout
    assert listed.startswith(f"Current ACLs for resource `ResourcePattern(resourceType=TOPIC, name={T}, "
                             "patternType=LITERAL)`: \n"), listed
    lines = {line.strip() for line in listed.splitlines() if line.strip().startswith("(principal")}
    assert lines == {f"(principal=User:{user}, host=*, operation={op}, permissionType=ALLOW)"
                     for user, op in [("alice", "WRITE"), ("alice", "DESCRIBE"), ("bob", "READ"), ("bob", "DESCRIBE")]}
    group = secured.cli("acls", "admin", "--list", "--group", G).stdout
    assert "(principal=User:bob, host=*, operation=READ, permissionType=ALLOW)" in group
    cluster = secured.cli("acls", "admin", "--list", "--cluster").stdout
    assert "(principal=User:alice, host=*, operation=CREATE, permissionType=ALLOW)" in cluster

    admin = AdminClient(secured.config("admin"))
    everything = AclBindingFilter(ResourceType.ANY, None, ResourcePatternType.ANY, None, None, AclOperation.ANY,
                                  AclPermissionType.ANY)
    bindings = set(admin.describe_acls(everything).result(30))

    def allow(resource_type, name, user, operation):
        return AclBinding(resource_type, name, ResourcePatternType.LITERAL, f"User:{user}", "*", operation,
                          AclPermissionType.ALLOW)
    assert {allow(ResourceType.TOPIC, T, "alice", AclOperation.WRITE),
            allow(ResourceType.TOPIC, T, "alice", AclOperation.DESCRIBE),
            allow(ResourceType.BROKER, "kafka-cluster", "alice", AclOperation.CREATE),
            allow(ResourceType.TOPIC, T, "bob", AclOperation.READ),
            allow(ResourceType.TOPIC, T, "bob", AclOperation.DESCRIBE),
            allow(ResourceType.GROUP, G, "bob", AclOperation.READ)} <= bindings
    # A user without Describe on the cluster may not list ACLs: librdkafka drops DescribeAcls' top-level
    # CLUSTER_AUTHORIZATION_FAILED and answers nothing; samsa acls says so.
    bob = AdminClient(secured.config("bob"))
    assert bob.describe_acls(everything).result(30) == []
    refused = secured.cli("acls", "bob", "--list", check=False)
    assert refused.returncode != 0 and "Cluster authorization failed" in refused.stdout + refused.stderr, refused


def test_samsa_cli_as_alice_and_bob(secured):
    topic = unique("cli")
    created = secured.cli("topics", "alice", "--create", "--topic", topic, "--partitions", "1")
    assert topic in created.stdout
    # kafka-topics --describe also reads the topic's configs: DescribeConfigs.
    for user, operation in [("alice", "Write"), ("alice", "Describe"), ("alice", "DescribeConfigs"), ("bob", "Read"),
                            ("bob", "Describe")]:
        secured.cli("acls", "admin", "--add", "--allow-principal", f"User:{user}", "--operation", operation,
                    "--topic", topic)
    described = secured.cli("topics", "alice", "--describe", "--topic", topic).stdout
    assert f"Topic: {topic}" in described and "PartitionCount: 1" in described, described

    refused = secured.cli("topics", "bob", "--describe", "--topic", topic, check=False)
    assert refused.returncode != 0 and refused.stderr.strip() == f"Error: Not authorized to DescribeConfigs topic {topic}.", \
        refused.stderr

    lines = [unique("line") for _ in range(3)]
    samsa("console-producer", "--bootstrap-server", secured.bootstrap, "--producer.config", secured.files["alice"],
          "--topic", topic, input="\n".join(lines) + "\n")
    read = secured.cli("console-consumer", "bob", "--topic", topic, "--from-beginning", "--max-messages", "3",
                       "--timeout-ms", "30000")
    assert read.stdout.split() == lines, read.stdout + read.stderr

    # A topic alice may not even describe (Metadata refuses it), and one bob may describe but not write.
    for user, forbidden_topic in [("alice", U), ("bob", topic)]:
        forbidden = secured.cli("console-producer", user, "--topic", forbidden_topic, input="nope\n", check=False)
        assert forbidden.returncode != 0, forbidden
        assert forbidden.stderr.strip() == (f"Error when sending a record to topic {forbidden_topic}: "
                                            f"Not authorized to Write to topic {forbidden_topic}."), forbidden.stderr
    denied = secured.cli("console-consumer", "alice", "--topic", topic, "--from-beginning", "--max-messages", "1",
                         "--timeout-ms", "20000", check=False)
    assert denied.returncode != 0, denied
    assert denied.stderr.strip().splitlines()[-1] == f"Error: Not authorized to Read topic {topic}.", denied.stderr
