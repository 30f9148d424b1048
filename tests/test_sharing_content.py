"""Sharing on scratch sites: hostile text stays inert everywhere, and a domain-root site links correctly."""

from __future__ import annotations

import csv
import json
import re
import xml.etree.ElementTree as ET
from urllib.parse import parse_qs, urlparse

from sitegen.build import build
from tests.conftest import jpeg_bytes
from tests.e2e.test_sharing import ATOM, read_page
from tests.sitecheck import broken_links, missing_files

EVIL = "</script><script>alert(1)</script><!-- & \"q\" 'a' <b>"
EVIL_GROUP = "KUB </title><script>x()</script> & Co"
HOSTILE_SITE = {
    "site.yaml": "title: \"Tes <script>\"\nbase_url: https://example.org/\ncategories: {makanan: \"A&B </script>\"}\n",
    "content/groups/sido/index.md": f"---\nname: '{EVIL_GROUP}'\nwhatsapp: 0812-0000-0001\n---\n<script>bad()</script>\n",
    "content/products/keripik/index.md": (
        f"---\nname: '{EVIL.replace(chr(39), chr(39) * 2)}'\ngroup: sido\ncategory: makanan\n"
        "variants:\n  - {name: \"1 </script>\", price: 15000}\n  - {name: \"2 & 3\", price: 27000}\n"
        "---\nRenyah <img src=x onerror=alert(1)>.\n"
    ),
    "content/products/keripik/foto.jpg": jpeg_bytes(),
}


def built(make_site, tmp_path, files, base=None):
    project = make_site(files, base)
    build(project, tmp_path / "out", cache_dir=tmp_path / "cache")
    return tmp_path / "out"


def test_hostile_text_cannot_break_out_of_json_ld_or_attributes(make_site, tmp_path):
    site = built(make_site, tmp_path, HOSTILE_SITE, base={})
    html = (site / "produk/keripik/index.html").read_text(encoding="utf-8")
    reader = read_page(site / "produk/keripik/index.html")
    scripts = re.findall(r"<script[^>]*>", html)
    assert len(reader.json_ld) == 2 and len(scripts) == 2 + html.count("<script src=")
    assert all('type="application/ld+json"' in tag or "src=" in tag for tag in scripts)
    assert "alert(1)</script>" not in html and "onerror" not in html
    product = next(block for block in reader.json_ld if block["@type"] == "Product")
    assert product["name"] == EVIL and product["offers"][0]["seller"]["name"] == EVIL_GROUP
    assert [offer["name"] for offer in product["offers"]] == ["1 </script>", "2 & 3"]
    assert reader.meta["og:title"] == EVIL and reader.meta["twitter:title"] == EVIL
    assert EVIL in reader.meta["og:image:alt"]
    group = read_page(site / "kelompok/sido/index.html")
    assert group.meta["og:title"] == EVIL_GROUP and group.json_ld[0]["name"] == EVIL_GROUP


def test_hostile_text_reaches_every_feed_unchanged(make_site, tmp_path):
    site = built(make_site, tmp_path, HOSTILE_SITE, base={})
    entry = ET.parse(site / "feeds/new-products.atom").getroot().find(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}title") == EVIL
    assert "<script" not in entry.findtext(f"{ATOM}content") and "onerror" not in entry.findtext(f"{ATOM}content")
    with open(site / "feeds/meta-catalogue.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [row["title"] for row in rows] == [f"{EVIL} (1 </script>)", f"{EVIL} (2 & 3)"]
    assert {row["brand"] for row in rows} == {EVIL_GROUP}
    items = ET.parse(site / "feeds/google-merchant.xml").getroot().iter("item")
    assert [item.findtext("title") for item in items] == [row["title"] for row in rows]
    data = json.loads((site / "feeds/products.json").read_text(encoding="utf-8"))
    assert data["products"][0]["name"] == EVIL and data["title"] == "Tes <script>"


def test_share_message_keeps_hostile_text_as_plain_text(make_site, tmp_path):
    site = built(make_site, tmp_path, HOSTILE_SITE, base={})
    html = (site / "produk/keripik/index.html").read_text(encoding="utf-8")
    link = html.split('class="share-wa" href="', 1)[1].split('"', 1)[0].replace("&amp;", "&")
    message = parse_qs(urlparse(link).query)["text"][0]
    assert message.startswith("https://example.org/produk/keripik/\n") and EVIL in message


def test_a_site_at_a_domain_root_links_previews_and_feeds_to_real_files(make_site, tmp_path):
    site = built(make_site, tmp_path, {"content/products/keripik/foto.jpg": jpeg_bytes()})
    assert broken_links(site, "https://example.org/") == []
    meta = read_page(site / "produk/keripik/index.html").meta
    assert meta["og:image"].startswith("https://example.org/cards/produk/keripik-")
    with open(site / "feeds/meta-catalogue.csv", newline="", encoding="utf-8") as handle:
        urls = [row[key] for row in csv.DictReader(handle) for key in ("link", "image_link")]
    urls += [meta["og:image"], meta["og:url"]]
    assert missing_files(site, "https://example.org/", urls) == []


def test_cards_are_cached_and_follow_what_they_show(make_site, tmp_path):
    project = make_site({"content/products/keripik/foto.jpg": jpeg_bytes()})
    build(project, tmp_path / "out", cache_dir=tmp_path / "cache")
    first = read_page(tmp_path / "out/produk/keripik/index.html").meta["og:image"]
    cached = sorted(p.name for p in (tmp_path / "cache/cards").iterdir())
    build(project, tmp_path / "out", cache_dir=tmp_path / "cache")
    assert sorted(p.name for p in (tmp_path / "cache/cards").iterdir()) == cached
    page = project / "content/products/keripik/index.md"
    page.write_text(page.read_text(encoding="utf-8").replace("15000", "17500"), encoding="utf-8")
    build(project, tmp_path / "out", cache_dir=tmp_path / "cache")
    second = read_page(tmp_path / "out/produk/keripik/index.html").meta["og:image"]
    assert second != first and len(list((tmp_path / "cache/cards").iterdir())) == len(cached)
