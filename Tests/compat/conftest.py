"""Fixtures that run a freshly started `samsa server` for compatibility tests with real Kafka clients."""
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import uuid

import pytest

SAMSA = os.environ.get("SAMSA_BIN") or os.path.join(os.path.dirname(__file__), "../../.build/debug/samsa")


def free_port(count=1):
    """A port p such that p..p+count-1 are all free on 127.0.0.1."""
    for _ in range(200):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            base = s.getsockname()[1]
        if base + count > 65000:
            continue
        ok = True
        for p in range(base, base + count):
            with socket.socket() as t:
                try:
                    t.bind(("127.0.0.1", p))
                except OSError:
                    ok = False
                    break
        if ok:
            return base
    raise RuntimeError("no free port range")


class Server:
    """A samsa server process on loopback with its own data directory."""

    def __init__(self, brokers=1, extra=(), data_dir=None, port=None):
        self.brokers = brokers
        self.extra = list(extra)
        self.port = port or free_port(brokers)
        self.data_dir = data_dir or tempfile.mkdtemp(prefix="samsa-test-")
        self.proc = None
        self.log_path = os.path.join(self.data_dir + "-server.log")

    @property
    def bootstrap(self):
        return f"127.0.0.1:{self.port}"

    def start(self, timeout=30):
        self.log = open(self.log_path, "ab")
        self.proc = subprocess.Popen(
            [SAMSA, "server", "--port", str(self.port), "--data-dir", self.data_dir, "--brokers", str(self.brokers)]
            + self.extra,
            stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"samsa server exited with {self.proc.returncode}: {self.output()}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return self
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("samsa server did not start listening: " + self.output())

    def output(self):
        try:
            with open(self.log_path, "rb") as f:
                return f.read().decode(errors="replace")[-4000:]
        except OSError:
            return ""

    def stop(self, sig=signal.SIGTERM, timeout=30):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        code = self.proc.returncode if self.proc else None
        self.proc = None
        return code

    def kill(self):
        return self.stop(signal.SIGKILL)

    def alive(self):
        return self.proc is not None and self.proc.poll() is None

    def cleanup(self):
        self.stop()
        shutil.rmtree(self.data_dir, ignore_errors=True)
        try:
            os.remove(self.log_path)
        except OSError:
            pass


@pytest.fixture
def server():
    s = Server().start()
    yield s
    try:
        assert s.alive(), "the broker crashed during the test: " + s.output()
    finally:
        s.cleanup()


@pytest.fixture
def server_factory():
    made = []

    def make(**kwargs):
        s = Server(**kwargs)
        made.append(s)
        return s

    yield make
    for s in made:
        s.cleanup()


@pytest.fixture
def topic_name():
    return "t-" + uuid.uuid4().hex[:10]


def samsa(*args, input=None, timeout=60, check=True):
    """Runs a samsa CLI command; returns CompletedProcess with text output."""
    result = subprocess.run([SAMSA, *args], input=input, capture_output=True, text=True, timeout=timeout)
    if check and result.returncode != 0:
        raise AssertionError(f"samsa {' '.join(args)} failed ({result.returncode}): {result.stderr}")
    return result


@pytest.fixture
def workbench_factory():
    """Starts `samsa tui` in tmux (see workbench_kit.Workbench); always ends it and removes its data."""
    from workbench_kit import Workbench
    made = []

    def make(*args, start=True, **kwargs):
        w = Workbench(args, **kwargs)
        made.append(w)
        return w.start() if start else w

    yield make
    for w in reversed(made):  # a restarted workbench shares its data directory with the first
        w.cleanup()
