"""Replication with real clients against `samsa server --brokers 3`: failover under acks=all, NOT_ENOUGH_REPLICAS,
a group consumer across a coordinator kill, kcat seeing the new leader, and `samsa cluster` itself."""
import json
import subprocess
import time
import uuid

import pytest
from confluent_kafka import Consumer, KafkaError, Producer, TopicPartition
from confluent_kafka.admin import AdminClient, NewTopic

from conftest import samsa


@pytest.fixture
def cluster(server_factory):
    # A short fencing timeout keeps isolation tests quick; everything else uses Kafka's defaults.
    s = server_factory(brokers=3, extra=["--override", "broker.session.timeout.ms=1000"]).start()
    yield s
    assert s.alive(), "the broker process crashed: " + s.output()


def bootstrap_all(server):
    return ",".join(f"127.0.0.1:{server.port + i}" for i in range(3))


def create(server, topic, partitions=1, rf=3, configs=None):
    admin = AdminClient({"bootstrap.servers": bootstrap_all(server)})
    admin.create_topics([NewTopic(topic, partitions, rf, config=configs or {})])[topic].result(30)


def leader_of(server, topic, partition=0):
    out = samsa("topics", "--describe", "--topic", topic, "--bootstrap-server", bootstrap_all(server)).stdout
    for line in out.splitlines():
        if f"Partition: {partition}\t" in line:
            return int(line.split("Leader: ")[1].split("\t")[0])
    raise AssertionError(out)


def cluster_cmd(server, *args, via=None):
    port = server.port + (via if via is not None else 0)
    return samsa("cluster", *args, "--bootstrap-server", f"127.0.0.1:{port}")


def another(broker):
    return (broker + 1) % 3


def test_acks_all_producer_loses_nothing_when_the_leader_is_killed(cluster, topic_name):
    create(cluster, topic_name, partitions=1, configs={"min.insync.replicas": "2"})
    leader = leader_of(cluster, topic_name)
    acked, failed = [], []
    p = Producer({"bootstrap.servers": bootstrap_all(cluster), "acks": "all", "enable.idempotence": True,
                  "linger.ms": 2, "message.timeout.ms": 30000})

    def report(err, msg):
        (failed if err else acked).append((msg.value(), err))

    for i in range(3000):
        p.produce(topic_name, value=f"{i:06d}".encode(), partition=0, on_delivery=report)
        if i == 1000:
            p.flush(30)
            cluster_cmd(cluster, "--kill-broker", str(leader), via=another(leader))
        if i % 100 == 0:
            p.poll(0)
            time.sleep(0.005)
    assert p.flush(60) == 0
    assert not failed, failed[:3]
    assert len(acked) == 3000
    new_leader = leader_of(cluster, topic_name)
    assert new_leader != leader

    c = Consumer({"bootstrap.servers": bootstrap_all(cluster), "group.id": "check", "enable.auto.commit": False})
    c.assign([TopicPartition(topic_name, 0, 0)])
    got, deadline = [], time.time() + 60
    while len(got) < 3000 and time.time() < deadline:
        m = c.poll(0.5)
        if m is not None and m.error() is None:
            got.append(m.value())
    c.close()
    acknowledged = [v for v, _ in acked]
    assert set(acknowledged) <= set(got), "an acknowledged record is missing"
    assert got == sorted(got), "records are out of order within the partition"
    assert len(got) == len(set(got)), "the idempotent producer's retries were written twice"


def test_two_brokers_down_gives_not_enough_replicas_until_one_returns(cluster, topic_name):
    create(cluster, topic_name, partitions=1, configs={"min.insync.replicas": "2"})
    leader = leader_of(cluster, topic_name)
    followers = [b for b in range(3) if b != leader]
    for b in followers:
        cluster_cmd(cluster, "--kill-broker", str(b), via=leader)
    results = []
    p = Producer({"bootstrap.servers": f"127.0.0.1:{cluster.port + leader}", "acks": "all", "retries": 0,
                  "message.timeout.ms": 10000})
    p.produce(topic_name, value=b"refused", partition=0, on_delivery=lambda err, msg: results.append(err))
    p.flush(15)
    assert results and results[0] is not None and results[0].code() == KafkaError.NOT_ENOUGH_REPLICAS, results

    cluster_cmd(cluster, "--start-broker", str(followers[0]), via=leader)
    deadline, ok = time.time() + 60, False
    while time.time() < deadline and not ok:
        results.clear()
        p.produce(topic_name, value=b"accepted", partition=0, on_delivery=lambda err, msg: results.append(err))
        p.flush(15)
        ok = results == [None]
        time.sleep(0.2)
    assert ok, results


def test_group_consumer_keeps_consuming_across_a_coordinator_kill(cluster, topic_name):
    create(cluster, topic_name, partitions=3)
    group = "g-" + uuid.uuid4().hex[:6]
    p = Producer({"bootstrap.servers": bootstrap_all(cluster), "acks": "all"})
    for i in range(300):
        p.produce(topic_name, value=f"before-{i}".encode())
    p.flush(15)
    c = Consumer({"bootstrap.servers": bootstrap_all(cluster), "group.id": group, "auto.offset.reset": "earliest",
                  "session.timeout.ms": 6000, "auto.commit.interval.ms": 200})
    c.subscribe([topic_name])
    seen, deadline = set(), time.time() + 60
    while len(seen) < 300 and time.time() < deadline:
        m = c.poll(0.2)
        if m is not None and m.error() is None:
            seen.add(m.value())
    assert len(seen) == 300
    admin = AdminClient({"bootstrap.servers": bootstrap_all(cluster)})  # kept alive until the answer arrives
    coordinator = admin.describe_consumer_groups([group])[group].result(30).coordinator.id
    survivor = another(coordinator)
    cluster_cmd(cluster, "--kill-broker", str(coordinator), via=survivor)
    for i in range(300):
        p.produce(topic_name, value=f"after-{i}".encode())
    p.flush(30)
    deadline = time.time() + 60
    while len(seen) < 600 and time.time() < deadline:
        m = c.poll(0.2)
        if m is not None and m.error() is None:
            seen.add(m.value())
    c.close()
    assert {f"after-{i}".encode() for i in range(300)} <= seen
    state = cluster_cmd(cluster, "--describe", via=survivor).stdout
    assert "crashed" in state


def test_kcat_sees_the_new_leader_after_failover_and_cluster_describe_tells_the_story(cluster, topic_name):
    create(cluster, topic_name, partitions=1)
    leader = leader_of(cluster, topic_name)
    via = another(leader)
    cluster_cmd(cluster, "--kill-broker", str(leader), via=via)
    out = subprocess.run(["kcat", "-b", f"127.0.0.1:{cluster.port + via}", "-L", "-t", topic_name, "-J"],
                         capture_output=True, text=True, timeout=30)
    meta = json.loads(out.stdout)
    part = meta["topics"][0]["partitions"][0]
    assert part["leader"] != leader
    assert leader not in [r["id"] for r in part["isrs"]]
    # Like Kafka, a killed broker stays registered until its session times out (1 s here), then leaves metadata.
    deadline = time.time() + 30
    while time.time() < deadline and leader in [b["id"] for b in meta["brokers"]]:
        time.sleep(0.2)
        meta = json.loads(subprocess.run(["kcat", "-b", f"127.0.0.1:{cluster.port + via}", "-L", "-t", topic_name, "-J"],
                                         capture_output=True, text=True, timeout=30).stdout)
    assert leader not in [b["id"] for b in meta["brokers"]], "a fenced broker is not listed"
    described = cluster_cmd(cluster, "--describe", via=via).stdout
    assert f"{leader}       127.0.0.1:{cluster.port + leader}  crashed" in described
    # The killed broker's listener is really closed.
    with pytest.raises(OSError):
        import socket
        socket.create_connection(("127.0.0.1", cluster.port + leader), timeout=1)
    cluster_cmd(cluster, "--start-broker", str(leader), via=via)
    deadline = time.time() + 60
    while time.time() < deadline:
        described = samsa("topics", "--describe", "--topic", topic_name, "--bootstrap-server", bootstrap_all(cluster)).stdout
        if "Isr: " in described and len(described.split("Isr: ")[1].split()[0].split(",")) == 3:
            break
        time.sleep(0.2)
    assert len(described.split("Isr: ")[1].split()[0].split(",")) == 3, described
    elected = cluster_cmd(cluster, "--elect-leaders", via=via).stdout
    assert "Successfully completed leader election" in elected or "nothing changed" in elected
    assert leader_of(cluster, topic_name) == leader, "the preferred replica leads again"


def test_isolate_heal_and_slow_follower_from_the_command_line(cluster, topic_name):
    create(cluster, topic_name, partitions=1)
    leader = leader_of(cluster, topic_name)
    via = another(leader)
    assert "isolated" in cluster_cmd(cluster, "--isolate-broker", str(leader), via=via).stdout
    deadline = time.time() + 30
    while time.time() < deadline and leader_of(cluster, topic_name) == leader:
        time.sleep(0.1)
    assert leader_of(cluster, topic_name) != leader, "the isolated leader was fenced and replaced"
    assert "fenced" in cluster_cmd(cluster, "--describe", via=via).stdout
    cluster_cmd(cluster, "--heal", via=via)
    assert "isolated" not in cluster_cmd(cluster, "--describe", via=via).stdout
    out = cluster_cmd(cluster, "--slow-follower", str(leader), "--delay-ms", "250", via=via).stdout
    assert "250 ms" in out
    assert "slow follower" in cluster_cmd(cluster, "--describe", via=via).stdout
    bad = samsa("cluster", "--kill-broker", "9", "--bootstrap-server", f"127.0.0.1:{cluster.port + via}", check=False)
    assert bad.returncode != 0 and "no broker 9" in bad.stderr.lower(), bad.stderr
    usage = samsa("cluster", "--slow-follower", "1", check=False)
    assert usage.returncode != 0 and "--delay-ms" in usage.stderr
