"""Both languages carry every message, with the same keys and placeholders, every count string the
plural forms of its language, and the code uses no missing key."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest
import yaml
from babel import Locale

from sitegen import content, fields
from sitegen.errors import FieldProblem
from sitegen.fields import STATUSES
from sitegen.i18n import LANGUAGES, Template, flatten, load_strings

REPO = Path(__file__).resolve().parents[2]
STRINGS = REPO / "themes" / "default" / "strings"
CODE = sorted((REPO / "sitegen").glob("*.py"))
TEMPLATES = sorted((REPO / "themes" / "default" / "templates").glob("*.html"))

# Calls whose message key is a literal argument: name → (argument index, key prefix).
KEYED_CALLS = {
    "FieldProblem": (0, "errors."),
    "_PhotoProblem": (0, "errors."),
    "PhotoProblem": (0, "errors."),
    "SiteError": (1, "errors."),
    "SiteWarning": (1, "warnings."),
    "add": (1, "errors."),  # ErrorBag.add(ref, key, ...)
    "fail": (1, "errors."),  # _FieldReader.fail(field, key, ...)
    "t": (0, ""),  # Strings.t(key, ...)
}
MESSAGE_KEY = re.compile(r"(?:ui|cli|serve|scaffold)\.[a-z_.-]+")
TEMPLATE_KEY = re.compile(r"""\b(?:t|plural_forms)\(\s*['"]([a-z_.-]+)['"]\s*[,)]""")
# Strings whose {count} is not what their words agree with ("Photo 2 of 5").
NOT_AGREEING = {"ui.photo_of"}


def table(language: str) -> dict[str, Template]:
    return flatten(yaml.safe_load((STRINGS / f"{language}.yaml").read_text(encoding="utf-8")))


def forms(template: Template) -> dict[str, str]:
    """A string's texts by plural form; a plain string is the one form `other`."""
    return {"other": template} if isinstance(template, str) else dict(template)


def placeholders(template: Template) -> set[str]:
    """The placeholders of a string, of all its plural forms together."""
    return {name for text in forms(template).values() for _, name, _, _ in string.Formatter().parse(text) if name}


def cldr_forms(language: str) -> set[str]:
    """The plural forms CLDR gives the language: `other` and, for English, `one`."""
    return set(Locale.parse(language).plural_form.tags) | {"other"}


def keys_in_code(path: Path) -> set[str]:
    """Message keys named by literal arguments and full-key literals in one module."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and MESSAGE_KEY.fullmatch(node.value):
            found.add(node.value)
        if not isinstance(node, ast.Call):
            continue
        name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
        index, prefix = KEYED_CALLS.get(name, (None, ""))
        if index is not None and len(node.args) > index:
            argument = node.args[index]
            if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                found.update(_message_keys(prefix + argument.value))
    return found


def _message_keys(key: str) -> set[str]:
    if key.startswith(("errors.", "warnings.")):
        return {key + ".what", key + ".fix"}
    return {key}


def keys_in_templates() -> set[str]:
    found = {key for path in TEMPLATES for key in TEMPLATE_KEY.findall(path.read_text(encoding="utf-8"))}
    return found | {f"ui.status_{status}" for status in STATUSES}  # t('ui.status_' ~ product.status)


def test_both_languages_have_exactly_the_same_keys():
    tables = {language: table(language) for language in LANGUAGES}
    reference = set(tables["id"])
    for language, strings in tables.items():
        assert set(strings) - reference == set(), f"only in {language}.yaml"
        assert reference - set(strings) == set(), f"missing from {language}.yaml"


def test_both_languages_use_the_same_placeholders_in_every_plural_form():
    id_table, en_table = table("id"), table("en")
    different = {key for key in id_table
                 if len({frozenset(placeholders(text)) for template in (id_table[key], en_table.get(key, ""))
                         for text in forms(template).values()}) != 1}
    assert different == set()


def test_the_scan_finds_the_plural_strings_it_should():
    """Guards the next test: plural strings must be read as such, not as tables of `one` and `other`."""
    en = table("en")
    assert forms(en["ui.more_photos"]) == {"one": "See {count} more photo", "other": "See {count} more photos"}
    assert forms(table("id")["ui.more_photos"]) == {"other": "Lihat {count} foto lainnya"}
    assert cldr_forms("en") == {"one", "other"} and cldr_forms("id") == {"other"}
    assert len([key for key in en if "count" in placeholders(en[key])]) > 10


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_count_string_has_exactly_the_plural_forms_of_its_language(language):
    """No more "1 products found": a string that shows a {count} agrees with it, and nothing else is plural."""
    strings = table(language)
    wrong = {key: sorted(forms(template)) for key, template in strings.items()
             if set(forms(template)) != (cldr_forms(language) if "count" in placeholders(template)
                                         and key not in NOT_AGREEING else {"other"})}
    assert wrong == {}


def test_the_scan_finds_the_keys_it_should():
    """Guards the scan itself: a broken scan would make the next test pass vacuously."""
    used = set().union(*map(keys_in_code, CODE))
    for key in ("errors.price_invalid.what", "errors.group_unknown.fix", "warnings.photo_small.what",
                "cli.failed", "cli.warnings", "errors.photo_broken.fix"):
        assert key in used
    assert len(used) > 80


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_key_the_code_and_templates_use_exists(language):
    strings = table(language)
    used = set().union(*map(keys_in_code, CODE)) | keys_in_templates()
    assert sorted(used - set(strings)) == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_error_and_warning_has_a_what_and_a_fix(language):
    strings = table(language)
    for key in strings:
        if key.startswith(("errors.", "warnings.")):
            message = key.rsplit(".", 1)[0]
            assert {message + ".what", message + ".fix"} <= set(strings), message


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("value", [{"name": "250 g"}, ["depan.jpg", "kemasan.jpg"], ({"name": "250 g", "price": 1},)])
def test_messages_show_lists_and_mappings_as_yaml_not_python(language, value):
    """`varian "{'name': '250 g'}"` means nothing to a volunteer; `varian "{name: 250 g}"` is what they wrote."""
    strings = load_strings((STRINGS.parent,), language)
    rendered = {key: strings.t(key, **{name: 2 if name == "count" else value for name in placeholders(text)})
                for key, text in strings.table.items() if placeholders(text)}
    assert len(rendered) > 40
    assert {key: text for key, text in rendered.items() if "{'" in text or "['" in text} == {}
    assert "name: 250 g" in rendered["errors.variant_invalid.what"] or "depan.jpg" in rendered["errors.variant_invalid.what"]


@pytest.mark.parametrize("value, problem, shown", [
    ([{"name": "250 g"}], "variant_invalid", "{name: 250 g}"),
    ([{"name": "250 g", "harga": 32000}], "variant_invalid", "{name: 250 g, harga: 32000}"),
])
def test_a_variant_problem_names_the_variant_as_yaml(value, problem, shown):
    with pytest.raises(FieldProblem) as caught:
        content._parse_variants(value)
    assert (caught.value.key, caught.value.args_["value"]) == (problem, shown)


@pytest.mark.parametrize("value, shown", [
    ([15000], "[15000]"), ({"rp": 15000}, "{rp: 15000}"), ("15,5", "15,5"), (None, ""),
])
def test_field_values_in_messages_are_as_written(value, shown):
    with pytest.raises(FieldProblem) as caught:
        fields.parse_price(value)
    assert caught.value.args_["value"] == shown


@pytest.mark.parametrize("language", ["id", "en"])
def test_no_string_is_written_twice(language):
    """A repeated key silently replaces the first one (a heading once became another sentence)."""
    import yaml

    repeated = []

    class Loader(yaml.SafeLoader):
        pass

    def mapping(loader, node, deep=False):
        keys = [loader.construct_object(key) for key, _ in node.value]
        repeated.extend(key for key in set(keys) if keys.count(key) > 1)
        return yaml.SafeLoader.construct_mapping(loader, node, deep)

    Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, mapping)
    yaml.load((REPO / "themes" / "default" / "strings" / f"{language}.yaml").read_text(encoding="utf-8"), Loader=Loader)
    assert repeated == []
