"""Kafka's quick start with samsa's own tools, including restart durability and wiping the data."""
import shutil
import subprocess

from conftest import SAMSA, samsa


def test_quickstart_end_to_end(server_factory):
    server = server_factory().start()
    b = ["--bootstrap-server", server.bootstrap]
    out = samsa("topics", "--create", "--topic", "quickstart-events", *b).stdout
    assert out.strip() == "Created topic quickstart-events."
    described = samsa("topics", "--describe", "--topic", "quickstart-events", *b).stdout.splitlines()
    assert described[0].startswith("Topic: quickstart-events\tTopicId: ")
    assert "PartitionCount: 1\tReplicationFactor: 1" in described[0]
    assert described[1] == "\tTopic: quickstart-events\tPartition: 0\tLeader: 0\tReplicas: 0\tIsr: 0"
    samsa("console-producer", "--topic", "quickstart-events", *b,
          input="This is my first event\nThis is my second event\n")
    consumed = samsa("console-consumer", "--topic", "quickstart-events", "--from-beginning", "--max-messages", "2", *b)
    assert consumed.stdout.splitlines() == ["This is my first event", "This is my second event"]
    assert "Processed a total of 2 messages" in consumed.stderr
    assert samsa("topics", "--list", *b).stdout.split() == ["quickstart-events"]

    # A clean stop (SIGTERM) and a restart keep every topic and message.
    assert server.stop() == 0
    server.start()
    again = samsa("console-consumer", "--topic", "quickstart-events", "--from-beginning", "--max-messages", "2", *b)
    assert again.stdout.splitlines() == ["This is my first event", "This is my second event"]

    # Deleting the data directory wipes everything, as in the quick start's last step.
    server.stop()
    shutil.rmtree(server.data_dir)
    server.start()
    assert samsa("topics", "--list", *b).stdout.split() == []


def test_keys_partitions_and_formatter_properties(server, topic_name):
    b = ["--bootstrap-server", server.bootstrap]
    samsa("topics", "--create", "--topic", topic_name, "--partitions", "3", *b)
    samsa("console-producer", "--topic", topic_name, "--property", "parse.key=true", "--property", "key.separator=:", *b,
          input="user-1:a\nuser-2:b\nuser-1:c\n")
    out = samsa("console-consumer", "--topic", topic_name, "--from-beginning", "--max-messages", "3",
                "--property", "print.key=true", "--property", "print.partition=true", "--property", "print.offset=true",
                "--property", "key.separator=|", *b).stdout.splitlines()
    rows = [line.split("|") for line in out]
    by_key = {}
    for partition, offset, key, value in rows:
        by_key.setdefault(key, set()).add(partition)
    assert all(len(parts) == 1 for parts in by_key.values())
    user1 = sorted(v for _, _, k, v in rows if k == "user-1")
    assert user1 == ["a", "c"]
    # --partition and --offset read from a chosen place.
    part = rows[0][0].split(":")[1]
    first = samsa("console-consumer", "--topic", topic_name, "--partition", part, "--offset", "0", "--max-messages", "1",
                  "--property", "print.offset=true", *b).stdout
    assert first.startswith("Offset:0\t")


def test_topic_admin_errors_are_one_sentence(server, topic_name):
    b = ["--bootstrap-server", server.bootstrap]
    samsa("topics", "--create", "--topic", topic_name, "--config", "retention.ms=60000", *b)
    dup = samsa("topics", "--create", "--topic", topic_name, *b, check=False)
    assert dup.returncode != 0 and "already exists" in dup.stderr
    assert samsa("topics", "--create", "--topic", topic_name, "--if-not-exists", *b).returncode == 0
    bad = samsa("topics", "--create", "--topic", "bad name", *b, check=False)
    assert bad.returncode != 0 and "illegal" in bad.stderr
    badcfg = samsa("topics", "--create", "--topic", "x" + topic_name, "--config", "retention.ms=soon", *b, check=False)
    assert badcfg.returncode != 0 and "Invalid value soon for configuration retention.ms: Not a number of type LONG" in badcfg.stderr
    described = samsa("topics", "--describe", "--topic", topic_name, *b).stdout
    assert "Configs: retention.ms=60000" in described
    samsa("topics", "--delete", "--topic", topic_name, *b)
    missing = samsa("topics", "--describe", "--topic", topic_name, *b, check=False)
    assert missing.returncode != 0 and "does not exist" in missing.stderr
    nobroker = samsa("topics", "--list", "--bootstrap-server", "127.0.0.1:1", check=False)
    assert nobroker.returncode != 0 and "Cannot connect" in nobroker.stderr


def test_server_refuses_busy_port_and_bad_flags(server):
    busy = subprocess.run([SAMSA, "server", "--port", str(server.port), "--data-dir", server.data_dir + "-2"],
                          capture_output=True, text=True, timeout=30)
    assert busy.returncode != 0
    assert "already in use" in busy.stderr or "in use by another" in busy.stderr
    shutil.rmtree(server.data_dir + "-2", ignore_errors=True)
    same_dir = subprocess.run([SAMSA, "server", "--port", str(server.port + 1), "--data-dir", server.data_dir],
                              capture_output=True, text=True, timeout=30)
    assert same_dir.returncode != 0 and "in use by another samsa server" in same_dir.stderr
    bad = subprocess.run([SAMSA, "server", "--override", "num.partitions=lots"], capture_output=True, text=True, timeout=30)
    assert bad.returncode != 0 and "Invalid value lots for configuration num.partitions: Not a number of type INT" in bad.stderr


def test_server_properties_file(server_factory, tmp_path, topic_name):
    props = tmp_path / "server.properties"
    server = server_factory(extra=["--config", str(props)])
    # The file names the port the server chose; should start() move to a fresh one, --port wins over the file.
    props.write_text(f"# Kafka-style config\nlisteners=PLAINTEXT://127.0.0.1:{server.port}\nnum.partitions=4\n"
                     f"log.segment.bytes=1048576\nauto.create.topics.enable=false\nzookeeper.connect=localhost:2181\n")
    server.start()
    b = ["--bootstrap-server", server.bootstrap]
    samsa("topics", "--create", "--topic", topic_name, *b)
    assert "PartitionCount: 4" in samsa("topics", "--describe", "--topic", topic_name, *b).stdout
    assert "zookeeper.connect" in server.output()  # reported as not applying
