"""SCRAM credentials as cluster state, managed with real clients: confluent-kafka's AdminClient
(librdkafka's AlterUserScramCredentials / DescribeUserScramCredentials) and `samsa configs --entity-type
users` (kafka-configs' flags and output), persisted across a restart, and `samsa server --add-scram`.
Logging in with the credentials is tested with the SASL listeners."""
import pytest
from confluent_kafka import KafkaException
from confluent_kafka.admin import (AdminClient, ScramCredentialInfo, ScramMechanism, UserScramCredentialDeletion,
                                   UserScramCredentialUpsertion)

from conftest import samsa


def alter(admin, *alterations):
    futures = admin.alter_user_scram_credentials(list(alterations))
    return {user: future for user, future in futures.items()}


def describe_all(admin):
    return admin.describe_user_scram_credentials().result(30)


def infos(description):
    return sorted((info.mechanism, info.iterations) for info in description.scram_credential_infos)


def test_confluent_upsert_describe_delete(server):
    admin = AdminClient({"bootstrap.servers": server.bootstrap})
    futures = alter(admin,
                    UserScramCredentialUpsertion("alice", ScramCredentialInfo(ScramMechanism.SCRAM_SHA_256, 8192), b"alice-secret"),
                    UserScramCredentialUpsertion("bob", ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), b"bob-secret",
                                                 b"salt-of-bob"))
    for future in futures.values():
        assert future.result(30) is None

    everyone = describe_all(admin)
    assert sorted(everyone) == ["alice", "bob"]
    assert infos(everyone["alice"]) == [(ScramMechanism.SCRAM_SHA_256, 8192)]
    assert infos(everyone["bob"]) == [(ScramMechanism.SCRAM_SHA_512, 4096)]

    alter(admin, UserScramCredentialUpsertion("alice", ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 10000),
                                              b"alice-secret"))["alice"].result(30)
    named = admin.describe_user_scram_credentials(["alice"])
    assert infos(named["alice"].result(30)) == [(ScramMechanism.SCRAM_SHA_256, 8192), (ScramMechanism.SCRAM_SHA_512, 10000)]

    alter(admin, UserScramCredentialDeletion("bob", ScramMechanism.SCRAM_SHA_512))["bob"].result(30)
    assert sorted(describe_all(admin)) == ["alice"]


def test_confluent_refusals(server):
    admin = AdminClient({"bootstrap.servers": server.bootstrap})
    futures = alter(admin,
                    UserScramCredentialUpsertion("few", ScramCredentialInfo(ScramMechanism.SCRAM_SHA_256, 1024), b"x"),
                    UserScramCredentialUpsertion("many", ScramCredentialInfo(ScramMechanism.SCRAM_SHA_256, 20000), b"x"),
                    UserScramCredentialDeletion("ghost", ScramMechanism.SCRAM_SHA_256))
    expected = {"few": ("UNACCEPTABLE_CREDENTIAL", "Too few iterations"),
                "many": ("UNACCEPTABLE_CREDENTIAL", "Too many iterations"),
                "ghost": ("RESOURCE_NOT_FOUND", "Attempt to delete a user credential that does not exist")}
    for user, (code, sentence) in expected.items():
        with pytest.raises(KafkaException) as refused:
            futures[user].result(30)
        assert refused.value.args[0].name() == code and sentence in str(refused.value), str(refused.value)

    # One user twice in one request: Kafka's controller refuses the user (DUPLICATE_RESOURCE).
    twice = alter(admin,
                  UserScramCredentialUpsertion("dup", ScramCredentialInfo(ScramMechanism.SCRAM_SHA_256, 4096), b"x"),
                  UserScramCredentialUpsertion("dup", ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), b"x"))
    with pytest.raises(KafkaException) as refused:
        twice["dup"].result(30)
    assert refused.value.args[0].name() == "DUPLICATE_RESOURCE"

    unknown = admin.describe_user_scram_credentials(["nobody"])
    with pytest.raises(KafkaException) as missing:
        unknown["nobody"].result(30)
    assert missing.value.args[0].name() == "RESOURCE_NOT_FOUND"
    assert describe_all(admin) == {}


def test_configs_cli_users_and_restart(server):
    base = ["configs", "--bootstrap-server", server.bootstrap]
    added = samsa(*base, "--alter", "--add-config",
                  "SCRAM-SHA-256=[iterations=8192,password=alice-secret],SCRAM-SHA-512=[password=alice-secret]",
                  "--entity-type", "users", "--entity-name", "alice")
    assert added.stdout.strip() == "Completed updating config for user alice."
    described = samsa(*base, "--describe", "--entity-type", "users", "--entity-name", "alice")
    line = "SCRAM credential configs for user-principal 'alice' are SCRAM-SHA-256=iterations=8192, SCRAM-SHA-512=iterations=4096"
    assert described.stdout.strip() == line

    # Credentials are cluster state: they survive a restart from the same data directory.
    server.stop()
    server.start()
    assert samsa(*base, "--describe", "--entity-type", "users").stdout.strip() == line
    assert "alice-secret" not in open(server.data_dir + "/samsa-metadata.json").read()

    samsa(*base, "--alter", "--delete-config", "SCRAM-SHA-512", "--entity-type", "users", "--entity-name", "alice")
    assert samsa(*base, "--describe", "--entity-type", "users").stdout.strip() == \
        "SCRAM credential configs for user-principal 'alice' are SCRAM-SHA-256=iterations=8192"

    gone = samsa(*base, "--alter", "--delete-config", "SCRAM-SHA-512", "--entity-type", "users", "--entity-name", "alice",
                 check=False)
    assert gone.returncode != 0 and "Attempt to delete a user credential that does not exist" in gone.stderr, gone.stderr
    few = samsa(*base, "--alter", "--add-config", "SCRAM-SHA-256=[iterations=100,password=hunter2]",
                "--entity-type", "users", "--entity-name", "alice", check=False)
    assert few.returncode != 0 and "Iterations 100 is less than the minimum 4096 required for SCRAM-SHA-256" in few.stderr
    assert "hunter2" not in few.stderr
    many = samsa(*base, "--alter", "--add-config", "SCRAM-SHA-256=[iterations=20000,password=hunter2]",
                 "--entity-type", "users", "--entity-name", "alice", check=False)
    assert many.returncode != 0 and "Too many iterations" in many.stderr, many.stderr


def test_server_add_scram(server_factory):
    server = server_factory(extra=["--add-scram", "SCRAM-SHA-256=[name=alice,password=alice-secret]",
                                   "--add-scram", "SCRAM-SHA-512=[name=bob,iterations=8192,password=bob-secret]"]).start()
    try:
        admin = AdminClient({"bootstrap.servers": server.bootstrap})
        everyone = describe_all(admin)
        assert infos(everyone["alice"]) == [(ScramMechanism.SCRAM_SHA_256, 4096)]
        assert infos(everyone["bob"]) == [(ScramMechanism.SCRAM_SHA_512, 8192)]
        assert "alice-secret" not in server.output() and "bob-secret" not in server.output()
    finally:
        server.cleanup()

    bad = samsa("server", "--add-scram", "SCRAM-SHA-256=[name=alice,password=hunter2,iterations=10]", check=False)
    assert bad.returncode != 0 and "The 'iterations' value must be >= 4096" in bad.stderr and "hunter2" not in bad.stderr
