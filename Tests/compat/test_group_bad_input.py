"""Group requests that break the protocol's rules, sent raw (kafka-python's message classes over a plain
socket): each gets Kafka's error code, the group stays consistent, and no committed offset is lost."""
import socket
import struct
import time

from kafka.protocol.metadata import FindCoordinatorRequest, FindCoordinatorResponse
from kafka.protocol.consumer import (HeartbeatRequest, HeartbeatResponse, JoinGroupRequest, JoinGroupResponse,
                                     OffsetCommitRequest, OffsetCommitResponse, OffsetFetchRequest, OffsetFetchResponse,
                                     SyncGroupRequest, SyncGroupResponse)

from groupkit import create_topic

NONE, UNKNOWN_SERVER_ERROR, UNKNOWN_TOPIC_OR_PARTITION = 0, -1, 3
ILLEGAL_GENERATION, UNKNOWN_MEMBER_ID, MEMBER_ID_REQUIRED = 22, 25, 79
# Non-flexible versions: the response header is only the correlation id.
JOIN_V, SYNC_V, HEARTBEAT_V, COMMIT_V, FETCH_V = 5, 3, 3, 7, 5


class Wire:
    """One connection to the broker (the group coordinator: samsa runs one broker here)."""

    def __init__(self, port):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=30)
        self.correlation = 0

    def find_coordinator(self, group):
        """What a client does first (and what creates __consumer_offsets); retried while the coordinator loads."""
        deadline = time.time() + 60
        while True:
            answer = self.call(FindCoordinatorRequest[2](key=group, key_type=0), FindCoordinatorResponse, 2)
            if answer.error_code == NONE or time.time() > deadline:
                assert answer.error_code == NONE and answer.node_id == 0
                return
            time.sleep(0.05)

    def call(self, request, response_class, version):
        self.correlation += 1
        request.with_header(correlation_id=self.correlation, client_id="raw-member")
        self.sock.sendall(request.encode(header=True, framed=True))
        size = struct.unpack(">i", self._read(4))[0]
        body = self._read(size)
        assert struct.unpack(">i", body[:4])[0] == self.correlation
        return response_class[version].decode(body[4:])

    def _read(self, n):
        data = b""
        while len(data) < n:
            chunk = self.sock.recv(n - len(data))
            assert chunk, "the broker closed the connection"
            data += chunk
        return data

    def join(self, group, member_id="", metadata=b"\x00\x00\x00\x00\x00\x00\xff\xff\xff\xff"):
        protocol = JoinGroupRequest[JOIN_V].JoinGroupRequestProtocol(name="range", metadata=metadata)
        return self.call(JoinGroupRequest[JOIN_V](group_id=group, session_timeout_ms=30000, rebalance_timeout_ms=30000,
                                                  member_id=member_id, group_instance_id=None, protocol_type="consumer",
                                                  protocols=[protocol]), JoinGroupResponse, JOIN_V)

    def join_as_new_member(self, group, **kwargs):
        first = self.join(group, **kwargs)
        assert first.error_code == MEMBER_ID_REQUIRED
        return self.join(group, member_id=first.member_id, **kwargs)

    def sync(self, group, generation, member_id, assignments=()):
        entries = [SyncGroupRequest[SYNC_V].SyncGroupRequestAssignment(member_id=m, assignment=a) for m, a in assignments]
        return self.call(SyncGroupRequest[SYNC_V](group_id=group, generation_id=generation, member_id=member_id,
                                                  group_instance_id=None, assignments=entries), SyncGroupResponse, SYNC_V).error_code

    def heartbeat(self, group, generation, member_id):
        return self.call(HeartbeatRequest[HEARTBEAT_V](group_id=group, generation_id=generation, member_id=member_id,
                                                       group_instance_id=None), HeartbeatResponse, HEARTBEAT_V).error_code

    def commit(self, group, generation, member_id, offsets):
        """Commits {(topic, partition): offset}; returns {(topic, partition): error code}."""
        T = OffsetCommitRequest[COMMIT_V].OffsetCommitRequestTopic
        P = T.OffsetCommitRequestPartition
        topics = {}
        for (topic, partition), offset in offsets.items():
            topics.setdefault(topic, []).append(P(partition_index=partition, committed_offset=offset, committed_leader_epoch=-1,
                                                  committed_metadata=""))
        response = self.call(OffsetCommitRequest[COMMIT_V](group_id=group, generation_id_or_member_epoch=generation,
                                                           member_id=member_id, group_instance_id=None,
                                                           topics=[T(name=t, partitions=ps) for t, ps in topics.items()]),
                             OffsetCommitResponse, COMMIT_V)
        return {(t.name, p.partition_index): p.error_code for t in response.topics for p in t.partitions}

    def committed(self, group, topic, partitions):
        T = OffsetFetchRequest[FETCH_V].OffsetFetchRequestTopic
        response = self.call(OffsetFetchRequest[FETCH_V](group_id=group, topics=[T(name=topic, partition_indexes=partitions)]),
                             OffsetFetchResponse, FETCH_V)
        assert response.error_code == NONE
        return {p.partition_index: p.committed_offset for t in response.topics for p in t.partitions}


def test_bad_group_requests_get_kafkas_errors_and_lose_nothing(server, topic_name):
    create_topic(server.bootstrap, topic_name, 2)
    wire = Wire(server.port)
    wire.find_coordinator("strict")
    joined = wire.join_as_new_member("strict")
    assert joined.error_code == NONE and joined.generation_id == 1 and joined.leader == joined.member_id
    member, generation = joined.member_id, joined.generation_id
    assert wire.sync("strict", generation, member, [(member, b"\x00\x00\x00\x00\x00\x00\xff\xff\xff\xff")]) == NONE
    assert wire.commit("strict", generation, member, {(topic_name, 0): 5, (topic_name, 1): 7}) == \
        {(topic_name, 0): NONE, (topic_name, 1): NONE}

    assert wire.sync("strict", generation + 5, member) == ILLEGAL_GENERATION
    assert wire.heartbeat("strict", generation, "nobody") == UNKNOWN_MEMBER_ID
    assert wire.sync("never-joined", 0, "ghost") == UNKNOWN_MEMBER_ID, "SyncGroup before JoinGroup"
    assert wire.sync("strict", generation, "ghost") == UNKNOWN_MEMBER_ID, "SyncGroup from a member that never joined"
    assert wire.commit("strict", generation, member, {(topic_name, 9): 1, (topic_name, 0): 6, ("no-such-topic", 0): 1}) == \
        {(topic_name, 9): UNKNOWN_TOPIC_OR_PARTITION, (topic_name, 0): NONE, ("no-such-topic", 0): UNKNOWN_TOPIC_OR_PARTITION}

    # The group is unharmed: its member still heartbeats in the same generation, its offsets are all there.
    assert wire.heartbeat("strict", generation, member) == NONE
    assert wire.committed("strict", topic_name, [0, 1]) == {0: 6, 1: 7}

    # Member metadata too large for __consumer_offsets: the join is answered, but the leader's SyncGroup cannot
    # store the group and gets UNKNOWN_SERVER_ERROR, as in Kafka. Earlier commits stay; a normal rejoin works.
    other = Wire(server.port)
    other.find_coordinator("roomy")
    assert other.commit("roomy", -1, "", {(topic_name, 0): 3}) == {(topic_name, 0): NONE}
    huge = other.join_as_new_member("roomy", metadata=b"\x00\x00" + b"x" * 1_200_000)
    assert huge.error_code == NONE
    assert other.sync("roomy", huge.generation_id, huge.member_id, [(huge.member_id, b"")]) == UNKNOWN_SERVER_ERROR
    rejoined = other.join("roomy", member_id=huge.member_id)
    assert rejoined.error_code == NONE and rejoined.generation_id > huge.generation_id
    assert other.sync("roomy", rejoined.generation_id, huge.member_id, [(huge.member_id, b"")]) == NONE
    assert other.heartbeat("roomy", rejoined.generation_id, huge.member_id) == NONE
    assert other.committed("roomy", topic_name, [0]) == {0: 3}
    assert wire.committed("strict", topic_name, [0, 1]) == {0: 6, 1: 7}
    assert server.alive()
