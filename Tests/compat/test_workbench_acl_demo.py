"""The embedded workbench's ACL demo (menu → Security), driven in tmux, then checked with librdkafka
(confluent-kafka) using the settings the events print: the read-only SCRAM user consumes through the new
SASL listener, and its produce is refused with TOPIC_AUTHORIZATION_FAILED, while the plain listener still
serves everyone."""
import re

from confluent_kafka import Consumer, KafkaError, Producer


def test_the_acl_demo_opens_a_sasl_listener_where_reader_may_read_but_not_write(workbench_factory):
    wb = workbench_factory(width=220, height=60)
    wb.screen.keys("m")
    wb.screen.wait_all("Actions ─", "Security", "ACL demo: SASL listener, read-only user")
    wb.choose("ACL demo")
    done = re.compile(r"ACL demo done: on SASL_DEMO at ([0-9.:,]+), reader may read acl-demo but not write it")
    outcome = wb.screen.wait_for(lambda t: done.search(t) or ("✕" in wb.status(t) and wb.status(t)), 120,
                                 what="the demo's outcome")
    match = outcome if isinstance(outcome, re.Match) else None
    assert match, outcome
    bootstrap = match.group(1)
    wb.screen.wait_all("Step 5/6: reader consumed 3 records", "Step 6/6: reader's produce to acl-demo was refused")

    # The plain listener (User:ANONYMOUS, a super user) still writes.
    errors = []
    plain = Producer({"bootstrap.servers": wb.bootstrap, "message.timeout.ms": 10000})
    plain.produce("acl-demo", b"anonymous still writes", on_delivery=lambda err, msg: errors.append(err))
    plain.flush(20)
    assert errors == [None]

    # The demo's reader committed its three records in its group; librdkafka, as reader, reads on from there.
    reader = {"bootstrap.servers": bootstrap, "security.protocol": "SASL_PLAINTEXT", "sasl.mechanism": "SCRAM-SHA-256",
              "sasl.username": "reader", "sasl.password": "reader-secret"}
    consumer = Consumer({**reader, "group.id": "acl-demo-readers", "auto.offset.reset": "earliest"})
    consumer.subscribe(["acl-demo"])
    values, problems = [], []
    for _ in range(60):
        message = consumer.poll(1)
        if message is not None:
            (problems.append(message.error()) if message.error() else values.append(message.value().decode()))
        if values:
            break
    consumer.close()
    assert values == ["anonymous still writes"], problems

    errors.clear()
    producer = Producer({**reader, "message.timeout.ms": 10000})
    producer.produce("acl-demo", b"from librdkafka", on_delivery=lambda err, msg: errors.append(err))
    producer.flush(20)
    assert errors and errors[0] is not None and errors[0].code() == KafkaError.TOPIC_AUTHORIZATION_FAILED
