"""Golden pages of the example catalogue: any change to the HTML shows up as a reviewed diff.

Regenerate with `python -m pytest tests/test_golden.py --update-golden` and review the diff.
"""

from __future__ import annotations

import difflib
import re
import shutil
from pathlib import Path

import pytest

EXPECTED = Path(__file__).parent / "golden" / "example"
GOLDEN_SUFFIXES = (".html", ".xml", ".txt", ".json", ".csv", ".atom", ".webmanifest", ".svg")  # not .js: copies of the theme
# Placeholders are encoded by Pillow, whose bytes may change between its releases.
_DATA_URI = re.compile(r"data:image/webp;base64,[A-Za-z0-9+/=]+")
# A share card's name hashes the font it is drawn with, which differs between machines.
_CARD_KEY = re.compile(r"(cards/[\w/-]+?-)[0-9a-f]{16}")


def golden_files(folder: Path) -> dict[str, str]:
    """Text files of a built site, keyed by path, with encoder-dependent bytes masked."""
    return {
        p.relative_to(folder).as_posix(): _mask(p.read_text(encoding="utf-8"))
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.suffix in GOLDEN_SUFFIXES
    }


def _mask(text: str) -> str:
    return _CARD_KEY.sub(r"\1…", _DATA_URI.sub("data:image/webp;base64,…", text))


def test_example_pages_match_golden(example_site, update_golden):
    actual = golden_files(example_site)
    if update_golden:
        shutil.rmtree(EXPECTED, ignore_errors=True)
        for rel, text in actual.items():
            (EXPECTED / rel).parent.mkdir(parents=True, exist_ok=True)
            (EXPECTED / rel).write_text(text, encoding="utf-8")
        pytest.skip("golden files rewritten; review the diff")
    expected = golden_files(EXPECTED)
    assert sorted(actual) == sorted(expected), "set of pages changed; run with --update-golden and review"
    diffs = [
        "".join(difflib.unified_diff(expected[rel].splitlines(True), actual[rel].splitlines(True), rel, rel))
        for rel in sorted(actual)
        if actual[rel] != expected[rel]
    ]
    assert not diffs, "\n".join(diffs)[:20000]
