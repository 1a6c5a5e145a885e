"""What the Connect compatibility tests share: a samsa process with its log, Kafka Connect's REST API through
urllib, and a bounded wait."""
import json
import os
import signal
import subprocess
import time
import urllib.error
import urllib.request

from conftest import SAMSA


class Process:
    """A samsa command in `cwd` with its output in a log file; stop() sends SIGTERM and waits."""

    def __init__(self, cwd, name, *args):
        self.log_path = os.path.join(cwd, name + ".log")
        self.log = open(self.log_path, "ab")
        self.proc = subprocess.Popen([SAMSA, *args], cwd=cwd, stdout=self.log, stderr=subprocess.STDOUT)

    def output(self):
        with open(self.log_path, "rb") as f:
            return f.read().decode(errors="replace")

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(60)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()
        return self.proc.returncode


def rest(method, url, body=None):
    """One request to a Connect REST API: (status, parsed body), or (None, None) when nothing answers."""
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            text = response.read().decode()
            return response.status, json.loads(text) if text else None
    except urllib.error.HTTPError as error:
        text = error.read().decode()
        return error.code, json.loads(text) if text else None
    except (urllib.error.URLError, ConnectionError):
        return None, None


def wait_for(what, check, timeout=120, log=lambda: ""):
    """Polls `check` until it returns something truthy (returned), or fails naming `what` and the last answer."""
    deadline = time.time() + timeout
    last = None
    while time.time() < deadline:
        last = check()
        if last:
            return last
        time.sleep(0.5)
    raise AssertionError(f"timed out waiting for {what}; last saw {last!r}; {log()[-3000:]}")
