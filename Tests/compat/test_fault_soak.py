"""Fault soak: an idempotent acks=all librdkafka producer writes numbered values into a 3-broker cluster
(replication factor 3, min.insync.replicas=2) while brokers are killed, stopped, isolated, started and healed at
random. Afterwards every acknowledged record is read back exactly once at the offset its acknowledgement gave,
no value is stored twice, and every replica holds the same records.

SAMSA_SOAK_SEED=N replays a seed's fault choices (the timing still varies); SAMSA_SOAK_SECONDS sets how long
faults go on (default 35). On failure the seed, the fault sequence and the server log are printed, and the log
and data directory are kept under /tmp/samsa-soak-SEED-*. A run takes about 45 s; every wait is bounded, so even
a stuck cluster fails with that report within pytest's 300 s."""
import os
import random
import shutil
import time

from confluent_kafka import Producer

from conftest import samsa
from soakkit import FaultDriver, Hang, Producing, high_watermarks, isr_sizes, read_back, replica_on_disk

PARTITIONS = 3
SECONDS = float(os.environ.get("SAMSA_SOAK_SECONDS", "35"))
# A fenced broker in 2 s instead of 9 s: isolations end both before and after fencing. A lagging follower leaves
# the in-sync replicas after 5 s instead of 30 s, so a loaded machine sees ISR shrink and grow too.
OVERRIDES = ["--override", "broker.session.timeout.ms=2000", "--override", "replica.lag.time.max.ms=5000"]
AFTER = "after-healing"  # one record per partition written once the faults are over


def check(records, conflicts, acked, sent_values):
    """Problems with what was read back, as readable lines (empty when all is well)."""
    problems = [f"offset {o} of partition {p} read as {a!r} and as {b!r}" for p, o, a, b in conflicts]
    where = {}
    for p, by_offset in records.items():
        for o, v in by_offset.items():
            if v != AFTER:
                where.setdefault(v, []).append((p, o))
    for value, (p, o) in sorted(acked.items(), key=lambda kv: kv[1]):
        got = records[p].get(o)
        if got != value:
            problems.append(f"acknowledged {value} at {p}/{o}, but that offset holds {got!r}"
                            + (f"; the value is at {where[value]}" if value in where else "; the value is nowhere"))
    problems += [f"{v} is stored {len(at)} times: {at}" for v, at in where.items() if len(at) > 1]
    problems += [f"{v} at {at} was never produced" for v, at in where.items() if v not in sent_values]
    for p, by_offset in records.items():
        offsets = sorted(by_offset)
        if offsets and offsets != list(range(offsets[0], offsets[-1] + 1)):
            holes = sorted(set(range(offsets[0], offsets[-1] + 1)) - set(offsets))
            problems.append(f"partition {p} has holes at offsets {holes[:10]}")
        firsts = list(dict.fromkeys(by_offset[o] for o in offsets if by_offset[o] != AFTER))  # copies told above
        numbers = [int(v.rsplit("-", 1)[1]) for v in firsts]
        if numbers != sorted(numbers):
            problems.append(f"partition {p} holds values out of the order they were produced in")
    return problems


def soak(server, driver, producer, seconds):
    """Faults while the producer writes; then every broker back, the producer flushed. Returns problems."""
    end = time.time() + seconds
    while time.time() < end and server.alive():
        time.sleep(driver.rng.uniform(0.2, 2.0))
        driver.step()
    producer.halt()
    if not server.alive():
        return ["the server process died during the faults"]
    problems = []
    driver.mark("faults over")
    state = driver.restore_all()
    if set(state.values()) != {"online"}:
        problems.append(f"not every broker came back: {state}")
    driver.mark("every broker back")
    if not producer.stop():
        problems.append("the producer did not finish within 75 s of being stopped")
    elif producer.unflushed:
        problems.append(f"the producer could not deliver {producer.unflushed} records after the cluster healed")
    driver.mark("producer flushed")
    return problems + [f"the idempotent producer failed fatally: {e}" for e in producer.fatal()]


def write_after_healing(bootstrap, topic):
    failed = []
    p = Producer({"bootstrap.servers": bootstrap, "acks": "all", "message.timeout.ms": 30000})
    for partition in range(PARTITIONS):
        p.produce(topic, value=AFTER.encode(), partition=partition, on_delivery=lambda err, msg: err and failed.append(err))
    p.flush(30)
    return [f"a write to a healed cluster failed: {err}" for err in failed]


def replicas_agree(server, topic, records, ends):
    """After every replica is back in sync and a clean stop: each broker's segment files hold what was read."""
    deadline = time.time() + 45
    while time.time() < deadline and set(isr_sizes(server, topic).values()) != {3}:
        time.sleep(0.5)
    sizes = isr_sizes(server, topic)
    if set(sizes.values()) != {3}:
        return [f"the in-sync replicas never grew back to 3 after healing: {sizes}"]
    if server.stop() != 0:
        return ["the server did not stop cleanly"]
    problems = []
    for p in range(PARTITIONS):
        for b in range(server.brokers):
            replica = replica_on_disk(server.data_dir, b, topic, p)
            differ = [o for o in range(ends[p]) if replica.get(o) != records[p].get(o)]
            if differ:
                problems.append(f"broker {b}'s replica of partition {p} differs at offsets {differ[:10]}")
    return problems


def test_acknowledged_records_survive_random_broker_faults_exactly_once(server_factory, topic_name):
    seed = int(os.environ.get("SAMSA_SOAK_SEED") or random.SystemRandom().randrange(1 << 32))
    print(f"fault soak seed {seed}")
    server = server_factory(brokers=3, extra=OVERRIDES).start()
    driver = FaultDriver(server, seed)
    bootstrap = ",".join(f"127.0.0.1:{port}" for port in server.ports)
    samsa("topics", "--create", "--topic", topic_name, "--partitions", str(PARTITIONS), "--replication-factor", "3",
          "--config", "min.insync.replicas=2", "--bootstrap-server", bootstrap)
    driver.mark("topic created")
    producer = Producing(bootstrap, topic_name, PARTITIONS, prefix=f"s{seed}")
    report = ""
    try:
        problems = soak(server, driver, producer, SECONDS)
        acked = dict(producer.acked)
        report = (f"seed {seed}: {len(driver.commands())} fault commands, {producer.sent} records sent, {len(acked)} "
                  f"acknowledged, {len(producer.failed)} failed {sorted(set(producer.failed.values()))[:3]}")
        if server.alive() and producer.finished:
            problems += write_after_healing(bootstrap, topic_name)
            hw = high_watermarks(bootstrap, topic_name, PARTITIONS)
            ends = {p: max([hw[p]] + [o + 1 for q, o in acked.values() if q == p]) for p in range(PARTITIONS)}
            records, conflicts = read_back(bootstrap, topic_name, PARTITIONS, ends)
            driver.mark("read back")
            problems += check(records, conflicts, acked, {producer.value(i) for i in range(producer.sent)})
            problems += replicas_agree(server, topic_name, records, ends)
            driver.mark("replicas compared")
    except Hang as hang:
        problems = [str(hang)]
    finally:
        producer.kill()
    print(report)
    if problems:
        fail(server, driver, producer, seed, report, problems)
    print(driver.story())


def fail(server, driver, producer, seed, report, problems):
    """Keeps the server's log and data under /tmp and raises with everything needed to look into it."""
    kept = f"/tmp/samsa-soak-{seed}"
    server.stop()
    shutil.copyfile(server.log_path, kept + "-server.log")
    shutil.copytree(server.data_dir, kept + "-data", dirs_exist_ok=True)
    log = server.output(0).splitlines()
    worrying = [line for line in log if " warning " in line or " error " in line or " critical " in line]
    raise AssertionError(
        f"fault soak found {len(problems)} problems (replay with SAMSA_SOAK_SEED={seed}); {report}\n"
        + "\n".join(problems[:30]) + "\nfault sequence:\n" + driver.story()
        + "\nthe producer's last log lines:\n" + producer.log_tail()
        + f"\nthe server's warnings and errors (log kept in {kept}-server.log, data in {kept}-data):\n"
        + "\n".join(worrying[-40:]) + "\nthe server log's last lines:\n" + "\n".join(log[-25:]))
