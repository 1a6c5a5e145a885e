"""Kafka Connect's REST API on `samsa connect-standalone`, checked with python's urllib as any HTTP client
would: every endpoint, status codes and JSON shapes as Kafka Connect answers, and every error body
`{"error_code": N, "message": "..."}`."""
import json
import os
import subprocess
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest

from conftest import SAMSA, free_port


class Worker:
    """`samsa connect-standalone worker.properties` with its REST listener on a free loopback port."""

    def __init__(self, bootstrap):
        self.dir = tempfile.mkdtemp(prefix="samsa-connect-rest-")
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.props = os.path.join(self.dir, "worker.properties")
        with open(self.props, "w") as f:
            f.write(f"""bootstrap.servers={bootstrap}
key.converter=org.apache.kafka.connect.json.JsonConverter
value.converter=org.apache.kafka.connect.json.JsonConverter
key.converter.schemas.enable=true
value.converter.schemas.enable=true
offset.storage.file.filename={self.dir}/connect.offsets
offset.flush.interval.ms=1000
listeners=http://127.0.0.1:{self.port}
""")
        self.log_path = os.path.join(self.dir, "worker.log")
        self.log = open(self.log_path, "wb")
        self.proc = subprocess.Popen([SAMSA, "connect-standalone", self.props], stdout=self.log, stderr=subprocess.STDOUT)

    def output(self):
        with open(self.log_path, "rb") as f:
            return f.read().decode(errors="replace")[-4000:]

    def wait_ready(self, timeout=60):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"connect-standalone exited with {self.proc.returncode}: {self.output()}")
            try:
                status, _, _ = call("GET", self.base + "/")
                if status == 200:
                    return self
            except OSError:
                pass
            time.sleep(0.1)
        raise RuntimeError("connect-standalone did not answer on its REST listener: " + self.output())

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()


def call(method, url, body=None, content_type="application/json", raw=None):
    """(status, headers, parsed JSON body or None)."""
    data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
    req = urllib.request.Request(url, data=data, method=method)
    if data is not None and content_type:
        req.add_header("Content-Type", content_type)
    try:
        with urllib.request.urlopen(req, timeout=60) as resp:
            text = resp.read().decode()
            return resp.status, resp.headers, (json.loads(text) if text else None)
    except urllib.error.HTTPError as e:
        text = e.read().decode()
        return e.code, e.headers, (json.loads(text) if text else None)


@pytest.fixture
def worker(server):
    w = Worker(server.bootstrap)
    try:
        yield w.wait_ready()
    finally:
        w.stop()


def wait_for(predicate, timeout=60, what="condition"):
    deadline = time.time() + timeout
    last = None
    while time.time() < deadline:
        last = predicate()
        if last:
            return last
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}; last: {last}")


def source_config(path, topic):
    return {"connector.class": "FileStreamSource", "tasks.max": "1", "file": path, "topic": topic}


def test_root_and_plugins(worker):
    status, headers, body = call("GET", worker.base + "/")
    assert status == 200
    assert headers["Content-Type"].startswith("application/json")
    assert list(body) == ["version", "commit", "kafka_cluster_id"]
    assert body["kafka_cluster_id"]

    status, _, plugins = call("GET", worker.base + "/connector-plugins")
    assert status == 200
    classes = [p["class"] for p in plugins]
    assert "org.apache.kafka.connect.file.FileStreamSourceConnector" in classes
    assert "org.apache.kafka.connect.file.FileStreamSinkConnector" in classes
    assert {p["type"] for p in plugins} <= {"source", "sink"}
    assert all(set(p) <= {"class", "type", "version"} for p in plugins)

    _, _, everything = call("GET", worker.base + "/connector-plugins?connectorsOnly=false")
    types = {p["type"] for p in everything}
    assert {"source", "sink", "converter"} <= types
    assert "org.apache.kafka.connect.json.JsonConverter" in [p["class"] for p in everything]


def test_connector_lifecycle(worker, topic_name):
    path = os.path.join(worker.dir, "test.txt")
    with open(path, "w") as f:
        f.write("foo\nbar\n")

    status, headers, info = call("POST", worker.base + "/connectors",
                                 {"name": "local-file-source", "config": source_config(path, topic_name)})
    assert status == 201, info
    assert headers["Location"].endswith("/connectors/local-file-source")
    assert info["name"] == "local-file-source"
    assert info["type"] == "source"
    assert info["config"]["file"] == path and info["config"]["name"] == "local-file-source"
    assert list(info) == ["name", "config", "tasks", "type"]

    status, _, names = call("GET", worker.base + "/connectors")
    assert status == 200 and names == ["local-file-source"]

    def running():
        _, _, st = call("GET", worker.base + "/connectors/local-file-source/status")
        return st if st["connector"]["state"] == "RUNNING" and st["tasks"] and st["tasks"][0]["state"] == "RUNNING" else None
    st = wait_for(running, what="the connector and its task RUNNING")
    assert list(st) == ["name", "connector", "tasks", "type"]
    assert list(st["connector"]) == ["state", "worker_id"]
    assert st["connector"]["worker_id"].endswith(f":{worker.port}")
    assert list(st["tasks"][0]) == ["id", "state", "worker_id"]

    _, _, expanded = call("GET", worker.base + "/connectors?expand=status&expand=info")
    assert list(expanded["local-file-source"]) == ["status", "info"]
    assert expanded["local-file-source"]["info"]["name"] == "local-file-source"

    status, _, one = call("GET", worker.base + "/connectors/local-file-source")
    assert status == 200 and one["tasks"] == [{"connector": "local-file-source", "task": 0}]

    status, _, config = call("GET", worker.base + "/connectors/local-file-source/config")
    assert status == 200 and config["topic"] == topic_name

    status, _, tasks = call("GET", worker.base + "/connectors/local-file-source/tasks")
    assert status == 200 and tasks[0]["id"] == {"connector": "local-file-source", "task": 0}
    assert isinstance(tasks[0]["config"], dict)

    status, _, task = call("GET", worker.base + "/connectors/local-file-source/tasks/0/status")
    assert status == 200 and task["id"] == 0 and task["state"] == "RUNNING"

    # Kafka's FileStreamSource offsets: {"filename"} → {"position"} once committed.
    def offsets():
        _, _, body = call("GET", worker.base + "/connectors/local-file-source/offsets")
        return body if body["offsets"] else None
    body = wait_for(offsets, what="committed source offsets")
    assert body["offsets"][0]["partition"] == {"filename": path}
    assert body["offsets"][0]["offset"] == {"position": 8}

    status, _, updated = call("PUT", worker.base + "/connectors/local-file-source/config", source_config(path, topic_name))
    assert status == 200 and updated["name"] == "local-file-source"

    status, _, body = call("PUT", worker.base + "/connectors/local-file-source/pause")
    assert status == 202 and body is None
    wait_for(lambda: call("GET", worker.base + "/connectors/local-file-source/status")[2]["connector"]["state"] == "PAUSED",
             what="PAUSED")
    status, _, _ = call("PUT", worker.base + "/connectors/local-file-source/resume")
    assert status == 202
    wait_for(running, what="RUNNING again")

    status, _, body = call("POST", worker.base + "/connectors/local-file-source/restart")
    assert status == 204 and body is None
    status, _, body = call("POST", worker.base + "/connectors/local-file-source/restart?includeTasks=true&onlyFailed=false")
    assert status == 202 and body["name"] == "local-file-source"
    status, _, _ = call("POST", worker.base + "/connectors/local-file-source/tasks/0/restart")
    assert status == 204

    status, _, _ = call("PUT", worker.base + "/connectors/local-file-source/stop")
    assert status == 204
    wait_for(lambda: call("GET", worker.base + "/connectors/local-file-source/status")[2]["connector"]["state"] == "STOPPED",
             what="STOPPED")

    status, _, body = call("DELETE", worker.base + "/connectors/local-file-source")
    assert status == 204 and body is None
    assert call("GET", worker.base + "/connectors")[2] == []


def test_put_config_creates_and_checks_the_name(worker, topic_name):
    sink = {"connector.class": "org.apache.kafka.connect.file.FileStreamSinkConnector", "tasks.max": "1",
            "file": os.path.join(worker.dir, "test.sink.txt"), "topics": topic_name}
    status, headers, info = call("PUT", worker.base + "/connectors/local-file-sink/config", sink)
    assert status == 201, info
    assert info["type"] == "sink"
    assert headers["Location"].endswith("/connectors/local-file-sink")

    status, _, err = call("PUT", worker.base + "/connectors/local-file-sink/config", dict(sink, name="other"))
    assert status == 400
    assert err == {"error_code": 400,
                   "message": "Connector name configuration (other) doesn't match connector name in the URL (local-file-sink)"}

    # A name with a space and a slash, URL-encoded in the path.
    odd = "odd name/1"
    status, _, info = call("POST", worker.base + "/connectors", {"name": odd, "config": sink})
    assert status == 201, info
    quoted = urllib.parse.quote(odd, safe="")
    status, _, info = call("GET", worker.base + f"/connectors/{quoted}")
    assert status == 200 and info["name"] == odd
    assert call("DELETE", worker.base + f"/connectors/{quoted}")[0] == 204


def test_validate(worker):
    status, _, body = call("PUT", worker.base + "/connector-plugins/FileStreamSourceConnector/config/validate",
                           {"connector.class": "org.apache.kafka.connect.file.FileStreamSourceConnector",
                            "name": "v", "topic": "t", "file": "x.txt"})
    assert status == 200, body
    assert list(body) == ["name", "error_count", "groups", "configs"]
    assert body["error_count"] == 0
    entry = body["configs"][0]
    assert list(entry) == ["definition", "value"]
    assert list(entry["value"]) == ["name", "value", "recommended_values", "errors", "visible"]
    assert {"name", "type", "required", "default_value", "importance", "documentation", "group", "width",
            "display_name", "dependents", "order"} == set(entry["definition"])

    status, _, body = call("PUT", worker.base + "/connector-plugins/FileStreamSinkConnector/config/validate",
                           {"connector.class": "FileStreamSource"})
    assert status == 400
    assert body == {"error_code": 400, "message": "Included connector type FileStreamSource does not match request type FileStreamSinkConnector"}


def test_errors(worker):
    nope = {"error_code": 404, "message": "Connector nope not found"}
    for method, path in [("GET", "/connectors/nope"), ("GET", "/connectors/nope/config"), ("GET", "/connectors/nope/tasks"),
                         ("GET", "/connectors/nope/offsets"), ("PUT", "/connectors/nope/pause"),
                         ("PUT", "/connectors/nope/resume"), ("PUT", "/connectors/nope/stop"),
                         ("POST", "/connectors/nope/restart"), ("DELETE", "/connectors/nope")]:
        status, _, body = call(method, worker.base + path)
        assert (status, body) == (404, nope), (method, path)
    # Kafka's AbstractHerder words the status lookups differently.
    status, _, body = call("GET", worker.base + "/connectors/nope/status")
    assert (status, body) == (404, {"error_code": 404, "message": "No status found for connector nope"})
    status, _, body = call("GET", worker.base + "/connectors/nope/tasks/0/status")
    assert (status, body) == (404, {"error_code": 404, "message": "No status found for task nope-0"})

    assert call("GET", worker.base + "/nope")[1:] and call("GET", worker.base + "/nope")[0] == 404
    assert call("GET", worker.base + "/nope")[2] == {"error_code": 404, "message": "HTTP 404 Not Found"}
    assert call("DELETE", worker.base + "/connectors")[2] == {"error_code": 405, "message": "HTTP 405 Method Not Allowed"}
    assert call("GET", worker.base + "/connectors/x/pause")[0] == 405

    status, _, body = call("POST", worker.base + "/connectors", raw=b'{"name": "x", config}')
    assert status == 500 and body["error_code"] == 500 and body["message"]
    status, _, body = call("POST", worker.base + "/connectors", raw=b"name=x", content_type="application/x-www-form-urlencoded")
    assert (status, body) == (415, {"error_code": 415, "message": "HTTP 415 Unsupported Media Type"})

    status, _, body = call("POST", worker.base + "/connectors", {"config": {"connector.class": "FileStreamSource"}})
    assert status == 400 and "String may not be empty" in body["message"]

    status, _, body = call("POST", worker.base + "/connectors", {"name": "bad", "config": {"connector.class": "NoSuchConnector"}})
    assert status in (400, 500) and body["error_code"] == status
    assert body["message"].startswith("Failed to find any class that implements Connector and which name matches NoSuchConnector")

    src = {"name": "dup", "config": source_config(os.path.join(worker.dir, "dup.txt"), "dup-topic")}
    assert call("POST", worker.base + "/connectors", src)[0] == 201
    status, _, body = call("POST", worker.base + "/connectors", src)
    assert (status, body) == (409, {"error_code": 409, "message": "Connector dup already exists"})
    assert call("DELETE", worker.base + "/connectors/dup")[0] == 204


def test_busy_rest_port_is_one_sentence(worker, server):
    other = Worker(server.bootstrap)
    try:
        # The second worker's listener is the first's port.
        other.stop()
        with open(other.props) as f:
            text = f.read().replace(f"listeners=http://127.0.0.1:{other.port}", f"listeners=http://127.0.0.1:{worker.port}")
        with open(other.props, "w") as f:
            f.write(text)
        result = subprocess.run([SAMSA, "connect-standalone", other.props], capture_output=True, text=True, timeout=60)
        assert result.returncode != 0
        said = result.stdout + result.stderr
        assert f"Could not bind the Connect REST listener http://127.0.0.1:{worker.port}: address already in use." in said
        assert "Traceback" not in said and "Fatal error" not in said
    finally:
        other.stop()
