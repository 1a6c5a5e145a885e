"""The fixtures never race for ports: when something takes a chosen port before `samsa server` binds it, the
server starts on a fresh range; a port the test chose itself is kept and a busy one is reported."""
import socket

import pytest

import conftest
from conftest import free_port, samsa


@pytest.fixture
def listener():
    """Occupies a port on 127.0.0.1 with a listening socket, as another process would."""
    held = []

    def occupy(port):
        s = socket.socket()
        s.bind(("127.0.0.1", port))
        s.listen()
        held.append(s)
        return port

    yield occupy
    for s in held:
        s.close()


def first_then_real(monkeypatch, first):
    """Makes free_port() answer `first` once, then pick as usual; returns the list of answers given."""
    real, given = conftest.free_port, []

    def fake(count=1):
        given.append(first if not given else real(count))
        return given[-1]
    monkeypatch.setattr(conftest, "free_port", fake)
    return given


def answers(port):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=2):
            return True
    except OSError:
        return False


def test_a_server_whose_port_was_taken_starts_on_a_fresh_one(monkeypatch, listener, server_factory):
    busy = listener(free_port())
    given = first_then_real(monkeypatch, busy)
    server = server_factory().start()
    assert len(given) == 2 and server.port == given[1] != busy
    assert f"Port {busy} on 127.0.0.1 is already in use" in server.output(), "the first try really met the busy port"
    assert samsa("topics", "--list", "--bootstrap-server", server.bootstrap).returncode == 0


def test_three_brokers_move_when_a_middle_port_is_taken(monkeypatch, listener, server_factory):
    base = free_port(3)
    listener(base + 1)
    given = first_then_real(monkeypatch, base)
    server = server_factory(brokers=3).start()
    assert server.port == given[1] != base
    assert f"Port {base + 1} on 127.0.0.1 is already in use" in server.output()
    assert all(answers(port) for port in server.ports)
    assert not answers(base), "the first try left nothing listening behind"
    described = samsa("cluster", "--describe", "--bootstrap-server", server.bootstrap).stdout
    assert all(f"127.0.0.1:{port}" in described for port in server.ports), described


def test_a_given_port_that_stays_busy_is_reported_not_changed(monkeypatch, listener, server_factory):
    monkeypatch.setattr(conftest, "PORT_ATTEMPTS", 2)
    busy = listener(free_port())
    server = server_factory(port=busy)
    with pytest.raises(RuntimeError, match=f"Port {busy} on 127.0.0.1 is already in use"):
        server.start()
    assert server.port == busy and not server.alive()


def test_a_restart_keeps_the_port_clients_know(server_factory):
    server = server_factory().start()
    port = server.port
    assert server.stop() == 0
    server.start()
    assert server.port == port and answers(port)


def test_a_workbench_whose_port_was_taken_starts_on_a_fresh_one(monkeypatch, listener):
    from workbench_kit import Workbench
    busy = listener(free_port(3))
    given = first_then_real(monkeypatch, busy)
    wb = Workbench()
    try:
        wb.start()
        assert len(given) == 2 and wb.port == given[1] != busy
        assert samsa("topics", "--list", "--bootstrap-server", wb.bootstrap).returncode == 0
    finally:
        wb.cleanup()
