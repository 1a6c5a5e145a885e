"""The workbench (`samsa tui`) running in tmux, and readers for what its panes show.

`Workbench` starts the real binary with its own data directory and three free consecutive ports, so real
Kafka clients can use the embedded cluster while the test watches the screen. The readers parse the text a
person sees (rows of the Topics and Partitions panes, the header); they rely on the Unicode glyphs the
workbench draws on a UTF-8 terminal.
"""
import os
import re
import shutil
import signal
import tempfile
import time

import conftest
from conftest import PORT_ATTEMPTS, SAMSA, port_taken
from tmux_screen import TmuxScreen

# "│   0 ★ 1        2        17        15 1,2   ✕0····" in the Partitions pane (beside the Topics pane's border);
# the LSO (15) is shown only while an open transaction holds it below the HW (17).
PARTITION_ROW = re.compile(r"││\s+(\d+) (?:★ (\d+)|(?:✕ )?none)\s+(\d+)\s+([\d,]+)\s+(?:([\d,]+) )?([\d,]+|-)\s")
# "│quickstart-events        3  3       2 ●   ││" in the Topics pane.
TOPIC_ROW = re.compile(r"^│(\S+)\s+(\d+)\s+(\d+)\s+(\S+) (\S+)\s*││")
# The selected item of an open menu.
MENU_SELECTION = re.compile(r"│ › (.*?)\s*│")


class Workbench:
    """`samsa tui` on an embedded three-broker cluster (or attached, with `attach=`), shown in tmux."""

    def __init__(self, args=(), width=200, height=50, data_dir=None, port=None, attach=None, env=None):
        self.attach = attach
        self.port_fixed = port is not None
        self.port = None if attach else (port or conftest.free_port(3))
        self.data_dir = None if attach else (data_dir or tempfile.mkdtemp(prefix="samsa-wb-"))
        self.owns_data_dir = data_dir is None and not attach
        self._screen_args = (list(args), width, height, env)
        self.screen = self._make_screen()

    def _make_screen(self):
        args, width, height, env = self._screen_args
        argv = [SAMSA, "tui"]
        if self.attach:
            argv += ["--bootstrap-server", self.attach]
        else:
            argv += ["--data-dir", self.data_dir, "--port", str(self.port)]
        return TmuxScreen(argv + args, width=width, height=height, env=env)

    @property
    def bootstrap(self):
        """All three embedded brokers, as a client's bootstrap list."""
        return ",".join(f"127.0.0.1:{self.port + i}" for i in range(3))

    def start(self, ready=True):
        """Starts the workbench. If another process took one of its ports before it bound them (it then exits
        saying "Port N on H is already in use"), it starts again on a fresh range, or, with a port the test
        gave, on the same one a moment later, up to PORT_ATTEMPTS times."""
        for attempt in range(1, PORT_ATTEMPTS + 1):
            self.screen.start()
            if not ready:
                return self
            self.screen.wait_for(lambda text: self._is_ready(text) or TmuxScreen.EXIT_MARK.search(text), 60,
                                 what="the workbench ready, or its exit")
            busy = self.screen.exit_status() is not None and port_taken(self.screen.output_before_exit() or "")
            if not busy:
                self.wait_ready()
                self.port_fixed = True  # clients may hold the address now: a restart keeps it
                return self
            if attempt == PORT_ATTEMPTS or self.attach:
                raise RuntimeError(f"samsa tui found its port in use {attempt} times: {busy}")
            self.screen.close()
            if self.port_fixed:
                time.sleep(1)
            else:
                self.port = conftest.free_port(3)
            self.screen = self._make_screen()
        return self

    @staticmethod
    def _is_ready(text):
        return HEADER_BROKERS.search(text) and "?/F1 help" in text

    def wait_ready(self, timeout=60):
        """Waits until the header lists the brokers and the footer offers its key hints."""
        self.screen.wait_for(self._is_ready, timeout, what="the header with brokers and the footer of key hints")

    def stop(self, sig=signal.SIGTERM, timeout=30):
        """Asks the workbench to exit with `sig`; returns its exit status."""
        pid = self.screen.program_pid()
        if pid is not None:
            os.kill(pid, sig)
        return self.screen.wait_exit(timeout)

    def cleanup(self):
        pid = self.screen.program_pid()
        if pid is not None and self.screen.exit_status() is None:
            try:
                os.kill(pid, signal.SIGTERM)
                self.screen.wait_exit(20)
            except Exception:
                os.kill(pid, signal.SIGKILL)
        self.screen.close()
        if self.owns_data_dir and self.data_dir:
            shutil.rmtree(self.data_dir, ignore_errors=True)

    # MARK: reading panes

    def header(self):
        return self.screen.lines()[0]

    def footer(self, text=None):
        """The bottom row: key hints for the focused pane (its own first), then the global ones."""
        return (text or self.screen.text()).split("\n")[self.screen.height - 1]

    def status(self, text=None):
        """The row above the footer: what the last action did."""
        return (text or self.screen.text()).split("\n")[self.screen.height - 2]

    def topics(self, text=None):
        """{name: {"partitions", "rf", "records", "health"}} from the Topics pane."""
        rows = {}
        for line in (text or self.screen.text()).split("\n"):
            match = TOPIC_ROW.match(line)
            if match and match.group(1) != "Topic":
                rows[match.group(1)] = {"partitions": int(match.group(2)), "rf": int(match.group(3)),
                                        "records": match.group(4), "health": match.group(5)}
        return rows

    def partitions(self, text=None):
        """Rows of the Partitions pane: [{"partition", "leader", "epoch", "hw", "lso", "isr"}], in order; "lso" is
        None unless an open transaction holds it below the high watermark."""
        rows = []
        for line in (text or self.screen.text()).split("\n"):
            match = PARTITION_ROW.search(line)
            if match:
                rows.append({"partition": int(match.group(1)),
                             "leader": int(match.group(2)) if match.group(2) else None,
                             "epoch": int(match.group(3)), "hw": int(match.group(4).replace(",", "")),
                             "lso": int(match.group(5).replace(",", "")) if match.group(5) else None,
                             "isr": [] if match.group(6) == "-" else [int(b) for b in match.group(6).split(",")]})
        return rows

    def wait_partitions(self, predicate, what, timeout=60):
        """Waits until the parsed Partitions rows satisfy `predicate`; returns them."""
        def check(text):
            rows = self.partitions(text)
            return rows if rows and predicate(rows) else None
        return self.screen.wait_for(check, timeout, what=what)

    def wait_topic(self, name, predicate=lambda row: True, what=None, timeout=60):
        def check(text):
            row = self.topics(text).get(name)
            return row if row and predicate(row) else None
        return self.screen.wait_for(check, timeout, what=what or f"topic {name} in the Topics pane")

    # MARK: doing things

    def tab(self, times, footer_hint):
        """Presses Tab `times` times (focus order: Topics, Partitions, Consumer groups, Transactions, Record tail,
        Events, Produce, Tour; negative counts go back with Shift-Tab) and waits for the footer to offer
        `footer_hint`, the focused pane's own key."""
        self.screen.keys(*["Tab" if times > 0 else "BTab"] * abs(times))
        self.screen.wait_for(lambda text: footer_hint in self.footer(text), 30, what=f"the footer to offer {footer_hint!r}")

    def choose(self, item, limit=30):
        """In an open menu, moves the selection (marked ›) down to the item starting with `item` and presses
        Enter. Each step waits for the pointer to move, so no key is sent against a stale screen."""
        def selected(text):
            match = MENU_SELECTION.search(text)
            return match.group(1) if match else None
        current = self.screen.wait_for(selected, 30, what="an open menu with a selected item")
        for _ in range(limit):
            if current.startswith(item):
                self.screen.keys("Enter")
                # Done once the choice took effect (a submenu, a form, or the menu closed), so the next key
                # does not land on this level.
                self.screen.wait_for(lambda text: selected(text) != current, 30, what=f"{item!r} to be chosen")
                return
            self.screen.keys("Down")
            try:
                current = self.screen.wait_for(lambda text: selected(text) not in (None, current) and selected(text),
                                               2, what="the menu selection to move")
            except AssertionError:
                break
        raise AssertionError(f"no menu item {item!r}; the screen showed:\n{self.screen.last}")

    # MARK: Streams

    def start_word_count(self):
        """Starts Kafka's word count from the menu with the form's defaults; waits for the Streams view to show it
        running and the producer to point at its input topic."""
        self.screen.keys("m")
        self.choose("Start the word count demo")
        self.screen.wait_all("Start the word count demo ─", "streams-plaintext-input", "◂ at_least_once ▸")
        self.screen.keys("Enter")
        self.screen.wait_for("Streams app streams-wordcount started", 90)
        self.screen.wait_all("streams-wordcount  RUNNING", "Produce → streams-plaintext-input", timeout=90)

    def wait_word_count(self, word, count, timeout=120):
        """Waits for counts-store, in the Streams view, to show `word` with `count`."""
        return self.screen.wait_for(lambda text: re.search(rf"counts-store \d_\d · \d+ keys?:.* {word} {count}\b", text),
                                    timeout, what=f"{word} counted {count} in counts-store")

    def kill_a_broker_then_type(self, line):
        """From the producer: leaves it (the Streams view takes the focus), kills the first broker from the menu,
        then types `line` into the producer again."""
        self.screen.keys("Escape")
        self.screen.wait_for(lambda text: "x stop" in self.footer(text), 30, what="the Streams view focused")
        self.screen.keys("m")
        self.choose("Kill broker")
        self.screen.keys("Enter")
        self.screen.wait_for("Killed broker", 60)
        self.screen.keys("p")
        self.screen.wait_for(lambda text: "send" in self.footer(text), 30, what="the producer focused")
        self.screen.type(line)
        self.screen.keys("Enter")

    def fill_form(self, *values):
        """Replaces each field of the open form in turn (Ctrl-U clears one), then submits with Enter."""
        for index, value in enumerate(values):
            if index:
                self.screen.keys("Tab")
            self.screen.keys("C-u")
            self.screen.type(value)
        self.screen.keys("Enter")


HEADER_BROKERS = re.compile(r"brokers (?:[▲▼]\d[^│]*)+│")
