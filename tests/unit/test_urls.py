"""Output paths, relative links and wa.me links."""

import urllib.parse

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitegen import urls


@pytest.mark.parametrize("start, target, link", [
    ("index.html", "produk/x/index.html", "produk/x/"),
    ("produk/x/index.html", "index.html", "../../"),
    ("produk/x/index.html", "produk/y/index.html", "../y/"),
    ("produk/x/index.html", "img/a-320.webp", "../../img/a-320.webp"),
    ("index.html", "index.html", "./"),
    ("kelompok/index.html", "kelompok/sido/index.html", "sido/"),
    ("404.html", "sitemap.xml", "sitemap.xml"),
])
def test_relative_links(start, target, link):
    assert urls.relative(start, target) == link


@pytest.mark.parametrize("base_url", ["https://example.org/", "https://user.github.io/katalog/"])
def test_absolute_urls_at_root_and_sub_path(base_url):
    assert urls.absolute(base_url, "produk/x/index.html") == base_url + "produk/x/"
    assert urls.absolute(base_url, "index.html") == base_url
    assert urls.absolute(base_url, "img/a.jpg") == base_url + "img/a.jpg"


@pytest.mark.parametrize("base_path", ["/", "/katalog/"])
def test_rooted_links_for_the_404_page(base_path):
    assert urls.rooted(base_path, "index.html") == base_path
    assert urls.rooted(base_path, "kelompok/index.html") == base_path + "kelompok/"


def test_wa_link_percent_encodes_spaces_and_newlines():
    link = urls.wa_link("6281200000001", "Halo Bu,\nsaya pesan 2 × Keripik & Sagon (100 g)+1")
    assert link.startswith("https://wa.me/6281200000001?text=")
    text = link.split("?text=", 1)[1]
    assert "%20" in text and "%0A" in text and "+" not in text and " " not in text
    assert "%26" in text and "%2B1" in text


@pytest.mark.parametrize("base_url", ["https://example.org/", "https://user.github.io/katalog/"])
def test_sharing_paths_are_absolute_under_root_and_sub_path(base_url):
    assert urls.absolute(base_url, urls.price_list_path()) == base_url + "daftar-harga/"
    assert urls.absolute(base_url, urls.qr_path("produk/x/index.html")) == base_url + "qr/produk/x.svg"
    assert urls.absolute(base_url, urls.card_path("index.html", "k")) == base_url + "cards/index-k.jpg"
    assert urls.absolute(base_url, urls.ATOM_FEED) == base_url + "feeds/new-products.atom"


@pytest.mark.parametrize("page, card, square, qr", [
    ("index.html", "cards/index-abc.jpg", "cards/index-abc-square.jpg", "qr/index.svg"),
    ("produk/x/index.html", "cards/produk/x-abc.jpg", "cards/produk/x-abc-square.jpg", "qr/produk/x.svg"),
    ("kelompok/g/index.html", "cards/kelompok/g-abc.jpg", "cards/kelompok/g-abc-square.jpg", "qr/kelompok/g.svg"),
])
def test_card_and_qr_paths_follow_the_page(page, card, square, qr):
    assert urls.card_path(page, "abc") == card
    assert urls.card_path(page, "abc", square=True) == square
    assert urls.qr_path(page) == qr


def test_share_link_starts_the_message_with_the_address():
    link = urls.share_link("https://user.github.io/katalog/produk/x/", "Keripik & Sagon — Rp15.000")
    assert link.startswith("https://wa.me/?text=https%3A%2F%2Fuser.github.io%2Fkatalog%2Fproduk%2Fx%2F%0AKeripik")
    assert " " not in link and "+" not in link and "%26" in link


def test_facebook_share_link_encodes_the_address():
    assert urls.facebook_share_link("https://e.org/a b/") == "https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Fe.org%2Fa%20b%2F"


@given(st.text())
def test_quote_writes_every_text_as_urllib_quotes_it_with_nothing_safe(text):
    try:
        expected = urllib.parse.quote(text, safe="")
    except UnicodeEncodeError:  # a lone surrogate: neither can write it
        with pytest.raises(UnicodeEncodeError):
            urls.quote(text)
        return
    assert urls.quote(text) == expected


def test_quote_of_an_order_message():
    assert urls.quote("Halo, saya mau pesan Keripik (250 g) seharga Rp15.000\n~ok_-.") == (
        "Halo%2C%20saya%20mau%20pesan%20Keripik%20%28250%20g%29%20seharga%20Rp15.000%0A~ok_-.")
