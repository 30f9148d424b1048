"""The bundled example built in English: every count agrees with its number, on pages and in the report."""

from __future__ import annotations

import re

from tests.conftest import shopper_pages

COUNTED = r"products?|groups?|members?|photos?|pages?|images?|warnings?|problems?"


def counts_that_disagree(text: str) -> list[str]:
    """`1 products`, `2 product`: a number whose noun has the other form."""
    return [f"{number} {noun}" for number, noun in re.findall(rf"\b(\d+) (?:more )?({COUNTED})\b", text)
            if (number == "1") == noun.endswith("s")]


def read(output, path: str) -> str:
    return (output / path).read_text(encoding="utf-8")


def test_the_scan_finds_counts_that_disagree():
    assert counts_that_disagree("See 1 more photos · 1 products found · 2 member · 3 pages, 1 image") == \
        ["1 photos", "1 products", "2 member"]


def test_one_more_photo_is_singular_and_two_are_plural(english_example):
    output, _ = english_example
    assert "<summary>See 1 more photo</summary>" in read(output, "produk/tas-rajut/index.html")
    assert "<summary>See 2 more photos</summary>" in read(output, "produk/abon-kelapa-krispi/index.html")
    assert re.search(r">See all \d\d products</a>", read(output, "index.html"))


def test_no_page_counts_against_its_number(english_example):
    output, _ = english_example
    wrong = {page.relative_to(output).as_posix(): found for page in shopper_pages(output)
             if (found := counts_that_disagree(page.read_text(encoding="utf-8")))}
    assert wrong == {}


def test_the_report_and_the_warnings_count_in_english(english_example):
    _, result = english_example
    assert re.search(r"output: \d+ pages \([\d.]+ MB\), \d+ images \([\d.]+ MB\)", result.stdout)
    assert "(s)" not in result.stderr
    assert re.search(r"^\d+ warnings?: the site is built", result.stderr, re.MULTILINE)
    assert counts_that_disagree(result.stdout + result.stderr) == []
