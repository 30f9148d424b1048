"""Printable price lists rendered to A4 PDF by headless Chromium (Debian's, never a downloaded browser)."""

from __future__ import annotations

import re

A4_WIDTH_PX = 794  # 210 mm at 96 px per inch
ALL_LOADED = "Array.from(document.images).every(image => image.complete && image.naturalWidth > 0)"


def open_page(browser, url: str, width: int):
    """A page of the example served under /katalog/, in Debian's Chromium (see conftest.py)."""
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(url, wait_until="load")
    return page


def pdf_pages(data: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", data))


def test_a_group_price_list_prints_on_one_a4_page_with_photos_prices_and_qr_codes(browser, site_url):
    page = open_page(browser, site_url + "daftar-harga/kub-sidomulyo/", A4_WIDTH_PX)
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


def test_the_whole_catalogue_price_list_prints_to_a_few_a4_pages(browser, site_url):
    page = open_page(browser, site_url + "daftar-harga/", A4_WIDTH_PX)
    assert page.evaluate(ALL_LOADED)
    rows = page.locator("tbody tr").count()
    numbers = [int(n) for n in page.locator("tbody td.num").all_inner_texts()]
    assert numbers == list(range(1, rows + 1))
    pdf = page.pdf(format="A4", print_background=True)
    assert 2 <= pdf_pages(pdf) <= rows // 3
    page.close()


def test_a_price_list_fits_a_phone_screen_without_sideways_scrolling(browser, site_url):
    page = open_page(browser, site_url + "daftar-harga/bucket-ceria-kaliputih/", 360)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.close()
