"""The workbench (`samsa tui`) as a person starts, resizes and leaves it, driven in tmux: the embedded cluster
comes up on screen and serves other clients at once; q, SIGTERM and a too-small terminal behave; data survives
a restart."""
import os
import re

import pytest
from confluent_kafka import Producer
from confluent_kafka.admin import AdminClient, NewTopic

from conftest import samsa


def assert_terminal_restored(wb, status, resized=False):
    """The program exited with `status`, left the alternate screen and gave back a cooked, echoing terminal,
    printing nothing on its way out. (After the pane grew during the alternate screen, tmux itself leaves some
    of that screen on the normal one, as it does for any program; then only error text is looked for.)"""
    assert status == 0, wb.screen.text()
    assert not wb.screen.alternate_screen, "the workbench left the terminal on its alternate screen"
    assert {"echo", "icanon", "isig"} <= wb.screen.stty_flags(), wb.screen.text()
    assert wb.screen.pane_info("#{cursor_flag}") == "1", "the cursor was left hidden"
    left = wb.screen.output_before_exit()
    if resized:
        assert "rror" not in left, left
    else:
        assert left == "", f"the workbench left output behind on the terminal: {left!r}"


def test_launch_shows_the_brokers_and_what_an_external_client_does(workbench_factory):
    wb = workbench_factory()
    header = wb.header()
    # Three brokers, up, and the controller marked with ♛ (broker 0 wins the first election).
    assert re.search(r"brokers ▲0♛ ▲1 ▲2 │", header), header
    footer = wb.footer()
    for hint in ("c create", "m/F2 menu", "p produce", "?/F1 help", "q quit"):
        assert hint in footer, footer
    wb.screen.wait_all("No topics yet. Press c to create one.")

    # A librdkafka client uses the embedded cluster's ports while the workbench shows it.
    admin = AdminClient({"bootstrap.servers": wb.bootstrap})
    admin.create_topics([NewTopic("external-events", 2, 3)])["external-events"].result(15)
    producer = Producer({"bootstrap.servers": wb.bootstrap, "linger.ms": 0})
    for i in range(7):
        producer.produce("external-events", value=f"event {i}".encode(), partition=i % 2)
    assert producer.flush(15) == 0
    row = wb.wait_topic("external-events", lambda r: r["records"] == "7", what="external-events with 7 records")
    assert row["partitions"] == 2 and row["rf"] == 3 and row["health"] == "●"
    # The event log narrates the creation; the header counts the new partitions.
    wb.screen.wait_for("topic+ Topic external-events created: 2 partition(s)")
    assert "1 topic, 2 partitions all in sync" in wb.header()


@pytest.mark.parametrize("key", ["q", "C-c"])
def test_q_or_ctrl_c_quits_and_gives_the_terminal_back(workbench_factory, key):
    wb = workbench_factory()
    assert wb.screen.alternate_screen
    wb.screen.keys(key)
    assert_terminal_restored(wb, wb.screen.wait_exit())


def test_sigterm_exits_cleanly_and_the_data_survives_a_restart(workbench_factory):
    wb = workbench_factory()
    samsa("topics", "--create", "--topic", "kept", "--partitions", "2", "--replication-factor", "3",
          "--bootstrap-server", wb.bootstrap)
    samsa("console-producer", "--topic", "kept", "--bootstrap-server", wb.bootstrap, input="one\ntwo\nthree\n")
    wb.wait_topic("kept", lambda r: r["records"] == "3")
    assert_terminal_restored(wb, wb.stop())

    again = workbench_factory(data_dir=wb.data_dir, port=wb.port)
    row = again.wait_topic("kept", lambda r: r["records"] == "3", what="topic kept with its 3 records after restart")
    assert row["partitions"] == 2 and row["rf"] == 3
    out = samsa("console-consumer", "--topic", "kept", "--from-beginning", "--max-messages", "3",
                "--bootstrap-server", again.bootstrap).stdout
    assert sorted(out.split()) == ["one", "three", "two"]


def test_a_too_small_terminal_says_so_and_recovers_when_enlarged(workbench_factory):
    # Stale LINES/COLUMNS in the environment must not hide the real size (curses would believe them).
    wb = workbench_factory(width=60, height=20, env={"COLUMNS": "200", "LINES": "50"}, start=False).start(ready=False)
    wb.screen.wait_all("Terminal too small: 60×20.", "Samsa needs at least 80×24.",
                       "Enlarge the window, or press q to quit.")
    wb.screen.resize(120, 30)
    wb.wait_ready()
    assert "Terminal too small" not in wb.screen.last
    wb.screen.resize(70, 30)
    wb.screen.wait_for("Terminal too small: 70×30.")
    wb.screen.keys("q")
    assert_terminal_restored(wb, wb.screen.wait_exit(), resized=True)


def test_the_readme_key_table_is_the_one_the_workbench_prints():
    table = samsa("tui", "--keys").stdout.strip()
    assert table.startswith("| keys | where | what |") and "| `m` `F2` | Everywhere | open the action menu |" in table
    with open(os.path.join(os.path.dirname(__file__), "../../README.md"), encoding="utf-8") as f:
        readme = f.read()
    assert table in readme, "README.md's key table is out of date: paste `samsa tui --keys` into it"


def test_without_a_terminal_the_workbench_says_so_instead_of_drawing(tmp_path):
    result = samsa("--data-dir", str(tmp_path / "data"), check=False, input="")
    assert result.returncode == 1
    assert "The workbench needs a terminal" in result.stderr
    assert "\x1b[" not in result.stdout, "no screen was drawn into a pipe"
    assert not (tmp_path / "data").exists(), "no cluster was started"


def test_a_mistyped_command_is_named_not_taken_for_workbench_options():
    # `topic` is not a command; before, the workbench (the default command) answered about its own options:
    # "Unknown option '--list'. Did you mean '--port'?".
    result = samsa("topic", "--list", check=False)
    assert result.returncode != 0
    assert result.stderr.strip() == "Error: Unknown command 'topic'. Did you mean 'topics'?"
    assert result.stdout == ""
