"""Parsers of volunteer-written values."""

import datetime

import pytest

from sitegen import fields
from sitegen.errors import FieldProblem


@pytest.mark.parametrize("value, expected", [
    (15000, 15000), ("15000", 15000), ("15.000", 15000), ("Rp 15.000", 15000),
    ("Rp15.000", 15000), ("rp. 1.250.000", 1250000), (" 32.000 ", 32000),
])
def test_price_accepts_what_volunteers_write(value, expected):
    assert fields.parse_price(value) == expected


@pytest.mark.parametrize("value, problem", [
    ("15.000,-", "price_invalid"), ("15,000", "price_invalid"), ("lima ribu", "price_invalid"),
    (True, "price_invalid"), (None, "price_invalid"), ([15000], "price_invalid"), ("1.50", "price_invalid"),
    (0, "price_range"), (-5, "price_range"), (10**10, "price_range"),
])
def test_price_rejects_unclear_values(value, problem):
    with pytest.raises(FieldProblem) as caught:
        fields.parse_price(value)
    assert caught.value.key == problem


@pytest.mark.parametrize("value", [
    "0812-3456-7890", "0812 3456 7890", "+62 812 3456 7890", "62812-3456-7890", "6281234567890",
    6281234567890, "812 3456 7890", "(0812) 3456.7890",
])
def test_phone_normalises_to_wa_me_digits(value):
    assert fields.parse_phone(value) == "6281234567890"


@pytest.mark.parametrize("value", ["", "12345", "0212-555-1234", "+1 555 123 4567", "0812", "08123456789012345", True, "0812-abc"])
def test_phone_rejects_non_indonesian_mobile_numbers(value):
    with pytest.raises(FieldProblem) as caught:
        fields.parse_phone(value)
    assert caught.value.key == "phone_invalid"


@pytest.mark.parametrize("value, expected", [
    ("tersedia", "tersedia"), ("Habis", "habis"), ("pre-order", "pre-order"), ("Pre Order", "pre-order"),
    ("preorder", "pre-order"), ("sold out", "habis"), ("available", "tersedia"),
])
def test_status(value, expected):
    assert fields.parse_status(value) == expected


def test_unknown_status_lists_choices():
    with pytest.raises(FieldProblem) as caught:
        fields.parse_status("dijual")
    assert caught.value.args_["choices"] == "tersedia, habis, pre-order"


@pytest.mark.parametrize("text, slug", [
    ("Keripik Pare", "keripik-pare"), ("Kue Kering Nastar (500 g)", "kue-kering-nastar-500-g"),
    ("Rengginang Ketéla!", "rengginang-ketela"), ("  ", ""),
])
def test_slugify(text, slug):
    assert fields.slugify(text) == slug


@pytest.mark.parametrize("name", ["Keripik", "keripik pare", "keripik_pare", "-x", "é"])
def test_check_slug_rejects_and_suggests(name):
    with pytest.raises(FieldProblem) as caught:
        fields.check_slug(name)
    assert caught.value.key == "slug_invalid"


def test_date_from_yaml_date_and_text():
    assert fields.parse_date(datetime.date(2026, 3, 1)) == datetime.date(2026, 3, 1)
    assert fields.parse_date("2026-03-01") == datetime.date(2026, 3, 1)
    with pytest.raises(FieldProblem):
        fields.parse_date("1 Maret 2026")


def test_text_is_single_line_and_bounded():
    assert fields.parse_text("  Keripik \n Pare ") == "Keripik Pare"
    with pytest.raises(FieldProblem):
        fields.parse_text("x" * 301)
    with pytest.raises(FieldProblem):
        fields.parse_text({"a": 1})


def test_hint_suggests_closest_or_lists_known():
    assert fields.hint("prise", ["price", "name", "unit"]) == "`price`"
    assert fields.hint("zzz", ["b", "a"]) == "`a`, `b`"
