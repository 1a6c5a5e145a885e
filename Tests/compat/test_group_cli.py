"""samsa console-consumer --group and samsa consumer-groups end to end: list, describe (offsets, members,
state), reset-offsets (dry run, execute, refused while active), delete; idle members when a group has
more members than partitions; Ctrl-C leaves the group and commits; samsa and librdkafka in one group."""
from conftest import samsa
from groupkit import Member, SamsaProcess, committed_offsets, create_topic, produce, wait_until

FAST = ["--consumer-property", "heartbeat.interval.ms=300", "--consumer-property", "auto.commit.interval.ms=200"]
OFFSETS_HEADER = ["GROUP", "TOPIC", "PARTITION", "CURRENT-OFFSET", "LOG-END-OFFSET", "LAG", "CONSUMER-ID", "HOST", "CLIENT-ID"]


def groups(server, *args, check=True):
    return samsa("consumer-groups", "--bootstrap-server", server.bootstrap, *args, check=check)


def table(text):
    """The rows of a consumer-groups table as lists of cells (header first)."""
    return [line.split() for line in text.splitlines() if line.strip()]


def console_consumer(server, topic, group, *extra):
    return SamsaProcess("console-consumer", "--bootstrap-server", server.bootstrap, "--topic", topic, "--group", group, *FAST, *extra)


def test_console_consumer_group_and_consumer_groups_end_to_end(server, topic_name):
    create_topic(server.bootstrap, topic_name, 3)
    values = [f"m{i}" for i in range(30)]
    produce(server.bootstrap, topic_name, values, 3)
    consumer = console_consumer(server, topic_name, "cli", "--from-beginning")
    try:
        wait_until(lambda: len(consumer.stdout().split()) == 30, 30, "the group member printed every record")
        assert sorted(consumer.stdout().split()) == sorted(values)
        assert "cli" in groups(server, "--list").stdout.split()

        def described():
            return table(groups(server, "--describe", "--group", "cli", check=False).stdout)
        wait_until(lambda: [row[3] for row in described()[1:]] == ["10", "10", "10"], 30, "auto-commit caught up")
        rows = described()
        assert rows[0] == OFFSETS_HEADER
        assert [row[:6] for row in rows[1:]] == [["cli", topic_name, str(p), "10", "10", "0"] for p in range(3)]
        member_id = rows[1][6]
        assert member_id.startswith("console-consumer-") and all(row[6:] == [member_id, "/127.0.0.1", "console-consumer"] for row in rows[1:])

        members = table(groups(server, "--describe", "--group", "cli", "--members", "--verbose").stdout)
        assert members == [["GROUP", "CONSUMER-ID", "HOST", "CLIENT-ID", "#PARTITIONS", "ASSIGNMENT"],
                           ["cli", member_id, "/127.0.0.1", "console-consumer", "3", f"{topic_name}(0,1,2)"]]
        state = groups(server, "--describe", "--group", "cli", "--state").stdout
        assert table(state)[0] == ["GROUP", "COORDINATOR", "(ID)", "ASSIGNMENT-STRATEGY", "STATE", "#MEMBERS"]
        assert table(state)[1] == ["cli", server.bootstrap, "(0)", "range", "Stable", "1"]

        refused = groups(server, "--reset-offsets", "--group", "cli", "--all-topics", "--to-earliest", "--execute", check=False)
        assert refused.returncode != 0
        assert "Assignments can only be reset if the group 'cli' is inactive, but the current state is Stable." in refused.stderr
        refused = groups(server, "--delete", "--group", "cli", check=False)
        assert refused.returncode != 0 and "not empty" in refused.stderr
        assert committed_offsets(server.bootstrap, "cli", topic_name, 3) == {0: 10, 1: 10, 2: 10}, "nothing was reset"

        assert consumer.interrupt() == 0, consumer.stderr()
        assert "Processed a total of 30 messages" in consumer.stderr()
    finally:
        consumer.stop()

    empty = groups(server, "--describe", "--group", "cli")
    assert "Consumer group 'cli' has no active members." in empty.stderr
    assert [row[3:] for row in table(empty.stdout)[1:]] == [["10", "10", "0", "-", "-", "-"]] * 3

    dry = groups(server, "--reset-offsets", "--group", "cli", "--topic", topic_name, "--to-earliest")
    assert table(dry.stdout) == [["GROUP", "TOPIC", "PARTITION", "NEW-OFFSET"]] + [["cli", topic_name, str(p), "0"] for p in range(3)]
    assert committed_offsets(server.bootstrap, "cli", topic_name, 3) == {0: 10, 1: 10, 2: 10}, "a dry run commits nothing"

    groups(server, "--reset-offsets", "--group", "cli", "--topic", f"{topic_name}:0", "--shift-by", "-4", "--execute")
    groups(server, "--reset-offsets", "--group", "cli", "--topic", f"{topic_name}:1", "--to-offset", "99", "--execute")
    groups(server, "--reset-offsets", "--group", "cli", "--topic", f"{topic_name}:2", "--to-datetime", "2000-01-01T00:00:00.000",
           "--execute")
    assert committed_offsets(server.bootstrap, "cli", topic_name, 3) == {0: 6, 1: 10, 2: 0}, "shifted, clamped, by time"

    # The next member of the group starts at the reset offsets: 4 records of partition 0 and all 10 of partition 2.
    again = samsa("console-consumer", "--bootstrap-server", server.bootstrap, "--topic", topic_name, "--group", "cli",
                  "--max-messages", "14", "--timeout-ms", "20000")
    assert sorted(again.stdout.split()) == sorted([f"m{i}" for i in range(18, 30, 3)] + [f"m{i}" for i in range(2, 30, 3)])
    assert committed_offsets(server.bootstrap, "cli", topic_name, 3) == {0: 10, 1: 10, 2: 10}, "exit committed what it printed"

    # --max-messages stops mid-batch: only what was printed is committed.
    groups(server, "--reset-offsets", "--group", "cli", "--all-topics", "--to-earliest", "--execute")
    five = samsa("console-consumer", "--bootstrap-server", server.bootstrap, "--topic", topic_name, "--group", "cli",
                 "--max-messages", "5", "--timeout-ms", "20000")
    assert len(five.stdout.split()) == 5
    assert sum(committed_offsets(server.bootstrap, "cli", topic_name, 3).values()) == 5

    assert groups(server, "--delete", "--group", "cli").stdout.strip() == "Deletion of requested consumer groups ('cli') was successful."
    assert "cli" not in groups(server, "--list").stdout.split()
    gone = groups(server, "--describe", "--group", "cli", check=False)
    assert gone.returncode != 0 and "Consumer group 'cli' does not exist." in gone.stderr


def test_extra_members_are_idle_and_visible(server, topic_name):
    create_topic(server.bootstrap, topic_name, 3)
    members = [console_consumer(server, topic_name, "crowd") for _ in range(4)]
    try:
        def counts():
            rows = table(groups(server, "--describe", "--group", "crowd", "--members", check=False).stdout)
            return sorted(row[4] for row in rows[1:])
        wait_until(lambda: counts() == ["0", "1", "1", "1"], 60, "four members share three partitions, one idle")
        rows = table(groups(server, "--describe", "--group", "crowd").stdout)[1:]
        idle = [row for row in rows if row[1] == "-"]
        assert len(idle) == 1 and idle[0][:6] == ["crowd", "-", "-", "-", "-", "-"] and idle[0][6].startswith("console-consumer-")
        assert sorted(row[2] for row in rows if row[1] == topic_name) == ["0", "1", "2"]
        for member in members:
            assert member.interrupt() == 0, member.stderr()
    finally:
        for member in members:
            member.stop()
    # They left on Ctrl-C: the group is empty now, not after a 45 s session timeout.
    state = table(groups(server, "--describe", "--group", "crowd", "--state").stdout)
    assert state[1][-2:] == ["Empty", "0"]


def test_samsa_and_librdkafka_members_share_a_group(server, topic_name):
    create_topic(server.bootstrap, topic_name, 4)
    samsa_member = console_consumer(server, topic_name, "mixed")
    confluent_member = None
    try:
        def assignments():
            rows = table(groups(server, "--describe", "--group", "mixed", "--members", "--verbose", check=False).stdout)[1:]
            return {row[3]: row[5] for row in rows}
        wait_until(lambda: assignments() == {"console-consumer": f"{topic_name}(0,1,2,3)"}, 30, "the samsa member leads alone")
        confluent_member = Member("confluent", server.bootstrap, "mixed", topic_name)
        wait_until(lambda: sorted(assignments().values()) == [f"{topic_name}(0,1)", f"{topic_name}(2,3)"], 30,
                   "the samsa leader gave the librdkafka member half the partitions")
        values = [f"x{i}" for i in range(40)]
        produce(server.bootstrap, topic_name, values, 4)
        wait_until(lambda: len(samsa_member.stdout().split()) + len(confluent_member.values()) >= 40, 30, "both read")
        assert sorted(samsa_member.stdout().split() + confluent_member.values()) == sorted(values), "each record once"
        assert samsa_member.stdout() and confluent_member.values(), "both members read their share"

        assert samsa_member.interrupt() == 0, samsa_member.stderr()
        wait_until(lambda: confluent_member.assignment == [0, 1, 2, 3], 30, "librdkafka took over after the samsa member left")
    finally:
        samsa_member.stop()
        if confluent_member:
            confluent_member.stop()


def test_reset_offsets_to_current_and_by_duration(server, topic_name):
    """kafka-consumer-groups' --to-current keeps the commits; --by-duration counts back from now."""
    create_topic(server.bootstrap, topic_name, 1)
    produce(server.bootstrap, topic_name, [f"d{i}" for i in range(10)], 1)
    four = samsa("console-consumer", "--bootstrap-server", server.bootstrap, "--topic", topic_name, "--group", "dur",
                 "--from-beginning", "--max-messages", "4", "--timeout-ms", "20000")
    assert len(four.stdout.split()) == 4
    assert committed_offsets(server.bootstrap, "dur", topic_name, 1) == {0: 4}

    current = groups(server, "--reset-offsets", "--group", "dur", "--topic", topic_name, "--to-current")
    assert table(current.stdout) == [["GROUP", "TOPIC", "PARTITION", "NEW-OFFSET"], ["dur", topic_name, "0", "4"]]
    # Every record is younger than a day, so a day back is the first offset; zero back finds none: the log end.
    day = groups(server, "--reset-offsets", "--group", "dur", "--topic", topic_name, "--by-duration", "P1D", "--execute")
    assert table(day.stdout)[1] == ["dur", topic_name, "0", "0"]
    assert committed_offsets(server.bootstrap, "dur", topic_name, 1) == {0: 0}
    groups(server, "--reset-offsets", "--group", "dur", "--topic", topic_name, "--by-duration", "PT0S", "--execute")
    assert committed_offsets(server.bootstrap, "dur", topic_name, 1) == {0: 10}

    both = groups(server, "--reset-offsets", "--group", "dur", "--topic", topic_name, "--to-current", "--by-duration", "PT1H",
                  check=False)
    assert both.returncode != 0 and "exactly one of" in both.stderr and both.stderr.count("--by-duration") >= 1
    bad = groups(server, "--reset-offsets", "--group", "dur", "--topic", topic_name, "--by-duration", "15m", check=False)
    assert bad.returncode != 0 and "--by-duration expects an ISO-8601 duration" in bad.stderr
