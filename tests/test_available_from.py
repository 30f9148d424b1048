"""`available_from`: the day a pre-ordered product can be sent, on the page, in JSON-LD and in the feeds."""

from __future__ import annotations

import csv
import json
import re
import xml.etree.ElementTree as ET

import pytest

from tests.conftest import BASIC_SITE, run_sitegen

PRODUCT = "content/products/keripik/index.md"
PRE_ORDER = "---\nname: Keripik\ngroup: sido\nprice: 15000\nstatus: pre-order\navailable_from: 2026-12-20\n---\nRenyah.\n"
G = "{http://base.google.com/ns/1.0}"


def build(make_site, tmp_path, product=PRE_ORDER, language="id"):
    site_yaml = BASIC_SITE["site.yaml"] + f"language: {language}\n"
    project = make_site({PRODUCT: product, "site.yaml": site_yaml})
    result = run_sitegen("build", "--project", str(project), "--cache-dir", str(tmp_path / "cache"))
    assert result.returncode == 0, result.stderr
    return project / "output"


def offers(page: str) -> list[dict]:
    found = [json.loads(block) for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', page)]
    return next(data["offers"] for data in found if data["@type"] == "Product")


def google_item(output):
    return ET.parse(output / "feeds" / "google-merchant.xml").getroot().find("channel/item")


@pytest.mark.parametrize("language, words", [("id", "Siap dikirim mulai 20 Desember 2026."),
                                             ("en", "Ready to ship from 20 December 2026.")])
def test_the_day_shows_on_the_page_in_the_site_language(make_site, tmp_path, language, words):
    page = (build(make_site, tmp_path, language=language) / "produk" / "keripik" / "index.html").read_text()
    assert words in page
    assert "tanyakan waktu jadinya" not in page and "ask when it will be ready" not in page


def test_the_day_is_in_json_ld_and_google_merchant(make_site, tmp_path):
    output = build(make_site, tmp_path)
    assert [offer["availabilityStarts"] for offer in offers((output / "produk/keripik/index.html").read_text())] \
        == ["2026-12-20"]
    item = google_item(output)
    assert item.find(f"{G}availability").text == "preorder"
    assert item.find(f"{G}availability_date").text == "2026-12-20T00:00+0700"
    # Meta's catalogue has no availability-date column: the CSV keeps its columns.
    header = next(csv.reader((output / "feeds" / "meta-catalogue.csv").open()))
    assert "availability_date" not in header


def test_without_the_day_a_pre_order_asks_and_feeds_have_no_date(make_site, tmp_path):
    output = build(make_site, tmp_path, PRE_ORDER.replace("available_from: 2026-12-20\n", ""))
    page = (output / "produk/keripik/index.html").read_text()
    assert "tanyakan waktu jadinya" in page and "Siap dikirim" not in page
    assert "availabilityStarts" not in page
    assert google_item(output).find(f"{G}availability_date") is None


def test_a_sold_out_product_shows_no_day(make_site, tmp_path):
    output = build(make_site, tmp_path, PRE_ORDER.replace("pre-order", "habis"))
    assert "Siap dikirim" not in (output / "produk/keripik/index.html").read_text()
    assert google_item(output).find(f"{G}availability_date") is None


def test_an_impossible_day_is_a_located_error(make_site, tmp_path):
    project = make_site({PRODUCT: PRE_ORDER.replace("2026-12-20", "2026-12-32")})
    result = run_sitegen("check", "--project", str(project))
    assert result.returncode == 1
    assert result.stderr.startswith(f"{PRODUCT}:6: ")
