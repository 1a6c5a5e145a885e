"""kill -9 during produce with fsync-every-append: every acknowledged batch survives and the log has no torn tail."""
import threading
import time

from confluent_kafka import Consumer, KafkaError, Producer, TopicPartition

from conftest import samsa


def test_acknowledged_writes_survive_kill_9(server_factory, topic_name):
    server = server_factory(extra=["--fsync"]).start()
    samsa("topics", "--create", "--topic", topic_name, "--partitions", "2", "--bootstrap-server", server.bootstrap)
    acked = []
    lock = threading.Lock()
    stop = threading.Event()

    def produce():
        p = Producer({"bootstrap.servers": server.bootstrap, "acks": "1", "linger.ms": 1, "retries": 0,
                      "message.timeout.ms": 3000})

        def delivered(err, msg):
            if err is None:
                with lock:
                    acked.append((msg.partition(), msg.offset(), msg.value()))
        i = 0
        while not stop.is_set():
            try:
                p.produce(topic_name, value=f"v{i}".encode(), on_delivery=delivered)
            except BufferError:
                pass
            p.poll(0)
            i += 1
            if i % 50 == 0:
                time.sleep(0.001)
        p.flush(5)

    thread = threading.Thread(target=produce)
    thread.start()
    deadline = time.time() + 60
    while time.time() < deadline:
        with lock:
            if len(acked) >= 3000:
                break
        time.sleep(0.05)
    server.kill()
    stop.set()
    thread.join(30)
    with lock:
        survivors = list(acked)
    assert len(survivors) >= 1000

    server.start()
    c = Consumer({"bootstrap.servers": server.bootstrap, "group.id": "x", "enable.auto.commit": False, "check.crcs": True,
                  "enable.partition.eof": True})
    c.assign([TopicPartition(topic_name, p, 0) for p in (0, 1)])
    stored, at_end, deadline = {}, set(), time.time() + 60
    while at_end != {0, 1} and time.time() < deadline:  # nothing is written any more: the end is the end
        m = c.poll(0.3)
        if m is None:
            continue
        if m.error() and m.error().code() == KafkaError._PARTITION_EOF:
            at_end.add(m.partition())
            continue
        assert m.error() is None, m.error()
        stored[(m.partition(), m.offset())] = m.value()
    c.close()
    assert at_end == {0, 1}, "the recovered partitions were not read to their end within 60 s"
    missing = [a for a in survivors if stored.get((a[0], a[1])) != a[2]]
    assert not missing, f"{len(missing)} acknowledged records lost, e.g. {missing[:3]}"
    # Offsets are dense per partition: recovery cut no hole and left no torn batch behind.
    for p in (0, 1):
        offsets = sorted(o for (part, o) in stored if part == p)
        assert offsets == list(range(len(offsets)))
    # The recovered log takes new writes right after its last record.
    producer = Producer({"bootstrap.servers": server.bootstrap})
    result = []
    producer.produce(topic_name, value=b"after", partition=0, on_delivery=lambda e, m: result.append(m.offset()))
    producer.flush(30)
    assert result == [len([1 for (part, _) in stored if part == 0])]
