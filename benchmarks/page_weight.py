"""Transferred bytes of each page's first view, as a 360 px phone on GitHub Pages would load it.

Builds the example (or takes --site), serves it gzipped under /katalog/ like GitHub Pages,
opens each page in Debian's Chromium at 360x740 and sums what crossed the wire before the
page settled, split by kind. Not a test: it prints a table against the shopper issue's budgets.

    python benchmarks/page_weight.py [--site output-dir] [--dpr 2]
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SUB_PATH = "/katalog/"
TEXT_TYPES = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt")
PAGES = {"home": "", "product": "produk/sagon-kelapa/", "group": "kelompok/kub-sidomulyo/"}
BUDGETS = {"home": 100_000, "product": 40_000, "group": None}
HTML_CSS_BUDGET = 14_000
JS_BUDGET = 6_000


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """GitHub-Pages-like: site under /katalog/, text gzipped."""

    def translate_path(self, path: str) -> str:
        path = path.split("?", 1)[0]
        rel = path[len(SUB_PATH):] if path.startswith(SUB_PATH) else "__missing__"
        return super().translate_path("/" + rel)

    def send_head(self):  # noqa: D102 - gzip text like GitHub Pages does
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if path.suffix not in TEXT_TYPES or not path.is_file():
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        import io

        return io.BytesIO(body)

    def log_message(self, *args) -> None:
        pass


def measure(site: Path, dpr: float) -> dict[str, dict[str, int]]:
    """Bytes per kind for each page's first view."""
    from playwright.sync_api import sync_playwright

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(GzipHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}{SUB_PATH}"
    results = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                             args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        for name, path in PAGES.items():
            context = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=dpr, is_mobile=True)
            page = context.new_page()
            sizes: dict[str, int] = {"html": 0, "js": 0, "image": 0, "other": 0}
            page.on("requestfinished", lambda request, sizes=sizes: _count(request, sizes))
            page.goto(base + path, wait_until="networkidle")
            page.wait_for_timeout(500)
            results[name] = sizes
            context.close()
        browser.close()
    server.shutdown()
    return results


def _count(request, sizes: dict[str, int]) -> None:
    kind = {"document": "html", "script": "js", "image": "image"}.get(request.resource_type, "other")
    sizes[kind] += request.sizes()["responseBodySize"] + request.sizes()["responseHeadersSize"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="an already built site (built with any base URL)")
    parser.add_argument("--dpr", type=float, default=2.0, help="device pixel ratio (Lighthouse mobile uses 1.75)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        site = args.site
        if site is None:
            site = Path(temp) / "site"
            subprocess.run([sys.executable, "-m", "sitegen", "build", "--output", str(site), "--base-url",
                            "https://example.github.io/katalog/"], cwd=REPO, check=True, capture_output=True)
        results = measure(site, args.dpr)
    print(f"first view at 360x740, DPR {args.dpr}, gzip, bytes transferred (headers included)")
    print(f"{'page':8} {'html+css':>9} {'js':>7} {'images':>8} {'other':>7} {'total':>8} {'budget':>8}")
    for name, sizes in results.items():
        total = sum(sizes.values())
        budget = BUDGETS[name]
        verdict = "-" if budget is None else f"{budget:,}" + (" ok" if total <= budget else " OVER")
        print(f"{name:8} {sizes['html']:>9,} {sizes['js']:>7,} {sizes['image']:>8,} {sizes['other']:>7,} {total:>8,} {verdict:>8}")
    print(f"budgets: html+css <= {HTML_CSS_BUDGET:,} per page, all js <= {JS_BUDGET:,}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
