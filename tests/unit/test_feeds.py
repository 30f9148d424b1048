"""Pure feed serialisers."""

from __future__ import annotations

import csv
import io

import pytest

from sitegen import feeds


def item(**changes):
    values = dict(id="keripik", title="Keripik", description="Renyah", status="tersedia", price=15000,
                  link="https://example.org/produk/keripik/", image_link="https://example.org/x.jpg",
                  brand="KUB Sidomulyo")
    return feeds.FeedItem(**{**values, **changes})


def rows(text):
    return list(csv.DictReader(io.StringIO(text)))


@pytest.mark.parametrize("text", ["=HYPERLINK(\"http://x\")", "+62 812", "-5 persen", "@SUM(A1)", "\tTab"])
def test_meta_csv_cells_a_spreadsheet_would_run_are_text(text):
    """OWASP's CSV-injection advice: a leading ' makes Excel, LibreOffice and Sheets show the cell as text."""
    row = rows(feeds.meta_csv([item(title=text, description=text, brand=text, size=text)]))[0]
    for column in ("title", "description", "brand", "size"):
        assert row[column] == "'" + text


def test_meta_csv_leaves_ordinary_cells_alone():
    row = rows(feeds.meta_csv([item(title="Keripik = enak", size="250 g")]))[0]
    assert (row["title"], row["price"], row["size"], row["availability"]) == ("Keripik = enak", "15000 IDR", "250 g", "in stock")


def test_xml_text_loses_exactly_the_characters_xml_forbids():
    """Every code point: kept when XML 1.0 allows it, dropped when it does not (the spec's Char production)."""
    import re

    from sitegen.feeds import _xml_safe

    everything = "".join(map(chr, range(0x110000)))
    allowed = re.compile("[\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
    assert _xml_safe(everything) == "".join(allowed.findall(everything))
    assert _xml_safe("Keripik Rp15.000") == "Keripik Rp15.000"


def _google_with_elementtree(items, config):
    """The Google feed as ElementTree builds and indents it: the layout feeds.google_merchant writes as text."""
    import xml.etree.ElementTree as ET

    def add(parent, tag, text):
        ET.SubElement(parent, tag.replace("g:", f"{{{feeds.GOOGLE_NS}}}")).text = feeds._xml_safe(text)

    rss = ET.Element("rss", {"version": "2.0"})
    channel = ET.SubElement(rss, "channel")
    for tag, text in (("title", config.title), ("link", config.base_url),
                      ("description", config.description or config.title)):
        add(channel, tag, text)
    for i in items:
        entry = ET.SubElement(channel, "item")
        for tag, text in (("g:id", i.id), ("title", i.title), ("description", i.description), ("link", i.link),
                          ("g:image_link", i.image_link), ("g:availability", feeds.AVAILABILITY[i.status].replace(" ", "_")),
                          ("g:condition", "new"), ("g:price", f"{i.price} IDR"), ("g:brand", i.brand),
                          ("g:item_group_id", i.item_group_id), ("g:size", i.size),
                          ("g:availability_date", i.available_from)):
            if text:
                add(entry, tag, text)
    ET.indent(rss)
    return f'<?xml version="1.0" encoding="utf-8"?>\n{ET.tostring(rss, encoding="unicode")}\n'


def test_google_feed_is_what_elementtree_would_write():
    """Hostile and awkward text (markup, ampersands, quotes, forbidden controls, newlines, emoji) and an
    empty channel description come out byte for byte as ElementTree serialises them."""
    from types import SimpleNamespace

    config = SimpleNamespace(title="Katalog <Kebumen> & \"Desa\"", base_url="https://example.org/k/", description="")
    items = [item(title="Keripik </title><script>x</script>", description="Renyah\x01 & gurih\nenak 🌶 'pedas'",
                  brand="KUB \ufffe Sidomulyo", item_group_id="keripik", size="\x02", status="pre-order",
                  available_from="2026-12-24T00:00+0700"),
             item(id="sagon", title="Sagon", description="Manis", status="habis")]
    assert feeds.google_merchant(items, config) == _google_with_elementtree(items, config)
    config.description = "Produk desa"
    assert feeds.google_merchant([], config) == _google_with_elementtree([], config)
    # A value of nothing but forbidden characters is an empty element, as ElementTree writes it.
    assert "      <g:size />" in feeds.google_merchant(items, config)


def test_meta_csv_cleans_a_cell_before_its_formula_check():
    """A forbidden control character in front must not hide a formula from the check."""
    row = rows(feeds.meta_csv([item(title="\x01=HYPERLINK(\"http://x\")")]))[0]
    assert row["title"] == "'=HYPERLINK(\"http://x\")"


def test_the_sitemap_leaves_out_the_pages_marked_noindex():
    from sitegen.config import SiteConfig
    from sitegen.urls import BASKET_PAGE

    config = SiteConfig(title="Tes", base_url="https://kub.github.io/katalog/")
    text = feeds.sitemap(["index.html", "404.html", BASKET_PAGE, "produk/keripik/index.html"], config)
    assert text.count("<loc>") == 2 and "keranjang" not in text and "404" not in text
    assert "<loc>https://kub.github.io/katalog/produk/keripik/</loc>" in text


def test_a_link_whose_address_was_removed_keeps_no_rel_and_summaries_skip_headings_and_tables():
    from sitegen.markup import render_markdown, summarise

    html = render_markdown('[x](javascript:alert(1)) dan [y](https://a.id) [z](javascript:1 "t")')
    assert html == ('<p><a>x</a> dan <a href="https://a.id" rel="nofollow noopener noreferrer">y</a> '
                    '<a title="t">z</a></p>')  # valid HTML: rel only where there is an href
    text = "# Judul\n\nDeskripsi dengan **tebal**.\n\n| a | b |\n|---|---|\n| sel | sel2 |\n\nParagraf dua."
    assert summarise(text) == "Deskripsi dengan tebal. Paragraf dua."
    assert summarise("- satu\n- dua") == "satu dua"  # no paragraph at all: every word
