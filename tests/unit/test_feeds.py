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
