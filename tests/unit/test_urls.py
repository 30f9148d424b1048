"""Output paths, relative links and wa.me links."""

import pytest

from sitegen import urls


@pytest.mark.parametrize("start, target, link", [
    ("index.html", "produk/x/index.html", "produk/x/"),
    ("produk/x/index.html", "index.html", "../../"),
    ("produk/x/index.html", "produk/y/index.html", "../y/"),
    ("produk/x/index.html", "img/a-320.webp", "../../img/a-320.webp"),
    ("index.html", "index.html", "./"),
    ("kelompok/index.html", "kelompok/sido/index.html", "sido/"),
    ("404.html", "sitemap.xml", "sitemap.xml"),
])
def test_relative_links(start, target, link):
    assert urls.relative(start, target) == link


@pytest.mark.parametrize("base_url", ["https://example.org/", "https://user.github.io/katalog/"])
def test_absolute_urls_at_root_and_sub_path(base_url):
    assert urls.absolute(base_url, "produk/x/index.html") == base_url + "produk/x/"
    assert urls.absolute(base_url, "index.html") == base_url
    assert urls.absolute(base_url, "img/a.jpg") == base_url + "img/a.jpg"


@pytest.mark.parametrize("base_path", ["/", "/katalog/"])
def test_rooted_links_for_the_404_page(base_path):
    assert urls.rooted(base_path, "index.html") == base_path
    assert urls.rooted(base_path, "kelompok/index.html") == base_path + "kelompok/"


def test_wa_link_percent_encodes_spaces_and_newlines():
    link = urls.wa_link("6281200000001", "Halo Bu,\nsaya pesan 2 × Keripik & Sagon (100 g)+1")
    assert link.startswith("https://wa.me/6281200000001?text=")
    text = link.split("?text=", 1)[1]
    assert "%20" in text and "%0A" in text and "+" not in text and " " not in text
    assert "%26" in text and "%2B1" in text


def test_relative_links_equal_posixpath_relpath_on_any_path():
    """The fast relative() gives exactly what posixpath.relpath gave, odd paths included."""
    import posixpath
    import random

    def reference(start: str, target: str) -> str:
        pretty = urls._pretty(target)
        link = posixpath.relpath(pretty or ".", posixpath.dirname(start) or ".")
        if link == ".":
            return "./"
        return link + "/" if pretty.endswith("/") or (not pretty and link) else link

    parts = ["produk", "a", "index.html", "img", "x.webp", ".", "..", ""]
    rng = random.Random(3)
    for _ in range(20_000):
        start = "/".join(rng.choice(parts) for _ in range(rng.randint(0, 3))) + "/index.html"
        target = "/".join(rng.choice(parts) for _ in range(rng.randint(0, 4))) + rng.choice(["", "/"])
        assert urls.relative(start.lstrip("/"), target) == reference(start.lstrip("/"), target), (start, target)
