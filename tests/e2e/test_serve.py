"""The real `sitegen serve` on a scratch site: an edit reaches the server and the browser; errors show there."""

from __future__ import annotations

import os
import socket
import subprocess
import sys

import pytest

from tests.conftest import BASIC_SITE, REPO
from tests.serving import PRODUCT, Served, edit, fetch, wait_for

@pytest.fixture
def site(make_site):
    return make_site({})


@pytest.fixture
def served(site, tmp_path):
    server = Served(site, tmp_path)
    yield server
    server.stop()


def test_an_edit_shows_on_the_served_page(site, served):
    page = served.url + "produk/keripik/"
    assert "Renyah." in fetch(page)[1]
    edit(site, "Renyah.", "Renyah sekali, baru digoreng pagi ini.")
    wait_for(lambda: "baru digoreng pagi ini" in fetch(page)[1], "the edit on the page")


def test_an_error_keeps_the_last_good_site_and_shows_file_line_and_fix(site, served):
    page = served.url + "produk/keripik/"
    edit(site, "price: 15000", 'price: "15,5"')
    wait_for(lambda: "sitegen-errors" in fetch(page)[1], "the error overlay")
    body = fetch(page)[1]
    assert "Renyah." in body  # the last good page is still there, under the errors
    assert "content/products/keripik/index.md:4" in body and "Cara memperbaiki:</b> tulis 15000" in body
    edit(site, 'price: "15,5"', "price: 15000")
    wait_for(lambda: "sitegen-errors" not in fetch(page)[1], "the overlay to go")


def test_a_site_broken_from_the_start_shows_the_error_page_until_fixed(make_site, tmp_path):
    broken = BASIC_SITE[PRODUCT].replace("price: 15000", "price: lima ribu")
    project = make_site({PRODUCT: broken})
    server = Served(project, tmp_path)
    try:
        status, body = fetch(server.url)
        assert status == 503 and 'harga "lima ribu" tidak dikenali'.replace('"', "&quot;") in body
        edit(project, "price: lima ribu", "price: 5000")
        wait_for(lambda: fetch(server.url)[0] == 200, "the fixed site")
    finally:
        server.stop()


def test_a_busy_port_is_reported_in_the_site_language(site, tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run([sys.executable, "-m", "sitegen", "serve", "--project", str(site), "--port", str(port)],
                                capture_output=True, text=True, timeout=60, env={**os.environ, "PYTHONPATH": str(REPO)})
    assert result.returncode == 1
    assert result.stderr.startswith(f"Port {port} sudah dipakai")
    assert not (site / ".sitegen-cache" / "preview").exists()


def test_the_preview_listens_on_this_computer_only_by_default():
    from sitegen.cli import _parser

    assert _parser().parse_args(["serve"]).bind == "127.0.0.1"


def test_bind_serves_there_and_says_where_to_open_it(site, tmp_path):
    """Explicitly 127.0.0.1: a test must not open the machine to the network; 0.0.0.0 is unit-tested."""
    server = Served(site, tmp_path, "--bind", "127.0.0.1")
    try:
        assert fetch(server.url + "produk/keripik/")[0] == 200
        log = wait_for(lambda: (tmp_path / "serve.log").read_text(), "the log")
        assert f"Pratinjau di http://127.0.0.1:{server.port}/" in log
        assert "Wi-Fi" not in log  # loopback: nothing to open on a phone
    finally:
        server.stop()


def test_the_preview_serves_the_admin_and_rebuilds_its_forms(site, served):
    """On a laptop the admin edits the local checkout (Sveltia's local-repository mode needs 127.0.0.1)."""
    assert served.url.startswith("http://127.0.0.1:")
    status, page = fetch(served.url + "admin/")
    assert status == 200 and "sveltia-cms.js" in page
    assert "Makanan" in fetch(served.url + "admin/config.yml")[1]
    edit(site, "categories: {makanan: Makanan}", "categories: {makanan: Makanan, minuman: Minuman Jahe}", "site.yaml")
    wait_for(lambda: "Minuman Jahe" in fetch(served.url + "admin/config.yml")[1], "the new category in the form")
