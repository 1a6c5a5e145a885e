"""`samsa dump-log` (kafka-dump-log) on segments a running `samsa server` wrote for confluent-kafka's producers:
plain, keyed with headers, idempotent, gzip-compressed and transactional batches read back with their offsets,
producer ids, sequences, payloads and COMMIT marker; the index files check out against the log; a corrupted
copy of the segment is named by the byte position of the bad batch, a truncated copy by its invalid tail bytes,
and a missing file by one sentence. The broker keeps serving while its files are dumped (they are read-only)."""
import os
import re
import shutil
import tempfile

from confluent_kafka import Producer
from confluent_kafka.admin import AdminClient, NewTopic

from conftest import samsa

BATCH = re.compile(r"^baseOffset: (\d+) lastOffset: (\d+) count: (\d+) baseSequence: (-?\d+) lastSequence: (-?\d+) "
                   r"producerId: (-?\d+) producerEpoch: (-?\d+) partitionLeaderEpoch: (-?\d+) isTransactional: (true|false) "
                   r"isControl: (true|false) deleteHorizonMs: OptionalLong.empty position: (\d+) CreateTime: (\d+) "
                   r"size: (\d+) magic: 2 compresscodec: (\w+) crc: (\d+) isvalid: (true|false)$")
RECORD = re.compile(r"^\| offset: (\d+) CreateTime: (\d+) keySize: (-?\d+) valueSize: (-?\d+) sequence: (-?\d+) "
                    r"headerKeys: \[([^\]]*)\](.*)$")


def produce_everything(server, topic):
    admin = AdminClient({"bootstrap.servers": server.bootstrap})
    admin.create_topics([NewTopic(topic, num_partitions=1, replication_factor=1)])[topic].result(60)
    plain = Producer({"bootstrap.servers": server.bootstrap, "enable.idempotence": False, "acks": 1, "linger.ms": 0})
    for i in range(3):
        plain.produce(topic, key=f"k{i}", value=f"plain-{i}", headers=[("h1", b"x"), ("h2", b"y")])
        plain.flush(30)
    idem = Producer({"bootstrap.servers": server.bootstrap, "enable.idempotence": True, "linger.ms": 0})
    for i in range(2):
        idem.produce(topic, value=f"idem-{i}")
        idem.flush(30)
    gz = Producer({"bootstrap.servers": server.bootstrap, "compression.type": "gzip", "linger.ms": 50,
                   "enable.idempotence": False})
    for i in range(10):
        gz.produce(topic, value=f"gzip-{i}-" + "z" * 200)
    gz.flush(30)
    tx = Producer({"bootstrap.servers": server.bootstrap, "transactional.id": "dump-" + topic, "linger.ms": 0})
    tx.init_transactions(60)
    tx.begin_transaction()
    tx.produce(topic, value="txn-0")
    tx.produce(topic, value="txn-1")
    tx.commit_transaction(60)
    return 3 + 2 + 10 + 2


def parse(stdout):
    batches = []
    for line in stdout.splitlines():
        if m := BATCH.match(line):
            batches.append({"base": int(m[1]), "last": int(m[2]), "count": int(m[3]), "baseSequence": int(m[4]),
                            "producerId": int(m[6]), "transactional": m[9] == "true", "control": m[10] == "true",
                            "position": int(m[11]), "size": int(m[13]), "codec": m[14], "valid": m[16] == "true",
                            "records": []})
        elif m := RECORD.match(line):
            batches[-1]["records"].append({"offset": int(m[1]), "keySize": int(m[3]), "sequence": int(m[5]),
                                           "headers": m[6], "rest": m[7]})
    return batches


def segment(server, topic):
    return os.path.join(server.data_dir, f"{topic}-0", "00000000000000000000.log")


def test_dump_log_shows_what_the_clients_wrote(server, topic_name):
    total = produce_everything(server, topic_name)
    log = segment(server, topic_name)
    out = samsa("dump-log", "--files", log, "--print-data-log")
    lines = out.stdout.splitlines()
    assert lines[:2] == [f"Dumping {log}", "Log starting offset: 0"]
    batches = parse(out.stdout)
    assert all(b["valid"] for b in batches)
    # Positions are the running sum of batch sizes, records are numbered without gaps.
    position = 0
    for b in batches:
        assert b["position"] == position
        position += b["size"]
    assert position == os.path.getsize(log)
    records = [r for b in batches for r in b["records"]]
    data = [r for b in batches if not b["control"] for r in b["records"]]
    assert len(data) == total
    assert [r["offset"] for r in records] == list(range(len(records)))

    plain = [r for r in data if "payload: plain-" in r["rest"]]
    assert [r["rest"] for r in plain] == [f" key: k{i} payload: plain-{i}" for i in range(3)]
    assert all(r["headers"] == "h1,h2" and r["keySize"] == 2 for r in plain)

    idem = [b for b in batches if any("payload: idem-" in r["rest"] for r in b["records"])]
    assert len(idem) == 2 and idem[0]["producerId"] >= 0
    assert [b["baseSequence"] for b in idem] == [0, 1]
    assert [r["sequence"] for b in idem for r in b["records"]] == [0, 1]

    gz = [b for b in batches if b["codec"] == "gzip"]
    assert gz, "no gzip batch in: " + out.stdout
    assert sum(len(b["records"]) for b in gz) == 10
    assert all(r["rest"].startswith(" payload: gzip-") for b in gz for r in b["records"])

    txn = [b for b in batches if b["transactional"] and not b["control"]]
    assert sum(b["count"] for b in txn) == 2
    control = [b for b in batches if b["control"]]
    assert len(control) == 1 and control[0]["producerId"] == txn[0]["producerId"]
    assert re.fullmatch(r" endTxnMarker: COMMIT coordinatorEpoch: \d+", control[0]["records"][0]["rest"])

    # Without --deep-iteration only batch lines; the broker kept serving throughout.
    shallow = samsa("dump-log", "--files", log).stdout.splitlines()
    assert len(shallow) == 2 + len(batches)
    more = Producer({"bootstrap.servers": server.bootstrap})
    more.produce(topic_name, value="after")
    assert more.flush(30) == 0

    # The indexes agree with the log (no mismatch reports).
    stem = log[:-4]
    checked = samsa("dump-log", "--files", f"{stem}.index,{stem}.timeindex", "--verify-index-only")
    assert checked.stderr == ""
    sane = samsa("dump-log", "--files", f"{stem}.timeindex", "--index-sanity-check")
    assert f"{stem}.timeindex passed sanity check." in sane.stdout


def test_dump_log_names_a_corrupt_batch_and_a_torn_tail(server, topic_name):
    produce_everything(server, topic_name)
    log = segment(server, topic_name)
    batches = parse(samsa("dump-log", "--files", log).stdout)
    victim = batches[2]
    work = tempfile.mkdtemp(prefix="samsa-dump-")
    try:
        copy = os.path.join(work, "00000000000000000000.log")
        shutil.copyfile(log, copy)
        with open(copy, "r+b") as f:
            f.seek(victim["position"] + victim["size"] - 3)
            byte = f.read(1)
            f.seek(victim["position"] + victim["size"] - 3)
            f.write(bytes([byte[0] ^ 0xFF]))
        result = samsa("dump-log", "--files", copy, "--deep-iteration", check=False)
        assert result.returncode != 0
        after = parse(result.stdout)
        assert len(after) == len(batches), "the dump stops at the corrupt batch instead of going on"
        assert [b["valid"] for b in after] == [b is not victim for b in batches]
        assert f"Corrupt batches in {copy}" in result.stderr
        assert f"position: {victim['position']} baseOffset: {victim['base']} stored crc:" in result.stderr

        torn = os.path.join(work, "00000000000000000000.log")
        shutil.copyfile(log, torn)
        last = batches[-1]
        os.truncate(torn, last["position"] + 20)
        cut = samsa("dump-log", "--files", torn)
        assert len(parse(cut.stdout)) == len(batches) - 1
        assert cut.stdout.splitlines()[-1] == "Found 20 invalid bytes at the end of 00000000000000000000.log"
    finally:
        shutil.rmtree(work, ignore_errors=True)


def test_dump_log_bad_input_is_one_sentence(tmp_path):
    missing = str(tmp_path / "00000000000000000000.log")
    result = samsa("dump-log", "--files", missing, check=False)
    assert result.returncode != 0
    assert result.stdout.splitlines() == [f"Dumping {missing}"]
    assert result.stderr.strip() == f"Cannot read {missing}: No such file or directory."
    bad = samsa("dump-log", "--files", missing, "--max-bytes", "0", check=False)
    assert bad.returncode != 0 and "--max-bytes must be between 1 and 2147483647" in bad.stderr
    assert "Traceback" not in result.stderr and "Fatal error" not in result.stderr


def test_workbench_v_shows_a_partitions_segments_as_dump_log_does(workbench_factory):
    wb = workbench_factory()
    topic = "seg-view"
    samsa("topics", "--create", "--topic", topic, "--partitions", "1", "--replication-factor", "3",
          "--bootstrap-server", wb.bootstrap)
    producer = Producer({"bootstrap.servers": wb.bootstrap, "acks": "all"})
    for i in range(5):
        producer.produce(topic, key=f"key-{i}", value=f"value-{i}")
        producer.flush(30)
    wb.wait_topic(topic, lambda row: row["records"] == "5")
    # Filter the topics down to ours, then to its partitions.
    wb.screen.keys("/")
    wb.screen.type(topic)
    wb.screen.keys("Enter")
    wb.tab(1, "v segments")
    wb.screen.keys("v")
    wb.screen.wait_all(f"Segments of {topic}-0", "(leader): " + wb.data_dir, "BASE OFFSET", "crc ok", "0–4", timeout=60)
    wb.screen.keys("Enter")
    wb.screen.wait_all("Log starting offset: 0", "baseOffset: 0 lastOffset: 0 count: 1", "isvalid: true",
                       "| offset: 4 CreateTime:", timeout=60)
    assert "payload:" not in wb.screen.text()
    wb.screen.keys("p")
    wb.screen.wait_all("key: key-0 payload: value-0", "keys and payloads", timeout=60)
    wb.screen.keys("Escape")
    wb.screen.wait_for("BASE OFFSET")
    wb.screen.keys("Escape")
    wb.screen.wait_for(lambda text: "BASE OFFSET" not in text, what="the segments overlay closed")


def test_workbench_v_in_attach_mode_says_why_not(server, workbench_factory):
    samsa("topics", "--create", "--topic", "attached-seg", "--bootstrap-server", server.bootstrap)
    wb = workbench_factory(attach=server.bootstrap)
    wb.wait_topic("attached-seg")
    wb.tab(1, "v segments")
    wb.screen.keys("v")
    wb.screen.wait_for("Segments are only visible for the embedded cluster")
    assert "BASE OFFSET" not in wb.screen.text()
