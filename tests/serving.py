"""A real `sitegen serve` process for tests: start it on a free port, edit files, wait for what shows."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from tests.conftest import REPO

PRODUCT = "content/products/keripik/index.md"
WAIT = 30  # seconds: generous, since other work may share the machine; latency is measured in benchmarks/


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError):
        return 0, ""


def wait_for(condition, what: str):
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        if value := condition():
            return value
        time.sleep(0.05)
    raise AssertionError(f"gave up waiting for {what}")


def edit(project: Path, old: str, new: str, file: str = PRODUCT) -> None:
    path = project / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


class Served:
    """A `sitegen serve` process on a free port, stopped (by its own pid) when the test ends."""

    def __init__(self, project: Path, tmp_path: Path, *options: str):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.log_path = tmp_path / "serve.log"
        self.log = self.log_path.open("w")
        command = [sys.executable, "-m", "sitegen", "serve", "--project", str(project), "--port", str(self.port),
                   "--cache-dir", str(tmp_path / "cache"), *options]
        self.process = subprocess.Popen(command, stdout=self.log, stderr=subprocess.STDOUT,
                                        env={**os.environ, "PYTHONPATH": str(REPO)})
        wait_for(lambda: fetch(self.url)[0] in (200, 503) or self.process.poll() is not None, "the server")
        assert self.process.poll() is None, (tmp_path / "serve.log").read_text()

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(10)
        self.log.close()
