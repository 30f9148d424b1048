"""Remembered pages: reused only when every input is the same and the output still holds them."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

from sitegen.fingerprint import digest_files
from sitegen.output import Kept, digest
from sitegen.pagememo import PageMemo
from sitegen.pages import PageSpec


@dataclass(frozen=True)
class Item:
    name: str
    day: datetime.date


def build_pages(tmp_path: Path, specs: list[PageSpec], shared=None,
                companions=None) -> tuple[dict[str, bytes], list[str]]:
    """One build's rendering through the memo: the pages, and which were rendered."""
    rendered: list[str] = []
    output, code = tmp_path / "output", tmp_path / "code"
    code.mkdir(exist_ok=True)
    (code / "template.html").write_text("v1")

    def render(spec: PageSpec) -> bytes:
        rendered.append(spec.path)
        return f"{spec.path}: {spec.context}".encode()

    # What the output holds, as its manifest would vouch for it: the digest of each file there now.
    held = {p.relative_to(output).as_posix(): digest(p.read_bytes()) for p in output.rglob("*") if p.is_file()}
    memo = PageMemo(tmp_path / "state", held, shared or {"site": "Tes"}, digest_files([code]), companions)
    pages = {spec.path: memo.page(spec, render) for spec in specs}
    memo.save()
    for path, data in pages.items():
        if isinstance(data, Kept):  # the output holds it: the writer would link it, not write it
            assert data.digest == held[path]
            pages[path] = (output / path).read_bytes()
            continue
        (output / path).parent.mkdir(parents=True, exist_ok=True)
        (output / path).write_bytes(data)
    return pages, rendered


def specs(name: str = "Keripik") -> list[PageSpec]:
    item = Item(name, datetime.date(2026, 3, 15))
    return [PageSpec("index.html", "home.html", {"items": (item,)}),
            PageSpec("produk/a/index.html", "product.html", {"item": Item("Sagon", datetime.date(2026, 1, 1))})]


def test_unchanged_pages_are_taken_from_the_output(tmp_path):
    first, rendered = build_pages(tmp_path, specs())
    assert rendered == ["index.html", "produk/a/index.html"]
    again, rendered = build_pages(tmp_path, specs())
    assert rendered == [] and again == first


def test_a_changed_value_or_shared_input_renders_again(tmp_path):
    build_pages(tmp_path, specs())
    _, rendered = build_pages(tmp_path, specs("Keripik Pedas"))
    assert rendered == ["index.html"]
    _, rendered = build_pages(tmp_path, specs("Keripik Pedas"), {"site": "Tas"})
    assert rendered == ["index.html", "produk/a/index.html"]


def test_a_page_changed_in_the_output_or_an_unknown_value_renders_again(tmp_path):
    build_pages(tmp_path, specs())
    (tmp_path / "output" / "index.html").write_text("edited by hand")
    _, rendered = build_pages(tmp_path, specs())
    assert rendered == ["index.html"]
    odd = [PageSpec("x.html", "x.html", {"callback": lambda: 1})]
    build_pages(tmp_path, odd)
    _, rendered = build_pages(tmp_path, odd)
    assert rendered == ["x.html"]


def test_a_companion_counts_only_for_the_pages_holding_its_value(tmp_path):
    """A photo's image plan is not in every page's key, only in those of pages holding the photo."""
    plans = {"Keripik": "plan-1", "Sagon": "plan-1"}
    companions = {Item: lambda item: plans[item.name]}
    build_pages(tmp_path, specs(), companions=companions)
    plans["Sagon"] = "plan-2"  # the product page's photo was replaced
    _, rendered = build_pages(tmp_path, specs(), companions=companions)
    assert rendered == ["produk/a/index.html"]
    _, rendered = build_pages(tmp_path, specs(), companions=companions)
    assert rendered == []
