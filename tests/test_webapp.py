"""Add to home screen: a manifest with icons drawn at build time, linked from every page, right under a sub-path."""

from __future__ import annotations

import io
import json
import posixpath
import re

import pytest
from PIL import Image

from sitegen import webapp
from tests.conftest import BASIC_SITE, run_sitegen, shopper_pages


@pytest.fixture
def output(make_site, tmp_path):
    site_yaml = BASIC_SITE["site.yaml"].replace("https://example.org/", "https://example.org/katalog/")
    project = make_site({"site.yaml": site_yaml.replace("title: Tes", "title: Katalog Desa Banjarsari")})
    result = run_sitegen("build", "--project", str(project), "--cache-dir", str(tmp_path / "cache"))
    assert result.returncode == 0, result.stderr
    return project / "output"


def test_the_manifest_names_the_site_and_stays_inside_its_sub_path(output):
    data = json.loads((output / "manifest.json").read_text(encoding="utf-8"))
    assert (data["name"], data["short_name"]) == ("Katalog Desa Banjarsari", "Katalog Desa")
    # Relative to the manifest at the site root: /katalog/ on GitHub Pages, / on a domain.
    assert (data["start_url"], data["scope"], data["display"]) == ("./", "./", "standalone")
    assert data["theme_color"] == "#0b6347" and data["lang"] == "id"
    assert (output / "sw.js").is_file()  # the service worker sits in the same scope


def test_every_icon_is_a_png_of_its_size(output):
    data = json.loads((output / "manifest.json").read_text(encoding="utf-8"))
    purposes = set()
    for icon in data["icons"]:
        image = Image.open(io.BytesIO((output / icon["src"]).read_bytes()))
        assert image.format == "PNG" and f"{image.width}x{image.height}" == icon["sizes"]
        purposes.add(icon["purpose"])
    assert {"192x192", "512x512"} <= {icon["sizes"] for icon in data["icons"]}
    assert purposes == {"any", "maskable"}


@pytest.mark.parametrize("page", ["index.html", "produk/keripik/index.html", "kelompok/sido/index.html",
                                  "daftar-harga/index.html", "keranjang/index.html"])
def test_every_page_links_the_manifest_and_a_touch_icon(output, page):
    html = (output / page).read_text(encoding="utf-8")
    for rel, target in (("manifest", "manifest.json"), ("apple-touch-icon", "icons/icon-180.png")):
        href = re.search(rf'<link rel="{rel}" href="([^"]+)">', html).group(1)
        assert posixpath.normpath(posixpath.join(posixpath.dirname(page), href)) == target
        assert (output / target).is_file()


def test_every_page_has_its_own_icon_so_no_browser_asks_the_domain_for_favicon_ico(output):
    """Without one, a browser fetches /favicon.ico at the domain root: a 404 under /katalog/."""
    pages = shopper_pages(output)
    assert {"label/sido/index.html", "daftar-harga/sido/index.html"} <= {p.relative_to(output).as_posix() for p in pages}
    for page in pages:
        assert '<link rel="icon" href="data:image/svg+xml,' in page.read_text(encoding="utf-8"), page


def test_404_links_them_from_the_site_root(output):
    html = (output / "404.html").read_text(encoding="utf-8")
    assert '<link rel="manifest" href="/katalog/manifest.json">' in html


@pytest.mark.parametrize("title, short", [("Tes", "Tes"), ("Katalog Kebumen", "Katalog"),
                                          ("Supercalifragilistic", "Supercalifra")])
def test_short_name_fits_under_an_icon(title, short):
    assert webapp.short_name(title) == short
