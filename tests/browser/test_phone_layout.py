"""Lines as a 360 px phone lays them out: nothing a shopper reads is broken in an odd place."""

from __future__ import annotations

import pytest

from tests.conftest import shopper_pages

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


@pytest.mark.parametrize("path", PRICE_LISTS)
def test_names_and_units_on_a_phone_price_list_wrap_between_words(phone, site_url, path):
    """Not "Gantunga / n Kunci Rajut" or "Instan 500 / g": the name column is wide enough for the
    words of the example's names, and a product's unit moves to the next line whole."""
    phone.goto(site_url + path)
    cells = phone.locator("td.name")
    assert cells.count() > 0
    for index in range(cells.count()):
        cell = cells.nth(index)
        words = cell.evaluate("c => c.innerText.split(/\\s+/).filter(w => w)")
        lines = cell.evaluate(LINES_OF)
        assert " ".join(lines).split() == words, (lines, words)  # every line break falls between words
        for unit in cell.locator(".size").all():
            assert len(unit.evaluate(LINES_OF)) == 1, unit.inner_text()


def test_the_basket_link_keeps_a_space_before_its_count(phone, site_url):
    """Not "Keranjang(1)": in the inline-flex link, name and count are two flex items and the space collapses."""
    phone.goto(site_url + "produk/stick-kelor/")
    phone.locator("button.add").first.click()
    link = phone.locator(".basket-link")
    assert link.locator("[data-count]").inner_text() == "(1)"
    gap = link.evaluate("""a => { const name = document.createRange(); name.selectNodeContents(a.firstChild);
        return a.querySelector('[data-count]').getBoundingClientRect().left - name.getBoundingClientRect().right; }""")
    assert gap >= 3, gap  # about the width of a space


def test_a_wide_table_or_code_block_scrolls_inside_itself(phone, awkward_url):
    phone.goto(awkward_url + "produk/tabel/")
    assert phone.evaluate("document.scrollingElement.scrollWidth") == 360
    for selector in (".prose table", ".prose pre"):
        box = phone.locator(selector).evaluate("e => [e.scrollWidth, e.clientWidth, e.getBoundingClientRect().right]")
        scroll_width, width, right = box
        assert scroll_width > width and right <= 360 - 16, (selector, box)  # it scrolls, inside the page margin


# Elements whose box leaves the screen, or the card they sit in (a card clips what sticks out of it).
# What sits in a box that scrolls sideways on purpose (a wide table) does not count.
STICKING_OUT = """() => Array.from(document.querySelectorAll('body *')).filter(element => {
    const box = element.getBoundingClientRect();
    const frame = (element.parentElement.closest('.card') || document.documentElement).getBoundingClientRect();
    for (let up = element.parentElement; up; up = up.parentElement) {
        if (/auto|scroll/.test(getComputedStyle(up).overflowX)) return false;
    }
    return box.width > 0 && (box.left < frame.left - 0.5 || box.right > frame.right + 0.5);
}).map(element => `${element.tagName.toLowerCase()}.${element.className} ${element.textContent.trim().slice(0, 24)}`)"""


def test_long_words_wide_tables_and_many_variants_never_widen_a_page(phone, awkward_site, awkward_url):
    """Every page of a catalogue of unbroken names, Javanese script and wide tables: 360 px, nothing cut."""
    for path in ("produk/panjang/", "produk/jawa/", "produk/terpanjang/"):
        phone.goto(awkward_url + path)
        phone.locator("button.add").first.click()
    pages = [page.relative_to(awkward_site).as_posix().removesuffix("index.html") for page in shopper_pages(awkward_site)]
    problems = {}
    for path in pages + ["cari/?q=ripik"]:
        phone.goto(awkward_url + path)
        if path.startswith("cari/?"):
            phone.wait_for_selector("#search-results li")
        width, out = phone.evaluate("document.scrollingElement.scrollWidth"), phone.evaluate(STICKING_OUT)
        if width != 360 or out:
            problems[path] = (width, out[:4])
    assert len(pages) > 15 and problems == {}
