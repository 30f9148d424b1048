"""UI and error strings per language, read from the theme's `strings/<lang>.yaml` files.

A string that counts something may be a mapping of CLDR plural forms (`{one: "{count} photo",
other: "{count} photos"}`); `t(key, count=n)` picks the form the language uses for n.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

from sitegen.bytememo import remembered
from sitegen.errors import SiteError, SiteWarning

LANGUAGES = ("id", "en")
DEFAULT_LANGUAGE = "id"
PLURAL_FORMS = frozenset({"zero", "one", "two", "few", "many", "other"})  # CLDR's plural categories

# CLDR's rules for whole numbers in the site languages, as babel has them (a test compares them):
# a no-op rebuild reports its counts without importing babel and loading its locale data (~40 ms).
_WHOLE_NUMBER_FORMS = {"id": lambda n: "other", "en": lambda n: "one" if n == 1 else "other"}

Template = str | Mapping[str, str]  # one text for every count, or one per plural form


@dataclass(frozen=True, slots=True)
class Strings:
    """The strings of one language; `t(key, **args)` fills in a message."""

    language: str
    table: Mapping[str, Template]

    def t(self, name: str, /, **args: Any) -> str:
        """Return the string `name` with `{placeholders}` filled from `args`; of a plural string,
        the form for `args["count"]` (without a count: its `other` form, a template to fill in later)."""
        template = self._template(name)
        if not isinstance(template, str):
            form = plural_form(self.language, args["count"]) if "count" in args else "other"
            template = template.get(form) or _other_form(name, template)
        return template.format_map({key: as_written(value) for key, value in args.items()}) if args else template

    def forms(self, name: str) -> dict[str, str]:
        """The plural forms of the string `name` as {form: template}, for a script that counts in the browser."""
        template = self._template(name)
        return {"other": template} if isinstance(template, str) else {"other": _other_form(name, template), **template}

    def _template(self, name: str) -> Template:
        template = self.table.get(name)
        if template is None:
            raise KeyError(f"no {self.language} string for {name!r}")
        return template

    def format_error(self, error: SiteError) -> str:
        """Render an error as `path:line: what — fix`."""
        what = self.t(f"errors.{error.key}.what", **error.args)
        fix = self.t(f"errors.{error.key}.fix", **error.args)
        return f"{error.ref}: {what} — {fix}"

    def format_warning(self, warning: SiteWarning) -> str:
        """Render a warning as `path:line: warning: what — fix`."""
        what = self.t(f"warnings.{warning.key}.what", **warning.args)
        fix = self.t(f"warnings.{warning.key}.fix", **warning.args)
        return f"{warning.ref}: {self.t('cli.warning')}: {what} — {fix}"


def plural_form(language: str, count: Any) -> str:
    """The CLDR plural form (`one`, `other`, ...) that `language` uses for the number `count`."""
    if type(count) is int and language in _WHOLE_NUMBER_FORMS:
        return _WHOLE_NUMBER_FORMS[language](abs(count))
    return _plural_rule(language)(count)


@functools.cache
def _plural_rule(language: str):
    from babel import Locale

    return Locale.parse(language).plural_form


def _other_form(name: str, forms: Mapping[str, str]) -> str:
    if "other" not in forms:
        raise KeyError(f"the plural string {name!r} has no `other` form")
    return forms["other"]


def as_written(value: Any) -> Any:
    """A list or mapping as YAML flow (`{name: 250 g}`), the way a volunteer writes it, never Python's repr."""
    if not isinstance(value, (list, tuple, Mapping)):
        return value
    import yaml  # here, not at the top: an unchanged rebuild replays its report without YAML (~16 ms)

    try:
        dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
        return yaml.dump(_plain(value), Dumper=dumper, default_flow_style=True, allow_unicode=True,
                         sort_keys=False, width=10_000).strip()
    except yaml.YAMLError:  # a value YAML cannot write (never from a volunteer's file): its plain text
        return str(value)


def _plain(value: Any) -> Any:
    """Tuples and read-only mappings as the lists and dicts a YAML dumper knows."""
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if isinstance(value, Mapping):
        return {key: _plain(item) for key, item in value.items()}
    return value


def flatten(tree: Mapping[str, Any], prefix: str = "") -> dict[str, Template]:
    """Turn nested string tables into one dict with dotted keys; a plural string stays one mapping."""
    flat: dict[str, Template] = {}
    for key, value in tree.items():
        name = f"{prefix}{key}"
        if is_plural(value):
            flat[name] = {str(form): str(text) for form, text in value.items()}
        elif isinstance(value, Mapping):
            flat.update(flatten(value, name + "."))
        else:
            flat[name] = str(value)
    return flat


def is_plural(value: Any) -> bool:
    """Whether a table entry is a plural string: a mapping whose keys are all CLDR plural forms."""
    return isinstance(value, Mapping) and bool(value) and set(value) <= PLURAL_FORMS


def merge_strings(below: Template | None, above: Template) -> Template:
    """A theme's string over the one it overrides: plural forms override form by form, so a
    theme may give just `one`; a plain string stands for every count."""
    if isinstance(above, str) or below is None:
        return above
    return {**({"other": below} if isinstance(below, str) else below), **above}


def load_strings(theme_dirs: tuple[Path, ...], language: str, cache_dir: Path | None = None) -> Strings:
    """Merge `strings/<language>.yaml` over the theme chain; earlier dirs override later ones.

    With `cache_dir`, the merged table is kept in its derived cache (bytememo) as JSON, under a digest of the files:
    parsing the YAML tables costs ~20 ms, on every build and every preview rebuild.
    """
    paths = [d / "strings" / f"{language}.yaml" for d in reversed(theme_dirs)]
    texts = [(path, path.read_text(encoding="utf-8")) for path in paths if path.is_file()]

    def parse() -> bytes:
        import yaml

        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's when present
        table: dict[str, Template] = {}
        for _, text in texts:
            for name, template in flatten(yaml.load(text, Loader=loader) or {}).items():
                table[name] = merge_strings(table.get(name), template)
        return json.dumps(table, sort_keys=True).encode("utf-8")

    inputs = "\0".join(f"{path}\0{text}" for path, text in texts)  # each path names its language
    return Strings(language, json.loads(remembered(cache_dir, inputs, __file__, parse)))
