"""A group's packaging stickers printed to A4 PDF in headless Chromium, like the price lists."""

from __future__ import annotations

from tests.browser.test_pricelist_pdf import A4_WIDTH_PX, ALL_LOADED, open_page, pdf_pages

MM = 96 / 25.4  # CSS pixels per millimetre


def test_a_group_sticker_sheet_prints_on_a4_with_name_price_permits_and_qr_code(browser, site_url):
    page = open_page(browser, site_url + "label/dapur-kenanga-banjarsari/", A4_WIDTH_PX)
    assert page.evaluate(ALL_LOADED)
    page.emulate_media(media="print")
    labels = page.locator("li.label")
    count = labels.count()
    assert count >= 2
    kastengel = labels.filter(has_text="Kastengel")
    text = kastengel.inner_text()
    assert "Toples 250 g" in text and "Rp60.000" in text and "Rp110.000" in text
    assert "P-IRT 2063305050162-25" in text and "ID33110000123480227" in text
    assert kastengel.locator("img.code").get_attribute("src").endswith("qr/produk/kastengel.svg")
    assert page.locator("img.code").count() == count
    box = kastengel.bounding_box()
    assert abs(box["width"] - 90 * MM) < 2 and abs(box["height"] - 52 * MM) < 2  # cut to a known size
    assert page.locator(".screen-only").first.is_hidden()
    pdf = page.pdf(format="A4", print_background=True, prefer_css_page_size=True)
    assert pdf.startswith(b"%PDF-") and pdf_pages(pdf) == (count + 9) // 10  # ten stickers per sheet
    page.close()


def test_the_group_page_and_its_price_list_link_the_sticker_sheet(browser, site_url):
    for path in ("kelompok/dapur-kenanga-banjarsari/", "daftar-harga/dapur-kenanga-banjarsari/"):
        page = open_page(browser, site_url + path, 360)
        link = page.locator('a[href$="label/dapur-kenanga-banjarsari/"]')
        assert link.count() == 1
        link.click()
        page.wait_for_load_state("load")
        assert page.url == site_url + "label/dapur-kenanga-banjarsari/"
        assert page.evaluate("document.scrollingElement.scrollWidth") <= 360
        page.close()


def test_a_sheet_with_many_products_runs_onto_more_a4_pages(browser, site_url):
    page = open_page(browser, site_url + "label/kub-sidomulyo/", A4_WIDTH_PX)
    count = page.locator("li.label").count()
    pdf = page.pdf(format="A4", print_background=True, prefer_css_page_size=True)
    assert pdf_pages(pdf) == (count + 9) // 10
    page.close()
