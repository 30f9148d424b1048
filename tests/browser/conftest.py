"""Headless Chromium (Debian's, driven by Playwright) against the example, and awkward content, under /katalog/."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import threading
from pathlib import Path
from typing import Iterator

import pytest

from sitegen.build import build
from tests.conftest import write_tree

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage"]
SUB_PATH = "/katalog/"
PHONE = {"width": 360, "height": 740}
LONG_WORD = "Supercalifragilisticexpialidociouskeripikpedas"
JAVANESE = "ꦏꦺꦫꦶꦥꦶꦏ꧀ꦥꦺꦢꦱ꧀ꦱꦏꦶꦁꦣꦺꦱꦱꦶꦣꦺꦴꦩꦸꦭꦾꦺꦴꦏꦧꦸꦥꦠꦺꦤ꧀ꦏꦼꦧꦸꦩꦺꦤ꧀"  # written without spaces
PERMITS = 'pirt: "2063305050162-25"\nhalal: "ID33110000123480227"\n'


def variants(*names: str) -> str:
    """A `variants:` list of these names, priced 12500, 25000, …"""
    return "variants:\n" + "".join(f'  - name: "{name}"\n    price: {(i + 1) * 12500}\n' for i, name in enumerate(names))


def awkward_product(name: str, group: str = "sido", fields: str = "price: 15000\n", body: str = "Renyah.\n") -> str:
    """A product's index.md in category `oleh`."""
    return f'---\nname: "{name}"\ngroup: {group}\ncategory: oleh\n{fields}---\n{body}'


WIDE_PROSE = ("| Ukuran | Berat bersih | Harga eceran | Harga grosir | Keterangan |\n|---|---|---|---|---|\n"
              "| Kecil | 100 gram | Rp10.000 | Rp8.000 | cocok untuk oleh-oleh dan hajatan |\n\n"
              "```\nkomposisi: singkong, minyak kelapa, garam, bawang putih, cabai merah, daun jeruk, gula pasir\n```\n")
# Content volunteers really write and layouts trip over: unbroken words, wide tables, many variants.
AWKWARD_SITE = {
    "site.yaml": f"title: Katalog{LONG_WORD}\nbase_url: https://example.org/katalog/\n"
                 f"categories: {{oleh: Oleh{LONG_WORD}}}\n",
    "content/groups/sido/index.md": "---\nname: KUB Sido\nvillage: Sidomulyo\nwhatsapp: 0812-0000-0001\n---\nCerita.\n",
    "content/groups/panjang/index.md": f"---\nname: Kelompok{LONG_WORD}\nvillage: Karangrejowetanlorkidul\n"
                                       "whatsapp: 0812-0000-0002\n---\nCerita.\n",
    "content/products/panjang/index.md": awkward_product(LONG_WORD, fields=variants("Bungkus", "Toples" + LONG_WORD)),
    "content/products/jawa/index.md": awkward_product(JAVANESE),
    "content/products/tabel/index.md": awkward_product("Keripik Tabel", body=WIDE_PROSE),
    "content/products/balado/index.md": awkward_product(
        "Keripik Singkong Balado", fields=variants("Bungkus 100 g", "Bungkus 250 g", "Toples 500 g", "Toples 1 kg",
                                                   "Karton 5 kg") + PERMITS),
    "content/products/terpanjang/index.md": awkward_product(
        JAVANESE * 2, "panjang", variants(LONG_WORD, "Bungkus besar isi dua puluh lima potong", "Toples 1 kg",
                                          "Karton 5 kg") + PERMITS),
}


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


@contextlib.contextmanager
def served(folder: Path) -> Iterator[str]:
    """`serving` under /katalog/, yielding only the site's address."""
    with serving(folder) as (origin, _):
        yield origin + SUB_PATH


@pytest.fixture(scope="session")
def site_url(example_site):
    with served(example_site) as address:
        yield address


@pytest.fixture(scope="session")
def english_site_url(english_example):
    with served(english_example[0]) as address:
        yield address


@pytest.fixture(scope="session")
def awkward_site(tmp_path_factory) -> Path:
    """AWKWARD_SITE built once (no photos, so in well under a second); its output folder."""
    project = write_tree(tmp_path_factory.mktemp("awkward"), AWKWARD_SITE)
    build(project, cache_dir=project / ".cache")
    return project / "output"


@pytest.fixture(scope="session")
def awkward_url(awkward_site):
    with served(awkward_site) as url:
        yield url


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
