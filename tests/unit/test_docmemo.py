"""The document memo: a remembered parse equals a fresh one, and only changed bytes are parsed again."""

from __future__ import annotations

import datetime
import os

from sitegen.docmemo import DocumentMemo
from sitegen.sourcefile import read_source

TEXT = """---
name: Keripik Pare
price: "15.000"
variants:
  - {name: 100 g, price: 10000}
date: 2026-03-01
tags: [oleh-oleh]
---
**Renyah** dan pahit.
"""


def _remembered(tmp_path, text: str):
    source = tmp_path / "index.md"
    source.write_text(text, encoding="utf-8")
    first = DocumentMemo(tmp_path)
    fresh = first.read_source(source, "content/products/x/index.md")
    first.save()
    return fresh, DocumentMemo(tmp_path).read_source(source, "content/products/x/index.md"), source


def test_a_remembered_parse_equals_a_fresh_one_with_every_line(tmp_path):
    fresh, remembered, source = _remembered(tmp_path, TEXT)
    assert remembered == read_source(source, "content/products/x/index.md") == fresh
    assert remembered.fields.lines == fresh.fields.lines and remembered.fields.line == fresh.fields.line
    assert remembered.fields["variants"][0].lines == fresh.fields["variants"][0].lines
    assert remembered.fields["date"] == datetime.date(2026, 3, 1)


def test_an_edit_within_the_same_second_is_parsed_again(tmp_path):
    _, _, source = _remembered(tmp_path, TEXT)
    stat = source.stat()
    source.write_text(TEXT.replace("Keripik", "Kripik"), encoding="utf-8")
    os.utime(source, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same size and time, other bytes
    assert DocumentMemo(tmp_path).read_source(source, "x/index.md").fields["name"] == "Kripik Pare"


def test_values_json_cannot_hold_exactly_are_parsed_every_time(tmp_path):
    text = TEXT.replace("date: 2026-03-01", "date: 2026-03-01 10:00:00")
    _remembered(tmp_path, text)
    assert not any(key.startswith("d") for key in DocumentMemo(tmp_path).previous)


def test_markdown_is_rendered_once_per_text(tmp_path):
    calls = []

    def render(text):
        calls.append(text)
        return f"<p>{text}</p>", text, "text_plain_tags"

    memo = DocumentMemo(tmp_path)
    assert memo.markdown("a", render) == ("<p>a</p>", "a", "text_plain_tags")
    memo.save()
    assert DocumentMemo(tmp_path).markdown("a", render) == ("<p>a</p>", "a", "text_plain_tags")
    assert calls == ["a"]


def test_every_kind_of_plain_value_comes_back_as_parsed(tmp_path):
    """Null, booleans, zero, empty text and lists, nested lists and mappings: JSON holds most of them
    as themselves, so each must come back as exactly the value and type YAML gave."""
    text = ("---\nname: ''\nhalal:\npirt: null\nbaru: true\nhabis: false\nweight_g: 0\ntags: []\n"
            "grid: [[1, 2], [], [a, null]]\nalt: {depan.jpg: Depan, 2026-01-01: x}\nmap: {}\n---\n")
    fresh, remembered, _ = _remembered(tmp_path, text)
    assert any(key.startswith("d") for key in DocumentMemo(tmp_path).previous)  # it was remembered
    assert remembered == fresh
    assert [type(remembered.fields[k]) for k in ("halal", "baru", "weight_g")] == [type(None), bool, int]
    assert remembered.fields["grid"] == [[1, 2], [], ["a", None]]


def test_a_body_edit_takes_the_fields_from_the_memo_and_they_equal_a_fresh_parse(tmp_path, monkeypatch):
    from sitegen import docmemo

    _, _, source = _remembered(tmp_path, TEXT)
    source.write_text(TEXT.replace("pahit.", "pahit sekali.\n\nTambahan."), encoding="utf-8")
    fresh = read_source(source, "content/products/x/index.md")
    monkeypatch.setattr(docmemo, "parse_fields", None)  # a YAML parse now would fail loudly
    again = DocumentMemo(tmp_path).read_source(source, "content/products/x/index.md")
    assert again == fresh and again.body.endswith("Tambahan.\n") and again.body_line == fresh.body_line == 9
    assert again.fields.lines == fresh.fields.lines


def test_only_the_entries_a_build_used_are_kept_and_a_front_matter_is_kept_once(tmp_path):
    one, two = tmp_path / "a.md", tmp_path / "b.md"
    one.write_text(TEXT, encoding="utf-8")
    two.write_text(TEXT.replace("pahit.", "manis."), encoding="utf-8")
    memo = DocumentMemo(tmp_path)
    memo.read_source(one, "a.md"), memo.read_source(two, "b.md")
    memo.save()
    kinds = sorted(key[0] for key in DocumentMemo(tmp_path).previous)
    assert kinds.count("f") == 1 and kinds.count("d") == 2  # same front matter, two files
    two.unlink()
    memo = DocumentMemo(tmp_path)
    memo.read_source(one, "a.md")
    memo.save()
    assert sorted(key[0] for key in DocumentMemo(tmp_path).previous) == ["d", "f"]
