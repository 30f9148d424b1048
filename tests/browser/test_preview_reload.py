"""`sitegen serve` in headless Chromium: the open page reloads by itself and shows errors over the site."""

from __future__ import annotations

import re

import pytest

from tests.conftest import jpeg_bytes
from tests.serving import WAIT, Served, edit, fetch, wait_for


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
        # Each save right after the page shows the last one, as a volunteer would: no waiting
        # until the reloaded page listens again.
        edit(project, "Renyah.", "Renyah sekali, baru digoreng pagi ini.")
        page.wait_for_function("document.body.innerText.includes('baru digoreng pagi ini')", timeout=WAIT * 1000)
        edit(project, "price: 15000", 'price: "15,5"')
        overlay = page.wait_for_selector("#sitegen-errors", timeout=WAIT * 1000)
        assert overlay.is_visible()
        assert "content/products/keripik/index.md:4" in overlay.inner_text()
        assert "tulis 15000" in overlay.inner_text()
        assert "baru digoreng pagi ini" in page.inner_text("main")  # the last good page, under the errors
        edit(project, 'price: "15,5"', "price: 15000")
        page.wait_for_selector("#sitegen-errors", state="detached", timeout=WAIT * 1000)
    finally:
        context.close()


def test_a_save_made_while_the_page_reloads_shows_too(browser, served):
    """Two quick saves: the second one's rebuild ends while the page, reloaded for the first, is
    not listening yet (held here by delaying its livereload.js). It must still show the second."""
    project, server = served
    context = browser.new_context(service_workers="block")  # the theme's would fetch livereload.js unrouted
    page = context.new_page()
    scripts = []

    def second_save_while_loading(route):
        scripts.append(route.request.url)
        if len(scripts) == 2:  # the page reloaded for the first save, not yet listening
            page.wait_for_timeout(500)  # the server notices that the page it replaced has closed its socket
            edit(project, "Renyah sekali.", "Renyah sekali, digoreng tadi pagi.")
            wait_for(lambda: "digoreng tadi pagi" in fetch(server.url + "produk/keripik/")[1], "the second rebuild")
        route.continue_()

    try:
        page.route("**/livereload.js*", second_save_while_loading)
        page.goto(server.url + "produk/keripik/")
        wait_for(lambda: server.log_path.read_text().count("Browser Connected") == 1, "the page listening")
        edit(project, "Renyah.", "Renyah sekali.")
        page.wait_for_function("document.body.innerText.includes('digoreng tadi pagi')", timeout=WAIT * 1000)
        log = server.log_path.read_text()
        assert re.findall(r"Reload (\d+) waiters", log)[:2] == ["1", "0"]  # the second rebuild reached no page
        assert len(scripts) == 3 and log.count("Browser Connected") == 3  # the held page was told to reload
    finally:
        context.close()


def test_a_replaced_photo_shows_at_once(browser, make_site, tmp_path):
    """A saved photo reloads the whole page: the built photo has a new name, which livereload.js
    cannot guess from the name of the file that was saved."""
    project = make_site({"content/products/keripik/foto.jpg": jpeg_bytes(color=(200, 60, 40))})
    server = Served(project, tmp_path)
    page = browser.new_page()
    try:
        page.goto(server.url + "produk/keripik/")
        before = page.get_attribute("main img", "src")
        wait_for(lambda: "Browser Connected" in server.log_path.read_text(), "the page listening")
        (project / "content/products/keripik/foto.jpg").write_bytes(jpeg_bytes(color=(40, 160, 90)))
        page.wait_for_function(f"document.querySelector('main img').getAttribute('src') !== {before!r}",
                               timeout=WAIT * 1000)
    finally:
        page.close()
        server.stop()


def test_the_admin_is_not_reloaded_when_a_save_rebuilds_the_preview(browser, served):
    """The admin writes the files itself: a reload would close the form being filled in."""
    project, server = served
    context = browser.new_context(service_workers="block")
    context.route("https://**", lambda route: route.abort())  # the CMS itself is not needed here
    admin, product = context.new_page(), context.new_page()
    try:
        admin.goto(server.url + "admin/")
        product.goto(server.url + "produk/keripik/")
        for page in (admin, product):
            page.wait_for_function("window.LiveReload !== undefined", timeout=WAIT * 1000)
        wait_for(lambda: server.log_path.read_text().count("Browser Connected") == 2, "both pages listening")
        admin.evaluate("window.halfFilledForm = 'Keripik pedas level 3'")
        edit(project, "Renyah.", "Renyah sekali.")
        product.wait_for_function("document.body.innerText.includes('Renyah sekali')", timeout=WAIT * 1000)
        assert "Reload 2 waiters" in server.log_path.read_text()  # the admin was told too
        admin.wait_for_timeout(1000)
        assert admin.evaluate("window.halfFilledForm") == "Keripik pedas level 3"
    finally:
        context.close()
