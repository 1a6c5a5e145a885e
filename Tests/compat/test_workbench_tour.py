"""The guided tour of Kafka's quick start, driven in tmux: its doing-steps wait until the person has done them
in the workbench (create a topic, write, read from the beginning, a group, a leader failure, exactly once, Kafka
Connect's file source and sink, a Streams word count), in English and
in Korean, with Korean text drawn at the right width."""
import re

from tmux_screen import ScreenTimeout, column_of, display_width

TOUR_HINT = "n/Enter next"  # the tour pane's own key in the footer
LEARNING_STEPS = 8


def advance_to_doing(wb, first_title):
    """From the welcome step, n through the ideas to the first doing-step."""
    wb.screen.keys(*["n"] * LEARNING_STEPS)
    wb.screen.wait_for(first_title)


def done_then_next(wb, done, next_title, tabs_to_tour):
    """Waits for the step's done mark, Tabs back to the tour (negative: Shift-Tab), presses n."""
    wb.screen.wait_for(done, 60)
    wb.tab(tabs_to_tour, TOUR_HINT)
    wb.screen.keys("n")
    wb.screen.wait_for(next_title)


def test_the_english_tour_advances_as_each_step_is_done(workbench_factory):
    wb = workbench_factory("--tour")
    wb.screen.wait_all("Tour 1/18 · English", "Welcome to Kafka's quick start")
    advance_to_doing(wb, "Step 1: create a topic")
    wb.screen.wait_all("Tour 9/18", "◌ Waiting for you to do it…")
    # A doing-step does not move on before it is done.
    wb.screen.keys("n")
    wb.screen.wait_for("Do this step first: the tour moves on once it sees it done.")
    wb.screen.wait_all("Step 1: create a topic")

    done = "✓ Done! Press n to go on."
    wb.tab(1, "c create")  # the tour is last in the focus order; Tab wraps to Topics
    wb.screen.keys("c")
    wb.screen.wait_for("Create topic ─")
    wb.screen.keys("Enter")  # quickstart-events, 3 partitions, replication factor 3
    wb.screen.wait_for("Tour: step done. Press n in the tour to go on.")
    done_then_next(wb, done, "Step 2: write events", tabs_to_tour=-1)

    wb.screen.keys("p")
    for event in ("This is my first event", "This is my second event"):
        wb.screen.type(event)
        wb.screen.keys("Enter")
        wb.screen.wait_for("✓ Wrote partition")
    done_then_next(wb, done, "Step 3: read the events", tabs_to_tour=1)  # Produce → Tour

    wb.tab(3, "s start")
    wb.screen.keys("s")
    wb.screen.wait_for("Topic: quickstart-events")
    wb.screen.keys("Enter")
    wb.screen.wait_for(lambda text: re.search(r"@\d+ This is my second event  workbench-group/", text),
                       what="the second event in the record tail")
    done_then_next(wb, done, "Step 4: a consumer group", tabs_to_tour=-3)

    wb.tab(3, "s start")
    wb.screen.keys("s")
    wb.screen.wait_for("Start a consumer ─")
    wb.screen.keys("Enter")  # the same group: the two members split the partitions
    wb.screen.wait_for("Members (2)", 60)
    done_then_next(wb, done, "Step 5: make a leader fail", tabs_to_tour=-3)

    # Korean on the way: L switches the tour's language in place.
    wb.screen.keys("L")
    wb.screen.wait_for("5단계: 리더 장애 일으키기")
    wb.screen.keys("L")
    wb.screen.wait_for("Step 5: make a leader fail")

    leader = wb.partitions()[0]["leader"]
    wb.screen.keys("m")
    wb.choose("Kill broker (crash)")
    wb.choose(f"Broker {leader} ")
    wb.screen.wait_for(done, 60)
    wb.screen.keys("n")
    wb.screen.wait_for("Step 5b: exactly once")

    # A read_committed consumer, then a transaction of two records, committed.
    wb.screen.keys("m")
    wb.choose("Start a read_committed consumer")
    wb.screen.wait_for("◂ read_committed ▸")
    wb.screen.keys("Enter")
    wb.screen.wait_for(lambda text: "joined workbench-committed reading quickstart-events (read_committed)" in text,
                       60, what="the read_committed consumer started")
    wb.screen.keys("p", "C-t")
    wb.screen.wait_for("in transaction workbench-tx", 60)
    for count, event in enumerate(("exactly once", "and only once"), start=1):
        wb.screen.type(event)
        wb.screen.keys("Enter")
        wb.screen.wait_for(f"in transaction workbench-tx ({count} record{'s' if count > 1 else ''} pending)", 60)
    wb.screen.keys("C-e")
    wb.screen.wait_for("Committed 2 records in transaction workbench-tx", 60)
    wb.screen.wait_for(lambda text: "and only once  workbench-committed/" in text, 60,
                       what="the committed record read by the read_committed consumer")
    done_then_next(wb, done, "Step 6: import and export with Connect", tabs_to_tour=1)
    # Kafka's STEP 6: foo and bar into test.txt, the file source and sink, connect-test in the tail, a line appended.
    wb.screen.keys("C", "w")
    wb.screen.wait_for("Write lines to a file ─")
    wb.screen.keys("Enter")
    wb.screen.wait_for("Wrote 2 lines to ", 30)
    for kind in ("file source", "file sink"):
        wb.screen.keys("s")
        wb.choose(f"Create a {kind}")
        wb.screen.wait_for(f"Create a {kind} ─")
        wb.screen.keys("Enter")
        wb.screen.wait_for(f"Created connector local-{kind.replace(' ', '-')}", 90)
    wb.screen.keys("v")
    wb.screen.wait_for("Start a consumer ─")
    wb.screen.keys("Enter")
    wb.screen.wait_for("connect-test-0@1 ", 90)  # bar, the second line, in the record tail
    wb.screen.keys("w")
    wb.screen.wait_for("Write lines to a file ─")
    wb.fill_form("test.txt", "follow me")
    wb.screen.wait_for("  follow me", 90)
    done_then_next(wb, done, "Step 7: stream processing", tabs_to_tour=4)  # Connect → Tail, Events, Produce, Tour
    # The word count from the menu, a line typed into its input, a broker killed, another line counted.
    wb.start_word_count()
    wb.screen.keys("p")
    wb.screen.type("hello streams")
    wb.screen.keys("Enter")
    wb.wait_word_count("streams", 1)
    wb.kill_a_broker_then_type("streams again")
    wb.screen.wait_for(done, 180)
    done_then_next(wb, done, "Step 8: wipe the data", tabs_to_tour=1)
    wb.screen.keys("n")
    wb.screen.wait_for("That was the quick start")
    wb.screen.keys("n")
    wb.screen.wait_for("This is the last step; t closes the tour.")
    wb.screen.keys("t")
    wb.screen.wait_gone("Tour 18/18")


def test_the_korean_tour_is_drawn_aligned_and_follows_the_person(workbench_factory):
    wb = workbench_factory("--tour", "--lang", "ko")
    wb.screen.wait_all("Tour 1/18 · 한국어", "Kafka 빠른 시작에 오신 것을 환영합니다", "n 다음 · b 이전 · L English · t 닫기")
    assert_wide_text_aligned(wb)

    advance_to_doing(wb, "1단계: 토픽 만들기")
    wb.screen.wait_all("◌ 직접 해 보기를 기다리는 중…")
    assert_wide_text_aligned(wb)
    wb.tab(1, "c create")
    wb.screen.keys("c")
    wb.screen.wait_for("Create topic ─")
    wb.screen.keys("Enter")
    wb.screen.wait_for("✓ 완료! n을 눌러 계속하세요.")
    wb.screen.wait_for("투어: 단계를 마쳤습니다.")
    wb.tab(-1, TOUR_HINT)
    wb.screen.keys("n")
    wb.screen.wait_for("2단계: 이벤트 쓰기")
    assert_wide_text_aligned(wb)
    wb.screen.keys("L")
    wb.screen.wait_all("Step 2: write events", "Tour 10/18 · English")


def border_columns(line):
    """Screen columns of the vertical borders in a captured row (wide characters count two)."""
    columns, col = [], 0
    for ch in line:
        if ch == "│":
            columns.append(col)
        col += display_width(ch)
    return columns


def alignment_problem(lines, width):
    """Why the rows inside the tour pane are misaligned, or None: each must span the terminal exactly, with
    the pane's borders in their columns. A wide character drawn one cell too narrow or too wide shifts them."""
    tour_left = column_of(lines[1], "╭ Tour")
    if tour_left <= 0:
        return f"no tour pane: {lines[1]!r}"
    for line in lines[2:len(lines) - 3]:
        if display_width(line) != width:
            return f"row is {display_width(line)} columns, not {width}: {line!r}"
        columns = border_columns(line)
        if tour_left not in columns or width - 1 not in columns:
            return f"tour borders moved: {line!r}"
    return None


def assert_wide_text_aligned(wb):
    """Korean is on screen and drawn aligned (waiting briefly, as a capture can catch a frame half drawn)."""
    problem = "nothing captured"

    def aligned(text):
        nonlocal problem
        lines = text.split("\n")[:wb.screen.height]
        problem = alignment_problem(lines, wb.screen.width)
        return problem is None and any("\uac00" <= ch <= "\ud7a3" for ch in text)
    try:
        wb.screen.wait_for(aligned, 30, what="aligned Korean text")
    except ScreenTimeout:
        raise AssertionError(problem or "no Korean text on screen") from None
