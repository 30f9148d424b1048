"""Cache folders of drawn files: only what is missing is drawn, only what is accepted is kept."""

from __future__ import annotations

import pytest

from sitegen import cachefile, cards
from sitegen.cards import Card, CardPlan, CardText, make_cards
from sitegen.errors import SiteErrors, SourceRef
from sitegen.fonts import find_fonts


def shout(text: str) -> bytes:
    """A drawing: module level, so pool workers can run it."""
    return text.upper().encode()


@pytest.mark.parametrize("pool_above", [10, 0], ids=["here", "on every core"])
def test_only_missing_files_are_drawn_and_unwanted_ones_go(tmp_path, pool_above):
    folder = tmp_path / "qr"
    folder.mkdir()
    (folder / "a.svg").write_bytes(b"A")  # already drawn
    (folder / "old.svg").write_bytes(b"OLD")  # no longer wanted
    (folder / ".b.svg.123.tmp").write_bytes(b"half")  # left by a killed build
    drawn = cachefile.fill_folder(folder, {"a.svg": "a", "b.svg": "b", "c.svg": "c"}, shout, pool_above)
    assert drawn == {"b.svg": 1, "c.svg": 1}  # the sizes of what was drawn
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == {"a.svg": b"A", "b.svg": b"B", "c.svg": b"C"}


def test_each_drawing_is_written_before_the_next_is_drawn(tmp_path):
    """A cold build of 1,000 products must not hold its 2,000 share cards in memory at once."""
    folder = tmp_path / "cards"
    seen = []

    def draw(name: str) -> bytes:
        seen.append(sorted(p.name for p in folder.iterdir()))
        return name.encode()

    cachefile.fill_folder(folder, {"a.jpg": "a.jpg", "b.jpg": "b.jpg", "c.jpg": "c.jpg"}, draw, 10)
    assert seen == [[], ["a.jpg"], ["a.jpg", "b.jpg"]]


def test_a_drawing_not_accepted_is_not_kept_and_is_drawn_again(tmp_path):
    folder = tmp_path / "cards"
    for _ in range(2):
        drawn = cachefile.fill_folder(folder, {"big.jpg": "x" * 10, "ok.jpg": "y"}, shout, 10,
                                      accept=lambda data: len(data) < 5)
        assert sorted(p.name for p in folder.iterdir()) == ["ok.jpg"]
    assert drawn == {"big.jpg": 10}  # the second time only the rejected one was missing


def test_a_card_over_the_limit_is_an_error_every_build(tmp_path, monkeypatch):
    """No photo makes a card that big (see test_cards); the limit is lowered to reach the path."""
    monkeypatch.setattr(cards, "MAX_CARD_BYTES", 1000)
    card = Card("k1", "cards/produk/x-k1.jpg", False, CardText("Keripik"), (), SourceRef("content/products/x.md", 2))
    plan = CardPlan({"produk/x/index.html": card}, {}, find_fonts(()))
    for _ in range(2):
        with pytest.raises(SiteErrors) as raised:
            make_cards(plan, tmp_path)
        [error] = raised.value.errors
        assert error.key == "card_too_big" and error.ref == card.ref
        assert list((tmp_path / "cards").iterdir()) == []


@pytest.mark.parametrize("value", [
    {"price": 10 ** 30},  # a volunteer's price of 31 digits: beyond orjson's 64-bit integers
    {"name": "bad \udcff byte"},  # a lone surrogate (an undecodable byte kept by surrogateescape)
    {"nested": [{"x": 1}, "é", None, True, -3]},
], ids=["huge integer", "lone surrogate", "plain"])
def test_cache_json_keeps_every_value_the_standard_library_kept(tmp_path, value):
    path = tmp_path / "memo.json"
    cachefile.write_json(path, value, sort_keys=True)
    assert cachefile.read_json(path) == value


def test_cache_json_reads_what_the_standard_library_wrote_and_writes_keys_as_it_did(tmp_path):
    import json

    old = tmp_path / "old.json"
    old.write_text(json.dumps({"files": {"a.html": ["d1", 5, 10 ** 19, 7]}, "ratio": float("nan")}))
    read = cachefile.read_json(old)  # NaN: not JSON to orjson, read by the standard library
    assert read["files"] == {"a.html": ["d1", 5, 10 ** 19, 7]} and read["ratio"] != read["ratio"]
    new = tmp_path / "new.json"
    cachefile.write_json(new, {"lines": {1: 4, "b": 5, "a": 6}}, sort_keys=True)  # YAML keys may be numbers
    assert cachefile.read_json(new) == json.loads(json.dumps({"lines": {1: 4, "b": 5, "a": 6}}))
    assert list(cachefile.read_json(new)["lines"]) == ["1", "a", "b"]
