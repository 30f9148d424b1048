"""Sharing and discovery on the built example: feeds read by real parsers, link previews, JSON-LD, cards, QR codes."""

from __future__ import annotations

import csv
import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest
from PIL import Image

from tests.conftest import SUB_PATH, shopper_pages
from tests.sitecheck import missing_files

ATOM = "{http://www.w3.org/2005/Atom}"
GOOGLE = "{http://base.google.com/ns/1.0}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
META_COLUMNS = ["id", "title", "description", "availability", "condition", "price", "link", "image_link",
                "brand", "item_group_id", "size"]
SCHEMA_AVAILABILITY = {"tersedia": "https://schema.org/InStock", "habis": "https://schema.org/OutOfStock",
                       "pre-order": "https://schema.org/PreOrder"}


class HeadReader(HTMLParser):
    """Meta tags (property/name → content), JSON-LD blocks and img src of one page."""

    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, str] = {}
        self.json_ld: list[dict] = []
        self.images: list[str] = []
        self._in_json = False

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "meta" and ("property" in values or "name" in values):
            self.meta[values.get("property") or values["name"]] = values.get("content", "")
        self._in_json = tag == "script" and values.get("type") == "application/ld+json"
        if tag == "img":
            self.images.append(values["src"])

    def handle_endtag(self, tag):
        self._in_json = False

    def handle_data(self, data):
        if self._in_json:
            self.json_ld.append(json.loads(data))


def read_page(path: Path) -> HeadReader:
    reader = HeadReader()
    reader.feed(path.read_text(encoding="utf-8"))
    return reader


def products_json(site: Path) -> dict:
    return json.loads((site / "feeds/products.json").read_text(encoding="utf-8"))


def test_atom_feed_parses_and_lists_the_newest_products(example_site):
    root = ET.parse(example_site / "feeds/new-products.atom").getroot()
    assert root.tag == f"{ATOM}feed"
    entries = root.findall(f"{ATOM}entry")
    assert 10 <= len(entries) <= 20
    updated = [e.findtext(f"{ATOM}updated") for e in entries]
    assert updated == sorted(updated, reverse=True)
    assert root.findtext(f"{ATOM}updated") == updated[0]
    links = [link.get("href") for link in root.iter(f"{ATOM}link")]
    assert missing_files(example_site, SUB_PATH, links) == []
    for entry in entries:
        assert entry.findtext(f"{ATOM}title") and entry.findtext(f"{ATOM}summary")
        assert entry.find(f"{ATOM}content").get("type") == "html"


def test_meta_catalogue_csv_is_what_meta_imports(example_site):
    with open(example_site / "feeds/meta-catalogue.csv", newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        rows = list(reader)
    assert reader.fieldnames == META_COLUMNS
    catalogue = products_json(example_site)["products"]
    assert len(rows) == sum(len(p["variants"]) for p in catalogue)
    assert len({row["id"] for row in rows}) == len(rows)
    for row in rows:
        assert re.fullmatch(r"[1-9]\d* IDR", row["price"]), row["price"]
        assert row["availability"] in ("in stock", "out of stock", "preorder")
        assert row["condition"] == "new" and row["title"] and row["description"] and row["brand"]
    with_variants = [p for p in catalogue if len(p["variants"]) > 1]
    assert with_variants
    for product in with_variants:
        variant_rows = [row for row in rows if row["item_group_id"] == product["slug"]]
        assert [row["size"] for row in variant_rows] == [v["name"] for v in product["variants"]]
        assert [row["price"] for row in variant_rows] == [f"{v['price']} IDR" for v in product["variants"]]
    urls = [row[column] for row in rows for column in ("link", "image_link")]
    assert missing_files(example_site, SUB_PATH, urls) == []


def test_every_group_has_its_own_meta_feed_with_only_its_products(example_site):
    data = products_json(example_site)
    for group in data["groups"]:
        path = example_site / group["meta_feed"][len(SUB_PATH):]
        with open(path, newline="", encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
        slugs = {p["slug"] for p in data["products"] if p["group"] == group["slug"]}
        assert {row["item_group_id"] or row["id"] for row in rows} == slugs
        assert {row["brand"] for row in rows} <= {group["name"]}


def test_feed_images_are_big_enough_for_meta(example_site):
    with open(example_site / "feeds/meta-catalogue.csv", newline="", encoding="utf-8") as handle:
        images = {row["image_link"] for row in csv.DictReader(handle)}
    for url in images:
        with Image.open(example_site / url[len(SUB_PATH):]) as image:
            assert image.format == "JPEG" and min(image.size) >= 500, url


def test_google_merchant_feed_parses_with_prices_and_links(example_site):
    channel = ET.parse(example_site / "feeds/google-merchant.xml").getroot().find("channel")
    items = channel.findall("item")
    assert items
    for item in items:
        assert re.fullmatch(r"[1-9]\d* IDR", item.findtext(f"{GOOGLE}price"))
        assert item.findtext(f"{GOOGLE}availability") in ("in_stock", "out_of_stock", "preorder")
    urls = [item.findtext("link") for item in items] + [item.findtext(f"{GOOGLE}image_link") for item in items]
    assert missing_files(example_site, SUB_PATH, urls) == []


def test_products_json_points_only_at_published_files(example_site):
    data = products_json(example_site)
    assert len(data["products"]) >= 20 and len(data["groups"]) == 9
    urls = [data["url"]]
    for product in data["products"]:
        urls += [product["url"], product["image"], product["card"], product["qr"], *product["photos"]]
    for group in data["groups"]:
        urls += [group["url"], group["card"], group["qr"], group["price_list"], group["meta_feed"]]
    assert missing_files(example_site, SUB_PATH, urls) == []


def test_sitemap_and_robots_use_absolute_urls_of_real_pages(example_site):
    locs = [loc.text for loc in ET.parse(example_site / "sitemap.xml").getroot().iter(f"{SITEMAP}loc")]
    assert SUB_PATH + "daftar-harga/" in locs and SUB_PATH + "produk/keripik-pare/" in locs
    assert missing_files(example_site, SUB_PATH, locs) == []
    assert f"Sitemap: {SUB_PATH}sitemap.xml" in (example_site / "robots.txt").read_text(encoding="utf-8")


def test_every_page_has_link_preview_tags_with_a_published_card(example_site):
    for page in shopper_pages(example_site):
        meta = read_page(page).meta
        for key in ("og:title", "og:description", "og:url", "og:image", "og:image:alt", "twitter:card",
                    "twitter:image"):
            assert meta.get(key), f"{page}: {key}"
        assert meta["og:image:width"] == "1200" and meta["og:image:height"] == "630"
        urls = [meta["og:url"], meta["og:image"], meta["twitter:image"]]
        assert all(url.startswith("https://") for url in urls)
        assert missing_files(example_site, SUB_PATH, urls) == [], page


def test_product_pages_carry_product_and_breadcrumb_json_ld(example_site):
    catalogue = {p["slug"]: p for p in products_json(example_site)["products"]}
    groups = {g["slug"]: g for g in products_json(example_site)["groups"]}
    for slug, product in catalogue.items():
        blocks = {block["@type"]: block for block in read_page(example_site / f"produk/{slug}/index.html").json_ld}
        data = blocks["Product"]
        assert data["@context"] == "https://schema.org" and data["name"] == product["name"]
        offers = data["offers"]
        assert [offer["price"] for offer in offers] == [str(v["price"]) for v in product["variants"]]
        for offer in offers:
            assert offer["@type"] == "Offer" and isinstance(offer["price"], str)
            assert offer["priceCurrency"] == "IDR"
            assert offer["availability"] == SCHEMA_AVAILABILITY[product["status"]]
            assert offer["seller"] == {"@type": "Organization", "name": groups[product["group"]]["name"],
                                       "url": groups[product["group"]]["url"]}
        trail = blocks["BreadcrumbList"]["itemListElement"]
        assert [item["position"] for item in trail] == list(range(1, len(trail) + 1))
        assert trail[0]["item"] == SUB_PATH and trail[-1]["item"] == product["url"]
        urls = [item["item"] for item in trail] + data.get("image", [])
        assert missing_files(example_site, SUB_PATH, urls) == []


def test_group_and_home_pages_carry_organization_and_website_json_ld(example_site):
    for group in products_json(example_site)["groups"]:
        blocks = read_page(example_site / f"kelompok/{group['slug']}/index.html").json_ld
        organization = next(b for b in blocks if b["@type"] == "Organization")
        assert organization["name"] == group["name"] and organization["url"] == group["url"]
        assert any(b["@type"] == "BreadcrumbList" for b in blocks)
    home = read_page(example_site / "index.html").json_ld
    assert home[0]["@type"] == "WebSite" and home[0]["url"] == SUB_PATH


def test_cards_are_1200_by_630_jpegs_under_300_kb(example_site):
    cards = sorted((example_site / "cards").rglob("*.jpg"))
    shares = [c for c in cards if not c.name.endswith("-square.jpg")]
    data = products_json(example_site)
    assert len(shares) == len(data["products"]) + len(data["groups"]) + 1
    for card in cards:
        assert card.stat().st_size <= 300_000, card
        with Image.open(card) as image:
            expected = (640, 640) if card.name.endswith("-square.jpg") else (1200, 630)
            assert image.format == "JPEG" and image.size == expected and not image.getexif()


def test_distinct_pages_get_distinct_cards(example_site):
    images = {read_page(example_site / path).meta["og:image"]
              for path in ("index.html", "produk/keripik-pare/index.html", "produk/nastar/index.html",
                           "kelompok/kub-sidomulyo/index.html")}
    assert len(images) == 4


@pytest.mark.parametrize("page", ["produk/keripik-pare/index.html", "kelompok/kub-sidomulyo/index.html"])
def test_share_link_puts_the_page_address_first(example_site, page):
    html = (example_site / page).read_text(encoding="utf-8")
    link = re.search(r'class="share-wa" href="([^"]+)"', html).group(1)
    url = read_page(example_site / page).meta["og:url"]
    from urllib.parse import parse_qs, urlparse
    message = parse_qs(urlparse(link.replace("&amp;", "&")).query)["text"][0]
    assert link.startswith("https://wa.me/?text=") and message.startswith(url + "\n")


def test_product_and_group_pages_show_a_qr_code_of_their_own_address(example_site):
    for page in ["produk/keripik-pare/index.html", "kelompok/kub-sidomulyo/index.html"]:
        reader = read_page(example_site / page)
        qr = next(src for src in reader.images if "/qr/" in src)
        svg_path = (example_site / page).parent / qr
        root = ET.parse(svg_path).getroot()
        assert root.tag == "{http://www.w3.org/2000/svg}svg" and root.get("viewBox")
        assert decode_segno_matrix(svg_path) == qr_matrix(reader.meta["og:url"])


def decode_segno_matrix(svg: Path) -> list[list[int]]:
    """The module matrix drawn by an SVG path of horizontal runs ("M2 2.5h7m1 0h1…")."""
    root = ET.parse(svg).getroot()
    size = int(root.get("viewBox").split()[2])
    path = next(p.get("d") for p in root.iter("{http://www.w3.org/2000/svg}path") if p.get("stroke"))
    grid = [[0] * size for _ in range(size)]
    x = y = 0.0
    for command, a, b in re.findall(r"([Mmh])(-?[\d.]+)(?:\s(-?[\d.]+))?", path):
        if command == "M":
            x, y = float(a), float(b)
        elif command == "m":
            x, y = x + float(a), y + float(b)
        else:
            for column in range(int(x), int(x + float(a))):
                grid[int(y)][column] = 1
            x += float(a)
    return grid


def qr_matrix(url: str) -> list[list[int]]:
    """What a QR code of `url` must show, from segno's own encoder, with the SVG's 2-module border."""
    import segno

    code = segno.make(url, error="m", micro=False)
    return [[1 if module else 0 for module in row] for row in code.matrix_iter(border=2)]


def test_price_lists_exist_for_the_catalogue_and_every_group_and_are_linked(example_site):
    groups = products_json(example_site)["groups"]
    assert (example_site / "daftar-harga/index.html").is_file()
    for group in groups:
        page = example_site / group["price_list"][len(SUB_PATH):] / "index.html"
        html = page.read_text(encoding="utf-8")
        assert "@page{size:A4" in html and group["name"] in html
    group_page = (example_site / "kelompok/kub-sidomulyo/index.html").read_text(encoding="utf-8")
    assert 'href="../../daftar-harga/kub-sidomulyo/"' in group_page and 'href="../../daftar-harga/"' in group_page


def test_products_json_has_one_group_or_product_a_line(example_site):
    """Readable and diff-friendly: editing one product changes one line of the file."""
    data = products_json(example_site)
    lines = (example_site / "feeds/products.json").read_text(encoding="utf-8").splitlines()
    entries = [json.loads(line.rstrip(",")) for line in lines if line.startswith('{"slug"')]
    assert entries == data["groups"] + data["products"]
