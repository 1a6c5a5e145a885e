"""kcat from Debian (librdkafka 2.0.2) against samsa: metadata, produce, consume."""
import subprocess


def kcat(*args, input=None, timeout=30):
    r = subprocess.run(["kcat", *args], input=input, capture_output=True, timeout=timeout)
    assert r.returncode == 0, r.stderr.decode(errors="replace")
    return r


def test_metadata_lists_broker_and_topics(server, topic_name):
    kcat("-b", server.bootstrap, "-P", "-t", topic_name, input=b"one\n")
    out = kcat("-b", server.bootstrap, "-L").stdout.decode()
    assert "1 brokers:" in out
    assert f"broker 0 at 127.0.0.1:{server.port}" in out
    assert f'topic "{topic_name}" with 1 partitions:' in out
    assert "partition 0, leader 0, replicas: 0, isrs: 0" in out


def test_produce_then_consume_from_beginning(server, topic_name):
    lines = [f"message {i}" for i in range(100)] + ["안녕하세요 Kafka", "last"]
    kcat("-b", server.bootstrap, "-P", "-t", topic_name, input=("\n".join(lines) + "\n").encode())
    out = kcat("-b", server.bootstrap, "-C", "-t", topic_name, "-o", "beginning", "-e").stdout.decode()
    assert out.splitlines() == lines


def test_keys_headers_offsets_round_trip(server, topic_name):
    kcat("-b", server.bootstrap, "-P", "-t", topic_name, "-K", ":", "-H", "trace=abc", "-H", "n=1",
         input=b"k1:v1\nk2:v2\n")
    out = kcat("-b", server.bootstrap, "-C", "-t", topic_name, "-o", "beginning", "-e",
               "-f", "%k|%s|%o|%h\n").stdout.decode()
    assert out.splitlines() == ["k1|v1|0|trace=abc,n=1", "k2|v2|1|trace=abc,n=1"]


def test_consume_from_offset_and_count(server, topic_name):
    kcat("-b", server.bootstrap, "-P", "-t", topic_name, input=b"a\nb\nc\nd\n")
    out = kcat("-b", server.bootstrap, "-C", "-t", topic_name, "-o", "2", "-c", "1").stdout.decode()
    assert out.splitlines() == ["c"]
    out = kcat("-b", server.bootstrap, "-C", "-t", topic_name, "-o", "-1", "-e").stdout.decode()
    assert out.splitlines() == ["d"]
