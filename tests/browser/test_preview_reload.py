"""`sitegen serve` in headless Chromium: the open page reloads by itself and shows errors over the site."""

from __future__ import annotations

import pytest

from tests.serving import WAIT, Served, edit


@pytest.fixture
def served(make_site, tmp_path):
    project = make_site({})
    server = Served(project, tmp_path)
    yield project, server
    server.stop()


def test_the_page_reloads_by_itself_and_shows_errors_over_the_site(browser, served):
    project, server = served
    context = browser.new_context()  # the theme's service worker on, as on a volunteer's laptop
    page = context.new_page()
    try:
        page.goto(server.url + "produk/keripik/")
        page.wait_for_function("window.LiveReload !== undefined", timeout=WAIT * 1000)
        server.wait_for_browsers(1)
        edit(project, "Renyah.", "Renyah sekali, baru digoreng pagi ini.")
        page.wait_for_function("document.body.innerText.includes('baru digoreng pagi ini')", timeout=WAIT * 1000)
        server.wait_for_browsers(2)  # the reloaded page listens again
        edit(project, "price: 15000", 'price: "15,5"')
        overlay = page.wait_for_selector("#sitegen-errors", timeout=WAIT * 1000)
        assert overlay.is_visible()
        assert "content/products/keripik/index.md:4" in overlay.inner_text()
        assert "tulis 15000" in overlay.inner_text()
        assert "baru digoreng pagi ini" in page.inner_text("main")  # the last good page, under the errors
        server.wait_for_browsers(3)
        edit(project, 'price: "15,5"', "price: 15000")
        page.wait_for_selector("#sitegen-errors", state="detached", timeout=WAIT * 1000)
    finally:
        context.close()
