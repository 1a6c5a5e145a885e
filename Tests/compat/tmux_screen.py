"""A terminal for end-to-end tests of the full-screen workbench: a private tmux server runs one command in a
pane of a fixed size; tests type keys into it and poll what the pane shows until a deadline.

No real TTY is needed: tmux provides the terminal. Every instance uses its own tmux socket, so tests never see
each other's sessions (or a person's), and `close()` kills that server and nothing else.
"""
import os
import re
import shlex
import shutil
import subprocess
import tempfile
import time
import unicodedata
import uuid


class ScreenTimeout(AssertionError):
    """What the test waited for did not appear; the message carries the last screen seen."""


def display_width(text):
    """Columns `text` takes on a terminal: East Asian wide and fullwidth characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def column_of(line, needle):
    """The screen column where `needle` starts in a captured line, counting wide characters as two."""
    index = line.find(needle)
    return -1 if index < 0 else display_width(line[:index])


class TmuxScreen:
    """One command running in a detached tmux pane of `width`×`height` cells.

    The command runs inside a small shell wrapper that, once it exits, prints `<<exit N>>` and the terminal's
    line discipline settings (`stty -a`), then keeps the pane open: tests can read how the program ended and
    whether it gave the terminal back in a sane state.
    """

    EXIT_MARK = re.compile(r"<<exit (\d+)>>")

    def __init__(self, argv, width=200, height=50, env=None):
        self.argv = list(argv)
        self.width = width
        self.height = height
        self.socket = "samsa-e2e-" + uuid.uuid4().hex[:10]
        self.env = {"LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "TERM": "tmux-256color"}
        self.env.update(env or {})
        self._dir = tempfile.mkdtemp(prefix="samsa-tmux-")
        self.last = ""

    # MARK: lifecycle

    def start(self):
        if shutil.which("tmux") is None:
            raise RuntimeError("the workbench tests need tmux (scripts/install-test-deps.sh installs it)")
        exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in self.env.items())
        script = os.path.join(self._dir, "run.sh")
        with open(script, "w") as f:
            # The trap keeps the wrapper alive through a Ctrl-C meant for the program (which, being caught
            # rather than ignored, the program does not inherit).
            f.write("#!/bin/sh\n"
                    "trap : INT\n"
                    f"export {exports}\n"
                    f"{shlex.join(self.argv)}\n"
                    "code=$?\n"
                    "printf '\\n<<exit %s>>\\n' \"$code\"\n"
                    "stty -a | tr -s ' ;\\n' '\\n\\n\\n' | grep -E '^-?(echo|icanon|isig)$' | tr '\\n' ' '\n"
                    "printf '<<stty>>\\n'\n"
                    "exec sleep 600\n")
        os.chmod(script, 0o755)
        # -f /dev/null: no user configuration; the pane stays after the wrapper's sleep is killed.
        self._tmux("-f", "/dev/null", "new-session", "-d", "-s", "main", "-x", str(self.width), "-y", str(self.height),
                   script)
        return self

    def close(self):
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True)
        try:
            for name in os.listdir(self._dir):
                os.remove(os.path.join(self._dir, name))
            os.rmdir(self._dir)
        except OSError:
            pass

    def _tmux(self, *args, input=None):
        result = subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True, text=True, timeout=30,
                                input=input)
        if result.returncode != 0:
            raise RuntimeError(f"tmux {' '.join(args)} failed: {result.stderr.strip()}")
        return result.stdout

    # MARK: what the pane shows

    def text(self):
        """The pane's visible text, one string per row (wide characters appear once, without padding)."""
        self.last = self._tmux("capture-pane", "-p", "-t", "main")
        return self.last

    def lines(self):
        """The pane's rows, exactly `height` of them."""
        return self.text().split("\n")[:self.height]

    def pane_info(self, fmt):
        return self._tmux("display-message", "-p", "-t", "main", fmt).strip()

    @property
    def alternate_screen(self):
        """Whether the program still holds the terminal's alternate screen (curses does while running)."""
        return self.pane_info("#{alternate_on}") == "1"

    def program_pid(self):
        """The pid of the program the wrapper runs (the wrapper shell's child), or None once it has exited."""
        shell = int(self.pane_info("#{pane_pid}"))
        try:
            with open(f"/proc/{shell}/task/{shell}/children") as f:
                children = [int(p) for p in f.read().split()]
        except OSError:
            return None
        for pid in children:
            try:
                with open(f"/proc/{pid}/comm") as f:
                    if f.read().strip() != "sleep":
                        return pid
            except OSError:
                pass
        return None

    def exit_status(self):
        """The program's exit status once the wrapper reported it, else None."""
        match = self.EXIT_MARK.search(self.text())
        return int(match.group(1)) if match else None

    def output_before_exit(self):
        """After exit: what the program left on the normal screen (stray output, replayed errors), stripped."""
        text = self.text()
        match = self.EXIT_MARK.search(text)
        return text[:match.start()].strip() if match else None

    def stty_flags(self):
        """After exit: the terminal's echo/icanon/isig flags as `stty -a` printed them ("-echo" when off)."""
        text = self.text()
        end = text.find("<<stty>>")
        start = text.rfind(">>", 0, end)
        return set(text[start + 2:end].split()) if end >= 0 and start >= 0 else set()

    # MARK: typing

    def keys(self, *names):
        """tmux key names: "Enter", "Tab", "Escape", "Down", "C-a", or single characters."""
        self._tmux("send-keys", "-t", "main", *names)

    def type(self, text):
        """Types `text` literally (any Unicode), without a trailing Enter."""
        self._tmux("send-keys", "-t", "main", "-l", text)

    def paste(self, text):
        """Pastes `text` as a terminal does: tmux turns each newline into a carriage return and, when the
        program asked for bracketed paste (ESC[?2004h), wraps the whole text in ESC[200~ … ESC[201~."""
        self._tmux("load-buffer", "-b", "e2e-paste", "-", input=text)
        self._tmux("paste-buffer", "-p", "-d", "-b", "e2e-paste", "-t", "main")

    def resize(self, width, height):
        self._tmux("resize-window", "-t", "main", "-x", str(width), "-y", str(height))

    # MARK: waiting

    def wait_for(self, predicate, timeout=30, what=None, interval=0.05):
        """Polls the screen until `predicate(text)` is truthy; returns its value. A string predicate waits for
        that text to appear. On timeout fails with the last screen, so the failure shows what was seen."""
        check = (lambda text: predicate in text) if isinstance(predicate, str) else predicate
        deadline = time.monotonic() + timeout
        while True:
            text = self.text()
            value = check(text)
            if value:
                return value
            if time.monotonic() > deadline:
                raise ScreenTimeout(f"waited {timeout}s for {what or predicate!r}; the screen showed:\n{text}")
            if self.EXIT_MARK.search(text) and "<<stty>>" in text:
                raise ScreenTimeout(f"the program exited while waiting for {what or predicate!r}:\n{text}")
            time.sleep(interval)

    def wait_all(self, *needles, timeout=15):
        """Waits until every one of `needles` is on screen at once. Use it rather than asserting on `last`
        after another wait: a capture can catch a frame half drawn."""
        return self.wait_for(lambda text: all(n in text for n in needles), timeout,
                             what=" and ".join(repr(n) for n in needles))

    def wait_gone(self, needle, timeout=15):
        return self.wait_for(lambda text: needle not in text, timeout, what=f"{needle!r} to disappear")

    def wait_exit(self, timeout=30):
        """Waits for the program to exit; returns its status."""
        return self.wait_for(lambda text: self.EXIT_MARK.search(text) and "<<stty>>" in text, timeout,
                             what="the program to exit") and self.exit_status()
