"""Kafka's streams quick start (STEP 7) with samsa: a 3-broker `samsa server`, the topics created as the quick
start creates them, `samsa streams wordcount`, lines produced by kafka-python and kcat, and the counts read
back by kafka-python, kcat (librdkafka) and `samsa console-consumer --value-deserializer long`; restore after
the state directory is deleted; pipe and linesplit."""
import shutil
import subprocess

import pytest

from conftest import samsa
from streams_kit import StreamsApp, counts_of, produce_lines, read_counts, samsa_topics_create

QUICKSTART = ["all streams lead to kafka", "hello kafka streams", "join kafka summit"]
EXPECTED = {"all": 1, "streams": 2, "lead": 1, "to": 1, "kafka": 3, "hello": 1, "join": 1, "summit": 1}


@pytest.fixture
def cluster(server_factory):
    return server_factory(brokers=3).start()


@pytest.fixture
def apps():
    made = []
    yield made
    for app in made:
        app.cleanup()


def start_wordcount(cluster, apps):
    """The quick start's topics, created by hand as Kafka's quick start does, then the running word count."""
    samsa_topics_create(cluster, "streams-plaintext-input", 3)
    samsa_topics_create(cluster, "streams-wordcount-output", 3, "cleanup.policy=compact")
    app = StreamsApp(cluster, "wordcount").start()
    apps.append(app)
    app.wait_for("RUNNING")
    return app


def test_quickstart_wordcount_read_by_every_client(cluster, apps):
    app = start_wordcount(cluster, apps)
    # The topology is printed at start, as Kafka's demo prints topology.describe().
    assert "Sub-topology: 0" in app.output() and "counts-store-repartition" in app.output()
    produce_lines(cluster, "streams-plaintext-input", QUICKSTART[:2])
    subprocess.run(["kcat", "-b", cluster.bootstrap, "-P", "-t", "streams-plaintext-input"], input=QUICKSTART[2] + "\n",
                   text=True, check=True, timeout=60)

    updates, latest = read_counts(cluster, "streams-wordcount-output", until=EXPECTED)
    assert latest == EXPECTED
    # Every update of a word counts up by one, in order (one output record per occurrence).
    for word, total in EXPECTED.items():
        assert [c for w, c in updates if w == word] == list(range(1, total + 1))

    # librdkafka decodes the values as 8-byte big-endian signed longs.
    kcat = subprocess.run(["kcat", "-b", cluster.bootstrap, "-C", "-t", "streams-wordcount-output", "-o", "beginning", "-e",
                           "-s", "key=s", "-s", "value=>q", "-f", "%k=%s\n"], capture_output=True, text=True, timeout=60)
    assert kcat.returncode == 0, kcat.stderr
    last = {}
    for line in kcat.stdout.split():
        word, count = line.split("=")
        last[word] = int(count)
    assert last == EXPECTED

    # Kafka's documented console-consumer line, and Samsa's short form, print "kafka<TAB>3".
    kafka_line = ["--formatter", "kafka.tools.DefaultMessageFormatter", "--property", "print.value=true",
                  "--property", "key.deserializer=org.apache.kafka.common.serialization.StringDeserializer",
                  "--property", "value.deserializer=org.apache.kafka.common.serialization.LongDeserializer"]
    for flags in (kafka_line,
                  ["--value-deserializer", "long"]):
        printed = samsa("console-consumer", "--topic", "streams-wordcount-output", "--from-beginning", "--bootstrap-server",
                        cluster.bootstrap, "--property", "print.key=true", "--timeout-ms", "3000", *flags).stdout.splitlines()
        assert "kafka\t3" in printed and "kafka\t1" in printed and "summit\t1" in printed
        assert len(printed) == sum(EXPECTED.values())

    assert app.stop() == 0, app.output()
    assert "NOT_RUNNING" in app.output()


def test_missing_topics_are_created_and_console_consumer_stops_on_wrong_sizes(cluster, apps):
    app = StreamsApp(cluster, "wordcount").start()
    apps.append(app)
    app.wait_for("RUNNING")
    assert "Created topic streams-plaintext-input." in app.output()
    assert "Created topic streams-wordcount-output." in app.output()
    produce_lines(cluster, "streams-plaintext-input", ["Kafka, kafka!"])
    read_counts(cluster, "streams-wordcount-output", partitions=1, until={"kafka": 2})
    assert app.stop() == 0

    # A value that is not 8 bytes: Kafka's sentence, one line, a failing exit (not a crash).
    produce_lines(cluster, "streams-wordcount-output", ["abc"], key="oops")
    result = samsa("console-consumer", "--topic", "streams-wordcount-output", "--from-beginning", "--bootstrap-server",
                   cluster.bootstrap, "--property", "print.key=true", "--value-deserializer", "long", "--timeout-ms", "3000",
                   check=False)
    assert result.returncode == 1
    assert "kafka\t2" in result.stdout.splitlines()
    errors = [line for line in result.stderr.splitlines() if "Size of data received by LongDeserializer is not 8" in line]
    assert len(errors) == 1 and "terminating consumer process" in errors[0], result.stderr
    skipped = samsa("console-consumer", "--topic", "streams-wordcount-output", "--from-beginning", "--bootstrap-server",
                    cluster.bootstrap, "--value-deserializer", "long", "--skip-message-on-error", "--timeout-ms", "3000")
    assert skipped.stdout.splitlines()[-1] == "2" and "skipping this message" in skipped.stderr


def test_restore_after_state_dir_is_deleted(cluster, apps):
    app = start_wordcount(cluster, apps)
    first = QUICKSTART * 5
    produce_lines(cluster, "streams-plaintext-input", first)
    read_counts(cluster, "streams-wordcount-output", until=counts_of(first))
    assert app.stop() == 0

    shutil.rmtree(app.state_dir)
    app.start()
    app.wait_for("RUNNING")
    more = ["kafka streams restore", "Kafka kafka"]
    produce_lines(cluster, "streams-plaintext-input", more)
    expected = counts_of(first + more)
    updates, latest = read_counts(cluster, "streams-wordcount-output", until=expected)
    assert latest == expected and expected["kafka"] == 18
    # After the restart the counts continue from the restored ones: kafka went 15 -> 16 -> 17 -> 18.
    assert [c for w, c in updates if w == "kafka"][-3:] == [16, 17, 18]
    assert app.stop() == 0


def test_pipe_and_linesplit(cluster, apps):
    samsa_topics_create(cluster, "streams-plaintext-input", 1)
    pipe = StreamsApp(cluster, "pipe").start()
    split = StreamsApp(cluster, "linesplit").start()
    apps.extend([pipe, split])
    pipe.wait_for("RUNNING")
    split.wait_for("RUNNING")
    subprocess.run(["kcat", "-b", cluster.bootstrap, "-P", "-t", "streams-plaintext-input", "-K", ":"],
                   input="k1:All streams lead to Kafka\nk2:hello, kafka-streams\n", text=True, check=True, timeout=60)

    def read(topic, count):
        out = subprocess.run(["kcat", "-b", cluster.bootstrap, "-C", "-t", topic, "-o", "beginning", "-c", str(count),
                              "-f", "%k|%s\n"], capture_output=True, text=True, timeout=90)
        return out.stdout.splitlines()

    assert read("streams-pipe-output", 2) == ["k1|All streams lead to Kafka", "k2|hello, kafka-streams"]
    assert read("streams-linesplit-output", 8) == ["k1|All", "k1|streams", "k1|lead", "k1|to", "k1|Kafka",
                                                   "k2|hello", "k2|kafka", "k2|streams"]
    assert pipe.stop() == 0 and split.stop() == 0
