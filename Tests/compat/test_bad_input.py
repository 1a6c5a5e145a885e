"""Hostile input: random, truncated and oversized frames, unknown APIs and versions, corrupt batches.
The broker answers with the right error code or closes that one connection, keeps serving every other
connection, and loses nothing already stored."""
import random
import socket
import struct
import subprocess
import time

from confluent_kafka import Consumer, Producer, TopicPartition
from kafka.protocol.metadata import ApiVersionsRequest, MetadataRequest
from kafka.protocol.producer import ProduceRequest, ProduceResponse
from kafka.record.default_records import DefaultRecordBatchBuilder

from conftest import samsa


def framed(request, correlation_id=1):
    request.with_header(correlation_id=correlation_id, client_id="fuzz")
    return request.encode(header=True, framed=True)


def exchange(port, payload, read=True, timeout=15.0):
    """Sends raw bytes; returns the response frame, b"" if the broker closed the connection, None on timeout."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
        s.sendall(payload)
        if not read:
            return None
        try:
            head = b""
            while len(head) < 4:
                chunk = s.recv(4 - len(head))
                if not chunk:
                    return b""
                head += chunk
            size = struct.unpack(">i", head)[0]
            body = b""
            while len(body) < size:
                chunk = s.recv(size - len(body))
                if not chunk:
                    return b""
                body += chunk
            return body
        except (socket.timeout, ConnectionResetError):
            return b"" if not read else None


def record_batch(values):
    builder = DefaultRecordBatchBuilder(magic=2, compression_type=0, is_transactional=False, producer_id=-1,
                                        producer_epoch=-1, base_sequence=-1, batch_size=1 << 20)
    for i, v in enumerate(values):
        builder.append(i, timestamp=1000 + i, key=None, value=v, headers=[])
    return bytes(builder.build())


def produce_request(topic, records, version=8, acks=1):
    TD = ProduceRequest.TopicProduceData
    PD = TD.PartitionProduceData
    return ProduceRequest[version](transactional_id=None, acks=acks, timeout_ms=1000,
                                   topic_data=[TD(name=topic, partition_data=[PD(index=0, records=records)])])


def stored_values(bootstrap, topic, expected):
    c = Consumer({"bootstrap.servers": bootstrap, "group.id": "x", "enable.auto.commit": False, "check.crcs": True})
    c.assign([TopicPartition(topic, 0, 0)])
    got, deadline = [], time.time() + 60
    while len(got) < expected and time.time() < deadline:
        m = c.poll(0.3)
        if m is not None and m.error() is None:
            got.append(m.value())
    c.close()
    return got


def broker_healthy(server):
    out = subprocess.run(["kcat", "-b", server.bootstrap, "-L", "-m", "30"], capture_output=True, timeout=60)
    return out.returncode == 0 and b"1 brokers" in out.stdout


def test_fuzzed_frames_close_only_their_connection(server, topic_name):
    p = Producer({"bootstrap.servers": server.bootstrap})
    for i in range(50):
        p.produce(topic_name, value=f"keep-{i}".encode(), partition=0)
    assert p.flush(60) == 0
    bystander = socket.create_connection(("127.0.0.1", server.port))
    rng = random.Random(1234)
    valid = [framed(ApiVersionsRequest[3](client_software_name="f", client_software_version="1")),
             framed(MetadataRequest[9](topics=None, allow_auto_topic_creation=False, include_topic_authorized_operations=False)),
             framed(produce_request(topic_name, record_batch([b"x"])))]
    cases = []
    for _ in range(150):
        cases.append(bytes(rng.getrandbits(8) for _ in range(rng.randint(1, 64))))  # garbage
    for frame in valid:
        for cut in range(4, len(frame), max(1, len(frame) // 25)):
            body = frame[4:cut]
            cases.append(struct.pack(">i", len(body)) + body)  # truncated body, honest size
        for _ in range(40):
            mutated = bytearray(frame)
            for _ in range(rng.randint(1, 4)):
                i = rng.randrange(4, len(mutated))
                mutated[i] = rng.getrandbits(8)
            cases.append(bytes(mutated))
    cases.append(struct.pack(">i", 2_000_000_000) + b"\x00" * 16)      # oversized
    cases.append(struct.pack(">i", -7) + b"\x00" * 8)                  # negative size
    cases.append(struct.pack(">ihhi", 8, 999, 0, 1))                   # unknown API key
    cases.append(struct.pack(">ihhih", 10, 3, 99, 1, -1))              # unknown Metadata version
    for payload in cases:
        try:
            exchange(server.port, payload, timeout=2.0)
        except OSError:
            pass
        assert server.alive(), server.output()
    # The bystander connection still works.
    bystander.sendall(framed(ApiVersionsRequest[0](), correlation_id=77))
    head = bystander.recv(8)
    assert struct.unpack(">ii", head)[1] == 77
    bystander.close()
    assert broker_healthy(server)
    assert stored_values(server.bootstrap, topic_name, 50) == [f"keep-{i}".encode() for i in range(50)]


def test_unknown_api_versions_version_gets_kip511_answer(server):
    body = exchange(server.port, struct.pack(">ihhih", 10, 18, 77, 9, -1))
    correlation, error = struct.unpack(">ih", body[:6])
    assert correlation == 9 and error == 35  # UNSUPPORTED_VERSION, with the supported ranges after it
    count = struct.unpack(">i", body[6:10])[0]
    assert count >= 8


def test_corrupt_batch_is_rejected_and_nothing_is_lost(server, topic_name):
    samsa("topics", "--create", "--topic", topic_name, "--bootstrap-server", server.bootstrap)
    good = record_batch([b"first"])
    assert ProduceResponse[8].decode(exchange(server.port, framed(produce_request(topic_name, good)))[4:]) is not None
    bad = bytearray(record_batch([b"evil"]))
    bad[-1] ^= 0xFF
    response = ProduceResponse[8].decode(exchange(server.port, framed(produce_request(topic_name, bytes(bad))))[4:])
    assert response.responses[0].partition_responses[0].error_code == 2  # CORRUPT_MESSAGE
    torn = record_batch([b"torn"])[:-5]
    response = ProduceResponse[8].decode(exchange(server.port, framed(produce_request(topic_name, torn)))[4:])
    assert response.responses[0].partition_responses[0].error_code == 2
    assert stored_values(server.bootstrap, topic_name, 1) == [b"first"]


def test_message_too_large(server_factory, topic_name):
    server = server_factory(extra=["--override", "message.max.bytes=1000"]).start()
    samsa("topics", "--create", "--topic", topic_name, "--bootstrap-server", server.bootstrap)
    big = record_batch([b"z" * 2000])
    response = ProduceResponse[8].decode(exchange(server.port, framed(produce_request(topic_name, big)))[4:])
    assert response.responses[0].partition_responses[0].error_code == 10  # MESSAGE_TOO_LARGE
    assert server.alive()


def test_many_connections_do_not_break_the_broker(server, topic_name):
    sockets = [socket.create_connection(("127.0.0.1", server.port)) for _ in range(200)]
    for s in sockets[::2]:
        s.sendall(b"\x00\x00\x00\x05junk!")
    for s in sockets:
        s.close()
    assert broker_healthy(server)
