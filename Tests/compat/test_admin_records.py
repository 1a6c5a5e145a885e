"""DeleteRecords, DescribeLogDirs, DescribeCluster, OffsetDelete and ListOffsets with real admin clients
(confluent-kafka's AdminClient, kafka-python's KafkaAdminClient), samsa's kafka-style CLIs for them
(delete-records, log-dirs, consumer-groups --delete-offsets), and the refusal of listeners samsa cannot serve."""
import json
import os
import subprocess
import tempfile

import pytest
from confluent_kafka import KafkaException, Producer, TopicPartition
from confluent_kafka.admin import AdminClient, NewTopic, OffsetSpec
from kafka import KafkaAdminClient
from kafka import TopicPartition as KTopicPartition

from conftest import SAMSA, samsa
from groupkit import Member, wait_until


@pytest.fixture
def cluster(server_factory):
    s = server_factory(brokers=3).start()
    yield s
    assert s.alive(), "the broker process crashed: " + s.output()


def bootstrap_all(server):
    return ",".join(f"127.0.0.1:{p}" for p in server.ports)


def create(server, topic, partitions=1, rf=3, configs=None):
    admin = AdminClient({"bootstrap.servers": bootstrap_all(server)})
    admin.create_topics([NewTopic(topic, partitions, rf, config=configs or {})])[topic].result(30)


def produce_timed(server, topic, timestamps, partition=0):
    """One record per timestamp (ms), each in its own batch, acks=all."""
    p = Producer({"bootstrap.servers": bootstrap_all(server), "acks": "all", "linger.ms": 0})
    for i, ts in enumerate(timestamps):
        p.produce(topic, value=f"v{i}".encode(), partition=partition, timestamp=ts)
        p.flush(30)
    assert p.flush(60) == 0


def commit(bootstrap, group, offsets):
    """Commits `offsets` for `group` outside group management, retrying while the coordinator is being set up."""
    from confluent_kafka import Consumer
    c = Consumer({"bootstrap.servers": bootstrap, "group.id": group, "enable.auto.commit": False})
    try:
        def done():
            try:
                c.commit(offsets=offsets, asynchronous=False)
                return True
            except KafkaException as e:
                if not e.args[0].retriable() and e.args[0].name() not in ("NOT_COORDINATOR", "COORDINATOR_NOT_AVAILABLE"):
                    raise
                return False
        wait_until(done, 60, f"group {group} committed")
    finally:
        c.close()


def leader_of(server, topic, partition=0):
    out = samsa("topics", "--describe", "--topic", topic, "--bootstrap-server", bootstrap_all(server)).stdout
    for line in out.splitlines():
        if f"Partition: {partition}\t" in line:
            return int(line.split("Leader: ")[1].split("\t")[0])
    raise AssertionError(out)


def offsets(admin, topic, spec, partition=0):
    tp = TopicPartition(topic, partition)
    info = admin.list_offsets({tp: spec}, request_timeout=30)[tp].result(30)
    return info.offset, info.timestamp


BASE = 1_700_000_000_000
TIMESTAMPS = [BASE + 1000, BASE + 2000, BASE + 2000, BASE + 5000, BASE + 3000, BASE + 4000]


def test_confluent_list_offsets_delete_records_and_describe_cluster(cluster, topic_name):
    create(cluster, topic_name, partitions=2)
    produce_timed(cluster, topic_name, TIMESTAMPS)
    admin = AdminClient({"bootstrap.servers": bootstrap_all(cluster)})

    assert offsets(admin, topic_name, OffsetSpec.earliest()) == (0, -1)
    assert offsets(admin, topic_name, OffsetSpec.latest()) == (6, -1)
    assert offsets(admin, topic_name, OffsetSpec.max_timestamp()) == (3, BASE + 5000), "the largest timestamp, not the last"
    assert offsets(admin, topic_name, OffsetSpec.for_timestamp(BASE + 1500)) == (1, BASE + 2000)
    assert offsets(admin, topic_name, OffsetSpec.for_timestamp(BASE + 2500)) == (3, BASE + 5000), "first in offset order"
    assert offsets(admin, topic_name, OffsetSpec.for_timestamp(BASE + 9000)) == (-1, -1), "past the newest record"

    tp = TopicPartition(topic_name, 0, 4)
    deleted = admin.delete_records([tp], request_timeout=60, operation_timeout=30)[tp].result(60)
    assert deleted.low_watermark == 4
    assert offsets(admin, topic_name, OffsetSpec.earliest()) == (4, -1)
    assert offsets(admin, topic_name, OffsetSpec.for_timestamp(BASE)) == (4, BASE + 3000), "deleted records are not found"

    beyond = TopicPartition(topic_name, 0, 99)
    with pytest.raises(KafkaException) as refused:
        admin.delete_records([beyond], request_timeout=60, operation_timeout=30)[beyond].result(60)
    assert refused.value.args[0].name() == "OFFSET_OUT_OF_RANGE"

    # The new log start reached the followers: after the leader is killed, the new one starts at 4 too.
    leader = leader_of(cluster, topic_name)
    samsa("cluster", "--kill-broker", str(leader), "--bootstrap-server", f"127.0.0.1:{cluster.ports[(leader + 1) % 3]}")
    wait_until(lambda: leader_of(cluster, topic_name) not in (leader, -1), 30, "a follower took over")
    seen = []

    def new_leader_starts_at_4():
        # A fresh client each time: librdkafka's admin keeps waiting on the killed leader it cached.
        tp = TopicPartition(topic_name, 0)
        fresh = AdminClient({"bootstrap.servers": bootstrap_all(cluster)})
        try:
            info = fresh.list_offsets({tp: OffsetSpec.earliest()}, request_timeout=5)[tp].result(10)
            seen.append((info.offset, info.timestamp))
        except Exception as e:  # a timeout or a retriable error while the leadership moves
            seen.append(repr(e))
        return seen[-1] == (4, -1)
    wait_until(new_leader_starts_at_4, 90, "the new leader starts at 4")
    samsa("cluster", "--start-broker", str(leader), "--bootstrap-server", f"127.0.0.1:{cluster.ports[(leader + 1) % 3]}")

    described = admin.describe_cluster(include_authorized_operations=True, request_timeout=30).result(30)
    assert sorted(node.id for node in described.nodes) == [0, 1, 2]
    assert all(node.host == "127.0.0.1" and node.rack is None for node in described.nodes)
    assert described.controller is not None and described.controller.id in (0, 1, 2)
    assert described.cluster_id
    # librdkafka asks Metadata (not DescribeCluster) for the cluster's authorized operations; kafka-python's
    # DescribeCluster checks them below.
    plain = admin.describe_cluster(request_timeout=30).result(30)
    assert plain.authorized_operations is None, "not asked for"


def test_kafka_python_log_dirs_delete_records_cluster_and_group_offsets(cluster, topic_name):
    create(cluster, topic_name, partitions=1)
    produce_timed(cluster, topic_name, TIMESTAMPS)
    admin = KafkaAdminClient(bootstrap_servers=bootstrap_all(cluster), request_timeout_ms=30000)
    try:
        described = admin.describe_cluster()
        assert sorted(b["broker_id"] for b in described["brokers"]) == [0, 1, 2]
        assert described["controller_id"] in (0, 1, 2) and described["cluster_id"]
        assert set(described["authorized_operations"]) == {
            "CREATE", "ALTER", "DESCRIBE", "CLUSTER_ACTION", "DESCRIBE_CONFIGS", "ALTER_CONFIGS", "IDEMPOTENT_WRITE"}

        result = admin.delete_records({KTopicPartition(topic_name, 0): 2}, timeout_ms=30000)
        assert result[KTopicPartition(topic_name, 0)]["low_watermark"] == 2

        dirs = admin.describe_log_dirs()
        assert sorted(d["broker"] for d in dirs) == [0, 1, 2]
        for per_broker in dirs:
            (log_dir,) = per_broker["log_dirs"]
            assert log_dir["error_code"] == 0 and log_dir["log_dir"].startswith(cluster.data_dir)
            assert log_dir["total_bytes"] > 0 and 0 < log_dir["usable_bytes"] <= log_dir["total_bytes"]
            (topic,) = [t for t in log_dir["topics"] if t["name"] == topic_name]
            (partition,) = topic["partitions"]
            assert partition["partition_index"] == 0 and partition["partition_size"] > 0
            assert partition["offset_lag"] == 0 and partition["is_future_key"] is False

        commit(bootstrap_all(cluster), "kp-group", [TopicPartition(topic_name, 0, 5)])
        deleted = admin.delete_group_offsets("kp-group", [KTopicPartition(topic_name, 0)])
        assert deleted[KTopicPartition(topic_name, 0)].__name__ == "NoError"
        committed = admin.list_group_offsets("kp-group").get("kp-group", {})
        assert KTopicPartition(topic_name, 0) not in committed or committed[KTopicPartition(topic_name, 0)].offset == -1
    finally:
        admin.close()


def test_delete_records_cli(cluster, topic_name, tmp_path):
    create(cluster, topic_name, partitions=2)
    produce_timed(cluster, topic_name, TIMESTAMPS)
    plan = tmp_path / "offsets.json"
    plan.write_text(json.dumps({"partitions": [{"topic": topic_name, "partition": 0, "offset": 3},
                                               {"topic": topic_name, "partition": 1, "offset": 5}], "version": 1}))
    run = samsa("delete-records", "--bootstrap-server", cluster.bootstrap, "--offset-json-file", str(plan), check=False)
    assert run.returncode == 1, "partition 1 is empty: its offset 5 is out of range"
    assert run.stdout.splitlines() == [
        "Executing records delete operation",
        "Records delete operation completed:",
        f"partition: {topic_name}-0\tlow_watermark: 3",
        f"partition: {topic_name}-1\terror: org.apache.kafka.common.errors.OffsetOutOfRangeException: "
        "The requested offset is not within the range of offsets maintained by the server.",
    ]
    admin = AdminClient({"bootstrap.servers": bootstrap_all(cluster)})
    assert offsets(admin, topic_name, OffsetSpec.earliest()) == (3, -1)

    plan.write_text(json.dumps({"partitions": [{"topic": topic_name, "partition": 0, "offset": -1}]}))
    run = samsa("delete-records", "--bootstrap-server", cluster.bootstrap, "--offset-json-file", str(plan))
    assert f"partition: {topic_name}-0\tlow_watermark: 6" in run.stdout, "-1 is the high watermark"

    for text, said in [("{not json", "The input string is not a valid JSON"), ('{"version": 1}', "Missing partitions field"),
                       ('{"partitions": [], "version": 2}', "Not supported version field value 2"),
                       (json.dumps({"partitions": [{"topic": "a", "partition": 0, "offset": 1}] * 2}),
                        "Offset json file contains duplicate topic partitions: a-0")]:
        plan.write_text(text)
        bad = samsa("delete-records", "--bootstrap-server", cluster.bootstrap, "--offset-json-file", str(plan), check=False)
        assert bad.returncode != 0 and said in bad.stderr, bad.stderr


def test_log_dirs_cli(cluster, topic_name):
    create(cluster, topic_name, partitions=2)
    produce_timed(cluster, topic_name, TIMESTAMPS)
    run = samsa("log-dirs", "--bootstrap-server", cluster.bootstrap, "--describe", "--topic-list", topic_name)
    lines = run.stdout.splitlines()
    assert lines[:2] == ["Querying brokers for log directories information",
                         "Received log directory information from brokers 0,1,2"]
    assert lines[2].startswith('{"brokers":[{"broker":0,"logDirs":[{"partitions":[') and lines[2].endswith('],"version":1}')
    parsed = json.loads(lines[2])
    assert [b["broker"] for b in parsed["brokers"]] == [0, 1, 2]
    for broker in parsed["brokers"]:
        (log_dir,) = broker["logDirs"]
        assert log_dir["error"] is None and log_dir["logDir"].startswith(cluster.data_dir)
        assert [p["partition"] for p in log_dir["partitions"]] == [f"{topic_name}-0", f"{topic_name}-1"]
        sizes = {p["partition"]: p["size"] for p in log_dir["partitions"]}
        assert sizes[f"{topic_name}-0"] > 0 and sizes[f"{topic_name}-1"] == 0
        assert all(list(p) == ["partition", "size", "offsetLag", "isFuture"] for p in log_dir["partitions"])
    one = samsa("log-dirs", "--bootstrap-server", cluster.bootstrap, "--describe", "--broker-list", "1")
    assert one.stdout.splitlines()[1] == "Received log directory information from brokers 1"
    assert [b["broker"] for b in json.loads(one.stdout.splitlines()[2])["brokers"]] == [1]
    missing = samsa("log-dirs", "--bootstrap-server", cluster.bootstrap, "--describe", "--broker-list", "0,7", check=False)
    assert missing.returncode != 0
    assert "ERROR: The given brokers do not exist from --broker-list: 7. Current existent brokers: 0,1,2" in missing.stderr


def test_consumer_groups_delete_offsets_cli(server, topic_name):
    other = topic_name + "-other"
    for name in (topic_name, other):
        samsa("topics", "--create", "--topic", name, "--partitions", "2", "--bootstrap-server", server.bootstrap)
    commit(server.bootstrap, "del", [TopicPartition(t, p, 1) for t in (topic_name, other) for p in (0, 1)])

    member = Member("confluent", server.bootstrap, "del", topic_name)
    try:
        wait_until(lambda: member.assignment is not None, 60, "the member joined")
        run = samsa("consumer-groups", "--bootstrap-server", server.bootstrap, "--delete-offsets", "--group", "del",
                    "--topic", topic_name, "--topic", f"{other}:1", check=False)
        assert run.returncode != 0
        lines = run.stdout.splitlines()
        assert lines[:3] == ["", "Error: Encounter some partition level error, see the follow-up details:", ""]
        assert lines[3].split() == ["TOPIC", "PARTITION", "STATUS"]
        rows = {(line[:30].strip(), line[31:46].strip()): line[47:].strip() for line in lines[4:] if line.strip()}
        subscribed = ("Error: :org.apache.kafka.common.errors.GroupSubscribedToTopicException: "
                      "Deleting offsets of a topic is forbidden while the consumer group is actively subscribed to it.")
        assert rows == {(topic_name, "0"): subscribed, (topic_name, "1"): subscribed, (other, "1"): "Successful"}
    finally:
        member.close()
    run = samsa("consumer-groups", "--bootstrap-server", server.bootstrap, "--delete-offsets", "--group", "del", "--topic", topic_name)
    assert run.stdout.splitlines()[0] == f"Request succeed for deleting offsets with topic {topic_name} group del"
    assert [line.split() for line in run.stdout.splitlines()[2:]] == [
        ["TOPIC", "PARTITION", "STATUS"], [topic_name, "0", "Successful"], [topic_name, "1", "Successful"]]
    missing = samsa("consumer-groups", "--bootstrap-server", server.bootstrap, "--delete-offsets", "--group", "nobody",
                    "--topic", topic_name, check=False)
    assert "Error: 'nobody' does not exist." in missing.stdout and missing.returncode != 0
    usage = samsa("consumer-groups", "--bootstrap-server", server.bootstrap, "--delete-offsets", "--group", "del", check=False)
    assert usage.returncode != 0 and "--delete-offsets takes the following options" in usage.stderr


@pytest.mark.parametrize("properties", [
    "listeners=SASL_SSL://:9093\n",
    "listeners=CLIENT://127.0.0.1:9093\nlistener.security.protocol.map=CLIENT:SSL\n",
])
def test_tls_listeners_without_a_keystore_are_refused_at_start(properties):
    with tempfile.TemporaryDirectory() as directory:
        config = os.path.join(directory, "server.properties")
        with open(config, "w") as f:
            f.write(properties + f"log.dirs={directory}/data\n")
        run = subprocess.run([SAMSA, "server", "--config", config], capture_output=True, text=True, timeout=60)
        assert run.returncode != 0
        said = [line for line in run.stderr.splitlines() if line.strip()]
        assert len(said) == 1 and "needs a keystore" in said[0], run.stderr
        assert not os.path.exists(os.path.join(directory, "data")), "nothing was started"
