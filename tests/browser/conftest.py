"""Headless Chromium (Debian's, driven by Playwright) against the example served under /katalog/."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import threading
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage"]
SUB_PATH = "/katalog/"
PHONE = {"width": 360, "height": 740}


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a folder quietly, noting the path of every GET in `requested` (set per server by `serving`)."""

    requested: list[str] = []

    def do_GET(self) -> None:
        self.requested.append(self.path)
        super().do_GET()

    def log_message(self, *args) -> None:
        pass


class SubPathHandler(QuietHandler):
    """Serves a folder under /katalog/ like a GitHub Pages project site."""

    def translate_path(self, path: str) -> str:
        if not path.startswith(SUB_PATH):
            return str(Path(self.directory) / "__missing__")
        return super().translate_path("/" + path[len(SUB_PATH):])


@contextlib.contextmanager
def serving(folder: Path, sub_path: bool = True):
    """Serve `folder` on a free port, under /katalog/ or (without `sub_path`) as it is: yields the
    server's URL (no path) and the paths it was asked for."""
    requested: list[str] = []
    handler = SubPathHandler if sub_path else QuietHandler
    bound = type(handler.__name__, (handler,), {"requested": requested})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(bound, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", requested
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def site_url(example_site):
    with serving(example_site) as (origin, _):
        yield origin + SUB_PATH


@pytest.fixture
def serve():
    """`serving` for a test: `with serve(folder) as (origin, requested):`."""
    return serving


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail("CI needs Debian's chromium at /usr/bin/chromium (.ci/run installs it)")
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def phone(browser):
    """A fresh 360 px wide phone-sized page with JavaScript on."""
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    yield context.new_page()
    context.close()


@pytest.fixture
def phone_without_js(browser):
    """The same phone with JavaScript off, as in Opera Mini's extreme mode."""
    context = browser.new_context(viewport=PHONE, java_script_enabled=False, is_mobile=True)
    yield context.new_page()
    context.close()
