"""Remembered pages: reused only when every input is the same and the output still holds them."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

import pytest

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


@dataclass(frozen=True, slots=True)
class Story:
    slug: str
    name: str
    text: str


TEXTS = {Story: ("text",)}


def story_pages(text: str = "Renyah.", name: str = "Keripik", stranger: Story | None = None) -> tuple[list, dict]:
    """A listing that shows only names (or the text of a story called "Baru"), a page that shows
    the story's text, and, given a `stranger`, a page that reads the text of a story it does not hold."""
    story, other = Story("keripik", name, text), Story("sagon", "Sagon", "Manis.")
    renders = {
        "index.html": lambda c: " ".join(s.text if s.name == "Baru" else s.name for s in c["stories"]),
        "produk/keripik/index.html": lambda c: f"{c['story'].name}: {c['story'].text}",
        "lain/index.html": lambda c: f"{c['story'].name} / {stranger.text if stranger else ''}",
    }
    pages = [PageSpec("index.html", "home.html", {"stories": (story, other)}),
             PageSpec("produk/keripik/index.html", "product.html", {"story": story}),
             PageSpec("lain/index.html", "other.html", {"story": other})]
    return pages, renders


def build_story_pages(tmp_path: Path, pages: list, renders: dict, texts=TEXTS) -> tuple[dict[str, bytes], list[str]]:
    rendered: list[str] = []
    output = tmp_path / "output"
    held = {p.relative_to(output).as_posix(): digest(p.read_bytes()) for p in output.rglob("*") if p.is_file()}
    memo = PageMemo(tmp_path / "state", held, {"site": "Tes"}, "code", texts=texts)

    def render(spec: PageSpec) -> bytes:
        rendered.append(spec.path)
        return renders[spec.path](spec.context).encode()

    result = {spec.path: memo.page(spec, render) for spec in pages}
    memo.save()
    for path, data in result.items():
        if isinstance(data, Kept):
            result[path] = (output / path).read_bytes()
        else:
            (output / path).parent.mkdir(parents=True, exist_ok=True)
            (output / path).write_bytes(data)
    return result, rendered


def test_a_text_counts_only_for_the_pages_that_read_it(tmp_path):
    _, rendered = build_story_pages(tmp_path, *story_pages())
    assert rendered == ["index.html", "produk/keripik/index.html", "lain/index.html"]
    pages, rendered = build_story_pages(tmp_path, *story_pages("Renyah sekali."))
    assert rendered == ["produk/keripik/index.html"]  # the listing shows only the name
    assert pages["produk/keripik/index.html"] == b"Keripik: Renyah sekali."
    assert pages["index.html"] == b"Keripik Sagon"


def test_a_page_that_starts_reading_a_text_depends_on_it_from_then_on(tmp_path):
    build_story_pages(tmp_path, *story_pages())
    pages, rendered = build_story_pages(tmp_path, *story_pages(name="Baru"))  # the listing now shows the text
    assert "index.html" in rendered and pages["index.html"] == b"Renyah. Sagon"
    pages, rendered = build_story_pages(tmp_path, *story_pages("Garing.", name="Baru"))
    assert "index.html" in rendered and pages["index.html"] == b"Garing. Sagon"
    _, rendered = build_story_pages(tmp_path, *story_pages("Garing.", name="Baru"))
    assert rendered == []


def test_a_text_read_from_outside_the_context_is_read_again_every_time(tmp_path):
    # The page reads a story it does not hold: the memo cannot key it, so it is never taken as it was.
    stranger = Story("tiwul", "Tiwul", "Gurih.")
    for text in ("Gurih.", "Gurih.", "Pedas."):
        stranger = Story("tiwul", "Tiwul", text)
        pages, rendered = build_story_pages(tmp_path, *story_pages(stranger=stranger))
        assert "lain/index.html" in rendered and pages["lain/index.html"] == f"Sagon / {text}".encode()


def test_only_a_slot_can_be_watched(tmp_path):
    with pytest.raises(TypeError, match="no slot"):
        PageMemo(tmp_path / "state", {}, {}, "code", texts={Item: ("name",)})


def test_a_memo_that_watches_no_text_still_remembers_pages_after_one_that_did(tmp_path):
    build_story_pages(tmp_path, *story_pages())  # the slots of Story stay watched in this process
    _, rendered = build_story_pages(tmp_path, *story_pages(), texts=None)
    assert rendered == ["index.html", "produk/keripik/index.html", "lain/index.html"]  # keys of another kind
    _, rendered = build_story_pages(tmp_path, *story_pages(), texts=None)
    assert rendered == []
