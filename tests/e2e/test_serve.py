"""The real `sitegen serve` on a scratch site: an edit reaches the server and the browser; errors show there."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import BASIC_SITE, REPO, write_tree

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


def edit(project: Path, old: str, new: str) -> None:
    path = project / PRODUCT
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


class Served:
    """A `sitegen serve` process on a free port, stopped (by its own pid) when the test ends."""

    def __init__(self, project: Path, tmp_path: Path):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.log = (tmp_path / "serve.log").open("w")
        command = [sys.executable, "-m", "sitegen", "serve", "--project", str(project), "--port", str(self.port),
                   "--cache-dir", str(tmp_path / "cache")]
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


@pytest.fixture
def site(make_site):
    return make_site({})


@pytest.fixture
def served(site, tmp_path):
    server = Served(site, tmp_path)
    yield server
    server.stop()


def test_an_edit_shows_on_the_served_page(site, served):
    page = served.url + "produk/keripik/"
    assert "Renyah." in fetch(page)[1]
    edit(site, "Renyah.", "Renyah sekali, baru digoreng pagi ini.")
    wait_for(lambda: "baru digoreng pagi ini" in fetch(page)[1], "the edit on the page")


def test_an_error_keeps_the_last_good_site_and_shows_file_line_and_fix(site, served):
    page = served.url + "produk/keripik/"
    edit(site, "price: 15000", 'price: "15.000,-"')
    wait_for(lambda: "sitegen-errors" in fetch(page)[1], "the error overlay")
    body = fetch(page)[1]
    assert "Renyah." in body  # the last good page is still there, under the errors
    assert "content/products/keripik/index.md:4" in body and "Cara memperbaiki:</b> tulis 15000" in body
    edit(site, 'price: "15.000,-"', "price: 15000")
    wait_for(lambda: "sitegen-errors" not in fetch(page)[1], "the overlay to go")


def test_a_site_broken_from_the_start_shows_the_error_page_until_fixed(make_site, tmp_path):
    broken = BASIC_SITE[PRODUCT].replace("price: 15000", "price: lima ribu")
    project = make_site({PRODUCT: broken})
    server = Served(project, tmp_path)
    try:
        status, body = fetch(server.url)
        assert status == 503 and 'harga "lima ribu" tidak dikenali'.replace('"', "&quot;") in body
        edit(project, "price: lima ribu", "price: 5000")
        wait_for(lambda: fetch(server.url)[0] == 200, "the fixed site")
    finally:
        server.stop()


def test_a_busy_port_is_reported_in_the_site_language(site, tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run([sys.executable, "-m", "sitegen", "serve", "--project", str(site), "--port", str(port)],
                                capture_output=True, text=True, timeout=60, env={**os.environ, "PYTHONPATH": str(REPO)})
    assert result.returncode == 1
    assert result.stderr.startswith(f"Port {port} sudah dipakai")
    assert not (site / ".sitegen-cache" / "preview").exists()


def chromium() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        if os.environ.get("CI"):
            pytest.fail("Chromium is missing; .ci/run installs it")
        pytest.skip("Chromium is not installed")
    return path


def test_the_browser_reloads_by_itself_and_shows_errors_over_the_page(site, served):
    sync_playwright = pytest.importorskip("playwright.sync_api").sync_playwright
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium(), headless=True, args=["--no-sandbox"])
        try:
            page = browser.new_page()
            page.goto(served.url + "produk/keripik/")
            page.wait_for_function("window.LiveReload !== undefined", timeout=WAIT * 1000)
            edit(site, "Renyah.", "Renyah sekali, baru digoreng pagi ini.")
            page.wait_for_function("document.body.innerText.includes('baru digoreng pagi ini')", timeout=WAIT * 1000)
            edit(site, "price: 15000", 'price: "15.000,-"')
            overlay = page.wait_for_selector("#sitegen-errors", timeout=WAIT * 1000)
            assert overlay.is_visible()
            assert "content/products/keripik/index.md:4" in overlay.inner_text()
            assert "baru digoreng pagi ini" in page.inner_text("main")  # last good page under the overlay
            edit(site, 'price: "15.000,-"', "price: 15000")
            page.wait_for_selector("#sitegen-errors", state="detached", timeout=WAIT * 1000)
        finally:
            browser.close()
