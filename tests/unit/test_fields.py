"""Parsers of volunteer-written values."""

import datetime

import pytest

from sitegen import fields, schema
from sitegen.errors import FieldProblem


@pytest.mark.parametrize("value, expected", [
    (15000, 15000), ("15000", 15000), ("15.000", 15000), ("Rp 15.000", 15000),
    ("Rp15.000", 15000), ("rp. 1.250.000", 1250000), (" 32.000 ", 32000),
    ("Rp 15.000,-", 15000), ("15.000,-", 15000), ("15000,-", 15000), ("Rp15.000,00", 15000),
    ("15.000,00", 15000), ("15rb", 15000), ("15 rb", 15000), ("15 ribu", 15000), ("15 Ribu", 15000),
    ("15K", 15000), ("15k", 15000), ("Rp 15rb", 15000), ("Rp. 1.500 ribu", 1500000), ("250rb", 250000),
    ("“Rp 15.000”", 15000), ("‘15.000’", 15000),  # quotes a phone keyboard made curly
])
def test_price_accepts_what_volunteers_write(value, expected):
    assert fields.parse_price(value) == expected


@pytest.mark.parametrize("value, problem", [
    ("15,000", "price_invalid"), ("lima ribu", "price_invalid"), ("1,5", "price_invalid"),
    ("15.5", "price_invalid"), ("lima belas ribu", "price_invalid"), ("1,5rb", "price_invalid"),
    ("15.000,50", "price_invalid"), ("15.000,-,-", "price_invalid"), ("15 juta", "price_invalid"),
    ("15rbu", "price_invalid"), ("15.000,", "price_invalid"), ("Rp 15.000,-rb", "price_invalid"),
    (True, "price_invalid"), (None, "price_invalid"), ([15000], "price_invalid"), ("1.50", "price_invalid"),
    (0, "price_range"), (-5, "price_range"), (10**10, "price_range"),
])
def test_price_rejects_unclear_values(value, problem):
    with pytest.raises(FieldProblem) as caught:
        fields.parse_price(value)
    assert caught.value.key == problem


@pytest.mark.parametrize("value", [
    "0812-3456-7890", "0812 3456 7890", "+62 812 3456 7890", "62812-3456-7890", "6281234567890",
    6281234567890, "812 3456 7890", "(0812) 3456.7890", "+62 0812-3456-7890", "+620812 3456 7890",
    "\u0660\u0668\u0661\u0662-\u0663\u0664\u0665\u0666-\u0667\u0668\u0669\u0660",  # an Arabic keyboard's digits
    "\uff10\uff18\uff11\uff12 3456 7890",  # full-width digits
])
def test_phone_normalises_to_wa_me_digits(value):
    assert fields.parse_phone(value) == "6281234567890"


@pytest.mark.parametrize("value, expected", [
    ("(0287) 381234", "62287381234"), ("0287-381234", "62287381234"), ("0287 381 234", "62287381234"),
    ("+62 287 381234", "62287381234"), ("62287381234", "62287381234"), ("(021) 5551 2345", "622155512345"),
    ("021-5551234", "62215551234"), ("(0274) 12345", "6227412345"), ("(0967) 12345678", "6296712345678"),
    ("(0751) 7051234", "627517051234"),
])
def test_phone_accepts_indonesian_fixed_lines_with_their_area_code(value, expected):
    assert fields.parse_phone(value) == expected


@pytest.mark.parametrize("value", [
    "", "12345", "+1 555 123 4567", "0812", "08123456789012345", True, "0812-abc",
    "287381234", "(0287) 1234", "(0287) 381234567", "(02) 381234", "(028712) 381234", "(0187) 381234",
    "0012 345678", "0112345678", "021-1234", "0287 3812 3456 7890", "+44 20 7946 0958", "(0287) 38-12-3x",
    "(02) 1234567\n8",
])
def test_phone_rejects_what_is_neither_mobile_nor_fixed_line(value):
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


@pytest.mark.parametrize("written, meant", [("harga", "price"), ("Desa", "village"), ("kecamatan", "district"),
                                            ("foto", "photos"), ("nama", "name"), ("anggota", "members")])
def test_a_field_named_in_indonesian_is_pointed_to_its_key(written, meant):
    keys = (*schema.keys(schema.PRODUCT_FIELDS), *schema.keys(schema.GROUP_FIELDS))
    assert fields.key_hint(written, keys) == f"`{meant}`"
    assert all(key in keys for meant in fields.KEY_SYNONYMS.values() for key in meant)  # real keys only
    assert fields.key_hint("foto", schema.keys(schema.GROUP_FIELDS)) == "`photo`"  # a group has one photo
    assert fields.hint("harga", ["price", "sido"]) == "`price`, `sido`"  # group slugs, photo names: no synonyms


def test_a_synonym_for_the_other_kind_of_file_is_not_suggested():
    assert fields.key_hint("desa", schema.keys(schema.PRODUCT_FIELDS)) != "`village`"  # products have no village
