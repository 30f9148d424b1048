"""Plural strings: a count takes the form CLDR's rules give in the site language, and themes override forms."""

from __future__ import annotations

import pytest
from babel import Locale

from sitegen.i18n import LANGUAGES, Strings, flatten, load_strings, merge_strings, plural_form

PHOTOS = {"one": "See {count} more photo", "other": "See {count} more photos"}


@pytest.mark.parametrize("language, count, form", [
    ("en", 1, "one"), ("en", 0, "other"), ("en", 2, "other"), ("en", 11, "other"), ("en", 21, "other"),
    ("id", 1, "other"), ("id", 0, "other"), ("id", 2, "other"),
    ("en", 1.5, "other"),  # not a whole number: babel's rules, as for any other language
    ("ru", 3, "few"), ("ru", 5, "many"), ("ru", 21, "one"),
])
def test_plural_form_follows_cldr(language, count, form):
    assert plural_form(language, count) == form


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_built_in_rules_for_whole_numbers_are_babels(language):
    """The site languages' rules are written out so a report needs no babel; they must stay CLDR's."""
    rule = Locale.parse(language).plural_form
    assert [plural_form(language, n) for n in range(-3, 1201)] == [rule(n) for n in range(-3, 1201)]


@pytest.mark.parametrize("language, count, text", [
    ("en", 1, "See 1 more photo"), ("en", 2, "See 2 more photos"), ("en", 0, "See 0 more photos"),
    ("id", 1, "See 1 more photos"),  # Indonesian has no `one`: its single form is `other`
])
def test_t_picks_the_form_for_the_count(language, count, text):
    assert Strings(language, {"ui.more_photos": PHOTOS}).t("ui.more_photos", count=count) == text


def test_a_plain_string_serves_every_count_and_a_missing_form_falls_back_to_other():
    strings = Strings("en", {"plain": "{count} foto", "partial": {"other": "{count} items"}})
    assert [strings.t("plain", count=n) for n in (1, 2)] == ["1 foto", "2 foto"]
    assert strings.t("partial", count=1) == "1 items"


def test_without_a_count_t_gives_the_other_template_to_fill_in_later():
    assert Strings("en", {"ui.more_photos": PHOTOS}).t("ui.more_photos") == "See {count} more photos"


def test_forms_lists_every_form_for_a_script_and_always_other():
    strings = Strings("en", {"ui.more_photos": PHOTOS, "plain": "{count} x"})
    assert strings.forms("ui.more_photos") == PHOTOS
    assert strings.forms("plain") == {"other": "{count} x"}
    with pytest.raises(KeyError, match="no en string for 'missing'"):
        strings.forms("missing")


def test_a_plural_string_without_other_names_itself():
    strings = Strings("en", {"ui.more_photos": {"one": "See {count} more photo"}})
    with pytest.raises(KeyError, match="'ui.more_photos' has no `other` form"):
        strings.t("ui.more_photos", count=2)


def test_flatten_keeps_a_plural_string_as_one_entry_and_nested_tables_dotted():
    tree = {"ui": {"more_photos": PHOTOS, "home": "Home", "status": {"habis": "Sold out"}}}
    assert flatten(tree) == {"ui.more_photos": PHOTOS, "ui.home": "Home", "ui.status.habis": "Sold out"}


@pytest.mark.parametrize("below, above, merged", [
    (PHOTOS, {"one": "One more photo"}, {"one": "One more photo", "other": "See {count} more photos"}),
    (PHOTOS, "More photos ({count})", "More photos ({count})"),
    ("Lihat {count} foto lainnya", {"one": "x"}, {"other": "Lihat {count} foto lainnya", "one": "x"}),
    (None, {"other": "y"}, {"other": "y"}),
])
def test_a_theme_overrides_plural_forms_one_by_one(below, above, merged):
    assert merge_strings(below, above) == merged


def test_a_site_theme_overrides_the_built_in_forms_and_the_cache_keeps_them(tmp_path):
    theme, builtin = tmp_path / "desa", tmp_path / "default"
    for folder, text in ((builtin, 'ui:\n  more_photos:\n    one: "See {count} more photo"\n'
                                   '    other: "See {count} more photos"\n  members: "{count} members"\n'),
                         (theme, 'ui:\n  more_photos:\n    one: "One more photo"\n'
                                 '  members:\n    one: "{count} member"\n    other: "{count} members"\n')):
        (folder / "strings").mkdir(parents=True)
        (folder / "strings" / "en.yaml").write_text(text, encoding="utf-8")
    for _ in range(2):  # made, then read back from the cache
        strings = load_strings((theme, builtin), "en", tmp_path / "cache")
        assert [strings.t("ui.more_photos", count=n) for n in (1, 3)] == ["One more photo", "See 3 more photos"]
        assert [strings.t("ui.members", count=n) for n in (1, 3)] == ["1 member", "3 members"]
