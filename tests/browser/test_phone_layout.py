"""Lines as a 360 px phone lays them out: nothing a shopper reads is broken in an odd place."""

from __future__ import annotations

import pytest

# The text of each laid-out line of an element, found from the position of every character.
LINES_OF = """element => {
    const lines = [];
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    let top = null;
    while (walker.nextNode()) {
        const node = walker.currentNode;
        for (let i = 0; i < node.length; i++) {
            range.setStart(node, i); range.setEnd(node, i + 1);
            const rect = range.getClientRects()[0];
            if (!rect) continue;
            if (top === null || rect.top > top + rect.height / 2) { lines.push(""); top = rect.top; }
            lines[lines.length - 1] += node.data[i];
        }
    }
    return lines.map(line => line.trim()).filter(line => line);
}"""
PRODUCTS = ["produk/kastengel/", "produk/sagon-kelapa/", "produk/tas-anyaman-pandan/"]
PRICE_LISTS = ["daftar-harga/", "daftar-harga/bucket-ceria-kaliputih/", "daftar-harga/kub-sidomulyo/",
               "daftar-harga/dapur-kenanga-banjarsari/"]


@pytest.mark.parametrize("path", PRODUCTS)
def test_the_maker_line_wraps_like_a_sentence(phone, site_url, path):
    """Not "Dibuat oleh / <group> / , Desa Banjarsari": the link flows inside the sentence."""
    phone.goto(site_url + path)
    lines = phone.locator("p.maker").evaluate(LINES_OF)
    group = phone.locator("p.maker a").inner_text()
    assert not any(line.startswith(",") for line in lines), lines
    assert lines[0].startswith("Dibuat oleh " + group.split()[0]), lines
    assert len(lines) <= 3, lines


@pytest.mark.parametrize("path", PRICE_LISTS)
def test_prices_on_a_phone_never_break_inside_the_number(phone, site_url, path):
    phone.goto(site_url + path)
    assert phone.evaluate("document.scrollingElement.scrollWidth") <= 360
    prices = phone.locator("td.price strong")
    assert prices.count() > 0
    for index in range(prices.count()):
        price = prices.nth(index)
        lines = price.evaluate(LINES_OF)
        assert len(lines) == 1, lines
        inside = price.evaluate("""p => { const cell = p.closest('td').getBoundingClientRect();
            const box = p.getBoundingClientRect(); return box.left >= cell.left - 0.5 && box.right <= cell.right + 0.5; }""")
        assert inside, lines


def test_the_basket_link_keeps_a_space_before_its_count(phone, site_url):
    """Not "Keranjang(1)": in the inline-flex link, name and count are two flex items and the space collapses."""
    phone.goto(site_url + "produk/stick-kelor/")
    phone.locator("button.add").first.click()
    link = phone.locator(".basket-link")
    assert link.locator("[data-count]").inner_text() == "(1)"
    gap = link.evaluate("""a => { const name = document.createRange(); name.selectNodeContents(a.firstChild);
        return a.querySelector('[data-count]').getBoundingClientRect().left - name.getBoundingClientRect().right; }""")
    assert gap >= 3, gap  # about the width of a space
