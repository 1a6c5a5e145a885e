"""Many lines entered into the workbench's producer pane at once, as a paste (bracketed, as terminals paste)
and as a burst of keys (as tmux send-keys or a fast typist delivers them): every line becomes exactly one
record, character for character, in the order the lines were entered (read back with kcat)."""
import subprocess


from conftest import samsa

LINES = [f"paste-{i}" for i in range(1, 201)]


def read_values(bootstrap, topic, count):
    """The values of the first `count` records of `topic`, in offset order, as kcat prints them."""
    result = subprocess.run(["kcat", "-b", bootstrap, "-C", "-t", topic, "-o", "beginning", "-c", str(count), "-e",
                             "-f", "%s\\n"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


def open_producer_on_new_topic(wb, topic):
    """Creates a single-partition topic (so the order of records is defined), selects it and focuses the
    producer input."""
    samsa("topics", "--create", "--topic", topic, "--partitions", "1", "--replication-factor", "3",
          "--bootstrap-server", wb.bootstrap)
    wb.wait_topic(topic)
    wb.screen.wait_for(f"Produce → {topic} · acks=1 · sticky")
    wb.screen.keys("p")
    wb.screen.wait_for(lambda text: "Enter send" in wb.footer(text), what="the producer's key hints")


def expect_records(wb, topic):
    # The pane answers each send in order, so the last answer is the last line's offset.
    wb.screen.wait_for(f"✓ Wrote partition 0, offset {len(LINES) - 1}.", timeout=120)
    wb.wait_topic(topic, lambda row: row["records"] == str(len(LINES)), what=f"{topic} with {len(LINES)} records",
                  timeout=60)
    assert read_values(wb.bootstrap, topic, len(LINES) + 1) == LINES


def test_a_bracketed_paste_of_200_lines_becomes_200_records_in_order(workbench_factory):
    wb = workbench_factory()
    open_producer_on_new_topic(wb, "pasted")
    wb.screen.paste("".join(line + "\n" for line in LINES))
    expect_records(wb, "pasted")


def test_a_burst_of_200_typed_lines_becomes_200_records_in_order(workbench_factory):
    wb = workbench_factory()
    open_producer_on_new_topic(wb, "typed-fast")
    # One send-keys: the whole burst reaches the terminal at once, Enter (a carriage return) after each line.
    wb.screen.type("".join(line + "\r" for line in LINES))
    expect_records(wb, "typed-fast")


def test_a_paste_outside_an_input_is_never_taken_as_commands(workbench_factory):
    wb = workbench_factory()
    samsa("topics", "--create", "--topic", "kept", "--partitions", "1", "--bootstrap-server", wb.bootstrap)
    wb.wait_topic("kept")
    # Typed in the Topics pane, d would ask to delete the topic and q would quit.
    wb.screen.paste("dq\n")
    wb.screen.wait_for("Pasted text goes into the producer")
    assert "Delete topic" not in wb.screen.text()
    assert wb.screen.exit_status() is None
    assert "kept" in wb.topics()
