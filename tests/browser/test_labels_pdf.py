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


# The parts of a label that stick out of its content box, the dashed cut line less its padding.
OUTSIDE = """label => {
    const edge = label.getBoundingClientRect(), pad = parseFloat(getComputedStyle(label).paddingTop);
    return Array.from(label.querySelectorAll('.text > *, .code')).filter(part => {
        const box = part.getBoundingClientRect();
        return box.top < edge.top + pad - 0.5 || box.bottom > edge.bottom - pad + 0.5
            || box.left < edge.left + pad - 0.5 || box.right > edge.right - pad + 0.5;
    }).map(part => part.className);
}"""
# The parts of a label whose text is cut (a line clamp or a squeezed box shows less than all of it).
CUT = """label => Array.from(label.querySelectorAll('.text > *'))
    .filter(part => part.scrollHeight > part.clientHeight + 1).map(part => part.className)"""


def test_every_sticker_keeps_its_content_and_reorder_number_inside_the_cut_line(browser, awkward_url):
    """Many variants, both permits, a name in Javanese script twice over: it all stays on the 90 × 52 mm sticker."""
    for group in ("sido", "panjang"):
        page = open_page(browser, awkward_url + f"label/{group}/", A4_WIDTH_PX)
        page.emulate_media(media="print")
        labels = page.locator("li.label")
        for index in range(labels.count()):
            label = labels.nth(index)
            assert label.evaluate(OUTSIDE) == [], label.inner_text()
            assert not {"permit", "order"} & set(label.evaluate(CUT))  # only name, prices and maker may give way
            assert "0812-0000-000" in label.locator(".order").inner_text()
        page.close()


def test_a_sticker_of_many_variants_shows_three_prices_and_how_many_more(browser, awkward_url):
    page = open_page(browser, awkward_url + "label/sido/", A4_WIDTH_PX)
    page.emulate_media(media="print")
    balado = page.locator("li.label").filter(has_text="Balado")
    offers = balado.locator(".offer").all_inner_texts()
    assert offers == ["Bungkus 100 g Rp12.500", "Bungkus 250 g Rp25.000", "+3 lainnya"]
    assert balado.evaluate(CUT) == []  # an ordinary sticker shows all of every part
    assert "P-IRT" in balado.inner_text() and "ID33110000123480227" in balado.inner_text()
    page.close()
