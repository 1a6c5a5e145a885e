"""Kafka requests as raw bytes, for clients that misbehave on purpose (a flood that never reads its answers)."""
import socket
import struct
import time


def request(api_key, version, correlation_id, body=b"", client_id=b"raw"):
    """A non-flexible request frame: size, header v1 (api key, version, correlation id, client id), body."""
    header = struct.pack(">hhih", api_key, version, correlation_id, len(client_id)) + client_id
    payload = header + body
    return struct.pack(">i", len(payload)) + payload


def metadata_all_topics(correlation_id):
    """Metadata v1 asking for every topic (a null topic array)."""
    return request(3, 1, correlation_id, struct.pack(">i", -1))


def api_versions(correlation_id):
    return request(18, 0, correlation_id)


def read_frame(sock):
    size = struct.unpack(">i", _read_exactly(sock, 4))[0]
    return _read_exactly(sock, size)


def _read_exactly(sock, count):
    data = b""
    while len(data) < count:
        chunk = sock.recv(count - len(data))
        if not chunk:
            raise ConnectionError("the broker closed the connection")
        data += chunk
    return data


def flood(host, port, requests, seconds):
    """Pipelines `requests` Metadata requests on one connection and never reads an answer. Sends what the
    broker lets through within `seconds`; returns (socket, bytes sent). The caller closes the socket."""
    sock = socket.create_connection((host, port))
    sock.setblocking(False)
    payload = b"".join(metadata_all_topics(i) for i in range(requests))
    sent = 0
    deadline = time.time() + seconds
    while sent < len(payload) and time.time() < deadline:
        try:
            sent += sock.send(payload[sent:sent + 65536])
        except BlockingIOError:
            time.sleep(0.01)
    return sock, sent


def api_versions_latency(host, port):
    """Seconds from connecting to an ApiVersions answer, on a fresh connection."""
    start = time.perf_counter()
    with socket.create_connection((host, port), timeout=120) as sock:
        sock.sendall(api_versions(1))
        read_frame(sock)
    return time.perf_counter() - start


def wait_until_serving(host, port, timeout=30):
    """Waits until a broker starting on `port` answers ApiVersions."""
    deadline = time.time() + timeout
    while True:
        try:
            api_versions_latency(host, port)
            return
        except OSError:
            if time.time() > deadline:
                raise
            time.sleep(0.05)


def rss_bytes(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    raise RuntimeError("no VmRSS")
