"""An idempotent producer's retry must not be written twice by a leader that restarted (KIP-98).

The minimal reproduction of what test_fault_soak.py once found: a retried batch (same producer id, epoch and
sequence) sent to a broker that holds the batch in its log but restarted since was appended again, because the
broker's idempotent-producer state lived only in memory. It is now rebuilt from the log when a replica opens or
cuts its tail, as Kafka does. Raw Kafka requests make the retry exact."""
import re
import subprocess
import time

from kafka.protocol.producer import InitProducerIdRequest, InitProducerIdResponse, ProduceRequest, ProduceResponse
from kafka.record.default_records import DefaultRecordBatchBuilder

from conftest import samsa
from groupkit import wait_until
from test_bad_input import exchange, framed


def describe(server, topic):
    """(leader, isr) of partition 0, from `samsa topics --describe`."""
    out = samsa("topics", "--describe", "--topic", topic, "--bootstrap-server",
                ",".join(f"127.0.0.1:{port}" for port in server.ports)).stdout
    leader, isr = re.search(r"Partition: 0\tLeader: (-?\d+)\t.*Isr: ([\d,]*)", out).groups()
    return int(leader), [int(b) for b in isr.split(",") if b]


def idempotent_batch(producer_id, epoch, sequence, value):
    builder = DefaultRecordBatchBuilder(magic=2, compression_type=0, is_transactional=False, producer_id=producer_id,
                                        producer_epoch=epoch, base_sequence=sequence, batch_size=1 << 20)
    builder.append(0, timestamp=int(time.time() * 1000), key=None, value=value, headers=[])
    return bytes(builder.build())


def produce(port, topic, batch):
    """Sends one batch to partition 0 with acks=all; returns (error code, base offset)."""
    TD = ProduceRequest.TopicProduceData
    request = ProduceRequest[8](transactional_id=None, acks=-1, timeout_ms=10000,
                                topic_data=[TD(name=topic, partition_data=[TD.PartitionProduceData(index=0, records=batch)])])
    answer = ProduceResponse[8].decode(exchange(port, framed(request), timeout=15)[4:])
    partition = answer.responses[0].partition_responses[0]
    return partition.error_code, partition.base_offset


def stored(server, topic):
    """Every value of partition 0, read from the beginning with kcat."""
    return subprocess.run(["kcat", "-b", server.bootstrap, "-C", "-t", topic, "-p", "0", "-o", "beginning", "-e",
                           "-f", "%s\\n"], capture_output=True, text=True, timeout=30).stdout.split()


def test_a_leader_that_restarted_still_recognises_a_retried_batch(server_factory, topic_name):
    server = server_factory(brokers=3, extra=["--override", "broker.session.timeout.ms=1000"]).start()
    samsa("topics", "--create", "--topic", topic_name, "--replication-factor", "3", "--config", "min.insync.replicas=2",
          "--bootstrap-server", server.bootstrap)
    leader, _ = describe(server, topic_name)
    port = server.port + leader
    init = InitProducerIdResponse[0].decode(exchange(port, framed(InitProducerIdRequest[0](
        transactional_id=None, transaction_timeout_ms=60000)))[4:])
    assert init.error_code == 0
    batch = idempotent_batch(init.producer_id, init.producer_epoch, 0, b"once")
    assert produce(port, topic_name, batch) == (0, 0)
    assert produce(port, topic_name, batch) == (0, 0), "a retry to the same leader is answered with the first offset"

    other = f"127.0.0.1:{server.port + (leader + 1) % 3}"
    samsa("cluster", "--kill-broker", str(leader), "--bootstrap-server", other)
    samsa("cluster", "--start-broker", str(leader), "--bootstrap-server", other)
    wait_until(lambda: len(describe(server, topic_name)[1]) == 3, 30, "the restarted broker is in sync again")
    samsa("cluster", "--elect-leaders", "--bootstrap-server", other)
    wait_until(lambda: describe(server, topic_name)[0] == leader, 30, "the restarted broker leads again")

    # The retry of a batch the restarted leader holds in its log: Kafka answers with offset 0 and writes nothing.
    assert produce(port, topic_name, batch) == (0, 0), "the retried batch was appended a second time"
    assert stored(server, topic_name) == ["once"]
