"""Kafka Connect in the workbench, driven in tmux with the real binary: the Connect view (C) runs a standalone
worker in the workbench's process on first use, its offsets and files under the data directory. Kafka's
quick start, STEP 6, through the forms: lines written into test.txt, a file source to connect-test (records
in JsonConverter's schema envelope, read by librdkafka), a file sink to test.sink.txt, a line appended later
following; pause → PAUSED and back, delete after asking; attached to another cluster, the worker runs in the
workbench against that cluster."""
import os
import re
import subprocess
import time

from confluent_kafka import Consumer

from conftest import SAMSA, free_port
from connect_kit import rest, wait_for

HERE = os.path.dirname(os.path.abspath(__file__))

ENVELOPE = '{{"schema":{{"type":"string","optional":false}},"payload":"{}"}}'


def read_values(bootstrap, topic, count, timeout=90):
    """The first `count` values of `topic`, decoded, read from the beginning with librdkafka."""
    consumer = Consumer({"bootstrap.servers": bootstrap, "group.id": f"check-{time.time_ns()}",
                         "auto.offset.reset": "earliest", "enable.auto.commit": False})
    consumer.subscribe([topic])
    values, deadline = [], time.time() + timeout
    try:
        while time.time() < deadline and len(values) < count:
            for message in consumer.consume(10, timeout=1):
                if not message.error():
                    values.append(message.value().decode())
    finally:
        consumer.close()
    assert len(values) >= count, f"{topic} held {values}, wanted {count} records"
    return values


def wait_file(path, lines, timeout=90):
    """Waits until the file at `path` holds exactly `lines`."""
    deadline, text = time.time() + timeout, None
    while time.time() < deadline:
        if os.path.exists(path):
            with open(path) as f:
                text = f.read()
            if text.splitlines() == lines:
                return
        time.sleep(0.5)
    raise AssertionError(f"{path} held {text!r}, not {lines}")


def test_the_quick_starts_step_6_through_the_connect_view(workbench_factory):
    wb = workbench_factory()
    connect_dir = os.path.join(wb.data_dir, "connect")
    wb.screen.keys("C")
    wb.screen.wait_all("No Connect worker yet.", connect_dir)
    wb.screen.wait_for(lambda text: "s new" in wb.footer(text) and "Space pause/resume" in wb.footer(text), 30,
                       what="the Connect view's keys in the footer")

    # echo -e "foo\nbar" > test.txt, from the view.
    wb.screen.keys("w")
    wb.screen.wait_all("Write lines to a file ─", "foo\\nbar")
    wb.screen.keys("Enter")
    wb.screen.wait_for(f"Wrote 2 lines to {connect_dir}/test.txt.", 30)
    with open(os.path.join(connect_dir, "test.txt")) as f:
        assert f.read() == "foo\nbar\n"

    # The file source with the quick start's settings: a worker starts, the connector and its task run.
    wb.screen.keys("s")
    wb.choose("Create a file source")
    wb.screen.wait_all("Create a file source ─", "local-file-source", "connect-test")
    wb.screen.keys("Enter")
    wb.screen.wait_for(f"Created connector local-file-source (FileStreamSource: {connect_dir}/test.txt → connect-test).", 90)
    # The class as configured (FileStreamSource) or as resolved (…Connector).
    wb.screen.wait_for(lambda text: re.search(r"local-file-source  source  FileStreamSource(Connector)?  RUNNING  → connect-test  1/1 task running", text)
                       and "standalone worker" in text, 90, what="the source and its task running")
    assert read_values(wb.bootstrap, "connect-test", 2)[:2] == [ENVELOPE.format("foo"), ENVELOPE.format("bar")]
    wb.screen.wait_for(lambda text: re.search(r"  in 2 \([\d.]+/s\) · out 2 \([\d.]+/s\) · failed 0", text), 60,
                       what="two records in and out")
    wb.screen.wait_for(f"source offsets {connect_dir}/test.txt", 30)

    # Its topic in the record tail.
    wb.screen.keys("v")
    wb.screen.wait_all("Start a consumer ─", "workbench-connect-test")
    wb.screen.keys("Enter")
    wb.screen.wait_for('"payload":"bar"}  workbench-connect-test/', 60)

    # The file sink writes the lines into test.sink.txt, and the view shows its last lines.
    wb.screen.keys("s")
    wb.choose("Create a file sink")
    wb.screen.wait_all("Create a file sink ─", "test.sink.txt")
    wb.screen.keys("Enter")
    wb.screen.wait_for(lambda text: re.search(r"local-file-sink  sink  FileStreamSink(Connector)?  RUNNING  connect-test →", text), 90,
                       what="the sink running")
    sink_file = os.path.join(connect_dir, "test.sink.txt")
    wait_file(sink_file, ["foo", "bar"])

    # A line appended later follows into the topic, the tail and the sink's file.
    wb.screen.keys("w")
    wb.screen.wait_for("Write lines to a file ─")
    wb.fill_form(os.path.join(connect_dir, "test.txt"), "a line that follows")
    wb.screen.wait_for('@2 {"schema":{"type":"string","optional":false},"payload":"a line that follows"}', 90)
    wait_file(sink_file, ["foo", "bar", "a line that follows"])
    wb.screen.keys("j")
    wb.screen.wait_all(f"File {sink_file} (last 3 lines)", "  a line that follows", timeout=30)

    # Pause the source (the first row) and resume it; the event log tells both.
    wb.screen.keys("k", "Space")
    wb.screen.wait_for("Paused connector local-file-source.", 60)
    wb.screen.wait_for(lambda text: re.search(r"local-file-source  source  FileStreamSource(Connector)?  PAUSED", text)
                       and "Connector local-file-source is PAUSED" in text, 60, what="the source paused")
    wb.screen.keys("Space")
    wb.screen.wait_for("Resumed connector local-file-source.", 60)
    wb.screen.wait_for(lambda text: re.search(r"local-file-source  source  FileStreamSource(Connector)?  RUNNING", text), 60,
                       what="the source running again")

    # Delete, after asking.
    wb.screen.keys("d")
    wb.screen.wait_for("Delete connector local-file-source? Its tasks stop;")  # the rest wraps
    wb.screen.keys("y")
    wb.screen.wait_for("Deleted connector local-file-source.", 60)
    wb.screen.wait_for(lambda text: "local-file-source  source" not in text and "Connect (1)" in text, 60,
                       what="only the sink left")


def test_a_bad_form_says_what_to_fix_and_creates_nothing(workbench_factory):
    wb = workbench_factory()
    wb.screen.keys("C", "s")
    wb.choose("Create a file source")
    wb.screen.wait_for("Create a file source ─")
    wb.fill_form("local-file-source", "test.txt", "connect test")
    wb.screen.wait_for("connect test is not a valid topic name: use letters, digits,")  # the rest wraps
    wb.screen.keys("Escape")
    wb.screen.wait_for("No Connect worker yet.")


def test_attached_the_worker_runs_in_the_workbench_against_the_attached_cluster(server, workbench_factory, tmp_path):
    wb = workbench_factory(attach=server.bootstrap)
    source_file = tmp_path / "attached.txt"
    source_file.write_text("one\ntwo\n")
    wb.screen.keys("C")
    wb.screen.wait_for("No Connect worker yet.")
    wb.screen.keys("s")
    wb.choose("Create a file source")
    wb.screen.wait_for("Create a file source ─")
    wb.fill_form("attached-source", str(source_file), "attached-lines")
    wb.screen.wait_for(f"Created connector attached-source (FileStreamSource: {source_file} → attached-lines).", 90)
    wb.screen.wait_for(lambda text: re.search(r"attached-source  source  FileStreamSource(Connector)?  RUNNING  → attached-lines", text),
                       90, what="the source running")
    assert read_values(server.bootstrap, "attached-lines", 2)[:2] == [ENVELOPE.format("one"), ENVELOPE.format("two")]
    wb.screen.wait_for(f"source offsets {source_file}: ", 60)


def test_a_generator_flows_and_a_failing_sink_shows_its_trace(workbench_factory):
    wb = workbench_factory()
    wb.screen.keys("C", "s")
    wb.choose("Create a generator")
    wb.screen.wait_all("Create a generator ─", "datagen-users", "◂ users ▸")
    wb.fill_form("datagen-users", "users", "", "100")  # the quickstart is a choice: left as users
    wb.screen.wait_for("Created connector datagen-users (DatagenConnector: users → users).", 90)
    wb.screen.wait_for(lambda text: re.search(r"datagen-users  source  DatagenConnector  RUNNING  → users  1/1 task running", text), 90,
                       what="the generator running")
    wb.screen.wait_for(lambda text: re.search(r"  in \d+ \([\d.]+/s\) · out ([1-9]\d*) ", text), 90, what="generated records written")
    record = read_values(wb.bootstrap, "users", 1)[0]
    assert '"name":"ksql.users"' in record and '"payload":{"registertime":' in record, record

    # A sink whose file cannot be written: its task fails, and the view shows the trace's first line.
    wb.screen.keys("s")
    wb.choose("Create a file sink")
    wb.screen.wait_for("Create a file sink ─")
    wb.fill_form("broken-sink", "users", "/proc/samsa-nope/out.txt")
    wb.screen.wait_for("Created connector broken-sink", 90)
    wb.screen.keys("j")
    wb.screen.wait_for(lambda text: re.search(r"      FAILED: \S", text), 90, what="the failed task's trace line")
    wb.screen.wait_for(lambda text: re.search(r"failed Task broken-sink-0 FAILED", text), 30, what="the failure in the event log")


def test_connect_url_shows_a_running_connect_cluster_and_drives_it_over_rest(server, workbench_factory, tmp_path):
    """`samsa connect-standalone` (Kafka's quick-start files, a free REST port) next to `samsa server`; the
    workbench attached with --connect-url shows its connector RUNNING from the REST API, pausing from the view
    makes GET /connectors/local-file-source/status say PAUSED, and a worker that stops answering is one line."""
    config = tmp_path / "config"
    config.mkdir()
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    with open(os.path.join(HERE, "connect", "connect-standalone.properties")) as f:
        worker = f.read().replace("bootstrap.servers=localhost:9092", f"bootstrap.servers={server.bootstrap}")
    worker = worker.replace("offset.storage.file.filename=/tmp/connect.offsets", f"offset.storage.file.filename={tmp_path}/connect.offsets")
    (config / "connect-standalone.properties").write_text(worker + f"\nlisteners={url}\n")
    with open(os.path.join(HERE, "connect", "connect-file-source.properties")) as f:
        (config / "connect-file-source.properties").write_text(f.read())
    (tmp_path / "test.txt").write_text("foo\nbar\n")
    log = open(tmp_path / "connect.log", "wb")
    proc = subprocess.Popen([SAMSA, "connect-standalone", "config/connect-standalone.properties", "config/connect-file-source.properties"],
                            cwd=tmp_path, stdout=log, stderr=subprocess.STDOUT)
    try:
        status_url = f"{url}/connectors/local-file-source/status"
        wait_for("the standalone worker's source running",
                   lambda: rest("GET", status_url)[1] if rest("GET", status_url)[0] == 200
                   and rest("GET", status_url)[1]["connector"]["state"] == "RUNNING" else None)

        wb = workbench_factory("--connect-url", url, attach=server.bootstrap)
        wb.screen.keys("C")
        wb.screen.wait_for(lambda text: re.search(r"local-file-source  source  FileStreamSource(Connector)?  RUNNING  → connect-test  1/1 task running", text)
                           and "Kafka Connect over REST · 1 worker: " in text, 90, what="the remote source running")
        wb.screen.wait_all("rates: not in Kafka Connect's REST API", f"Showing the Kafka Connect cluster at {url}/")
        # The quick start's offsets as GET /connectors/local-file-source/offsets gives them, once flushed (10 s):
        # the file as its connector file names it (relative), 8 bytes read.
        wb.screen.wait_for("  filename=test.txt → position=8", 90)
        assert "No Connect worker yet." not in wb.screen.text()

        # Space pauses it on the standalone worker, over REST.
        wb.screen.keys("Space")
        wb.screen.wait_for("Paused connector local-file-source.", 60)
        wait_for("GET …/status saying PAUSED", lambda: rest("GET", status_url)[1]["connector"]["state"] == "PAUSED")
        wb.screen.wait_for(lambda text: re.search(r"local-file-source  source  FileStreamSource(Connector)?  PAUSED", text), 60,
                           what="the view showing PAUSED")

        # The worker stops: one line says since when the REST API does not answer.
        proc.terminate()
        proc.wait(60)
        wb.screen.wait_for(lambda text: re.search(rf"Connect REST at {re.escape(url)}/ not answering since \d\d:\d\d:\d\d: ", text), 60,
                           what="the not-answering line")
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        log.close()


def test_connect_url_needs_bootstrap_server():
    result = subprocess.run([SAMSA, "tui", "--connect-url", "http://127.0.0.1:8083"], capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    assert "--connect-url shows a Connect cluster next to an attached one: give --bootstrap-server too." in result.stderr
