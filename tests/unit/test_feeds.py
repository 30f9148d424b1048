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
