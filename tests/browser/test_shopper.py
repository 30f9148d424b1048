"""What a shopper sees on a 360 px phone, with and without JavaScript."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import unquote

import pytest

from sitegen.build import build
from tests.browser.conftest import served
from tests.conftest import BASIC_SITE, REPO

PAGES = ["", "produk/sagon-kelapa/", "produk/", "kelompok/kub-sidomulyo/", "kelompok/",
         "kategori/makanan-ringan/", "cari/", "keranjang/", "404.html", "offline.html"]


def axe_script() -> str:
    import axe_playwright_python

    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")


@pytest.mark.parametrize("path", PAGES)
def test_no_sideways_scroll_and_every_image_loads(phone, site_url, path):
    phone.goto(site_url + path)
    phone.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    phone.wait_for_load_state("networkidle")
    assert phone.evaluate("document.scrollingElement.scrollWidth") <= 360
    broken = phone.evaluate("""Array.from(document.images)
        .filter(i => { i.loading = 'eager'; return i.complete && i.naturalWidth === 0; })
        .map(i => i.currentSrc || i.src)""")
    assert broken == []


@pytest.mark.parametrize("path", PAGES)
def test_axe_finds_no_accessibility_violation(phone, site_url, path):
    phone.goto(site_url + path)
    phone.add_script_tag(content=axe_script())
    result = phone.evaluate("axe.run(document, {resultTypes: ['violations']})")
    violations = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]]
    assert violations == []


def test_without_javascript_every_order_link_is_there(phone_without_js, site_url):
    page = phone_without_js
    page.goto(site_url + "produk/sagon-kelapa/")
    links = page.locator("a.wa")
    assert links.count() == 2
    hrefs = [links.nth(i).get_attribute("href") for i in range(2)]
    assert all(h.startswith("https://wa.me/6281200000001?text=") for h in hrefs)
    assert "Sagon Kelapa (250 g) seharga Rp23.000" in unquote(hrefs[1])
    assert links.nth(0).is_visible() and links.nth(1).is_visible()
    assert not page.locator("button.add").first.is_visible()
    assert not page.locator(".basket-link").is_visible()


@pytest.mark.parametrize("path", ["", "produk/sagon-kelapa/"])
def test_without_javascript_on_a_wide_screen_nothing_hidden_shows(browser, site_url, path):
    """At 48em and up `.wa,.add` become inline-flex; the `hidden` attribute must still win over that."""
    context = browser.new_context(viewport={"width": 800, "height": 900}, java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + path)
    shown = page.evaluate("""Array.from(document.querySelectorAll('[hidden]'))
        .filter(element => element.getClientRects().length).map(element => element.outerHTML.slice(0, 60))""")
    assert page.locator("[hidden]").count() > 0 and shown == []
    context.close()


@pytest.mark.parametrize("path", ["", "cari/"])
def test_without_javascript_no_search_box_that_cannot_search_is_shown(phone_without_js, site_url, path):
    """A static site cannot search without JavaScript: no dead box; the search page says where to look."""
    page = phone_without_js
    page.goto(site_url + path)
    assert page.locator("form.search").count() == 1 and not page.locator("form.search").is_visible()
    if path:
        assert "Pilih kategori atau kelompok di bawah ini" in page.inner_text("main")
        assert page.get_by_role("link", name="Kerajinan").is_visible()


def test_a_printed_product_page_keeps_its_order_buttons_readable(phone, site_url):
    """Printing drops the green background: the white label would be left on white paper."""
    phone.goto(site_url + "produk/sagon-kelapa/")
    phone.emulate_media(media="print")
    colours = phone.locator("a.wa").evaluate_all("links => links.map(a => getComputedStyle(a).color)")
    assert colours and set(colours) == {"rgb(0, 0, 0)"}
    assert not phone.locator("button.add").first.is_visible()


def test_without_javascript_categories_and_groups_are_reachable(phone_without_js, site_url):
    page = phone_without_js
    page.goto(site_url)
    page.get_by_role("link", name="Kerajinan").click()
    assert "/kategori/kerajinan/" in page.url
    page.get_by_role("link", name="Tas Rajut").click()
    assert page.locator("a.wa").count() >= 1


def add_to_basket(page, site_url: str, path: str, index: int, times: int = 1) -> None:
    page.goto(site_url + path)
    for _ in range(times):
        page.locator("button.add").nth(index).click()


def basket_messages(page) -> list[str]:
    hrefs = page.locator("#basket a.wa").evaluate_all("links => links.map(a => a.href)")
    return [unquote(h.split("?text=", 1)[1]) for h in hrefs]


def test_basket_sends_one_exact_message_per_group_and_survives_a_reload(phone, site_url):
    add_to_basket(phone, site_url, "produk/sagon-kelapa/", 0, times=2)
    add_to_basket(phone, site_url, "produk/sagon-kelapa/", 1)
    add_to_basket(phone, site_url, "produk/stick-kelor/", 0)
    assert phone.locator(".basket-link [data-count]").inner_text() == "(4)"
    phone.goto(site_url + "keranjang/")
    phone.reload()
    sidomulyo, sekar_arum = basket_messages(phone)
    assert sidomulyo == (
        "Halo KUB Purna Migran Sidomulyo (contoh), saya ingin memesan:\n"
        "- Sagon Kelapa (150 g) × 2 = Rp30.000\n"
        "- Sagon Kelapa (250 g) × 1 = Rp23.000\n"
        "Total: Rp53.000"
    )
    assert sekar_arum == (
        "Halo Kelompok Sekar Arum Karangrejo (contoh), saya ingin memesan:\n"
        "- Stick Kelor (150 g) × 1 = Rp17.500\n"
        "Total: Rp17.500"
    )
    hrefs = phone.locator("#basket a.wa").evaluate_all("links => links.map(a => a.href)")
    assert hrefs[0].startswith("https://wa.me/6281200000001?text=") and hrefs[1].startswith("https://wa.me/6281200000002?text=")
    assert "%20" in hrefs[0] and "%0A" in hrefs[0] and "+" not in hrefs[0].split("?text=")[1]


def test_a_product_with_its_own_number_is_a_basket_order_of_its_own_and_says_so(phone, site_url):
    """Bucket Bunga Flanel is ordered from 0812-0000-0010, the rest of its group from the group's
    number: two messages, whose headings and buttons must not read as one group twice."""
    add_to_basket(phone, site_url, "produk/bucket-kue-kering/", 0)
    add_to_basket(phone, site_url, "produk/bucket-bunga-flanel/", 0)
    phone.goto(site_url + "keranjang/")
    headings = phone.locator("#basket h2").all_inner_texts()
    buttons = phone.locator("#basket a.wa").all_inner_texts()
    assert len(headings) == 2 and len(set(headings)) == 2 and len(set(buttons)) == 2, (headings, buttons)
    assert "KUB Bucket Ceria Kaliputih (contoh) · 0812-0000-0010" in headings
    flanel = phone.locator("#basket section", has_text="Bucket Bunga Flanel")
    assert flanel.locator("a.wa").get_attribute("href").startswith("https://wa.me/6281200000010?text=")
    assert "0812-0000-0010" in flanel.locator("a.wa").inner_text()
    assert basket_messages(phone)[1].startswith("Halo KUB Bucket Ceria Kaliputih (contoh), saya ingin memesan:")
    phone.reload()  # the check against what is for sale now keeps the label
    phone.wait_for_load_state("networkidle")
    assert phone.locator("#basket h2").all_inner_texts() == headings


def test_adding_again_takes_the_sellers_label_from_the_page(phone, site_url):
    """A product kept with its own number's label, since ordered from its group's: adding it again
    from its page must not keep the old label over the new number (offline, no check corrects it)."""
    add_to_basket(phone, site_url, "produk/bucket-kue-kering/", 0)
    phone.evaluate("""() => { const key = Object.keys(localStorage).find(k => k.startsWith('sitegen-basket:'));
        const items = JSON.parse(localStorage.getItem(key)); items[0].seller = 'Lama · 0812-0000-0099';
        localStorage.setItem(key, JSON.stringify(items)); }""")
    phone.locator("button.add").first.click()
    kept = phone.evaluate("""() => JSON.parse(localStorage.getItem(
        Object.keys(localStorage).find(k => k.startsWith('sitegen-basket:'))))[0]""")
    assert kept["qty"] == 2 and not kept.get("seller"), kept


def test_basket_quantities_can_be_changed_and_removed(phone, site_url):
    add_to_basket(phone, site_url, "produk/stick-kelor/", 0)
    phone.goto(site_url + "keranjang/")
    phone.get_by_role("button", name="Tambah Stick Kelor").click()
    assert "× 2 = Rp35.000" in basket_messages(phone)[0]
    phone.get_by_role("button", name="Hapus").click()
    assert basket_messages(phone) == []
    assert "kosong" in phone.locator("#basket").inner_text()


def test_search_loads_its_index_only_when_the_shopper_searches(phone, site_url):
    requested = []
    phone.on("request", lambda request: requested.append(request.url))
    phone.goto(site_url + "cari/")
    phone.wait_for_load_state("networkidle")
    assert not any(url.endswith("search.json") for url in requested)
    phone.fill("#q", "pandan")
    phone.wait_for_selector("#search-results li")
    names = phone.locator("#search-results li a").all_inner_texts()
    assert "Tikar Pandan" in names and "Tas Rajut" not in names
    assert any(url.endswith("search.json") for url in requested)


def test_an_emptied_search_box_lists_nothing(phone, site_url):
    phone.goto(site_url + "cari/?q=pandan")
    phone.wait_for_selector("#search-results li")
    for emptied in ("", "   "):
        phone.fill("#q", emptied)
        phone.wait_for_function("!document.querySelector('#search-results li')")
        assert phone.locator("#search-status").inner_text() == ""


def test_search_from_the_home_page_form(phone, site_url):
    phone.goto(site_url)
    phone.fill("#q", "ambal")
    phone.press("#q", "Enter")
    phone.wait_for_selector("#search-results li")
    assert "Sagon Kelapa" in phone.locator("#search-results").inner_text()


@pytest.mark.parametrize("words, status", [("nastar", "1 product found"), ("pandan", "3 products found")])
def test_english_search_counts_its_results_in_the_right_form(phone, english_site_url, words, status):
    phone.goto(english_site_url + "cari/")
    phone.fill("#q", words)
    phone.wait_for_selector("#search-results li")
    assert phone.locator("#search-status").inner_text() == status
    assert phone.locator("#search-results li").count() == int(status.split()[0])


def test_indonesian_search_counts_its_results_in_its_one_form(phone, site_url):
    phone.goto(site_url + "cari/")
    phone.fill("#q", "nastar")
    phone.wait_for_selector("#search-results li")
    assert phone.locator("#search-status").inner_text() == "1 produk ditemukan"


def test_a_theme_search_page_from_before_plural_forms_still_counts(phone, make_site):
    """A site theme's own search.html with one text in data-found keeps working, in that one form."""
    search_page = (REPO / "themes/default/templates/search.html").read_text(encoding="utf-8")
    older = search_page.replace("""data-found-forms='{{ plural_forms('ui.search_found')|tojson }}'""",
                                'data-found="{{ t(\'ui.search_found\') }}"')
    assert older != search_page
    project = make_site({"site.yaml": BASIC_SITE["site.yaml"] + "language: en\ntheme: own\n",
                         "themes/own/templates/search.html": older})
    build(project, project / "output", cache_dir=project.parent / "cache")
    with served(project / "output") as address:
        phone.goto(address + "cari/")
        phone.fill("#q", "keripik")
        phone.wait_for_selector("#search-results li")
        assert phone.locator("#search-status").inner_text() == "1 products found"


def test_pages_seen_reopen_offline(phone, site_url):
    phone.goto(site_url + "produk/stick-kelor/")
    phone.evaluate("navigator.serviceWorker.ready.then(() => true)")
    phone.reload()  # now controlled by the service worker, which keeps what it serves
    phone.wait_for_load_state("networkidle")
    phone.context.set_offline(True)
    try:
        phone.reload()
        assert phone.locator("h1").inner_text() == "Stick Kelor"
    finally:
        phone.context.set_offline(False)


@pytest.mark.parametrize("path", ["", "produk/sagon-kelapa/", "kelompok/kub-sidomulyo/", "daftar-harga/"])
def test_readable_at_320_px_without_sideways_scroll(browser, site_url, path):
    context = browser.new_context(viewport={"width": 320, "height": 640}, is_mobile=True)
    page = context.new_page()
    page.goto(site_url + path)
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 320
    assert page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)") >= 16
    context.close()


def test_the_basket_checks_its_items_against_what_is_for_sale_now(phone, site_url):
    """Items kept for days: a price raised since, and a product sold out since, after a redeploy."""
    add_to_basket(phone, site_url, "produk/sagon-kelapa/", 0, times=2)
    add_to_basket(phone, site_url, "produk/stick-kelor/", 0)

    def redeployed(route):
        offers = json.loads(route.fetch().text())
        assert offers["sagon-kelapa:150 g"][0] == 15000 and "stick-kelor:" in offers
        offers["sagon-kelapa:150 g"][0] = 16500  # the price went up
        del offers["stick-kelor:"]  # sold out
        route.fulfill(json=offers)

    phone.context.route("**/keranjang/harga.json", redeployed)  # the service worker fetches it
    phone.goto(site_url + "keranjang/")
    phone.get_by_text("Harganya sudah berubah, sebelumnya Rp15.000").wait_for()
    assert basket_messages(phone) == [
        "Halo KUB Purna Migran Sidomulyo (contoh), saya ingin memesan:\n"
        "- Sagon Kelapa (150 g) × 2 = Rp33.000\n"
        "Total: Rp33.000"
    ]  # the sold-out item's seller gets no message at all
    box = phone.locator("#basket").inner_text()
    assert "Stick Kelor" in box and "tidak ikut dipesan" in box
    assert phone.locator(".basket-link [data-count]").inner_text() == "(2)"

    # Back in stock and added again from its page: it is ordered again, at the page's price.
    phone.context.unroute("**/keranjang/harga.json")
    add_to_basket(phone, site_url, "produk/stick-kelor/", 0)
    phone.goto(site_url + "keranjang/")
    phone.get_by_text("Harganya sudah berubah, sebelumnya Rp16.500").wait_for()
    assert "- Stick Kelor (150 g) × 2 = Rp35.000" in basket_messages(phone)[1]
    assert "- Sagon Kelapa (150 g) × 2 = Rp30.000" in basket_messages(phone)[0]  # the real price again
