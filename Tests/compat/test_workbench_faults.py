"""Faults from the workbench's menu, driven in tmux: killing the broker that leads a partition moves the
leadership (new leader, higher epoch, shrunk ISR), the producer pane keeps writing to the new leader, the
event log tells the story, and a restarted broker catches up and rejoins the ISR."""
import re

from conftest import samsa


def test_killing_the_leader_fails_over_and_a_restart_rejoins_the_isr(workbench_factory):
    wb = workbench_factory()
    samsa("topics", "--create", "--topic", "payments", "--partitions", "3", "--replication-factor", "3",
          "--bootstrap-server", wb.bootstrap)
    samsa("console-producer", "--topic", "payments", "--bootstrap-server", wb.bootstrap,
          input="".join(f"payment {i}\n" for i in range(6)))
    wb.wait_topic("payments", lambda r: r["records"] == "6")
    before = wb.wait_partitions(lambda rows: len(rows) == 3 and all(len(r["isr"]) == 3 for r in rows),
                                "three partitions with full ISRs")
    victim = before[0]["leader"]
    survivors = sorted({0, 1, 2} - {victim})

    # m, Kill broker (crash)…, then the broker that leads partition 0 (the menu says what each leads).
    wb.screen.keys("m")
    wb.screen.wait_for("Actions ─")
    wb.choose("Kill broker (crash)")
    wb.screen.wait_for(f"(leads payments {','.join(str(r['partition']) for r in before if r['leader'] == victim)})")
    wb.choose(f"Broker {victim} ")
    wb.screen.wait_for(f"Killed broker {victim}.")
    assert f"▼{victim} crashed" in wb.header()

    after = wb.wait_partitions(lambda rows: all(r["leader"] in survivors and victim not in r["isr"] for r in rows),
                               "every partition led by a surviving broker, without the victim in its ISR")
    assert after[0]["epoch"] > before[0]["epoch"]
    assert sorted(after[0]["isr"]) == survivors
    # The dead replica is drawn offline, its log end unknown rather than a made-up distance behind.
    wb.screen.wait_for(f"✕ broker {victim}  offline    log end   unknown")
    assert "under-replicated" in wb.header()

    # The producer pane keeps working: partition 0, now on its new leader.
    wb.screen.keys("p", "C-p", "C-p")
    wb.screen.wait_for("Produce → payments · acks=1 · partition 0")
    # The new leader has every record the old one acknowledged (its high watermark can lag for a moment
    # after the election, until the other follower fetches from it, as in Kafka).
    hw = before[0]["hw"]
    wb.screen.type("after the failover")
    wb.screen.keys("Enter")
    wb.screen.wait_for(f"✓ Wrote partition 0, offset {hw}.", 30)
    wb.wait_partitions(lambda rows: rows[0]["hw"] == hw + 1, "partition 0's high watermark one higher")
    wb.screen.keys("Escape")
    wb.screen.wait_for(lambda text: "c create" in wb.footer(text), what="focus back on Topics")

    # The event log narrates it: filter it to the partition with / in the Events pane.
    wb.tab(5, "/ filter")
    wb.screen.keys("/")
    wb.screen.wait_for("Filter Events: /")
    wb.screen.type("payments-0")
    wb.screen.keys("Enter")
    wb.screen.wait_all(f"is now leader of payments-0 at epoch {after[0]['epoch']}",
                       "isr− ISR of 3 partitions shrank to 2: payments-0, ")  # one line for the three (fix 3)
    wb.screen.keys("/", "Escape")
    wb.screen.wait_for(f"down Broker {victim} was killed")

    # Start broker… brings it back: it catches up and every ISR is whole again.
    wb.screen.keys("m")
    wb.screen.wait_for("Actions ─")
    wb.choose("Start broker")
    wb.choose(f"Broker {victim} ")
    wb.screen.wait_for(f"Started broker {victim}.")
    wb.wait_partitions(lambda rows: all(sorted(r["isr"]) == [0, 1, 2] for r in rows), "every ISR back to 0,1,2", 30)
    wb.screen.wait_for(f"▲{victim}")
    wb.screen.wait_for("all in sync")
    # Partitions that catch up together are one line (issue 13's fix 3); one alone keeps its own words.
    wb.screen.wait_for(lambda text: re.search(r"isr\+ (?:In-sync replicas of payments-|ISR of \d+ partitions grew back to 3: payments-)", text),
                       what="the ISR growth of payments told")
