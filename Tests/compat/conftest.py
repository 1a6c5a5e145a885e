"""Fixtures that run a freshly started `samsa server` for compatibility tests with real Kafka clients."""
import os
import random
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import uuid

import pytest

SAMSA = os.environ.get("SAMSA_BIN") or os.path.join(os.path.dirname(__file__), "../../.build/debug/samsa")


def _ephemeral_ports():
    """The kernel's range for outgoing connections' local ports (and for bind to port 0)."""
    try:
        with open("/proc/sys/net/ipv4/ip_local_port_range") as f:
            low, high = (int(x) for x in f.read().split())
        return low, high
    except (OSError, ValueError):
        return 32768, 60999


_port_rng = random.Random()  # seeded from os.urandom: a test seeding `random` does not make two suites pick alike


def _all_free(base, count):
    for p in range(base, base + count):
        with socket.socket() as t:
            try:
                t.bind(("127.0.0.1", p))
            except OSError:
                return False
    return True


def free_port(count=1):
    """A port p such that p..p+count-1 are all free on 127.0.0.1 right now.

    It is picked at random below the kernel's ephemeral range, so the clients' own outgoing connections (which
    take their local ports from that range) never occupy it before the server binds it. Another process can
    still bind it first: Server.start then moves to a fresh range."""
    low, _ = _ephemeral_ports()
    if low - count > 10000:
        for _ in range(200):
            base = _port_rng.randrange(10000, low - count)
            if _all_free(base, count):
                return base
    for _ in range(200):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            base = s.getsockname()[1]
        if base + count <= 65000 and _all_free(base, count):
            return base
    raise RuntimeError("no free port range")


class PortInUse(RuntimeError):
    """samsa exited because one of its ports was taken between free_port() and its bind."""


def port_taken(output):
    """samsa's sentence for a port it could not bind ("Port N on H is already in use; …"), or None."""
    said = [line.strip() for line in output.splitlines() if "is already in use" in line]
    return said[-1] if said else None


PORT_ATTEMPTS = 5
READY = "Samsa is ready"  # what `samsa server` logs once every broker listens


class Server:
    """A samsa server process on loopback with its own data directory.

    Without `port`, the server picks free ports itself, and if another process takes one of them before samsa
    binds it (samsa then exits saying "Port N on H is already in use"), start() tries a fresh range, up to
    PORT_ATTEMPTS times. A given `port`, or a restart (clients already hold .bootstrap), keeps its port: start()
    retries that port a few times, in case what holds it lets go, and then fails saying so."""

    def __init__(self, brokers=1, extra=(), data_dir=None, port=None):
        self.brokers = brokers
        self.extra = list(extra)
        self.port_fixed = port is not None
        self.port = port or free_port(brokers)
        self.data_dir = data_dir or tempfile.mkdtemp(prefix="samsa-test-")
        self.proc = None
        self.log_path = os.path.join(self.data_dir + "-server.log")

    @property
    def bootstrap(self):
        return f"127.0.0.1:{self.port}"

    @property
    def ports(self):
        return [self.port + i for i in range(self.brokers)]

    def start(self, timeout=60):
        for attempt in range(1, PORT_ATTEMPTS + 1):
            try:
                self._start_once(timeout)
                self.port_fixed = True  # from now on clients know this address: a restart keeps it
                return self
            except PortInUse as busy:
                if attempt == PORT_ATTEMPTS:
                    raise RuntimeError(f"samsa server found its port in use {attempt} times: {busy}") from None
                if self.port_fixed:
                    time.sleep(1)
                else:
                    self.port = free_port(self.brokers)

    def _start_once(self, timeout):
        if getattr(self, "log", None):
            self.log.close()
        self.log = open(self.log_path, "ab")
        since = self.log.tell()
        self.proc = subprocess.Popen(
            [SAMSA, "server", "--port", str(self.port), "--data-dir", self.data_dir, "--brokers", str(self.brokers)]
            + self.extra,
            stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.time() + timeout
        listening_since = None
        while time.time() < deadline:
            if self.proc.poll() is not None:
                said = self.output(since)
                code, self.proc = self.proc.returncode, None
                if code != 0 and port_taken(said):
                    raise PortInUse(port_taken(said))
                raise RuntimeError(f"samsa server exited with {code}: {said}")
            if READY in self.output(since):
                return
            # Should the log say nothing (a --log-level above info), every port answering for a second will do.
            if self._listening():
                listening_since = listening_since or time.time()
                if time.time() - listening_since > 1:
                    return
            else:
                listening_since = None
            time.sleep(0.05)
        self.kill()
        raise RuntimeError(f"samsa server did not start listening within {timeout} s: " + self.output(since))

    def _listening(self):
        for port in self.ports:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                    pass
            except OSError:
                return False
        return True

    def output(self, since=None):
        """The server's log: its last 4000 characters, or everything from byte offset `since`."""
        try:
            with open(self.log_path, "rb") as f:
                if since is not None:
                    f.seek(since)
                    return f.read().decode(errors="replace")
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
