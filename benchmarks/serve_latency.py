"""How long an edit to one product takes to show while `sitegen serve` runs on the example catalogue.

Not a test: it prints a table. Run from the repository root:

    python benchmarks/serve_latency.py [--edits 10]

It copies the example into a temporary folder, starts the real `sitegen serve` on a free port,
then edits one product's description again and again and times, from the file write, until
(1) the server returns the changed page and (2) headless Chromium, left open on that page,
shows the change after livereload's reload. For (2) two figures: when Chromium painted the new
page (its first contentful paint, from the page's own Performance timeline, on the same clock as
the write), which is when a volunteer sees the edit; and when this script's polling of the page
noticed it, which adds the polling and Playwright's round trips. The image cache is warmed first,
as it is after a volunteer's first preview.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PRODUCT = "content/products/keripik-pare/index.md"
PAGE = "produk/keripik-pare/"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        project = Path(scratch) / "site"
        project.mkdir()
        shutil.copyfile(REPO / "site.yaml", project / "site.yaml")
        shutil.copytree(REPO / "content", project / "content")
        env = {**os.environ, "PYTHONPATH": str(REPO)}
        subprocess.run([sys.executable, "-m", "sitegen", "check", "--project", str(project)],
                       env=env, capture_output=True, check=True)
        print_table(measure(project, env, args.edits))


def measure(project: Path, env: dict, edits: int) -> dict[str, list[float]]:
    port = free_port()
    url = f"http://127.0.0.1:{port}/{PAGE}"
    server = subprocess.Popen([sys.executable, "-m", "sitegen", "serve", "--project", str(project),
                               "--port", str(port)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait(lambda: "Keripik Pare" in fetch(url), 300)
        return {"HTTP": time_edits(project, edits, lambda word: word in fetch(url)),
                **browser_edits(project, edits, url)}
    finally:
        server.terminate()
        server.wait(10)


def time_edits(project: Path, edits: int, shows, written: list[float] | None = None) -> list[float]:
    """Seconds from each file write until `shows(marker)` is true (and, into `written`, when each write was)."""
    seconds = []
    for number in range(edits):
        marker = f"edit-{time.monotonic_ns()}-{number}"
        started = write_marker(project, marker)
        wait(lambda: shows(marker), 30)
        seconds.append(time.perf_counter() - started)
        if written is not None:
            written.append(time.time() - seconds[-1])  # the write, on the wall clock pages use
        time.sleep(0.3)  # let the watcher settle, as between a volunteer's saves
    return seconds


def browser_edits(project: Path, edits: int, url: str) -> dict[str, list[float]]:
    from playwright.sync_api import sync_playwright

    painted: list[float] = []
    written: list[float] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=shutil.which("chromium"), headless=True,
                                             args=["--no-sandbox"])
        page = browser.new_page()
        page.goto(url)
        page.wait_for_function("window.LiveReload !== undefined")

        def shows(word: str) -> bool:
            try:
                if not page.evaluate(f"document.body.innerText.includes('{word}')"):
                    return False
                # Wall-clock milliseconds of the new page's first contentful paint.
                page.wait_for_function(PAINTED_AT + " > 0")
                painted.append(page.evaluate(PAINTED_AT) / 1000)
                return True
            except Exception:  # the page is reloading right now
                return False

        try:
            noticed = time_edits(project, edits, shows, written)
        finally:
            browser.close()
    return {"Chromium painted": [p - w for p, w in zip(painted, written)], "Chromium polled": noticed}


# The wall-clock millisecond of the page's first contentful paint (0 until it has painted).
PAINTED_AT = """(() => { const paint = performance.getEntriesByName('first-contentful-paint')[0];
    return paint ? performance.timeOrigin + paint.startTime : 0; })()"""


def write_marker(project: Path, marker: str) -> float:
    path = project / PRODUCT
    head, _, _ = path.read_text(encoding="utf-8").partition("\n---\n")
    path.write_text(f"{head}\n---\nIrisan pare tipis ({marker}).\n", encoding="utf-8")
    return time.perf_counter()


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait(condition, limit: float) -> None:
    deadline = time.monotonic() + limit
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit("timed out")
        time.sleep(0.01)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def print_table(results: dict[str, list[float]]) -> None:
    print(f"edit to one product of the example catalogue → visible ({len(next(iter(results.values())))} edits)")
    print(f"{'seen by':<10} {'min s':>7} {'median s':>9} {'max s':>7}")
    for name, seconds in results.items():
        print(f"{name:<10} {min(seconds):>7.2f} {statistics.median(seconds):>9.2f} {max(seconds):>7.2f}")


if __name__ == "__main__":
    main()
