"""Printable price lists rendered to A4 PDF by headless Chromium (Debian's, never a downloaded browser)."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
A4_WIDTH_PX = 794  # 210 mm at 96 px per inch
ALL_LOADED = "Array.from(document.images).every(image => image.complete && image.naturalWidth > 0)"


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{CHROMIUM} is missing in CI: .ci/run must install Debian's chromium")
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium); price-list PDF tests skipped")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def open_page(browser, path: Path, width: int):
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(path.as_uri(), wait_until="load")
    return page


def pdf_pages(data: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", data))


def test_a_group_price_list_prints_on_one_a4_page_with_photos_prices_and_qr_codes(browser, example_site):
    page = open_page(browser, example_site / "daftar-harga/kub-sidomulyo/index.html", A4_WIDTH_PX)
    assert page.evaluate(ALL_LOADED)
    page.emulate_media(media="print")
    assert page.evaluate("document.documentElement.scrollWidth") <= A4_WIDTH_PX
    text = page.inner_text("main")
    assert "Rp" in text and "0812-" in text
    assert page.locator("td.code img").count() == page.locator("tbody tr").count() > 0
    assert page.locator(".screen-only").first.is_hidden()
    pdf = page.pdf(format="A4", print_background=True)
    assert pdf.startswith(b"%PDF-") and pdf_pages(pdf) == 1
    page.close()


def test_the_whole_catalogue_price_list_prints_to_a_few_a4_pages(browser, example_site):
    page = open_page(browser, example_site / "daftar-harga/index.html", A4_WIDTH_PX)
    assert page.evaluate(ALL_LOADED)
    rows = page.locator("tbody tr").count()
    numbers = [int(n) for n in page.locator("tbody td.num").all_inner_texts()]
    assert numbers == list(range(1, rows + 1))
    pdf = page.pdf(format="A4", print_background=True)
    assert 2 <= pdf_pages(pdf) <= rows // 3
    page.close()


def test_a_price_list_fits_a_phone_screen_without_sideways_scrolling(browser, example_site):
    page = open_page(browser, example_site / "daftar-harga/bucket-ceria-kaliputih/index.html", 360)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.close()
